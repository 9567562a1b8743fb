// The clinic's pages, shown only by `trp serve --clinic`: signing in, a therapist's client
// list with the flags that ask for action, a client's card with the visit notes (SOAP),
// the bar that says whose diary is open, and signing out. The diary pages themselves are
// the single-person ones, pointed at the chosen client by api.js's setClient.
import { api, account, signIn, signedOut, setClient, h, say, fail, isoLocal, ApiError } from './api.js';

// --- signing in ---

// Why a login was refused, in words: the server's reason, and for a lockout what it means.
function loginError(e, retryAfter) {
  if (e.status === 401) return [h('p', {}, 'Wrong login or password. Check both and try again.')];
  if (e.status === 429 && /too many attempts/i.test(e.message)) {
    const secs = Number(retryAfter) || 0;
    const until = new Date(Date.now() + secs * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    return [
      h('p', {}, h('strong', {}, 'This account is waiting after wrong passwords. '),
        secs > 0 ? `Try again in ${wait(secs)} (at ${until}).` : 'Try again in a moment.'),
      h('p', {}, 'To keep guessing out, each wrong password after the third makes the next try wait longer (1, 2, 4 seconds ...), and ten in a row lock the account for 15 minutes. A try during the wait, even with the right password, counts as another wrong one. If you have forgotten the password, ask the clinic\'s administrator to set a new one.'),
    ];
  }
  if (e.status === 429) return [h('p', {}, 'The server is busy with other logins: try again in a second.')];
  return [h('p', {}, e.message || 'Signing in failed.')];
}

const wait = (s) => (s === 1 ? '1 second' : s < 90 ? `${s} seconds` : `${Math.ceil(s / 60)} minutes`);

// The login page. note: a line above the form ("Signed out.", "Your session has ended").
export function loginPage(main, note, onDone) {
  setClient(null);
  chrome(null);
  document.title = 'Sign in · trp';
  const user = h('input', { type: 'text', id: 'login-name', name: 'username', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', required: true });
  const pass = h('input', { type: 'password', id: 'login-password', name: 'password', autocomplete: 'current-password', required: true });
  const go = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const msg = h('div', { id: 'login-msg', role: 'alert' });
  const form = h('form', { class: 'card', id: 'login-form', 'aria-labelledby': 'login-h', novalidate: true },
    h('label', { for: 'login-name' }, 'Login'), user,
    h('label', { for: 'login-password' }, 'Password'), pass,
    h('p', {}, go), msg);
  main.replaceChildren(h('h1', { id: 'login-h' }, 'Sign in'),
    h('p', {}, note ? h('strong', {}, note + ' ') : '', "The clinic's diaries: sign in with the login the clinic gave you."), form);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    msg.replaceChildren();
    if (!user.value.trim() || !pass.value) {
      msg.append(h('p', {}, 'Enter both your login and your password.'));
      (user.value.trim() ? pass : user).focus();
      return;
    }
    go.disabled = true;
    try {
      const r = await fetch('/api/v1/login', {
        method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login: user.value.trim(), password: pass.value }),
      });
      const data = await r.json().catch(() => ({}));
      if (!r.ok) throw Object.assign(new ApiError(r.status, data.error || `signing in failed (${r.status})`, data), { retryAfter: r.headers.get('Retry-After') });
      await signIn();
      pass.value = '';
      onDone();
    } catch (e) {
      msg.replaceChildren(...(e instanceof ApiError ? loginError(e, e.retryAfter) : [h('p', {}, 'Cannot reach the server: check the connection and try again.')]));
      pass.select();
    } finally { go.disabled = false; }
  });
  user.focus();
}

export async function signOut() {
  setClient(null);
  try { await api('logout', { method: 'POST', server: true }); } catch { /* already ended: nothing to end */ }
  signedOut();
  forget();
}

// --- the bar that says whose diary this is ---

let nav = null; // the page links as index.html has them: [[a, page]]

