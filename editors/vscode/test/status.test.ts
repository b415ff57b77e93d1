// The status bar item for each factcheck/status the server sends.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';

import { formatBytes, statusView } from '../src/status';

test('indexing spins and says how far it got', () => {
  assert.deepEqual(statusView({ state: 'indexing', documents: 3, bytes: 2048 }), {
    text: '$(sync~spin) factcheck: indexing',
    tooltip: 'factcheck is indexing the sources (3 documents, 2.0 KB so far).',
    tone: 'normal',
  });
});

test('ready shows the corpus size', () => {
  assert.deepEqual(statusView({ state: 'ready', documents: 1, bytes: 5 * 1024 * 1024 + 300 * 1024 }), {
    text: '$(check) factcheck: 1 document, 5.3 MB',
    tooltip: 'factcheck is ready: 1 document, 5.3 MB of sources. Click to reload the sources.',
    tone: 'normal',
  });
  assert.equal(statusView({ state: 'ready', documents: 12, bytes: 999 }).text, '$(check) factcheck: 12 documents, 999 B');
});

test('ready without counts still says ready', () => {
  assert.equal(statusView({ state: 'ready' }).text, '$(check) factcheck: ready');
  assert.equal(statusView({ state: 'ready', documents: -1, bytes: 10 }).text, '$(check) factcheck: ready');
});

test('error is red and carries the server message', () => {
  assert.deepEqual(statusView({ state: 'error', documents: 0, bytes: 0, message: 'sources/: no such folder' }), {
    text: '$(error) factcheck: error',
    tooltip: 'factcheck could not load the sources.\nsources/: no such folder',
    tone: 'error',
  });
});

test('an unknown state is shown, not hidden', () => {
  assert.equal(statusView({ state: 'paused' }).text, '$(question) factcheck: paused');
});

test('sizes are rounded to one decimal below 100 units', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(1023), '1023 B');
  assert.equal(formatBytes(1024), '1.0 KB');
  assert.equal(formatBytes(150 * 1024 * 1024), '150 MB');
  assert.equal(formatBytes(3 * 1024 ** 3), '3.0 GB');
});
