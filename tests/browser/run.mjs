// Browser tests of `trp serve`: playwright-core drives Debian's chromium against a server
// on a fresh diary. The flows are the ones a person in pain would take on a phone: a
// check-in by tapping the body map and its close-ups (then read back through the CLI on the
// same database), "where" from a tap, a plan made from Where and due on Today, an urgent intake that locks sessions, a session on a fake clock,
// edit/delete/restore, the report download. Every page must have no console errors, no
// sideways scrolling at 360 px and no serious or critical axe-core violations.
// usage: node run.mjs TRP_BINARY OUT_DIR
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';

const trp = process.argv[2];
const out = process.argv[3] || join(tmpdir(), 'trp-browser');
mkdirSync(out, { recursive: true });
const require = createRequire(import.meta.url);
const axeSource = readFileSync(join(dirname(require.resolve('axe-core')), 'axe.min.js'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'trp-browser-'));
const db = join(dir, 'diary.db');
const cli = (...args) => execFileSync(trp, ['--db', db, ...args], { encoding: 'utf8' });

let failures = 0, passes = 0;
async function check(name, fn) {
  try { await fn(); passes++; console.log(`ok - ${name}`); } catch (e) { failures++; console.log(`not ok - ${name}\n  ${String(e.stack || e).split('\n').slice(0, 6).join('\n  ')}`); }
}

cli('simulate', '--days', '60', '-o', join(dir, 'sim.csv'));
cli('import', join(dir, 'sim.csv'));
const server = spawn(trp, ['--db', db, 'serve', '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let buf = '';
  server.stdout.on('data', (d) => { buf += d; if (buf.includes('\n')) resolve(buf.split('\n')[0]); });
  server.on('exit', (c) => reject(new Error(`trp serve exited with ${c}`)));
});
const base = url.replace(/\/login.*/, '');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2, acceptDownloads: true });
const page = await phone.newPage();
const errors = [];
const listen = (pg) => {
  pg.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  pg.on('pageerror', (e) => errors.push(String(e)));
};
listen(page);
await page.goto(url);
await page.waitForSelector('h1');

const pages = ['today', 'body', 'where', 'session', 'diary', 'insights', 'report', 'intake'];
async function open(p, pg = page) {
  // Going to the address already shown changes nothing (no hashchange): load it afresh.
  const to = `${base}/#/${p}`;
  if (pg.url() === to) await pg.reload(); else await pg.goto(to);
  await pg.waitForFunction(() => document.querySelector('main h1'));
  await pg.waitForLoadState('networkidle');
}
// Taps a body-map region where a finger would: the middle of its shape on the screen.
// (Playwright's own scroll-into-view does not finish for SVG shapes in this chromium.)
async function tapRegion(pg, name) {
  const l = pg.getByRole('button', { name, exact: true });
  const pt = await l.evaluate((el) => {
    el.scrollIntoView({ block: 'center' });
    const r = el.getBoundingClientRect();
    for (let i = 1; i < 10; i++) for (let j = 1; j < 10; j++) {
      const x = r.left + (r.width * i) / 10, y = r.top + (r.height * j) / 10;
      if (document.elementFromPoint(x, y) === el) return [x, y];
    }
    return null;
  });
  assert.ok(pt, `${name} cannot be tapped: covered everywhere`);
  await pg.touchscreen.tap(pt[0], pt[1]);
  assert.equal(await l.getAttribute('aria-pressed'), 'true', `${name} was not selected by the tap`);
}
async function axe(pg) {
  await pg.evaluate(axeSource);
  const r = await pg.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

await check('the login link sets an HttpOnly SameSite=Strict cookie and the link works once', async () => {
  const cookies = await phone.cookies();
  const c = cookies.find((x) => x.name === 'trp_session');
  assert.ok(c && c.httpOnly && c.sameSite === 'Strict');
  const again = await fetch(url, { redirect: 'manual' });
  assert.equal(again.status, 403);
});

for (const p of pages) {
  await check(`page ${p}: no sideways scroll at 360 px, axe clean, screenshot`, async () => {
    await open(p);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(wide <= 0, `scrolls sideways by ${wide}px`);
    assert.deepEqual(await axe(page), []);
    await page.screenshot({ path: join(out, `phone-${p}.png`), fullPage: true });
  });
}

await check('check-in by tapping the body map, read back with trp list', async () => {
  await open('body');
  await tapRegion(page, 'Right shoulder, front');
  await tapRegion(page, 'Left shoulder, back');
  await page.getByLabel('Pain', { exact: true }).fill('6');
  await page.getByRole('button', { name: 'Save', exact: true }).tap();
  await page.getByText(/Saved as entry \d+/).waitFor();
  const last = JSON.parse(cli('list', '--kind', 'pain', '--json')).pop();
  assert.equal(last.value, 6);
  assert.deepEqual(last.regions.map((r) => r.region).sort(), ['anterior-shoulder.r', 'posterior-shoulder.l'], JSON.stringify(last));
});

// The close-ups: the small places (temple, base of the skull, a finger, the heel) tapped on
// a phone, each with its own intensity, and read back through the CLI.
const closeups = ['Close-up: Head and neck', 'Close-up: Hands and fingers', 'Close-up: Feet and toes'];
async function openCloseups(pg) {
  for (const c of closeups) await pg.locator('summary', { hasText: c }).first().click();
}
await check('check-in by tapping fine regions in the close-ups at 360 px, read back with trp list', async () => {
  await open('body');
  // Pain first: a place tapped afterwards starts at that intensity.
  await page.getByLabel('Pain', { exact: true }).fill('5');
  await openCloseups(page);
  for (const r of ['Left temple', 'Right base of the skull', 'Right index finger', 'Left heel']) await tapRegion(page, r);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(wide <= 0, `scrolls sideways by ${wide}px with the close-ups open`);
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: join(out, 'phone-body-closeups.png'), fullPage: true });
  await page.getByLabel('Intensity: Left temple', { exact: true }).fill('8');
  await page.getByRole('button', { name: 'Save', exact: true }).tap();
  await page.getByText(/Saved as entry \d+/).waitFor();
  const last = JSON.parse(cli('list', '--kind', 'pain', '--json')).pop();
  assert.equal(last.value, 5);
  const got = Object.fromEntries(last.regions.map((r) => [r.region, r.intensity]));
  assert.deepEqual(got, { 'temple.l': 8, 'base-of-skull.r': 5, 'index-finger.r': 5, 'heel.l': 5 }, JSON.stringify(last));
  assert.match(cli('show', String(last.id)), /temple\.l/);
});

