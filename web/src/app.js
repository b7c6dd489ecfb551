// The situation map: control of places by side, event markers by type, a date slider, filters,
// popups with evidence, and the summary panel. All data comes from the sitrep HTTP API on the same
// origin; report text is inserted only as text (see common.js).
'use strict';

const PALETTE = ['#d62728', '#1f77b4', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#393b79',
  '#ff9896', '#aec7e8', '#98df8a', '#c5b0d5', '#ffbb78', '#637939', '#f7b6d2', '#9edae5', '#dbdb8d', '#7f7f7f'];
const TYPE_CLASS = {
  'Battles': ['battles', 'B'],
  'Explosions/Remote violence': ['explosions', 'X'],
  'Violence against civilians': ['violence', 'V'],
  'Protests': ['protests', 'P'],
  'Riots': ['riots', 'R'],
  'Strategic developments': ['strategic', 'S'],
};
const MODALITIES = ['asserted', 'reported', 'claimed', 'disputed', 'planned', 'forecast', 'hypothetical', 'negated'];
const MODALITY_DEFAULT_OFF = new Set(['negated', 'hypothetical']);
const DAY = 86400000;

const app = {
  meta: null,
  dates: [],
  colors: new Map(),
  patterns: new Set(),
  control: null,
  areas: null,
  borders: null,
  events: null,
  seq: 0,
  /** ISO2 country code -> Promise of its admin-1 features (or null when the build has none). */
  admin1: new Map(),
  admin1Index: null,
  /** True when every request covers the whole map (a small store). */
  whole: true,
  /** The area [west, south, east, north] the shown data covers (null: the whole map; undefined:
   * nothing loaded yet). */
  loaded: undefined,
};
/** Events asked per refresh: enough for a map, bounded so that a large store answers quickly. */
const EVENT_LIMIT = 2000;
/** Up to this many events and control observations the page asks for everything at once (and
 * fits the first view to it); a larger store is asked only for the view plus a margin. */
const WHOLE_MAP_MAX = 5000;
/** The margin on each side of the view that a bounded request covers, as a fraction of the view's size
 * (at 1M synthetic events the first view asks 0.4 MB of control instead of 2.5 MB for the whole map). */
const VIEW_MARGIN = 0.25;

const $ = (id) => document.getElementById(id);
const status = (msg) => { $('status').textContent = msg || ''; };

const map = L.map('map', { worldCopyJump: true, minZoom: 2, maxZoom: 13 }).setView([35, 39], 6);
map.attributionControl.setPrefix('Leaflet');
map.attributionControl.addAttribution('Basemap: Natural Earth (public domain) | Places: GeoNames (CC BY 4.0)');
map.createPane('base').style.zIndex = 250;
map.createPane('borders').style.zIndex = 260;
map.createPane('areas').style.zIndex = 410;
map.createPane('control').style.zIndex = 420;
map.createPane('events').style.zIndex = 640;
app.borders = L.layerGroup().addTo(map);
app.bordersRenderer = L.canvas({ pane: 'borders' });
app.areas = L.layerGroup().addTo(map);
app.control = L.layerGroup().addTo(map);
app.events = L.layerGroup().addTo(map);

function iso(d) { return new Date(d).toISOString().slice(0, 10); }

/** The side an actor belongs to: its country and sector when known (so that "the army" and
 * "government troops" of one country share a colour), else its id or name. */
function actorKey(a) {
  if (!a) return '';
  if (a.country && a.sector) return `${a.country}/${a.sector}`.toLowerCase();
  return String(a.id || a.name || '').toLowerCase();
}

function colorOf(actor) {
  const k = actorKey(actor);
  if (!app.colors.has(k)) app.colors.set(k, PALETTE[app.colors.size % PALETTE.length]);
  return app.colors.get(k);
}

