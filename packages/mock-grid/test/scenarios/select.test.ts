import { describe, expect, it } from 'vitest';
import { SCENARIO_NAMES, SCENARIOS, scenarioHelp } from '../../src/scenarios/catalog.js';
import { Faults } from '../../src/scenarios/faults.js';
import { preferredScenario, resolveScenario, ScenarioError } from '../../src/scenarios/select.js';

describe('Prefer: scenario=… (RFC 7240, as Prism reads it)', () => {
  it('reads the name and its parameters, filling in the defaults', () => {
    expect(preferredScenario('scenario=stream-cut; after=3')).toEqual({
      name: 'stream-cut',
      kind: 'stream',
      params: { after: 3, done: false },
    });
    expect(preferredScenario('respond-async, scenario=rate-limited;retry_after=7, wait=10')?.params).toEqual({
      retry_after: 7,
    });
    expect(preferredScenario('Scenario = "error-chunk"; message="a, b; c"')?.params.message).toBe('a, b; c');
  });

  it('is undefined when the header names no scenario', () => {
    expect(preferredScenario(undefined)).toBeUndefined();
    expect(preferredScenario('respond-async, wait=5')).toBeUndefined();
  });

  it('refuses an unknown scenario naming every known one', () => {
    const err = (() => {
      try {
        preferredScenario('scenario=teapot');
      } catch (e) {
        return e as ScenarioError;
      }
    })();
    expect(err).toBeInstanceOf(ScenarioError);
    expect(err?.field).toBe('Prefer');
    for (const name of SCENARIO_NAMES) expect(err?.message).toContain(name);
  });

  it('names the parameter and its limit when a value is out of range, and refuses unknown parameters', () => {
    expect(() => preferredScenario('scenario=server-error; status=404')).toThrow(
      'scenario \'server-error\' status: expected an integer 500..599, got "404"',
    );
    expect(() => preferredScenario('scenario=stream-cut; done=maybe')).toThrow('expected true or false');
    expect(() => preferredScenario('scenario=faulted; after=1')).toThrow(
      "scenario 'faulted' has no parameter 'after' (it takes none)",
    );
    expect(() => resolveScenario('queue-delay', { ms: 1.5 }, 'scenario')).toThrow('0..600000');
  });
});

describe('Faults (grid.faults, grid.scenario)', () => {
  const chat = { method: 'POST', path: '/v1/chat/completions', streamed: () => false };
  const models = { method: 'GET', path: '/v1/models', streamed: () => false };

  it('plays a queued fault on the next requests it applies to, then stops', () => {
    const faults = new Faults();
    faults.next('faulted', { times: 2 });
    expect(faults.take(models)).toBeUndefined(); // makes no job: not for it
    expect(faults.take(chat)?.name).toBe('faulted');
    expect(faults.pending).toBe(1);
    expect(faults.take(chat)?.name).toBe('faulted');
    expect(faults.take(chat)).toBeUndefined();
    expect(faults.idle).toBe(true);
  });

  it('narrows by path, and a standing scenario applies until cleared', () => {
    const faults = new Faults();
    faults.next('rate-limited', { path: '/v1/models' });
    expect(faults.take(chat)).toBeUndefined();
    expect(faults.take(models)?.name).toBe('rate-limited');
    faults.set('server-error', { status: 503 });
    expect(faults.take(chat)?.params.status).toBe(503);
    expect(faults.take(models)?.params.status).toBe(503);
    faults.clear();
    expect(faults.take(chat)).toBeUndefined();
  });

  it('refuses bad options with the field named', () => {
    const faults = new Faults();
    expect(() => faults.next('rate-limited', { times: 0 })).toThrow('times must be an integer ≥ 1');
    expect(() => faults.next('nope' as never)).toThrow(
      /unknown scenario 'nope'; known scenarios: rate-limited/,
    );
  });
});

it('the --help table lists every scenario and parameter', () => {
  const help = scenarioHelp();
  for (const s of SCENARIOS) {
    expect(help).toContain(s.name);
    for (const param of Object.keys(s.params)) expect(help).toContain(`${param}=`);
  }
});

it("the spec's description lists every scenario with each of its parameters", async () => {
  const spec = (await import('../../src/generated/openapi.json', { with: { type: 'json' } })).default as {
    info: { description: string };
  };
  const section = spec.info.description.split('**Mock grid scenarios**')[1] ?? '';
  // One item per scenario: `- \`name\` (…)` and its continuation lines.
  const items = section.split(/\n- /).slice(1);
  for (const s of SCENARIOS) {
    const item = items.find((i) => i.startsWith(`\`${s.name}\``));
    expect(item, s.name).toBeDefined();
    for (const param of Object.keys(s.params)) expect(item, `${s.name} ${param}`).toContain(`\`${param}\``);
  }
  expect(items).toHaveLength(SCENARIOS.length);
});
