import { describe, expect, it, vi } from 'vitest';

// The store's API slice imports the bridge, which reads window.branchline (preload) at import time.
vi.hoisted(() => {
  (globalThis as { window?: unknown }).window = { branchline: {} };
});
import { makeStore } from '../../app/store';
import { callbackDue, selectUnread, workOrderReminded, allRead } from '../notifications/notifications-slice';
import { selectSyncBadge, selectSyncProgress, syncProgressed, syncStatusChanged } from './sync-slice';

const status = { state: 'offline' as const, queued: 3, rejected: 0, conflicts: 1, lastSyncAt: null, initialSyncDone: true, lastError: null };

describe('sync and reminder slices', () => {
  it('shows offline with queued writes and conflicts, and drops progress when a run ends', () => {
    const store = makeStore();
    expect(selectSyncBadge(store.getState()).state).toBe('unknown');
    store.dispatch(syncProgressed({ phase: 'push', kind: null, pages: 1, items: 3 }));
    store.dispatch(syncStatusChanged(status));
    expect(selectSyncBadge(store.getState())).toEqual({ state: 'offline', queued: 3, conflicts: 1, rejected: 0 });
    expect(selectSyncProgress(store.getState())).toBeNull();
  });

  it('collects work-order and callback reminders as unread until seen', () => {
    const store = makeStore();
    store.dispatch(workOrderReminded({ workOrderId: 'w1', kind: 'overdue', title: '投诉', dueAt: 1, assignee: '1001', at: 2 }));
    store.dispatch(callbackDue({ callback: { id: 'c1', customerId: null, number: '13800138002', scheduledAt: 1, status: 'scheduled', assignee: null, note: '回访', deleted: false }, kind: 'due', at: 3 }));
    expect(selectUnread(store.getState())).toBe(2);
    store.dispatch(allRead());
    expect(selectUnread(store.getState())).toBe(0);
  });
});
