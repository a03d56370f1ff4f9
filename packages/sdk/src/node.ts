/**
 * `@aipg/sdk/node`: file helpers for the images the client returns and for `grid.batch` output, and
 * `nodeWebSocket` for the client WebSocket, for Node (and Bun, Deno with `node:` modules). Its own entry, so the
 * main entry keeps no Node built-ins and still runs in browsers.
 */
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import type { WebSocketFactory, WebSocketLike } from './realtime';

/**
 * Opens the client WebSocket with `ws` for `grid.realtime()` on Node, which has no global `WebSocket` before
 * Node 22; the key goes as `Authorization: Bearer` on the upgrade. `new Grid({ webSocket: nodeWebSocket })`.
 */
export const nodeWebSocket: WebSocketFactory = Object.assign(
  // ws's event objects carry more than `WebSocketLike` names (and type `data` wider): the same shape at run time.
  (url: string, headers: Record<string, string>) =>
    new WebSocket(url, { headers }) as unknown as WebSocketLike,
  { sendsHeaders: true },
);

/**
 * What `saveImages` needs of an image: a `GridImage` of the main entry fits (declared here by shape, so
 * this entry's types stand alone).
 */
export interface ImageFile {
  bytes: Uint8Array;
  mime: 'image/png' | 'image/jpeg' | 'image/webp';
}

/** The file extension each image type is saved with. */
export const IMAGE_EXTENSIONS: Readonly<Record<ImageFile['mime'], string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};

export interface SaveImagesOptions {
  /** The start of each file name: `<prefix>-<index>.<ext>`. Default `image`. */
  prefix?: string | undefined;
}

/**
 * Writes each image to `dir` (created if missing) as `<prefix>-<index>.<ext>`, the extension from the
 * image's own type (`png`, `jpg`, `webp`); an existing file of that name is replaced. Takes the images
 * or a result that holds them (`images.generate()`, `images.createAndWait()`). Resolves to the paths,
 * in the images' order.
 */
export async function saveImages(
  images: readonly ImageFile[] | { readonly images: readonly ImageFile[] },
  dir: string,
  options: SaveImagesOptions = {},
): Promise<string[]> {
  const list = 'images' in images ? images.images : images;
  const prefix = options.prefix ?? 'image';
  await mkdir(dir, { recursive: true });
  return Promise.all(
    list.map(async (image, index) => {
      const path = join(dir, `${prefix}-${index}.${IMAGE_EXTENSIONS[image.mime]}`);
      await writeFile(path, image.bytes);
      return path;
    }),
  );
}

/** A file's bytes, as a source image for img2img (`image`, `source_image`, `source_mask`). */
export async function readImageFile(path: string): Promise<Uint8Array> {
  const buffer = await readFile(path);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** `grid.batch`'s `resume` and `output` options for one JSONL file (docs/sdk/batch.md). */
export interface BatchOutputFile {
  /** What the file held when it was opened (empty when it did not exist). */
  resume: string;
  /** Appends one output line to the file. */
  output: (line: string) => Promise<void>;
}

/**
 * A `grid.batch` output file to resume from and append to: `grid.batch(items, { ...(await
 * batchOutputFile('out.jsonl')) })` runs only the items without a succeeded line in it, and adds a line per
 * item it runs. After a run the file holds every item's last outcome; an item's succeeded line is the one
 * that counts. A last line cut short by a crash is left as it is (it does not parse, so its item runs again)
 * and the next line starts on a line of its own.
 */
export async function batchOutputFile(path: string): Promise<BatchOutputFile> {
  let resume = '';
  try {
    resume = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
  }
  if (resume !== '' && !resume.endsWith('\n')) await appendFile(path, '\n');
  return { resume, output: (line) => appendFile(path, line) };
}
