// Shapes the server's `factcheck.showSources` answer into quick-pick entries. Pure.

export interface SourceRef {
  source: string;
  uri?: string;
  /** 1-based line in the source, as in the JSON contract. */
  line?: number;
  quote?: string;
}

export interface SourceItem {
  label: string;
  description: string;
  detail: string;
  uri?: string;
  /** 0-based line to reveal. */
  line: number;
}

/** Reads `{ sources: [...] }` defensively: anything malformed is skipped, never thrown. */
export function parseSources(result: unknown): SourceRef[] {
  const list = (result as { sources?: unknown } | null | undefined)?.sources;
  if (!Array.isArray(list)) {
    return [];
  }
  return list.flatMap((s): SourceRef[] => {
    if (!s || typeof s !== 'object' || typeof (s as SourceRef).source !== 'string') {
      return [];
    }
    const r = s as SourceRef;
    return [
      {
        source: r.source,
        uri: typeof r.uri === 'string' ? r.uri : undefined,
        line: typeof r.line === 'number' && r.line >= 1 ? r.line : undefined,
        quote: typeof r.quote === 'string' ? r.quote : undefined,
      },
    ];
  });
}

export function sourceItems(refs: SourceRef[]): SourceItem[] {
  return refs.map((r) => ({
    label: `$(book) ${r.source}`,
    description: r.line !== undefined ? `line ${r.line}` : '',
    detail: r.quote ?? '',
    uri: r.uri,
    line: r.line !== undefined ? r.line - 1 : 0,
  }));
}

/** Plain-text rendering for the output channel (one block per source). */
export function sourcesText(where: string, refs: SourceRef[]): string {
  if (refs.length === 0) {
    return `No source supports the sentence at ${where}.`;
  }
  const blocks = refs.map(
    (r) => `- ${r.source}${r.line !== undefined ? `:${r.line}` : ''}\n    ${r.quote ?? ''}`,
  );
  return `Sources for the sentence at ${where}:\n${blocks.join('\n')}`;
}
