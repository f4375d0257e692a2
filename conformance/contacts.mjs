// Contact lists through the SDK: import from a local file, poll until ready, analyse, list, delete.
import assert from 'node:assert/strict';
import { byId, check, data, expect, need, rejects, shape, shapeAll } from './lib.mjs';

const spec = (text) => Object.fromEntries(text.trim().split(/\s+/).map((f) => f.split(':')));
const LIST = spec('id:id name:str brand_id:id? brand_name:str? org_id:id org_name:str created_at:ts');
const DETAIL = spec('list_id:id name:str brand_id:id? organization_id:id? imported_via_api:bool created_at:ts import:obj analysis:obj');
const IMPORT = spec(`status:str progress:int total_rows:int? total_contacts:int? clean_contacts:int? duplicate_count:int?
  bad_number_count:int? opted_out_count:int? processing_started_at:ts? processing_completed_at:ts?`);
const ANALYSIS = spec('status:str analyzed_numbers:int');
const BREAKDOWN = spec('mobile:int landline:int voip:int invalid:int');

// Four numbers, one repeated, one not a number, quoted fields with a comma and a line break.
export const VOTERS = 'First Name,Last Name,Cell,Precinct\r\n'
  + 'Ann,Lee,(202) 555-0143,"12, North"\r\n'
  + 'Bob,Ray,+1 202.555.0144,"7\r\nSouth"\r\n'
  + 'Cy,Doe,2025550143,3\r\n'
  + 'Di,Fox,call me,4\r\n'
  + 'Ed,Gay,1-301-555-0160,5\r\n'
  + 'Flo,Hu,415 555 0177,6\r\n';

async function settled(c, id, section) {
  for (let i = 0; i < 600; i++) {
    const list = data(await c.getContactList(id), 'getContactList');
    const status = list[section]?.status;
    if (!['processing', 'uploading'].includes(status)) return list;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the list's ${section} did not finish within a minute`);
}

export async function contactListChecks({ root, eastClient, S, files, RUN }) {
  const lists = {};
  await check('importContactList: 202 with list_id, status processing, imported_via_api', async () => {
    need('eastBrand');
    const accepted = data(await root.importContactList({
      source_url: files.url('/voters.csv'), list_name: `Ward 3 ${RUN}`, phone_column: 'cell', brand_id: S.eastBrand.id,
      merge_tags: { first_name: 'First Name', last_name: 'Last Name',
        custom_fields: [{ csv_column: 'Precinct', merge_tag: 'precinct' }] },
    }), 'importContactList');
    shape(accepted, spec('list_id:id name:str status:str total_rows:int? imported_via_api:bool'), 'importContactList');
    expect(accepted, { status: 'processing', imported_via_api: true, name: `Ward 3 ${RUN}` }, 'importContactList');
    lists.voters = accepted.list_id;
    return accepted.list_id;
  });
  await check('getContactList: the import ends ready with every row accounted for', async () => {
    assert.ok(lists.voters, 'not checked: the import was not accepted');
    const list = shape(await settled(root, lists.voters, 'import'), DETAIL, 'getContactList');
    shape(list.import, IMPORT, 'getContactList.import');
    expect(list, { list_id: lists.voters, brand_id: S.eastBrand.id, organization_id: S.east.id, imported_via_api: true }, 'list');
    expect(list.import, { status: 'ready', progress: 100, total_rows: 6, total_contacts: 5, clean_contacts: 4,
      duplicate_count: 1, bad_number_count: 1, opted_out_count: 0 }, 'import');
    shape(list.analysis, ANALYSIS, 'getContactList.analysis');
    expect(list.analysis, { status: 'not_started', analyzed_numbers: 0 }, 'analysis');
    assert.ok(!('breakdown' in list.analysis), 'a breakdown before any number was analysed');
    return `${list.import.clean_contacts} contacts of ${list.import.total_rows} rows`;
  });
  await check('listContactLists: the list, by brand and by organization; East key sees it', async () => {
    assert.ok(lists.voters, 'not checked: the import was not accepted');
    const all = shapeAll(data(await root.listContactLists(), 'listContactLists'), LIST, 'listContactLists');
    expect(byId(all, lists.voters), { brand_id: S.eastBrand.id, brand_name: 'East Victory Fund', org_id: S.east.id,
      org_name: 'Regional Office East', name: `Ward 3 ${RUN}` }, 'list');
    byId(data(await root.listContactLists({ organization_id: S.east.id, brand_id: S.eastBrand.id }), 'filtered'), lists.voters);
    byId(data(await eastClient().listContactLists(), 'East'), lists.voters);
    return `${all.length} lists`;
  });
  await check('analyzeContactList: 202, then complete with a breakdown of every number', async () => {
    assert.ok(lists.voters, 'not checked: the import was not accepted');
    const started = data(await root.analyzeContactList(lists.voters), 'analyzeContactList');
    expect(started, { list_id: lists.voters }, 'analyzeContactList');
    shape(started.analysis, spec('status:str numbers_queued:int estimated_completion_seconds:int'), 'analyzeContactList.analysis');
    expect(started.analysis, { status: 'processing', numbers_queued: 4 }, 'analysis');
    const list = await settled(root, lists.voters, 'analysis');
    expect(list.analysis, { status: 'complete', analyzed_numbers: 4 }, 'analysis');
    const b = shape(list.analysis.breakdown, BREAKDOWN, 'analysis.breakdown');
    assert.equal(b.mobile + b.landline + b.voip + b.invalid, 4, `breakdown ${JSON.stringify(b)} does not add up to 4`);
    return JSON.stringify(b);
  });
  await check('importContactList of a URL that answers 404: the list fails with a reason', async () => {
    const accepted = data(await root.importContactList({ source_url: files.url('/missing.csv'),
      list_name: `Missing ${RUN}`, phone_column: 'phone' }), 'importContactList');
    const list = await settled(root, accepted.list_id, 'import');
    expect(list.import, { status: 'failed' }, 'import');
    lists.failed = accepted.list_id;
    return list.import.error ?? '(no error text)';
  });
  await check('contact-list errors: 400 VALIDATION_ERROR, 404 NOT_FOUND, East cannot read a root list', async () => {
    await rejects(() => root.importContactList({ source_url: 'ftp://example.org/a.csv', list_name: 'x', phone_column: 'p' }),
      400, 'VALIDATION_ERROR');
    await rejects(() => root.getContactList('cl_missing'), 404, 'NOT_FOUND');
    assert.ok(lists.failed, 'not checked: no root list');
    await rejects(() => eastClient().getContactList(lists.failed), 404, 'NOT_FOUND');
    return 'refused';
  });
  await check('deleteContactList: deleted, then 404', async () => {
    assert.ok(lists.failed, 'not checked: no list to delete');
    const deleted = data(await root.deleteContactList(lists.failed), 'deleteContactList');
    expect(deleted, { list_id: lists.failed, name: `Missing ${RUN}`, deleted: true }, 'deleteContactList');
    await rejects(() => root.getContactList(lists.failed), 404, 'NOT_FOUND');
    return 'deleted';
  });
}