/** A striped SVG pattern of two colours (contested places); ids depend only on our palette. */
function stripes(c1, c2) {
  const id = 'stripe-' + (c1 + c2).replace(/[^0-9a-f]/gi, '');
  if (!app.patterns.has(id)) {
    const ns = 'http://www.w3.org/2000/svg';
    const p = document.createElementNS(ns, 'pattern');
    p.setAttribute('id', id);
    p.setAttribute('patternUnits', 'userSpaceOnUse');
    p.setAttribute('width', '8');
    p.setAttribute('height', '8');
    p.setAttribute('patternTransform', 'rotate(45)');
    const a = document.createElementNS(ns, 'rect');
    a.setAttribute('width', '4'); a.setAttribute('height', '8'); a.setAttribute('fill', c1);
    const b = document.createElementNS(ns, 'rect');
    b.setAttribute('x', '4'); b.setAttribute('width', '4'); b.setAttribute('height', '8'); b.setAttribute('fill', c2);
    p.append(a, b);
    document.querySelector('#patterns defs').appendChild(p);
    app.patterns.add(id);
  }
  return `url(#${id})`;
}

function typeOf(e) {
  if (e.acled && TYPE_CLASS[e.acled.event_type]) return TYPE_CLASS[e.acled.event_type];
  return ['other', '•'];
}

function typeLabel(e) {
  if (e.acled) return e.acled.sub_event_type || e.acled.event_type;
  if (e.plover) return 'PLOVER ' + e.plover.event;
  return 'Event';
}

function badge(modality) { return el('span', 'badge ' + modality, modality); }

function names(list) { return (list || []).map((a) => a.name).join(', '); }

function precisionWords(p) {
  return p === 1 ? 'the place itself' : p === 2 ? 'near the place / part of a region' : 'province or country only';
}

// ---------- popups ----------

function eventPopup(e) {
  const box = el('div', 'popup');
  box.appendChild(el('h3', null, typeLabel(e), badge(e.modality)));
  const when = e.date ? (e.date.start === e.date.end ? e.date.start : `${e.date.start} – ${e.date.end}`) + ` (${e.date.precision})`
    : `reported ${e.report.published || 'undated'}`;
  box.appendChild(el('div', 'meta', when));
  if (e.place) box.appendChild(el('div', 'meta', `${e.place.name} · ${precisionWords(e.place.precision)}`));
  const a1 = names(e.actor1), a2 = names(e.actor2);
  if (a1 || a2) box.appendChild(el('div', 'actors', [a1 || '?', a2].filter(Boolean).join(' → ')));
  if (e.attributed_to && e.attributed_to.length) box.appendChild(el('div', 'meta', 'according to ' + names(e.attributed_to)));
  const marks = [{ span: e.trigger.span, kind: 'trigger', label: typeLabel(e) }];
  for (const a of [...(e.actor1 || []), ...(e.actor2 || [])]) if (a.span) marks.push({ span: a.span, kind: 'actor', label: a.name });
  if (e.place && e.place.span) marks.push({ span: e.place.span, kind: 'place', label: e.place.name });
  const q = el('blockquote', 'evidence');
  renderMarked(q, e.evidence.text, e.evidence.span[0], marks);
  box.appendChild(q);
  const src = el('div', 'source meta', `Source: ${e.report.source || 'unknown'}, ${e.report.published || 'undated'} · report ${e.report.id}, sentence ${e.evidence.sentence + 1} · `);
  src.appendChild(reportLink(e.report.id, e.evidence.sentence));
  box.appendChild(src);
  const others = (e.sources || []).slice(1);
  if (others.length) {
    box.appendChild(el('div', 'fact', `Also reported in ${others.length} other source${others.length === 1 ? '' : 's'}:`));
    for (const s of others.slice(0, 4)) box.appendChild(sourceBlock(s));
    if (others.length > 4) box.appendChild(el('div', 'meta', `and ${others.length - 4} more`));
  }
  return box;
}

function sourceBlock(s) {
  const d = el('div', 'source');
  d.appendChild(el('div', 'meta', `${s.report.source || 'unknown'}, ${s.report.published || 'undated'} `, badge(s.modality)));
  const q = el('blockquote', 'evidence');
  renderMarked(q, s.evidence.text, s.evidence.span[0], s.mentions || []);
  d.appendChild(q);
  d.appendChild(reportLink(s.report.id, s.evidence.sentence, `report ${s.report.id}, sentence ${s.evidence.sentence + 1}`));
  return d;
}

