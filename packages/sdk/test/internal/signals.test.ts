import { describe, expect, it } from 'vitest';
import { APITimeoutError, APIUserAbortError } from '../../src/index';
import { abortError, linkedController, raceAbort } from '../../src/internal/signals';
import { sleep } from '../../src/internal/sleep';

describe('abortError', () => {
  it('passes the SDK’s own reasons through and turns any other reason into APIUserAbortError', () => {
    const own = new AbortController();
    own.abort(new APITimeoutError());
    expect(abortError(own.signal)).toBeInstanceOf(APITimeoutError);

    const plain = new AbortController();
    plain.abort();
    expect(abortError(plain.signal)).toBeInstanceOf(APIUserAbortError);

    const custom = new AbortController();
    const reason = new Error('user left');
    custom.abort(reason);
    const error = abortError(custom.signal);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error.cause).toBe(reason);
  });
});

describe('linkedController', () => {
  it('aborts with the reason of whichever signal aborts', () => {
    const a = new AbortController();
    const b = new AbortController();
    const { controller } = linkedController([a.signal, undefined, b.signal]);
    b.abort('because');
    expect(controller.signal.aborted).toBe(true);
    expect(controller.signal.reason).toBe('because');
  });

  it('starts aborted when a signal already is', () => {
    const { controller } = linkedController([AbortSignal.abort('early')]);
    expect(controller.signal.reason).toBe('early');
  });

  it('dispose() detaches it from the caller’s signal', () => {
    const a = new AbortController();
    const { controller, dispose } = linkedController([a.signal]);
    dispose();
    a.abort();
    expect(controller.signal.aborted).toBe(false);
  });
});

describe('sleep', () => {
  it('rejects at once for an aborted signal, and when the signal aborts', async () => {
    await expect(sleep(10, AbortSignal.abort())).rejects.toBeInstanceOf(APIUserAbortError);
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(APIUserAbortError);
  });
});

describe('raceAbort', () => {
  it('settles like the promise, or rejects with APIUserAbortError once the signal aborts', async () => {
    await expect(raceAbort(Promise.resolve(7), new AbortController().signal)).resolves.toBe(7);
    await expect(raceAbort(Promise.reject(new Error('no')), new AbortController().signal)).rejects.toThrow(
      'no',
    );
    await expect(raceAbort(Promise.resolve(7), AbortSignal.abort())).rejects.toBeInstanceOf(
      APIUserAbortError,
    );
    const controller = new AbortController();
    const raced = raceAbort(new Promise(() => {}), controller.signal);
    controller.abort();
    await expect(raced).rejects.toBeInstanceOf(APIUserAbortError);
  });
});
