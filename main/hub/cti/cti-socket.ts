/**
 * The CTI WebSocket (`/cti`): a seat authenticates with its first frame, then receives pushed
 * events for itself (agents) or for everyone (supervisors). Malformed frames get an error frame;
 * the socket stays open.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import { CTI_AUTH_TIMEOUT_MS, CtiClientFrame } from '../../../protocol/cti';
import type { CtiEvent, CtiServerFrame } from '../../../protocol/cti';
import { BranchlineError, toWireError } from '../../../protocol/errors';
import { describeZodError } from '../../../protocol/rpc';
import type { UserRecord } from '../store/types';
import { CallAudience } from './call-audience';
import { DesktopPresence } from './desktop-presence';
import type { HubContext } from './hub-context';

const MAX_FRAME_BYTES = 64 * 1024;

function send(socket: WebSocket, frame: CtiServerFrame): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

export interface CtiSocketOptions {
  ctx: HubContext;
  /** How long an agent may be without any CTI socket before going OFFLINE (a page reload fits in it). */
  offlineGraceMs?: number;
  /** A socket silent this long is dead (seats ping every 2 s), even if TCP has not noticed. */
  idleTimeoutMs?: number;
}

export const ctiSocket: FastifyPluginAsync<CtiSocketOptions> = async (app, { ctx, offlineGraceMs = 2_000, idleTimeoutMs = 6_000 }) => {
  const log = ctx.logger.child({ mod: 'hub.cti.socket' });
  const audience = new CallAudience(ctx.bus);
  // Silent network loss: idle timeout (≤ 6 s + 1 s check) + grace (2 s) keeps "offline within 10 s".
  const desktops = new DesktopPresence(ctx.agents, log, offlineGraceMs);
  app.addHook('onClose', async () => {
    audience.dispose();
    desktops.dispose();
  });

  app.get('/cti', { websocket: true, config: { roles: 'public' } }, (socket, request) => {
    let user: UserRecord | undefined;
    const unsubscribers: (() => void)[] = [];
    const authTimer = setTimeout(() => socket.close(4401, 'authentication timeout'), CTI_AUTH_TIMEOUT_MS);
    let lastSeen = Date.now();
    const watchdog = setInterval(() => {
      if (user && Date.now() - lastSeen > idleTimeoutMs) socket.terminate();
    }, Math.min(1_000, idleTimeoutMs));

    const push = (event: CtiEvent) => send(socket, { type: 'event', event });
    const subscribe = (u: UserRecord) => {
      const seesAll = u.role === 'lead' || u.role === 'admin';
      unsubscribers.push(
        ctx.bus.subscribe('agent.status', (status) => {
          if (seesAll || status.userId === u.id) push({ name: 'agent.status', data: status });
        }),
        ctx.bus.subscribe('session.ended', (ended) => {
          if (ended.userId !== u.id) return;
          push({ name: 'session.ended', data: { reason: ended.reason } });
        }),
        ...subscribeCalls(u, seesAll, push),
      );
    };

    /** Call events for the agent on the call; an agent rung later (queue, transfer) gets `call.incoming` first. */
    const subscribeCalls = (u: UserRecord, seesAll: boolean, push: (event: CtiEvent) => void): (() => void)[] => {
      const announced = new Set<string>();
      const forUser = (callId: string): boolean => {
        if (seesAll) return true;
        if (!audience.involves(callId, u.extension)) return false;
        const incoming = audience.incomingOf(callId);
        if (!announced.has(callId) && incoming) push({ name: 'call.incoming', data: incoming });
        announced.add(callId);
        return true;
      };
      return [
        ctx.bus.subscribe('call.incoming', (e) => {
          if (seesAll) push({ name: 'call.incoming', data: e });
          else forUser(e.callId);
        }),
        ctx.bus.subscribe('call.ringing', (e) => forUser(e.callId) && push({ name: 'call.ringing', data: e })),
        ctx.bus.subscribe('call.answered', (e) => forUser(e.callId) && push({ name: 'call.answered', data: e })),
        ctx.bus.subscribe('call.held', (e) => forUser(e.callId) && push({ name: 'call.held', data: e })),
        ctx.bus.subscribe('call.transferred', (e) => forUser(e.callId) && push({ name: 'call.transferred', data: e })),
        ctx.bus.subscribe('call.ended', (e) => {
          // The audience has already forgotten the call: route by the CDR (and what we announced).
          const { cdr } = e;
          const onIt = u.extension !== null && [cdr.caller, cdr.dialled, cdr.agent, ...cdr.legs.map((l) => l.party)].includes(u.extension);
          if (seesAll || onIt || announced.has(e.callId)) push({ name: 'call.ended', data: e });
          announced.delete(e.callId);
        }),
      ];
    };

    socket.on('message', (data, isBinary) => {
      lastSeen = Date.now();
      try {
        if (isBinary || (data as Buffer).length > MAX_FRAME_BYTES) throw new BranchlineError('BL_ERR_RPC_BAD_FRAME', 'CTI frames are JSON text up to 64 KiB');
        let json: unknown;
        try {
          json = JSON.parse(String(data));
        } catch {
          throw new BranchlineError('BL_ERR_RPC_BAD_FRAME', 'CTI frame is not valid JSON');
        }
        const parsed = CtiClientFrame.safeParse(json);
        if (!parsed.success) throw new BranchlineError('BL_ERR_RPC_BAD_FRAME', `Malformed CTI frame: ${describeZodError(parsed.error)}`);
        const frame = parsed.data;
        if (frame.type === 'auth') {
          if (user) return;
          user = ctx.sessions.authenticate(frame.token);
          clearTimeout(authTimer);
          subscribe(user);
          log.info({ user: user.username, ip: request.ip }, 'cti connected');
          send(socket, { type: 'ready', userId: user.id });
          desktops.connected(user);
        } else if (frame.type === 'ping') {
          if (!user) throw new BranchlineError('BL_ERR_AUTH_REQUIRED');
          send(socket, { type: 'pong', at: frame.at });
        }
      } catch (err) {
        if (!(err instanceof BranchlineError)) log.error({ err }, 'cti frame failed');
        send(socket, { type: 'error', error: toWireError(err) });
        if (!user && err instanceof BranchlineError && err.code === 'BL_ERR_AUTH_REQUIRED') socket.close(4401, 'authentication failed');
      }
    });
    socket.on('close', () => {
      clearTimeout(authTimer);
      clearInterval(watchdog);
      for (const off of unsubscribers) off();
      if (user) {
        log.info({ user: user.username }, 'cti disconnected');
        desktops.disconnected(user);
      }
    });
    socket.on('error', (err) => log.debug({ err }, 'cti socket error'));
  });
};
