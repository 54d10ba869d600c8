import { describe, expect, it } from 'vitest';
import { unformattedSamples } from '../sim/serial-fixtures';
import { cidChecksum, decodeCidMessage, decodeMesg } from './cid-message-decoder';

const hex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));

describe('decodeCidMessage against the fixture author’s decodes', () => {
  for (const s of unformattedSamples()) {
    const d = s.decoded_by_fixture_author;
    it(`${s.id}: ${d.bytes} bytes, declared length ${d.declared_length}, checksum ${d.checksum_ok ? 'ok' : 'bad'}`, () => {
      const bytes = hex(s.hex);
      expect(bytes.length).toBe(d.bytes);
      expect(bytes[1]).toBe(d.declared_length);
      const r = decodeCidMessage(bytes);
      expect(r.ok).toBe(d.checksum_ok);
      if (d.checksum_byte !== null) {
        // Checksum position per the declared length, as the fixture author computed it.
        const at = d.declared_length + 2;
        expect(`0x${bytes[at]!.toString(16).toUpperCase().padStart(2, '0')}`).toBe(d.checksum_byte.toUpperCase().replace('0X', '0x'));
        expect(cidChecksum(bytes.subarray(0, at))).toBe(Number.parseInt(d.checksum_expected, 16));
      } else {
        expect(r).toMatchObject({ ok: false, reason: 'missing-checksum' });
        expect(cidChecksum(bytes)).toBe(Number.parseInt(d.checksum_expected, 16));
      }
    });
  }

  it('USR sample: walking the TLVs instead gives 36 parameter bytes and a 0x3E checksum (README claim)', () => {
    const bytes = hex(unformattedSamples().find((s) => s.id === 'usr-3com-mdmf')!.hex);
    expect(bytes.length - 3).toBe(36);
    expect(cidChecksum(bytes.subarray(0, bytes.length - 1))).toBe(0x3e);
    expect(bytes[bytes.length - 1]).toBe(0x22);
  });
});

describe('decodeCidMessage edge cases', () => {
  it('reports truncation, overrun and unsupported types without throwing', () => {
    expect(decodeCidMessage(hex('80'))).toMatchObject({ ok: false, reason: 'too-short' });
    expect(decodeCidMessage(hex('8020010830'))).toMatchObject({ ok: false, reason: 'truncated' });
    // MDMF whose only parameter claims 9 bytes but the message holds 2.
    const overrun = [0x80, 0x04, 0x02, 0x09, 0x31, 0x32];
    expect(decodeCidMessage(new Uint8Array([...overrun, cidChecksum(new Uint8Array(overrun))]))).toMatchObject({
      ok: false,
      reason: 'param-overrun',
    });
    const mwi = [0x82, 0x03, 0x0b, 0x01, 0xff];
    expect(decodeCidMessage(new Uint8Array([...mwi, cidChecksum(new Uint8Array(mwi))]))).toMatchObject({
      ok: false,
      reason: 'unsupported-type',
    });
  });

  it('MDMF absence reasons and invalid date/time are decoded, not dropped', () => {
    const body = [0x80, 0x10, 0x01, 0x08, ...Buffer.from('03222405'), 0x04, 0x01, 0x50 /* P */, 0x08, 0x01, 0x4f /* O */];
    const r = decodeCidMessage(new Uint8Array([...body, cidChecksum(new Uint8Array(body))]));
    expect(r).toMatchObject({ ok: true, record: { numberAbsence: 'private', nameAbsence: 'unavailable', warnings: ['invalid-datetime:03222405'] } });
  });
});

describe('decodeMesg (formatted-mode MESG tags)', () => {
  it('Bell Canada MESG carries parameter 0x03 with 5551212 (mgetty cnd.c)', () => {
    const r = decodeMesg('030735353531323132');
    expect(r).toMatchObject({ ok: true, param: 3 });
    if (r.ok) expect(Buffer.from(r.value).toString()).toBe('5551212');
  });
  it('NCID MESG = 110101 is parameter 0x11 (call type) with one byte', () => {
    expect(decodeMesg('110101')).toMatchObject({ ok: true, param: 0x11 });
  });
  it('the Askey odd-length MESG is malformed', () => {
    expect(decodeMesg('06034242431')).toEqual({ ok: false, detail: 'odd number of hex digits (11)' });
  });
});
