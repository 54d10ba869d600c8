export { CallEngine, ECHO_SERVICE, TONE_SERVICE } from './call-engine';
export type { CallEngineOptions, RouteDecision } from './call-engine';
export { Call } from './call';
export { CallState } from './call-state';
export { LegState } from './leg-state';
export { SipLeg } from './sip-leg';
export type { DialOutcome } from './outbound-dialer';
