import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SerialFakeClock } from '../sim/serial-fake-clock';
import {
  type LineEnding,
  formattedSamples,
  linesToBytes,
  splitAt,
  tokenize,
  unformattedSamples,
} from '../sim/serial-fixtures';
import type { CallerIdRecord } from './caller-id-record';
import { CallerIdTokenizer } from './caller-id-tokenizer';
import type { TokenizerEvent } from './caller-id-tokenizer-events';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const records = (events: TokenizerEvent[]) =>
  events.flatMap((e) => (e.type === 'callerId' ? [e.record] : []));
const bad = (events: TokenizerEvent[]) => events.flatMap((e) => (e.type === 'badFrame' ? [e] : []));
const rings = (events: TokenizerEvent[]) => events.filter((e) => e.type === 'ring').length;
const strip = (r: CallerIdRecord) => {
  const { raw: _raw, ...rest } = r;
  return rest;
};

// What the fixture README says each formatted sample decodes to.
const FORMATTED_EXPECTED: Record<string, { records: Array<Partial<CallerIdRecord>>; rings: number; bad?: string[] }> = {
  'ncid-api-plain': {
    records: [{ date: '0511', time: '1852', number: '4075550000', name: 'JOHN DOE', extra: [{ param: 0x11, dataHex: '01' }] }],
    rings: 2,
  },
  'ncid-modems-debug-capture': { records: [{ date: '0504', time: '2149', number: '4075551212', name: 'Chmielewski Joh' }], rings: 2 },
  'askey-formatted': { records: [{ date: '0321', time: '1405', number: '504551234', name: 'A N OTHER' }], rings: 3 },
  'askey-formatted-unknown-tag': { records: [], rings: 3, bad: ['mesg-malformed'] },
  'usr-3com-formatted': { records: [{ date: '1015', time: '2038', number: '8475550001', name: 'U.S.ROBOTICS' }], rings: 2 },
  'misterhouse-modem-1': { records: [{ date: '990305', time: '1351', number: '5071234567', name: 'KLIER BRIAN J' }], rings: 0 },
  'misterhouse-modem-2-no-spaces': { records: [{ date: '0119', time: '2215', name: 'ARCHER L', number: '5071234567' }], rings: 2 },
  'misterhouse-modem-3-run-together': { records: [{ date: '0224', nameAbsence: 'unavailable', number: '5072884388' }], rings: 2 },
  'misterhouse-quebec-ddn': { records: [{ date: '0910', time: '0137', nameAbsence: 'unavailable', number: '9932562' }], rings: 0 },
  'misterhouse-swiss-fm-to': { records: [{ number: '07656283xx', calledNumber: '86733xx' }], rings: 1 },
  'atcmd-china': { records: [{ date: '1120', time: '1748', number: '186XXXXXXXX' }], rings: 2 },
  'mgetty-bell-canada-mesg': { records: [{ number: '5551212' }], rings: 0 },
};

const ENDINGS: LineEnding[] = ['crlf', 'lf', 'crlf-blank'];

describe('CallerIdTokenizer: formatted fixtures (AT+VCID=1)', () => {
  const { samples } = formattedSamples();

  it('has an expectation for every fixture sample', () => {
    expect(samples.map((s) => s.id).sort()).toEqual(Object.keys(FORMATTED_EXPECTED).sort());
  });

  for (const sample of samples) {
    for (const ending of ENDINGS) {
      it(`${sample.id} decodes as the README says (${ending})`, () => {
        const want = FORMATTED_EXPECTED[sample.id]!;
        const events = tokenize([linesToBytes(sample.lines, ending)]);
        expect(records(events).map(strip)).toEqual(want.records.map((r) => ({ format: 'formatted', ...r })));
        expect(rings(events)).toBe(want.rings);
        expect(bad(events).map((b) => b.reason)).toEqual(want.bad ?? []);
        for (const r of records(events)) expect(r.raw.length).toBeGreaterThan(0);
      });
    }
  }
});

// Modem output for the unformatted samples. The EET-China "lines" are the blog's own rendering
// ("80H 16H ..."), not modem output, so those samples are fed as RING + hex + RING.
function unformattedLines(s: { id: string; lines: string[]; hex: string }): string[] {
  return s.id.startsWith('china-') ? ['RING', s.hex, 'RING'] : s.lines;
}

