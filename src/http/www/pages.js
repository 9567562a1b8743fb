// The pages of trp's web app, one function per page. Each renders into the <main> element
// it is given and talks to trp only through the API (api.js), so what a page shows is what
// `trp ... --json` prints for the same diary.
import { api, apiUrl, account, h, say, fail, isoLocal, showTime, slider, plural, times } from './api.js';
import { bodyMap } from './bodymap.js';

let uid = 0;

// --- shared: the pain check-in (body map, Pain, per-region intensity, Save) ---

async function checkIn(container, title, folded = false) {
  const n = ++uid;
  const box = h('section', { 'aria-labelledby': `ci-h-${n}` }, h('h2', { id: `ci-h-${n}` }, title));
  container.append(box);
  const pain = slider('Pain', `pain-${n}`, 0, 10, 0);
  const chosen = h('div', { 'aria-live': 'polite' });
  const intensities = new Map();
  const render = (list) => {
    chosen.replaceChildren();
    if (!list.length) {
      chosen.append(h('p', { class: 'muted' }, 'Tap where it hurts (front and back), or name a place below.'));
      return;
    }
    chosen.append(h('h3', {}, 'Where'));
    for (const r of list) {
      if (!intensities.has(r.id)) intensities.set(r.id, Number(pain.input.value));
      const s = slider(`Intensity: ${r.label}`, `int-${n}-${r.id.replace(/\W/g, '_')}`, 0, 10, intensities.get(r.id));
      s.input.addEventListener('input', () => intensities.set(r.id, Number(s.input.value)));
      chosen.append(s.el);
    }
  };
  box.append(pain.el);
  const mapBox = h('div');
  // On Today the figures fold away, so pain, sleep and tasks fit a phone screen or two.
  box.append(folded ? h('details', { class: 'mapfold' }, h('summary', {}, 'Where? Show the body map'), mapBox) : mapBox);
  const map = await bodyMap(mapBox, () => render(map.selected()));
  render([]);
  const phraseId = `phrase-${n}`;
  const phrase = h('input', { type: 'text', id: phraseId, autocomplete: 'off', placeholder: 'for example: left temple' });
  const save = h('button', { class: 'primary', type: 'button' }, 'Save');
  const msg = h('div');
  box.append(chosen, h('label', { for: phraseId }, 'Or name a place'), phrase, h('p', {}, save), msg);
  save.addEventListener('click', async () => {
    msg.replaceChildren();
    const regions = map.selected().map((r) => ({ region: r.id, intensity: intensities.get(r.id) }));
    for (const p of phrase.value.split(',').map((s) => s.trim()).filter(Boolean)) regions.push({ region: p });
    const entry = { kind: 'pain', time: isoLocal(), value: Number(pain.input.value) };
    if (regions.length) entry.regions = regions;
    save.disabled = true;
    try {
      const stored = await api('entries', { method: 'POST', body: entry });
      say(`Saved: pain ${stored.value}/10 (entry ${stored.id}).`);
      msg.append(h('p', {}, `Saved as entry ${stored.id}.`));
      map.clear();
      intensities.clear();
      phrase.value = '';
    } catch (e) { fail(msg, e); } finally { save.disabled = false; }
  });
}

// --- Today ---

