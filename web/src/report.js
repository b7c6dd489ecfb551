// The full report view: the report text with every mention highlighted, and its records.
// The text is untrusted and is only ever inserted as text nodes (see renderMarked in common.js).
'use strict';

(async function main() {
  const params = new URLSearchParams(location.search);
  const id = params.get('id');
  const focus = params.get('s');
  const title = document.getElementById('r-title');
  if (!id) { title.textContent = 'No report id given'; return; }
  let r;
  try {
    r = await getJSON('api/reports/' + encodeURIComponent(id));
  } catch (err) {
    title.textContent = 'Could not load report ' + id + ': ' + err.message;
    return;
  }
  document.title = 'sitrep · ' + (r.report.title || r.report.id);
  title.textContent = r.report.title || r.report.id;
  document.getElementById('r-meta').textContent =
    [r.report.source, r.report.published, 'report ' + r.report.id].filter(Boolean).join(' · ');
  if (r.report.url) {
    const a = el('a', null, r.report.url);
    a.href = /^https?:\/\//i.test(r.report.url) ? r.report.url : '#';
    a.rel = 'noopener noreferrer';
    document.getElementById('r-meta').append(' · ', a);
  }
  const text = document.getElementById('r-text');
  renderMarked(text, r.text, 0, r.mentions);
  // Focus the cited sentence: the evidence of a record with that sentence index.
  if (focus !== null) {
    const ev = [...r.events, ...r.controls].map((x) => x.evidence).find((e) => String(e.sentence) === focus);
    if (ev) {
      for (const s of text.querySelectorAll('span.m-evidence')) {
        const at = Number(s.dataset.start);
        if (at >= ev.span[0] && at < ev.span[1]) s.classList.add('focus');
      }
      const first = text.querySelector('.focus');
      if (first) first.scrollIntoView({ block: 'center' });
    }
  }
  const list = document.getElementById('r-records');
  for (const e of r.events) {
    const what = e.acled ? `${e.acled.event_type} / ${e.acled.sub_event_type}` : e.plover ? 'PLOVER ' + e.plover.event : 'event';
    const who = [e.actor1.map((a) => a.name).join(', '), e.actor2.map((a) => a.name).join(', ')].filter(Boolean).join(' → ');
    list.appendChild(el('li', null, `event: ${what} · ${e.modality} · ${who || 'no actor'} · ${e.place ? e.place.name : 'no place'} · ${e.date ? e.date.start : 'undated'} · sentence ${e.evidence.sentence + 1}`));
  }
  for (const c of r.controls) {
    list.appendChild(el('li', null, `control: ${c.place.name} ${c.status} by ${c.controller.name} · ${c.modality} · ${c.date ? c.date.start : 'undated'} · sentence ${c.evidence.sentence + 1}`));
  }
  if (!r.events.length && !r.controls.length) list.appendChild(el('li', null, 'Nothing was extracted from this report.'));
  document.body.dataset.loaded = '1';
})();
