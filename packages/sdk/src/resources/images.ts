import type { RequestOptions } from '../client';
import { type APIPromise, type WithRequestID, withRequestId } from '../core/api-promise';
import { AIPGError, JobFaultedError } from '../core/errors';
import type {
  HordeAsyncResponse,
  HordeExtraSourceImage,
  HordeImageAsyncRequest,
  HordeImageCheck,
  HordeImageStatus,
  ImageGenerationRequest,
  ImageProgress,
  ImageQuote,
  ImagesResponse,
} from '../generated/openapi';
import { dataURLBase64, fromBase64, toBase64 } from '../internal/base64';
import { type ImageMimeType, sniffImage } from '../internal/image-type';
import { type JobWaitOptions, waitForJob } from '../internal/job-wait';
import { linkedController } from '../internal/signals';
import { sleep } from '../internal/sleep';
import { uuid4 } from '../internal/uuid';
import { APIResource } from './resource';

// The image types, named as in the spec (openapi/components/v1.yaml, horde.yaml); editors show these names.
export type {
  HordeExtraSourceImage,
  HordeImageAsyncRequest,
  HordeImageCheck,
  HordeImageGeneration,
  HordeImageParams,
  HordeImageStatus,
  Image,
  ImageGenerationRequest,
  ImageGridMetadata,
  ImageLora,
  ImageOutputFormat,
  ImageProgress,
  ImageQuote,
  ImagesResponse,
} from '../generated/openapi';
export type { ImageMimeType } from '../internal/image-type';

/**
 * A source picture (img2img, inpainting masks, ControlNet): bytes, a `Blob` (a `File`), a `data:` URL, an
 * `http(s)` URL (downloaded first, without the client's credentials), or base64 text as the wire takes it.
 */
export type ImageInput = Uint8Array | ArrayBuffer | Blob | URL | string;

/** One finished image: its bytes, and what they are, read from the bytes themselves. */
export interface GridImage {
  bytes: Uint8Array;
  /** From the file's magic bytes, not from any header. */
  mime: ImageMimeType;
  /** In pixels, from the file's own header (PNG `IHDR`, JPEG start of frame, WebP `VP8`/`VP8L`/`VP8X`). */
  width: number;
  height: number;
  /** The seed it was made with (a number on both doors; the Horde sends a string). */
  seed: number | undefined;
  /** The name of the worker that made it, when the grid says. */
  worker: string | undefined;
  model: string | undefined;
}

/** What `images.generate()` sends: the spec's `ImageGenerationRequest`, with `image` in any source form. */
export type ImageGenerateParams = Omit<ImageGenerationRequest, 'image' | 'dry_run'> & {
  image?: ImageInput | undefined;
};

/** What `images.quote()` prices: a request as `generate()` takes it; a source image is not sent. */
export type ImageQuoteParams = Omit<ImageGenerateParams, 'image'>;

export interface ImageGenerateOptions extends RequestOptions {
  /**
   * Called with the percent done (0–100) while the request runs: `GET /v1/progress/{token}` is polled
   * every `progressIntervalMs` until the answer arrives. Sets a random `progress_token` if none is given.
   */
  onProgress?: ((percent: number) => void) | undefined;
  /** The wait between progress polls, in ms. Default 1000 (the spec asks for about once a second). */
  progressIntervalMs?: number | undefined;
}

/** What `images.generate()` resolves: the response with its images decoded or downloaded (`data` → `images`). */
export type ImagesResult = WithRequestID<Omit<ImagesResponse, 'data'> & { images: GridImage[] }>;

/** What `images.createAndWait()` sends: the spec's `HordeImageAsyncRequest`, with sources in any form. */
export type ImageJobParams = Omit<
  HordeImageAsyncRequest,
  'source_image' | 'source_mask' | 'extra_source_images'
> & {
  source_image?: ImageInput | null | undefined;
  source_mask?: ImageInput | null | undefined;
  extra_source_images?: Array<Omit<HordeExtraSourceImage, 'image'> & { image: ImageInput }> | undefined;
};

