// trp's web app: plain ES modules served from the trp binary, no framework and no build
// step, so every line the browser runs is in the repository, small enough to audit, and
// works offline. This file signs in (the session cookie is already set by the link
// `trp serve` printed) and routes #/page to the page's function.
import { signIn, h } from './api.js';
import * as pages from './pages.js';
import { session } from './session.js';

const routes = {
  today: ['Today', pages.today], body: ['Body map', pages.body], where: ['Where', pages.where],
  session: ['Session', session], diary: ['Diary', pages.diary], insights: ['Insights', pages.insights],
  report: ['Report', pages.report], intake: ['Health questions', pages.intake],
};

async function show() {
  const name = (location.hash.replace(/^#\//, '').split('?')[0]) || 'today';
  const [title, fn] = routes[name] || routes.today;
  const main = document.getElementById('main');
  main.replaceChildren();
  document.getElementById('status').classList.remove('show');
  document.title = `${title} · trp`;
  for (const a of document.querySelectorAll('nav a'))
    a.toggleAttribute('aria-current', a.getAttribute('href') === `#/${name}`) && a.setAttribute('aria-current', 'page');
  try {
    await fn(main);
  } catch (e) {
    main.append(h('p', { class: 'danger-text', role: 'alert' }, e.message));
  }
  if (document.activeElement === document.body || !main.contains(document.activeElement)) main.focus({ preventScroll: true });
}

async function start() {
  try {
    await signIn();
  } catch {
    document.getElementById('main').replaceChildren(
      h('h1', {}, 'Not signed in'),
      h('p', {}, "Open the address that 'trp serve' printed in the terminal (it works once); restart 'trp serve' for a new one."));
    return;
  }
  window.addEventListener('hashchange', show);
  await show();
}

start();
