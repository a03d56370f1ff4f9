// A terminal chat on @aipg/sdk. Run `pnpm start -- --help` for the flags and type /help in the chat.
import { createInterface } from 'node:readline';
import { Grid } from '@aipg/sdk';
import { parseChatArgs, USAGE } from './args.js';
import { repl } from './repl.js';
import { ChatSession } from './session.js';
import { SettingError } from './settings.js';

const write = (text: string) => process.stdout.write(text);

let args: ReturnType<typeof parseChatArgs>;
try {
  args = parseChatArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof SettingError)) throw error;
  process.stderr.write(`${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (args === 'help') {
  write(USAGE);
  process.exit(0);
}

const grid = new Grid({
  apiKey: args.apiKey,
  baseURL: args.baseURL,
  clientAgent: 'aipg-example-chat:0.0.0:https://github.com/AIPowerGrid/aipg-grid-sdk',
});
const session = new ChatSession(grid, args.settings, write);
const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });

// Ctrl-C stops the answer being streamed; with no answer running it ends the chat. On a terminal
// readline reports it; with piped input it arrives as a signal.
const onInterrupt = () => {
  if (!session.interrupt()) rl.close();
};
rl.on('SIGINT', onInterrupt);
process.on('SIGINT', onInterrupt);

write(`Chat on ${grid.baseURL} with ${args.settings.model}. /help lists the commands.\n`);
await repl(session, rl, write);
process.off('SIGINT', onInterrupt);