/** How `images.createAndWait()` waits: `signal`, `wait` (push or poll), `onEvent`, `onProgress`, `pollIntervalMs`, `timeout`. */
export type ImageJobOptions = JobWaitOptions<HordeImageCheck>;

/** The finished Horde request: its final status, its id, and its images (in `generations` order). */
export type ImageJobResult = WithRequestID<HordeImageStatus & { id: string; images: GridImage[] }>;

const WHAT = 'Image request';

/**
 * Images on both doors: `generate()` on the live grid's synchronous `/v1/images/generations`, and
 * `createAndWait()` on the AI Horde's asynchronous image requests (`/api/v2/generate/*`), both resolving
 * to `GridImage`s with their bytes.
 */
export class Images extends APIResource {
  /**
   * `POST /v1/images/generations` (openapi/paths/v1_images_generations.yaml): waits for every image, then
   * decodes `b64_json` or downloads each `url`, whichever `response_format` was asked for. With
   * `onProgress`, `GET /v1/progress/{token}` is polled while the request runs.
   */
  async generate(params: ImageGenerateParams, options: ImageGenerateOptions = {}): Promise<ImagesResult> {
    const { onProgress, progressIntervalMs = 1_000, ...request } = options;
    const { controller, dispose } = linkedController([request.signal]);
    const signal = controller.signal;
    try {
      const body = { ...params, image: await this.#wire(params.image, signal) } as ImageGenerationRequest;
      if (onProgress) body.progress_token ??= uuid4();
      const call = this._client.call<ImagesResponse>(
        { ...request, signal },
        { method: 'POST', path: '/v1/images/generations', body },
      );
      // A throwing onProgress ends the call with its error (the request is aborted in `finally`).
      const [answer] = await Promise.all([
        call,
        onProgress && this.#watch(body.progress_token!, call, onProgress, progressIntervalMs),
      ]);
      const { data, ...rest } = answer;
      const images = data.map(async (image) =>
        this.#image(
          image.b64_json ?? image.url,
          signal,
          image.seed,
          image.worker,
          answer.grid?.model ?? params.model,
        ),
      );
      return withRequestId({ ...rest, images: await Promise.all(images) }, answer._request_id);
    } finally {
      controller.abort();
      dispose();
    }
  }

  /**
   * The price of an image request before it is sent (`POST /v1/images/generations` with `dry_run: true`, an
   * AIPG extension of the mock grid): nothing is queued or charged; `den` is what the `n` images then cost
   * (`grid.den` of the answer).
   */
  quote(params: ImageQuoteParams, options?: RequestOptions): APIPromise<ImageQuote> {
    const body: ImageGenerationRequest = { ...params, dry_run: true };
    return this._client.call<ImageQuote>(options, { method: 'POST', path: '/v1/images/generations', body });
  }

  /**
   * The Horde's image request end to end: `generate/async`, then — on push, the default — its events
   * (`grid.jobs.watch`, an AIPG extension; `onProgress` gets the state they imply, with the images' percent),
   * or, with `wait: 'poll'` or on a grid without them (404 / 405), `generate/check/{id}` (the cheap poll:
   * 1 s, then ×1.5 up to 10 s, or the server's hint; a 429 waits and polls again); then ONE final
   * `generate/status/{id}` (limited to 10/min per id), then each image downloaded (`img` is a URL, or
   * base64 with `r2: false`). Abort or `timeout` cancels the request on the grid (one best-effort
   * `DELETE`); `faulted` → `JobFaultedError`.
   */
  async createAndWait(params: ImageJobParams, options: ImageJobOptions = {}): Promise<ImageJobResult> {
    const wire = (source: ImageInput | null | undefined) => this.#wire(source, options.signal);
    const body = {
      ...params,
      source_image: await wire(params.source_image),
      source_mask: await wire(params.source_mask),
      extra_source_images:
        params.extra_source_images &&
        (await Promise.all(
          params.extra_source_images.map(async (x) => ({ ...x, image: await wire(x.image) })),
        )),
    } as HordeImageAsyncRequest;
    return waitForJob(
      this._client.timeout,
      {
        what: WHAT,
        submit: (request) => this.create(body, request),
        poll: (id, request) => this.check(id, request).withResponse(),
        watch: (id, request) => this._client.jobs.watch(id, request),
        finish: async (id, { signal }) => {
          const final = await this.status(id, { signal });
          if (final.faulted) throw new JobFaultedError(id, final, WHAT);
          const images = final.generations.map((g) =>
            this.#image(g.img, signal, Number(g.seed), g.worker_name, g.model),
          );
          return withRequestId({ ...final, id, images: await Promise.all(images) }, final._request_id);
        },
        cancel: (id, request) => this.cancel(id, request),
      },
      options,
    );
  }