const UNFORMATTED_EXPECTED: Record<string, Partial<CallerIdRecord> | { bad: string; detail: RegExp }> = {
  'ncid-api-sdmf': { format: 'sdmf', date: '0511', time: '1852', number: '4075550000' },
  'ncid-api-mdmf': { format: 'mdmf', date: '0511', time: '1852', number: '4075550000', name: 'JOHN DOE' },
  'china-eet-mdmf': { format: 'mdmf', date: '0317', time: '1656', number: '2156430144' },
  // Declared length 0x1E puts the checksum on 0x42 inside the name; expected 0x02 (fixture author).
  'usr-3com-mdmf': { bad: 'checksum', detail: /checksum 0x42, expected 0x02.*6 trailing/ },
  'askey-sdmf-no-checksum': { bad: 'missing-checksum', detail: /no checksum byte/ },
  'china-eet-sdmf-bad-bcc': { bad: 'checksum', detail: /checksum 0xBA, expected 0x4F/ },
};

describe('CallerIdTokenizer: unformatted fixtures (AT+VCID=2)', () => {
  for (const sample of unformattedSamples()) {
    for (const ending of ENDINGS) {
      it(`${sample.id} is ${sample.decoded_by_fixture_author.checksum_ok ? 'decoded' : 'reported bad'} (${ending})`, () => {
        const events = tokenize([linesToBytes(unformattedLines(sample), ending)]);
        const want = UNFORMATTED_EXPECTED[sample.id]!;
        if ('bad' in want) {
          expect(records(events)).toEqual([]);
          const b = bad(events);
          expect(b).toHaveLength(1);
          expect(b[0]!.reason).toBe(want.bad);
          expect(b[0]!.detail).toMatch(want.detail);
          expect(b[0]!.raw).toBe(sample.hex);
        } else {
          expect(bad(events)).toEqual([]);
          expect(records(events).map(strip)).toEqual([want]);
          expect(records(events)[0]!.raw).toBe(sample.hex.toUpperCase());
        }
      });
    }
  }
});

describe('CallerIdTokenizer: chunking', () => {
  const streams: Array<[string, Uint8Array]> = [
    ...formattedSamples().samples.flatMap((s) => ENDINGS.map((e) => [`${s.id}/${e}`, linesToBytes(s.lines, e)] as [string, Uint8Array])),
    ...unformattedSamples().flatMap((s) => ENDINGS.map((e) => [`${s.id}/${e}`, linesToBytes(unformattedLines(s), e)] as [string, Uint8Array])),
    ['dle-mix', bytes('\x10R\r\nDATE = 0511\r\n\x10/\x105\x105\x10~NMBR = 1\x10h\r\nNAME = X\r\n\x10\x10\x10R\x10H\x10#')],
  ];

  it('random chunk splits of every byte stream give identical events', () => {
    for (const [name, stream] of streams) {
      const whole = tokenize([stream]);
      fc.assert(
        fc.property(fc.array(fc.nat(), { maxLength: 12 }), (cuts) => {
          expect(tokenize(splitAt(stream, cuts)), name).toEqual(whole);
        }),
        { numRuns: 40 },
      );
    }
  });

  it('one byte at a time gives identical events', () => {
    for (const [name, stream] of streams) {
      expect(tokenize([...stream].map((b) => new Uint8Array([b]))), name).toEqual(tokenize([stream]));
    }
  });
});