await check('where from a tap lists muscles with trigger points', async () => {
  await open('where');
  await tapRegion(page, 'Right shoulder, back');
  await page.getByRole('button', { name: 'Find muscles' }).tap();
  await page.getByRole('heading', { name: 'Muscles that can send pain there' }).waitFor();
  const names = await page.locator('main ol h3').allTextContents();
  assert.ok(names.length >= 1, 'no muscles');
  assert.ok(await page.getByText('Trigger points:').first().isVisible());
  await page.screenshot({ path: join(out, 'phone-where-results.png'), fullPage: true });
});

async function answerIntake(yesIds) {
  await open('intake');
  const qs = await page.evaluate(() => fetch('/api/v1/intake/questions').then((r) => r.json()));
  for (const q of qs) {
    if (q.type === 'yesno') await page.locator(`input[name="${q.id}"][value="${yesIds.includes(q.id) ? 'yes' : 'no'}"]`).check();
    else if (q.type === 'age') await page.locator(`input[name="${q.id}"]`).fill('44');
  }
  await page.getByRole('button', { name: 'Check my answers' }).click();
  await page.locator('main [aria-live] h2').first().waitFor();
}

await check('sessions are locked before the health questions', async () => {
  await open('session');
  await page.getByRole('heading', { name: 'Sessions are locked' }).waitFor();
});

await check('a session on a fake clock: cue at 30 s, softened at 45 s, recorded like the CLI; blocked muscles not offered', async () => {
  await answerIntake(['dvt_history']);
  await page.getByRole('heading', { name: 'No red flags' }).waitFor();
  assert.match(cli('safety', 'gastrocnemius'), /clot/);
  const sp = await phone.newPage();
  listen(sp);
  await sp.clock.install();
  await open('session', sp);
  const offered = await sp.locator('#ses-muscle option').evaluateAll((os) => os.map((o) => o.value));
  assert.ok(offered.includes('upper-trapezius'), 'upper trapezius not offered');
  assert.ok(!offered.includes('gastrocnemius') && !offered.includes('soleus'), 'a leg muscle is offered after a clot');
  // Why some muscles are missing is said in words a web user can act on, not as a command.
  const hint = sp.getByText(/muscles are not offered/);
  assert.doesNotMatch(await hint.textContent(), /trp /);
  await sp.locator('main section').first().screenshot({ path: join(out, 'phone-session-setup.png') });
  await sp.getByLabel('Muscle').selectOption('upper-trapezius');
  await sp.getByLabel('Pain before').fill('7');
  await sp.getByRole('button', { name: 'Start' }).tap();
  await sp.getByText('Pass 1 of 3: hold').waitFor();
  await sp.clock.runFor(31000);
  await sp.getByText('30 s: keep the pressure steady').waitFor();
  await sp.screenshot({ path: join(out, 'phone-session-hold.png') });
  await sp.clock.runFor(14000);
  assert.equal(await sp.locator('#ses-clock').textContent(), '45');
  await sp.getByRole('button', { name: 'Softened' }).tap();
  await sp.getByLabel('Pain after').fill('3');
  await sp.getByRole('button', { name: 'Save', exact: true }).tap();
  await sp.getByText(/Recorded as entry/).waitFor();
  await sp.close();
  const t = JSON.parse(cli('list', '--kind', 'treatment', '--json')).pop().treatment;
  assert.deepEqual(t, { technique: 'compression', muscle: 'upper-trapezius', side: 'right', hold_seconds: 45, passes: 1, released: true, pain_before: 7, pain_after: 3, performer: 'self' });
});

