/**
 * One renderer's session with the seat services: who is logged in, their hub token, and the CTI
 * link that feeds pushed events. Each window (Electron) or tab (web mode) has its own.
 */
import { z } from 'zod';
import { AgentStatus, ReasonCode } from '../../protocol/agent';
import type { SetPresenceRequest } from '../../protocol/agent';
import { LoginResponse } from '../../protocol/auth';
import type { LoginRequest, UserInfo } from '../../protocol/auth';
import { CustomerSummary } from '../../protocol/customer';
import type { CustomerSearchRequest } from '../../protocol/customer';
import { BranchlineError } from '../../protocol/errors';
import { KnowledgeArticle } from '../../protocol/knowledge';
import { QueueInfo } from '../../protocol/queue';
import { SipCredentialsResponse } from '../../protocol/softphone';
import type { SoftphoneConfig } from '../../protocol/softphone';
import type { EventName, EventPayload } from '../../protocol/rpc';
import type { HubLink, Locale, SeatApi } from '../../protocol/seat-api';
import type { Logger } from '../common/logger';
import { CtiLink } from './cti-link';
import { forwardCallEvent } from './seat-calls';
import type { CtiLinkState } from './cti-link';
import type { HardwareManager } from './hardware/hardware-manager';
import type { HubClient } from './hub-client';
import type { Workstation } from './workstation/workstation';

export type EmitFn = <N extends EventName<SeatApi>>(name: N, payload: EventPayload<SeatApi, N>) => void;

export interface SeatEnvironment {
  readonly hub: HubClient;
  readonly logger: Logger;
  readonly version: string;
  readonly serverMode: boolean;
  readonly shell: 'electron' | 'web';
  getLocale(): Locale;
  setLocale(locale: Locale): void;
  /** Headsets and serial boxes, shared by every session of this seat. */
  readonly hardware: HardwareManager;
  /** Offline cache and workstation services, shared by every session of this seat. */
  readonly workstation: Workstation;
}

export class SeatSession {
  private token: string | null = null;
  private user: UserInfo | null = null;
  private cti: CtiLink | undefined;
  private link: HubLink;
  private readonly stopHardwareEvents: () => void;
  private readonly stopWorkstationEvents: () => void;

  constructor(
    private readonly env: SeatEnvironment,
    private readonly emit: EmitFn,
    private readonly onDispose: () => void = () => {},
  ) {
    this.link = { state: 'offline', hubUrl: env.hub.baseUrl, lastSeen: null };
    // Device events (hook, mute, caller ID) are for whoever is logged in at this desk, any role.
    this.stopHardwareEvents = env.hardware.subscribe((name, payload) => {
      if (this.user) this.emit(name, payload);
    });
    // Sync status, reminders and incoming calls are the desk's, like device events.
    this.stopWorkstationEvents = env.workstation.subscribe((name, payload) => {
      if (this.user) this.emit(name, payload);
    });
  }

  get environment(): SeatEnvironment {
    return this.env;
  }

  get currentUser(): UserInfo | null {
    return this.user;
  }

  get hubLink(): HubLink {
    return this.link;
  }

  async login(request: LoginRequest): Promise<UserInfo> {
    const result = await this.env.hub.request({ method: 'POST', path: '/api/auth/login', body: request, response: LoginResponse });
    this.endSession();
    this.token = result.token;
    this.user = result.user;
    this.env.workstation.signedIn(this, result.token, result.user.username);
    this.touch('online');
    if (result.user.extension && (result.user.role === 'agent' || result.user.role === 'lead')) {
      await this.hubCall({ method: 'POST', path: '/api/agent/login', response: AgentStatus });
    }
    this.cti = new CtiLink({
      hubUrl: this.env.hub.baseUrl,
      token: result.token,
      logger: this.env.logger.child({ mod: 'seat.cti', user: result.user.username }),
      onEvent: (event) => {
        if (event.name === 'agent.status') this.emit('agent.onStatusChanged', event.data);
        else if (event.name === 'session.ended') this.sessionEndedByHub(event.data.reason);
        else forwardCallEvent(event, this.user, this.emit);
      },
      onState: (state) => this.touch(state === 'stopped' ? 'offline' : ctiToLink(state)),
      onAuthFailed: () => this.sessionEndedByHub('expired'),
    });
    this.cti.start();
    // Events published before the CTI subscription exists would be lost: wait for it (briefly).
    await this.cti.whenOnline(5_000);
    this.env.logger.info({ user: result.user.username, role: result.user.role }, 'seat login');
    return result.user;
  }

