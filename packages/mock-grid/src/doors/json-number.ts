/**
 * `JSON.parse` rounds an integer past 2^53 − 1 to the nearest double, so an error about such a value would name
 * a number the client never sent (9007199254740993 reads back as 9007199254740992). This finds the number as it
 * was written in the body, for the message (spec: `ChatCompletionRequest.seed` in openapi/components/v1.yaml).
 */

/** Whether `value` may differ from the literal it was parsed from (an integer beyond JSON's exact range). */
export function isRounded(value: unknown): value is number {
  return typeof value === 'number' && Math.abs(value) > Number.MAX_SAFE_INTEGER;
}

/**
 * The source text of the number at `path` in `text`, a document `JSON.parse` accepted (so no error handling);
 * a repeated key counts by its last occurrence, as in `JSON.parse`. `undefined` when there is no number there.
 */
export function numberLiteralAt(text: string, path: ReadonlyArray<string | number>): string | undefined {
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const skipString = () => {
    i++; // the opening quote
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
  };
  const skipValue = () => {
    let depth = 0;
    do {
      const c = text[i];
      if (c === '"') skipString();
      else {
        if (c === '{' || c === '[') depth++;
        else if (c === '}' || c === ']') depth--;
        i++;
        // A primitive ends where the next delimiter starts.
        if (depth === 0 && c !== '}' && c !== ']')
          while (i < text.length && !',}] \t\n\r'.includes(text[i]!)) i++;
      }
    } while (depth > 0 && i < text.length);
  };

  for (const step of path) {
    skipSpace();
    if (text[i] === '{') {
      i++;
      let found: number | undefined;
      for (;;) {
        skipSpace();
        if (text[i] === '}') break;
        const start = i;
        skipString();
        const key = JSON.parse(text.slice(start, i)) as string;
        skipSpace();
        i++; // the colon
        skipSpace();
        if (key === String(step)) found = i;
        skipValue();
        skipSpace();
        if (text[i] === ',') i++;
      }
      if (found === undefined) return undefined;
      i = found;
    } else if (text[i] === '[' && typeof step === 'number') {
      i++;
      for (let index = 0; index < step; index++) {
        skipSpace();
        if (text[i] === ']') return undefined;
        skipValue();
        skipSpace();
        if (text[i] === ',') i++;
      }
      skipSpace();
      if (text[i] === ']') return undefined;
    } else {
      return undefined;
    }
  }
  skipSpace();
  return /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i))?.[0];
}
