/** A page of an OpenAI-style cursor list (spec: `FileList`, `BatchList`). */
export interface CursorPage<T extends { id: string }> {
  data: T[];
  has_more: boolean;
}

/**
 * What a list method returns: the first page when awaited, every item of every page with `for await`
 * (the next page starts `after` the last item's id, OpenAI's cursor rule).
 */
export type PagePromise<P extends CursorPage<T>, T extends { id: string }> = Promise<P> & AsyncIterable<T>;

export function pages<P extends CursorPage<T>, T extends { id: string }>(
  get: (after: string | undefined) => Promise<P>,
  after?: string,
): PagePromise<P, T> {
  const first = get(after);
  return Object.assign(first, {
    async *[Symbol.asyncIterator]() {
      let page = await first;
      for (;;) {
        yield* page.data;
        const last = page.data.at(-1);
        if (!page.has_more || !last) return;
        page = await get(last.id);
      }
    },
  });
}
