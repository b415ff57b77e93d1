// Server discovery: the setting wins, then the shipped binary, then PATH; a missing server
// gives a message that says what was tried.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';

import { DiscoveryInput, expandConfiguredPath, findServer } from '../src/serverPath';

function input(executables: string[], over: Partial<DiscoveryInput> = {}): DiscoveryInput {
  return {
    configured: '',
    workspaceFolder: '/home/ann/story',
    extensionPath: '/ext/factcheck',
    envPath: '/usr/local/bin:/usr/bin',
    platform: 'linux',
    homeDir: '/home/ann',
    isExecutable: (f) => executables.includes(f),
    ...over,
  };
}

test('the configured absolute path wins over the shipped binary and PATH', () => {
  const found = findServer(
    input(['/opt/fc/factcheck', '/ext/factcheck/bin/factcheck', '/usr/bin/factcheck'], {
      configured: '/opt/fc/factcheck',
    }),
  );
  assert.deepEqual(found, { kind: 'found', command: '/opt/fc/factcheck', source: 'setting' });
});

test('a configured path that is not executable is an error naming it, not a fallback', () => {
  const found = findServer(
    input(['/ext/factcheck/bin/factcheck'], { configured: '/opt/fc/factcheck' }),
  );
  assert.equal(found.kind, 'missing');
  assert.match(
    (found as { message: string }).message,
    /factcheck\.server\.path is set to "\/opt\/fc\/factcheck", but \/opt\/fc\/factcheck is not an executable file/,
  );
});

test('a configured bare name is looked up on PATH', () => {
  const found = findServer(input(['/usr/bin/factcheck-nightly'], { configured: 'factcheck-nightly' }));
  assert.deepEqual(found, { kind: 'found', command: '/usr/bin/factcheck-nightly', source: 'setting' });
  const missing = findServer(input([], { configured: 'factcheck-nightly' }));
  assert.equal(missing.kind, 'missing');
  assert.match((missing as { message: string }).message, /not on PATH/);
});

test('workspace-relative, ${workspaceFolder} and ~ settings are expanded', () => {
  assert.equal(expandConfiguredPath('target/release/factcheck', '/w', '/h'), '/w/target/release/factcheck');
  assert.equal(expandConfiguredPath('${workspaceFolder}/bin/fc', '/w', '/h'), '/w/bin/fc');
  assert.equal(expandConfiguredPath('~/bin/factcheck', '/w', '/h'), '/h/bin/factcheck');
  assert.equal(expandConfiguredPath('  factcheck ', '/w', '/h'), 'factcheck');
  const found = findServer(input(['/home/ann/story/target/release/factcheck'], { configured: 'target/release/factcheck' }));
  assert.deepEqual(found, { kind: 'found', command: '/home/ann/story/target/release/factcheck', source: 'setting' });
});

test('without a setting the binary shipped in the extension comes before PATH', () => {
  const found = findServer(input(['/ext/factcheck/bin/factcheck', '/usr/bin/factcheck']));
  assert.deepEqual(found, { kind: 'found', command: '/ext/factcheck/bin/factcheck', source: 'bundled' });
});

test('PATH is searched in order, skipping empty entries', () => {
  const found = findServer(
    input(['/usr/bin/factcheck', '/usr/local/bin/factcheck'], { envPath: '::/usr/local/bin:/usr/bin' }),
  );
  assert.deepEqual(found, { kind: 'found', command: '/usr/local/bin/factcheck', source: 'path' });
});

test('on Windows the binary is factcheck.exe and PATH is split on semicolons', () => {
  const found = findServer(
    input(['C:\\tools/factcheck.exe'], { platform: 'win32', envPath: 'C:\\nothing;C:\\tools' }),
  );
  assert.equal(found.kind, 'found');
  assert.equal((found as { command: string }).command, 'C:\\tools/factcheck.exe');
});

test('nothing found: the message says what was tried', () => {
  const found = findServer(input([]));
  assert.deepEqual(found, {
    kind: 'missing',
    message:
      'The factcheck language server was not found: factcheck.server.path is not set, ' +
      'the extension ships no binary, and there is no "factcheck" on PATH.',
  });
});

test('the generic package, which ships no binary, finds the server in settings or else on PATH', () => {
  // /ext/factcheck/bin/factcheck is not there: only the platform packages carry it
  const onPath = findServer(input(['/usr/bin/factcheck']));
  assert.deepEqual(onPath, { kind: 'found', command: '/usr/bin/factcheck', source: 'path' });
  const configured = findServer(
    input(['/opt/fc/factcheck', '/usr/bin/factcheck'], { configured: '/opt/fc/factcheck' }),
  );
  assert.deepEqual(configured, { kind: 'found', command: '/opt/fc/factcheck', source: 'setting' });
});

test('a platform package finds its own binary with no setting and nothing on PATH', () => {
  const found = findServer(input(['/ext/factcheck/bin/factcheck'], { envPath: '/usr/bin:/bin' }));
  assert.deepEqual(found, { kind: 'found', command: '/ext/factcheck/bin/factcheck', source: 'bundled' });
  const windows = findServer(
    input(['/ext/factcheck/bin/factcheck.exe'], { platform: 'win32', envPath: 'C:\\Windows' }),
  );
  assert.equal((windows as { source: string }).source, 'bundled');
});