export async function today(main) {
  main.append(h('h1', {}, 'Today'));
  await checkIn(main, 'Pain now', true);

  const f = h('section', { 'aria-labelledby': 'day-h' }, h('h2', { id: 'day-h' }, 'Sleep and stress'));
  const sleep = h('input', { type: 'number', id: 'sleep-hours', min: '0', max: '24', step: '0.5', inputmode: 'decimal' });
  const stress = slider('Stress today (0 calm, 10 worst)', 'stress', 0, 10, 0);
  const fmsg = h('div');
  const fsave = h('button', { type: 'button', class: 'primary' }, 'Save sleep and stress');
  f.append(h('label', { for: 'sleep-hours' }, 'Hours slept last night'), sleep, stress.el, h('p', {}, fsave), fmsg);
  fsave.addEventListener('click', async () => {
    fmsg.replaceChildren();
    try {
      const time = isoLocal();
      if (sleep.value !== '') await api('entries', { method: 'POST', body: { kind: 'factor', time, name: 'sleep_hours', value: Number(sleep.value) } });
      await api('entries', { method: 'POST', body: { kind: 'factor', time, name: 'stress', value: Number(stress.input.value) } });
      say('Saved sleep and stress.');
      fmsg.append(h('p', {}, 'Saved.'));
    } catch (e) { fail(fmsg, e); }
  });
  main.append(f);

  const t = h('section', { 'aria-labelledby': 'task-h' }, h('h2', { id: 'task-h' }, 'A task you did'));
  const tname = h('input', { type: 'text', id: 'task-name', list: 'task-names', autocomplete: 'off', placeholder: 'computer work' });
  const tmin = h('input', { type: 'number', id: 'task-min', min: '1', max: '1440', inputmode: 'numeric', value: '30' });
  const names = h('datalist', { id: 'task-names' }, ['computer work', 'driving', 'phone calls', 'gardening', 'lifting', 'housework'].map((x) => h('option', { value: x })));
  const tmsg = h('div');
  const tsave = h('button', { type: 'button', class: 'primary' }, 'Save task');
  t.append(h('label', { for: 'task-name' }, 'Task'), tname, names, h('label', { for: 'task-min' }, 'Minutes'), tmin, h('p', {}, tsave), tmsg);
  tsave.addEventListener('click', async () => {
    tmsg.replaceChildren();
    try {
      const e = await api('entries', { method: 'POST', body: { kind: 'task', time: isoLocal(), name: tname.value.trim(), minutes: Number(tmin.value) } });
      say(`Saved: ${e.name}, ${e.minutes} min.`);
      tmsg.append(h('p', {}, `Saved as entry ${e.id}.`));
      tname.value = '';
    } catch (e) { fail(tmsg, e); }
  });
  main.append(t);

  const p = h('section', { 'aria-labelledby': 'plan-h' }, h('h2', { id: 'plan-h' }, 'Self-care due today'));
  main.append(p);
  try {
    const [due, plan, known] = await Promise.all([api('today'), api('plan'), muscleNames()]);
    const name = (id) => known.get(id) || id;
    if (!plan.length) {
      p.append(h('p', {}, 'You have no self-care plan yet. To start one, ',
        h('a', { href: '#/where' }, 'find the muscles that may cause your pain'),
        ' and choose \u201cAdd to my plan\u201d under a muscle.'));
    } else if (!due.length) {
      p.append(h('p', { class: 'muted' }, 'Nothing due today: well done.'));
    }
    const ul = h('ul', { class: 'plain' });
    for (const d of due) {
      const what = `${d.activity}: ${name(d.muscle)}`;
      if (d.allowed === false) {
        ul.append(h('li', {}, h('p', {}, h('strong', {}, what)), safetyNote(d.safety)));
        continue;
      }
      const done = h('button', { type: 'button' }, `Done: ${d.activity} ${name(d.muscle)}`);
      done.addEventListener('click', async () => {
        try {
          await api('plan/done', { method: 'POST', body: { muscle: d.muscle, activity: d.activity } });
          done.disabled = true;
          done.textContent = `Recorded: ${d.activity} ${name(d.muscle)}`;
          say('Recorded.');
        } catch (e) { fail(p, e); }
      });
      ul.append(h('li', {}, h('p', {}, h('strong', {}, what), d.due > 1 ? ` (${times(d.due)} today)` : ''),
        h('p', { class: 'muted' }, d.how), safetyNote(d.safety), done));
    }
    p.append(ul);
    if (plan.length) p.append(planList(plan, name));
  } catch (e) { fail(p, e); }
}

// Muscle names by id ("upper-trapezius" -> "Upper trapezius"), loaded once.
let names = null;
async function muscleNames() {
  if (!names) names = new Map((await api('muscles')).map((m) => [m.id, m.name]));
  return names;
}

// "release 3 times a week, stretch twice a day": a plan item's frequencies in words.
function howOften(it) {
  const parts = [];
  if (it.release_per_week) parts.push(`release ${times(it.release_per_week)} a week`);
  if (it.stretch_per_day) parts.push(`stretch ${times(it.stretch_per_day)} a day`);
  if (it.strengthen_per_week) parts.push(`strengthen ${times(it.strengthen_per_week)} a week`);
  return parts.join(', ');
}

