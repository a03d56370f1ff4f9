// A text session's jobs (openapi/components/ws.yaml WsJob): stream `token` frames while the backend produces
// them, then `done` (signed when the worker has a key), `error`, or `done` with `cancelled: true`.
import type { JobResult } from '../../job.js';
import type { SlotContext } from '../../runtime/context.js';
import { ABORT, runJob, tokensOf } from '../../runtime/run-job.js';
import { signedFields, type WorkerKey } from '../../signing.js';
import type { WsDone } from '../../wire.js';
import { jobFromFrame } from './job.js';
import { isMediaJob } from './media-job.js';
import type { WsJobKind } from './slot.js';

export function textJobs(ctx: SlotContext): WsJobKind {
  return {
    register() {
      const { model } = ctx.unit;
      return {
        models: [model.gridModel],
        max_length: model.maxLength,
        max_context_length: model.maxContextLength,
        api_formats: ['openai-chat'],
        job_types: ['text'],
      };
    },
    async serve(frame, { id, controller, name, send }) {
      if (isMediaJob(frame)) {
        // A text session gets text jobs only (WsRegister `job_types`); say so rather than make text of it.
        const message = `this connection takes text jobs only, not ${frame.job_type}`;
        const report = async () => {
          send({ type: 'error', id, message, client_error: false });
          ctx.log('warn', `${name}: job ${id} refused: ${message}`);
          ctx.jobEnded('failed', 0, id);
        };
        return { outcome: { kind: 'failed', clientError: false, backendFault: false }, report };
      }
      // What the grid delivers is the streamed content (spec: WsDone), so that is what the signature covers.
      let streamed = '';
      const outcome = await runJob(ctx.unit.backend.handle, jobFromFrame(frame, ctx.unit.model), {
        controller,
        // The live grid re-queues a job after 300 s without a frame from its worker: limit the silence, not the length.
        timeout: { ms: ctx.jobTimeoutMs, restartOnOutput: true },
        onDelta: (delta) => {
          streamed += delta.content ?? '';
          send({ type: 'token', id, delta });
        },
      });
      const key = ctx.key;
      // No key: an unsigned done, sent without waiting (as before signatures).
      const sign = (signing: WorkerKey, text: string) =>
        signedFields(signing, { generationId: id, text: streamed || text, worker: name, now: ctx.now() });
      const tokens = tokensOf(outcome);
      const report = async () => {
        if (outcome.kind === 'done') {
          send({ ...doneFrame(id, outcome.result), ...(key ? await sign(key, outcome.result.text) : {}) });
          ctx.jobEnded('done', tokens, id);
        } else if (outcome.kind === 'aborted' && outcome.reason === ABORT.cancel) {
          send({
            type: 'done',
            id,
            full_text: outcome.text,
            ...(outcome.reasoning ? { full_reasoning: outcome.reasoning } : {}),
            finish_reason: 'cancelled',
            cancelled: true,
            ...(key ? await sign(key, outcome.text) : {}),
          });
          ctx.jobEnded('cancelled', tokens, id);
        } else if (outcome.kind === 'aborted' && outcome.reason === ABORT.connectionLost) {
          ctx.log('warn', `${name}: connection lost during job ${id}; the grid re-queues it`);
          ctx.jobEnded('lost', tokens, id);
        } else if (outcome.kind === 'aborted' && outcome.reason === ABORT.handBack) {
          send({ type: 'error', id, message: 'worker shutting down: job handed back', client_error: false });
          ctx.jobEnded('handed_back', tokens, id);
        } else {
          const failure =
            outcome.kind === 'failed'
              ? outcome
              : {
                  message: `backend produced no output for ${ctx.jobTimeoutMs / 1000} s (job_timeout)`,
                  clientError: false,
                };
          send({
            type: 'error',
            id,
            message: failure.message.slice(0, 500),
            client_error: failure.clientError,
          });
          ctx.log('warn', `${name}: job ${id} failed: ${failure.message}`);
          ctx.jobEnded('failed', tokens, id);
        }
      };
      return { outcome, report };
    },
  };
}

function doneFrame(id: string, result: JobResult): WsDone {
  return {
    type: 'done',
    id,
    full_text: result.text,
    ...(result.reasoning ? { full_reasoning: result.reasoning } : {}),
    finish_reason: result.finish_reason,
    ...(result.usage ? { usage: result.usage } : {}),
  };
}
