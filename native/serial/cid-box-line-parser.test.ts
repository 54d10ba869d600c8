import { describe, expect, it } from 'vitest';
import { agentBoxSamples } from '../sim/serial-fixtures';
import { parseCidBoxLine } from './cid-box-line-parser';

const sample = (id: string) => agentBoxSamples().find((s) => s.id === id)!.line;

describe('parseCidBoxLine: fixture samples', () => {
  it('Whozz Calling? comprehensive', () => {
    expect(parseCidBoxLine(sample('whozz-calling-comprehensive'))).toEqual({
      kind: 'whozz',
      direction: 'in',
      phase: 'start',
      checksumOk: true,
      record: {
        format: 'whozz',
        raw: '01 I S 0276 G B3 09/26 11:28 AM 800-240-4637 CallerID.com',
        line: '01',
        date: '0926',
        time: '1128',
        number: '8002404637',
        name: 'CallerID.com',
      },
    });
  });

  it('Whozz Calling? limited ($ toggle), 12 h clock converted', () => {
    expect(parseCidBoxLine(sample('whozz-calling-limited'))).toMatchObject({
      kind: 'whozz',
      direction: 'in',
      record: { line: '01', date: '0926', time: '1430', number: '8002404637', name: 'CallerID.com' },
    });
  });

  it('Whozz limited with the manual’s 5-space separators parses the same', () => {
    expect(parseCidBoxLine('$01     09/26     02:30     PM     8002404637     I     CallerID.com')).toMatchObject({
      record: { time: '1430', number: '8002404637', name: 'CallerID.com' },
    });
  });

  it('Whozz end-of-call record carries duration and a B (bad checksum) flag', () => {
    expect(parseCidBoxLine('01 I E 0276 B B3 09/26 11:28 AM 800-240-4637 CallerID.com')).toMatchObject({
      phase: 'end',
      durationSec: 276,
      rings: 'B3',
      checksumOk: false,
    });
  });

  const ncid: Array<[string, object]> = [
    ['netcallerid-1', { date: '0618', time: '2106', number: '7045551212', name: 'SPAULDING TIMOT' }],
    ['netcallerid-2', { date: '0725', time: '2019', number: '5072881030', name: 'WINTER BRUCE LA' }],
    ['netcallerid-3-unknown', { date: '0619', time: '1942', name: '-UNKNOWN CALLER-', nameAbsence: 'unavailable', numberAbsence: 'unavailable' }],
  ];
  for (const [id, want] of ncid) {
    it(id, () => {
      const r = parseCidBoxLine(sample(id));
      expect(r?.kind).toBe('netcallerid');
      expect(r?.record).toEqual({ format: 'netcallerid', raw: sample(id), ...want });
    });
  }

  it('Weeder (fixed columns)', () => {
    expect(parseCidBoxLine(sample('weeder-cid'))).toEqual({
      kind: 'weeder',
      direction: 'in',
      record: { format: 'weeder', raw: sample('weeder-cid'), date: '0318', time: '2205', number: '5072881030', name: 'WINTER BRUCE LA' },
    });
  });

  // Further Weeder lines from the comments in MisterHouse lib/Caller_ID.pm (same source).
  it('Weeder OUT OF AREA / PRIVATE become reasons', () => {
    expect(parseCidBoxLine('I03/23 08:35 OUT OF AREA  OUT OF AREA')?.record).toMatchObject({
      numberAbsence: 'unavailable',
      nameAbsence: 'unavailable',
    });
    expect(parseCidBoxLine('I03/22 16:17 PRIVATE      PRIVATE')?.record).toMatchObject({ numberAbsence: 'private', nameAbsence: 'private' });
  });

  it('rejects lines of other formats and garbage', () => {
    expect(parseCidBoxLine('DATE = 0511')).toBeUndefined();
    expect(parseCidBoxLine('\x00\xff garbage')).toBeUndefined();
    expect(parseCidBoxLine(sample('weeder-cid'), 'whozz')).toBeUndefined();
  });
});
