import { describe, expect, it } from 'vitest';
import { parseListenAddress } from '../common/listen-address';
import { parseCli } from './cli-args';

describe('branchline command line', () => {
  it('parses start with every flag', () => {
    expect(parseCli(['start', '--demo', '--data', '/d', '--web', '127.0.0.1:0', '--http', ':7100', '--sip-udp', '127.0.0.1:0', '--rtp-ports', '30000-30100', '--no-sip-ws'])).toEqual({
      command: 'start', demo: true, data: '/d', web: '127.0.0.1:0', http: ':7100', hub: undefined,
      sipUdp: '127.0.0.1:0', sipTcp: undefined, sipWs: false, rtpPorts: '30000-30100', sipDigest: undefined, noSip: false,
    });
    expect(parseCli(['hub']).sipWs).toBe(true);
  });

  it('requires --hub for seat and refuses it elsewhere', () => {
    expect(() => parseCli(['seat'])).toThrow(/--hub/);
    expect(() => parseCli(['hub', '--hub', 'http://x'])).toThrow(/only for/);
    expect(parseCli(['seat', '--hub', 'http://10.0.0.5:7100']).hub).toBe('http://10.0.0.5:7100');
  });

  it('keeps SIP flags off the seat', () => {
    expect(() => parseCli(['seat', '--hub', 'http://x', '--sip-udp', ':5060'])).toThrow(/hub/);
  });

  it('refuses unknown commands and flags', () => {
    expect(() => parseCli(['serve'])).toThrow(/unknown command/);
    expect(() => parseCli(['hub', '--bogus'])).toThrow();
  });
});

describe('hardware and simulator flags', () => {
  it('takes --hw and repeated simulator flags on start and seat, not on hub', () => {
    expect(parseCli(['start', '--hw', 'sim', '--sim-headset', 'jabra-evolve', '--sim-headset', 'poly-bt700', '--sim-serial', '/tmp/a'])).toMatchObject({
      hw: 'sim', simHeadsets: ['jabra-evolve', 'poly-bt700'], simSerial: ['/tmp/a'],
    });
    expect(parseCli(['seat', '--hub', 'http://x', '--hw', 'off']).hw).toBe('off');
    expect(parseCli(['start']).hw).toBeUndefined();
    expect(() => parseCli(['start', '--hw', 'magic'])).toThrow(/--hw must be/);
    expect(() => parseCli(['start', '--sim-headset', 'x'])).toThrow(/--hw sim/);
    expect(() => parseCli(['hub', '--hw', 'sim'])).toThrow(/for a seat/);
  });

  it('parses the simulators', () => {
    expect(parseCli(['sim', 'modem', '--port', '/tmp/p', '--script', 's.json']).sim).toEqual({
      kind: 'modem', port: '/tmp/p', script: 's.json', exitAfterScript: false, model: undefined, list: false,
    });
    expect(parseCli(['sim', 'agentbox', '--port', '/tmp/p', '--exit-after-script']).sim).toMatchObject({ kind: 'agentbox', exitAfterScript: true });
    expect(parseCli(['sim', 'headset', '--model', 'jabra-evolve-link-ms-0b0e-0307']).sim).toMatchObject({ kind: 'headset', model: 'jabra-evolve-link-ms-0b0e-0307' });
    expect(() => parseCli(['sim', 'modem'])).toThrow(/--port/);
    expect(() => parseCli(['sim', 'headset'])).toThrow(/--model/);
    expect(() => parseCli(['sim', 'fax', '--port', '/x'])).toThrow(/modem, agentbox or headset/);
  });
});

describe('listen addresses', () => {
  it.each([
    ['127.0.0.1:7200', { host: '127.0.0.1', port: 7200 }],
    [':0', { host: '127.0.0.1', port: 0 }],
    ['7100', { host: '127.0.0.1', port: 7100 }],
    ['0.0.0.0:5060', { host: '0.0.0.0', port: 5060 }],
    ['[::1]:7100', { host: '::1', port: 7100 }],
  ])('%s', (text, expected) => {
    expect(parseListenAddress(text)).toEqual(expected);
  });

  it('refuses bad ports', () => {
    expect(() => parseListenAddress('host:99999')).toThrow();
    expect(() => parseListenAddress('host')).toThrow();
  });
});