// A plan made on the phone, without a terminal: Today says how to start one (a link to
// Where), a muscle the safety gate allows gets "Add to my plan", one it blocks does not,
// and the added muscle is in `trp plan` and due on Today.
await check('a plan made from the Where page: added as trp plan add adds it, due on Today', async () => {
  await open('today');
  const how = page.getByRole('link', { name: 'find the muscles that may cause your pain' });
  assert.equal(await how.getAttribute('href'), '#/where');
  assert.doesNotMatch(await page.locator('main').textContent(), /trp plan/);
  await page.locator('section[aria-labelledby="plan-h"]').screenshot({ path: join(out, 'phone-today-no-plan.png') });
  await how.tap();
  await page.getByRole('heading', { name: 'Where does it hurt?' }).waitFor();
  // After a clot (the intake above), no calf muscle may go into the plan.
  await page.getByLabel('Say where, or tap the figures').fill('left calf');
  await page.getByRole('button', { name: 'Find muscles' }).tap();
  await page.getByRole('heading', { name: 'Muscles that can send pain there' }).waitFor();
  const calf = page.locator('main ol > li', { has: page.getByRole('heading', { name: 'Gastrocnemius', exact: true }) });
  assert.match(await calf.textContent(), /Not for self-treatment now/);
  assert.equal(await calf.getByRole('button', { name: 'Add to my plan' }).count(), 0, 'a blocked muscle offers "Add to my plan"');
  await page.getByLabel('Say where, or tap the figures').fill('right shoulder blade');
  await page.getByRole('button', { name: 'Find muscles' }).tap();
  const first = page.locator('main ol > li', { has: page.getByRole('button', { name: 'Add to my plan' }) }).first();
  await first.waitFor();
  const name = (await first.locator('h3').textContent()).trim();
  const card = page.locator('main ol > li', { has: page.getByRole('heading', { name, exact: true }) });
  const side = card.getByLabel('Side');
  const sided = (await side.count()) > 0;
  if (sided) assert.equal(await side.inputValue(), 'right', 'the side named is not the one chosen');
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(wide <= 0, `scrolls sideways by ${wide}px with the plan control`);
  assert.deepEqual(await axe(page), []);
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: join(out, 'phone-where-add-to-plan.png') });
  // Stretching three times a day instead of the usual two, as --stretch 3/day would ask.
  await card.locator('summary', { hasText: 'Change how often' }).click();
  await card.getByLabel('Stretch, times a day').fill('3');
  await card.screenshot({ path: join(out, 'phone-where-how-often.png') });
  await card.getByRole('button', { name: 'Add to my plan' }).tap();
  await card.getByText(`Added to your plan: ${name}`).waitFor();
  await card.screenshot({ path: join(out, 'phone-where-added.png') });
  const item = JSON.parse(cli('today', '--json')).find((d) => d.activity === 'stretch');
  assert.ok(item, 'nothing to stretch today after the add');
  assert.equal(item.due, 3, 'the chosen frequency was not stored');
  assert.match(cli('plan'), new RegExp(`${item.muscle}${sided ? ' right' : ''}`));
  await card.getByRole('link', { name: 'See what is due today' }).tap();
  await page.getByRole('button', { name: `Done: stretch ${name}` }).waitFor();
  await page.locator('summary', { hasText: 'Your plan: 1 muscle' }).click();
  await page.locator('section[aria-labelledby="plan-h"]').screenshot({ path: join(out, 'phone-today-after-add.png') });
  // Taken out again from Today's plan list, as `trp plan remove` does.
  await page.getByRole('button', { name: new RegExp(`^Remove ${name}`) }).tap();
  await page.getByText(`${name}${sided ? ' (right)' : ''} is no longer in your plan`).waitFor();
  assert.match(cli('plan'), /Your plan is empty/);
});

