// Maps the VS Code settings onto the server's settings object (the LSP contract in the
// project guide). Only what the user set is sent: an unset value leaves factcheck.toml's
// (the server's defaults otherwise) in force, since the editor's settings win over the file.

export const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'] as const;
export type SeverityLevel = (typeof SEVERITIES)[number];
export const FINDING_CODES = [
  'contradiction',
  'misquote',
  'unsourced-quote',
  'unsupported',
  'unsourced-figure',
  'contested',
] as const;
export const CITATION_STYLES = ['footnote', 'bracket'] as const;
export const DEFAULT_LANGUAGES = ['markdown', 'plaintext'];

/**
 * Reads one setting under `factcheck.`, returning undefined when the user did not set it at
 * any level (user, workspace, folder).
 */
export type SettingReader = (key: string) => unknown;

export interface ServerSettings {
  corpus?: { paths: string[] };
  languages?: string[];
  severity?: Partial<Record<(typeof FINDING_CODES)[number], SeverityLevel>>;
  citationStyle?: (typeof CITATION_STYLES)[number];
}

export interface MappedSettings {
  settings: { factcheck: ServerSettings };
  /** Values that were set but are not valid, one sentence each, for a warning. */
  problems: string[];
}

function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) {
    return undefined;
  }
  const items = value.filter((v): v is string => typeof v === 'string').map((v) => v.trim());
  return items.filter((v) => v.length > 0);
}

export function mapSettings(read: SettingReader): MappedSettings {
  const out: ServerSettings = {};
  const problems: string[] = [];

  const paths = read('corpus.paths');
  if (paths !== undefined) {
    const list = stringList(paths);
    if (list === undefined) {
      problems.push('factcheck.corpus.paths must be a list of folder or file paths.');
    } else if (list.length > 0) {
      out.corpus = { paths: list };
    }
  }

  const languages = read('languages');
  if (languages !== undefined) {
    const list = stringList(languages);
    if (list === undefined || list.length === 0) {
      problems.push('factcheck.languages must be a non-empty list of language ids.');
    } else {
      out.languages = list;
    }
  }

  for (const code of FINDING_CODES) {
    const value = read(`severity.${code}`);
    if (value === undefined) {
      continue;
    }
    if (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value)) {
      out.severity = { ...out.severity, [code]: value as SeverityLevel };
    } else {
      problems.push(
        `factcheck.severity.${code} is "${String(value)}"; use one of ${SEVERITIES.join(', ')}.`,
      );
    }
  }

  const style = read('citationStyle');
  if (style !== undefined) {
    if (typeof style === 'string' && (CITATION_STYLES as readonly string[]).includes(style)) {
      out.citationStyle = style as (typeof CITATION_STYLES)[number];
    } else {
      problems.push(
        `factcheck.citationStyle is "${String(style)}"; use one of ${CITATION_STYLES.join(', ')}.`,
      );
    }
  }

  return { settings: { factcheck: out }, problems };
}

/** The languages whose documents the client sends to the server. */
export function documentLanguages(read: SettingReader): string[] {
  const list = stringList(read('languages'));
  return list && list.length > 0 ? list : DEFAULT_LANGUAGES;
}

/** True when the languages to send cover every language in `wanted`. */
export function coversLanguages(current: string[], wanted: string[]): boolean {
  return wanted.every((l) => current.includes(l));
}
