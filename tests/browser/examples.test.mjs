// The map of the bundled example reports (examples/reports/), ingested by the real pipeline into a
// fresh SQLite store, in headless Chromium: control areas and event markers render, and the slider
// changes what is shown. Screenshot: target/browser/examples.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'web', 'package.json'));
const { chromium } = require('playwright-core');
const shots = join(root, 'target', 'browser');
mkdirSync(shots, { recursive: true });
const BIN = process.env.SITREP_BIN || join(root, 'target', 'debug', 'sitrep');

let server, base, browser;

before(async () => {
  assert.ok(existsSync(BIN), `build the binary first (cargo build -p sitrep): ${BIN}`);
  const db = join(mkdtempSync(join(tmpdir(), 'sitrep-examples-')), 'examples.db');
  const ingest = spawnSync(BIN, ['ingest', join(root, 'examples', 'reports'), '--db', db], { encoding: 'utf8' });
  assert.equal(ingest.status, 0, ingest.stderr);
  [server, base] = await new Promise((resolve, reject) => {
    const p = spawn(BIN, ['serve', '--db', db, '--addr', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start: ' + out)), 20000);
    p.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/[^\s]+\//);
      if (m) { clearTimeout(timer); resolve([p, m[0]]); }
    });
    p.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'sitrep-chromium-')), {
    executablePath: process.env.SITREP_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill('SIGINT');
});

test('the examples map shows control areas and event markers, and the slider changes them', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base);
  await page.waitForSelector('body[data-date]');
  await page.selectOption('#window', '0');
  await page.waitForFunction(() => document.querySelectorAll('#map .ev-icon').length > 0);
  const places = await page.locator('path.ctl').count();
  const markers = await page.locator('#map .ev-icon').count();
  assert.ok(places >= 1, `control areas: ${places}`);
  assert.ok(markers >= 1, `event markers: ${markers}`);
  await page.screenshot({ path: join(shots, 'examples.png') });
  // A control area's popup: the fact and its sources' evidence with the place highlighted.
  await page.locator('path.ctl').first().dispatchEvent('click');
  const popup = page.locator('.leaflet-popup-content');
  await popup.locator('.fact').waitFor();
  assert.match(await popup.locator('.fact').innerText(), /Held by|Contested|Besieged/);
  assert.ok(await popup.locator('blockquote.evidence').count() >= 1);
  assert.ok(await popup.locator('blockquote.evidence .m-place, blockquote.evidence .m-actor').count() >= 1,
    'mentions are highlighted in the evidence');
  await page.screenshot({ path: join(shots, 'examples-control-popup.png') });
  await page.keyboard.press('Escape');
  await page.locator('#slider').fill('0');
  await page.waitForFunction((n) => Number(document.body.dataset.events) < n, markers);
  assert.ok(Number(await page.getAttribute('body', 'data-places')) <= places);
  assert.deepEqual(errors, []);
  await page.close();
});
