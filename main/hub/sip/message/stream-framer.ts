/**
 * Cuts a TCP/WS-stream byte stream into SIP messages.
 *
 * RFC 3261 §18.3: "In the case of stream-oriented transports such as TCP, the Content-Length
 * header field indicates the size of the body. All implementations MUST be able to receive a
 * Content-Length"; §7.5: "Implementations processing SIP messages over stream-oriented transports
 * MUST ignore any CRLF appearing before the start-line". RFC 5626 §4.4.1: a double CRLF is a
 * keepalive ping, answered by a single CRLF pong.
 */
export type FrameEvent =
  | { readonly kind: 'message'; readonly data: Buffer }
  | { readonly kind: 'keepalive' }
  /** The stream cannot be re-synchronised; `head` is set when a 513 can still be answered. */
  | { readonly kind: 'fatal'; readonly reason: string; readonly head?: Buffer };

const CRLF = 0x0d0a;
const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /^(?:content-length|l)[ \t]*:[ \t]*([^\r\n]*?)[ \t]*$/im;

export class StreamFramer {
  private buffer: Buffer = Buffer.alloc(0);
  private failed = false;

  constructor(private readonly maxMessageSize: number) {}

  push(chunk: Buffer): FrameEvent[] {
    if (this.failed) return [];
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const events: FrameEvent[] = [];
    for (;;) {
      const ev = this.next();
      if (!ev) break;
      events.push(ev);
      if (ev.kind === 'fatal') {
        this.failed = true;
        this.buffer = Buffer.alloc(0);
        break;
      }
    }
    return events;
  }

  private next(): FrameEvent | undefined {
    // Leading CRLFs: a pair of them is a keepalive ping; a lone one is skipped once more data follows.
    let crlfs = 0;
    while (this.buffer.length >= (crlfs + 1) * 2 && this.buffer.readUInt16BE(crlfs * 2) === CRLF) crlfs++;
    if (crlfs >= 2) {
      this.buffer = this.buffer.subarray(4);
      return { kind: 'keepalive' };
    }
    if (crlfs === 1) {
      // Possibly the first half of a keepalive ping split across reads.
      if (this.buffer.length === 2 || (this.buffer.length === 3 && this.buffer[2] === 0x0d)) return undefined;
      this.buffer = this.buffer.subarray(2);
    }
    if (this.buffer.length === 0) return undefined;
    const headEnd = this.buffer.indexOf(HEADER_END);
    if (headEnd < 0) {
      if (this.buffer.length > this.maxMessageSize) return { kind: 'fatal', reason: 'header section too large' };
      return undefined;
    }
    const head = this.buffer.subarray(0, headEnd + HEADER_END.length);
    const m = CONTENT_LENGTH.exec(head.toString('latin1'));
    let length = 0;
    if (m) {
      if (!/^\d{1,9}$/.test(m[1] ?? '')) return { kind: 'fatal', reason: 'bad Content-Length on stream' };
      length = Number(m[1]);
    }
    const total = head.length + length;
    if (total > this.maxMessageSize) return { kind: 'fatal', reason: 'message too large', head: Buffer.from(head) };
    if (this.buffer.length < total) return undefined;
    const data = Buffer.from(this.buffer.subarray(0, total));
    this.buffer = this.buffer.subarray(total);
    return { kind: 'message', data };
  }
}
