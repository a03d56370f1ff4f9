/** An error's message with its cause's (fetch hides the real reason, e.g. ECONNREFUSED, in `cause`). */
export function causeText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}
