/** The IVR's public surface for the call layer and the hub. */
export { CallerHangupError } from './ivr-channel';
export type {
  CollectOptions,
  CollectResult,
  IvrChannel,
  PlayMedia,
  PlayOptions,
  PlayResult,
  RecordOptions,
  RecordResult,
  TransferDecision,
  TransferResult,
} from './ivr-channel';
export type { IvrEvent, IvrSessionResult } from './ivr-events';
export type { IvrPorts } from './ivr-ports';
export { IvrEngine, type StartedSession } from './ivr-engine';
export { IvrSession } from './ivr-session';
export type { IvrSessionState } from './ivr-session-state';
export { FlowRegistry } from './flow-registry';
export { type CompiledFlow, compileFlow, validateFlow } from './flow-validator';
export { PromptLibrary } from './prompts/prompt-library';
export { createIvrService, type IvrService } from './ivr-service';
