/**
 * The answer's account of its routing (spec: `RoutingExplanation`, `grid.routing` on /v1, `routing` on a Horde
 * generation): the model asked for and served, the fallbacks passed over, and the router's decision — or, when
 * the job waited in the queue, which worker freed up first and took it.
 */
import type { RoutingExplanation } from '@aipg/sdk';
import type { Generation, Job } from '../entities.js';
import { AUTO_MODEL_RULE, isAutoModel } from '../model-routing.js';
import { round2, round3 } from '../tokens.js';

export function explain(job: Job, gen: Generation): RoutingExplanation {
  const prefs = job.routing;
  const requested = prefs?.requested ?? job.req.chat?.model ?? job.models[0] ?? gen.model;
  const out: RoutingExplanation = {
    requested,
    model: gen.model,
    decided: gen.route ? 'routed' : 'queued',
    rule: '',
  };
  if (isAutoModel(requested)) {
    out.resolved = gen.model;
    out.model_rule = prefs?.modelRule ?? AUTO_MODEL_RULE;
  }
  if (prefs && prefs.skipped.length > 0) out.fallbacks = prefs.skipped.map((s) => ({ ...s }));
  const d = gen.route;
  if (d?.scores) {
    const s = d.scores;
    out.rule = d.rule;
    out.considered = d.considered;
    out.eligible = d.eligible;
    out.rejected = { ...d.rejected };
    out.winner = {
      worker: gen.worker.name,
      weight: round3(s.weight),
      capacity: round2(s.capacity),
      speed: round2(s.speed),
      latency: round2(s.latency),
      reliability: round3(s.reliability),
      region: s.region,
      reputation: round2(s.reputation),
    };
    out.runners_up = d.runnersUp.map((r) => ({ worker: r.worker.name, weight: round3(r.weight) }));
  } else {
    out.rule = 'no free worker could take it when it arrived; the first eligible worker to free up took it';
  }
  out.attempt = job.failures + 1;
  out.waited = round3(Math.max(0, gen.assignedAt - job.createdAt) / 1000);
  return out;
}
