/**
 * Even UDP ports from `--rtp-ports` for RTP legs. RFC 3550 §11: "For UDP and similar protocols,
 * RTP SHOULD use an even destination port number and the corresponding RTCP stream SHOULD use the
 * next higher (odd) destination port number". RTCP is not used by the hub, so only the even port
 * is bound; the odd one stays free for it.
 *
 * Ports are handed out round-robin (not lowest-first) so a port just released is not reused at
 * once: late packets of the old call must not land in a new one.
 */
import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { BranchlineError } from '../../../../protocol/errors';

export interface RtpPortRange {
  readonly min: number;
  readonly max: number;
}

export class RtpPortPool {
  private readonly first: number;
  private readonly count: number;
  private readonly inUse = new Set<number>();
  private cursor = 0;

  constructor(
    range: RtpPortRange,
    private readonly host = '0.0.0.0',
  ) {
    this.first = range.min % 2 === 0 ? range.min : range.min + 1;
    this.count = Math.max(0, Math.floor((range.max - this.first) / 2) + 1);
    if (this.count === 0) throw new Error(`no even port in ${range.min}-${range.max}`);
  }

  get available(): number {
    return this.count - this.inUse.size;
  }

  /** Bind a socket on the next free even port. Ports that another process holds are skipped. */
  async allocate(): Promise<{ socket: Socket; port: number }> {
    for (let tries = 0; tries < this.count; tries++) {
      const port = this.first + 2 * this.cursor;
      this.cursor = (this.cursor + 1) % this.count;
      if (this.inUse.has(port)) continue;
      this.inUse.add(port);
      const socket = createSocket({ type: 'udp4', recvBufferSize: 256 * 1024 });
      const ok = await new Promise<boolean>((resolve) => {
        socket.once('error', () => resolve(false));
        socket.bind(port, this.host, () => resolve(true));
      });
      if (ok) {
        socket.removeAllListeners('error');
        return { socket, port };
      }
      this.inUse.delete(port);
      socket.close();
    }
    throw new BranchlineError('BL_ERR_MEDIA_NO_PORTS', `every RTP port in use (${this.count} pairs)`);
  }

  release(port: number): void {
    this.inUse.delete(port);
  }
}
