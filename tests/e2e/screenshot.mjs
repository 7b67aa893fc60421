// Regenerates the README screenshot (docs/screenshot.png) from the built app (dist/):
//   node tests/e2e/screenshot.mjs
// The docs' exec-liveness pod with the cursor just after the first restart and the drawer open
// on the SIGKILL that explains it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, serve } from './harness.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const server = await serve(path.resolve(repo, process.env.PODLIFE_DIST ?? 'dist'));
const ctx = await launch('podlife-shot-', { width: 1500, height: 940 });
try {
  const page = ctx.pages()[0] ?? await ctx.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForSelector('[data-track="liveness"] [data-mark="sigkill"]');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  // Zoom in on the start (the first restarts), then put the cursor at 80 s.
  const box = await page.locator('svg.lanes').boundingBox();
  const until = Number(await page.getAttribute('#timeline', 'data-until'));
  const plot = box.width - 176 - 14;
  for (let i = 0; i < 5; i++) {
    await page.mouse.move(box.x + 177, box.y + 40);
    await page.keyboard.press('KeyW');
  }
  const v = await page.evaluate(() => { const e = document.querySelector('#timeline'); return [Number(e.dataset.viewStart), Number(e.dataset.viewEnd)]; });
  await page.mouse.click(box.x + 176 + plot * ((80 - v[0]) / (v[1] - v[0])), box.y + 8);
  await page.locator('[data-track="liveness"] [data-mark="sigkill"]').first().click({ position: { x: 4, y: 6 } });
  await page.waitForSelector('#drawer[data-kind="sigkill"]');
  await page.mouse.move(0, 0);
  const out = path.join(repo, 'docs/screenshot.png');
  await page.screenshot({ path: out });
  console.log(`wrote ${path.relative(repo, out)}`);
} finally {
  await ctx.close();
  server.close();
}
