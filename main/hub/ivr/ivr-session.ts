/**
 * The IVR interpreter for one call: walks a compiled flow over an IvrChannel, with an explicit state
 * machine (ivr-session-state.ts), a per-call variable scope and events for the CDR.
 *
 * The session holds the flow object it was started with, so publishing a new version (hot reload)
 * never changes a call in progress. PINs are secret variables: masked in events, logs, snapshots,
 * the transfer context, and wiped after the lookup that used them.
 */
import { mkdir } from 'node:fs/promises';
import type { Logger } from '../../common/logger';
import { type Value, evaluate, parseExpression } from './expression';
import type { CompiledFlow } from './flow-validator';
import { CallerHangupError, type IvrChannel } from './ivr-channel';
import type { IvrEvent, IvrSessionResult } from './ivr-events';
import type { CallerInfo, IvrPorts } from './ivr-ports';
import { type IvrEndReason, type IvrSessionState, canTransition } from './ivr-session-state';
import { IvrVariables } from './ivr-variables';
import { type EventInput, type NodeContext, promptClip } from './node-context';
import { runNode } from './node-handlers';

export interface IvrSessionOptions {
  callId: string;
  /** Caller number as presented (From / P-Asserted-Identity user part). */
  caller: string;
  hotline: string;
  version: number;
  flow: CompiledFlow;
  channel: IvrChannel;
  ports: IvrPorts;
  logger: Logger;
  /** Where voicemail recordings go. */
  recordingsDir: string;
  now?: () => Date;
}

const VIP_TIERS = new Set(['PLATINUM', 'DIAMOND']);

export class IvrSession {
  readonly callId: string;
  readonly version: number;
  private stateValue: IvrSessionState = 'idle';
  private readonly vars = new IvrVariables();
  private readonly path: string[] = [];
  private readonly inputs: { node: string; digits: string }[] = [];
  private readonly listeners = new Set<(e: IvrEvent) => void>();
  private readonly verifiedCards = new Set<string>();
  private readonly logger: Logger;
  private readonly now: () => Date;

  constructor(private readonly options: IvrSessionOptions) {
    this.callId = options.callId;
    this.version = options.version;
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger.child({ mod: 'hub.ivr.session', callId: options.callId, hotline: options.hotline, flowVersion: options.version });
  }

  get state(): IvrSessionState {
    return this.stateValue;
  }

