/**
 * A small `multipart/form-data` reader (RFC 7578) for the one upload the grid takes, `POST /v1/files`
 * (spec: openapi/paths/v1_files.yaml). It reads the decoded body text: a batch file is UTF-8 JSONL, and the
 * boundaries and part headers are ASCII, so a body that decodes as UTF-8 splits the same as its bytes.
 */

export interface FormPart {
  name: string;
  /** The part's `filename`, when it is a file. */
  filename: string | undefined;
  contentType: string | undefined;
  value: string;
}

/** The boundary of a `multipart/form-data` Content-Type, or undefined when the type is another one. */
export function formBoundary(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const [type, ...params] = contentType.split(';');
  if (type?.trim().toLowerCase() !== 'multipart/form-data') return undefined;
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq === -1 || param.slice(0, eq).trim().toLowerCase() !== 'boundary') continue;
    let value = param.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    // RFC 2046: 1–70 characters.
    return value.length >= 1 && value.length <= 70 ? value : undefined;
  }
  return undefined;
}

/** A `name="…"` or `filename="…"` parameter of a Content-Disposition header (quoted, with `\"` escapes). */
function dispositionParam(header: string, name: string): string | undefined {
  const re = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i');
  const m = re.exec(header);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!.trim();
}

/**
 * The parts of a form body, or a message saying why it is not one. Parts without a `form-data` disposition
 * and a name are skipped; the preamble and epilogue are ignored.
 */
export function parseForm(text: string, boundary: string): FormPart[] | string {
  const delimiter = `--${boundary}`;
  let at = text.startsWith(delimiter) ? 0 : text.indexOf(`\r\n${delimiter}`);
  if (at === -1) return 'the body has no part with the boundary of its Content-Type';
  if (at > 0) at += 2;
  const parts: FormPart[] = [];
  for (;;) {
    at += delimiter.length;
    if (text.startsWith('--', at)) return parts; // the closing delimiter
    // Transport padding (spaces/tabs) may follow a delimiter before its CRLF.
    while (text[at] === ' ' || text[at] === '\t') at++;
    if (!text.startsWith('\r\n', at)) return 'a part delimiter is not followed by CRLF';
    at += 2;
    const headEnd = text.indexOf('\r\n\r\n', at);
    // A part with no headers starts its content at once.
    const noHeaders = text.startsWith('\r\n', at);
    if (headEnd === -1 && !noHeaders) return 'a part has no end of its headers';
    const head = noHeaders ? '' : text.slice(at, headEnd);
    const contentStart = noHeaders ? at + 2 : headEnd + 4;
    const next = text.indexOf(`\r\n${delimiter}`, contentStart);
    if (next === -1) return 'the body ends before the closing boundary';
    const headers = new Map<string, string>();
    for (const line of head.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const disposition = headers.get('content-disposition') ?? '';
    const name = dispositionParam(disposition, 'name');
    if (/^\s*form-data\s*(;|$)/i.test(disposition) && name !== undefined) {
      parts.push({
        name,
        filename: dispositionParam(disposition, 'filename'),
        contentType: headers.get('content-type'),
        value: text.slice(contentStart, next),
      });
    }
    at = next + 2;
  }
}
