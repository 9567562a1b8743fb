// Browser tests of `trp serve --clinic` (run by tests/pg/with_cluster.sh, which starts a
// throwaway PostgreSQL cluster and sets TRP_TEST_PG; the clinic server needs PostgreSQL and
// refuses an SQLite diary). A therapist signs in, sees her own and shared clients and no
// one else's, opens one, logs a check-in (read back through `trp --client ID list`), notes
// a visit, types another therapist's client id into the address and gets "no such client",
// and signs out; a client's account lands on their own diary; wrong passwords are said in
// words and a lockout explained. The login, client list and client pages have no serious or
// critical axe-core violations, no sideways scrolling at 360 px and no console errors.
// usage: node clinic.mjs TRP_BINARY OUT_DIR
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';

const trp = process.argv[2];
const out = process.argv[3] || join(tmpdir(), 'trp-browser-clinic');
const pg = process.env.TRP_TEST_PG;
if (!pg) { console.error('clinic.mjs: run through tests/pg/with_cluster.sh (TRP_TEST_PG is not set)'); process.exit(2); }
mkdirSync(out, { recursive: true });
const require = createRequire(import.meta.url);
const axeSource = readFileSync(join(dirname(require.resolve('axe-core')), 'axe.min.js'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'trp-browser-clinic-'));
const PW = 'correct horse battery';
const cli = (args, input) => execFileSync(trp, ['--db', pg, ...args], { encoding: 'utf8', input });

let failures = 0, passes = 0;
async function check(name, fn) {
  try { await fn(); passes++; console.log(`ok - ${name}`); } catch (e) { failures++; console.log(`not ok - ${name}\n  ${String(e.stack || e).split('\n').slice(0, 6).join('\n  ')}`); }
}

// The clinic: anna has Ada (with her own login) and Sam (shared by bert); bert has Otto.
cli(['clinic', 'add-therapist', 'anna', '--password-stdin'], PW + '\n');
cli(['clinic', 'add-therapist', 'bert', '--password-stdin'], PW + '\n');
cli(['clinic', 'add-therapist', 'carl', '--password-stdin'], PW + '\n');
const ada = cli(['clinic', 'add-client', 'Ada Own', '--therapist', 'anna', '--login', 'ada', '--password-stdin'], PW + '\n').trim();
const sam = cli(['clinic', 'add-client', 'Sam Shared', '--therapist', 'bert']).trim();
const otto = cli(['clinic', 'add-client', 'Otto Other', '--therapist', 'bert']).trim();
cli(['clinic', 'link', sam, '--therapist', 'anna']);
cli(['simulate', '--days', '60', '-o', join(dir, 'sim.csv')]);
for (const c of [ada, sam, otto]) cli(['--client', c, 'import', join(dir, 'sim.csv')]);
// Ada's health questions found an urgent sign (bladder or bowel changes with back pain).
const answers = JSON.parse(readFileSync(new URL('../../doc/intake-answers.example.json', import.meta.url), 'utf8'));
for (const k of Object.keys(answers)) if (answers[k] === true) answers[k] = false;
answers.bladder_bowel = true;
cli(['--client', ada, 'intake', '--answers', '-'], JSON.stringify(answers));
// Sam answered the health questions with no warning sign, so sessions are open for him.
for (const k of Object.keys(answers)) if (answers[k] === true) answers[k] = false;
cli(['--client', sam, 'intake', '--answers', '-'], JSON.stringify(answers));
const ottoBefore = cli(['--client', otto, 'export', '--format', 'jsonl', '--deleted', '--history']);

const server = spawn(trp, ['--db', pg, 'serve', '--clinic', '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let buf = '';
  server.stdout.on('data', (d) => { buf += d; if (buf.includes('\n')) resolve(buf.split('\n')[0]); });
  server.on('exit', (c) => reject(new Error(`trp serve --clinic exited with ${c}`)));
});
const base = url.replace(/\/api\/v1\/login$/, '');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
const page = await phone.newPage();

