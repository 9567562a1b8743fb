// The few helpers every page uses: calling trp's API (with the CSRF token on every
// change), building DOM nodes without innerHTML (nothing from the diary is ever parsed as
// HTML), local times with their UTC offset as trp stores them, and a polite status line.
// On a clinic's server a therapist works in one client's diary at a time: setClient(ID)
// makes every diary path go to /api/v1/clients/ID/..., so the pages need not know.

let csrf = null;
let prefix = '';
let me = null;

export class ApiError extends Error {
  constructor(status, message, data = {}) { super(message); this.status = status; this.data = data; }
}

// Asks the server who is signed in: {csrf} on one person's server, {csrf, login, role,
// clinic: true, client?} on a clinic's. Throws ApiError (401 when nobody is).
export async function signIn() {
  const r = await fetch('/api/v1/session', { credentials: 'same-origin' });
  const data = await r.json().catch(() => ({}));
  if (!r.ok) throw new ApiError(r.status, data.error || 'not signed in', data);
  csrf = data.csrf;
  me = data;
  return data;
}

// The signed-in account on a clinic's server ({login, role, client?}), or null.
export const account = () => (me && me.clinic ? me : null);

// fn runs when a clinic's server says the session has ended (idle or too old), whichever
// page asked: the app shows its login page instead of each page's own error.
let expired = () => {};
export function onExpired(fn) { expired = fn; }

// After signing out: nobody, no token, no diary.
export function signedOut() { me = null; csrf = null; prefix = ''; }

// Whose diary the diary paths reach: a client's id, or null for the caller's own.
export function setClient(id) { prefix = id ? `clients/${id}/` : ''; }

// The address of PATH in the chosen diary, for links and images (<a href>, <img src>).
export const apiUrl = (path) => '/api/v1/' + prefix + path;

// Calls /api/v1/PATH (in the chosen client's diary). body: an object (sent as JSON) or a
// string (sent as is). server: true for the paths that belong to no diary (logout, the
// client list).
export async function api(path, { method = 'GET', body, server = false } = {}) {
  const opts = { method, credentials: 'same-origin', headers: {} };
  if (method !== 'GET') opts.headers['X-CSRF-Token'] = csrf;
  if (body !== undefined) {
    opts.body = typeof body === 'string' ? body : JSON.stringify(body);
    opts.headers['Content-Type'] = typeof body === 'string' ? 'text/plain' : 'application/json';
  }
  const r = await fetch((server ? '/api/v1/' : apiUrl('')) + path, opts);
  const type = r.headers.get('Content-Type') || '';
  const data = type.startsWith('application/json') ? await r.json() : await r.text();
  if (r.status === 401 && data && data.clinic && me) expired();
  if (!r.ok) throw new ApiError(r.status, data && data.error ? data.error : `request failed (${r.status})`, data || {});
  return data;
}

// h('button', {class: 'primary', onclick: f}, 'Save'): an element with attributes,
// properties for on* handlers, and children (strings become text nodes).
export function h(tag, attrs = {}, ...children) {
  const svg = ['svg', 'polygon', 'g', 'title', 'text', 'circle'].includes(tag);
  const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'value' && !svg) el.value = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

let statusTimer = null;
export function say(text) {
  const s = document.getElementById('status');
  s.textContent = text;
  s.classList.add('show');
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => s.classList.remove('show'), 4000);
}

// Shows an error where the person is looking and in the status line.
export function fail(where, err) {
  const p = h('p', { class: 'danger-text', role: 'alert' }, err.message || String(err));
  if (where) where.append(p);
  say(err.message || String(err));
}

const pad = (n) => String(n).padStart(2, '0');

// "2026-03-01T08:05:00+01:00" for a Date, in this device's zone: the shape trp stores.
export function isoLocal(d = new Date()) {
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const a = Math.abs(off);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:` +
    `${pad(d.getMinutes())}:${pad(d.getSeconds())}${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

// "Mon 1 Mar, 08:05" from a stored time, read as the wall clock it was written in.
export function showTime(iso) {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(iso || '');
  if (!m) return iso || '';
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  const day = d.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
  return `${day}, ${m[4]}:${m[5]}`;
}

// "1 day", "3 days", "2 passes": a count with its noun in the right number.
export const plural = (n, one, many = one + 's') => `${n} ${n === 1 ? one : many}`;

// "once", "twice", "3 times": how often, in words.
export const times = (n) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

// A range control with its number shown beside it; returns {el, input}.
export function slider(label, id, min, max, value, step = 1) {
  const out = h('output', { for: id, class: 'big', id: id + '-out' }, String(value));
  const input = h('input', { type: 'range', id, min, max, step, value: String(value),
    'aria-describedby': id + '-out',
    oninput: () => { out.textContent = input.value; } });
  return { el: h('div', {}, h('label', { for: id }, label), input, out), input };
}
