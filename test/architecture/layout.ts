// Reads the Layout block of docs/architecture.md: a fenced block of `<indent><paths>  <description>` lines,
// where a line's paths are relative to the nearest less-indented line that names one folder.

export interface LayoutEntry {
  /** Repository-relative; ends with `/` when the page names a folder. */
  path: string;
  /** Line number in the Markdown file. */
  line: number;
}

/** A path as the block writes one: letters, digits, `._-` and `/`, and either a `/` or a file extension. */
const PATH = /^[\w.-]+(\/[\w.-]+)*\/?$/;

function isPath(token: string): boolean {
  return PATH.test(token) && (token.includes('/') || /\.\w+$/.test(token));
}

/** The fenced block right after the `## Layout` heading, with the line number of its first line. */
export function layoutBlock(markdown: string): { lines: string[]; firstLine: number } | undefined {
  const lines = markdown.split('\n');
  const heading = lines.findIndex((line) => /^##\s+Layout\s*$/.test(line));
  if (heading === -1) return undefined;
  const open = lines.findIndex((line, i) => i > heading && line.startsWith('```'));
  if (open === -1 || lines.slice(heading + 1, open).some((line) => line.startsWith('#'))) return undefined;
  const close = lines.findIndex((line, i) => i > open && line.startsWith('```'));
  if (close === -1) return undefined;
  return { lines: lines.slice(open + 1, close), firstLine: open + 2 };
}

/**
 * The paths a line names, before its description: tokens separated by `, ` or by two or more spaces
 * (`worker/  chat/  demo/`). A path-looking word followed by a single space (`generate.mjs (spec …`) is
 * already prose.
 */
export function pathsOnLine(text: string): string[] {
  const paths: string[] = [];
  let rest = text.trim();
  while (rest) {
    const match = /^(\S+?)(,?)(\s+|$)/.exec(rest);
    if (!match) break;
    const [whole, token, comma, gap] = match as unknown as [string, string, string, string];
    const separated = comma === ',' || gap.length >= 2 || gap.length === 0;
    if (!isPath(token) || !separated) break;
    paths.push(token);
    rest = rest.slice(whole.length);
  }
  return paths;
}

export function layoutEntries(markdown: string): LayoutEntry[] {
  const block = layoutBlock(markdown);
  if (!block) throw new Error('docs/architecture.md has no fenced block under "## Layout"');
  const entries: LayoutEntry[] = [];
  // Folders that later, deeper lines are relative to: [indent, path].
  const parents: Array<[number, string]> = [];
  block.lines.forEach((text, i) => {
    const paths = pathsOnLine(text);
    if (paths.length === 0) return; // a blank line or a description carried onto the next line
    const indent = text.length - text.trimStart().length;
    while (parents.length > 0 && parents[parents.length - 1]![0] >= indent) parents.pop();
    const base = parents[parents.length - 1]?.[1] ?? '';
    for (const path of paths) entries.push({ path: base + path, line: block.firstLine + i });
    if (paths.length === 1 && paths[0]!.endsWith('/')) parents.push([indent, base + paths[0]]);
  });
  return entries;
}
