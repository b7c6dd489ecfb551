// Browser tests of the situation map in real headless Chromium (Debian's /usr/bin/chromium),
// driven by playwright-core. The server is `sitrep serve --db memory:demo` on a free loopback port.
// Screenshots go to target/browser/. Run: node --test tests/browser/ (scripts/test does).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
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

const CHROMIUM = process.env.SITREP_CHROMIUM || '/usr/bin/chromium';
const BIN = process.env.SITREP_BIN || join(root, 'target', 'debug', 'sitrep');

let server, base, browser;

function startServer() {
  return new Promise((resolve, reject) => {
    const p = spawn(BIN, ['serve', '--db', process.env.SITREP_TEST_DB || 'memory:demo', '--addr', '127.0.0.1:0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, SITREP_TOKEN: '' },
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start: ' + out)), 20000);
    p.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/[^\s]+\//);
      if (m) { clearTimeout(timer); resolve([p, m[0]]); }
    });
    p.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

before(async () => {
  assert.ok(existsSync(BIN), `build the binary first (cargo build -p sitrep): ${BIN}`);
  [server, base] = await startServer();
  // A fresh profile directory each run (playwright passes it as --user-data-dir).
  browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'sitrep-chromium-')), {
    executablePath: CHROMIUM,
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

async function openMap() {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(base);
  await page.waitForSelector('body[data-date]');
  await page.waitForSelector('.leaflet-overlay-pane path, .leaflet-pane path.ctl');
  return { page, errors };
}

test('the map renders control areas, event markers, legend and attribution', async () => {
  const { page, errors } = await openMap();
  const places = await page.locator('path.ctl').count();
  const markers = await page.locator('#map .ev-icon').count();
  assert.ok(places >= 4, `control areas: ${places}`);
  assert.ok(markers >= 1, `event markers: ${markers}`);
  assert.ok(await page.locator('path.ctl-contested').count() >= 1, 'a contested place is drawn');
  const fill = await page.locator('path.ctl-contested').first().getAttribute('fill');
  assert.match(fill, /^url\(#stripe-/, 'contested places are striped');
  // Province-level facts colour their Natural Earth admin-1 area; a contested province is striped.
  assert.equal(await page.getAttribute('body', 'data-areas'), '2', 'Hasakah and Raqqa provinces as areas');
  assert.equal(await page.locator('path.ctl-area').count(), 2);
  assert.match(await page.locator('path.ctl-area.ctl-contested').getAttribute('fill'), /^url\(#stripe-/);
  const attribution = await page.locator('.leaflet-control-attribution').innerText();
  assert.match(attribution, /GeoNames/);
  assert.match(attribution, /Natural Earth/);
  assert.match(await page.locator('#legend').innerText(), /Syrian Arab Army/);
  // The basemap canvas is drawn.
  assert.ok(await page.locator('.leaflet-pane canvas').count() >= 1);
  await page.screenshot({ path: join(shots, 'map.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the slider re-renders control and events as of the chosen day', async () => {
  const { page } = await openMap();
  const lastPlaces = Number(await page.getAttribute('body', 'data-places'));
  // Slide to the first day: only what was known then.
  await page.locator('#slider').fill('0');
  await page.waitForSelector('body[data-date="2017-10-20"]');
  const firstPlaces = Number(await page.getAttribute('body', 'data-places'));
  assert.ok(firstPlaces < lastPlaces, `fewer places on the first day (${firstPlaces} < ${lastPlaces})`);
  assert.equal(await page.locator('path.ctl-contested').count(), 0, 'nothing contested on the first day');
  assert.equal(await page.locator('path.ctl-besieged').count(), 1, 'Deir ez-Zor besieged on the first day');
  await page.screenshot({ path: join(shots, 'map-first-day.png') });
  await page.close();
});

test('a popup shows the evidence sentence with the mentions highlighted and a report link', async () => {
  const { page } = await openMap();
  // Filter to battles only and open an event popup.
  await page.locator('#map .ev-icon.t-battles').first().click();
  const popup = page.locator('.leaflet-popup-content');
  await popup.waitFor();
  const evidence = popup.locator('blockquote.evidence');
  assert.ok((await evidence.innerText()).length > 20);
  assert.ok(await evidence.locator('.m-trigger').count() >= 1, 'trigger highlighted');
  assert.ok(await evidence.locator('.m-place, .m-actor').count() >= 1, 'mentions highlighted');
  assert.ok(await popup.locator('a.report-link').count() >= 1);
  await page.screenshot({ path: join(shots, 'popup.png') });
  // Control popup of a place.
  await page.keyboard.press('Escape');
  // Abu Kamal lies next to Al Qa'im: dispatch the click on the contested place itself.
  await page.locator('path.ctl-contested').first().dispatchEvent('click');
  await page.locator('.leaflet-popup-content .fact').waitFor();
  assert.match(await page.locator('.leaflet-popup-content .fact').innerText(), /Contested/);
  await page.close();
});

test('modality filter hides claims and forecasts', async () => {
  const { page } = await openMap();
  await page.selectOption('#window', '0');
  await page.waitForFunction(() => document.querySelectorAll('#map .ev-icon.m-forecast').length > 0);
  const before = await page.locator('#map .ev-icon').count();
  await page.locator('#modalities input[value=claimed]').uncheck();
  await page.locator('#modalities input[value=forecast]').uncheck();
  // Each uncheck re-renders on its own: wait for the render after the second (forecast) one, not
  // just the first (the count drops once claims are gone, forecasts may still be drawn then).
  await page.waitForFunction(
    (n) => document.querySelectorAll('#map .ev-icon').length < n
      && document.querySelectorAll('#map .ev-icon.m-forecast').length === 0,
    before,
  );
  assert.equal(await page.locator('#map .ev-icon.m-claimed').count(), 0);
  assert.equal(await page.locator('#map .ev-icon.m-forecast').count(), 0);
  await page.close();
});

test('the summary panel cites its sources', async () => {
  const { page } = await openMap();
  await page.click('#summary-btn');
  await page.waitForSelector('#summary section');
  const text = await page.locator('#summary').innerText();
  assert.match(text, /says it took/);
  assert.ok(await page.locator('#summary cite a.report-link').count() >= 3);
  await page.screenshot({ path: join(shots, 'summary.png') });
  await page.close();
});

test('a report with <script> and onerror= text renders inert, with all mentions highlighted', async () => {
  const page = await browser.newPage();
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(base + 'report.html?id=demo-4&s=0');
  await page.waitForSelector('body[data-loaded]');
  const text = await page.locator('#r-text').innerText();
  assert.match(text, /<script>window.__xss=1<\/script>/, 'the markup shows as text');
  assert.match(text, /onerror=/);
  assert.equal(await page.locator('#r-text script, #r-text img, #report b').count(), 0, 'no element was injected');
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'no script ran');
  assert.match(await page.locator('#r-title').innerText(), /<b>bold<\/b>/);
  assert.ok(await page.locator('#r-text .m-place').count() >= 1);
  assert.ok(await page.locator('#r-text .focus').count() >= 1, 'the cited sentence is focused');
  assert.deepEqual(dialogs, []);
  await page.screenshot({ path: join(shots, 'report-xss.png') });
  // The map popups of that report are inert too.
  const { page: map } = await openMap();
  await map.selectOption('#window', '0');
  await map.waitForFunction(() => document.querySelectorAll('#map .ev-icon.t-explosions').length > 0);
  await map.locator('#map .ev-icon.t-explosions').first().click();
  await map.locator('.leaflet-popup-content blockquote').waitFor();
  assert.match(await map.locator('.leaflet-popup-content blockquote').innerText(), /<script>/);
  assert.equal(await map.locator('.leaflet-popup-content script, .leaflet-popup-content img').count(), 0);
  assert.equal(await map.evaluate(() => window.__xss), undefined);
  await map.close();
  await page.close();
});

test('web/dist is built from the current web/src (run `npm run build` in web/ after editing)', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  for (const f of readdirSync(join(root, 'web', 'src'))) {
    assert.equal(readFileSync(join(root, 'web', 'dist', f), 'utf8'), readFileSync(join(root, 'web', 'src', f), 'utf8'), f);
  }
});

test('a large store is asked for the view plus a margin, again after a pan and on the slider', async () => {
  // `?view=bbox` makes the page behave as on a large store (more than WHOLE_MAP_MAX facts).
  const page = await browser.newPage();
  const asked = [];
  page.on('request', (r) => { if (/\/api\/(control|events)\?/.test(r.url())) asked.push(r.url()); });
  await page.goto(base + '?view=bbox');
  await page.waitForSelector('body[data-date]');
  const first = await page.getAttribute('body', 'data-bbox');
  assert.match(first, /^-?[\d.]+,-?[\d.]+,-?[\d.]+,-?[\d.]+$/, `bbox of the first view: ${first}`);
  // The first view covers the extent of the recent events the API reports.
  const extent = await page.evaluate(() => app.meta.extent);
  const [west, south, east, north] = first.split(',').map(Number);
  assert.ok(extent && west <= extent[0] && south <= extent[1] && east >= extent[2] && north >= extent[3], `${first} covers ${extent}`);
  assert.ok(asked.length >= 2 && asked.every((u) => u.includes('bbox=')), `bounded requests: ${asked.join(' ')}`);
  assert.ok(Number(await page.getAttribute('body', 'data-places')) >= 1, 'the first view (Syria) shows control');
  // A small pan stays inside the margin: no new request.
  const before = asked.length;
  await page.evaluate(() => { map.panBy([40, 0], { animate: false }); });
  await page.waitForTimeout(600);
  assert.equal(asked.length, before, 'no request for a pan inside the loaded area');
  // A pan far away asks for the new view.
  await page.evaluate(() => { map.setView([10, -60], 6, { animate: false }); });
  await page.waitForFunction((b) => document.body.dataset.bbox !== b, first);
  assert.equal(await page.getAttribute('body', 'data-places'), '0', 'nothing reported in the Caribbean');
  // The slider re-asks for the current view.
  const n = asked.length;
  await page.locator('#slider').fill('0');
  await page.waitForSelector('body[data-date="2017-10-20"]');
  assert.ok(asked.slice(n).some((u) => u.includes('as_of=2017-10-20') && u.includes('bbox=-')), 'slider request bounded');
  await page.close();
});