// The plan itself, folded away under today's list, each muscle with a way to take it out.
function planList(plan, name) {
  const list = h('ul', { class: 'plain' });
  const box = h('details', { class: 'planlist' }, h('summary', {}, `Your plan: ${plural(plan.length, 'muscle')}`), list);
  for (const it of plan) {
    const label = `${name(it.muscle)}${it.side && it.side !== 'midline' ? ` (${it.side})` : ''}`;
    const rm = h('button', { type: 'button', 'aria-label': `Remove ${label} from my plan` }, 'Remove');
    const li = h('li', {}, h('p', {}, h('strong', {}, label), `: ${howOften(it)}.`), rm);
    rm.addEventListener('click', async () => {
      try {
        await api(`plan/${encodeURIComponent(it.muscle)}`, { method: 'DELETE' });
        li.replaceChildren(h('p', {}, `${label} is no longer in your plan; what you did stays in the diary.`));
        say(`${label} removed from your plan.`);
      } catch (e) { fail(li, e); }
    });
    list.append(li);
  }
  return box;
}

// --- Body map ---

export async function body(main) {
  main.append(h('h1', {}, 'Body map'));
  main.append(h('p', { class: 'muted' }, 'Tap every place that hurts; each one gets its own intensity. The front figure faces you, so your right side is on the left. For the temple, jaw, fingers, heel and other small places, open a close-up below the figures.'));
  await checkIn(main, 'Where it hurts now');
}

// --- Where ---

// What the safety gate says about a muscle, in words (nothing when it has nothing to say).
// Its reasons name the terminal's 'trp intake'; on the web the way there is a link, unless
// the caller shows one already (link false).
function safetyNote(v, link = true) {
  if (!v) return null;
  if (!v.allowed) {
    const text = `${v.reasons.join(' ')} ${v.see || ''}`;
    return h('p', { class: 'danger-text' }, h('strong', {}, 'Not for self-treatment now: '), text.trim(),
      link && /intake/.test(text) ? h('span', {}, ' ', h('a', { href: '#/intake' }, 'Open the health questions')) : null);
  }
  const parts = [];
  if (v.pressure_max != null) parts.push(`Light pressure only (at most ${v.pressure_max} of 10).`);
  parts.push(...v.reasons);
  return parts.length ? h('p', { class: 'warn' }, parts.join(' ')) : null;
}

// "Add to my plan" under a muscle the gate allows: a side for muscles that have two (the side
// the person named, if any), the usual frequencies, and the server's gate decides again.
function planControl(c, side, inPlan) {
  const box = h('div', { class: 'addplan' });
  // On a clinic's server a therapist plans for the client whose diary is open.
  const staff = account() && account().role !== 'client';
  const whose = staff ? "the client's plan" : 'your plan';
  if (inPlan) {
    box.append(h('p', {}, `${c.name} is in ${whose}: `, h('a', { href: '#/today' }, 'see what is due today'), '.'));
    return box;
  }
  const n = ++uid;
  const sided = !c.safety || c.safety.side !== 'midline';
  const pick = sided ? h('select', { id: `plan-side-${n}` },
    h('option', { value: '' }, 'Both sides'), h('option', { value: 'left' }, 'Left'), h('option', { value: 'right' }, 'Right')) : null;
  if (pick && (side === 'left' || side === 'right')) pick.value = side;
  const add = h('button', { type: 'button', class: 'primary' }, staff ? "Add to the client's plan" : 'Add to my plan');
  const msg = h('div', { 'aria-live': 'polite' });
  // How often, as `trp plan add --release N/week --stretch N/day --strengthen N/week`.
  const freq = [['release_per_week', 'Release, times a week', 3, 21], ['stretch_per_day', 'Stretch, times a day', 2, 10],
    ['strengthen_per_week', 'Strengthen, times a week', 2, 14]].map(([key, label, value, max]) =>
    ({ key, label, input: h('input', { type: 'number', id: `plan-${key}-${n}`, min: '0', max: String(max), step: '1', inputmode: 'numeric', value: String(value) }) }));
  const often = h('details', { class: 'planlist' }, h('summary', {}, 'Change how often'),
    freq.flatMap((f) => [h('label', { for: f.input.id }, f.label), f.input]));
  add.addEventListener('click', async () => {
    msg.replaceChildren();
    const body = { muscle: c.muscle };
    if (pick && pick.value) body.side = pick.value;
    for (const f of freq) body[f.key] = Number(f.input.value);
    add.disabled = true;
    try {
      const it = await api('plan', { method: 'POST', body });
      const label = `${it.name}${it.side && it.side !== 'midline' ? ` (${it.side})` : ''}`;
      box.replaceChildren(h('p', {}, `Added to ${whose}: ${label}, ${howOften(it)}. `, h('a', { href: '#/today' }, 'See what is due today'), '.'));
      say(`${label} added to ${whose}.`);
    } catch (e) { add.disabled = false; fail(msg, e); }
  });
  box.append(h('p', { class: 'muted' }, staff ? 'Usually release 3 times a week, stretch twice a day, strengthen twice a week.' : 'Put it in your plan to work on at home (usually release 3 times a week, stretch twice a day, strengthen twice a week). Today shows what is due.'));
  if (pick) box.append(h('label', { for: `plan-side-${n}` }, 'Side'), pick);
  box.append(often, h('p', {}, add), msg);
  return box;
}

