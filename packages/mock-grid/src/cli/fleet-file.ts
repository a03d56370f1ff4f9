import { readFile } from 'node:fs/promises';
import { FleetError, type FleetSpec, parseFleet } from '../simulate/fleet.js';
import { parseConfigText } from './config-text.js';

/**
 * The `--simulate FILE` format (docs/mock-grid.md "Simulated workers"): JSON or YAML, `{workers: [...]}`, checked
 * by `parseFleet`. Every problem is a `FleetError` that starts with the file and names the field.
 */
export function parseFleetText(text: string, source = 'fleet file'): FleetSpec {
  let data: unknown;
  try {
    data = parseConfigText(text);
  } catch (err) {
    throw new FleetError('', (err as Error).message, source);
  }
  try {
    return parseFleet(data);
  } catch (err) {
    if (err instanceof FleetError) throw new FleetError(err.field, err.reason, source);
    throw err;
  }
}

export async function readFleetFile(path: string): Promise<FleetSpec> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new FleetError('', `cannot read (${code})`, `--simulate ${path}`);
  }
  return parseFleetText(text, path);
}
