import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSpecCheck } from './spec-validator.js';

// The response checker every door test relies on must itself catch a response that breaks the spec.
let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

async function serve(status: number, body: string, type = 'application/json'): Promise<string> {
  server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('spec-checked fetch', () => {
  it('passes a conforming response', async () => {
    const url = await serve(200, JSON.stringify({ object: 'list', data: [] }));
    const check = createSpecCheck();
    await check.fetch(`${url}/v1/models`);
    await expect(check.assertClean()).resolves.toBeUndefined();
  });

  it('flags a body that breaks the schema, naming the field', async () => {
    const url = await serve(200, JSON.stringify({ object: 'list', data: [{ id: 5 }] }));
    const check = createSpecCheck();
    await check.fetch(`${url}/v1/models`);
    await expect(check.assertClean()).rejects.toThrow(/listModels: .*data\[0\]\.id must be string/);
  });

  it('flags a status the operation does not declare', async () => {
    const url = await serve(418, JSON.stringify({ detail: 'teapot' }));
    const check = createSpecCheck();
    await check.fetch(`${url}//api/v2/find_user`);
    await expect(check.assertClean()).rejects.toThrow(/418: status not declared/);
  });

  it('flags an SSE stream without [DONE] and a bad chunk', async () => {
    const url = await serve(
      200,
      'data: {"id":"x","object":"chat.completion.chunk","created":0,"choices":[]}\n\n',
      'text/event-stream',
    );
    const check = createSpecCheck();
    const res = await check.fetch(`${url}/v1/chat/completions`, { method: 'POST', body: '{}' });
    await res.text();
    await expect(check.assertClean()).rejects.toThrow(/model field required[\s\S]*without data: \[DONE\]/);
  });

  it('flags a bad server WebSocket frame', async () => {
    const check = createSpecCheck();
    check.checkServerFrame({ type: 'ack', id: 'j1' });
    await expect(check.assertClean()).rejects.toThrow(/WS frame/);
  });
});
