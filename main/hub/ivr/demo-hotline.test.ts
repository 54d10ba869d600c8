import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../common/logger';
import { DEMO_HOTLINE_FLOW_URL, demoPin, seedDemoIvr } from '../demo/demo-ivr-seed';
import { seedDemo } from '../demo/demo-seed';
import { type HubStore, openHubStore } from '../store/hub-store';
import { FlowRegistry } from './flow-registry';
import type { IvrEvent } from './ivr-events';
import { IvrEngine } from './ivr-engine';
import { sayAmount, sayDigits } from './say';
import { centsToDecimal } from './say-value';
import { createStoreIvrPorts } from './store-ivr-ports';
import { type CallerAction, ScriptedIvrChannel } from './testing/scripted-ivr-channel';

// Tuesday 2026-03-10 10:00 in Shanghai: open hours.
const OPEN = new Date('2026-03-10T02:00:00Z');
const STRANGER = '13912345678';

let dir: string;
let store: HubStore;
let registry: FlowRegistry;
let debitCard: string;
let creditCard: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bl-ivr-demo-'));
  store = openHubStore(join(dir, 'hub.sqlite'), silentLogger());
  await seedDemo(store, silentLogger());
  registry = new FlowRegistry(store.ivr, silentLogger());
  const seeded = await seedDemoIvr(store, registry, silentLogger(), OPEN.getTime());
  expect(seeded).toMatchObject({ flowPublished: true, tickets: 5 });
  expect(seeded.pins).toBeGreaterThan(300);
  const cards = store.ivr.cardNumbers();
  debitCard = cards.find((c) => store.ivr.cardAccount(c)?.kind === 'debit' && c.length === 19) as string;
  creditCard = cards.find((c) => store.ivr.cardAccount(c)?.kind === 'credit') as string;
});

afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function engine(logger = silentLogger(), now = OPEN): IvrEngine {
  return new IvrEngine({ registry, ports: createStoreIvrPorts(store), logger, dataDir: dir, now: () => now });
}

async function call(script: CallerAction[], options: { caller?: string; logger?: pino.Logger; now?: Date; id?: string } = {}) {
  const channel = new ScriptedIvrChannel(options.id ?? 'c1', script);
  const { session, done } = engine(options.logger, options.now).start({ callId: channel.callId, caller: options.caller ?? STRANGER, hotline: '9000', channel });
  const events: IvrEvent[] = [];
  session.onEvent((e) => events.push(e));
  const result = await done;
  return { channel, result, events, session };
}

