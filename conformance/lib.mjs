// The machinery of conformance.mjs: named checks with a summary, and assertions about the shape
// (field names, types, nullability) and values of API answers. Plain Node, node:assert/strict.
import assert from 'node:assert/strict';
import { PoliticalCommsError } from '@political-comms/sdk';

let passed = 0;
let failed = 0;
export async function check(name, fn) {
  try {
    const note = await fn();
    passed++;
    console.log(`ok   ${name}${note ? `: ${note}` : ''}`);
  } catch (e) {
    failed++;
    let reason = String(e?.stack ?? e).split('\n').slice(0, 2).join(' '); // an unexpected error: where it happened
    if (e instanceof assert.AssertionError || e?.constructor === Error) reason = e.message.split('\n')[0];
    if (e instanceof PoliticalCommsError) reason = `unexpected ${e.statusCode} ${e.code}: ${e.message}`;
    console.log(`FAIL ${name}: ${reason}`);
  }
}

export const S = {}; // the seeded objects by name; a failed seed leaves its name unset
export function need(...names) {
  const missing = names.filter((n) => S[n] === undefined);
  if (missing.length) throw new Error(`not checked: seeding ${missing.join(', ')} failed`);
}

export const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
export const TYPES = {
  id: (v) => typeof v === 'string' && v.length > 0,
  str: (v) => typeof v === 'string',
  int: (v) => Number.isInteger(v),
  bool: (v) => typeof v === 'boolean',
  ts: (v) => typeof v === 'string' && TS.test(v),
  date: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
  arr: (v) => Array.isArray(v),
  ids: (v) => Array.isArray(v) && v.every(TYPES.id),
  obj: (v) => typeof v === 'object' && !Array.isArray(v),
};

export function shape(obj, fields, where) {
  assert.ok(obj !== null && typeof obj === 'object' && !Array.isArray(obj), `${where}: expected an object, got ${JSON.stringify(obj)}`);
  for (const [field, type] of Object.entries(fields)) {
    const base = type.replace('?', '');
    assert.ok(field in obj, `${where}.${field} is missing`);
    if (obj[field] === null) assert.ok(type.endsWith('?'), `${where}.${field} is null, but the SDK types it as non-null ${base}`);
    else assert.ok(TYPES[base](obj[field]), `${where}.${field}: expected ${type.replace('?', ' or null')}, got ${JSON.stringify(obj[field])}`);
  }
  return obj;
}
export function shapeAll(rows, fields, where) {
  assert.ok(Array.isArray(rows), `${where}: expected an array, got ${JSON.stringify(rows)?.slice(0, 80)}`);
  rows.forEach((row, i) => shape(row, fields, `${where}[${i}]`));
  return rows;
}

// Everywhere in an answer: ids are non-empty strings, timestamps ISO-8601 UTC with Z.
export function walk(value, where) {
  if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${where}[${i}]`));
  if (value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    if (v !== null && (k === 'id' || k.endsWith('_id') || /[a-z]Id$/.test(k))) {
      assert.ok(TYPES.id(v), `${where}.${k} is not a non-empty string id: ${JSON.stringify(v)}`);
    }
    if (v !== null && (k.endsWith('_at') || /[a-z]At$/.test(k))) {
      assert.ok(TYPES.ts(v), `${where}.${k} is not ISO-8601 UTC with Z: ${JSON.stringify(v)}`);
    }
    walk(v, `${where}.${k}`);
  }
}

// The data of an SDK answer, after checking the envelope and walking it.
export function data(response, where) {
  assert.equal(response?.success, true, `${where}: success is ${JSON.stringify(response?.success)}`);
  assert.ok('data' in response, `${where}: no data`);
  walk(response.data, where);
  return response.data;
}

// The object has these values (compared deeply, field by field).
export function expect(obj, values, where) {
  for (const [k, v] of Object.entries(values)) {
    assert.deepEqual(obj[k], v, `${where}.${k} is ${JSON.stringify(obj[k])}, expected ${JSON.stringify(v)}`);
  }
}
export function byId(rows, id, where = 'list') {
  const row = rows.find((r) => r.id === id);
  assert.ok(row, `${where}: ${id} is not listed`);
  return row;
}
export const has = (rows, expected, where) => expected.forEach((id) => byId(rows, id, where));
// Exactly these rows. A phone number lists once owned and once per organization it is shared with.
export const rowKey = (r) => (r.shared === true ? `${r.id} shared with ${r.org_id}` : r.id);
export function same(rows, expected, where) {
  const got = rows.map(rowKey).sort();
  const want = [...expected].sort();
  assert.deepEqual(got, want, `${where}: listed ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  return `${where} ${rows.length}`;
}

export async function rejects(call, status, code) {
  const error = await call().then(() => undefined, (e) => e);
  assert.ok(error, `expected ${status} ${code}, but the call succeeded`);
  assert.ok(error instanceof PoliticalCommsError, `expected a PoliticalCommsError, got ${error}`);
  assert.equal(error.statusCode, status, `statusCode ${error.statusCode} (${error.code}: ${error.message}), expected ${status}`);
  assert.equal(error.code, code, `code ${error.code}, expected ${code}`);
  assert.equal(typeof error.body?.error, 'string', `error body has no string "error": ${JSON.stringify(error.body)}`);
  return error;
}

// Prints "N passed, M failed" and exits 1 if anything failed.
export function summary() {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}
