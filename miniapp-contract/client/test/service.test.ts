// The kit against the real service jar (demo data, embedded MariaDB, WeChat simulator): the demo coach scans
// the badges of the demo 欢唱团 at a session starting now, online, offline across a restart, and with the network
// dropping in the middle of a batch; the demo volunteer's keyed care record survives a lost answer.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApiError, NetworkError, ScanQueue, createClient } from '../src';
import { startService, type Running } from './processes';
import { wxShim } from './wx-shim';

let service: Running;
let sessionId: string;
let badges: string[];
let troupeId: string;

const isBatch = (o: { url: string }) => o.url.includes('/attendance/batch');

before(async () => {
  service = await startService(Number(process.env.KIT_PORT ?? 18191));
  const coach = createClient({ baseUrl: service.baseUrl, wx: wxShim('coach').wx });
  const admin = createClient({ baseUrl: service.baseUrl, wx: wxShim('district_admin').wx });
  // The district admin prints the badges; the coach plans a session starting in ten minutes and scans at it.
  const troupes = await admin.get('/api/v1/admin/troupes', { query: { kind: 'SINGING' } });
  troupeId = troupes.items[0].id;
  badges = (await admin.get('/api/v1/admin/troupes/{id}/badges', { path: { id: troupeId } })).items.map((b) => b.token);
  assert.equal(badges.length, 6);
  const created = await coach.post('/api/v1/troupes/{id}/sessions', {
    path: { id: troupeId },
    body: { kind: 'TRAINING', title: '套件测试训练', startsAt: new Date(Date.now() + 10 * 60_000).toISOString(), classHours: 1, place: '学校音乐教室' },
  });
  sessionId = created.items[0].id;
});

after(async () => {
  await service?.stop();
});

async function present(): Promise<string[]> {
  const coach = createClient({ baseUrl: service.baseUrl, wx: wxShim('coach').wx });
  const rows = await coach.get('/api/v1/sessions/{id}/attendance', { path: { id: sessionId } });
  return rows.items.filter((r) => r.status === 'PRESENT').map((r) => r.childId);
}

test('logs in on first use, and again once when the session is gone', async () => {
  const shim = wxShim('coach');
  const client = createClient({ baseUrl: service.baseUrl, wx: shim.wx });
  const me = await client.get('/api/v1/me');
  assert.ok(me.roles.includes('COACH'));
  shim.wx.setStorageSync('yuhao.token', 'x'.repeat(43)); // revoked, expired or idle: the server answers 401
  await client.get('/api/v1/me');
  const logins = shim.requests.filter((r) => r.url.endsWith('/auth/wechat-login'));
  assert.equal(logins.length, 2);
});

test('a refused request is a typed ApiError with the Chinese detail, and nothing is queued', async () => {
  const shim = wxShim('coach');
  const queue = new ScanQueue(createClient({ baseUrl: service.baseUrl, wx: shim.wx }), shim.wx);
  await assert.rejects(queue.scan(sessionId, 'not-a-badge'), (e: unknown) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.status, 409);
    assert.equal(e.code, 'BADGE_UNKNOWN');
    assert.match(e.detail, /[\u4e00-\u9fa5]/);
    return true;
  });
  assert.deepEqual(queue.pending(), []);
});

test('scans made offline survive a restart and are sent as one batch when the network is back', async () => {
  const storage = new Map<string, string>();
  const first = wxShim('coach', storage);
  const live = await new ScanQueue(createClient({ baseUrl: service.baseUrl, wx: first.wx }), first.wx).scan(sessionId, badges[0]);
  assert.equal(live.queued, false);
  first.setOnline(false);
  const killed = new ScanQueue(createClient({ baseUrl: service.baseUrl, wx: first.wx }), first.wx);
  assert.equal((await killed.scan(sessionId, badges[1])).queued, true);
  assert.equal((await killed.scan(sessionId, badges[2])).queued, true);

  // The mini-program is killed; a new one starts with the same storage and the network back.
  const second = wxShim('coach', storage);
  const queue = new ScanQueue(createClient({ baseUrl: service.baseUrl, wx: second.wx }), second.wx);
  assert.equal(queue.pending().length, 2);
  const results = await queue.flush();
  assert.deepEqual(results.map((r) => r.result), ['RECORDED', 'RECORDED']);
  assert.equal(queue.pending().length, 0);
  assert.equal(second.requests.filter(isBatch).length, 1);
});