function candidateCard(c, quiet, side, planned) {
  const ok = c.safety && c.safety.allowed;
  return h('li', {},
    h('h3', {}, c.name),
    h('p', {}, c.why),
    h('p', {}, h('strong', {}, 'Trigger points: '), c.trigger_points.map((t) => `${t.name} (${t.location || t.region})`).join('; ')),
    c.self_care ? h('p', {}, h('strong', {}, 'Self-care: '), c.self_care) : null,
    quiet ? null : safetyNote(c.safety),
    ok ? h('p', {}, h('a', { href: `#/session?muscle=${encodeURIComponent(c.muscle)}` }, `Start a session on ${c.name}`)) : null,
    ok ? planControl(c, side, planned.has(c.muscle)) : null);
}

export async function where(main) {
  main.append(h('h1', {}, 'Where does it hurt?'));
  const box = h('section', {});
  const text = h('input', { type: 'text', id: 'where-q', autocomplete: 'off', placeholder: 'for example: left temple, outer elbow' });
  const go = h('button', { type: 'button', class: 'primary' }, 'Find muscles');
  const out = h('div', { 'aria-live': 'polite' });
  const mapBox = h('div');
  box.append(h('label', { for: 'where-q' }, 'Say where, or tap the figures'), text, mapBox, h('p', {}, go));
  main.append(box, out);
  const map = await bodyMap(mapBox);
  go.addEventListener('click', async () => {
    out.replaceChildren();
    const places = map.selected().map((r) => r.id);
    places.push(...text.value.split(',').map((s) => s.trim()).filter(Boolean));
    if (!places.length) { fail(out, new Error('Tap a place or type one first.')); return; }
    try {
      const [r, plan] = await Promise.all([api('where?q=' + encodeURIComponent(places.join(','))), api('plan')]);
      const planned = new Set(plan.map((it) => it.muscle));
      out.append(h('h2', {}, 'Muscles that can send pain there'));
      if (!r.candidates.length) out.append(h('p', {}, 'No muscle in trp\'s knowledge base refers pain there.'));
      // One reason that blocks every muscle (no intake yet, an urgent flag) is said once.
      const vs = r.candidates.map((c) => c.safety).filter(Boolean);
      const same = vs.length > 1 && vs.every((v) => !v.allowed && v.reasons[0] === vs[0].reasons[0]);
      if (same) out.append(h('section', { class: 'urgent' }, safetyNote(vs[0], false),
        h('p', {}, h('a', { href: '#/intake' }, 'Open the health questions'))));
      out.append(h('ol', {}, r.candidates.map((c) => candidateCard(c, same, r.side, planned))));
      out.append(h('p', { class: 'muted' }, 'Places to check, not a diagnosis.'));
    } catch (e) { fail(out, e); }
  });
}

// --- Diary ---

// Region labels ("Right shoulder, front") for the ids entries store, loaded once.
let regionLabels = new Map();
async function loadRegionLabels() {
  if (!regionLabels.size) regionLabels = new Map((await api('regions')).map((r) => [r.id, r.label]));
}

