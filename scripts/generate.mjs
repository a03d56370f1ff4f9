#!/usr/bin/env node
// Generates the artefacts that derive from the OpenAPI spec (openapi/aipg.yaml):
//   packages/sdk/src/generated/openapi.d.ts        types, via openapi-typescript
//   packages/mock-grid/src/generated/openapi.json  the bundled document (external $refs resolved), for ajv
//   packages/sdk/src/generated/limits.ts           the request fields' numeric bounds, as values (`limits`)
//   packages/python/src/aipg/_generated/models.py  pydantic v2 models, via datamodel-code-generator (uv)
//   packages/python/src/aipg/_generated/params.py  the same schemas as TypedDicts, for request params
// `--check` writes nothing: it exits 1 naming every committed file that differs from what the spec generates.
//
// Every output is byte-stable: the bundle keeps the spec's own key order, the JSON is printed with a fixed
// indent and a final newline, and nothing depends on the checkout's absolute path or on the clock.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { findUv } from './uv.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const specPath = 'openapi/aipg.yaml';
const typesPath = 'packages/sdk/src/generated/openapi.d.ts';
const bundlePath = 'packages/mock-grid/src/generated/openapi.json';
const limitsPath = 'packages/sdk/src/generated/limits.ts';
const pythonProject = 'packages/python';
const pythonModelsPath = `${pythonProject}/src/aipg/_generated/models.py`;
const pythonParamsPath = `${pythonProject}/src/aipg/_generated/params.py`;

/**
 * The request schemas whose bounds code checks or clamps to (the mock grid, the worker, apps): their limits
 * module is what those checks read, so no copy of a number is kept by hand.
 */
const LIMIT_SCHEMAS = [
  'ChatCompletionRequest',
  'HordeTextAsyncRequest',
  'HordeTextParams',
  'HordeTextPopRequest',
  'ImageGenerationRequest',
  'HordeImageAsyncRequest',
  'HordeImageParams',
  'HordeImagePopRequest',
  'FileUploadRequest',
  'BatchCreateRequest',
  'ClientWsLimits',
];
/** The JSON Schema keywords that bound a value, in the order they are printed. */
const BOUND_KEYWORDS = [
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
];

const TYPES_HEADER = `// generated — do not edit.
// Made by scripts/generate.mjs (openapi-typescript) from openapi/aipg.yaml; run \`pnpm gen\` after changing the spec.

`;

