/**
 * WebRtcLeg ↔ Chromium with the hub offering (as when it rings a seat): ICE-lite on 127.0.0.1,
 * the browser answers, and G.711 flows both ways through the MediaLeg interface.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../../testing/chromium';
import { encodePcmu } from '../codec';
import { writeRtpPacket } from '../rtp';
import { WebRtcLeg, formatFromAnswer } from './webrtc-leg';

let browser: Browser;
let page: Page;
let server: Server;

beforeAll(async () => {
  // With microphone permission granted Chromium binds ICE to its interfaces and leaves out
  // loopback, so the hub's 127.0.0.1 candidate is unreachable unless loopback is allowed.
  browser = await launchChromium(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--allow-loopback-in-peer-connection']);
  page = await browser.newPage();
  // A secure context (http://127.0.0.1) so getUserMedia exists, as on the real seat page.
  server = createServer((_, res) => res.end('<html><body>webrtc</body></html>'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('WebRtcLeg (hub offers) against Chromium', () => {
  it('reads the codec and telephone-event type from an answer', () => {
    const sdp = 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n';
    expect(formatFromAnswer(sdp)).toEqual({ codec: 'PCMA', payloadType: 8, telephoneEventPt: 101 });
  });

  it('offers ICE-lite host candidates, takes the browser answer, carries G.711 both ways', async () => {
    const leg = await WebRtcLeg.offer({ id: 'w1', hostAddresses: ['127.0.0.1'] });
    try {
      expect(leg.localSdp).toMatch(/a=ice-lite/);
      expect(leg.localSdp).toMatch(/a=setup:actpass/);
      expect(leg.localSdp).toMatch(/a=candidate:\S+ 1 udp \d+ 127\.0\.0\.1 \d+ typ host/);
      let received = 0;
      leg.onPacket = () => void received++;
      const answer = await page.evaluate(async (offer) => {
        await navigator.mediaDevices.getUserMedia({ audio: true });
        const ctx = new AudioContext({ sampleRate: 8000 });
        const osc = ctx.createOscillator();
        const dest = ctx.createMediaStreamDestination();
        osc.connect(dest);
        osc.start();
        const pc = new RTCPeerConnection({ iceServers: [] });
        (window as unknown as { pc: RTCPeerConnection }).pc = pc;
        await pc.setRemoteDescription({ type: 'offer', sdp: offer });
        pc.getTransceivers()[0]!.direction = 'sendrecv';
        await pc.getTransceivers()[0]!.sender.replaceTrack(dest.stream.getAudioTracks()[0]!);
        await pc.setLocalDescription(await pc.createAnswer());
        await new Promise<void>((r) => {
          if (pc.iceGatheringState === 'complete') return r();
          pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && r());
          setTimeout(r, 2000);
        });
        return pc.localDescription!.sdp;
      }, leg.localSdp);
      await leg.applyAnswer(answer);
      expect(leg.format.codec).toBe('PCMU');

      const pcm = new Int16Array(160).map((_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 1000 * i) / 8000)));
      const payload = new Uint8Array(160);
      encodePcmu(pcm, payload);
      let seq = 0;
      const timer = setInterval(() => {
        const n = writeRtpPacket(leg.outBuffer, 0, { payloadType: 0, sequenceNumber: seq, timestamp: seq * 160, ssrc: 0x1234, marker: seq === 0 }, payload);
        seq++;
        leg.send(n);
      }, 20);
      try {
        await expect.poll(() => received, { timeout: 10_000 }).toBeGreaterThan(25);
        const packets = () =>
          page.evaluate(async () => {
            let p = 0;
            (await (window as unknown as { pc: RTCPeerConnection }).pc.getStats()).forEach((r: { type: string; kind?: string; packetsReceived?: number }) => {
              if (r.type === 'inbound-rtp' && r.kind === 'audio') p = r.packetsReceived ?? 0;
            });
            return p;
          });
        await expect.poll(packets, { timeout: 10_000 }).toBeGreaterThan(25);
      } finally {
        clearInterval(timer);
      }
    } finally {
      leg.close();
    }
  });
});
