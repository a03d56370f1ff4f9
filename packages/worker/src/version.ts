import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
/** `name:version:url`, as the Horde and the live grid expect it. */
export const BRIDGE_AGENT = `AIPG TS Worker:${VERSION}:https://www.npmjs.com/package/@aipg/worker`;
