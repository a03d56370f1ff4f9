// Wire shapes, as types only, from the spec's generated file (the names of openapi/README.md).
// Internal: the package's public API never exposes them, so the built .d.ts does not depend on them.
import type { components } from '../../sdk/src/generated/openapi.js';

type Schemas = components['schemas'];

export type WsRegister = Schemas['WsRegister'];
export type WsJob = Schemas['WsJob'];
export type WsJobPayload = Schemas['WsJobPayload'];
export type WsServerFrame = Schemas['WsServerFrame'];
export type WsWorkerFrame = Schemas['WsWorkerFrame'];
export type WsDone = Schemas['WsDone'];
export type WsCloseCode = Schemas['WsCloseCode'];
export type ChatMessage = Schemas['ChatMessage'];

export type HordeTextPopRequest = Schemas['HordeTextPopRequest'];
export type HordeTextPopResponse = Schemas['HordeTextPopResponse'];
export type HordeTextPopPayload = Schemas['HordeTextPopPayload'];
export type HordeTextSubmitRequest = Schemas['HordeTextSubmitRequest'];
export type HordeSubmitResponse = Schemas['HordeSubmitResponse'];
export type HordeError = Schemas['HordeError'];