// Console errors, except the browser's own line for an answer the test expects to fail (a
// refused login, the probe of another therapist's client): those are checked one by one.
const errors = [];
const failed = [];
const listen = (p) => {
  p.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (/^Failed to load resource: the server responded with a status of (401|404|429)/.test(m.text())) return;
    errors.push(m.text());
  });
  p.on('pageerror', (e) => errors.push(String(e)));
  p.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`); });
};
listen(page);

async function axe(p) {
  await p.evaluate(axeSource);
  const r = await p.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}
async function noSideways(p) {
  const wide = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(wide <= 0, `scrolls sideways by ${wide}px`);
}
async function go(p, hash) {
  await p.goto(`${base}/${hash}`);
  await p.waitForFunction(() => document.querySelector('main h1'));
  await p.waitForLoadState('networkidle');
}
async function signIn(p, login, password = PW) {
  await p.getByLabel('Login', { exact: true }).fill(login);
  await p.getByLabel('Password', { exact: true }).fill(password);
  await p.getByRole('button', { name: 'Sign in' }).click();
}

await check('the clinic opens on a login page with labelled fields; axe clean; no sideways scroll', async () => {
  await go(page, '');
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  assert.ok(await page.getByLabel('Login', { exact: true }).isVisible());
  assert.equal(await page.getByLabel('Password', { exact: true }).getAttribute('type'), 'password');
  assert.ok(!(await page.locator('nav').isVisible()), 'the diary pages are offered before signing in');
  await noSideways(page);
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: join(out, 'phone-login.png'), fullPage: true });
});

await check('a wrong password is said in words', async () => {
  await signIn(page, 'anna', 'not the password');
  await page.getByRole('alert').getByText('Wrong login or password').waitFor();
  assert.ok(await page.getByRole('heading', { name: 'Sign in' }).isVisible());
});

await check('therapist A sees her own and shared clients, not another therapist\'s, with the flags', async () => {
  await signIn(page, 'anna');
  await page.getByRole('heading', { name: 'Your clients' }).waitFor();
  await page.locator('#client-list li').first().waitFor();
  const names = await page.locator('#client-list li h2').allTextContents();
  assert.deepEqual(names.map((n) => n.replace(/ \(shared with you\)$/, '')), ['Ada Own', 'Sam Shared']);
  assert.ok(!(await page.getByText('Otto Other').count()), "bert's client is listed");
  const adaCard = page.locator(`li[data-client="${ada}"]`);
  assert.ok(await adaCard.getByText('Urgent red flag').isVisible(), 'no urgent flag on Ada');
  assert.ok(!(await page.locator(`li[data-client="${sam}"]`).getByText(/red flag/i).count()), 'a flag on Sam');
  assert.match(await adaCard.textContent(), /pain \d+\.\d\/10/);
  assert.match(await page.locator('#who').textContent(), /Signed in as anna/);
  await noSideways(page);
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: join(out, 'phone-clients.png'), fullPage: true });
});

await check('the list agrees with trp clinic clients', async () => {
  const fromApi = await page.evaluate(() => fetch('/api/v1/clients').then((r) => r.json()));
  const fromCli = JSON.parse(cli(['clinic', 'clients', '--json']));
  for (const c of fromApi) {
    const t = fromCli.find((x) => x.id === c.id);
    assert.ok(t, `client ${c.id} missing from the CLI`);
    // one shape; only "link" differs (how the therapist is linked, none in the terminal)
    // and when each computed the progress status
    assert.ok(Date.parse(c.progress_as_of) <= Date.parse(t.progress_as_of), `${c.name}: status from the future`);
    assert.deepEqual({ ...c, link: null, progress_as_of: null }, { ...t, progress_as_of: null }, `the list entry of ${c.name}`);
  }
});

await check('choosing a client opens her diary, with her name in the bar; a check-in lands in her diary', async () => {
  await page.getByRole('link', { name: 'Ada Own' }).click();
  await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  assert.equal(await page.locator('#who-name').textContent(), 'Ada Own');
  assert.equal(await page.getByRole('link', { name: 'Diary', exact: true }).getAttribute('href'), `#/clients/${ada}/diary`);
  const before = JSON.parse(cli(['--client', ada, 'list', '--kind', 'pain', '--json'])).length;
  await page.getByLabel('Pain', { exact: true }).fill('7');
  await page.getByLabel('Or name a place').fill('left temple');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText(/Saved as entry \d+/).waitFor();
  const list = JSON.parse(cli(['--client', ada, 'list', '--kind', 'pain', '--json']));
  assert.equal(list.length, before + 1);
  const last = list.reduce((a, b) => (b.id > a.id ? b : a));
  assert.equal(last.value, 7);
  assert.ok(last.regions.some((r) => /temple/.test(r.region)), JSON.stringify(last));
  for (const c of [sam, otto]) assert.ok(!JSON.parse(cli(['--client', c, 'list', '--kind', 'pain', '--json'])).some((e) => e.id === last.id), `entry in client ${c}`);
  await noSideways(page);
  await page.screenshot({ path: join(out, 'phone-client-today.png'), fullPage: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(out, 'phone-client-top.png') });
});

