import { describe, expect, it } from 'vitest';
import { FakeMediaLeg } from '../../../../testing/fake-media-leg';
import { frameRms } from '../dsp';
import { decodePcmu } from '../codec';
import { MediaClock } from './media-clock';
import { BufferSource, MelodySource, ToneSource } from './pcm-source';
import { Player } from './player';

describe('Player', () => {
  it('sends one 20 ms packet per tick with +1 seq and +160 timestamp', async () => {
    const leg = new FakeMediaLeg('a', { codec: 'PCMU', payloadType: 0, telephoneEventPt: undefined });
    const clock = new MediaClock();
    const player = new Player(leg, new ToneSource(1000, 8000), clock);
    const t0 = performance.now();
    player.start();
    await new Promise((r) => setTimeout(r, 1010));
    const elapsed = performance.now() - t0;
    player.stop();
    const n = leg.sent.length;
    // One packet per elapsed 20 ms slot: a stalled event loop is caught up, never skipped or doubled.
    expect(n).toBeGreaterThanOrEqual(Math.floor(elapsed / 20) - 2);
    expect(n).toBeLessThanOrEqual(Math.floor(elapsed / 20) + 1);
    // Pacing: the k-th packet is never early. How late it may be depends on the machine's load,
    // so lateness is a benchmark figure (hub.concurrent_calls "on time"), not asserted here.
    leg.sentAt.forEach((t, k) => {
      const slot = t0 + (k + 1) * 20;
      expect(t - slot).toBeGreaterThan(-2);
    });
    for (let i = 1; i < n; i++) {
      expect(leg.parsedSent(i).sequenceNumber).toBe((leg.parsedSent(i - 1).sequenceNumber + 1) & 0xffff);
      expect((leg.parsedSent(i).timestamp - leg.parsedSent(i - 1).timestamp) >>> 0).toBe(160);
    }
    expect(leg.parsedSent(0).marker).toBe(true);
    const pcm = new Int16Array(160);
    decodePcmu(leg.parsedSent(5).payload(), pcm);
    expect(frameRms(pcm)).toBeGreaterThan(4000);
    expect(clock.size).toBe(0);
  });

  it('ends a one-shot prompt and reports it', async () => {
    const leg = new FakeMediaLeg('a', { codec: 'PCMA', payloadType: 8, telephoneEventPt: undefined });
    const player = new Player(leg, new BufferSource(new Int16Array(800).fill(1000)), new MediaClock());
    const ended = new Promise<void>((r) => (player.onEnded = r));
    player.start();
    await ended;
    expect(leg.sent.length).toBe(5);
    expect(leg.parsedSent(0).payloadType).toBe(8);
    expect(player.playing).toBe(false);
  });

  it('hold melody is audible and not a constant tone', () => {
    const m = new MelodySource();
    const a = new Int16Array(1600);
    const b = new Int16Array(1600);
    m.read(a, 1600);
    m.read(b, 1600);
    expect(frameRms(a)).toBeGreaterThan(500);
    expect(a.some((v, i) => v !== b[i])).toBe(true);
  });
});
