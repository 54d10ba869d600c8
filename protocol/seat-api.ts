/**
 * The one contract between the renderer and the seat services. Bound to Electron IPC
 * (main/app/ipc-binding.ts + preload) and to a WebSocket in web mode (main/seat/ws-binding.ts);
 * channels are `bl:<service>.<method>`.
 */
import { z } from 'zod';
import { AgentStatus, ReasonCode, SetPresenceRequest } from './agent';
import { LoginRequest, UserInfo } from './auth';
import { callsService } from './calls-api';
import { hardwareService } from './hardware-api';
import { QueueInfo } from './queue';
import { defineApi, event, method } from './rpc';
import { SoftphoneConfig } from './softphone';
import type { ClientOf } from './rpc';
import { callbacksService, careService, customersService, interactionsService, knowledgeService, screenPopService, syncService, workOrdersService } from './workstation-api';

export const Locale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof Locale>;

export const AppInfo = z.object({
  version: z.string(),
  /** How the renderer is bound: inside Electron or a browser talking to the local web server. */
  shell: z.enum(['electron', 'web']),
  /** True when this seat also hosts the routing hub (server mode). */
  serverMode: z.boolean(),
  hubUrl: z.string(),
  locale: Locale,
});
export type AppInfo = z.infer<typeof AppInfo>;

export const HubLink = z.object({
  state: z.enum(['online', 'offline', 'connecting']),
  hubUrl: z.string(),
  /** Epoch ms of the last successful exchange with the hub, null if never. */
  lastSeen: z.number().int().nullable(),
});
export type HubLink = z.infer<typeof HubLink>;

export const SessionEnded = z.object({
  reason: z.enum(['logout', 'expired', 'replaced']),
});

export const seatApi = defineApi({
  app: {
    getInfo: method(z.void(), AppInfo),
    setLocale: method(z.object({ locale: Locale }), z.void()),
  },
  auth: {
    login: method(LoginRequest, UserInfo),
    logout: method(z.void(), z.void()),
    current: method(z.void(), UserInfo.nullable()),
    onSessionEnded: event(SessionEnded),
  },
  agent: {
    getStatus: method(z.void(), AgentStatus),
    setPresence: method(SetPresenceRequest, AgentStatus),
    listReasonCodes: method(z.void(), z.array(ReasonCode)),
    onStatusChanged: event(AgentStatus),
  },
  hub: {
    getLink: method(z.void(), HubLink),
    onLinkChanged: event(HubLink),
  },
  customers: customersService,
  knowledge: knowledgeService,
  screenPop: screenPopService,
  interactions: interactionsService,
  workOrders: workOrdersService,
  callbacks: callbacksService,
  care: careService,
  sync: syncService,
  queues: {
    list: method(z.void(), z.array(QueueInfo)),
  },
  softphone: {
    getConfig: method(z.void(), SoftphoneConfig),
  },
  hardware: hardwareService,
  calls: callsService,
});

export type SeatApi = typeof seatApi;
export type BranchlineClient = ClientOf<SeatApi>;