await check("the client's other pages answer for her (diary, insights, report, intake)", async () => {
  for (const p of ['diary', 'insights', 'report', 'intake', 'where', 'session']) {
    await go(page, `#/clients/${ada}/${p}`);
    assert.equal(await page.locator('#who-name').textContent(), 'Ada Own', p);
    assert.equal(await page.locator('main .danger-text[role="alert"]').count(), 0, `${p}: ${await page.locator('main').textContent()}`);
  }
  await go(page, `#/clients/${ada}/diary`);
  await page.locator('li[data-id]').first().waitFor();
  await go(page, `#/clients/${ada}/report`);
  assert.equal(await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href').then((h) => h.split('?')[0]), `/api/v1/clients/${ada}/report.pdf`);
  await go(page, `#/clients/${ada}/session`);
  await page.getByRole('heading', { name: 'Sessions are locked' }).waitFor();
});

await check("a guided session run by the therapist is recorded as the practitioner's treatment", async () => {
  const sp = await phone.newPage();
  listen(sp);
  await sp.clock.install();
  await go(sp, `#/clients/${sam}/session`);
  await sp.getByLabel('Muscle').selectOption('upper-trapezius');
  await sp.getByLabel('Pain before').fill('6');
  await sp.getByRole('button', { name: 'Start' }).click();
  await sp.getByText('Pass 1 of 3: hold').waitFor();
  await sp.clock.runFor(41000);
  await sp.getByRole('button', { name: 'Softened' }).click();
  await sp.getByLabel('Pain after').fill('3');
  await sp.getByRole('button', { name: 'Save', exact: true }).click();
  await sp.getByText(/Recorded as entry/).waitFor();
  await sp.close();
  const t = JSON.parse(cli(['--client', sam, 'list', '--kind', 'treatment', '--json'])).reduce((a, b) => (b.id > a.id ? b : a)).treatment;
  assert.equal(t.performer, 'practitioner', JSON.stringify(t));
  assert.equal(t.muscle, 'upper-trapezius');
  assert.equal(t.pain_after, 3);
});

await check('a visit note (SOAP) is saved and listed, as trp clinic visits shows it', async () => {
  await go(page, `#/clients/${ada}`);
  await page.getByRole('heading', { name: 'Ada Own', level: 1 }).waitFor();
  await page.getByLabel('Subjective').fill('Headache after long drives');
  await page.getByLabel('Objective').fill('Active point in the left upper trapezius');
  await page.getByLabel('Plan').fill('Refer to her GP first: bladder symptoms');
  await page.getByLabel('PGIC: since care began, the client feels').selectOption('2');
  await page.getByLabel('PSFS activity').fill('reversing the car');
  await page.getByLabel('PSFS score (0 unable, 10 as before the problem)').fill('6');
  await page.getByRole('button', { name: 'Save visit' }).click();
  await page.getByText(/Saved as visit \d+/).waitFor();
  await page.locator('#visit-list').getByText('Headache after long drives').waitFor();
  const vs = JSON.parse(cli(['clinic', 'visits', ada, '--json']));
  assert.equal(vs[0].subjective, 'Headache after long drives');
  // the ratings are the client's diary entries of the day, and the visit is tied to them
  const rated = JSON.parse(cli(['--client', ada, 'list', '--json', '--since', '-1h']))
    .filter((e) => e.kind === 'pgic' || e.kind === 'psfs');
  assert.deepEqual(rated.map((e) => [e.kind, e.name ?? null, e.value]).sort(),
    [['pgic', null, 2], ['psfs', 'reversing the car', 6]]);
  for (const e of rated) assert.ok(vs[0].entries.includes(e.id), `visit tied to ${e.kind} entry ${e.id}`);
  assert.equal(vs[0].therapist, 'anna');
  assert.equal(vs[0].assessment, null);
  await noSideways(page);
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: join(out, 'phone-client-visits.png'), fullPage: true });
});

await check("another therapist's client typed into the address: no such client, nothing read", async () => {
  for (const p of [`#/clients/${otto}/today`, `#/clients/${otto}`, '#/clients/999999/diary']) {
    await go(page, p);
    await page.getByRole('heading', { name: 'No such client' }).waitFor();
    assert.ok(!(await page.getByText('Otto Other').count()), `${p}: the name shows`);
    assert.ok(!(await page.locator('nav').isVisible()), `${p}: the diary pages are offered`);
  }
  assert.equal(cli(['--client', otto, 'export', '--format', 'jsonl', '--deleted', '--history']), ottoBefore);
  const probes = failed.filter((f) => f.includes(`/clients/${otto}`));
  assert.ok(probes.length > 0 && probes.every((f) => f.startsWith('404 GET')), probes.join('; '));
  await page.screenshot({ path: join(out, 'phone-not-found.png'), fullPage: true });
});

