// Turns the server's `factcheck/status` notification into the status bar item's text,
// tooltip and colour. Pure, so every state is unit-tested.

export interface StatusParams {
  state: 'indexing' | 'ready' | 'error' | string;
  documents?: number;
  bytes?: number;
  message?: string;
}

export interface StatusView {
  text: string;
  tooltip: string;
  /** 'error' paints the item with the error background. */
  tone: 'normal' | 'error';
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = unit === 0 || value >= 100 ? Math.round(value).toString() : value.toFixed(1);
  return `${shown} ${units[unit]}`;
}

function documentCount(n: number): string {
  return n === 1 ? '1 document' : `${n} documents`;
}

function validCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0;
}

export function statusView(params: StatusParams): StatusView {
  const size =
    validCount(params.documents) && validCount(params.bytes)
      ? `${documentCount(params.documents)}, ${formatBytes(params.bytes)}`
      : undefined;
  const detail = params.message ? `\n${params.message}` : '';
  switch (params.state) {
    case 'indexing':
      return {
        text: '$(sync~spin) factcheck: indexing',
        tooltip: `factcheck is indexing the sources${size ? ` (${size} so far)` : ''}.${detail}`,
        tone: 'normal',
      };
    case 'ready':
      return {
        text: `$(check) factcheck: ${size ?? 'ready'}`,
        tooltip: `factcheck is ready${size ? `: ${size} of sources` : ''}. Click to reload the sources.${detail}`,
        tone: 'normal',
      };
    case 'error':
      return {
        text: '$(error) factcheck: error',
        tooltip: `factcheck could not load the sources.${detail}`,
        tone: 'error',
      };
    default:
      return {
        text: `$(question) factcheck: ${params.state}`,
        tooltip: `factcheck reported an unknown state "${params.state}".${detail}`,
        tone: 'normal',
      };
  }
}

/** Shown before the server's first status, and when it is not running. */
export const STARTING: StatusView = {
  text: '$(loading~spin) factcheck: starting',
  tooltip: 'Starting the factcheck language server.',
  tone: 'normal',
};

export const STOPPED: StatusView = {
  text: '$(circle-slash) factcheck: stopped',
  tooltip: 'The factcheck language server is not running. Click to restart it.',
  tone: 'error',
};
