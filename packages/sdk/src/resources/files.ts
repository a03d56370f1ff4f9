import type { RequestOptions } from '../client';
import type { APIPromise } from '../core/api-promise';
import type { FileDeleted, FileList, FileObject } from '../generated/openapi';
import { type PagePromise, pages } from '../internal/pages';
import { APIResource } from './resource';

export type { FileDeleted, FileList, FileObject, FilePurpose } from '../generated/openapi';

/** What `files.create()` takes: the JSONL (a `Blob`/`File`, bytes or text) and its name. */
export interface FileCreateParams {
  /** The JSONL, one `BatchRequestInput` per line. A `File` keeps its own name unless `filename` is given. */
  file: Blob | Uint8Array | string;
  /** Only `batch` (the default). */
  purpose?: 'batch';
  /** Default: the `File`'s name, else `batch.jsonl`. */
  filename?: string;
}

export interface FileListParams {
  after?: string;
  limit?: number;
  order?: 'asc' | 'desc';
  purpose?: string;
}

/** `/v1/files`: the JSONL files of the Batch API (an AIPG extension; docs/sdk/batches.md). */
export class Files extends APIResource {
  /** `POST /v1/files` (multipart): uploads a batch input file. */
  create(params: FileCreateParams, options?: RequestOptions): APIPromise<FileObject> {
    const { file } = params;
    const name = params.filename ?? (file as { name?: string }).name ?? 'batch.jsonl';
    const form = new FormData();
    form.append('purpose', params.purpose ?? 'batch');
    form.append('file', new Blob([file as BlobPart]), name);
    return this._client.call(options, { method: 'POST', path: '/v1/files', body: form });
  }

  /** `GET /v1/files/{file_id}`. */
  retrieve(fileId: string, options?: RequestOptions): APIPromise<FileObject> {
    return this._client.call(options, {
      method: 'GET',
      path: '/v1/files/{file_id}',
      params: { file_id: fileId },
    });
  }

  /** `GET /v1/files/{file_id}/content`: the file's text (JSONL). */
  async content(fileId: string, options?: RequestOptions): Promise<string> {
    const request = {
      method: 'GET',
      path: '/v1/files/{file_id}/content',
      params: { file_id: fileId },
    } as const;
    return (await this._client.callWithResponse(options, request, 'stream')).response.text();
  }

  /** `DELETE /v1/files/{file_id}`. */
  del(fileId: string, options?: RequestOptions): APIPromise<FileDeleted> {
    const request = { method: 'DELETE', path: '/v1/files/{file_id}', params: { file_id: fileId } } as const;
    return this._client.call(options, request);
  }

  /** `GET /v1/files`: the first page when awaited; every file with `for await`. */
  list(params: FileListParams = {}, options?: RequestOptions): PagePromise<FileList, FileObject> {
    return pages(
      (after) =>
        this._client.call<FileList>(options, {
          method: 'GET',
          path: '/v1/files',
          query: { ...params, after },
        }),
      params.after,
    );
  }
}
