// The kit against a mock made from the contract alone (Prism, answering the contract's examples): what a page
// built before the server exists would see, including the coach's queue losing a batch's answer.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'yaml';
import { NetworkError, ScanQueue, createClient } from '../src';
import { startPrism, type Running } from './processes';
import { wxShim } from './wx-shim';

const contract = parse(readFileSync(join(__dirname, '..', '..', 'openapi.yaml'), 'utf8'));
const example = (path: string, method: string, status: string) =>
  contract.paths[path][method].responses[status].content['application/json'].example;
let mock: Running;

before(async () => {
  mock = await startPrism(Number(process.env.KIT_MOCK_PORT ?? 18192));
});

after(async () => {
  await mock?.stop();
});

test('logs in with wx.login and reads typed data: the contract\'s own examples', async () => {
  const shim = wxShim('coach');
  const client = createClient({ baseUrl: mock.baseUrl, wx: shim.wx });
  const me = await client.get('/api/v1/me');
  assert.deepEqual(me, example('/api/v1/me', 'get', '200'));
  assert.equal(shim.wx.getStorageSync('yuhao.token'), example('/api/v1/auth/wechat-login', 'post', '200').token);
  const dictionaries = await client.get('/api/v1/dictionaries');
  assert.ok(Object.keys(dictionaries).length > 0);
});

test('the scan queue against the mock: a batch whose answer is lost is sent again, nothing else twice', async () => {
  const shim = wxShim('coach');
  const queue = new ScanQueue(createClient({ baseUrl: mock.baseUrl, wx: shim.wx }), shim.wx);
  shim.setOnline(false);
  for (let i = 0; i < 120; i++) await queue.scan('912508260154740734', `badge-${i}`);
  const ids = queue.pending().map((q) => q.scan.clientScanId);
  shim.setOnline(true);
  let batches = 0;
  shim.faults.push({ kind: 'drop-answer', match: (o) => o.url.endsWith('/attendance/batch') && ++batches === 2 });
  await assert.rejects(queue.flush(), NetworkError);
  assert.equal(queue.pending().length, 20);
  await queue.flush();
  assert.equal(queue.pending().length, 0);
  const sent = shim.requests
    .filter((r) => r.url.endsWith('/attendance/batch'))
    .map((r) => JSON.parse(r.data!).scans.map((s: { clientScanId: string }) => s.clientScanId));
  assert.deepEqual(sent, [ids.slice(0, 100), ids.slice(100), ids.slice(100)]);
});
