import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { BranchlineError } from '../../../protocol/errors';
import { SeatDb } from './seat-db';

const dir = mkdtempSync(join(tmpdir(), 'bl-seatdb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('seat database worker', () => {
  it('answers typed requests, sends errors as codes, and logs slow requests in the parent', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'debug' }, { write: (l: string) => void lines.push(JSON.parse(l) as Record<string, unknown>) });
    const db = await SeatDb.open({ file: join(dir, 'seat.sqlite'), logger, slowMs: -1 });
    const c = await db.call('create', 'customer', { name: '王芳', phones: ['13800138000'] }, '1001');
    expect(await db.call('customersByPhone', '+8613800138000')).toEqual([c]);
    const err = await db.call('update', 'customer', 'missing', { notes: 'x' }, '1001').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BranchlineError);
    expect((err as BranchlineError).code).toBe('BL_ERR_NOT_FOUND');
    expect(lines.some((l) => l.msg === 'slow seat db request' && l.method === 'create' && l.mod === 'seat.db')).toBe(true);
    await db.close();
    await expect(db.call('counts')).rejects.toMatchObject({ code: 'BL_ERR_STORE_UNAVAILABLE' });
    const again = await SeatDb.open({ file: join(dir, 'seat.sqlite'), logger });
    expect(again.seatId).toBe(db.seatId);
    expect(await again.call('counts')).toEqual({ queued: 1, rejected: 0, conflicts: 0 });
    await again.close();
  });

  it('rejects requests in flight when the worker dies', async () => {
    const db = await SeatDb.open({ file: join(dir, 'kill.sqlite'), logger: pino({ level: 'silent' }) });
    const inflight = db.call('searchCustomers', '王芳');
    await db.terminate();
    await expect(inflight).rejects.toMatchObject({ code: 'BL_ERR_STORE_UNAVAILABLE' });
  });
});
