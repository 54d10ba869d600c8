import { useEffect, useRef } from 'react';
import type { CallLightState } from '../../../../protocol/hardware-api';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { branchline } from '../../bridge/branchline';
import { softphone } from './softphone-instance';
import { selectCurrentCall } from './softphone-slice';
import type { PhoneCall } from './sip-phone';

function lightsFor(call: PhoneCall | null): CallLightState {
  if (!call) return { state: 'idle', muted: false };
  const state = call.state === 'ringing' ? 'ringing' : call.state === 'held' ? 'held' : call.state === 'ended' ? 'idle' : 'active';
  return { state, muted: call.muted };
}

/**
 * Headset and agent-box buttons drive the softphone (hook-off answers, hook-on hangs up, mute
 * both ways), and the softphone's call drives their LEDs (ring while ringing, off-hook on hold).
 */
export function HeadsetBridge() {
  const dispatch = useAppDispatch();
  const call = useAppSelector(selectCurrentCall);
  const current = useRef(call);
  current.current = call;

  useEffect(
    () =>
      branchline.hardware.onAction(({ action }) => {
        const c = current.current;
        if (!c) return;
        const phone = softphone(dispatch);
        if (action === 'answer' && c.state === 'ringing') void phone.answer(c.id);
        else if (action === 'hangup') void phone.hangup(c.id);
        else if (action === 'mute' || action === 'unmute') phone.mute(c.id, action === 'mute');
        else if (action === 'hold' && (c.state === 'active' || c.state === 'held')) void phone.hold(c.id, c.state !== 'held');
      }),
    [dispatch],
  );

  const lights = lightsFor(call);
  useEffect(() => {
    // Seats without hardware answer with a typed error; the softphone does not care.
    branchline.hardware.setCallState(lights).catch(() => undefined);
  }, [lights.state, lights.muted]); // eslint-disable-line react-hooks/exhaustive-deps
  return null;
}
