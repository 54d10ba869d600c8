/**
 * The IVR session state machine.
 *
 * ```
 *   idle ──run()──> running ──transfer node──> transferred ──agent hung up, node has next──> running
 *                     │   │                        │
 *                     │   │                        └──caller hung up / no next / failed without onFailure──> ended
 *                     │   └──hangup node, caller hangup, loop limit──> ended
 *                     └──unexpected error (bug, call layer failure)──> failed
 * ```
 * `ended` and `failed` are final.
 */
export type IvrSessionState = 'idle' | 'running' | 'transferred' | 'ended' | 'failed';

const ALLOWED: Readonly<Record<IvrSessionState, readonly IvrSessionState[]>> = {
  idle: ['running', 'failed'],
  running: ['transferred', 'ended', 'failed'],
  transferred: ['running', 'ended', 'failed'],
  ended: [],
  failed: [],
};

export function canTransition(from: IvrSessionState, to: IvrSessionState): boolean {
  return ALLOWED[from].includes(to);
}

export type IvrEndReason = 'hangup-node' | 'caller-hangup' | 'transferred' | 'transfer-failed' | 'max-steps' | 'error';
