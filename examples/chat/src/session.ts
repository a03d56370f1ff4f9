// One conversation: the history, the settings, the /commands, and the streamed answers.
import { writeFile } from 'node:fs/promises';
import {
  APIUserAbortError,
  type ChatCompletion,
  type ChatCompletionCreateParamsStreaming,
  type ChatCompletionStream,
  type components,
  type ImageGenerateOptions,
  type ImageGenerateParams,
  type ImagesResult,
  type ModelList,
  type RequestOptions,
} from '@aipg/sdk';
import { saveImages } from '@aipg/sdk/node';
import {
  DEFAULT_IMAGE_DIR,
  parseMaxTokens,
  parseTemperature,
  SettingError,
  type Settings,
} from './settings.js';

export type ChatMessage = components['schemas']['ChatMessage'];

/** The part of the sdk's `Grid` client the chat uses (`new Grid()` fits). */
export interface ChatClient {
  chat: {
    completions: {
      create(
        body: ChatCompletionCreateParamsStreaming,
        options?: RequestOptions,
      ): Promise<ChatCompletionStream>;
    };
  };
  models: { list(options?: RequestOptions): Promise<ModelList> };
  images: { generate(params: ImageGenerateParams, options?: ImageGenerateOptions): Promise<ImagesResult> };
}

/** What `/save` writes: enough to read the conversation back or send it again. */
export interface SavedConversation {
  model: string;
  settings: { system: string | null; temperature: number | null; max_tokens: number | null };
  /** As sent with the next question: the system prompt (if any) first, then the turns. */
  messages: ChatMessage[];
}

export const HELP = `Commands:
  /model <id>         switch model (the history stays); /model alone shows the current one
  /models             list the models the grid serves right now
  /system <text>      set the system prompt; /system alone removes it
  /temperature <0-2>  set the temperature; alone: back to the grid's default
  /max-tokens <n>     cap the answer length; alone: back to the grid's default
  /save <file>        write the conversation (messages, model, settings) as JSON
  /image <prompt>     make a picture (POST /v1/images/generations) and save it as a file
  /help               this list
  /exit               quit (so does Ctrl-D; Ctrl-C stops an answer)
Anything else is a question for the model.
`;

export class ChatSession {
  /** User and assistant turns, oldest first (the system prompt lives in `settings`). */
  readonly history: ChatMessage[] = [];
  #answering: AbortController | undefined;

  constructor(
    private readonly client: ChatClient,
    readonly settings: Settings,
    /** Where everything the chat prints goes (answers arrive in pieces, so no newline is added). */
    private readonly write: (text: string) => void,
  ) {}

  /** Handles one input line: a /command or a question. Resolves `false` when the chat should end. */
  async handle(line: string): Promise<boolean> {
    const text = line.trim();
    if (text === '') return true;
    if (!text.startsWith('/')) {
      await this.ask(text);
      return true;
    }
    const command = text.split(/\s/, 1)[0]!;
    const arg = text.slice(command.length).trim();
    try {
      return await this.#command(command, arg, arg !== '');
    } catch (error) {
      this.write(`${errorMessage(error)}\n`);
      return true;
    }
  }

