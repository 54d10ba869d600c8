import { describe, expect, it } from 'vitest';
import { dleTables, tokenize } from '../sim/serial-fixtures';
import type { TokenizerEvent } from './caller-id-tokenizer-events';

// vgetty's meaning names → the event our tokenizer must produce for that code.
function expectedFor(meaning: string, code: string): TokenizerEvent | 'none' {
  if (meaning.startsWith('RECEIVED_DTMF')) return { type: 'dtmf', digit: code as never };
  const voice = (kind: string): TokenizerEvent => ({ type: 'voiceEvent', kind: kind as never, code });
  const map: Record<string, TokenizerEvent | 'none'> = {
    BONG_TONE: voice('bongTone'),
    'start of DTMF shielding': 'none',
    'end of DTMF shielding': 'none',
    DATA_OR_FAX_DETECTED: voice('dataOrFaxDetected'),
    BUSY_TONE: voice('busy'),
    FAX_CALLING_TONE: voice('faxCalling'),
    DIAL_TONE: voice('dialTone'),
    DATA_CALLING_TONE: voice('dataCalling'),
    'invalid voice format (logged)': voice('invalidVoiceFormat'),
    HANDSET_ON_HOOK: { type: 'hook', state: 'onHook', via: 'dle' },
    HANDSET_OFF_HOOK: { type: 'hook', state: 'offHook', via: 'dle' },
    LOOP_BREAK: voice('loopBreak'),
    SIT_TONE: voice('sitTone'),
    LOOP_POLARITY_CHANGE: voice('polarityReversal'),
    'buffer overrun (logged)': voice('bufferOverrun'),
    SILENCE_DETECTED: voice('silence'),
    'XON received': voice('xon'),
    RINGBACK_DETECTED: voice('ringback'),
    RING_DETECTED: { type: 'ring', via: 'dle' },
    NO_VOICE_ENERGY: voice('noVoiceEnergy'),
    'XOFF received': voice('xoff'),
    TDD_DETECTED: voice('tdd'),
    'timing mark (ignored)': voice('timingMark'),
    'buffer underrun (logged)': voice('bufferUnderrun'),
    VOICE_DETECTED: voice('voiceDetected'),
    CALL_WAITING: voice('callWaiting'),
    'lost data detected (logged)': voice('lostData'),
  };
  const e = map[meaning];
  if (e === undefined) throw new Error(`test has no expectation for "${meaning}"`);
  return e;
}

describe('DLE codes: vgetty generic IS-101 table (fixture)', () => {
  const generic = dleTables().tables.find((t) => t.id === 'vgetty-is101-generic')!;
  for (const c of generic.codes!) {
    it(`${c.bytes} (${c.meaning})`, () => {
      const events = tokenize([new Uint8Array(Buffer.from(c.bytes!.replace(/ /g, ''), 'hex'))]);
      const want = expectedFor(c.meaning, c.code);
      expect(events).toEqual(want === 'none' ? [] : [want]);
    });
  }

  it('DLE ETX ends a data state; DLE DLE is data, not an event', () => {
    expect(tokenize([new Uint8Array([0x10, 0x03])])).toEqual([{ type: 'voiceEvent', kind: 'endOfData', code: '\\x03' }]);
    expect(tokenize([new Uint8Array([0x10, 0x10])]).filter((e) => e.type !== 'badFrame')).toEqual([]);
  });

  it('Lucent profile: <DLE>s is silence', () => {
    expect(tokenize([new Uint8Array([0x10, 0x73])], { dleProfile: 'lucent' })).toEqual([{ type: 'voiceEvent', kind: 'silence', code: 's' }]);
  });

  it('the IS-101 shielded DTMF example (digit 5) gives one digit', () => {
    const seq = dleTables().sequences.find((s) => s.id === 'is101-shielded-dtmf')!;
    const hex = seq.bytes_example_for_digit_5!.replace(/\.\.\. /, '').replace(/ /g, '');
    expect(tokenize([new Uint8Array(Buffer.from(hex, 'hex'))])).toEqual([{ type: 'dtmf', digit: '5' }]);
  });
});
