/** Customers, knowledge base and queues as seats read them. Card and ID numbers leave the hub masked only. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CustomerSearchRequest, CustomerSummary } from '../../../../protocol/customer';
import type { CustomerSummary as CustomerSummaryT } from '../../../../protocol/customer';
import { KnowledgeArticle, KnowledgeSearchRequest } from '../../../../protocol/knowledge';
import { maskCard, maskIdNumber } from '../../../../protocol/masking';
import { QueueInfo } from '../../../../protocol/queue';
import type { CustomerRecord } from '../../store/types';
import type { HubContext } from '../hub-context';

export function toCustomerSummary(c: CustomerRecord): CustomerSummaryT {
  return {
    id: c.id,
    name: c.name,
    tier: c.tier,
    phones: c.phones,
    maskedIdNumber: c.idNumber ? maskIdNumber(c.idNumber) : null,
    maskedCards: c.cards.map(maskCard),
    tags: c.tags,
  };
}

// Query strings arrive as text: the limit is coerced here, not in the shared contract.
const CustomerQuery = CustomerSearchRequest.extend({ limit: z.coerce.number().int().min(1).max(200).default(50) });
const KnowledgeQuery = KnowledgeSearchRequest.extend({ limit: z.coerce.number().int().min(1).max(100).default(20) });

export const directoryRoutes: FastifyPluginAsyncZod<{ ctx: HubContext }> = async (app, { ctx }) => {
  const staff = ['agent', 'lead', 'admin'] as const;
  app.get(
    '/api/customers',
    { config: { roles: staff }, schema: { querystring: CustomerQuery, response: { 200: z.array(CustomerSummary) } } },
    async (request) => ctx.store.customers.search(request.query.query, request.query.limit).map(toCustomerSummary),
  );
  app.get(
    '/api/knowledge',
    { config: { roles: staff }, schema: { querystring: KnowledgeQuery, response: { 200: z.array(KnowledgeArticle) } } },
    async (request) => ctx.store.knowledge.search(request.query.query, request.query.limit),
  );
  app.get('/api/queues', { config: { roles: staff }, schema: { response: { 200: z.array(QueueInfo) } } }, async () => ctx.store.queues.list());
};
