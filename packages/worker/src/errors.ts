// Every error the worker library throws on purpose, in one place (docs/worker.md, "Errors"). HTTP failures
// talking to a Horde are the SDK's typed errors (`APIError` subclasses from @aipg/sdk, carrying `status` and
// the Horde's `rc`); the worker does not wrap them. Class names are set explicitly (bundlers may minify).

/** Base class of the worker's own errors: `catch (e) { if (e instanceof WorkerError) … }`. */
export class WorkerError extends Error {
  override readonly name: string = 'WorkerError';
}

export interface ConfigIssue {
  /** Where the bad value is: `endpoints[0].models[1].max_length`, or an env var name. */
  path: string;
  message: string;
}

/** Thrown for an invalid configuration; the message lists every bad field with its path. */
export class ConfigError extends WorkerError {
  override readonly name = 'ConfigError';
  constructor(readonly issues: ConfigIssue[]) {
    super(
      issues.length === 1
        ? `invalid worker config: ${formatIssue(issues[0]!)}`
        : `invalid worker config:\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`,
    );
  }
}

function formatIssue(issue: ConfigIssue): string {
  return `${issue.path}: ${issue.message}`;
}

/** A backend failure. `clientError` = the backend rejected the request itself as invalid (400/413/422). */
export class BackendError extends WorkerError {
  override readonly name = 'BackendError';
  readonly status: number | undefined;
  readonly clientError: boolean;
  constructor(message: string, options: { status?: number; clientError?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
    this.clientError = options.clientError ?? false;
  }
}

/** The grid refused this worker for good (bad key, scope, ownership): retrying cannot help. */
export class FatalError extends WorkerError {
  override readonly name = 'FatalError';
}
