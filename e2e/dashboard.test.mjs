// The web dashboard in a real browser: starts the service jar with demo data (embedded MariaDB, WeChat simulator),
// logs the page in through the scan-to-login ticket (the admin's confirmation sent through the API, as the
// mini-program would), checks the figures on screen equal the API's, and saves a 1920×1080 screenshot.
// Run: (cd e2e && npm ci && npm test) after `mvn -B -DskipTests package`. Needs /usr/bin/chromium (Debian).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.E2E_PORT || 18190);
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'yuhao-e2e-'));
let service;
let browser;

async function api(method, path, token, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(base + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

before(async () => {
  service = spawn('java', ['-jar', join(root, 'api/target/yuhao-care-api.jar'), 'serve', '--demo'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      if ((await fetch(base + '/ready')).ok) break;
    } catch (e) { /* not listening yet */ }
    assert.ok(Date.now() < deadline, 'the service did not become ready in 3 minutes');
    await new Promise((r) => setTimeout(r, 500));
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  if (service) {
    service.kill('SIGTERM');
    await new Promise((r) => service.once('exit', r));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const fmt = (n) => Number(n).toLocaleString('zh-CN');
const pct = (x) => (x === null ? '—' : (x * 100).toFixed(1) + '%');

test('an admin logs the big screen in by scanning, and it shows the API\'s figures', async () => {
  const admin = (await api('POST', '/api/v1/auth/wechat-login', null, { code: 'admin' })).token;
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(base + '/dashboard/');

  // The login screen: a 小程序码 carrying the ticket; nothing of the data yet.
  const qr = page.locator('#qr[data-ticket]');
  await qr.waitFor();
  assert.equal(await page.locator('#board').isHidden(), true);
  const ticket = await qr.getAttribute('data-ticket');
  assert.match(ticket, /^[A-Za-z0-9_-]{22}$/);

  // The admin scans and confirms in the mini-program; the page's next poll logs it in.
  await api('POST', `/api/v1/auth/web-tickets/${ticket}/confirm`, admin);
  await page.locator('#board').waitFor({ state: 'visible', timeout: 15_000 });
  await page.waitForFunction(() => document.getElementById('kpi-paired').textContent.length > 0);
  // The ticket is spent: confirming it again is refused.
  const again = await fetch(`${base}/api/v1/auth/web-tickets/${ticket}/confirm`,
    { method: 'POST', headers: { Authorization: `Bearer ${admin}` } });
  assert.equal(again.status, 409);

  const d = await api('GET', '/api/v1/admin/dashboard', admin);
  const t = d.total;
  const text = async (id) => (await page.locator('#' + id).textContent()).trim();
  assert.equal(await text('kpi-paired'), `${fmt(t.children.needingPairing)} · ${fmt(t.children.paired)}`);
  assert.equal(await text('kpi-paired-share'), `结对率 ${pct(t.children.pairedShare)}`);
  assert.equal(await text('kpi-volunteers'), `${fmt(t.volunteers.admitted)} · ${fmt(t.volunteers.active30Days)}`);
  const contact = t.care.currentPeriods.find((p) => p.item === 'CONTACT_CHILD');
  assert.equal(await text('kpi-contact'), pct(contact.share));
  assert.equal(await text('kpi-reports'), `${fmt(t.reports.filed)} · ${fmt(t.reports.overdueAcknowledgements)}`);
  assert.equal(await text('kpi-points'),
    `${fmt(t.points.issued)} · ${fmt(t.points.redeemed)} · ${fmt(t.points.outstanding)}`);
  assert.equal(await text('scope'), `全市 ${d.districts.length} 个区县`);
  const urgentRows = await page.locator('#urgent tbody tr').count();
  assert.equal(urgentRows, Math.max(1, d.urgentReports.length));

  // The charts hold the same numbers: one tile per district, one bar per 6+1 item, one point per week.
  const charts = await page.evaluate(() => {
    const option = (id) => echarts.getInstanceByDom(document.getElementById(id)).getOption();
    return {
      tiles: option('grid').series.flatMap((x) => x.data).map((x) => [x.name, x.noData ? null : x.value[2]]),
      items: option('items').series[0].data,
      weeks: option('trend').series[0].data,
    };
  });
  const paired = (f) => (f.children.pairedShare === null ? null : Math.round(f.children.pairedShare * 1000) / 10);
  assert.deepEqual(charts.tiles.sort(), d.districts.map((f) => [f.districtName, paired(f)]).sort());
  assert.deepEqual(charts.items, t.care.currentPeriods.map((i) => (i.share === null ? 0 : Math.round(i.share * 1000) / 10)));
  assert.deepEqual(charts.weeks, d.trend.map((w) => w.careRecords));

  // The surveys panel shows the demo's singing-troupe survey as the API answers it.
  const surveys = await api('GET', '/api/v1/admin/surveys?limit=3', admin);
  const singing = surveys.items.find((s) => s.title === '欢唱团参与儿童满意度调查');
  const results = await api('GET', `/api/v1/admin/surveys/${singing.id}/results`, admin);
  await page.waitForFunction(() => document.querySelectorAll('#surveys tbody tr').length === 3);
  const row = page.locator('#surveys tbody tr', { hasText: '欢唱团参与儿童满意度调查' });
  assert.equal((await row.locator('td').nth(2).textContent()).trim(), fmt(results.total.responses));
  assert.equal((await row.locator('td').nth(3).textContent()).trim(), results.total.questions[0].mean.toFixed(2));
  // Beside it, last year's round of the same survey.
  assert.equal((await row.locator('td').nth(4).textContent()).trim(), results.previous.total.questions[0].mean.toFixed(2));

  mkdirSync(join(root, 'e2e/target'), { recursive: true });
  await page.screenshot({ path: join(root, 'e2e/target/dashboard.png') });
  assert.deepEqual(errors, [], 'no script errors on the page');

  // Logging out ends the session: the page is back at a fresh code, and the token no longer reads anything.
  const token = await page.evaluate(() => sessionStorage.getItem('dashboardToken'));
  await page.locator('#logout').click();
  await page.waitForFunction((old) => (document.getElementById('qr').dataset.ticket || old) !== old, ticket);
  assert.equal(await page.locator('#board').isHidden(), true);
  const after = await fetch(`${base}/api/v1/admin/dashboard`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(after.status, 401);
});
