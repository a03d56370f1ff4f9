/** The parsed JSON, or the text itself when it is not JSON (error bodies and events may be either). */
export function parseJSONOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