await check("today's self-care: the done button records what 'trp plan done' records", async () => {
  cli('plan', 'add', 'upper-trapezius', '--stretch', '2/day');
  await open('today');
  const n = JSON.parse(cli('list', '--kind', 'treatment', '--json')).length;
  await page.getByRole('button', { name: /^Done: stretch Upper trapezius/ }).tap();
  await page.getByRole('button', { name: /^Recorded: stretch Upper trapezius/ }).waitFor();
  const t = JSON.parse(cli('list', '--kind', 'treatment', '--json'));
  assert.equal(t.length, n + 1);
  const newest = t.reduce((a, b) => (b.id > a.id ? b : a));
  assert.deepEqual(newest.treatment, { technique: 'stretch', muscle: 'upper-trapezius', performer: 'self' });
  await page.screenshot({ path: join(out, 'phone-today-plan.png'), fullPage: true });
});

await check('edit, delete and restore an entry in the diary', async () => {
  await open('diary');
  const last = JSON.parse(cli('list', '--kind', 'pain', '--json')).pop();
  const row = page.locator(`li[data-id="${last.id}"]`);
  await row.getByRole('button', { name: `Edit entry ${last.id}` }).tap();
  await row.getByLabel('Pain').fill('4');
  await row.getByRole('button', { name: 'Save changes' }).tap();
  await page.locator(`li[data-id="${last.id}"]`).getByText('Pain 4/10').waitFor();
  assert.equal(JSON.parse(cli('show', String(last.id), '--json')).value, 4);
  await page.screenshot({ path: join(out, 'phone-diary-entries.png'), fullPage: true });
  await page.locator(`li[data-id="${last.id}"]`).getByRole('button', { name: `Delete entry ${last.id}` }).tap();
  await page.getByText(`Entry ${last.id} deleted.`).waitFor();
  assert.ok(JSON.parse(cli('show', String(last.id), '--json')).deleted);
  await page.getByRole('button', { name: 'Undo' }).tap();
  await page.locator(`li[data-id="${last.id}"]`).waitFor();
  assert.ok(!JSON.parse(cli('show', String(last.id), '--json')).deleted);
});

await check('the report downloads as a PDF', async () => {
  await open('report');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download PDF' }).tap()]);
  const p = join(dir, 'report.pdf');
  await dl.saveAs(p);
  assert.equal(readFileSync(p).subarray(0, 5).toString(), '%PDF-');
});

await check('an urgent intake comes first and locks sessions', async () => {
  await answerIntake(['bladder_bowel', 'night_pain']);
  const first = await page.locator('main [aria-live] h3').first().textContent();
  assert.match(first, /^Urgent: /);
  await page.screenshot({ path: join(out, 'phone-intake-urgent.png') });
  await open('session');
  await page.getByRole('heading', { name: 'Sessions are locked' }).waitFor();
  // Reading the advice is not a clinician's clearance: the gate still blocks every muscle.
  await open('intake');
  await page.getByRole('button', { name: 'I have read this advice' }).click();
  await page.getByText('I have read this advice').waitFor({ state: 'detached' });
  await open('session');
  await page.getByRole('heading', { name: 'Sessions are locked' }).waitFor();
  assert.match(await page.locator('main .urgent').textContent(), /emergency|urgent|clinician|doctor/i);
});

await check('no console errors', async () => { assert.deepEqual(errors, []); });

const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
await desk.addCookies((await phone.cookies()));
const dp = await desk.newPage();
for (const p of pages) {
  await check(`desktop ${p}: axe clean, screenshot`, async () => {
    await open(p, dp);
    assert.deepEqual(await axe(dp), []);
    await dp.screenshot({ path: join(out, `desktop-${p}.png`), fullPage: true });
  });
}

await check('desktop body map with the close-ups open: axe clean, screenshot', async () => {
  await open('body', dp);
  await openCloseups(dp);
  await dp.getByRole('button', { name: 'Left arch of the foot', exact: true }).click();
  assert.equal(await dp.getByRole('button', { name: 'Left arch of the foot', exact: true }).getAttribute('aria-pressed'), 'true');
  assert.deepEqual(await axe(dp), []);
  await dp.screenshot({ path: join(out, 'desktop-body-closeups.png'), fullPage: true });
});

await browser.close();
const exited = new Promise((resolve) => server.on('exit', (code, sig) => resolve(code ?? sig)));
server.kill('SIGTERM');
await check('trp serve stops cleanly (and, under sanitizers, without leaks)', async () => assert.equal(await exited, 0));
rmSync(dir, { recursive: true, force: true });
console.log(`${passes} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
