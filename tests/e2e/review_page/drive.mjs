// The review page (`factcheck check --format html`) in Debian's Chromium, through
// playwright-core, as a reviewer uses it: the figures agree with the JSON report of the same
// run, a click on a finding shows its source passage beside the draft, the filters hide and
// show, n/p and Tab move between findings, the page prints and reads without JavaScript; and a
// draft and a source full of markup and script render as text with nothing run.
// env: EXAMPLES (the page of examples/), EXAMPLES_JSON (the same run as JSON), HOSTILE (the
//      page of hostile/), OUT (screenshots), PROFILE (a fresh browser profile folder)
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const { EXAMPLES, EXAMPLES_JSON, HOSTILE, OUT, PROFILE } = process.env;
const watchdog = setTimeout(() => {
  console.log('FAIL: watchdog, the drive did not finish within 120 s');
  process.exit(2);
}, 120000);
const step = (what) => console.log(`ok: ${what}`);

// Debian's Chromium, quiet: no sandbox (containers), no GPU, nothing fetched in the background.
const BROWSER = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};
const ctx = await chromium.launchPersistentContext(PROFILE, {
  ...BROWSER,
  viewport: { width: 1280, height: 900 },
  deviceScaleFactor: 1,
  timeout: 60000,
});

/** A page that records what must never happen: a request off the file, a console error (a
 *  CSP violation is one), an uncaught exception, a dialog. */
