// The WebAssembly package against the native command: the same treatments, the same bytes.
//
//   AFTERCARE_CLI=build/aftercare AFTERCARE_JS_PACKAGE=build-wasm/bindings/js/package \
//     node --test bindings/js/test/
//
// Twenty zones, each with treatments a few days before its daylight-saving changes (so reminders
// cross them), one treated inside a spring-forward gap, and reminder times that fall into one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const cli = process.env.AFTERCARE_CLI;
const pkg = process.env.AFTERCARE_JS_PACKAGE;
if (!cli || !pkg) throw new Error('set AFTERCARE_CLI and AFTERCARE_JS_PACKAGE (make test-js does)');
const aftercare = await import(pathToFileURL(path.join(path.resolve(pkg), 'index.mjs')).href);

// zone, then local treatment times: before the spring change, before the autumn change.
const ZONES = [
  ['Europe/London', '2026-03-26T14:00', '2026-10-22T18:30'],
  ['Europe/Paris', '2026-03-27T09:15', '2026-10-23T14:00'],
  ['Europe/Kyiv', '2026-03-25T16:00', '2026-10-21T11:00'],
  ['Europe/Dublin', '2026-03-27T14:00', '2026-10-24T10:00'],
  ['America/New_York', '2026-03-05T14:00', '2026-10-29T17:45'],
  ['America/Los_Angeles', '2026-03-06T08:00', '2026-10-30T14:00'],
  ['America/St_Johns', '2026-03-05T12:00', '2026-10-28T14:00'],
  ['America/Havana', '2026-03-05T14:00', '2026-10-29T09:30'],
  ['America/Sao_Paulo', '2026-02-14T14:00', '2026-11-01T14:00'],
  ['America/Santiago', '2026-04-02T14:00', '2026-09-03T14:00'],
  ['Asia/Tokyo', '2026-03-26T14:00', '2026-11-21T14:00'],
  ['Asia/Kolkata', '2026-03-26T14:00', '2026-10-22T14:00'],
  ['Asia/Kathmandu', '2026-01-10T10:00', '2026-07-10T14:00'],
  ['Asia/Tehran', '2026-03-19T14:00', '2026-09-19T14:00'],
  ['Australia/Sydney', '2026-04-02T14:00', '2026-10-01T14:00'],
  ['Australia/Lord_Howe', '2026-04-02T14:00', '2026-10-01T14:00'],
  ['Pacific/Auckland', '2026-04-02T14:00', '2026-09-24T14:00'],
  ['Pacific/Chatham', '2026-04-02T14:00', '2026-09-24T14:00'],
  ['Africa/Cairo', '2026-04-21T14:00', '2026-10-26T14:00'],
  ['UTC', '2026-03-26T14:00', '2026-10-22T14:00'],
];

// Inside a spring-forward gap: the command and the package must move it the same way.
const GAPS = [
  ['Europe/London', '2026-03-29T01:30'],
  ['America/New_York', '2026-03-08T02:30'],
  ['America/Havana', '2026-03-08T00:30'],
  ['Australia/Lord_Howe', '2026-10-04T02:15'],
];

const TREATMENTS = [
  { device: 'pen', depth_mm: 1.0, area: 'face', skin_type: 3, indication: 'acne_scars' },
  { device: 'rf', depth_mm: 2.0, area: 'neck', skin_type: 5, adjuncts: ['prp'], indication: 'wrinkles' },
  { device: 'home_roller', depth_mm: 0.25, area: 'scalp', skin_type: 2, indication: 'hair_loss' },
];

function cliArgs(t) {
  const a = ['--device', t.device, '--depth', String(t.depth_mm), '--area', t.area, '--skin-type', String(t.skin_type)];
  for (const x of t.adjuncts ?? []) a.push('--adjunct', x);
  if (t.indication) a.push('--indication', t.indication);
  if (t.treated_at) a.push('--treated-at', t.treated_at, '--tz', t.time_zone);
  return a;
}

function prefArgs(p) {
  return Object.entries(p ?? {}).flatMap(([k, v]) => [`--${k}`, v]);
}

