/**
 * Seeds the demo hotline 9000 (main/hub/ivr/DEMO-HOTLINE.md): the flow, a PIN for every demo card
 * (its last 6 digits, stored as a scrypt hash), a few recent transactions per card and complaint
 * tickets 100001–100005. Each part only fills what is missing, so it runs on every start and on
 * data dirs seeded before the IVR existed, and never overwrites a flow an administrator published.
 */
import { readFile } from 'node:fs/promises';
import type { Logger } from '../../common/logger';
import type { FlowRegistry } from '../ivr/flow-registry';
import { hashPin } from '../ivr/store-ivr-ports';
import type { HubStore } from '../store/hub-store';
import { pick, seededRandom } from './demo-random';

export const DEMO_HOTLINE = '9000';
export const DEMO_HOTLINE_FLOW_URL = new URL('../ivr/flows/hotline-9000.json', import.meta.url);

/** The documented demo PIN of a card: its last 6 digits. */
export function demoPin(cardNumber: string): string {
  return cardNumber.slice(-6);
}

/** Complaint tickets the demo knows, by number. */
export const DEMO_TICKETS: readonly { ticketNo: string; status: string }[] = [
  { ticketNo: '100001', status: 'new' },
  { ticketNo: '100002', status: 'in_progress' },
  { ticketNo: '100003', status: 'pending_customer' },
  { ticketNo: '100004', status: 'resolved' },
  { ticketNo: '100005', status: 'closed' },
];

const TX_TEXT = ['工资代发', '转账汇入', 'ATM取款', '快捷支付消费', '水电燃气缴费', '信用卡还款', '理财赎回'];

export interface DemoIvrSeedResult {
  flowPublished: boolean;
  pins: number;
  transactions: number;
  tickets: number;
}

export async function seedDemoIvr(store: HubStore, registry: FlowRegistry, logger: Logger, now = Date.now()): Promise<DemoIvrSeedResult> {
  const result: DemoIvrSeedResult = { flowPublished: false, pins: 0, transactions: 0, tickets: 0 };
  if (!store.ivr.activeFlow(DEMO_HOTLINE)) {
    registry.publish(JSON.parse(await readFile(DEMO_HOTLINE_FLOW_URL, 'utf8')));
    result.flowPublished = true;
  }

  const cards = store.ivr.cardsWithoutPin();
  // Hash in batches: scrypt runs on the libuv pool, and one huge Promise.all would queue hundreds.
  for (let i = 0; i < cards.length; i += 32) {
    const batch = cards.slice(i, i + 32);
    const hashes = await Promise.all(batch.map((c) => hashPin(demoPin(c))));
    store.transaction(() => batch.forEach((c, j) => store.ivr.setPinHash(c, hashes[j] as string)));
  }
  result.pins = cards.length;

  if (store.ivr.countTransactions() === 0) {
    const rand = seededRandom(90002026);
    store.transaction(() => {
      for (const card of store.ivr.cardNumbers()) {
        for (let k = 0; k < 3; k++) {
          const amountCents = (rand() < 0.5 ? -1 : 1) * (100 + Math.floor(rand() * 500_000));
          const at = now - (k + 1) * 86_400_000 - Math.floor(rand() * 43_200_000);
          store.ivr.addTransaction(card, { at, amountCents, description: pick(rand, TX_TEXT) });
          result.transactions++;
        }
      }
    });
  }

  if (store.ivr.countTickets('complaint') === 0) {
    store.transaction(() => {
      for (const t of DEMO_TICKETS) {
        store.ivr.createTicket({ kind: 'complaint', status: t.status, customerId: null, caller: null, callId: null, audioPath: null, durationMs: null }, now, t.ticketNo);
        result.tickets++;
      }
    });
  }
  if (result.flowPublished || result.pins > 0 || result.transactions > 0 || result.tickets > 0) logger.info(result, 'demo hotline seeded');
  return result;
}
