/**
 * Seat offline cache with 1,000,000 customers (BENCH_CUSTOMERS to change):
 * - seat.initial_sync_s: a fresh seat pulls every customer from a real hub over HTTP (paged
 *   snapshot into the worker-thread SQLite, indexes and FTS included). Goal <= 60 s.
 * - seat.phone_lookup_us: caller-ID lookup through the worker (what the screen pop waits for),
 *   numbers given with +86 / 0 prefixes. Goal p99 <= 1,000 us.
 * - seat.search_ms: Chinese name queries (1, 2 and 3+ characters) and substring queries through
 *   the worker. Goal p95 <= 20 ms.
 * The hub's synced set is bulk-loaded straight into its SQLite file first (the 300 demo customers
 * arrive through the normal import), so only the seat side is timed.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LoginResponse } from '../protocol/auth';
import { formatHlc } from '../protocol/sync';
import { silentLogger } from '../main/common/logger';
import { runMigrations } from '../main/common/sqlite/migrator';
import { openDatabase } from '../main/common/sqlite/open-database';
import { startHub } from '../main/hub/hub';
import { hubMigrations } from '../main/hub/store/migrations';
import { HubClient } from '../main/seat/hub-client';
import { SeatDb } from '../main/seat/store/seat-db';
import { SyncEngine } from '../main/seat/sync/sync-engine';
import { tempDataDir } from '../testing/spawn-branchline';
import { percentile, printFigure, summarize } from './bench-output';

const TOTAL = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高', '欧阳', '司马'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '建国', '桂兰', '志强', '海燕', '春梅', '晓东', '子涵', '雨轩', '浩然', '欣怡'];
const NOTES = ['', '', '', '客户偏好电话联系', '理财到期提醒', '信用卡分期咨询', '房贷提前还款意向', '对手续费有异议'];
const TAGS = ['代发工资', '理财客户', '老年客户', '房贷客户', '个体工商户'];

let seed = 20261123;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const mobileOf = (i: number) => `139${String(i).padStart(8, '0')}`;

function bulkLoadHub(dataDir: string, count: number): void {
  const db = openDatabase(join(dataDir, 'hub.sqlite'));
  runMigrations(db, hubMigrations, silentLogger());
  const insert = db.prepare("INSERT INTO sync_entities (kind, id, doc, meta, base_hlc, cursor) VALUES ('customer', ?, ?, '{}', ?, 0)");
  const hlc = formatHlc(Date.now() - 86_400_000, 0, 'hub');
  const chunk = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const doc = {
        name: pick(SURNAMES) + pick(GIVEN) + (rand() < 0.5 ? '' : pick(GIVEN)),
        tier: rand() < 0.05 ? 'GOLD' : 'NORMAL',
        phones: rand() < 0.2 ? [mobileOf(i), `010${String(i).padStart(8, '0')}`] : [mobileOf(i)],
        maskedCards: [`622848******${String(i % 10_000).padStart(4, '0')}`],
        maskedIdNumber: '1****************X',
        tags: rand() < 0.3 ? [pick(TAGS)] : [],
        notes: pick(NOTES),
        birthday: null,
        deleted: false,
      };
      insert.run(`b${String(i).padStart(7, '0')}`, JSON.stringify(doc), hlc);
    }
  });
  for (let i = 0; i < count; i += 50_000) chunk(i, Math.min(count, i + 50_000));
  db.close();
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const out = await fn();
  return [out, performance.now() - t];
}

const hubDir = tempDataDir('bl-bench-hub-');
const seatDir = tempDataDir('bl-bench-seat-');
const bulk = Math.max(0, TOTAL - 300);
let t0 = performance.now();
bulkLoadHub(hubDir, bulk);
process.stderr.write(`hub loaded with ${bulk} customers in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
const hub = await startHub({ dataDir: hubDir, demo: true, http: { host: '127.0.0.1', port: 0 }, logger: silentLogger() });
const db = await SeatDb.open({ file: join(seatDir, 'seat.sqlite'), logger: silentLogger() });
try {
  const client = new HubClient(hub.url, 120_000);
  const { token } = await client.request({ method: 'POST', path: '/api/auth/login', body: { username: '1001', password: 'pass1001' }, response: LoginResponse });
  const engine = new SyncEngine({ db, hub: client, token: () => token, logger: silentLogger(), snapshotPageSize: 5000 });
  let lastReport = 0;
  engine.onProgress((p) => {
    if (p.items - lastReport >= 100_000) {
      lastReport = p.items;
      process.stderr.write(`  ${p.items} items, ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    }
  });
  t0 = performance.now();
  const [stats, syncMs] = await timed(() => engine.syncOnce());
  printFigure({ name: 'seat.initial_sync_s', value: Math.round(syncMs / 100) / 10, customers: stats.snapshotItems, pages: stats.snapshotPages, goal: 60 });

  // Phone lookups through the worker, mixed prefixes, hits and misses.
  const lookups: number[] = [];
  for (let n = 0; n < 3000; n++) {
    const i = Math.floor(rand() * bulk);
    const raw = [mobileOf(i), `+86 ${mobileOf(i)}`, `0${mobileOf(i)}`, `0086${mobileOf(i)}`][n % 4]!;
    const [found, ms] = await timed(() => db.call('customersByPhone', n % 10 === 9 ? '13700000000' : raw));
    if (n % 10 !== 9 && found.length !== 1) throw new Error(`lookup of ${raw} found ${found.length}`);
    lookups.push(ms * 1000);
  }
  const sortedLookups = [...lookups].sort((a, b) => a - b);
  printFigure({ name: 'seat.phone_lookup_us', p99: Math.round(percentile(sortedLookups, 99)), ...summarize(lookups), goal: 1000 });

  // Name queries: 2-character full names, 3-character names, a surname, a given-name character,
  // and substrings of notes/tags (3+ characters: trigram FTS).
  const queries = {
    name: () => [pick(SURNAMES) + pick(GIVEN.filter((g) => g.length === 1)), pick(SURNAMES) + pick(GIVEN.filter((g) => g.length === 2)), pick(SURNAMES)],
    substring: () => [pick(GIVEN.filter((g) => g.length === 1)), pick(['建国', '海燕', '秀英']), pick(['分期咨询', '手续费', '理财到期', '老年客户', '阳建国', '马春梅'])],
  };
  for (const [kind, make] of Object.entries(queries)) {
    const samples: number[] = [];
    let hits = 0;
    for (let n = 0; n < 300; n++) {
      for (const q of make()) {
        const [rows, ms] = await timed(() => db.call('searchCustomers', q, 50));
        hits += rows.length;
        samples.push(ms);
      }
    }
    printFigure({ name: 'seat.search_ms', query: kind, ...summarize(samples), meanHits: Math.round(hits / samples.length), goal: 20 });
  }
} finally {
  await db.close();
  await hub.close();
  rmSync(hubDir, { recursive: true, force: true });
  rmSync(seatDir, { recursive: true, force: true });
}
