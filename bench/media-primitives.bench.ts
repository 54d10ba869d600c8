/**
 * Media primitives benchmark: one JSON line per figure.
 *   npx tsx bench/media-primitives.bench.ts
 * Each figure is the median of 5 timed runs after a warm-up run.
 */
import { decodePcma, encodePcma } from '../main/hub/media/codec/pcma';
import { decodePcmu, encodePcmu } from '../main/hub/media/codec/pcmu';
import { pcmuToPcma } from '../main/hub/media/codec/transcode';
import { GoertzelDtmfDetector } from '../main/hub/media/dsp/goertzel-dtmf-detector';
import { ConferenceMixer } from '../main/hub/media/dsp/mixer';
import { ToneGenerator } from '../main/hub/media/dsp/tone-generator';
import { JitterBuffer } from '../main/hub/media/rtp/jitter-buffer';
import { RtpPacketView, parseRtpPacket, serializeRtpPacket, writeRtpPacket } from '../main/hub/media/rtp/rtp-packet';
import { SequenceRewriter } from '../main/hub/media/rtp/sequence-rewriter';
import { sayAmount } from '../main/hub/ivr/say/say-amount';

const FRAME = 160;
let sink = 0; // defeats dead-code elimination

function timeNs(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0);
}

function median(fn: () => void): number {
  fn(); // warm-up / JIT
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) runs.push(timeNs(fn));
  runs.sort((a, b) => a - b);
  return runs[2] as number;
}

function emit(name: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  const rounded = value >= 100 ? Math.round(value) : Math.round(value * 1000) / 1000;
  process.stdout.write(`${JSON.stringify({ name, value: rounded, unit, ...extra })}\n`);
}

function speechLike(n: number): Int16Array {
  const x = new Int16Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = Math.round(8000 * Math.sin(i * 0.07) * Math.sin(i * 0.0021) + 3000 * Math.sin(i * 0.91));
  }
  return x;
}

// --- G.711 ------------------------------------------------------------------------------
{
  const n = 8000 * 60; // one minute of audio
  const pcm = speechLike(n);
  const codes = new Uint8Array(n);
  const back = new Int16Array(n);
  const encU = median(() => encodePcmu(pcm, codes));
  emit('media.pcmu_encode_ns_per_sample', encU / n, 'ns/sample');
  const decU = median(() => decodePcmu(codes, back));
  emit('media.pcmu_decode_ns_per_sample', decU / n, 'ns/sample');
  const encA = median(() => encodePcma(pcm, codes));
  emit('media.pcma_encode_ns_per_sample', encA / n, 'ns/sample');
  const decA = median(() => decodePcma(codes, back));
  emit('media.pcma_decode_ns_per_sample', decA / n, 'ns/sample');
  const out = new Uint8Array(n);
  const tr = median(() => pcmuToPcma(codes, out));
  emit('media.pcmu_to_pcma_ns_per_sample', tr / n, 'ns/sample');
  sink += (back[123] as number) + (out[77] as number);
}

// --- RTP --------------------------------------------------------------------------------
{
  const payload = new Uint8Array(FRAME).fill(0xff);
  const raw = new Uint8Array(172);
  writeRtpPacket(raw, 0, { marker: false, payloadType: 0, sequenceNumber: 1, timestamp: 160, ssrc: 0x1234 }, payload);
  const view = new RtpPacketView();
  const iters = 1_000_000;
  const parse = median(() => {
    for (let i = 0; i < iters; i++) {
      raw[3] = i & 0xff;
      parseRtpPacket(raw, view);
      sink += view.sequenceNumber;
    }
  });
  emit('media.rtp_parse_ns_per_packet', parse / iters, 'ns/packet');
  const out = new Uint8Array(200);
  parseRtpPacket(raw, view);
  const ser = median(() => {
    for (let i = 0; i < iters; i++) {
      view.sequenceNumber = i & 0xffff;
      sink += serializeRtpPacket(view, out);
    }
  });
  emit('media.rtp_serialize_ns_per_packet', ser / iters, 'ns/packet');
  const rw = new SequenceRewriter({ ssrc: 9, initialSequence: 0, initialTimestamp: 0 });
  const rew = median(() => {
    for (let i = 0; i < iters; i++) {
      if (i % 1000 === 0) rw.switchSource();
      rw.rewriteInPlace(raw, 0);
    }
  });
  emit('media.sequence_rewrite_ns_per_packet', rew / iters, 'ns/packet');

  const jb = new JitterBuffer({ depth: 3 });
  const frame = new Uint8Array(FRAME);
  let seq = 0;
  const jbIters = 500_000;
  const jbt = median(() => {
    for (let i = 0; i < jbIters; i++) {
      // mild reordering: swap every 7th pair
      const s = i % 7 === 0 ? seq + 1 : i % 7 === 1 ? seq - 1 : seq;
      jb.push(s & 0xffff, payload);
      jb.pop(frame);
      seq++;
    }
  });
  emit('media.jitter_push_pop_ns_per_frame', jbt / jbIters, 'ns/frame');
}

// --- DSP --------------------------------------------------------------------------------
{
  const seconds = 30;
  const pcm = speechLike(8000 * seconds);
  const g = new ToneGenerator();
  g.setDtmf('5', 8000);
  g.generate(pcm, 8000, 800, true);
  const det = new GoertzelDtmfDetector();
  const frames = pcm.length / FRAME;
  const t = median(() => {
    det.reset();
    for (let i = 0; i < pcm.length; i += FRAME) sink += det.process(pcm, i, FRAME).length;
  });
  const fps = frames / (t / 1e9);
  emit('media.goertzel_frames_per_s', fps, 'frames/s', { frameSamples: FRAME });
  emit('media.goertzel_realtime_channels', fps / 50, 'channels');

  for (const parties of [3, 10]) {
    const mixer = new ConferenceMixer(parties);
    const ins: Int16Array[] = [];
    const outs: Int16Array[] = [];
    for (let p = 0; p < parties; p++) {
      ins.push(pcm.subarray(p * FRAME, (p + 1) * FRAME));
      outs.push(new Int16Array(FRAME));
    }
    const iters = 100_000;
    const mt = median(() => {
      for (let i = 0; i < iters; i++) mixer.mix(ins, outs);
    });
    emit(`media.mixer_${parties}party_frames_per_s`, iters / (mt / 1e9), 'frames/s', { parties });
    sink += outs[0]?.[5] ?? 0;
  }
}

// --- IVR say ----------------------------------------------------------------------------
{
  const iters = 100_000;
  const t = median(() => {
    for (let i = 0; i < iters; i++) sink += sayAmount(i * 1.37).clips.length;
  });
  emit('ivr.say_amount_us_per_call', t / iters / 1000, 'us/call');
}

if (sink === 42) process.stdout.write('');