  /** Stops the answer being streamed (Ctrl-C). Returns whether one was. */
  interrupt(): boolean {
    if (!this.#answering) return false;
    this.#answering.abort();
    return true;
  }

  /** Streams the model's answer to `question`; the turn joins the history only when the answer completes. */
  async ask(question: string): Promise<void> {
    const { model, temperature, maxTokens } = this.settings;
    const asked: ChatMessage = { role: 'user', content: question };
    const controller = new AbortController();
    this.#answering = controller;
    this.write(`${model}> `);
    try {
      const stream = await this.client.chat.completions.create(
        {
          model,
          messages: [...this.#systemMessages(), ...this.history, asked],
          temperature,
          max_tokens: maxTokens,
          stream: true,
        },
        { signal: controller.signal },
      );
      stream.on('text', (delta) => this.write(delta));
      const answer = await stream.finalChatCompletion();
      this.history.push(asked, { role: 'assistant', content: answer.choices[0]?.message.content ?? '' });
      this.write(`\n${describeGrid(answer)}\n`);
    } catch (error) {
      // An aborted or failed turn is left out of the history, so the next question starts clean.
      if (error instanceof APIUserAbortError) this.write('\n(answer stopped; not kept in the history)\n');
      else this.write(`\nerror: ${errorMessage(error)}\n`);
    } finally {
      this.#answering = undefined;
    }
  }

  /**
   * `/image`: one picture through the grid (the same /v1 door as the chat), saved with `@aipg/sdk/node`'s
   * `saveImages`; prints where it went and what the grid says about it. Not part of the conversation history.
   */
  async image(prompt: string): Promise<void> {
    const { imageModel, imageDir = DEFAULT_IMAGE_DIR } = this.settings;
    const controller = new AbortController();
    this.#answering = controller;
    this.write(`image> making "${prompt}" with ${imageModel ?? "the grid's image model"}…\n`);
    try {
      const result = await this.client.images.generate(
        { prompt, model: imageModel, n: 1, response_format: 'b64_json' },
        { signal: controller.signal },
      );
      const image = result.images[0];
      if (!image) throw new Error('the grid answered with no image');
      // Named for the prompt and seed: the same prompt and seed make the same picture, so a rerun may replace it.
      const prefix = `${slug(prompt)}-${image.seed ?? 'noseed'}`;
      const [path] = await saveImages(result, imageDir, { prefix });
      this.write(`saved ${path}\n${describeImage(image, result.grid?.den)}\n`);
    } catch (error) {
      if (error instanceof APIUserAbortError) this.write('(image stopped)\n');
      else this.write(`error: ${errorMessage(error)}\n`);
    } finally {
      this.#answering = undefined;
    }
  }

  /** The conversation as `/save` writes it. */
  toJSON(): SavedConversation {
    const { model, system, temperature, maxTokens } = this.settings;
    return {
      model,
      settings: { system: system ?? null, temperature: temperature ?? null, max_tokens: maxTokens ?? null },
      messages: [...this.#systemMessages(), ...this.history],
    };
  }

  #systemMessages(): ChatMessage[] {
    return this.settings.system ? [{ role: 'system', content: this.settings.system }] : [];
  }

  async #command(command: string, arg: string, hasArg: boolean): Promise<boolean> {
    const settings = this.settings;
    switch (command) {
      case '/exit':
        return false;
      case '/help':
        this.write(HELP);
        break;
      case '/model':
        if (hasArg) await this.#switchModel(arg);
        this.write(`model: ${settings.model}\n`);
        break;
      case '/models': {
        const { data } = await this.client.models.list();
        if (data.length === 0) this.write('no models online right now\n');
        for (const m of data) this.write(`${m.id === settings.model ? '*' : ' '} ${m.id}\n`);
        break;
      }
      case '/system':
        settings.system = hasArg ? arg : undefined;
        this.write(hasArg ? 'system prompt set\n' : 'system prompt removed\n');
        break;
      case '/temperature':
        settings.temperature = hasArg ? parseTemperature(arg) : undefined;
        this.write(`temperature: ${settings.temperature ?? 'grid default'}\n`);
        break;
      case '/max-tokens':
        settings.maxTokens = hasArg ? parseMaxTokens(arg) : undefined;
        this.write(`max tokens: ${settings.maxTokens ?? 'grid default'}\n`);
        break;
      case '/image':
        if (!hasArg) throw new SettingError('/image needs a prompt, e.g. /image a lighthouse at dusk');
        await this.image(arg);
        break;
      case '/save':
        if (!hasArg) throw new SettingError('/save needs a file name, e.g. /save chat.json');
        await this.#save(arg);
        break;
      default:
        this.write(`unknown command ${command} (/help lists them)\n`);
    }
    return true;
  }

  /**
   * Switches only to a model the grid serves now (GET /v1/models): a typo would otherwise fail on the next question.
   * `auto…` ids are routing requests, taken as they are.
   */
  async #switchModel(id: string): Promise<void> {
    if (!id.startsWith('auto')) {
      const { data } = await this.client.models.list();
      if (!data.some((m) => m.id === id)) {
        const online = data.length ? data.map((m) => m.id).join(', ') : 'none right now';
        throw new SettingError(
          `the grid serves no model ${JSON.stringify(id)} (online: ${online}); model stays ${this.settings.model}`,
        );
      }
    }
    this.settings.model = id;
  }

  /** Writes the conversation and says what the file holds, counted from what is written. */
  async #save(file: string): Promise<void> {
    const saved = this.toJSON();
    await writeFile(file, `${JSON.stringify(saved, null, 2)}\n`);
    const { messages } = saved;
    const count = (role: ChatMessage['role']) => messages.filter((m) => m.role === role).length;
    const parts = [plural(count('user'), 'question'), plural(count('assistant'), 'answer')];
    if (count('system')) parts.unshift('the system prompt');
    this.write(`saved ${plural(messages.length, 'message')} (${parts.join(', ')}) to ${file}\n`);
  }
}

/** "worker demo-1 · ttft 0.05 s · 48.2 tokens/s": who answered, and how fast. */
export function describeGrid(answer: ChatCompletion): string {
  const grid = answer.grid;
  if (!grid) return '  (no grid metadata)';
  const parts = [`worker ${grid.worker ?? '?'}`];
  if (answer.model) parts.push(`model ${answer.model}`);
  if (grid.ttft != null) parts.push(`ttft ${grid.ttft.toFixed(2)} s`);
  if (grid.tokens_per_s != null) parts.push(`${grid.tokens_per_s.toFixed(1)} tokens/s`);
  return `  ↳ ${parts.join(' · ')}`;
}

/** "512×512 · seed 42 · worker demo-painter · 1.05 den": the picture, who made it, what it cost. */
export function describeImage(image: ImagesResult['images'][number], den: number | undefined): string {
  const parts = [
    `${image.width}×${image.height}`,
    `seed ${image.seed ?? '?'}`,
    `worker ${image.worker ?? '?'}`,
  ];
  if (image.model) parts.push(`model ${image.model}`);
  parts.push(`${den ?? '?'} den`);
  return `  ↳ ${parts.join(' · ')}`;
}

/** A file-name-safe piece of the prompt: "A lighthouse, at dusk!" → "a-lighthouse-at-dusk". */
function slug(text: string): string {
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  return words.slice(0, 6).join('-').slice(0, 40) || 'image';
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
