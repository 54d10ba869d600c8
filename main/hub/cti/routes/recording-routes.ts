/**
 * Call recordings over HTTP with byte ranges (RFC 9110 §14), so a browser <audio> element can
 * seek. Leads and admins hear every recording; an agent only the calls they took.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BranchlineError, ERRORS } from '../../../../protocol/errors';
import type { HubContext } from '../hub-context';
import { currentUser } from '../plugins/auth-plugin';

/** A single byte range within `size`, `'unsatisfiable'`, or undefined to send the whole file. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // RFC 9110 §14.2: "A server MAY ignore the Range header field." We do for multiple or malformed ranges.
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    // Suffix range: the last N bytes.
    const n = Number(m[2]);
    if (n === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return undefined;
  // RFC 9110 §14.1.1: a range is unsatisfiable when "the first-pos of all of the byte-range-spec
  // values were greater than or equal to the current length of the selected representation".
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

export const recordingRoutes: FastifyPluginAsyncZod<{ ctx: HubContext }> = async (app, { ctx }) => {
  app.get(
    '/api/recordings/:callId',
    { config: { roles: ['agent', 'lead', 'admin'] }, schema: { params: z.object({ callId: z.string().min(1).max(64) }) } },
    async (request, reply) => {
      const user = currentUser(request);
      const rec = ctx.store.calls.findRecording(request.params.callId);
      if (!rec) throw new BranchlineError('BL_ERR_NOT_FOUND', 'No recording for this call');
      // "The agent who took the call": the last agent, or any agent whose leg was answered before a transfer.
      const tookIt = (ext: string): boolean =>
        rec.agent === ext || (ctx.store.calls.findCdr(rec.callId)?.legs.some((l) => l.party === ext && l.role !== 'caller' && l.answeredAt !== null) ?? false);
      if (user.role === 'agent' && (user.extension === null || !tookIt(user.extension))) {
        throw new BranchlineError('BL_ERR_AUTH_FORBIDDEN', 'Agents may only hear the calls they took');
      }
      const size = await stat(rec.path).then((s) => s.size, () => -1);
      if (size < 0) throw new BranchlineError('BL_ERR_NOT_FOUND', 'The recording file is missing');
      const range = parseRange(request.headers.range, size);
      reply.header('Accept-Ranges', 'bytes').header('Content-Type', 'audio/wav');
      if (range === 'unsatisfiable') {
        // RFC 9110 §15.5.17: "the server SHOULD send a Content-Range header field with an unsatisfied-range value".
        return reply
          .code(416)
          .header('Content-Range', `bytes */${size}`)
          .header('Content-Type', 'application/json')
          .send({ code: 'BL_ERR_RECORDING_RANGE', message: ERRORS.BL_ERR_RECORDING_RANGE.message });
      }
      if (!range) return reply.code(200).header('Content-Length', size).send(createReadStream(rec.path));
      return reply
        .code(206)
        .header('Content-Range', `bytes ${range.start}-${range.end}/${size}`)
        .header('Content-Length', range.end - range.start + 1)
        .send(createReadStream(rec.path, { start: range.start, end: range.end }));
    },
  );
};
