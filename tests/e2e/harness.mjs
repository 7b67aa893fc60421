// What the e2e test and the bench share: serving dist/ and launching headless Chromium.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from '../../scripts/serve.mjs';

export { serve };

// A persistent headless Chromium context (/usr/bin/chromium, or $CHROMIUM) with a fresh profile,
// removed when the context closes.
export async function launch(prefix, viewport = { width: 1600, height: 1000 }, options = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const ctx = await chromium.launchPersistentContext(profile, {
    ...options,
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  // Every navigation starts from the default example, as before autosave existed: the app's
  // saved session is cleared unless a test keeps it for this tab (sessionStorage flag).
  await ctx.addInitScript(() => {
    try {
      if (!sessionStorage.getItem('podlife-e2e-keep')) localStorage.removeItem('podlife.autosave.v1');
    } catch {
      // about:blank and opaque origins have no storage to clear.
    }
  });
  const close = ctx.close.bind(ctx);
  ctx.close = async (...args) => {
    await close(...args);
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  };
  return ctx;
}
