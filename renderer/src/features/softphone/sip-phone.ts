/**
 * The seat's softphone: a sip.js user agent registered to the hub over SIP-over-WebSocket with the
 * per-login credentials the seat services hand out, audio over WebRTC to the hub's anchored legs.
 *
 *   registration:  stopped ─start─▶ connecting ─▶ registered ─(socket lost)─▶ reconnecting ─▶ registered
 *                                        └──────────── failed (bad credentials) ◀────────────┘
 *
 * A dropped network is retried every second (sip.js reconnects the transport, we re-register), so
 * the phone is back within a few seconds of the network returning.
 */
import { Invitation, Inviter, Registerer, RegistererState, SessionState, UserAgent, Web } from 'sip.js';
import type { Session } from 'sip.js';

export interface SipConfig {
  wsUrl: string;
  aor: string;
  realm: string;
  username: string;
  password: string;
  displayName: string;
}

export type RegistrationState = 'stopped' | 'connecting' | 'registered' | 'reconnecting' | 'failed';
export type PhoneCallState = 'ringing' | 'connecting' | 'active' | 'held' | 'ended';

export interface PhoneCall {
  id: string;
  remote: string;
  remoteName: string;
  direction: 'inbound' | 'outbound';
  state: PhoneCallState;
  muted: boolean;
  startedAt: number;
}

export interface SipPhoneEvents {
  onRegistration(state: RegistrationState): void;
  onCall(call: PhoneCall): void;
}

export class SipPhone {
  private ua: UserAgent | undefined;
  private registerer: Registerer | undefined;
  private readonly sessions = new Map<string, { session: Session; call: PhoneCall }>();
  private state: RegistrationState = 'stopped';
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly audio: HTMLAudioElement;
  private realm = '';

  constructor(private readonly events: SipPhoneEvents) {
    this.audio = document.createElement('audio');
    this.audio.autoplay = true;
    this.audio.dataset.testid = 'softphone-remote-audio';
    document.body.appendChild(this.audio);
    window.addEventListener('online', () => this.reconnectNow());
  }

  get registration(): RegistrationState {
    return this.state;
  }

  async start(config: SipConfig): Promise<void> {
    await this.stop();
    this.realm = config.realm;
    const uri = UserAgent.makeURI(`sip:${config.aor}@${config.realm}`);
    if (!uri) throw new Error(`bad SIP address ${config.aor}@${config.realm}`);
    this.ua = new UserAgent({
      uri,
      displayName: config.displayName,
      authorizationUsername: config.username,
      authorizationPassword: config.password,
      transportOptions: { server: config.wsUrl, keepAliveInterval: 15, connectionTimeout: 3 },
      logLevel: 'warn',
      sessionDescriptionHandlerFactoryOptions: {
        // The hub is ICE-lite on the LAN: no STUN/TURN, host candidates only, short gathering.
        peerConnectionConfiguration: { iceServers: [] },
        iceGatheringTimeout: 500,
      },
      delegate: {
        onInvite: (invitation) => this.onInvite(invitation),
        onDisconnect: (error) => {
          if (error) this.scheduleReconnect();
        },
      },
    });
    this.registerer = new Registerer(this.ua, { expires: 120 });
    this.registerer.stateChange.addListener((s) => {
      if (s === RegistererState.Registered) this.setState('registered');
    });
    this.setState('connecting');
    await this.ua.start();
    await this.registerer.register({
      requestDelegate: { onReject: () => this.setState('failed') },
    });
  }

  async stop(): Promise<void> {
    clearTimeout(this.retryTimer);
    const ua = this.ua;
    this.ua = undefined;
    if (!ua) return;
    await this.registerer?.unregister().catch(() => undefined);
    await ua.stop().catch(() => undefined);
    this.setState('stopped');
  }

  async answer(callId: string): Promise<void> {
    const entry = this.sessions.get(callId);
    if (!(entry?.session instanceof Invitation)) return;
    this.update(callId, { state: 'connecting' });
    await entry.session.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
  }

  async hangup(callId: string): Promise<void> {
    const entry = this.sessions.get(callId);
    if (!entry) return;
    const { session } = entry;
    if (session.state === SessionState.Established) await session.bye();
    else if (session instanceof Invitation) await session.reject();
  }

