/**
 * ACD routing decision benchmark: one JSON line per figure.
 *   npx tsx bench/acd-decision.bench.ts
 * 2,000 agents in 50 queues (each agent in 2–3 queues, every strategy), 5,000 callers waiting.
 * `acd.decision_us`: an agent's call ends → the engine picks the best caller of all the agent's
 * queues and offers it (agent-centric decision), the common path under load. Goal p99 ≤ 1,000 µs.
 * `acd.enqueue_us`: a caller arrives while every agent is busy. `acd.route_idle_us`: a caller
 * arrives and the queue strategy picks one of many idle agents (call-centric decision).
 */
import { AcdEngine } from '../main/hub/acd/acd-engine';
import { seededRandom } from '../main/common/seeded-random';
import type { AcdDecision, QueueDefinition } from '../main/hub/acd/types';
import { AcdQueueConfig, QueueStrategy } from '../protocol/queue';
import { percentile, printFigure } from './bench-output';

const AGENTS = 2000;
const QUEUES = 50;
const WAITING = 5000;
const SAMPLES = 20_000;

const rand = seededRandom(2026);
let t = Date.UTC(2026, 10, 23, 2);
const strategies = QueueStrategy.options;

function build(): { engine: AcdEngine; queues: QueueDefinition[] } {
  const members: string[][] = Array.from({ length: QUEUES }, () => []);
  const agents = Array.from({ length: AGENTS }, (_, i) => {
    const id = `a${i}`;
    const n = 2 + Math.floor(rand() * 2);
    const mine = new Set<number>([i % QUEUES]);
    while (mine.size < n) mine.add(Math.floor(rand() * QUEUES));
    for (const q of mine) members[q]!.push(id);
    return { agentId: id, skills: { s: 1 + Math.floor(rand() * 10) } };
  });
  const queues: QueueDefinition[] = members.map((m, q) => ({
    name: `q${q}`,
    strategy: strategies[q % strategies.length]!,
    config: AcdQueueConfig.parse({ wrapUpS: 0, requiredSkills: strategies[q % strategies.length] === 'skills' ? [{ skill: 's', minLevel: 2 }] : [] }),
    members: m.map((agentId, i) => ({ agentId, penalty: i % 3 === 0 ? 1 : 0 })),
  }));
  const engine = new AcdEngine({ now: () => t, seed: 1, offerSetupMs: 0 });
  engine.configure(queues, agents);
  return { engine, queues };
}

function answerOffers(engine: AcdEngine, decisions: AcdDecision[], talking: string[]): void {
  for (const d of decisions) {
    if (d.type !== 'offer') continue;
    engine.answered(d.callId, d.agentIds[0]!);
    talking.push(d.callId);
  }
}

function us(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1000;
}

function figure(name: string, samples: number[], extra: Record<string, unknown> = {}): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const r = (v: number) => Math.round(v * 10) / 10;
  printFigure({ name, unit: 'us', p50: r(percentile(sorted, 50)), p99: r(percentile(sorted, 99)), max: r(sorted.at(-1)!), samples: samples.length, agents: AGENTS, queues: QUEUES, waiting: WAITING, ...extra });
}

// ---- agent-centric: busy branch, 5,000 waiting ----
{
  const { engine } = build();
  for (let i = 0; i < AGENTS; i++) {
    engine.login(`a${i}`);
    engine.setReady(`a${i}`);
  }
  const talking: string[] = [];
  let n = 0;
  const arrive = () => engine.enqueue({ callId: `c${++n}`, queue: `q${Math.floor(rand() * QUEUES)}`, priority: rand() < 0.1 ? 2 : 0 });
  while (talking.length < AGENTS - 10 || engine.callViews().length - talking.length < WAITING) {
    t += 10;
    answerOffers(engine, arrive(), talking);
    if (n > AGENTS * 4 + WAITING) break;
  }
  const decision: number[] = [];
  const enqueue: number[] = [];
  let offered = 0;
  for (let i = 0; i < SAMPLES + 1000; i++) {
    t += 50;
    const idx = Math.floor(rand() * talking.length);
    const callId = talking[idx]!;
    talking[idx] = talking.at(-1)!;
    talking.pop();
    let s = process.hrtime.bigint();
    const d = engine.callEnded(callId, 'agent');
    const dt = us(s);
    if (i >= 1000) decision.push(dt);
    offered += d.filter((x) => x.type === 'offer').length;
    answerOffers(engine, d, talking);
    s = process.hrtime.bigint();
    const e = arrive();
    if (i >= 1000) enqueue.push(us(s));
    answerOffers(engine, e, talking);
  }
  const waiting = engine.callViews().filter((c) => c.state === 'waiting').length;
  figure('acd.decision_us', decision, { offers: offered, waitingAtEnd: waiting, goalP99: 1000 });
  figure('acd.enqueue_us', enqueue, { waitingAtEnd: waiting });
}

// ---- call-centric: many idle agents, a caller arrives ----
{
  const { engine } = build();
  for (let i = 0; i < AGENTS; i++) {
    engine.login(`a${i}`);
    engine.setReady(`a${i}`);
  }
  const route: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    t += 50;
    const callId = `r${i}`;
    const s = process.hrtime.bigint();
    const d = engine.enqueue({ callId, queue: `q${i % QUEUES}` });
    route.push(us(s));
    for (const x of d) if (x.type === 'offer') for (const a of x.agentIds) engine.noAnswer(callId, a, 'rejected');
    engine.callEnded(callId);
    for (const x of d) if (x.type === 'offer') for (const a of x.agentIds) if (engine.agentView(a)?.presence !== 'READY') engine.setReady(a);
  }
  figure('acd.route_idle_us', route, { waiting: 0 });
}
