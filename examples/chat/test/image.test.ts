import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { imagePrice } from '@aipg/mock-grid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_MODEL, MODEL_A, startTestGrid, type TestGrid } from './helpers/grid.js';
import { startTranscript } from './helpers/transcript.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('/image on a mock grid with a demo image worker', () => {
  let t: TestGrid;
  let dir: string;
  beforeAll(async () => {
    t = await startTestGrid(400);
    dir = await mkdtemp(join(tmpdir(), 'aipg-chat-images-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('makes a picture over /v1, saves it in the image folder and prints path, size, seed, worker and den', async () => {
    const imageDir = join(dir, 'pictures');
    const chat = startTranscript(t.grid.url, { model: MODEL_A, imageModel: IMAGE_MODEL, imageDir });
    chat.type('/image A lighthouse, at dusk!', '/exit');
    await chat.done;
    const output = chat.output();

    const saved = output.match(/^saved (.+)$/m)?.[1];
    // <prompt>-<seed>-<index>.png: saveImages adds the index and the extension of the picture's own type.
    expect(saved).toMatch(new RegExp(`^${imageDir}/a-lighthouse-at-dusk-\\d+-0\\.png$`));
    const bytes = await readFile(saved!);
    expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    // PNG IHDR: width and height, big-endian, at bytes 16 and 20. The grid's default size is 1024 × 1024.
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1024, 1024]);

    // What the grid says matches the file and its ledger: the worker credited what this request cost.
    const done = await t.waitFor('done', (e) => e.image !== undefined);
    const seed = Number(saved!.match(/-(\d+)-0\.png$/)![1]);
    expect(done.image).toMatchObject({ seed, worker: 'painter-worker', model: IMAGE_MODEL });
    const den = done.image!.den;
    expect(den).toBe(imagePrice(IMAGE_MODEL, 1024, 1024, 30));
    expect(output).toContain(
      `  ↳ 1024×1024 · seed ${seed} · worker painter-worker · model ${IMAGE_MODEL} · ${den} den\n`,
    );
    // A picture is not a turn of the conversation.
    expect(chat.session.history).toEqual([]);
  });

  it('asks for a prompt, and reports a model the grid does not serve', async () => {
    const chat = startTranscript(t.grid.url, { imageModel: 'grid/nobody-paints-this', imageDir: dir });
    chat.type('/image', '/image a cat', '/exit');
    await chat.done;
    const output = chat.output();
    expect(output).toContain('/image needs a prompt, e.g. /image a lighthouse at dusk\n');
    expect(output).toMatch(/^error: 404 .+$/m);
    expect(output).not.toContain('saved ');
  });
});
