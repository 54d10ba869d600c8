import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { parseDigestCredentials } from './digest-credentials';
import type { SipCredentialStore } from './sip-credential-store';

export type DigestAlgorithm = 'MD5' | 'SHA-256';

export interface DigestAuthenticatorOptions {
  readonly realm: string;
  /**
   * HMAC key for nonces. Give every hub instance the same secret (from config) so any instance,
   * or the same one after a restart, can verify a nonce it did not issue. Default: random per process.
   */
  readonly secret?: string | Buffer;
  /** Nonce lifetime; an older nonce with a correct response gets `stale=true`. Default 300 s. */
  readonly nonceTtlMs?: number;
  /** Challenge order = preference (RFC 8760 §2.4). Default SHA-256 then MD5. */
  readonly algorithms?: readonly DigestAlgorithm[];
  /**
   * Per-transport override of `algorithms` (key: the Via transport, e.g. "WS"). Browsers' sip.js
   * computes MD5 only and reads the last challenge, so WebSocket clients may need a list of their own.
   */
  readonly algorithmsByTransport?: Readonly<Record<string, readonly DigestAlgorithm[]>>;
  readonly now?: () => number;
}

export type DigestVerdict =
  | { readonly kind: 'ok'; readonly user: string }
  /** `stale`: right password, old or replayed nonce (RFC 7616 §3.3). `reason` is for logs only. */
  | { readonly kind: 'challenge'; readonly stale: boolean; readonly reason: string; readonly attempted: boolean };

const NONCE_BYTES = 6 + 8 + 16;
const MAX_TRACKED_NONCES = 50_000;

/**
 * Server side of SIP digest (RFC 3261 §22, RFC 8760: MD5 and SHA-256, qop=auth).
 * Nonce = base64url(timestamp(48 bit ms) | random(64 bit) | HMAC-SHA256(secret, ts|rand|realm)[0..16]):
 * stateless to verify; only the nonce-count high-water marks are kept, per process.
 * Unknown users are checked against a derived dummy HA1 so both failures take the same path.
 */
export class DigestAuthenticator {
  readonly realm: string;
  private readonly secret: Buffer;
  private readonly ttl: number;
  private readonly algorithms: readonly DigestAlgorithm[];
  private readonly byTransport: Readonly<Record<string, readonly DigestAlgorithm[]>>;
  private readonly now: () => number;
  private readonly nonceCounts = new Map<string, number>();

  constructor(options: DigestAuthenticatorOptions) {
    this.realm = options.realm;
    this.secret = options.secret === undefined ? randomBytes(32) : Buffer.from(options.secret);
    this.ttl = options.nonceTtlMs ?? 300_000;
    this.algorithms = options.algorithms ?? ['SHA-256', 'MD5'];
    this.byTransport = options.algorithmsByTransport ?? {};
    this.now = options.now ?? Date.now;
  }

  newNonce(): string {
    const body = Buffer.alloc(14);
    body.writeUIntBE(this.now(), 0, 6);
    randomBytes(8).copy(body, 6);
    return Buffer.concat([body, this.mac(body)]).toString('base64url');
  }

  /** Header values for `WWW-Authenticate` / `Proxy-Authenticate`, most preferred first; same shape for everyone. */
  challenges(stale: boolean, transport = ''): string[] {
    const nonce = this.newNonce();
    return this.offered(transport).map(
      (alg) =>
        `Digest realm="${this.realm}", nonce="${nonce}", algorithm=${alg}, qop="auth"${stale ? ', stale=true' : ''}`,
    );
  }

  private offered(transport: string): readonly DigestAlgorithm[] {
    return this.byTransport[transport.toUpperCase()] ?? this.algorithms;
  }

  async verify(authorization: string | undefined, method: string, store: SipCredentialStore, transport = ''): Promise<DigestVerdict> {
    if (!authorization) return { kind: 'challenge', stale: false, reason: 'no credentials', attempted: false };
    const c = parseDigestCredentials(authorization);
    const fail = (reason: string): DigestVerdict => ({ kind: 'challenge', stale: false, reason, attempted: true });
    if (!c) return fail('unparsable credentials');
    const { username, realm, nonce, uri, response, cnonce, nc } = c;
    const algorithm = (c['algorithm'] ?? 'MD5').toUpperCase();
    if (!username || !realm || !nonce || !uri || !response) return fail('missing digest parameters');
    if (realm !== this.realm) return fail('foreign realm');
    if (algorithm !== 'MD5' && algorithm !== 'SHA-256') return fail('unsupported algorithm');
    if (!this.offered(transport).includes(algorithm)) return fail('algorithm not offered');
    // We only offer qop="auth"; RFC 2069-style answers without qop are refused.
    if (c['qop'] !== 'auth' || !cnonce || !nc || !/^[0-9a-fA-F]{8}$/.test(nc)) return fail('qop=auth required');
    const issuedAt = this.checkNonce(nonce);

    // Same work for known and unknown users: look up, then hash against a real or a dummy HA1.
    const creds = await store.lookup(username, realm);
    const dummy = createHmac('sha256', this.secret).update(`dummy:${username}`).digest('hex');
    const ha1 = algorithm === 'MD5' ? (creds?.ha1Md5 ?? dummy.slice(0, 32)) : (creds?.ha1Sha256 ?? dummy);
    const h = (s: string): string => createHash(algorithm === 'MD5' ? 'md5' : 'sha256').update(s).digest('hex');
    const ha2 = h(`${method}:${uri}`);
    const expected = h(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`);
    const given = Buffer.from(response.toLowerCase().padEnd(expected.length, '0').slice(0, expected.length));
    const match = timingSafeEqual(Buffer.from(expected), given) && response.length === expected.length;
    if (!match || creds === null) return fail(creds === null ? 'unknown user' : 'wrong password');
    if (issuedAt === undefined) return fail('forged nonce');
    // RFC 7616 §3.3: "stale: A case-insensitive flag indicating that the previous request from the
    // client was rejected because the nonce value was stale. If stale is TRUE ..., the client may
    // wish to simply retry the request with a new encrypted response".
    if (this.now() - issuedAt > this.ttl) return { kind: 'challenge', stale: true, reason: 'nonce expired', attempted: true };
    // RFC 7616 §3.4: nc lets the server "detect request replays by maintaining its own copy of this count".
    const count = parseInt(nc, 16);
    const seen = this.nonceCounts.get(nonce) ?? 0;
    if (count <= seen) return { kind: 'challenge', stale: true, reason: 'nonce count replay', attempted: true };
    this.trackNonce(nonce, count);
    return { kind: 'ok', user: username };
  }

  /** Issue time of a nonce we signed, or undefined. */
  private checkNonce(nonce: string): number | undefined {
    const raw = Buffer.from(nonce, 'base64url');
    if (raw.length !== NONCE_BYTES) return undefined;
    const body = raw.subarray(0, 14);
    if (!timingSafeEqual(this.mac(body), raw.subarray(14))) return undefined;
    return body.readUIntBE(0, 6);
  }

  private mac(body: Buffer): Buffer {
    return createHmac('sha256', this.secret).update(body).update(this.realm).digest().subarray(0, 16);
  }

  private trackNonce(nonce: string, count: number): void {
    this.nonceCounts.delete(nonce);
    this.nonceCounts.set(nonce, count);
    if (this.nonceCounts.size > MAX_TRACKED_NONCES) {
      const oldest = this.nonceCounts.keys().next().value;
      if (oldest !== undefined) this.nonceCounts.delete(oldest);
    }
  }
}
