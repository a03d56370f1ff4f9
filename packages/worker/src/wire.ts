// Wire shapes, as types only: the generated spec types of @aipg/sdk under their spec names
// (openapi/README.md). Internal: the package's public API never exposes them.
export type {
  ChatMessage,
  HordeError,
  HordeSubmitResponse,
  HordeTextPopPayload,
  HordeTextPopRequest,
  HordeTextPopResponse,
  HordeTextSubmitRequest,
  WsCloseCode,
  WsDone,
  WsJob,
  WsJobPayload,
  WsRegister,
  WsServerFrame,
  WsWorkerFrame,
} from '@aipg/sdk';
