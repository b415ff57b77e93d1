// The "show sources" answer becomes quick-pick items and an output block; malformed entries
// are skipped.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';

import { parseSources, sourceItems, sourcesText } from '../src/sources';

const answer = {
  sources: [
    { source: 'seeds/mayor.txt', uri: 'file:///w/seeds/mayor.txt', line: 2, quote: 'We will not raise taxes.' },
    { source: 'seeds/council.txt', uri: 'file:///w/seeds/council.txt', line: 0, quote: 'The vote was seven to two.' },
    { nope: true },
    'junk',
  ],
};

test('well-formed sources become items that open at the 0-based line', () => {
  const items = sourceItems(parseSources(answer));
  assert.deepEqual(items, [
    {
      label: '$(book) seeds/mayor.txt',
      description: 'line 2',
      detail: 'We will not raise taxes.',
      uri: 'file:///w/seeds/mayor.txt',
      line: 1,
    },
    {
      label: '$(book) seeds/council.txt',
      description: '',
      detail: 'The vote was seven to two.',
      uri: 'file:///w/seeds/council.txt',
      line: 0,
    },
  ]);
});

test('no answer, null or a wrong shape gives no sources', () => {
  assert.deepEqual(parseSources(undefined), []);
  assert.deepEqual(parseSources(null), []);
  assert.deepEqual(parseSources({ sources: 'x' }), []);
  assert.deepEqual(parseSources({ sources: [] }), []);
});

test('the output block lists source, line and quote', () => {
  assert.equal(
    sourcesText('draft.md:3', parseSources(answer)),
    'Sources for the sentence at draft.md:3:\n' +
      '- seeds/mayor.txt:2\n    We will not raise taxes.\n' +
      '- seeds/council.txt\n    The vote was seven to two.',
  );
  assert.equal(sourcesText('draft.md:9', []), 'No source supports the sentence at draft.md:9.');
});
