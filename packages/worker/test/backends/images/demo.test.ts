import { describe, expect, it } from 'vitest';
import { createDemoImageBackend, type ImageJobProgress, readImageInfo } from '../../../src/index.js';
import { decodePng, makeImageJob } from '../../helpers/images.js';

const fast = createDemoImageBackend({ stepsPerSecond: 0 });
const ctx = (progress: ImageJobProgress[] = [], signal = new AbortController().signal) => ({
  signal,
  onProgress: (p: ImageJobProgress) => void progress.push(p),
});

describe('demo image backend', () => {
  it('renders a valid PNG of the requested size: signature, IHDR, CRCs, IDAT that inflates to the pixels', async () => {
    const [image] = await fast.generate(makeImageJob({ width: 96, height: 40 }), ctx());
    expect(image).toMatchObject({ mime: 'image/png', width: 96, height: 40, seed: 1234 });
    const png = decodePng(image!.bytes);
    expect(png.chunks).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([png.width, png.height]).toEqual([96, 40]);
    // One filter byte + 3 bytes per pixel per row.
    expect(png.scanlines.length).toBe(40 * (1 + 96 * 3));
    expect(readImageInfo(image!.bytes)).toEqual({ mime: 'image/png', width: 96, height: 40 });
  });

  it('is deterministic: the same prompt and seed give identical bytes; another seed or prompt does not', async () => {
    const job = makeImageJob({ seeds: [7, 7, 8] });
    const [a, b, c] = await fast.generate(job, ctx());
    expect(Buffer.from(a!.bytes).equals(Buffer.from(b!.bytes))).toBe(true);
    expect(Buffer.from(a!.bytes).equals(Buffer.from(c!.bytes))).toBe(false);
    const [again] = await createDemoImageBackend({ stepsPerSecond: 0 }).generate(
      makeImageJob({ seeds: [7] }),
      ctx(),
    );
    expect(Buffer.from(again!.bytes).equals(Buffer.from(a!.bytes))).toBe(true);
    const [other] = await fast.generate(makeImageJob({ seeds: [7], prompt: 'a different prompt' }), ctx());
    expect(Buffer.from(other!.bytes).equals(Buffer.from(a!.bytes))).toBe(false);
  });

  it('returns one image per seed, in order, and the source picture of an img2img job changes the result', async () => {
    const seeds = [1, 2, 3, 4];
    const images = await fast.generate(makeImageJob({ seeds }), ctx());
    expect(images.map((i) => i.seed)).toEqual(seeds);
    expect(new Set(images.map((i) => Buffer.from(i.bytes).toString('base64'))).size).toBe(4);
    const source = { bytes: images[0]!.bytes, mime: 'image/png' as const };
    const [plain] = await fast.generate(makeImageJob({ seeds: [1] }), ctx());
    const [edited] = await fast.generate(makeImageJob({ seeds: [1], source_image: source }), ctx());
    expect(Buffer.from(edited!.bytes).equals(Buffer.from(plain!.bytes))).toBe(false);
  });

  it('reports progress for every step of every image', async () => {
    const progress: ImageJobProgress[] = [];
    await fast.generate(makeImageJob({ steps: 3, seeds: [1, 2] }), ctx(progress));
    expect(progress).toEqual([1, 2, 3, 4, 5, 6].map((step) => ({ step, steps: 6 })));
  });

  it('paces steps with its sleep and stops on abort', async () => {
    const waits: number[] = [];
    const controller = new AbortController();
    const backend = createDemoImageBackend({
      stepsPerSecond: 4,
      sleep: async (ms) => {
        waits.push(ms);
        if (waits.length === 2) controller.abort();
      },
    });
    const progress: ImageJobProgress[] = [];
    await expect(
      backend.generate(makeImageJob({ steps: 10 }), ctx(progress, controller.signal)),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(waits).toEqual([250, 250]);
    expect(progress).toEqual([{ step: 1, steps: 10 }]);
  });

  it('renders 1024×1024 (the PNG decodes to that size)', async () => {
    const [image] = await fast.generate(makeImageJob({ width: 1024, height: 1024, steps: 1 }), ctx());
    const png = decodePng(image!.bytes);
    expect([png.width, png.height]).toEqual([1024, 1024]);
    expect(png.scanlines.length).toBe(1024 * (1 + 1024 * 3));
  });
});

describe('readImageInfo', () => {
  it('reads JPEG and WebP headers and refuses bytes that are no picture', () => {
    // A JPEG: SOI, an APP0 segment, then SOF0 with height 300 and width 200.
    const jpeg = Uint8Array.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0x2c, 0x00, 0xc8,
      0x03,
    ]);
    expect(readImageInfo(jpeg)).toEqual({ mime: 'image/jpeg', width: 200, height: 300 });
    // A lossless WebP: RIFF, WEBP, VP8L, signature 0x2f, then (width − 1) and (height − 1) in 14 bits each.
    const webp = Buffer.alloc(30);
    webp.write('RIFF', 0, 'latin1');
    webp.writeUInt32LE(22, 4);
    webp.write('WEBPVP8L', 8, 'latin1');
    webp[20] = 0x2f;
    webp.writeUInt32LE((640 - 1) | ((480 - 1) << 14), 21);
    expect(readImageInfo(webp)).toEqual({ mime: 'image/webp', width: 640, height: 480 });
    expect(readImageInfo(Buffer.from('not an image at all, just text'))).toBeUndefined();
    expect(readImageInfo(new Uint8Array(0))).toBeUndefined();
  });
});