/** Bundles the split spec into one document with only internal (`#/components/...`) refs. */
function bundle() {
  const dir = mkdtempSync(join(tmpdir(), 'aipg-spec-'));
  const out = join(dir, 'aipg.json');
  try {
    // The redocly CLI rather than its library: the CLI is the root dev dependency that lint:spec already uses.
    // It runs under this same node binary, so no shell shim (node_modules/.bin) is involved.
    const cli = createRequire(join(root, 'package.json')).resolve('@redocly/cli/bin/cli.js');
    execFileSync(process.execPath, [cli, 'bundle', specPath, '--ext', 'json', '--output', out], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    return JSON.parse(readFileSync(out, 'utf8'));
  } catch (error) {
    const stderr = error.stderr ? String(error.stderr) : String(error);
    throw new Error(`redocly bundle failed for ${specPath}:\n${stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function generate() {
  const document = bundle();
  const json = `${JSON.stringify(document, null, 2)}\n`;
  if (json.includes(root)) throw new Error(`the bundle contains the absolute path ${root}`);
  // defaultNonNullable off: a default is what the server fills in, so the field stays optional for the sender;
  // only `required` makes a field required.
  const ast = await openapiTS(structuredClone(document), { defaultNonNullable: false });
  const types = TYPES_HEADER + descriptionsAsProse(nameSchemas(astToString(ast)));
  const [models, params] = await pythonModules(json);
  return new Map([
    [typesPath, types],
    [bundlePath, json],
    [limitsPath, limitsModule(document)],
    [pythonModelsPath, models],
    [pythonParamsPath, params],
  ]);
}

/**
 * datamodel-code-generator's flags (docs/python.md, "Generated types"). `--no-collapse-root-models` keeps the
 * named unions (`WsServerFrame`, `WsWorkerFrame`) as models of their own instead of inlining them where they are
 * used, and `--use-type-alias` makes them (and the enums) type aliases rather than wrapper models, so a field is
 * typed `list[WsJobKind]` of plain strings; `--extra-fields allow` keeps the fields a server adds beyond the spec,
 * as the spec allows.
 */
const DATAMODEL_FLAGS = [
  '--input-file-type',
  'openapi',
  '--preset',
  'standard-py310-20261027',
  '--enum-field-as-literal',
  'all',
  '--naming-strategy',
  'full-path',
  '--disable-timestamp',
  '--no-collapse-root-models',
  '--use-type-alias',
  '--extra-fields',
  'allow',
];

const PYTHON_HEADER = `# generated — do not edit.
# Made by scripts/generate.mjs (datamodel-code-generator) from openapi/aipg.yaml; run \`pnpm gen\` after changing the spec.
`;

/**
 * The module with an `__all__` naming every class and type alias it defines, so `aipg.types` re-exports them
 * with one star import and a schema the spec adds is public without a list kept by hand.
 */
function withAll(module) {
  const names = [...module.matchAll(/^(?:class (\w+)\b|(\w+)(?:: TypeAlias)? = )/gm)]
    .map((match) => match[1] ?? match[2])
    .filter((name) => !name.startsWith('_'));
  return `${module}\n__all__ = [\n${names.map((name) => `    ${JSON.stringify(name)},`).join('\n')}\n]\n`;
}

/** The Python SDK's two generated modules (pydantic models, TypedDict params) from the bundled document. */
async function pythonModules(json) {
  const uv = findUv();
  const dir = mkdtempSync(join(tmpdir(), 'aipg-py-'));
  try {
    // Named openapi.json wherever it is, so the generator's own header line never names a temporary path.
    const input = join(dir, 'openapi.json');
    writeFileSync(input, json);
    const one = (name, extra) =>
      new Promise((done, failed) => {
        const output = join(dir, name);
        const args = [
          'run',
          '--frozen',
          '--quiet',
          'datamodel-codegen',
          '--input',
          input,
          '--output',
          output,
        ];
        execFile(
          uv,
          [...args, ...DATAMODEL_FLAGS, ...extra],
          { cwd: join(root, pythonProject), encoding: 'utf8' },
          (error, _stdout, stderr) => {
            if (error) failed(new Error(`datamodel-codegen failed for ${name}:\n${stderr || error.message}`));
            else done(withAll(PYTHON_HEADER + readFileSync(output, 'utf8').replace(/^(#.*\n)+/, '')));
          },
        );
      });
    return await Promise.all([
      one('models.py', []),
      one('params.py', ['--output-model-type', 'typing.TypedDict']),
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Gives every component schema a top-level name: `components['schemas']['ChatCompletion']` becomes
 * `export type ChatCompletion = { … }` (a type alias rather than an interface, so a result stays assignable
 * to `Record<string, unknown>` as the inline type was), the
 * `components.schemas` map points at those declarations, and every `components["schemas"]["X"]` reference
 * reads `X`. Editors then show `ChatCompletionChoice[]` rather than the indexed-access path, and the SDK can
 * re-export each type under its spec name. The schema's JSDoc (its `description`) moves with it.
 */
function nameSchemas(source) {
  const file = ts.createSourceFile('openapi.d.ts', source, ts.ScriptTarget.Latest, true);
  const components = file.statements.find(
    (s) => ts.isInterfaceDeclaration(s) && s.name.text === 'components',
  );
  const schemas = components?.members.find(
    (m) =>
      ts.isPropertySignature(m) &&
      m.name.getText(file) === 'schemas' &&
      m.type &&
      ts.isTypeLiteralNode(m.type),
  );
  if (!schemas) throw new Error('openapi-typescript output has no components.schemas to name');
  const taken = new Set(file.statements.map((s) => s.name?.text).filter(Boolean));
  const declarations = [];
  const entries = [];
  for (const member of schemas.type.members) {
    const name = ts.isStringLiteral(member.name) ? member.name.text : member.name.getText(file);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw new Error(`schema name ${name} is not a TypeScript identifier`);
    if (taken.has(name)) throw new Error(`schema name ${name} clashes with a generated declaration`);
    const docs = dedent(source.slice(member.getFullStart(), member.getStart(file)).replace(/^\s*\n/, ''), 8);
    const type = dedent(source.slice(member.type.getStart(file), member.type.end), 8);
    declarations.push(`${docs}export type ${name} = ${type};\n`);
    entries.push(`        ${name}: ${name};\n`);
  }
  const start = schemas.type.getStart(file);
  const rewritten = `${source.slice(0, start)}{\n${entries.join('')}    }${source.slice(schemas.type.end, components.end)}\n${declarations.join('')}${source.slice(components.end).replace(/^\n/, '')}`;
  return rewritten.replace(/components\["schemas"\]\["([A-Za-z_][A-Za-z0-9_]*)"\]/g, '$1');
}

/**
 * openapi-typescript writes a `description` as an `@description …` tag, which editors show as a tag below the
 * signature (or not at all). Turned into the comment's leading prose — first, before `Format:`, `@deprecated`,
 * `@default`, … — it is the field's documentation, as in hand-written JSDoc. Its continuation lines lose the
 * 4-space tag indent (which markdown would render as a code block).
 */
function descriptionsAsProse(source) {
  return source.replace(/\/\*\*[\s\S]*?\*\//g, (block) => {
    const single = /^\/\*\* @description ([^\n]*) \*\/$/.exec(block);
    if (single) return `/** ${single[1]} */`;
    const lines = block.split('\n');
    const start = lines.findIndex((line) => /^\s*\* @description /.test(line));
    if (start < 0) return block;
    let end = start + 1;
    while (end < lines.length && /^\s*\* {5}/.test(lines[end])) end++;
    const prose = lines
      .slice(start, end)
      .map((line) => line.replace(/^(\s*\* )@description /, '$1').replace(/^(\s*\* ) {4}/, '$1'));
    lines.splice(start, end - start);
    lines.splice(1, 0, ...prose);
    return lines.join('\n');
  });
}

/**
 * The bounds of each `LIMIT_SCHEMAS` property that has any: the `BOUND_KEYWORDS`, the grid's own limits
 * that JSON Schema has no keyword for (an `x-…` extension with a number, camelCased: `x-max-text-chars` →
 * `maxTextChars`), a numeric `default`, and the same for an array's `items`. Properties without a bound
 * are left out, so the module stays a few hundred bytes in the SDK's browser bundle.
 */
function limitsModule(document) {
  const schemas = document.components?.schemas ?? {};
  const boundsOf = (schema) => {
    const bounds = {};
    for (const key of BOUND_KEYWORDS) if (typeof schema[key] === 'number') bounds[key] = schema[key];
    for (const [key, value] of Object.entries(schema)) {
      if (key.startsWith('x-') && typeof value === 'number') bounds[camelCase(key.slice(2))] = value;
    }
    if (Object.keys(bounds).length > 0 && typeof schema.default === 'number') bounds.default = schema.default;
    const items = schema.items && typeof schema.items === 'object' ? boundsOf(schema.items) : {};
    if (Object.keys(items).length > 0) bounds.items = items;
    return bounds;
  };
  const lines = [];
  for (const name of LIMIT_SCHEMAS) {
    const schema = schemas[name];
    if (!schema?.properties) throw new Error(`limits: ${name} is not an object schema in ${specPath}`);
    lines.push(`  /** \`${name}\` (#/components/schemas/${name}). */`, `  ${name}: {`);
    for (const [property, definition] of Object.entries(schema.properties)) {
      const bounds = boundsOf(definition);
      if (Object.keys(bounds).length > 0) lines.push(`    ${property}: ${literal(bounds)},`);
    }
    lines.push('  },');
  }
  return `// generated — do not edit.
// Made by scripts/generate.mjs from openapi/aipg.yaml; run \`pnpm gen\` after changing the spec.

/**
 * The numeric bounds the spec gives request fields, per schema and property: \`minimum\` / \`maximum\`,
 * \`minItems\` / \`maxItems\`, \`minLength\` / \`maxLength\`, the grid's own limits (\`maxTextChars\`: characters
 * of message text, counted by \`contentText\`; \`keptItems\`: entries kept, the rest ignored), the numeric
 * \`default\`, and an array's \`items\` bounds. E.g. \`limits.ChatCompletionRequest.max_tokens.maximum\`.
 */
export const limits = {
${lines.join('\n')}
} as const;
`;
}

function camelCase(kebab) {
  return kebab.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());
}

/** `{ minimum: 1, items: { maxLength: 255 } }`: a one-line object literal with identifier keys. */
function literal(value) {
  if (typeof value !== 'object') return JSON.stringify(value);
  return `{ ${Object.entries(value)
    .map(([key, v]) => `${key}: ${literal(v)}`)
    .join(', ')} }`;
}

/** Removes up to `width` leading spaces from every line (the depth of `components.schemas` members). */
function dedent(text, width) {
  const indent = new RegExp(`^ {0,${width}}`, 'gm');
  return text.replace(indent, '');
}

function readOrNull(path) {
  try {
    return readFileSync(join(root, path), 'utf8');
  } catch {
    return null;
  }
}

async function main() {
  const check = process.argv.includes('--check');
  const outputs = await generate();
  if (check) {
    const stale = [...outputs].filter(([path, text]) => readOrNull(path) !== text).map(([path]) => path);
    if (stale.length > 0) {
      for (const path of stale)
        console.error(`gen:check: ${path} is stale (it differs from what ${specPath} generates).`);
      console.error('Run `pnpm gen` and commit the result.');
      process.exit(1);
    }
    console.log(`gen:check: ${[...outputs.keys()].join(', ')} match ${specPath}.`);
    return;
  }
  for (const [path, text] of outputs) {
    if (readOrNull(path) === text) continue;
    writeFileSync(join(root, path), text);
    console.log(`wrote ${relative(root, join(root, path))}`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