  async hold(callId: string, held: boolean): Promise<void> {
    const entry = this.sessions.get(callId);
    if (!entry || entry.session.state !== SessionState.Established) return;
    await entry.session.invite({ sessionDescriptionHandlerModifiers: held ? [Web.holdModifier] : [] });
    // Hold mutes the microphone too: nothing leaves the desk while the customer waits.
    this.setMicEnabled(entry.session, !held && !entry.call.muted);
    this.update(callId, { state: held ? 'held' : 'active' });
  }

  mute(callId: string, muted: boolean): void {
    const entry = this.sessions.get(callId);
    if (!entry) return;
    this.setMicEnabled(entry.session, !muted && entry.call.state !== 'held');
    this.update(callId, { muted });
  }

  /** Click-to-dial and callbacks: an outbound call to a number through the hub. */
  async dial(number: string): Promise<string | null> {
    const digits = number.replace(/[^\d*#+]/g, '');
    const target = UserAgent.makeURI(`sip:${digits}@${this.realm}`);
    if (!this.ua || !target || !digits) return null;
    const inviter = new Inviter(this.ua, target, { sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
    const id = inviter.request.callId;
    const call: PhoneCall = { id, remote: digits, remoteName: '', direction: 'outbound', state: 'connecting', muted: false, startedAt: Date.now() };
    this.sessions.set(id, { session: inviter, call });
    inviter.stateChange.addListener((s) => {
      if (s === SessionState.Established) {
        this.attachRemoteAudio(inviter);
        this.update(id, { state: 'active', startedAt: Date.now() });
      } else if (s === SessionState.Terminated) {
        this.update(id, { state: 'ended' });
        this.sessions.delete(id);
      }
    });
    this.events.onCall(call);
    await inviter.invite().catch(() => this.update(id, { state: 'ended' }));
    return id;
  }

  /** RFC 4733 telephone-events through RTCDTMFSender, never SIP INFO. */
  sendDtmf(callId: string, tones: string): boolean {
    const sdh = this.sessions.get(callId)?.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    return sdh?.sendDtmf(tones, { duration: 100, interToneGap: 70 }) ?? false;
  }

  private onInvite(invitation: Invitation): void {
    const id = invitation.request.callId;
    const call: PhoneCall = {
      id,
      remote: invitation.remoteIdentity.uri.user ?? '',
      remoteName: invitation.remoteIdentity.displayName ?? '',
      direction: 'inbound',
      state: 'ringing',
      muted: false,
      startedAt: Date.now(),
    };
    this.sessions.set(id, { session: invitation, call });
    invitation.stateChange.addListener((s) => {
      if (s === SessionState.Established) {
        this.attachRemoteAudio(invitation);
        this.update(id, { state: 'active', startedAt: Date.now() });
      } else if (s === SessionState.Terminated) {
        this.update(id, { state: 'ended' });
        this.sessions.delete(id);
      }
    });
    this.events.onCall(call);
  }

  private attachRemoteAudio(session: Session): void {
    const sdh = session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    if (sdh?.remoteMediaStream) this.audio.srcObject = sdh.remoteMediaStream;
  }

  private setMicEnabled(session: Session, enabled: boolean): void {
    const sdh = session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    sdh?.localMediaStream.getAudioTracks().forEach((t) => (t.enabled = enabled));
  }

  private update(callId: string, patch: Partial<PhoneCall>): void {
    const entry = this.sessions.get(callId);
    if (!entry) return;
    entry.call = { ...entry.call, ...patch };
    this.events.onCall(entry.call);
  }

  private setState(next: RegistrationState): void {
    if (this.state === next) return;
    this.state = next;
    this.events.onRegistration(next);
  }

  private scheduleReconnect(): void {
    if (!this.ua) return;
    this.setState('reconnecting');
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.reconnectNow(), 1_000);
  }

  private reconnectNow(): void {
    const ua = this.ua;
    if (!ua || this.state === 'registered') return;
    ua.reconnect()
      .then(() => this.registerer?.register())
      .catch(() => this.scheduleReconnect());
  }
}
