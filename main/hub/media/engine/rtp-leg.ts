/**
 * A media leg over plain RTP/UDP (phones, gateways, sipp). One even port from the pool.
 *
 * Symmetric RTP (RFC 4961) with latching: the SDP address is only where we start sending; the
 * first packet that arrives decides where the peer really is (NAT, or a phone whose SDP names a
 * private address), and from then on the socket is `connect()`ed to it, which makes the kernel
 * drop packets from anyone else and makes each send cheaper. A re-INVITE with a new address
 * un-latches.
 *
 * Per packet this file allocates nothing of its own: the parse view, the DTMF scratch frame and the
 * output buffers are fields. (Node itself allocates the received Buffer and `rinfo`.)
 */
import type { Socket } from 'node:dgram';
import { PCMA_DECODE_TABLE, PCMU_DECODE_TABLE } from '../codec';
import { GoertzelDtmfDetector } from '../dsp';
import { RtpPacketView, SequenceRewriter, TelephoneEventReceiver, parseRtpPacket } from '../rtp';
import type { DtmfSource, MediaFormat, MediaLeg } from './media-leg';

/**
 * A small ring of output buffers: `dgram.send` may queue a packet when the socket would block,
 * and a queued send still references its buffer. Rotating through 8 keeps that buffer untouched
 * until 7 more packets have been produced, far longer than any loopback or LAN queue holds it.
 */
const OUT_RING = 8;
const OUT_SIZE = 1500;

export interface RtpLegOptions {
  readonly id: string;
  readonly socket: Socket;
  readonly localPort: number;
  readonly format: MediaFormat;
  /** Where to send until the first packet arrives (from the peer's SDP). */
  readonly remote: { address: string; port: number } | undefined;
  /** Goertzel detection when the peer has no RFC 4733 (default true; it costs ~half the per-packet CPU). */
  readonly inbandDtmf?: boolean;
  /** Called once when the leg closes (the engine returns the port to the pool). */
  readonly onClose?: (leg: RtpLeg) => void;
}

export class RtpLeg implements MediaLeg {
  readonly id: string;
  readonly kind = 'rtp' as const;
  readonly localPort: number;
  readonly rewriter: SequenceRewriter;
  readonly stats = { received: 0, sent: 0, dropped: 0 };
  onPacket: MediaLeg['onPacket'];
  onDtmf: MediaLeg['onDtmf'];
  sending = true;
  private fmt: MediaFormat;
  private readonly socket: Socket;
  private readonly view = new RtpPacketView();
  private readonly events = new TelephoneEventReceiver();
  private detector: GoertzelDtmfDetector | undefined;
  private readonly pcm = new Int16Array(480);
  private readonly ring: Uint8Array[] = [];
  private ringIndex = 0;
  private remoteAddress: string | undefined;
  private remotePort = 0;
  private latched = false;
  private connected = false;
  private closed = false;
  private readonly onCloseCb: ((leg: RtpLeg) => void) | undefined;
  private readonly inband: boolean;

  constructor(o: RtpLegOptions) {
    this.id = o.id;
    this.socket = o.socket;
    this.localPort = o.localPort;
    this.fmt = o.format;
    this.onCloseCb = o.onClose;
    this.inband = o.inbandDtmf ?? true;
    this.rewriter = new SequenceRewriter({ ssrc: (Math.random() * 0x100000000) >>> 0 });
    for (let i = 0; i < OUT_RING; i++) this.ring.push(new Uint8Array(OUT_SIZE));
    if (o.remote) this.setRemote(o.remote.address, o.remote.port);
    this.applyDtmfMode();
    this.socket.on('message', (msg, rinfo) => this.receive(msg, rinfo.address, rinfo.port));
    this.socket.on('error', () => undefined);
  }

  get format(): MediaFormat {
    return this.fmt;
  }

  get outBuffer(): Uint8Array {
    return this.ring[this.ringIndex] as Uint8Array;
  }

