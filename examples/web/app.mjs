// The demo page: a treatment form, the plan from the WebAssembly core, the .ics and the handout.
// A query string fills the form in and makes the plan (?device=pen&depth_mm=1.0&...&time_zone=...),
// so a link can carry a treatment (the browser test uses it).
import * as aftercare from './aftercare/index.mjs';

const form = document.getElementById('treatment');
const error = document.getElementById('error');
const result = document.getElementById('result');
const fields = ['device', 'depth_mm', 'area', 'skin_type', 'indication', 'treated_at', 'time_zone'];

const zones = document.getElementById('zones');
for (const z of Intl.supportedValuesOf('timeZone')) zones.append(new Option(z));
form.time_zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone;

// "2026-11-21T14:00:00+00:00" → "Sat 21 Nov 2026, 14:00" (the wall-clock time the plan gives).
function shown(instant) {
  if (!instant) return '—';
  const [date, time] = instant.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  return `${day}, ${time.slice(0, 5)}`;
}

function treatment() {
  const t = {};
  for (const f of fields) {
    const v = form[f].value.trim();
    if (v !== '') t[f] = f === 'depth_mm' || f === 'skin_type' ? Number(v) : v;
  }
  return t;
}

function show(t) {
  error.textContent = '';
  let plan;
  try {
    plan = aftercare.schedule(t);
  } catch (e) {
    result.hidden = true;
    error.textContent = e instanceof aftercare.AftercareError ? `${e.message} (${e.field})` : String(e);
    return;
  }
  document.getElementById('summary').textContent =
    `Depth tier ${plan.tier}: ${plan.entries.length} entries and ${plan.reminders.length} reminders in ${plan.time_zone}.`;
  const body = document.getElementById('entries');
  body.replaceChildren();
  for (const e of plan.entries) {
    if (e.kind !== 'effect' && e.kind !== 'restriction') continue;
    const row = body.insertRow();
    row.dataset.code = e.code;
    const what = row.insertCell();
    what.append(e.title, document.createElement('br'));
    const kind = document.createElement('span');
    kind.className = 'kind';
    kind.textContent = e.kind;
    what.append(kind);
    for (const v of [e.start, e.end]) {
      const c = row.insertCell();
      c.className = 'when';
      c.textContent = shown(v);
      if (v) c.dataset.instant = v;
    }
  }
  const link = (id, text, type) => { document.getElementById(id).href = URL.createObjectURL(new Blob([text], { type })); };
  link('ics', aftercare.toIcs(t), 'text/calendar');
  link('handout', aftercare.toHtml(t), 'text/html');
  result.hidden = false;
  document.body.dataset.state = 'shown';
  // Whether the page fits the window's width (a phone's too): the browser test checks it.
  document.body.dataset.fits = document.documentElement.scrollWidth <= window.innerWidth ? 'yes' : 'no';
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  show(treatment());
});

const query = new URLSearchParams(location.search);
if (query.has('device')) {
  for (const f of fields) if (query.has(f)) form[f].value = query.get(f);
  form.requestSubmit();
}
document.body.dataset.ready = 'yes';
