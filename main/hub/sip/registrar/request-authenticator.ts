import type { ParsedRequest } from '../message/sip-message-parser';
import type { HeaderPair } from '../message/response-builder';
import type { SipLogger } from '../sip-logger';
import type { AuthFailureLimiter } from './auth-failure-limiter';
import type { DigestAuthenticator } from './digest-authenticator';
import type { SipCredentialStore } from './sip-credential-store';

/** A response the caller should send (status + extra headers). */
export interface ReplyPlan {
  readonly status: number;
  readonly reason?: string;
  readonly headers: readonly HeaderPair[];
}

export type AuthOutcome = { readonly ok: true; readonly user: string } | { readonly ok: false; readonly reply: ReplyPlan };

/** 'www': 401 + WWW-Authenticate (REGISTER, RFC 3261 §22.2); 'proxy': 407 + Proxy-Authenticate (INVITE etc.). */
export type ChallengeMode = 'www' | 'proxy';

/**
 * Digest check plus failure accounting, shared by REGISTER and INVITE. Unknown user and wrong
 * password produce the same reply, built by the same code: status, header names and order are
 * identical; only the nonce differs.
 */
export class RequestAuthenticator {
  constructor(
    private readonly digest: DigestAuthenticator,
    private readonly store: SipCredentialStore,
    private readonly limiter: AuthFailureLimiter,
    private readonly log: SipLogger,
  ) {}

  async authenticate(req: ParsedRequest, sourceIp: string, mode: ChallengeMode): Promise<AuthOutcome> {
    const headerName = mode === 'www' ? 'authorization' : 'proxy-authorization';
    const candidates = req.msg.getHeaders(headerName);
    const mine = candidates.find((v) => v.includes(`realm="${this.digest.realm}"`)) ?? candidates[0];
    const transport = /^SIP\/2\.0\/(\w+)/i.exec(req.msg.getHeader('via') ?? '')?.[1] ?? '';
    const verdict = await this.digest.verify(mine, req.msg.method, this.store, transport);
    if (verdict.kind === 'ok') {
      this.limiter.recordSuccess(sourceIp);
      return { ok: true, user: verdict.user };
    }
    if (verdict.attempted && !verdict.stale) {
      const banned = this.limiter.recordFailure(sourceIp);
      this.log.info({ ip: sourceIp, reason: verdict.reason, banned }, 'digest authentication failed');
    }
    const challengeHeader = mode === 'www' ? 'WWW-Authenticate' : 'Proxy-Authenticate';
    return {
      ok: false,
      reply: {
        status: mode === 'www' ? 401 : 407,
        headers: this.digest.challenges(verdict.kind === 'challenge' && verdict.stale, transport).map((c) => [challengeHeader, c] as const),
      },
    };
  }
}
