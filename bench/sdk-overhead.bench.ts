// 1. SDK request overhead: the same chat completion against a tiny node:http server (its own process, so
// the clients get this process's core to themselves). Baseline: raw fetch (+ eventsource-parser for streams).
import { Grid } from '@aipg/sdk';
import { EventSourceParserStream } from 'eventsource-parser/stream';
import OpenAI from 'openai';
import { startHelper } from './lib/child.js';
import { compare } from './lib/compare.js';
import { API_KEY, chatRequest, completionBody, sseEvents, streamRequest } from './lib/fixtures.js';
import { cpuMeter, median, ms } from './lib/measure.js';
import { fmt, type Row, report } from './lib/report.js';
import { targetBook } from './lib/targets.js';

const CONCURRENCY = 8;
const TOKENS = 50;
const server = await startHelper('fixed');
await server.call({ type: 'bodies', bodies: { json: completionBody(TOKENS), sse: sseEvents(TOKENS) } });
const url = `${server.url}/v1/chat/completions`;
const headers = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' };

const grid = new Grid({ apiKey: API_KEY, baseURL: server.url });
const openai = new OpenAI({ apiKey: API_KEY, baseURL: `${server.url}/v1` });

const expectText = (text: unknown): void => {
  if (typeof text !== 'string' || !text.startsWith('tok0 ') || !text.includes(`tok${TOKENS - 1} `)) {
    throw new Error(`unexpected text ${String(text)}`);
  }
};

// Every case starts from the same request object per call (the SDK and openai serialize it themselves,
// so the raw case does too: an app calling fetch has JSON.stringify on its path as well).
const json = {
  'raw fetch': async () => {
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(chatRequest()) });
    const body = (await res.json()) as { choices: { message: { content: string } }[] };
    expectText(body.choices[0]?.message.content);
  },
  '@aipg/sdk': async () => {
    expectText((await grid.chat.completions.create(chatRequest())).choices[0]?.message.content);
  },
  'openai 6.49': async () => {
    expectText((await openai.chat.completions.create(chatRequest())).choices[0]?.message.content);
  },
};

const stream = {
  'raw fetch + eventsource-parser': async () => {
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(streamRequest()) });
    let text = '';
    const events = res.body!.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
    const reader = events.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      if (next.value.data === '[DONE]') continue;
      const chunk = JSON.parse(next.value.data) as { choices: { delta: { content?: string } }[] };
      text += chunk.choices[0]?.delta.content ?? '';
    }
    expectText(text);
  },
  '@aipg/sdk': async () => {
    let text = '';
    for await (const chunk of await grid.chat.completions.create(streamRequest())) {
      text += chunk.choices[0]?.delta.content ?? '';
    }
    expectText(text);
  },
  'openai 6.49': async () => {
    let text = '';
    for await (const chunk of await openai.chat.completions.create(streamRequest())) {
      text += chunk.choices[0]?.delta.content ?? '';
    }
    expectText(text);
  },
};

const rows: Row[] = [];
const book = targetBook();
const data: Record<string, unknown> = { concurrency: CONCURRENCY, tokens: TOKENS };
for (const [name, cases] of [
  ['json', json],
  ['stream', stream],
] as const) {
  const results = await compare(cases, {
    concurrency: CONCURRENCY,
    warmupMs: ms(700),
    windowMs: ms(500),
    rounds: 6,
    around: async () => {
      const readServer = await server.cpu();
      const readClient = cpuMeter();
      return async () => ({ clientCpu: readClient(), serverCpu: await readServer() });
    },
  });
  const base = Object.values(results)[0]!;
  // “Ahead of openai”: the median over the rounds of @aipg/sdk ÷ openai in the same round.
  const sdk = results['@aipg/sdk']!;
  const vsOpenai = median(sdk.perRound.map((n, i) => n / results['openai 6.49']!.perRound[i]!));
  const target =
    name === 'json'
      ? book.cell('JSON', [
          ['', 'sdkJson', sdk.ratio],
          [`÷ openai ${fmt.ratio(vsOpenai)}`, 'sdkJsonVsOpenai', vsOpenai],
        ])
      : book.cell('stream', [
          ['', 'sdkStream', sdk.ratio],
          [`÷ openai ${fmt.ratio(vsOpenai)}`, 'sdkStreamVsOpenai', vsOpenai],
        ]);
  for (const [label, r] of Object.entries(results)) {
    console.error(
      `  sdk-overhead ${name} ${label}: ${fmt.rate(r.opsPerSec)} ${r.perRound.join(' ')} ratio ${fmt.ratio(r.ratio)} ` +
        `cpu client ${fmt.pct(r.extra.clientCpu!)} server ${fmt.pct(r.extra.serverCpu!)}`,
    );
    rows.push({
      bench:
        name === 'json'
          ? `1 SDK overhead, JSON (C=${CONCURRENCY})`
          : `1 SDK overhead, stream ${TOKENS} chunks`,
      case: label,
      result: `${fmt.rate(r.opsPerSec)} · p50 ${fmt.ms(r.p50)} · ${fmt.us(r.extra.clientCpuUsPerOp!)} CPU/op`,
      baseline: fmt.rate(base.opsPerSec),
      ratio: fmt.ratio(r.ratio),
      target: label === '@aipg/sdk' ? target : '',
    });
  }
  data[name] = results;
  data[`${name}SdkVsOpenai`] = vsOpenai;
}
await server.stop();

report({
  id: 'sdkOverhead',
  title: '1 SDK overhead',
  rows,
  data,
  targets: book.checked,
  notes: [
    'ratio = ops/s ÷ raw fetch ops/s (1.00× = no overhead; 0.80× = 20% fewer calls/s, i.e. ~25% more client CPU per call).',
    'stream latency = time to the last chunk. CPU/op = the client process’s CPU time per call (the server runs in another process); it holds up when other work shares the machine.',
  ],
});
