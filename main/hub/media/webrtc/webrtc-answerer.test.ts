/**
 * werift ↔ Chromium: the browser offers audio (an oscillator, PCMU only), the hub answers as
 * ICE-lite on 127.0.0.1, and RTP flows both ways over DTLS-SRTP.
 */
import type { Browser, Page } from 'playwright-core';
import { RtpHeader, RtpPacket } from 'werift';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../../testing/chromium';
import { decodePcmu, encodePcmu } from '../codec';
import { answerWebRtcOffer } from './webrtc-answerer';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
  await page.setContent('<html><body>webrtc</body></html>');
});

afterAll(async () => {
  await browser?.close();
});

describe('WebRTC leg against Chromium', () => {
  it('connects with DTLS-SRTP and carries G.711 both ways', async () => {
    const offer = await page.evaluate(async () => {
      const ctx = new AudioContext({ sampleRate: 8000 });
      const osc = ctx.createOscillator();
      osc.frequency.value = 440;
      const dest = ctx.createMediaStreamDestination();
      osc.connect(dest);
      osc.start();
      const pc = new RTCPeerConnection({ iceServers: [] });
      const transceiver = pc.addTransceiver(dest.stream.getAudioTracks()[0]!, { direction: 'sendrecv' });
      const codecs = RTCRtpReceiver.getCapabilities('audio')!.codecs.filter((c) => /PCMU|telephone-event/i.test(c.mimeType) && c.clockRate === 8000);
      transceiver.setCodecPreferences(codecs);
      (window as unknown as { pc: RTCPeerConnection }).pc = pc;
      await pc.setLocalDescription(await pc.createOffer());
      await new Promise<void>((r) => {
        if (pc.iceGatheringState === 'complete') return r();
        pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && r());
        setTimeout(r, 2000);
      });
      return pc.localDescription!.sdp;
    });
    expect(offer).toMatch(/PCMU\/8000/);

    const leg = await answerWebRtcOffer(offer, { hostAddresses: ['127.0.0.1'] });
    try {
      expect(leg.sdp).toMatch(/a=ice-lite/);
      expect(leg.sdp).toMatch(/a=candidate:\S+ 1 udp \d+ 127\.0\.0\.1 \d+ typ host/);
      expect(leg.sdp).not.toMatch(/typ (srflx|relay)/);

      let received = 0;
      let energy = 0;
      const pcm = new Int16Array(160);
      const inbound = leg.inbound.then((track) =>
        track.onReceiveRtp.subscribe((rtp) => {
          received++;
          if (rtp.header.payloadType !== 0) return;
          decodePcmu(rtp.payload, pcm, Math.min(160, rtp.payload.length));
          for (let i = 0; i < pcm.length; i++) energy += Math.abs(pcm[i]!);
        }),
      );
      await page.evaluate(async (sdp) => {
        const pc = (window as unknown as { pc: RTCPeerConnection }).pc;
        await pc.setRemoteDescription({ type: 'answer', sdp });
      }, leg.sdp);

      // Hub → browser: a 1 kHz tone, 20 ms packets.
      const frame = new Int16Array(160);
      const payload = new Uint8Array(160);
      let seq = 1000;
      let ts = 0;
      const sender = setInterval(() => {
        for (let i = 0; i < 160; i++) frame[i] = Math.round(8000 * Math.sin((2 * Math.PI * 1000 * (ts + i)) / 8000));
        encodePcmu(frame, payload);
        const header = new RtpHeader({ payloadType: 0, sequenceNumber: seq++ & 0xffff, timestamp: ts, ssrc: 0x1234abcd, marker: seq === 1001 });
        leg.outbound.writeRtp(new RtpPacket(header, Buffer.from(payload)));
        ts += 160;
      }, 20);
      try {
        await inbound;
        await expect.poll(() => received, { timeout: 10_000 }).toBeGreaterThan(25);
        expect(energy / received / 160).toBeGreaterThan(100); // the oscillator, not silence
        const browserSide = () =>
          page.evaluate(async () => {
            const pc = (window as unknown as { pc: RTCPeerConnection }).pc;
            let packets = 0;
            (await pc.getStats()).forEach((r: { type: string; kind?: string; packetsReceived?: number }) => {
              if (r.type === 'inbound-rtp' && r.kind === 'audio') packets = r.packetsReceived ?? 0;
            });
            return { packets, state: pc.connectionState };
          });
        await expect.poll(async () => (await browserSide()).packets, { timeout: 10_000 }).toBeGreaterThan(25);
        const final = await browserSide();
        expect(final.state).toBe('connected');
      } finally {
        clearInterval(sender);
      }
    } finally {
      await leg.close();
    }
  });
});