function describe(e) {
  switch (e.kind) {
    case 'pain': return `Pain ${e.value}/10` + (e.regions ? ': ' + e.regions.map((r) => regionLabels.get(r.region) || r.region).join('; ') : '');
    case 'task': return `${e.name}, ${e.minutes} min`;
    case 'factor': return `${e.name.replace('_', ' ')}: ${e.value}`;
    case 'treatment': {
      const t = e.treatment;
      return `${t.technique} ${t.muscle || ''}${t.side ? ' (' + t.side + ')' : ''}` +
        (t.pain_before !== undefined ? `, pain ${t.pain_before} → ${t.pain_after ?? '?'}` : '');
    }
    default: return e.note || '';
  }
}

// Local "YYYY-MM-DDTHH:MM" for a datetime-local input from a stored time.
const toInput = (iso) => (iso || '').slice(0, 16);

function editForm(e, done) {
  const n = ++uid;
  const f = h('form', { class: 'card' });
  const time = h('input', { type: 'datetime-local', id: `ed-t-${n}`, value: toInput(e.time) });
  f.append(h('label', { for: `ed-t-${n}` }, 'When'), time);
  let value = null, name = null, minutes = null;
  if (e.kind === 'pain' || e.kind === 'factor') {
    value = h('input', { type: 'number', id: `ed-v-${n}`, step: 'any', value: String(e.value) });
    f.append(h('label', { for: `ed-v-${n}` }, e.kind === 'pain' ? 'Pain' : 'Value'), value);
  }
  if (e.kind === 'task') {
    name = h('input', { type: 'text', id: `ed-n-${n}`, value: e.name });
    minutes = h('input', { type: 'number', id: `ed-m-${n}`, value: String(e.minutes) });
    f.append(h('label', { for: `ed-n-${n}` }, 'Task'), name, h('label', { for: `ed-m-${n}` }, 'Minutes'), minutes);
  }
  const note = h('input', { type: 'text', id: `ed-note-${n}`, value: e.note || '' });
  f.append(h('label', { for: `ed-note-${n}` }, 'Note'), note);
  const msg = h('div');
  const cancel = h('button', { type: 'button' }, 'Cancel');
  f.append(h('p', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, 'Save changes'), cancel), msg);
  cancel.addEventListener('click', () => done(null));
  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { ...e };
    delete body.deleted;
    if (time.value) {
      const d = new Date(time.value);
      body.time = isoLocal(d);
    }
    if (value) body.value = Number(value.value);
    if (name) body.name = name.value;
    if (minutes) body.minutes = Number(minutes.value);
    if (note.value) body.note = note.value; else delete body.note;
    try {
      const stored = await api(`entries/${e.id}`, { method: 'PUT', body });
      say(`Entry ${e.id} changed.`);
      done(stored);
    } catch (err) { fail(msg, err); }
  });
  return f;
}

