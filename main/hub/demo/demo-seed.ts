/**
 * Seeds the documented demo branch (README "Demo branch") into an empty hub store: staff with
 * scrypt-hashed passwords, ~300 customers with Chinese names, phones, cards and tiers, the knowledge
 * base and queues (with ACD settings, demo-acd.ts). Running it on a seeded store only adds ACD
 * settings that are missing.
 */
import type { CustomerTier } from '../../../protocol/customer';
import type { Logger } from '../../common/logger';
import { hashPassword } from '../auth/password-hasher';
import type { HubStore } from '../store/hub-store';
import type { NewCustomer } from '../store/types';
import { seedDemoAcd } from './demo-acd';
import { DEMO_CUSTOMER_MOBILES, DEMO_KNOWLEDGE, DEMO_QUEUES, DEMO_USERS } from './demo-data';
import { digits, pick, seededRandom, withIdCheck, withLuhn } from './demo-random';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高', '欧阳', '司马', '诸葛', '上官'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '建国', '桂兰', '志强', '海燕', '春梅', '晓东', '子涵', '雨轩', '浩然', '欣怡', '一鸣', '思远'];
const REGIONS = ['110101', '310104', '440305', '320102', '330106', '510107', '420106', '610113'];
const DEBIT_BINS = ['622848', '621700', '622202', '621226'];
const CREDIT_BINS = ['622588', '625907', '436742'];
const TAGS = ['代发工资', '理财客户', '老年客户', '房贷客户', '个体工商户', '新开户', '休眠账户'];
export const DEMO_CUSTOMER_COUNT = 300;

function tierFor(r: number): CustomerTier {
  if (r < 0.04) return 'DIAMOND';
  if (r < 0.12) return 'PLATINUM';
  if (r < 0.3) return 'GOLD';
  return 'NORMAL';
}

export function demoCustomers(count = DEMO_CUSTOMER_COUNT): NewCustomer[] {
  const rand = seededRandom(20261123);
  const customers: NewCustomer[] = [];
  for (let i = 0; i < count; i++) {
    const year = 1950 + Math.floor(rand() * 55);
    const month = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
    const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
    const mobile = DEMO_CUSTOMER_MOBILES[i] ?? `1${pick(rand, ['3', '5', '8'])}${digits(rand, 9)}`;
    const phones = [mobile];
    if (rand() < 0.2) phones.push(`0${pick(rand, ['10', '21', '755', '25'])}${digits(rand, 8)}`);
    const accounts: NewCustomer['accounts'] = [
      { kind: 'debit', cardNumber: withLuhn(pick(rand, DEBIT_BINS) + digits(rand, 12)), balanceCents: Math.floor(rand() * 50_000_000) },
    ];
    if (rand() < 0.4) accounts.push({ kind: 'credit', cardNumber: withLuhn(pick(rand, CREDIT_BINS) + digits(rand, 9)), balanceCents: -Math.floor(rand() * 3_000_000) });
    customers.push({
      name: pick(rand, SURNAMES) + pick(rand, GIVEN) + (rand() < 0.5 ? '' : pick(rand, GIVEN)).slice(0, 1),
      tier: i === 0 ? 'DIAMOND' : tierFor(rand()),
      idNumber: withIdCheck(`${pick(rand, REGIONS)}${year}${month}${day}${digits(rand, 3)}`),
      birthday: `${year}-${month}-${day}`,
      tags: rand() < 0.5 ? [pick(rand, TAGS)] : [],
      phones,
      accounts,
    });
  }
  return customers;
}

export async function seedDemo(store: HubStore, logger: Logger, now = Date.now()): Promise<boolean> {
  if (store.users.count() > 0) {
    seedDemoAcd(store); // data dirs seeded before the ACD get its settings; idempotent
    return false;
  }
  const hashes = await Promise.all(DEMO_USERS.map((u) => hashPassword(u.password)));
  store.transaction(() => {
    const ids = new Map<string, number>();
    DEMO_USERS.forEach((u, i) => {
      const id = store.users.create({ username: u.username, displayName: u.displayName, role: u.role, extension: u.extension, passwordHash: hashes[i]! }, now);
      if (u.extension) ids.set(u.extension, id);
    });
    for (const c of demoCustomers()) store.customers.create(c, now);
    for (const a of DEMO_KNOWLEDGE) store.knowledge.create(a, now);
    for (const q of DEMO_QUEUES) {
      const queueId = store.queues.create({ name: q.name, strategy: q.strategy });
      q.members.forEach((ext) => store.queues.addMember(queueId, ids.get(ext)!, 0));
    }
  });
  seedDemoAcd(store);
  logger.info({ users: DEMO_USERS.length, customers: store.customers.count() }, 'demo branch seeded');
  return true;
}
