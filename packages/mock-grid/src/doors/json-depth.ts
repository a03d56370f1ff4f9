/**
 * JSON nesting cap for everything a door parses (HTTP bodies, WS frames). `JSON.parse` accepts any depth, but
 * the grid re-serialises what it received (a chat body becomes the WS job payload, a worker delta becomes an
 * SSE chunk) and `JSON.stringify` overflows the stack somewhere past a few thousand levels, which would throw
 * out of a socket write. Real bodies (tool schemas included) stay far below this.
 */
export const MAX_JSON_DEPTH = 64;

export interface DepthProblem {
  /** Where the limit was crossed: the first few keys / indexes of the path. */
  path: Array<string | number>;
  message: string;
}

/**
 * Returns a problem when `value` nests deeper than `maxDepth` objects/arrays. Iterative: no recursion.
 * `text`, the JSON `value` was parsed from, lets it skip the walk: every level opens with `{` or `[`, so a
 * text with no more of those than `maxDepth` (strings included) cannot nest deeper, as most bodies and
 * frames.
 */
export function jsonDepthProblem(
  value: unknown,
  maxDepth = MAX_JSON_DEPTH,
  text?: string,
): DepthProblem | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (text !== undefined && openings(text, maxDepth + 1) <= maxDepth) return undefined;
  const stack: Array<{ v: object; depth: number; path: Array<string | number> }> = [
    { v: value, depth: 1, path: [] },
  ];
  while (stack.length > 0) {
    const { v, depth, path } = stack.pop()!;
    if (depth > maxDepth) {
      return {
        path: path.slice(0, 6),
        message: `nested deeper than ${maxDepth} levels (max ${maxDepth})`,
      };
    }
    const entries: Array<[string | number, unknown]> = Array.isArray(v)
      ? v.map((x, i) => [i, x])
      : Object.entries(v);
    for (const [k, child] of entries) {
      if (child !== null && typeof child === 'object') {
        stack.push({ v: child, depth: depth + 1, path: path.length < 6 ? [...path, k] : path });
      }
    }
  }
  return undefined;
}

/** How many `{` and `[` `text` holds, counting up to `stopAt` at most. */
function openings(text: string, stopAt: number): number {
  let n = 0;
  for (const char of ['{', '[']) {
    for (let at = text.indexOf(char); at !== -1 && n < stopAt; at = text.indexOf(char, at + 1)) n++;
  }
  return n;
}
