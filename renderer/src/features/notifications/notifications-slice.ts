/**
 * Reminders pushed by the seat (work orders due, overdue, escalated, urged; callbacks due). The
 * slice keeps the latest ones for the header's bell; Notifier turns each new one into a desktop
 * notification.
 */
import { createSlice } from '@reduxjs/toolkit';
import type { PayloadAction } from '@reduxjs/toolkit';
import type { CallbackDue, WorkOrderReminder } from '../../../../protocol/workstation';
import { logout, sessionEnded } from '../session/session-slice';

export type Reminder =
  | { id: string; type: 'workOrder'; kind: WorkOrderReminder['kind']; title: string; refId: string; at: number; read: boolean }
  | { id: string; type: 'callback'; kind: CallbackDue['kind']; title: string; refId: string; number: string; at: number; read: boolean };

export interface NotificationsState {
  items: Reminder[];
}

const MAX = 50;
const initialState: NotificationsState = { items: [] };

export const notificationsSlice = createSlice({
  name: 'notifications',
  initialState,
  reducers: {
    workOrderReminded: (state, { payload: r }: PayloadAction<WorkOrderReminder>) => {
      state.items.unshift({ id: `wo:${r.workOrderId}:${r.kind}:${r.at}`, type: 'workOrder', kind: r.kind, title: r.title, refId: r.workOrderId, at: r.at, read: false });
      state.items.splice(MAX);
    },
    callbackDue: (state, { payload: d }: PayloadAction<CallbackDue>) => {
      state.items.unshift({
        id: `cb:${d.callback.id}:${d.kind}:${d.at}`, type: 'callback', kind: d.kind, title: d.callback.note, refId: d.callback.id, number: d.callback.number, at: d.at, read: false,
      });
      state.items.splice(MAX);
    },
    allRead: (state) => {
      for (const i of state.items) i.read = true;
    },
  },
  extraReducers: (builder) => {
    builder.addCase(sessionEnded, () => initialState).addCase(logout.fulfilled, () => initialState);
  },
  selectors: {
    selectReminders: (s) => s.items,
    selectUnread: (s) => s.items.filter((i) => !i.read).length,
  },
});

export const { workOrderReminded, callbackDue, allRead } = notificationsSlice.actions;
export const { selectReminders, selectUnread } = notificationsSlice.selectors;
