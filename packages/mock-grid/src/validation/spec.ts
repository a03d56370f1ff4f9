import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

/**
 * Compiles the bundled OpenAPI 3.1 document into ajv validators, once, at start-up: the request body, query and
 * path parameters of every operation, named component schemas (WebSocket frames), and — lazily, for tests — the
 * response schema of every operation + status. Per request this costs one compiled-function call.
 */

// Only the bits of an OpenAPI document we walk; everything else is opaque.
interface OpenApiParameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: Record<string, unknown>;
  $ref?: string;
}
interface OpenApiOperation {
  operationId?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: unknown }>; $ref?: string; required?: boolean };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }>; $ref?: string }>;
}
export interface OpenApiDocument {
  paths?: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown>; [k: string]: unknown };
  [k: string]: unknown;
}

const DOC_ID = 'aipg-openapi.json';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** One field-level problem, in the door-neutral form the doors format into their own error shapes. */
export interface FieldProblem {
  /** Path into the validated value, e.g. `['params', 'max_length']`; empty for the whole value. */
  path: (string | number)[];
  message: string;
  /** ajv keyword (`type`, `maximum`, `required`, …): used as the FastAPI-style `type`. */
  keyword: string;
}

export type Validator = (value: unknown) => FieldProblem[];

export interface OperationInfo {
  operationId: string;
  method: string;
  /** OpenAPI path template, e.g. `/api/v2/workers/{worker_id}`. */
  pathTemplate: string;
  body?: Validator;
  bodyRequired: boolean;
  /** Validates (and coerces in place) the query parameters collected into an object. */
  query?: Validator;
  queryNames: string[];
  /** Validates (and coerces in place) the path parameters. */
  path?: Validator;
}

const pointerEscape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function toProblems(errors: ErrorObject[] | null | undefined): FieldProblem[] {
  if (!errors) return [];
  return errors.map((e) => {
    const path: (string | number)[] = e.instancePath
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    if (e.keyword === 'required' && typeof e.params.missingProperty === 'string') {
      path.push(e.params.missingProperty);
      return { path, message: 'field required', keyword: 'missing' };
    }
    if (e.keyword === 'additionalProperties' && typeof e.params.additionalProperty === 'string') {
      path.push(e.params.additionalProperty);
      return { path, message: 'unknown field', keyword: 'extra_forbidden' };
    }
    if (e.keyword === 'enum' && Array.isArray(e.params.allowedValues)) {
      return { path, message: `must be one of ${JSON.stringify(e.params.allowedValues)}`, keyword: 'enum' };
    }
    return { path, message: e.message ?? 'is invalid', keyword: e.keyword };
  });
}

function wrap(fn: ValidateFunction): Validator {
  return (value) => (fn(value) ? [] : toProblems(fn.errors));
}

export class SpecValidators {
  readonly operations = new Map<string, OperationInfo>();
  private readonly bodyAjv: Ajv2020;
  private readonly paramAjv: Ajv2020;
  private readonly schemaCache = new Map<string, Validator>();
  private readonly responseCache = new Map<string, Validator | null | undefined>();

  constructor(readonly doc: OpenApiDocument) {
    const common = { strict: false, allErrors: true, validateFormats: false, validateSchema: false } as const;
    this.bodyAjv = new Ajv2020({ ...common });
    // Query and path values arrive as strings: coerce them to the declared types (in place) while validating.
    this.paramAjv = new Ajv2020({ ...common, coerceTypes: true, useDefaults: true });
    this.bodyAjv.addSchema(doc as object, DOC_ID);
    this.paramAjv.addSchema(doc as object, DOC_ID);
    this.compileOperations();
  }

