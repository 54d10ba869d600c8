import { describe, expect, it, vi } from 'vitest';

// The store's API slice imports the bridge, which reads window.branchline (preload) at import time.
vi.hoisted(() => {
  (globalThis as { window?: unknown }).window = { branchline: {} };
});
import { makeStore } from '../../app/store';
import { callChanged } from '../softphone/softphone-slice';
import { closeWrapUp, customerChosen, dismissPop, incomingCall, openWrapUp, selectPop, selectWrapUp } from './screen-pop-slice';

const ringing = { id: 'c1', remote: '+8613800138001', remoteName: '', direction: 'inbound' as const, state: 'ringing' as const, muted: false, startedAt: 1000 };

describe('screen pop slice', () => {
  it('pops on a ringing softphone call with the number normalised, before it is answered', () => {
    const store = makeStore();
    store.dispatch(callChanged(ringing));
    expect(selectPop(store.getState())).toMatchObject({ number: '13800138001', source: 'softphone', callId: 'c1', at: 1000 });
  });

  it('keeps one card when CTI and the softphone announce the same call', () => {
    const store = makeStore();
    store.dispatch(incomingCall({ number: '013800138001', rawNumber: null, name: null, source: 'cti', at: 900 }));
    store.dispatch(customerChosen('1'));
    store.dispatch(callChanged(ringing));
    expect(selectPop(store.getState())).toMatchObject({ source: 'cti', callId: 'c1' });
    expect(store.getState().screenPop.customerId).toBe('1');
  });

  it('opens the wrap-up when the popped call ends, and clears the pop once it is saved', () => {
    const store = makeStore();
    store.dispatch(callChanged(ringing));
    store.dispatch(customerChosen('1'));
    store.dispatch(callChanged({ ...ringing, state: 'ended' }));
    expect(selectWrapUp(store.getState())).toMatchObject({ number: '13800138001', customerId: '1', startedAt: 1000 });
    store.dispatch(closeWrapUp({ saved: true }));
    expect(selectPop(store.getState())).toBeNull();
    expect(selectWrapUp(store.getState())).toBeNull();
  });

  it('lets the agent wrap up by hand (simulated or CTI calls) and dismiss the card', () => {
    const store = makeStore();
    store.dispatch(incomingCall({ number: '13800138002', rawNumber: null, name: null, source: 'simulated', at: 5 }));
    store.dispatch(openWrapUp(undefined));
    expect(selectWrapUp(store.getState())).toMatchObject({ number: '13800138002', customerId: null });
    store.dispatch(closeWrapUp({ saved: false }));
    expect(selectPop(store.getState())).not.toBeNull();
    store.dispatch(dismissPop());
    expect(selectPop(store.getState())).toBeNull();
  });
});