export async function diary(main) {
  main.append(h('h1', {}, 'Diary'));
  await loadRegionLabels();
  const period = h('select', { id: 'diary-since' },
    [['-7d', 'Last 7 days'], ['-30d', 'Last 30 days'], ['-90d', 'Last 90 days'], ['-365d', 'Last year']].map(([v, l]) => h('option', { value: v }, l)));
  const kind = h('select', { id: 'diary-kind' },
    [['', 'Everything'], ['pain', 'Pain'], ['task', 'Tasks'], ['factor', 'Sleep, stress ...'], ['treatment', 'Self-care'], ['note', 'Notes']].map(([v, l]) => h('option', { value: v }, l)));
  const deleted = h('input', { type: 'checkbox', id: 'diary-deleted' });
  const list = h('ul', { class: 'plain', 'aria-live': 'polite' });
  main.append(h('section', {},
    h('div', { class: 'two' }, h('div', {}, h('label', { for: 'diary-since' }, 'Period'), period),
      h('div', {}, h('label', { for: 'diary-kind' }, 'Kind'), kind)),
    h('p', { class: 'row' }, h('label', { for: 'diary-deleted' }, deleted, ' Show deleted entries')),
    list));
  const load = async () => {
    list.replaceChildren();
    const qs = new URLSearchParams({ since: period.value });
    if (kind.value) qs.set('kind', kind.value);
    if (deleted.checked) qs.set('deleted', '1');
    let entries;
    try { entries = await api('entries?' + qs); } catch (e) { fail(list, e); return; }
    if (!entries.length) list.append(h('li', { class: 'muted' }, deleted.checked ? 'No deleted entries.' : 'Nothing logged in this period.'));
    for (const e of entries.reverse()) list.append(row(e));
  };
  const row = (e) => {
    const li = h('li', { class: 'entry', 'data-id': String(e.id) });
    const what = h('span', { class: 'what' }, h('span', { class: 'muted' }, showTime(e.time) + ' '), describe(e), e.note && e.kind !== 'note' ? ` (${e.note})` : '');
    li.append(what);
    if (deleted.checked) {
      const rb = h('button', { type: 'button', 'aria-label': `Restore entry ${e.id}` }, 'Restore');
      rb.addEventListener('click', async () => {
        try { await api(`entries/${e.id}/restore`, { method: 'POST' }); say(`Entry ${e.id} restored.`); li.remove(); } catch (err) { fail(li, err); }
      });
      li.append(rb);
      return li;
    }
    const edit = h('button', { type: 'button', 'aria-label': `Edit entry ${e.id}` }, 'Edit');
    const del = h('button', { type: 'button', class: 'danger', 'aria-label': `Delete entry ${e.id}` }, 'Delete');
    edit.addEventListener('click', () => {
      const f = editForm(e, (stored) => { f.remove(); if (stored) li.replaceWith(row(stored)); else edit.focus(); });
      li.append(f);
      f.querySelector('input').focus();
    });
    del.addEventListener('click', async () => {
      try {
        await api(`entries/${e.id}`, { method: 'DELETE' });
        const undo = h('button', { type: 'button' }, 'Undo');
        const gone = h('li', { class: 'entry' }, h('span', { class: 'what' }, `Entry ${e.id} deleted. `), undo);
        undo.addEventListener('click', async () => {
          try { const back = await api(`entries/${e.id}/restore`, { method: 'POST' }); gone.replaceWith(row(back)); say(`Entry ${e.id} restored.`); } catch (err) { fail(gone, err); }
        });
        li.replaceWith(gone);
        undo.focus();
        say(`Entry ${e.id} deleted; it can be restored.`);
      } catch (err) { fail(li, err); }
    });
    const hist = h('button', { type: 'button', 'aria-label': `History of entry ${e.id}` }, 'History');
    hist.addEventListener('click', async () => {
      const old = li.querySelector('.history');
      if (old) { old.remove(); return; }
      try {
        const r = await api(`entries/${e.id}/history`);
        const box = h('div', { class: 'card history' }, h('h3', {}, `Versions of entry ${e.id}`));
        if (!r.versions.length) box.append(h('p', { class: 'muted' }, 'Never edited.'));
        box.append(h('ol', {}, r.versions.map((v) => h('li', {}, `${describe(v.entry)} (${showTime(v.entry.time)}), replaced ${showTime(v.replaced_at)} UTC`)),
          h('li', {}, `Now: ${describe(r.current)} (${showTime(r.current.time)})`)));
        li.append(box);
      } catch (err) { fail(li, err); }
    });
    li.append(edit, hist, del);
    return li;
  };
  for (const c of [period, kind, deleted]) c.addEventListener('change', load);
  await load();

  const io = h('section', { 'aria-labelledby': 'io-h' }, h('h2', { id: 'io-h' }, 'Import and export'));
  io.append(h('p', { class: 'row' },
    h('a', { class: 'button', href: apiUrl('export?format=csv'), download: 'trp-diary.csv' }, 'Export CSV'),
    h('a', { class: 'button', href: apiUrl('export?format=jsonl'), download: 'trp-diary.jsonl' }, 'Export JSON Lines')));
  const file = h('input', { type: 'file', id: 'import-file', accept: '.csv,.jsonl,.json,text/csv' });
  const imsg = h('div', { 'aria-live': 'polite' });
  const ib = h('button', { type: 'button', class: 'primary' }, 'Import');
  io.append(h('label', { for: 'import-file' }, 'Import a CSV or JSON Lines file (all or nothing)'), file, h('p', {}, ib), imsg);
  ib.addEventListener('click', async () => {
    imsg.replaceChildren();
    const fl = file.files[0];
    if (!fl) { fail(imsg, new Error('Choose a file first.')); return; }
    const fmt = /\.jsonl?$/i.test(fl.name) ? 'jsonl' : 'csv';
    try {
      const r = await api('import?format=' + fmt, { method: 'POST', body: await fl.text() });
      imsg.append(h('p', {}, r.message));
      say(r.message);
      await load();
    } catch (e) { fail(imsg, e); }
  });
  main.append(io);
}

