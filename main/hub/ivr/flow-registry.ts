/**
 * Versioned IVR flows per hotline, stored in the hub database, with hot reload: publishing stores
 * a new version and makes it current for *new* calls. A running session holds the CompiledFlow it
 * started with, so nothing in progress changes or drops. Compiled versions are cached by
 * (hotline, version); old versions stay loadable for as long as calls reference them.
 */
import { readFile } from 'node:fs/promises';
import { BranchlineError } from '../../../protocol/errors';
import type { IvrFlowIssue, IvrFlowVersion } from '../../../protocol/ivr';
import type { Logger } from '../../common/logger';
import type { IvrRepository, StoredFlow } from '../store/sqlite-ivr-repository';
import { type CompiledFlow, compileFlow, validateFlow } from './flow-validator';

export interface ActiveFlow {
  hotline: string;
  version: number;
  compiled: CompiledFlow;
}

export interface PublishResult {
  hotline: string;
  version: number;
  /** False when the same document was already the active version (nothing stored). */
  changed: boolean;
  warnings: IvrFlowIssue[];
}

export class FlowRegistry {
  private readonly current = new Map<string, ActiveFlow>();
  private readonly cache = new Map<string, ActiveFlow>();
  private readonly listeners = new Set<(flow: ActiveFlow) => void>();

  constructor(
    private readonly repo: IvrRepository,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Validates and stores a new version, then makes it current. Unchanged documents are a no-op. */
  publish(input: unknown): PublishResult {
    const v = validateFlow(input);
    if (!v.ok) {
      throw new BranchlineError('BL_ERR_IVR_INVALID_FLOW', v.errors.map((e) => e.message).join('; '), { errors: v.errors, warnings: v.warnings });
    }
    const { flow, checksum } = v.compiled;
    const active = this.repo.activeFlow(flow.hotline);
    if (active?.checksum === checksum) return { hotline: flow.hotline, version: active.version, changed: false, warnings: v.warnings };
    const version = this.repo.publishFlow(flow.hotline, JSON.stringify(flow), checksum, this.now());
    const entry = { hotline: flow.hotline, version, compiled: v.compiled };
    this.cache.set(key(flow.hotline, version), entry);
    this.swap(entry);
    for (const w of v.warnings) this.logger.warn({ hotline: flow.hotline, version, node: w.node }, w.message);
    return { hotline: flow.hotline, version, changed: true, warnings: v.warnings };
  }

  async publishFile(path: string): Promise<PublishResult> {
    return this.publish(JSON.parse(await readFile(path, 'utf8')));
  }

  /** Rolls a hotline back (or forward) to a stored version. */
  activate(hotline: string, version: number): ActiveFlow {
    this.repo.activateFlow(hotline, version);
    const entry = this.version(hotline, version);
    this.swap(entry);
    return entry;
  }

  /** The version new calls to `hotline` get. */
  currentFlow(hotline: string): ActiveFlow {
    const cached = this.current.get(hotline);
    if (cached) return cached;
    const stored = this.repo.activeFlow(hotline);
    if (!stored) throw new BranchlineError('BL_ERR_IVR_UNKNOWN_HOTLINE', `no IVR flow for ${hotline}`);
    const entry = this.load(stored);
    this.current.set(hotline, entry);
    return entry;
  }

  version(hotline: string, version: number): ActiveFlow {
    const cached = this.cache.get(key(hotline, version));
    if (cached) return cached;
    const stored = this.repo.flowVersion(hotline, version);
    if (!stored) throw new BranchlineError('BL_ERR_IVR_UNKNOWN_HOTLINE', `no IVR flow ${hotline} v${version}`);
    return this.load(stored);
  }

  /** Re-reads which version is active for every hotline (another hub process may have published). */
  reload(): ActiveFlow[] {
    const changed: ActiveFlow[] = [];
    for (const hotline of this.repo.hotlines()) {
      const stored = this.repo.activeFlow(hotline);
      if (!stored || this.current.get(hotline)?.version === stored.version) continue;
      const entry = this.load(stored);
      this.swap(entry);
      changed.push(entry);
    }
    return changed;
  }

  versions(hotline: string): IvrFlowVersion[] {
    return this.repo.listFlows(hotline).map((f) => ({ hotline: f.hotline, version: f.version, checksum: f.checksum, createdAt: f.createdAt, active: f.active }));
  }

  /** Called whenever a hotline's current version changes (prompt generation listens). */
  onChange(listener: (flow: ActiveFlow) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private load(stored: StoredFlow): ActiveFlow {
    const k = key(stored.hotline, stored.version);
    const cached = this.cache.get(k);
    if (cached) return cached;
    // A stored version was valid when published; compiling again guards against schema drift.
    const entry = { hotline: stored.hotline, version: stored.version, compiled: compileFlow(JSON.parse(stored.definition)) };
    this.cache.set(k, entry);
    return entry;
  }

  private swap(entry: ActiveFlow): void {
    const previous = this.current.get(entry.hotline);
    this.current.set(entry.hotline, entry);
    this.logger.info({ hotline: entry.hotline, version: entry.version, previous: previous?.version ?? null }, 'ivr flow active');
    for (const l of this.listeners) l(entry);
  }
}

function key(hotline: string, version: number): string {
  return `${hotline}#${version}`;
}
