/**
 * End to end: customer phone 2001 (baresip, a 440 Hz tone as its microphone) calls agent 1001,
 * whose softphone is sip.js in Chromium registered over SIP-over-WebSocket. The hub offers WebRTC
 * (ICE-lite, DTLS-SRTP) to the browser; the agent answers in the UI; Chromium's fake microphone
 * (a beep) goes back. The hub's stereo recording must carry audio on both channels.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Baresip, makeToneWav } from '../../testing/baresip';
import { launchChromium } from '../../testing/chromium';
import { spawnBranchline } from '../../testing/spawn-branchline';
import type { RunningBranchline } from '../../testing/spawn-branchline';
import { toneLevel } from '../../testing/wav-analysis';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

let app: RunningBranchline;
let browser: Browser;
let page: Page;
let phone: Baresip | undefined;

beforeAll(async () => {
  [app, browser] = await Promise.all([
    spawnBranchline(['start', '--demo', '--web', '127.0.0.1:0', '--http', '127.0.0.1:0', '--rtp-ports', '36000-36999']),
    // baresip 1.0 answers only MD5 digest challenges.
    // No microphone on the test machine: Chromium's fake capture device (a beep) and no permission prompt.
    // Once the microphone is granted Chromium gathers ICE only on non-loopback interfaces, and the
    // hub advertises 127.0.0.1 here: allow loopback so the pair can form.
    launchChromium(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required']),
  ]);
  page = await browser.newPage();
  // Keep every RTCPeerConnection sip.js makes, to read its getStats() from the test.
  await page.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const peers: RTCPeerConnection[] = [];
    (window as unknown as { __blPeers: RTCPeerConnection[] }).__blPeers = peers;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        peers.push(this);
      }
    } as typeof RTCPeerConnection;
  });
}, 40_000);

afterAll(async () => {
  await phone?.stop();
  await browser?.close();
  expect(await app?.stop()).toBe(0);
});

describe('a customer call answered in the browser softphone', () => {
  it('rings the seat, the agent answers in the UI, audio flows both ways through the hub', async () => {
    await page.goto(String(app.ready.url));
    await page.getByTestId('login-username').fill('1001');
    await page.getByTestId('login-password').fill('pass1001');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('workstation').waitFor();
    await expect.poll(() => page.getByTestId('softphone-registration').getAttribute('data-state'), { timeout: 10_000 }).toBe('registered');

    const sip = app.ready.sip as Record<string, string>;
    const sipPort = Number(sip.udp?.split(':').pop());
    const tone = await makeToneWav(join(app.dataDir, '440.wav'), 440, 60);
    phone = await Baresip.start({ user: '2001', password: 'pass2001', hubPort: sipPort, sourceWav: tone, rtpPorts: [37000, 37049] });
    await phone.registered();
    await phone.command('dial', `sip:1001@127.0.0.1:${sipPort}`);

    await expect.poll(() => page.getByTestId('softphone-call').getAttribute('data-state'), { timeout: 10_000 }).toBe('ringing');
    await page.getByTestId('softphone-answer').click();
    await expect.poll(() => page.getByTestId('softphone-call').getAttribute('data-state'), { timeout: 10_000 }).toBe('active');
    await phone.waitEvent('CALL_ESTABLISHED', 10_000);
    await wait(3000);

    // The browser decrypted G.711 from the hub.
    const received = await page.evaluate(async () => {
      const w = window as unknown as { __blPeers?: RTCPeerConnection[] };
      let total = 0;
      for (const pc of w.__blPeers ?? []) {
        (await pc.getStats()).forEach((s: { type: string; kind?: string; packetsReceived?: number }) => {
          if (s.type === 'inbound-rtp' && s.kind === 'audio') total += s.packetsReceived ?? 0;
        });
      }
      return total;
    });
    const closedAt = phone.events.length;
    await phone.command('hangup');
    await phone.waitEvent('CALL_CLOSED', 5000, closedAt);
    // The hub's BYE reaches the browser: the call leaves the softphone bar (or shows ended).
    const callShown = async () => ((await page.getByTestId('softphone-call').count()) === 0 ? 'gone' : await page.getByTestId('softphone-call').getAttribute('data-state'));
    await expect.poll(callShown, { timeout: 5000 }).toMatch(/gone|ended/);

    const dir = join(app.dataDir, 'recordings');
    let wav = '';
    await expect
      .poll(
        () => {
          const files = readdirSync(dir).filter((f) => f.endsWith('.wav'));
          wav = files.map((f) => join(dir, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0] ?? '';
          return wav;
        },
        { timeout: 5000 },
      )
      .not.toBe('');
    await wait(500);
    const caller = await toneLevel(wav, 0, 440);
    const agent = await toneLevel(wav, 1, 440);
    expect(caller.seconds).toBeGreaterThan(2);
    expect(caller.toneDb).toBeGreaterThan(-30);
    // Chromium's fake microphone beeps: real energy on the agent channel, not digital silence.
    expect(agent.rmsDb).toBeGreaterThan(-50);
    expect(received).toBeGreaterThan(50);
    // And the customer heard the agent: baresip's decoded-audio dump is not silence.
    const dump = readdirSync(phone.recordDir).find((f) => f.endsWith('-dec.wav'));
    expect(dump).toBeDefined();
    expect((await toneLevel(join(phone.recordDir, dump!), 0, 440)).rmsDb).toBeGreaterThan(-50);
  }, 90_000);
});