  /** Subscribe to CDR events; returns the unsubscribe function. */
  onEvent(listener: (e: IvrEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Masked copy of the variables (for the supervisor view and tests). */
  variables(): Record<string, string> {
    return this.vars.snapshot();
  }

  /** Runs the flow until the call leaves the IVR; never throws. */
  async run(): Promise<IvrSessionResult> {
    const { flow } = this.options.flow;
    let customer: CallerInfo = { customerId: null, tier: null };
    let reason: IvrEndReason = 'error';
    try {
      this.transition('running');
      customer = await this.options.ports.callers.lookup(this.options.caller).catch((err: unknown) => {
        this.logger.warn({ err: (err as Error).message }, 'caller lookup failed; continuing as unknown caller');
        return { customerId: null, tier: null };
      });
      this.initVariables(customer);
      this.emit({ type: 'started', callId: this.callId, hotline: this.options.hotline, version: this.version, customerId: customer.customerId, tier: customer.tier });
      const ctx = this.context(customer);
      let current = flow.start;
      for (let steps = 0; ; steps++) {
        if (steps >= flow.limits.maxSteps) {
          this.logger.error({ node: current, steps }, 'ivr step limit reached; ending the call');
          await this.options.channel.hangup('ivr-loop');
          reason = 'max-steps';
          break;
        }
        const node = flow.nodes[current];
        if (!node) throw new Error(`flow v${this.version} has no node "${current}"`);
        this.path.push(current);
        this.emit({ type: 'node', node: current, nodeType: node.type });
        this.logger.debug({ node: current, type: node.type }, 'ivr node');
        const step = await runNode(current, node, ctx);
        if ('end' in step) {
          reason = step.end;
          break;
        }
        current = step.next;
      }
      this.transition('ended');
    } catch (err) {
      if (err instanceof CallerHangupError) {
        reason = 'caller-hangup';
        this.transition('ended');
      } else {
        reason = 'error';
        this.logger.error({ err, node: this.path.at(-1) }, 'ivr session failed');
        this.transition('failed');
        await this.options.channel.hangup('ivr-error').catch(() => undefined);
      }
    }
    this.emit({ type: 'ended', reason, path: [...this.path] });
    this.logger.info({ reason, path: this.path, customerId: customer.customerId }, 'ivr session ended');
    return {
      callId: this.callId,
      hotline: this.options.hotline,
      version: this.version,
      state: this.stateValue === 'failed' ? 'failed' : 'ended',
      reason,
      path: [...this.path],
      inputs: [...this.inputs],
    };
  }

  private transition(to: IvrSessionState): void {
    const from = this.stateValue;
    if (from === to) return;
    if (!canTransition(from, to)) throw new Error(`illegal IVR state change ${from} → ${to}`);
    this.stateValue = to;
    this.logger.info({ from, to }, 'ivr state');
    this.emit({ type: 'state', from, to });
  }

  private initVariables(c: CallerInfo): void {
    this.vars.set('call.id', this.callId);
    this.vars.set('call.hotline', this.options.hotline);
    this.vars.set('call.version', this.version);
    this.vars.set('caller.number', this.options.caller);
    this.vars.set('caller.known', c.customerId !== null);
    this.vars.set('caller.customerId', c.customerId);
    this.vars.set('caller.tier', c.tier);
    this.vars.set('caller.vip', c.tier !== null && VIP_TIERS.has(c.tier));
  }

  private emit(e: EventInput): void {
    const event = { ...e, at: this.now().getTime() } as IvrEvent;
    if (event.type === 'input' && event.result !== 'timeout') this.inputs.push({ node: event.node, digits: event.digits });
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        this.logger.warn({ err }, 'ivr event listener threw');
      }
    }
  }

  private context(customer: CallerInfo): NodeContext {
    const o = this.options;
    const compiled = o.flow;
    const lookup = (name: string): Value => this.vars.get(name);
    let recordingsReady: Promise<unknown> | undefined;
    const channel: IvrChannel = {
      callId: o.channel.callId,
      play: (m, p) => o.channel.play(m, p),
      collectDigits: (c) => o.channel.collectDigits(c),
      record: async (r) => {
        recordingsReady ??= mkdir(o.recordingsDir, { recursive: true });
        await recordingsReady;
        return o.channel.record(r);
      },
      transfer: (d) => o.channel.transfer(d),
      hangup: (c) => o.channel.hangup(c),
    };
    return {
      flow: compiled.flow,
      callId: this.callId,
      hotline: o.hotline,
      caller: o.caller,
      customer,
      channel,
      ports: o.ports,
      vars: this.vars,
      logger: this.logger,
      recordingsDir: o.recordingsDir,
      path: this.path,
      verifiedCards: this.verifiedCards,
      now: this.now,
      evaluate: (src) => evaluate(compiled.expressions.get(src) ?? parseExpression(src), lookup),
      play: async (prompts, p) => {
        const ids = prompts.filter((x): x is string => x !== undefined);
        const clips = [...ids.map(promptClip), ...(p.clips ?? [])];
        if (clips.length === 0) return null;
        const text = [...ids.map((id) => compiled.flow.prompts[id] ?? id), p.text ?? ''].join('');
        const r = await channel.play({ kind: 'clips', clips, text }, { bargeIn: p.bargeIn });
        return r.bargedInWith;
      },
      emit: (e) => this.emit(e),
      typeahead: '',
      enterTransfer: () => this.transition('transferred'),
      leaveTransfer: () => this.transition('running'),
    };
  }
}
