import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../packaging/scratch.js';

// The spec feeds a code generator per language (docs/spec.md, "Names every generator can use"). Each rule below
// is one that a generator tripped on: names that collide once a generator names things, enum values that differ
// only in punctuation, and schemas no operation reaches (generators that prune drop them).

type Json = { [key: string]: unknown };
const doc = JSON.parse(
  readFileSync(join(ROOT, 'packages/mock-grid/src/generated/openapi.json'), 'utf8'),
) as Json;
const components = doc.components as Record<string, Record<string, Json>>;
const schemas = components.schemas ?? {};

const pascal = (name: string) =>
  name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

/** Every value of every `$ref` inside `node`, at any depth. */
function refsIn(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) refsIn(item, out);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') out.push(value);
      else refsIn(value, out);
    }
  }
  return out;
}

/** Every enum (with where it is) inside `node`, at any depth. */
function enumsIn(node: unknown, at: string, out: Array<[string, unknown[]]> = []) {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) enumsIn(item, `${at}/${i}`, out);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'enum' && Array.isArray(value)) out.push([at, value]);
      else enumsIn(value, `${at}/${key}`, out);
    }
  }
  return out;
}

describe('the spec is safe for every language generator', () => {
  it('uses each component name once across schemas, responses, parameters and request bodies', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const [section, entries] of Object.entries(components)) {
      for (const name of Object.keys(entries)) {
        const before = seen.get(name);
        if (before) clashes.push(`${name}: in ${before} and ${section}`);
        seen.set(name, section);
      }
    }
    expect(seen.size).toBeGreaterThan(50);
    expect(clashes).toEqual([]);
  });

  it('has no inline enum or const property whose generated name (Schema + Property) is a component', () => {
    const clashes: string[] = [];
    for (const [name, schema] of Object.entries(schemas)) {
      const properties = (schema.properties ?? {}) as Record<string, Json>;
      for (const [property, value] of Object.entries(properties)) {
        if (!('enum' in value) && !('const' in value)) continue;
        const generated = `${name}${pascal(property)}`;
        if (generated in schemas) clashes.push(`${name}.${property} → ${generated}`);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('has no enum whose values differ only in case or punctuation', () => {
    const enums = enumsIn(doc, '#');
    expect(enums.length).toBeGreaterThan(10);
    const near: string[] = [];
    for (const [at, values] of enums) {
      const byKey = new Map<string, unknown>();
      for (const value of values) {
        const key = String(value)
          .toLowerCase()
          .replace(/[^a-z0-9]/g, '');
        if (byKey.has(key))
          near.push(`${at}: ${JSON.stringify(byKey.get(key))} and ${JSON.stringify(value)}`);
        byKey.set(key, value);
      }
    }
    expect(near).toEqual([]);
  });

  // A WebSocket close status is no message body, so no operation can carry it; it is kept by name.
  const NOT_ON_ANY_BODY = ['WsCloseCode', 'ClientWsCloseCode'];

  it('reaches every component schema from an operation', () => {
    const reached = new Set<string>();
    const pending = refsIn(doc.paths);
    while (pending.length > 0) {
      const ref = pending.pop() as string;
      if (reached.has(ref)) continue;
      reached.add(ref);
      const [, section = '', name = ''] = ref.replace('#/components/', '#/').split('/');
      pending.push(...refsIn(components[section]?.[name]));
    }
    const unreached = Object.keys(schemas).filter(
      (name) => !reached.has(`#/components/schemas/${name}`) && !NOT_ON_ANY_BODY.includes(name),
    );
    expect(unreached).toEqual([]);
  });
});
