import type { NameAddrHeader } from 'sip.js/lib/grammar/name-addr-header.js';
import type { ParsedRequest } from '../message/sip-message-parser';
import type { HeaderPair } from '../message/response-builder';
import type { SipLogger } from '../sip-logger';
import type { SipAddress, SipFlow } from '../transport/sip-flow';
import type { ContactBinding } from './contact-binding';
import type { LocationService } from './location-service';
import type { ReplyPlan, RequestAuthenticator } from './request-authenticator';

export interface RegistrarOptions {
  /** Default 60 s; below → 423 Interval Too Brief. */
  readonly minExpires?: number;
  /** Default 3600 s; above → shortened. */
  readonly maxExpires?: number;
  readonly defaultExpires?: number;
  /** Oldest binding is evicted beyond this. Default 10. */
  readonly maxContactsPerAor?: number;
  readonly now?: () => number;
  /**
   * Whether an authenticated user may bind an address-of-record. Default: only its own (auth user
   * = AOR user). The hub also lets a seat's per-login credential bind its agent's extension.
   */
  readonly mayRegister?: (authUser: string, aor: string) => boolean;
}

/** RFC 3261 §10.3 registrar, for one realm, over a LocationService. */
export class Registrar {
  private readonly minExpires: number;
  private readonly maxExpires: number;
  private readonly defaultExpires: number;
  private readonly maxContacts: number;
  private readonly now: () => number;
  private readonly mayRegister: (authUser: string, aor: string) => boolean;

  constructor(
    private readonly auth: RequestAuthenticator,
    private readonly location: LocationService,
    private readonly log: SipLogger,
    options: RegistrarOptions = {},
  ) {
    this.minExpires = options.minExpires ?? 60;
    this.maxExpires = options.maxExpires ?? 3600;
    this.defaultExpires = options.defaultExpires ?? 3600;
    this.maxContacts = options.maxContactsPerAor ?? 10;
    this.now = options.now ?? Date.now;
    this.mayRegister = options.mayRegister ?? ((authUser, aor) => authUser === aor);
  }

  async handleRegister(req: ParsedRequest, flow: SipFlow, source: SipAddress): Promise<ReplyPlan> {
    const msg = req.msg;
    // Step 5 (before 6, so that unauthenticated peers learn nothing): "A registrar SHOULD authenticate the UAC."
    const auth = await this.auth.authenticate(req, source.address, 'www');
    if (!auth.ok) return auth.reply;
    // Step 6: "The registrar SHOULD determine if the authenticated user is authorized to modify
    // registrations for this address-of-record."
    const aor = msg.to.uri.user;
    if (!aor || !this.mayRegister(auth.user, aor)) return { status: 403, headers: [] };

    const headerExpires = msg.getHeader('expires');
    const contacts: NameAddrHeader[] = (msg.headers['Contact'] ?? [])
      .map((h: { parsed?: unknown }) => h.parsed as NameAddrHeader | undefined)
      .filter((p): p is NameAddrHeader => p !== undefined);
    const callId = msg.callId;
    const cseq = msg.cseq;
    const existing = await this.location.lookup(aor);

    if (req.contactWildcard) {
      // Step 6 (§10.3): "the registrar checks whether the Contact header field contains the special
      // value "*". If so, the request ... MUST include an Expires header field with a value of "0",
      // and MUST NOT contain any other contacts; otherwise, the registrar returns 400."
      if (contacts.length > 0 || headerExpires?.trim() !== '0') return { status: 400, reason: 'Bad Wildcard', headers: [] };
      // "it removes all bindings ... but only if the Call-ID/CSeq checks pass for each binding".
      if (existing.some((b) => b.callId === callId && cseq <= b.cseq)) return outOfOrder();
      await this.location.removeAll(aor);
      this.log.info({ aor }, 'all bindings removed');
      return this.ok([]);
    }

    // Step 7: expiration per contact, then the Call-ID/CSeq check, all before changing anything.
    const plans: Array<{ contact: string; header: NameAddrHeader; expires: number }> = [];
    for (const c of contacts) {
      const raw = c.getParam('expires') ?? headerExpires;
      let expires = raw !== undefined && /^\s*\d+\s*$/.test(String(raw)) ? Number(raw) : this.defaultExpires;
      // "If and only if the requested expiration interval is greater than zero AND smaller than one
      // hour AND less than a registrar-configured minimum, the registrar MAY reject the registration
      // with a response of 423 (Interval Too Brief)."
      if (expires > 0 && expires < this.minExpires) {
        return { status: 423, headers: [['Min-Expires', String(this.minExpires)]] };
      }
      // "the registrar MAY shorten the expiration interval" if it is too long.
      expires = Math.min(expires, this.maxExpires);
      const contact = c.uri.toString();
      const old = existing.find((b) => b.contact === contact);
      // "If they are the same, the registrar compares the CSeq value. If the value is higher than that
      // of the existing binding, it MUST update or remove the binding as above. If not, the update
      // MUST be aborted and the request fails."
      if (old && old.callId === callId && cseq <= old.cseq) return outOfOrder();
      plans.push({ contact, header: c, expires });
    }

    const now = this.now();
    for (const p of plans) {
      if (p.expires === 0) {
        await this.location.remove(aor, p.contact);
        this.log.info({ aor, contact: p.contact }, 'binding removed');
        continue;
      }
      const q = p.header.getParam('q');
      const binding: ContactBinding = {
        aor,
        contact: p.contact,
        q: q === undefined ? undefined : Number(q),
        expiresAt: now + p.expires * 1000,
        callId,
        cseq,
        protocol: flow.protocol,
        flowId: flow.id,
        source,
        instanceId: p.header.getParam('+sip.instance')?.replace(/^"|"$/g, '') ?? undefined,
        regId: p.header.getParam('reg-id') ?? undefined,
        userAgent: msg.getHeader('user-agent'),
      };
      await this.location.put(binding);
      this.log.info({ aor, contact: p.contact, expires: p.expires, flow: flow.id }, 'binding updated');
    }
    await this.evictOverflow(aor);
    return this.ok(await this.location.lookup(aor));
  }

  private async evictOverflow(aor: string): Promise<void> {
    const all = await this.location.lookup(aor);
    if (all.length <= this.maxContacts) return;
    const byAge = [...all].sort((a, b) => a.expiresAt - b.expiresAt);
    for (const b of byAge.slice(0, all.length - this.maxContacts)) await this.location.remove(aor, b.contact);
  }

  /** Step 8: "The 200 (OK) response MUST contain Contact header field values enumerating all current bindings." */
  private ok(bindings: readonly ContactBinding[]): ReplyPlan {
    const now = this.now();
    const headers: HeaderPair[] = bindings.map((b) => [
      'Contact',
      `<${b.contact}>;expires=${Math.max(0, Math.round((b.expiresAt - now) / 1000))}`,
    ]);
    headers.push(['Date', new Date(now).toUTCString()]);
    return { status: 200, headers };
  }
}

function outOfOrder(): ReplyPlan {
  return { status: 500, reason: 'Out Of Order CSeq', headers: [['Retry-After', '1']] };
}