  private compileOperations(): void {
    for (const [pathTemplate, item] of Object.entries(this.doc.paths ?? {})) {
      const shared = (item.parameters as OpenApiParameter[] | undefined) ?? [];
      for (const method of HTTP_METHODS) {
        const op = item[method] as OpenApiOperation | undefined;
        if (!op?.operationId) continue;
        const opPointer = `#/paths/${pointerEscape(pathTemplate)}/${method}`;
        const info: OperationInfo = {
          operationId: op.operationId,
          method: method.toUpperCase(),
          pathTemplate,
          bodyRequired: false,
          queryNames: [],
        };
        const requestBody = this.deref(op.requestBody) as OpenApiOperation['requestBody'];
        const jsonBody = requestBody?.content?.['application/json'];
        if (jsonBody?.schema !== undefined) {
          info.body = wrap(
            this.bodyAjv.compile({
              $ref: `${DOC_ID}${opPointer}/requestBody/content/application~1json/schema`,
            }),
          );
          info.bodyRequired = requestBody?.required === true;
        }
        const params = [...shared, ...(op.parameters ?? [])].map((p) => this.deref(p) as OpenApiParameter);
        for (const where of ['query', 'path'] as const) {
          const list = params.filter((p) => p.in === where);
          if (list.length === 0) continue;
          const schema = {
            type: 'object',
            properties: Object.fromEntries(list.map((p) => [p.name, p.schema ?? {}])),
            required: list.filter((p) => p.required || where === 'path').map((p) => p.name),
          };
          // Parameter schemas may $ref components: resolve them against the document.
          const validate = wrap(this.paramAjv.compile(rebase(schema)));
          if (where === 'query') {
            info.query = validate;
            info.queryNames = list.map((p) => p.name);
          } else {
            info.path = validate;
          }
        }
        this.operations.set(op.operationId, info);
      }
    }
  }

  /** Resolves a local `$ref` (`#/components/...`) one level; other values pass through. */
  private deref(value: unknown): unknown {
    let v = value as { $ref?: string } | undefined;
    for (let i = 0; i < 10 && v && typeof v.$ref === 'string' && v.$ref.startsWith('#/'); i++) {
      v = resolvePointer(this.doc, v.$ref) as { $ref?: string } | undefined;
    }
    return v;
  }

  operation(operationId: string): OperationInfo {
    const op = this.operations.get(operationId);
    if (!op) throw new Error(`operation ${operationId} is not in the OpenAPI document`);
    return op;
  }

  /** A validator for `components.schemas[name]` (compiled once, cached). */
  schema(name: string): Validator {
    let v = this.schemaCache.get(name);
    if (!v) {
      if (!this.doc.components?.schemas?.[name])
        throw new Error(`schema ${name} is not in the OpenAPI document`);
      v = wrap(this.bodyAjv.compile({ $ref: `${DOC_ID}#/components/schemas/${pointerEscape(name)}` }));
      this.schemaCache.set(name, v);
    }
    return v;
  }

  hasSchema(name: string): boolean {
    return this.doc.components?.schemas?.[name] !== undefined;
  }

  /**
   * The response validator for an operation + status + media type, falling back to `NXX` and `default`.
   * `null` when the spec declares no such response (a test failure in itself) or no schema for that media type.
   */
  response(
    operationId: string,
    status: number,
    mediaType = 'application/json',
  ): Validator | null | undefined {
    const key = `${operationId} ${status} ${mediaType}`;
    if (this.responseCache.has(key)) return this.responseCache.get(key);
    const info = this.operation(operationId);
    const item = this.doc.paths?.[info.pathTemplate]?.[info.method.toLowerCase()] as OpenApiOperation;
    const responses = item.responses ?? {};
    const code = [String(status), `${String(status)[0]}XX`, 'default'].find(
      (c) => responses[c] !== undefined,
    );
    let result: Validator | null | undefined;
    if (code === undefined) {
      result = undefined; // the status is not declared at all
    } else {
      const resp = this.deref(responses[code]) as
        | { content?: Record<string, { schema?: unknown }> }
        | undefined;
      const media = resp?.content?.[mediaType];
      if (media?.schema === undefined) {
        result = null;
      } else {
        const base =
          resp === responses[code]
            ? `${DOC_ID}#/paths/${pointerEscape(info.pathTemplate)}/${info.method.toLowerCase()}/responses/${code}`
            : `${DOC_ID}${(responses[code] as { $ref: string }).$ref}`;
        result = wrap(this.bodyAjv.compile({ $ref: `${base}/content/${pointerEscape(mediaType)}/schema` }));
      }
    }
    this.responseCache.set(key, result);
    return result;
  }
}

/** Rewrites local `#/...` refs inside a generated schema to point into the registered document. */
function rebase(schema: unknown): Record<string, unknown> {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, val] of Object.entries(v)) {
        out[k] =
          k === '$ref' && typeof val === 'string' && val.startsWith('#/') ? `${DOC_ID}${val}` : walk(val);
      }
      return out;
    }
    return v;
  };
  return walk(schema) as Record<string, unknown>;
}

function resolvePointer(doc: unknown, pointer: string): unknown {
  let cur: unknown = doc;
  for (const raw of pointer.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Formats a problem path for messages: `params.max_length`, `messages[2].content`. */
export function fieldName(path: (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || '(body)';
}
