// 渝好关爱 web dashboard (大屏): scan-to-login, then GET /api/v1/admin/dashboard every minute.
'use strict';

const API = '/api/v1';
const REFRESH_MS = 60_000;
// Survey results are read (and audited) every ten minutes, not on every refresh.
const SURVEYS_MS = 600_000;
const POLL_MS = 2_000;
const LABELS = {
  NEGLECT: '监护缺失', ABUSE_VIOLENCE: '暴力伤害', SEXUAL_ABUSE: '性侵害', SELF_HARM: '自伤自杀风险', DROPOUT: '辍学',
  OTHER: '其他', URGENT: '紧急', HIGH: '高', REPORTED: '待受理', ACKNOWLEDGED: '已受理', REFERRED: '已转介',
};
const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem('dashboardToken');
let refreshTimer = null;
let pollTimer = null;
let last = null;
let surveysAt = 0;
const charts = {};

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = !message;
}

async function call(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (token) headers.Authorization = 'Bearer ' + token;
  const response = await fetch(API + path, Object.assign({}, options, { headers }));
  const body = response.status === 204 ? null : await response.json();
  if (!response.ok) {
    const error = new Error((body && body.detail) || ('请求失败：' + response.status));
    error.status = response.status;
    throw error;
  }
  return body;
}

// ---- scan-to-login ----------------------------------------------------------------------------------------

async function showLogin() {
  clearInterval(refreshTimer);
  clearTimeout(pollTimer);
  token = null;
  sessionStorage.removeItem('dashboardToken');
  $('board').hidden = true;
  $('logout').hidden = true;
  $('login').hidden = false;
  try {
    const ticket = await call('/auth/web-tickets', { method: 'POST' });
    $('qr').src = 'data:image/png;base64,' + ticket.qrCodePng;
    $('qr').dataset.ticket = ticket.ticket;
    $('login-status').textContent = '二维码 2 分钟内有效';
    showError('');
    poll(ticket);
  } catch (e) {
    $('login-status').textContent = '获取二维码失败，10 秒后重试';
    pollTimer = setTimeout(showLogin, 10_000);
  }
}

async function poll(ticket) {
  try {
    const state = await call('/auth/web-tickets/' + encodeURIComponent(ticket.ticket),
      { headers: { 'X-Poll-Secret': ticket.pollSecret } });
    if (state.status === 'LOGGED_IN') {
      token = state.token;
      sessionStorage.setItem('dashboardToken', token);
      $('login').hidden = true;
      await startBoard();
      return;
    }
    if (state.status !== 'PENDING') {
      showLogin(); // expired (or taken): a fresh code
      return;
    }
  } catch (e) {
    // a network hiccup: keep polling until the ticket expires
  }
  pollTimer = setTimeout(() => poll(ticket), POLL_MS);
}

$('logout').addEventListener('click', async () => {
  try { await call('/auth/logout', { method: 'POST' }); } catch (e) { /* the session ends either way */ }
  showLogin();
});

// ---- the board --------------------------------------------------------------------------------------------

async function startBoard() {
  if (!(await load())) return;
  $('board').hidden = false;
  $('logout').hidden = false;
  Object.values(charts).forEach((c) => c.resize());
  clearInterval(refreshTimer);
  refreshTimer = setInterval(load, REFRESH_MS);
}

async function load() {
  try {
    const [me, d] = await Promise.all([call('/me'), call('/admin/dashboard')]);
    last = d;
    render(d, me);
    showError('');
    await loadSurveys();
    return true;
  } catch (e) {
    if (e.status === 401 || e.status === 403) {
      showLogin();
    } else {
      showError('数据刷新失败，将在一分钟后重试：' + e.message);
    }
    return false;
  }
}

const fmt = (n) => (n === null || n === undefined ? '—' : Number(n).toLocaleString('zh-CN'));
const pct = (x) => (x === null || x === undefined ? '—' : (x * 100).toFixed(1) + '%');
const set = (id, text) => { $(id).textContent = text; };

