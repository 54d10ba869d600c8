/**
 * The desk's one SipPhone, created lazily in the browser. Components call its commands; its events
 * land in the softphone slice.
 */
import type { AppDispatch } from '../../app/store';
import { SipPhone } from './sip-phone';
import { callChanged, registrationChanged } from './softphone-slice';

let phone: SipPhone | undefined;

export function softphone(dispatch: AppDispatch): SipPhone {
  phone ??= new SipPhone({
    onRegistration: (state) => dispatch(registrationChanged(state)),
    onCall: (call) => dispatch(callChanged(call)),
  });
  return phone;
}
