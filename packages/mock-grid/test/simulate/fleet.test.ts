import { describe, expect, it } from 'vitest';
import { parseFleetText } from '../../src/cli/fleet-file.js';
import {
  DEFAULT_FLEET,
  echoText,
  FleetError,
  generateText,
  parseFleet,
  planTextJob,
  SIM_WORKER_DEFAULTS,
} from '../../src/simulate/index.js';

function refusal(value: unknown): FleetError {
  try {
    parseFleet(value);
  } catch (err) {
    if (err instanceof FleetError) return err;
    throw err;
  }
  throw new Error('expected a FleetError');
}

const ok = { name: 'w', models: ['m'] };

describe('parseFleet', () => {
  it('fills in the defaults', () => {
    const [w] = parseFleet({ workers: [ok] }).workers;
    expect(w).toEqual({ ...ok, ...SIM_WORKER_DEFAULTS, region: null });
  });

  it.each([
    [
      { workers: [ok, { ...ok, name: 'x', failure_rate: 2 }] },
      'workers[1].failure_rate',
      'expected 0..1, got 2',
    ],
    [{ workers: [{ ...ok, tokens_per_second: 0 }] }, 'workers[0].tokens_per_second', 'expected a number > 0'],
    [{ workers: [{ ...ok, concurrency: 5 }] }, 'workers[0].concurrency', 'expected an integer 1..4, got 5'],
    [{ workers: [{ ...ok, ttft_ms: -1 }] }, 'workers[0].ttft_ms', 'expected 0..60000, got -1'],
    [{ workers: [{ ...ok, max_length: 1.5 }] }, 'workers[0].max_length', 'expected an integer 1..1000000'],
    [{ workers: [{ ...ok, trusted: 'yes' }] }, 'workers[0].trusted', 'expected true or false, got "yes"'],
    [{ workers: [{ ...ok, mode: 'shout' }] }, 'workers[0].mode', 'expected generate or echo, got "shout"'],
    [{ workers: [{ ...ok, speed: 3 }] }, 'workers[0].speed', 'unknown field (allowed: name, models,'],
    [{ workers: [{ ...ok, region: '' }] }, 'workers[0].region', 'expected a region name of 1..64 characters'],
    [{ workers: [{ ...ok, models: [] }] }, 'workers[0].models', 'expected a non-empty list'],
    [{ workers: [{ ...ok, models: ['a', ''] }] }, 'workers[0].models[1]', 'expected a non-empty string'],
    [{ workers: [{ ...ok, image: { amount: 2 } }] }, 'workers[0].image.max_pixels', 'required'],
    [
      { workers: [{ ...ok, image: { max_pixels: 10 } }] },
      'workers[0].image.max_pixels',
      'expected an integer 65536..',
    ],
    [
      { workers: [{ ...ok, image: { max_pixels: 1 << 20 }, mode: 'echo' }] },
      'workers[0].mode',
      'echo is for text',
    ],
    [{ workers: [ok, ok] }, 'workers[1].name', "'w' is used twice"],
    [{ workers: [] }, 'workers', 'expected a non-empty list of workers'],
    [{ workers: [ok], extra: 1 }, 'fleet.extra', 'unknown field'],
    [[ok], 'fleet', 'expected an object'],
  ])('refuses %j naming %s', (value, field, limit) => {
    const err = refusal(value);
    expect(err.field).toBe(field);
    expect(err.message).toContain(`${field}: ${limit}`);
  });

  it('reads YAML and JSON files, naming the file and the field', () => {
    const yaml = 'workers:\n  - name: a\n    models: [m]\n    failure_rate: 1.5\n';
    expect(() => parseFleetText(yaml, 'fleet.yaml')).toThrow(
      'fleet.yaml: workers[0].failure_rate: expected 0..1, got 1.5',
    );
    expect(parseFleetText(JSON.stringify({ workers: [ok] })).workers[0]!.name).toBe('w');
    expect(() => parseFleetText('workers: [', 'bad.yaml')).toThrow(
      /^bad\.yaml: not valid JSON or YAML at line/,
    );
  });

  it('DEFAULT_FLEET: three text models, one shared by two workers, and one image model', () => {
    const text = DEFAULT_FLEET.workers.filter((w) => !w.image);
    const byModel = new Map<string, number>();
    for (const w of text) for (const m of w.models) byModel.set(m, (byModel.get(m) ?? 0) + 1);
    expect([...byModel.keys()].sort()).toEqual([
      'llama-3.1-8b-instruct',
      'mistral-7b-instruct-v0.3',
      'qwen2.5-7b-instruct',
    ]);
    expect(byModel.get('llama-3.1-8b-instruct')).toBe(2);
    expect(DEFAULT_FLEET.workers.filter((w) => w.image).flatMap((w) => w.models)).toEqual(['FLUX.2 [klein]']);
  });
});

