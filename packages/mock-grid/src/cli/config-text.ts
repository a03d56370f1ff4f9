import { parse as parseYaml } from 'yaml';

/**
 * A CLI file's text (`--keys`, `--simulate`) as data: JSON or YAML (YAML is a superset of JSON, so one parser
 * reads both). Throws an Error saying only where the text is broken: the parser's own message quotes the line,
 * which in a keys file may hold a key.
 */
export function parseConfigText(text: string): unknown {
  try {
    return parseYaml(text);
  } catch (err) {
    const at = (err as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
    throw new Error(`not valid JSON or YAML${at ? ` at line ${at.line}, column ${at.col}` : ''}`);
  }
}
