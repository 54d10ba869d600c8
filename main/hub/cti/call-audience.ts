/**
 * Who may hear about a call over CTI. Built from the bus events alone (not from the CallEngine),
 * so routing works the same whether the engine runs in this process or, later, behind another bus.
 * A call's parties are its caller, the dialled number and every extension rung, answered or
 * transferred to; an agent hears a call once their extension is among them.
 */
import type { CallIncoming } from '../../../protocol/call';
import type { HubEventBus } from '../events/hub-event-bus';

interface Tracked {
  readonly incoming: CallIncoming;
  readonly parties: Set<string>;
}

export class CallAudience {
  private readonly calls = new Map<string, Tracked>();
  private readonly offs: (() => void)[];

  /** Subscribe before any socket does: the bus calls listeners in order, so parties are known first. */
  constructor(bus: HubEventBus) {
    this.offs = [
      bus.subscribe('call.incoming', (e) => void this.calls.set(e.callId, { incoming: e, parties: new Set([e.caller, e.dialled]) })),
      bus.subscribe('call.ringing', (e) => this.add(e.callId, e.party)),
      bus.subscribe('call.answered', (e) => this.add(e.callId, e.party)),
      bus.subscribe('call.transferred', (e) => {
        this.add(e.callId, e.from);
        this.add(e.callId, e.to);
      }),
      // Ended calls are forgotten at once; `call.ended` itself is routed by its CDR.
      bus.subscribe('call.ended', (e) => void this.calls.delete(e.callId)),
    ];
  }

  involves(callId: string, extension: string | null): boolean {
    return extension !== null && (this.calls.get(callId)?.parties.has(extension) ?? false);
  }

  /** The `call.incoming` of a call still in progress (to announce it to an agent rung later, e.g. from a queue). */
  incomingOf(callId: string): CallIncoming | undefined {
    return this.calls.get(callId)?.incoming;
  }

  dispose(): void {
    for (const off of this.offs) off();
    this.calls.clear();
  }

  private add(callId: string, party: string): void {
    this.calls.get(callId)?.parties.add(party);
  }
}
