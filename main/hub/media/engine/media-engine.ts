/**
 * The media side the call layer talks to: opens RTP legs on pool ports, owns the shared media
 * clock, and builds bridges, players and recorders. WebRTC legs (werift) will be opened by a
 * sibling factory and handed to the same Bridge/Player/CallRecorder, since all of them take a
 * MediaLeg.
 */
import { MediaClock } from './media-clock';
import type { MediaFormat } from './media-leg';
import { RtpLeg } from './rtp-leg';
import { RtpPortPool } from './rtp-port-pool';
import type { RtpPortRange } from './rtp-port-pool';

export interface MediaEngineOptions {
  readonly ports: RtpPortRange;
  /** Address RTP sockets bind to (default 0.0.0.0). */
  readonly bindHost?: string;
  /** Address written into our SDP (c=): the hub's reachable IP. */
  readonly advertisedAddress: string;
  /** In-band (Goertzel) DTMF detection on legs without RFC 4733; default true. */
  readonly inbandDtmf?: boolean;
}

export class MediaEngine {
  readonly clock = new MediaClock();
  readonly pool: RtpPortPool;
  readonly advertisedAddress: string;
  /** `--rtp-ports`, also the range WebRTC legs (werift) bind their ICE sockets in. */
  readonly ports: RtpPortRange;
  private readonly legs = new Set<RtpLeg>();
  private seq = 0;
  private readonly inbandDtmf: boolean;

  constructor(options: MediaEngineOptions) {
    this.pool = new RtpPortPool(options.ports, options.bindHost ?? '0.0.0.0');
    this.ports = options.ports;
    this.advertisedAddress = options.advertisedAddress;
    this.inbandDtmf = options.inbandDtmf ?? true;
  }

  get openLegs(): number {
    return this.legs.size;
  }

  async openRtpLeg(format: MediaFormat, remote: { address: string; port: number } | undefined, label = 'leg'): Promise<RtpLeg> {
    const { socket, port } = await this.pool.allocate();
    const leg = new RtpLeg({
      id: `${label}-${++this.seq}`,
      socket,
      localPort: port,
      format,
      remote,
      inbandDtmf: this.inbandDtmf,
      onClose: (l) => {
        this.legs.delete(l);
        this.pool.release(l.localPort);
      },
    });
    this.legs.add(leg);
    return leg;
  }

  close(): void {
    for (const leg of [...this.legs]) leg.close();
  }
}
