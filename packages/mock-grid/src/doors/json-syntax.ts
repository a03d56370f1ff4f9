/**
 * What `JSON.parse` found wrong, in words that repeat nothing of the input: V8's own message quotes a stretch
 * of the text (`Unexpected token 'g', ..."apikey": grid_secre"... is not valid JSON`), which may hold a key or a
 * prompt, and no error message or log of the grid may (docs/mock-grid-core.md "Keys"). Only the position is kept.
 */
export function jsonSyntaxProblem(err: unknown): string {
  const at = /at position (\d+)/.exec(err instanceof Error ? err.message : '');
  return at ? `not valid JSON (at position ${at[1]})` : 'not valid JSON';
}
