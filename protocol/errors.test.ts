import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BranchlineError, ERRORS, ERROR_CODES, fromWireError, toWireError } from './errors';

describe('error table', () => {
  const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');

  it('documents every code with its HTTP and SIP status', () => {
    for (const code of ERROR_CODES) {
      const { http, sip } = ERRORS[code];
      expect(doc, `${code} missing from docs/errors.md`).toMatch(new RegExp(`\\| \`${code}\` \\| ${http} \\| ${sip} \\|`));
    }
  });

  it('documents no code that does not exist', () => {
    const documented = [...doc.matchAll(/\| `(BL_ERR_[A-Z_]+)`/g)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...ERROR_CODES].sort());
  });

  it('keeps the code and message of expected errors across the wire', () => {
    const wire = toWireError(new BranchlineError('BL_ERR_AUTH_FORBIDDEN', 'nope'));
    expect(wire).toEqual({ code: 'BL_ERR_AUTH_FORBIDDEN', message: 'nope' });
    const back = fromWireError(JSON.parse(JSON.stringify(wire)));
    expect(back).toBeInstanceOf(BranchlineError);
    expect(back.code).toBe('BL_ERR_AUTH_FORBIDDEN');
    expect(back.httpStatus).toBe(403);
  });

  it('never leaks the message of an unexpected error', () => {
    expect(toWireError(new Error('SQLITE_CORRUPT at /secret/path'))).toEqual({ code: 'BL_ERR_INTERNAL', message: 'Internal error' });
    expect(fromWireError({ code: 'NOT_A_CODE', message: 'x' }).code).toBe('BL_ERR_INTERNAL');
    expect(fromWireError(null).code).toBe('BL_ERR_INTERNAL');
  });
});
