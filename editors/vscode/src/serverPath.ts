// Where the factcheck binary comes from, in order: the user's `factcheck.server.path`, a
// binary shipped inside the extension (bin/factcheck), then `factcheck` on PATH. Pure: the
// file-system probe is passed in, so the order and the error texts are unit-tested.

import * as path from 'path';

export type ServerSource = 'setting' | 'bundled' | 'path';

export interface FoundServer {
  kind: 'found';
  command: string;
  source: ServerSource;
}

export interface MissingServer {
  kind: 'missing';
  /** One sentence for the error notification: what was tried, and what is wrong. */
  message: string;
}

export interface DiscoveryInput {
  /** `factcheck.server.path` as the user wrote it ('' or undefined when unset). */
  configured?: string;
  /** First workspace folder, for relative and `${workspaceFolder}` settings. */
  workspaceFolder?: string;
  /** The extension's install folder. */
  extensionPath: string;
  /** The PATH environment variable. */
  envPath: string;
  platform: NodeJS.Platform;
  homeDir: string;
  /** True when `file` exists, is a regular file and may be executed. */
  isExecutable: (file: string) => boolean;
}

function binaryName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'factcheck.exe' : 'factcheck';
}

/** Expands `~` and `${workspaceFolder}`, and anchors a relative path at the workspace. */
export function expandConfiguredPath(
  configured: string,
  workspaceFolder: string | undefined,
  homeDir: string,
): string {
  let p = configured.trim();
  if (p.includes('${workspaceFolder}')) {
    p = p.split('${workspaceFolder}').join(workspaceFolder ?? '');
  }
  if (p === '~' || p.startsWith('~/')) {
    p = path.join(homeDir, p.slice(1));
  }
  if (!path.isAbsolute(p) && workspaceFolder && (p.includes('/') || p.includes('\\'))) {
    // "bin/factcheck" means the workspace's; a bare "factcheck" is left for the OS to find.
    p = path.join(workspaceFolder, p);
  }
  return p;
}

export function findServer(input: DiscoveryInput): FoundServer | MissingServer {
  const configured = input.configured?.trim();
  if (configured) {
    const p = expandConfiguredPath(configured, input.workspaceFolder, input.homeDir);
    if (path.isAbsolute(p)) {
      if (input.isExecutable(p)) {
        return { kind: 'found', command: p, source: 'setting' };
      }
      // A wrong explicit setting is an error, not a reason to run some other binary.
      return {
        kind: 'missing',
        message: `factcheck.server.path is set to "${configured}", but ${p} is not an executable file.`,
      };
    }
    const onPath = searchPath(p, input);
    if (onPath) {
      return { kind: 'found', command: onPath, source: 'setting' };
    }
    return {
      kind: 'missing',
      message: `factcheck.server.path is set to "${configured}", which is not on PATH.`,
    };
  }

  const bundled = path.join(input.extensionPath, 'bin', binaryName(input.platform));
  if (input.isExecutable(bundled)) {
    return { kind: 'found', command: bundled, source: 'bundled' };
  }

  const onPath = searchPath(binaryName(input.platform), input);
  if (onPath) {
    return { kind: 'found', command: onPath, source: 'path' };
  }
  return {
    kind: 'missing',
    message:
      'The factcheck language server was not found: factcheck.server.path is not set, ' +
      'the extension ships no binary, and there is no "factcheck" on PATH.',
  };
}

function searchPath(name: string, input: DiscoveryInput): string | undefined {
  const sep = input.platform === 'win32' ? ';' : ':';
  for (const dir of input.envPath.split(sep)) {
    if (!dir) {
      continue;
    }
    const candidate = path.join(dir, name);
    if (input.isExecutable(candidate)) {
      return candidate;
    }
  }
  return undefined;
}
