// scratch (not committed): loop one case for N ops at C=8, print client CPU µs/op.
import { Grid } from '@aipg/sdk';
import { EventSourceParserStream } from 'eventsource-parser/stream';
import OpenAI from 'openai';
import { startHelper } from './lib/child.js';
import { API_KEY, chatRequest, completionBody, sseEvents, streamRequest } from './lib/fixtures.js';

const which = process.argv[2] ?? 'sdk-json';
const N = Number(process.argv[3] ?? 4000);
const server = await startHelper('fixed');
await server.call({ type: 'bodies', bodies: { json: completionBody(50), sse: sseEvents(50) } });
const url = `${server.url}/v1/chat/completions`;
const headers = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' };
const jsonBody = JSON.stringify(chatRequest());
const streamBody = JSON.stringify(streamRequest());
const grid = new Grid({ apiKey: API_KEY, baseURL: server.url });
const openai = new OpenAI({ apiKey: API_KEY, baseURL: `${server.url}/v1` });
const cases: Record<string, () => Promise<unknown>> = {
  'fetch-json': async () => (await fetch(url, { method: 'POST', headers, body: jsonBody })).json(),
  'ideal-json': async () => {
    const ac = new AbortController();
    const t = setTimeout(() => ac.abort(), 600000);
    const res = await fetch(url, { method: 'POST', headers: { ...headers, 'x-request-id': crypto.randomUUID(), 'x-aipg-retry-count': '0', apikey: API_KEY, 'client-agent': 'x:y:z' }, body: JSON.stringify(chatRequest()), signal: ac.signal, redirect: 'follow' });
    const text = await res.text();
    clearTimeout(t);
    return JSON.parse(text);
  },
  'nosignal-json': async () => {
    const res = await fetch(url, { method: 'POST', headers: { ...headers, 'x-request-id': crypto.randomUUID(), 'x-aipg-retry-count': '0', apikey: API_KEY, 'client-agent': 'x:y:z' }, body: JSON.stringify(chatRequest()), redirect: 'follow' });
    return JSON.parse(await res.text());
  },
  'sdk-json': () => grid.chat.completions.create(chatRequest()),
  'openai-json': () => openai.chat.completions.create(chatRequest()),
  'fetch-stream': async () => {
    const res = await fetch(url, { method: 'POST', headers, body: streamBody });
    let text = '';
    const reader = res.body!.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      if (next.value.data === '[DONE]') continue;
      text += (JSON.parse(next.value.data) as any).choices[0]?.delta.content ?? '';
    }
  },
  'sdk-stream': async () => {
    let text = '';
    for await (const c of await grid.chat.completions.create(streamRequest())) text += c.choices[0]?.delta.content ?? '';
    if (!text.includes('tok49')) throw new Error(text);
  },
  'openai-stream': async () => {
    let text = '';
    for await (const c of await openai.chat.completions.create(streamRequest())) text += c.choices[0]?.delta.content ?? '';
  },
};
const names = which.split(',');
const run = async (op: () => Promise<unknown>, n: number) => {
  let left = n;
  await Promise.all(Array.from({ length: 8 }, async () => { while (left-- > 0) await op(); }));
};
for (const name of names) await run(cases[name]!, Math.min(1000, N / 2));
const acc: Record<string, number[]> = {};
for (let rep = 0; rep < Number(process.env.REPS ?? 5); rep++) {
  for (const name of names) {
    const c0 = process.cpuUsage();
    await run(cases[name]!, N);
    const c = process.cpuUsage(c0);
    (acc[name] ??= []).push((c.user + c.system) / N);
  }
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
const base = med(acc[names[0]!]!);
for (const name of names) console.log(name.padEnd(16), med(acc[name]!).toFixed(0).padStart(5), 'µs/op', (base / med(acc[name]!)).toFixed(2) + 'x', acc[name]!.map((v) => v.toFixed(0)).join(' '));
await server.stop();