  /** `POST /api/v2/generate/async`: queues the request; `{ id, kudos }` (202), or `{ kudos }` for a `dry_run`. */
  create(params: HordeImageAsyncRequest, options?: RequestOptions): APIPromise<HordeAsyncResponse> {
    return this._client.call(options, { method: 'POST', path: '/api/v2/generate/async', body: params });
  }

  /** `GET /api/v2/generate/check/{id}`: counts and progress without the images (10/s, cached 1 s). */
  check(id: string, options?: RequestOptions): APIPromise<HordeImageCheck> {
    return this._client.call(options, { method: 'GET', path: '/api/v2/generate/check/{id}', params: { id } });
  }

  /** `GET /api/v2/generate/status/{id}`: the state with the images (10/min per id: `check` first). */
  status(id: string, options?: RequestOptions): APIPromise<HordeImageStatus> {
    return this.#status('GET', id, options);
  }

  /** `DELETE /api/v2/generate/status/{id}`: drops images not yet started; returns the status. */
  cancel(id: string, options?: RequestOptions): APIPromise<HordeImageStatus> {
    return this.#status('DELETE', id, options);
  }

  /** `GET /v1/progress/{token}`: `{ progress }`, 0–100, or `null` for a token no request carries. */
  progress(token: string, options?: RequestOptions): APIPromise<ImageProgress> {
    return this._client.call(options, { method: 'GET', path: '/v1/progress/{token}', params: { token } });
  }

  #status(method: 'GET' | 'DELETE', id: string, options?: RequestOptions): APIPromise<HordeImageStatus> {
    return this._client.call(options, { method, path: '/api/v2/generate/status/{id}', params: { id } });
  }

  /** Polls the progress until `call` settles; progress read failures are skipped (it is only a display). */
  async #watch(
    token: string,
    call: Promise<unknown>,
    onProgress: (percent: number) => void,
    everyMs: number,
  ) {
    const settled = new AbortController();
    const stop = () => settled.abort();
    call.then(stop, stop);
    const signal = settled.signal;
    while (
      await sleep(everyMs, signal).then(
        () => true,
        () => false,
      )
    ) {
      const { progress } = await this.progress(token, { signal, maxRetries: 0 }).catch(() => ({
        progress: null,
      }));
      if (progress != null && !signal.aborted) onProgress(progress);
    }
  }

  /** A source in the form both doors take: base64 text (URLs are downloaded; other strings are sent as they are). */
  async #wire(source: ImageInput | null | undefined, signal: AbortSignal | undefined) {
    if (source == null) return source;
    if (typeof source === 'string' || source instanceof URL) {
      const text = String(source);
      return /^https?:/i.test(text)
        ? toBase64(await this._client.download(text, { signal }))
        : dataURLBase64(text);
    }
    return toBase64(new Uint8Array(source instanceof Blob ? await source.arrayBuffer() : source));
  }

  /** A `GridImage` from what the grid sent for it: a URL to download or the base64 bytes. */
  async #image(
    sent: string | undefined,
    signal: AbortSignal | undefined,
    seed: number | undefined,
    worker: string | undefined,
    model: string | undefined,
  ): Promise<GridImage> {
    const bytes = /^https?:/i.test(sent ?? '')
      ? await this._client.download(sent!, { signal })
      : fromBase64(sent ?? '');
    const info = sniffImage(bytes);
    if (!info)
      throw new AIPGError(
        `The grid sent an image that is not a PNG, JPEG or WebP file (${bytes.length} bytes).`,
      );
    return { bytes, ...info, seed, worker, model };
  }
}