  async logout(): Promise<void> {
    if (!this.token) return;
    try {
      await this.hubCall({ method: 'POST', path: '/api/auth/logout', response: z.object({ ok: z.literal(true) }) });
    } finally {
      this.endSession();
    }
  }

  agentStatus(): Promise<AgentStatus> {
    return this.hubCall({ method: 'GET', path: '/api/agent/status', response: AgentStatus });
  }

  setPresence(request: SetPresenceRequest): Promise<AgentStatus> {
    return this.hubCall({ method: 'PUT', path: '/api/agent/presence', body: request, response: AgentStatus });
  }

  reasonCodes(): Promise<ReasonCode[]> {
    return this.hubCall({ method: 'GET', path: '/api/agent/reason-codes', response: z.array(ReasonCode) });
  }

  searchCustomers(request: CustomerSearchRequest): Promise<CustomerSummary[]> {
    return this.hubCall({ method: 'GET', path: '/api/customers', query: request, response: z.array(CustomerSummary) });
  }

  searchKnowledge(request: { query: string; limit: number }): Promise<KnowledgeArticle[]> {
    return this.hubCall({ method: 'GET', path: '/api/knowledge', query: request, response: z.array(KnowledgeArticle) });
  }

  listQueues(): Promise<QueueInfo[]> {
    return this.hubCall({ method: 'GET', path: '/api/queues', response: z.array(QueueInfo) });
  }

  /** Fresh per-login SIP credentials for the renderer's softphone, and where to reach SIP over WebSocket. */
  async softphoneConfig(): Promise<SoftphoneConfig> {
    const creds = await this.hubCall({ method: 'GET', path: '/api/softphone/credentials', response: SipCredentialsResponse });
    const ws = new URL(creds.wsPath, this.env.hub.baseUrl);
    ws.protocol = ws.protocol === 'https:' ? 'wss:' : 'ws:';
    return {
      wsUrl: ws.toString(),
      aor: creds.aor,
      realm: creds.realm,
      username: creds.username,
      password: creds.password,
      displayName: this.user?.displayName ?? creds.aor,
    };
  }

  /** A hub API call with this session's token (for service modules such as seat-calls.ts). */
  hubRequest<S extends z.ZodType>(method: 'POST' | 'PUT', path: string, body: unknown, response: S): Promise<z.output<S>> {
    return this.hubCall({ method, path, body, response });
  }

  /** Called when the renderer goes away: the hub keeps the agent's state, the seat drops its link. */
  dispose(): void {
    this.stopHardwareEvents();
    this.stopWorkstationEvents();
    this.stopCti();
    this.onDispose();
  }

  private stopCti(): void {
    this.cti?.stop();
    this.cti = undefined;
  }

  private async hubCall<S extends z.ZodType>(req: Parameters<HubClient['request']>[0] & { response: S }): Promise<z.output<S>> {
    if (!this.token) throw new BranchlineError('BL_ERR_AUTH_REQUIRED');
    try {
      const result = await this.env.hub.request({ ...req, token: this.token });
      this.touch('online');
      return result;
    } catch (err) {
      if (err instanceof BranchlineError && err.code === 'BL_ERR_HUB_UNREACHABLE') this.touch('offline');
      if (err instanceof BranchlineError && err.code === 'BL_ERR_AUTH_REQUIRED') this.sessionEndedByHub('expired');
      throw err;
    }
  }

  private sessionEndedByHub(reason: 'logout' | 'expired' | 'replaced'): void {
    if (!this.token) return;
    this.endSession();
    this.emit('auth.onSessionEnded', { reason });
  }

  private endSession(): void {
    this.env.workstation.signedOut(this);
    this.stopCti();
    this.token = null;
    this.user = null;
  }

  private touch(state: HubLink['state']): void {
    const next: HubLink = { state, hubUrl: this.env.hub.baseUrl, lastSeen: state === 'online' ? Date.now() : this.link.lastSeen };
    const changed = next.state !== this.link.state;
    this.link = next;
    if (changed) this.emit('hub.onLinkChanged', next);
  }
}

function ctiToLink(state: Exclude<CtiLinkState, 'stopped'>): HubLink['state'] {
  return state;
}
