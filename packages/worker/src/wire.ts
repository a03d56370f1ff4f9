// Wire shapes, as types only, from @aipg/sdk's generated spec types (the names of openapi/README.md).
// Internal: the package's public API never exposes them.
import type { components } from '@aipg/sdk';

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
