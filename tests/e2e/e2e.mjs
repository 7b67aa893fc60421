// End-to-end test of the built app (dist/) in headless Chromium via playwright-core.
//
//   PATH="$PWD/node_modules/.bin:$PATH" trunk build --release && node tests/e2e/e2e.mjs
//
// Serves dist/ itself on 127.0.0.1 (free port), fails on any console error or page error,
// saves screenshots to tests/artifacts/, prints "N passed, M failed", exits non-zero on failure.
import { launch, serve } from './harness.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const dist = path.resolve(repo, process.env.PODLIFE_DIST ?? 'dist');
const artifacts = path.join(repo, 'tests/artifacts');
fs.mkdirSync(artifacts, { recursive: true });

// A pod with an init container, a ready web server and a crashing sidecar-ish app container.
const TWO_CONTAINERS = `apiVersion: v1
kind: Pod
metadata:
  name: two-containers
spec:
  initContainers:
  - name: setup
    image: busybox:1.36
    command: ["sh", "-c", "sleep 2"]
  containers:
  - name: web
    image: nginx:1.27
  - name: crasher
    image: busybox:1.36
    command: ["sh", "-c", "sleep 5; exit 1"]
`;

let passed = 0, failed = 0;
const consoleProblems = [];

// E2E_ONLY=regex runs only the checks whose names match (a quick loop while working on one;
// some checks expect the page an earlier one left, so the full run is what counts).
const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY) : null;

