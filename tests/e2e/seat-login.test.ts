/**
 * End to end: `branchline start --demo` on random ports, the real UI in Debian Chromium:
 * the login page in Chinese, agent 1001 logs in, goes ready and back to not ready with a reason,
 * switches the language, and a screenshot is saved.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../testing/chromium';
import { spawnBranchline } from '../../testing/spawn-branchline';
import type { RunningBranchline } from '../../testing/spawn-branchline';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');

describe('seat web mode in Chromium', () => {
  let app: RunningBranchline;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [app, browser] = await Promise.all([
      spawnBranchline(['start', '--demo', '--web', '127.0.0.1:0', '--http', '127.0.0.1:0']),
      launchChromium(),
    ]);
    page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
  });

  afterAll(async () => {
    await browser?.close();
    expect(await app?.stop()).toBe(0);
  });

  it('prints a ready line with the seat URL and the embedded hub', () => {
    expect(app.ready.role).toBe('start');
    expect(String(app.ready.url)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(String(app.ready.hub)).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('shows the login page in Chinese', async () => {
    await page.goto(String(app.ready.url));
    await expect.poll(() => page.getByTestId('login-title').textContent()).toBe('坐席登录');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  });

  it('refuses a wrong password with a clear message and keeps serving', async () => {
    await page.getByTestId('login-username').fill('1001');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('工号或密码错误');
  });

  it('logs agent 1001 in and shows the workstation with its state', async () => {
    await page.getByTestId('login-password').fill('pass1001');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('workstation').waitFor();
    expect(await page.getByTestId('current-user').textContent()).toContain('1001');
    await expect.poll(() => page.getByTestId('agent-presence').getAttribute('data-presence')).toBe('NOT_READY');
    await expect.poll(() => page.getByTestId('hub-link').getAttribute('data-state')).toBe('online');
  });

  it('registers the softphone to the hub over SIP-over-WebSocket with per-login credentials', async () => {
    await expect.poll(() => page.getByTestId('softphone-registration').getAttribute('data-state'), { timeout: 10_000 }).toBe('registered');
    expect(await page.getByTestId('softphone-answer').isDisabled()).toBe(true);
  });

  it('switches to ready and back to not ready with a reason', async () => {
    await page.getByTestId('presence-ready').click();
    await expect.poll(() => page.getByTestId('agent-presence').getAttribute('data-presence')).toBe('READY');
    expect(await page.getByTestId('agent-presence').textContent()).toContain('就绪');
    await page.getByTestId('presence-not-ready').click();
    await page.getByTestId('reason-BREAK').click();
    await expect.poll(() => page.getByTestId('agent-presence').getAttribute('data-presence')).toBe('NOT_READY');
    expect(await page.getByTestId('agent-presence').textContent()).toContain('小休');
  });

  it('switches the language to English and saves a screenshot', async () => {
    await page.getByTestId('language-switch').getByText('English').click();
    await expect.poll(() => page.getByTestId('agent-presence').textContent()).toContain('Not ready');
    expect(await page.getByTestId('agent-presence').textContent()).toContain('Break');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'workstation-en.png') });
  });

  it('remembers the language choice for the next page load', async () => {
    await page.reload();
    await expect.poll(() => page.getByTestId('login-title').textContent()).toBe('Agent login');
  });
});
