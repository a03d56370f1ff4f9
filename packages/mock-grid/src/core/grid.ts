import type { Clock } from './clock.js';
import type {
  AccountView,
  CompleteInput,
  CompleteResult,
  FailInput,
  GridListener,
  GridOptions,
  JobListener,
  JobView,
  KeyEntry,
  PopCheckInInput,
  PopResult,
  ProgressInput,
  Scope,
  Submission,
  SubmitInput,
  WorkerRef,
  WorkerSink,
  WorkerView,
  WsRegisterInput,
  WsRegistration,
} from './types.js';
import type {
  HordeActiveModel,
  HordeHeartbeat,
  HordePerformance,
  HordeTextStatus,
  HordeUserDetails,
  HordeWorkerDetails,
  ModelStatus,
  WorkerList,
} from './wire.js';

const notImplemented = (): never => {
  throw new Error('not implemented yet');
};

export class Grid {
  readonly clock!: Clock;
  constructor(_options: GridOptions = {}) {
    notImplemented();
  }
  // accounts
  authenticate(_apiKey: string | undefined, _scope: Scope): AccountView {
    return notImplemented();
  }
  addKey(_entry: KeyEntry): AccountView {
    return notImplemented();
  }
  account(_apiKey: string | undefined): AccountView {
    return notImplemented();
  }
  // jobs
  submit(_input: SubmitInput): Submission {
    return notImplemented();
  }
  status(_requestId: string): HordeTextStatus {
    return notImplemented();
  }
  cancel(_id: string): HordeTextStatus {
    return notImplemented();
  }
  job(_jobId: string): JobView | undefined {
    return notImplemented();
  }
  subscribe(_id: string, _listener: JobListener): () => void {
    return notImplemented();
  }
  onEvent(_listener: GridListener): () => void {
    return notImplemented();
  }
  // workers
  register(_input: WsRegisterInput, _sink: WorkerSink): WsRegistration {
    return notImplemented();
  }
  release(_connectionId: string): void {
    notImplemented();
  }
  checkIn(_input: PopCheckInInput): WorkerView {
    return notImplemented();
  }
  assign(_workerId: string): PopResult {
    return notImplemented();
  }
  pop(_input: PopCheckInInput): PopResult {
    return notImplemented();
  }
  progress(_input: ProgressInput): void {
    notImplemented();
  }
  complete(_input: CompleteInput): CompleteResult {
    return notImplemented();
  }
  fail(_input: FailInput): void {
    notImplemented();
  }
  worker(_idOrName: string): WorkerView | undefined {
    return notImplemented();
  }
  // views
  modelStatus(): ModelStatus[] {
    return notImplemented();
  }
  workerList(): WorkerList {
    return notImplemented();
  }
  hordeModels(): HordeActiveModel[] {
    return notImplemented();
  }
  hordePerformance(): HordePerformance {
    return notImplemented();
  }
  heartbeat(): HordeHeartbeat {
    return notImplemented();
  }
  hordeWorkers(): HordeWorkerDetails[] {
    return notImplemented();
  }
  hordeWorker(_workerId: string): HordeWorkerDetails {
    return notImplemented();
  }
  findUser(_apiKey: string | undefined): HordeUserDetails {
    return notImplemented();
  }
  onlineModels(): string[] {
    return notImplemented();
  }
  dispose(): void {
    notImplemented();
  }
}
export type { WorkerRef };
