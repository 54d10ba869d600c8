import { describe, expect, it } from 'vitest';
import { parseFormattedCidLine } from './formatted-cid-parser';

describe('parseFormattedCidLine', () => {
  it('splits several tags on one line and trims padding', () => {
    expect(parseFormattedCidLine('NAME=ARCHER L       NMBR=5071234567')).toEqual([
      { field: 'name', value: 'ARCHER L' },
      { field: 'number', value: '5071234567' },
    ]);
  });
  it('finds NMBR inside run-together text and reads NAME=O as unavailable', () => {
    expect(parseFormattedCidLine('DATE=0224 NAME=ONMBR=5072884388')).toEqual([
      { field: 'date', value: '0224' },
      { field: 'nameAbsence', value: 'unavailable' },
      { field: 'number', value: '5072884388' },
    ]);
  });
  it('prefers DDN_NMBR over the NMBR inside it', () => {
    expect(parseFormattedCidLine('DDN_NMBR= 9932562')).toEqual([{ field: 'number', value: '9932562' }]);
  });
  it('returns undefined for lines without tags and drops empty values', () => {
    expect(parseFormattedCidLine('CONNECT 9600')).toBeUndefined();
    expect(parseFormattedCidLine('NMBR=')).toEqual([]);
  });
});
