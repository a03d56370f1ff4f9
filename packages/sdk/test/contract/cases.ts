// The contract fixtures (openapi/contract/*.json) as data, and the language-neutral half of running them:
// placeholders, field assertions and shape checks. The format is openapi/contract/README.md's.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { CONTRACT_DIR, ROOT } from './harness';

export interface ClientSpec {
  /** An account of harness/keys.json, by username (default `requester`). */
  as?: string;
  /** A literal API key, instead of `as`. */
  api_key?: string;
  /** A literal base URL, instead of the harness grid's. */
  base_url?: string;
  max_retries?: number;
}

export interface Assertion {
  path: string;
  equals?: unknown;
  non_empty?: true;
  contains?: string;
  one_of?: unknown[];
}

export interface Expectation {
  /** A component schema of the bundled spec; `Name[]` is an array of them. */
  shape?: string;
  /** Streams: the schema every chunk must validate against. */
  chunk_shape?: string;
  assert?: Assertion[];
}

export interface ErrorExpectation {
  type: string;
  status?: number;
  rc?: string;
  detail_contains?: string;
}

export interface Step {
  call: string;
  args?: unknown[];
  params?: Record<string, unknown>;
  client?: ClientSpec;
  save?: string;
  expect?: Expectation;
  error?: ErrorExpectation;
}

export interface ContractCase extends Partial<Step> {
  name: string;
  steps?: Step[];
}

export interface LoadedCase {
  /** `file.json: case name`. */
  title: string;
  steps: Step[];
}

/** Every case of every fixture file, in file order. */
export function loadCases(): LoadedCase[] {
  const files = readdirSync(CONTRACT_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort();
  return files.flatMap((file) => {
    const { cases } = JSON.parse(readFileSync(join(CONTRACT_DIR, file), 'utf8')) as {
      cases: ContractCase[];
    };
    return cases.map((c) => {
      const { name, steps, client, ...single } = c;
      const list = steps ?? [single as Step];
      // A case-level client is every step's default.
      return {
        title: `${file}: ${name}`,
        steps: list.map((step) => ({ ...step, client: step.client ?? client })),
      };
    });
  });
}

/** The value at a dotted path (`choices.0.message.role`); `""` is the value itself. */
export function at(value: unknown, path: string): unknown {
  if (path === '') return value;
  return path.split('.').reduce<unknown>((node, key) => {
    if (Array.isArray(node)) return node[Number(key)];
    if (node !== null && typeof node === 'object') return (node as Record<string, unknown>)[key];
    return undefined;
  }, value);
}

/** Replaces every string `"{{name.path}}"` by the value at `path` of the result saved as `name`. */
export function resolve(value: unknown, saved: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    const match = /^\{\{(\w+)(?:\.(.+))?\}\}$/.exec(value);
    if (!match) return value;
    const [, name, path = ''] = match;
    if (!(name! in saved)) throw new Error(`placeholder ${value}: no step saved a result as "${name}"`);
    return at(saved[name!], path);
  }
  if (Array.isArray(value)) return value.map((item) => resolve(item, saved));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, saved)]));
  }
  return value;
}

/** What is wrong with `value` against one assertion, or `undefined`. */
export function assertionProblem(value: unknown, assertion: Assertion): string | undefined {
  const got = at(value, assertion.path);
  const where = assertion.path === '' ? 'the result' : assertion.path;
  const shown = JSON.stringify(got);
  if ('equals' in assertion && !deepEqual(got, assertion.equals)) {
    return `${where} is ${shown}, expected ${JSON.stringify(assertion.equals)}`;
  }
  if (assertion.non_empty && !isNonEmpty(got)) return `${where} is ${shown}, expected it non-empty`;
  if (assertion.contains !== undefined && !(typeof got === 'string' && got.includes(assertion.contains))) {
    return `${where} is ${shown}, expected a string containing ${JSON.stringify(assertion.contains)}`;
  }
  if (assertion.one_of && !assertion.one_of.some((option) => deepEqual(got, option))) {
    return `${where} is ${shown}, expected one of ${JSON.stringify(assertion.one_of)}`;
  }
  return undefined;
}

function isNonEmpty(value: unknown): boolean {
  if (typeof value === 'string' || Array.isArray(value)) return value.length > 0;
  if (value !== null && typeof value === 'object') return Object.keys(value).length > 0;
  return value !== undefined && value !== null;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Shape checks against the bundled spec, as the mock grid loads it (docs/spec.md, "Generation and the drift check"). */
export class Shapes {
  readonly #ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  readonly #compiled = new Map<string, ValidateFunction>();
  readonly #names: Set<string>;

  constructor() {
    const file = join(ROOT, 'packages/mock-grid/src/generated/openapi.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { components: { schemas: object } };
    this.#names = new Set(Object.keys(doc.components.schemas));
    this.#ajv.addSchema(doc, 'openapi.json');
  }

  /** Problems of `value` against `shape` (`Name` or `Name[]`); empty when it validates. */
  problems(value: unknown, shape: string): string[] {
    const name = shape.replace(/\[\]$/, '');
    if (!this.#names.has(name)) return [`${name} is not a component schema of the spec`];
    const ref = { $ref: `openapi.json#/components/schemas/${name}` };
    const schema = shape.endsWith('[]') ? { type: 'array', items: ref } : ref;
    let validate = this.#compiled.get(shape);
    if (!validate) {
      validate = this.#ajv.compile(schema);
      this.#compiled.set(shape, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${shape}${e.instancePath || ''} ${e.message ?? e.keyword}`);
  }
}