function render(d, me) {
  const t = d.total;
  set('scope', d.districts.length === 1 ? d.districts[0].districtName : '全市 ' + d.districts.length + ' 个区县');
  set('window', '统计区间 ' + d.from + ' 至 ' + d.to);
  set('as-of', '更新于 ' + new Date(d.asOf).toLocaleTimeString('zh-CN', { hour12: false }));
  $('logout').title = '当前登录：' + (me.roles || []).join('、');
  set('kpi-paired', fmt(t.children.needingPairing) + ' · ' + fmt(t.children.paired));
  set('kpi-paired-share', '结对率 ' + pct(t.children.pairedShare));
  set('kpi-unpaired-long', fmt(t.children.unpairedOver14Days));
  set('kpi-consent', '待监护人同意 ' + fmt(t.children.consentPending));
  set('kpi-volunteers', fmt(t.volunteers.admitted) + ' · ' + fmt(t.volunteers.active30Days));
  set('kpi-active', '待审核申请 ' + fmt(t.volunteers.applicants));
  // Source tags (党员, 巾帼志愿者, …) that any admitted volunteer carries.
  set('kpi-training', '岗前培训覆盖 ' + pct(d.training.share) + '（' + fmt(d.training.trained) + ' 人）');
  set('kpi-tags', d.volunteerTags.filter((x) => x.volunteers > 0).map((x) => x.label + ' ' + fmt(x.volunteers)).join(' · '));
  const contact = t.care.currentPeriods.find((p) => p.item === 'CONTACT_CHILD');
  set('kpi-contact', pct(contact.share));
  set('kpi-no-contact', '两周以上未联系 ' + fmt(t.care.noContact14Days));
  set('kpi-reports', fmt(t.reports.filed) + ' · ' + fmt(t.reports.overdueAcknowledgements));
  set('kpi-overdue', '结案中位时长 ' + (t.reports.medianHoursToClose === null ? '—' : t.reports.medianHoursToClose + ' 小时'));
  set('kpi-hours', fmt(t.troupes.classHours) + ' · ' + pct(t.troupes.attendanceRate));
  set('kpi-attendance', '年度目标 ' + fmt(t.troupes.classHoursAnnualTarget) + ' 课时');
  set('kpi-points', fmt(t.points.issued) + ' · ' + fmt(t.points.redeemed) + ' · ' + fmt(t.points.outstanding));
  set('kpi-outstanding', '已过期 ' + fmt(t.points.expired));
  renderGrid(d);
  renderTrend(d);
  renderItems(t);
  renderUrgent(d);
}

function chart(id) {
  if (!charts[id]) charts[id] = echarts.init($(id), null, { renderer: 'canvas' });
  return charts[id];
}

const METRICS = {
  paired: { name: '结对率', value: (f) => f.children.pairedShare },
  contact: { name: '本周联系完成率', value: (f) => f.care.currentPeriods.find((p) => p.item === 'CONTACT_CHILD').share },
  hours: { name: '课时完成率', value: (f) => (f.troupes.classHoursAnnualTarget ? f.troupes.classHours / f.troupes.classHoursAnnualTarget : null) },
};

// The 41 districts as a tile grid (7 columns, in code order), coloured by the chosen figure; grey where nothing
// is owed yet (no data), which is a second series the colour scale does not touch.
function renderGrid(d) {
  const metric = METRICS[$('metric').value];
  const cols = 7;
  const tiles = d.districts.map((f, i) => {
    const v = metric.value(f);
    return { value: [i % cols, Math.floor(i / cols), v === null ? 0 : Math.round(v * 1000) / 10], name: f.districtName,
      noData: v === null };
  });
  const label = { show: true, color: '#fff', fontSize: 13,
    formatter: (p) => p.data.name + '\n' + (p.data.noData ? '—' : p.data.value[2] + '%') };
  const itemStyle = { borderColor: '#0b1a33', borderWidth: 3 };
  const rows = Math.ceil(d.districts.length / cols);
  chart('grid').setOption({
    tooltip: { formatter: (p) => p.data.name + '：' + (p.data.noData ? '无数据' : p.data.value[2] + '%') },
    grid: { left: 4, right: 4, top: 4, bottom: 44 },
    xAxis: { type: 'category', data: [...Array(cols).keys()], show: false },
    yAxis: { type: 'category', data: [...Array(rows).keys()], show: false, inverse: true },
    visualMap: { seriesIndex: 0, min: 0, max: 100, calculable: true, orient: 'horizontal', left: 'center', bottom: 0,
      text: ['100%', metric.name + ' 0%'], textStyle: { color: '#c7d3e6' },
      inRange: { color: ['#7a1f1f', '#c9a227', '#1f8f5f'] } },
    series: [
      { type: 'heatmap', data: tiles.filter((t) => !t.noData), label, itemStyle },
      { type: 'heatmap', data: tiles.filter((t) => t.noData), label,
        itemStyle: Object.assign({ color: '#24406b' }, itemStyle) },
    ],
  }, true);
}
$('metric').addEventListener('change', () => last && renderGrid(last));