await check('a session that ended mid-use asks to sign in again, then returns to the same page', async () => {
  await go(page, `#/clients/${ada}/today`);
  const cookies = await phone.cookies();
  await phone.clearCookies();
  await page.getByRole('link', { name: 'Diary', exact: true }).click();
  await page.getByText('Your session has ended').waitFor();
  assert.ok(!(await page.locator('#who').isVisible()), 'the bar still names a diary');
  await signIn(page, 'anna');
  await page.getByRole('heading', { name: 'Diary', level: 1 }).waitFor();
  assert.equal(new URL(page.url()).hash, `#/clients/${ada}/diary`);
  assert.equal(await page.locator('#who-name').textContent(), 'Ada Own');
  assert.ok(cookies.length > 0);
});

await check('sign out ends the session', async () => {
  await go(page, '#/clients');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByText('Signed out.').waitFor();
  assert.ok(!(await page.locator('#who').isVisible()), 'the bar still names a diary after signing out');
  assert.equal(await page.evaluate(() => fetch('/api/v1/clients').then((r) => r.status)), 401);
  await go(page, `#/clients/${ada}/today`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
});

await check("a client's account lands on their own diary, named in the bar", async () => {
  await go(page, '');
  await signIn(page, 'ada');
  await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  assert.equal(await page.locator('#who-name').textContent(), 'Ada Own');
  assert.match(await page.locator('#who').textContent(), /Your diary/);
  assert.equal(await page.getByRole('link', { name: 'Diary', exact: true }).getAttribute('href'), '#/diary');
  assert.ok(!(await page.getByRole('link', { name: 'All clients' }).count()));
  await page.screenshot({ path: join(out, 'phone-client-own-top.png') });
  await go(page, '#/diary');
  await page.locator('li[data-id]').first().waitFor();
  await noSideways(page);
  await go(page, `#/clients/${otto}/today`);
  await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  assert.equal(await page.locator('#who-name').textContent(), 'Ada Own');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
});

await check('wrong passwords in a row: the lockout (429) is explained', async () => {
  let said = '';
  for (let i = 0; i < 8 && !/waiting/.test(said); i++) {
    await signIn(page, 'carl', 'guess ' + i);
    await page.getByRole('alert').locator('p').first().waitFor();
    said = await page.getByRole('alert').textContent();
  }
  assert.match(said, /This account is waiting after wrong passwords/);
  assert.match(said, /Try again in \d+ (second|seconds|minutes) /);
  assert.match(said, /15 minutes/);
  assert.ok(failed.some((f) => f.startsWith('429 POST /api/v1/login')));
  await page.screenshot({ path: join(out, 'phone-login-locked.png'), fullPage: true });
});

await check('no console errors; every failed request was one the test expected', async () => {
  assert.deepEqual(errors, []);
  const unexpected = failed.filter((f) => !/^(401 (GET \/api\/v1\/(session|clients|clients\/\d+\/regions)|POST \/api\/v1\/login)|429 POST \/api\/v1\/login|404 GET \/api\/v1\/clients\/\d+$)/.test(f));
  assert.deepEqual(unexpected, []);
});

const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const dp = await desk.newPage();
listen(dp);
await check('desktop: login, client list, a client, her visits; axe clean', async () => {
  await go(dp, '');
  await dp.screenshot({ path: join(out, 'desktop-login.png'), fullPage: true });
  await signIn(dp, 'anna');
  await dp.locator('#client-list li').first().waitFor();
  assert.deepEqual(await axe(dp), []);
  await dp.screenshot({ path: join(out, 'desktop-clients.png'), fullPage: true });
  await go(dp, `#/clients/${ada}/today`);
  await dp.screenshot({ path: join(out, 'desktop-client-today.png'), fullPage: true });
  await go(dp, `#/clients/${ada}`);
  await dp.locator('#visit-list li').first().waitFor();
  assert.deepEqual(await axe(dp), []);
  await dp.screenshot({ path: join(out, 'desktop-client-visits.png'), fullPage: true });
  assert.deepEqual(errors, []);
});

await browser.close();
const exited = new Promise((resolve) => server.on('exit', (code, sig) => resolve(code ?? sig)));
server.kill('SIGTERM');
await check('trp serve --clinic stops cleanly', async () => assert.equal(await exited, 0));
rmSync(dir, { recursive: true, force: true });
console.log(`${passes} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
