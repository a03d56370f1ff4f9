// The read loop: one line at a time, each handled to the end (answer streamed) before the next.
import type { Interface } from 'node:readline';
import type { ChatSession } from './session.js';

export const PROMPT = 'you> ';

/**
 * Feeds `rl`'s lines to the session until `/exit` or the end of the input. On a terminal it shows a
 * prompt; otherwise (piped, scripted input) it echoes each line, so the output reads as a transcript.
 */
export async function repl(
  session: ChatSession,
  rl: Interface,
  write: (text: string) => void,
): Promise<void> {
  const tty = rl.terminal;
  rl.setPrompt(PROMPT);
  if (tty) rl.prompt();
  // The async iterator queues lines that arrive while an answer streams, so piped input is read in order.
  for await (const line of rl) {
    if (!tty) write(`${PROMPT}${line}\n`);
    if (!(await session.handle(line))) break;
    if (tty) rl.prompt();
  }
  rl.close();
}
