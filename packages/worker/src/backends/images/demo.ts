// An image backend that needs no model: a deterministic picture (a two-colour gradient crossed by rings) whose
// colours and geometry come from a hash of the prompt, seed, LoRAs and source picture, encoded as a real PNG of
// the requested size. Same inputs → identical bytes; another seed → another picture. Used by `type: demo-image`
// endpoints, the example and the tests, so every image path runs for real without a GPU.
import { crc32 } from 'node:zlib';
import type { GeneratedImage, ImageBackend, ImageContext, ImageJob } from '../../image-job.js';
import { hashText, mulberry32 } from '../../util/random.js';
import { realSleep, type Sleep } from '../../util/timing.js';
import { throwIfAborted } from '../http.js';
import { encodePng } from './png.js';

export interface DemoImageOptions {
  /** Sampling speed reported through onProgress; 0 or Infinity = as fast as possible (default 20). */
  stepsPerSecond?: number;
  sleep?: Sleep;
}

export function createDemoImageBackend(options: DemoImageOptions = {}): ImageBackend {
  const rate = options.stepsPerSecond ?? 20;
  const unlimited = rate === 0 || !Number.isFinite(rate);
  const sleep = options.sleep ?? realSleep;
  return {
    label: `demo-image (${unlimited ? 'unlimited' : `${rate} steps/s`})`,
    async generate(job: ImageJob, ctx: ImageContext): Promise<GeneratedImage[]> {
      const steps = Math.max(1, job.steps);
      const total = steps * job.seeds.length;
      const images: GeneratedImage[] = [];
      for (const [index, seed] of job.seeds.entries()) {
        for (let step = 1; step <= steps; step++) {
          throwIfAborted(ctx.signal);
          if (!unlimited) await sleep(1000 / rate, ctx.signal);
          // Unlimited: still yield now and then so pings and cancels are handled mid-job.
          else if (step % 8 === 0) await new Promise((resolve) => setImmediate(resolve));
          throwIfAborted(ctx.signal);
          ctx.onProgress?.({ step: index * steps + step, steps: total });
        }
        const bytes = renderDemoImage(job, seed);
        images.push({ bytes, mime: 'image/png', width: job.width, height: job.height, seed });
      }
      return images;
    },
  };
}

/** The demo picture for one seed of a job, as PNG bytes. */
export function renderDemoImage(
  job: Pick<ImageJob, 'prompt' | 'negative_prompt' | 'width' | 'height' | 'loras' | 'source_image'>,
  seed: number,
): Uint8Array {
  const { width, height } = job;
  const source = job.source_image ? crc32(job.source_image.bytes) : 0;
  const loras = job.loras.map((l) => `${l.name}:${l.model}:${l.clip}`).join(',');
  const random = mulberry32(hashText([job.prompt, job.negative_prompt, seed, loras, source].join('\u0000')));
  const colour = () => [random() * 255, random() * 255, random() * 255] as const;
  const [a, b, ring] = [colour(), colour(), colour()];
  const angle = random() * Math.PI * 2;
  const dx = Math.cos(angle) / (width + height);
  const dy = Math.sin(angle) / (width + height);
  const cx = random() * width;
  const cy = random() * height;
  const period = 8 + random() * Math.max(8, Math.min(width, height) / 6);

  // One flat RGB buffer, filled row by row: no per-pixel allocation.
  const rgb = new Uint8Array(width * height * 3);
  const offset = 0.5 - (dx * width + dy * height) / 2; // centre the gradient: t runs over about [0, 1]
  let at = 0;
  for (let y = 0; y < height; y++) {
    const ry = (y - cy) * (y - cy);
    for (let x = 0; x < width; x++) {
      const t = Math.min(1, Math.max(0, offset + dx * x + dy * y));
      const inRing = Math.floor(Math.sqrt((x - cx) * (x - cx) + ry) / period) % 2 === 0;
      const r = a[0] + (b[0] - a[0]) * t;
      const g = a[1] + (b[1] - a[1]) * t;
      const bl = a[2] + (b[2] - a[2]) * t;
      rgb[at++] = inRing ? (r + ring[0]) / 2 : r;
      rgb[at++] = inRing ? (g + ring[1]) / 2 : g;
      rgb[at++] = inRing ? (bl + ring[2]) / 2 : bl;
    }
  }
  return encodePng(width, height, rgb);
}