describe('demo hotline 9000 over the real demo store', () => {
  it('seeding again changes nothing', async () => {
    expect(await seedDemoIvr(store, registry, silentLogger())).toEqual({ flowPublished: false, pins: 0, transactions: 0, tickets: 0 });
    expect(registry.versions('9000')).toHaveLength(1);
  });

  it('balance: card + PIN → the amount spoken as sayAmount clips', async () => {
    const pin = demoPin(debitCard);
    const { channel, result } = await call([{ keys: '1' }, { keys: `${debitCard}#` }, { keys: `${pin}#` }, { hangup: true }]);
    const cents = store.ivr.cardAccount(debitCard)?.balanceCents as number;
    const spoken = channel.played.find((m) => m.kind === 'clips' && m.clips[0] === 'prompt.balance_is');
    expect(spoken).toEqual({ kind: 'clips', clips: ['prompt.balance_is', ...sayAmount(centsToDecimal(cents)).clips], text: expect.stringContaining(sayAmount(centsToDecimal(cents)).text) });
    expect(result.path).toEqual(['hours', 'vip_check', 'welcome', 'main', 'card', 'pin', 'balance', 'balance_kind', 'say_balance', 'after_balance']);
    expect(channel.prompts()).not.toContain('invalid'); // "card#" and "PIN#" both accepted first time
    expect(result.reason).toBe('caller-hangup');
  });

  it('balance of a credit card reads the amount owed', async () => {
    const { channel } = await call([{ keys: '1' }, { keys: `${creditCard}#` }, { keys: `${demoPin(creditCard)}#` }, { hangup: true }]);
    const owed = -(store.ivr.cardAccount(creditCard)?.balanceCents as number);
    expect(channel.clips()).toEqual(expect.arrayContaining(['prompt.credit_owed', ...sayAmount(centsToDecimal(owed)).clips]));
  });

  it('wrong PIN three times locks the card, persisted across calls and restarts; the PIN never reaches logs or events', async () => {
    const card = store.ivr.cardNumbers().filter((c) => c.length === 19)[5] as string;
    const lines: string[] = [];
    const logger = pino({ level: 'trace' }, { write: (l: string) => void lines.push(l) });
    const wrong = ['975310', '864209', '753108'];
    const first = await call([{ keys: '1' }, { keys: `${card}#` }, ...wrong.map((w) => ({ keys: `${w}#` }))], { logger });
    expect(first.channel.prompts().filter((p) => p === 'bad_pin')).toHaveLength(2);
    expect(first.channel.prompts().filter((p) => p === 'enter_pin')).toHaveLength(3);
    expect(first.channel.prompts()).toContain('card_locked');
    expect(first.channel.transfers[0]?.target).toEqual({ kind: 'queue', queue: '个人业务', priority: 0 });
    expect(first.channel.transfers[0]?.context.variables.pin).toBeUndefined(); // wiped after each lookup
    expect(store.ivr.pinState(card)).toMatchObject({ failedAttempts: 3, lockedAt: expect.any(Number) });

    const logText = lines.join('\n');
    const eventText = JSON.stringify(first.events) + JSON.stringify(first.result) + JSON.stringify(first.channel.transfers);
    expect(logText).toContain('ivr PIN check');
    for (const secret of [...wrong, demoPin(card)]) {
      expect(logText).not.toContain(secret);
      expect(eventText).not.toContain(secret);
    }
    expect(logText).not.toContain(card);
    expect(first.result.inputs).toContainEqual({ node: 'pin', digits: '******' });

    // Reopen the database: the lock is on disk, and even the right PIN is refused now.
    store.close();
    store = openHubStore(join(dir, 'hub.sqlite'), silentLogger());
    registry = new FlowRegistry(store.ivr, silentLogger());
    const again = await call([{ keys: '1' }, { keys: `${card}#` }, { keys: `${demoPin(card)}#` }]);
    expect(again.channel.prompts()).toContain('card_locked');
    expect(again.channel.prompts()).not.toContain('balance_is');
    store.ivr.unlockPin(card);
  });

  it('complaint status by ticket number', async () => {
    const { channel } = await call([{ keys: '2' }, { keys: '100002#' }, { hangup: true }]);
    const i = channel.prompts().indexOf('ticket_prefix');
    expect(i).toBeGreaterThan(0);
    expect(channel.clips()).toEqual(expect.arrayContaining(['prompt.ticket_prefix', ...sayDigits('100002', { grouping: 'none' }).clips, 'prompt.status_in_progress']));
  });

  it('VIP callers skip the menu to the VIP queue', async () => {
    const diamond = await call([], { caller: '+86 138-0013-8001' });
    expect(diamond.result.path).toEqual(['hours', 'vip_check', 'vip_greet', 'to_vip']);
    expect(diamond.channel.transfers[0]).toMatchObject({ target: { kind: 'queue', queue: 'VIP', priority: 10 }, context: { customerId: 1, tier: 'DIAMOND', vip: true } });
  });

  it('after hours the caller leaves a voicemail that becomes a ticket with the audio linked', async () => {
    const night = new Date('2026-03-10T14:30:00Z'); // 22:30 in Shanghai
    const { channel, result } = await call([{ record: { durationMs: 4000 } }], { now: night, id: 'night-1' });
    expect(result.path.slice(0, 3)).toEqual(['hours', 'closed_notice', 'voicemail']);
    const rec = channel.recordings[0];
    expect(rec?.path.startsWith(join(dir, 'voicemail'))).toBe(true);
    const ticketNo = channel.played.flatMap((m) => (m.kind === 'clips' ? m.text : [])).join('');
    expect(ticketNo).toContain('您的留言已记录');
    const tickets = store.ivr.countTickets('voicemail');
    expect(tickets).toBe(1);
    expect(store.ivr.findTicket('100006')).toMatchObject({ kind: 'voicemail', status: 'new' });
    expect(channel.clips()).toEqual(expect.arrayContaining(sayDigits('100006', { grouping: 'none' }).clips));
  });

  it('on a holiday the holiday notice plays before the voicemail', async () => {
    const { result } = await call([{ hangup: true }], { now: new Date('2026-10-01T03:00:00Z') });
    expect(result.path).toEqual(['hours', 'holiday_notice', 'voicemail']);
  });

  it('hot reload: a call in progress keeps its version, new calls get the new one', async () => {
    const v2 = JSON.parse(readFileSync(DEMO_HOTLINE_FLOW_URL, 'utf8')) as { prompts: Record<string, string> };
    v2.prompts.main_menu = '新版菜单：查询余额请按1，人工服务请按0。';
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const eng = engine();
    const ch1 = new ScriptedIvrChannel('old-call', [{ gate }, { keys: '7' }, { hangup: true }]);
    const old = eng.start({ callId: 'old-call', caller: STRANGER, hotline: '9000', channel: ch1 });
    await new Promise((r) => setTimeout(r, 20));
    expect(registry.publish(v2)).toMatchObject({ version: 2, changed: true });
    const ch2 = new ScriptedIvrChannel('new-call', [{ gate: new Promise(() => undefined) }]);
    const fresh = eng.start({ callId: 'new-call', caller: STRANGER, hotline: '9000', channel: ch2 });
    await new Promise((r) => setTimeout(r, 20));
    expect(eng.sessions().map((s) => [s.callId, s.version])).toEqual([['old-call', 1], ['new-call', 2]]);
    release();
    const r1 = await old.done;
    expect(r1.version).toBe(1);
    const menuTexts = ch1.played.filter((m) => m.kind === 'clips' && m.clips.includes('prompt.main_menu')).map((m) => (m.kind === 'clips' ? m.text : ''));
    expect(menuTexts).toHaveLength(2);
    expect(menuTexts.every((t) => t.startsWith('查询账户余额请按1'))).toBe(true);
    expect(ch2.played.find((m) => m.kind === 'clips' && m.clips.includes('prompt.main_menu'))).toMatchObject({ text: v2.prompts.main_menu });
    expect(fresh.session.version).toBe(2);
    registry.activate('9000', 1); // leave v1 current for other tests
  });
});