function controlPopup(st) {
  const box = el('div', 'popup');
  box.appendChild(el('h3', null, st.place.name, badge(st.modality)));
  let what;
  if (st.status === 'contested') what = 'Contested: ' + [st.controller, ...(st.contenders || [])].map((a) => a.name).join(' vs ');
  else if (st.status === 'besieged') what = `Besieged, held by ${st.controller.name}`;
  else what = `Held by ${st.controller.name}`;
  box.appendChild(el('div', 'fact', what));
  box.appendChild(el('div', 'meta', `since ${st.since || '?'}${st.until ? ' until ' + st.until : ''} · confidence ${Number(st.confidence).toFixed(2)}`));
  for (const s of st.sources.slice(0, 5)) box.appendChild(sourceBlock(s));
  if (st.sources.length > 5) box.appendChild(el('div', 'meta', `and ${st.sources.length - 5} more sources`));
  if (st.place.geonameid != null) {
    const btn = el('button', 'history-btn', 'History of this place');
    btn.type = 'button';
    const out = el('ol', 'history');
    btn.addEventListener('click', async () => {
      out.textContent = '';
      try {
        const h = await getJSON(`api/places/${encodeURIComponent(st.place.geonameid)}/history`);
        for (const iv of h.intervals) {
          out.appendChild(el('li', null, `${iv.since || '?'} → ${iv.until || 'now'}: ${iv.status} by ${iv.controller.name} (${iv.modality}, ${iv.sources.length} source${iv.sources.length === 1 ? '' : 's'})`));
        }
      } catch (err) { out.appendChild(el('li', null, 'error: ' + err.message)); }
    });
    box.append(btn, out);
  }
  return box;
}

// ---------- admin-1 areas ----------

/** A control fact about a province, governorate or state (GeoNames feature ADM1) colours its area. */
function isArea(st) { return /^ADM1/.test(st.place.feature_code || ''); }

/** The admin-1 areas of a country (Natural Earth, built into basemap/admin1/), loaded once; their
 * borders join the basemap. Resolves to [] when the build has no file for the country. */
function admin1Of(cc) {
  if (!cc) return Promise.resolve([]);
  if (!app.admin1.has(cc)) {
    const known = app.admin1Index ? Promise.resolve(app.admin1Index)
      : fetch('basemap/admin1/index.json').then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
    app.admin1.set(cc, known.then((idx) => {
      app.admin1Index = idx;
      if (!Object.prototype.hasOwnProperty.call(idx, cc)) return [];
      return fetch(`basemap/admin1/${encodeURIComponent(cc)}.geojson`).then((r) => (r.ok ? r.json() : { features: [] }));
    }).then((g) => {
      const feats = (g && g.features) || [];
      if (feats.length) {
        L.geoJSON({ type: 'FeatureCollection', features: feats }, {
          pane: 'borders', renderer: app.bordersRenderer, interactive: false,
          style: { color: '#9a9a9a', weight: 0.7, dashArray: '3 3', fill: false },
        }).addTo(app.borders);
      }
      return feats;
    }).catch(() => []));
  }
  return app.admin1.get(cc);
}

