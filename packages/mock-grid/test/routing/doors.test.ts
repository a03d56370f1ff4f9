// Routing through the doors, spec-checked (RoutingPreferences, RoutingExplanation, the workers' standing): a
// simulated fleet in two regions on a driven clock.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestGrid, type TestGrid } from '../helpers/grid.js';
import { driveUntilSettled, TEXT_MODEL } from '../simulate/helpers.js';

let t: TestGrid;
afterEach(async () => {
  await t?.close();
});

async function twoRegions() {
  t = await startTestGrid({
    simulate: {
      workers: [
        { name: 'sim-eu', models: [TEXT_MODEL], region: 'eu-west', concurrency: 1, ttft_ms: 50 },
        { name: 'sim-us', models: [TEXT_MODEL], region: 'us-east', concurrency: 1, ttft_ms: 50 },
      ],
    },
  });
  return t;
}

const chat = (extra: Record<string, unknown> = {}) => ({
  model: TEXT_MODEL,
  messages: [{ role: 'user', content: 'Where are you?' }],
  max_tokens: 8,
  ...extra,
});

describe('routing through the doors', () => {
  it('a /v1 answer says where it went and why; X-Grid-Region is the client region', async () => {
    await twoRegions();
    const res = await driveUntilSettled(
      t.clock,
      t.post('/v1/chat/completions', chat(), { 'x-grid-region': 'eu-west' }),
    );
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.grid.worker).toBe('sim-eu');
    expect(body.grid.routing).toMatchObject({
      requested: TEXT_MODEL,
      model: TEXT_MODEL,
      decided: 'routed',
      considered: 2,
      winner: { worker: 'sim-eu', region: 1 },
      runners_up: [{ worker: 'sim-us' }],
    });
  });

  it('a streamed answer carries the explanation on its final chunk', async () => {
    await twoRegions();
    const res = await driveUntilSettled(
      t.clock,
      t
        .post('/v1/chat/completions', chat({ stream: true, routing: { region: 'us-east' } }))
        .then(async (r) => ({
          status: r.status,
          text: await r.text(),
        })),
    );
    expect(res.status).toBe(200);
    const chunks = res.text
      .split('\n')
      .filter((line) => line.startsWith('data: {'))
      .map((line) => JSON.parse(line.slice(6)));
    const last = chunks.at(-1);
    expect(last.grid.routing).toMatchObject({ decided: 'routed', winner: { worker: 'sim-us', region: 1 } });
  });

  it('an unmet requirement is a 503 naming it, an unknown worker a 404, a bad value a 422', async () => {
    await twoRegions();
    const unmet = await t.post('/v1/chat/completions', chat({ routing: { trusted_only: true } }));
    expect(unmet.status).toBe(503);
    expect(await unmet.json()).toEqual({
      detail: `routing.trusted_only: no trusted worker is online serving ${TEXT_MODEL}`,
    });
    const unknown = await t.post('/v1/chat/completions', chat({ routing: { only: ['sim-mars'] } }));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ detail: "routing.only: no worker is called 'sim-mars'" });
    const bad = await t.post('/v1/chat/completions', chat({ routing: { sort: 'cheapest' } }));
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain('sort');
  });

  it('a Horde generation carries its routing, and the workers endpoints show standing', async () => {
    await twoRegions();
    const submitted = await t.post('/api/v2/generate/text/async', {
      prompt: 'Hello',
      models: [TEXT_MODEL],
      params: { max_length: 16 },
    });
    const { id } = await submitted.json();
    expect(submitted.status).toBe(202);
    const status = await driveUntilSettled(
      t.clock,
      (async () => {
        for (;;) {
          const s = await (await t.get(`/api/v2/generate/text/status/${id}`)).json();
          if (s.done) return s;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })(),
    );
    const generation = status.generations[0];
    expect(generation.routing).toMatchObject({ requested: TEXT_MODEL, decided: 'routed', considered: 2 });
    const list = await (await t.get('/v1/workers')).json();
    const served = list.workers.find((w: { name: string }) => w.name === generation.worker_name);
    expect(served).toMatchObject({ reliability: expect.any(Number), region: expect.any(String) });
    expect(served.reputation).toBeGreaterThan(50);
    expect(served.tokens_per_s).toBeGreaterThan(0);
    const details = await (await t.get(`/api/v2/workers/${served.id}`)).json();
    expect(details).toMatchObject({ region: served.region, reputation: served.reputation });
  });

  it('each image of a /v1 image answer says why it went to its worker', async () => {
    t = await startTestGrid({
      simulate: {
        workers: [
          {
            name: 'sim-img',
            models: ['FLUX.2 [klein]'],
            image: { max_pixels: 1_048_576, amount: 2 },
            ttft_ms: 100,
          },
        ],
      },
    });
    const res = await driveUntilSettled(
      t.clock,
      t.post('/v1/images/generations', {
        prompt: 'a lighthouse',
        model: 'FLUX.2 [klein]',
        n: 2,
        size: '512x512',
        response_format: 'b64_json',
      }),
    );
    const body = await res.json();
    expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(200);
    expect(body.data).toHaveLength(2);
    for (const image of body.data) {
      expect(image.routing).toMatchObject({
        requested: 'FLUX.2 [klein]',
        model: 'FLUX.2 [klein]',
        decided: 'routed',
        winner: { worker: 'sim-img' },
      });
    }
  });
});
