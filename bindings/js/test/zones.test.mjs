// The Intl zone source against the OS tz database: for every zone both know, the instants where
// the UTC offset changes from 2010 to 2035, as `zdump -v` (from the tz database in
// /usr/share/zoneinfo) lists them, are exactly the ends of the periods IntlZones finds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { IntlZones } from '../src/zones.mjs';

const FROM = Date.UTC(2010, 0, 1) / 1000;
const TO = Date.UTC(2035, 0, 1) / 1000;
const zdump = ['/usr/bin/zdump', '/usr/sbin/zdump'].find((p) => fs.existsSync(p));
const zones = Intl.supportedValuesOf('timeZone').filter((z) => fs.existsSync(`/usr/share/zoneinfo/${z}`));

// zone -> offset changes [instant, offset after] in [FROM, TO), from zdump.
function databaseChanges() {
  const out = execFileSync(zdump, ['-v', '-c', '2010,2035', ...zones], { encoding: 'utf8', maxBuffer: 256 << 20 });
  const changes = new Map(zones.map((z) => [z, []]));
  const last = new Map();
  for (const line of out.split('\n')) {
    const m = line.match(/^(\S+)\s+\w{3} (\w{3}) +(\d+) (\d\d):(\d\d):(\d\d) (\d{4}) UT = .* gmtoff=(-?\d+)$/);
    if (!m) continue;
    const [, zone, mon, day, hh, mm, ss, year, off] = m;
    const t = Date.UTC(Number(year), 'JanFebMarAprMayJunJulAugSepOctNovDec'.indexOf(mon) / 3, Number(day), Number(hh), Number(mm), Number(ss)) / 1000;
    const offset = Number(off);
    if (last.has(zone) && last.get(zone) !== offset && t >= FROM && t < TO) changes.get(zone).push([t, offset]);
    last.set(zone, offset);
  }
  return changes;
}

function intlChanges(source, zone) {
  const out = [];
  let p = source.periodAt(zone, FROM);
  while (p.end < TO) {
    const next = source.periodAt(zone, p.end);
    if (next.offset !== p.offset) out.push([p.end, next.offset]);
    p = next;
  }
  return out;
}

test('every offset change 2010–2035 in every zone, as the tz database has it', { skip: !zdump && 'zdump is not installed' }, () => {
  assert.ok(zones.length > 300, `${zones.length} zones`);
  const expected = databaseChanges();
  const source = new IntlZones();
  const differ = [];
  let count = 0;
  for (const zone of zones) {
    assert.equal(source.find(zone), zone);
    const got = intlChanges(source, zone);
    count += got.length;
    if (JSON.stringify(got) !== JSON.stringify(expected.get(zone))) differ.push(zone);
  }
  // Node's ICU and Debian's tzdata may be a release apart; no zone of the current data differs.
  assert.deepEqual(differ, []);
  assert.ok(count > 5000, `${count} changes compared`);
});

test('names: exact spelling only, links kept, nonsense refused', () => {
  const z = new IntlZones();
  assert.equal(z.find('Europe/London'), 'Europe/London');
  assert.equal(z.find('Asia/Kolkata'), 'Asia/Kolkata');   // Intl's canonical name is Asia/Calcutta
  assert.equal(z.find('Asia/Calcutta'), 'Asia/Calcutta');
  assert.equal(z.find('UTC'), 'UTC');
  for (const bad of ['europe/london', 'EUROPE/LONDON', 'Europe/Atlantis', '', ' Europe/London', '../etc/passwd', 'Europe/London\0', 'x'.repeat(10000)]) {
    assert.equal(z.find(bad), null, JSON.stringify(bad.slice(0, 20)));
  }
  assert.equal(z.periodAt('Mars/Olympus', 0), null);
});

test('a period: its ends, its offset, daylight saving', () => {
  const z = new IntlZones();
  const summer = z.periodAt('Europe/London', Date.UTC(2026, 6, 1) / 1000);
  assert.deepEqual(summer, { begin: Date.UTC(2026, 2, 29, 1) / 1000, end: Date.UTC(2026, 9, 25, 1) / 1000, offset: 3600, dst: true });
  const winter = z.periodAt('Australia/Lord_Howe', Date.UTC(2026, 6, 1) / 1000);
  assert.equal(winter.offset, 37800);
  assert.equal(winter.dst, false);
  const tokyo = z.periodAt('Asia/Tokyo', Date.UTC(2026, 6, 1) / 1000);
  assert.equal(tokyo.offset, 32400);
  assert.equal(tokyo.dst, false);
  assert.ok(tokyo.begin < Date.UTC(1970, 0, 1) / 1000 && tokyo.end > Date.UTC(2028, 0, 1) / 1000);
});
