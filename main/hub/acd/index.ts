/**
 * ACD: queues, strategies, agent state machine, routing decisions (issue 5).
 *
 * How the call layer (B2BUA) drives the engine — every command returns the decisions it caused:
 *   caller enters a queue      enqueue({ callId, queue, tier|priority, stickyAgent, virtualStart, callback })
 *   agent phone 180            alerting(callId, agentId)
 *   agent phone 200 OK         answered(callId, agentId)        → cancel-offer for the other ring-all legs, or reject-answer
 *   agent 408/480/486/603      noAnswer(callId, agentId, cause) → the call goes back to the head; RONA per queue policy
 *   any leg BYE                callEnded(callId, 'caller' | 'agent' | 'transfer')
 *   caller leaves a number     requestCallback(callId, number)
 *   hold / consult             hold, resume, consult, endConsult(callId); keepAlive(callId) on session refresh
 *   agent dials out            dialOut(agentId, callId) … callEnded(callId)
 *   timers                     tick() when nextDeadline() is reached (createAcdRuntime().startTimers() does it)
 * Decisions: offer (ring these agents, or dial this callback number), cancel-offer (CANCEL with the
 * reason), reject-answer (hang up a late 200 OK), overflow (move to target; keep virtualStart),
 * release-stale (tear down a leg past its deadline). Presence: login, setReady, setNotReady,
 * logout, agentDisconnected, agentReconnected (the store adapter mirrors AgentStatusService).
 */
export { AcdEngine } from './acd-engine';
export type { NoAnswerCause } from './acd-call-commands';
export { AcdIntervalStats } from './acd-interval-stats';
export type { LegSegment } from './acd-interval-stats';
export { createAcdRuntime, loadAcdDefinitions, loadPresence } from './acd-store-adapter';
export type { AcdRuntime } from './acd-store-adapter';
export { buildQueueStats } from './queue-stats';
export { serviceLevels, averageSpeedOfAnswer, abandonRate, averageHandleTime } from './service-level';
export type {
  AcdDecision,
  AcdEngineOptions,
  AcdEvent,
  AgentChange,
  AgentDefinition,
  AgentView,
  CallEndCause,
  CallView,
  CancelReason,
  EnqueueRequest,
  PresenceSnapshot,
  QueueDefinition,
  QueueLogEntry,
  QueueRealtime,
} from './types';
