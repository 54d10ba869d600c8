/**
 * ACD settings of the demo branch (README "Demo branch"): per-queue routing configuration and
 * agent skills. Idempotent and additive, so it runs on every demo start, also on data dirs
 * seeded before the ACD existed: a queue whose config an administrator already set (non-empty
 * JSON) keeps it, and an agent who already has skills keeps them.
 */
import type { AcdQueueConfig } from '../../../protocol/queue';
import type { HubStore } from '../store/hub-store';

type ConfigInput = Partial<AcdQueueConfig>;

export const DEMO_QUEUE_CONFIGS: Readonly<Record<string, ConfigInput>> = {
  个人业务: { ringTimeoutS: 15, wrapUpS: 15, maxWaitS: 300, overflow: { maxWait: { kind: 'voicemail' } }, serviceLevelS: 20, stickyDays: 7, maxNoAnswer: 2 },
  信用卡: {
    ringTimeoutS: 15,
    wrapUpS: 20,
    maxLength: 10,
    maxWaitS: 240,
    overflow: { maxLength: { kind: 'queue', queue: '个人业务' }, maxWait: { kind: 'callback' } },
    maxNoAnswer: 1,
  },
  投诉: {
    ringTimeoutS: 20,
    wrapUpS: 60,
    maxWaitS: 180,
    requiredSkills: [{ skill: 'complaint', minLevel: 5 }],
    overflow: { maxWait: { kind: 'callback' }, noAgents: { kind: 'voicemail' } },
  },
  VIP: {
    ringTimeoutS: 20,
    wrapUpS: 30,
    maxWaitS: 60,
    serviceLevelS: 10,
    stickyDays: 30,
    stickyMaxWaitS: 30,
    maxNoAnswer: 0,
    overflow: { maxWait: { kind: 'queue', queue: '个人业务' } },
  },
};

/** Skill name → level 1–10 per demo extension (1006–1008 serve both 个人业务 and 信用卡). */
export const DEMO_SKILLS: Readonly<Record<string, Record<string, number>>> = (() => {
  const skills: Record<string, Record<string, number>> = {};
  const add = (ext: string, skill: string, level: number) => void (skills[ext] = { ...skills[ext], [skill]: level });
  for (let i = 0; i < 10; i++) add(String(1001 + i), 'personal', 5 + (i % 4));
  ['1006', '1007', '1008', '1011', '1012', '1013', '1014', '1015'].forEach((ext, i) => add(ext, 'credit-card', 4 + (i % 5)));
  add('1016', 'complaint', 6);
  add('1017', 'complaint', 7);
  add('1017', 'cantonese', 5);
  add('1018', 'complaint', 9);
  add('1001', 'vip', 8);
  add('1002', 'vip', 7);
  add('1019', 'vip', 7);
  add('1020', 'vip', 6);
  add('1020', 'english', 6);
  add('8000', 'complaint', 10);
  add('8000', 'vip', 10);
  return skills;
})();

export function seedDemoAcd(store: HubStore): { queuesConfigured: number; agentsWithSkills: number } {
  let queuesConfigured = 0;
  let agentsWithSkills = 0;
  store.transaction(() => {
    for (const q of store.acd.listQueues()) {
      const config = DEMO_QUEUE_CONFIGS[q.name];
      const empty = !q.config || (typeof q.config === 'object' && Object.keys(q.config).length === 0);
      if (config && empty) {
        store.acd.setQueueConfig(q.name, q.strategy, config);
        queuesConfigured++;
      }
    }
    const haveSkills = new Set(store.acd.listSkills().map((s) => s.extension));
    for (const [extension, skills] of Object.entries(DEMO_SKILLS)) {
      const user = store.users.listAgents().find((u) => u.extension === extension);
      if (!user || haveSkills.has(extension)) continue;
      store.acd.setSkills(user.id, Object.entries(skills).map(([skill, level]) => ({ skill, level })));
      agentsWithSkills++;
    }
  });
  return { queuesConfigured, agentsWithSkills };
}