test('the network drops in the middle of a batch: nothing lost, nothing doubled, each clientScanId sent until answered', async () => {
  const shim = wxShim('coach');
  const queue = new ScanQueue(createClient({ baseUrl: service.baseUrl, wx: shim.wx }), shim.wx);
  shim.setOnline(false);
  for (let i = 0; i < 150; i++) await queue.scan(sessionId, badges[i % badges.length]);
  const ids = queue.pending().map((q) => q.scan.clientScanId);
  assert.equal(new Set(ids).size, 150);
  shim.setOnline(true);
  // The second batch reaches the server, which records it, but its answer is lost.
  let batches = 0;
  shim.faults.push({ kind: 'drop-answer', match: (o) => isBatch(o) && ++batches === 2 });
  await assert.rejects(queue.flush(), NetworkError);
  assert.deepEqual(queue.pending().map((q) => q.scan.clientScanId), ids.slice(100));
  const resent = await queue.flush();
  assert.deepEqual(resent.map((r) => r.clientScanId), ids.slice(100));
  assert.ok(resent.every((r) => r.result === 'ALREADY_RECORDED'));
  assert.equal(queue.pending().length, 0);
  const sent = shim.requests.filter(isBatch).flatMap((r) => JSON.parse(r.data!).scans.map((s: { clientScanId: string }) => s.clientScanId));
  assert.deepEqual(sent, [...ids, ...ids.slice(100)]);
  assert.deepEqual((await present()).sort(), [...new Set(await present())].sort());
  assert.equal((await present()).length, 6);
});

test('a keyed POST whose answer was lost is retried with the same Idempotency-Key and done once', async () => {
  const shim = wxShim('volunteer');
  const volunteer = createClient({ baseUrl: service.baseUrl, wx: shim.wx, backoffMs: 10 });
  const pairingId = (await volunteer.get('/api/v1/volunteers/me/pairings')).items[0].id;
  const summary = `套件测试：电话关心小明，${Date.now()}。`;
  shim.faults.push({ kind: 'drop-answer', match: (o) => o.method === 'POST' && o.url.endsWith('/care-records') });
  const record = await volunteer.post('/api/v1/pairings/{id}/care-records', {
    path: { id: pairingId },
    body: { kind: 'CONTACT_CHILD', occurredAt: new Date(Date.now() - 3_600_000).toISOString(), way: 'PHONE', summary },
  });
  const posts = shim.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/care-records'));
  assert.equal(posts.length, 2);
  assert.equal(posts[0].header['Idempotency-Key'], posts[1].header['Idempotency-Key']);
  const list = await volunteer.get('/api/v1/pairings/{id}/care-records', { path: { id: pairingId }, query: { limit: '100' } });
  assert.equal(list.items.filter((r) => r.summary === summary).length, 1);
  assert.equal(list.items.find((r) => r.summary === summary)?.id, record.id);
});

test('503 BUSY and 429 are waited out as Retry-After says; a live scan answered BUSY is queued', async () => {
  const shim = wxShim('coach');
  const waits: number[] = [];
  const client = createClient({ baseUrl: service.baseUrl, wx: shim.wx, sleep: async (ms) => void waits.push(ms) });
  const busy = { type: 'urn:yuhao:problem:BUSY', title: '服务繁忙，请稍后重试', status: 503, detail: '服务繁忙，请稍后重试', code: 'BUSY', fields: [] };
  const limited = { ...busy, type: 'urn:yuhao:problem:RATE_LIMITED', status: 429, code: 'RATE_LIMITED', title: '操作过于频繁', detail: '操作过于频繁' };
  const json = { 'Content-Type': 'application/problem+json' };
  shim.faults.push({ kind: 'answer', match: (o) => o.url.endsWith('/api/v1/me'), status: 503, header: { ...json, 'Retry-After': '2' }, body: busy });
  shim.faults.push({ kind: 'answer', match: (o) => o.url.endsWith('/api/v1/me'), status: 429, header: json, body: limited });
  await client.get('/api/v1/me');
  assert.deepEqual(waits, [2000, 1000]);

  const queue = new ScanQueue(client, shim.wx);
  shim.faults.push({ kind: 'answer', match: (o) => o.url.endsWith('/attendance'), status: 503, header: { ...json, 'Retry-After': '1' }, body: busy });
  const outcome = await queue.scan(sessionId, badges[0]);
  assert.equal(outcome.queued, true);
  const [result] = await queue.flush();
  assert.equal(result.result, 'ALREADY_RECORDED');
});