// --- Insights ---

const periods = [['-30d', 'Last 30 days'], ['-90d', 'Last 90 days'], ['-365d', 'Last year']];

export async function insights(main) {
  main.append(h('h1', {}, 'Insights'));
  const period = h('select', { id: 'ins-since' }, periods.map(([v, l]) => h('option', { value: v }, l)));
  period.value = '-90d';
  const body = h('div', { 'aria-live': 'polite' });
  main.append(h('section', {}, h('label', { for: 'ins-since' }, 'Period'), period), body);
  const load = async () => {
    body.replaceChildren();
    const since = encodeURIComponent(period.value);
    body.append(h('section', {}, h('h2', {}, 'Timeline'),
      h('img', { class: 'chart', src: apiUrl(`charts/timeline.svg?since=${since}`), alt: 'Daily pain over the period with flare-ups marked and tasks below' })));
    const flares = h('section', {}, h('h2', {}, 'Flare-ups'));
    const factors = h('section', {}, h('h2', {}, 'What may keep the pain going'));
    const prog = h('section', {}, h('h2', {}, 'Progress'));
    body.append(flares, factors, prog);
    try {
      const r = await api('recurrences?since=' + since);
      const list = r.recurrences || [];
      flares.append(h('p', {}, list.length ? `${plural(list.length, 'flare-up')} in this period.` : 'No flare-ups in this period.'));
      flares.append(h('ul', {}, list.map((f) => h('li', {}, `${showTime(f.onset)}: peak ${f.peak}/10 over ${plural(f.days, 'day')}${f.ongoing ? ' (ongoing)' : ''}`))));
    } catch (e) { fail(flares, e); }
    try {
      const a = await api('analyze?since=' + since);
      const shown = (a.factors || []).filter((f) => f.verdict === 'likely' || f.verdict === 'possible');
      if (!shown.length) factors.append(h('p', {}, 'Nothing stands out yet. With more flare-ups logged, smaller effects become visible.'));
      factors.append(h('ul', {}, shown.map((f) => h('li', {},
        h('strong', {}, `${f.name} (${f.verdict})`),
        `: odds ${f.direction === 'raises' ? 'raised' : 'lowered'} ×${f.odds_ratio} per ${f.per}, ${f.lag_days === 0 ? 'same day' : plural(f.lag_days, 'day') + ' before'}` +
        (f.explained_by ? `; explained by ${f.explained_by}` : '')))));
      factors.append(h('p', { class: 'muted' }, 'Associations, not proof: talk them over with your therapist.'));
      factors.append(h('img', { class: 'chart', src: apiUrl(`charts/factors.svg?since=${since}`), alt: 'Odds ratios of tasks and factors with their 95% intervals' }));
    } catch (e) { fail(factors, e); }
    try {
      const p = await api('progress?since=' + since);
      const words = { improving: 'Improving', worsening: 'Worsening', 'no-change': 'No meaningful change yet', 'too-early': 'Too early to tell' };
      prog.append(h('p', {}, h('strong', {}, words[p.status] || p.status),
        p.baseline != null && p.current != null ? `: median pain ${p.baseline}/10 at the start, ${p.current}/10 in the last week.` : ': about three weeks of daily ratings are needed.'));
      if (p.seek_other_opinion) prog.append(h('p', { class: 'warn' }, 'Several weeks without clear improvement: this is the point to ask your doctor or another therapist to look again.'));
      prog.append(h('img', { class: 'chart', src: apiUrl(`charts/progress.svg?since=${since}`), alt: 'Weekly median pain with the trend line' }));
    } catch (e) { fail(prog, e); }
  };
  period.addEventListener('change', load);
  await load();
}

// --- Report ---