async function open(path, context = ctx) {
  const page = await context.newPage();
  const trouble = [];
  page.on('request', (r) => { if (!r.url().startsWith('file:')) trouble.push(`request ${r.url()}`); });
  page.on('console', (m) => { if (m.type() === 'error') trouble.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => trouble.push(`pageerror: ${e.message}`));
  page.on('dialog', async (d) => { trouble.push(`dialog: ${d.message()}`); await d.dismiss(); });
  await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
  return { page, trouble };
}

let ok = false;
try {
  // 1. The figures are the JSON report's.
  const report = JSON.parse(readFileSync(EXAMPLES_JSON, 'utf8'));
  const findings = report.files.flatMap((f) => f.findings);
  const citations = report.files.flatMap((f) => f.citations);
  const sources = new Set([
    ...findings.flatMap((x) => x.evidence.map((e) => e.source)),
    ...citations.flatMap((c) => c.sources.map((e) => e.source)),
  ]);
  const { page, trouble } = await open(EXAMPLES);
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains('js')),
    "the page's script ran (its hash is in the policy)");
  const figure = (name) => page.locator(`[data-figure="${name}"]`).innerText();
  assert.equal(await figure('drafts'), String(report.files.length));
  assert.equal(await figure('findings'), String(findings.length));
  assert.equal(await figure('citations'), String(citations.length));
  assert.equal(await figure('sources'), String(sources.size));
  assert.ok(findings.length > 0 && citations.length > 0, 'the examples have findings and citations');
  const kinds = [...new Set(findings.map((x) => x.code))];
  for (const kind of kinds) {
    for (const severity of ['error', 'warning', 'information', 'hint']) {
      const n = findings.filter((x) => x.code === kind && x.severity === severity).length;
      const cell = page.locator(`table.counts tr[data-kind="${kind}"] td[data-severity="${severity}"]`);
      assert.equal(await cell.innerText(), String(n), `${kind} ${severity}`);
    }
  }
  assert.equal(await page.locator('table.counts tbody tr').count(), kinds.length, 'a row per kind');
  step(`the summary counts what the JSON report holds (${findings.length} findings, ${citations.length} citations, ${sources.size} sources)`);

  // 2. A click on a misquote shows its passage beside the draft, with the source's name and line.
  const misquote = report.files.flatMap((f) => f.findings.map((x) => ({ f, x }))).find(({ x }) => x.code === 'misquote');
  assert.ok(misquote, 'examples/errors.md has a misquote');
  const passages = page.locator('.passage');
  const notes = await passages.count();
  assert.equal(notes, findings.length + citations.length, 'a passage per finding and citation');
  assert.equal(await page.locator('.passage:visible').count(), 0, 'no passage shows before a click');
  const mark = page.locator('mark.finding[data-kind="misquote"]').first();
  // The README's figure: the misquote's draft from its title, with the passage beside it.
  await page.setViewportSize({ width: 1280, height: 1200 });
  await page.locator('article', { has: mark }).locator('h2').evaluate((h) => h.scrollIntoView());
  await mark.scrollIntoViewIfNeeded();
  await mark.click();
  const shown = page.locator('.passage.open');
  assert.equal(await page.locator('.passage:visible').count(), 1, 'one passage shows');
  const source = misquote.x.evidence[0];
  assert.equal(await shown.locator('cite.source').first().innerText(), source.source);
  assert.match(await shown.locator('figcaption').first().innerText(), new RegExp(`line ${source.line}$`));
  assert.equal(await shown.locator('ins').first().innerText(), 'findings', "the source's word that differs");
  assert.equal(await shown.locator('del').first().innerText(), 'conclusions', "the draft's word that differs");
  const markBox = await mark.boundingBox();
  const passageBox = await shown.boundingBox();
  assert.ok(passageBox.x > markBox.x + markBox.width, 'the passage is beside the draft');
  assert.ok(passageBox.y < 1200 && passageBox.y + passageBox.height > 0, 'the passage is in view');
  assert.equal(await page.locator(`#${await shown.getAttribute('id')}`).getAttribute('class'), 'passage k-misquote s-warning open');
  step(`a click on the misquote shows ${source.source}, line ${source.line}, beside the draft`);
  await page.screenshot({ path: `${OUT}/review-page.png` });
  await page.setViewportSize({ width: 1280, height: 900 });

  // 3. Filters hide and show a kind.
  const shownCount = () => page.locator('[data-shown]').innerText();
  const contradictions = findings.filter((x) => x.code === 'contradiction').length;
  const contradictionRefs = page.locator('a.finding-ref[data-kind="contradiction"]');
  assert.equal(await contradictionRefs.filter({ visible: true }).count(), contradictions);
  await page.locator('input[data-filter="kind"][value="contradiction"]').uncheck();
  assert.equal(await contradictionRefs.filter({ visible: true }).count(), 0, 'contradictions hidden');
  assert.equal(await shownCount(), String(findings.length - contradictions));
  assert.equal(await page.locator('a.finding-ref[data-kind="misquote"]:visible').count(), 1, 'the others stay');
  const underline = await page.locator('mark.finding[data-kind="contradiction"]').first()
    .evaluate((m) => getComputedStyle(m).textDecorationLine);
  assert.equal(underline, 'none', 'a hidden kind is not underlined');
  await page.locator('input[data-filter="kind"][value="contradiction"]').check();
  assert.equal(await contradictionRefs.filter({ visible: true }).count(), contradictions, 'contradictions back');
  assert.equal(await shownCount(), String(findings.length));
  await page.locator('input[data-filter="kind"][value="citation"]').uncheck();
  assert.equal(await page.locator('a.citation-ref:visible').count(), 0, 'citations hidden');
  await page.locator('input[data-filter="kind"][value="citation"]').check();
  assert.equal(await page.locator('a.citation-ref:visible').count(), citations.length, 'citations back');
  step('the kind filters hide and show their marks, and the count follows');

  // 4. Keyboard: n / p (and j / k) move focus between findings in document order, Tab moves on.
  await page.reload({ waitUntil: 'load' });
  const findingIds = await page.locator('a.finding-ref').evaluateAll((refs) => refs.map((r) => r.id));
  const focused = () => page.evaluate(() => document.activeElement.id);
  await page.keyboard.press('n');
  assert.equal(await focused(), findingIds[0]);
  await page.keyboard.press('n');
  assert.equal(await focused(), findingIds[1]);
  await page.keyboard.press('j');
  assert.equal(await focused(), findingIds[2]);
  await page.keyboard.press('p');
  assert.equal(await focused(), findingIds[1]);
  await page.keyboard.press('k');
  assert.equal(await focused(), findingIds[0]);
  const open0 = await page.locator('.passage.open').getAttribute('id');
  assert.equal(open0, findingIds[0].replace(/^n/, 'p'), "the focused finding's passage shows");
  await page.keyboard.press('Tab');
  const next = await page.evaluate(() => {
    const el = document.activeElement;
    const refs = [...document.querySelectorAll('a.ref')];
    return { isRef: el.matches('a.ref'), index: refs.indexOf(el) };
  });
  const first = await page.evaluate((id) => [...document.querySelectorAll('a.ref')].indexOf(document.getElementById(id)), findingIds[0]);
  assert.ok(next.isRef && next.index === first + 1, 'Tab goes to the next mark');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('.passage:visible').count(), 1, 'Enter on a number shows its passage');
  step('n/j and p/k move between findings, Tab to the next mark, Enter shows it');

  // 5. Printed: every passage, no controls.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.passage:visible').count(), notes, 'every passage printed');
  assert.equal(await page.locator('form.filters:visible').count(), 0, 'no filters on paper');
  await page.emulateMedia({ media: 'screen' });
  step('printed, every passage shows as a footnote and the controls do not');
  assert.deepEqual(trouble, []);
  await page.close();

  // 6. Without JavaScript: every passage is in the document, and a number links to its passage.
  const noScript = await chromium.launch(BROWSER);
  const plain = await noScript.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const { page: still, trouble: stillTrouble } = await open(EXAMPLES, plain);
  assert.equal(await still.locator('.passage:visible').count(), notes, 'every passage readable');
  assert.equal(await still.locator('form.filters:visible').count(), 0, 'filters need the script');
  const ref = still.locator('a.finding-ref').first();
  await ref.click();
  assert.equal(new URL(still.url()).hash, `#${await ref.getAttribute('aria-controls')}`);
  assert.deepEqual(stillTrouble, []);
  await noScript.close();
  step('without JavaScript every passage is readable and each number links to its own');

  // 7. Markup and script from a draft and a source are text; nothing runs.
  const { page: hostile, trouble: hostileTrouble } = await open(HOSTILE);
  for (const m of await hostile.locator('mark.finding').all()) await m.click();
  for (const a of await hostile.locator('.prose a').all()) await a.click({ force: true }).catch(() => {});
  await hostile.locator('.prose').first().hover();
  const seen = await hostile.evaluate(() => {
    const allowed = new Set(['HTML', 'HEAD', 'META', 'TITLE', 'STYLE', 'BODY', 'A', 'HEADER', 'H1',
      'H2', 'H3', 'H4', 'H5', 'H6', 'P', 'MAIN', 'SECTION', 'DL', 'DIV', 'DT', 'DD', 'TABLE',
      'CAPTION', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'TH', 'TD', 'SPAN', 'DETAILS', 'SUMMARY', 'UL',
      'OL', 'LI', 'CITE', 'FORM', 'FIELDSET', 'LEGEND', 'LABEL', 'INPUT', 'NAV', 'ARTICLE', 'MARK',
      'SUP', 'ASIDE', 'FIGURE', 'FIGCAPTION', 'BLOCKQUOTE', 'Q', 'DEL', 'INS', 'EM', 'STRONG',
      'CODE', 'PRE', 'BR', 'HR', 'S', 'KBD', 'FOOTER', 'SCRIPT']);
    const elements = [...document.querySelectorAll('*')];
    return {
      pwned: window.__pwned,
      scripts: document.scripts.length,
      styles: document.querySelectorAll('style').length,
      strange: elements.filter((e) => !allowed.has(e.tagName)).map((e) => e.tagName),
      handlers: elements.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName} ${a.name}`)),
      links: [...document.querySelectorAll('[href]')].map((e) => e.getAttribute('href')).filter((h) => !/^(#|https?:)/.test(h)),
      // the words as written: without the marks' numbers
      text: (() => {
        const copy = document.body.cloneNode(true);
        copy.querySelectorAll('sup.ref').forEach((s) => s.remove());
        return copy.textContent;
      })(),
    };
  });
  assert.equal(seen.pwned, undefined, 'no script from the documents ran');
  assert.equal(seen.scripts, 1, "the page's own script only");
  assert.equal(seen.styles, 1, "the page's own style only");
  assert.deepEqual(seen.strange, [], 'no element from the documents');
  assert.deepEqual(seen.handlers, [], 'no event handler attribute');
  assert.deepEqual(seen.links, [], 'no javascript: or data: link');
  for (const words of ['<script>window.__pwned = 4; alert(4)</script>', '"><img src=x onerror="window.__pwned=5;alert(5)">',
    '</style><b onmouseover="window.__pwned=8">bold</b>', '<script>window.__pwned = 1; alert(1)</script>',
    '<script>window.__pwned = 16; alert(16)</script>', '</code><script>alert(14)</script>']) {
    assert.ok(seen.text.includes(words), `shown as text: ${words}`);
  }
  assert.ok((await hostile.locator('.passage.open').count()) === 1, 'its passages still open');
  assert.deepEqual(hostileTrouble, [], 'no dialog, no error, no request');
  await hostile.screenshot({ path: `${OUT}/hostile.png`, fullPage: true });
  step('markup and script in a draft and a source show as text, and none of it runs');
  ok = true;
} catch (e) {
  console.log(`FAIL: ${e.stack || e}`);
} finally {
  clearTimeout(watchdog);
  await ctx.close().catch(() => {});
}
process.exit(ok ? 0 : 1);