describe('generateText', () => {
  it('is a function of prompt and seed, in tokens of 4 characters, cut at the cap', () => {
    const a = generateText('User: hi\nAssistant:', 1, 512);
    expect(generateText('User: hi\nAssistant:', 1, 512)).toEqual(a);
    expect(generateText('User: hi\nAssistant:', 2, 512).tokens).not.toEqual(a.tokens);
    expect(generateText('User: ho\nAssistant:', 1, 512).tokens).not.toEqual(a.tokens);
    expect(a.finishReason).toBe('stop');
    expect(a.tokens.slice(0, -1).every((tok) => tok.length === 4)).toBe(true);
    const cut = generateText('User: hi\nAssistant:', 1, 3);
    expect(cut).toEqual({ tokens: a.tokens.slice(0, 3), finishReason: 'length' });
  });

  it('gives every cap the same text up to it, and `length` only when the reply was longer', () => {
    const whole = generateText('User: hi\nAssistant:', 9, 512);
    for (let cap = 1; cap <= whole.tokens.length + 1; cap++) {
      const cut = generateText('User: hi\nAssistant:', 9, cap);
      expect(cut.tokens).toEqual(whole.tokens.slice(0, cap));
      expect(cut.finishReason).toBe(cap < whole.tokens.length ? 'length' : 'stop');
    }
  });

  it('stops before a stop sequence that starts under the cap and ends past it', () => {
    const text = generateText('User: hi\nAssistant:', 9, 512).tokens.join('');
    // Five characters that begin in the 3rd token and end in the 4th, under a cap of 3 tokens.
    const stop = text.slice(10, 15);
    const cut = generateText('User: hi\nAssistant:', 9, 3, [stop]);
    const end = text.indexOf(stop, 1);
    expect(cut.tokens.join('')).toBe(text.slice(0, Math.min(end, 12)));
  });

  it('never splits a surrogate pair: tokens are 4 code points', () => {
    const reply = echoText({ model: 'm', messages: [{ role: 'user', content: '😀😀😀😀😀ab' }] }, 512);
    expect(reply.tokens).toEqual(['😀😀😀😀', '😀ab']);
  });
});

describe('planTextJob', () => {
  const offer = (seed: number) => ({
    id: 'gen-1',
    model: 'm',
    payload: {
      request: { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }], seed, max_tokens: 64 },
      api_format: 'openai-chat' as const,
      prompt: 'User: hi\nAssistant:',
      max_length: 64,
      temperature: 0.7,
      top_p: 0.9,
    },
  });
  const spec = parseFleet({ workers: [{ ...ok, tokens_per_second: 1000, ttft_ms: 20 }] }).workers[0]!;

  it('holds the timing and the outcome as data', () => {
    const plan = planTextJob(offer(5), spec);
    expect(plan).toMatchObject({
      generationId: 'gen-1',
      ttftMs: 20,
      intervalMs: 1,
      outcome: { kind: 'done' },
    });
    // Faster than one token per 5 ms: several tokens a tick.
    expect(plan.tokensPerTick).toBe(5);
    expect(plan.tokens.length).toBeLessThanOrEqual(64);
  });

  it('fails the share failure_rate says, chosen by the seed', () => {
    const half = { ...spec, failure_rate: 0.5 };
    const failed = Array.from(
      { length: 200 },
      (_, seed) => planTextJob(offer(seed), half).outcome.kind === 'fail',
    );
    const share = failed.filter(Boolean).length / failed.length;
    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThan(0.65);
    // The same seed always decides the same way.
    expect(planTextJob(offer(17), half).outcome).toEqual(planTextJob(offer(17), half).outcome);
    expect(planTextJob(offer(17), { ...spec, failure_rate: 1 }).outcome.kind).toBe('fail');
  });
});

describe('stop sequences', () => {
  it('end the reply before the first one, with finish_reason stop', () => {
    const whole = generateText('User: hi\nAssistant:', 1, 512).tokens.join('');
    const word = whole.split(' ')[3]!;
    const cut = generateText('User: hi\nAssistant:', 1, 512, [word, 'never-there']);
    expect(cut.tokens.join('')).toBe(whole.slice(0, whole.indexOf(word, 1)));
    expect(cut.finishReason).toBe('stop');
  });
});
