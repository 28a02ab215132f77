// The package as a user gets it: the `npm pack` tarball installed into an empty project (offline:
// it has no dependencies), imported by name, its types checked by tsc; and bad input, however
// large, deep or malformed, raising the typed AftercareError with field, value and allowed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const pkg = path.resolve(process.env.AFTERCARE_JS_PACKAGE);
const tarballDir = process.env.AFTERCARE_JS_TARBALL_DIR;
const aftercare = await import(pathToFileURL(path.join(pkg, 'index.mjs')).href);
const { AftercareError } = aftercare;

const T = { device: 'pen', depth_mm: 1.0, area: 'face', skin_type: 3, treated_at: '2026-11-21T14:00', time_zone: 'Europe/London' };

test('the version is the library\'s, in package.json too', () => {
  const header = fs.readFileSync(path.join(root, 'include/aftercare/version.hpp'), 'utf8');
  const v = header.match(/#define AFTERCARE_VERSION_STRING "([0-9.]+)"/)[1];
  assert.equal(aftercare.version, v);
  assert.equal(JSON.parse(fs.readFileSync(path.join(root, 'bindings/js/package.json'), 'utf8')).version, v);
  assert.equal(aftercare.abiVersion, Number(fs.readFileSync(path.join(root, 'include/aftercare/aftercare.h'), 'utf8').match(/#define AFTERCARE_ABI_VERSION (\d+)/)[1]));
});

test('the npm pack tarball installs offline and imports by name', { skip: !tarballDir && 'AFTERCARE_JS_TARBALL_DIR not set' }, () => {
  const tarball = fs.readdirSync(tarballDir).find((f) => /^aftercare-.*\.tgz$/.test(f));
  assert.ok(tarball, 'make wasm wrote the tarball');
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-npm-'));
  try {
    fs.writeFileSync(path.join(project, 'package.json'), '{"name": "clinic-app", "version": "1.0.0", "private": true, "type": "module"}');
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', path.join(tarballDir, tarball)], { cwd: project });
    const files = fs.readdirSync(path.join(project, 'node_modules', 'aftercare')).sort();
    assert.deepEqual(files, ['README.md', 'aftercare_core.mjs', 'index.d.ts', 'index.mjs', 'package.json', 'zones.mjs']);
    fs.writeFileSync(path.join(project, 'app.mjs'), `import { schedule, toIcs } from 'aftercare';
const t = ${JSON.stringify(T)};
const p = schedule(t);
console.log(p.schema, p.entries.find((e) => e.code === 'effect.redness').end, toIcs(t).startsWith('BEGIN:VCALENDAR'));\n`);
    const out = execFileSync(process.execPath, ['app.mjs'], { cwd: project, encoding: 'utf8' });
    assert.equal(out, 'aftercare.plan/1 2026-11-23T14:00:00+00:00 true\n');

    // The declarations type-check a typical use, and reject a wrong one (tsc from Debian's node-typescript).
    const tsc = ['/usr/bin/tsc'].find((p) => fs.existsSync(p));
    if (tsc) {
      const check = (code) => {
        fs.writeFileSync(path.join(project, 'use.ts'), code);
        return execFileSync(tsc, ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', 'use.ts'],
          { cwd: project, encoding: 'utf8', stdio: 'pipe' });
      };
      check(`import { schedule, toIcs, triage, screen, AftercareError, Treatment } from 'aftercare';
const t: Treatment = { device: 'pen', depth_mm: 1, skin_type: 3, treated_at: '2026-11-21T14:00', time_zone: 'Europe/London' };
const p = schedule(t, { preferences: { wake: '07:00' } });
const s: string = p.schema;
const ics: string = toIcs(t);
const text: string = triage(t, { reports: [{ symptom: 'pus', hours_after: 30 }] }, { format: 'text' });
const e: AftercareError | null = null;
void [s, ics, text, e, screen(t, {}).schema];\n`);
      assert.throws(() => check(`import { schedule } from 'aftercare';\nschedule({ device: 'laser', depth_mm: 1, skin_type: 3 });\n`),
        (e) => /'"laser"' is not assignable/.test(e.stdout));
    }
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
});

function rejects(fn, expected) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof AftercareError, `an AftercareError, not ${e}`);
    assert.ok(e instanceof Error);
    for (const [k, v] of Object.entries(expected)) {
      if (v instanceof RegExp) assert.match(e[k], v, k); else assert.equal(e[k], v, k);
    }
    assert.ok(!e.message.includes('\n'), 'one line');
    return true;
  });
}

test('bad input raises AftercareError naming the field, the value and what is allowed', () => {
  rejects(() => aftercare.schedule({ ...T, depth_mm: 4 }), { status: 'invalid_value', field: '/depth_mm', value: '4.0 mm', allowed: '0.1–3.0 mm' });
  rejects(() => aftercare.schedule({ ...T, device: 'laser' }), { field: '/device', value: 'laser', allowed: 'home_roller, pen, rf' });
  rejects(() => aftercare.schedule({ ...T, skin_type: 'VII' }), { field: '/skin_type', value: /VII/ });
  rejects(() => aftercare.schedule({ ...T, treated_at: '2026-13-01T10:00' }), { field: '/treated_at', value: /2026-13-01/ });
  rejects(() => aftercare.schedule({ ...T, time_zone: 'Mars/Olympus' }), { status: 'time_zone', field: '/time_zone', value: 'Mars/Olympus' });
  rejects(() => aftercare.schedule({ ...T, time_zone: 'europe/london' }), { status: 'time_zone', value: 'europe/london' });
  rejects(() => aftercare.schedule('{"device": '), { status: 'invalid_json', message: /not valid JSON/ });
  rejects(() => aftercare.schedule(null), { status: 'invalid_argument', field: 'treatment' });
  rejects(() => aftercare.schedule(42), { status: 'invalid_argument', field: 'treatment' });
  rejects(() => aftercare.schedule(T, { preferences: { wake: '25:00' } }), { field: /wake/, value: /25:00/ });
  rejects(() => aftercare.planText(T, { format: 'pdf' }), { field: 'format', value: 'pdf', allowed: 'json, text, html' });
  rejects(() => aftercare.triage(T, { reports: [] }), { field: /reports/ });
  rejects(() => aftercare.triage(T, { reports: [{ symptom: 'headache', hours_after: 3 }] }), { field: /symptom/, value: 'headache' });
  rejects(() => aftercare.screen(T, { conditions: ['flu'] }), { field: /conditions/, value: 'flu' });
  rejects(() => aftercare.parseProtocol('{"format": "aftercare.protocol/1"}', 'clinic.json'), { status: 'protocol', message: /clinic\.json/ });
  rejects(() => aftercare.toIcs({ ...T, treated_at: undefined, time_zone: undefined }), { field: /treated_at/ });
});

test('hostile input: huge, deep, binary, unpaired surrogates: a typed error, never a crash', () => {
  const huge = 'x'.repeat(8 << 20);
  rejects(() => aftercare.schedule({ ...T, device: huge }), { field: '/device' });
  rejects(() => aftercare.schedule('['.repeat(100000)), { status: /invalid_json|invalid_value/ });
  rejects(() => aftercare.schedule({ ...T, area: 'face\u0000\u0001' }), { field: '/area' });
  rejects(() => aftercare.schedule({ ...T, time_zone: '\ud800' }), { status: /time_zone|invalid_value|invalid_json/ });
  rejects(() => aftercare.schedule({ ...T, time_zone: '../../etc/passwd' }), { status: 'time_zone' });
  // and the module keeps working afterwards, with nothing left allocated per call
  assert.equal(aftercare.schedule(T).schema, 'aftercare.plan/1');
});

test('the error value is a short escaped prefix', () => {
  try {
    aftercare.schedule({ ...T, device: 'y'.repeat(5000) });
    assert.fail('no error');
  } catch (e) {
    assert.ok(e.value.length < 100, e.value);
    assert.ok(e.message.length < 300, e.message);
  }
});

test('memory stays flat over many calls (every handle is freed)', () => {
  for (let i = 0; i < 50; i++) aftercare.toIcs(T);
  const before = process.memoryUsage().arrayBuffers;
  for (let i = 0; i < 300; i++) {
    aftercare.toIcs(T);
    try { aftercare.schedule({ ...T, depth_mm: 9 }); } catch { /* expected */ }
  }
  const after = process.memoryUsage().arrayBuffers;
  assert.ok(after - before < 8 << 20, `${after - before} bytes more`);
});
