// Regenerates the README's screenshots from the built app (dist/):
//   node tests/e2e/screenshot.mjs
// docs/screenshot.png (the top of the README) and docs/screenshots/: the desktop at 1440×900 and
// a phone at 390×844, in English and in 简体中文, plus a lesson. The docs' exec-liveness pod with
// the cursor just after the first restart and the drawer open on the SIGKILL that explains it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, serve } from './harness.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const server = await serve(path.resolve(repo, process.env.PODLIFE_DIST ?? 'dist'));
const base = `http://127.0.0.1:${server.address().port}/`;
const dir = path.join(repo, 'docs/screenshots');
fs.mkdirSync(dir, { recursive: true });

async function desktop(ctx, lang, out) {
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(base);
  await page.waitForSelector('[data-track="liveness"] [data-mark="sigkill"]');
  await page.selectOption('#lang', lang);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  // Zoom in on the start (the first restarts), then put the cursor at 80 s.
  const box = await page.locator('svg.lanes').boundingBox();
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
  await page.screenshot({ path: out });
  await page.close();
}

async function phone(ctx, lang, out) {
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(base);
  await page.waitForSelector('[data-track="liveness"] [data-mark="sigkill"]');
  await page.selectOption('#lang', lang);
  await page.locator('[data-track="liveness"] [data-mark="sigkill"]').first().click({ position: { x: 4, y: 6 } });
  await page.waitForSelector('#drawer[data-kind="sigkill"]');
  await page.waitForTimeout(300);
  await page.screenshot({ path: out });
  await page.close();
}

async function lesson(ctx, lang, out) {
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(base);
  await page.waitForSelector('[data-track="liveness"]');
  await page.selectOption('#lang', lang);
  await page.selectOption('#exercises', '5');
  await page.waitForSelector('#veil');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: out });
  await page.close();
}

const ctx = await launch('podlife-shot-', { width: 1440, height: 900 });
try {
  const shots = [
    [desktop, 'en', path.join(repo, 'docs/screenshot.png')],
    [desktop, 'en', path.join(dir, 'desktop-en.png')],
    [desktop, 'zh-CN', path.join(dir, 'desktop-zh-CN.png')],
    [phone, 'en', path.join(dir, 'phone-en.png')],
    [phone, 'zh-CN', path.join(dir, 'phone-zh-CN.png')],
    [lesson, 'en', path.join(dir, 'lesson-en.png')],
    [lesson, 'zh-CN', path.join(dir, 'lesson-zh-CN.png')],
  ];
  for (const [shoot, lang, out] of shots) {
    await shoot(ctx, lang, out);
    console.log(`wrote ${path.relative(repo, out)}`);
  }
} finally {
  await ctx.close();
  server.close();
}