// Shows the page links for a diary (id: a therapist's client; 0: the caller's own; null:
// none, as on the client list) and the bar above the page saying whose it is.
export function chrome(id, card) {
  const header = document.querySelector('header');
  if (!nav) nav = [...header.querySelectorAll('nav a')].map((a) => [a, a.getAttribute('href').replace(/^#\//, '')]);
  header.querySelector('nav').hidden = id === null;
  for (const [a, page] of nav) a.setAttribute('href', id ? `#/clients/${id}/${page}` : `#/${page}`);
  let bar = document.getElementById('who');
  if (!bar) {
    bar = h('div', { id: 'who', class: 'who' });
    header.querySelector('nav').before(bar);
  }
  const me = account();
  bar.hidden = !me;
  if (!me) return;
  const out = h('button', { type: 'button', id: 'sign-out' }, 'Sign out');
  out.addEventListener('click', async () => {
    await signOut();
    location.hash = '#/signed-out';
  });
  let whose;
  if (card && id) {
    whose = [h('span', {}, 'Diary of ', h('strong', { id: 'who-name' }, card.name),
      card.date_of_birth ? h('span', { class: 'muted' }, ` (born ${card.date_of_birth})`) : null),
    h('a', { href: `#/clients/${id}` }, 'Visits'), h('a', { href: '#/clients' }, 'All clients')];
  } else if (card) {
    whose = [h('span', {}, 'Your diary, ', h('strong', { id: 'who-name' }, card.name))];
  } else {
    whose = [h('span', {}, 'Signed in as ', h('strong', {}, me.login))];
  }
  bar.classList.toggle('with-links', whose.length > 1);
  bar.replaceChildren(...whose, out);
}

// --- the client list ---

const dayFmt = (iso) => new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

function ago(iso) {
  const days = Math.floor((Date.now() - Date.parse(iso)) / 86400000);
  return days <= 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
}

const trendWords = { better: 'better', steady: 'steady', worse: 'worse' };

function painLine(c) {
  if (c.pain_last_28_days == null) return 'no pain ratings in the last 28 days';
  const now = c.pain_last_28_days.toFixed(1);
  if (c.pain_28_days_before == null) return `pain ${now}/10 on average over 28 days`;
  return `pain ${now}/10 (28 days before: ${c.pain_28_days_before.toFixed(1)}), ${trendWords[c.trend] || 'steady'}`;
}

function flags(c) {
  const f = [];
  if (c.urgent) f.push(h('span', { class: 'flag urgent-flag' }, 'Urgent red flag'));
  else if (c.red_flags) f.push(h('span', { class: 'flag urgent-flag' }, c.red_flags === 1 ? 'Red flag: needs a doctor' : `${c.red_flags} red flags: need a doctor`));
  if (c.seek_other_opinion) f.push(h('span', { class: 'flag warn-flag' }, 'Seek another opinion'));
  return f;
}

function clientCard(c, canOpen) {
  const name = canOpen ? h('a', { href: `#/clients/${c.id}/today` }, c.name) : c.name;
  return h('li', { class: 'client', 'data-client': String(c.id) },
    h('h2', {}, name, c.link === 'shared' ? h('span', { class: 'muted small' }, ' (shared with you)') : null),
    canOpen && flags(c).length ? h('p', { class: 'chips' }, flags(c)) : null,
    canOpen ? h('p', {}, c.last_visit ? `Last visit ${dayFmt(c.last_visit)} (${ago(c.last_visit)})` : 'No visit yet',
      c.last_entry ? h('span', { class: 'muted' }, `; last diary entry ${ago(c.last_entry)}`) : null) : null,
    canOpen ? h('p', {}, painLine(c)) : null);
}

export async function clientList(main) {
  document.title = 'Clients · trp';
  const me = account();
  main.append(h('h1', {}, 'Your clients'));
  const list = await api('clients', { server: true });
  const canOpen = me.role !== 'client';
  if (!list.length) {
    main.append(h('p', {}, "No clients yet: the clinic's administrator adds them with 'trp clinic add-client NAME --therapist LOGIN'."));
    return;
  }
  const urgent = list.filter((c) => c.urgent);
  const flagged = list.filter((c) => !c.urgent && c.red_flags);
  const opinion = list.filter((c) => c.seek_other_opinion);
  if (urgent.length || flagged.length || opinion.length) {
    main.append(h('section', { class: urgent.length || flagged.length ? 'urgent' : '', 'aria-labelledby': 'attn-h' },
      h('h2', { id: 'attn-h' }, 'Needs your attention'),
      urgent.length ? h('p', {}, h('strong', { class: 'danger-text' }, 'Urgent red flag: '), urgent.map((c) => c.name).join(', '),
        '. Their health questions point to emergency or same-day medical care; self-treatment stays locked until a clinician has cleared them.') : null,
      flagged.length ? h('p', {}, h('strong', { class: 'danger-text' }, 'Red flags: '), flagged.map((c) => c.name).join(', '),
        '. Their health questions point to a doctor first.') : null,
      opinion.length ? h('p', {}, h('strong', {}, 'Seek another opinion: '), opinion.map((c) => c.name).join(', '),
        '. Weeks without improvement (or a clear worsening): reassess, and consider referral (NICE CKS, neck pain).') : null));
  }
  const find = h('input', { type: 'search', id: 'client-find', autocomplete: 'off' });
  const ul = h('ul', { class: 'plain clients', id: 'client-list' });
  const render = () => {
    const q = find.value.trim().toLowerCase();
    const shown = list.filter((c) => !q || c.name.toLowerCase().includes(q));
    ul.replaceChildren(...shown.map((c) => clientCard(c, canOpen)));
    if (!shown.length) ul.append(h('li', { class: 'muted' }, 'No client by that name.'));
  };
  find.addEventListener('input', render);
  main.append(h('section', { 'aria-labelledby': 'list-h' },
    h('h2', { id: 'list-h', class: 'visually-hidden' }, `${list.length} client${list.length === 1 ? '' : 's'}`),
    list.length > 6 ? [h('label', { for: 'client-find' }, 'Find a client'), find] : null, ul));
  render();
}

// --- one client: entering the diary, the card and the visits ---

let cards = new Map();

// Points the app at client id and returns their card, or null when the caller may not see
// them (the server answers 404 as for a client that does not exist).
export async function enter(id) {
  if (!/^\d+$/.test(id)) return null;
  setClient(null);
  let card = cards.get(id);
  if (!card) {
    try { card = await api(`clients/${id}`, { server: true }); } catch (e) {
      if (e.status === 404) return null;
      throw e;
    }
    cards.set(id, card);
  }
  setClient(id);
  chrome(id, card);
  return card;
}

// A client's own account: their own diary at the plain paths, their name in the bar.
export async function own() {
  const me = account();
  let card = cards.get('own');
  if (!card) {
    card = await api(`clients/${me.client}`, { server: true });
    cards.set('own', card);
  }
  chrome(0, card);
}

export function forget() { cards = new Map(); }

export function notFound(main, id) {
  chrome(null);
  document.title = 'Not found · trp';
  main.append(h('h1', {}, 'No such client'),
    h('p', {}, `No client with id ${id} is among your clients.`),
    h('p', {}, h('a', { class: 'button primary', href: '#/clients' }, 'Back to your clients')));
}

const soap = [['subjective', 'Subjective', 'What the client reports: pain, what changed, what they tried'],
  ['objective', 'Objective', 'What you found: trigger points, range of motion, tests'],
  ['assessment', 'Assessment', 'Your judgement of the findings'],
  ['plan', 'Plan', 'Treatment given and planned, self-care, next visit']];

function visitItem(v) {
  return h('li', { class: 'visit' },
    h('h3', {}, `${v.time.slice(0, 10)} ${v.time.slice(11, 16)}`, h('span', { class: 'muted' }, ` · ${v.therapist}`)),
    h('dl', {}, soap.filter(([k]) => v[k]).flatMap(([k, label]) => [h('dt', {}, label), h('dd', {}, v[k])])),
    v.entries.length ? h('p', { class: 'muted' }, `Tied to diary ${v.entries.length === 1 ? 'entry' : 'entries'} ${v.entries.map((e) => '#' + e).join(', ')}.`) : null);
}

export async function clientPage(main, card) {
  document.title = `${card.name} · trp`;
  main.append(h('h1', {}, card.name));
  const facts = [['Date of birth', card.date_of_birth], ['Medications', card.medications], ['Notes', card.notes], ['Own therapist', card.therapist]]
    .filter(([, v]) => v);
  main.append(h('section', { 'aria-label': 'About the client' },
    facts.length ? h('dl', { class: 'facts' }, facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])) : h('p', { class: 'muted' }, 'No details recorded.')));

  // The client's red flags first: what they answered may rule treatment out today.
  try {
    const intake = await api('intake');
    const flags = intake && !intake.cleared_by ? intake.red_flags || [] : [];
    if (flags.length) {
      const urgent = flags.some((f) => f.urgent);
      main.append(h('section', { class: 'urgent', 'aria-labelledby': 'flags-h' },
        h('h2', { id: 'flags-h', class: 'danger-text' }, urgent ? 'Urgent red flag' : 'Red flags'),
        h('ul', {}, flags.map((f) => h('li', {}, h('strong', {}, f.what + ': '), f.advice))),
        h('p', { class: 'muted' }, `From the health questions of ${intake.taken_at.slice(0, 10)}; not cleared by a clinician.`)));
    }
  } catch (e) { if (e.status !== 404) fail(main, e); }

  const list = h('ol', { class: 'plain', id: 'visit-list' });
  const box = h('section', { 'aria-labelledby': 'visits-h' }, h('h2', { id: 'visits-h' }, 'Visits'), list);
  const load = async () => {
    const vs = await api('visits');
    list.replaceChildren(...vs.map(visitItem));
    if (!vs.length) list.append(h('li', { class: 'muted' }, 'No visits recorded yet.'));
  };

  const form = h('form', { class: 'card', 'aria-labelledby': 'visit-new-h' }, h('h2', { id: 'visit-new-h' }, 'Note a visit'),
    h('p', { class: 'muted' }, "The visit is tied to the client's treatments by a practitioner and their PGIC and PSFS ratings of that day."));
  const fields = {};
  for (const [k, label, hint] of soap) {
    fields[k] = h('textarea', { id: `visit-${k}`, name: k, rows: '3', maxlength: '8000', 'aria-describedby': `visit-${k}-hint` });
    form.append(h('label', { for: `visit-${k}` }, label), h('p', { class: 'muted small hint', id: `visit-${k}-hint` }, hint), fields[k]);
  }
  // PGIC (Guy 1976; Farrar 2001) and PSFS (Stratford 1995) at the visit: stored as diary
  // entries of the day, which the visit then ties to, as `trp log pgic` and `trp log psfs` do.
  const pgicLabels = ['very much improved', 'much improved', 'minimally improved', 'no change',
    'minimally worse', 'much worse', 'very much worse'];
  const pgic = h('select', { id: 'visit-pgic' }, h('option', { value: '' }, 'not asked'),
    ...pgicLabels.map((l, i) => h('option', { value: String(i + 1) }, `${i + 1}: ${l}`)));
  const psfsAct = h('input', { id: 'visit-psfs-activity', type: 'text', maxlength: '200', placeholder: 'for example: climbing stairs' });
  const psfsScore = h('input', { id: 'visit-psfs-score', type: 'number', min: '0', max: '10', step: '1', inputmode: 'numeric' });
  form.append(h('fieldset', {}, h('legend', {}, 'Ratings at this visit (optional)'),
    h('label', { for: 'visit-pgic' }, 'PGIC: since care began, the client feels'), pgic,
    h('label', { for: 'visit-psfs-activity' }, 'PSFS activity'), psfsAct,
    h('label', { for: 'visit-psfs-score' }, 'PSFS score (0 unable, 10 as before the problem)'), psfsScore));
  const msg = h('div');
  form.append(h('p', {}, h('button', { type: 'submit', class: 'primary' }, 'Save visit')), msg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    msg.replaceChildren();
    const body = {};
    for (const [k] of soap) if (fields[k].value.trim()) body[k] = fields[k].value.trim();
    if (!Object.keys(body).length) { fail(msg, new Error('Write at least one of subjective, objective, assessment or plan.')); return; }
    const act = psfsAct.value.trim();
    if ((act === '') !== (psfsScore.value === '')) { fail(msg, new Error('For PSFS give both the activity and its score, or neither.')); return; }
    try {
      const time = isoLocal();
      if (pgic.value) await api('entries', { method: 'POST', body: { kind: 'pgic', time, value: Number(pgic.value) } });
      if (act) await api('entries', { method: 'POST', body: { kind: 'psfs', time, name: act, value: Number(psfsScore.value) } });
      const v = await api('visits', { method: 'POST', body });
      for (const [k] of soap) fields[k].value = '';
      pgic.value = ''; psfsAct.value = ''; psfsScore.value = '';
      say(`Visit ${v.id} saved.`);
      msg.append(h('p', {}, `Saved as visit ${v.id}.`));
      await load();
    } catch (e) { fail(msg, e); }
  });
  main.append(form, box);
  try { await load(); } catch (e) { fail(box, e); }
}
