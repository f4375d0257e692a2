// Conformance of a Civicast server with the published reference client @political-comms/sdk.
// Seeds an organization tree through Civicast's write API (plain fetch: the SDK has no write
// methods for these), then reads it back through the unchanged SDK and checks every answer
// against the SDK's types (field names, types, nullability) and against the seeded data.
//
//   CIVICAST_URL=https://localhost:8443 CIVICAST_KEY=pc_live_… node conformance.mjs
//
// The key needs the read, write and admin scopes. Everything created goes under its organization.
import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
// It wraps globalThis.fetch when loaded, so every answer of the run is recorded for the last check.
import { checkAnswers, compileAll, lint, loadDocument } from './openapi.mjs';
import { PoliticalCommsClient } from '@political-comms/sdk';
import { S, TYPES, byId, check, data, expect, has, need, rejects, same, shape, shapeAll, summary, walk } from './lib.mjs';
import { VOTERS, contactListChecks } from './contacts.mjs';
import { projectChecks } from './projects.mjs';
import { PIXEL, mediaChecks } from './media.mjs';
import { serveFiles } from './files.mjs';

const BASE = (process.env.CIVICAST_URL ?? '').replace(/\/+$/, '');
const KEY = process.env.CIVICAST_KEY ?? '';
if (!BASE || !KEY) {
  console.error('Set CIVICAST_URL (https://host:port, without /v1) and CIVICAST_KEY (a pc_live_ key with admin scope).');
  process.exit(2);
}
const RUN = randomBytes(4).toString('hex'); // keeps unique values unique when re-run against one server

// ---------------------------------------------------------------- the OpenAPI document
let DOC;
await check('OpenAPI document: Redocly lint (redocly.yaml) finds no problem', async () => {
  DOC = await loadDocument(BASE);
  return lint(DOC);
});
await check('OpenAPI document: every schema and pattern compiles (Ajv, JSON Schema 2020-12, ECMA-262)', async () => {
  if (!DOC) throw new Error('not checked: the document could not be fetched');
  return compileAll(DOC);
});

// ---------------------------------------------------------------- the SDK's types
// The SDK's types (dist/index.d.ts) as "field:type"; a trailing '?' means "| null". Every
// documented field must be present: Civicast writes nulls out rather than leaving fields away.
const spec = (text) => Object.fromEntries(text.trim().split(/\s+/).map((f) => f.split(':')));
const ORGANIZATION = spec('id:id display_name:str parent_org_name:str? status:str created_at:ts');
const H_NODE = spec(`id:id name:str parentId:id? status:str contactEmail:str? contactFirstName:str?
  contactLastName:str? createdAt:ts updatedAt:ts brands:arr childOrganizations:arr`);
const H_BRAND = spec('id:id name:str status:str organizationId:id createdAt:ts updatedAt:ts campaigns:arr');
const H_CAMPAIGN = spec('id:id name:str status:str createdAt:ts updatedAt:ts');
const BRAND = spec('id:id brand_name:str org_id:id org_name:str tcr_brand_id:str? status:str identity_status:str? created_at:ts');
const CAMPAIGN = spec('id:id name:str brand_id:id brand_name:str org_id:id org_name:str campaign_status:str created_at:ts');
const OWNED_DOMAIN = spec('id:id domain:str source:str status:str verified_at:ts? created_at:ts');
const INHERITED_DOMAIN = spec('id:id domain:str source:str');
const PHONE_NUMBER = spec(`id:id number:str channel:str owner_type:str campaign_id:id? campaign_name:str?
  brand_id:id? brand_name:str? toll_free_verification_id:id? tf_verification_status:str?
  toll_free_registration_name:str? toll_free_business_name:str? org_id:id org_name:str status:str
  created_at:ts shared:bool nickname:str?`);
const TFV = spec(`id:id name:str status:str verification_request_id:str? org_id:id org_name:str
  business_name:str? use_case:str? phone_number_count:int submitted_at:ts? verified_at:ts? created_at:ts`);
const TFV_DETAIL = { ...TFV, ...spec('phone_number_ids:ids rejection_reason:str? updated_at:ts') };
// Civicast's own GET /v1/campaigns/{id}/throughput, which the SDK does not know.
const THROUGHPUT = spec('campaign_id:id brand_id:id carrier_metered:bool t_mobile:obj? att:obj?');
const T_MOBILE = spec('daily_cap:int used_today:int? remaining_today:int? pacific_day:date');
const ATT = spec('sms_tpm:int? mms_tpm:int?');

