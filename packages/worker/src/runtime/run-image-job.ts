// Runs one image job through an ImageBackend and classifies how it ended, for both protocols: the job is
// prepared first (its source picture downloaded) under the same signal and timeout, progress is thinned out to
// about one report every 2 s on the worker's clock (openapi/components/ws.yaml WsProgress,
// openapi/paths/api_v2_generate_progress.yaml), and the backend's pictures are checked against the job.
import { BackendError } from '../errors.js';
import type { GeneratedImage, ImageBackend, ImageJob, ImageJobProgress } from '../image-job.js';
import { ABORT } from './run-job.js';

export type ImageOutcome =
  | { kind: 'done'; job: ImageJob; images: GeneratedImage[] }
  | { kind: 'aborted'; reason: unknown }
  | { kind: 'failed'; message: string; clientError: boolean; backendFault: boolean };

/** A job this worker will not run (it asks for what this worker did not advertise): not the backend's fault. */
export class ImageJobRefused extends Error {
  override readonly name = 'ImageJobRefused';
  constructor(
    message: string,
    readonly clientError = false,
  ) {
    super(message);
  }
}

/** The spec's "about every 2 s" for image progress reports. */
export const PROGRESS_EVERY_MS = 2000;

export interface RunImageJobOptions {
  /** The job's controller: the protocol aborts it (cancel, hand-back, lost connection) with an ABORT reason. */
  controller: AbortController;
  /** As for text jobs (run-job.ts); with `restartOnOutput` every progress report restarts the clock. */
  timeout: { ms: number; restartOnOutput: boolean };
  /** The worker's clock, which paces the progress reports. */
  now: () => number;
  /** Called with the backend's progress: the first report at once, then at most one per PROGRESS_EVERY_MS. */
  onProgress(progress: ImageJobProgress): void;
}

export async function runImageJob(
  backend: ImageBackend,
  prepare: (signal: AbortSignal) => Promise<ImageJob>,
  options: RunImageJobOptions,
): Promise<ImageOutcome> {
  const { controller, timeout, now } = options;
  const signal = controller.signal;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const armTimer = () => {
    if (timeout.ms <= 0) return;
    if (timer) {
      timer.refresh();
      return;
    }
    timer = setTimeout(() => controller.abort(ABORT.timeout), timeout.ms);
    timer.unref?.();
  };
  let open = true;
  let lastReport: number | undefined;
  const onProgress = (progress: ImageJobProgress) => {
    if (!open || signal.aborted) return;
    if (timeout.restartOnOutput) armTimer();
    const at = now();
    if (lastReport !== undefined && at - lastReport < PROGRESS_EVERY_MS) return;
    lastReport = at;
    options.onProgress(progress);
  };
  armTimer();
  try {
    const job = await prepare(signal);
    const images = await backend.generate(job, { signal, onProgress });
    if (signal.aborted) return { kind: 'aborted', reason: signal.reason };
    if (images.length < job.seeds.length) {
      return {
        kind: 'failed',
        message: `backend returned ${images.length} of the ${job.seeds.length} images asked for`,
        clientError: false,
        backendFault: true,
      };
    }
    // More pictures than seeds: the extras have no slot to go to (WsMediaJob.upload).
    return { kind: 'done', job, images: images.slice(0, job.seeds.length) };
  } catch (error) {
    if (signal.aborted) return { kind: 'aborted', reason: signal.reason };
    if (error instanceof ImageJobRefused) {
      return { kind: 'failed', message: error.message, clientError: error.clientError, backendFault: false };
    }
    if (error instanceof BackendError) {
      return { kind: 'failed', message: error.message, clientError: error.clientError, backendFault: true };
    }
    return {
      kind: 'failed',
      message: `backend failed: ${error instanceof Error ? error.message : String(error)}`,
      clientError: false,
      backendFault: true,
    };
  } finally {
    open = false;
    clearTimeout(timer);
  }
}

/** The megapixel-steps of a job's delivered images (docs/spec.md, "Image rewards"). */
export function megapixelSteps(job: ImageJob, images: readonly GeneratedImage[]): number {
  const sum = images.reduce((total, image) => total + ((image.width * image.height) / 1e6) * job.steps, 0);
  return Math.round(sum * 1e6) / 1e6;
}
