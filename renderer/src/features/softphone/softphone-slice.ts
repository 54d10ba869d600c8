import { createSlice } from '@reduxjs/toolkit';
import type { PayloadAction } from '@reduxjs/toolkit';
import { logout, sessionEnded } from '../session/session-slice';
import type { PhoneCall, RegistrationState } from './sip-phone';

export interface SoftphoneState {
  registration: RegistrationState;
  error: string | null;
  /** Calls on this desk, newest first; ended calls drop out. */
  calls: PhoneCall[];
}

const initialState: SoftphoneState = { registration: 'stopped', error: null, calls: [] };

export const softphoneSlice = createSlice({
  name: 'softphone',
  initialState,
  reducers: {
    registrationChanged: (state, action: PayloadAction<RegistrationState>) => {
      state.registration = action.payload;
      if (action.payload === 'registered') state.error = null;
    },
    softphoneFailed: (state, action: PayloadAction<string>) => {
      state.registration = 'failed';
      state.error = action.payload;
    },
    callChanged: (state, action: PayloadAction<PhoneCall>) => {
      const call = action.payload;
      state.calls = state.calls.filter((c) => c.id !== call.id);
      if (call.state !== 'ended') state.calls.unshift(call);
    },
  },
  extraReducers: (builder) => {
    builder.addCase(sessionEnded, () => initialState).addCase(logout.fulfilled, () => initialState);
  },
  selectors: {
    selectRegistration: (s) => s.registration,
    selectSoftphoneError: (s) => s.error,
    selectCurrentCall: (s) => s.calls[0] ?? null,
  },
});

export const { registrationChanged, softphoneFailed, callChanged } = softphoneSlice.actions;
export const { selectRegistration, selectSoftphoneError, selectCurrentCall } = softphoneSlice.selectors;
