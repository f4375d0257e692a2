// Broadcast projects through the SDK, end to end against the server's built-in carrier simulator:
// import a list, create a project, test it, schedule it, wait until it is completed, read its stats.
import assert from 'node:assert/strict';
import { check, data, expect, need, rejects, shape } from './lib.mjs';

const spec = (text) => Object.fromEntries(text.trim().split(/\s+/).map((f) => f.split(':')));
const CREATED = spec('project_id:id name:str type:str status:str channel:str created_via_api:bool estimated_cost_cents:int total_recipients:int completeness:obj');
const DETAIL = spec(`project_id:id organization_id:id channel:str brand_id:id? campaign_id:id? phone_number_ids:ids name:str
  status:str type:str protocol:str message_text:str? contact_list_ids:ids suppression_list_ids:ids media_ids:arr media_urls:arr
  link_tracking_enabled:bool opt_out_footer_enabled:bool total_recipients:int estimated_cost_cents:int scheduled_at:ts?
  scheduled_timezone:str? pause_reason:str? daily_cap_bypass:bool created_at:ts updated_at:ts`);
const STATS = spec('project_id:id status:str as_of:ts metrics:obj test:obj');
const METRICS = spec('sent:int delivered:int undeliverable:int clicks_total:int clicks_unique:int replies:int opt_outs:int');

async function until(read, done, what) {
  for (let i = 0; i < 600; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not happen within a minute`);
}

export async function projectChecks({ root, S, files, RUN }) {
  const p = {};
  await check('importContactList for a project: ready', async () => {
    need('east');
    const accepted = data(await root.importContactList({ source_url: files.url('/voters.csv'),
      list_name: `Project list ${RUN}`, phone_column: 'cell', organization_id: S.east.id,
      merge_tags: { first_name: 'First Name' } }), 'importContactList');
    const list = await until(async () => data(await root.getContactList(accepted.list_id), 'getContactList'),
      (l) => l.import?.status !== 'processing', 'the import');
    expect(list.import, { status: 'ready', clean_contacts: 4 }, 'import');
    p.list = accepted.list_id;
    return p.list;
  });
  await check('createProject: 201 draft with the audience and cost', async () => {
    need('east', 'eastBrand', 'eastGotv', 'eastPn1');
    assert.ok(p.list, 'not checked: no list');
    const created = data(await root.createProject({ organization_id: S.east.id, brand_id: S.eastBrand.id,
      campaign_id: S.eastGotv.id, phone_number_ids: [S.eastPn1.id], name: `GOTV ${RUN}`, protocol: 'sms',
      message_text: 'Hi {first_name|neighbor}, polls are open until 8pm.', contact_list_ids: [p.list] }), 'createProject');
    shape(created, CREATED, 'createProject');
    expect(created, { status: 'draft', type: 'broadcast', channel: '10dlc', total_recipients: 4, created_via_api: true }, 'created');
    assert.ok(created.estimated_cost_cents > 0, `estimated_cost_cents ${created.estimated_cost_cents}`);
    p.id = created.project_id;
    return `${created.total_recipients} recipients, ${created.estimated_cost_cents} cents`;
  });
  await check('getProject and listProjects: the draft as created', async () => {
    assert.ok(p.id, 'not checked: no project');
    const detail = shape(data(await root.getProject(p.id), 'getProject'), DETAIL, 'getProject');
    expect(detail, { project_id: p.id, status: 'draft', contact_list_ids: [p.list], media_ids: [] }, 'project');
    const listed = data(await root.listProjects({ organization_id: S.east.id }), 'listProjects');
    assert.ok(listed.some((x) => x.id === p.id), 'listProjects does not list it');
    return detail.message_text;
  });
  await check('testProject: 202, masked number, awaiting_test', async () => {
    assert.ok(p.id, 'not checked: no project');
    const tested = data(await root.testProject(p.id, { test_contacts: [{ phone: '+12025550143',
      merge_values: { first_name: 'Tester' } }] }), 'testProject');
    expect(tested, { project_id: p.id, status: 'awaiting_test' }, 'testProject');
    assert.equal(tested.test_messages.length, 1);
    assert.equal(tested.test_messages[0].sent_to, '+1202****143');
    return tested.test_messages[0].test_message_id;
  });
  await check('scheduleProject now: sending, then completed', async () => {
    assert.ok(p.id, 'not checked: no project');
    const scheduled = data(await root.scheduleProject(p.id, { scheduled_at: new Date().toISOString(),
      scheduled_timezone: 'America/New_York' }), 'scheduleProject');
    expect(scheduled, { project_id: p.id, scheduled_timezone: 'America/New_York', daily_cap_bypass: false }, 'schedule');
    const done = await until(async () => data(await root.getProject(p.id), 'getProject'),
      (d) => d.status === 'completed', 'completion');
    return done.status;
  });
  await check('getProjectStats: every recipient sent, receipts counted, the test apart', async () => {
    assert.ok(p.id, 'not checked: no project');
    const stats = await until(async () => data(await root.getProjectStats(p.id), 'getProjectStats'),
      (s) => s.metrics.delivered + s.metrics.undeliverable === 4, 'four receipts');
    shape(stats, STATS, 'getProjectStats');
    shape(stats.metrics, METRICS, 'metrics');
    expect(stats.metrics, { sent: 4 }, 'metrics');
    expect(stats, { status: 'completed' }, 'stats');
    return JSON.stringify(stats.metrics);
  });
  await check('project refusals: unknown merge tag 400, a completed project cannot be changed, 404', async () => {
    need('east', 'eastBrand', 'eastGotv', 'eastPn1');
    assert.ok(p.list, 'not checked: no list');
    await rejects(() => root.createProject({ organization_id: S.east.id, brand_id: S.eastBrand.id,
      campaign_id: S.eastGotv.id, phone_number_ids: [S.eastPn1.id], name: 'x', protocol: 'sms',
      message_text: 'Hi {nickname}', contact_list_ids: [p.list] }), 400, 'VALIDATION_ERROR');
    assert.ok(p.id, 'not checked: no project');
    await rejects(() => root.updateProject(p.id, { name: 'late' }), 409, 'CONFLICT');
    await rejects(() => root.getProject('prj_missing'), 404, 'NOT_FOUND');
    const copy = data(await root.copyProject(p.id), 'copyProject');
    expect(copy, { status: 'draft', name: `GOTV ${RUN}_v2` }, 'copy');
    return 'refused';
  });
}
