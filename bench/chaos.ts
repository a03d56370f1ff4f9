// The chaos run of issue 9's "Done when": `pnpm exec tsx bench/chaos.ts --jobs 1000 [--seed 9]`.
//
// A mock grid runs in this process (startMockGrid, port 0, real clock, `wsLeaseMs` = `popLeaseMs` =
// --lease-ms). Clients and workers reach it only through its doors, over sockets:
//   clients  /v1 chat with `stream: true` (SSE), /v1 chat without, Horde async + status polling; one
//            account (key) per job, so that account's ledger is exactly that job's charges;
//   workers  WebSocket workers speaking openapi/components/ws.yaml frame by frame, and Horde pop workers
//            (pop → submit), misbehaving as a seeded plan says (lib/chaos/plan.ts): per attempt a WS worker
//            answers properly, dies mid-stream (socket cut or closed after some tokens), sends an error
//            frame after some tokens, freezes until the lease runs out and the grid sends `cancel` (then
//            answers `cancelled: true` with the partial text, or streams the rest and a late full `done`),
//            sends `done` twice, or streams its text and then sends a `done` whose `full_text` has 2,000
//            more characters; a pop worker submits once, never, twice, or only after the job went to
//            another attempt; and the real `@aipg/worker` CLI (packages/worker/dist/cli.js, demo backend;
//            `pnpm build` first) behind a frame-forwarding proxy, SIGKILLed mid-stream in a third of its
//            attempts and restarted.
// Failures are triggered by counts and events (after N tokens, on `cancel`, on the next attempt), never by
// sleeping for a duration; the lease is the only clock, and which path a job takes never decides a count.
//
// An attempt is one worker receiving the job (a WS `job` frame or a pop). Its text is derived from (seed,
// job, attempt number) and starts with `j<job>a<attempt>` (the real worker's is the demo backend's for the
// prompt and seed it was given), so every attempt's complete text is distinct and known. An attempt is
// complete once its worker has sent all of that text as its answer. Per job:
//   lost              the client never got an answer: no success and no error (its stream ended without
//                     a finish, its connection broke, or nothing came within --stall-ms).
//   duplicated        answered or paid more than once: more than one finish chunk / choice / Horde
//                     generation, more than one charge on the requester's ledger, more than one `credited`
//                     ledger event, or more than one non-zero payment (WS `ack.den`, Horde `reward`).
//   wrongly delivered the client got a success whose text is not exactly one complete attempt's text
//                     (spliced attempts, a truncated attempt presented as success, text that was never
//                     sent as output).
//   wrongly charged   the requester's charge is not the grid's price of the text the client received
//                     (docs/mock-grid-core.md "Rewards and the ledger": tokens = ceil(chars / 4), at least
//                     1, capped at the job's 64; reward = round2(tokens × 0.1); charge = round2(reward + 1);
//                     0 when the client got no success), or the workers were credited (ledger) or told
//                     (ack / reward) anything but that reward, or an attempt whose text the client did not
//                     receive was paid.
// A job that ends in an error (HTTP error, SSE `error` event, Horde `faulted`) is a correct outcome if
// nobody was charged or paid for it. `--calm` makes every worker behave (the harness's own check: it must
// count 0 on any grid). Exit status 1 when any count is above 0 or the harness's own code threw.
// bench/README.md, section 5, has the same in a table.
import { CHAOS_DEFAULTS, type ChaosOptions, runChaos } from './lib/chaos/run.js';

function parseArgs(argv: string[]): Partial<ChaosOptions> & { jobs: number; json: boolean } {
  const flags: Record<string, keyof ChaosOptions> = {
    '--jobs': 'jobs',
    '--seed': 'seed',
    '--concurrency': 'concurrency',
    '--ws-workers': 'wsWorkers',
    '--pop-workers': 'popWorkers',
    '--real-workers': 'realWorkers',
    '--lease-ms': 'leaseMs',
    '--stall-ms': 'stallMs',
  };
  const numbers: Record<string, number> = { jobs: 1000 };
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') {
      json = true;
      continue;
    }
    if (arg === '--calm') {
      numbers.calm = 1;
      continue;
    }
    const key = flags[arg];
    const value = Number(argv[++i]);
    if (!key || !Number.isFinite(value)) {
      throw new Error(`usage: tsx bench/chaos.ts [${Object.keys(flags).join(' N] [')} N] [--calm] [--json]`);
    }
    numbers[key] = value;
  }
  const { calm, ...rest } = numbers;
  return { ...(rest as unknown as Partial<ChaosOptions> & { jobs: number }), calm: calm === 1, json };
}

const args = parseArgs(process.argv.slice(2));
const report = await runChaos({ ...args, log: (line) => console.error(line) });
if (args.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const seed = args.seed ?? CHAOS_DEFAULTS.seed;
  console.log(`chaos run: ${report.jobs} jobs, seed ${seed}, ${report.seconds} s`);
  console.log(`  lost               ${report.counts.lost}`);
  console.log(`  duplicated         ${report.counts.duplicated}`);
  console.log(`  wrongly delivered  ${report.counts.wronglyDelivered}`);
  console.log(`  wrongly charged    ${report.counts.wronglyCharged}`);
  console.log(`outcomes  ${JSON.stringify(report.outcomes)}  doors ${JSON.stringify(report.doors)}`);
  console.log(`attempts  ${JSON.stringify(report.attempts)}`);
  console.log(`totals    ${JSON.stringify(report.totals)}`);
  const refused = JSON.stringify(report.refusedSubmits);
  console.log(`workers   stuck ${report.stuck}, unacked ${report.unacked}, refused submits ${refused}`);
  console.log(`real      @aipg/worker CLI: ${JSON.stringify(report.real)}`);
  for (const example of report.examples) {
    console.log(`  job ${example.job} [${example.problems.join(', ')}]: ${example.why.join('; ')}`);
  }
}
for (const error of report.harnessErrors) console.error(`harness error: ${error}`);
const failed = Object.values(report.counts).some((n) => n > 0) || report.harnessErrors.length > 0;
process.exit(failed ? 1 : 0);
