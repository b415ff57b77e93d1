// Drives VS Code (code-server in Debian's Chromium, through playwright-core) with the factcheck
// extension installed: open a draft, see the misquote warning, hover it, open the quick fixes,
// apply "the source's exact words", read the fixed text; run "Show Sources"; check the status
// bar. Screenshots go to OUT.
// env: CS_URL, WS (workspace folder), OUT (screenshots), PROFILE (fresh browser profile dir)
import { chromium } from 'playwright-core';

const { CS_URL, WS, OUT, PROFILE } = process.env;
const FIXED = 'Mayor Jane Smith said: "We will not raise taxes this year, and we will protect every library".';
const t0 = Date.now();
const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const watchdog = setTimeout(() => {
  console.log('FAIL: watchdog, the drive did not finish within 170 s');
  process.exit(2);
}, 170000);
const nbsp = (s) => s.replace(/\u00a0/g, ' ');
// the editor wraps long lines: compare text with every run of white space as one space
const flat = (s) => s.replace(/\s+/g, ' ');

/** Runs `step` until it succeeds, `attempts` times at most; `reset` runs between tries. */
async function retry(what, attempts, step, reset) {
  for (let i = 1; ; i++) {
    try {
      return await step(i);
    } catch (e) {
      if (i >= attempts) throw new Error(`${what}: ${e.message.split('\n')[0]}`);
      log(`${what}: attempt ${i} failed (${e.message.split('\n')[0]}), retrying`);
      if (reset) await reset();
    }
  }
}

// The docs figure: the hover card above the quick-fix menu, each cut from the editor area of
// its own screenshot, stacked into one image (quickfix-figure.png).
const EDITOR_LEFT = 350; // right of the explorer
const EDITOR_TOP = 88; // line 1
const editorClip = (box) => ({
  x: EDITOR_LEFT,
  y: EDITOR_TOP,
  width: 1270 - EDITOR_LEFT,
  height: Math.min(box.y + box.height + 14, 890) - EDITOR_TOP,
});
async function stack(context, parts, path) {
  const p = await context.newPage();
  const imgs = parts.map((png) => `<img src="data:image/png;base64,${png.toString('base64')}">`).join('');
  await p.setContent(`<html><body style="margin:0;background:#d0d0d0">
    <div id="f" style="display:inline-flex;flex-direction:column;gap:6px;padding:6px;background:#d0d0d0">${imgs}</div></body></html>`);
  await p.locator('#f').screenshot({ path });
  await p.close();
}