function renderTrend(d) {
  const weeks = d.trend.map((w) => w.week.slice(5));
  chart('trend').setOption({
    tooltip: { trigger: 'axis' },
    legend: { textStyle: { color: '#c7d3e6' } },
    grid: { left: 48, right: 48, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: weeks, axisLabel: { color: '#9fb4d6' } },
    yAxis: [{ type: 'value', axisLabel: { color: '#9fb4d6' }, splitLine: { lineStyle: { color: '#1f3b69' } } },
      { type: 'value', axisLabel: { color: '#9fb4d6' }, splitLine: { show: false } }],
    series: [
      { name: '关爱记录', type: 'line', smooth: true, data: d.trend.map((w) => w.careRecords) },
      { name: '团员出勤', type: 'line', smooth: true, data: d.trend.map((w) => w.attendancePresent) },
      { name: '新结对', type: 'bar', yAxisIndex: 1, data: d.trend.map((w) => w.pairingsStarted) },
      { name: '强制报告', type: 'bar', yAxisIndex: 1, data: d.trend.map((w) => w.reportsFiled) },
    ],
  }, true);
}

function renderItems(t) {
  const items = t.care.currentPeriods;
  chart('items').setOption({
    tooltip: { formatter: (p) => items[p.dataIndex].label + '（' + items[p.dataIndex].period + '）：'
      + items[p.dataIndex].done + ' / ' + items[p.dataIndex].owed },
    grid: { left: 120, right: 40, top: 8, bottom: 24 },
    xAxis: { type: 'value', max: 100, axisLabel: { color: '#9fb4d6', formatter: '{value}%' }, splitLine: { lineStyle: { color: '#1f3b69' } } },
    yAxis: { type: 'category', inverse: true, data: items.map((i) => i.label), axisLabel: { color: '#c7d3e6', fontSize: 14 } },
    series: [{ type: 'bar', data: items.map((i) => (i.share === null ? 0 : Math.round(i.share * 1000) / 10)),
      label: { show: true, position: 'right', color: '#c7d3e6', formatter: '{c}%' }, itemStyle: { color: '#3aa0ff' } }],
  }, true);
}

function renderUrgent(d) {
  const body = $('urgent').querySelector('tbody');
  body.replaceChildren(...d.urgentReports.map((r) => {
    const tr = document.createElement('tr');
    if (r.overdue) tr.className = 'overdue';
    [r.districtName, LABELS[r.category] || r.category, LABELS[r.severity], LABELS[r.status] + (r.overdue ? '（超时）' : ''),
      new Date(r.createdAt).toLocaleString('zh-CN', { hour12: false }),
      new Date(r.ackDueAt).toLocaleString('zh-CN', { hour12: false })].forEach((text) => {
      const td = document.createElement('td');
      td.textContent = text;
      tr.appendChild(td);
    });
    return tr;
  }));
  if (!d.urgentReports.length) {
    const tr = document.createElement('tr');
    tr.innerHTML = '<td colspan="6">暂无未结紧急报告</td>';
    body.appendChild(tr);
  }
}

async function loadSurveys() {
  if (Date.now() - surveysAt < SURVEYS_MS) return;
  const list = await call('/admin/surveys?limit=3');
  const rows = await Promise.all(list.items.map(async (s) => [s, await call('/admin/surveys/' + s.id + '/results')]));
  surveysAt = Date.now();
  renderSurveys(rows);
}

const SURVEY_STATUS = { NOT_OPEN: '未开始', OPEN: '答题中', CLOSED: '已截止' };

// The mean of the survey's first rating question in a group, or null when hidden or unanswered; an earlier
// round is compared by the same question id.
function meanOf(group, rating) {
  if (!rating || group.suppressed) return null;
  const q = group.questions.find((x) => x.questionId === rating.id);
  return q && q.mean !== null ? q.mean : null;
}

function renderSurveys(rows) {
  const body = $('surveys').querySelector('tbody');
  body.replaceChildren(...rows.map(([s, r]) => {
    const rating = s.questions.find((q) => q.kind === 'RATING');
    const result = meanOf(r.total, rating);
    const previous = r.previous ? meanOf(r.previous.total, rating) : null;
    const tr = document.createElement('tr');
    [s.title, SURVEY_STATUS[s.status],
      r.total.suppressed ? '不足 ' + r.minGroupSize + ' 份' : fmt(r.total.responses),
      result !== null ? result.toFixed(2) : '—',
      previous !== null ? previous.toFixed(2) : '—'].forEach((text) => {
      const td = document.createElement('td');
      td.textContent = text;
      tr.appendChild(td);
    });
    return tr;
  }));
  if (!rows.length) {
    const tr = document.createElement('tr');
    tr.innerHTML = '<td colspan="5">暂无问卷</td>';
    body.appendChild(tr);
  }
}

window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
if (token) { startBoard(); } else { showLogin(); }
