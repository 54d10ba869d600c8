/**
 * Assembles the IVR for a hub: flow registry over the store, store-backed ports, the engine the
 * call layer starts sessions on, and the prompt cache. Prompt generation runs in the background at
 * start (a fresh cache costs nothing) and again whenever a hotline's version changes; calls never
 * wait for it, and a missing espeak-ng is logged once instead of stopping the hub.
 *
 * Wiring (hub.ts, after the store is open and the demo is seeded):
 *   const ivr = await createIvrService({ store, dataDir, logger: logger.child({ mod: 'hub.ivr' }), demo });
 *   // call layer: ivr.engine.start({ callId, caller, hotline, channel }); play clips via ivr.prompts.resolveAll(keys)
 */
import type { Logger } from '../../common/logger';
import { seedDemoIvr } from '../demo/demo-ivr-seed';
import type { HubStore } from '../store/hub-store';
import { FlowRegistry } from './flow-registry';
import { IvrEngine } from './ivr-engine';
import type { IvrPorts } from './ivr-ports';
import { type PromptEntry, baseCatalog, flowCatalog } from './prompts/prompt-catalog';
import { type GenerateReport, generatePrompts } from './prompts/prompt-generator';
import { PromptLibrary } from './prompts/prompt-library';
import { createStoreIvrPorts } from './store-ivr-ports';

export interface IvrServiceOptions {
  store: HubStore;
  dataDir: string;
  logger: Logger;
  /** Seed the demo hotline 9000 (flow, PINs, transactions, tickets). */
  demo: boolean;
  /** Replace store-backed ports (e.g. a CDR-backed survey port). */
  ports?: Partial<IvrPorts>;
  /** Skip prompt generation (tests that do not need audio). */
  generatePrompts?: boolean;
  lockAfter?: number;
}

export interface IvrService {
  readonly registry: FlowRegistry;
  readonly engine: IvrEngine;
  readonly prompts: PromptLibrary;
  /** Resolves when the start-up prompt generation has finished (never rejects). */
  readonly promptsReady: Promise<GenerateReport | null>;
  /** Regenerates prompts for every active flow now. */
  refreshPrompts(): Promise<GenerateReport | null>;
}

export async function createIvrService(options: IvrServiceOptions): Promise<IvrService> {
  const { store, logger } = options;
  const registry = new FlowRegistry(store.ivr, logger.child({ mod: 'hub.ivr.flows' }));
  if (options.demo) await seedDemoIvr(store, registry, logger.child({ mod: 'hub.ivr.demo' }));
  const ports: IvrPorts = { ...createStoreIvrPorts(store, options.lockAfter ? { lockAfter: options.lockAfter } : {}), ...options.ports };
  const engine = new IvrEngine({ registry, ports, logger, dataDir: options.dataDir });
  const prompts = new PromptLibrary(options.dataDir);
  const promptLog = logger.child({ mod: 'hub.ivr.prompts' });

  let chain: Promise<GenerateReport | null> = Promise.resolve(null);
  // One generation at a time: a publish during start-up generation queues behind it.
  const generate = (entries: PromptEntry[]): Promise<GenerateReport | null> => {
    chain = chain.then(() =>
      generatePrompts(entries, prompts, { logger: promptLog }).catch((err: unknown) => {
        const code = (err as { code?: unknown }).code;
        promptLog.error({ code, err: (err as Error).message }, 'ivr prompt generation failed; only recorded prompts will play');
        return null;
      }),
    );
    return chain;
  };
  const activeCatalog = (): PromptEntry[] => {
    const entries = [...baseCatalog()];
    for (const hotline of store.ivr.hotlines()) {
      try {
        entries.push(...flowCatalog(registry.currentFlow(hotline).compiled.flow));
      } catch (err) {
        logger.error({ hotline, err: (err as Error).message }, 'ivr flow cannot be loaded');
      }
    }
    return entries;
  };
  const enabled = options.generatePrompts ?? true;
  const refreshPrompts = (): Promise<GenerateReport | null> => (enabled ? generate(activeCatalog()) : Promise.resolve(null));
  registry.onChange((flow) => {
    if (enabled) void generate(flowCatalog(flow.compiled.flow));
  });
  return { registry, engine, prompts, promptsReady: refreshPrompts(), refreshPrompts };
}
