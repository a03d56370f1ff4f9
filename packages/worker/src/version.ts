import pkg from '../package.json' with { type: 'json' };

export const WORKER_VERSION: string = pkg.version;
/** `name:version:url`, as the Horde and the live grid expect it. */
export const BRIDGE_AGENT = `AIPG TS Worker:${WORKER_VERSION}:https://www.npmjs.com/package/@aipg/worker`;
