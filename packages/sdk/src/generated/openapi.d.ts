// generated — do not edit.
// Made by scripts/generate.mjs (openapi-typescript) from openapi/aipg.yaml; run `pnpm gen` after changing the spec.

export interface paths {
    "/v1/chat/completions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * OpenAI-compatible chat completion served by a grid worker. Rate limit: 30/min per API key (per IP for malformed
         * keys); at most 24 text requests in flight per account.
         * Create a chat completion
         *
         *     With `stream: false` the reply is one `ChatCompletion`. With `stream: true` it is `text/event-stream`: one
         *     `data: <ChatCompletionChunk JSON>` event per chunk, then the literal `data: [DONE]`. The first chunk carries the
         *     role; the final chunk may carry `usage` and the `grid` object (`GridMetadata`). A failure after the stream started is
         *     one `data: <StreamErrorChunk JSON>` event followed by `data: [DONE]` (the HTTP status is already 200).
         *
         *     If the client disconnects (or drops a non-streamed request) the grid cancels the worker's job.
         *
         *     `dry_run: true` (AIPG extension, mock grid) answers a `ChatQuote` instead: the price, nothing queued or charged
         *     (`ChatCompletionRequest.dry_run` says which checks still apply). The answer's `grid.den` is what the request
         *     was then charged.
         */
        post: operations["createChatCompletion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/images/generations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * OpenAI-compatible image generation (the `openai` package's `images.generate` works unchanged), served by grid
         * image workers. **Synchronous**: there is no job id; the answer comes when every image is made and verified
         * (the grid waits up to 300 s, then answers 504). To show progress, send a `progress_token` and poll
         * `GET /v1/progress/{token}` meanwhile. Rate limit: 10/min per API key; at most 4 media requests in flight per
         * account.
         * Generate images
         *
         *     The `n` images are `n` generations with their own seeds. The mock grid splits them across workers by their
         *     `amount`; the live grid sends them to one worker. A worker's outputs are paid (in megapixel-steps) only once the
         *     grid has checked the uploaded bytes; a failed check sends the images to another worker, never to the client.
         *     If the client disconnects the grid cancels the workers' jobs.
         *
         *     Errors: a bad `size`, `steps`, `n`, `sampler`, `cfg_scale` or `strength` is a 422 naming the field and its
         *     range; a source `image` over 12 MB is a 413.
         */
        post: operations["createImage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/progress/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * The `progress_token` the image request carries.
                 * @example 0b6f3f36-5d8e-4c1e-9f52-1a7a7e2f1c90
                 */
                token: string;
            };
            cookie?: never;
        };
        /**
         * How far the image request carrying this `progress_token` has come, 0–100, or `null` for a token no running or
         * recently finished request carries. Public and not rate limited (the token is the secret): poll it about once a
         * second while `POST /v1/images/generations` runs.
         * Progress of an image request
         */
        get: operations["getProgress"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's files (uploaded and written by its batches), newest first; cursor pagination as OpenAI's.
         * List files
         */
        get: operations["listFiles"];
        put?: never;
        /**
         * Uploads a JSONL file of batch requests (`multipart/form-data` with `file` and `purpose=batch`), as OpenAI's
         * `files.create`. AIPG extension: the mock grid serves it, the live grid does not yet. The file is kept as sent;
         * its lines are read when a batch is created from it. Limits (`FileUploadRequest`): 8 MiB per file (413 naming
         * `file` and the limit), 100 files per key (429); a file that is not valid UTF-8 is a 400.
         * Upload a batch input file
         */
        post: operations["createFile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/files/{file_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * The file id (`file-…`).
                 * @example file-9f2c1e7a4b0d4e5f8a6b3c2d1e0f9a8b
                 */
                file_id: string;
            };
            cookie?: never;
        };
        /**
         * One of the caller's files. Another key's file is a 404, as an unknown id is.
         * Retrieve a file
         */
        get: operations["retrieveFile"];
        put?: never;
        post?: never;
        /**
         * Deletes one of the caller's files. A batch already created from it keeps running.
         * Delete a file
         */
        delete: operations["deleteFile"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/files/{file_id}/content": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * The file id (`file-…`).
                 * @example file-9f2c1e7a4b0d4e5f8a6b3c2d1e0f9a8b
                 */
                file_id: string;
            };
            cookie?: never;
        };
        /**
         * The file's bytes as uploaded or written (`application/jsonl`). For a batch's output or error file, one
         * `BatchRequestOutput` per line, in input-file order; the schema below describes one line (`BatchFileLine`).
         * Download a file's content
         */
        get: operations["retrieveFileContent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's batches, newest first; cursor pagination as OpenAI's (`after`, `limit`, `has_more`).
         * List batches
         */
        get: operations["listBatches"];
        put?: never;
        /**
         * Runs every line of an uploaded JSONL file (`purpose=batch`) against `endpoint`, as OpenAI's `batches.create`.
         * AIPG extension: the mock grid serves it, the live grid does not yet. The batch starts `validating`; its file
         * is read on the grid's next step. Each request then runs as an ordinary grid job (the same matching, workers,
         * rewards and den as `POST /v1/chat/completions`, charged to this key), at most a few of the batch's requests
         * queued at a time, so interactive requests are served between them (docs/mock-grid-core.md "Batches"). The
         * requests count in the key's in-flight cap; a 429 from it only delays the batch. A key may have 16 batches
         * that have not ended (429 naming the limit).
         * Create a batch
         */
        post: operations["createBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batches/{batch_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * The batch id (`batch_…`).
                 * @example batch_5e0c9a1f2b3d4c6e8f7a9b0c1d2e3f4a
                 */
                batch_id: string;
            };
            cookie?: never;
        };
        /**
         * One of the caller's batches (another key's is a 404). While it runs, `x-poll-after-ms` says when to read it
         * again (AIPG extension; the SDK's `batches.createAndPoll` honours it).
         * Retrieve a batch
         */
        get: operations["retrieveBatch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batches/{batch_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * The batch id (`batch_…`).
                 * @example batch_5e0c9a1f2b3d4c6e8f7a9b0c1d2e3f4a
                 */
                batch_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stops the batch: no more of its requests are queued, the queued ones are cancelled, the running ones finish
         * (as on OpenAI). The batch is `cancelling` until they have, then `cancelled`, with what finished in its output
         * file and the rest in its error file (`batch_cancelled`). A batch that has ended, or is only writing its files
         * (`finalizing`), is returned as it is.
         * Cancel a batch
         */
        post: operations["cancelBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/account/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * AIPG extension (mock grid): requests, prompt and completion tokens, images and den spent by the calling key's
         * account, grouped by model and UTC day (`UsageReport`). Without dates it covers the last 30 days up to today;
         * `start_date` alone runs to today, `end_date` alone goes back 30 days from it. A range longer than 366 days,
         * an end before its start or a date that is not `YYYY-MM-DD` is a 422 naming the parameter. The key is checked
         * as for a chat completion (`inference.submit`); the anonymous key's usage is that of every anonymous caller.
         * The calling key's usage
         */
        get: operations["getUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Text models served by connected workers, with a virtual `auto` first whenever any is online. Not rate limited.
         * List text models
         */
        get: operations["listModels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{model_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One online text model. Not rate limited. On the live server an id containing `/` cannot be retrieved (the path
         * is decoded before routing, so it never matches the single segment; the answer is 404 `{"detail":"Not Found"}`),
         * and `input_modalities` is always `["text"]` here; `listModels` reports the real modalities.
         * Retrieve a model
         */
        get: operations["retrieveModel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/status/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Models with worker counts and 24 h performance (tokens/s, time to first token, latency). Not rate limited.
         * Model status and performance
         */
        get: operations["listModelStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The live worker registry (only connected workers). Not rate limited.
         * List connected workers
         */
        get: operations["listWorkers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workers/ws": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The live worker protocol: one WebSocket per job slot (a connection runs one job at a time; open N connections for
         * concurrency). Every frame is one JSON text message.
         * Worker WebSocket
         *
         *     1. Within 30 s of the upgrade the worker sends `WsRegister` (no `type` field; the API key travels here, not in a
         *        header). The server answers `WsReady`, or `WsServerError` and closes with a `WsCloseCode` (4001 bad key or name,
         *        4003 scope/ownership/cooldown/retired model). A newer connection with the same name closes this one with 1012.
         *     2. Then worker → server frames are `WsWorkerFrame` (`pong`, `token`, `done`, `error`) and server → worker frames are
         *        `WsServerFrame` (`ready`, `error`, `ping`, `job`, `cancel`, `ack`), told apart by `type`.
         *     3. The server sends `ping` about every 10 s while idle; answer `pong` (also mid-job). A job is `job`; the worker
         *        streams `token` frames, then sends `done` (or `error`); the server answers `ack` with the den earned. `cancel`
         *        asks the worker to stop and send `done` with `cancelled: true`.
         *
         *     4. A media worker (`job_types` with `image`, `video`, `audio` or `3d`) has a media session:
         *        `WsMediaWorkerFrame` (`pong`, `progress`, `done`, `error`) one way and `WsMediaServerFrame` the other, whose
         *        `job` is a `WsMediaJob` with one upload slot per output. The worker `PUT`s each output to its slot, sends
         *        `progress` about every 2 s meanwhile, then `done` with one `{index, seed, sha256}` per slot; the grid checks
         *        every upload before the `ack` pays (megapixel-steps), and a failed check is a strike and a re-queue.
         *
         *     Limits: the server waits at most 300 s for any frame during a text job (600 s during a media job); a disconnect
         *     re-queues the job in flight.
         *     An empty completion or a worker error is a strike; 6 strikes in 300 s evict the worker, and re-registration is then
         *     barred for 30 s → 2 min → 10 min → 1 h on repeated evictions.
         *
         *     Frame schemas: `WsRegister`, `WsWorkerFrame`, `WsServerFrame`, `WsMediaWorkerFrame`, `WsMediaServerFrame`,
         *     `WsCloseCode` (components).
         */
        get: operations["connectWorker"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ws": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * **AIPG extension** (the mock grid serves it; the live grid and AI Horde do not yet): one WebSocket carries many
         * concurrent client requests, each named by a client-chosen id. Every frame is one JSON text message; client →
         * grid frames are `ClientWsClientFrame`, grid → client frames `ClientWsServerFrame`, told apart by `type`.
         * Client WebSocket
         *
         *     1. **Auth.** Send the key as `Authorization: Bearer <key>` (or `apikey`) on the upgrade, where the runtime can
         *        (Node), or — browsers cannot set headers on a WebSocket — as the first frame, `ClientWsAuth`, within
         *        `auth_timeout_s`. The grid answers `ClientWsReady` (with the connection's `ClientWsLimits`), or a
         *        `ClientWsError` and a close with 4001 (bad key) or 4003 (no `inference.submit` scope).
         *     2. **Requests**, any number at once up to `max_concurrent_requests`: `chat.completions` (the
         *        `POST /v1/chat/completions` body; streamed as `chunk` frames then `done`, or one `response`), `jobs.submit`
         *        (the `POST /api/v2/generate/text/async` body; one `response` with the job id), `jobs.subscribe` (a job's
         *        events as `event` frames from after `after`, then `done`). Each ends with exactly one `response`, `done` or
         *        `error` frame carrying its id. `cancel` ends one request and leaves the others alone.
         *     3. **Keep-alive.** `ping` → `pong`. A connection silent for `idle_timeout_s` is closed with 4008.
         *     4. **Close.** `ClientWsCloseCode` says why. Closing cancels the connection's chat completions, as an HTTP client
         *        going away does; async jobs keep running and can be followed again on a new connection.
         *
         *     The request bodies are validated as the HTTP doors validate them, and a failure gets the HTTP door's wording and
         *     status inside a `ClientWsError` (`error.status`). Limits: `ClientWsLimits`. Frame schemas: `ClientWsClientFrame`,
         *     `ClientWsServerFrame`, `ClientWsCloseCode` (components).
         */
        get: operations["connectClient"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * The job's id — the request id a Horde async submit (`hordeTextAsync`, `hordeImageAsync`) returned.
                 * @example 2b7e3c1e-9f0a-4a61-8f59-7d3c4b0e1a22
                 */
                id: string;
            };
            cookie?: never;
        };
        /**
         * **AIPG extension** (the mock grid; neither the live grid nor the AI Horde serves it — a grid without it answers
         * 404 or 405, and clients fall back to polling the status). The job's events as they happen, over server-sent
         * events, so nobody polls: `queued` (with the queue position, and again after a `requeued`), `assigned` (worker,
         * region when declared), `progress` (text: tokens so far, every 16 tokens; images: the worker's percent), `token`
         * (streamed text), and one of `done` (the text, or where to fetch the image), `failed`, `faulted`, `cancelled` per
         * generation. The event that ends the request's last generation has `final: true`, and the stream ends after it.
         * A job's events, pushed (AIPG extension)
         *
         *     Each event is `id: <seq>`, `event: <type>`, `data: <JobEvent JSON>`. `seq` counts from 1 with no gaps. After a
         *     dropped connection, reconnect with `Last-Event-ID: <last seq received>` (what `EventSource` sends by itself) or
         *     `?after=<seq>`: the stream starts with exactly the events after it — nothing missed, nothing twice. Without
         *     either it starts from the first event, so a finished job's stream replays its events and ends. A comment line
         *     (`: keep-alive`) is sent every 15 s of silence. Closing the connection only stops the stream, never the job.
         *
         *     Which jobs have events: Horde async text and image requests, and jobs submitted through the client WebSocket or a
         *     batch. A `/v1/chat/completions` request has none (its reply is its stream). They are kept while the request is
         *     (10 min after it finished, as for the status). A long text stream's oldest `token` events may be merged into
         *     fewer, longer ones once a request holds more than 4096 events; resuming after any `seq` is still exact.
         *
         *     Who may read it: as for the status — the submitting key (`apikey` or `Authorization: Bearer`), or, where the grid
         *     lets the id alone stand for the request (the mock's open mode, as the AI Horde), no key at all, so a browser's
         *     `EventSource` (which cannot send headers) can follow it. Another account's key gets 404, as an unknown id does.
         */
        get: operations["streamJobEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Redis connectivity and worker presence. Always 200; `status` says `degraded` when Redis is unreachable.
         * Health check
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/generate/text/async": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Queues a text request (202) and returns its id; poll `hordeTextStatus`. With `dry_run: true` only the kudos cost is
         * returned (200) and nothing is queued.
         * Request a text generation
         *
         *     Checks: empty prompt → 400 `MissingPrompt`; `params.max_context_length < params.max_length` → 400 `TokenOverflow`;
         *     >128 stop sequences → 400 `TooManyStopSequences`; webhook not `https://` → 400; kudos needed upfront but missing →
         *     403 `KudosUpfront` (unless `allow_downgrade`); too many waiting requests for the user → 429 `TooManyPrompts`.
         *     Rate limits: 90/min and 2/s per IP, and 2/s per API key.
         */
        post: operations["hordeTextAsync"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/generate/text/status/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * The request id from `hordeTextAsync`. A non-UUID id is a 404 `RequestNotFound`.
                 * @example 5b1d3f0e-8c2a-4e6b-9a7d-1c3e5f7a9b0d
                 */
                id: components["parameters"]["HordeRequestId"];
            };
            cookie?: never;
        };
        /**
         * Progress and finished generations. There is no text `check` endpoint and no streaming: poll this (60/min per id
         * and IP). Once `done` is true the generations are final.
         * Text request status and results
         *
         *     Only the requester sees a request: an `apikey` of another account gets 404, as an unknown id does. Without
         *     a key the id alone is enough, as on the AI Horde (whose clients poll without one; ids are random UUIDs from a
         *     cryptographic source) — except on a grid that requires the submitting key (the mock in strict auth mode),
         *     where only an anonymous request is read by its id.
         */
        get: operations["hordeTextStatus"];
        put?: never;
        post?: never;
        /**
         * Cancels the generations not yet given to a worker (generations in flight still finish) and returns the status,
         * including any finished generations. Who may cancel: as for the status (another account's key gets 404).
         * Cancel a text request
         */
        delete: operations["hordeTextCancel"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/generate/text/pop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Checks the worker in (creating it on its first pop) and hands it at most one request. Always 200: with no job,
         * `id` is `null` and `ids` is empty. Rate limit 60/s per IP.
         * Worker asks for a text job
         *
         *     Refusals: unknown key → 401 `InvalidAPIKey`; anonymous key → 403 `AnonForbiddenWorker`; flagged user → 403
         *     `WorkerFlaggedMaintenance`; IP checks → 403 `TimeoutIP`/`UnsafeIP`/`TooManyNewIPs`/`TooManySameIPs`; a worker in
         *     maintenance that found no job → 403 `WorkerMaintenance`.
         */
        post: operations["hordeTextPop"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/generate/text/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Delivers the text for a popped generation and returns the reward. `state: faulted` (with `generation: ""`)
         * re-queues it for another worker. Rate limit 60/s per IP.
         * Worker submits a text generation
         *
         *     Errors: a second submit → 400 `DuplicateGen`; a submit after the server aborted the job → 400 `AbortedGen`; unknown
         *     id → 404 `InvalidJobID` (workers treat 404 as "already submitted"); a key that does not own the worker → 403
         *     `WrongCredentials`; an invalid key → 401 `InvalidAPIKey` (the live AIPG/Horde server crashes on it and answers 500).
         */
        post: operations["hordeTextSubmit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/generate/async": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Queues an image request (202) and returns its id: poll `hordeImageCheck` (up to 10/s), then fetch the images
         * once with `hordeImageStatus` (10/min per id). With `dry_run: true` only the kudos cost is returned (200) and
         * nothing is queued. The cost is the request's megapixel-steps priced by model family (docs/spec.md, "Image
         * rewards").
         * Request image generations
         *
         *     Checks: see `HordeImageAsyncRequest`; kudos needed upfront but missing → 403 `KudosUpfront` (unless
         *     `allow_downgrade`); too many waiting requests for the user → 429 `TooManyPrompts`. Rate limits: 90/min and 2/s
         *     per IP, and 2/s per API key.
         */
        post: operations["hordeImageAsync"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/generate/check/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * The request id from `hordeTextAsync`. A non-UUID id is a 404 `RequestNotFound`.
                 * @example 5b1d3f0e-8c2a-4e6b-9a7d-1c3e5f7a9b0d
                 */
                id: components["parameters"]["HordeRequestId"];
            };
            cookie?: never;
        };
        /**
         * The request's counts and progress, without its images: the cheap call to poll (10/s per id and IP, the answer
         * cached for 1 s). Once `done` is true, fetch the images once with `hordeImageStatus`. On the Horde an anonymous
         * client (`Client-Agent` missing) from an IP in timeout gets 403. Who may read a request: as for the text status.
         * Image request progress (without the images)
         */
        get: operations["hordeImageCheck"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/generate/status/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * The request id from `hordeTextAsync`. A non-UUID id is a 404 `RequestNotFound`.
                 * @example 5b1d3f0e-8c2a-4e6b-9a7d-1c3e5f7a9b0d
                 */
                id: components["parameters"]["HordeRequestId"];
            };
            cookie?: never;
        };
        /**
         * The request's state with its finished images. Limited to **10/min per id and IP**: poll `hordeImageCheck` and
         * call this once `done` is true. Each image's `img` is a download URL valid for 1800 s (with `r2: true`) and its
         * `seed` a string. Who may read a request: as for the text status (another account's key gets 404).
         * Image request status and images
         */
        get: operations["hordeImageStatus"];
        put?: never;
        post?: never;
        /**
         * Cancels the images not yet given to a worker and returns the status, with any finished images. Images in
         * flight still finish on the Horde; the mock grid also sends its WebSocket workers `cancel` for them. Who may
         * cancel: as for the status.
         * Cancel an image request
         */
        delete: operations["hordeImageCancel"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/generate/pop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Checks the image worker in (creating it on its first pop) and hands it at most one job: up to `amount` images
         * of one request, each with its own id, seed and signed upload URL. Always 200: with no job, `id` is `null` and
         * `ids` is empty. Rate limit 60/s per IP. Refusals as for the text pop (`hordeTextPop`).
         * Worker asks for an image job
         *
         *     Then, per image: `PUT` its bytes to its `r2_uploads` URL (valid 1800 s), report progress with
         *     `hordeImageProgress` about every 2 s meanwhile, and `hordeImageSubmit` it. A job not submitted within `ttl`
         *     seconds is re-queued.
         */
        post: operations["hordeImagePop"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/generate/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Delivers one image of a popped job (one submit per id) and returns its reward: the image's megapixel-steps
         * priced by model family (docs/spec.md, "Image rewards"). Rate limit 60/s per IP.
         * Worker submits an image
         *
         *     The grid checks the image before paying (`HordeImagePopResponse.r2_uploads`): with `generation: "R2"` the
         *     uploaded object, otherwise the base64 in `generation`. A missing upload, bytes that are no image (or not of the
         *     declared type), or a `sha256` mismatch fail the generation: reward 0 (still 200), re-queued for another worker,
         *     like `state: faulted`.
         *
         *     Errors as for the text submit (`hordeTextSubmit`): a second submit → 400 `DuplicateGen`; after the server
         *     aborted the job → 400 `AbortedGen`; unknown id → 404 `InvalidJobID`; a key that does not own the worker → 403
         *     `WrongCredentials`; an invalid key → 401 `InvalidAPIKey` (the live server crashes on it and answers 500).
         */
        post: operations["hordeImageSubmit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/generate/progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * AIPG only (upstream AI Horde has no such route). A worker reports how far a popped generation is, about every
         * 2 s; the grid shows it on `hordeImageCheck` (`progress`) and on `GET /v1/progress/{token}`. Rate limit 30/s per
         * IP. This route existed on the AIPG Horde until the legacy API was retired (now 410 there like every
         * `/api/v2` path). comfy-bridge also posts preview bytes to `/generate/preview/{id}`, a route that never existed
         * (404); it is not part of the API.
         * Worker reports image progress
         *
         *     Errors: the generation already finished or faulted → 400 `{"message": "Job already completed or faulted"}`;
         *     unknown id → 404 `InvalidJobID`; another user's worker holds the job → 403 `WrongCredentials`.
         */
        post: operations["hordeImageProgress"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/status/heartbeat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not rate limited.
         * Server heartbeat
         */
        get: operations["hordeHeartbeat"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/status/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Models with at least one active worker, with queue and speed figures (cached 2 s). Note that `type` defaults to
         * `image`: text clients must send `type=text`.
         * Active models
         */
        get: operations["hordeModelStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/status/models/{model_name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A list holding the model's `HordeActiveModel` entry, as in `hordeModelStatus` (image models are searched first,
         * then text models), or an empty list when no online worker serves it. The Horde searches only the names in its
         * model reference and lists a reference model that has queued requests but no worker with `count: 0`; the mock
         * grid has no model reference, so it searches every name and lists only served models. Text model names often
         * hold a `/` (`koboldcpp/llama-3.1-8b-instruct`): the mock grid reads the rest of the path as the name, slashes
         * and all (percent-encoded or not); the Horde's router takes no `/` in this segment.
         * One active model
         */
        get: operations["hordeModelStatusSingle"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/status/performance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Queue and worker totals */
        get: operations["hordePerformance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/status/news": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The Horde's news, newest first (cached 300 s). The mock grid serves a short fixed list (one piece saying it is
         * a mock grid).
         * News
         */
        get: operations["hordeNews"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/status/modes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether the Horde is in maintenance or invite-only mode (cached 50 s). With a moderator's `apikey` the answer
         * also has `raid_mode`; any other key sent is refused: 401 `InvalidAPIKey` for an unknown key, 403
         * `NotModerator` for a known one that is not a moderator's (the anonymous key too). The mock grid has none of
         * these modes, so all are false; a moderator is a keys-file entry with `moderator: true`.
         * Horde modes
         */
        get: operations["hordeModes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/stats/text/totals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Text generations and their tokens in the past minute, hour, day and month (30 days), and in all. The Horde
         * compiles them once a minute (cached 50 s) and counts a generation's requested `max_length` as its tokens, and
         * its aborted generations too. The mock grid counts its completed text jobs when asked, on its own clock, with
         * the tokens it counted (the ones it rewards): the minute by the second, the hour by the minute, the day and the
         * month by the hour (the current slot included).
         * Text generation totals
         */
        get: operations["hordeTextStatsTotals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/stats/text/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Text generations per model in the past day, month (30 days) and in all. The Horde compiles them once a day
         * (cached 50 s); the mock grid counts its completed text jobs when asked, on its own clock, by the hour (the
         * current hour included). Every model with a completed job is a key of all three maps.
         * Text generations per model
         */
        get: operations["hordeTextStatsModels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/workers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The online workers of every type (text and image), from a 30 s cache. A moderator key adds privileged fields
         * (the mock grid has none to add).
         * List workers
         */
        get: operations["hordeListWorkers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/workers/{worker_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a worker */
        get: operations["hordeGetWorker"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/workers/name/{worker_name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The worker with this exact name, online or not, in the same shape as `hordeGetWorker`. The name is matched
         * exactly (case-sensitively), as the Horde's database lookup does; only the `name` filter of `hordeListWorkers`
         * ignores case.
         * Get a worker by name
         */
        get: operations["hordeGetWorkerByName"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/find_user": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Looks up the user of the `apikey` header (cached 30 s). Missing key → 401; unknown key → 404 `UserNotFound`.
         * The user owning the API key
         */
        get: operations["hordeFindUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ChatCompletionRequest: ChatCompletionRequest;
        ChatMessage: ChatMessage;
        ChatCompletionContentPart: ChatCompletionContentPart;
        ChatCompletionTool: ChatCompletionTool;
        ChatCompletionMessageToolCall: ChatCompletionMessageToolCall;
        ChatCompletion: ChatCompletion;
        ChatCompletionChoice: ChatCompletionChoice;
        ChatCompletionMessage: ChatCompletionMessage;
        ChatCompletionChunk: ChatCompletionChunk;
        ChatCompletionChunkChoice: ChatCompletionChunkChoice;
        ChatCompletionDelta: ChatCompletionDelta;
        CompletionUsage: CompletionUsage;
        GridMetadata: GridMetadata;
        ResultSignature: ResultSignature;
        RoutingPreferences: RoutingPreferences;
        RoutingExplanation: RoutingExplanation;
        RoutingScores: RoutingScores;
        StreamErrorChunk: StreamErrorChunk;
        Model: Model;
        ModelPricing: ModelPricing;
        ModelList: ModelList;
        ModelStatus: ModelStatus;
        WorkerList: WorkerList;
        WorkerSummary: WorkerSummary;
        Health: Health;
        ErrorDetail: ErrorDetail;
        ValidationErrorItem: ValidationErrorItem;
        RateLimitErrorBody: RateLimitErrorBody;
        ImageGenerationRequest: ImageGenerationRequest;
        ImageOutputFormat: ImageOutputFormat;
        ImageLora: ImageLora;
        ImagesResponse: ImagesResponse;
        Image: Image;
        ImageGridMetadata: ImageGridMetadata;
        ImageProgress: ImageProgress;
        ChatQuote: ChatQuote;
        ImageQuote: ImageQuote;
        UsageReport: UsageReport;
        UsageRow: UsageRow;
        UsageTotals: UsageTotals;
        JobEventType: JobEventType;
        JobEventBase: JobEventBase;
        JobQueuedEvent: JobQueuedEvent;
        JobRequeuedEvent: JobRequeuedEvent;
        JobAssignedEvent: JobAssignedEvent;
        JobProgressEvent: JobProgressEvent;
        JobTokenEvent: JobTokenEvent;
        JobImageResult: JobImageResult;
        JobDoneEvent: JobDoneEvent;
        JobFailedEvent: JobFailedEvent;
        JobFaultedEvent: JobFaultedEvent;
        JobCancelledEvent: JobCancelledEvent;
        JobEvent: JobEvent;
        JobEventStreamEvent: JobEventStreamEvent;
        FileUploadRequest: FileUploadRequest;
        FilePurpose: FilePurpose;
        FileObject: FileObject;
        FileDeleted: FileDeleted;
        FileList: FileList;
        BatchEndpoint: BatchEndpoint;
        BatchStatus: BatchStatus;
        BatchCreateRequest: BatchCreateRequest;
        BatchRequestCounts: BatchRequestCounts;
        BatchError: BatchError;
        BatchErrors: BatchErrors;
        BatchUsage: BatchUsage;
        Batch: Batch;
        BatchList: BatchList;
        BatchRequestInput: BatchRequestInput;
        BatchRequestOutput: BatchRequestOutput;
        BatchFileLine: BatchFileLine;
        WsJobKind: WsJobKind;
        WsApiFormat: WsApiFormat;
        WsModality: WsModality;
        WsRegister: WsRegister;
        WsPong: WsPong;
        WsToken: WsToken;
        WsDone: WsDone;
        WsWorkerError: WsWorkerError;
        WsWorkerFrame: WsWorkerFrame;
        WsReady: WsReady;
        WsServerError: WsServerError;
        WsPing: WsPing;
        WsJobPayload: WsJobPayload;
        WsJob: WsJob;
        WsCancel: WsCancel;
        WsAck: WsAck;
        WsServerFrame: WsServerFrame;
        WsUploadSlot: WsUploadSlot;
        WsMediaJobPayload: WsMediaJobPayload;
        WsMediaJob: WsMediaJob;
        WsProgress: WsProgress;
        WsMediaResult: WsMediaResult;
        WsMediaDone: WsMediaDone;
        WsMediaWorkerFrame: WsMediaWorkerFrame;
        WsMediaServerFrame: WsMediaServerFrame;
        WsFrame: WsFrame;
        WsCloseCode: WsCloseCode;
        ClientWsLimits: ClientWsLimits;
        ClientWsAuth: ClientWsAuth;
        ClientWsRequestId: ClientWsRequestId;
        ClientWsChatRequest: ClientWsChatRequest;
        ClientWsJobSubmit: ClientWsJobSubmit;
        ClientWsJobSubscribe: ClientWsJobSubscribe;
        ClientWsCancel: ClientWsCancel;
        ClientWsPing: ClientWsPing;
        ClientWsClientFrame: ClientWsClientFrame;
        ClientWsReady: ClientWsReady;
        ClientWsChunk: ClientWsChunk;
        ClientWsResponse: ClientWsResponse;
        ClientWsEvent: ClientWsEvent;
        ClientWsDone: ClientWsDone;
        ClientWsErrorKind: ClientWsErrorKind;
        ClientWsError: ClientWsError;
        ClientWsPong: ClientWsPong;
        ClientWsServerFrame: ClientWsServerFrame;
        ClientWsFrame: ClientWsFrame;
        ClientWsCloseCode: ClientWsCloseCode;
        HordeTextAsyncRequest: HordeTextAsyncRequest;
        HordeTextParams: HordeTextParams;
        HordeAsyncResponse: HordeAsyncResponse;
        HordeWarning: HordeWarning;
        HordeDryRunResponse: HordeDryRunResponse;
        HordeTextStatus: HordeTextStatus;
        HordeProgress: HordeProgress;
        HordeTextGeneration: HordeTextGeneration;
        HordeGenerationState: HordeGenerationState;
        HordeGenMetadata: HordeGenMetadata;
        HordeTextPopRequest: HordeTextPopRequest;
        HordeTextPopResponse: HordeTextPopResponse;
        HordeTextPopPayload: HordeTextPopPayload;
        HordeNoValidRequestFound: HordeNoValidRequestFound;
        HordeMessage: HordeMessage;
        HordeTextSubmitRequest: HordeTextSubmitRequest;
        HordeSubmitResponse: HordeSubmitResponse;
        HordeImageAsyncRequest: HordeImageAsyncRequest;
        HordeImageParams: HordeImageParams;
        HordeSampler: HordeSampler;
        HordePostProcessor: HordePostProcessor;
        HordeControlType: HordeControlType;
        HordeSourceProcessing: HordeSourceProcessing;
        HordeMediaType: HordeMediaType;
        HordeLora: HordeLora;
        HordeTextualInversion: HordeTextualInversion;
        HordeExtraSourceImage: HordeExtraSourceImage;
        HordeExtraText: HordeExtraText;
        HordeImageCheck: HordeImageCheck;
        HordeImageStatus: HordeImageStatus;
        HordeImageGeneration: HordeImageGeneration;
        HordeImagePopRequest: HordeImagePopRequest;
        HordeImagePopResponse: HordeImagePopResponse;
        HordeImagePopPayload: HordeImagePopPayload;
        HordeImageSubmitRequest: HordeImageSubmitRequest;
        HordeImageProgressRequest: HordeImageProgressRequest;
        HordeHeartbeat: HordeHeartbeat;
        HordePerformance: HordePerformance;
        HordeActiveModel: HordeActiveModel;
        HordeWorkerDetails: HordeWorkerDetails;
        HordeUserDetails: HordeUserDetails;
        HordeNewspiece: HordeNewspiece;
        HordeModes: HordeModes;
        HordeTextStatsPeriod: HordeTextStatsPeriod;
        HordeTextStatsTotals: HordeTextStatsTotals;
        HordeTextModelStats: HordeTextModelStats;
        HordeError: HordeError;
        HordeRc: HordeRc;
        HordeValidationError: HordeValidationError;
        HordeRateLimitError: HordeRateLimitError;
        HordeGone: HordeGone;
        ChatCompletionStreamEvent: ChatCompletionStreamEvent;
        WorkerVerification: WorkerVerification;
        HordeHttpError: HordeHttpError;
    };
    responses: {
        /**
         * The worker reported that the request itself is bad (`client_error`), or the body could not be read: it is not
         * valid UTF-8 (`There was an error parsing the body: …`, FastAPI's wording, naming the first bad byte).
         */
        V1BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "backend returned 400: context length exceeded"
                 *     }
                 */
                "application/json": ErrorDetail;
            };
        };
        /** Missing or invalid API key. */
        V1Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": ErrorDetail;
            };
        };
        /** The account cannot cover the request (credits are reserved before dispatch when charging is on). */
        V1PaymentRequired: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "payment required"
                 *     }
                 */
                "application/json": ErrorDetail;
            };
        };
        /** The key lacks the scope the operation needs (`inference.submit` for generation). */
        V1Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "API key lacks inference.submit scope"
                 *     }
                 */
                "application/json": ErrorDetail;
            };
        };
        /** The model is not online. A concrete model is never substituted; the message lists the online models. */
        V1ModelNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "Model 'llama-70b' is not available. Online models: ['llama-3.1-8b-instruct']"
                 *     }
                 */
                "application/json": ErrorDetail;
            };
        };
        /** More than 500 messages, or more than 200 000 characters of message text. */
        V1PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "too many messages (max 500)"
                 *     }
                 */
                "application/json": ErrorDetail;
            };
        };
        /** The body does not match `ChatCompletionRequest` (FastAPI validation; `detail` is a list). */
        V1ValidationError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": [
                 *         {
                 *           "type": "less_than_equal",
                 *           "loc": [
                 *             "body",
                 *             "temperature"
                 *           ],
                 *           "msg": "Input should be less than or equal to 2",
                 *           "input": 3,
                 *           "ctx": {
                 *             "le": 2
                 *           }
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": ErrorDetail;
            };
        };
        /**
         * Too many requests: the limiter (30/min per key for chat; `RateLimitErrorBody`) or the per-account in-flight cap
         * of 24 text requests (`ErrorDetail`). `Retry-After` is set on both (the mock grid's in-flight cap: 2 s).
         */
        V1RateLimited: {
            headers: {
                /** Seconds to wait before retrying. */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/json": RateLimitErrorBody | ErrorDetail;
            };
        };
        /**
         * No text worker is online at all, or the grid is shutting down (then `Retry-After` is set and nothing was
         * queued: send the request again later).
         */
        V1Unavailable: {
            headers: {
                /** Seconds to wait (a shutdown only). */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/json": ErrorDetail;
            };
        };
        /** No file with this id belongs to the caller's account (another key's file is not found either). */
        V1FileNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "No such File object: file-9f2c1e7a4b0d4e5f8a6b3c2d1e0f9a8b"
                 *     }
                 */
                "application/json": ErrorDetail;
            };
        };
        /** No batch with this id belongs to the caller's account. */
        V1BatchNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "No such Batch object: batch_5e0c9a1f2b3d4c6e8f7a9b0c1d2e3f4a"
                 *     }
                 */
                "application/json": ErrorDetail;
            };
        };
        /**
         * Too many: the key holds the most files it may (100) or has the most batches that have not ended (16) —
         * `ErrorDetail` naming the limit — or the caller's address has failed authentication too often (the door's guard,
         * `RateLimitErrorBody`). `Retry-After` is set when waiting helps (the guard; 60 s for active batches).
         */
        V1BatchRateLimited: {
            headers: {
                /** Seconds to wait before retrying. */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/json": RateLimitErrorBody | ErrorDetail;
            };
        };
        /**
         * A Horde check failed (`HordeError`), or the body failed validation (`HordeValidationError`; a body that is not
         * valid UTF-8 is reported under `errors.body`, naming the first bad byte).
         */
        HordeBadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": HordeError | HordeValidationError;
            };
        };
        /** Missing or unknown API key. */
        HordeUnauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "message": "No user matching sent API Key.",
                 *       "rc": "InvalidAPIKey"
                 *     }
                 */
                "application/json": HordeError;
            };
        };
        /** Not allowed (wrong owner, kudos required upfront, anonymous worker, IP checks, maintenance, …). */
        HordeForbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "message": "Wrong credentials to submit as this worker.",
                 *       "rc": "WrongCredentials"
                 *     }
                 */
                "application/json": HordeError;
            };
        };
        /** Unknown (or already deleted) request id. */
        HordeRequestNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "message": "Request with ID 5b1d3f0e-8c2a-4e6b-9a7d-1c3e5f7a9b0d not found.",
                 *       "rc": "RequestNotFound"
                 *     }
                 */
                "application/json": HordeError;
            };
        };
        /** Unknown worker id. */
        HordeWorkerNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "message": "Worker with ID 1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b not found.",
                 *       "rc": "WorkerNotFound"
                 *     }
                 */
                "application/json": HordeError;
            };
        };
        /**
         * The live AIPG grid has retired the whole `/api/v2` API (since 2026-07-24) and answers every path with this 410.
         * A Horde server proper uses 410 only for an expired request (`RequestExpired`).
         */
        HordeGoneResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": HordeGone | HordeError;
            };
        };
        /**
         * Rate limited (`HordeRateLimitError`, no `rc`), or too many concurrent requests for this user (`HordeError` with
         * `TooManyPrompts`). The mock grid sets `Retry-After` on both (in-flight cap: 2 s); a Horde server proper only on
         * the first.
         */
        HordeTooManyRequests: {
            headers: {
                /** Seconds to wait before retrying. */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/json": HordeRateLimitError | HordeError;
            };
        };
        /**
         * The request body did not arrive in time (the mock grid: 30 s after the headers, configurable); the connection is
         * closed after this answer.
         */
        V1RequestTimeout: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "request body not received within 30000 ms"
                 *     }
                 */
                "application/json": ErrorDetail;
            };
        };
        /**
         * The body was sent with a `Content-Type` other than `application/json` (or a `+json` type), e.g. `text/plain`
         * (which `fetch` sets for a string body). A body without any `Content-Type` is read as JSON, as FastAPI does.
         */
        V1UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "Unsupported Media Type: the body must be application/json (got text/plain)"
                 *     }
                 */
                "application/json": ErrorDetail;
            };
        };
        /**
         * The request body did not arrive in time (the mock grid: 30 s after the headers, configurable); the connection is
         * closed after this answer.
         */
        HordeRequestTimeout: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "message": "request body not received within 30000 ms",
                 *       "rc": "BadRequest"
                 *     }
                 */
                "application/json": HordeError;
            };
        };
        /**
         * The body was sent with a `Content-Type` other than `application/json` (or a `+json` type). A body without any
         * `Content-Type` is read as JSON.
         */
        HordeUnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "message": "Unsupported Media Type: the body must be application/json (got text/plain)"
                 *     }
                 */
                "application/json": HordeHttpError;
            };
        };
        /**
         * The grid is shutting down: it takes no new work (no submit is queued, a pop hands out no job) until it is back.
         * `Retry-After` says when to try again. Status polls, cancels and a worker's submit are still answered.
         */
        HordeUnavailable: {
            headers: {
                /** Seconds to wait. */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "message": "The grid is shutting down (service restart); send the request again later.",
                 *       "rc": "MaintenanceMode"
                 *     }
                 */
                "application/json": HordeError;
            };
        };
    };
    parameters: {
        /**
         * `name:version:contact` of the calling software. Missing means `unknown:0:unknown`; such anonymous clients may be
         * refused from IPs in timeout.
         * @example aipg-sdk:0.1.0:https://github.com/aipg/grid-sdk
         */
        ClientAgent: string;
        /**
         * The request id from `hordeTextAsync`. A non-UUID id is a 404 `RequestNotFound`.
         * @example 5b1d3f0e-8c2a-4e6b-9a7d-1c3e5f7a9b0d
         */
        HordeRequestId: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
/**
 * OpenAI chat-completions request. Unknown fields are allowed and forwarded to the worker unchanged
 * (`extra="allow"`, e.g. `logit_bias`, `repetition_penalty`, `guided_json`). The grid itself reads only `model`,
 * `messages`, `max_tokens` and `stream`, and bounds the common knobs.
 *
 *     Request size: more than 500 messages, or more than 200 000 characters of message text in total, is answered with
 *     413 before anything else happens. `max_completion_tokens` (current OpenAI name) is accepted as an alias of
 *     `max_tokens`; sending both with different values is a 422.
 * @example {
 *       "model": "auto",
 *       "messages": [
 *         {
 *           "role": "system",
 *           "content": "You are terse."
 *         },
 *         {
 *           "role": "user",
 *           "content": "Say hello."
 *         }
 *       ],
 *       "temperature": 0.7,
 *       "max_tokens": 64,
 *       "stream": false
 *     }
 */
export type ChatCompletionRequest = {
    /**
     * A model id from `GET /v1/models`. `auto` (and other `auto*` virtual models) is routed to a concrete online
     * model; the choice is reported in `grid.routing`. A concrete name is never substituted: an offline model is a 404.
     * @example auto
     */
    model: string;
    /**
     * The conversation. More than 500 messages → 413 `{"detail":"too many messages (max 500)"}`. More than 200 000
     * characters of message text in total (`x-max-text-chars`) → 413 `{"detail":"messages too large: N characters
     * (max 200000)"}`; a message's text is its `content` string, or the `text` of its content parts run together
     * as they are. At least one message is intended; the live server accepts an empty list and forwards it.
     */
    messages: ChatMessage[];
    /**
     * Sampling temperature, 0–2. Lower values make the reply more focused and repeatable, higher values more varied;
     * 0 picks the most likely token every time. The grid uses 0.7 when it is omitted. Usually tune this or `top_p`,
     * not both.
     * @default 0.7
     */
    temperature?: number;
    /**
     * Nucleus sampling, 0–1: only the most likely tokens whose probabilities add up to `top_p` are considered, so 0.1
     * keeps the top 10 % of the probability mass. The grid uses 0.9 when it is omitted.
     * @default 0.9
     */
    top_p?: number;
    /**
     * Completion cap. Omitted or `null` means 32768 (the grid always sends some cap to the worker).
     * @default 32768
     */
    max_tokens?: number | null;
    /** Alias of `max_tokens` (the current OpenAI name). If both are sent they must be equal. */
    max_completion_tokens?: number | null;
    /**
     * How many alternative replies (choices) to generate, 1–4. Each choice is its own worker job.
     * @default 1
     */
    n?: number;
    /**
     * `true` → the response is `text/event-stream` of `ChatCompletionChunk`s ending with `data: [DONE]` (one event:
     * `ChatCompletionStreamEvent`).
     * @default false
     */
    stream?: boolean;
    /**
     * Stop sequence(s), forwarded to the worker. At most 128, the Horde's own limit (`TooManyStopSequences`), so
     * that a job from either door fits one worker contract (a Horde job reaches a WebSocket worker as this
     * request); more → 422. The live grid passes any number through unchecked; OpenAI itself allows 4.
     */
    stop?: string | string[] | null;
    /**
     * −2 to 2. Positive values penalise tokens that already appeared at all, nudging the model towards new topics.
     * Forwarded to the worker's backend.
     */
    presence_penalty?: number | null;
    /**
     * −2 to 2. Positive values penalise tokens in proportion to how often they already appeared, reducing verbatim
     * repetition. Forwarded to the worker's backend.
     */
    frequency_penalty?: number | null;
    /**
     * Sampling seed. When absent the grid mints one (0 ≤ seed < 2^53) so output varies per request, and echoes the
     * seed used in `grid.seed`. Bounded by ±(2^53 − 1), the integers every JSON client (JavaScript's included)
     * holds exactly; a seed outside is a 422 like any other schema error, naming the value exactly as it was sent.
     */
    seed?: number | null;
    /** OpenAI tool definitions, forwarded verbatim. */
    tools?: ChatCompletionTool[] | null;
    /** `none`, `auto`, `required`, or `{"type":"function","function":{"name":…}}`; forwarded verbatim. */
    tool_choice?: string | {
        [key: string]: unknown;
    } | null;
    /** e.g. `{"type":"json_object"}` or `{"type":"json_schema","json_schema":{…}}`; forwarded verbatim. */
    response_format?: {
        /**
         * `text` (the default), `json_object` (reply with valid JSON) or `json_schema` (JSON matching `json_schema`).
         * @example text
         * @example json_object
         * @example json_schema
         */
        type?: string;
        /** With `type: json_schema`: `{name, schema, strict?}`, the JSON Schema the reply must match. */
        json_schema?: {
            [key: string]: unknown;
        };
    } | null;
    /** Forwarded verbatim. The grid's final chunk may carry `usage` whether or not `include_usage` is set. */
    stream_options?: {
        /** Ask for token counts in a final chunk (`choices: []`, `usage`) before `data: [DONE]`. */
        include_usage?: boolean;
    } | null;
    /**
     * Mock grid: fallback models, tried after `model` in this order (OpenRouter's `models`). The request is served
     * with the first of `[model, ...models]` that has a free worker, or, while every worker is busy, by whichever
     * worker of those models frees up first; models with no online worker are passed over (listed in
     * `grid.routing.fallbacks`). With `routing.sort: price` the cheapest model comes first. The reply's `model`
     * says which one served it. At most 8.
     */
    models?: string[] | null;
    /**
     * OpenRouter's legacy switch for `models`; `fallback` is the only mode and the default.
     * @enum {string|null}
     */
    route?: "fallback" | null;
    /** Mock grid, how the request wants its worker chosen; see `RoutingPreferences`. */
    routing?: RoutingPreferences;
    /**
     * AIPG extension (mock grid), as the Horde's `dry_run`: `true` → the answer is a `ChatQuote` (JSON, even with
     * `stream: true`): what the request would cost. Nothing is queued, charged or counted in the key's usage. The
     * key, the body's checks and sizes (413, 422), the rate limit (a quote counts as a request) and the model
     * (online, or `auto` routed) apply as for a real request; the in-flight cap does not.
     * @default false
     */
    dry_run?: boolean;
} & {
    [key: string]: unknown;
};
/**
 * One chat message. Only `role` and `content` are validated; any other field (`name`, `tool_calls`, `tool_call_id`,
 * `refusal`, `reasoning_content`, …) passes through intact.
 * @example {
 *       "role": "user",
 *       "content": "Say hello."
 *     }
 */
export type ChatMessage = {
    /**
     * Who speaks: `system` / `developer` (instructions), `user`, `assistant` (an earlier reply) or `tool` (a tool's
     * result, with `tool_call_id`).
     * @enum {string}
     */
    role: "system" | "user" | "assistant" | "tool" | "developer";
    /**
     * A string, a list of content parts (multimodal), or `null` (an assistant turn that only calls tools).
     * @default null
     */
    content?: string | ChatCompletionContentPart[] | null;
    /** An optional name for the speaker, to tell apart participants with the same role. */
    name?: string;
    /** On an assistant message, the tool calls that turn made (as the completion returned them). */
    tool_calls?: ChatCompletionMessageToolCall[];
    /** On a `tool` message: the `id` of the tool call this message answers. */
    tool_call_id?: string;
    /** Reasoning text (assistant messages from reasoning models). */
    reasoning_content?: string | null;
} & {
    [key: string]: unknown;
};
/**
 * A multimodal content part, e.g. `{"type":"text","text":…}` or `{"type":"image_url","image_url":{"url":…}}`.
 * Only parts with a string `text` count towards the message's text (the flattened prompt and the 200 000-character
 * limit): their texts are run together as they are, with nothing in between. Other parts are forwarded verbatim.
 */
export type ChatCompletionContentPart = {
    /**
     * What the part holds: `text` or `image_url` (others are forwarded verbatim).
     * @example text
     * @example image_url
     */
    type: string;
    /** The text of a `text` part. */
    text?: string;
    /** The image of an `image_url` part (for models whose `input_modalities` include `image`). */
    image_url?: {
        /** An `https://` URL or a `data:image/…;base64,…` URI. */
        url: string;
        /** Resolution hint for vision models: `low`, `high` or `auto`. */
        detail?: string;
    };
};
/** An OpenAI tool definition (`{"type":"function","function":{name, description?, parameters?}}`). */
export type ChatCompletionTool = {
    /**
     * The tool kind; `function` is the one chat models call.
     * @example function
     */
    type: string;
    /** The function the model may call. */
    function?: {
        /** The function's name, as the model will write it in a tool call. */
        name: string;
        /** What the function does; the model reads it to decide when to call it. */
        description?: string;
        /** The function's arguments as a JSON Schema object. */
        parameters?: {
            [key: string]: unknown;
        };
    };
};
/** A tool call made by the assistant (`{id, type:"function", function:{name, arguments}}`). */
export type ChatCompletionMessageToolCall = {
    /** Present in streamed deltas, where a call arrives in pieces. */
    index?: number;
    /** The call's id; a `tool` message answering it repeats it as `tool_call_id`. */
    id?: string;
    /**
     * The tool kind (`function`).
     * @example function
     */
    type?: string;
    /** The function called and its arguments. */
    function?: {
        /** The function's name. */
        name?: string;
        /** JSON text; in streamed deltas, a fragment to append. */
        arguments?: string;
    };
};
/**
 * A non-streamed chat completion. The worker always streams; the grid assembles the reply. `grid` is an additive
 * top-level sibling that standard OpenAI clients ignore.
 */
export type ChatCompletion = {
    /**
     * The completion's id (`chatcmpl-…`).
     * @example chatcmpl-3f1c2a9b8e7d4c6a
     */
    id: string;
    /**
     * Always `chat.completion`.
     * @constant
     */
    object: "chat.completion";
    /** When the completion was created, in Unix seconds. */
    created: number;
    /** The concrete model that served the request (never `auto`). */
    model: string;
    /** The replies, one per requested `n`, in `index` order. */
    choices: ChatCompletionChoice[];
    /** Token counts of the request and the reply. */
    usage: CompletionUsage;
    /** Which worker served the request, how fast, with which seed (and, for `auto`, how it was routed). */
    grid?: GridMetadata;
};
/** One reply of a `ChatCompletion`. */
export type ChatCompletionChoice = {
    /**
     * The choice's position, 0 to `n` − 1.
     * @default 0
     */
    index: number;
    /** The assistant's reply. */
    message: ChatCompletionMessage;
    /**
     * Passed through from the worker (`stop`, `length`, `tool_calls`, …).
     * @default stop
     * @example stop
     */
    finish_reason: string;
    /**
     * Always `null`: the grid does not relay token log probabilities. OpenAI's field, sent so that OpenAI clients
     * find it where they look.
     */
    logprobs?: null;
};
/**
 * The reply in a `ChatCompletion` choice: always the assistant's, its `content` the assembled text (`null` when the
 * turn only calls tools). Narrower than the request's `ChatMessage` (no content parts, no other roles); other fields
 * the worker sent (e.g. `refusal`) pass through on the wire but are not part of the type.
 * @example {
 *       "role": "assistant",
 *       "content": "Hello!"
 *     }
 */
export type ChatCompletionMessage = {
    /**
     * Always `assistant`.
     * @constant
     */
    role: "assistant";
    /** The reply's text; `null` when the turn only calls tools. */
    content: string | null;
    /** Reasoning text from reasoning models. */
    reasoning_content?: string | null;
    /** The tools the model chose to call, when the request offered `tools`. */
    tool_calls?: ChatCompletionMessageToolCall[];
};
/**
 * One server-sent event's `data` in a streamed completion (`stream: true`). The stream is:
 * 1. a first chunk whose delta carries only `{"role":"assistant","content":""}`;
 * 2. the worker's deltas relayed verbatim (`content`, `reasoning_content`, `tool_calls`);
 * 3. a chunk with an empty delta and the `finish_reason`;
 * 4. optionally a final chunk with `choices: []`, `usage` and the `grid` object;
 * 5. the literal line `data: [DONE]`.
 * A failure mid-stream sends one `StreamErrorChunk` instead of 3–4, then `data: [DONE]`.
 * @example {
 *       "id": "chatcmpl-3f1c2a9b8e7d4c6a",
 *       "object": "chat.completion.chunk",
 *       "created": 1764222000,
 *       "model": "llama-3.1-8b-instruct",
 *       "choices": [
 *         {
 *           "index": 0,
 *           "delta": {
 *             "content": "Hello"
 *           },
 *           "finish_reason": null
 *         }
 *       ]
 *     }
 */
export type ChatCompletionChunk = {
    /** The same for every chunk of one completion. */
    id: string;
    /**
     * Always `chat.completion.chunk`.
     * @constant
     */
    object: "chat.completion.chunk";
    /** When the chunk was sent, in Unix seconds. */
    created: number;
    /** The concrete model that serves the request (never `auto`). */
    model: string;
    /** The choices this chunk extends; empty (`[]`) in the final usage chunk. */
    choices: ChatCompletionChunkChoice[];
    /**
     * Token counts, on the final chunk only. Intended: the same counts as a non-streamed reply. The live grid relays
     * the worker's own report here unchanged, so it sends `{}` when the worker reported none.
     */
    usage?: CompletionUsage | null;
    /** Provenance (worker, timings, seed), on the final chunk only. */
    grid?: GridMetadata;
};
/** What one chunk adds to one choice. */
export type ChatCompletionChunkChoice = {
    /**
     * Which choice this extends, 0 to `n` − 1.
     * @default 0
     */
    index: number;
    /** The new pieces of the message; text fields are appended to what came before. */
    delta: ChatCompletionDelta;
    /** `null` until the chunk that ends the choice. */
    finish_reason?: string | null;
    /**
     * Always `null`: the grid does not relay token log probabilities. OpenAI's field, sent so that OpenAI clients
     * find it where they look.
     */
    logprobs?: null;
};
/**
 * The worker's delta, relayed verbatim. Fields the worker adds beyond these (e.g. `refusal`) pass through on the wire
 * but are not part of the type.
 */
export type ChatCompletionDelta = {
    /**
     * Only on the first chunk.
     * @enum {string}
     */
    role?: "assistant";
    /** The next piece of the reply's text. */
    content?: string | null;
    /** The next piece of the reasoning text (reasoning models). */
    reasoning_content?: string | null;
    /** Pieces of tool calls, matched by `index`: the first carries `id` and `function.name`, later ones more `function.arguments`. */
    tool_calls?: ChatCompletionMessageToolCall[];
};
/**
 * Token counts. The worker's report is preferred; the grid's own tiktoken count fills gaps. Shown to the client, never
 * used for billing (the grid bills on its own count).
 */
export type CompletionUsage = {
    /**
     * Tokens in the prompt (the messages as the model saw them).
     * @default 0
     */
    prompt_tokens: number;
    /**
     * Tokens generated, reasoning included.
     * @default 0
     */
    completion_tokens: number;
    /**
     * `prompt_tokens` + `completion_tokens`.
     * @default 0
     */
    total_tokens: number;
};
/**
 * Grid provenance: the top-level `grid` object of a `ChatCompletion`, and of the final streamed chunk. Standard
 * OpenAI clients ignore it.
 * @example {
 *       "worker": "rig-01",
 *       "gen_time": 1.42,
 *       "ttft": 0.18,
 *       "tokens_per_s": 61.3,
 *       "seed": 4815162342
 *     }
 */
export type GridMetadata = {
    /** Name of the worker that served the job. */
    worker?: string;
    /** Generation time in seconds. */
    gen_time?: number;
    /** Time to first token in seconds. */
    ttft?: number | null;
    /** Decode speed in tokens per second, as the worker measured it. */
    tokens_per_s?: number | null;
    /** The seed used (client-supplied, or minted by the grid). */
    seed?: number;
    /**
     * Why the request went where it went. The live grid sends it only for a virtual `auto*` model; the mock grid
     * on every answer.
     */
    routing?: RoutingExplanation;
    /**
     * The worker's signature of the result, when it signed one (mock grid; the live grid does not expose it).
     * With `n > 1` it is the signature of the choice this metadata describes (the last one to finish); the
     * Horde status has one per generation.
     */
    signature?: ResultSignature;
    /**
     * AIPG extension (mock grid): what the request was charged, in den, for all its choices (`n > 1`: their sum):
     * per choice `round2(round2(completion_tokens × den_per_token) + fee)` at the rate its `ChatQuote` shows, 0 for
     * a censored reply. On a job's own `done` event it is that job's charge.
     */
    den?: number;
};
/**
 * A worker's Ed25519 signature of one result, as the mock grid checked it before paying, so a requester can check
 * it again offline (`@aipg/sdk/verify`'s `verifyResult`). The signed message is the UTF-8 bytes of five lines
 * joined by `\n` (no trailing newline): `aipg-result-v1`, `generation_id`, `sha256`, `signed_at` (decimal),
 * `worker`. The worker name comes last, so no earlier field can run into it. `sha256` is the lowercase hex
 * SHA-256 of the result text's UTF-8 bytes: the message `content` of a `/v1` completion, the `text` of a Horde
 * generation (the text the requester receives; reasoning is not covered). The grid stores the public key the
 * worker registered (`WsRegister.public_key`, `HordeTextPopRequest.public_key`); a requester who trusts another
 * source for the key should compare it with `public_key`.
 * @example {
 *       "generation_id": "6a0c0e9e-3b1f-4e8e-9d59-0b1e7f4f2c11",
 *       "sha256": "334d016f755cd6dc58c53a86e183882f8ec14f52fb05345887c8a5edd42c87b7",
 *       "signed_at": 1764640000000,
 *       "worker": "rig-01",
 *       "worker_sig": "qtHAuJVPk9fCEIWm8N5rcGk9YSP1tmS3cbVAYhyEqRxew81f2bylVg2wfxdYY9LOOxcsmNc95uF7nprTtCT3Ag",
 *       "public_key": "7jB0vF2GwJYDO7cZ--kPBV34QClKBk60_n-YTM-T5kQ"
 *     }
 */
export type ResultSignature = {
    /** The generation id the worker was given (WS `job.id`, Horde pop `id`): one attempt at the job. */
    generation_id: string;
    /** Lowercase hex SHA-256 of the result text's UTF-8 bytes. */
    sha256: string;
    /** When the worker signed, in Unix milliseconds (as it sent it in `signed_at`). */
    signed_at: number;
    /** The name of the worker that signed (its registered name, as in `GridMetadata.worker`). */
    worker: string;
    /** The 64-byte Ed25519 signature of the message, base64url without padding. */
    worker_sig: string;
    /** The worker's registered 32-byte raw Ed25519 public key, base64url without padding. */
    public_key: string;
};
/**
 * Mock grid: what a requester asks of the router (docs/mock-grid-core.md "Routing"), in the spirit of OpenRouter's
 * `provider` preferences. `only`, `ignore`, `trusted_only`, `min_tokens_per_s` and `max_ttft` are requirements: a
 * request no online worker meets is refused with 503 naming the first unmet one (`routing.only: none of the workers
 * named is online …`), and a queued job waits for a worker that meets them. `prefer`, `region` and `sort` are
 * preferences. Worker names are checked: an unknown one is a 404.
 */
export type RoutingPreferences = {
    /** Workers (names or ids) to choose first whenever one of them is free. */
    prefer?: string[];
    /** The only workers (names or ids) that may serve the request. */
    only?: string[];
    /** Workers (names or ids) that must not serve the request. */
    ignore?: string[];
    /**
     * Only workers whose owner is trusted.
     * @default false
     */
    trusted_only?: boolean;
    /**
     * The region to serve from, as workers declare it (`WsRegister.region`, e.g. `eu-west`); the `X-Grid-Region`
     * request header says the same. A worker in that region scores 1, in the same area (the part before the first
     * `-`) 0.5, with no region 0.4, elsewhere 0.2.
     */
    region?: string;
    /**
     * Instead of sharing the load by score, take the best free worker by measured tokens/s (`speed`), time to first
     * token (`latency`) or reputation; `price` puts the cheapest of the fallback models first.
     * @enum {string}
     */
    sort?: "speed" | "latency" | "reputation" | "price";
    /** Only workers measured at least this fast (a worker not measured yet does not qualify). */
    min_tokens_per_s?: number;
    /** Only workers measured to start within this many seconds. */
    max_ttft?: number;
    /**
     * `false`: only the first choice serves — `model` itself (no `models` fallbacks) and, with `prefer`, only the
     * preferred workers.
     * @default true
     */
    allow_fallbacks?: boolean;
} | null;
/**
 * How the grid chose the model and the worker of one answer. The live grid sends `requested` and `resolved` for an
 * `auto*` model; the mock grid sends every field below on every answer. `decided: routed` — the job was offered to the free
 * workers when it arrived (or came back after a failed attempt), and the router picked the winner among them by
 * score; `decided: queued` — no free worker could take it then, and the first eligible worker to free up took it.
 * @example {
 *       "requested": "llama-3.1-8b-instruct",
 *       "model": "llama-3.1-8b-instruct",
 *       "decided": "routed",
 *       "rule": "weighted share by score among 2",
 *       "considered": 2,
 *       "eligible": 2,
 *       "rejected": {},
 *       "winner": {
 *         "worker": "rig-01",
 *         "weight": 0.84,
 *         "capacity": 1,
 *         "speed": 1.2,
 *         "latency": 1,
 *         "reliability": 0.97,
 *         "region": 1,
 *         "reputation": 79.5
 *       },
 *       "runners_up": [
 *         {
 *           "worker": "rig-02",
 *           "weight": 0.58
 *         }
 *       ],
 *       "attempt": 1,
 *       "waited": 0
 *     }
 */
export type RoutingExplanation = {
    /** The model the request named (`auto`, a concrete name). */
    requested: string;
    /** The concrete model an `auto*` request was resolved to (the live grid's field; the mock grid sends it too). */
    resolved?: string;
    /** Mock grid, the model that served it (always sent, `auto*` or not). */
    model?: string;
    /** How a virtual `auto*` model was resolved. */
    model_rule?: string;
    /** Models of the request's `models` list passed over, and why. */
    fallbacks?: {
        /** The model passed over. */
        model: string;
        /** Why, in words. */
        reason: string;
    }[];
    /**
     * `routed`: picked by the router among the free workers; `queued`: taken from the queue by a worker that freed up.
     * @enum {string}
     */
    decided?: "routed" | "queued";
    /** The rule that picked the winner, in words. */
    rule?: string;
    /** `routed`: the free workers serving the request's models that the router looked at (at most 64, plus the pop workers standing by). */
    considered?: number;
    /** `routed`: of those, the ones that could take it. */
    eligible?: number;
    /** `routed`: why the others could not, by reason (the Horde pop `skipped` reasons). */
    rejected?: {
        [key: string]: number;
    };
    /** `routed`: the winner's scores. */
    winner?: RoutingScores;
    /** `routed`: the best of the rest, best first. */
    runners_up?: {
        /** The worker's name. */
        worker: string;
        /** Its score (`RoutingScores.weight`). */
        weight: number;
    }[];
    /** Which attempt at the job this answer is (1 unless an earlier worker failed it). */
    attempt?: number;
    /** Seconds the job waited in the queue before this worker took it. */
    waited?: number;
} & {
    [key: string]: unknown;
};
/**
 * The winner's scores; `weight` is capacity × speed × latency × reliability⁴ × region × reputation / 100. Speed
 * and latency are relative to the other candidates' measured figures (1 = average, or not measured yet).
 */
export type RoutingScores = {
    /** The worker's name. */
    worker: string;
    /** The product of the factors below; traffic is shared in proportion to it. */
    weight: number;
    /** Its free share of capacity. */
    capacity?: number;
    /** Its measured tokens/s over the candidates' mean (1 = average or not measured yet). */
    speed?: number;
    /** The square root of (the candidates' mean time to first token + 100 ms) over (its own + 100 ms). */
    latency?: number;
    /** Its recent share of jobs that went well. */
    reliability?: number;
    /** How near it is to the region asked for (`RoutingPreferences.region`); 1 when none was asked. */
    region?: number;
    /** Its reputation (`WorkerSummary.reputation`). */
    reputation?: number;
};
/**
 * Mid-stream failure event (`data: {"error":{…}}`), followed by `data: [DONE]`. `invalid_request_error` means the
 * worker reported a client error (the request itself was bad); `upstream_error` means a worker or backend failure;
 * `service_unavailable` means the grid is shutting down and handed the request back unfinished (send it again
 * later). Every token event of a stream comes from one attempt: once a worker's tokens have been sent to the
 * client, an attempt that ends without a result (the worker errs, disconnects, lets its lease expire or streams
 * past the token cap) is not retried on another worker — the stream ends with this event instead, and nothing is
 * charged. A request that is not streamed is retried, and gets only the retry's text.
 * @example {
 *       "error": {
 *         "message": "Worker failed to produce output.",
 *         "type": "upstream_error"
 *       }
 *     }
 */
export type StreamErrorChunk = {
    /** What went wrong. */
    error: {
        /** The reason, in words. */
        message: string;
        /**
         * `invalid_request_error`: the request was bad; `upstream_error`: the worker or its backend failed;
         * `service_unavailable`: the grid is shutting down (service restart).
         * @enum {string}
         */
        type: "invalid_request_error" | "upstream_error" | "service_unavailable";
    };
};
/** A model that connected workers serve (or the virtual `auto`). */
export type Model = {
    /**
     * The model id to send as `model`.
     * @example llama-3.1-8b-instruct
     */
    id: string;
    /**
     * Always `model`.
     * @constant
     */
    object: "model";
    /**
     * Always 0.
     * @default 0
     */
    created: number;
    /**
     * Always `aipowergrid`.
     * @default aipowergrid
     */
    owned_by: string;
    /**
     * Input modalities the model accepts; chat UIs use it to enable image upload.
     * @default [
     *       "text"
     *     ]
     */
    input_modalities?: ("text" | "image" | "video")[];
    /** What a million tokens cost, when the grid publishes a price for the model. */
    pricing?: ModelPricing | null;
};
/** A model's published price. */
export type ModelPricing = {
    /**
     * The currency of the prices (`USD`).
     * @default USD
     */
    currency: string;
    /** Price per million prompt tokens. */
    input_per_mtok_usd: number;
    /** Price per million completion tokens. */
    output_per_mtok_usd: number;
    /** Where the price comes from. */
    source: string;
    /** Version of the price list. */
    version: string;
};
/**
 * Text models currently served by connected workers (image/video models are never listed). A virtual `auto` model
 * is prepended whenever at least one text model is online. The list changes with worker presence.
 */
export type ModelList = {
    /**
     * Always `list`.
     * @constant
     */
    object: "list";
    /** The models, `auto` first when present. */
    data: Model[];
};
/**
 * One row of `GET /v1/status/models`: a model served by connected workers, with its last-24 h performance from the
 * settlement ledger (`null` when there are no samples; `tokens_per_s` and `avg_ttft_s` are text-only).
 */
export type ModelStatus = {
    /** The model id. */
    name: string;
    /** Workers currently serving the model. */
    count: number;
    /** What the model generates (`text`, `image`, …). */
    type: WsJobKind;
    /** The largest `max_context_length` among the workers serving it. */
    max_context_length: number | null;
    /** Completed jobs in the last 24 h the averages are computed from. */
    samples: number;
    /** Decode throughput (output tokens per second after the first token). */
    tokens_per_s: number | null;
    /** Average time to first token, in seconds. */
    avg_ttft_s: number | null;
    /** Average time from request to finished reply, in seconds. */
    avg_latency_s: number | null;
    /** What a recipe-backed virtual model supports; its keys vary by model. */
    capabilities?: {
        [key: string]: unknown;
    };
};
/** The live registry of connected workers. */
export type WorkerList = {
    /** How many workers are connected (the length of `workers`). */
    count: number;
    /** The connected workers. */
    workers: WorkerSummary[];
};
/** A connected worker in the live registry. */
export type WorkerSummary = {
    /** The worker's id, assigned at registration (`WsReady.worker_id`). */
    id: string;
    /** The worker's name, as it registered. */
    name: string;
    /** The models it serves. */
    models: string[];
    /** The kinds of job it takes. */
    job_types: WsJobKind[];
    /**
     * The registry holds only connected workers.
     * @constant
     */
    online: true;
    /** Mock grid, where the worker says it runs (null when it did not say). */
    region?: string | null;
    /**
     * Mock grid: 0–100, 50 for a new worker. Rises with completed jobs and uptime, falls with faults, strikes, timeouts
     * and jobs the worker gave back; the marks fade with a 1-hour half-life, so it recovers with time. It weighs the
     * worker's share of traffic (docs/mock-grid-core.md "Reputation").
     */
    reputation?: number;
    /** Mock grid, its recent share of jobs that went well (10-minute half-life; 0.9 with no record). */
    reliability?: number;
    /** Mock grid, its measured decode speed (megapixel-steps/s for an image worker), null until measured. */
    tokens_per_s?: number | null;
    /** Mock grid, its measured time to first token in seconds, null until measured. */
    ttft?: number | null;
    /** Mock grid, seconds it has been online in all (as `HordeWorkerDetails.uptime`). */
    uptime?: number;
    /** Mock grid, its probes and canaries; null when the grid does not verify it. */
    verification?: WorkerVerification;
};
/** Liveness of the API server. */
export type Health = {
    /**
     * `degraded` when the server cannot reach its Redis.
     * @enum {string}
     */
    status: "ok" | "degraded";
    /** The deployed commit, when known. */
    build_commit: string | null;
    /** Whether the server reaches its Redis. */
    redis: boolean;
    /** Workers connected right now. */
    workers_connected: number;
    /** Models those workers serve. */
    models_available: string[];
};
/**
 * FastAPI error body. `detail` is a message string for errors the handlers raise, or FastAPI's list of
 * validation problems for a 422 body-validation failure.
 * @example {
 *       "detail": "Invalid API key"
 *     }
 */
export type ErrorDetail = {
    /** The error message, or the list of validation problems (422). */
    detail: string | ValidationErrorItem[];
};
/** One entry of FastAPI's 422 `detail` list. */
export type ValidationErrorItem = {
    /** Where the problem is, e.g. `["body", "messages", 0, "role"]`. */
    loc: (string | number)[];
    /** What is wrong, in words. */
    msg: string;
    /** The kind of problem (`missing`, `string_type`, `less_than_equal`, …). */
    type: string;
    /** The value that failed. */
    input?: unknown;
    /** Details of the failed constraint (e.g. `{"le": 2}`). */
    ctx?: {
        [key: string]: unknown;
    };
};
/**
 * 429 from the rate limiter (OpenAI-style, unlike every other `/v1` error).
 * @example {
 *       "error": {
 *         "message": "Rate limit exceeded. Please slow down.",
 *         "type": "rate_limit_error"
 *       }
 *     }
 */
export type RateLimitErrorBody = {
    /** What went wrong. */
    error: {
        /**
         * The reason, in words.
         * @example Rate limit exceeded. Please slow down.
         */
        message: string;
        /**
         * Always `rate_limit_error`.
         * @constant
         */
        type: "rate_limit_error";
    };
};
/**
 * OpenAI-compatible image request (`POST /v1/images/generations`) with AIPG extras. The call is synchronous: the
 * grid answers when every image is made (it waits up to 300 s). Image work is priced in megapixel-steps
 * (docs/spec.md, "Image rewards"): each image costs `width × height / 1 000 000 × steps × family multiplier`.
 *
 *     The `n` images are `n` generations, each with its own seed. The mock grid splits them into jobs of at most a
 *     worker's `amount` (`WsRegister.amount`, `HordeImagePopRequest.amount`), so several workers may share a request;
 *     the live grid gives all `n` to one worker. Fields OpenAI defines that the grid has no use for (`user`,
 *     `background`, `moderation`, `output_compression`) are accepted and ignored.
 * @example {
 *       "prompt": "a lighthouse at dusk, oil painting",
 *       "model": "FLUX.2 [klein]",
 *       "n": 2,
 *       "size": "1024x1024",
 *       "response_format": "url",
 *       "steps": 4,
 *       "seed": 42,
 *       "progress_token": "0b6f3f36-5d8e-4c1e-9f52-1a7a7e2f1c90"
 *     }
 */
export type ImageGenerationRequest = {
    /** What to draw. An empty prompt is a 422. */
    prompt: string;
    /**
     * An image model some connected worker serves. An offline model is a 404 (never substituted); no image worker
     * online at all is a 503.
     * @default FLUX.2 [klein]
     */
    model?: string;
    /**
     * How many images, 1–4. Each is its own generation with its own seed (`Image.seed`).
     * @default 1
     */
    n?: number;
    /**
     * `WIDTHxHEIGHT` in pixels. Each side is 256–1536 (`x-min-side`, `x-max-side`) and a multiple of 64
     * (`x-side-multiple`), as the models' parameter schemas (`GET /v1/models/{id}/params`) state; anything else
     * is a 422 naming `size` and the range. OpenAI's `auto` is not accepted.
     * @default 1024x1024
     */
    size?: string;
    /**
     * Accepted for OpenAI compatibility and ignored; `steps` sets how much work an image gets.
     * @enum {string}
     */
    quality?: "auto" | "standard" | "hd" | "low" | "medium" | "high";
    /**
     * `url`: each image is a signed, expiring download URL (`Image.url`, valid 1800 s on the mock grid's object
     * store); `b64_json`: the image bytes, base64-encoded, in the body (`Image.b64_json`).
     * @default url
     * @enum {string}
     */
    response_format?: "url" | "b64_json";
    /**
     * The file type of the images. The bytes really are of this type (the grid checks them).
     * @default png
     */
    output_format?: ImageOutputFormat;
    /**
     * Image-to-image: the source picture, as raw base64 or a `data:image/…;base64,…` URI, at most 12 MB decoded
     * (`x-max-bytes`; more is a 413). Only workers that registered `allow_img2img` get the job. `strength` says
     * how far the result may move away from it.
     */
    image?: string;
    /**
     * Image-to-image denoising strength: 0.01 keeps the source almost unchanged, 1 ignores it. Only read with
     * `image`. A model that does not support it is a 422 (live server and mock grid alike).
     * @default 0.75
     */
    strength?: number;
    /** Alias of `strength`; if both are sent they must be equal (else 422). */
    denoise?: number;
    /** What the image should not show. */
    negative_prompt?: string;
    /**
     * Sampling steps, 1–80. More steps cost more (the price is per megapixel-step). The live server uses the
     * model recipe's own default when it is omitted; the mock grid uses 30.
     * @default 30
     */
    steps?: number;
    /**
     * How strictly the image follows the prompt (classifier-free guidance), 0–30.
     * @default 7.5
     */
    cfg_scale?: number;
    /**
     * The sampler, by the Horde's names (`HordeSampler`). The live server's accepted names depend on the model's
     * recipe (`GET /v1/models/{id}/params`); the mock grid takes the Horde's names and refuses others with a 422.
     */
    sampler?: HordeSampler;
    /**
     * Seed of the first image; image `i` (0-based) gets `seed + i`, so the images of one request differ. Absent:
     * the grid picks a random seed per image. Each image's seed comes back in `Image.seed`.
     */
    seed?: number;
    /**
     * LoRAs to apply, at most 5 (the AI Horde's limit, so a job from either door fits one worker contract). Only
     * workers that registered `allow_lora` get the job.
     */
    loras?: ImageLora[];
    /**
     * Affinity to a worker the caller owns, by name: the job goes to that worker when it is online and serves the
     * model (a soft preference: otherwise any worker may take it).
     */
    worker?: string;
    /**
     * AIPG: a stored style by name (`GET /v1/styles`) whose prompt and parameters are applied. Not OpenAI's
     * `style` (`vivid` / `natural`), which is a different thing with the same name.
     */
    style?: string;
    /**
     * A client-chosen token (1–128 characters of `A–Z a–z 0–9 _ . -`). While the request runs,
     * `GET /v1/progress/{token}` reports how far it is; choose an unguessable one (e.g. a random UUID). The
     * live server takes any string.
     */
    progress_token?: string;
    /**
     * AIPG extension (mock grid), as the Horde's `dry_run`: `true` → the answer is an `ImageQuote`: what the
     * request would cost. Nothing is queued or charged. The key, the body's checks (422), the rate limit (a quote
     * counts as a request) and the model (a worker online that serves it: 503, 404) apply as for a real request;
     * the in-flight caps do not, and a source `image` is not read.
     * @default false
     */
    dry_run?: boolean;
};
/**
 * An image file type: PNG (`image/png`), JPEG (`image/jpeg`) or WebP (`image/webp`).
 * @enum {string}
 */
export type ImageOutputFormat = "png" | "jpeg" | "webp";
/** A LoRA to apply to an image generation (`/v1` and the worker WebSocket). */
export type ImageLora = {
    /** The LoRA, by the name (or CivitAI id) the worker knows it by. */
    name: string;
    /**
     * How strongly it is applied to the model, −5 to 5 (the Horde's `model` strength).
     * @default 1
     */
    strength?: number;
    /**
     * How strongly it is applied to the text encoder, −5 to 5.
     * @default 1
     */
    clip?: number;
};
/**
 * The images of one `POST /v1/images/generations`, in request order (as `openai`'s `ImagesResponse`).
 * @example {
 *       "created": 1764222000,
 *       "data": [
 *         {
 *           "url": "https://grid.example/objects/5c8e2f0a.png?exp=1764223800&sig=3e1d4c",
 *           "revised_prompt": "a lighthouse at dusk, oil painting",
 *           "seed": 42,
 *           "worker": "rig-02"
 *         },
 *         {
 *           "url": "https://grid.example/objects/9a1b7d3c.png?exp=1764223800&sig=77b0a2",
 *           "revised_prompt": "a lighthouse at dusk, oil painting",
 *           "seed": 43,
 *           "worker": "rig-02"
 *         }
 *       ],
 *       "output_format": "png",
 *       "size": "1024x1024",
 *       "grid": {
 *         "model": "FLUX.2 [klein]",
 *         "gen_time": 3.8,
 *         "steps": 4
 *       }
 *     }
 */
export type ImagesResponse = {
    /** When the request was answered, in Unix seconds. */
    created: number;
    /** One entry per image (`n` of them). */
    data: Image[];
    /** The file type of every image (mock grid; the live server does not send it). */
    output_format?: ImageOutputFormat;
    /** The images' `WIDTHxHEIGHT` (mock grid; the live server does not send it). */
    size?: string;
    /** Grid provenance (`ImageGridMetadata`); standard OpenAI clients ignore it. */
    grid?: ImageGridMetadata;
};
/**
 * One generated image. Exactly one of `url` and `b64_json` is set, as `response_format` asked.
 * @example {
 *       "b64_json": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==",
 *       "revised_prompt": "a lighthouse at dusk, oil painting",
 *       "seed": 42
 *     }
 */
export type Image = {
    /**
     * `response_format: url`: a signed download URL (mock grid: valid 1800 s; a changed or expired URL is a 403).
     * Format: uri
     */
    url?: string;
    /** `response_format: b64_json`: the image bytes, base64-encoded. */
    b64_json?: string;
    /** The prompt the image was made from (the request's own, after any `style` was applied). */
    revised_prompt?: string;
    /** The seed this image was made with. */
    seed?: number;
    /** The name of the worker that made it (mock grid; the live server reports workers in `grid`). */
    worker?: string;
    /** Mock grid, why this image went to its worker. */
    routing?: RoutingExplanation;
};
/**
 * Grid provenance of an image request: the top-level `grid` object of `ImagesResponse`. The live server sends
 * one too; these are the fields the mock grid fills in.
 */
export type ImageGridMetadata = {
    /** The model that made the images. */
    model?: string;
    /** Seconds from the request to the last image. */
    gen_time?: number;
    /** The sampling steps each image got. */
    steps?: number;
    /** What the request cost, in den (the sum of its images' megapixel-step prices). */
    den?: number;
};
/**
 * How far the image request that carries a `progress_token` has come.
 * @example {
 *       "progress": 62.5
 *     }
 * @example {
 *       "progress": null
 *     }
 */
export type ImageProgress = {
    /**
     * Percent done, 0–100: the average over the request's images of what their workers last reported
     * (`WsProgress.pct`, or `current_step / total_steps` of `hordeImageProgress`). `null` for a token no running
     * or recently finished request carries (an unknown token is not an error). It reaches 100 once every image is
     * uploaded and verified, and stays readable for 5 minutes after the request ends.
     */
    progress: number | null;
};
/**
 * AIPG extension (mock grid): the price of a chat request, the answer to `dry_run: true` (nothing queued or
 * charged). Each of the `n` choices is charged `round2(round2(completion_tokens × den_per_token) + fee)` for the
 * tokens it generates, at most `max_tokens`; so a choice that generates `max_tokens` costs `den_per_choice`, and
 * `den` is the most the request can cost. `den_per_token = denPerToken × size_factor × context_factor`
 * (docs/mock-grid-core.md "Pricing").
 * @example {
 *       "object": "chat.completion.quote",
 *       "model": "llama-3.1-70b-instruct",
 *       "n": 1,
 *       "prompt_tokens": 12,
 *       "max_tokens": 64,
 *       "context_tokens": 76,
 *       "size_factor": 8.75,
 *       "context_factor": 1,
 *       "den_per_token": 0.875,
 *       "fee": 1,
 *       "den_per_choice": 57,
 *       "den": 57
 *     }
 */
export type ChatQuote = {
    /**
     * Always `chat.completion.quote`.
     * @constant
     */
    object: "chat.completion.quote";
    /**
     * The concrete model priced (`auto` routed as it would be now); with fallback `models`, the dearest of the
     * models that may serve it (a reply from a cheaper one costs its own, lower, rate: its `grid.den` says).
     */
    model: string;
    /** Choices priced. */
    n: number;
    /** The prompt as the grid counts it (about 4 characters a token). */
    prompt_tokens: number;
    /** Completion tokens priced per choice (`max_tokens`; 512 when it is not sent). */
    max_tokens: number;
    /** The context the job is priced for, `prompt_tokens + max_tokens`. */
    context_tokens: number;
    /** The model's size factor (1 for an 8B-class or smaller model, or a name with no size). */
    size_factor: number;
    /** The context factor (1 up to 8192 tokens of context). */
    context_factor: number;
    /** den per completion token. */
    den_per_token: number;
    /** den added to each choice's charge (the Horde tax). */
    fee: number;
    /** The charge of one choice that generates `max_tokens`. */
    den_per_choice: number;
    /** `den_per_choice × n`: the most the request can cost (what a Horde `dry_run` calls `kudos`). */
    den: number;
};
/**
 * AIPG extension (mock grid): the price of an image request, the answer to `dry_run: true` (nothing queued or
 * charged). Every image costs `den_per_image = round2(megapixel_steps × family_factor × den_per_megapixel_step)`
 * (docs/spec.md "Image rewards"), charged once it is verified; `den` is all `n` of them, what `grid.den` of the
 * answer then says.
 * @example {
 *       "object": "image.quote",
 *       "model": "FLUX.2 [klein]",
 *       "n": 1,
 *       "width": 1024,
 *       "height": 1024,
 *       "steps": 4,
 *       "megapixel_steps": 4.194304,
 *       "family_factor": 8,
 *       "den_per_megapixel_step": 1,
 *       "den_per_image": 33.55,
 *       "den": 33.55
 *     }
 */
export type ImageQuote = {
    /**
     * Always `image.quote`.
     * @constant
     */
    object: "image.quote";
    /** The model priced. */
    model: string;
    /** Images priced. */
    n: number;
    /** Pixels across. */
    width: number;
    /** Pixels down. */
    height: number;
    /** Sampling steps per image. */
    steps: number;
    /** `width × height / 1 000 000 × steps` of one image. */
    megapixel_steps: number;
    /** The model family's factor (`flux` 8, `cascade` 4, `sdxl` 2, else 1). */
    family_factor: number;
    /** The grid's price of one megapixel-step before the family factor. */
    den_per_megapixel_step: number;
    /** What one image costs. */
    den_per_image: number;
    /** `den_per_image × n`: what the request costs when every image is made. */
    den: number;
};
/**
 * AIPG extension (mock grid): what the calling key's account used, one row per model and UTC day, oldest day
 * first (then by model). A job counts once, when it completes and is charged: a failed attempt that was retried,
 * a cancelled job with nothing generated and a quote count nothing.
 * @example {
 *       "object": "usage.report",
 *       "start_date": "2026-12-01",
 *       "end_date": "2026-12-03",
 *       "data": [
 *         {
 *           "date": "2026-12-03",
 *           "model": "llama-3.1-8b-instruct",
 *           "requests": 2,
 *           "prompt_tokens": 24,
 *           "completion_tokens": 80,
 *           "images": 0,
 *           "den": 10
 *         }
 *       ],
 *       "total": {
 *         "requests": 2,
 *         "prompt_tokens": 24,
 *         "completion_tokens": 80,
 *         "images": 0,
 *         "den": 10
 *       }
 *     }
 */
export type UsageReport = {
    /**
     * Always `usage.report`.
     * @constant
     */
    object: "usage.report";
    /**
     * The first UTC day covered (`YYYY-MM-DD`).
     * Format: date
     */
    start_date: string;
    /**
     * The last UTC day covered, inclusive.
     * Format: date
     */
    end_date: string;
    /** One row per model and day with any use. */
    data: UsageRow[];
    /** The rows summed. */
    total: UsageTotals;
};
/** One model's use on one UTC day. */
export type UsageRow = {
    /**
     * The UTC day (`YYYY-MM-DD`) the jobs completed on.
     * Format: date
     */
    date: string;
    /** The model that served them. */
    model: string;
    /** Jobs completed and charged (each of a request's `n` choices, and each image, is one). */
    requests: number;
    /** Prompt tokens of those jobs, as the grid counts them. */
    prompt_tokens: number;
    /** Completion tokens the grid charged for. */
    completion_tokens: number;
    /** Images delivered. */
    images: number;
    /** den spent. */
    den: number;
};
/** Use counted over some rows. */
export type UsageTotals = {
    /** Jobs completed and charged (each of a request's `n` choices, and each image, is one). */
    requests: number;
    /** Prompt tokens of those jobs, as the grid counts them. */
    prompt_tokens: number;
    /** Completion tokens the grid charged for. */
    completion_tokens: number;
    /** Images delivered. */
    images: number;
    /** den spent. */
    den: number;
};
/**
 * The kinds of job event. `done`, `failed`, `faulted` and `cancelled` end one job of the request; the one that ends
 * the request's last job carries `final: true` and ends the stream.
 * @enum {string}
 */
export type JobEventType = "queued" | "requeued" | "assigned" | "progress" | "token" | "done" | "failed" | "faulted" | "cancelled";
/** The fields every job event has besides its `type` (which each member declares as a constant). */
export type JobEventBase = {
    /**
     * The event's number in its job's stream: 1, 2, 3 … with no gaps, in the order the grid emitted them. It is the
     * SSE `id:`; resume with `Last-Event-ID: <seq>` (or `?after=<seq>`) to get exactly the events after it.
     */
    seq: number;
    /** The job's id (the request id the submit returned, e.g. the Horde async `id`). */
    id: string;
    /** Which of the request's `n` generations the event is about (0-based). */
    index: number;
    /** When the grid emitted it, in milliseconds since the Unix epoch. */
    at: number;
};
/**
 * The generation joined the queue — on submit, and again after `requeued`.
 * @example {
 *       "type": "queued",
 *       "seq": 1,
 *       "id": "2b7e3c1e-9f0a-4a61-8f59-7d3c4b0e1a22",
 *       "index": 0,
 *       "at": 1764222000000,
 *       "position": 3
 *     }
 */
export type JobQueuedEvent = JobEventBase & {
    /**
     * Always `queued`.
     * @constant
     */
    type: "queued";
    /**
     * 1-based place in the grid's queue by age when the event was emitted (0: it was handed to a worker at
     * once). Not updated as the jobs ahead leave; poll the status for a live figure.
     */
    position: number;
} & {
    /**
     * discriminator enum property added by openapi-typescript
     * @enum {string}
     */
    type: "queued";
};
/**
 * The attempt ended without a result (worker error, empty answer, lease expired, worker gone) and the generation
 * goes back to the front of the queue; a `queued` event with its new position follows.
 */
export type JobRequeuedEvent = JobEventBase & {
    /**
     * Always `requeued`.
     * @constant
     */
    type: "requeued";
    /** Why the attempt ended, e.g. `worker disconnected`. */
    reason: string;
} & {
    /**
     * discriminator enum property added by openapi-typescript
     * @enum {string}
     */
    type: "requeued";
};
/**
 * A worker took the generation (one attempt).
 * @example {
 *       "type": "assigned",
 *       "seq": 2,
 *       "id": "2b7e3c1e-9f0a-4a61-8f59-7d3c4b0e1a22",
 *       "index": 0,
 *       "at": 1764222000150,
 *       "worker": {
 *         "id": "5d0b8f1c-7c2e-4a9e-b6f3-2f8d1e0a9c44",
 *         "name": "rig-01"
 *       },
 *       "model": "llama-3.1-8b-instruct"
 *     }
 */
export type JobAssignedEvent = JobEventBase & {
    /**
     * Always `assigned`.
     * @constant
     */
    type: "assigned";
    /** The worker that took this attempt. */
    worker: {
        /** The worker's id (as in `GET /api/v2/workers/{worker_id}`). */
        id: string;
        /** The worker's name. */
        name: string;
        /** The region the worker declared, when it declared one (absent otherwise). */
        region?: string;
    };
    /** The model the worker serves it with. */
    model: string;
} & {
    /**
     * discriminator enum property added by openapi-typescript
     * @enum {string}
     */
    type: "assigned";
};
/**
 * How far the running attempt has come. Text: `tokens`, the tokens streamed so far (the grid's count, 4 characters a
 * token), sent every 16 token frames. Images: `pct`, what the worker last reported (0–100), sent on each report.
 */
export type JobProgressEvent = JobEventBase & {
    /**
     * Always `progress`.
     * @constant
     */
    type: "progress";
    /** Text jobs — tokens streamed so far by this attempt. */
    tokens?: number;
    /** Image jobs — the worker's progress report, in percent. */
    pct?: number;
} & {
    /**
     * discriminator enum property added by openapi-typescript
     * @enum {string}
     */
    type: "progress";
};
/** A piece of the answer as the worker streamed it (text jobs served by a streaming worker). */
export type JobTokenEvent = JobEventBase & {
    /**
     * Always `token`.
     * @constant
     */
    type: "token";
    /** The piece, as the worker sent it (`content`, `reasoning_content`, `tool_calls`), like a chat chunk's delta. */
    delta: ChatCompletionDelta;
} & {
    /**
     * discriminator enum property added by openapi-typescript
     * @enum {string}
     */
    type: "token";
};
/** Where to fetch a finished image, as the Horde status gives it. */
export type JobImageResult = {
    /** The image's generation id (`generations[].id` of `GET /api/v2/generate/status/{id}`). */
    id: string;
    /**
     * A signed download URL (`generations[].img` of the status). Absent when the request asked for base64 images
     * (`r2: false`): read them from the status.
     * Format: uri
     */
    url?: string;
    /** The seed the image was made with (a string, as on the Horde image status). */
    seed: string;
    /** The model that made it. */
    model: string;
    /** The worker's name. */
    worker: string;
    /** Whether the image was censored (then it is a placeholder, and nothing was charged for it). */
    censored?: boolean;
};
/**
 * The generation finished. Text: `text` (and `reasoning`), `finish_reason`, `usage`, `grid` — the result itself.
 * Images: `image`, where to fetch the picture.
 * @example {
 *       "type": "done",
 *       "seq": 9,
 *       "id": "2b7e3c1e-9f0a-4a61-8f59-7d3c4b0e1a22",
 *       "index": 0,
 *       "at": 1764222001200,
 *       "final": true,
 *       "text": "Hello!",
 *       "finish_reason": "stop",
 *       "usage": {
 *         "prompt_tokens": 12,
 *         "completion_tokens": 2,
 *         "total_tokens": 14
 *       },
 *       "grid": {
 *         "worker": "rig-01",
 *         "gen_time": 1.05,
 *         "ttft": 0.2,
 *         "tokens_per_s": 40,
 *         "seed": 42
 *       }
 *     }
 */
export type JobDoneEvent = JobEventBase & {
    /**
     * Always `done`.
     * @constant
     */
    type: "done";
    /** Present (true) on the event that ends the request's last generation; the stream ends after it. */
    final?: boolean;
    /** Text jobs — the generation's text (the streamed text when the worker streamed). */
    text?: string;
    /** Text jobs — the reasoning the worker streamed apart from the answer, when there was some. */
    reasoning?: string;
    /** Text jobs — why the generation stopped (`stop`, `length`, …), as on a chat completion. */
    finish_reason?: string;
    /** Text jobs — the tokens as the grid counted them. */
    usage?: CompletionUsage;
    /** Text jobs — who served it and how fast, as on a chat completion. */
    grid?: GridMetadata;
    /** Image jobs — where to fetch the picture. */
    image?: JobImageResult;
} & {
    /**
     * discriminator enum property added by openapi-typescript
     * @enum {string}
     */
    type: "done";
};
/** The worker refused the request as the client's error (nothing charged, not retried). */
export type JobFailedEvent = JobEventBase & {
    /**
     * Always `failed`.
     * @constant
     */
    type: "failed";
    /** As on `done`. */
    final?: boolean;
    /** What went wrong. */
    message: string;
} & {
    /**
     * discriminator enum property added by openapi-typescript
     * @enum {string}
     */
    type: "failed";
};
/** Every allowed attempt failed (or no worker could serve it); the request's other generations are cancelled. */
export type JobFaultedEvent = JobEventBase & {
    /**
     * Always `faulted`.
     * @constant
     */
    type: "faulted";
    /** As on `done`. */
    final?: boolean;
    /** What went wrong. */
    message: string;
} & {
    /**
     * discriminator enum property added by openapi-typescript
     * @enum {string}
     */
    type: "faulted";
};
/** The generation was cancelled (the client's `DELETE`, or a sibling generation faulted). */
export type JobCancelledEvent = JobEventBase & {
    /**
     * Always `cancelled`.
     * @constant
     */
    type: "cancelled";
    /** As on `done`. */
    final?: boolean;
} & {
    /**
     * discriminator enum property added by openapi-typescript
     * @enum {string}
     */
    type: "cancelled";
};
/**
 * One event of a job's stream (AIPG extension). On `GET /v1/jobs/{id}/events` each is one SSE event: `id: <seq>`,
 * `event: <type>`, `data: <JobEvent JSON>`.
 */
export type JobEvent = JobQueuedEvent | JobRequeuedEvent | JobAssignedEvent | JobProgressEvent | JobTokenEvent | JobDoneEvent | JobFailedEvent | JobFaultedEvent | JobCancelledEvent;
/**
 * One server-sent event of `GET /v1/jobs/{id}/events`, as an event-stream parser hands it over: `id` is the event's
 * `seq` (what `Last-Event-ID` sends back), `event` its `type`, and `data` the `JobEvent` as JSON (described with
 * JSON Schema's `contentMediaType` / `contentSchema`, so a checker that reads it validates each event; code
 * generators see a string). Keep-alive comment lines (`: keep-alive`) are not events.
 * @example {
 *       "id": "1",
 *       "event": "queued",
 *       "data": "{\"type\":\"queued\",\"seq\":1,\"id\":\"2b7e3c1e-9f0a-4a61-8f59-7d3c4b0e1a22\",\"index\":0,\"at\":1764222000000,\"position\":1}"
 *     }
 */
export type JobEventStreamEvent = {
    /** The event's `seq`. */
    id: string;
    /** The event's `type`. */
    event: JobEventType;
    /** The event, as JSON. */
    data: string;
};
/**
 * The `multipart/form-data` body of `POST /v1/files`: a JSONL file of batch requests and its purpose.
 * The grid's limits (mock grid settings `maxFileBytes`, `maxFileLines`, `maxLineBytes`, `maxFilesPerKey`):
 * a file over `x-max-file-bytes` bytes is refused at upload (413 naming `file` and the limit); a file with more
 * than `x-max-file-lines` request lines, or a line over `x-max-line-bytes` bytes, fails the batch made from it
 * (`Batch.errors`). A key holds at most `x-max-files-per-key` files (429). OpenAI allows 200 MB and 50 000
 * requests per batch file.
 * @example {
 *       "purpose": "batch",
 *       "file": "{\"custom_id\":\"r1\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}}"
 *     }
 */
export type FileUploadRequest = {
    /** The file's bytes (UTF-8 JSONL, one `BatchRequestInput` per line) with its filename. */
    file: string;
    /**
     * What the file is for. AIPG accepts `batch` only (OpenAI also takes `assistants`, `fine-tune`, `vision`,
     * `user_data`, `evals`); anything else is a 422.
     * @enum {string}
     */
    purpose: "batch";
};
/**
 * `batch` for an uploaded input file, `batch_output` for a batch's output or error file.
 * @enum {string}
 */
export type FilePurpose = "batch" | "batch_output";
/**
 * An uploaded or generated file (OpenAI's `FileObject`).
 * @example {
 *       "id": "file-9f2c1e7a4b0d4e5f8a6b3c2d1e0f9a8b",
 *       "object": "file",
 *       "bytes": 1342,
 *       "created_at": 1764222000,
 *       "filename": "requests.jsonl",
 *       "purpose": "batch",
 *       "status": "processed",
 *       "expires_at": null,
 *       "status_details": null
 *     }
 */
export type FileObject = {
    /** The file id (`file-…`), used in `input_file_id`, `output_file_id` and `error_file_id`. */
    id: string;
    /**
     * Always `file`.
     * @constant
     */
    object: "file";
    /** The size of the file in bytes. */
    bytes: number;
    /** Unix time (s) of the upload, or of the batch's finalizing for an output or error file. */
    created_at: number;
    /** The name sent with the upload; `batch_{id}_output.jsonl` / `batch_{id}_error.jsonl` for outputs. */
    filename: string;
    /** `batch` (uploaded) or `batch_output` (written by a batch). */
    purpose: FilePurpose;
    /**
     * Deprecated by OpenAI; always `processed` here.
     * @enum {string}
     */
    status: "uploaded" | "processed" | "error";
    /** Unix time (s) when the file expires; always `null` here (files stay until deleted or the grid stops). */
    expires_at?: number | null;
    /** Deprecated by OpenAI; always `null`. */
    status_details?: string | null;
};
/**
 * The answer to `DELETE /v1/files/{file_id}`.
 * @example {
 *       "id": "file-9f2c1e7a4b0d4e5f8a6b3c2d1e0f9a8b",
 *       "object": "file",
 *       "deleted": true
 *     }
 */
export type FileDeleted = {
    /** The deleted file's id. */
    id: string;
    /**
     * Always `file`.
     * @constant
     */
    object: "file";
    /** Always `true`. */
    deleted: boolean;
};
/**
 * A page of the caller's files, newest first unless `order=asc` (cursor pagination as OpenAI's).
 * @example {
 *       "object": "list",
 *       "data": [],
 *       "first_id": null,
 *       "last_id": null,
 *       "has_more": false
 *     }
 */
export type FileList = {
    /**
     * Always `list`.
     * @constant
     */
    object: "list";
    /** The files of this page. */
    data: FileObject[];
    /** The first file id of this page (`null` for an empty page). */
    first_id?: string | null;
    /** The last file id of this page; pass it as `after` for the next page. */
    last_id?: string | null;
    /** Whether another page follows. */
    has_more: boolean;
};
/**
 * The endpoint every request of a batch goes to. AIPG runs `/v1/chat/completions` only (OpenAI also takes
 * `/v1/responses`, `/v1/embeddings`, `/v1/completions`, `/v1/moderations`, `/v1/images/generations`, …).
 * @enum {string}
 */
export type BatchEndpoint = "/v1/chat/completions";
/**
 * `validating` (the input file is being read) → `in_progress` → `finalizing` (the output and error files are
 * being written) → `completed`; `failed` when the file cannot be run at all (see `errors`); `expired` when the
 * `completion_window` ran out first; `cancelling` → `cancelled` after a cancel.
 * @enum {string}
 */
export type BatchStatus = "validating" | "failed" | "in_progress" | "finalizing" | "completed" | "expired" | "cancelling" | "cancelled";
/**
 * The body of `POST /v1/batches`.
 * @example {
 *       "input_file_id": "file-9f2c1e7a4b0d4e5f8a6b3c2d1e0f9a8b",
 *       "endpoint": "/v1/chat/completions",
 *       "completion_window": "24h",
 *       "metadata": {
 *         "job": "nightly-eval"
 *       }
 *     }
 */
export type BatchCreateRequest = {
    /** The id of an uploaded file with purpose `batch`, one `BatchRequestInput` per line. */
    input_file_id: string;
    /** The endpoint every line's `url` must name. */
    endpoint: BatchEndpoint;
    /**
     * How long the batch may run: `24h` only. A batch still running when it has passed is `expired`; what finished
     * is in its output file, the rest in its error file (`batch_expired`). A key may have at most
     * `x-max-active-batches-per-key` (on `input_file_id`) batches that have not ended (429).
     * @enum {string}
     */
    completion_window: "24h";
    /** Up to 16 string pairs kept on the batch (keys ≤ 64 characters, values ≤ 512). */
    metadata?: {
        [key: string]: string;
    } | null;
};
/**
 * How many requests of the batch have ended. `completed` are in the output file, `failed` in the error file
 * (lines that could not be read, requests the grid refused or whose job faulted, and, after a cancel or an
 * expiry, the requests that never ran). When the batch has ended, `completed + failed = total`.
 */
export type BatchRequestCounts = {
    /** The request lines of the input file (blank lines are not counted). */
    total: number;
    /** Requests answered successfully (lines of the output file). */
    completed: number;
    /** Requests that ended without an answer (lines of the error file). */
    failed: number;
};
/** Why a batch failed (one entry of `Batch.errors.data`). */
export type BatchError = {
    /**
     * `empty_file`, `invalid_jsonl` (no line is a JSON object), `too_many_requests` (more than the lines limit),
     * `line_too_large`, `duplicate_custom_id`, `file_not_found`.
     */
    code: string;
    /** What is wrong, naming the limit where one was broken. */
    message: string;
    /** The field at fault (`custom_id`, `input_file_id`), if any. */
    param?: string | null;
    /** The 1-based line of the input file, if the error is about one line. */
    line?: number | null;
};
/** The reasons a batch failed validation. */
export type BatchErrors = {
    /**
     * Always `list`.
     * @constant
     */
    object: "list";
    /** The errors, at most 100. */
    data: BatchError[];
};
/** Tokens of the batch's finished requests, as the grid counted them. */
export type BatchUsage = {
    /** Prompt tokens, summed. */
    input_tokens: number;
    /** Breakdown of the input tokens. */
    input_tokens_details: {
        /** Always 0 (the grid has no prompt cache). */
        cached_tokens: number;
    };
    /** Completion tokens, summed. */
    output_tokens: number;
    /** Breakdown of the output tokens. */
    output_tokens_details: {
        /** Always 0 (reasoning counts in `output_tokens`). */
        reasoning_tokens: number;
    };
    /** `input_tokens + output_tokens`. */
    total_tokens: number;
};
/**
 * A batch (OpenAI's `Batch`). Every request runs as an ordinary grid job (same matching, workers and rewards as
 * `POST /v1/chat/completions`; the den is charged to the key that created the batch), a few at a time, so
 * interactive requests are never stuck behind a batch. Timestamps are Unix seconds, `null` until they happen.
 * @example {
 *       "id": "batch_5e0c9a1f2b3d4c6e8f7a9b0c1d2e3f4a",
 *       "object": "batch",
 *       "endpoint": "/v1/chat/completions",
 *       "model": "auto",
 *       "errors": null,
 *       "input_file_id": "file-9f2c1e7a4b0d4e5f8a6b3c2d1e0f9a8b",
 *       "completion_window": "24h",
 *       "status": "completed",
 *       "output_file_id": "file-0a1b2c3d4e5f60718293a4b5c6d7e8f9",
 *       "error_file_id": null,
 *       "created_at": 1764222000,
 *       "in_progress_at": 1764222000,
 *       "expires_at": 1764308400,
 *       "finalizing_at": 1764222042,
 *       "completed_at": 1764222042,
 *       "failed_at": null,
 *       "expired_at": null,
 *       "cancelling_at": null,
 *       "cancelled_at": null,
 *       "request_counts": {
 *         "total": 2,
 *         "completed": 2,
 *         "failed": 0
 *       },
 *       "usage": {
 *         "input_tokens": 24,
 *         "input_tokens_details": {
 *           "cached_tokens": 0
 *         },
 *         "output_tokens": 61,
 *         "output_tokens_details": {
 *           "reasoning_tokens": 0
 *         },
 *         "total_tokens": 85
 *       },
 *       "metadata": {
 *         "job": "nightly-eval"
 *       }
 *     }
 */
export type Batch = {
    /** The batch id (`batch_…`). */
    id: string;
    /**
     * Always `batch`.
     * @constant
     */
    object: "batch";
    /** The endpoint its requests go to. */
    endpoint: string;
    /** The `model` of the first request line, once the file is read. */
    model?: string | null;
    /** Why the batch failed validation; `null` otherwise. */
    errors: BatchErrors | null;
    /** The input file. */
    input_file_id: string;
    /** `24h`. */
    completion_window: string;
    /** Where the batch is. */
    status: BatchStatus;
    /** The output file (`batch_output`), once the batch has ended with at least one answer. */
    output_file_id: string | null;
    /** The error file (`batch_output`), once the batch has ended with at least one failed request. */
    error_file_id: string | null;
    /** When the batch was created. */
    created_at: number;
    /** When its requests started. */
    in_progress_at: number | null;
    /** When the `completion_window` ends. */
    expires_at: number | null;
    /** When the output files started being written. */
    finalizing_at: number | null;
    /** When it completed. */
    completed_at: number | null;
    /** When it failed validation. */
    failed_at: number | null;
    /** When it expired. */
    expired_at: number | null;
    /** When a cancel was asked for. */
    cancelling_at: number | null;
    /** When the cancel finished (the requests running then have ended). */
    cancelled_at: number | null;
    /** How many requests have ended, and how. */
    request_counts: BatchRequestCounts;
    /** Tokens of the finished requests. */
    usage?: BatchUsage;
    /** The metadata given at creation. */
    metadata: {
        [key: string]: string;
    } | null;
};
/**
 * A page of the caller's batches, newest first (cursor pagination as OpenAI's).
 * @example {
 *       "object": "list",
 *       "data": [],
 *       "first_id": null,
 *       "last_id": null,
 *       "has_more": false
 *     }
 */
export type BatchList = {
    /**
     * Always `list`.
     * @constant
     */
    object: "list";
    /** The batches of this page. */
    data: Batch[];
    /** The first batch id of this page (`null` for an empty page). */
    first_id?: string | null;
    /** The last batch id of this page; pass it as `after` for the next page. */
    last_id?: string | null;
    /** Whether another page follows. */
    has_more: boolean;
};
/**
 * One line of a batch input file. A line that is not JSON, lacks `custom_id`, names another `method` or `url`,
 * or whose `body` the endpoint would refuse is answered in the error file (the rest of the batch runs); a
 * `custom_id` used twice fails the whole batch (`duplicate_custom_id`), as on OpenAI.
 * @example {
 *       "custom_id": "r1",
 *       "method": "POST",
 *       "url": "/v1/chat/completions",
 *       "body": {
 *         "model": "auto",
 *         "messages": [
 *           {
 *             "role": "user",
 *             "content": "Hi"
 *           }
 *         ]
 *       }
 *     }
 */
export type BatchRequestInput = {
    /** The caller's id of the request, unique in the file; its answer carries it. */
    custom_id: string;
    /**
     * Always `POST`.
     * @enum {string}
     */
    method: "POST";
    /** The batch's `endpoint`. */
    url: string;
    /** The request body, as that endpoint takes it (`ChatCompletionRequest`; `stream` is ignored). */
    body: {
        [key: string]: unknown;
    };
};
/**
 * One line of a batch's output or error file: the answer to the input line with the same `custom_id`. An
 * output line has `response` (status 200, the `ChatCompletion` as `body`) and `error: null`; an error line has
 * `response: null` and `error`. Lines are in input-file order.
 * @example {
 *       "id": "batch_req_1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f",
 *       "custom_id": "r1",
 *       "response": {
 *         "status_code": 200,
 *         "request_id": "7f3e2a1b-4c5d-4e6f-8a9b-0c1d2e3f4a5b",
 *         "body": {
 *           "id": "chatcmpl-7f3e2a1b-4c5d-4e6f-8a9b-0c1d2e3f4a5b",
 *           "object": "chat.completion",
 *           "created": 1764222001,
 *           "model": "llama-3.1-8b-instruct",
 *           "choices": [
 *             {
 *               "index": 0,
 *               "message": {
 *                 "role": "assistant",
 *                 "content": "Hello!"
 *               },
 *               "finish_reason": "stop"
 *             }
 *           ]
 *         }
 *       },
 *       "error": null
 *     }
 */
export type BatchRequestOutput = {
    /** The id of this answer (`batch_req_…`). */
    id: string;
    /** The input line's `custom_id`; `null` for a line that could not be read. */
    custom_id: string | null;
    /** The endpoint's answer, or `null`. */
    response: {
        /** The HTTP status the endpoint would have answered (200). */
        status_code: number;
        /** The grid's id of the request. */
        request_id: string;
        /** The endpoint's response body (a `ChatCompletion`). */
        body: {
            [key: string]: unknown;
        };
    } | null;
    /** Why there is no answer, or `null`. */
    error: {
        /**
         * `invalid_json`, `invalid_request` (a missing or wrong field; `message` names it), a grid error code
         * of the request (`InvalidField`, `ModelNotOnline`, `NoModelOnline`, `KudosUpfront`), `failed` (the
         * worker said the request is bad), `faulted` (every attempt failed), `batch_cancelled`,
         * `batch_expired`.
         */
        code: string;
        /** What went wrong. */
        message: string;
        /** The 1-based line of the input file (AIPG extension). */
        line?: number;
    } | null;
};
/**
 * One line of a file's content (`GET /v1/files/{file_id}/content`, `application/jsonl`): a `BatchRequestInput`
 * for an uploaded file, a `BatchRequestOutput` for an output or error file. The content is these lines, each
 * ending with `\n`; the schema describes one line, as `ChatCompletionStreamEvent` describes one event.
 */
export type BatchFileLine = BatchRequestInput | BatchRequestOutput;
/**
 * A kind of job a worker takes (the values of `job_types` and `worker_type`). Named `WsJobKind` rather than
 * `WsJobType` so that it never clashes with the name generators give the `type` field of the `job` frame (`WsJob`).
 * @enum {string}
 */
export type WsJobKind = "text" | "image" | "video" | "audio" | "3d";
/**
 * Request formats a worker can serve. `openai-chat` jobs stream `token` frames; `anthropic` and `openai-responses`
 * jobs use raw passthrough frames (not described here).
 * @enum {string}
 */
export type WsApiFormat = "openai-chat" | "openai-responses" | "anthropic";
/** @enum {string} */
export type WsModality = "text" | "image" | "video";
/**
 * The worker's first frame, sent within 30 s of the upgrade (else the server closes the socket). It has **no**
 * `type` field. The server answers `WsReady`, or `WsServerError` followed by a close with `WsCloseCode` 4001 (missing
 * or invalid key or name) or 4003 (missing scope, name owned by another account, retired model, eviction cooldown,
 * identity/profile failure). A second connection registering the same name closes the older one with 1012.
 * `job_types` decides the session's frames: `[text]` → `WsServerFrame` / `WsWorkerFrame`; media kinds (`image`,
 * `video`, `audio`, `3d`) → `WsMediaServerFrame` / `WsMediaWorkerFrame`, and the `max_pixels`, `allow_*` and
 * `amount` fields say which media jobs fit. The mock grid refuses a registration that mixes `text` with media
 * kinds (4003; open one connection per kind); the live server accepts it and sends both kinds on that connection.
 * The payout wallet comes from the account, never from the worker. The live server silently drops unknown
 * `job_types`, `api_formats` and `modalities` values (falling back to the defaults when none is left) instead of
 * refusing them.
 * @example {
 *       "apikey": "grid_0123456789abcdef",
 *       "name": "rig-01",
 *       "models": [
 *         "llama-3.1-8b-instruct"
 *       ],
 *       "max_length": 4096,
 *       "max_context_length": 8192,
 *       "job_types": [
 *         "text"
 *       ],
 *       "bridge_agent": "aipg-worker:0.1.0:https://github.com/aipg/grid-sdk",
 *       "api_formats": [
 *         "openai-chat"
 *       ]
 *     }
 */
export type WsRegister = {
    /** A Grid key (`grid_…`) with the `worker.connect` and `inference.submit` scopes. */
    apikey: string;
    /** Worker name; owned by the first account that registers it. */
    name: string;
    /**
     * The models the worker serves, by the names clients send as `model`.
     * @default []
     */
    models?: string[];
    /**
     * Largest completion (tokens) the worker accepts.
     * @default 512
     */
    max_length?: number;
    /**
     * Largest context (prompt plus completion, in tokens) the worker accepts.
     * @default 2048
     */
    max_context_length?: number;
    /**
     * The kinds of job the worker takes (`text` for chat).
     * @default [
     *       "text"
     *     ]
     */
    job_types?: WsJobKind[];
    /**
     * Legacy single job type, used when `job_types` is absent.
     * @deprecated
     * @default text
     */
    worker_type?: WsJobKind;
    /**
     * `name:version:url` of the worker software.
     * @default grid-ws
     */
    bridge_agent?: string;
    /**
     * The request formats the worker can serve; chat jobs need `openai-chat`.
     * @default [
     *       "openai-chat"
     *     ]
     */
    api_formats?: WsApiFormat[];
    /**
     * Input modalities the worker's models accept (vision models add `image`).
     * @default [
     *       "text"
     *     ]
     */
    modalities?: WsModality[];
    /** Optional hardware/profile report. */
    worker_profile?: {
        [key: string]: unknown;
    };
    /** Optional signed identity; a failed check closes with 4003. */
    worker_identity?: {
        [key: string]: unknown;
    };
    /** Sent by grid-text-worker; the server ignores it. */
    signer_address?: string;
    /**
     * Mock grid: the worker's 32-byte raw Ed25519 public key, base64url without padding. The grid checks each
     * `WsDone.worker_sig` with it and shows it with the result (`ResultSignature`). Registering again (a new
     * connection, a pop) with another key replaces it. The live server does not read it.
     */
    public_key?: string;
    /**
     * Mock grid: where the worker runs (e.g. `eu-west`), matched against a request's `routing.region`
     * (`RoutingPreferences`). The live server does not read it.
     */
    region?: string;
    /**
     * Media workers, mock grid: the largest `width × height` the worker makes (default 2359296 = 1536×1536, the
     * largest `/v1` size); a larger job (e.g. from the Horde door) goes to another worker. Same meaning as
     * `HordeImagePopRequest.max_pixels`. The live server does not read it (it sends any size `/v1` allows).
     * @default 2359296
     */
    max_pixels?: number;
    /**
     * Media workers, mock grid: whether the worker takes jobs with a source image. The live server does not read it.
     * @default true
     */
    allow_img2img?: boolean;
    /**
     * Media workers, mock grid: whether the worker takes inpainting/outpainting jobs. The live server does not read it.
     * @default true
     */
    allow_painting?: boolean;
    /**
     * Media workers, mock grid: whether the worker takes jobs with `post_processing`. The live server does not read it.
     * @default true
     */
    allow_post_processing?: boolean;
    /**
     * Media workers, mock grid: whether the worker takes jobs with `loras`. The live server does not read it.
     * @default false
     */
    allow_lora?: boolean;
    /**
     * Media workers, mock grid: whether the worker takes ControlNet jobs. The live server does not read it.
     * @default false
     */
    allow_controlnet?: boolean;
    /**
     * Media workers, mock grid: most images one job may ask for (`WsMediaJob` with up to `amount` upload slots).
     * The grid splits a request's images into jobs of at most this many, so several workers can share it. The
     * live server does not read it and sends each `/v1` request (at most 4 images) as one job.
     * @default 4
     */
    amount?: number;
};
/**
 * Answer to `WsPing`; also accepted while a job is running.
 * @example {
 *       "type": "pong"
 *     }
 */
export type WsPong = {
    /**
     * Always `pong`. (enum property replaced by openapi-typescript)
     * @enum {string}
     */
    type: "pong";
};
/**
 * Streamed output of job `id`. Current form: `delta` with the backend's OpenAI delta (`content`,
 * `reasoning_content`, `tool_calls`), relayed to the client verbatim, plus an optional `finish_reason`.
 * Legacy form (still accepted): `text` with `reasoning: true` for reasoning text, `false`/absent for content.
 * A frame carries either `delta` or `text`.
 * @example {
 *       "type": "token",
 *       "id": "6a0c0e9e-3b1f-4e8e-9d59-0b1e7f4f2c11",
 *       "delta": {
 *         "content": "Hello"
 *       }
 *     }
 */
export type WsToken = {
    /**
     * Always `token`. (enum property replaced by openapi-typescript)
     * @enum {string}
     */
    type: "token";
    /** The job id. */
    id: string;
    /** Current form: the backend's OpenAI delta for this piece of output, relayed to the client as is. */
    delta?: ChatCompletionDelta;
    /** Set on the piece that ends the output (`stop`, `length`, `tool_calls`, …). */
    finish_reason?: string | null;
    /**
     * Legacy form's text.
     * @deprecated
     */
    text?: string;
    /**
     * Legacy form; `true` → `text` is reasoning.
     * @deprecated
     * @default false
     */
    reasoning?: boolean;
    /** Optional backend logprobs for the delta (read by the grid's validators, not relayed). */
    logprobs?: {
        [key: string]: unknown;
    };
};
/**
 * Job `id` finished. An empty output (no text, reasoning, tool calls or tokens) counts as a failure (a strike) unless
 * `cancelled` is true. After a `WsCancel` the worker sends `done` with the partial text and `cancelled: true`.
 * The server counts tokens itself; `usage` is shown to the client but never used for billing.
 * When tokens were streamed, the server keeps the streamed text and ignores `full_text`/`full_reasoning` (it reads
 * them only when nothing was streamed). Other fields (e.g. grid-text-worker's `receipt`) are ignored.
 * Signed results (mock grid): `worker_sig` and `signed_at` sign the result as `ResultSignature` describes, with the
 * key the worker registered (`WsRegister.public_key`); the text signed is the one the client receives (the streamed
 * content when tokens were streamed, else `full_text`). A signature that does not verify (or one from a worker that
 * registered no key) is a strike, no payment, and the job is retried like after a worker error; a result without
 * one is paid only while the grid allows unsigned results (the default; `--require-signatures` turns it off).
 * @example {
 *       "type": "done",
 *       "id": "6a0c0e9e-3b1f-4e8e-9d59-0b1e7f4f2c11",
 *       "full_text": "Hello!",
 *       "finish_reason": "stop",
 *       "usage": {
 *         "prompt_tokens": 12,
 *         "completion_tokens": 3,
 *         "total_tokens": 15
 *       }
 *     }
 */
export type WsDone = {
    /**
     * Always `done`. (enum property replaced by openapi-typescript)
     * @enum {string}
     */
    type: "done";
    /** The job id. */
    id: string;
    /** The whole output text; read only when no tokens were streamed. */
    full_text: string;
    /** The whole reasoning text, if any; read only when no tokens were streamed. */
    full_reasoning?: string | null;
    /** Why the output ended (`stop`, `length`, `tool_calls`, …); the grid passes it to the client. */
    finish_reason?: string | null;
    /** The backend's token counts, shown to the client (never used for billing). */
    usage?: CompletionUsage | null;
    /**
     * `true` after a `WsCancel`: the output is partial, and an empty one is no strike.
     * @default false
     */
    cancelled?: boolean;
    /**
     * The worker's Ed25519 signature of the result (`ResultSignature.worker_sig`: base64url, 86 characters) over
     * this `id`, the SHA-256 of the text the client receives, `signed_at` and the worker's name. `null` or absent:
     * the result is unsigned. The live server reads this field too but its workers do not send it (grid-text-worker
     * sends a `receipt` instead), so live results are unsigned.
     */
    worker_sig?: string | null;
    /** When `worker_sig` was made, in Unix milliseconds; required with `worker_sig` (part of the signed message). */
    signed_at?: number;
};
/**
 * Job `id` failed. `client_error: true` means the request itself was bad: the client gets a 400 (or an
 * `invalid_request_error` stream event) and the worker gets no strike. Otherwise it is a strike and the job may be
 * re-queued (at most twice).
 * @example {
 *       "type": "error",
 *       "id": "6a0c0e9e-3b1f-4e8e-9d59-0b1e7f4f2c11",
 *       "message": "backend returned 400: context length exceeded",
 *       "client_error": true
 *     }
 */
export type WsWorkerError = {
    /**
     * Always `error`. (enum property replaced by openapi-typescript)
     * @enum {string}
     */
    type: "error";
    /** The job id. */
    id: string;
    /** What went wrong; the client sees it when `client_error` is true. */
    message: string;
    /**
     * `true` when the request itself was bad (e.g. the backend refused it as invalid), not the worker.
     * @default false
     */
    client_error?: boolean;
};
/** Every worker → server frame after `WsRegister`, told apart by `type`. */
export type WsWorkerFrame = WsPong | WsToken | WsDone | WsWorkerError;
/**
 * Registration accepted.
 * @example {
 *       "type": "ready",
 *       "worker_id": "2b7e1516-28ae-4d2a-a6f7-15880e6b3c5d"
 *     }
 */
export type WsReady = {
    /**
     * Always `ready`. (enum property replaced by openapi-typescript)
     * @enum {string}
     */
    type: "ready";
    /** The id the grid gave this worker (it appears in `GET /v1/workers`). */
    worker_id: string;
};
/**
 * Registration refused; the server closes the socket right after (see `WsCloseCode`).
 * @example {
 *       "type": "error",
 *       "message": "Invalid API key"
 *     }
 */
export type WsServerError = {
    /**
     * Always `error`. (enum property replaced by openapi-typescript)
     * @enum {string}
     */
    type: "error";
    /** Why the registration was refused. */
    message: string;
};
/**
 * Sent about every 10 s while the connection is idle. Answer with `WsPong`, even mid-job.
 * @example {
 *       "type": "ping"
 *     }
 */
export type WsPing = {
    /**
     * Always `ping`. (enum property replaced by openapi-typescript)
     * @enum {string}
     */
    type: "ping";
};
/** The text job's payload. */
export type WsJobPayload = {
    /**
     * The client's chat request with credentials scrubbed from `messages`, `seed` and `max_tokens` always set, and
     * every extra field kept. The worker replaces `model` with its backend's name and forces streaming. A Horde
     * request is carried as one user message; its `temperature` (0–5 there) is capped at this schema's 2 here,
     * while the legacy `temperature` below keeps the Horde value.
     */
    request: ChatCompletionRequest;
    /**
     * Always `openai-chat` for a chat job.
     * @constant
     */
    api_format: "openai-chat";
    /**
     * The messages flattened for legacy workers: system/developer text on its own line, then `User: …`,
     * `Assistant: …`, `Tool: …` lines, ending with `Assistant:`. A message's text is its `content` string, or the
     * `text` of its content parts run together as they are.
     */
    prompt: string;
    /** Completion cap in tokens (= `request.max_tokens`). */
    max_length: number;
    /** The request's `temperature` (0.7 when the client sent none), for legacy workers. */
    temperature: number;
    /** The request's `top_p` (0.9 when the client sent none), for legacy workers. */
    top_p: number;
};
/**
 * A text job (one at a time per connection; workers open more connections for concurrency). A media session's
 * jobs are `WsMediaJob` (the same `type`, told apart by `job_type` and `upload`).
 * @example {
 *       "type": "job",
 *       "id": "6a0c0e9e-3b1f-4e8e-9d59-0b1e7f4f2c11",
 *       "model": "llama-3.1-8b-instruct",
 *       "payload": {
 *         "request": {
 *           "model": "llama-3.1-8b-instruct",
 *           "messages": [
 *             {
 *               "role": "user",
 *               "content": "Say hello."
 *             }
 *           ],
 *           "temperature": 0.7,
 *           "top_p": 0.9,
 *           "max_tokens": 64,
 *           "stream": true,
 *           "n": 1,
 *           "seed": 4815162342
 *         },
 *         "api_format": "openai-chat",
 *         "prompt": "User: Say hello.\nAssistant:",
 *         "max_length": 64,
 *         "temperature": 0.7,
 *         "top_p": 0.9
 *       }
 *     }
 */
export type WsJob = {
    /**
     * Always `job`. (enum property replaced by openapi-typescript)
     * @enum {string}
     */
    type: "job";
    /** The job id; every frame about this job carries it. */
    id: string;
    /** The model to run, one the worker registered. */
    model: string;
    /** What to generate. */
    payload: WsJobPayload;
};
/**
 * The client went away (or cancelled); abort job `id`. A text job ends with `WsDone` carrying the partial text
 * and `cancelled: true`; a media job with `WsMediaDone` carrying `cancelled: true` and no results (the worker
 * stops its backend and uploads nothing more). Neither is a strike or paid.
 * @example {
 *       "type": "cancel",
 *       "id": "6a0c0e9e-3b1f-4e8e-9d59-0b1e7f4f2c11"
 *     }
 */
export type WsCancel = {
    /**
     * Always `cancel`. (enum property replaced by openapi-typescript)
     * @enum {string}
     */
    type: "cancel";
    /** The job to abort. */
    id: string;
};
/**
 * Job `id` settled. `den` is the reward: for a text job the server's own token count (tiktoken), capped at the
 * job's `max_length`; for a media job the megapixel-step price of its verified images (docs/spec.md, "Image
 * rewards"); 0 for a duplicate or stale `done`, a cancelled job, or media that failed verification.
 * @example {
 *       "type": "ack",
 *       "id": "6a0c0e9e-3b1f-4e8e-9d59-0b1e7f4f2c11",
 *       "den": 3
 *     }
 */
export type WsAck = {
    /**
     * Always `ack`. (enum property replaced by openapi-typescript)
     * @enum {string}
     */
    type: "ack";
    /** The settled job. */
    id: string;
    /**
     * The reward in den: for text the grid's own token count of the output, capped at the job's `max_length`; for
     * media the sum over its images of `width × height / 1 000 000 × steps × family multiplier`.
     */
    den: number;
};
/** Every server → worker frame, told apart by `type`. */
export type WsServerFrame = WsReady | WsServerError | WsPing | WsJob | WsCancel | WsAck;
/**
 * Where one output of a media job goes: a signed URL to `PUT` the file's bytes to, with `Content-Type` set to
 * `content_type`. The URL is valid for 900 s from the job; the mock grid refuses (403) a `PUT` after that, one to
 * a changed URL, or one with another `Content-Type`.
 * @example {
 *       "put_url": "https://grid.example/objects/6a0c0e9e-0.png?method=PUT&exp=1764222900&sig=5d41",
 *       "key": "6a0c0e9e-0.png",
 *       "content_type": "image/png",
 *       "expires_at": 1764222900
 *     }
 */
export type WsUploadSlot = {
    /**
     * The signed upload URL (method `PUT`, the raw bytes as the body).
     * Format: uri
     */
    put_url: string;
    /** The object's key in the grid's store (the server names it; workers only echo the slot index). */
    key: string;
    /**
     * The file's type; the `PUT` must send it as `Content-Type`, and the bytes must be of that type (the mock grid
     * checks their magic bytes on `done`).
     * @enum {string}
     */
    content_type: "image/webp" | "image/png" | "image/jpeg" | "video/mp4" | "audio/wav" | "model/gltf-binary";
    /** Mock grid: when `put_url` stops working, in Unix seconds. The live server does not send it. */
    expires_at?: number;
};
/**
 * What a media job makes: `n` outputs (one per upload slot), output `i` with seed `seeds[i]`. Sizes, steps and
 * the rest are already checked against the limits of the door the request came through.
 */
export type WsMediaJobPayload = {
    /** What to draw (a Horde request's text after `###` arrives as `negative_prompt`). */
    prompt: string;
    /** How many outputs this job makes (the length of `seeds` and of the job's `upload`). */
    n: number;
    /** Output width in pixels. */
    width: number;
    /** Output height in pixels. */
    height: number;
    /** Sampling steps. */
    steps: number;
    /**
     * The sampler. The mock grid sends the Horde's names (`HordeSampler`); the live server passes on what the
     * client asked for.
     */
    sampler_name: string;
    /** Classifier-free guidance scale. */
    cfg_scale: number;
    /**
     * The output file type (matches every slot's `content_type`; `/v1`'s `jpeg` is `jpg` here).
     * @enum {string}
     */
    ext: "webp" | "png" | "jpg" | "mp4" | "wav" | "glb";
    /** The first output's seed (`seeds[0]`). */
    seed: number;
    /** One seed per output, in slot order. */
    seeds: number[];
    /** What the output should not show. */
    negative_prompt?: string;
    /**
     * img2img and painting: a signed download URL of the source picture.
     * Format: uri
     */
    source_image_url?: string;
    /**
     * Mock grid: what to do with `source_image_url` (`img2img` when absent). The live server sends only
     * `source_image_url` (img2img).
     * @enum {string}
     */
    source_processing?: "img2img" | "inpainting" | "outpainting";
    /**
     * Mock grid, painting: a signed download URL of the mask. The live server does not send it.
     * Format: uri
     */
    source_mask_url?: string;
    /** img2img: how far the output may move away from the source. The live server carries it in `recipe_inputs`. */
    denoising_strength?: number;
    /** LoRAs to apply. */
    loras?: ImageLora[];
    /** Mock grid, ControlNet: the kind of map to derive from the source. The live server does not send it. */
    control_type?: HordeControlType;
    /** Mock grid: post-processors to run on each output, in order. The live server does not send it. */
    post_processing?: HordePostProcessor[];
    /** Model-recipe settings beyond these fields (their keys vary by model). */
    recipe_inputs?: {
        [key: string]: unknown;
    };
};
/**
 * A media job (one at a time per connection). Make the `n` outputs, `PUT` output `i` to `upload[i]`, send
 * `WsProgress` about every 2 s meanwhile, then `WsMediaDone` with one result per slot (or `WsWorkerError` if it
 * failed). Each output is one generation of the request, with its own seed. The server waits at most 600 s for a
 * frame during a media job; a job not settled within 15 min is taken back and re-queued.
 * @example {
 *       "type": "job",
 *       "id": "6a0c0e9e-3b1f-4e8e-9d59-0b1e7f4f2c11",
 *       "job_type": "image",
 *       "model": "FLUX.2 [klein]",
 *       "payload": {
 *         "prompt": "a lighthouse at dusk, oil painting",
 *         "n": 2,
 *         "width": 1024,
 *         "height": 1024,
 *         "steps": 4,
 *         "sampler_name": "k_euler",
 *         "cfg_scale": 1,
 *         "ext": "png",
 *         "seed": 42,
 *         "seeds": [
 *           42,
 *           43
 *         ]
 *       },
 *       "upload": [
 *         {
 *           "put_url": "https://grid.example/objects/6a0c0e9e-0.png?method=PUT&exp=1764222900&sig=5d41",
 *           "key": "6a0c0e9e-0.png",
 *           "content_type": "image/png"
 *         },
 *         {
 *           "put_url": "https://grid.example/objects/6a0c0e9e-1.png?method=PUT&exp=1764222900&sig=a7c3",
 *           "key": "6a0c0e9e-1.png",
 *           "content_type": "image/png"
 *         }
 *       ]
 *     }
 */
export type WsMediaJob = {
    /**
     * Always `job` (as for a text job; `job_type` tells them apart). (enum property replaced by openapi-typescript)
     * @enum {string}
     */
    type: "job";
    /** The job id; every frame about this job carries it. */
    id: string;
    /**
     * What the job makes (one of the media kinds the worker registered).
     * @enum {string}
     */
    job_type: "image" | "video" | "audio" | "3d";
    /** The model to run, one the worker registered. */
    model: string;
    /** What to make. */
    payload: WsMediaJobPayload;
    /** One upload slot per output, in `seeds` order. Outputs beyond the slots are dropped. */
    upload: WsUploadSlot[];
};
/**
 * How far media job `id` is; send it about every 2 s while generating. The grid relays it to the client
 * (`GET /v1/progress/{token}`, the Horde `check`'s `progress`). It is not a result and earns nothing.
 * @example {
 *       "type": "progress",
 *       "id": "6a0c0e9e-3b1f-4e8e-9d59-0b1e7f4f2c11",
 *       "pct": 40
 *     }
 */
export type WsProgress = {
    /**
     * Always `progress`. (enum property replaced by openapi-typescript)
     * @enum {string}
     */
    type: "progress";
    /** The job id. */
    id: string;
    /** Percent done, 0–100, over the whole job. */
    pct: number;
    /** An optional low-resolution preview, base64 (the mock grid ignores it). */
    preview_b64?: string;
};
/** One uploaded output of a media job. */
export type WsMediaResult = {
    /** The upload slot it went to (0-based, unique within the `done`). */
    index: number;
    /** The seed it was made with. */
    seed: number;
    /** Lowercase hex SHA-256 of the bytes that were uploaded. */
    sha256: string;
};
/**
 * Media job `id` finished and its outputs are uploaded. `results` has exactly one entry per upload slot (unique
 * `index`). Before paying, the grid checks every slot: the object exists, its bytes are of the slot's
 * `content_type` by their magic bytes (not a header) and match `sha256`. Any failure ("Worker output verification
 * failed.") is a strike, no payment, and the job goes to another worker; the client never sees those outputs.
 * The live server checks less: that each object exists, has the slot's content type and at least 1 byte.
 * After `WsCancel`: `cancelled: true` and `results` may be empty.
 * @example {
 *       "type": "done",
 *       "id": "6a0c0e9e-3b1f-4e8e-9d59-0b1e7f4f2c11",
 *       "results": [
 *         {
 *           "index": 0,
 *           "seed": 42,
 *           "sha256": "9b74c9897bac770ffc029102a200c5de3fbdd1a25e0d3ac8e4f2d0f6c9b5f5a1"
 *         },
 *         {
 *           "index": 1,
 *           "seed": 43,
 *           "sha256": "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"
 *         }
 *       ]
 *     }
 */
export type WsMediaDone = {
    /**
     * Always `done` (as for a text job; `results` tells them apart). (enum property replaced by openapi-typescript)
     * @enum {string}
     */
    type: "done";
    /** The job id. */
    id: string;
    /** One entry per upload slot (empty only after a cancel). */
    results: WsMediaResult[];
    /**
     * `true` after a `WsCancel`: the job stopped early; nothing is paid and it is no strike.
     * @default false
     */
    cancelled?: boolean;
};
/** Every worker → server frame of a media session after `WsRegister`, told apart by `type`. */
export type WsMediaWorkerFrame = WsPong | WsProgress | WsMediaDone | WsWorkerError;
/** Every server → worker frame of a media session, told apart by `type`. */
export type WsMediaServerFrame = WsReady | WsServerError | WsPing | WsMediaJob | WsCancel | WsAck;
/**
 * Any JSON text message of a worker WebSocket session, either direction: the worker's `WsRegister` first, then
 * `WsWorkerFrame`s one way and `WsServerFrame`s the other (a media session: `WsMediaWorkerFrame`s and
 * `WsMediaServerFrame`s). The `connectWorker` operation's `101` response names this schema so that code
 * generators which keep only referenced schemas still emit every frame.
 */
export type WsFrame = WsRegister | WsWorkerFrame | WsServerFrame | WsMediaWorkerFrame | WsMediaServerFrame;
/**
 * WebSocket close codes the server uses:
 * - **4001**: missing or invalid API key or worker name.
 * - **4003**: the key lacks the `worker.connect`/`inference.submit` scope, a rig key used for another rig, a retired
 *   model, an eviction cooldown (6 strikes in 300 s bar re-registration for 30 s → 2 min → 10 min → 1 h), a name
 *   registered to another account, or an identity/profile failure; on the mock grid also a registration that
 *   mixes `text` with media job types.
 * - **1012**: a newer connection registered the same worker name; the older socket is closed. Do not reconnect
 *   under that name. With a close reason starting `service restart` instead, the grid is shutting down or
 *   restarting (it closes every worker socket so, and refuses new ones the same way while it drains): reconnect
 *   later, with back-off. A job in flight on the socket is not paid; the grid has cancelled or re-queued it.
 * @enum {integer}
 */
export type WsCloseCode = 4001 | 4003 | 1012;
/**
 * The per-connection limits of the client WebSocket, sent in `ClientWsReady`. Each property's `default` is the mock
 * grid's value (its `limits` option changes them). Past a limit the grid answers a `ClientWsError` of type
 * `limit_exceeded` naming the limit (`error.limit`) and its value (`error.max`); only `max_connections_per_key`
 * and a client that never authenticates or goes silent close the socket (`ClientWsCloseCode`).
 * @example {
 *       "max_concurrent_requests": 128,
 *       "max_frame_bytes": 1048576,
 *       "max_connections_per_key": 16,
 *       "idle_timeout_s": 90,
 *       "auth_timeout_s": 10
 *     }
 */
export type ClientWsLimits = {
    /**
     * Requests one connection may have open at once (chat completions not yet answered, subscriptions not yet
     * ended, submits not yet answered). One more is refused with `limit_exceeded`; the connection stays open.
     * @default 128
     */
    max_concurrent_requests: number;
    /**
     * Largest client frame, in bytes (the HTTP doors' body limit). A larger frame is refused with `limit_exceeded`
     * (its request id when it can be read); one over 4 × this closes the socket with 1009.
     * @default 1048576
     */
    max_frame_bytes: number;
    /**
     * Open client WebSocket connections per account. The one past it gets a `limit_exceeded` error frame and is
     * closed with 4029.
     * @default 16
     */
    max_connections_per_key: number;
    /**
     * Seconds the grid waits for any client frame; after that it closes the socket with 4008. Send `ping` more
     * often than this (the SDK pings every 25 s).
     * @default 90
     */
    idle_timeout_s: number;
    /**
     * Seconds a connection without an `Authorization` header has to send `ClientWsAuth`; after that it is closed
     * with 4001.
     * @default 10
     */
    auth_timeout_s: number;
};
/**
 * The key, for clients that cannot set headers on a WebSocket upgrade (browsers). Send it as the first frame when
 * the upgrade carried no `Authorization: Bearer` (or `apikey`) header; the grid answers `ClientWsReady`, or a
 * `ClientWsError` and a close with 4001 (missing or invalid key) or 4003 (the key lacks `inference.submit`).
 * Frames sent after it, before the `ready`, are handled in order once it is accepted. A frame carries any key
 * (no character restrictions, unlike a `Sec-WebSocket-Protocol` value) and is never written to an access log.
 * On a connection that authenticated by header, or a second time, it is a `ClientWsError` (`invalid_frame`).
 * @example {
 *       "type": "auth",
 *       "api_key": "grid_0123456789abcdef"
 *     }
 */
export type ClientWsAuth = {
    /**
     * Always `auth`. (enum property replaced by openapi-typescript)
     * @enum {string}
     */
    type: "auth";
    /** A Grid key with the `inference.submit` scope. */
    api_key: string;
};
/**
 * The client's name for one request, unique among the connection's open requests (a reused open id is refused
 * with `duplicate_id`). Every frame about the request carries it; it may be reused once the request has ended.
 */
export type ClientWsRequestId = string;
/**
 * A chat completion, the body exactly as `POST /v1/chat/completions` takes it (validated the same way). With
 * `stream: true` the grid sends `ClientWsChunk` frames (the SSE stream's chunks, in order) and then `ClientWsDone`;
 * otherwise one `ClientWsResponse` with the `ChatCompletion`. A failure is one `ClientWsError`. The job is
 * cancelled when the client sends `ClientWsCancel` for it or the socket closes, as when an HTTP client goes away.
 * @example {
 *       "type": "chat.completions",
 *       "id": "r1",
 *       "body": {
 *         "model": "auto",
 *         "messages": [
 *           {
 *             "role": "user",
 *             "content": "Hello, grid!"
 *           }
 *         ],
 *         "stream": true
 *       }
 *     }
 */
export type ClientWsChatRequest = {
    /**
     * Always `chat.completions`. (enum property replaced by openapi-typescript)
     * @enum {string}
     */
    type: "chat.completions";
    /** The client's id for this request. */
    id: ClientWsRequestId;
    /** The `POST /v1/chat/completions` body. */
    body: ChatCompletionRequest;
};
/**
 * An async text job, the body exactly as `POST /api/v2/generate/text/async` takes it. The grid answers one
 * `ClientWsResponse` whose `result` is the `HordeAsyncResponse` (the job id and its kudos price). The job belongs
 * to the account, not to the socket: it keeps running when the socket closes, and `jobs.subscribe` (on this or
 * any later connection) or `GET /api/v2/generate/text/status/{id}` follow it.
 * @example {
 *       "type": "jobs.submit",
 *       "id": "r2",
 *       "body": {
 *         "prompt": "Once upon a time",
 *         "params": {
 *           "max_length": 64
 *         }
 *       }
 *     }
 */
export type ClientWsJobSubmit = {
    /**
     * Always `jobs.submit`. (enum property replaced by openapi-typescript)
     * @enum {string}
     */
    type: "jobs.submit";
    /** The client's id for this request. */
    id: ClientWsRequestId;
    /** The `POST /api/v2/generate/text/async` body. */
    body: HordeTextAsyncRequest;
};
/**
 * Follows job `job_id` (a `jobs.submit` result's `id`, or one from `POST /api/v2/generate/text/async`): the grid
 * sends its events as `ClientWsEvent` frames, each with its `seq`, in order, and `ClientWsDone` after the job's
 * last terminal event. `after` resumes after a dropped connection: events with `seq` up to `after` are not sent
 * again, the rest are, so nothing is missed and nothing arrives twice. `ClientWsCancel` with this request's id
 * ends the subscription (not the job). An unknown (or another account's) job is a `ClientWsError`
 * (`not_found_error`).
 * @example {
 *       "type": "jobs.subscribe",
 *       "id": "r3",
 *       "job_id": "5f3c1b9e-8d2a-4c7e-9a41-2b6f0d8e7c35",
 *       "after": 4
 *     }
 */
export type ClientWsJobSubscribe = {
    /**
     * Always `jobs.subscribe`. (enum property replaced by openapi-typescript)
     * @enum {string}
     */
    type: "jobs.subscribe";
    /** The client's id for this subscription. */
    id: ClientWsRequestId;
    /** The job (Horde request id) to follow. */
    job_id: string;
    /** The `seq` of the last event the client already has; only later events are sent. Default none. */
    after?: number;
};
/**
 * Ends open request `id`: a chat completion's job is cancelled (its worker gets `cancel`, nothing is charged), a
 * subscription stops (the job itself runs on). The request ends with `ClientWsDone` (`cancelled: true`); the
 * connection's other requests are not touched. An id that is not open is a `ClientWsError` (`unknown_id`).
 * @example {
 *       "type": "cancel",
 *       "id": "r1"
 *     }
 */
export type ClientWsCancel = {
    /**
     * Always `cancel`. (enum property replaced by openapi-typescript)
     * @enum {string}
     */
    type: "cancel";
    /** The request to end. */
    id: ClientWsRequestId;
};
/**
 * Keep-alive: the grid answers `ClientWsPong` with the same `id`. Any client frame resets the idle timeout
 * (`ClientWsLimits.idle_timeout_s`); a client with nothing else to send pings more often than that.
 * @example {
 *       "type": "ping",
 *       "id": "p1"
 *     }
 */
export type ClientWsPing = {
    /**
     * Always `ping`. (enum property replaced by openapi-typescript)
     * @enum {string}
     */
    type: "ping";
    /** Echoed in the `pong` (optional; lets a client measure the round trip). */
    id?: string;
};
/** Every client → grid frame of the client WebSocket, told apart by `type`. */
export type ClientWsClientFrame = ClientWsAuth | ClientWsChatRequest | ClientWsJobSubmit | ClientWsJobSubscribe | ClientWsCancel | ClientWsPing;
/**
 * The connection is authenticated: requests may follow (any sent already are handled now).
 * @example {
 *       "type": "ready",
 *       "connection_id": "cws_9b2f4c1e",
 *       "limits": {
 *         "max_concurrent_requests": 128,
 *         "max_frame_bytes": 1048576,
 *         "max_connections_per_key": 16,
 *         "idle_timeout_s": 90,
 *         "auth_timeout_s": 10
 *       }
 *     }
 */
export type ClientWsReady = {
    /**
     * Always `ready`. (enum property replaced by openapi-typescript)
     * @enum {string}
     */
    type: "ready";
    /** The grid's id for this connection (for support requests and logs). */
    connection_id: string;
    /** This connection's limits. */
    limits: ClientWsLimits;
};
/**
 * One chunk of streamed chat completion `id`: exactly the `data` of one SSE event of `POST /v1/chat/completions`
 * (the first one per choice carries the role, the last one its `finish_reason`, `usage` and `grid`). The
 * stream's chunks arrive in order, then `ClientWsDone`.
 * @example {
 *       "type": "chunk",
 *       "id": "r1",
 *       "chunk": {
 *         "id": "chatcmpl-5f3c1b9e",
 *         "object": "chat.completion.chunk",
 *         "created": 1764222000,
 *         "model": "llama-3.1-8b-instruct",
 *         "choices": [
 *           {
 *             "index": 0,
 *             "delta": {
 *               "content": "Hello"
 *             },
 *             "finish_reason": null
 *           }
 *         ]
 *       }
 *     }
 */
export type ClientWsChunk = {
    /**
     * Always `chunk`. (enum property replaced by openapi-typescript)
     * @enum {string}
     */
    type: "chunk";
    /** The request this chunk belongs to. */
    id: ClientWsRequestId;
    /** The chunk, as the SSE stream would carry it. */
    chunk: ChatCompletionChunk;
};
/**
 * The answer of request `id`, which ends it: the `ChatCompletion` of a chat request without `stream`, or the
 * `HordeAsyncResponse` of a `jobs.submit`.
 * @example {
 *       "type": "response",
 *       "id": "r2",
 *       "result": {
 *         "id": "5f3c1b9e-8d2a-4c7e-9a41-2b6f0d8e7c35",
 *         "kudos": 7.4
 *       }
 *     }
 */
export type ClientWsResponse = {
    /**
     * Always `response`. (enum property replaced by openapi-typescript)
     * @enum {string}
     */
    type: "response";
    /** The request answered. */
    id: ClientWsRequestId;
    /** The HTTP door's success body for the same request. */
    result: ChatCompletion | HordeAsyncResponse;
};
/**
 * One event of the job followed by subscription `id`, in `seq` order: the job's own numbered event log, shared with
 * `GET /v1/jobs/{id}/events`, so a `jobs.subscribe` with `after` resumes after either.
 * @example {
 *       "type": "event",
 *       "id": "r3",
 *       "event": {
 *         "type": "queued",
 *         "seq": 1,
 *         "id": "5f3c1b9e-8d2a-4c7e-9a41-2b6f0d8e7c35",
 *         "index": 0,
 *         "at": 1764222000000,
 *         "position": 1
 *       }
 *     }
 */
export type ClientWsEvent = {
    /**
     * Always `event`. (enum property replaced by openapi-typescript)
     * @enum {string}
     */
    type: "event";
    /** The subscription it belongs to. */
    id: ClientWsRequestId;
    /** The job event, exactly as `GET /v1/jobs/{id}/events` sends it (its `seq` is the one to resume after). */
    event: JobEvent;
};
/**
 * Request `id` ended without a `response`: a streamed chat completion after its last chunk, a subscription after
 * the job's terminal event, or either after `ClientWsCancel` (`cancelled: true`).
 * @example {
 *       "type": "done",
 *       "id": "r1"
 *     }
 */
export type ClientWsDone = {
    /**
     * Always `done`. (enum property replaced by openapi-typescript)
     * @enum {string}
     */
    type: "done";
    /** The request that ended. */
    id: ClientWsRequestId;
    /**
     * `true` when it ended because the client cancelled it.
     * @default false
     */
    cancelled?: boolean;
};
/**
 * (Named `…Kind`, not `…Type`, so it never clashes with the name generators give `ClientWsError.error.type`.)
 * What kind of failure a `ClientWsError` reports. The HTTP doors' failures keep their OpenAI-style names, by
 * the status the same request would get over HTTP (`error.status`): `invalid_request_error` (400, 413, 422),
 * `authentication_error` (401), `payment_required` (402), `permission_error` (403), `not_found_error` (404),
 * `rate_limit_error` (429), `upstream_error` (502: the worker failed), `service_unavailable` (503: no worker
 * online, or the grid is shutting down), `internal_error` (500). The socket's own: `invalid_frame` (not JSON, not
 * a known frame, or fields that do not fit the frame's schema), `duplicate_id` (the id names an open request),
 * `unknown_id` (a `cancel` of an id that is not open), `limit_exceeded` (a `ClientWsLimits` limit, named in
 * `error.limit`).
 * @enum {string}
 */
export type ClientWsErrorKind = "invalid_frame" | "duplicate_id" | "unknown_id" | "limit_exceeded" | "invalid_request_error" | "authentication_error" | "payment_required" | "permission_error" | "not_found_error" | "rate_limit_error" | "upstream_error" | "service_unavailable" | "internal_error";
/**
 * Request `id` failed (which ends it), or a frame could not be read (`id` is then `null` when the frame named
 * none). `error` is the wire's error shape (`{message, type}`, as `StreamErrorChunk` and the 429 body) with the
 * HTTP status the same request would get and, where it applies, the field, the limit and when to retry.
 * @example {
 *       "type": "error",
 *       "id": "r129",
 *       "error": {
 *         "message": "too many open requests on this connection (max 128)",
 *         "type": "limit_exceeded",
 *         "status": 429,
 *         "limit": "max_concurrent_requests",
 *         "max": 128
 *       }
 *     }
 */
export type ClientWsError = {
    /**
     * Always `error`. (enum property replaced by openapi-typescript)
     * @enum {string}
     */
    type: "error";
    /** The request that failed; `null` when the frame named none. */
    id: ClientWsRequestId | null;
    /** What went wrong. */
    error: {
        /** The reason, in words (the HTTP door's wording for the same failure). */
        message: string;
        /** The kind of failure. */
        type: ClientWsErrorKind;
        /** The HTTP status the same request gets from the HTTP door (400 for the socket's own errors, 429 for `limit_exceeded`). */
        status: number;
        /** The grid's own error code where it has one (`TooManyPrompts`, `ModelNotOnline`, `RateLimited`, …). */
        code?: string;
        /** The field at fault, as a dotted path (`body.messages.0.role`), when one is. */
        param?: string | null;
        /** For `limit_exceeded`: the `ClientWsLimits` property that was exceeded. */
        limit?: string;
        /** For `limit_exceeded`: that limit's value. */
        max?: number;
        /** When a retry may succeed (rate limits, the in-flight cap), in milliseconds. */
        retry_after_ms?: number;
    };
};
/**
 * The answer to `ClientWsPing`, with its `id`.
 * @example {
 *       "type": "pong",
 *       "id": "p1"
 *     }
 */
export type ClientWsPong = {
    /**
     * Always `pong`. (enum property replaced by openapi-typescript)
     * @enum {string}
     */
    type: "pong";
    /** The ping's `id`, when it had one. */
    id?: string;
};
/** Every grid → client frame of the client WebSocket, told apart by `type`. */
export type ClientWsServerFrame = ClientWsReady | ClientWsChunk | ClientWsResponse | ClientWsEvent | ClientWsDone | ClientWsError | ClientWsPong;
/**
 * Any JSON text message of a client WebSocket session, either direction. The `connectClient` operation's `101`
 * response names this schema so that code generators which keep only referenced schemas still emit every frame.
 */
export type ClientWsFrame = ClientWsClientFrame | ClientWsServerFrame;
/**
 * WebSocket close codes of the client socket. Each 40xx mirrors the HTTP status of the same refusal (401, 403,
 * 408, 429), and the worker socket's codes are reused where the meaning is the same (4001, 4003, 1012):
 * - **4001**: missing or invalid API key, or no `ClientWsAuth` within `auth_timeout_s`. Do not reconnect with the
 *   same key.
 * - **4003**: the key lacks the `inference.submit` scope. Do not reconnect with the same key.
 * - **4008**: idle timeout, no frame within `idle_timeout_s` (send `ping`). Reconnect.
 * - **4029**: the account has `max_connections_per_key` client sockets open already. Reconnect later, with
 *   back-off, or share one connection (it carries many requests).
 * - **1008**: the client does not read its frames (the grid's unsent bytes for it passed 8 MiB).
 * - **1009**: a frame over 4 × `max_frame_bytes` (smaller oversized frames get a `limit_exceeded` error instead).
 * - **1012**: the grid is shutting down (reason starting `service restart`); reconnect later, with back-off.
 * On any close, open chat completions are cancelled (their jobs end, nothing is charged); async jobs keep running
 * and subscriptions can be taken up again with `after`.
 * @enum {integer}
 */
export type ClientWsCloseCode = 4001 | 4003 | 4008 | 4029 | 1008 | 1009 | 1012;
/**
 * A text generation request. Processed asynchronously; poll `GET /generate/text/status/{id}`.
 * @example {
 *       "prompt": "User: Say hello.\nAssistant:",
 *       "params": {
 *         "n": 1,
 *         "max_length": 80,
 *         "max_context_length": 2048,
 *         "temperature": 0.7
 *       },
 *       "models": [
 *         "koboldcpp/llama-3.1-8b-instruct"
 *       ]
 *     }
 */
export type HordeTextAsyncRequest = {
    /** The prompt. An empty string → 400 `MissingPrompt`. */
    prompt: string;
    /** Sampling parameters (KoboldAI names); the server's defaults apply to what is left out. */
    params?: HordeTextParams;
    /**
     * Acceptable models; empty = any worker. AIPG stores them lower-cased (so the pop response's `model` comes back
     * lower-cased); the live server then matches them against the worker's raw names, so mixed-case text model names
     * never match there. Intended: case-insensitive matching. An empty name matches no worker and is refused (400).
     * @default []
     */
    models?: string[];
    /**
     * Worker ids to allow (or to exclude, with `worker_blacklist`). Only the first 5 are kept (`x-kept-items`); an
     * unknown id → 404 `WorkerNotFound`.
     * @default []
     */
    workers?: string[];
    /**
     * `true` → `workers` is a deny list.
     * @default false
     */
    worker_blacklist?: boolean;
    /**
     * `true` → only trusted workers.
     * @default false
     */
    trusted_workers?: boolean;
    /**
     * `true` → only workers whose bridge agent is a validated backend (`AI Horde Worker`, `AI Horde Worker~aphrodite~oai`,
     * `AI Horde Worker~aphrodite~kai`, `KoboldCppEmbedWorker`, `TabbyAPI`). The server's parser defaults it to
     * `false`; its swagger model documents `true`.
     * @default false
     */
    validated_backends?: boolean;
    /**
     * `false` → only fast workers, and kudos are always required upfront.
     * @default true
     */
    slow_workers?: boolean;
    /**
     * `true` → also very slow workers, which are otherwise skipped.
     * @default false
     */
    extra_slow_workers?: boolean;
    /**
     * A NSFW request goes only to workers with `nsfw: true`. The parser defaults to `true`; the swagger model says `false`.
     * @default true
     */
    nsfw?: boolean;
    /** A softprompt the worker must have loaded (KoboldAI workers only). */
    softprompt?: string | null;
    /**
     * `true` → only compute the kudos cost: 200 `HordeDryRunResponse`, nothing is queued.
     * @default false
     */
    dry_run?: boolean;
    /**
     * With `params.n > 1` it requires a trusted/patron account (400 `RequiresTrust`).
     * @default false
     */
    disable_batching?: boolean;
    /**
     * Lower `max_length` instead of failing with 403 `KudosUpfront` when the user lacks kudos.
     * @default false
     */
    allow_downgrade?: boolean;
    /** Service accounts only (else 400 `OnlyServiceAccountProxy`). */
    proxied_account?: string | null;
    /** Each finished generation is POSTed here (3 tries, 3 s timeout). Must be `https://`. */
    webhook?: string | null;
    /** A stored style to apply to the request. */
    style?: string | null;
    /** Not supported for text; any value → 400 `InvalidExtraSourceImages.`. */
    extra_source_images?: {
        [key: string]: unknown;
    }[];
    /** AIPG. The requester's EVM wallet for gallery tracking. */
    wallet_id?: string | null;
    /** AIPG. Free-form tags stored with the request. */
    tags?: string[] | null;
};
/**
 * Sampling parameters (KoboldAI names). Server-side checks beyond the schema: `max_context_length < max_length` →
 * 400 `TokenOverflow`; more than 128 `stop_sequence` entries → 400 `TooManyStopSequences`; more than 2000 characters
 * of stop sequences in total → 400 `ExcessiveStopSequence`; a `sampler_order` with fewer than 7 distinct values → 400
 * `MissingFullSamplerOrder`.
 */
export type HordeTextParams = {
    /**
     * Generations wanted. AIPG batches atomically: a worker gets all `n` at once and only if it popped with
     * `amount ≥ n`, so `n > 1` starves behind workers that pop with the default `amount: 1` unless `disable_batching`.
     * @default 1
     */
    n?: number;
    /**
     * Tokens to generate (AIPG allows up to 2048; upstream AI Horde 1024).
     * @default 80
     */
    max_length?: number;
    /**
     * Largest context (prompt plus completion, in tokens) to use; must be at least `max_length`.
     * @default 2048
     */
    max_context_length?: number;
    /** Sampling temperature, 0–5: lower is more focused and repeatable, higher more varied. */
    temperature?: number;
    /** Nucleus sampling: only the most likely tokens whose probabilities add up to `top_p` are considered. */
    top_p?: number;
    /** Only the `top_k` most likely tokens are considered; 0 disables the limit. */
    top_k?: number;
    /** Drops tokens far less likely than the most likely one (the bar rises with its probability squared); 0 disables. */
    top_a?: number;
    /** Tail-free sampling: cuts the low-probability tail; 1 disables. */
    tfs?: number;
    /** Typical sampling: keeps tokens close to the expected surprise; 1 disables. */
    typical?: number;
    /**
     * Drops tokens less likely than `min_p` × the most likely token's probability; 0 disables.
     * @default 0
     */
    min_p?: number;
    /** Repetition penalty, 1–3: above 1, tokens already in the context are made less likely. */
    rep_pen?: number;
    /** How many of the most recent context tokens the repetition penalty looks at. */
    rep_pen_range?: number;
    /** How the repetition penalty fades over `rep_pen_range` (0 = flat). */
    rep_pen_slope?: number;
    /**
     * Quadratic sampling: smooths the token distribution; 0 disables.
     * @default 0
     */
    smoothing_factor?: number;
    /**
     * Dynamic temperature: the temperature varies by up to ± this much with the model's certainty; 0 disables.
     * @default 0
     */
    dynatemp_range?: number;
    /**
     * Dynamic temperature: the exponent of the curve that maps certainty to temperature.
     * @default 1
     */
    dynatemp_exponent?: number;
    /** If sent, it must name at least 7 distinct samplers (else 400 `MissingFullSamplerOrder`). */
    sampler_order?: number[];
    /** Stop strings (≤128, ≤2000 characters in total). The returned text **includes** the stop sequence. */
    stop_sequence?: string[];
    /** `true` → the backend bans its default "bad words" tokens (e.g. the end-of-sequence token). */
    use_default_badwordsids?: boolean;
    /** `true` → the output stops at the first line break. */
    singleline?: boolean;
    /** KoboldAI formatting: add a leading space to the input when it lacks one. */
    frmtadsnsp?: boolean;
    /** KoboldAI formatting: remove blank lines from the output. */
    frmtrmblln?: boolean;
    /** KoboldAI formatting: remove special characters from the output. */
    frmtrmspch?: boolean;
    /** KoboldAI formatting: trim an incomplete last sentence from the output. */
    frmttriminc?: boolean;
};
export type HordeAsyncResponse = {
    /**
     * The request id to poll.
     * Format: uuid
     */
    id: string;
    /** Expected kudos cost. */
    kudos: number;
    /**
     * Set when no active worker can serve the request ("Warning: No available workers can fulfill this request. It
     * will expire in 20 minutes…"). The request still waits; on AIPG it expires after 24 h, the text is stale.
     */
    message?: string;
    /** Things about the request the server wants the client to know (it was still queued). */
    warnings?: HordeWarning[];
};
export type HordeWarning = {
    /** A stable code for the warning. */
    code: string;
    /** The warning, in words. */
    message: string;
};
export type HordeDryRunResponse = {
    /** What the request would cost, in kudos. */
    kudos: number;
};
/**
 * State of a text request. The same body answers `DELETE` (cancel), which sets the remaining count to 0: jobs not
 * yet popped are dropped, jobs in flight still finish. AIPG deletes results about 60–65 min after they were popped
 * (the request then 404s), so fetch them within the hour.
 * @example {
 *       "finished": 1,
 *       "processing": 0,
 *       "restarted": 0,
 *       "waiting": 0,
 *       "done": true,
 *       "faulted": false,
 *       "wait_time": 0,
 *       "queue_position": 0,
 *       "kudos": 3,
 *       "is_possible": true,
 *       "generations": [
 *         {
 *           "text": " Hello!",
 *           "seed": 0,
 *           "worker_id": "1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b",
 *           "worker_name": "rig-01",
 *           "model": "koboldcpp/llama-3.1-8b-instruct",
 *           "state": "ok",
 *           "gen_metadata": []
 *         }
 *       ]
 *     }
 */
export type HordeTextStatus = {
    /** Generations completed. */
    finished: number;
    /** Generations in flight. */
    processing: number;
    /** Generations that faulted and were re-queued. */
    restarted: number;
    /** Generations not yet given to a worker. */
    waiting: number;
    /** Faulted, or nothing left waiting and every generation finished. */
    done: boolean;
    /** True after 3 faulted generations. */
    faulted: boolean;
    /** Estimated seconds until done. */
    wait_time: number;
    /** 1-based position in the queue. */
    queue_position: number;
    /** Kudos consumed so far. */
    kudos: number;
    /** Some active worker could serve it. */
    is_possible: boolean;
    /** The finished generations so far. */
    generations: HordeTextGeneration[];
    /** AIPG: how far the running generation is (not sent by the live server, see `HordeProgress`). */
    progress?: HordeProgress;
};
/**
 * AIPG progress of a running generation, fed by the workers' `POST /generate/progress` reports (which answer with
 * it). On the text status and the image check the live server computes it but its response models do not declare
 * it, so it is stripped from the body; it is listed there as the intended, optional field.
 */
export type HordeProgress = {
    /** Completion of the running generation, 0–100. */
    progress_percent?: number;
    /** The step the worker reported last. */
    current_step?: number;
    /** The steps the generation takes in all. */
    total_steps?: number;
    /** When the worker last reported progress (ISO 8601), or `null`. */
    progress_updated_at?: string | null;
};
export type HordeTextGeneration = {
    /** The generated text (including the stop sequence that ended it, if any). */
    text: string;
    /**
     * An integer for text (image generations use a string).
     * @default 0
     */
    seed: number;
    /**
     * The id of the worker that generated it.
     * Format: uuid
     */
    worker_id: string;
    /** The name of the worker that generated it. */
    worker_name: string;
    /** The model that generated it. */
    model: string;
    /** The submitted state. The live server always reports `ok` here (a marshalling default). */
    state: HordeGenerationState;
    /** Notes the worker attached (e.g. why it was censored). */
    gen_metadata?: HordeGenMetadata[];
    /**
     * The generation id. Computed but stripped by the live server's marshalling.
     * Format: uuid
     */
    id?: string;
    /** Mock grid, when the worker signed the result: its signature and public key, to check `text` offline. */
    signature?: ResultSignature;
    /** Mock grid: why this generation went to its worker, as `grid.routing` says on /v1. */
    routing?: RoutingExplanation;
};
/** @enum {string} */
export type HordeGenerationState = "ok" | "censored" | "faulted" | "csam";
export type HordeGenMetadata = {
    /**
     * What the note is about.
     * @enum {string}
     */
    type: "lora" | "ti" | "censorship" | "source_image" | "source_mask" | "extra_source_images" | "batch_index" | "information";
    /**
     * What happened to it.
     * @enum {string}
     */
    value: "download_failed" | "parse_failed" | "baseline_mismatch" | "csam" | "nsfw" | "see_ref";
    /** What it refers to, when the value needs one (e.g. a LoRA name). */
    ref?: string;
};
/**
 * A text worker asking for a job. The first pop with a new `name` creates the worker. A worker that has not popped
 * for 300 s is offline.
 * @example {
 *       "name": "rig-01",
 *       "models": [
 *         "koboldcpp/llama-3.1-8b-instruct"
 *       ],
 *       "max_length": 512,
 *       "max_context_length": 4096,
 *       "bridge_agent": "aipg-worker:0.1.0:https://github.com/aipg/grid-sdk"
 *     }
 */
export type HordeTextPopRequest = {
    /**
     * Worker name. Names containing `colab`, `tpu` or `google` → 400; a profane name → 400 `ProfaneWorkerName`; a name
     * owned by another user → 403 `WrongCredentials`; the name of an image worker → 400 `PolymorphicNameConflict`.
     */
    name: string;
    /**
     * Models served (at most 200 are kept, `x-kept-items`). `model::alias#id` is a private model only that user may
     * use. AIPG stores them lower-cased. Required: the Horde's parser gives `models` no default and refuses a text
     * worker without models (an omitted list is the empty list, 400), so a pop must name what it serves.
     */
    models: string[];
    /**
     * Largest `params.max_length` this worker accepts.
     * @default 512
     */
    max_length?: number;
    /**
     * Largest `params.max_context_length` this worker accepts.
     * @default 2048
     */
    max_context_length?: number;
    /**
     * Softprompts the worker can load (KoboldAI workers).
     * @default []
     */
    softprompts?: string[];
    /**
     * Users served first; each must be `alias#number` (else 400 `InvalidPriorityUsername`).
     * @default []
     */
    priority_usernames?: string[];
    /**
     * Whether the worker takes NSFW requests.
     * @default true
     */
    nsfw?: boolean;
    /**
     * Reported capacity only.
     * @default 1
     */
    threads?: number;
    /**
     * `name:version:url`. Decides validated-backend status (unvalidated agents earn 30% rewards).
     * @default unknown:0:unknown
     */
    bridge_agent?: string;
    /**
     * `true` → only requests from users who have the kudos for them up front.
     * @default false
     */
    require_upfront_kudos?: boolean;
    /**
     * Most generations the worker takes at once (AIPG only hands out requests with `params.n ≤ amount`).
     * @default 1
     */
    amount?: number;
    /**
     * `true` → the worker is very slow and gets only requests that allow `extra_slow_workers`.
     * @default false
     */
    extra_slow_worker?: boolean;
    /** AIPG. Stored only if it is a 42-character `0x…` address. */
    wallet_address?: string | null;
    /**
     * Mock grid: the worker's 32-byte raw Ed25519 public key, base64url without padding; each pop may send it and the
     * latest one is kept. Submits are checked with it (`HordeTextSubmitRequest.worker_sig`). Not a Horde field.
     */
    public_key?: string;
    /**
     * Mock grid: where the worker runs (e.g. `eu-west`), matched against a request's `routing.region`; each pop may
     * send it and the latest one is kept. Not a Horde field.
     */
    region?: string;
};
/**
 * Always 200. No job → `id: null`, `ids: []` and `skipped` counts why requests were passed over; test `id`/`ids`,
 * not the status code.
 * @example {
 *       "id": "0d9b6c1e-2f3a-4b5c-8d7e-9f0a1b2c3d4e",
 *       "ids": [
 *         "0d9b6c1e-2f3a-4b5c-8d7e-9f0a1b2c3d4e"
 *       ],
 *       "payload": {
 *         "prompt": "User: Say hello.\nAssistant:",
 *         "n": 1,
 *         "max_length": 80,
 *         "max_context_length": 2048,
 *         "temperature": 0.7
 *       },
 *       "model": "koboldcpp/llama-3.1-8b-instruct",
 *       "softprompt": null,
 *       "ttl": 86400,
 *       "skipped": {},
 *       "messages": []
 *     }
 */
export type HordeTextPopResponse = {
    /**
     * The generation id, or `null` when there is no job.
     * Format: uuid
     */
    id: string | null;
    /** Every generation id of the job (more than one when batched); empty when there is no job. */
    ids: string[];
    /**
     * The job, or an empty object `{}` when there is no job (the Horde marshals a missing nested model as `{}`;
     * clients such as horde-sdk require an object here).
     */
    payload?: HordeTextPopPayload | Record<string, never>;
    /** The model to use (AIPG returns it lower-cased). */
    model?: string | null;
    /** The softprompt to load, if the request asked for one. */
    softprompt?: string | null;
    /** Seconds before the job counts as stale (AIPG text 86400, upstream 150). */
    ttl?: number | null;
    /** Always empty for text. */
    extra_source_images?: {
        [key: string]: unknown;
    }[];
    /** When there is no job: how many queued requests were passed over, per reason. */
    skipped: HordeNoValidRequestFound;
    /** Moderator messages for this worker. */
    messages?: HordeMessage[];
};
/** The job for the worker — the client's `params` plus the prompt, with `n` set to 1. */
export type HordeTextPopPayload = HordeTextParams & {
    /** The prompt to continue. */
    prompt: string;
};
/** How many queued requests were skipped, per reason. */
export type HordeNoValidRequestFound = {
    /** Requests whose worker allow or deny list excluded this worker. */
    worker_id?: number;
    /** Requests that wanted a faster worker. */
    performance?: number;
    /** NSFW requests this worker does not take. */
    nsfw?: number;
    /** Requests with words this worker refuses. */
    blacklist?: number;
    /** Requests that wanted only trusted workers. */
    untrusted?: number;
    /** Requests for models this worker does not serve. */
    models?: number;
    /** Requests that need a newer worker bridge. */
    bridge_version?: number;
    /** Requests from users without the kudos this worker asks for up front. */
    kudos?: number;
    /** Requests whose `max_context_length` is above this worker's. */
    max_context_length?: number;
    /** Requests whose `max_length` is above this worker's. */
    max_length?: number;
    /** Requests for a softprompt this worker does not have. */
    matching_softprompt?: number;
    /** AIPG atomic batching (`params.n > amount`). Counted but stripped by the live server's marshalling. */
    batch_size?: number;
    /** Image requests larger (`width × height`) than this worker's `max_pixels`. */
    max_pixels?: number;
    /** Image requests with more steps than this worker allows (`limit_max_steps`). */
    step_count?: number;
    /** Requests from unsafe IPs, which this worker does not take (`allow_unsafe_ipaddr: false`). */
    unsafe_ip?: number;
    /** Image requests with a source image, which this worker does not take (`allow_img2img: false`). */
    img2img?: number;
    /** Inpainting/outpainting requests, which this worker does not take (`allow_painting: false`). */
    painting?: number;
    /** Requests with post-processing, which this worker does not take (`allow_post_processing: false`). */
    "post-processing"?: number;
    /** Requests with LoRAs, which this worker does not take (`allow_lora: false`). */
    lora?: number;
    /** ControlNet requests, which this worker does not take (`allow_controlnet: false`). */
    controlnet?: number;
};
/** A moderator message for the worker. */
export type HordeMessage = {
    /** The message id. */
    id?: string;
    /** The message text. */
    message?: string;
    /** Who sent it. */
    origin?: string;
    /** RFC 822 date. */
    expiry?: string;
};
/**
 * @example {
 *       "id": "0d9b6c1e-2f3a-4b5c-8d7e-9f0a1b2c3d4e",
 *       "generation": " Hello!",
 *       "state": "ok",
 *       "seed": 0
 *     }
 */
export type HordeTextSubmitRequest = {
    /**
     * The generation id from the pop.
     * Format: uuid
     */
    id: string;
    /** The generated text; send `""` for a faulted generation (the field is required even then). */
    generation: string;
    /**
     * `faulted` aborts the generation and re-queues it for another worker (reward 0, still 200). `censored` stores it
     * censored and the requester is not charged.
     * @default ok
     */
    state?: HordeGenerationState;
    /**
     * The seed the worker used.
     * @default 0
     */
    seed?: number;
    /** Notes about the generation (e.g. why it was censored), at most 50. */
    gen_metadata?: HordeGenMetadata[];
    /**
     * Mock grid: the worker's Ed25519 signature of `generation` (`ResultSignature`: over this `id`, the SHA-256 of
     * `generation`, `signed_at` and the worker's name), with the key of its pops' `public_key`. A signature that
     * does not verify is a strike, reward 0 (still 200) and the job is re-queued; a submit without one is paid only
     * while the grid allows unsigned results (the default). Not a Horde field. A `faulted` submit needs none.
     */
    worker_sig?: string | null;
    /** When `worker_sig` was made, in Unix milliseconds; required with `worker_sig` (part of the signed message). */
    signed_at?: number;
};
export type HordeSubmitResponse = {
    /** Kudos (den) earned. */
    reward: number;
};
/**
 * An image generation request. Processed asynchronously: poll `GET /generate/check/{id}` (cheap, 10/s), then fetch
 * the images once with `GET /generate/status/{id}` (10/min per id). Checks beyond the schema: an empty prompt → 400
 * `MissingPrompt`; a sampler no worker supports → 400 `UnsupportedSampler`; ControlNet with a Flux or Stable
 * Cascade model → 400 `ControlNetMismatch`; `source_mask` without an inpainting/outpainting `source_processing` →
 * 400 `SourceMaskUnnecessary`; a `source_image` that cannot be read as an image → 400 `ImageValidationFailed`;
 * more than one `extra_source_images` without a trusted account → 400 `RequiresTrust`; a video `media_type` or
 * mode with an image model → 400 `VideoModeWithImageModel`.
 * @example {
 *       "prompt": "a lighthouse at dusk, oil painting###blurry, text",
 *       "params": {
 *         "sampler_name": "k_euler_a",
 *         "cfg_scale": 7.5,
 *         "width": 512,
 *         "height": 512,
 *         "steps": 30,
 *         "n": 2,
 *         "seed": "42"
 *       },
 *       "models": [
 *         "stable_diffusion"
 *       ],
 *       "r2": true
 *     }
 */
export type HordeImageAsyncRequest = {
    /**
     * What to draw; an empty string → 400 `MissingPrompt`. Text after `###` is the negative prompt (the Horde convention: `a cat###blurry, text`); the
     * worker splits it.
     */
    prompt: string;
    /** Generation parameters; the server's defaults apply to what is left out. */
    params?: HordeImageParams;
    /**
     * Acceptable models; a worker serving any of them may take the request. When omitted the server uses
     * `["stable_diffusion"]`, which few AIPG workers serve: name the models. Matched case-insensitively.
     * @default [
     *       "stable_diffusion"
     *     ]
     */
    models?: string[];
    /**
     * A NSFW request goes only to workers with `nsfw: true`. The parser defaults to `true`; the swagger model says
     * `false`.
     * @default true
     */
    nsfw?: boolean;
    /**
     * With `nsfw: false`, workers are told to censor NSFW output (`use_nsfw_censor` in the pop payload). The parser
     * defaults to `true`; the swagger model says `false`.
     * @default true
     */
    censor_nsfw?: boolean;
    /**
     * `true` → only trusted workers.
     * @default false
     */
    trusted_workers?: boolean;
    /**
     * `true` → only workers whose bridge agent is a validated backend. The parser defaults to `false`.
     * @default false
     */
    validated_backends?: boolean;
    /**
     * `false` → only workers faster than 0.5 megapixel-steps per second, and kudos are required upfront.
     * @default true
     */
    slow_workers?: boolean;
    /**
     * `true` → also very slow workers, which are otherwise skipped.
     * @default false
     */
    extra_slow_workers?: boolean;
    /**
     * Worker ids to allow (or to exclude, with `worker_blacklist`). Only the first 5 are kept (`x-kept-items`); an
     * unknown id → 404 `WorkerNotFound`.
     * @default []
     */
    workers?: string[];
    /**
     * `true` → `workers` is a deny list.
     * @default false
     */
    worker_blacklist?: boolean;
    /**
     * The source picture for img2img, inpainting, outpainting and ControlNet. AIPG accepts an `http(s)` URL (the
     * server fetches it), a `data:image/…;base64,…` URI or raw base64; upstream AI Horde only base64 WebP. Only
     * workers that allow img2img (or painting, for the painting modes) get the request.
     */
    source_image?: string | null;
    /**
     * What to do with `source_image`. AIPG defaults to `txt2img` (upstream AI Horde to `img2img`), so a request
     * with a `source_image` but no `source_processing` ignores the picture on AIPG. The video modes are AIPG's.
     * @default txt2img
     */
    source_processing?: HordeSourceProcessing;
    /**
     * Inpainting/outpainting mask (same encodings as `source_image`); only with a painting `source_processing`
     * (else 400 `SourceMaskUnnecessary`).
     */
    source_mask?: string | null;
    /**
     * AIPG. What the request makes. Absent: `video` if any requested model is a video model, else `image`. On a
     * video model the image modes are mapped to video ones (`txt2img` → `txt2video`, `img2img` → `img2video`).
     */
    media_type?: HordeMediaType;
    /** Further source pictures for workflows that take several (at most 5; more than 1 needs trust). */
    extra_source_images?: HordeExtraSourceImage[];
    /**
     * `true` → workers upload to the object store and `generations[].img` is a download URL; `false` → `img` is
     * the base64 image (and only workers that can send base64 get the request).
     * @default true
     */
    r2?: boolean;
    /**
     * `true` → the images may be shared publicly (for datasets); the requester pays less.
     * @default false
     */
    shared?: boolean;
    /**
     * `true` → prompts that would be refused as unsafe are rewritten instead.
     * @default true
     */
    replacement_filter?: boolean;
    /**
     * `true` → only compute the kudos cost: 200 `HordeDryRunResponse`, nothing is queued.
     * @default false
     */
    dry_run?: boolean;
    /**
     * `true` → each image is handed out on its own (one per pop), so no worker needs `amount ≥ n`. With
     * `params.n > 1` it requires a trusted/patron account (400 `RequiresTrust`).
     * @default false
     */
    disable_batching?: boolean;
    /**
     * Lower the steps and size instead of failing with 403 `KudosUpfront` when the user lacks kudos.
     * @default false
     */
    allow_downgrade?: boolean;
    /** Service accounts only (else 400 `OnlyServiceAccountProxy`). */
    proxied_account?: string | null;
    /** Each finished image is POSTed here (3 tries, 3 s timeout). Must be `https://`. */
    webhook?: string | null;
    /** A stored style to apply to the request. */
    style?: string | null;
    /** AIPG. The requester's EVM wallet for gallery tracking. */
    wallet_id?: string | null;
    /** AIPG. Free-form tags stored with the request. */
    tags?: string[] | null;
};
/**
 * Image generation parameters. `width × height` must fit a worker's `max_pixels` for any worker to take the
 * request. The work is `width × height × steps` per image (megapixel-steps), which sets the price.
 */
export type HordeImageParams = {
    /**
     * The sampler.
     * @default k_euler_a
     */
    sampler_name?: HordeSampler;
    /**
     * How strictly the image follows the prompt (classifier-free guidance), 0–100.
     * @default 7.5
     */
    cfg_scale?: number;
    /**
     * img2img: how far the result may move away from `source_image` (0.01 barely, 1 ignores it).
     * @default 0.75
     */
    denoising_strength?: number;
    /**
     * The denoising strength of the second pass of `hires_fix`.
     * @default 0.65
     */
    hires_fix_denoising_strength?: number;
    /**
     * Image width in pixels, 64–3072, a multiple of 64.
     * @default 512
     */
    width?: number;
    /**
     * Image height in pixels, 64–3072, a multiple of 64.
     * @default 512
     */
    height?: number;
    /**
     * Sampling steps, 1–500. Workers that pop with `limit_max_steps` only take requests within their model's limit.
     * @default 30
     */
    steps?: number;
    /**
     * Images wanted, 1–20; each is its own generation with its own id and seed. AIPG batches atomically: a worker
     * gets all `n` at once and only if it popped with `amount ≥ n`, so `n > 1` starves behind workers that pop with
     * the default `amount: 1`. The mock grid instead splits the `n` images into jobs of at most the worker's
     * `amount`, so several workers share a request.
     * @default 1
     */
    n?: number;
    /**
     * The seed, as a **string**. A string of digits is the number itself; any other string is hashed to one.
     * Image `i` (0-based) of the request gets `seed + i × seed_variation`. Absent: every image gets a random seed.
     */
    seed?: string | null;
    /**
     * The step between the seeds of a request's images, when `seed` is set.
     * @default 1
     */
    seed_variation?: number;
    /**
     * Post-processors to run on each image, in order (face fixers, upscalers, background removal); only workers
     * that allow post-processing get the request.
     * @default []
     */
    post_processing?: HordePostProcessor[];
    /**
     * `true` → the Karras noise schedule.
     * @default false
     */
    karras?: boolean;
    /**
     * `true` → an image that tiles seamlessly.
     * @default false
     */
    tiling?: boolean;
    /**
     * `true` → draw small first, then upscale and refine (better large images).
     * @default false
     */
    hires_fix?: boolean;
    /**
     * How many of the text encoder's last layers to skip, 1–12.
     * @default 1
     */
    clip_skip?: number;
    /**
     * How strongly `GFPGAN` / `CodeFormers` fix faces, 0–1.
     * @default 0.75
     */
    facefixer_strength?: number;
    /**
     * ControlNet: guide the image by this kind of map of `source_image`. Only workers that allow ControlNet get
     * the request; Flux and Stable Cascade models refuse it (400 `ControlNetMismatch`).
     */
    control_type?: HordeControlType;
    /**
     * `true` → `source_image` already is the control map (it is not derived).
     * @default false
     */
    image_is_control?: boolean;
    /**
     * `true` → return the control map instead of the image.
     * @default false
     */
    return_control_map?: boolean;
    /** LoRAs to apply, at most 5; only workers that allow LoRAs get the request. */
    loras?: HordeLora[];
    /** Textual inversions (embeddings) to apply, at most 20. */
    tis?: HordeTextualInversion[];
    /** Free-form settings for special workflows (read by workers that know them). */
    special?: {
        [key: string]: unknown;
    };
    /**
     * A special workflow (`qr_code`: a scannable QR code made from `extra_texts`).
     * @enum {string|null}
     */
    workflow?: "qr_code" | null;
    /**
     * `true` → a transparent background (only workers with the layer-diffuse capability).
     * @default false
     */
    transparent?: boolean;
    /** Texts for workflows that take them (e.g. the QR code's content). */
    extra_texts?: HordeExtraText[];
};
/**
 * Image samplers, by the AI Horde's names (`k_…` are the k-diffusion samplers; `lcm` the latent-consistency
 * sampler for few-step models).
 * @enum {string}
 */
export type HordeSampler = "k_lms" | "k_heun" | "k_euler" | "k_euler_a" | "k_dpm_2" | "k_dpm_2_a" | "k_dpm_fast" | "k_dpm_adaptive" | "k_dpmpp_2s_a" | "k_dpmpp_2m" | "dpmsolver" | "k_dpmpp_sde" | "DDIM" | "lcm";
/**
 * Post-processors: face fixers (`GFPGAN`, `CodeFormers`), upscalers (`RealESRGAN_x4plus`, `RealESRGAN_x2plus`,
 * `RealESRGAN_x4plus_anime_6B`, `NMKD_Siax`, `4x_AnimeSharp`; the image grows by the factor) and
 * `strip_background`.
 * @enum {string}
 */
export type HordePostProcessor = "GFPGAN" | "RealESRGAN_x4plus" | "RealESRGAN_x2plus" | "RealESRGAN_x4plus_anime_6B" | "NMKD_Siax" | "4x_AnimeSharp" | "CodeFormers" | "strip_background";
/**
 * The kinds of ControlNet map.
 * @enum {string}
 */
export type HordeControlType = "canny" | "hed" | "depth" | "normal" | "openpose" | "seg" | "scribble" | "fakescribbles" | "hough";
/**
 * What to do with `source_image`: nothing (`txt2img`), use it as the start (`img2img`), paint inside or outside a
 * mask (`inpainting`, `outpainting`), remix it (`remix`), or, AIPG, make a video (`txt2video`, `img2video`).
 * @enum {string}
 */
export type HordeSourceProcessing = "txt2img" | "img2img" | "inpainting" | "outpainting" | "remix" | "txt2video" | "img2video";
/**
 * AIPG. What a request makes.
 * @enum {string}
 */
export type HordeMediaType = "image" | "video";
/** A LoRA to apply (by CivitAI name or id). */
export type HordeLora = {
    /** The LoRA's CivitAI name or id (a version id with `is_version`). */
    name: string;
    /**
     * How strongly it is applied to the model, −5 to 5.
     * @default 1
     */
    model?: number;
    /**
     * How strongly it is applied to the text encoder, −5 to 5.
     * @default 1
     */
    clip?: number;
    /** A trigger word to add to the prompt (`any` picks one of the LoRA's own at random). */
    inject_trigger?: string;
    /**
     * `true` → `name` is a CivitAI model-version id.
     * @default false
     */
    is_version?: boolean;
};
/** A textual inversion (embedding) to apply. */
export type HordeTextualInversion = {
    /** The embedding's CivitAI name or id. */
    name: string;
    /**
     * Add the embedding to the prompt or to the negative prompt (absent → the prompt names it itself).
     * @enum {string}
     */
    inject_ti?: "prompt" | "negprompt";
    /**
     * How strongly it is applied, −5 to 5.
     * @default 1
     */
    strength?: number;
};
/** A further source picture. */
export type HordeExtraSourceImage = {
    /** The picture (same encodings as `source_image`). */
    image: string;
    /**
     * How strongly it counts.
     * @default 1
     */
    strength?: number;
};
/** A text for a workflow that takes several. */
export type HordeExtraText = {
    /** The text. */
    text: string;
    /** Which input of the workflow it fills (e.g. `qr_code`). */
    reference: string;
};
/**
 * The state of an image request without its images (`GET /generate/check/{id}`): cheap to poll (10/s per id,
 * cached 1 s). Fetch the images once `done` is true, with `GET /generate/status/{id}`.
 * @example {
 *       "finished": 0,
 *       "processing": 2,
 *       "restarted": 0,
 *       "waiting": 0,
 *       "done": false,
 *       "faulted": false,
 *       "wait_time": 6,
 *       "queue_position": 0,
 *       "kudos": 0,
 *       "is_possible": true,
 *       "progress": {
 *         "progress_percent": 40,
 *         "current_step": 12,
 *         "total_steps": 30
 *       }
 *     }
 */
export type HordeImageCheck = {
    /** Images completed. */
    finished: number;
    /** Images in flight. */
    processing: number;
    /** Images that faulted (or failed the upload check) and were re-queued. */
    restarted: number;
    /** Images not yet given to a worker. */
    waiting: number;
    /** Faulted, or nothing left waiting and every image finished. */
    done: boolean;
    /** True after 3 faulted generations. */
    faulted: boolean;
    /** Estimated seconds until done. */
    wait_time: number;
    /** 1-based position in the queue. */
    queue_position: number;
    /** Kudos consumed so far. */
    kudos: number;
    /** Some active worker could serve it. */
    is_possible: boolean;
    /**
     * AIPG: how far the running generations are, from the workers' `hordeImageProgress` reports (and WebSocket
     * workers' `WsProgress`). The live server computes it but strips it from the body; the mock grid sends it.
     */
    progress?: HordeProgress;
};
/**
 * The state of an image request with its finished images (`GET` / `DELETE /generate/status/{id}`), rate limited
 * to 10/min per id: poll `check` instead and fetch this once. The `DELETE` cancels: images not yet given to a
 * worker are dropped, images in flight still finish (the mock grid tells its WebSocket workers to stop them).
 * AIPG deletes results about 60–65 min after they were popped.
 * @example {
 *       "finished": 1,
 *       "processing": 0,
 *       "restarted": 0,
 *       "waiting": 0,
 *       "done": true,
 *       "faulted": false,
 *       "wait_time": 0,
 *       "queue_position": 0,
 *       "kudos": 7.86,
 *       "is_possible": true,
 *       "shared": false,
 *       "generations": [
 *         {
 *           "img": "https://grid.example/objects/0d9b6c1e-2f3a-4b5c-8d7e-9f0a1b2c3d4e.webp?exp=1764223800&sig=3e1d4c",
 *           "seed": "42",
 *           "id": "0d9b6c1e-2f3a-4b5c-8d7e-9f0a1b2c3d4e",
 *           "censored": false,
 *           "gen_metadata": [],
 *           "worker_id": "1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b",
 *           "worker_name": "rig-02",
 *           "model": "stable_diffusion",
 *           "state": "ok"
 *         }
 *       ]
 *     }
 */
export type HordeImageStatus = HordeImageCheck & {
    /** The finished images so far. */
    generations: HordeImageGeneration[];
    /** Whether the request's images may be shared (`shared` of the request). */
    shared: boolean;
};
/**
 * One finished image. The live server also computes `tags`, `r2_download_url`, `file_size`, `progress` and
 * `media_type` per generation, but its response model strips them; they are not part of the API.
 */
export type HordeImageGeneration = {
    /**
     * With `r2: true` (the default) a signed download URL (valid 1800 s; the object's key is `{id}.webp` even when
     * the bytes are another type); with `r2: false` the image as base64.
     */
    img: string;
    /** The seed, as a **string** (text generations use an integer). */
    seed: string;
    /**
     * The generation id.
     * Format: uuid
     */
    id: string;
    /** `true` → the image was censored (replaced) by the worker. */
    censored: boolean;
    /** Notes the worker attached (e.g. why it was censored, a LoRA that failed to download). */
    gen_metadata?: HordeGenMetadata[];
    /**
     * The id of the worker that made it.
     * Format: uuid
     */
    worker_id: string;
    /** The name of the worker that made it. */
    worker_name: string;
    /** The model that made it. */
    model: string;
    /** The submitted state. The live server always reports `ok` here (a marshalling default). */
    state: HordeGenerationState;
};
/**
 * An image worker asking for a job. The first pop with a new `name` creates the worker; a worker that has not
 * popped for 300 s is offline. A request matches when its `width × height` fits `max_pixels`, one of its models
 * is served (case-insensitively), and the worker allows what it needs (img2img, painting, post-processing, LoRA,
 * ControlNet); each miss is counted in the response's `skipped`.
 * @example {
 *       "name": "rig-02",
 *       "models": [
 *         "stable_diffusion"
 *       ],
 *       "max_pixels": 1048576,
 *       "allow_img2img": true,
 *       "allow_painting": false,
 *       "allow_post_processing": true,
 *       "allow_lora": true,
 *       "amount": 4,
 *       "bridge_agent": "aipg-worker:0.1.0:https://github.com/aipg/grid-sdk"
 *     }
 */
export type HordeImagePopRequest = {
    /** Worker name (same rules as a text worker's); the name of a text worker → 400 `PolymorphicNameConflict`. */
    name: string;
    /** Models served (at most 200 are kept, `x-kept-items`). AIPG stores them lower-cased. */
    models: string[];
    /**
     * Largest `width × height` the worker makes (default 262144 = 512×512). comfy-bridge sends
     * `GRID_MAX_PIXELS`, 20971520 by default.
     * @default 262144
     */
    max_pixels?: number;
    /**
     * Words; requests whose prompt contains one are skipped (`skipped.blacklist`).
     * @default []
     */
    blacklist?: string[];
    /**
     * Whether the worker takes requests with a `source_image` (img2img, remix).
     * @default true
     */
    allow_img2img?: boolean;
    /**
     * Whether the worker takes inpainting and outpainting requests.
     * @default true
     */
    allow_painting?: boolean;
    /**
     * Whether the worker takes requests with `post_processing`.
     * @default true
     */
    allow_post_processing?: boolean;
    /**
     * Whether the worker takes ControlNet requests. The parser defaults to `false`; the swagger model says `true`.
     * @default false
     */
    allow_controlnet?: boolean;
    /**
     * Whether the worker takes ControlNet requests on SDXL models.
     * @default false
     */
    allow_sdxl_controlnet?: boolean;
    /**
     * Whether the worker takes requests with `loras` (it downloads them).
     * @default false
     */
    allow_lora?: boolean;
    /**
     * Whether the worker takes requests from IPs the server considers unsafe (VPNs, proxies).
     * @default true
     */
    allow_unsafe_ipaddr?: boolean;
    /**
     * `true` → only requests within the model's own step limit.
     * @default false
     */
    limit_max_steps?: boolean;
    /**
     * Users served first; each must be `alias#number` (else 400 `InvalidPriorityUsername`).
     * @default []
     */
    priority_usernames?: string[];
    /**
     * Whether the worker takes NSFW requests.
     * @default true
     */
    nsfw?: boolean;
    /**
     * Reported capacity only.
     * @default 1
     */
    threads?: number;
    /**
     * `name:version:url`. The server gates capabilities (`r2`, img2img, painting, …) by the bridge's name and
     * version; comfy-bridge therefore sends reGen's agent string.
     * @default unknown:0:unknown
     */
    bridge_agent?: string;
    /**
     * Sent by old workers; ignored.
     * @deprecated
     */
    bridge_version?: number;
    /**
     * `true` → only requests from users who have the kudos for them up front.
     * @default false
     */
    require_upfront_kudos?: boolean;
    /**
     * Most images the worker makes at once. AIPG hands out a request only to a worker with `amount ≥ n` (and then
     * all of it); the mock grid hands out up to `amount` images of a request and leaves the rest for other pops.
     * @default 1
     */
    amount?: number;
    /**
     * `true` → the worker is very slow and gets only requests that allow `extra_slow_workers`.
     * @default false
     */
    extra_slow_worker?: boolean;
    /** AIPG. Stored only if it is a 42-character `0x…` address. */
    wallet_address?: string | null;
};
/**
 * Always 200. No job → `id: null`, `ids: []` and `skipped` counts why requests were passed over; test `id`/`ids`,
 * not the status code. With a job, upload each image with a plain `PUT` of its bytes to its `r2_uploads` URL
 * (`r2_upload` is the first one), then submit `generation: "R2"` once per id; when a `PUT` fails, submit the
 * image as base64 instead.
 * @example {
 *       "id": "0d9b6c1e-2f3a-4b5c-8d7e-9f0a1b2c3d4e",
 *       "ids": [
 *         "0d9b6c1e-2f3a-4b5c-8d7e-9f0a1b2c3d4e",
 *         "7e4a2b9c-1d3f-4a5b-8c6d-0e1f2a3b4c5d"
 *       ],
 *       "payload": {
 *         "prompt": "a lighthouse at dusk, oil painting###blurry, text",
 *         "ddim_steps": 30,
 *         "seed": 42,
 *         "seeds": [
 *           42,
 *           43
 *         ],
 *         "batch_size": 2,
 *         "n_iter": 2,
 *         "sampler_name": "k_euler_a",
 *         "cfg_scale": 7.5,
 *         "width": 512,
 *         "height": 512,
 *         "karras": true
 *       },
 *       "model": "stable_diffusion",
 *       "ttl": 600,
 *       "source_processing": "txt2img",
 *       "media_type": "image",
 *       "r2_upload": "https://grid.example/objects/0d9b6c1e-2f3a-4b5c-8d7e-9f0a1b2c3d4e.webp?method=PUT&exp=1764223800&sig=9f2c",
 *       "r2_uploads": [
 *         "https://grid.example/objects/0d9b6c1e-2f3a-4b5c-8d7e-9f0a1b2c3d4e.webp?method=PUT&exp=1764223800&sig=9f2c",
 *         "https://grid.example/objects/7e4a2b9c-1d3f-4a5b-8c6d-0e1f2a3b4c5d.webp?method=PUT&exp=1764223800&sig=41ab"
 *       ],
 *       "skipped": {},
 *       "messages": []
 *     }
 */
export type HordeImagePopResponse = {
    /**
     * The first generation id (`ids[0]`), or `null` when there is no job.
     * Format: uuid
     */
    id: string | null;
    /** One generation id per image of the job, in `payload.seeds` order; empty when there is no job. */
    ids: string[];
    /** The job, or an empty object `{}` when there is no job (as for text). */
    payload?: HordeImagePopPayload | Record<string, never>;
    /** The model to use (AIPG returns it lower-cased). */
    model?: string | null;
    /**
     * Seconds before the job counts as stale and is re-queued (AIPG: 600 for images, 7200 for video; upstream
     * `30 + 2 × steps × megapixels`, at least 150).
     */
    ttl?: number | null;
    /** The source picture: a download URL when the bridge can fetch one (`r2_source`), else base64 WebP. */
    source_image?: string | null;
    /** What to do with `source_image` (`txt2img` when there is none). */
    source_processing?: HordeSourceProcessing;
    /** The painting mask, like `source_image`. */
    source_mask?: string | null;
    /** AIPG. Whether the job makes images or a video. */
    media_type?: HordeMediaType;
    /** Further source pictures, only for bridges that can use them. */
    extra_source_images?: HordeExtraSourceImage[];
    /**
     * Signed `PUT` URL for the first image (`ids[0]`), valid 1800 s. A `PUT` after it expires, or to a changed
     * URL, is refused with 403 (mock grid). The `Content-Type` header may be left out (reGen sends none) or be
     * the image's type.
     * Format: uri
     */
    r2_upload?: string | null;
    /**
     * AIPG. One signed `PUT` URL per id, in `ids` order (`r2_uploads[0]` is `r2_upload`), each valid 1800 s.
     * On submit the grid checks that the object exists, that its bytes are a WebP, PNG or JPEG image by their
     * magic bytes (of the `Content-Type` the `PUT` declared, when it declared one) and, when the submit carries
     * `sha256`, that they match it; otherwise the generation fails (re-queued, the worker earns nothing).
     */
    r2_uploads?: string[];
    /** When there is no job: how many queued requests were passed over, per reason. */
    skipped: HordeNoValidRequestFound;
    /** Moderator messages for this worker. */
    messages?: HordeMessage[];
};
/**
 * The job for the worker: the request's `params` in the worker's terms, one seed per image. The negative prompt is
 * the part of `prompt` after `###`.
 */
export type HordeImagePopPayload = {
    /** The prompt; text after `###` is the negative prompt. */
    prompt: string;
    /** Sampling steps (the request's `steps`). */
    ddim_steps: number;
    /** The first image's seed (an integer here, a string on the status). */
    seed: number;
    /** AIPG. One seed per image, in `ids` order (workers fill in random ones when it is absent or short). */
    seeds?: number[];
    /** AIPG. How many images this job makes (the length of `ids`). */
    batch_size?: number;
    /** Equal to `batch_size`. */
    n_iter?: number;
    /** The sampler. */
    sampler_name: HordeSampler;
    /** Classifier-free guidance scale. */
    cfg_scale: number;
    /** Image width in pixels. */
    width: number;
    /** Image height in pixels. */
    height: number;
    /**
     * `true` → the Karras noise schedule (the pop payload defaults it to `true`).
     * @default true
     */
    karras?: boolean;
    /** `true` → censor NSFW output (the request was not NSFW and asked for censoring). */
    use_nsfw_censor?: boolean;
    /** img2img: how far the result may move away from the source. */
    denoising_strength?: number;
    /** `true` → draw small first, then upscale and refine. */
    hires_fix?: boolean;
    /** The denoising strength of the hires-fix pass. */
    hires_fix_denoising_strength?: number;
    /** Text-encoder layers to skip. */
    clip_skip?: number;
    /** `true` → a seamlessly tiling image. */
    tiling?: boolean;
    /** Face-fixer strength. */
    facefixer_strength?: number;
    /** Post-processors to run, in order. */
    post_processing?: HordePostProcessor[];
    /** ControlNet map kind. */
    control_type?: HordeControlType;
    /** `true` → the source image is the control map. */
    image_is_control?: boolean;
    /** `true` → return the control map instead of the image. */
    return_control_map?: boolean;
    /** LoRAs to apply. */
    loras?: HordeLora[];
    /** Textual inversions to apply. */
    tis?: HordeTextualInversion[];
    /** Special-workflow settings. */
    special?: {
        [key: string]: unknown;
    };
    /**
     * A special workflow.
     * @enum {string|null}
     */
    workflow?: "qr_code" | null;
    /** `true` → a transparent background. */
    transparent?: boolean;
    /** Texts for workflows that take them. */
    extra_texts?: HordeExtraText[];
};
/**
 * Delivers one image of a popped job (one submit per id). Upload first, then send `generation: "R2"`; or send the
 * image itself as base64 (the fallback when the upload failed; the server stores it). `state: faulted` (with
 * `generation: ""`) re-queues the image for another worker.
 * @example {
 *       "id": "0d9b6c1e-2f3a-4b5c-8d7e-9f0a1b2c3d4e",
 *       "generation": "R2",
 *       "state": "ok",
 *       "seed": 42,
 *       "sha256": "9b74c9897bac770ffc029102a200c5de3fbdd1a25e0d3ac8e4f2d0f6c9b5f5a1"
 *     }
 */
export type HordeImageSubmitRequest = {
    /**
     * One generation id from the pop's `ids`.
     * Format: uuid
     */
    id: string;
    /**
     * `R2` when the image was uploaded to its `r2_uploads` URL; otherwise the image bytes as base64 (WebP, PNG or
     * JPEG); `""` with `state: faulted`. The grid checks the image either way (see `HordeImagePopResponse.r2_uploads`):
     * one that is missing, not an image, or not matching `sha256` fails the generation (re-queued, reward 0, still
     * 200), as a faulted submit does.
     */
    generation: string;
    /**
     * `faulted` aborts the generation and re-queues it (reward 0, still 200). `censored` stores it censored and
     * the requester is not charged.
     * @default ok
     */
    state?: HordeGenerationState;
    /** The seed the image was made with (required by the server's model). */
    seed: number;
    /**
     * `true` → the worker censored the image.
     * @default false
     */
    censored?: boolean;
    /** Notes about the image (`{type: censorship, value: csam}` marks it censored), at most 50. */
    gen_metadata?: HordeGenMetadata[];
    /** AIPG (comfy-bridge sends it). Whether the upload is an image or a video. */
    media_type?: HordeMediaType;
    /** AIPG. Tags stored with the generation. */
    tags?: string[];
    /** AIPG. Where the worker uploaded the file, if not to its `r2_uploads` URL (stored, not served). */
    r2_download_url?: string | null;
    /** AIPG. The uploaded file's size in bytes. */
    file_size?: number | null;
    /**
     * Mock grid: the lowercase hex SHA-256 of the image bytes; when it is sent, the stored object must match it.
     * Not a Horde field (reGen and comfy-bridge do not send it).
     */
    sha256?: string;
};
/**
 * AIPG. A worker's progress report for a running image generation (about every 2 s).
 * @example {
 *       "id": "0d9b6c1e-2f3a-4b5c-8d7e-9f0a1b2c3d4e",
 *       "current_step": 12,
 *       "total_steps": 30
 *     }
 */
export type HordeImageProgressRequest = {
    /**
     * The generation id (any of the job's `ids`; the report counts for every image of the job).
     * Format: uuid
     */
    id: string;
    /** The step the worker has reached. */
    current_step: number;
    /** The steps the generation takes in all. */
    total_steps: number;
};
export type HordeHeartbeat = {
    /**
     * `OK`, or `DOWN` / `OVERLOADED` when the server is unwell.
     * @enum {string}
     */
    message: "OK" | "DOWN" | "OVERLOADED";
    /**
     * The Horde server version.
     * @example 4.46.3
     */
    version: string;
    /** Requests waiting in the server's queue. */
    queue?: number;
    /** Server threads. */
    threads?: number;
    /** Server threads busy right now. */
    active_count?: number;
    /** Whether the server reaches its database. */
    db_connection?: boolean;
};
export type HordePerformance = {
    /** Image requests waiting. */
    queued_requests?: number;
    /** Text requests waiting. */
    queued_text_requests?: number;
    /** Image workers online. */
    worker_count?: number;
    /** Text workers online. */
    text_worker_count?: number;
    /** Threads of the image workers online. */
    thread_count?: number;
    /** Threads of the text workers online. */
    text_thread_count?: number;
    /** Image work waiting, in megapixel-steps. */
    queued_megapixelsteps?: number;
    /** Image work done in the past minute, in megapixel-steps. */
    past_minute_megapixelsteps?: number;
    /** Interrogation (alchemy) forms waiting. */
    queued_forms?: number;
    /** Interrogation workers online. */
    interrogator_count?: number;
    /** Threads of the interrogation workers online. */
    interrogator_thread_count?: number;
    /** Text work waiting, in tokens. */
    queued_tokens?: number;
    /** Tokens generated in the past minute. */
    past_minute_tokens?: number;
};
export type HordeActiveModel = {
    /** The model name. */
    name: string;
    /** Workers serving it. */
    count: number;
    /** Average speed of the workers serving it (tokens per second for text, megapixel-steps per second for images; the mock grid reports 0 for image models). */
    performance?: number;
    /** Work waiting for it (tokens for text, megapixel-steps for images; the mock grid reports 0 for image models). */
    queued?: number;
    /** Requests waiting for it. */
    jobs?: number;
    /** Estimated seconds to clear its queue (the mock grid reports 0 for image models). */
    eta?: number;
    /**
     * What the model generates.
     * @enum {string}
     */
    type: "image" | "text";
};
export type HordeWorkerDetails = {
    /**
     * What the worker generates.
     * @enum {string}
     */
    type: "image" | "text" | "interrogation";
    /** The worker's name. */
    name: string;
    /**
     * The worker's id.
     * Format: uuid
     */
    id: string;
    /** Checked in within the last 300 s. */
    online?: boolean;
    /** Generations it has delivered. */
    requests_fulfilled?: number;
    /** Kudos it has earned. */
    kudos_rewards?: number;
    /** Its kudos, by where they came from. */
    kudos_details?: {
        /** Kudos for generations. */
        generated?: number;
        /** Kudos for staying online. */
        uptime?: number;
    };
    /**
     * Its average speed, in words (e.g. `12.3 tokens per second`).
     * @example 12.3 tokens per second
     */
    performance?: string;
    /** How many jobs it runs at once. */
    threads?: number;
    /** Seconds it has been online in all. */
    uptime?: number;
    /** Whether it is in maintenance (it gets no jobs). */
    maintenance_mode?: boolean;
    /** Whether a moderator paused it (it gets no jobs). */
    paused?: boolean;
    /** The owner's description of the worker. */
    info?: string | null;
    /** Whether it takes NSFW requests. */
    nsfw?: boolean;
    /** Shown to the owner and moderators. */
    owner?: string | null;
    /** Whether its owner is trusted. */
    trusted?: boolean;
    /** Whether moderators flagged it. */
    flagged?: boolean;
    /** Jobs it popped and never delivered. */
    uncompleted_jobs?: number;
    /** The models it serves. */
    models?: string[];
    /** The interrogation forms it serves (interrogation workers). */
    forms?: string[];
    /** The team it belongs to. */
    team?: {
        /** The team's name. */
        name?: string | null;
        /** The team's id. */
        id?: string | null;
    };
    /** The worker software, as `name:version:url`. */
    bridge_agent?: string;
    /** AIPG. */
    wallet_address?: string | null;
    /** Largest image it makes, in pixels (image workers). */
    max_pixels?: number;
    /** Image work it has done, in megapixel-steps. */
    megapixelsteps_generated?: number;
    /** Whether it does image-to-image (image workers). */
    img2img?: boolean;
    /** Whether it does inpainting (image workers). */
    painting?: boolean;
    /** Whether it does post-processing (image workers). */
    "post-processing"?: boolean;
    /** Whether it loads LoRAs (image workers). */
    lora?: boolean;
    /** Whether it does ControlNet (image workers). */
    controlnet?: boolean;
    /** Whether it does SDXL ControlNet (image workers). */
    sdxl_controlnet?: boolean;
    /** Largest `max_length` it accepts (text workers). */
    max_length?: number;
    /** Largest `max_context_length` it accepts (text workers). */
    max_context_length?: number;
    /** Tokens it has generated (text workers). */
    tokens_generated?: number;
    /** Moderator messages for it (shown to its owner). */
    messages?: HordeMessage[];
    /** Mock grid, where the worker says it runs. */
    region?: string | null;
    /** Mock grid, its reputation (`WorkerSummary.reputation`). */
    reputation?: number;
    /** Mock grid, its probes and canaries (`WorkerSummary.verification`). */
    verification?: WorkerVerification;
};
/** The user the sent key belongs to. A shared key returns its owner with " (Shared Key: name)" appended to `username`. */
export type HordeUserDetails = {
    /** `alias#id`. */
    username: string;
    /** The user's numeric id (the part after `#`). */
    id: number;
    /** The user's kudos balance. */
    kudos: number;
    /** Kudos held while the user's new workers are being evaluated. */
    evaluating_kudos?: number;
    /** How many requests the user may have waiting at once. */
    concurrency?: number;
    /** How many workers the user was invited to run. */
    worker_invited?: number;
    /** Whether the user is a moderator. */
    moderator?: boolean;
    /** The user's kudos, by where they came from. */
    kudos_details?: {
        /** Earned by the user's workers, less what was spent. */
        accumulated?: number;
        /** Given to other users. */
        gifted?: number;
        /** Donated. */
        donated?: number;
        /** Granted by admins. */
        admin?: number;
        /** Received from other users. */
        received?: number;
        /** From recurring grants (e.g. patrons). */
        recurring?: number;
        /** Awarded (e.g. for ratings). */
        awarded?: number;
        /** Earned when others used the user's styles. */
        styled?: number;
    };
    /** How many workers the user runs. */
    worker_count?: number;
    /** The ids of the user's workers. */
    worker_ids?: string[];
    /** The ids of the user's shared keys. */
    sharedkey_ids?: string[];
    /** The user's requests in progress, by kind. */
    active_generations?: {
        /** Ids of text requests in progress. */
        text?: string[];
        /** Ids of image requests in progress. */
        image?: string[];
        /** Ids of interrogation requests in progress. */
        alchemy?: string[];
    };
    /** The user's monthly kudos grant (amount and last date). */
    monthly_kudos?: {
        [key: string]: unknown;
    };
    /** Whether the user is trusted. */
    trusted?: boolean;
    /** Whether moderators flagged the user. */
    flagged?: boolean;
    /** Whether the user may connect through a VPN. */
    vpn?: boolean;
    /** Whether the account is a service account (may proxy for others). */
    service?: boolean;
    /** Whether the account is an education account. */
    education?: boolean;
    /** Whether the user may use custom models. */
    customizer?: boolean;
    /** Whether the account has special privileges. */
    special?: boolean;
    /** How suspicious the account looks to the server (0 = not). */
    suspicious?: number;
    /** Whether the account has no linked login (only a key). */
    pseudonymous?: boolean;
    /** The user's contact details (shown to the user and moderators). */
    contact?: string | null;
    /** A moderator's note on the account. */
    admin_comment?: string | null;
    /** Seconds since the account was created. */
    account_age?: number;
    /** What the user's requests consumed, by kind. */
    usage?: {
        [key: string]: unknown;
    };
    /** What the user's workers produced, by kind. */
    contributions?: {
        [key: string]: unknown;
    };
    /** Counts of requests and contributions, by kind. */
    records?: {
        [key: string]: unknown;
    };
    /** The styles the user stored. */
    styles?: {
        [key: string]: unknown;
    }[];
};
/**
 * A piece of the Horde's news (`hordeNews`).
 * @example {
 *       "date_published": "2026-07-24",
 *       "newspiece": "The legacy /api/v2 API has been retired. Use the /v1 API.",
 *       "importance": "Information"
 *     }
 */
export type HordeNewspiece = {
    /** The day it was published, `YYYY-MM-DD`. */
    date_published: string;
    /** The news itself. */
    newspiece: string;
    /** How much it matters (`Information`, `Workers`, `Crisis`, …). */
    importance: string;
    /** Its topics. */
    tags?: string[];
    /** Its title. */
    title?: string;
    /** Where to read more. */
    more_info_urls?: string[];
};
/**
 * The Horde's modes (`hordeModes`). `raid_mode` is shown to moderators only.
 * @example {
 *       "maintenance_mode": false,
 *       "invite_only_mode": false
 *     }
 */
export type HordeModes = {
    /** The Horde takes no new requests and finishes the queued ones. */
    maintenance_mode: boolean;
    /** Only invited workers may join. */
    invite_only_mode: boolean;
    /** The Horde hides some details to throw off attackers (moderators only). */
    raid_mode?: boolean;
};
/**
 * Text generations in one period (`HordeTextStatsTotals`).
 * @example {
 *       "requests": 2,
 *       "tokens": 96
 *     }
 */
export type HordeTextStatsPeriod = {
    /** Text generations finished in the period. */
    requests: number;
    /** Their tokens (the Horde: the requested `max_length`; the mock grid: the tokens it counted). */
    tokens: number;
};
/**
 * Text generations per period (`hordeTextStatsTotals`).
 * @example {
 *       "minute": {
 *         "requests": 2,
 *         "tokens": 96
 *       },
 *       "hour": {
 *         "requests": 40,
 *         "tokens": 2210
 *       },
 *       "day": {
 *         "requests": 410,
 *         "tokens": 23100
 *       },
 *       "month": {
 *         "requests": 9800,
 *         "tokens": 561000
 *       },
 *       "total": {
 *         "requests": 12000,
 *         "tokens": 690000
 *       }
 *     }
 */
export type HordeTextStatsTotals = {
    /** The past minute. */
    minute: HordeTextStatsPeriod;
    /** The past hour. */
    hour: HordeTextStatsPeriod;
    /** The past day. */
    day: HordeTextStatsPeriod;
    /** The past 30 days. */
    month: HordeTextStatsPeriod;
    /** All time. */
    total: HordeTextStatsPeriod;
};
/**
 * Text generations per model and period (`hordeTextStatsModels`); each map is model name → count.
 * @example {
 *       "day": {
 *         "koboldcpp/llama-3.1-8b-instruct": 120
 *       },
 *       "month": {
 *         "koboldcpp/llama-3.1-8b-instruct": 3400
 *       },
 *       "total": {
 *         "koboldcpp/llama-3.1-8b-instruct": 5100
 *       }
 *     }
 */
export type HordeTextModelStats = {
    /** Generations per model in the past day. */
    day: {
        [key: string]: number;
    };
    /** Generations per model in the past 30 days. */
    month: {
        [key: string]: number;
    };
    /** Generations per model in all. */
    total: {
        [key: string]: number;
    };
};
/**
 * A Horde error. The HTTP status is the one of the error's class (see `HordeRc`).
 * @example {
 *       "message": "No user matching sent API Key.",
 *       "rc": "InvalidAPIKey"
 *     }
 */
export type HordeError = {
    /** The error, in words. */
    message: string;
    /** The return code: which error this is (see `HordeRc`). */
    rc: HordeRc;
};
/**
 * Horde return codes. Status by code: 400 `BadRequest` and most validation codes; 401 `InvalidAPIKey`; 403
 * `WrongCredentials`, `KudosUpfront`, `SharedKey*`, `AnonForbidden*`, `WorkerMaintenance`, `WorkerFlaggedMaintenance`,
 * `TimeoutIP`, `UnsafeIP`, `TooManyNewIPs`, `TooManySameIPs`, `WorkerInviteOnly`, `NotModerator`, `NotPrivileged`,
 * `Forbidden`, …; 404 `RequestNotFound`, `InvalidJobID`, `WorkerNotFound`, `UserNotFound`, `ThingNotFound`, …; 410
 * `RequestExpired`; 423 `Locked`; 429 `TooManyPrompts`; 503 `MaintenanceMode` (the grid is shutting down). `InvalidExtraSourceImages.` really ends with a dot (on AIPG and on the AI Horde alike), so it is listed once, with
 * the dot. A client should treat an `rc` it does not know as a plain string: servers add codes over time.
 * @enum {string}
 */
export type HordeRc = "BadRequest" | "MissingPrompt" | "CorruptPrompt" | "TokenOverflow" | "TooManyStopSequences" | "ExcessiveStopSequence" | "MissingFullSamplerOrder" | "InvalidPriorityUsername" | "PolymorphicNameConflict" | "ProfaneWorkerName" | "DuplicateGen" | "AbortedGen" | "NoValidWorkers" | "MaintenanceMode" | "KudosValidationError" | "KudosTransferToSelf" | "KudosTransferNotEnough" | "KudosTransferToAnon" | "KudosTransferFromAnon" | "NegativeKudosTransfer" | "TooFastKudosTransfers" | "TargetAccountFlagged" | "SourceAccountFlagged" | "FaultWhenKudosReceiving" | "FaultWhenKudosSending" | "EducationCannotSendKudos" | "UnsupportedModel" | "UnsupportedSampler" | "ControlNetMismatch" | "SourceMaskUnnecessary" | "ImageValidationFailed" | "VideoModeWithImageModel" | "InvalidExtraSourceImages." | "TooManyExtraSourceImages" | "OnlyServiceAccountProxy" | "RequiresTrust" | "NoValidActions" | "InvalidSize" | "InvalidPromptSize" | "TooManySteps" | "Profanity" | "ProfaneBridgeAgent" | "ProfaneWorkerInfo" | "TooLong" | "TooLongWorkerName" | "NameAlreadyExists" | "WorkerNameAlreadyExists" | "BadClientAgent" | "InvalidAPIKey" | "WrongCredentials" | "KudosUpfront" | "SharedKeyEmpty" | "SharedKeyExpired" | "SharedKeyInsufficientKudos" | "AnonForbidden" | "AnonForbiddenWorker" | "NotTrusted" | "NotOwner" | "NotAdmin" | "WorkerMaintenance" | "WorkerFlaggedMaintenance" | "TimeoutIP" | "UnsafeIP" | "UntrustedUnsafeIP" | "TooManyNewIPs" | "TooManySameIPs" | "WorkerInviteOnly" | "NotModerator" | "NotPrivileged" | "Forbidden" | "RequestNotFound" | "InvalidJobID" | "WorkerNotFound" | "UserNotFound" | "ThingNotFound" | "RequestExpired" | "Locked" | "TooManyPrompts";
/**
 * 400 from request-body validation (flask-restx), before any Horde check runs.
 * @example {
 *       "message": "Input payload validation failed",
 *       "errors": {
 *         "params.max_length": "4096 is greater than the maximum of 2048"
 *       }
 *     }
 */
export type HordeValidationError = {
    /**
     * The summary, `Input payload validation failed` (the flask-restx wording); `errors` has the detail.
     * @example Input payload validation failed
     */
    message: string;
    /** Field path → reason. */
    errors: {
        [key: string]: string;
    };
};
/**
 * 429 from the rate limiter (no `rc`). `Retry-After` and `X-RateLimit-*` headers are set.
 * @example {
 *       "message": "2 per 1 second"
 *     }
 */
export type HordeRateLimitError = {
    /** The limit that was hit (e.g. `2 per 1 second`). */
    message: string;
};
/**
 * The live AIPG grid's answer to every `/api/v2/*` (and `/v2/*`) path since 2026-07-24: the legacy API is retired.
 * @example {
 *       "status": "gone",
 *       "message": "The legacy /api/v2 API has been retired. Use https://api.aipowergrid.io/v1."
 *     }
 */
export type HordeGone = {
    /**
     * Always `gone`.
     * @constant
     */
    status: "gone";
    /** Where to go instead (the `/v1` API). */
    message: string;
};
/**
 * One server-sent event of a streamed completion (`stream: true`), as an event-stream parser hands it over. The
 * grid sends only `data:` lines, one per event, so `data` is the whole payload: a `ChatCompletionChunk` as JSON, a
 * `StreamErrorChunk` as JSON (a failure after the stream started, when the HTTP status is already 200), or the
 * literal `[DONE]`, always the last event. The JSON payloads are described with JSON Schema's `contentMediaType` /
 * `contentSchema`, so a checker that reads them validates each event; code generators see a string.
 * @example {
 *       "data": "{\"id\":\"chatcmpl-3f1c2a9b8e7d4c6a\",\"object\":\"chat.completion.chunk\",\"created\":1764222000,\"model\":\"llama-3.1-8b-instruct\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello!\"},\"finish_reason\":null}]}"
 *     }
 * @example {
 *       "data": "[DONE]"
 *     }
 */
export type ChatCompletionStreamEvent = {
    /** The event's payload. */
    data: "[DONE]" | string;
    /**
     * Never sent, so a parser reports the default event type `message`.
     * @constant
     */
    event?: "message";
};
/**
 * Mock grid: what the grid's own checks made of the worker (docs/mock-grid-core.md "Verification"); null when the
 * grid does not verify workers (the default; `--verify` turns it on) or for an image worker. A probe before its
 * first job, and canaries now and then, ask it to repeat a few words; it cannot tell them from clients' jobs.
 */
export type WorkerVerification = {
    /**
     * `pending`: it has not passed a probe yet and gets no job but its probe. `verified`: it passed one and takes
     * jobs. `failed`: its last probe was wrong or too slow; it gets no job until a later probe (`next_probe_at`)
     * passes.
     * @enum {string}
     */
    state: "pending" | "verified" | "failed";
    /** Unix seconds when the next probe is due after a failed one (sent once the worker is online), else null. */
    next_probe_at: number | null;
    /** Probes failed in a row; the wait before the next one doubles with each. */
    probes_failed: number;
    /** Why its last failed probe or canary failed (wrong answer, too slow, an error), else null. */
    last_failure: string | null;
    /** What its last passed probe or canary measured, null before one passed. */
    benchmark: {
        /** Decode speed, tokens per second after the first token (null when it could not be measured). */
        tokens_per_s: number | null;
        /** Time to first token, seconds (null when the worker did not stream). */
        ttft: number | null;
    } | null;
    /** The canaries it answered since it registered first. */
    canaries: {
        /** Answered right and in time. */
        passed: number;
        /** Each failed canary lowers its reputation. */
        failed: number;
    };
} | null;
/**
 * An HTTP-level refusal raised before the Horde's own checks (flask's `{message}` body, no `rc`), e.g. 415 for a
 * body that is not JSON.
 * @example {
 *       "message": "Unsupported Media Type: the body must be application/json (got text/plain)."
 *     }
 */
export type HordeHttpError = {
    /** The reason, in words. */
    message: string;
};
export type $defs = Record<string, never>;
export interface operations {
    createChatCompletion: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": ChatCompletionRequest;
            };
        };
        responses: {
            /**
             * The completion (JSON), or its event stream when `stream` is true; with `dry_run: true`, a `ChatQuote`. `text/event-stream` is described one event
             * at a time (`ChatCompletionStreamEvent`). A whole stream looks like this:
             *
             *     ```text
             *     data: {"id":"chatcmpl-3f1c2a9b8e7d4c6a","object":"chat.completion.chunk","created":1764222000,"model":"llama-3.1-8b-instruct","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}
             *
             *     data: {"id":"chatcmpl-3f1c2a9b8e7d4c6a","object":"chat.completion.chunk","created":1764222000,"model":"llama-3.1-8b-instruct","choices":[{"index":0,"delta":{"content":"Hello!"},"finish_reason":null}]}
             *
             *     data: {"id":"chatcmpl-3f1c2a9b8e7d4c6a","object":"chat.completion.chunk","created":1764222000,"model":"llama-3.1-8b-instruct","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}
             *
             *     data: {"id":"chatcmpl-3f1c2a9b8e7d4c6a","object":"chat.completion.chunk","created":1764222000,"model":"llama-3.1-8b-instruct","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15},"grid":{"worker":"rig-01","gen_time":0.21,"ttft":0.18,"tokens_per_s":61.3,"seed":42}}
             *
             *     data: [DONE]
             *     ```
             */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "chatcmpl-3f1c2a9b8e7d4c6a",
                     *       "object": "chat.completion",
                     *       "created": 1764222000,
                     *       "model": "llama-3.1-8b-instruct",
                     *       "choices": [
                     *         {
                     *           "index": 0,
                     *           "message": {
                     *             "role": "assistant",
                     *             "content": "Hello!"
                     *           },
                     *           "finish_reason": "stop"
                     *         }
                     *       ],
                     *       "usage": {
                     *         "prompt_tokens": 12,
                     *         "completion_tokens": 3,
                     *         "total_tokens": 15
                     *       },
                     *       "grid": {
                     *         "worker": "rig-01",
                     *         "gen_time": 0.21,
                     *         "ttft": 0.18,
                     *         "tokens_per_s": 61.3,
                     *         "seed": 4815162342,
                     *         "routing": {
                     *           "requested": "auto",
                     *           "resolved": "llama-3.1-8b-instruct"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": ChatCompletion | ChatQuote;
                    /**
                     * @example {
                     *       "data": "{\"id\":\"chatcmpl-3f1c2a9b8e7d4c6a\",\"object\":\"chat.completion.chunk\",\"created\":1764222000,\"model\":\"llama-3.1-8b-instruct\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}"
                     *     }
                     */
                    "text/event-stream": ChatCompletionStreamEvent;
                };
            };
            400: components["responses"]["V1BadRequest"];
            401: components["responses"]["V1Unauthorized"];
            402: components["responses"]["V1PaymentRequired"];
            403: components["responses"]["V1Forbidden"];
            404: components["responses"]["V1ModelNotFound"];
            408: components["responses"]["V1RequestTimeout"];
            413: components["responses"]["V1PayloadTooLarge"];
            415: components["responses"]["V1UnsupportedMediaType"];
            422: components["responses"]["V1ValidationError"];
            429: components["responses"]["V1RateLimited"];
            /** Unexpected server error (details are logged, never returned). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "detail": "Internal error while processing the request."
                     *     }
                     */
                    "application/json": ErrorDetail;
                };
            };
            /**
             * The worker failed (non-streamed requests only; a stream reports it as a `StreamErrorChunk`). A 503 instead
             * means every worker of the model went away after the request was accepted: a queued request is answered
             * within 75 s of that (the mock's `noWorkerTimeoutMs`, 60 s, checked every 15 s).
             */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "detail": "Worker failed to produce output."
                     *     }
                     */
                    "application/json": ErrorDetail;
                };
            };
            503: components["responses"]["V1Unavailable"];
        };
    };
    createImage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": ImageGenerationRequest;
            };
        };
        responses: {
            /** The images, in request order; with `dry_run: true`, an `ImageQuote` (nothing queued or charged). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "created": 1764222000,
                     *       "data": [
                     *         {
                     *           "b64_json": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==",
                     *           "revised_prompt": "a lighthouse at dusk, oil painting",
                     *           "seed": 42,
                     *           "worker": "rig-02"
                     *         }
                     *       ],
                     *       "output_format": "png",
                     *       "size": "1024x1024",
                     *       "grid": {
                     *         "model": "FLUX.2 [klein]",
                     *         "gen_time": 2.1,
                     *         "steps": 4,
                     *         "den": 33.55
                     *       }
                     *     }
                     */
                    "application/json": ImagesResponse | ImageQuote;
                };
            };
            400: components["responses"]["V1BadRequest"];
            401: components["responses"]["V1Unauthorized"];
            402: components["responses"]["V1PaymentRequired"];
            403: components["responses"]["V1Forbidden"];
            404: components["responses"]["V1ModelNotFound"];
            408: components["responses"]["V1RequestTimeout"];
            /** The source `image` is larger than 12 MB decoded. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "detail": "image too large (max 12582912 bytes)"
                     *     }
                     */
                    "application/json": ErrorDetail;
                };
            };
            415: components["responses"]["V1UnsupportedMediaType"];
            /**
             * The body does not match `ImageGenerationRequest` (FastAPI validation; `detail` is a list naming the field,
             * e.g. `["body", "size"]`, and the allowed range), or the model does not support a parameter that was sent
             * (e.g. `strength`).
             */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "detail": [
                     *         {
                     *           "type": "value_error",
                     *           "loc": [
                     *             "body",
                     *             "size"
                     *           ],
                     *           "msg": "Value error, size must be WIDTHxHEIGHT with each side 256-1536 and a multiple of 64",
                     *           "input": "2000x2000"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": ErrorDetail;
                };
            };
            429: components["responses"]["V1RateLimited"];
            /** Every worker that tried failed (or its outputs failed verification) and no retry is left. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "detail": "Worker output verification failed."
                     *     }
                     */
                    "application/json": ErrorDetail;
                };
            };
            /**
             * No image worker is online at all, or the grid is shutting down (then `Retry-After` is set and nothing was
             * queued).
             */
            503: {
                headers: {
                    /** Seconds to wait (a shutdown only). */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "detail": "No image workers are currently online."
                     *     }
                     */
                    "application/json": ErrorDetail;
                };
            };
            /** The images were not done within 300 s; the grid cancels the jobs and charges nothing. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "detail": "Image generation timed out after 300 s."
                     *     }
                     */
                    "application/json": ErrorDetail;
                };
            };
        };
    };
    getProgress: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * The `progress_token` the image request carries.
                 * @example 0b6f3f36-5d8e-4c1e-9f52-1a7a7e2f1c90
                 */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** The progress. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": ImageProgress;
                };
            };
            /** The token is not 1–128 characters of `A–Z a–z 0–9 _ . -` (mock grid; the live server takes any). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "detail": [
                     *         {
                     *           "type": "string_pattern_mismatch",
                     *           "loc": [
                     *             "path",
                     *             "token"
                     *           ],
                     *           "msg": "String should match pattern '^[A-Za-z0-9_.-]{1,128}$'",
                     *           "input": "a b"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": ErrorDetail;
                };
            };
        };
    };
    listFiles: {
        parameters: {
            query?: {
                /** A file id from the previous page (`last_id`); the page starts after it. */
                after?: string;
                /** Files per page, 1–10 000 (default 10 000). */
                limit?: number;
                /** `desc` (newest first, the default) or `asc`, by `created_at`. */
                order?: "asc" | "desc";
                /** Only files with this purpose. */
                purpose?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** A page of files. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "object": "list",
                     *       "data": [],
                     *       "first_id": null,
                     *       "last_id": null,
                     *       "has_more": false
                     *     }
                     */
                    "application/json": FileList;
                };
            };
            401: components["responses"]["V1Unauthorized"];
            422: components["responses"]["V1ValidationError"];
            429: components["responses"]["V1BatchRateLimited"];
        };
    };
    createFile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": FileUploadRequest;
            };
        };
        responses: {
            /** The stored file. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "file-9f2c1e7a4b0d4e5f8a6b3c2d1e0f9a8b",
                     *       "object": "file",
                     *       "bytes": 1342,
                     *       "created_at": 1764222000,
                     *       "filename": "requests.jsonl",
                     *       "purpose": "batch",
                     *       "status": "processed",
                     *       "expires_at": null,
                     *       "status_details": null
                     *     }
                     */
                    "application/json": FileObject;
                };
            };
            /** The body is not `multipart/form-data` with a `file` part, or the file is not valid UTF-8. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "detail": "file: the upload needs a part named file (multipart/form-data)"
                     *     }
                     */
                    "application/json": ErrorDetail;
                };
            };
            401: components["responses"]["V1Unauthorized"];
            403: components["responses"]["V1Forbidden"];
            /** The file is over the grid's bytes-per-file limit (or the body over the upload cap). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "detail": "file: 9000000 bytes, over the limit of 8388608 bytes per file"
                     *     }
                     */
                    "application/json": ErrorDetail;
                };
            };
            415: components["responses"]["V1UnsupportedMediaType"];
            /** `purpose` is missing or not `batch`. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "detail": [
                     *         {
                     *           "loc": [
                     *             "body",
                     *             "purpose"
                     *           ],
                     *           "msg": "must be one of [\"batch\"]",
                     *           "type": "enum"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": ErrorDetail;
                };
            };
            429: components["responses"]["V1BatchRateLimited"];
        };
    };
    retrieveFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * The file id (`file-…`).
                 * @example file-9f2c1e7a4b0d4e5f8a6b3c2d1e0f9a8b
                 */
                file_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** The file. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "file-9f2c1e7a4b0d4e5f8a6b3c2d1e0f9a8b",
                     *       "object": "file",
                     *       "bytes": 1342,
                     *       "created_at": 1764222000,
                     *       "filename": "requests.jsonl",
                     *       "purpose": "batch",
                     *       "status": "processed",
                     *       "expires_at": null,
                     *       "status_details": null
                     *     }
                     */
                    "application/json": FileObject;
                };
            };
            401: components["responses"]["V1Unauthorized"];
            404: components["responses"]["V1FileNotFound"];
            429: components["responses"]["V1BatchRateLimited"];
        };
    };
    deleteFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * The file id (`file-…`).
                 * @example file-9f2c1e7a4b0d4e5f8a6b3c2d1e0f9a8b
                 */
                file_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** Deleted. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "file-9f2c1e7a4b0d4e5f8a6b3c2d1e0f9a8b",
                     *       "object": "file",
                     *       "deleted": true
                     *     }
                     */
                    "application/json": FileDeleted;
                };
            };
            401: components["responses"]["V1Unauthorized"];
            404: components["responses"]["V1FileNotFound"];
            429: components["responses"]["V1BatchRateLimited"];
        };
    };
    retrieveFileContent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * The file id (`file-…`).
                 * @example file-9f2c1e7a4b0d4e5f8a6b3c2d1e0f9a8b
                 */
                file_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** The content, one JSON object per line. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "batch_req_1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f",
                     *       "custom_id": "r1",
                     *       "response": {
                     *         "status_code": 200,
                     *         "request_id": "7f3e2a1b-4c5d-4e6f-8a9b-0c1d2e3f4a5b",
                     *         "body": {
                     *           "id": "chatcmpl-7f3e2a1b-4c5d-4e6f-8a9b-0c1d2e3f4a5b",
                     *           "object": "chat.completion"
                     *         }
                     *       },
                     *       "error": null
                     *     }
                     */
                    "application/jsonl": BatchFileLine;
                };
            };
            401: components["responses"]["V1Unauthorized"];
            404: components["responses"]["V1FileNotFound"];
            429: components["responses"]["V1BatchRateLimited"];
        };
    };
    listBatches: {
        parameters: {
            query?: {
                /** A batch id from the previous page (`last_id`); the page starts after it. */
                after?: string;
                /** Batches per page, 1–100 (default 20). */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** A page of batches. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "object": "list",
                     *       "data": [],
                     *       "first_id": null,
                     *       "last_id": null,
                     *       "has_more": false
                     *     }
                     */
                    "application/json": BatchList;
                };
            };
            401: components["responses"]["V1Unauthorized"];
            422: components["responses"]["V1ValidationError"];
            429: components["responses"]["V1BatchRateLimited"];
        };
    };
    createBatch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "input_file_id": "file-9f2c1e7a4b0d4e5f8a6b3c2d1e0f9a8b",
                 *       "endpoint": "/v1/chat/completions",
                 *       "completion_window": "24h"
                 *     }
                 */
                "application/json": BatchCreateRequest;
            };
        };
        responses: {
            /** The new batch (`validating`). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "batch_5e0c9a1f2b3d4c6e8f7a9b0c1d2e3f4a",
                     *       "object": "batch",
                     *       "endpoint": "/v1/chat/completions",
                     *       "model": null,
                     *       "errors": null,
                     *       "input_file_id": "file-9f2c1e7a4b0d4e5f8a6b3c2d1e0f9a8b",
                     *       "completion_window": "24h",
                     *       "status": "validating",
                     *       "output_file_id": null,
                     *       "error_file_id": null,
                     *       "created_at": 1764222000,
                     *       "in_progress_at": null,
                     *       "expires_at": 1764308400,
                     *       "finalizing_at": null,
                     *       "completed_at": null,
                     *       "failed_at": null,
                     *       "expired_at": null,
                     *       "cancelling_at": null,
                     *       "cancelled_at": null,
                     *       "request_counts": {
                     *         "total": 0,
                     *         "completed": 0,
                     *         "failed": 0
                     *       },
                     *       "metadata": null
                     *     }
                     */
                    "application/json": Batch;
                };
            };
            /** The input file's purpose is not `batch`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "detail": "input_file_id: file-0a1b2c3d4e5f60718293a4b5c6d7e8f9 has purpose 'batch_output', not 'batch'"
                     *     }
                     */
                    "application/json": ErrorDetail;
                };
            };
            401: components["responses"]["V1Unauthorized"];
            403: components["responses"]["V1Forbidden"];
            404: components["responses"]["V1FileNotFound"];
            415: components["responses"]["V1UnsupportedMediaType"];
            422: components["responses"]["V1ValidationError"];
            429: components["responses"]["V1BatchRateLimited"];
        };
    };
    retrieveBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * The batch id (`batch_…`).
                 * @example batch_5e0c9a1f2b3d4c6e8f7a9b0c1d2e3f4a
                 */
                batch_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** The batch. */
            200: {
                headers: {
                    /** While the batch has not ended, milliseconds until reading it again is worthwhile. */
                    "x-poll-after-ms"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "batch_5e0c9a1f2b3d4c6e8f7a9b0c1d2e3f4a",
                     *       "object": "batch",
                     *       "endpoint": "/v1/chat/completions",
                     *       "model": "auto",
                     *       "errors": null,
                     *       "input_file_id": "file-9f2c1e7a4b0d4e5f8a6b3c2d1e0f9a8b",
                     *       "completion_window": "24h",
                     *       "status": "in_progress",
                     *       "output_file_id": null,
                     *       "error_file_id": null,
                     *       "created_at": 1764222000,
                     *       "in_progress_at": 1764222000,
                     *       "expires_at": 1764308400,
                     *       "finalizing_at": null,
                     *       "completed_at": null,
                     *       "failed_at": null,
                     *       "expired_at": null,
                     *       "cancelling_at": null,
                     *       "cancelled_at": null,
                     *       "request_counts": {
                     *         "total": 2,
                     *         "completed": 1,
                     *         "failed": 0
                     *       },
                     *       "metadata": null
                     *     }
                     */
                    "application/json": Batch;
                };
            };
            401: components["responses"]["V1Unauthorized"];
            404: components["responses"]["V1BatchNotFound"];
            429: components["responses"]["V1BatchRateLimited"];
        };
    };
    cancelBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * The batch id (`batch_…`).
                 * @example batch_5e0c9a1f2b3d4c6e8f7a9b0c1d2e3f4a
                 */
                batch_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** The batch (`cancelling`, or `cancelled` when nothing was running). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "batch_5e0c9a1f2b3d4c6e8f7a9b0c1d2e3f4a",
                     *       "object": "batch",
                     *       "endpoint": "/v1/chat/completions",
                     *       "model": "auto",
                     *       "errors": null,
                     *       "input_file_id": "file-9f2c1e7a4b0d4e5f8a6b3c2d1e0f9a8b",
                     *       "completion_window": "24h",
                     *       "status": "cancelling",
                     *       "output_file_id": null,
                     *       "error_file_id": null,
                     *       "created_at": 1764222000,
                     *       "in_progress_at": 1764222000,
                     *       "expires_at": 1764308400,
                     *       "finalizing_at": null,
                     *       "completed_at": null,
                     *       "failed_at": null,
                     *       "expired_at": null,
                     *       "cancelling_at": 1764222010,
                     *       "cancelled_at": null,
                     *       "request_counts": {
                     *         "total": 2,
                     *         "completed": 1,
                     *         "failed": 0
                     *       },
                     *       "metadata": null
                     *     }
                     */
                    "application/json": Batch;
                };
            };
            401: components["responses"]["V1Unauthorized"];
            404: components["responses"]["V1BatchNotFound"];
            429: components["responses"]["V1BatchRateLimited"];
        };
    };
    getUsage: {
        parameters: {
            query?: {
                /** The first UTC day to include, `YYYY-MM-DD`. */
                start_date?: string;
                /** The last UTC day to include (inclusive), `YYYY-MM-DD`. */
                end_date?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** The key's usage in the range. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "object": "usage.report",
                     *       "start_date": "2026-11-04",
                     *       "end_date": "2026-12-03",
                     *       "data": [
                     *         {
                     *           "date": "2026-12-03",
                     *           "model": "llama-3.1-8b-instruct",
                     *           "requests": 2,
                     *           "prompt_tokens": 24,
                     *           "completion_tokens": 80,
                     *           "images": 0,
                     *           "den": 10
                     *         }
                     *       ],
                     *       "total": {
                     *         "requests": 2,
                     *         "prompt_tokens": 24,
                     *         "completion_tokens": 80,
                     *         "images": 0,
                     *         "den": 10
                     *       }
                     *     }
                     */
                    "application/json": UsageReport;
                };
            };
            401: components["responses"]["V1Unauthorized"];
            403: components["responses"]["V1Forbidden"];
            422: components["responses"]["V1ValidationError"];
            429: components["responses"]["V1RateLimited"];
        };
    };
    listModels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** The model list. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "object": "list",
                     *       "data": [
                     *         {
                     *           "id": "auto",
                     *           "object": "model",
                     *           "created": 0,
                     *           "owned_by": "aipowergrid",
                     *           "input_modalities": [
                     *             "text"
                     *           ]
                     *         },
                     *         {
                     *           "id": "llama-3.1-8b-instruct",
                     *           "object": "model",
                     *           "created": 0,
                     *           "owned_by": "aipowergrid",
                     *           "input_modalities": [
                     *             "text"
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": ModelList;
                };
            };
        };
    };
    retrieveModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * A model id as listed by `listModels`; percent-encode any `/` in it.
                 * @example llama-3.1-8b-instruct
                 */
                model_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** The model. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "llama-3.1-8b-instruct",
                     *       "object": "model",
                     *       "created": 0,
                     *       "owned_by": "aipowergrid",
                     *       "input_modalities": [
                     *         "text"
                     *       ]
                     *     }
                     */
                    "application/json": Model;
                };
            };
            /** The model is not online. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "detail": "Model 'llama-70b' not found"
                     *     }
                     */
                    "application/json": ErrorDetail;
                };
            };
        };
    };
    listModelStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** One row per model. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example [
                     *       {
                     *         "name": "llama-3.1-8b-instruct",
                     *         "count": 2,
                     *         "type": "text",
                     *         "max_context_length": 8192,
                     *         "samples": 314,
                     *         "tokens_per_s": 58.2,
                     *         "avg_ttft_s": 0.31,
                     *         "avg_latency_s": 4.9
                     *       }
                     *     ]
                     */
                    "application/json": ModelStatus[];
                };
            };
        };
    };
    listWorkers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** Connected workers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "count": 1,
                     *       "workers": [
                     *         {
                     *           "id": "2b7e1516-28ae-4d2a-a6f7-15880e6b3c5d",
                     *           "name": "rig-01",
                     *           "models": [
                     *             "llama-3.1-8b-instruct"
                     *           ],
                     *           "job_types": [
                     *             "text"
                     *           ],
                     *           "online": true
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": WorkerList;
                };
            };
        };
    };
    connectWorker: {
        parameters: {
            query?: never;
            header: {
                /**
                 * `websocket`: the request is a WebSocket upgrade (the worker protocol runs over the socket).
                 * @example websocket
                 */
                Upgrade: "websocket";
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * Switching Protocols; the WebSocket session described above follows. There is no HTTP body: the `content`
             * below describes the session's messages, each one JSON text frame (`WsFrame`).
             */
            101: {
                headers: {
                    Upgrade?: "websocket";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": WsFrame;
                };
            };
            /** Not a WebSocket upgrade request. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "detail": "WebSocket upgrade required"
                     *     }
                     */
                    "application/json": ErrorDetail;
                };
            };
        };
    };
    connectClient: {
        parameters: {
            query?: never;
            header: {
                /**
                 * `websocket`: the request is a WebSocket upgrade (the client protocol runs over the socket).
                 * @example websocket
                 */
                Upgrade: "websocket";
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * Switching Protocols; the WebSocket session described above follows. There is no HTTP body: the `content`
             * below describes the session's messages, each one JSON text frame (`ClientWsFrame`).
             */
            101: {
                headers: {
                    Upgrade?: "websocket";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": ClientWsFrame;
                };
            };
            /** Not a WebSocket upgrade request. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "detail": "WebSocket upgrade required"
                     *     }
                     */
                    "application/json": ErrorDetail;
                };
            };
        };
    };
    streamJobEvents: {
        parameters: {
            query?: {
                /** Start after this `seq` (as `Last-Event-ID`; the header wins when both are sent). */
                after?: number;
            };
            header?: {
                /** The `seq` of the last event received, sent on reconnect. */
                "Last-Event-ID"?: string;
            };
            path: {
                /**
                 * The job's id — the request id a Horde async submit (`hordeTextAsync`, `hordeImageAsync`) returned.
                 * @example 2b7e3c1e-9f0a-4a61-8f59-7d3c4b0e1a22
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * The event stream. A whole (short) stream looks like this:
             *
             *     ```text
             *     id: 1
             *     event: queued
             *     data: {"type":"queued","seq":1,"id":"2b7e3c1e-9f0a-4a61-8f59-7d3c4b0e1a22","index":0,"at":1764222000000,"position":1}
             *
             *     id: 2
             *     event: assigned
             *     data: {"type":"assigned","seq":2,"id":"2b7e3c1e-9f0a-4a61-8f59-7d3c4b0e1a22","index":0,"at":1764222000150,"worker":{"id":"5d0b8f1c-7c2e-4a9e-b6f3-2f8d1e0a9c44","name":"rig-01"},"model":"llama-3.1-8b-instruct"}
             *
             *     id: 3
             *     event: done
             *     data: {"type":"done","seq":3,"id":"2b7e3c1e-9f0a-4a61-8f59-7d3c4b0e1a22","index":0,"at":1764222001200,"final":true,"text":"Hello!","finish_reason":"stop","usage":{"prompt_tokens":12,"completion_tokens":2,"total_tokens":14},"grid":{"worker":"rig-01","gen_time":1.05,"ttft":1.05,"tokens_per_s":0,"seed":42}}
             *     ```
             */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "1",
                     *       "event": "queued",
                     *       "data": "{\"type\":\"queued\",\"seq\":1,\"id\":\"2b7e3c1e-9f0a-4a61-8f59-7d3c4b0e1a22\",\"index\":0,\"at\":1764222000000,\"position\":1}"
                     *     }
                     */
                    "text/event-stream": JobEventStreamEvent;
                };
            };
            /** No job with this id has events that this key may read (unknown, expired, another account's, or a kind of job without events). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "detail": "Request not found"
                     *     }
                     */
                    "application/json": ErrorDetail;
                };
            };
            /** `after` or `Last-Event-ID` is not a non-negative integer. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "detail": "after must be a non-negative integer"
                     *     }
                     */
                    "application/json": ErrorDetail;
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** Health. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok",
                     *       "build_commit": null,
                     *       "redis": true,
                     *       "workers_connected": 1,
                     *       "models_available": [
                     *         "llama-3.1-8b-instruct"
                     *       ]
                     *     }
                     */
                    "application/json": Health;
                };
            };
        };
    };
    hordeTextAsync: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * `name:version:contact` of the calling software. Missing means `unknown:0:unknown`; such anonymous clients may be
                 * refused from IPs in timeout.
                 * @example aipg-sdk:0.1.0:https://github.com/aipg/grid-sdk
                 */
                "Client-Agent"?: components["parameters"]["ClientAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": HordeTextAsyncRequest;
            };
        };
        responses: {
            /** `dry_run` only: the cost, nothing queued. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "kudos": 48.76
                     *     }
                     */
                    "application/json": HordeDryRunResponse;
                };
            };
            /** Queued. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": HordeAsyncResponse;
                };
            };
            400: components["responses"]["HordeBadRequest"];
            401: components["responses"]["HordeUnauthorized"];
            403: components["responses"]["HordeForbidden"];
            404: components["responses"]["HordeWorkerNotFound"];
            408: components["responses"]["HordeRequestTimeout"];
            410: components["responses"]["HordeGoneResponse"];
            415: components["responses"]["HordeUnsupportedMediaType"];
            429: components["responses"]["HordeTooManyRequests"];
            503: components["responses"]["HordeUnavailable"];
        };
    };
    hordeTextStatus: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * `name:version:contact` of the calling software. Missing means `unknown:0:unknown`; such anonymous clients may be
                 * refused from IPs in timeout.
                 * @example aipg-sdk:0.1.0:https://github.com/aipg/grid-sdk
                 */
                "Client-Agent"?: components["parameters"]["ClientAgent"];
            };
            path: {
                /**
                 * The request id from `hordeTextAsync`. A non-UUID id is a 404 `RequestNotFound`.
                 * @example 5b1d3f0e-8c2a-4e6b-9a7d-1c3e5f7a9b0d
                 */
                id: components["parameters"]["HordeRequestId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** The request's status. */
            200: {
                headers: {
                    /**
                     * AIPG extension (the mock grid): when to poll again, in ms, while the request is not done — its `wait_time`,
                     * at least 1 000 and at most 10 000 (absent once `done`). `@aipg/sdk`'s wait helpers honour it. A client
                     * that can should not poll at all: `GET /v1/jobs/{id}/events` pushes the request's events.
                     */
                    "X-Poll-After-Ms"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "finished": 0,
                     *       "processing": 1,
                     *       "restarted": 0,
                     *       "waiting": 0,
                     *       "done": false,
                     *       "faulted": false,
                     *       "wait_time": 4,
                     *       "queue_position": 0,
                     *       "kudos": 0,
                     *       "is_possible": true,
                     *       "generations": []
                     *     }
                     */
                    "application/json": HordeTextStatus;
                };
            };
            404: components["responses"]["HordeRequestNotFound"];
            410: components["responses"]["HordeGoneResponse"];
            429: components["responses"]["HordeTooManyRequests"];
        };
    };
    hordeTextCancel: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * `name:version:contact` of the calling software. Missing means `unknown:0:unknown`; such anonymous clients may be
                 * refused from IPs in timeout.
                 * @example aipg-sdk:0.1.0:https://github.com/aipg/grid-sdk
                 */
                "Client-Agent"?: components["parameters"]["ClientAgent"];
            };
            path: {
                /**
                 * The request id from `hordeTextAsync`. A non-UUID id is a 404 `RequestNotFound`.
                 * @example 5b1d3f0e-8c2a-4e6b-9a7d-1c3e5f7a9b0d
                 */
                id: components["parameters"]["HordeRequestId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** The request's status after cancelling. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "finished": 1,
                     *       "processing": 0,
                     *       "restarted": 0,
                     *       "waiting": 0,
                     *       "done": true,
                     *       "faulted": false,
                     *       "wait_time": 0,
                     *       "queue_position": 0,
                     *       "kudos": 3,
                     *       "is_possible": true,
                     *       "generations": [
                     *         {
                     *           "text": " Hello!",
                     *           "seed": 0,
                     *           "worker_id": "1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b",
                     *           "worker_name": "rig-01",
                     *           "model": "koboldcpp/llama-3.1-8b-instruct",
                     *           "state": "ok",
                     *           "gen_metadata": []
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": HordeTextStatus;
                };
            };
            404: components["responses"]["HordeRequestNotFound"];
            410: components["responses"]["HordeGoneResponse"];
            429: components["responses"]["HordeTooManyRequests"];
        };
    };
    hordeTextPop: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * `name:version:contact` of the calling software. Missing means `unknown:0:unknown`; such anonymous clients may be
                 * refused from IPs in timeout.
                 * @example aipg-sdk:0.1.0:https://github.com/aipg/grid-sdk
                 */
                "Client-Agent"?: components["parameters"]["ClientAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "rig-01",
                 *       "models": [
                 *         "koboldcpp/llama-3.1-8b-instruct"
                 *       ],
                 *       "max_length": 512,
                 *       "max_context_length": 4096,
                 *       "threads": 1,
                 *       "amount": 1,
                 *       "bridge_agent": "aipg-worker:0.1.0:https://github.com/aipg/grid-sdk"
                 *     }
                 */
                "application/json": HordeTextPopRequest;
            };
        };
        responses: {
            /** A job, or none (`id: null`). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": HordeTextPopResponse;
                };
            };
            400: components["responses"]["HordeBadRequest"];
            401: components["responses"]["HordeUnauthorized"];
            403: components["responses"]["HordeForbidden"];
            408: components["responses"]["HordeRequestTimeout"];
            410: components["responses"]["HordeGoneResponse"];
            415: components["responses"]["HordeUnsupportedMediaType"];
            429: components["responses"]["HordeTooManyRequests"];
            503: components["responses"]["HordeUnavailable"];
        };
    };
    hordeTextSubmit: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * `name:version:contact` of the calling software. Missing means `unknown:0:unknown`; such anonymous clients may be
                 * refused from IPs in timeout.
                 * @example aipg-sdk:0.1.0:https://github.com/aipg/grid-sdk
                 */
                "Client-Agent"?: components["parameters"]["ClientAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": HordeTextSubmitRequest;
            };
        };
        responses: {
            /** Accepted. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reward": 2.7
                     *     }
                     */
                    "application/json": HordeSubmitResponse;
                };
            };
            400: components["responses"]["HordeBadRequest"];
            401: components["responses"]["HordeUnauthorized"];
            403: components["responses"]["HordeForbidden"];
            /** Unknown generation id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "message": "Processing Job with ID 0d9b6c1e-2f3a-4b5c-8d7e-9f0a1b2c3d4e does not exist.",
                     *       "rc": "InvalidJobID"
                     *     }
                     */
                    "application/json": HordeError;
                };
            };
            408: components["responses"]["HordeRequestTimeout"];
            410: components["responses"]["HordeGoneResponse"];
            415: components["responses"]["HordeUnsupportedMediaType"];
            429: components["responses"]["HordeTooManyRequests"];
        };
    };
    hordeImageAsync: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * `name:version:contact` of the calling software. Missing means `unknown:0:unknown`; such anonymous clients may be
                 * refused from IPs in timeout.
                 * @example aipg-sdk:0.1.0:https://github.com/aipg/grid-sdk
                 */
                "Client-Agent"?: components["parameters"]["ClientAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": HordeImageAsyncRequest;
            };
        };
        responses: {
            /** `dry_run` only: the cost, nothing queued. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "kudos": 31.46
                     *     }
                     */
                    "application/json": HordeDryRunResponse;
                };
            };
            /** Queued. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": HordeAsyncResponse;
                };
            };
            400: components["responses"]["HordeBadRequest"];
            401: components["responses"]["HordeUnauthorized"];
            403: components["responses"]["HordeForbidden"];
            404: components["responses"]["HordeWorkerNotFound"];
            408: components["responses"]["HordeRequestTimeout"];
            410: components["responses"]["HordeGoneResponse"];
            415: components["responses"]["HordeUnsupportedMediaType"];
            429: components["responses"]["HordeTooManyRequests"];
            503: components["responses"]["HordeUnavailable"];
        };
    };
    hordeImageCheck: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * `name:version:contact` of the calling software. Missing means `unknown:0:unknown`; such anonymous clients may be
                 * refused from IPs in timeout.
                 * @example aipg-sdk:0.1.0:https://github.com/aipg/grid-sdk
                 */
                "Client-Agent"?: components["parameters"]["ClientAgent"];
            };
            path: {
                /**
                 * The request id from `hordeTextAsync`. A non-UUID id is a 404 `RequestNotFound`.
                 * @example 5b1d3f0e-8c2a-4e6b-9a7d-1c3e5f7a9b0d
                 */
                id: components["parameters"]["HordeRequestId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** The request's state. */
            200: {
                headers: {
                    /**
                     * AIPG extension (the mock grid): when to poll again, in ms, while the request is not done — its `wait_time`,
                     * at least 1 000 and at most 10 000 (absent once `done`). `@aipg/sdk`'s wait helpers honour it. A client
                     * that can should not poll at all: `GET /v1/jobs/{id}/events` pushes the request's events.
                     */
                    "X-Poll-After-Ms"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "finished": 0,
                     *       "processing": 2,
                     *       "restarted": 0,
                     *       "waiting": 0,
                     *       "done": false,
                     *       "faulted": false,
                     *       "wait_time": 6,
                     *       "queue_position": 0,
                     *       "kudos": 0,
                     *       "is_possible": true,
                     *       "progress": {
                     *         "progress_percent": 40,
                     *         "current_step": 12,
                     *         "total_steps": 30
                     *       }
                     *     }
                     */
                    "application/json": HordeImageCheck;
                };
            };
            403: components["responses"]["HordeForbidden"];
            404: components["responses"]["HordeRequestNotFound"];
            410: components["responses"]["HordeGoneResponse"];
            429: components["responses"]["HordeTooManyRequests"];
        };
    };
    hordeImageStatus: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * `name:version:contact` of the calling software. Missing means `unknown:0:unknown`; such anonymous clients may be
                 * refused from IPs in timeout.
                 * @example aipg-sdk:0.1.0:https://github.com/aipg/grid-sdk
                 */
                "Client-Agent"?: components["parameters"]["ClientAgent"];
            };
            path: {
                /**
                 * The request id from `hordeTextAsync`. A non-UUID id is a 404 `RequestNotFound`.
                 * @example 5b1d3f0e-8c2a-4e6b-9a7d-1c3e5f7a9b0d
                 */
                id: components["parameters"]["HordeRequestId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** The request's status. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "finished": 1,
                     *       "processing": 0,
                     *       "restarted": 0,
                     *       "waiting": 0,
                     *       "done": true,
                     *       "faulted": false,
                     *       "wait_time": 0,
                     *       "queue_position": 0,
                     *       "kudos": 7.86,
                     *       "is_possible": true,
                     *       "shared": false,
                     *       "generations": [
                     *         {
                     *           "img": "https://grid.example/objects/0d9b6c1e-2f3a-4b5c-8d7e-9f0a1b2c3d4e.webp?exp=1764223800&sig=3e1d4c",
                     *           "seed": "42",
                     *           "id": "0d9b6c1e-2f3a-4b5c-8d7e-9f0a1b2c3d4e",
                     *           "censored": false,
                     *           "gen_metadata": [],
                     *           "worker_id": "1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b",
                     *           "worker_name": "rig-02",
                     *           "model": "stable_diffusion",
                     *           "state": "ok"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": HordeImageStatus;
                };
            };
            404: components["responses"]["HordeRequestNotFound"];
            410: components["responses"]["HordeGoneResponse"];
            429: components["responses"]["HordeTooManyRequests"];
        };
    };
    hordeImageCancel: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * `name:version:contact` of the calling software. Missing means `unknown:0:unknown`; such anonymous clients may be
                 * refused from IPs in timeout.
                 * @example aipg-sdk:0.1.0:https://github.com/aipg/grid-sdk
                 */
                "Client-Agent"?: components["parameters"]["ClientAgent"];
            };
            path: {
                /**
                 * The request id from `hordeTextAsync`. A non-UUID id is a 404 `RequestNotFound`.
                 * @example 5b1d3f0e-8c2a-4e6b-9a7d-1c3e5f7a9b0d
                 */
                id: components["parameters"]["HordeRequestId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** The request's status after cancelling. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "finished": 0,
                     *       "processing": 0,
                     *       "restarted": 0,
                     *       "waiting": 0,
                     *       "done": true,
                     *       "faulted": false,
                     *       "wait_time": 0,
                     *       "queue_position": 0,
                     *       "kudos": 0,
                     *       "is_possible": true,
                     *       "shared": false,
                     *       "generations": []
                     *     }
                     */
                    "application/json": HordeImageStatus;
                };
            };
            404: components["responses"]["HordeRequestNotFound"];
            410: components["responses"]["HordeGoneResponse"];
            429: components["responses"]["HordeTooManyRequests"];
        };
    };
    hordeImagePop: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * `name:version:contact` of the calling software. Missing means `unknown:0:unknown`; such anonymous clients may be
                 * refused from IPs in timeout.
                 * @example aipg-sdk:0.1.0:https://github.com/aipg/grid-sdk
                 */
                "Client-Agent"?: components["parameters"]["ClientAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "rig-02",
                 *       "models": [
                 *         "stable_diffusion"
                 *       ],
                 *       "max_pixels": 1048576,
                 *       "allow_img2img": true,
                 *       "allow_lora": true,
                 *       "threads": 1,
                 *       "amount": 4,
                 *       "bridge_agent": "aipg-worker:0.1.0:https://github.com/aipg/grid-sdk"
                 *     }
                 */
                "application/json": HordeImagePopRequest;
            };
        };
        responses: {
            /** A job, or none (`id: null`). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": HordeImagePopResponse;
                };
            };
            400: components["responses"]["HordeBadRequest"];
            401: components["responses"]["HordeUnauthorized"];
            403: components["responses"]["HordeForbidden"];
            408: components["responses"]["HordeRequestTimeout"];
            410: components["responses"]["HordeGoneResponse"];
            415: components["responses"]["HordeUnsupportedMediaType"];
            429: components["responses"]["HordeTooManyRequests"];
            503: components["responses"]["HordeUnavailable"];
        };
    };
    hordeImageSubmit: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * `name:version:contact` of the calling software. Missing means `unknown:0:unknown`; such anonymous clients may be
                 * refused from IPs in timeout.
                 * @example aipg-sdk:0.1.0:https://github.com/aipg/grid-sdk
                 */
                "Client-Agent"?: components["parameters"]["ClientAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": HordeImageSubmitRequest;
            };
        };
        responses: {
            /** Accepted (a reward of 0 when the image failed the check or was faulted). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reward": 7.86
                     *     }
                     */
                    "application/json": HordeSubmitResponse;
                };
            };
            400: components["responses"]["HordeBadRequest"];
            401: components["responses"]["HordeUnauthorized"];
            403: components["responses"]["HordeForbidden"];
            /** Unknown generation id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "message": "Processing Job with ID 0d9b6c1e-2f3a-4b5c-8d7e-9f0a1b2c3d4e does not exist.",
                     *       "rc": "InvalidJobID"
                     *     }
                     */
                    "application/json": HordeError;
                };
            };
            408: components["responses"]["HordeRequestTimeout"];
            410: components["responses"]["HordeGoneResponse"];
            415: components["responses"]["HordeUnsupportedMediaType"];
            429: components["responses"]["HordeTooManyRequests"];
        };
    };
    hordeImageProgress: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * `name:version:contact` of the calling software. Missing means `unknown:0:unknown`; such anonymous clients may be
                 * refused from IPs in timeout.
                 * @example aipg-sdk:0.1.0:https://github.com/aipg/grid-sdk
                 */
                "Client-Agent"?: components["parameters"]["ClientAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "0d9b6c1e-2f3a-4b5c-8d7e-9f0a1b2c3d4e",
                 *       "current_step": 12,
                 *       "total_steps": 30
                 *     }
                 */
                "application/json": HordeImageProgressRequest;
            };
        };
        responses: {
            /** The progress as recorded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "progress_percent": 40,
                     *       "current_step": 12,
                     *       "total_steps": 30
                     *     }
                     */
                    "application/json": HordeProgress;
                };
            };
            /**
             * The generation already finished or faulted (`{message}` with no `rc`, as the AIPG Horde sends it), a Horde
             * check failed, or the body failed validation.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "message": "Job already completed or faulted"
                     *     }
                     */
                    "application/json": HordeHttpError | HordeError | HordeValidationError;
                };
            };
            401: components["responses"]["HordeUnauthorized"];
            403: components["responses"]["HordeForbidden"];
            /** Unknown generation id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "message": "Processing Job with ID 0d9b6c1e-2f3a-4b5c-8d7e-9f0a1b2c3d4e does not exist.",
                     *       "rc": "InvalidJobID"
                     *     }
                     */
                    "application/json": HordeError;
                };
            };
            408: components["responses"]["HordeRequestTimeout"];
            410: components["responses"]["HordeGoneResponse"];
            415: components["responses"]["HordeUnsupportedMediaType"];
            429: components["responses"]["HordeTooManyRequests"];
        };
    };
    hordeHeartbeat: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * `name:version:contact` of the calling software. Missing means `unknown:0:unknown`; such anonymous clients may be
                 * refused from IPs in timeout.
                 * @example aipg-sdk:0.1.0:https://github.com/aipg/grid-sdk
                 */
                "Client-Agent"?: components["parameters"]["ClientAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** The server is up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "message": "OK",
                     *       "version": "4.46.3"
                     *     }
                     */
                    "application/json": HordeHeartbeat;
                };
            };
            410: components["responses"]["HordeGoneResponse"];
        };
    };
    hordeModelStatus: {
        parameters: {
            query?: {
                /**
                 * Which models. Defaults to `image`, not `text`.
                 * @example text
                 */
                type?: "image" | "text";
                /**
                 * Only models served by at least this many workers.
                 * @example 1
                 */
                min_count?: number;
                /**
                 * Only models served by at most this many workers.
                 * @example 10
                 */
                max_count?: number;
                /**
                 * `known` = in the model reference, `custom` = not in it, `all` = both.
                 * @example all
                 */
                model_state?: "known" | "custom" | "all";
            };
            header?: {
                /**
                 * `name:version:contact` of the calling software. Missing means `unknown:0:unknown`; such anonymous clients may be
                 * refused from IPs in timeout.
                 * @example aipg-sdk:0.1.0:https://github.com/aipg/grid-sdk
                 */
                "Client-Agent"?: components["parameters"]["ClientAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** Active models. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example [
                     *       {
                     *         "name": "koboldcpp/llama-3.1-8b-instruct",
                     *         "count": 2,
                     *         "performance": 24.5,
                     *         "queued": 160,
                     *         "jobs": 2,
                     *         "eta": 7,
                     *         "type": "text"
                     *       }
                     *     ]
                     */
                    "application/json": HordeActiveModel[];
                };
            };
            400: components["responses"]["HordeBadRequest"];
            410: components["responses"]["HordeGoneResponse"];
        };
    };
    hordeModelStatusSingle: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * `name:version:contact` of the calling software. Missing means `unknown:0:unknown`; such anonymous clients may be
                 * refused from IPs in timeout.
                 * @example aipg-sdk:0.1.0:https://github.com/aipg/grid-sdk
                 */
                "Client-Agent"?: components["parameters"]["ClientAgent"];
            };
            path: {
                /**
                 * The model's exact name (case-sensitive).
                 * @example koboldcpp/llama-3.1-8b-instruct
                 */
                model_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** The model's entry, or an empty list. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example [
                     *       {
                     *         "name": "koboldcpp/llama-3.1-8b-instruct",
                     *         "count": 2,
                     *         "performance": 24.5,
                     *         "queued": 160,
                     *         "jobs": 2,
                     *         "eta": 7,
                     *         "type": "text"
                     *       }
                     *     ]
                     */
                    "application/json": HordeActiveModel[];
                };
            };
            410: components["responses"]["HordeGoneResponse"];
        };
    };
    hordePerformance: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * `name:version:contact` of the calling software. Missing means `unknown:0:unknown`; such anonymous clients may be
                 * refused from IPs in timeout.
                 * @example aipg-sdk:0.1.0:https://github.com/aipg/grid-sdk
                 */
                "Client-Agent"?: components["parameters"]["ClientAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** Totals. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "queued_requests": 0,
                     *       "queued_text_requests": 3,
                     *       "worker_count": 0,
                     *       "text_worker_count": 2,
                     *       "thread_count": 0,
                     *       "text_thread_count": 2,
                     *       "queued_megapixelsteps": 0,
                     *       "past_minute_megapixelsteps": 0,
                     *       "queued_forms": 0,
                     *       "interrogator_count": 0,
                     *       "interrogator_thread_count": 0,
                     *       "queued_tokens": 240,
                     *       "past_minute_tokens": 1800
                     *     }
                     */
                    "application/json": HordePerformance;
                };
            };
            410: components["responses"]["HordeGoneResponse"];
        };
    };
    hordeNews: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * `name:version:contact` of the calling software. Missing means `unknown:0:unknown`; such anonymous clients may be
                 * refused from IPs in timeout.
                 * @example aipg-sdk:0.1.0:https://github.com/aipg/grid-sdk
                 */
                "Client-Agent"?: components["parameters"]["ClientAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** News pieces, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example [
                     *       {
                     *         "date_published": "2026-07-24",
                     *         "newspiece": "The legacy /api/v2 API has been retired. Use the /v1 API.",
                     *         "importance": "Information",
                     *         "tags": [
                     *           "api"
                     *         ],
                     *         "title": "/api/v2 retired",
                     *         "more_info_urls": [
                     *           "https://api.aipowergrid.io/v1"
                     *         ]
                     *       }
                     *     ]
                     */
                    "application/json": HordeNewspiece[];
                };
            };
            410: components["responses"]["HordeGoneResponse"];
        };
    };
    hordeModes: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * `name:version:contact` of the calling software. Missing means `unknown:0:unknown`; such anonymous clients may be
                 * refused from IPs in timeout.
                 * @example aipg-sdk:0.1.0:https://github.com/aipg/grid-sdk
                 */
                "Client-Agent"?: components["parameters"]["ClientAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** The modes. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "maintenance_mode": false,
                     *       "invite_only_mode": false
                     *     }
                     */
                    "application/json": HordeModes;
                };
            };
            401: components["responses"]["HordeUnauthorized"];
            /** The key is not a moderator's. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "message": "You're not a mod. BTFO!",
                     *       "rc": "NotModerator"
                     *     }
                     */
                    "application/json": HordeError;
                };
            };
            410: components["responses"]["HordeGoneResponse"];
            429: components["responses"]["HordeTooManyRequests"];
        };
    };
    hordeTextStatsTotals: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * `name:version:contact` of the calling software. Missing means `unknown:0:unknown`; such anonymous clients may be
                 * refused from IPs in timeout.
                 * @example aipg-sdk:0.1.0:https://github.com/aipg/grid-sdk
                 */
                "Client-Agent"?: components["parameters"]["ClientAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** Totals per period. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "minute": {
                     *         "requests": 2,
                     *         "tokens": 96
                     *       },
                     *       "hour": {
                     *         "requests": 40,
                     *         "tokens": 2210
                     *       },
                     *       "day": {
                     *         "requests": 410,
                     *         "tokens": 23100
                     *       },
                     *       "month": {
                     *         "requests": 9800,
                     *         "tokens": 561000
                     *       },
                     *       "total": {
                     *         "requests": 12000,
                     *         "tokens": 690000
                     *       }
                     *     }
                     */
                    "application/json": HordeTextStatsTotals;
                };
            };
            410: components["responses"]["HordeGoneResponse"];
        };
    };
    hordeTextStatsModels: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * `name:version:contact` of the calling software. Missing means `unknown:0:unknown`; such anonymous clients may be
                 * refused from IPs in timeout.
                 * @example aipg-sdk:0.1.0:https://github.com/aipg/grid-sdk
                 */
                "Client-Agent"?: components["parameters"]["ClientAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** Counts per model and period. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "day": {
                     *         "koboldcpp/llama-3.1-8b-instruct": 120
                     *       },
                     *       "month": {
                     *         "koboldcpp/llama-3.1-8b-instruct": 3400
                     *       },
                     *       "total": {
                     *         "koboldcpp/llama-3.1-8b-instruct": 5100
                     *       }
                     *     }
                     */
                    "application/json": HordeTextModelStats;
                };
            };
            410: components["responses"]["HordeGoneResponse"];
        };
    };
    hordeListWorkers: {
        parameters: {
            query?: {
                /**
                 * Only workers of this type. Empty (`type=`, what horde-sdk sends for all types) or absent means every type.
                 * Ignored when `name` is given, as on the Horde.
                 * @example text
                 */
                type?: "" | "image" | "text" | "interrogation";
                /**
                 * Only the worker with this name, compared case-insensitively (as on the Horde). Empty means no filter.
                 * @example rig-01
                 */
                name?: string;
            };
            header?: {
                /**
                 * `name:version:contact` of the calling software. Missing means `unknown:0:unknown`; such anonymous clients may be
                 * refused from IPs in timeout.
                 * @example aipg-sdk:0.1.0:https://github.com/aipg/grid-sdk
                 */
                "Client-Agent"?: components["parameters"]["ClientAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** Workers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example [
                     *       {
                     *         "type": "text",
                     *         "name": "rig-01",
                     *         "id": "1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b",
                     *         "online": true,
                     *         "requests_fulfilled": 12,
                     *         "kudos_rewards": 140.5,
                     *         "kudos_details": {
                     *           "generated": 120.5,
                     *           "uptime": 20
                     *         },
                     *         "performance": "24.5 tokens per second",
                     *         "threads": 1,
                     *         "uptime": 3600,
                     *         "maintenance_mode": false,
                     *         "paused": false,
                     *         "info": null,
                     *         "nsfw": true,
                     *         "trusted": false,
                     *         "flagged": false,
                     *         "uncompleted_jobs": 0,
                     *         "models": [
                     *           "koboldcpp/llama-3.1-8b-instruct"
                     *         ],
                     *         "team": {
                     *           "name": null,
                     *           "id": null
                     *         },
                     *         "bridge_agent": "aipg-worker:0.1.0:https://github.com/aipg/grid-sdk",
                     *         "max_length": 512,
                     *         "max_context_length": 4096,
                     *         "tokens_generated": 4200
                     *       }
                     *     ]
                     */
                    "application/json": HordeWorkerDetails[];
                };
            };
            400: components["responses"]["HordeBadRequest"];
            410: components["responses"]["HordeGoneResponse"];
        };
    };
    hordeGetWorker: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * `name:version:contact` of the calling software. Missing means `unknown:0:unknown`; such anonymous clients may be
                 * refused from IPs in timeout.
                 * @example aipg-sdk:0.1.0:https://github.com/aipg/grid-sdk
                 */
                "Client-Agent"?: components["parameters"]["ClientAgent"];
            };
            path: {
                /**
                 * The worker's id (a UUID, as in `HordeWorkerDetails.id`); an unknown id is a 404 `WorkerNotFound`.
                 * @example 1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b
                 */
                worker_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** The worker. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "text",
                     *       "name": "rig-01",
                     *       "id": "1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b",
                     *       "online": true,
                     *       "requests_fulfilled": 12,
                     *       "models": [
                     *         "koboldcpp/llama-3.1-8b-instruct"
                     *       ],
                     *       "max_length": 512,
                     *       "max_context_length": 4096
                     *     }
                     */
                    "application/json": HordeWorkerDetails;
                };
            };
            404: components["responses"]["HordeWorkerNotFound"];
            410: components["responses"]["HordeGoneResponse"];
        };
    };
    hordeGetWorkerByName: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * `name:version:contact` of the calling software. Missing means `unknown:0:unknown`; such anonymous clients may be
                 * refused from IPs in timeout.
                 * @example aipg-sdk:0.1.0:https://github.com/aipg/grid-sdk
                 */
                "Client-Agent"?: components["parameters"]["ClientAgent"];
            };
            path: {
                /**
                 * The worker's name (as in `HordeWorkerDetails.name`); an unknown name is a 404 `WorkerNotFound`.
                 * @example rig-01
                 */
                worker_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** The worker. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "text",
                     *       "name": "rig-01",
                     *       "id": "1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b",
                     *       "online": true,
                     *       "requests_fulfilled": 12,
                     *       "models": [
                     *         "koboldcpp/llama-3.1-8b-instruct"
                     *       ],
                     *       "max_length": 512,
                     *       "max_context_length": 4096
                     *     }
                     */
                    "application/json": HordeWorkerDetails;
                };
            };
            /** No worker has this name. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "message": "Worker with ID 'rig-02' not found.",
                     *       "rc": "WorkerNotFound"
                     *     }
                     */
                    "application/json": HordeError;
                };
            };
            410: components["responses"]["HordeGoneResponse"];
        };
    };
    hordeFindUser: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * `name:version:contact` of the calling software. Missing means `unknown:0:unknown`; such anonymous clients may be
                 * refused from IPs in timeout.
                 * @example aipg-sdk:0.1.0:https://github.com/aipg/grid-sdk
                 */
                "Client-Agent"?: components["parameters"]["ClientAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** The user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "username": "alice#42",
                     *       "id": 42,
                     *       "kudos": 1250,
                     *       "concurrency": 30,
                     *       "worker_invited": 0,
                     *       "moderator": false,
                     *       "worker_count": 1,
                     *       "worker_ids": [
                     *         "1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b"
                     *       ],
                     *       "trusted": false,
                     *       "flagged": false
                     *     }
                     */
                    "application/json": HordeUserDetails;
                };
            };
            401: components["responses"]["HordeUnauthorized"];
            /** No user has this key. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "message": "User not found.",
                     *       "rc": "UserNotFound"
                     *     }
                     */
                    "application/json": HordeError;
                };
            };
            410: components["responses"]["HordeGoneResponse"];
            429: components["responses"]["HordeTooManyRequests"];
        };
    };
}
