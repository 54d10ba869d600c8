import { describe, expect, it } from 'vitest';
import { JitterBuffer } from './jitter-buffer';

function frame(tag: number): Uint8Array {
  return new Uint8Array(160).fill(tag & 0xff);
}

function popTags(jb: JitterBuffer, n: number): string[] {
  const out = new Uint8Array(160);
  const res: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = jb.pop(out);
    res.push(r === 'frame' ? String(out[0]) : r === 'concealed' ? `c${out[0]}` : r);
  }
  return res;
}

describe('JitterBuffer', () => {
  it('buffers to the target depth, then plays in order', () => {
    const jb = new JitterBuffer({ depth: 3, adaptive: false });
    jb.push(1, frame(1));
    expect(popTags(jb, 1)).toEqual(['buffering']);
    jb.push(2, frame(2));
    jb.push(3, frame(3));
    expect(popTags(jb, 3)).toEqual(['1', '2', '3']);
  });

  it('reorders across the 16-bit wrap', () => {
    const jb = new JitterBuffer({ depth: 4, adaptive: false });
    for (const s of [65534, 0, 65535, 1, 2]) jb.push(s, frame(s));
    expect(popTags(jb, 5)).toEqual(['254', '255', '0', '1', '2']);
  });

  it('handles an earlier packet that arrives while buffering', () => {
    const jb = new JitterBuffer({ depth: 3, adaptive: false });
    jb.push(11, frame(11));
    jb.push(10, frame(10));
    jb.push(12, frame(12));
    expect(popTags(jb, 3)).toEqual(['10', '11', '12']);
  });

  it('drops duplicates and late frames', () => {
    const jb = new JitterBuffer({ depth: 2, adaptive: false });
    expect(jb.push(100, frame(1))).toBe('stored');
    expect(jb.push(100, frame(1))).toBe('duplicate');
    expect(jb.push(101, frame(2))).toBe('stored');
    expect(popTags(jb, 2)).toEqual(['1', '2']);
    expect(jb.push(100, frame(1))).toBe('late');
    expect(jb.stats).toMatchObject({ duplicate: 1, late: 1, received: 2, played: 2 });
  });

  it('conceals a missing frame by repetition, then silence', () => {
    const jb = new JitterBuffer({ depth: 1, adaptive: false, maxRepeats: 2, silenceByte: 0xd5 });
    jb.push(1, frame(1));
    jb.push(6, frame(6));
    expect(popTags(jb, 6)).toEqual(['1', 'c1', 'c1', 'silence', 'silence', '6']);
    const out = new Uint8Array(160);
    jb.push(8, frame(8));
    jb.pop(out); // seq 7 missing right after a good frame: repeat of 6
    expect(out[0]).toBe(6);
  });

  it('restarts on a large sequence jump (new sender)', () => {
    const jb = new JitterBuffer({ depth: 1, adaptive: false });
    jb.push(10, frame(10));
    expect(popTags(jb, 1)).toEqual(['10']);
    expect(jb.push(30_000, frame(77))).toBe('reset');
    expect(popTags(jb, 1)).toEqual(['77']);
  });

  it('rebuffers after the stream stops', () => {
    const jb = new JitterBuffer({ depth: 2, maxDepth: 4, adaptive: false });
    jb.push(1, frame(1));
    jb.push(2, frame(2));
    popTags(jb, 2);
    const tail = popTags(jb, 8);
    expect(tail.at(-1)).toBe('buffering');
    jb.push(500, frame(50));
    expect(popTags(jb, 1)).toEqual(['buffering']);
    jb.push(501, frame(51));
    expect(popTags(jb, 2)).toEqual(['50', '51']);
  });

  it('grows its depth on late frames and shrinks after a calm period', () => {
    const jb = new JitterBuffer({ depth: 2, minDepth: 1, maxDepth: 6, shrinkAfter: 50 });
    let seq = 0;
    const out = new Uint8Array(160);
    jb.push(seq, frame(seq));
    seq++;
    jb.push(seq, frame(seq));
    seq++;
    jb.pop(out);
    jb.pop(out); // consumed 0,1; seq 2 not there yet
    expect(jb.pop(out)).toBe('concealed');
    expect(jb.push(2, frame(2))).toBe('late');
    expect(jb.depth).toBe(3);
    // steady stream for a while: one push, one pop
    for (let i = 0; i < 200; i++) {
      jb.push(i + 3, frame(i + 3));
      jb.pop(out);
    }
    expect(jb.depth).toBeLessThan(3);
  });

  it('plays a long steady stream across several sequence wraps without loss', () => {
    const jb = new JitterBuffer({ depth: 3 });
    const f = frame(9);
    const out = new Uint8Array(160);
    for (let i = 0; i < 100_000; i++) {
      expect(jb.push(i & 0xffff, f)).toBe('stored');
      jb.pop(out);
    }
    expect(jb.stats.played).toBe(100_000 - 2);
    expect(jb.stats.concealed + jb.stats.late + jb.stats.resets).toBe(0);
  });
});
