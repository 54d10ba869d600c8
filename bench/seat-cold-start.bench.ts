/**
 * seat.cold_start_ms: from spawning `branchline start --demo` to the login page rendered in
 * Chromium (web mode; the browser is already running, as an agent's would be). Measured on an
 * already seeded data folder (an agent's daily start) and, separately, the very first start that
 * also seeds the demo branch.
 */
import { rmSync } from 'node:fs';
import { launchChromium } from '../testing/chromium';
import { spawnBranchline, tempDataDir } from '../testing/spawn-branchline';
import { printFigure, summarize } from './bench-output';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

async function coldStart(dataDir: string, browser: Awaited<ReturnType<typeof launchChromium>>): Promise<number> {
  const started = performance.now();
  const app = await spawnBranchline(['start', '--demo', '--web', '127.0.0.1:0', '--http', '127.0.0.1:0', '--data', dataDir]);
  const page = await browser.newPage();
  try {
    await page.goto(String(app.ready.url));
    await page.getByTestId('login-title').waitFor({ state: 'visible' });
    return performance.now() - started;
  } finally {
    await page.close();
    await app.stop();
  }
}

const browser = await launchChromium();
try {
  const firstDir = tempDataDir('bl-bench-first-');
  const first = await coldStart(firstDir, browser);
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(await coldStart(firstDir, browser));
  rmSync(firstDir, { recursive: true, force: true });
  printFigure({ name: 'seat.cold_start_ms', unit: 'ms', ...summarize(samples), runs: RUNS, goal: '<=3000', met: summarize(samples).p50 <= 3000, first_run_with_seeding_ms: Math.round(first) });
} finally {
  await browser.close();
}
