/**
 * One error handler for the hub: clients get `{ error: { code, message } }` and only the message of
 * expected errors; anything else is logged with its stack and answered as BL_ERR_INTERNAL.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { BranchlineError, ERRORS } from '../../../../protocol/errors';

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof BranchlineError) {
      return reply.status(error.httpStatus).send({ error: error.toWire() });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const detail = error.validation
        .slice(0, 5)
        .map((v) => `${v.instancePath || '(root)'}: ${v.message ?? 'invalid'}`)
        .join('; ');
      return reply.status(400).send({ error: { code: 'BL_ERR_VALIDATION', message: `${error.validationContext ?? 'request'} ${detail}` } });
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      // Fastify's own client errors (bad JSON, wrong content type, body too large).
      return reply.status(status).send({ error: { code: 'BL_ERR_VALIDATION', message: error.message } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'BL_ERR_INTERNAL', message: ERRORS.BL_ERR_INTERNAL.message } });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: { code: 'BL_ERR_NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}` } });
  });
}