async function check(name, fn) {
  if (only && !only.test(name)) return;
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}\n     ${String(e?.message ?? e).split('\n').join('\n     ')}`);
  }
}

function assert(cond, msg) { if (!cond) throw new Error(msg); }

async function main() {
  assert(fs.existsSync(path.join(dist, 'index.html')), `no ${dist}/index.html — run trunk build first`);
  const server = await serve(dist);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const ctx = await launch('podlife-e2e-');
  const page = ctx.pages()[0] ?? await ctx.newPage();
  page.on('console', (m) => { if (m.type() === 'error') consoleProblems.push(`console.error: ${m.text()}`); });
  page.on('pageerror', (e) => consoleProblems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => consoleProblems.push(`request failed: ${r.url()}`));
  // The app makes no network request beyond its own files: every request of every page is
  // recorded and checked at the end.
  const offSite = [];
  ctx.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(base) && !/^(blob|data|about):/.test(u)) offSite.push(u);
  });
  // Content-Security-Policy violations, and script run from hostile input, in every frame.
  await ctx.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      let sink = window;
      try { sink = window.top; window.top.document; } catch { sink = window; }
      (sink.__cspViolations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.setDefaultTimeout(10_000);

  const kubectl = () => page.textContent('#kubectl-get');
  const cursorT = async () => Number(await page.getAttribute('#cursor-time', 'data-t'));
  const n = (sel) => page.locator(sel).count();
  const shot = (name) => page.screenshot({ path: path.join(artifacts, name), fullPage: true });

  try {
    await check('loads with the default example already played', async () => {
      await page.goto(base);
      await page.waitForSelector('[data-track="liveness"]');
      assert(await n('[data-track="liveness"][data-kind="app"]') === 1, 'liveness track is an app container');
      assert(await n('[data-track="liveness-exec"][data-kind="pod"]') === 1, 'pod track');
      const runs = await n('[data-track="liveness"] [data-span="running"]');
      assert(runs >= 2, `liveness shows ≥2 runs (got ${runs})`);
      assert(await n('[data-track="liveness"] [data-mark="kill"]') >= 1, 'kill mark');
      assert(await n('[data-track="liveness"] [data-mark="sigkill"]') >= 1, 'SIGKILL mark (shell ignores SIGTERM)');
      assert(await n('[data-track="liveness"] [data-mark="restart"]') >= 1, 'restart mark');
      assert(await n('[data-track="liveness"] [data-lane="liveness"] [data-mark="probe-failure"]') >= 1, 'failed liveness probes');
      assert(await n('[data-track="liveness"] [data-lane="liveness"] [data-mark="probe-success"]') >= 1, 'successful liveness probes');
      const k = await kubectl();
      assert(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/.test(k), `kubectl header: ${k}`);
      assert(k.includes('liveness-exec'), `kubectl row: ${k}`);
      assert(await n('#examples option') >= 3, 'examples gallery');
      assert(await page.inputValue('#editor') !== '', 'editor holds the example');
      await shot('01-default.png');
    });

    await check('clicking the timeline seeks and the kubectl line follows', async () => {
      const before = await kubectl();
      const box = await page.locator('svg.lanes').boundingBox();
      // 176 px label column; click 2 % into the plot (a few seconds after creation).
      const x = box.x + 176 + (box.width - 176 - 14) * 0.02;
      await page.mouse.click(x, box.y + 40);
      const t = await cursorT();
      assert(t > 0 && t < 30, `cursor moved near the start (t=${t})`);
      const after = await kubectl();
      assert(after !== before, 'kubectl line changed');
      assert(/\b0\b/.test(after.split('\n')[1]), `no restarts yet: ${after}`);
    });

    await check('play advances the cursor and the kubectl line', async () => {
      await page.selectOption('#speed', '25');
      const t0 = await cursorT();
      const k0 = await kubectl();
      await page.click('#play');
      await page.waitForFunction((t) => Number(document.querySelector('#cursor-time').dataset.t) > t + 20, t0);
      await page.click('#play'); // pause
      await page.waitForFunction(() => document.querySelector('#play').getAttribute('aria-pressed') === 'false');
      await page.waitForTimeout(100);
      const t1 = await cursorT();
      assert(t1 > t0, `cursor advanced ${t0} → ${t1}`);
      assert(await kubectl() !== k0, 'kubectl line changed while playing');
      await page.waitForTimeout(200);
      assert(await cursorT() === t1, 'paused');
      await shot('02-played.png');
    });

    await check('W/S zoom and F fit on physical keys; wheel zooms at the mouse', async () => {
      const view = async () => [Number(await page.getAttribute('#timeline', 'data-view-start')), Number(await page.getAttribute('#timeline', 'data-view-end'))];
      const [s0, e0] = await view();
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('KeyW');
      const [s1, e1] = await view();
      assert(e1 - s1 < e0 - s0, `W zooms in (${s0}-${e0} → ${s1}-${e1})`);
      await page.keyboard.press('KeyD');
      const [s2] = await view();
      assert(s2 > s1, 'D pans right');
      await page.keyboard.press('KeyF');
      const [s3, e3] = await view();
      assert(s3 === s0 && e3 === e0, 'F fits');
      const box = await page.locator('svg.lanes').boundingBox();
      await page.mouse.move(box.x + 400, box.y + 60);
      await page.mouse.wheel(0, -400);
      await page.waitForFunction((span) => {
        const el = document.querySelector('#timeline');
        return Number(el.dataset.viewEnd) - Number(el.dataset.viewStart) < span;
      }, e0 - s0);
      await shot('03-zoomed.png');
      await page.keyboard.press('KeyF');
    });

    await check('another manifest replaces the tracks and the kubectl line', async () => {
      await page.fill('#editor', TWO_CONTAINERS);
      await page.waitForSelector('[data-track="crasher"]');
      assert(await n('[data-track="liveness"]') === 0, 'old tracks gone');
      assert(await n('[data-track="setup"][data-kind="init"]') === 1, 'init track');
      assert(await n('[data-track="web"][data-kind="app"]') === 1, 'web track');
      assert(await n('[data-track="crasher"][data-kind="app"]') === 1, 'crasher track');
      const k = await kubectl();
      assert(k.includes('two-containers'), `kubectl shows the new pod: ${k}`);
      assert(/\s\d\/2\s/.test(k), `READY counts 2 containers: ${k}`);
      assert(await n('#problems li.error') === 0, 'no errors');
      await shot('04-two-containers.png');
    });

    await check('the examples gallery loads crash-loop', async () => {
      await page.selectOption('#examples', 'crash-loop');
      await page.waitForSelector('[data-track="app"] [data-lane="back-off"]');
      const status = (await page.locator('[data-track="crash-loop"] [data-lane="STATUS"] [data-span]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).join(' | ');
      assert(status.includes('CrashLoopBackOff'), `STATUS strip shows CrashLoopBackOff: ${status}`);
      assert((await page.inputValue('#editor')).includes('name: crash-loop'), 'editor holds the example');
    });

    await check('broken YAML: located problem, text kept, last good timeline kept', async () => {
      const good = await page.inputValue('#editor');
      const broken = good.replace('  containers:', '  containers: [');
      await page.fill('#editor', broken);
      await page.waitForSelector('#problems li.problem.error');
      const msg = await page.textContent('#problems li.problem.error .msg');
      assert(/^\d+:\d+: /.test(msg), `problem is located (line:col): ${msg}`);
      assert(await page.inputValue('#editor') === broken, 'textarea still holds the broken text');
      assert(await n('.gutter .ln-error') >= 1, 'gutter marks the line');
      assert(await n('[data-track="app"]') === 1, 'last good timeline still shown');
      assert(await n('#timeline.stale') === 1, 'timeline dimmed');
      assert((await page.textContent('#timeline')).includes('showing last valid manifest'), 'note shown');
      await shot('05-broken.png');
      // Fixing it brings the live timeline back.
      await page.fill('#editor', good);
      await page.waitForSelector('#timeline:not(.stale)');
      assert(await n('#problems li.problem.error') === 0, 'errors cleared');
    });

    await check('each bad input of the walking-skeleton issue gets a located error with its field path; text and timeline kept', async () => {
      const good = await page.inputValue('#editor');
      const base = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: busybox\n';
      const cases = [
        [`${base}    livenessProbe:\n      exec: {command: [cat, /x]}\n      initalDelaySeconds: 5\n`, /^11:7: spec\.containers\[0\]\.livenessProbe\.initalDelaySeconds: unknown field/],
        [`${base}    livenessProbe:\n      exec: {command: [cat, /x]}\n      periodSeconds: -1\n`, /^11:7: spec\.containers\[0\]\.livenessProbe\.periodSeconds: Invalid value: -1/],
        [`${base}  - name: app\n    image: busybox\n`, /^9:5: spec\.containers\[1\]\.name: Duplicate value: "app"/],
        ['apiVersion: v1\nkind: Service\nmetadata: {name: x}\n', /^2:7: kind: Unsupported value: "Service"/],
      ];
      for (const [text, want] of cases) {
        await page.fill('#editor', text);
        await page.waitForSelector('#problems li.problem.error');
        const msgs = await page.locator('#problems li.problem.error .msg').allTextContents();
        assert(msgs.some((m) => want.test(m)), `want ${want} in ${JSON.stringify(msgs)}`);
        assert(await page.inputValue('#editor') === text, 'textarea keeps the text');
        assert(await n('[data-track="app"]') === 1, 'last good timeline still shown');
        assert(await n('#timeline.stale') === 1, 'timeline dimmed');
      }
      await page.fill('#editor', good);
      await page.waitForSelector('#timeline:not(.stale)');
    });

    const seekFrac = async (frac) => {
      // The sticky axis covers the top of the lanes when the timeline is scrolled.
      await page.evaluate(() => { document.querySelector('#timeline').scrollTop = 0; window.scrollTo(0, 0); });
      const box = await page.locator('svg.lanes').boundingBox();
      await page.mouse.click(box.x + 176 + (box.width - 176 - 14) * frac, box.y + 8);
      await page.keyboard.press('Escape');
      // Read the cursor once the page has drawn the seek.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      return cursorT();
    };
    const scenarioText = () => page.inputValue('#scenario');

    await check('scenario editor + live actions replay from the start and keep the cursor', async () => {
      await page.goto(base);
      await page.waitForSelector('[data-track="liveness"]');
      assert(await page.inputValue('#kubelet-version') === '1.37', 'kubelet 1.37 by default');
      assert(await n('#kubelet-version option') === 10, '1.28 … 1.37');
      assert(await scenarioText() === '', 'empty scenario');
      const t1 = await seekFrac(0.1);
      await page.selectOption('#action-container', 'liveness');
      await page.click('[data-action="kill"][data-container="liveness"]');
      await page.waitForFunction(() => document.querySelector('#scenario').value.includes('kill:'));
      const at1 = Math.round(t1 * 10) / 10;
      let scn = await scenarioText();
      assert(scn.startsWith('kind: Scenario\nactions:\n'), `doc created: ${scn}`);
      assert(scn.includes(`{at: ${at1}, kill: {container: liveness, reason: OOMKilled}}`), `kill at the cursor (${at1}): ${scn}`);
      assert(Math.abs(await cursorT() - t1) < 1e-6, 'cursor kept');
      await page.waitForFunction(() => [...document.querySelectorAll('[data-track="liveness"] [data-lane="state"] [data-span]')].some((e) => e.getAttribute('aria-label').includes('OOMKilled')));
      await page.click('[data-action="probe-pass"][data-container="liveness"][data-probe="liveness"]');
      await page.waitForFunction(() => document.querySelector('#scenario').value.includes('probe: {container: liveness, type: liveness, result: success}'));
      await page.fill('#service-name', 'mydb');
      await page.click('[data-action="create-service"]');
      await page.waitForFunction(() => document.querySelector('#scenario').value.includes('createService: mydb'));
      const t2 = await seekFrac(0.5);
      await page.click('[data-action="delete"]');
      await page.waitForSelector('[data-track="liveness-exec"] [data-mark="deleted"]');
      scn = await scenarioText();
      assert(scn.includes(`{at: ${Math.round(t2 * 10) / 10}, delete: {}}`), `delete at the cursor: ${scn}`);
      assert(scn.split('\n').filter((l) => l.startsWith('  - {at:')).length === 4, `four actions: ${scn}`);
      assert(await n('#problems li.error') === 0, 'no errors');
      await page.selectOption('#kubelet-version', '1.30');
      await page.waitForSelector('[data-track="liveness-exec"] [data-mark="deleted"]');
      assert(await page.inputValue('#kubelet-version') === '1.30', 'kubelet 1.30 selected');
      await shot('07-live-actions.png');
      // A broken scenario: located problem in #problems, timeline dimmed.
      await page.fill('#scenario', scn + '  - {at: 5, explode: {}}\n');
      await page.waitForSelector('#problems li.problem.in-scenario.error[data-line]');
      const msg = await page.textContent('#problems li.in-scenario .msg');
      assert(/^scenario \d+:\d+: /.test(msg), `scenario problem located: ${msg}`);
      assert(await n('#timeline.stale') === 1, 'timeline dimmed');
      await page.fill('#scenario', scn);
      await page.waitForSelector('#timeline:not(.stale)');
      await page.selectOption('#kubelet-version', '1.37');
    });

    await check('comparing two kubelet versions lists what changes beside the selector', async () => {
      await page.goto(base);
      await page.waitForSelector('[data-track="liveness"]');
      assert(await n('#compare-version option') === 10, 'the other nine versions and none');
      await page.selectOption('#compare-version', '1.34');
      await page.waitForSelector('#version-diff[data-with="1.34"] li[data-section="events"]');
      const d = await page.textContent('#version-diff');
      assert(d.includes('What changes from v1.34 to v1.37'), `heading: ${d}`);
      assert(d.includes('− v1.34') && d.includes('+ v1.37'), `both sides: ${d}`);
      assert(d.includes('Created container: liveness') && d.includes('Container created'), `the 1.35 event wording: ${d}`);
      await page.selectOption('#compare-version', '');
      await page.waitForFunction(() => !document.querySelector('#version-diff'));
    });

    await check('autosave: an edit survives a reload; an example never throws the text away', async () => {
      await page.goto(base);
      await page.waitForSelector('[data-track="liveness"]');
      await page.evaluate(() => sessionStorage.setItem('podlife-e2e-keep', '1'));
      try {
        await page.fill('#editor', TWO_CONTAINERS);
        await page.waitForSelector('[data-track="crasher"]');
        await page.selectOption('#kubelet-version', '1.34');
        await page.waitForTimeout(700); // the view and cursor are saved once they rest
        await page.reload();
        await page.waitForSelector('[data-track="crasher"]');
        assert((await page.inputValue('#editor')) === TWO_CONTAINERS, 'the text came back');
        assert(await page.inputValue('#kubelet-version') === '1.34', 'the version came back');
        // Load an example over it, then one click back.
        await page.selectOption('#examples', 'crash-loop');
        await page.waitForSelector('[data-track="crash-loop"]');
        const back = await page.locator('#examples option[value="own"]').textContent();
        assert(back.includes('back to your manifest'), `the way back is offered: ${back}`);
        await page.selectOption('#examples', 'own');
        await page.waitForSelector('[data-track="crasher"]');
        assert((await page.inputValue('#editor')) === TWO_CONTAINERS, 'the text is back after the example');
        // And it survives a reload again.
        await page.reload();
        await page.waitForSelector('[data-track="crasher"]');
      } finally {
        await page.evaluate(() => { sessionStorage.removeItem('podlife-e2e-keep'); localStorage.removeItem('podlife.autosave.v1'); });
      }
    });

    await check('the kubectl version is its own setting: describe follows it', async () => {
      await page.goto(base);
      await page.waitForSelector('[data-track="liveness"]');
      await page.click('[data-tab="describe"]');
      const newest = await page.textContent('#panel-describe pre');
      assert(newest.includes('successThreshold=1 failureThreshold=3'), `kubectl 1.37 names the thresholds: ${newest.slice(0, 400)}`);
      await page.selectOption('#kubectl-version', '1.34');
      await page.waitForFunction(() => !document.querySelector('#panel-describe pre').textContent.includes('successThreshold='));
      const older = await page.textContent('#panel-describe pre');
      assert(/#success=1 #failure=3/.test(older), `kubectl 1.34 prints #success/#failure: ${older.slice(0, 400)}`);
      assert(await page.inputValue('#kubelet-version') === '1.37', 'the kubelet version stays');
      await page.selectOption('#kubectl-version', '');
      await page.waitForFunction(() => document.querySelector('#panel-describe pre').textContent.includes('successThreshold='));
    });

    await check('details drawer explains marks and spans; Esc closes', async () => {
      await page.goto(base);
      await page.waitForSelector('[data-track="liveness"] [data-mark="sigkill"]');
      await page.locator('[data-track="liveness"] [data-mark="sigkill"]').first().click({ position: { x: 4, y: 6 } });
      await page.waitForSelector('#drawer[data-kind="sigkill"]');
      const d = await page.textContent('#drawer');
      assert(d.includes('30 − ⌊0⌋ = 30 s'), `grace arithmetic: ${d}`);
      assert(d.includes('killContainer'), `kubelet source: ${d}`);
      assert((await page.getAttribute('#drawer .docs a', 'href')).startsWith('https://kubernetes.io/docs/'), 'docs link');
      await shot('08-drawer.png');
      await page.keyboard.press('Escape');
      assert(await n('#drawer') === 0, 'Esc closes');
      await page.locator('[data-track="liveness"] [data-lane="liveness"] [data-mark="probe-failure"]').first().click();
      await page.waitForSelector('#drawer[data-kind="probe-failure"]');
      const p = await page.textContent('#drawer');
      assert(/of threshold 3/.test(p), `probe counter vs threshold: ${p}`);
      assert((await page.getAttribute('#drawer .docs a', 'href')).includes('configure-liveness-readiness-startup-probes'), 'probe docs');
      await page.keyboard.press('Escape');
      await page.locator('[data-track="liveness"] [data-lane="state"] [data-span="terminated"]').first().click();
      await page.waitForSelector('#drawer[data-kind="terminated"]');
      assert((await page.textContent('#drawer')).includes('137 = 128 + 9'), 'exit code explained');
      await page.keyboard.press('Escape');
      assert(await n('#drawer') === 0, 'Esc closes');
    });

    await check('panels follow the cursor: get -w, describe, -o yaml, events', async () => {
      await seekFrac(0.5);
      await page.click('[data-tab="watch"]');
      const w = await page.textContent('#panel-watch pre');
      assert(/^NAME\s+READY\s+STATUS/.test(w) && w.includes('liveness-exec'), `watch: ${w}`);
      await page.click('[data-tab="describe"]');
      const d1 = await page.textContent('#panel-describe pre');
      assert(/^Name:\s+liveness-exec/m.test(d1), `describe: ${d1.slice(0, 200)}`);
      await seekFrac(0.95);
      const d2 = await page.textContent('#panel-describe pre');
      assert(d2 !== d1, 'describe follows the cursor');
      await page.click('[data-tab="yaml"]');
      const y = await page.textContent('#panel-yaml pre');
      assert(/phase: /.test(y), `status yaml: ${y.slice(0, 200)}`);
      await shot('09-panels.png');
      await page.click('[data-tab="events"]');
      const rows = page.locator('#panel-events .ev-row.event');
      assert(await rows.count() > 2, 'events listed');
      const before = await cursorT();
      await rows.nth(2).click();
      assert(await cursorT() < before, 'clicking an event seeks');
    });

    await check('dark theme persists; ? opens the shortcut sheet', async () => {
      const wasDark = await page.getAttribute('html', 'data-theme');
      if (wasDark === 'dark') await page.click('#theme');
      await page.click('#theme');
      assert(await page.getAttribute('html', 'data-theme') === 'dark', 'dark');
      assert((await page.textContent('#theme-vars')).includes('#16181D'), 'palette from podlife_render::theme');
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert(bg === 'rgb(22, 24, 29)', `dark background: ${bg}`);
      await page.reload();
      await page.waitForSelector('[data-track="liveness"]');
      assert(await page.getAttribute('html', 'data-theme') === 'dark', 'persisted');
      await shot('10-dark.png');
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Shift+Slash');
      await page.waitForSelector('#shortcuts');
      assert((await page.textContent('#shortcuts')).includes('W / S'), 'keys listed');
      await shot('11-shortcuts.png');
      await page.keyboard.press('Escape');
      assert(await n('#shortcuts') === 0, 'Esc closes');
      await page.click('#theme');
      assert(await page.getAttribute('html', 'data-theme') === 'light', 'back to light');
    });

    await check('editor: YAML highlighting of the lines in view, error lines marked', async () => {
      await page.goto(base);
      await page.waitForSelector('[data-track="liveness"]');
      assert(await n('.highlight .hl-key') > 10, 'keys highlighted');
      assert(await n('.highlight .hl-num') >= 2, 'numbers highlighted');
      const keys = await page.locator('.highlight .hl-key').allTextContents();
      assert(keys.includes('apiVersion') && keys.includes('livenessProbe'), `keys: ${keys.slice(0, 12)}`);
      // The highlighted copy is the textarea's text, line for line.
      const ta = await page.inputValue('#editor');
      const lines = await page.locator('.highlight .hl-line').allTextContents();
      assert(ta.split('\n').slice(0, lines.length).join('\n') === lines.join('\n'), 'highlight mirrors the text');
      // A huge paste draws only the lines in view.
      // (set in the page: Playwright's fill is slow on 50 KB of text)
      await page.evaluate(() => {
        const el = document.querySelector('#editor');
        el.value += Array.from({ length: 4000 }, (_, i) => `# filler ${i}`).join('\n');
        el.dispatchEvent(new InputEvent('input', { bubbles: true }));
      });
      await page.waitForFunction(() => document.querySelector('.gutter .ln:last-child')?.dataset.line === '100');
      assert(await n('.highlight .hl-line') <= 120 && await n('.gutter .ln') <= 120, 'windowed drawing');
      await page.fill('#editor', ta.replace('periodSeconds: 5', 'periodSeconds: five'));
      await page.waitForSelector('.highlight .hl-line.hl-error');
      assert(await n('.gutter .ln-error') === 1, 'gutter marks the error line');
      await shot('14-editor-error.png');
      await page.fill('#editor', ta);
      await page.waitForSelector('#timeline:not(.stale)');
    });

    await check('keyboard: Enter explains the event at the cursor, . and , step the drawer', async () => {
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('KeyF');
      const t0 = await seekFrac(0.005);
      assert(t0 < 5, `cursor near the start (${t0})`);
      await page.keyboard.press('Period');
      assert(await cursorT() > t0, 'stepped to the first event');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#drawer');
      const first = await page.textContent('#drawer');
      await page.keyboard.press('Period');
      await page.waitForFunction((f) => document.querySelector('#drawer')?.textContent !== f, first);
      const second = await page.textContent('#drawer');
      assert(second !== first, 'the drawer follows the step');
      await page.keyboard.press('Escape');
      assert(await n('#drawer') === 0, 'Esc closes');
    });

    await check('a 360 px wide phone: one column, no sideways scroll, tracks and panels drawn', async () => {
      const phone = await ctx.newPage();
      phone.on('pageerror', (e) => consoleProblems.push(`pageerror (phone): ${e.message}`));
      try {
      await phone.setViewportSize({ width: 360, height: 740 });
      await phone.goto(base);
      await phone.waitForSelector('[data-track="liveness"] [data-span="running"]');
      const sw = await phone.evaluate(() => document.documentElement.scrollWidth);
      assert(sw <= 360, `page fits the width (scrollWidth ${sw})`);
      const tl = await phone.locator('#timeline').boundingBox();
      assert(tl.width <= 360 && tl.width > 300, `timeline uses the width (${tl.width})`);
      const plot = await phone.locator('[data-track="liveness"] [data-lane="state"] .lane-bg').boundingBox();
      assert(plot.width >= 180, `plot area is usable (${plot.width} px)`);
      assert(await phone.locator('#kubectl-get').isVisible(), 'kubectl line visible');
      // The timeline is on the first screen (a newcomer found it 1,000 px down).
      assert(tl.y < 740, `the timeline starts on the first screen (y ${tl.y})`);
      await phone.screenshot({ path: path.join(artifacts, '15-phone.png'), fullPage: true });
      } finally {
        await phone.close();
      }
    });

    await check('export SVG and PNG of the visible window', async () => {
      const [svgDl] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
      assert(svgDl.suggestedFilename() === 'liveness-exec.svg', svgDl.suggestedFilename());
      const svg = fs.readFileSync(await svgDl.path(), 'utf8');
      assert(svg.includes('<svg'), 'an SVG');
      const [pngDl] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
      assert(pngDl.suggestedFilename() === 'liveness-exec.png', pngDl.suggestedFilename());
      const png = fs.readFileSync(await pngDl.path());
      assert(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'PNG signature');
      assert(png.length > 5000, `PNG has content (${png.length} bytes)`);
      fs.writeFileSync(path.join(artifacts, '12-export.svg'), svg);
      fs.writeFileSync(path.join(artifacts, '12-export.png'), png);
      const [mmdDl] = await Promise.all([page.waitForEvent('download'), page.click('#export-mermaid')]);
      assert(mmdDl.suggestedFilename() === 'liveness-exec.mmd', mmdDl.suggestedFilename());
      const mmd = fs.readFileSync(await mmdDl.path(), 'utf8');
      assert(mmd.startsWith('gantt\n') && mmd.includes('section container liveness'), `a Mermaid gantt: ${mmd.slice(0, 200)}`);
      const [jsonDl] = await Promise.all([page.waitForEvent('download'), page.click('#export-trace')]);
      assert(jsonDl.suggestedFilename() === 'liveness-exec.json', jsonDl.suggestedFilename());
      const trace = JSON.parse(fs.readFileSync(await jsonDl.path(), 'utf8'));
      assert(Array.isArray(trace.traceEvents) && trace.traceEvents.some((e) => e.ph === 'X' && e.tid > 0), 'trace events with slices');
      // The Trace Event Format's fields: name, ph, pid, tid on all; ts (µs) on all but
      // metadata; dur on complete events; s (scope) on instants; args an object when present.
      for (const e of trace.traceEvents) {
        assert(typeof e.name === 'string' && typeof e.ph === 'string', `name/ph: ${JSON.stringify(e)}`);
        assert(['X', 'i', 'M'].includes(e.ph), `a documented phase: ${e.ph}`);
        assert(Number.isInteger(e.pid) && Number.isInteger(e.tid), `pid/tid: ${JSON.stringify(e)}`);
        if (e.ph !== 'M') assert(typeof e.ts === 'number' && e.ts >= 0, `ts: ${JSON.stringify(e)}`);
        if (e.ph === 'X') assert(typeof e.dur === 'number' && e.dur >= 0, `dur: ${JSON.stringify(e)}`);
        if (e.ph === 'i') assert(['g', 'p', 't'].includes(e.s), `instant scope: ${JSON.stringify(e)}`);
        if ('args' in e) assert(e.args && typeof e.args === 'object', `args: ${JSON.stringify(e)}`);
      }
      // The Mermaid gantt renders with the mermaid package itself, in a blank page.
      const mpage = await ctx.newPage();
      try {
        await mpage.setContent('<!doctype html><div id="out"></div>');
        await mpage.addScriptTag({ path: path.join(repo, 'node_modules/mermaid/dist/mermaid.min.js') });
        const r = await mpage.evaluate(async (text) => {
          window.mermaid.initialize({ startOnLoad: false });
          const { svg } = await window.mermaid.render('gantt', text);
          document.getElementById('out').innerHTML = svg;
          return { svg: svg.length, tasks: document.querySelectorAll('#out rect.task').length, error: svg.includes('Syntax error') };
        }, mmd);
        // Task lines are `    name :start, end` (milestones `:milestone, t, 0ms`).
        const tasks = mmd.split('\n').filter((l) => /^ {4}[^ ].* :(milestone, )?\d+, \d+/.test(l)).length;
        assert(!r.error && r.svg > 1000, `mermaid rendered an SVG (${r.svg} chars)`);
        assert(tasks > 10 && r.tasks >= tasks * 0.9, `mermaid drew the task bars: ${r.tasks} of ${tasks}`);
        await mpage.screenshot({ path: path.join(artifacts, '12-mermaid.png'), fullPage: true });
      } finally {
        await mpage.close();
      }
      // kubectl describe and get -w as plain text.
      await page.click('[data-tab="describe"]');
      const [txtDl] = await Promise.all([page.waitForEvent('download'), page.click('#export-text')]);
      assert(/^liveness-exec-describe-\d+s\.txt$/.test(txtDl.suggestedFilename()), txtDl.suggestedFilename());
      const txt = fs.readFileSync(await txtDl.path(), 'utf8');
      assert(txt.startsWith('$ kubectl describe pod liveness-exec\nName:'), txt.slice(0, 80));
      assert(txt.includes('Events:'), 'the events table');
      await page.click('[data-tab="watch"]');
      const [wDl] = await Promise.all([page.waitForEvent('download'), page.click('#export-text')]);
      const w = fs.readFileSync(await wDl.path(), 'utf8');
      assert(w.startsWith('$ kubectl get pod liveness-exec -w\nNAME'), w.slice(0, 80));
      await page.click('[data-tab="events"]');
    });

    await check('probe tick grid, initial-delay gate, grace ruler and the replacement pod', async () => {
      await page.goto(base);
      await page.waitForSelector('[data-track="liveness"]');
      const grid = await n('[data-track="liveness"] [data-lane="liveness"] .probe-grid line.grid-tick');
      assert(grid >= 10, `tick grid drawn (${grid})`);
      assert(await n('[data-track="liveness"] [data-lane="liveness"] [data-gate="initial-delay"]') >= 2, 'initial-delay gate per run');
      await page.selectOption('#examples', 'docs-sidecar-deployment');
      await page.waitForFunction(() => document.querySelectorAll('[data-kind="pod"]').length === 1);
      await seekFrac(0.2);
      await page.click('[data-action="delete"]');
      await page.waitForSelector('[data-lane="grace"] [data-span="grace"]');
      await page.waitForSelector('[data-group="1"][data-kind="pod"]');
      const repl = await n('[data-group="1"]');
      assert(repl >= 2, `replacement pod group drawn (${repl} tracks)`);
      await page.locator('[data-lane="grace"] [data-span="grace"]').first().click();
      await page.waitForSelector('#drawer[data-kind="grace"]');
      assert((await page.textContent('#drawer')).includes('deletionTimestamp'), 'grace explained');
      await page.keyboard.press('Escape');
      await page.locator('[data-group="1"][data-kind="pod"] [data-lane="STATUS"] [data-span]').first().click();
      await page.waitForSelector('#drawer[data-kind="status"]');
      await shot('13-replacement.png');
      await page.keyboard.press('Escape');
    });

    await check('every lane: conditions, endpoints, probe counter and bands; the drawer cites a source for each', async () => {
      await page.goto(base);
      await page.waitForSelector('[data-track="liveness"]');
      for (const lane of ['STATUS', 'READY', 'phase', 'PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled', 'endpoints', 'sandbox', 'events']) {
        assert(await n(`[data-kind="pod"] [data-lane="${lane}"]`) === 1, `pod lane ${lane}`);
      }
      for (const lane of ['state', 'ready', 'image', 'back-off', 'signals', 'liveness']) {
        assert(await n(`[data-track="liveness"] [data-lane="${lane}"]`) === 1, `container lane ${lane}`);
      }
      assert(await n('[data-lane="endpoints"] [data-span="endpoint-ready"]') >= 1, 'in the Service endpoints while Ready');
      assert(await n('[data-lane="endpoints"] [data-span="endpoint-not-ready"]') >= 1, 'out while not Ready');
      assert(await n('[data-lane="Ready"] [data-span="condition"]') >= 2, 'Ready condition flips');
      assert(await n('[data-lane="liveness"] [data-span="probe-on-hold"]') >= 1, 'on-hold band after a trip');
      const counters = await page.locator('[data-lane="liveness"] [data-counter]').evaluateAll((els) => els.map((e) => e.dataset.counter));
      assert(counters.includes('1/3') && counters.includes('3/3'), `threshold counter: ${counters.slice(0, 6)}`);
      const label = await page.getAttribute('[data-lane="liveness"] [data-mark="probe-failure"]', 'aria-label');
      assert(/liveness probe failure at .*\/3/.test(label), `aria-label: ${label}`);
      // Hovering an item shows its tooltip (one element, not a <title> per mark).
      await page.locator('[data-lane="liveness"] [data-mark="probe-failure"]').first().hover();
      await page.waitForSelector('#tooltip');
      const tip = await page.textContent('#tooltip');
      assert(/liveness probe at .*failure/i.test(tip) && tip.includes('failureThreshold'), `tooltip: ${tip}`);
      for (const [sel, kind, src] of [
        ['[data-lane="Ready"] [data-span="condition"]', 'condition', 'generate.go'],
        ['[data-lane="endpoints"] [data-span="endpoint-ready"]', 'endpoint-ready', 'endpointslice'],
        ['[data-lane="liveness"] [data-span="probe-on-hold"]', 'probe-on-hold', 'worker.go'],
        ['[data-lane="back-off"] [data-span="backoff"]', 'backoff', 'kuberuntime'],
      ]) {
        await page.locator(sel).first().click();
        await page.waitForSelector(`#drawer[data-kind="${kind}"]`);
        const d = await page.textContent('#drawer');
        assert(d.includes(src), `${kind} cites ${src}: ${d.slice(0, 300)}`);
        await page.keyboard.press('Escape');
      }
    });

    await check('causal arrows and the minimap', async () => {
      assert(await n('#flows [data-flow="probe"]') >= 1, 'liveness failures → Killing');
      assert(await n('#flows [data-flow="kill"]') >= 1, 'Killing → SIGKILL');
      assert(await n('#flows [data-flow="restart"]') >= 1, '→ restart');
      await page.click('#flows-toggle');
      assert(await n('#flows .flow') === 0 && await page.getAttribute('#flows-toggle', 'aria-pressed') === 'false', 'arrows hidden');
      await page.click('#flows-toggle');
      assert(await n('#flows .flow') > 0, 'arrows back');
      // The minimap: click centres the view there, double-click fits.
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+KeyW');
      const mm = await page.locator('#minimap').boundingBox();
      await page.mouse.click(mm.x + mm.width - 40, mm.y + mm.height / 2);
      const v = await page.evaluate(() => { const e = document.querySelector('#timeline'); return [Number(e.dataset.viewStart), Number(e.dataset.viewEnd)]; });
      assert(v[0] > 300, `view moved to the end: ${v}`);
      const brush = Number(await page.getAttribute('#minimap-window', 'data-view-start'));
      assert(Math.abs(brush - v[0]) < 1, `brush follows the view (${brush} vs ${v[0]})`);
      await page.mouse.dblclick(mm.x + mm.width / 2, mm.y + mm.height / 2);
      await page.waitForFunction(() => Number(document.querySelector('#timeline').dataset.viewStart) === 0);
      await page.selectOption('#examples', 'seed-sidecar-snippet');
      await page.waitForSelector('#flows [data-flow="startup"]');
      await page.selectOption('#examples', 'docs-prestop-beyond-grace');
      await page.waitForSelector('#flows [data-flow="delete"]');
      assert(await n('[data-lane="grace"] [data-span="grace-prestop"]') >= 1, 'grace ruler: preStop step');
      assert(await n('[data-lane="grace"] [data-mark^="grace-"]') >= 1, 'grace ruler: SIGTERM / SIGKILL / removed marks');
      await shot('16-flows-grace.png');
    });

    await check('level of detail: a day-long dense trace draws a bounded number of marks', async () => {
      await page.goto(base + '?fixture=stress');
      await page.waitForSelector('[data-track="liveness"] [data-lane="liveness"] [data-mark]');
      const plotW = (await page.locator('svg.lanes').boundingBox()).width - 176 - 14;
      const ticks = await n('[data-track="liveness"] [data-lane="liveness"] [data-mark]');
      assert(ticks <= plotW / 2 + 2, `86 399 probe ticks drawn as ≤ ${Math.round(plotW / 2)} marks (got ${ticks})`);
      const nodes = await page.evaluate(() => document.querySelectorAll('svg.lanes *').length);
      assert(nodes < 6000, `SVG stays small (${nodes} nodes)`);
      const t0 = Date.now();
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      for (let i = 0; i < 12; i++) await page.keyboard.press('Shift+KeyW');
      await page.waitForFunction(() => {
        const el = document.querySelector('#timeline');
        return Number(el.dataset.viewEnd) - Number(el.dataset.viewStart) < 100;
      });
      const ms = Date.now() - t0;
      assert(ms < 4000, `12 zoom steps took ${ms} ms`);
      const merged = await n('[data-track="liveness"] [data-lane="liveness"] [data-count="1"]');
      assert(merged >= 10, `zoomed in, ticks are drawn one by one (${merged})`);
      await shot('06-stress-zoomed.png');
    });

    await check('logs panel: kubectl logs at the cursor, per container, with --previous', async () => {
      await page.selectOption('#examples', 'podlife-emptydir-handshake');
      await page.waitForSelector('[data-track="consumer"]');
      await seekFrac(0.98);
      await page.click('[data-tab="logs"]');
      await page.selectOption('#logs-container', 'consumer');
      const late = await page.textContent('#logs-text');
      assert(late.includes('waiting for the producer (1)') && late.includes('processing item-3'), `consumer log: ${late}`);
      // Seek to an early event (the events list seeks on click), then read the log again.
      await page.click('[data-tab="events"]');
      await page.locator('#panel-events .ev-row.event').nth(1).click();
      const tEarly = await cursorT();
      await page.click('[data-tab="logs"]');
      await page.selectOption('#logs-container', 'consumer');
      const early = await page.textContent('#logs-text');
      assert(tEarly < 9 && !early.includes('processing'), `the log follows the cursor (t=${tEarly}): ${early}`);
      await page.selectOption('#examples', 'crash-loop');
      await page.waitForSelector('#panel-logs');
      await seekFrac(0.9);
      await page.check('#logs-previous');
      const prev = await page.textContent('#logs-text');
      assert(!/BadRequest/.test(prev) || /previous terminated/.test(prev), `previous: ${prev}`);
      await page.uncheck('#logs-previous');
      await shot('20-logs-panel.png');
    });

    await check('assumptions are shown beside the container and located in the problems list', async () => {
      await page.selectOption('#examples', 'podlife-busy-loop-grace');
      await page.waitForSelector('[data-track="spin"] .assumption-badge');
      const tip = await page.getAttribute('[data-track="spin"] .assumption-badge', 'data-tip');
      assert(/never waits/.test(tip), `badge: ${tip}`);
      const located = page.locator('#problems li.problem.warning.located', { hasText: 'never waits' });
      assert(await located.count() >= 1, 'the busy loop is a located warning');
    });

    await check('the page stays responsive while the busy-loop pod plays', async () => {
      await page.selectOption('#examples', 'podlife-busy-loop-grace');
      await page.waitForSelector('[data-track="spin"]');
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Space');
      let worst = 0;
      for (let i = 0; i < 5; i++) {
        const t0 = Date.now();
        await page.evaluate(() => document.title);
        worst = Math.max(worst, Date.now() - t0);
        await page.waitForTimeout(100);
      }
      await page.keyboard.press('Space');
      console.log(`     page.evaluate round trip while playing: worst ${worst} ms`);
      assert(worst < 1000, `round trip ${worst} ms`);
    });

    await check('share link: Copy link, open it in a fresh page: the same timeline, manifest, cursor and selection', async () => {
      await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base.replace(/\/$/, '') });
      await page.goto(base);
      await page.waitForSelector('[data-track="liveness"]');
      await page.fill('#editor', TWO_CONTAINERS);
      await page.waitForSelector('[data-track="crasher"]');
      await page.selectOption('#kubelet-version', '1.35');
      await page.waitForSelector('[data-track="crasher"]');
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('KeyW'); // zoom in: the window travels too
      await seekFrac(0.4);
      await page.keyboard.press('Enter'); // the drawer explains the event at the cursor
      await page.waitForSelector('#drawer');
      const before = {
        text: await page.inputValue('#editor'),
        t: await cursorT(),
        get: await kubectl(),
        spans: await n('[data-span]'),
        drawer: await page.textContent('#drawer h2'),
        axis: await page.textContent('.axis'),
        version: await page.inputValue('#kubelet-version'),
      };
      await page.click('#copy-link');
      await page.waitForSelector('#share-dialog');
      await page.waitForFunction(() => document.querySelector('#copy-status')?.textContent === 'Copied.');
      const link = await page.inputValue('#share-url');
      assert(link.startsWith(base + '#v1='), link.slice(0, 60));
      assert(await page.evaluate(() => navigator.clipboard.readText()) === link, 'the link is on the clipboard');
      // The Embed part of the dialog: options change the snippet.
      await page.check('#embed-autoplay');
      const snippet = await page.inputValue('#embed-snippet');
      assert(snippet.startsWith(`<iframe src="${base}?embed&amp;autoplay#v1=`), snippet.slice(0, 80));
      await page.keyboard.press('Escape');
      assert(await n('#share-dialog') === 0, 'Esc closes the dialog');
      // A fresh page (its own session storage: no autosave kept).
      const fresh = await ctx.newPage();
      try {
        await fresh.goto(link);
        await fresh.waitForSelector('[data-track="crasher"]');
        await fresh.waitForSelector('#drawer');
        const after = {
          text: await fresh.inputValue('#editor'),
          t: Number(await fresh.getAttribute('#cursor-time', 'data-t')),
          get: await fresh.textContent('#kubectl-get'),
          spans: await fresh.locator('[data-span]').count(),
          drawer: await fresh.textContent('#drawer h2'),
          axis: await fresh.textContent('.axis'),
          version: await fresh.inputValue('#kubelet-version'),
        };
        assert(JSON.stringify(after) === JSON.stringify(before), `same view:\n${JSON.stringify(before)}\n${JSON.stringify(after)}`);
        assert(!(await fresh.evaluate(() => location.hash)), 'the fragment is dropped once opened (the autosave holds the view)');
        await fresh.screenshot({ path: path.join(artifacts, '13-share-opened.png') });
      } finally {
        await fresh.close();
      }
    });

    await check('hostile links: too big, broken base64, a bomb, a newer format, script in the pod: a clear message, nothing runs', async () => {
      const dialogs = [];
      page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
      const b64 = (buf) => buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      const linkOf = (yaml) => `${base}#v1=${b64(zlib.deflateRawSync(Buffer.from(yaml), { level: 9 }))}`;
      const cases = [
        [`${base}#v1=${'A'.repeat(40000)}`, 'too big'],
        [`${base}#v1=%%%<script>alert(1)</script>`, 'damaged'],
        [`${base}#v1=aGVsbG8gd29ybGQ`, 'damaged'],
        [`${base}#v1=${b64(zlib.deflateRawSync(Buffer.alloc(3 * 1024 * 1024, 97), { level: 9 }))}`, 'more than 2 MiB'],
        [`${base}#v7=abc`, 'newer podlife'],
        [linkOf('- just\n- a list\n'), 'does not hold a podlife view'],
      ];
      for (const [url, says] of cases) {
        await page.goto('about:blank');
        await page.goto(url);
        await page.waitForSelector('#link-error');
        const msg = await page.textContent('#link-error');
        assert(msg.includes(says), `${url.slice(0, 60)}…: ${msg}`);
        // The page still works: the default example is played.
        await page.waitForSelector('[data-track="liveness"]');
      }
      // Script in the pod's name and in its output: shown as text, never run.
      const evil = `apiVersion: v1
kind: Pod
metadata:
  name: "<img src=x onerror=window.__pwned=1>"
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo '<script>window.__pwned=2</script>'; sleep 3600"]
`;
      await page.goto('about:blank');
      await page.goto(linkOf(`manifest: ${JSON.stringify(evil)}\nat: 5\n`));
      await page.waitForSelector('.problem');
      assert((await page.inputValue('#editor')) === evil, 'the hostile text is in the editor, as text');
      const problems = await page.textContent('.problems');
      assert(problems.includes('metadata.name'), `the name is a located problem: ${problems.slice(0, 200)}`);
      const safe = evil.replace('"<img src=x onerror=window.__pwned=1>"', 'safe');
      await page.fill('#editor', safe);
      await page.waitForSelector('[data-track="app"]');
      await seekFrac(0.5);
      await page.click('[data-tab="logs"]');
      await page.waitForFunction(() => document.querySelector('#logs-text')?.textContent.includes('<script>'));
      await page.click('[data-tab="events"]');
      assert(await page.evaluate(() => window.__pwned) === undefined, 'no script ran');
      assert(dialogs.length === 0, `no dialogs: ${dialogs}`);
      assert(await n('img[src="x"]') === 0, 'no element was made from the text');
    });

    await check('undo brings back the text an example replaced', async () => {
      await page.goto(base);
      await page.waitForSelector('[data-track="liveness"]');
      await page.fill('#editor', TWO_CONTAINERS);
      await page.waitForSelector('[data-track="crasher"]');
      await page.selectOption('#examples', 'crash-loop');
      await page.waitForSelector('[data-track="crash-loop"]');
      await page.focus('#editor');
      await page.keyboard.press('Control+z');
      await page.waitForSelector('[data-track="crasher"]');
      assert((await page.inputValue('#editor')) === TWO_CONTAINERS, 'undo brought the text back');
    });

    await check('embed: a docs page with two pods; postMessage drives one (seek 40 s: age 40s); 320 px and 760 px', async () => {
      const host = await ctx.newPage();
      const hostProblems = [];
      host.on('pageerror', (e) => hostProblems.push(e.message));
      host.on('console', (m) => { if (m.type() === 'error') hostProblems.push(m.text()); });
      try {
        await host.goto(`${base}static/embed-demo.html`);
        const linked = host.frameLocator('#embed-link');
        const driven = host.frameLocator('#embed-driven');
        // The linked embed: no editor, its pod from the link, playing by itself in a loop.
        await linked.locator('[data-track="liveness"]').waitFor();
        assert(await linked.locator('#editor').count() === 0, 'no editor in an embed');
        const t0 = Number(await linked.locator('#cursor-time').getAttribute('data-t'));
        await host.waitForTimeout(600);
        const t1 = Number(await linked.locator('#cursor-time').getAttribute('data-t'));
        assert(t1 !== t0, `autoplay moves the cursor (${t0} → ${t1})`);
        // The driven embed: `ready`, then the page's `load`.
        await driven.locator('[data-track="crash-loop"]').waitFor();
        await host.waitForFunction(() => document.querySelector('#host-log').textContent.includes('loaded crash-loop'));
        await host.click('#host-seek-40');
        await host.waitForFunction(() => document.querySelector('#host-clock').dataset.t === '40');
        const get = await driven.locator('#kubectl-get').textContent();
        assert(/crash-loop\s+0\/1\s+\S+\s+2 \(38s ago\)\s+40s/.test(get), `the pod at age 40 s:\n${get}`);
        // Playing reports events as the cursor passes them.
        await host.click('#host-play');
        await host.waitForFunction(() => document.querySelector('#host-log').textContent.includes('BackOff'), null, { timeout: 15000 });
        await host.click('#host-pause');
        await host.click('#host-select');
        await host.waitForFunction(() => document.querySelector('#host-log').textContent.includes('selected'));
        await driven.locator('#drawer').waitFor();
        // Unknown and hostile messages: ignored, or refused with a reason; nothing runs.
        await host.evaluate(() => {
          const w = document.getElementById('embed-driven').contentWindow;
          w.postMessage('play', '*');
          w.postMessage({ type: 'seek', t: 5 }, '*');
          w.postMessage({ podlife: 1, type: 'eval', code: 'window.top.__pwned = 1' }, '*');
          w.postMessage({ podlife: 1, type: 'load', manifest: 42 }, '*');
          w.postMessage({ podlife: 1, type: 'seek', t: '40' }, '*');
          w.postMessage({ podlife: 1, type: 'load', manifest: 'x'.repeat(2 * 1024 * 1024) }, '*');
          w.postMessage(null, '*');
          w.postMessage([1, 2, 3], '*');
        });
        await host.waitForFunction(() => (document.querySelector('#host-log').textContent.match(/error: /g) ?? []).length >= 3);
        const logText = await host.textContent('#host-log');
        assert(logText.includes('error: seek: t must be a non-negative number'), logText.slice(0, 400));
        assert(logText.includes('error: load: manifest must be a string'), 'a wrong type is refused');
        assert(logText.includes('KiB'), 'an oversized manifest is refused');
        assert(await host.evaluate(() => window.__pwned) === undefined, 'nothing ran');
        await host.click('#host-seek-40');
        await host.waitForFunction(() => document.querySelector('#host-clock').dataset.t === '40');
        // Sizes: each embed fits its frame without sideways scrolling, timeline on the first screen.
        for (const width of [320, 760]) {
          await host.evaluate((w) => { for (const f of document.querySelectorAll('iframe')) f.style.width = `${w}px`; }, width);
          await host.waitForTimeout(300);
          for (const id of ['#embed-link', '#embed-driven']) {
            const frame = await (await host.$(id)).contentFrame();
            const m = await frame.evaluate(() => {
              const tl = document.querySelector('#timeline').getBoundingClientRect();
              const tr = document.querySelector('.transport').getBoundingClientRect();
              return { scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
                tlTop: tl.top, tlW: tl.width, trW: tr.width, h: innerHeight };
            });
            assert(m.scroll <= m.client + 1, `${id} at ${width}px: no sideways scroll (${m.scroll} > ${m.client})`);
            assert(m.tlTop < m.h * 0.6 && m.tlW > width * 0.8, `${id} at ${width}px: the timeline is on the first screen ${JSON.stringify(m)}`);
          }
          await host.screenshot({ path: path.join(artifacts, `14-embed-${width}.png`), fullPage: true });
        }
        // The README's snippet works as written (its address pointed at this test's server).
        const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');
        const snippet = readme.match(/<iframe src="([^"]+)"[^>]*><\/iframe>/s);
        assert(snippet, 'the README has an iframe snippet');
        const src = snippet[1].replace(/&amp;/g, '&').replace('http://127.0.0.1:8080/', base);
        await host.setContent(`<!doctype html><iframe id="readme" src="${src.replace(/&/g, '&amp;')}" width="760" height="480"></iframe>`);
        const readmeFrame = host.frameLocator('#readme');
        await readmeFrame.locator('[data-track="crash-loop"]').waitFor();
        const readmeGet = await readmeFrame.locator('#kubectl-get').textContent();
        assert(/crash-loop\s+0\/1\s+\S+\s+2 \(38s ago\)\s+40s/.test(readmeGet), `the README's embed at 40 s:\n${readmeGet}`);
        assert(hostProblems.length === 0, hostProblems.join('\n'));
      } finally {
        await host.close();
      }
    });

    // Learner mode, in English and in Chinese: open an exercise link, answer one question wrong
    // and the next one right, see the reveal and the explanation.
    for (const [lang, right, wrong] of [['en', 'Right!', 'Not quite.'], ['zh-CN', '答对了！', '不对。']]) {
      await check(`exercise link (${lang}): one wrong answer, one right, the reveal and the explanation`, async () => {
        await page.goto(base);
        await page.waitForSelector('[data-track="liveness"]');
        await page.selectOption('#lang', lang);
        await page.selectOption('#exercises', '0');
        await page.waitForSelector('#lesson');
        // A teacher sends the set as one link.
        await page.click('#lesson-link');
        await page.waitForSelector('#share-url');
        const link = await page.inputValue('#share-url');
        await page.keyboard.press('Escape');
        const learner = await ctx.newPage();
        try {
          await learner.goto(link);
          await learner.waitForSelector('#lesson');
          assert(await learner.getAttribute('html', 'lang') === lang, `the link keeps the language ${lang}`);
          const ex = await learner.getAttribute('#lesson', 'data-exercise');
          assert(ex === await page.getAttribute('#lesson', 'data-exercise'), 'the same exercise');
          // The question's instant veils the timeline; the cursor cannot pass it.
          await learner.waitForSelector('#veil');
          const from = Number(await learner.getAttribute('#veil', 'data-from'));
          await learner.keyboard.press('End');
          await learner.locator('body').click({ position: { x: 5, y: 5 } });
          await learner.keyboard.press('Space');
          await learner.waitForTimeout(300);
          assert(Number(await learner.getAttribute('#cursor-time', 'data-t')) <= from + 0.001, 'the cursor stays before the veil');
          if (lang === 'zh-CN') {
            const ask = await learner.textContent('#lesson .ask');
            assert(/[\u4e00-\u9fff]/.test(ask), `the question is in Chinese: ${ask}`);
          }
          // The key, from the teacher view (computed by the engine).
          await learner.click('#lesson-teacher');
          await learner.waitForSelector('#lesson-key');
          const keyOf = async (q) => learner.textContent(`#lesson-key tr[data-q="${ex}/${q}"] .key-answer`);
          const q1 = await learner.getAttribute('#lesson', 'data-question');
          const expected = (await keyOf(q1)) ?? '';
          await learner.click('#lesson-teacher');
          const kind1 = await learner.getAttribute('#lesson-question', 'data-kind');
          assert(kind1 === 'when', `the first question asks when (${kind1})`);
          // Wrong: a marker dropped near the far end of the veiled timeline.
          const veil = await learner.locator('#veil').boundingBox();
          // Drag the marker across the hidden part; it follows the pointer.
          await learner.mouse.move(veil.x + veil.width / 2, veil.y + 60);
          await learner.mouse.down();
          await learner.waitForSelector('#guess');
          const g0 = Number(await learner.getAttribute('#guess', 'data-t'));
          await learner.mouse.move(veil.x + veil.width - 20, veil.y + 60, { steps: 5 });
          await learner.mouse.up();
          await learner.waitForFunction((g) => Number(document.querySelector('#guess').dataset.t) > g, g0);
          await learner.click('#lesson-submit');
          await learner.waitForSelector('#lesson-result.wrong');
          assert((await learner.textContent('#lesson-result')).includes(wrong), 'marked wrong');
          const answerText = await learner.textContent('#lesson-answer');
          assert(expected.startsWith(answerText), `the answer shown is the key's: ${answerText} / ${expected}`);
          assert((await learner.textContent('#lesson-explain')).trim().length > 10, 'an explanation');
          assert(await learner.locator('#veil').count() === 0, 'the veil lifted');
          // It plays to the answer, then the drawer explains what is there.
          await learner.waitForSelector('#drawer', { timeout: 15000 });
          const t = Number(await learner.getAttribute('#cursor-time', 'data-t'));
          assert(Math.abs(t - parseFloat(answerText)) < 0.06, `the cursor is at the answer (${t} vs ${answerText})`);
          await learner.screenshot({ path: path.join(artifacts, `15-lesson-wrong-${lang}.png`) });
          // Right: the next question, answered from the key.
          await learner.click('#lesson-next');
          await learner.waitForSelector('#veil');
          const q2 = await learner.getAttribute('#lesson', 'data-question');
          await learner.click('#lesson-teacher');
          const k2 = (await keyOf(q2)).trim();
          await learner.click('#lesson-teacher');
          const kind2 = await learner.getAttribute('#lesson-question', 'data-kind');
          if (['get', 'state', 'order'].includes(kind2) && await learner.locator('.choice').count()) {
            await learner.click(`.choice[data-choice="${k2}"]`);
          } else if (kind2 === 'when') {
            await learner.fill('#lesson-time', String(parseFloat(k2)));
            await learner.click('#lesson-submit');
          } else {
            await learner.fill('#lesson-number', k2);
            await learner.click('#lesson-submit');
          }
          await learner.waitForSelector('#lesson-result.right');
          assert((await learner.textContent('#lesson-result')).includes(right), 'marked right');
          assert((await learner.textContent('#lesson-explain')).trim().length > 10, 'an explanation');
          assert(await learner.locator('.lesson-dots button.right').count() === 1, 'one ✓ in the progress');
          assert(await learner.locator('.lesson-dots button.wrong').count() === 1, 'one ✗ in the progress');
          await learner.screenshot({ path: path.join(artifacts, `15-lesson-right-${lang}.png`) });
          // Progress is kept: a reload resumes at the third question.
          await learner.evaluate(() => sessionStorage.setItem('podlife-e2e-keep', '1'));
          await learner.reload();
          await learner.waitForSelector('#lesson');
          assert(await learner.locator('.lesson-dots button.right').count() === 1, 'progress survives a reload');
        } finally {
          await learner.evaluate(() => localStorage.clear());
          await learner.close();
        }
        await page.click('#lesson-close');
        await page.selectOption('#lang', 'en');
      });
    }

    await check('zh-CN: no English left in the interface outside kubectl and Kubernetes text', async () => {
      await page.goto(base);
      await page.waitForSelector('[data-track="liveness"]');
      await page.selectOption('#lang', 'zh-CN');
      await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
      // The same rule as src/i18n.rs `untranslated`: runs of two or more plain lowercase English
      // words (not a kubectl command line), or an English function word alone; Kubernetes terms (CamelCase, ALLCAPS, names
      // with digits, dots, dashes or slashes) and single names pass. Elements marked
      // translate="no" (kubectl output, Kubernetes messages, the user's text) are skipped.
      const scan = () => page.evaluate(() => {
        const FUNCTION = new Set(['the', 'and', 'of', 'is', 'are', 'to', 'at', 'when', 'after', 'before', 'until', 'with',
          'from', 'for', 'then', 'its', 'it', 'was', 'be', 'by', 'on', 'in', 'this', 'that', 'or', 'not', 'no', 'has',
          'have', 'what', 'why', 'how', 'which', 'an', 'a']);
        const found = [];
        const texts = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          if (!el || el.closest('[translate="no"], textarea, script, style, .tooltip')) continue;
          texts.push(n.textContent);
        }
        for (const el of document.querySelectorAll('[title], [aria-label], [placeholder]')) {
          if (el.closest('[translate="no"]')) continue;
          for (const a of ['title', 'aria-label', 'placeholder']) if (el.getAttribute(a)) texts.push(el.getAttribute(a));
        }
        for (const t of texts) {
          const tokens = t.split(/([^A-Za-z0-9\-_./:']+)/);
          let run = [];
          const flush = () => {
            if ((run.length >= 2 && run[0] !== 'kubectl') || (run.length === 1 && FUNCTION.has(run[0]))) found.push(run.join(' '));
            run = [];
          };
          for (let i = 0; i < tokens.length; i += 2) {
            const w = tokens[i];
            const sep = tokens[i + 1];
            if (/^[a-z]+$/.test(w)) {
              run.push(w);
              if (sep !== undefined && sep !== ' ') flush();
            } else if (w) {
              flush();
            } else if (sep !== undefined && sep !== ' ') {
              flush();
            }
          }
          flush();
        }
        return [...new Set(found)];
      });
      const views = [];
      views.push(['main', await scan()]);
      await page.click('#help');
      views.push(['shortcuts', await scan()]);
      await page.keyboard.press('Escape');
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Enter');
      await page.waitForSelector('#drawer');
      views.push(['drawer', await scan()]);
      await page.keyboard.press('Escape');
      await page.click('#embed-open');
      views.push(['share dialog', await scan()]);
      await page.keyboard.press('Escape');
      await page.selectOption('#exercises', '0');
      await page.waitForSelector('#lesson');
      views.push(['lesson', await scan()]);
      await page.click('#lesson-teacher');
      views.push(['teacher view', await scan()]);
      await page.screenshot({ path: path.join(artifacts, '16-zh-CN-lesson.png') });
      await page.click('#lesson-close');
      await page.selectOption('#lang', 'en');
      const bad = views.filter(([, f]) => f.length);
      assert(bad.length === 0, bad.map(([v, f]) => `${v}: ${f.slice(0, 30).join(' | ')}`).join('\n'));
    });

    await check("a newcomer's first five minutes at 1440×900 and on a 390 px phone", async () => {
      const desk = await ctx.newPage();
      try {
        await desk.setViewportSize({ width: 1440, height: 900 });
        await desk.goto(base);
        await desk.waitForSelector('[data-track="liveness"]');
        // The story starts at 0 and the cue says where to paste.
        assert(Number(await desk.getAttribute('#cursor-time', 'data-t')) === 0, 'the cursor starts at 0');
        assert(await desk.locator('label[for="editor"]').isVisible(), 'a "paste your Pod here" cue');
        // Fit fits what happens; the whole horizon is one key away; the horizon is a setting.
        await desk.selectOption('#examples', 'docs-init-demo');
        await desk.waitForSelector('[data-track="install"]');
        const view = async () => desk.evaluate(() => { const e = document.querySelector('#timeline'); return [Number(e.dataset.viewStart), Number(e.dataset.viewEnd), Number(e.dataset.until)]; });
        let [a, b, until] = await view();
        assert(a === 0 && b < until / 4, `fit shows the activity, not the horizon (${a}–${b} of ${until})`);
        await desk.click('#fit-all');
        [a, b, until] = await view();
        assert(b === until, 'all: the whole horizon');
        await desk.fill('#horizon', '120');
        await desk.press('#horizon', 'Enter');
        await desk.waitForFunction(() => Number(document.querySelector('#timeline').dataset.until) === 120);
        // The error is on the first screen.
        await desk.fill('#editor', 'apiVersion: v1\nkind: Pod\nmetadata: [\n');
        await desk.waitForSelector('#problems li.error');
        const err = await desk.locator('#problems li.error').first().boundingBox();
        assert(err.y + err.height <= 900, `the error is visible without scrolling (bottom ${err.y + err.height})`);
        // The scenario in force, when the manifest carries it.
        await desk.fill('#editor', `${TWO_CONTAINERS}---\nkind: Scenario\nactions:\n- {at: 20, delete: {}}\n`);
        await desk.waitForSelector('[data-track="crasher"]');
        const inForce = await desk.textContent('#scenario-in-force');
        assert(/kind: Scenario is in force: 1 action/.test(inForce), `the scenario box says what is in force: ${inForce}`);
        // Kill, SIGTERM and SIGKILL have their own shapes in the legend.
        const paths = await desk.evaluate(() => ['kill', 'sigterm', 'sigkill'].map((k) => document.querySelector(`.legend .mark-${k} path`)?.getAttribute('d')));
        assert(paths.every(Boolean) && new Set(paths).size === 3, `distinct marks: ${paths}`);
        for (const k of ['exit', 'event-normal', 'deleted', 'removed']) assert(await desk.locator(`.legend .mark-${k}`).count() === 1, `legend: ${k}`);
        assert(await desk.locator('.legend [data-key^="arrow-"]').count() >= 4, 'legend: arrow colours');
        // Axis labels never touch, at several zooms.
        await desk.selectOption('#examples', 'exec-liveness');
        await desk.waitForSelector('[data-track="liveness"]');
        await desk.locator('body').click({ position: { x: 5, y: 5 } });
        for (let z = 0; z < 6; z++) {
          const overlap = await desk.evaluate(() => {
            const r = [...document.querySelectorAll('.axis-ticks text')].map((t) => t.getBoundingClientRect()).sort((p, q) => p.left - q.left);
            return r.some((b, i) => i > 0 && b.left < r[i - 1].right + 2);
          });
          assert(!overlap, `axis labels overlap at zoom step ${z}`);
          await desk.keyboard.press('KeyW');
        }
        // Probe dots are targets a finger can hit; actions pick a container from a menu.
        // Probe dots: a target wider than the dot (up to 18 px), never covering a neighbour.
        const hits = await desk.evaluate(() => [...document.querySelectorAll('[data-lane="liveness"] .tick-mark')].slice(0, 40)
          .map((g) => { const h = g.querySelector('.hit')?.getBoundingClientRect(); const d = g.querySelector('circle')?.getBoundingClientRect(); return h && d ? [h.left, h.right, d.left, d.right] : null; })
          .filter(Boolean));
        assert(hits.length > 3 && hits.every(([l, r, dl, dr]) => r - l > dr - dl), 'targets are wider than the dots');
        assert(hits.every(([l, r], i) => i === 0 || l >= hits[i - 1][1] - 0.5), 'targets do not overlap');
        assert(await desk.locator('select#action-container').count() === 1, 'per-container actions from a menu');
        // The drawer leaves the timeline in view.
        await desk.keyboard.press('KeyF');
        await desk.locator('[data-track="liveness"] [data-mark="sigkill"]').first().click({ position: { x: 4, y: 6 } });
        await desk.waitForSelector('#drawer');
        const d = await desk.locator('#drawer').boundingBox();
        const t = await desk.locator('#timeline').boundingBox();
        assert(d.x + d.width <= t.x, `the drawer is beside the timeline (${d.x + d.width} ≤ ${t.x})`);
        await desk.screenshot({ path: path.join(artifacts, '17-newcomer-1440.png') });
      } finally {
        await desk.close();
      }
      const phone = await ctx.newPage();
      try {
        await phone.setViewportSize({ width: 390, height: 844 });
        await phone.goto(base);
        await phone.waitForSelector('[data-track="liveness"] [data-mark="sigkill"]');
        const tl = await phone.locator('#timeline').boundingBox();
        assert(tl.y < 844 * 0.75, `the timeline is on the first screen (y ${tl.y})`);
        const labels = await phone.evaluate(() => [...document.querySelectorAll('.lane-label')].slice(0, 6).map((e) => e.getBoundingClientRect().left));
        assert(labels.every((x) => x >= 0), 'lane labels are not clipped');
        const mark = phone.locator('[data-track="liveness"] [data-mark="sigkill"]').first();
        await mark.scrollIntoViewIfNeeded();
        await mark.click({ position: { x: 4, y: 6 } });
        await phone.waitForSelector('#drawer');
        await phone.waitForTimeout(200);
        const m = await mark.boundingBox();
        const sheet = await phone.locator('#drawer').boundingBox();
        assert(m.y + m.height <= sheet.y, `the tapped mark stays above the sheet (${m.y + m.height} ≤ ${sheet.y})`);
        await phone.screenshot({ path: path.join(artifacts, '17-newcomer-phone.png') });
      } finally {
        await phone.close();
      }
    });

    await check('zh-CN from the browser: the main flows in Chinese (seek, play, the why drawer, panels, share, an exercise)', async () => {
      // A browser whose language is Chinese: the app follows it without being told.
      const zh = await launch('podlife-e2e-zh-', { width: 1440, height: 900 }, { locale: 'zh-CN' });
      const cjk = /[\u4e00-\u9fff]/;
      try {
        const p = zh.pages()[0] ?? await zh.newPage();
        const errors = [];
        p.on('pageerror', (e) => errors.push(e.message));
        p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
        await p.goto(base);
        await p.waitForSelector('[data-track="liveness"]');
        assert(await p.getAttribute('html', 'lang') === 'zh-CN', 'the page is in Chinese');
        assert(cjk.test(await p.textContent('.tagline')), 'the tagline is Chinese');
        assert(cjk.test(await p.textContent('#play')), 'the transport is Chinese');
        // kubectl speaks as kubectl does.
        assert((await p.textContent('#kubectl-get')).includes('NAME'), 'kubectl output unchanged');
        // Seek, play, pause.
        const box = await p.locator('svg.lanes').boundingBox();
        await p.mouse.click(box.x + 176 + (box.width - 176 - 14) * 0.3, box.y + 8);
        const t0 = Number(await p.getAttribute('#cursor-time', 'data-t'));
        assert(t0 > 0, 'seeked');
        await p.click('#play');
        await p.waitForFunction((t) => Number(document.querySelector('#cursor-time').dataset.t) > t + 5, t0);
        await p.click('#play');
        // The why drawer explains in Chinese.
        await p.locator('[data-track="liveness"] [data-mark="sigkill"]').first().click({ position: { x: 4, y: 6 } });
        await p.waitForSelector('#drawer[data-kind="sigkill"]');
        assert(cjk.test(await p.textContent('#drawer .why')), 'the explanation is Chinese');
        await p.keyboard.press('Escape');
        // Panels: describe stays kubectl's English, the tabs are Chinese where they are words.
        await p.click('[data-tab="describe"]');
        assert((await p.textContent('#panel-describe')).includes('Events:'), 'describe as kubectl prints it');
        assert(cjk.test(await p.textContent('[data-tab="events"]')), 'the events tab is Chinese');
        // Share: the dialog is Chinese; the link opens the same view.
        await p.click('#copy-link');
        await p.waitForSelector('#share-dialog');
        assert(cjk.test(await p.textContent('#share-title')), 'the share dialog is Chinese');
        await p.keyboard.press('Escape');
        // An exercise from the menu, in Chinese.
        await p.selectOption('#exercises', '1');
        await p.waitForSelector('#lesson');
        assert(cjk.test(await p.textContent('#lesson .ask')), 'the question is Chinese');
        await p.screenshot({ path: path.join(artifacts, '18-zh-CN-browser.png') });
        assert(errors.length === 0, errors.join('\n'));
      } finally {
        await zh.close();
      }
    });

    await check('accessibility: axe-core finds no serious or critical violation, in both themes and both languages', async () => {
      // axe is served from this origin (the page's Content-Security-Policy allows only 'self').
      await page.route('**/__axe.js', (r) => r.fulfill({ path: path.join(repo, 'node_modules/axe-core/axe.min.js'), contentType: 'text/javascript' }));
      const audit = async (label) => {
        if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ url: `${base}__axe.js` });
        const v = await page.evaluate(async () => {
          const r = await window.axe.run(document, { resultTypes: ['violations'] });
          return r.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')
            .map((x) => `${x.id} (${x.impact}, ${x.nodes.length}): ${x.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')}`);
        });
        return v.map((x) => `${label}: ${x}`);
      };
      const found = [];
      for (const lang of ['en', 'zh-CN']) {
        for (const dark of [false, true]) {
          await page.goto(base);
          await page.waitForSelector('[data-track="liveness"]');
          await page.selectOption('#lang', lang);
          if (dark !== ((await page.getAttribute('#theme', 'aria-pressed')) === 'true')) await page.click('#theme');
          const tag = `${lang} ${dark ? 'dark' : 'light'}`;
          found.push(...await audit(`${tag} main`));
          await page.locator('body').click({ position: { x: 5, y: 5 } });
          await page.keyboard.press('Enter');
          await page.waitForSelector('#drawer');
          await page.click('[data-tab="describe"]');
          found.push(...await audit(`${tag} drawer + describe`));
          await page.keyboard.press('Escape');
          await page.click('#embed-open');
          await page.waitForSelector('#share-dialog');
          found.push(...await audit(`${tag} share dialog`));
          await page.keyboard.press('Escape');
          await page.selectOption('#exercises', '0');
          await page.waitForSelector('#lesson');
          found.push(...await audit(`${tag} lesson`));
          await page.click('#lesson-close');
        }
      }
      if ((await page.getAttribute('#theme', 'aria-pressed')) === 'true') await page.click('#theme');
      await page.selectOption('#lang', 'en');
      await page.unroute('**/__axe.js');
      assert(found.length === 0, found.join('\n'));
    });

    await check('strict Content-Security-Policy; no request leaves the site; no violations', async () => {
      await page.goto(base);
      await page.waitForSelector('[data-track="liveness"]');
      const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
      assert(/script-src 'self' 'wasm-unsafe-eval';/.test(csp) && csp.includes("default-src 'none'"), csp);
      assert(await n('script:not([src])') === 0, 'no inline script');
      const violations = await page.evaluate(() => window.__cspViolations ?? []);
      assert(violations.length === 0, `CSP violations: ${violations}`);
      assert(offSite.length === 0, `requests off the site: ${offSite.slice(0, 5)}`);
    });

    await check('no console errors or page errors', async () => {
      assert(consoleProblems.length === 0, consoleProblems.join('\n'));
    });
  } finally {
    await ctx.close();
    server.close();
  }
}

main()
  .catch((e) => { failed++; console.log(`FAIL setup: ${e?.stack ?? e}`); })
  .finally(() => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  });
