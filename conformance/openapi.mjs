// The served OpenAPI document against itself and against real answers:
//   - lint: Redocly CLI (pinned in package.json) with redocly.yaml, zero problems allowed;
//   - compile: every schema of the document with Ajv (JSON Schema 2020-12, ECMA-262 patterns in
//     unicode mode), and every pattern on its own;
//   - answers: every answer fetched during the run (plain fetch and the SDK alike: globalThis.fetch
//     is wrapped as soon as this module loads) whose operation is in the document must have that
//     operation's documented headers and a JSON body valid against its response schema (the
//     status code's response, else `default`).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const here = dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------- recording every answer
export const answers = [];
const realFetch = globalThis.fetch.bind(globalThis);
globalThis.fetch = async (input, init = {}) => {
  const response = await realFetch(input, init);
  const url = typeof input === 'string' ? input : input.url ?? String(input);
  const method = (init.method ?? input.method ?? 'GET').toUpperCase();
  const text = await response.clone().text();
  answers.push({ method, url, status: response.status, headers: response.headers, text });
  return response;
};

// ---------------------------------------------------------------- the document
export async function loadDocument(base) {
  const res = await realFetch(`${base}/v1/openapi.json`);
  assert.equal(res.status, 200, `GET /v1/openapi.json answered ${res.status}`);
  return res.json();
}

// Runs Redocly CLI on the document; throws with its report when it finds any problem.
export function lint(doc) {
  const dir = mkdtempSync(join(tmpdir(), 'civicast-openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc, null, 2));
    const run = spawnSync(process.execPath, [join(here, 'node_modules/@redocly/cli/bin/cli.js'), 'lint',
      '--config', join(here, 'redocly.yaml'), '--format', 'stylish', '--max-problems', '1000', file], {
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    });
    const report = `${run.stdout}${run.stderr}`;
    const problems = report.split('\n').filter((l) => /^\s+\d+:\d+\s+(error|warning)\s/.test(l));
    if (run.status !== 0 || problems.length > 0) {
      console.log(report.split('\n').filter((l) => l.trim() && !/[║╔╚]/.test(l)).map((l) => `     ${l}`).join('\n'));
      throw new Error(`redocly lint: exit ${run.status}, ${problems.length} problem(s): ${problems[0]?.trim() ?? report.trim().split('\n').pop()}`);
    }
    return 'no problems';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const DOC_ID = 'https://civicast.invalid/openapi.json';

// Ajv over the document's components, with its $refs pointed at them.
export function validatorOf(doc) {
  const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true, strictTypes: false });
  addFormats(ajv);
  ajv.addKeyword('discriminator'); // OpenAPI's annotation; the oneOf's consts do the telling apart
  const local = (node) => JSON.parse(JSON.stringify(node).replaceAll('"#/components/schemas/', `"${DOC_ID}#/$defs/`));
  ajv.addSchema({ $id: DOC_ID, $defs: local(doc.components?.schemas ?? {}) });
  const compiled = new Map();
  const compile = (schema) => {
    const key = JSON.stringify(schema);
    if (!compiled.has(key)) compiled.set(key, ajv.compile(local(schema)));
    return compiled.get(key);
  };
  const deref = (node) => {
    let n = node;
    for (let i = 0; n?.$ref && i < 10; i++) {
      const path = n.$ref.replace(/^#\//, '').split('/').map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
      n = path.reduce((o, p) => o?.[p], doc);
    }
    return n;
  };
  return { ajv, compile, deref };
}

// Compiles every pattern (as ECMA-262, unicode mode) and every schema the document uses.
export function compileAll(doc) {
  const problems = [];
  const patterns = new Set();
  (function walk(node, where) {
    if (Array.isArray(node)) return node.forEach((v, i) => walk(v, `${where}/${i}`));
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'pattern' && typeof v === 'string') {
        patterns.add(v);
        try { new RegExp(v, 'u'); } catch (e) { problems.push(`${where}/pattern: ${e.message}`); }
        if (!v.startsWith('^') || !v.endsWith('$')) problems.push(`${where}/pattern ${v} is not anchored with ^…$`);
      }
      walk(v, `${where}/${k}`);
    }
  })(doc, '#');
  const { compile, deref } = validatorOf(doc);
  let schemas = 0;
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      const where = `${method.toUpperCase()} ${path}`;
      const all = [
        ...(op.parameters ?? []).map((p) => [`parameter ${p.name}`, deref(p).schema]),
        ...Object.entries(op.requestBody?.content ?? {}).map(([t, c]) => [`request ${t}`, c.schema]),
        ...Object.entries(op.responses ?? {}).flatMap(([status, r]) =>
          Object.entries(deref(r).content ?? {}).map(([t, c]) => [`response ${status} ${t}`, c.schema])),
      ];
      for (const [what, schema] of all) {
        try { compile(schema); schemas++; } catch (e) { problems.push(`${where} ${what}: ${e.message}`); }
      }
    }
  }
  if (problems.length) throw new Error(`${problems.length} problem(s): ${problems.join('; ')}`);
  return `${schemas} schemas, ${patterns.size} patterns compiled`;
}

