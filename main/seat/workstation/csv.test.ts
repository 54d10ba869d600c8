import { describe, expect, it } from 'vitest';
import { csvField, decodeText, formatCsv, parseCsv } from './csv';

describe('csv', () => {
  it('keeps the line each record starts on, across quoted newlines, CRLF and blank lines', () => {
    const text = '\ufeffa,b\r\n"x\ny",2\r\n\r\n"q""uote",3\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x\ny', '2'] },
      { line: 5, fields: ['q"uote', '3'] },
    ]);
  });

  it('reads GBK files from Excel on Chinese Windows', () => {
    // "姓名" in GBK.
    expect(decodeText(new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb]))).toBe('姓名');
    expect(decodeText(new TextEncoder().encode('姓名'))).toBe('姓名');
  });

  it('quotes what needs quoting and defuses spreadsheet formulas, but not phone numbers', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+86 138 0013 8001')).toBe('+86 138 0013 8001');
    expect(csvField('-cmd')).toBe("'-cmd");
    expect(parseCsv(formatCsv([['姓名', '备注'], ['王芳', '多行\n"引号"']])).map((r) => r.fields)).toEqual([['姓名', '备注'], ['王芳', '多行\n"引号"']]);
  });
});
