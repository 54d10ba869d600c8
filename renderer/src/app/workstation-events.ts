/**
 * Pushed workstation events into the store: incoming calls open the screen pop, sync status and
 * progress feed the header, pulled changes refresh cached queries, reminders become notifications.
 */
import { branchline } from '../bridge/branchline';
import { importProgressed } from '../features/customers/customers-slice';
import { callbackDue, workOrderReminded } from '../features/notifications/notifications-slice';
import { incomingCall } from '../features/screen-pop/screen-pop-slice';
import { syncProgressed, syncStatusChanged } from '../features/sync/sync-slice';
import type { AppStore } from './store';
import { DATA_TAGS, workstationApi } from './workstation-api';

export function wireWorkstationEvents(store: AppStore): void {
  const { dispatch } = store;
  branchline.screenPop.onIncoming((c) => dispatch(incomingCall({ number: c.number, rawNumber: c.rawNumber, name: c.name, source: c.source, at: c.at })));
  // The hub's CTI announces calls to this agent's extension (queue or direct), with the hub call id.
  branchline.calls.onIncoming((c) => {
    if (c.forMe) dispatch(incomingCall({ number: c.callerId, rawNumber: c.caller, name: null, source: 'cti', at: c.at, callId: c.callId, direction: 'inbound' }));
  });
  // A caller-ID box (serial modem / agent box) announces the number before the first ring ends.
  branchline.hardware.onCallerId((c) => {
    if (c.number) dispatch(incomingCall({ number: c.number, rawNumber: c.rawNumber, name: c.name, source: 'callerId', at: c.at }));
  });
  let lastSync: number | null = null;
  branchline.sync.onStatus((s) => {
    dispatch(syncStatusChanged(s));
    // A finished run may have pulled other seats' edits: cached lists refetch.
    if (s.lastSyncAt !== lastSync) {
      lastSync = s.lastSyncAt;
      dispatch(workstationApi.util.invalidateTags([...DATA_TAGS]));
    }
  });
  branchline.sync.onProgress((p) => dispatch(syncProgressed(p)));
  branchline.customers.onImportProgress((p) => dispatch(importProgressed(p)));
  branchline.workOrders.onReminder((r) => {
    dispatch(workOrderReminded(r));
    if (r.kind === 'escalated') dispatch(workstationApi.util.invalidateTags(['WorkOrder']));
  });
  branchline.callbacks.onDue((d) => dispatch(callbackDue(d)));
}