// The document's operation for a method and URL under base + server url, or undefined.
function operationOf(doc, base, method, url) {
  const server = doc.servers?.[0]?.url ?? '';
  const prefix = `${base}${server}`;
  if (!url.startsWith(prefix)) return undefined;
  const path = new URL(url).pathname.slice(new URL(prefix).pathname.length);
  let best;
  for (const [template, item] of Object.entries(doc.paths ?? {})) {
    const op = item[method.toLowerCase()];
    if (!op) continue;
    const re = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (!re.test(path)) continue;
    const literal = template.split('/').filter((s) => s && !s.startsWith('{')).length;
    if (!best || literal > best.literal) best = { template, op, literal };
  }
  return best && { ...best, path };
}

// Checks every recorded answer; throws listing each one that does not match the document.
export function checkAnswers(doc, base, recorded = answers) {
  const { compile, deref } = validatorOf(doc);
  const failures = [];
  let checked = 0;
  for (const a of recorded) {
    const found = operationOf(doc, base, a.method, a.url);
    if (!found) continue;
    checked++;
    const problems = answerProblems(a, found.op, compile, deref);
    if (problems.length) failures.push(`${a.method} ${found.path} → ${a.status}: ${problems.join('; ')}`);
  }
  if (failures.length) {
    failures.forEach((f) => console.log(`     ${f}`));
    throw new Error(`${failures.length} of ${checked} answers do not match the document: ${failures[0]}`);
  }
  assert.ok(checked > 0, 'no answer was checked against the document');
  return `${checked} answers valid`;
}

function answerProblems(a, op, compile, deref) {
  const declared = op.responses?.[String(a.status)] ? String(a.status) : 'default';
  const response = deref(op.responses?.[declared]);
  if (!response) return [`the operation documents neither ${a.status} nor default`];
  const problems = [];
  for (const [name, header] of Object.entries(response.headers ?? {})) {
    if (deref(header)?.required && a.headers.get(name) === null) problems.push(`no ${name} header`);
  }
  const type = (a.headers.get('content-type') ?? '').split(';')[0].trim();
  const content = response.content?.[type];
  if (!content) return [...problems, `content type ${JSON.stringify(type)} is not documented for response ${declared}`];
  let body;
  try {
    body = JSON.parse(a.text);
  } catch {
    return [...problems, `body is not JSON: ${JSON.stringify(a.text.slice(0, 120))}`];
  }
  const validate = compile(content.schema);
  if (!validate(body)) {
    const errors = validate.errors.slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message}`
      + (e.params?.allowedValue !== undefined ? ` ${JSON.stringify(e.params.allowedValue)}` : ''));
    problems.push(`body fails response ${declared}: ${errors.join(', ')}; body ${a.text.slice(0, 200)}`);
  }
  return problems;
}
