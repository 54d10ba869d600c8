/**
 * The workstation's data through RTK Query, injected into the one API slice. Every read is the
 * seat's offline cache; writes invalidate the tags they touch, and pushed sync events invalidate
 * everything the hub may have changed (app/workstation-events.ts).
 */
import type { CachedCustomer, Callback, Conflict, Interaction, SyncStatus, WorkOrder } from '../../../protocol/sync';
import type {
  Article,
  CareEntry,
  CustomerCard,
  CustomerInput,
  ExportFile,
  ImportReport,
  ImportRequest,
  Playbook,
  ScreenPopResult,
  WorkOrderDetail,
  WrapUpResult,
} from '../../../protocol/workstation';
import type { BranchlineClient } from '../../../protocol/seat-api';
import { branchline } from '../bridge/branchline';
import { branchlineApi, call } from './branchline-api';

type In<S extends keyof BranchlineClient, M extends keyof BranchlineClient[S]> = BranchlineClient[S][M] extends (input: infer I) => unknown ? NonNullable<I> : never;

export const DATA_TAGS = ['Customer', 'WorkOrder', 'Callback', 'Interaction', 'Knowledge', 'Conflict'] as const;

export const workstationApi = branchlineApi.enhanceEndpoints({ addTagTypes: DATA_TAGS }).injectEndpoints({
  endpoints: (build) => ({
    screenPopLookup: build.query<ScreenPopResult, string>({
      queryFn: (number) => call(() => branchline.screenPop.lookup({ number })),
      providesTags: ['Customer', 'WorkOrder', 'Interaction'],
    }),
    localCustomers: build.query<CachedCustomer[], string>({
      queryFn: (query) => call(() => branchline.customers.search({ query, limit: 200 })),
      providesTags: ['Customer'],
    }),
    customerCard: build.query<CustomerCard, string>({
      queryFn: (id) => call(() => branchline.customers.getCard({ id })),
      providesTags: ['Customer', 'WorkOrder', 'Interaction'],
    }),
    duplicates: build.query<CachedCustomer[], string>({
      queryFn: (id) => call(() => branchline.customers.duplicates({ id })),
      providesTags: ['Customer'],
    }),
    createCustomer: build.mutation<CachedCustomer, CustomerInput>({
      queryFn: (input) => call(() => branchline.customers.create(input)),
      invalidatesTags: ['Customer'],
    }),
    updateCustomer: build.mutation<CachedCustomer, { id: string; patch: Partial<CustomerInput> }>({
      queryFn: (input) => call(() => branchline.customers.update(input)),
      invalidatesTags: ['Customer'],
    }),
    mergeCustomers: build.mutation<CachedCustomer, { keepId: string; dropId: string }>({
      queryFn: (input) => call(() => branchline.customers.merge(input)),
      invalidatesTags: ['Customer', 'WorkOrder', 'Interaction', 'Callback'],
    }),
    importCustomers: build.mutation<ImportReport, ImportRequest>({
      queryFn: (input) => call(() => branchline.customers.importFile(input)),
      invalidatesTags: ['Customer'],
    }),
    exportCustomers: build.mutation<ExportFile, In<'customers', 'exportFile'>>({
      queryFn: (input) => call(() => branchline.customers.exportFile(input)),
    }),
    wrapUp: build.mutation<WrapUpResult, In<'interactions', 'wrapUp'>>({
      queryFn: (input) => call(() => branchline.interactions.wrapUp(input)),
      invalidatesTags: ['Interaction', 'WorkOrder', 'Callback'],
    }),
    interactions: build.query<Interaction[], string>({
      queryFn: (customerId) => call(() => branchline.interactions.list({ customerId })),
      providesTags: ['Interaction'],
    }),
    workOrders: build.query<WorkOrder[], In<'workOrders', 'list'>>({
      queryFn: (q) => call(() => branchline.workOrders.list(q)),
      providesTags: ['WorkOrder'],
    }),
    workOrder: build.query<WorkOrderDetail, string>({
      queryFn: (id) => call(() => branchline.workOrders.get({ id })),
      providesTags: ['WorkOrder'],
    }),
    createWorkOrder: build.mutation<WorkOrder, In<'workOrders', 'create'>>({
      queryFn: (draft) => call(() => branchline.workOrders.create(draft)),
      invalidatesTags: ['WorkOrder'],
    }),
    updateWorkOrder: build.mutation<WorkOrder, In<'workOrders', 'update'>>({
      queryFn: (patch) => call(() => branchline.workOrders.update(patch)),
      invalidatesTags: ['WorkOrder'],
    }),
    urgeWorkOrder: build.mutation<void, string>({
      queryFn: (id) => call(() => branchline.workOrders.urge({ id })),
    }),
    localKnowledge: build.query<Article[], string>({
      queryFn: (query) => call(() => branchline.knowledge.search({ query, limit: 30 })),
      providesTags: ['Knowledge'],
    }),
    suggestKnowledge: build.query<Article[], In<'knowledge', 'suggest'>>({
      queryFn: (req) => call(() => branchline.knowledge.suggest(req)),
      providesTags: ['Knowledge'],
    }),
    recordKnowledgeUse: build.mutation<{ usageCount: number }, string>({
      queryFn: (id) => call(() => branchline.knowledge.recordUse({ id })),
      invalidatesTags: ['Knowledge'],
    }),
    callbacks: build.query<Callback[], In<'callbacks', 'list'>>({
      queryFn: (q) => call(() => branchline.callbacks.list(q)),
      providesTags: ['Callback'],
    }),
    scheduleCallback: build.mutation<Callback, In<'callbacks', 'schedule'>>({
      queryFn: (req) => call(() => branchline.callbacks.schedule(req)),
      invalidatesTags: ['Callback'],
    }),
    updateCallback: build.mutation<Callback, In<'callbacks', 'update'>>({
      queryFn: (req) => call(() => branchline.callbacks.update(req)),
      invalidatesTags: ['Callback'],
    }),
    careList: build.query<CareEntry[], 'birthdays' | 'dormant' | 'fundAnomalies'>({
      queryFn: (list) => call(() => (list === 'birthdays' ? branchline.care.birthdays({ days: 7 }) : branchline.care[list]({}))),
      providesTags: ['Customer', 'Interaction'],
    }),
    campaign: build.mutation<{ created: number }, In<'care', 'campaign'>>({
      queryFn: (req) => call(() => branchline.care.campaign(req)),
      invalidatesTags: ['Callback'],
    }),
    playbook: build.query<Playbook, string>({
      queryFn: (id) => call(() => branchline.care.playbook({ id })),
      providesTags: ['Customer', 'Knowledge'],
    }),
    syncNow: build.mutation<SyncStatus, void>({
      queryFn: () => call(() => branchline.sync.syncNow()),
      invalidatesTags: [...DATA_TAGS],
    }),
    conflicts: build.query<Conflict[], void>({
      queryFn: () => call(() => branchline.sync.listConflicts()),
      providesTags: ['Conflict'],
    }),
    resolveConflict: build.mutation<void, In<'sync', 'resolveConflict'>>({
      queryFn: (req) => call(() => branchline.sync.resolveConflict(req)),
      invalidatesTags: [...DATA_TAGS],
    }),
  }),
});

export const {
  useScreenPopLookupQuery,
  useLocalCustomersQuery,
  useCustomerCardQuery,
  useDuplicatesQuery,
  useCreateCustomerMutation,
  useUpdateCustomerMutation,
  useMergeCustomersMutation,
  useImportCustomersMutation,
  useExportCustomersMutation,
  useWrapUpMutation,
  useWorkOrdersQuery,
  useWorkOrderQuery,
  useCreateWorkOrderMutation,
  useUpdateWorkOrderMutation,
  useUrgeWorkOrderMutation,
  useLocalKnowledgeQuery,
  useSuggestKnowledgeQuery,
  useRecordKnowledgeUseMutation,
  useCallbacksQuery,
  useScheduleCallbackMutation,
  useUpdateCallbackMutation,
  useCareListQuery,
  useCampaignMutation,
  usePlaybookQuery,
  useSyncNowMutation,
  useConflictsQuery,
  useResolveConflictMutation,
} = workstationApi;
