// Image-job builders and a strict PNG reader for the image backend tests.
import { crc32, inflateSync } from 'node:zlib';
import type { ImageJob } from '../../src/index.js';

export function makeImageJob(overrides: Partial<ImageJob> = {}): ImageJob {
  return {
    id: 'img-1',
    model: 'stable_diffusion',
    prompt: 'a lighthouse at dusk',
    negative_prompt: 'blurry',
    width: 64,
    height: 48,
    steps: 4,
    cfg_scale: 7,
    sampler_name: 'k_euler_a',
    karras: true,
    clip_skip: 1,
    seeds: [1234],
    loras: [],
    ...overrides,
  };
}

export interface DecodedPng {
  width: number;
  height: number;
  /** Chunk types in file order. */
  chunks: string[];
  /** The inflated scanlines (filter byte + RGB row, per row). */
  scanlines: Buffer;
}

/** Reads a PNG the way a decoder must: signature, every chunk's CRC, IHDR fields, IDAT inflated. */
export function decodePng(bytes: Uint8Array): DecodedPng {
  const buf = Buffer.from(bytes);
  if (!buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    throw new Error('bad PNG signature');
  }
  const chunks: string[] = [];
  const idat: Buffer[] = [];
  let width = 0;
  let height = 0;
  let at = 8;
  while (at < buf.length) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + length);
    const crc = buf.readUInt32BE(at + 8 + length);
    if (crc !== crc32(buf.subarray(at + 4, at + 8 + length))) throw new Error(`bad CRC in ${type}`);
    chunks.push(type);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 2) throw new Error('expected 8-bit RGB');
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  return { width, height, chunks, scanlines: inflateSync(Buffer.concat(idat)) };
}

/** Waits (yielding to the event loop) until `check` passes; fails after a generous limit, never on speed. */
export async function until(check: () => boolean, what: string, limitMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > limitMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
