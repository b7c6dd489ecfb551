// Helpers shared by the map and the report page. Report text is untrusted: every piece of it goes
// into the page through textContent / createTextNode, never through innerHTML.
'use strict';

/** Creates an element with optional class and text (textContent) and appends children. */
function el(tag, cls, text, ...children) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  for (const c of children) if (c) e.appendChild(c);
  return e;
}

async function getJSON(url) {
  const r = await fetch(url);
  let body = null;
  try { body = await r.json(); } catch (_) { /* not JSON */ }
  if (!r.ok) {
    const msg = body && body.error ? body.error.message : `HTTP ${r.status}`;
    throw new Error(msg);
  }
  return body;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/**
 * Renders `text` (whose first byte sits at byte offset `base` of the report) into `parent`,
 * wrapping the byte spans of `marks` ([{span:[s,e], kind, label}]) in <span class="m-KIND">.
 * Spans are UTF-8 byte offsets as in the records; overlapping marks nest as class lists.
 */
function renderMarked(parent, text, base, marks) {
  const bytes = utf8.encode(text);
  const n = bytes.length;
  const cuts = new Set([0, n]);
  const ms = [];
  for (const m of marks || []) {
    if (!m || !m.span) continue;
    const s = Math.max(0, m.span[0] - base), e = Math.min(n, m.span[1] - base);
    if (e <= s) continue;
    ms.push({ s, e, kind: m.kind, label: m.label });
    cuts.add(s); cuts.add(e);
  }
  const pts = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i + 1 < pts.length; i++) {
    const s = pts[i], e = pts[i + 1];
    const piece = fromUtf8.decode(bytes.subarray(s, e));
    const on = ms.filter((m) => m.s <= s && m.e >= e);
    if (on.length === 0) { parent.appendChild(document.createTextNode(piece)); continue; }
    const span = el('span', on.map((m) => 'm-' + String(m.kind).replace(/[^a-z]/g, '')).join(' '), piece);
    const labels = on.filter((m) => m.label).map((m) => `${m.kind}: ${m.label}`);
    if (labels.length) span.title = labels.join('\n');
    span.dataset.start = String(base + s);
    parent.appendChild(span);
  }
  return parent;
}

function reportLink(id, sentence, label) {
  const a = el('a', 'report-link', label || 'open the full report');
  a.href = 'report.html?id=' + encodeURIComponent(id) + (sentence != null ? '&s=' + encodeURIComponent(sentence) : '');
  a.target = '_blank';
  a.rel = 'noopener';
  return a;
}
