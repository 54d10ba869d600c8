import type { Server as HttpServer } from 'node:http';
import type { AuthFailureLimiterOptions } from './registrar/auth-failure-limiter';
import type { DigestAlgorithm } from './registrar/digest-authenticator';
import type { LocationService } from './registrar/location-service';
import type { RegistrarOptions } from './registrar/registrar';
import type { SipCredentialStore } from './registrar/sip-credential-store';
import type { SipLogger } from './sip-logger';
import type { TransactionTimers } from './transaction/transaction-timers';
import type { TrunkConfig } from './trunk-directory';

export interface SipStackOptions {
  readonly udp?: { readonly host: string; readonly port: number };
  readonly tcp?: { readonly host: string; readonly port: number; readonly idleTimeoutMs?: number };
  /**
   * SIP over WebSocket at `path` (default '/sip'): attach to the hub's HTTP(S) server, or give
   * `listen` for a standalone port (WSS when `tls` is set). Or neither, and call
   * `stack.handleUpgrade(req, socket, head)` from your own upgrade router.
   */
  readonly ws?: {
    readonly server?: HttpServer;
    readonly listen?: { readonly host: string; readonly port: number; readonly tls?: { cert: string | Buffer; key: string | Buffer } };
    readonly path?: string;
    /** Or the host's router upgrades `/sip` itself and calls `acceptWebSocket()`; this gives its address. */
    readonly hostedAt?: () => { readonly host: string; readonly port: number };
  };
  readonly realm: string;
  readonly credentialStore: SipCredentialStore;
  /** Default: in-memory. */
  readonly locationService?: LocationService;
  readonly logger?: SipLogger;
  /** Host written in our Via/Contact when a socket is bound to a wildcard address. Default: the socket's local address. */
  readonly advertisedHost?: string;
  /** Default 65535 bytes. Larger: 513 when answerable, else dropped. */
  readonly maxMessageSize?: number;
  readonly timers?: Partial<TransactionTimers>;
  readonly digest?: {
    readonly secret?: string | Buffer;
    readonly nonceTtlMs?: number;
    readonly algorithms?: readonly DigestAlgorithm[];
    readonly algorithmsByTransport?: Readonly<Record<string, readonly DigestAlgorithm[]>>;
  };
  readonly authLimiter?: Omit<AuthFailureLimiterOptions, 'exempt'>;
  readonly registrar?: RegistrarOptions;
  readonly trunks?: readonly TrunkConfig[];
  /** OPTIONS pings to registered contacts; 0 or absent = off. */
  readonly keepalive?: { readonly intervalMs: number; readonly removeAfterFailures?: number };
  readonly userAgent?: string;
}
