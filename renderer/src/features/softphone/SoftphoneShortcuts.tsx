import { useEffect } from 'react';
import { useAppDispatch, useAppSelector, useAppStore } from '../../app/hooks';
import { dismissPop, openWrapUp } from '../screen-pop/screen-pop-slice';
import { softphone } from './softphone-instance';
import { selectCurrentCall } from './softphone-slice';
import { shortcutOf } from './softphone-shortcuts';

/** Listens for the softphone's keyboard shortcuts while the workstation is open. */
export function SoftphoneShortcuts() {
  const dispatch = useAppDispatch();
  const store = useAppStore();
  const call = useAppSelector(selectCurrentCall);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutOf(e);
      if (!action) return;
      e.preventDefault();
      const current = selectCurrentCall(store.getState());
      const phone = softphone(dispatch);
      const inCall = current?.state === 'active' || current?.state === 'held';
      if (action === 'answer' && current?.state === 'ringing') void phone.answer(current.id);
      else if (action === 'hangup' && current) void phone.hangup(current.id);
      else if (action === 'hold' && inCall) void phone.hold(current.id, current.state !== 'held');
      else if (action === 'mute' && inCall) phone.mute(current.id, !current.muted);
      else if (action === 'wrapUp') dispatch(openWrapUp(undefined));
      else if (action === 'dismissPop') dispatch(dismissPop());
      // transfer, conference, dial pad: the buttons are disabled until the hub offers them.
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch, store, call?.id]);
  return null;
}
