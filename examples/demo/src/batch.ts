// A small batch over /v1/files and /v1/batches (the OpenAI Batch API, an AIPG extension of the mock grid):
// upload three request lines as JSONL, run them with grid.batches.createAndPoll, print the batch's progress and
// its output lines. Each line runs as an ordinary /v1 chat job, so its steps also show as [v1] lines above.
import { Grid } from '@aipg/sdk';
import { type Printer, step } from './printer.js';

const QUESTIONS = ['Name a prime number.', 'What colour is the sky?', 'Say hello in French.'];

export interface BatchStep {
  gridUrl: string;
  model: string;
  out: Printer;
  part: (text: string) => void;
  /** The demo's own error, for a batch that did not go all the way. */
  DemoError: new (
    message: string,
  ) => Error;
}

export async function runBatch({ gridUrl, model, out, part, DemoError }: BatchStep): Promise<void> {
  part('3b. a batch over /v1/files and /v1/batches (sdk grid.files.create, grid.batches.createAndPoll)');
  // Files and batches belong to a key, so not the shared anonymous one.
  const sdk = new Grid({
    baseURL: gridUrl,
    apiKey: 'grid_demo_batch_key',
    clientAgent: 'aipg-example-demo:0.0.0:local',
  });
  const jsonl = QUESTIONS.map((content, i) =>
    JSON.stringify({
      custom_id: `q${i + 1}`,
      method: 'POST',
      url: '/v1/chat/completions',
      body: { model, messages: [{ role: 'user', content }], max_tokens: 24 },
    }),
  ).join('\n');
  const file = await sdk.files.create({ file: jsonl, filename: 'demo-batch.jsonl' });
  out.line(
    'batch',
    `${step('uploaded')}${file.filename}: ${QUESTIONS.length} request lines, ${file.bytes} bytes (${file.id})`,
  );
  let last = '';
  const done = await sdk.batches.createAndPoll(
    { input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' },
    {
      pollIntervalMs: 100,
      onProgress: (batch) => {
        const { completed, failed, total } = batch.request_counts;
        const now = `${batch.status}: ${completed} of ${total} answered, ${failed} failed`;
        if (now !== last) out.line('batch', `${step(batch.status)}${now}`);
        last = now;
      },
    },
  );
  if (
    done.status !== 'completed' ||
    done.request_counts.completed !== QUESTIONS.length ||
    !done.output_file_id
  ) {
    throw new DemoError(`the batch ended ${done.status} with ${JSON.stringify(done.request_counts)}`);
  }
  const lines = (await sdk.files.content(done.output_file_id)).trim().split('\n');
  for (const text of lines) {
    const line = JSON.parse(text) as {
      custom_id: string;
      response: { body: { choices: { message: { content: string } }[] } };
    };
    const answer = line.response.body.choices[0]?.message.content ?? '';
    out.line(
      'batch',
      `${step('output')}${line.custom_id}: "${answer.length > 48 ? `${answer.slice(0, 48)}…` : answer}"`,
    );
  }
}
