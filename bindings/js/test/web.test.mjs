// The demo page (examples/web/) in headless Chromium: the form filled in from a link, the plan made
// by the WebAssembly core in the browser (zones from the browser's Intl), shown as the command
// gives it; a screenshot into the build tree (web-demo.png) to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from '../../../examples/web/serve.mjs';

const cli = process.env.AFTERCARE_CLI;
const pkg = process.env.AFTERCARE_JS_PACKAGE;
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

// Asynchronous: the page is served from this process, whose event loop must keep running.
async function browse(url, ...args) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-chromium-'));
  try {
    const { stdout } = await promisify(execFile)(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--hide-scrollbars',
      `--user-data-dir=${profile}`, '--virtual-time-budget=20000', ...args, url], { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 120000 });
    return stdout;
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

const treatment = { device: 'rf', depth_mm: '1.5', area: 'neck', skin_type: '4', indication: 'wrinkles',
  treated_at: '2026-03-26T15:30', time_zone: 'Europe/Berlin' };

test('the demo page makes the plan in the browser, as the command does', { skip: !chromium && 'Chromium is not installed' }, async () => {
  const server = await serve({ port: 0, pkg });
  try {
    const url = `http://127.0.0.1:${server.address().port}/?${new URLSearchParams(treatment)}`;
    const dom = await browse(url, '--window-size=1100,1500', '--dump-dom');
    assert.match(dom, /data-state="shown"/, 'the page showed a plan');
    assert.match(dom, /data-fits="yes"/, 'nothing wider than a desktop window');
    const phone = await browse(url, '--window-size=390,1100', '--dump-dom');
    assert.match(phone, /data-fits="yes"/, 'nothing wider than a phone');
    assert.doesNotMatch(dom, /role="alert">[^<]/, 'no error was shown');

    // Every effect and restriction row carries the instants the command gives for it.
    const expected = JSON.parse(execFileSync(cli, ['plan', '--device', 'rf', '--depth', '1.5', '--area', 'neck', '--skin-type', '4',
      '--indication', 'wrinkles', '--treated-at', treatment.treated_at, '--tz', treatment.time_zone, '--format', 'json'], { encoding: 'utf8' }));
    const rows = [...dom.matchAll(/<tr data-code="([^"]+)">(.*?)<\/tr>/gs)];
    const shown = expected.entries.filter((e) => e.kind === 'effect' || e.kind === 'restriction');
    assert.equal(rows.length, shown.length);
    for (const [i, e] of shown.entries()) {
      const [, code, cells] = rows[i];
      assert.equal(code, e.code);
      const instants = [...cells.matchAll(/data-instant="([^"]+)"/g)].map((m) => m[1]);
      assert.deepEqual(instants, [e.start, e.end].filter(Boolean), e.code);
    }
    assert.match(dom, new RegExp(`${expected.reminders.length} reminders in Europe/Berlin`));

    // A zone the browser does not know comes back as the typed error, named.
    const bad = await browse(`http://127.0.0.1:${server.address().port}/?${new URLSearchParams({ ...treatment, time_zone: 'Europe/Atlantis' })}`, '--dump-dom');
    assert.match(bad, /role="alert">\/time_zone 'Europe\/Atlantis' is not a time zone/);

    const shot = path.join(path.dirname(path.resolve(pkg)), 'web-demo.png');
    await browse(url, '--window-size=1100,1500', `--screenshot=${shot}`);
    assert.ok(fs.statSync(shot).size > 10000, 'a screenshot was written');
    const phoneShot = path.join(path.dirname(path.resolve(pkg)), 'web-demo-phone.png');
    await browse(url, '--window-size=390,1100', `--screenshot=${phoneShot}`);
    assert.ok(fs.statSync(phoneShot).size > 10000, 'a phone screenshot was written');
  } finally {
    server.close();
  }
});