describe('CallerIdTokenizer: record completion', () => {
  it('completes after the quiet timeout on the injected clock, not before', async () => {
    const clock = new SerialFakeClock();
    const t = new CallerIdTokenizer({ clock, recordTimeoutMs: 1500 });
    const events: TokenizerEvent[] = [];
    t.on((e) => events.push(e));
    t.push(bytes('DATE = 0511\r\nTIME = 1852\r\nNMBR = 4075550000\r\n'));
    await clock.advance(1499);
    expect(records(events)).toEqual([]);
    await clock.advance(1);
    expect(records(events).map(strip)).toEqual([{ format: 'formatted', date: '0511', time: '1852', number: '4075550000' }]);
  });

  it('completes on a blank line once number and name are both known', () => {
    const t = new CallerIdTokenizer({ clock: new SerialFakeClock() });
    const events: TokenizerEvent[] = [];
    t.on((e) => events.push(e));
    t.push(bytes('NMBR = 5551212\r\nNAME = A B\r\n\r\n'));
    expect(records(events)).toHaveLength(1);
  });

  it('does not split a record on a blank line before the name arrives', () => {
    const t = new CallerIdTokenizer({ clock: new SerialFakeClock() });
    const events: TokenizerEvent[] = [];
    t.on((e) => events.push(e));
    t.push(bytes('\r\nDATE = 0511\r\n\r\nNMBR = 5551212\r\n\r\nNAME = A B\r\n\r\n'));
    expect(records(events).map(strip)).toEqual([{ format: 'formatted', date: '0511', number: '5551212', name: 'A B' }]);
  });

  it('a repeated DATE starts the next call', () => {
    const events = tokenize([bytes('DATE=0101\nNMBR=1\nDATE=0102\nNMBR=2\n')]);
    expect(records(events).map((r) => [r.date, r.number])).toEqual([
      ['0101', '1'],
      ['0102', '2'],
    ]);
  });

  it('a <DLE>R ends the record like a text RING', () => {
    const events = tokenize([bytes('DATE = 0511\r\nNMBR = 1234\r\n\x10R')]);
    expect(events.map((e) => e.type)).toEqual(['callerId', 'ring']);
  });

  it('DATE/TIME with no identity is reported, not announced', () => {
    const events = tokenize([bytes('RING\r\nDATE = 0511\r\nTIME = 1852\r\nRING\r\n')]);
    expect(records(events)).toEqual([]);
    expect(bad(events).map((b) => b.reason)).toEqual(['incomplete-record']);
  });

  it('a wrapped hex frame waits for its continuation line', () => {
    const mdmf = '802001083035313131383532020A3430373535353030303007084A4F484E20444F4584';
    const events = tokenize([bytes(`RING\r\n${mdmf.slice(0, 30)}\r\n${mdmf.slice(30)}\r\nRING\r\n`)]);
    expect(records(events).map((r) => r.name)).toEqual(['JOHN DOE']);
  });
});

describe('CallerIdTokenizer: vendor variants (mgetty cnd.c tags, MisterHouse)', () => {
  const cases: Array<[string, string[], Partial<CallerIdRecord>]> = [
    ['ELSA RING;', ['RING;08912345;08765'], { number: '08912345', calledNumber: '08765' }],
    [
      'ZyXEL 1496',
      ['RING', 'TIME: 03-18 22:05', 'CALLER NUMBER: 5072881030', 'CALLER NAME: WINTER BRUCE'],
      { date: '0318', time: '2205', number: '5072881030', name: 'WINTER BRUCE' },
    ],
    ['ZyXEL 1496 reasons', ['REASON FOR NO CALLER NUMBER: P', 'REASON FOR NO CALLER NAME: O'], { numberAbsence: 'private', nameAbsence: 'unavailable' }],
    ['isdn4linux', ['CALLER NUMBER: 123', 'CALLED NUMBER: 456'], { number: '123', calledNumber: '456' }],
    ['ZyXEL 2864', ['FM:0301234 TO:0305678'], { number: '0301234', calledNumber: '0305678' }],
    ['Digi NDID', ['NMBR=5551212', 'NDID=7771234'], { number: '5551212', calledNumber: '7771234' }],
    ["CALLER'S NUMBER", ["CALLER'S NUMBER: 5551212"], { number: '5551212' }],
    ['Kortex NBR', ['NBR=5551212'], { number: '5551212' }],
    ['Russian USR', ['CallerID: 4951234567'], { number: '4951234567' }],
    ['Telia diverting', ['NMBR = 1', 'Diverting number: 0812345'], { number: '1', redirectingNumber: '0812345' }],
    ['+CLIP', ['+CLIP: "13812345678",129,,,"ZHANG SAN"'], { number: '13812345678', name: 'ZHANG SAN' }],
    ['+CLIP withheld', ['+CLIP: "",128,,,,1'], { numberAbsence: 'private' }],
    ['NMBR P', ['NMBR = P', 'NAME = P'], { numberAbsence: 'private', nameAbsence: 'private' }],
    ['NMBR A (NCID)', ['NMBR = A'], { numberAbsence: 'anonymous' }],
  ];
  for (const [name, lines, want] of cases) {
    it(name, () => {
      const events = tokenize([linesToBytes(lines, 'crlf')]);
      expect(records(events).map(strip)).toEqual([{ format: 'formatted', ...want }]);
    });
  }

  it('every vendor prefix in the fixture list is recognised or deliberately skipped', () => {
    const prefixes = formattedSamples().vendor_tag_variants.tags.map((t) => t.prefix);
    // ELINK 301 sends bare digit lines; indistinguishable from noise without a device profile.
    expect(prefixes.filter((p) => p.startsWith('(line of digits'))).toHaveLength(1);
    expect(prefixes.length).toBe(14);
  });
});