// ---------------------------------------------------------------- seeding through the write API
async function api(method, path, body) {
  const res = await fetch(`${BASE}/v1${path}`, {
    method,
    headers: { 'X-API-Key': KEY, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, json, text };
}
async function create(path, body) {
  const { status, json, text } = await api('POST', path, body);
  assert.equal(status, 201, `POST ${path} answered ${status}: ${text.slice(0, 300)}`);
  assert.equal(json?.success, true, `POST ${path}: success is not true`);
  assert.ok(TYPES.id(json.data?.id ?? json.data?.phone_number_id), `POST ${path}: no id in ${text.slice(0, 200)}`);
  return json.data;
}
async function seed(name, deps, fn) {
  await check(`seed ${name}`, async () => {
    need(...deps);
    S[name] = await fn();
    return S[name].id;
  });
}
// A fictional 555-01xx number (or a short code) not yet on the server: numbers are unique server-wide.
async function createNumber(channel, area, fields) {
  for (let attempt = 1; ; attempt++) {
    const number = channel === 'short-code' ? `${randomInt(20000, 99999)}` : `+1${area}55501${String(randomInt(100)).padStart(2, '0')}`;
    const { status, json, text } = await api('POST', '/phone-numbers', { number, channel, ...fields });
    if (status === 409 && attempt < 20) continue;
    assert.equal(status, 201, `POST /phone-numbers ${number} answered ${status}: ${text.slice(0, 300)}`);
    assert.equal(json.data.number, number, `number stored as ${json.data.number}, sent ${number}`);
    return json.data;
  }
}
const tcr = (tag) => `CONF${RUN}${tag}`.toUpperCase();
const org = (name) => ({ organization_id: S[name].id });

await seed('east', [], () => create('/organizations', { display_name: 'Regional Office East' }));
S.rootId = S.east?.parent_id;
await seed('metro', ['east'], () => create('/organizations', { display_name: 'East Metro', parent_id: S.east.id }));
await seed('west', [], () => create('/organizations', { display_name: 'Regional Office West' }));
await seed('eastKey', ['east'], () => create('/api-keys', { name: `conformance ${RUN}`, ...org('east'), scopes: ['read', 'write'] }));

await seed('rootBrand', [], () => create('/brands', { brand_name: 'Conformance Root PAC', entity_type: 'NON_PROFIT',
  ein: '12-3456789', vertical: 'POLITICAL', tcr_brand_id: tcr('R'), status: 'active', identity_status: 'VERIFIED', vetting_score: 80 }));
await seed('eastBrand', ['east'], () => create('/brands', { brand_name: 'East Victory Fund', ...org('east'),
  tcr_brand_id: tcr('E'), status: 'active', identity_status: 'VETTED_VERIFIED', vetting_score: 60, notes: 'conformance' }));
await seed('cvBrand', ['east'], () => create('/brands', { brand_name: 'East Committee (CV)', ...org('east'),
  vertical: 'POLITICAL', vetting_score: 90, campaign_verify_token: `cv${RUN}${randomBytes(16).toString('hex')}` }));
await seed('metroBrand', ['metro'], () => create('/brands', { brand_name: 'Metro Neighbors', ...org('metro') }));
await seed('westBrand', ['west'], () => create('/brands', { brand_name: 'West Forward', ...org('west'), status: 'active' }));

const campaign = (brand, name, useCase, extra = {}) => create('/campaigns', { brand_id: S[brand].id, name, use_case: useCase, ...extra });
await seed('eastGotv', ['eastBrand'], () => campaign('eastBrand', 'East GOTV', 'POLITICAL', { tcr_campaign_id: tcr('C1'), campaign_status: 'active' }));
await seed('eastFund', ['eastBrand'], () => campaign('eastBrand', 'East Fundraising', 'MIXED',
  { tmobile_daily_cap: 12345, att_sms_tpm: 100, att_mms_tpm: 50, notes: 'granted terms' }));
await seed('cvCamp', ['cvBrand'], () => campaign('cvBrand', 'East CV Outreach', 'POLITICAL'));
await seed('metroCamp', ['metroBrand'], () => campaign('metroBrand', 'Metro Canvass', 'LOW_VOLUME'));
await seed('rootCamp', ['rootBrand'], () => campaign('rootBrand', 'HQ Alerts', 'POLITICAL'));
await seed('westCamp', ['westBrand'], () => campaign('westBrand', 'West Turnout', 'POLITICAL'));

await seed('eastTfv', ['east'], () => create('/toll-free-verifications', { name: 'East Toll-Free', ...org('east'),
  business_name: 'East Victory Fund', use_case: 'Political', status: 'In Progress' }));
await seed('eastDraftTfv', ['east'], () => create('/toll-free-verifications', { name: 'East Draft', ...org('east') }));
await seed('westTfv', ['west'], () => create('/toll-free-verifications', { name: 'West Toll-Free', ...org('west'),
  status: 'Rejected', rejection_reason: 'Opt-in evidence missing' }));

await seed('eastPn1', ['east', 'eastGotv'], () => createNumber('10dlc', '202', { ...org('east'), campaign_id: S.eastGotv.id }));
await seed('eastPn2', ['east', 'eastFund'], () => createNumber('10dlc', '212', { ...org('east'), campaign_id: S.eastFund.id }));
await seed('eastTfPn', ['east', 'eastTfv'], () => createNumber('toll-free', '888', { ...org('east'), toll_free_verification_id: S.eastTfv.id }));
await seed('eastFreePn', ['east'], () => createNumber('10dlc', '312', org('east')));
await seed('metroPn', ['metro', 'metroCamp'], () => createNumber('10dlc', '415', { ...org('metro'), campaign_id: S.metroCamp.id }));
await seed('rootPn', ['rootCamp'], () => createNumber('10dlc', '617', { campaign_id: S.rootCamp.id }));
await seed('rootShortCode', [], () => createNumber('short-code', '', {}));
await seed('westPn', ['west'], () => createNumber('10dlc', '503', org('west')));
await seed('share', ['rootPn', 'east'], async () => ({
  id: (await create(`/phone-numbers/${S.rootPn.id}/shares`, { ...org('east'), nickname: 'HQ line' })).phone_number_id }));

const domain = (name, fields) => create('/tracking-domains', { domain: `${name}-${RUN}.example.org`, ...fields });
await seed('rootDomain', [], () => domain('links', { shared_with_descendants: true, status: 'active' }));
await seed('eastDomain', ['east'], () => domain('east', { ...org('east'), status: 'active' }));
await seed('eastPendingDomain', ['east'], () => domain('pending', { ...org('east'), status: 'pending' }));
await seed('westDomain', ['west'], () => domain('west', { ...org('west'), status: 'active', shared_with_descendants: true }));

// ---------------------------------------------------------------- the SDK, unchanged
const client = (apiKey) => new PoliticalCommsClient({ apiKey, baseUrl: `${BASE}/v1`, maxRetries: 0 });
const root = client(KEY);
const east = S.eastKey?.key ? client(S.eastKey.key) : undefined;
const eastClient = () => { need('eastKey'); assert.ok(east, 'POST /api-keys gave no secret in data.key'); return east; };

await check('listOrganizations: root key sees the seeded tree', async () => {
  need('east', 'metro', 'west');
  const orgs = shapeAll(data(await root.listOrganizations(), 'organizations'), ORGANIZATION, 'organizations');
  has(orgs, [S.rootId, S.east.id, S.metro.id, S.west.id], 'organizations');
  expect(byId(orgs, S.east.id), { display_name: 'Regional Office East', parent_org_name: byId(orgs, S.rootId).display_name }, 'East');
  expect(byId(orgs, S.metro.id), { display_name: 'East Metro', parent_org_name: 'Regional Office East', status: 'active' }, 'Metro');
  return `${orgs.length} organizations`;
});
await check('listOrganizations: East key sees only East and its descendants', async () => {
  const orgs = shapeAll(data(await eastClient().listOrganizations(), 'organizations'), ORGANIZATION, 'organizations');
  return same(orgs, [S.east.id, S.metro.id], 'organizations');
});

function hierarchyNode(node, where) {
  shape(node, H_NODE, where);
  for (const snake of ['display_name', 'parent_id', 'created_at', 'updated_at', 'child_organizations']) {
    assert.ok(!(snake in node), `${where} has snake_case ${snake}; the hierarchy is camelCase`);
  }
  node.brands.forEach((b, i) => {
    shape(b, H_BRAND, `${where}.brands[${i}]`);
    assert.equal(b.organizationId, node.id, `${where}.brands[${i}].organizationId is not its node's id`);
    b.campaigns.forEach((c, j) => shape(c, H_CAMPAIGN, `${where}.brands[${i}].campaigns[${j}]`));
  });
  node.childOrganizations.forEach((c, i) => {
    hierarchyNode(c, `${where}.childOrganizations[${i}]`);
    assert.equal(c.parentId, node.id, `${where}.childOrganizations[${i}].parentId is not its parent's id`);
  });
  return node;
}
await check('getHierarchy: whole tree, camelCase, nested children, brands with campaigns', async () => {
  need('east', 'metro', 'west', 'eastBrand', 'cvBrand', 'eastGotv', 'eastFund', 'metroBrand', 'metroCamp');
  const top = hierarchyNode(data(await root.getHierarchy(), 'hierarchy'), 'hierarchy');
  expect(top, { id: S.rootId, parentId: null }, 'top');
  has(top.childOrganizations, [S.east.id, S.west.id], 'root.childOrganizations');
  const eastNode = byId(top.childOrganizations, S.east.id);
  expect(eastNode, { name: 'Regional Office East', parentId: S.rootId, status: 'active' }, 'East');
  same(eastNode.childOrganizations, [S.metro.id], 'East.childOrganizations');
  same(eastNode.brands, [S.eastBrand.id, S.cvBrand.id], 'East.brands');
  const brand = byId(eastNode.brands, S.eastBrand.id);
  expect(brand, { name: 'East Victory Fund', status: 'active' }, 'East Victory Fund');
  same(brand.campaigns, [S.eastGotv.id, S.eastFund.id], 'East Victory Fund.campaigns');
  expect(byId(brand.campaigns, S.eastGotv.id), { name: 'East GOTV', status: 'active' }, 'East GOTV');
  const metroNode = byId(eastNode.childOrganizations, S.metro.id);
  expect(metroNode, { childOrganizations: [] }, 'Metro');
  same(metroNode.brands, [S.metroBrand.id], 'Metro.brands');
  return same(metroNode.brands[0].campaigns, [S.metroCamp.id], 'Metro Neighbors.campaigns');
});
await check('getHierarchy({organizationId}): subtree rooted at East', async () => {
  need('east', 'metro');
  const top = hierarchyNode(data(await root.getHierarchy({ organizationId: S.east.id }), 'hierarchy'), 'hierarchy');
  expect(top, { id: S.east.id, parentId: null }, 'top'); // null for the top of the returned tree
  return same(top.childOrganizations, [S.metro.id], 'East.childOrganizations');
});
await check('getHierarchy: the East key gets East as the top', async () => {
  expect(hierarchyNode(data(await eastClient().getHierarchy(), 'hierarchy'), 'hierarchy'), { id: S.east.id, parentId: null }, 'top');
});

await check('listBrands({organization_id}): that organization\'s brands only', async () => {
  need('east', 'eastBrand', 'cvBrand');
  const brands = shapeAll(data(await root.listBrands({ organization_id: S.east.id }), 'brands'), BRAND, 'brands');
  expect(byId(brands, S.eastBrand.id), { brand_name: 'East Victory Fund', org_id: S.east.id, org_name: 'Regional Office East',
    tcr_brand_id: tcr('E'), status: 'active', identity_status: 'VETTED_VERIFIED' }, 'East Victory Fund');
  return same(brands, [S.eastBrand.id, S.cvBrand.id], 'brands');
});
await check('listBrands: root key sees all; an unregistered brand has null tcr_brand_id', async () => {
  need('rootBrand', 'eastBrand', 'cvBrand', 'metroBrand', 'westBrand');
  const brands = shapeAll(data(await root.listBrands(), 'brands'), BRAND, 'brands');
  has(brands, ['rootBrand', 'eastBrand', 'cvBrand', 'metroBrand', 'westBrand'].map((n) => S[n].id), 'brands');
  expect(byId(brands, S.metroBrand.id), { tcr_brand_id: null, identity_status: null, status: 'pending', org_id: S.metro.id }, 'Metro Neighbors');
  return `${brands.length} brands`;
});
await check('listBrands: East key sees East and Metro brands only', async () => {
  need('eastBrand', 'cvBrand', 'metroBrand');
  const brands = shapeAll(data(await eastClient().listBrands(), 'brands'), BRAND, 'brands');
  return same(brands, [S.eastBrand.id, S.cvBrand.id, S.metroBrand.id], 'brands');
});

const campaigns = async (c, query) => shapeAll(data(await c.listCampaigns(query), 'campaigns'), CAMPAIGN, 'campaigns');
await check('listCampaigns({organization_id})', async () => {
  need('east', 'eastGotv', 'eastFund', 'cvCamp', 'eastBrand');
  const rows = await campaigns(root, { organization_id: S.east.id });
  expect(byId(rows, S.eastGotv.id), { name: 'East GOTV', brand_id: S.eastBrand.id, brand_name: 'East Victory Fund',
    org_id: S.east.id, org_name: 'Regional Office East', campaign_status: 'active' }, 'East GOTV');
  expect(byId(rows, S.eastFund.id), { campaign_status: 'pending' }, 'East Fundraising');
  return same(rows, [S.eastGotv.id, S.eastFund.id, S.cvCamp.id], 'campaigns');
});
await check('listCampaigns({brand_id}), both filters, and the East key unfiltered', async () => {
  need('east', 'eastBrand', 'eastGotv', 'eastFund', 'cvCamp', 'metroCamp');
  return [
    same(await campaigns(root, { brand_id: S.eastBrand.id }), [S.eastGotv.id, S.eastFund.id], 'by brand'),
    same(await campaigns(root, { organization_id: S.east.id, brand_id: S.eastBrand.id }), [S.eastGotv.id, S.eastFund.id], 'by both'),
    same(await campaigns(eastClient(), {}), ['eastGotv', 'eastFund', 'cvCamp', 'metroCamp'].map((n) => S[n].id), 'East key'),
  ].join(', ');
});

async function domains(c, query) {
  const rows = data(await c.listTrackingDomains(query), 'trackingDomains');
  rows.forEach((row, i) => {
    const where = `trackingDomains[${i}]`;
    assert.ok(['own', 'inherited'].includes(row.source), `${where}.source is ${JSON.stringify(row.source)}`);
    shape(row, row.source === 'own' ? OWNED_DOMAIN : INHERITED_DOMAIN, where);
    if (row.source === 'own') assert.equal(row.status, 'active', `${where}.status: only active domains are listed`);
    const extra = Object.keys(row).filter((k) => !['id', 'domain', 'source'].includes(k));
    if (row.source === 'inherited') assert.deepEqual(extra, [], `${where}: an inherited domain shows only id, domain and source`);
  });
  return rows;
}
// Other domains the key's organization (or its ancestors) shares may be inherited too on a used server.
const own = (rows) => rows.filter((r) => r.source === 'own');
const lacks = (rows, ids, where) => ids.forEach((id) => assert.ok(!rows.some((r) => r.id === id), `${where}: ${id} is listed`));
await check('listTrackingDomains: East key, own vs inherited by source; no pending, no West', async () => {
  need('rootDomain', 'eastDomain', 'eastPendingDomain', 'westDomain');
  const rows = await domains(eastClient(), {});
  expect(byId(rows, S.eastDomain.id), { source: 'own', domain: `east-${RUN}.example.org`, verified_at: S.eastDomain.verified_at }, 'East domain');
  assert.ok(byId(rows, S.eastDomain.id).verified_at, 'an active domain has verified_at');
  expect(byId(rows, S.rootDomain.id), { source: 'inherited', domain: `links-${RUN}.example.org` }, 'root domain');
  lacks(rows, [S.eastPendingDomain.id, S.westDomain.id], 'domains');
  return `${same(own(rows), [S.eastDomain.id], 'own')}, inherited ${rows.length - own(rows).length}`;
});
await check('listTrackingDomains({organization_id}): Metro inherits only shared domains', async () => {
  need('metro', 'rootDomain', 'eastDomain', 'westDomain');
  const rows = await domains(eastClient(), { organization_id: S.metro.id });
  expect(byId(rows, S.rootDomain.id), { source: 'inherited' }, 'root domain');
  lacks(rows, [S.eastDomain.id, S.westDomain.id], 'Metro domains');
  return same(own(rows), [], 'own');
});
await check('listTrackingDomains: root key owns its shared domain', async () => {
  need('rootDomain', 'eastDomain', 'eastPendingDomain');
  const rows = await domains(root, {});
  expect(byId(rows, S.rootDomain.id), { source: 'own' }, 'root domain');
  expect(byId(rows, S.eastDomain.id), { source: 'own' }, 'East domain');
  assert.ok(!rows.some((r) => r.id === S.eastPendingDomain.id), 'a pending domain is listed');
});

const phones = async (c, query) => shapeAll(data(await c.listPhoneNumbers(query), 'phoneNumbers'), PHONE_NUMBER, 'phoneNumbers');
const sharedRow = () => `${S.rootPn.id} shared with ${S.east.id}`;
await check('listPhoneNumbers({organization_id}): owned rows and the shared row', async () => {
  need('east', 'eastPn1', 'eastPn2', 'eastTfPn', 'eastFreePn', 'rootPn', 'share', 'eastGotv', 'eastBrand', 'eastTfv');
  const rows = await phones(root, { organization_id: S.east.id });
  expect(byId(rows, S.eastPn1.id), { number: S.eastPn1.number, channel: '10dlc', owner_type: 'campaign', campaign_id: S.eastGotv.id,
    campaign_name: 'East GOTV', brand_id: S.eastBrand.id, brand_name: 'East Victory Fund', toll_free_verification_id: null,
    org_id: S.east.id, org_name: 'Regional Office East', status: 'active', shared: false, nickname: null }, 'East GOTV number');
  expect(byId(rows, S.eastTfPn.id), { channel: 'toll-free', owner_type: 'toll_free_registration', toll_free_verification_id: S.eastTfv.id,
    tf_verification_status: 'In Progress', toll_free_registration_name: 'East Toll-Free',
    toll_free_business_name: 'East Victory Fund', campaign_id: null, brand_id: null }, 'toll-free number');
  expect(byId(rows, S.eastFreePn.id), { owner_type: 'unassigned', campaign_id: null, campaign_name: null }, 'unassigned number');
  expect(byId(rows, S.rootPn.id), { shared: true, nickname: 'HQ line', org_id: S.east.id, org_name: 'Regional Office East',
    number: S.rootPn.number, brand_id: null, brand_name: null, campaign_name: null }, 'shared row');
  return same(rows, [S.eastPn1.id, S.eastPn2.id, S.eastTfPn.id, S.eastFreePn.id, sharedRow()], 'East numbers');
});
await check('listPhoneNumbers: root key lists a shared number twice (owned and shared)', async () => {
  need('rootPn', 'share', 'east');
  return same((await phones(root, {})).filter((r) => r.id === S.rootPn.id), [S.rootPn.id, sharedRow()], 'rows');
});
await check('listPhoneNumbers({brand_id}) and ({campaign_id})', async () => {
  need('eastBrand', 'eastPn1', 'eastPn2', 'eastGotv');
  return [
    same(await phones(root, { brand_id: S.eastBrand.id }), [S.eastPn1.id, S.eastPn2.id], 'by brand'),
    same(await phones(root, { campaign_id: S.eastGotv.id }), [S.eastPn1.id], 'by campaign'),
  ].join(', ');
});
await check('listPhoneNumbers({channel}) with the East key', async () => {
  need('eastPn1', 'eastPn2', 'eastTfPn', 'eastFreePn', 'metroPn', 'rootPn', 'share');
  const c = eastClient();
  return [
    same(await phones(c, { channel: 'toll-free' }), [S.eastTfPn.id], 'toll-free'),
    same(await phones(c, { channel: '10dlc' }), [S.eastPn1.id, S.eastPn2.id, S.eastFreePn.id, S.metroPn.id, sharedRow()], '10dlc'),
    same(await phones(c, { channel: 'short-code' }), [], 'short-code'),
    same(await phones(c, { channel: 'rcs' }), [], 'rcs'),
  ].join(', ');
});
await check('listPhoneNumbers({owner_type}) with the East key', async () => {
  need('eastPn1', 'eastPn2', 'eastTfPn', 'eastFreePn', 'metroPn', 'rootPn', 'share');
  const c = eastClient();
  return [
    same(await phones(c, { owner_type: 'campaign' }), [S.eastPn1.id, S.eastPn2.id, S.metroPn.id, sharedRow()], 'campaign'),
    same(await phones(c, { owner_type: 'toll_free_registration' }), [S.eastTfPn.id], 'toll_free_registration'),
    same(await phones(c, { owner_type: 'unassigned' }), [S.eastFreePn.id], 'unassigned'),
    same(await phones(c, { owner_type: 'short_code' }), [], 'short_code'),
  ].join(', ');
});
await check('listPhoneNumbers({channel, owner_type}): root key\'s short code', async () => {
  need('rootShortCode');
  const rows = await phones(root, { channel: 'short-code', owner_type: 'short_code' });
  assert.ok(rows.every((r) => r.channel === 'short-code' && r.owner_type === 'short_code'), 'the filters do not filter');
  expect(byId(rows, S.rootShortCode.id), { number: S.rootShortCode.number, org_id: S.rootId }, 'short code');
});

const tfvs = async (c, query) => shapeAll(data(await c.listTollFreeVerifications(query), 'tfvs'), TFV, 'tollFreeVerifications');
await check('listTollFreeVerifications({organization_id})', async () => {
  need('east', 'eastTfv', 'eastDraftTfv');
  const rows = await tfvs(root, { organization_id: S.east.id });
  const t = byId(rows, S.eastTfv.id);
  expect(t, { name: 'East Toll-Free', status: 'In Progress', org_id: S.east.id, org_name: 'Regional Office East',
    business_name: 'East Victory Fund', use_case: 'Political', phone_number_count: 1, verified_at: null }, 'East Toll-Free');
  assert.ok(t.submitted_at, 'an In Progress verification has submitted_at');
  expect(byId(rows, S.eastDraftTfv.id), { status: 'draft', submitted_at: null, phone_number_count: 0, business_name: null }, 'East Draft');
  return same(rows, [S.eastTfv.id, S.eastDraftTfv.id], 'verifications');
});
await check('listTollFreeVerifications({status: "In Progress"}) (a space in the query)', async () => {
  need('eastTfv', 'eastDraftTfv');
  return [
    same(await tfvs(eastClient(), { status: 'In Progress' }), [S.eastTfv.id], 'In Progress'),
    same(await tfvs(eastClient(), { status: 'draft' }), [S.eastDraftTfv.id], 'draft'),
  ].join(', ');
});
await check('getTollFreeVerification: phone_number_ids, rejection_reason, updated_at', async () => {
  need('eastTfv', 'eastTfPn');
  const t = shape(data(await root.getTollFreeVerification(S.eastTfv.id), 'tfv'), TFV_DETAIL, 'tollFreeVerification');
  expect(t, { id: S.eastTfv.id, phone_number_ids: [S.eastTfPn.id], phone_number_count: 1, rejection_reason: null }, 'East Toll-Free');
});
await check('getTollFreeVerification: a rejected one carries its reason', async () => {
  need('westTfv');
  const t = shape(data(await root.getTollFreeVerification(S.westTfv.id), 'tfv'), TFV_DETAIL, 'tollFreeVerification');
  expect(t, { status: 'Rejected', rejection_reason: 'Opt-in evidence missing', phone_number_ids: [], verified_at: null }, 'West Toll-Free');
});

// ---------------------------------------------------------------- Civicast's throughput (no SDK method)
const pacificToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date());
async function throughput(name) {
  need(name);
  const { status, json, text } = await api('GET', `/campaigns/${S[name].id}/throughput`);
  assert.equal(status, 200, `throughput answered ${status}: ${text.slice(0, 200)}`);
  const t = shape(json.data, THROUGHPUT, 'throughput');
  walk(t, 'throughput');
  assert.equal(t.campaign_id, S[name].id, 'throughput.campaign_id');
  if (t.t_mobile !== null) expect(shape(t.t_mobile, T_MOBILE, 'throughput.t_mobile'), { pacific_day: pacificToday }, 't_mobile');
  if (t.att !== null) shape(t.att, ATT, 'throughput.att');
  return t;
}
await check('throughput: derived from the brand\'s vetting score', async () => {
  const t = await throughput('eastGotv');
  expect(t, { brand_id: S.eastBrand.id, carrier_metered: true, att: { sms_tpm: 2400, mms_tpm: 1200 } }, 'throughput');
  expect(t.t_mobile, { daily_cap: 40000, used_today: 0, remaining_today: 40000 }, 't_mobile');
});
await check('throughput: terms granted on the campaign win', async () => {
  const t = await throughput('eastFund');
  expect(t, { carrier_metered: true, att: { sms_tpm: 100, mms_tpm: 50 } }, 'throughput');
  expect(t.t_mobile, { daily_cap: 12345, remaining_today: 12345 }, 't_mobile');
});
await check('throughput: no vetting score means unknown (null), not zero', async () => {
  expect(await throughput('metroCamp'), { carrier_metered: true, t_mobile: null, att: null }, 'throughput');
});
await check('throughput: Campaign Verify political traffic is not carrier-metered', async () => {
  expect(await throughput('cvCamp'), { carrier_metered: false, t_mobile: null, att: null }, 'throughput');
});

// ---------------------------------------------------------------- contact lists, from files served here
const files = await serveFiles({ '/voters.csv': { type: 'text/csv', bytes: Buffer.from(VOTERS, 'utf8') } });
await contactListChecks({ root, eastClient, S, files, RUN });
await projectChecks({ root, S, files, RUN });

// ---------------------------------------------------------------- media files, from a file served here
// Sent as text/plain on purpose: the server must tell a PNG by its bytes.
const mediaFiles = await serveFiles({ '/pixel.txt': { type: 'text/plain', bytes: PIXEL } });
await mediaChecks({ eastClient, S, files: mediaFiles, RUN });

// ---------------------------------------------------------------- errors and rate limits through the SDK
const describe = (e) => `${e.statusCode} ${e.code}: ${e.message}`;

await check('East key listing West\'s brands → 403 ORG_ACCESS_DENIED', async () => {
  need('west');
  return describe(await rejects(() => eastClient().listBrands({ organization_id: S.west.id }), 403, 'ORG_ACCESS_DENIED'));
});
await check('East key reading West\'s verification → 404 NOT_FOUND', async () => {
  need('westTfv');
  return describe(await rejects(() => eastClient().getTollFreeVerification(S.westTfv.id), 404, 'NOT_FOUND'));
});
await check('getTollFreeVerification("tfv_missing") → 404 NOT_FOUND', async () =>
  describe(await rejects(() => root.getTollFreeVerification('tfv_missing'), 404, 'NOT_FOUND')));
await check('bogus pc_live_ key → 401 INVALID_API_KEY', async () =>
  describe(await rejects(() => client(`pc_live_${randomBytes(20).toString('hex')}`).listOrganizations(), 401, 'INVALID_API_KEY')));
function rateLimitState(c) {
  const rl = c.lastRateLimit;
  assert.ok(rl, 'lastRateLimit is null: no X-RateLimit-Limit header');
  for (const k of ['limit', 'remaining', 'reset']) assert.ok(Number.isInteger(rl[k]), `lastRateLimit.${k} is ${rl[k]}`);
  const now = Date.now() / 1000;
  assert.ok(rl.reset > now && rl.reset <= now + 3660, `reset ${rl.reset} is not a Unix time within the hour`);
  return rl;
}
await check('lastRateLimit: numeric limit, remaining, reset after a call', async () => {
  const c = client(KEY);
  assert.equal(c.lastRateLimit, null, 'lastRateLimit before the first call');
  await c.listOrganizations();
  const rl = rateLimitState(c);
  assert.ok(rl.limit > 0 && rl.remaining >= 0 && rl.remaining < rl.limit, `limit ${rl.limit}, remaining ${rl.remaining}`);
  return JSON.stringify(rl);
});
await check('a key over its hourly limit → 429 RATE_LIMIT_EXCEEDED, remaining 0', async () => {
  need('east');
  const limited = await create('/api-keys', { name: `conformance 429 ${RUN}`, ...org('east'), scopes: ['read'], rate_limit_per_hour: 1 });
  const c = client(limited.key);
  await c.listOrganizations();
  const error = await rejects(() => c.listOrganizations(), 429, 'RATE_LIMIT_EXCEEDED');
  expect(rateLimitState(c), { limit: 1, remaining: 0 }, 'lastRateLimit');
  // The SDK documents "a rate-limit-specific body with a retryAfter field"; it waits on X-RateLimit-Reset.
  const retryAfter = error.body.retryAfter ?? error.body.details?.retryAfter;
  assert.ok(Number.isInteger(retryAfter) && retryAfter > 0, `no retryAfter seconds in ${JSON.stringify(error.body)}`);
  return `${describe(error)} (retryAfter ${'retryAfter' in error.body ? 'at the top level' : 'in details'})`;
});

// ---------------------------------------------------------------- every answer against the document
await check('every answer of this run (successes and errors) matches the OpenAPI document (Ajv)', async () => {
  if (!DOC) throw new Error('not checked: the document could not be fetched');
  return checkAnswers(DOC, BASE);
});

summary();
