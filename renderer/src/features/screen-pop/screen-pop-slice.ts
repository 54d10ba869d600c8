/**
 * Screen pop: which caller's card is open, from the first sign of a call (softphone ringing,
 * caller ID from a serial box, a CTI/seat event) until the agent closes it; and the wrap-up form
 * that follows the call.
 *
 *   idle ──(incoming)──> popped ──(call ends / agent clicks wrap-up)──> wrap-up ──(saved)──> idle
 *                          └──────────────(dismiss)──────────────────────────────────────────┘
 */
import { createSlice } from '@reduxjs/toolkit';
import type { PayloadAction } from '@reduxjs/toolkit';
import { normalizePhone } from '../../../../protocol/phone';
import { logout, sessionEnded } from '../session/session-slice';
import { callChanged } from '../softphone/softphone-slice';

export type PopSource = 'softphone' | 'callerId' | 'cti' | 'simulated';

export interface IncomingPop {
  number: string;
  rawNumber: string | null;
  name: string | null;
  source: PopSource;
  /** When the seat (or the softphone) saw the call: screen-pop latency starts here. */
  at: number;
  callId: string | null;
  direction: 'inbound' | 'outbound';
}

export interface WrapUpContext {
  number: string;
  customerId: string | null;
  startedAt: number;
  endedAt: number | null;
  direction: 'inbound' | 'outbound';
}

export interface ScreenPopState {
  current: IncomingPop | null;
  /** The customer the agent settled on for this call (the card shown, or one just created). */
  customerId: string | null;
  wrapUp: WrapUpContext | null;
}

const initialState: ScreenPopState = { current: null, customerId: null, wrapUp: null };

export const screenPopSlice = createSlice({
  name: 'screenPop',
  initialState,
  reducers: {
    incomingCall: (state, action: PayloadAction<Omit<IncomingPop, 'number' | 'callId' | 'direction'> & { number: string; callId?: string | null; direction?: 'inbound' | 'outbound' }>) => {
      const p = action.payload;
      const number = normalizePhone(p.number);
      // The same call announced twice (CTI and the softphone) keeps the card already open.
      if (state.current && state.current.number === number && p.at - state.current.at < 30_000) {
        state.current.callId ??= p.callId ?? null;
        return;
      }
      state.current = { ...p, number, callId: p.callId ?? null, direction: p.direction ?? 'inbound' };
      state.customerId = null;
    },
    customerChosen: (state, action: PayloadAction<string | null>) => {
      state.customerId = action.payload;
    },
    dismissPop: (state) => {
      state.current = null;
      state.customerId = null;
    },
    openWrapUp: (state, action: PayloadAction<Partial<WrapUpContext> | undefined>) => {
      const c = state.current;
      state.wrapUp = {
        number: c?.number ?? '',
        customerId: state.customerId,
        startedAt: c?.at ?? Date.now(),
        endedAt: Date.now(),
        direction: c?.direction ?? 'inbound',
        ...action.payload,
      };
    },
    closeWrapUp: (state, action: PayloadAction<{ saved: boolean }>) => {
      state.wrapUp = null;
      if (action.payload.saved) {
        state.current = null;
        state.customerId = null;
      }
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(callChanged, (state, { payload: call }) => {
        if (call.state === 'ringing' && call.direction === 'inbound' && state.current?.callId !== call.id) {
          screenPopSlice.caseReducers.incomingCall(state, {
            type: 'screenPop/incomingCall',
            payload: { number: call.remote, rawNumber: call.remote, name: call.remoteName || null, source: 'softphone', at: call.startedAt, callId: call.id },
          });
        } else if (call.state === 'ended' && state.current?.callId === call.id && !state.wrapUp) {
          // The call is over: the wrap-up form opens by itself.
          state.wrapUp = { number: state.current.number, customerId: state.customerId, startedAt: state.current.at, endedAt: Date.now(), direction: state.current.direction };
        }
      })
      .addCase(sessionEnded, () => initialState)
      .addCase(logout.fulfilled, () => initialState);
  },
  selectors: {
    selectPop: (s) => s.current,
    selectPopCustomer: (s) => s.customerId,
    selectWrapUp: (s) => s.wrapUp,
  },
});

export const { incomingCall, customerChosen, dismissPop, openWrapUp, closeWrapUp } = screenPopSlice.actions;
export const { selectPop, selectPopCustomer, selectWrapUp } = screenPopSlice.selectors;
