import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readWavFile } from '../media/wav';
import { sayAmount, sayDigits } from './say';
import { flowOf, memoryPorts, runFlow } from './testing/ivr-test-kit';

const P = { hi: '您好', menu: '请按键', bad: '输入有误', slow: '您没有按键', card: '请输入卡号', ok: '好的', bye: '再见' };

describe('IVR session, one node type at a time', () => {
  it('play: plays the prompts as clips and goes on', async () => {
    const { channel, result } = await runFlow(flowOf({ a: { type: 'play', prompts: ['hi', 'ok'], next: 'e' }, e: { type: 'hangup', cause: 'done' } }, P), []);
    expect(channel.played[0]).toEqual({ kind: 'clips', clips: ['prompt.hi', 'prompt.ok'], text: '您好好的' });
    expect(channel.hangupCause).toBe('done');
    expect(result).toMatchObject({ state: 'ended', reason: 'hangup-node', path: ['a', 'e'] });
  });

  it('say: reads an amount as the same clips sayAmount returns, between prompts', async () => {
    const flow = flowOf(
      { s: { type: 'set', assign: { amt: "'1002.05'" }, next: 'say' }, say: { type: 'say', as: 'amount', value: 'amt', before: 'hi', after: 'ok', next: 'e' }, e: { type: 'hangup' } },
      P,
    );
    const { channel } = await runFlow(flow, []);
    expect(channel.clips()).toEqual(['prompt.hi', ...sayAmount('1002.05').clips, 'prompt.ok']);
  });

  it('say: skips an unreadable value instead of failing the call', async () => {
    const { channel, result } = await runFlow(flowOf({ say: { type: 'say', as: 'date', value: 'nothing', next: 'e' }, e: { type: 'hangup' } }, P), []);
    expect(channel.clips()).toEqual([]);
    expect(result.reason).toBe('hangup-node');
  });

  const menuFlow = flowOf(
    {
      m: { type: 'menu', prompt: 'menu', options: [{ digit: '1', next: 'one' }, { digit: '0', next: 'zero' }], retries: 1, invalidPrompt: 'bad', timeoutPrompt: 'slow', onFailure: 'fail' },
      one: { type: 'hangup', cause: 'one' },
      zero: { type: 'hangup', cause: 'zero' },
      fail: { type: 'hangup', cause: 'fail' },
    },
    P,
  );

  it('menu: a valid key goes to its option', async () => {
    const { channel, events } = await runFlow(menuFlow, [{ keys: '1' }]);
    expect(channel.hangupCause).toBe('one');
    expect(events.filter((e) => e.type === 'input')).toEqual([expect.objectContaining({ node: 'm', digits: '1', result: 'ok' })]);
  });

  it('menu: an invalid key plays the invalid prompt and asks again', async () => {
    const { channel } = await runFlow(menuFlow, [{ keys: '7' }, { keys: '0' }]);
    expect(channel.prompts()).toEqual(['menu', 'bad', 'menu']);
    expect(channel.hangupCause).toBe('zero');
  });

  it('menu: silence plays the timeout prompt, and retries are limited', async () => {
    const { channel, result } = await runFlow(menuFlow, [{ silence: true }, { silence: true }, { keys: '1' }]);
    expect(channel.prompts()).toEqual(['menu', 'slow', 'menu']);
    expect(channel.hangupCause).toBe('fail');
    expect(result.path).toEqual(['m', 'fail']);
  });

  it('menu: a key pressed during the prompt barges in', async () => {
    const { channel } = await runFlow(menuFlow, [{ keys: '0', duringPrompt: true }]);
    expect(channel.collects[0]?.initial).toBe('0');
    expect(channel.hangupCause).toBe('zero');
  });

  it('play with barge-in: a key pressed during the welcome skips the menu prompt and selects', async () => {
    const flow = flowOf({ w: { type: 'play', prompts: ['hi'], bargeIn: true, next: 'm' }, ...menuFlow.nodes }, P);
    const { channel } = await runFlow(flow, [{ keys: '1', duringPrompt: true }]);
    expect(channel.prompts()).toEqual(['hi']);
    expect(channel.hangupCause).toBe('one');
  });

  const collectFlow = (extra: object = {}) =>
    flowOf(
      {
        c: { type: 'collect', prompt: 'card', var: 'card', minLength: 4, maxLength: 8, retries: 1, invalidPrompt: 'bad', next: 'done', onFailure: 'fail', ...extra },
        done: { type: 'say', as: 'digits', value: 'card', grouping: 'none', next: 'e' },
        e: { type: 'hangup' },
        fail: { type: 'hangup', cause: 'fail' },
      },
      P,
    );

  it('collect: the terminator ends input and is not stored', async () => {
    const { channel, session } = await runFlow(collectFlow(), [{ keys: '12345#' }]);
    expect(session.variables().card).toBe('12345');
    expect(channel.clips().slice(1)).toEqual(sayDigits('12345', { grouping: 'none' }).clips);
  });

  it('collect: maxLength ends input; the rest stays typed ahead', async () => {
    const { session } = await runFlow(collectFlow(), [{ keys: '1234567890' }]);
    expect(session.variables().card).toBe('12345678');
  });

  it('collect: the inter-digit timeout ends input with what was typed', async () => {
    const { session, channel } = await runFlow(collectFlow({ interDigitTimeoutMs: 3000 }), [{ keys: '123456', gapMs: 500 }]);
    expect(session.variables().card).toBe('123456');
    const pause = await runFlow(collectFlow({ interDigitTimeoutMs: 3000 }), [{ keys: '12345', gapMs: 3500 }, { keys: '9999#' }]);
    // "1" alone is too short: invalid, then the retry reads the keys still coming.
    expect(pause.events.filter((e) => e.type === 'input').map((e) => (e.type === 'input' ? [e.digits, e.result] : []))).toEqual([
      ['1', 'invalid'],
      ['2', 'invalid'],
    ]);
    expect(pause.channel.hangupCause).toBe('fail');
    expect(channel.elapsedMs).toBeGreaterThan(0);
  });

  it('collect: the first-digit timeout counts as a failed attempt', async () => {
    const { channel, session } = await runFlow(collectFlow({ firstDigitTimeoutMs: 5000 }), [{ keys: '1234#', delayMs: 6000 }]);
    // The keys arrive 1 s into the second attempt.
    expect(channel.prompts()).toEqual(['card', 'bad', 'card']);
    expect(session.variables().card).toBe('1234');
  });

  it('collect: secret input is masked in events and variables', async () => {
    const { events, session, result } = await runFlow(collectFlow({ secret: true }), [{ keys: '246810#' }]);
    expect(session.variables().card).toBe('******');
    expect(JSON.stringify(events)).not.toContain('246810');
    expect(result.inputs).toEqual([{ node: 'c', digits: '******' }]);
  });

  it('set and condition: branch on variables and caller facts', async () => {
    const flow = flowOf(
      {
        s: { type: 'set', assign: { n: '2 * 3', who: "caller.tier + '-' + caller.known" }, next: 'c' },
        c: { type: 'condition', branches: [{ when: 'n > 10', next: 'big' }, { when: "who == 'GOLD-true'", next: 'gold' }], else: 'other' },
        big: { type: 'hangup', cause: 'big' },
        gold: { type: 'hangup', cause: 'gold' },
        other: { type: 'hangup', cause: 'other' },
      },
      P,
    );
    const { channel } = await runFlow(flow, [], { ports: memoryPorts({ caller: { customerId: 7, tier: 'GOLD' } }) });
    expect(channel.hangupCause).toBe('gold');
  });

  it('lookup ticket-status: found and not found', async () => {
    const flow = flowOf(
      {
        t: { type: 'set', assign: { ticket: "'100001'" }, next: 'l' },
        l: { type: 'lookup', source: { kind: 'ticket-status', ticket: 'ticket' }, into: 'tk', next: 'found', notFound: 'none', onError: 'err' },
        found: { type: 'hangup', cause: 'found' },
        none: { type: 'hangup', cause: 'none' },
        err: { type: 'hangup', cause: 'err' },
      },
      P,
    );
    const hit = await runFlow(flow, [], { ports: memoryPorts({ tickets: { '100001': 'in_progress' } }) });
    expect(hit.channel.hangupCause).toBe('found');
    expect(hit.session.variables()['tk.status']).toBe('in_progress');
    const miss = await runFlow(flow, [], { ports: memoryPorts() });
    expect(miss.channel.hangupCause).toBe('none');
    expect(miss.events.find((e) => e.type === 'lookup')).toMatchObject({ source: 'ticket-status', outcome: 'not-found' });
  });

  it('transfer: hands the call layer a decision with masked context, then the survey after the agent hangs up', async () => {
    const flow = flowOf(
      {
        c: { type: 'collect', prompt: 'card', var: 'card', maxLength: 19, next: 'x', onFailure: 'x' },
        x: { type: 'transfer', target: { kind: 'queue', queue: '个人业务' }, prompt: 'ok', next: 'sv' },
        sv: { type: 'survey', prompt: 'menu', invalidPrompt: 'bad', thanksPrompt: 'bye', next: 'e' },
        e: { type: 'hangup' },
      },
      P,
    );
    const ports = memoryPorts({ caller: { customerId: 1, tier: 'DIAMOND' } });
    const { channel, result, events } = await runFlow(flow, [{ keys: '6228480012345678901' }, { keys: '9' }, { keys: '5' }], {
      ports,
      transferResults: [{ outcome: 'returned', agent: '1001' }],
    });
    expect(channel.transfers[0]).toMatchObject({
      hotline: '9000',
      target: { kind: 'queue', queue: '个人业务', priority: 0 },
      context: { customerId: 1, tier: 'DIAMOND', vip: true, ivrPath: ['c', 'x'] },
    });
    expect(channel.transfers[0]?.context.variables.card).toBe('622848*********8901');
    expect(ports.surveys.scores).toEqual([{ callId: 'call-1', score: 5, agent: '1001' }]);
    expect(channel.prompts().slice(-3)).toEqual(['bad', 'menu', 'bye']);
    expect(events.filter((e) => e.type === 'state').map((e) => (e.type === 'state' ? e.to : ''))).toEqual(['running', 'transferred', 'running', 'ended']);
    expect(result.reason).toBe('hangup-node');
  });

  it('transfer: ends the session when the call layer keeps the call, or follows onFailure', async () => {
    const flow = flowOf({ x: { type: 'transfer', target: { kind: 'external', number: '95588' }, onFailure: 'f' }, f: { type: 'hangup', cause: 'busy' } }, P);
    const done = await runFlow(flow, []);
    expect(done.result).toMatchObject({ reason: 'transferred', state: 'ended' });
    const failed = await runFlow(flow, [], { transferResults: [{ outcome: 'failed', reason: 'busy' }] });
    expect(failed.channel.hangupCause).toBe('busy');
  });

  it('voicemail: records a WAV and creates a work order with the audio linked', async () => {
    const flow = flowOf({ v: { type: 'voicemail', prompt: 'hi', next: 's' }, s: { type: 'say', as: 'digits', value: 'voicemail.ticket', next: 'e' }, e: { type: 'hangup' } }, P);
    const ports = memoryPorts({ caller: { customerId: 3, tier: 'NORMAL' } });
    const { channel } = await runFlow(flow, [{ record: { durationMs: 1500 } }], { ports });
    expect(channel.clips().slice(0, 2)).toEqual(['prompt.hi', 'tone.beep']);
    const vm = ports.voicemails[0];
    expect(vm).toMatchObject({ callId: 'call-1', hotline: '9000', caller: '13800138001', customerId: 3, durationMs: 1500 });
    expect(existsSync(vm?.audioPath ?? '')).toBe(true);
    expect((await readWavFile(vm?.audioPath ?? '')).info).toMatchObject({ sampleRate: 8000, channels: 1, durationMs: 1500 });
    expect(channel.clips().slice(2)).toEqual(sayDigits('200001').clips);
  });

  it('hangup by the caller ends the session at once', async () => {
    const { result, channel } = await runFlow(menuFlow, [{ hangup: true }]);
    expect(result).toMatchObject({ state: 'ended', reason: 'caller-hangup', path: ['m'] });
    expect(channel.hangupCause).toBeNull();
  });

  it('VIP callers skip the menu through a flow condition', async () => {
    const flow = flowOf(
      {
        vip: { type: 'condition', branches: [{ when: 'caller.vip', next: 'q' }], else: 'm' },
        m: { type: 'menu', prompt: 'menu', options: [{ digit: '0', next: 'q' }], onFailure: 'q' },
        q: { type: 'transfer', target: { kind: 'queue', queue: 'VIP', priority: 10 } },
      },
      P,
    );
    const vip = await runFlow(flow, [], { ports: memoryPorts({ caller: { customerId: 1, tier: 'DIAMOND' } }) });
    expect(vip.result.path).toEqual(['vip', 'q']);
    expect(vip.channel.prompts()).toEqual([]);
    const normal = await runFlow(flow, [{ keys: '0' }], { ports: memoryPorts({ caller: { customerId: 2, tier: 'NORMAL' } }) });
    expect(normal.result.path).toEqual(['vip', 'm', 'q']);
  });

  it('a runaway loop through input nodes stops at maxSteps', async () => {
    const flow = flowOf(
      { m: { type: 'menu', prompt: 'menu', options: [{ digit: '1', next: 'm' }], retries: 0, onFailure: 'm' } },
      P,
      { limits: { maxSteps: 10 } },
    );
    const { result, channel } = await runFlow(flow, Array.from({ length: 20 }, () => ({ keys: '1' })));
    expect(result.reason).toBe('max-steps');
    expect(channel.hangupCause).toBe('ivr-loop');
  });
});