  /** Where media goes now (latched source, else the SDP address). */
  get remote(): { address: string; port: number } | undefined {
    return this.remoteAddress === undefined ? undefined : { address: this.remoteAddress, port: this.remotePort };
  }

  /** A new offer/answer: possibly a new codec, address or telephone-event type. */
  update(format: MediaFormat, remote: { address: string; port: number } | undefined): void {
    this.fmt = format;
    this.applyDtmfMode();
    if (remote && (remote.address !== this.remoteAddress || remote.port !== this.remotePort) && remote.address !== '0.0.0.0') {
      this.setRemote(remote.address, remote.port);
    }
  }

  send(length: number): void {
    const buf = this.ring[this.ringIndex] as Uint8Array;
    this.ringIndex = (this.ringIndex + 1) & (OUT_RING - 1);
    if (this.closed || !this.sending || this.remoteAddress === undefined) {
      this.stats.dropped++;
      return;
    }
    this.stats.sent++;
    if (this.connected) this.socket.send(buf, 0, length);
    else this.socket.send(buf, 0, length, this.remotePort, this.remoteAddress);
  }

  injectDtmf(digit: string, source: DtmfSource): void {
    this.onDtmf?.(digit, source, this);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onPacket = undefined;
    this.onDtmf = undefined;
    this.socket.removeAllListeners('message');
    try {
      this.socket.close();
    } catch {
      // already closed
    }
    this.onCloseCb?.(this);
  }

  private setRemote(address: string, port: number): void {
    if (this.connected) {
      this.socket.disconnect();
      this.connected = false;
    }
    this.remoteAddress = address;
    this.remotePort = port;
    this.latched = false;
  }

  private applyDtmfMode(): void {
    // In-band detection only for peers that do not send RFC 4733 events: with both, a digit would count twice.
    this.detector = this.inband && this.fmt.telephoneEventPt === undefined ? (this.detector ?? new GoertzelDtmfDetector()) : undefined;
  }

  private receive(msg: Buffer, address: string, port: number): void {
    if (this.closed) return;
    if (!this.latched) {
      // RFC 4961 §4: "the same UDP port be used for sending and receiving"; so the peer's source
      // is the address to send to. Latch once; later strangers are ignored.
      this.latched = true;
      this.remoteAddress = address;
      this.remotePort = port;
      this.socket.connect(port, address, () => {
        this.connected = !this.closed && this.remoteAddress === address && this.remotePort === port;
      });
    } else if (!this.connected && (address !== this.remoteAddress || port !== this.remotePort)) {
      this.stats.dropped++;
      return;
    }
    const v = this.view;
    if (parseRtpPacket(msg, v) !== 'ok') {
      // RTCP (PT 200–204 lands here as 72–76 with the marker bit) or junk on the RTP port.
      this.stats.dropped++;
      return;
    }
    const pt = v.payloadType;
    if (pt >= 72 && pt <= 76) return; // RFC 5761 §4 RTCP on the RTP port: ignored.
    this.stats.received++;
    if (pt === this.fmt.telephoneEventPt) {
      const r = this.events.receive(v);
      if ((r.report === 'begin' || r.report === 'begin-end') && r.digit) this.onDtmf?.(r.digit, 'rfc4733', this);
    } else if (this.detector && pt === this.fmt.payloadType) {
      const n = v.payloadLength > this.pcm.length ? this.pcm.length : v.payloadLength;
      const table = this.fmt.codec === 'PCMU' ? PCMU_DECODE_TABLE : PCMA_DECODE_TABLE;
      const b = v.buffer;
      const o = v.payloadOffset;
      for (let i = 0; i < n; i++) this.pcm[i] = table[b[o + i] as number] as number;
      const digits = this.detector.process(this.pcm, 0, n);
      for (let i = 0; i < digits.length; i++) this.onDtmf?.(digits.charAt(i), 'inband', this);
    }
    this.onPacket?.(v, this);
  }
}
