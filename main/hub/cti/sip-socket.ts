/**
 * `/sip`: SIP over WebSocket (RFC 7118) on the hub's HTTP port. Fastify upgrades the connection
 * (subprotocol "sip" is required) and the SIP stack takes the socket over.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { SipStack } from '../sip';

export const sipSocket: FastifyPluginAsync<{ sip: SipStack }> = async (app, { sip }) => {
  app.get('/sip', { websocket: true, config: { roles: 'public' } }, (socket, request) => {
    // RFC 7118 §4.1: the "sip" subprotocol must be negotiated.
    if (socket.protocol !== 'sip') {
      socket.close(1002, 'subprotocol "sip" required');
      return;
    }
    sip.acceptWebSocket(socket, request.raw);
  });
};
