// Media files through the SDK: import a PNG from a local file, poll until ready, fetch its public
// URL, list, refuse what the contract refuses, delete.
import assert from 'node:assert/strict';
import { byId, check, data, expect, need, rejects, same, shape, shapeAll } from './lib.mjs';

const spec = (text) => Object.fromEntries(text.trim().split(/\s+/).map((f) => f.split(':')));
const FILE = spec(`id:id name:str brand_id:id? brand_name:str? org_id:id org_name:str created_at:ts url:str?
  storage_key:str? file_size_bytes:int content_type:str? status:str uploaded_via_api:bool`);
const DETAIL = spec(`media_id:id organization_id:id? brand_id:id? name:str status:str content_type:str?
  file_size_bytes:int storage_key:str? url:str? uploaded_via_api:bool created_at:ts optimized_at:ts?`);
const ACCEPTED = spec('media_id:id status:str uploaded_via_api:bool file_size_bytes:int name:str');
const DELETED = spec('media_id:id name:str deleted:bool');

// A one-pixel PNG.
export const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

async function settled(c, id) {
  for (let i = 0; i < 300; i++) {
    const d = shape(data(await c.getMedia(id), 'getMedia'), DETAIL, 'getMedia');
    if (d.status !== 'optimizing') return d;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`media ${id} still optimizing after 30 s`);
}

export async function mediaChecks({ eastClient, S, files, RUN }) {
  const media = {};
  await check('importMedia: 202 optimizing, then getMedia until ready, its URL serving the same bytes', async () => {
    need('eastBrand');
    const accepted = shape(data(await eastClient().importMedia({ source_url: files.url('/pixel.txt'),
      brand_id: S.eastBrand.id, name: `Pixel ${RUN}` }), 'importMedia'), ACCEPTED, 'importMedia');
    expect(accepted, { status: 'optimizing', uploaded_via_api: true, name: `Pixel ${RUN}` }, 'importMedia');
    media.pixel = accepted.media_id;
    const d = await settled(eastClient(), accepted.media_id);
    expect(d, { status: 'ready', organization_id: S.east.id, brand_id: S.eastBrand.id, content_type: 'image/png',
      file_size_bytes: PIXEL.length }, 'getMedia');
    assert.ok(/\/media\/[0-9a-f]{32}\/pixel-[0-9a-f]+\.png$/.test(d.url), `url ${d.url}`);
    const served = await fetch(d.url);
    assert.equal(served.status, 200, `GET ${d.url} answered ${served.status}`);
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), PIXEL, 'the public URL serves the imported bytes');
    assert.equal(served.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    return d.url;
  });
  await check('listMedia({organization_id, brand_id}): the list\'s own field names (id, org_id)', async () => {
    assert.ok(media.pixel, 'not checked: the import was not accepted');
    const rows = shapeAll(data(await eastClient().listMedia({ organization_id: S.east.id, brand_id: S.eastBrand.id }),
      'listMedia'), FILE, 'listMedia');
    expect(byId(rows, media.pixel), { org_id: S.east.id, org_name: 'Regional Office East', brand_id: S.eastBrand.id,
      brand_name: 'East Victory Fund', uploaded_via_api: true, status: 'ready', content_type: 'image/png' }, 'listMedia');
    return same(rows, [media.pixel], 'listMedia');
  });
  await check('importMedia refusals: 403 ORG_ACCESS_DENIED for West, 400 VALIDATION_ERROR for an email asset with a brand', async () => {
    need('west', 'eastBrand');
    await rejects(() => eastClient().importMedia({ source_url: files.url('/pixel.txt'), organization_id: S.west.id }),
      403, 'ORG_ACCESS_DENIED');
    await rejects(() => eastClient().importMedia({ source_url: files.url('/pixel.txt'), brand_id: S.eastBrand.id,
      usage: 'email_asset' }), 400, 'VALIDATION_ERROR');
    return 'refused';
  });
  await check('deleteMedia: {media_id, name, deleted}, then getMedia → 404 NOT_FOUND', async () => {
    assert.ok(media.pixel, 'not checked: the import was not accepted');
    const gone = shape(data(await eastClient().deleteMedia(media.pixel), 'deleteMedia'), DELETED, 'deleteMedia');
    expect(gone, { media_id: media.pixel, name: `Pixel ${RUN}`, deleted: true }, 'deleteMedia');
    await rejects(() => eastClient().getMedia(media.pixel), 404, 'NOT_FOUND');
    return 'deleted';
  });
}