export async function report(main) {
  main.append(h('h1', {}, 'Report'));
  const period = h('select', { id: 'rep-since' }, periods.map(([v, l]) => h('option', { value: v }, l)));
  period.value = '-90d';
  const who = h('select', { id: 'rep-for' }, h('option', { value: 'clinician' }, 'For my clinician'), h('option', { value: 'patient' }, 'For me (plain words)'));
  const link = h('a', { class: 'button primary', id: 'rep-dl', download: 'trp-report.pdf' }, 'Download PDF');
  const update = () => link.setAttribute('href', apiUrl(`report.pdf?since=${encodeURIComponent(period.value)}&for=${who.value}`));
  period.addEventListener('change', update);
  who.addEventListener('change', update);
  update();
  main.append(h('section', {}, h('p', {}, 'A two-page summary to take to an appointment: safety first, then pain over time, flare-ups, what may keep the pain going and what you tried.'),
    h('label', { for: 'rep-since' }, 'Period'), period, h('label', { for: 'rep-for' }, 'Who is it for'), who, h('p', {}, link)));
}

// --- Intake ---

function flagList(res) {
  const flags = [...(res.red_flags || [])].sort((a, b) => Number(b.urgent) - Number(a.urgent));
  const box = h('section', { class: flags.some((f) => f.urgent) ? 'urgent' : '' });
  if (!flags.length) {
    box.append(h('h2', {}, 'No red flags'), h('p', {}, 'Nothing in your answers needs a clinician first. Precautions still narrow what trp offers.'));
    return box;
  }
  box.append(h('h2', {}, 'Please see a clinician'));
  for (const f of flags) box.append(h('div', {}, h('h3', { class: f.urgent ? 'danger-text' : null }, (f.urgent ? 'Urgent: ' : '') + f.what), h('p', {}, f.advice)));
  return box;
}

export async function intake(main) {
  main.append(h('h1', {}, 'Health questions'));
  const result = h('div', { 'aria-live': 'polite' });
  main.append(result);
  const showResult = (res) => {
    result.replaceChildren(flagList(res));
    if ((res.red_flags || []).length && !res.acknowledged) {
      const ack = h('button', { type: 'button', class: 'primary' }, 'I have read this advice');
      ack.addEventListener('click', async () => {
        try { showResult(await api('intake/acknowledge', { method: 'POST' })); say('Acknowledged.'); } catch (e) { fail(result, e); }
      });
      result.append(h('p', { class: 'muted' }, 'Self-treatment stays locked until you have read the advice.'), h('p', {}, ack));
    }
  };
  try {
    const last = await api('intake');
    if (last) showResult(last);
  } catch (e) { fail(result, e); }
  const qs = await api('intake/questions');
  const form = h('form', {});
  const sections = [['red_flag', 'Warning signs'], ['precaution', 'Precautions'], ['perpetuating', 'What may keep pain going'], ['about_you', 'About you']];
  for (const [sec, title] of sections) {
    const part = h('section', {}, h('h2', {}, title));
    for (const q of qs.filter((x) => x.section === sec)) {
      if (q.type === 'yesno') {
        part.append(h('fieldset', {}, h('legend', {}, q.prompt), h('div', { class: 'row' },
          h('label', {}, h('input', { type: 'radio', name: q.id, value: 'yes', required: true }), 'Yes'),
          h('label', {}, h('input', { type: 'radio', name: q.id, value: 'no', required: true }), 'No'))));
      } else if (q.type === 'age') {
        part.append(h('label', { for: `q-${q.id}` }, q.prompt), h('input', { type: 'number', id: `q-${q.id}`, name: q.id, min: '1', max: '120', required: true, inputmode: 'numeric' }));
      } else {
        part.append(h('label', { for: `q-${q.id}` }, q.prompt), h('input', { type: 'text', id: `q-${q.id}`, name: q.id, placeholder: 'no, or places separated by commas' }));
      }
    }
    form.append(part);
  }
  const msg = h('div');
  form.append(h('p', {}, h('button', { type: 'submit', class: 'primary' }, 'Check my answers')), msg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    msg.replaceChildren();
    const fd = new FormData(form);
    const answers = {};
    for (const q of qs) {
      const v = fd.get(q.id);
      if (q.type === 'yesno') answers[q.id] = v === 'yes';
      else if (q.type === 'age') answers[q.id] = Number(v);
      else answers[q.id] = !v || /^\s*no(ne)?\s*$/i.test(v) ? [] : v.split(',').map((s) => s.trim()).filter(Boolean);
    }
    try {
      const res = await api('intake', { method: 'POST', body: answers });
      showResult(res);
      result.scrollIntoView();
      result.querySelector('h2').setAttribute('tabindex', '-1');
      result.querySelector('h2').focus();
    } catch (e) { fail(msg, e); }
  });
  main.append(form);
}