function inRing(x, y, ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function contains(geometry, lon, lat) {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polys.some((rings) => inRing(lon, lat, rings[0]) && !rings.slice(1).some((h) => inRing(lon, lat, h)));
}

/** The area of a province-level fact: by GeoNames id, else admin-1 code, else the area containing its point. */
function areaOf(st, feats) {
  const p = st.place;
  return feats.find((f) => p.geonameid != null && f.properties.gn_id === p.geonameid)
    || feats.find((f) => p.admin1 && f.properties.admin1 === p.admin1)
    || feats.find((f) => contains(f.geometry, p.lon, p.lat))
    || null;
}

/** Loads the admin-1 areas of every country with control facts (their borders are drawn too). */
function loadAreas(places) {
  const ccs = new Set(places.map((st) => st.place.country).filter(Boolean));
  return Promise.all([...ccs].map(admin1Of));
}

// ---------- layers ----------

function controlStyle(st) {
  const color = colorOf(st.controller);
  let fill = color;
  if (st.status === 'contested') {
    const other = st.contenders && st.contenders.length ? colorOf(st.contenders[0]) : '#ffffff';
    fill = stripes(color, other);
  }
  return {
    color: st.status === 'besieged' ? '#000' : '#333',
    weight: st.status === 'besieged' ? 5 : 2,
    dashArray: st.modality === 'claimed' || st.modality === 'disputed' ? '5 4' : null,
    fillColor: fill,
    fillOpacity: 0.7,
  };
}

/** Draws control: provinces as coloured areas (below), towns as circles; returns the number of areas. */
async function renderControl(places, seq) {
  await loadAreas(places);
  if (seq !== app.seq) return -1;
  app.control.clearLayers();
  app.areas.clearLayers();
  let areas = 0;
  for (const st of places) {
    const feat = isArea(st) ? areaOf(st, await admin1Of(st.place.country)) : null;
    let m;
    if (feat) {
      const style = controlStyle(st);
      m = L.geoJSON(feat, {
        pane: 'areas',
        style: { ...style, weight: Math.max(1, style.weight - 0.5), fillOpacity: 0.45, className: `ctl ctl-area ctl-${st.status}` },
      });
      m.bindTooltip(`${st.place.name} (province)`, { sticky: true });
      m.addTo(app.areas);
      areas += 1;
    } else {
      m = L.circleMarker([st.place.lat, st.place.lon], { pane: 'control', radius: 16, ...controlStyle(st), className: `ctl ctl-${st.status}` });
      m.bindTooltip(st.place.name, { direction: 'top', offset: [0, -14] });
      m.addTo(app.control);
    }
    m.bindPopup(() => controlPopup(st), { maxWidth: 380 });
  }
  return areas;
}

/** The icon of an event; `n` is its rank among the events at the same place. Icons sit beside the
 * place (pixel offsets, so they never hide the control circle), in rows of four. */
function eventIcon(e, n) {
  const [cls, sym] = typeOf(e);
  const d = el('div', `ev-icon t-${cls} m-${e.modality}`, sym);
  if (['claimed', 'disputed', 'reported'].includes(e.modality)) d.appendChild(el('sup', null, '?'));
  const col = n % 4, row = Math.floor(n / 4);
  const x = 20 + 25 * col, y = 11 + 25 * row;
  return L.divIcon({ html: d, className: 'ev-marker', iconSize: [22, 22], iconAnchor: [-x, y], popupAnchor: [x + 11, -y] });
}

function renderEvents(events) {
  app.events.clearLayers();
  const seen = new Map();
  for (const e of events) {
    if (!e.place) continue;
    const key = `${e.place.lat},${e.place.lon}`;
    const n = seen.get(key) || 0;
    seen.set(key, n + 1);
    const m = L.marker([e.place.lat, e.place.lon], { pane: 'events', icon: eventIcon(e, n), title: typeLabel(e), keyboard: true });
    m.bindPopup(() => eventPopup(e), { maxWidth: 380 });
    m.addTo(app.events);
  }
}

function legendSwatch(fill, extra) {
  const s = el('span', 'swatch');
  if (fill.startsWith('url(')) {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', '14'); svg.setAttribute('height', '14');
    const c = document.createElementNS(ns, 'circle');
    c.setAttribute('cx', '7'); c.setAttribute('cy', '7'); c.setAttribute('r', '7'); c.setAttribute('fill', fill);
    svg.appendChild(c);
    s.style.border = 'none';
    s.appendChild(svg);
  } else s.style.background = fill;
  if (extra) Object.assign(s.style, extra);
  return s;
}

function renderLegend(places) {
  const box = $('legend-control');
  box.textContent = '';
  const sides = new Map();
  for (const st of places) {
    for (const a of [st.controller, ...(st.contenders || [])]) {
      const k = actorKey(a);
      if (!sides.has(k)) sides.set(k, { actor: a, names: new Set() });
      sides.get(k).names.add(a.name);
    }
  }
  for (const s of sides.values()) {
    box.appendChild(el('div', 'legend-row', null, legendSwatch(colorOf(s.actor)), document.createTextNode([...s.names].join(' / '))));
  }
  if (!sides.size) box.appendChild(el('div', 'meta', 'No control reported up to this day.'));
  box.appendChild(el('div', 'legend-row', null, legendSwatch(stripes('#777777', '#ffffff')), document.createTextNode('contested (stripes of the sides)')));
  box.appendChild(el('div', 'legend-row', null, legendSwatch('#bbbbbb', { borderRadius: '0' }), document.createTextNode('province / governorate (area), town (circle)')));
  box.appendChild(el('div', 'legend-row', null, legendSwatch('#fff', { border: '3px solid #000' }), document.createTextNode('besieged')));
  box.appendChild(el('div', 'legend-row', null, legendSwatch('#fff', { border: '2px dashed #333' }), document.createTextNode('claimed by a party only')));
  const ev = $('legend-events');
  ev.textContent = '';
  for (const [name, [cls, sym]] of Object.entries(TYPE_CLASS)) {
    ev.appendChild(el('div', 'legend-row', null, el('span', `ev-icon t-${cls}`, sym), document.createTextNode(' ' + name)));
  }
  ev.appendChild(el('div', 'legend-row', null, el('span', 'ev-icon t-other', '•'), document.createTextNode(' other (PLOVER only)')));
  ev.appendChild(el('div', 'legend-row', null, el('span', 'ev-icon t-battles m-claimed', 'B', el('sup', null, '?')), document.createTextNode(' claimed / reported: dashed, with ?')));
  ev.appendChild(el('div', 'legend-row', null, el('span', 'ev-icon t-battles m-forecast', 'B'), document.createTextNode(' planned / forecast: faded, dotted')));
}

// ---------- data ----------

function currentDate() { return app.dates[Number($('slider').value)] || null; }

function checked(container) {
  return [...document.querySelectorAll(`#${container} input[type=checkbox]`)].filter((c) => c.checked).map((c) => c.value);
}

/** The view plus a margin as [west, south, east, north] in degrees, or null when that covers the
 * whole world (or wraps around the antimeridian: then the whole map is asked for). */
function viewArea() {
  const b = map.getBounds().pad(VIEW_MARGIN);
  const w = b.getWest(), e = b.getEast();
  if (e - w >= 360 || w < -180 || e > 180) return null;
  const r = (x) => Math.round(x * 100) / 100;
  return [r(w), r(Math.max(-90, b.getSouth())), r(e), r(Math.min(90, b.getNorth()))];
}

/** True when the data shown covers the current view (so that a pan or zoom needs no request). */
function viewLoaded() {
  if (app.whole || app.loaded === null) return true;
  if (!app.loaded) return false;
  const b = map.getBounds();
  const [w, s, e, n] = app.loaded;
  return b.getWest() >= w && b.getEast() <= e && b.getSouth() >= s && b.getNorth() <= n;
}

async function refresh() {
  const date = currentDate();
  if (!date) return;
  const seq = ++app.seq;
  const area = app.whole ? null : viewArea();
  const bbox = area ? '&bbox=' + area.join(',') : '';
  $('date-label').textContent = date;
  const win = Number($('window').value);
  const types = checked('types'), allTypes = document.querySelectorAll('#types input').length;
  const mods = checked('modalities');
  const p = new URLSearchParams({ to: date });
  if (win > 0) p.set('from', iso(Date.parse(date) - (win - 1) * DAY));
  if (types.length < allTypes) p.set('type', types.join(','));
  p.set('modality', mods.join(','));
  if ($('actor').value) p.set('actor', $('actor').value);
  p.set('limit', String(EVENT_LIMIT));
  if (area) p.set('bbox', area.join(','));
  try {
    const [ctl, evs] = await Promise.all([
      getJSON('api/control?as_of=' + date + bbox),
      types.length && mods.length ? getJSON('api/events?' + p) : Promise.resolve({ events: [] }),
    ]);
    if (seq !== app.seq) return;
    const areas = await renderControl(ctl.places, seq);
    if (areas < 0) return;
    app.loaded = area;
    renderEvents(evs.events);
    renderLegend(ctl.places);
    status(evs.events.length >= EVENT_LIMIT
      ? `Showing the first ${EVENT_LIMIT} events of this window${area ? ' in this part of the map' : ''}: narrow the filters or zoom in to see the rest.` : '');
    document.body.dataset.date = date;
    document.body.dataset.places = String(ctl.places.length);
    document.body.dataset.areas = String(areas);
    document.body.dataset.events = String(evs.events.length);
    document.body.dataset.bbox = area ? area.join(',') : '';
  } catch (err) {
    status('Could not load data: ' + err.message);
  }
}

async function summarize() {
  const date = currentDate();
  if (!date) return;
  const win = Number($('window').value) || 30;
  const from = iso(Math.max(Date.parse(date) - (win - 1) * DAY, Date.parse(app.meta.first_date || date)));
  const box = $('summary');
  box.textContent = 'Loading…';
  try {
    const s = await getJSON(`api/summary?from=${from}&to=${date}`);
    box.textContent = '';
    box.appendChild(el('div', 'meta', `${s.from} to ${s.to}`));
    if (!s.sections.length) box.appendChild(el('p', null, 'Nothing was reported in this period.'));
    for (const sec of s.sections) {
      const part = el('section', null, null, el('h3', null, sec.region));
      for (const [title, lines] of [['What changed hands', sec.changed_hands], ['Fighting', sec.fighting], ['Political moves', sec.political]]) {
        if (!lines.length) continue;
        part.appendChild(el('h4', null, title));
        const ul = el('ul');
        for (const l of lines) {
          const li = el('li', l.modality, l.text + ' ');
          l.citations.forEach((c, i) => {
            li.appendChild(el('cite', null, null, reportLink(c.report, c.sentence, `[${c.report}, s.${c.sentence + 1}]`)));
            if (i + 1 < l.citations.length) li.appendChild(document.createTextNode(' '));
          });
          ul.appendChild(li);
        }
        part.appendChild(ul);
      }
      box.appendChild(part);
    }
  } catch (err) {
    box.textContent = 'Could not build the summary: ' + err.message;
  }
}

function checkbox(container, value, label, on) {
  const c = el('input');
  c.type = 'checkbox';
  c.value = value;
  c.checked = on;
  c.addEventListener('change', refresh);
  $(container).appendChild(el('label', null, null, c, document.createTextNode(' ' + label)));
}

async function init() {
  fetch('basemap/countries.geojson')
    .then((r) => r.json())
    .then((g) => L.geoJSON(g, {
      pane: 'base', renderer: L.canvas({ pane: 'base' }), interactive: false,
      style: { color: '#8a8a8a', weight: 0.8, fillColor: '#f2efe6', fillOpacity: 1 },
    }).addTo(map))
    .catch(() => status('basemap missing'));
  try {
    app.meta = await getJSON('api/meta');
  } catch (err) {
    status('Could not reach the API: ' + err.message);
    return;
  }
  const m = app.meta;
  for (const a of m.controllers || []) colorOf(a);
  for (const t of m.event_types) checkbox('types', t, t, true);
  for (const mod of MODALITIES) checkbox('modalities', mod, mod, !MODALITY_DEFAULT_OFF.has(mod));
  for (const a of m.actors) { const o = el('option', null, a); o.value = a; $('actor').appendChild(o); }
  if (m.first_date && m.last_date) {
    for (let t = Date.parse(m.first_date); t <= Date.parse(m.last_date); t += DAY) app.dates.push(iso(t));
  } else {
    app.dates.push(iso(Date.now()));
    status('No dated events or control observations yet.');
  }
  const slider = $('slider');
  slider.max = String(app.dates.length - 1);
  slider.value = slider.max;
  let timer = null;
  slider.addEventListener('input', () => {
    $('date-label').textContent = currentDate();
    clearTimeout(timer);
    timer = setTimeout(refresh, 120);
  });
  $('window').addEventListener('change', refresh);
  $('actor').addEventListener('change', refresh);
  $('summary-btn').addEventListener('click', () => { $('summary-close').hidden = false; summarize(); });
  $('summary-close').addEventListener('click', () => { $('summary').textContent = ''; $('summary-close').hidden = true; });
  // A small store is shown whole (the first view fits all of it); a large one view by view.
  app.whole = (m.events || 0) <= WHOLE_MAP_MAX && (m.controls || 0) <= WHOLE_MAP_MAX
    && new URLSearchParams(location.search).get('view') !== 'bbox';
  // A large store opens where its recent events are (the API's extent of them).
  if (!app.whole && m.extent) {
    const [w, so, e, n] = m.extent;
    map.fitBounds(L.latLngBounds([so, w], [n, e]).pad(0.1), { maxZoom: 8, animate: false });
  }
  let moved = null;
  map.on('moveend', () => {
    if (viewLoaded()) return;
    clearTimeout(moved);
    moved = setTimeout(refresh, 250);
  });
  await refresh();
  if (!app.whole) return;
  // Fit the view to what is known.
  const bounds = L.latLngBounds([]);
  app.control.eachLayer((l) => bounds.extend(l.getLatLng()));
  app.events.eachLayer((l) => bounds.extend(l.getLatLng()));
  app.areas.eachLayer((l) => bounds.extend(l.getBounds()));
  if (bounds.isValid()) map.fitBounds(bounds.pad(0.3), { maxZoom: 8 });
}

init();
