import { describe, expect, it } from 'vitest';
import document from '../../src/generated/openapi.json';

/**
 * Every field on the wire is documented in the spec, where openapi-typescript turns its `description` into the
 * doc comment an editor shows for that field in @aipg/sdk (docs/spec.md, "Descriptions"). This reads the bundled
 * document (`pnpm gen` output, kept equal to openapi/ by `pnpm gen:check`), so a pointer such as
 * `#/components/schemas/HordeTextParams/properties/top_k` names the schema and field to describe.
 */

/** JSON pointers of every schema property (at any depth, in any schema) that has no non-empty `description`. */
function undocumentedProperties(root: unknown): string[] {
  const missing: string[] = [];
  const walk = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) walk(item, `${pointer}/${i}`);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      // Examples are data, not schemas: a field called `properties` in one must not count.
      if (key === 'examples' || key === 'example') continue;
      const at = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [name, schema] of Object.entries(value)) {
          if (!hasDescription(schema)) missing.push(`${at}/${name}`);
        }
      }
      walk(value, at);
    }
  };
  walk(root, '#');
  return missing;
}

/** Pointers of every parameter (path, query, header) without a description. */
function undocumentedParameters(root: unknown): string[] {
  const doc = root as {
    paths?: Record<string, Record<string, { parameters?: unknown[] }>>;
    components?: { parameters?: Record<string, unknown> };
  };
  const missing: string[] = [];
  for (const [name, parameter] of Object.entries(doc.components?.parameters ?? {})) {
    if (!hasDescription(parameter)) missing.push(`#/components/parameters/${name}`);
  }
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      (operation?.parameters ?? []).forEach((parameter, i) => {
        const isRef = typeof (parameter as { $ref?: unknown }).$ref === 'string';
        if (!isRef && !hasDescription(parameter)) missing.push(`#/paths/${path}/${method}/parameters/${i}`);
      });
    }
  }
  return missing;
}

function hasDescription(schema: unknown): boolean {
  const description = (schema as { description?: unknown } | null)?.description;
  return typeof description === 'string' && description.trim() !== '';
}

describe('the spec documents every field', () => {
  it('gives every schema property a description', () => {
    expect(undocumentedProperties(document)).toEqual([]);
  });

  it('gives every parameter a description', () => {
    expect(undocumentedParameters(document)).toEqual([]);
  });

  it('catches a property without one', () => {
    const schema = {
      components: {
        schemas: {
          A: {
            type: 'object',
            properties: { ok: { type: 'string', description: 'Fine.' }, bare: { type: 'string' } },
            examples: [{ properties: { x: 1 } }],
          },
          B: { type: 'array', items: { type: 'object', properties: { blank: { description: ' ' } } } },
        },
      },
    };
    expect(undocumentedProperties(schema)).toEqual([
      '#/components/schemas/A/properties/bare',
      '#/components/schemas/B/items/properties/blank',
    ]);
  });
});
