import { newCallId, newTag } from './message/sip-ids';
import type { OutgoingRequest } from './message/outgoing-request';
import { bindingTarget } from './registrar/contact-binding';
import type { ContactBinding } from './registrar/contact-binding';
import type { LocationService } from './registrar/location-service';
import type { SipClientRequest } from './sip-client-request';
import type { SipLogger } from './sip-logger';
import type { SipTarget, SipTransportProtocol } from './transport/sip-flow';

/** The part of SipStack the pinger needs. */
export interface PingSender {
  sendRequest(req: OutgoingRequest, target?: SipTarget): SipClientRequest;
  contactUri(protocol: SipTransportProtocol): string;
}

export interface ContactPingerOptions {
  readonly intervalMs: number;
  /** Remove a binding after this many pings in a row got no answer (408/503). Default 3; 0 = never. */
  readonly removeAfterFailures?: number;
}

/**
 * Sends OPTIONS to every registered contact each interval. Any response (even 4xx/5xx from the
 * phone) proves reachability; timeouts and transport errors count as failures.
 */
export class ContactPinger {
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly failures = new Map<string, number>();
  private running = false;

  constructor(
    private readonly stack: PingSender,
    private readonly location: LocationService,
    private readonly options: ContactPingerOptions,
    private readonly log: SipLogger,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.pingAll(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One round; exposed for tests. */
  async pingAll(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const bindings = await this.location.all();
      await Promise.all(bindings.map((b) => this.ping(b)));
    } finally {
      this.running = false;
    }
  }

  private async ping(b: ContactBinding): Promise<void> {
    const key = `${b.aor}|${b.contact}`;
    const from = `<${this.stack.contactUri(b.protocol).replace(/^sip:[^@]*@/, 'sip:keepalive@')}>;tag=${newTag()}`;
    const outcome = await this.stack.sendRequest(
      { method: 'OPTIONS', uri: b.contact, from, to: `<sip:${b.aor}@${b.source.address}>`, callId: newCallId(), cseq: 1 },
      bindingTarget(b),
    ).final;
    if (outcome.kind === 'response') {
      this.failures.delete(key);
      return;
    }
    const n = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, n);
    this.log.info({ aor: b.aor, contact: b.contact, failures: n, status: outcome.status }, 'contact did not answer OPTIONS');
    const limit = this.options.removeAfterFailures ?? 3;
    if (limit > 0 && n >= limit) {
      this.failures.delete(key);
      await this.location.remove(b.aor, b.contact);
      this.log.info({ aor: b.aor, contact: b.contact }, 'unreachable binding removed');
    }
  }
}
