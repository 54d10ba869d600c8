/** The seat's sync status as the header shows it: online/offline/syncing, queued writes, conflicts. */
import { createSlice } from '@reduxjs/toolkit';
import type { PayloadAction } from '@reduxjs/toolkit';
import type { SyncProgress, SyncStatus } from '../../../../protocol/sync';
import { logout, sessionEnded } from '../session/session-slice';

export interface SyncSliceState {
  status: SyncStatus | null;
  progress: SyncProgress | null;
}

const initialState: SyncSliceState = { status: null, progress: null };

export const syncSlice = createSlice({
  name: 'sync',
  initialState,
  reducers: {
    syncStatusChanged: (state, action: PayloadAction<SyncStatus>) => {
      state.status = action.payload;
      if (action.payload.state !== 'syncing') state.progress = null;
    },
    syncProgressed: (state, action: PayloadAction<SyncProgress>) => {
      state.progress = action.payload;
    },
  },
  extraReducers: (builder) => {
    builder.addCase(sessionEnded, () => initialState).addCase(logout.fulfilled, () => initialState);
  },
  selectors: {
    selectSyncStatus: (s) => s.status,
    selectSyncProgress: (s) => s.progress,
    /** What the indicator shows: offline wins over queued, queued over plain online. */
    selectSyncBadge: (s): { state: SyncStatus['state'] | 'unknown'; queued: number; conflicts: number; rejected: number } => ({
      state: s.status?.state ?? 'unknown',
      queued: s.status?.queued ?? 0,
      conflicts: s.status?.conflicts ?? 0,
      rejected: s.status?.rejected ?? 0,
    }),
  },
});

export const { syncStatusChanged, syncProgressed } = syncSlice.actions;
export const { selectSyncStatus, selectSyncProgress, selectSyncBadge } = syncSlice.selectors;
