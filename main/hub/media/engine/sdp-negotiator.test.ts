import { describe, expect, it } from 'vitest';
import { answerDirection, buildLocalSdp, negotiate, parseRemoteSdp } from './sdp-negotiator';

const offer = (m: string, extra = '') =>
  ['v=0', 'o=- 1 1 IN IP4 10.0.0.5', 's=-', 'c=IN IP4 10.0.0.5', 't=0 0', m, ...extra.split('\n').filter(Boolean), ''].join('\r\n');

describe('SDP negotiation', () => {
  it('picks the offerer’s first G.711 codec and keeps telephone-event', () => {
    const r = parseRemoteSdp(offer('m=audio 4000 RTP/AVP 18 8 0 101', 'a=rtpmap:18 G729/8000\na=rtpmap:101 telephone-event/8000\na=sendrecv'));
    expect(r).toMatchObject({ address: '10.0.0.5', port: 4000, direction: 'sendrecv', telephoneEventPt: 101 });
    expect(negotiate(r)).toEqual({ codec: 'PCMA', payloadType: 8, telephoneEventPt: 101 });
    expect(negotiate(r, 'PCMU')).toEqual({ codec: 'PCMU', payloadType: 0, telephoneEventPt: 101 });
  });

  it('accepts static payload types without rtpmap and dynamic ones by name', () => {
    expect(negotiate(parseRemoteSdp(offer('m=audio 4000 RTP/AVP 0'))).codec).toBe('PCMU');
    const r = parseRemoteSdp(offer('m=audio 4000 RTP/AVP 96', 'a=rtpmap:96 PCMA/8000'));
    expect(negotiate(r)).toMatchObject({ codec: 'PCMA', payloadType: 96, telephoneEventPt: undefined });
  });

  it('rejects offers without a common codec as unsupported (488)', () => {
    const r = parseRemoteSdp(offer('m=audio 4000 RTP/AVP 18 111', 'a=rtpmap:18 G729/8000\na=rtpmap:111 opus/48000/2'));
    expect(() => negotiate(r)).toThrow(expect.objectContaining({ code: 'BL_ERR_MEDIA_CODEC_UNSUPPORTED' }));
    expect(() => parseRemoteSdp(offer('m=audio 4000 RTP/SAVPF 0'))).toThrow(expect.objectContaining({ code: 'BL_ERR_MEDIA_CODEC_UNSUPPORTED' }));
  });

  it('rejects garbage as invalid SDP (400)', () => {
    expect(() => parseRemoteSdp('hello world')).toThrow(expect.objectContaining({ code: 'BL_ERR_MEDIA_SDP_INVALID' }));
    expect(() => parseRemoteSdp(offer('m=audio 4000 RTP/AVP 0').replace('c=IN IP4 10.0.0.5\r\n', ''))).toThrow(
      expect.objectContaining({ code: 'BL_ERR_MEDIA_SDP_INVALID' }),
    );
  });

  it('reads hold: sendonly, inactive, and the old c=0.0.0.0 form', () => {
    expect(parseRemoteSdp(offer('m=audio 4000 RTP/AVP 0', 'a=sendonly')).direction).toBe('sendonly');
    expect(parseRemoteSdp(offer('m=audio 4000 RTP/AVP 0', 'a=inactive')).direction).toBe('inactive');
    expect(parseRemoteSdp(offer('m=audio 4000 RTP/AVP 0').replace(/10\.0\.0\.5/g, '0.0.0.0')).direction).toBe('inactive');
  });

  it('answers directions per RFC 3264 §6.1', () => {
    expect(answerDirection('sendrecv')).toBe('sendrecv');
    expect(answerDirection('sendonly')).toBe('recvonly');
    expect(answerDirection('recvonly')).toBe('sendonly');
    expect(answerDirection('inactive')).toBe('inactive');
    expect(answerDirection('sendrecv', 'sendonly')).toBe('sendonly');
  });

  it('builds an answer with as many m-lines as the offer, the extra ones rejected', () => {
    const r = parseRemoteSdp(offer('m=video 5000 RTP/AVP 96\r\nm=audio 4000 RTP/AVP 0 101', 'a=rtpmap:101 telephone-event/8000'));
    const sdp = buildLocalSdp({ sessionId: '7', version: 1, address: '127.0.0.1', port: 20000, codecs: [{ codec: 'PCMU', payloadType: 0 }], telephoneEventPt: 101, direction: 'sendrecv', answerTo: r });
    const back = sdp.split('\r\n').filter((l) => l.startsWith('m='));
    expect(back).toEqual(['m=video 0 RTP/AVP 96', 'm=audio 20000 RTP/AVP 0 101']);
    const again = parseRemoteSdp(sdp);
    expect(negotiate(again)).toEqual({ codec: 'PCMU', payloadType: 0, telephoneEventPt: 101 });
  });
});
