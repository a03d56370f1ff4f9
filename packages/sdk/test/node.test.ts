// @aipg/sdk/node: writing results to files and reading source images from them.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { batchOutputFile, readImageFile, saveImages } from '../src/node';
import { base64, jpeg, png, webpLossless } from './fixtures/images';
import { BASE, makeGrid, useServer } from './helpers';

const server = useServer();
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aipg-sdk-node-test-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('saveImages', () => {
  it('writes a generate() result to files named by index with the extension of each image type', async () => {
    server.use(
      http.post(`${BASE}/v1/images/generations`, () =>
        HttpResponse.json({
          created: 1,
          data: [png(64, 64), jpeg(64, 64), webpLossless(64, 64)].map((file, i) => ({
            b64_json: base64(file),
            seed: i,
          })),
        }),
      ),
    );
    const result = await makeGrid().images.generate({ prompt: 'x', n: 3, response_format: 'b64_json' });
    const dir = join(tempDir(), 'nested', 'out');
    const paths = await saveImages(result, dir, { prefix: 'lighthouse' });
    expect(paths).toEqual(
      ['lighthouse-0.png', 'lighthouse-1.jpg', 'lighthouse-2.webp'].map((f) => join(dir, f)),
    );
    expect(readdirSync(dir).sort()).toEqual(['lighthouse-0.png', 'lighthouse-1.jpg', 'lighthouse-2.webp']);
    expect(new Uint8Array(readFileSync(paths[1]!))).toEqual(jpeg(64, 64));
  });

  it('takes a plain list of images too; the default prefix is "image"; existing files are replaced', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'image-0.png'), 'old');
    const paths = await saveImages([{ bytes: png(2, 2), mime: 'image/png' }], dir);
    expect(paths).toEqual([join(dir, 'image-0.png')]);
    expect(new Uint8Array(readFileSync(paths[0]!))).toEqual(png(2, 2));
  });
});

describe('readImageFile', () => {
  it('reads a file as bytes that generate() sends as the source image', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'source.png'), png(32, 32));
    const bytes = await readImageFile(join(dir, 'source.png'));
    expect(bytes).toEqual(png(32, 32));
    const sent: unknown[] = [];
    server.use(
      http.post(`${BASE}/v1/images/generations`, async ({ request }) => {
        sent.push(((await request.json()) as { image?: string }).image);
        return HttpResponse.json({ created: 1, data: [] });
      }),
    );
    await makeGrid().images.generate({ prompt: 'x', image: bytes });
    expect(sent).toEqual([base64(png(32, 32))]);
  });

  it('a missing file rejects with the file system error', async () => {
    await expect(readImageFile(join(tempDir(), 'nope.png'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('batchOutputFile', () => {
  it("resumes grid.batch from its own file: a cut-off run's items without a success line run again", async () => {
    const runs: string[] = [];
    let refusedB = false;
    server.use(
      http.post(`${BASE}/v1/chat/completions`, async ({ request }) => {
        const { messages } = (await request.json()) as { messages: Array<{ content: string }> };
        const said = messages[0]!.content;
        runs.push(said);
        if (said === 'b' && !refusedB) {
          refusedB = true;
          return HttpResponse.json({ detail: 'messages: bad' }, { status: 400 });
        }
        return HttpResponse.json({
          id: `chatcmpl-${said}`,
          object: 'chat.completion',
          created: 1,
          model: 'auto',
          choices: [{ index: 0, message: { role: 'assistant', content: said }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        });
      }),
    );
    const path = join(tempDir(), 'out.jsonl');
    const items = ['a', 'b', 'c', 'd'].map((content) => ({
      custom_id: content,
      body: { model: 'auto', messages: [{ role: 'user' as const, content }] },
    }));
    const grid = makeGrid();
    const first = await grid.batch(items, { ...(await batchOutputFile(path)), concurrency: 1 });
    expect(first.map((r) => r.type)).toEqual(['succeeded', 'errored', 'succeeded', 'succeeded']);
    // The process died while writing c's line: half of it is on disk, d's not at all.
    const [a, b, c] = readFileSync(path, 'utf8').split('\n');
    writeFileSync(path, `${a}\n${b}\n${c!.slice(0, 30)}`);

    runs.length = 0;
    const second = await grid.batch(items, { ...(await batchOutputFile(path)), concurrency: 1 });
    expect(second.map((r) => r.type)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(second[0]).toMatchObject({ resumed: true, data: { id: 'chatcmpl-a' } });
    expect(runs).toEqual(['b', 'c', 'd']);
    // The cut-off line stays on a line of its own; the new lines follow it.
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines[2]).toBe(c!.slice(0, 30));
    expect(lines.slice(3).map((line) => line && JSON.parse(line).custom_id)).toEqual(['b', 'c', 'd', '']);
  });
});
