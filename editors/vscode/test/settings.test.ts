// Settings mapping: what the user set reaches the server in the contract's shape; what they
// did not set is left out so factcheck.toml applies; invalid values are reported, not sent.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { FINDING_CODES, coversLanguages, documentLanguages, mapSettings } from '../src/settings';

const reader = (values: Record<string, unknown>) => (key: string) => values[key];

test('nothing set sends an empty factcheck object', () => {
  assert.deepEqual(mapSettings(reader({})), { settings: { factcheck: {} }, problems: [] });
});

test('every setting maps onto the server contract', () => {
  const mapped = mapSettings(
    reader({
      'corpus.paths': ['sources', ' /data/archive '],
      languages: ['markdown', 'plaintext', 'latex'],
      'severity.contradiction': 'error',
      'severity.misquote': 'warning',
      'severity.unsourced-quote': 'off',
      citationStyle: 'bracket',
    }),
  );
  assert.deepEqual(mapped, {
    settings: {
      factcheck: {
        corpus: { paths: ['sources', '/data/archive'] },
        languages: ['markdown', 'plaintext', 'latex'],
        severity: { contradiction: 'error', misquote: 'warning', 'unsourced-quote': 'off' },
        citationStyle: 'bracket',
      },
    },
    problems: [],
  });
});

test('an empty corpus list leaves the corpus to factcheck.toml', () => {
  assert.deepEqual(mapSettings(reader({ 'corpus.paths': [] })).settings, { factcheck: {} });
  assert.deepEqual(mapSettings(reader({ 'corpus.paths': ['', '  '] })).settings, { factcheck: {} });
});

test('invalid values are reported and not sent', () => {
  const mapped = mapSettings(
    reader({
      'corpus.paths': 'sources',
      languages: [],
      'severity.misquote': 'loud',
      citationStyle: 'chicago',
    }),
  );
  assert.deepEqual(mapped.settings, { factcheck: {} });
  assert.deepEqual(mapped.problems, [
    'factcheck.corpus.paths must be a list of folder or file paths.',
    'factcheck.languages must be a non-empty list of language ids.',
    'factcheck.severity.misquote is "loud"; use one of error, warning, information, hint, off.',
    'factcheck.citationStyle is "chicago"; use one of footnote, bracket.',
  ]);
});

test('documents sent to the server follow factcheck.languages, default markdown and plaintext', () => {
  assert.deepEqual(documentLanguages(reader({})), ['markdown', 'plaintext']);
  assert.deepEqual(documentLanguages(reader({ languages: ['latex'] })), ['latex']);
  assert.deepEqual(documentLanguages(reader({ languages: [] })), ['markdown', 'plaintext']);
  assert.equal(coversLanguages(['markdown', 'plaintext'], ['markdown']), true);
  assert.equal(coversLanguages(['markdown', 'plaintext'], ['markdown', 'latex']), false);
});

test('every finding code of the server has a severity setting', () => {
  // The server's codes, from the JSON Schema it generates for factcheck.toml.
  const schema = JSON.parse(
    readFileSync(join(__dirname, '..', '..', '..', 'factcheck.schema.json'), 'utf8'),
  );
  const serverCodes = Object.keys(schema.properties.severity.properties).sort();
  assert.deepEqual([...FINDING_CODES].sort(), serverCodes);
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
  const settings = Object.keys(manifest.contributes.configuration.properties)
    .filter((key) => key.startsWith('factcheck.severity.'))
    .map((key) => key.slice('factcheck.severity.'.length))
    .sort();
  assert.deepEqual(settings, serverCodes);
  const mapped = mapSettings(reader({ 'severity.unsupported': 'off', 'severity.contested': 'hint' }));
  assert.deepEqual(mapped.settings, {
    factcheck: { severity: { unsupported: 'off', contested: 'hint' } },
  });
});
