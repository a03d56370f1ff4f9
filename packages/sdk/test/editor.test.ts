import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// What a user's editor shows for the SDK's types, asked of the TypeScript language service itself (the
// engine behind editor hovers): result types read as names, fields carry the spec's descriptions, and a
// misspelt result field is an error that suggests the right one.

const sdkRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const probePath = join(sdkRoot, 'test', 'editor-probe.ts');
const probe = `import { Grid } from '../src/index';
const grid = new Grid({ apiKey: 'grid_x' });
export async function probe() {
  const reply = await grid.chat.completions.create({ model: 'auto', messages: [], temperature: 0.5 });
  reply.choices;
  reply.grid;
  reply.usage;
  const stream = await grid.chat.completions.create({ model: 'auto', messages: [], stream: true });
  const final = await stream.finalChatCompletion();
  final.choices[0]!.message.contnet;
}
`;

function languageService(): ts.LanguageService {
  const configPath = join(sdkRoot, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile).config;
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, sdkRoot);
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [probePath],
    getScriptVersion: () => '1',
    getScriptSnapshot: (file) => {
      const text = file === probePath ? probe : ts.sys.readFile(file);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => sdkRoot,
    getCompilationSettings: () => options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (file) => file === probePath || ts.sys.fileExists(file),
    readFile: (file) => (file === probePath ? probe : ts.sys.readFile(file)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  return ts.createLanguageService(host, ts.createDocumentRegistry());
}

const service = languageService();

/** The hover over the first occurrence of `needle` in the probe: its signature line and its doc text. */
function hover(needle: string): { signature: string; docs: string } {
  const at = probe.indexOf(needle);
  if (at < 0) throw new Error(`${needle} is not in the probe`);
  const info = service.getQuickInfoAtPosition(probePath, at + 1);
  return {
    signature: ts.displayPartsToString(info?.displayParts),
    docs: ts.displayPartsToString(info?.documentation),
  };
}

describe('in an editor', () => {
  it('result fields read as named types, not as paths into the generated components', () => {
    expect(hover('choices;').signature).toBe('(property) choices: ChatCompletionChoice[]');
    expect(hover('grid;').signature).toBe('(property) grid?: GridMetadata | undefined');
    expect(hover('usage;').signature).toBe('(property) usage: CompletionUsage');
    expect(hover('finalChatCompletion()').signature).toContain('Promise<WithRequestID<ChatCompletion>>');
    for (const needle of ['choices;', 'grid;', 'usage;'])
      expect(hover(needle).signature).not.toContain('components[');
  }, 60_000);

  it('request and result fields carry their description from the spec', () => {
    expect(hover('temperature').docs).toMatch(/^Sampling temperature, 0–2\./);
    expect(hover('choices;').docs).toMatch(/one per requested `n`/);
    expect(hover('grid;').docs).toMatch(/Which worker served the request/);
  }, 60_000);

  it('a misspelt result field is an error that suggests the right name', () => {
    const messages = service
      .getSemanticDiagnostics(probePath)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(messages).toEqual([
      "Property 'contnet' does not exist on type 'ChatCompletionMessage'. Did you mean 'content'?",
    ]);
  }, 60_000);
});