describe('CallerIdTokenizer: DLE and robustness', () => {
  it('a <DLE> code in the middle of a text line is an event and the line survives', () => {
    const events = tokenize([bytes('NMBR = 55\x10R51212\r\n')]);
    expect(events.map((e) => e.type)).toEqual(['ring', 'callerId']);
    expect(records(events)[0]!.number).toBe('5551212');
  });

  it('shielded DTMF repeats report one digit (IS-101 sequence fixture)', () => {
    const events = tokenize([bytes('\x10/\x105\x105\x105\x10~\x10/\x105\x10~')]);
    expect(events).toEqual([
      { type: 'dtmf', digit: '5' },
      { type: 'dtmf', digit: '5' },
    ]);
  });

  it('unknown <DLE> codes are bad frames with the byte', () => {
    const events = tokenize([bytes('\x10z')]);
    expect(bad(events)).toEqual([{ type: 'badFrame', reason: 'unknown-dle-code', detail: '<DLE> followed by 0x7a', raw: '\\x10z' }]);
  });

  it('Rockwell profile reads <DLE>t as handset off-hook; generic as TDD', () => {
    expect(tokenize([bytes('\x10t')], { dleProfile: 'rockwell' })).toEqual([{ type: 'hook', state: 'offHook', via: 'dle' }]);
    expect(tokenize([bytes('\x10t')])).toEqual([{ type: 'voiceEvent', kind: 'tdd', code: 't' }]);
  });

  it('result codes and unknown lines are typed', () => {
    const events = tokenize([bytes('ATZ\r\r\nOK\r\nERROR\r\nCONNECT 9600\r\nhello\r\n')]);
    expect(events).toEqual([
      { type: 'line', text: 'ATZ' },
      { type: 'result', code: 'OK', text: 'OK' },
      { type: 'result', code: 'ERROR', text: 'ERROR' },
      { type: 'result', code: 'CONNECT', text: 'CONNECT 9600' },
      { type: 'line', text: 'hello' },
    ]);
  });

  it('an over-long line is reported once and the next line still parses', () => {
    const events = tokenize([bytes(`${'x'.repeat(2000)}\r\nNMBR = 1\r\n`)], { maxLineLength: 512 });
    expect(bad(events).map((b) => b.reason)).toEqual(['line-too-long']);
    expect(records(events).map((r) => r.number)).toEqual(['1']);
  });

  it('interleaved garbage lines do not disturb a caller-ID record', () => {
    const events = tokenize([bytes('RING\r\n\x01\x02\xff\r\nDATE = 0511\r\n@@##\r\nNMBR = 4075550000\r\n\x00\x00\r\nNAME = JOHN DOE\r\nRING\r\n')]);
    expect(records(events).map(strip)).toEqual([{ format: 'formatted', date: '0511', number: '4075550000', name: 'JOHN DOE' }]);
    expect(bad(events).map((b) => b.reason)).toEqual(['garbage', 'garbage']);
  });

  it('never throws on arbitrary bytes, and every event is well-formed', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 8 }), (chunks) => {
        const events = tokenize(chunks);
        for (const e of events) expect(typeof e.type).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});
