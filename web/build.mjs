// Builds the offline web app into web/dist: copies the app sources and Leaflet (from npm, pinned in
// package-lock.json), and converts Natural Earth country shapes (npm package world-atlas, TopoJSON)
// to a small GeoJSON basemap. Run with `npm ci && npm run build`; web/dist is committed so that
// `cargo build` needs no npm.
import { readFileSync, writeFileSync, mkdirSync, rmSync, copyFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { feature } from 'topojson-client';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const nm = join(here, 'node_modules');

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'vendor', 'leaflet', 'images'), { recursive: true });
mkdirSync(join(dist, 'basemap'), { recursive: true });

for (const f of readdirSync(join(here, 'src'))) copyFileSync(join(here, 'src', f), join(dist, f));

const leaflet = join(nm, 'leaflet', 'dist');
copyFileSync(join(leaflet, 'leaflet.js'), join(dist, 'vendor', 'leaflet', 'leaflet.js'));
copyFileSync(join(leaflet, 'leaflet.css'), join(dist, 'vendor', 'leaflet', 'leaflet.css'));
for (const f of readdirSync(join(leaflet, 'images'))) {
  copyFileSync(join(leaflet, 'images', f), join(dist, 'vendor', 'leaflet', 'images', f));
}

// Rounds coordinates to 3 decimals (~100 m) and drops repeated points: a few MB at most.
function round(coords) {
  if (typeof coords[0] === 'number') return [Math.round(coords[0] * 1000) / 1000, Math.round(coords[1] * 1000) / 1000];
  const out = coords.map(round);
  if (typeof out[0][0] === 'number') {
    return out.filter((p, i) => i === 0 || i === out.length - 1 || p[0] !== out[i - 1][0] || p[1] !== out[i - 1][1]);
  }
  return out;
}

const topo = JSON.parse(readFileSync(join(nm, 'world-atlas', 'countries-50m.json'), 'utf8'));
const countries = feature(topo, topo.objects.countries);
for (const f of countries.features) {
  f.geometry = f.geometry && { type: f.geometry.type, coordinates: round(f.geometry.coordinates) };
  f.properties = { name: f.properties.name, iso_n3: f.id ?? null };
  delete f.id;
}
writeFileSync(join(dist, 'basemap', 'countries.geojson'), JSON.stringify(countries));

const pkg = (name) => JSON.parse(readFileSync(join(nm, name, 'package.json'), 'utf8')).version;
writeFileSync(
  join(dist, 'ATTRIBUTION.txt'),
  [
    'sitrep web map: third-party parts bundled in this directory',
    `- Leaflet ${pkg('leaflet')} (BSD-2-Clause), https://leafletjs.com`,
    `- Basemap: Natural Earth 1:50m countries (public domain), via world-atlas ${pkg('world-atlas')} (ISC)`,
    '- Place data shown on the map: GeoNames (CC BY 4.0), https://www.geonames.org',
    '',
  ].join('\n'),
);
let total = 0;
const walk = (d) => { for (const e of readdirSync(d, { withFileTypes: true })) { const p = join(d, e.name); if (e.isDirectory()) walk(p); else total += readFileSync(p).length; } };
walk(dist);
console.log(`web/dist built: ${(total / 1e6).toFixed(2)} MB`);
