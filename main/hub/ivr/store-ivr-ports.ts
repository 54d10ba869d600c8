/**
 * The IVR ports over the hub's own SQLite store: caller tier by phone, card balance behind a PIN
 * with a persisted lock, recent transactions, ticket status, voicemail tickets and survey scores.
 *
 * PINs are stored as scrypt hashes in the same self-describing format as passwords, at a lower
 * cost (N = 2^12): a 6-digit PIN is guarded by the failure lock, not by the hash cost, and seeding
 * hundreds of demo cards must stay fast.
 */
import { randomBytes, scrypt } from 'node:crypto';
import { normalizePhone } from '../../../protocol/phone';
import { verifyPassword } from '../auth/password-hasher';
import type { HubStore } from '../store/hub-store';
import type { IvrPorts, PinCheck } from './ivr-ports';

const PIN_COST = { N: 1 << 12, r: 8, p: 1 } as const;

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await new Promise<Buffer>((resolve, reject) =>
    scrypt(pin.normalize('NFKC'), salt, 32, { ...PIN_COST, maxmem: 256 * PIN_COST.N * PIN_COST.r }, (err, k) => (err ? reject(err) : resolve(k))),
  );
  return ['scrypt', PIN_COST.N, PIN_COST.r, PIN_COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export interface StorePortsOptions {
  /** Consecutive wrong PINs (across calls) that lock the card. */
  lockAfter?: number;
  now?: () => number;
}

export function createStoreIvrPorts(store: HubStore, options: StorePortsOptions = {}): IvrPorts {
  const lockAfter = options.lockAfter ?? 3;
  const now = options.now ?? Date.now;
  const repo = store.ivr;
  return {
    callers: {
      async lookup(callerNumber) {
        const digits = normalizePhone(callerNumber);
        const found = digits === '' ? undefined : store.customers.findByPhone(digits)[0];
        return found ? { customerId: found.id, tier: found.tier } : { customerId: null, tier: null };
      },
    },
    accounts: {
      async verifyPin(card, pin): Promise<PinCheck> {
        const state = repo.pinState(card);
        if (!state || !repo.cardAccount(card)) return { status: 'not-found' };
        if (state.lockedAt !== null) return { status: 'locked' };
        if (await verifyPassword(pin, state.pinHash)) {
          // Re-read: another call may have locked the card while scrypt ran.
          if (repo.pinState(card)?.lockedAt !== null) return { status: 'locked' };
          repo.resetPinFailures(card);
          return { status: 'ok' };
        }
        const after = repo.recordPinFailure(card, lockAfter, now());
        if (after.lockedAt !== null) return { status: 'locked' };
        return { status: 'bad', attemptsLeft: Math.max(lockAfter - after.failedAttempts, 0) };
      },
      async balance(card) {
        const a = repo.cardAccount(card);
        return a ? { balanceCents: a.balanceCents, kind: a.kind } : undefined;
      },
      async recentTransactions(card, limit) {
        return repo.recentTransactions(card, limit);
      },
    },
    tickets: {
      async status(ticketNo) {
        const t = repo.findTicket(ticketNo);
        return t ? { status: t.status, kind: t.kind, updatedAt: t.updatedAt } : undefined;
      },
    },
    voicemail: {
      async createWorkOrder(m) {
        const ticketNo = repo.createTicket(
          { kind: 'voicemail', status: 'new', customerId: m.customerId, caller: m.caller, callId: m.callId, audioPath: m.audioPath, durationMs: m.durationMs },
          now(),
        );
        return { ticketNo };
      },
    },
    surveys: {
      async recordSurvey(s) {
        repo.recordSurvey({ callId: s.callId, hotline: s.hotline, score: s.score, agent: s.agent }, now());
      },
    },
  };
}
