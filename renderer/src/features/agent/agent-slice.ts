import { createAsyncThunk, createSlice } from '@reduxjs/toolkit';
import type { PayloadAction } from '@reduxjs/toolkit';
import type { AgentStatus, ReasonCode, SetPresenceRequest } from '../../../../protocol/agent';
import { branchline } from '../../bridge/branchline';
import { logout, sessionEnded } from '../session/session-slice';

export interface AgentState {
  status: AgentStatus | null;
  reasonCodes: ReasonCode[];
  pending: boolean;
  error: { code: string; message: string } | null;
}

const initialState: AgentState = { status: null, reasonCodes: [], pending: false, error: null };

export const loadAgent = createAsyncThunk('agent/load', async () => {
  const [status, reasonCodes] = await Promise.all([branchline.agent.getStatus(), branchline.agent.listReasonCodes()]);
  return { status, reasonCodes };
});

export const setPresence = createAsyncThunk('agent/setPresence', async (request: SetPresenceRequest, { rejectWithValue }) => {
  try {
    return await branchline.agent.setPresence(request);
  } catch (err) {
    const e = err as { code?: string; message?: string };
    return rejectWithValue({ code: e.code ?? 'BL_ERR_INTERNAL', message: e.message ?? String(err) });
  }
});

export const agentSlice = createSlice({
  name: 'agent',
  initialState,
  reducers: {
    statusPushed: (state, action: PayloadAction<AgentStatus>) => {
      // Pushed events and command answers can cross; keep the newer one.
      if (!state.status || action.payload.since >= state.status.since) state.status = action.payload;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadAgent.fulfilled, (state, { payload }) => {
        state.status = payload.status;
        state.reasonCodes = payload.reasonCodes;
      })
      .addCase(setPresence.pending, (state) => {
        state.pending = true;
        state.error = null;
      })
      .addCase(setPresence.fulfilled, (state, { payload }) => {
        state.pending = false;
        if (!state.status || payload.since >= state.status.since) state.status = payload;
      })
      .addCase(setPresence.rejected, (state, action) => {
        state.pending = false;
        state.error = (action.payload as AgentState['error']) ?? { code: 'BL_ERR_INTERNAL', message: '' };
      })
      .addCase(sessionEnded, () => initialState)
      .addCase(logout.fulfilled, () => initialState);
  },
  selectors: {
    selectAgentStatus: (s) => s.status,
    selectReasonCodes: (s) => s.reasonCodes,
    selectAgentPending: (s) => s.pending,
    selectAgentError: (s) => s.error,
  },
});

export const { statusPushed } = agentSlice.actions;
export const { selectAgentStatus, selectReasonCodes, selectAgentPending, selectAgentError } = agentSlice.selectors;
