/**
 * Hub data through RTK Query. Every endpoint's `queryFn` calls `window.branchline` and returns
 * `{ error }` instead of throwing, so failures land in the cache as data.
 */
import { createApi, fakeBaseQuery } from '@reduxjs/toolkit/query/react';
import type { WireError } from '../../../protocol/errors';
import type { QueueInfo } from '../../../protocol/queue';
import type { CachedCustomer } from '../../../protocol/sync';
import type { Article } from '../../../protocol/workstation';
import { branchline } from '../bridge/branchline';

export async function call<T>(fn: () => Promise<T>): Promise<{ data: T } | { error: WireError }> {
  try {
    return { data: await fn() };
  } catch (err) {
    const e = err as Partial<WireError>;
    return { error: { code: e.code ?? 'BL_ERR_INTERNAL', message: e.message ?? String(err) } };
  }
}

export const branchlineApi = createApi({
  reducerPath: 'branchlineApi',
  baseQuery: fakeBaseQuery<WireError>(),
  endpoints: (build) => ({
    searchCustomers: build.query<CachedCustomer[], string>({
      queryFn: (query) => call(() => branchline.customers.search({ query, limit: 50 })),
    }),
    searchKnowledge: build.query<Article[], string>({
      queryFn: (query) => call(() => branchline.knowledge.search({ query, limit: 20 })),
    }),
    listQueues: build.query<QueueInfo[], void>({
      queryFn: () => call(() => branchline.queues.list()),
    }),
  }),
});

export const { useSearchCustomersQuery, useSearchKnowledgeQuery, useListQueuesQuery } = branchlineApi;