const ctx = await chromium.launchPersistentContext(PROFILE, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 900 },
  deviceScaleFactor: 1,
  timeout: 60000,
});
let ok = false;
const page = ctx.pages()[0] ?? (await ctx.newPage());
try {
  page.on('pageerror', (e) => log('pageerror:', e.message));
  await page.goto(`${CS_URL}/?folder=${encodeURIComponent(WS)}`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 60000 });
  log('workbench loaded');
  const editorText = page.locator('.editor-instance .monaco-editor .view-lines').first();

  // 1. open the draft with Quick Open (the first key presses can be lost while the
  //    workbench is still restoring: retry)
  await retry('open drafts/budget.md', 4, async () => {
    await page.locator('.monaco-workbench .part.editor').click({ position: { x: 400, y: 300 } }).catch(() => {});
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 10000 });
    await page.keyboard.type('budget.md');
    await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 10000 });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => [...document.querySelectorAll('.editor-instance .view-lines')]
      .some((e) => e.innerText.replace(/\u00a0/g, ' ').includes('Budget night')), null, { timeout: 10000 });
  }, () => page.keyboard.press('Escape'));
  log('draft open');

  // 2. the status bar: the server indexed the one source
  const status = page.locator('.statusbar-item', { hasText: 'factcheck:' }).first();
  await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')]
    .some((e) => /factcheck: 1 document/.test(e.textContent ?? '')), null, { timeout: 60000 });
  log('status bar:', JSON.stringify(nbsp(await status.innerText())));

  // 3. the warning squiggle
  const squiggle = page.locator('.monaco-editor .squiggly-warning').first();
  await squiggle.waitFor({ state: 'attached', timeout: 60000 });
  log('squiggle shown');
  await page.screenshot({ path: `${OUT}/1-warning.png` });

  // 4. hover: the finding, the source and its words
  const hover = page.locator('.monaco-hover:not(.hidden)').first();
  const hoverText = await retry('hover', 4, async () => {
    const box = await squiggle.boundingBox();
    await page.mouse.move(box.x + 30, box.y + box.height / 2);
    await page.mouse.move(box.x + 40, box.y + box.height / 2);
    await hover.waitFor({ state: 'visible', timeout: 8000 });
    // wait for the whole card: the diagnostic and the server's own hover ("factcheck
    // misquote: ... what the sources say")
    await page.waitForFunction(() => {
      const t = (document.querySelector('.monaco-hover:not(.hidden)')?.textContent ?? '').replace(/\u00a0/g, ' ');
      return /mayor\.txt/.test(t) && /factcheck\s*misquote\s*:/.test(t) && !/Loading\.\.\./.test(t);
    }, null, { timeout: 10000 });
    return nbsp(await hover.innerText());
  }, async () => {
    log('hover text so far:', JSON.stringify(nbsp(await hover.textContent().catch(() => '') ?? '').slice(0, 300)));
    await page.mouse.move(1000, 800);
  });
  log('hover:', JSON.stringify(hoverText.slice(0, 400)));
  if (!/misquote/i.test(hoverText)) throw new Error('hover does not name the misquote');
  if (!hoverText.includes('protect every library')) throw new Error("hover does not show the source's words");
  await page.screenshot({ path: `${OUT}/2-hover.png` });
  const hoverPng = await page.screenshot({ clip: editorClip(await hover.boundingBox()) });

  // 5. the quick fixes: cursor into the finding, Ctrl+. (the first Ctrl+. can come before
  //    the code actions are in and show "No code actions available": retry)
  const menu = page.locator('.action-widget');
  await retry('open the quick fixes', 5, async () => {
    await page.mouse.move(1000, 800);
    const box = await squiggle.boundingBox();
    await page.mouse.click(box.x + 40, box.y + box.height / 2);
    await page.waitForTimeout(300);
    await page.keyboard.press('Control+Period');
    await menu.waitFor({ state: 'visible', timeout: 6000 });
    await page.waitForFunction(() => /exact words/.test(document.querySelector('.action-widget')?.textContent ?? ''), null, { timeout: 6000 });
  }, async () => {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(500);
  });
  const items = (await menu.locator('.monaco-list-row').allInnerTexts()).map((t) => nbsp(t).trim());
  log('quick fixes:', JSON.stringify(items));
  await page.screenshot({ path: `${OUT}/3-quickfix.png` });
  const menuPng = await page.screenshot({ clip: editorClip(await menu.boundingBox()) });
  await stack(ctx, [hoverPng, menuPng], `${OUT}/quickfix-figure.png`);

  // 6. apply "the source's exact words" (keyboard: clicks on action rows are flaky)
  const target = items.findIndex((t) => /exact words/.test(t));
  const focused = async () => nbsp(await menu.locator('.monaco-list-row.focused').first().innerText().catch(() => '')).trim();
  for (let i = 0; i < items.length + 2 && !/exact words/.test(await focused()); i++) {
    await page.keyboard.press('ArrowDown');
  }
  if (!/exact words/.test(await focused())) throw new Error(`could not focus the fix (row ${target})`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((fixed) => [...document.querySelectorAll('.editor-instance .view-lines')]
    .some((e) => e.innerText.replace(/\s+/g, ' ').includes(fixed)), FIXED, { timeout: 15000 });
  const text = flat(await editorText.innerText());
  log('text after the fix:\n' + text);
  await page.waitForFunction(() => !document.querySelector('.monaco-editor .squiggly-warning'), null, { timeout: 15000 });
  log('warning gone');
  await page.screenshot({ path: `${OUT}/4-fixed.png` });

  // 7. "factcheck: Show Sources for This Sentence" on the fixed sentence lists mayor.txt
  await retry('show sources', 3, async () => {
    await page.keyboard.press('Escape');
    await editorText.click({ position: { x: 200, y: 50 } });
    await page.keyboard.press('Control+Shift+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 8000 });
    await page.keyboard.type('factcheck: Show Sources');
    await page.waitForFunction(() => /Show Sources/.test(document.querySelector('.quick-input-list')?.textContent ?? ''), null, { timeout: 8000 });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /mayor\.txt/.test(document.querySelector('.quick-input-list')?.textContent ?? ''), null, { timeout: 10000 });
  }, () => page.keyboard.press('Escape'));
  log('sources:', JSON.stringify(nbsp(await page.locator('.quick-input-list').innerText()).slice(0, 300)));
  await page.screenshot({ path: `${OUT}/5-sources.png` });
  await page.keyboard.press('Escape');

  ok = text.includes(FIXED);
} catch (e) {
  log('FAIL:', e.message.split('\n')[0]);
  await page.screenshot({ path: `${OUT}/fail.png` }).catch(() => {});
} finally {
  await ctx.close();
  clearTimeout(watchdog);
}
log(ok ? 'PASS' : 'FAIL');
process.exit(ok ? 0 : 1);
