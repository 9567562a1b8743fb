// trp's web app: plain ES modules served from the trp binary, no framework and no build
// step, so every line the browser runs is in the repository, small enough to audit, and
// works offline. This file signs in and routes #/page to the page's function. On one
// person's server the session cookie is already set by the link `trp serve` printed. On a
// clinic's server (`trp serve --clinic`) the app asks for a login first; a therapist then
// picks a client and the same pages open that client's diary at #/clients/ID/page, while a
// client's account lands on their own diary at the plain #/page.
import { signIn, signedOut, account, setClient, onExpired, h, ApiError } from './api.js';
import * as pages from './pages.js';
import { session } from './session.js';
import * as clinic from './clinic.js';

const routes = {
  today: ['Today', pages.today], body: ['Body map', pages.body], where: ['Where', pages.where],
  session: ['Session', session], diary: ['Diary', pages.diary], insights: ['Insights', pages.insights],
  report: ['Report', pages.report], intake: ['Health questions', pages.intake],
};

let clinicMode = false;
let ended = null; // why the login page shows while nobody signed out: the session ended

// "#/clients/12/diary?since=-7d" -> ['clients', '12', 'diary']
const hashPath = () => location.hash.replace(/^#\/?/, '').split('?')[0].split('/').filter(Boolean);

async function showPage(main, name) {
  const [title, fn] = routes[name] || routes.today;
  document.title = `${title} · trp`;
  await fn(main);
}

// After signing in: a client to their diary, staff to the client list, unless the address
// already names a page of theirs (a link kept from before the session ended).
function afterLogin() {
  ended = null;
  const me = account();
  const path = hashPath();
  const want = me.role === 'client' ? (routes[path[0]] ? location.hash : '#/today')
    : (path[0] === 'clients' ? location.hash : '#/clients');
  if (location.hash === want) show(); else location.hash = want;
}

async function route(main, path) {
  const me = account();
  if (!clinicMode) return showPage(main, path[0] || 'today');
  if (!me) return clinic.loginPage(main, ended || (path[0] === 'signed-out' ? 'Signed out.' : null), afterLogin);
  if (me.role === 'client') {
    if (path.length && !routes[path[0]]) { location.replace('#/today'); return null; }
    await clinic.own();
    return showPage(main, path[0] || 'today');
  }
  if (path[0] !== 'clients' || !path[1]) {
    setClient(null);
    clinic.chrome(null);
    return clinic.clientList(main);
  }
  const card = await clinic.enter(path[1]);
  if (!card) return clinic.notFound(main, path[1]);
  if (!path[2]) return clinic.clientPage(main, card);
  return showPage(main, path[2]);
}

let shown = 0;

async function show() {
  const main = document.getElementById('main');
  // Each page draws into its own box: a page still loading when the address changes again
  // finishes into a box no longer shown, instead of beside the next page.
  const gen = ++shown;
  const view = h('div', { class: 'view' });
  main.replaceChildren(view);
  document.getElementById('status').classList.remove('show');
  const path = hashPath();
  try {
    await route(view, path);
  } catch (e) {
    if (!(clinicMode && e instanceof ApiError && e.status === 401))
      view.append(h('p', { class: 'danger-text', role: 'alert' }, e.message));
  }
  if (gen !== shown) return;
  // The session ended while the page loaded: whatever the page went on to draw after its
  // request failed gives way to the login page.
  if (clinicMode && !account() && path[0] !== 'signed-out' && ended) {
    view.replaceChildren();
    clinic.loginPage(view, ended, afterLogin);
  }
  const here = clinicMode && path[0] === 'clients' ? `#/${path.slice(0, 3).join('/')}` : `#/${path[0] || 'today'}`;
  for (const a of document.querySelectorAll('nav a'))
    a.toggleAttribute('aria-current', a.getAttribute('href') === here) && a.setAttribute('aria-current', 'page');
  if (document.activeElement === document.body || !main.contains(document.activeElement)) main.focus({ preventScroll: true });
}

async function start() {
  try {
    await signIn();
    clinicMode = !!account();
  } catch (e) {
    if (!(e instanceof ApiError && e.data && e.data.clinic)) {
      document.getElementById('main').replaceChildren(
        h('h1', {}, 'Not signed in'),
        h('p', {}, "Open the address that 'trp serve' printed in the terminal (it works once); restart 'trp serve' for a new one."));
      return;
    }
    clinicMode = true;
  }
  onExpired(() => {
    signedOut();
    clinic.forget();
    ended = 'Your session has ended (after 30 minutes without use, or 12 hours after signing in): sign in again.';
    const main = document.getElementById('main');
    main.replaceChildren();
    clinic.loginPage(main, ended, afterLogin);
  });
  window.addEventListener('hashchange', show);
  await show();
}

start();
