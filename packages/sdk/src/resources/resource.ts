import type { Grid } from '../client';

/** Base of every resource: holds the client whose one pipeline all calls go through. */
export abstract class APIResource {
  protected readonly _client: Grid;

  constructor(client: Grid) {
    this._client = client;
  }
}