function native(args) {
  return execFileSync(cli, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
}

// The package's .ics has no TZNAME lines (Intl has no tz database abbreviations); otherwise equal.
function withoutTzname(ics) {
  return ics.split('\r\n').filter((l) => !l.startsWith('TZNAME:')).join('\r\n');
}

// Zones whose tz database rules have negative daylight saving (Ireland's winter time is its
// "daylight" time there): Intl gives the same offsets but cannot say which period the database
// calls daylight saving, so the VTIMEZONE's STANDARD and DAYLIGHT labels are the one difference.
const NEGATIVE_DST = new Set(['Europe/Dublin']);
function withoutObservanceKind(ics) {
  return ics.replace(/^(BEGIN|END):(STANDARD|DAYLIGHT)$/gm, '$1:OBSERVANCE');
}

const cases = [];
ZONES.forEach(([zone, spring, autumn], i) => {
  cases.push({ ...TREATMENTS[i % 3], treated_at: spring, time_zone: zone });
  cases.push({ ...TREATMENTS[(i + 1) % 3], treated_at: autumn, time_zone: zone });
});
for (const [zone, at] of GAPS) cases.push({ ...TREATMENTS[0], treated_at: at, time_zone: zone });

for (const t of cases) {
  test(`${t.time_zone} ${t.treated_at} ${t.device}: json, text, html and ics as the command`, () => {
    const args = ['plan', ...cliArgs(t)];
    assert.equal(aftercare.toText(t), native([...args, '--format', 'text']));
    const json = native([...args, '--format', 'json']);
    assert.equal(aftercare.toJson(t), json);
    assert.deepEqual(aftercare.schedule(t), JSON.parse(json));
    assert.equal(aftercare.toHtml(t), native([...args, '--format', 'html']));
    const ics = aftercare.toIcs(t);
    const expected = withoutTzname(native([...args, '--format', 'ics']));
    if (NEGATIVE_DST.has(t.time_zone)) {
      assert.notEqual(ics, expected);
      assert.equal(withoutObservanceKind(ics), withoutObservanceKind(expected));
    } else {
      assert.equal(ics, expected);
    }
    assert.ok(!ics.includes('TZNAME'));
  });
}

test('reminder times in a gap and quiet hours across a change, as the command', () => {
  const t = { ...TREATMENTS[0], treated_at: '2026-03-27T14:00', time_zone: 'Europe/London' };
  const preferences = { wake: '01:00', morning: '01:30', bed: '23:30' };  // 01:30 on 29 March is in the gap
  const args = ['plan', ...cliArgs(t), ...prefArgs(preferences)];
  assert.equal(aftercare.toText(t, { preferences }), native([...args, '--format', 'text']));
  assert.equal(aftercare.toIcs(t, { preferences }), withoutTzname(native([...args, '--format', 'ics'])));
});

test('triage and screening as the command', () => {
  const t = { ...TREATMENTS[0], treated_at: '2026-11-21T14:00', time_zone: 'America/New_York' };
  const reports = { reports: [{ symptom: 'redness', seen_at: '2026-11-23T09:00', severity: 'mild' }, { symptom: 'pus', hours_after: 30 }] };
  const triageArgs = ['triage', ...cliArgs(t), '--symptom', 'redness', '--seen-at', '2026-11-23T09:00', '--severity', 'mild',
    '--symptom', 'pus', '--hours-after', '30', '--as-of', '2026-11-24T12:00'];
  const triaged = native([...triageArgs, '--format', 'json']);
  assert.deepEqual(aftercare.triage(t, reports, { asOf: '2026-11-24T12:00' }), JSON.parse(triaged));
  assert.equal(aftercare.triage(t, reports, { asOf: '2026-11-24T12:00', format: 'text' }), native(triageArgs));
  const history = { conditions: ['active_acne'], as_of: '2026-11-21' };
  const screened = native(['screen', ...cliArgs(t), '--condition', 'active_acne', '--as-of', '2026-11-21', '--format', 'json']);
  assert.deepEqual(aftercare.screen(t, history), JSON.parse(screened));
  assert.equal(aftercare.screen(t, history, { format: 'text' }),
    native(['screen', ...cliArgs(t), '--condition', 'active_acne', '--as-of', '2026-11-21']));
});

test('a protocol from its text gives the same plan as the default', () => {
  const p = aftercare.defaultProtocol();
  assert.equal(p.id, 'aftercare.microneedling.default');
  const t = { ...TREATMENTS[1], treated_at: '2026-05-01T10:00', time_zone: 'Asia/Tokyo' };
  assert.deepEqual(aftercare.schedule(t, { protocol: p }), aftercare.schedule(t));
  p.dispose();
  assert.throws(() => aftercare.schedule(t, { protocol: p }), { name: 'AftercareError', field: 'protocol' });
});
