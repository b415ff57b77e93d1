//! The verifier: a draft in, findings and citations out.
//!
//! A draft is read sentence by sentence; each sentence is checked on its own against the index
//! and its result cached by the sentence's text, so re-checking a document after one keystroke
//! re-verifies only the sentence that changed. Directives, ignore rules and severities are
//! applied after the cache, to the whole document.

pub mod agents;
pub mod align;
pub mod attribution;
pub mod citations;
pub mod claims;
pub mod clause;
pub mod contested;
pub mod dates;
pub mod descriptions;
pub mod evidence;
pub mod figures;
pub mod finding;
pub mod lexical;
pub mod mentions;
pub mod opposites;
pub mod participants;
pub mod quantity;
pub mod quotations;
pub mod sentence;
pub mod speaker;
pub mod substitutions;
pub mod suppress;
pub mod unsupported;

use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

pub use finding::{Citation, Code, Evidence, Finding, Fix, Limit, LimitKind, Report, Severity};
pub use suppress::IgnoreRule;

use crate::index::Index;
use crate::text::markdown::{self, Format};
use crate::text::quotes::Quotation;
use crate::text::{segments, Span};

/// The severity each code is reported at; `None` turns a code off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Severities {
    by_code: [Option<Severity>; Code::ALL.len()],
}

impl Default for Severities {
    fn default() -> Self {
        Severities {
            by_code: Code::ALL.map(|c| Some(c.default_severity())),
        }
    }
}

impl Severities {
    pub fn get(&self, code: Code) -> Option<Severity> {
        self.by_code[code as usize]
    }

    pub fn set(&mut self, code: Code, severity: Option<Severity>) {
        self.by_code[code as usize] = severity;
    }
}

/// How to check one draft.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    pub format: Format,
    pub severities: Severities,
    pub ignore: Vec<IgnoreRule>,
    /// The draft's path as shown to users, for path-scoped ignore rules.
    pub path: Option<String>,
}

/// The findings of one sentence, with spans relative to the sentence.
#[derive(Clone, Debug, Default)]
struct SentenceReport {
    findings: Vec<Finding>,
    citations: Vec<Citation>,
    /// More words than one alignment reads.
    many_words: bool,
}

/// Cached sentence results kept at most; past it the cache starts afresh.
const CACHE_LIMIT: usize = 50_000;

/// Checks drafts against one index, remembering each sentence's result. Cheap to share: the
/// language server keeps one per corpus version.
pub struct Checker {
    index: Arc<Index>,
    cache: Mutex<FxHashMap<String, Arc<SentenceReport>>>,
}

impl Checker {
    pub fn new(index: Arc<Index>) -> Checker {
        Checker {
            index,
            cache: Mutex::new(FxHashMap::default()),
        }
    }

    pub fn index(&self) -> &Arc<Index> {
        &self.index
    }

    /// Checks a whole draft. Findings and citations are sorted by span.
    pub fn check(&self, text: &str, options: &CheckOptions) -> Report {
        self.check_with_sentences(text, options).0
    }

    /// Checks a whole draft, and says where its sentences are (the spans of
    /// [`segments`] of its prose): the language server places citations after them, and
    /// finding them again would parse the draft twice per keystroke.
    pub fn check_with_sentences(&self, text: &str, options: &CheckOptions) -> (Report, Vec<Span>) {
        let prose = markdown::prose(text, options.format);
        let mut report = Report::default();
        let mut previous: Option<Span> = None;
        let segments = segments(&prose);
        let sentences = segments.iter().map(|s| s.span).collect();
        for segment in segments {
            let sentence = segment.span.slice(&prose.text);
            let result = self.sentence(sentence, &segment.quotations, segment.span.start);
            if segment.capped {
                add_limit(
                    &mut report.limits,
                    LimitKind::LongSentence,
                    segment.span,
                    previous,
                );
            }
            if result.many_words {
                add_limit(
                    &mut report.limits,
                    LimitKind::ManyWords,
                    segment.span,
                    previous,
                );
            }
            previous = Some(segment.span);
            report.findings.extend(
                result
                    .findings
                    .iter()
                    .cloned()
                    .map(|f| shift_finding(f, segment.span.start)),
            );
            report
                .citations
                .extend(result.citations.iter().cloned().map(|mut c| {
                    c.span = c.span.shift(segment.span.start);
                    c
                }));
        }
        suppress::apply(
            text,
            options.path.as_deref(),
            &options.ignore,
            &mut report.findings,
        );
        report
            .findings
            .retain_mut(|f| match options.severities.get(f.code) {
                Some(severity) => {
                    f.severity = severity;
                    true
                }
                None => false,
            });
        report.findings.sort_by_key(|f| (f.span, f.code));
        report.citations.sort_by_key(|c| c.span);
        (report, sentences)
    }

    fn sentence(&self, text: &str, quotations: &[Quotation], offset: usize) -> Arc<SentenceReport> {
        if let Some(hit) = self
            .cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(text)
        {
            return hit.clone();
        }
        let local: Vec<Quotation> = quotations
            .iter()
            .map(|q| Quotation {
                outer: Span::new(q.outer.start - offset, q.outer.end - offset),
                inner: Span::new(q.inner.start - offset, q.inner.end - offset),
            })
            .collect();
        let result = Arc::new(check_sentence(&self.index, text, local));
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if cache.len() >= CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(text.to_string(), result.clone());
        result
    }
}

/// Checks a draft without keeping a cache: the one call for a single run.
pub fn check(index: &Arc<Index>, text: &str, options: &CheckOptions) -> Report {
    Checker::new(index.clone()).check(text, options)
}

fn check_sentence(index: &Index, text: &str, quotations: Vec<Quotation>) -> SentenceReport {
    let s = sentence::Sentence::read(index, text, quotations);
    let quoted = quotations::check_quotations(&s);
    let mut findings = quoted.findings;
    findings.extend(claims::contradictions(&s));
    let flagged: Vec<Span> = findings.iter().map(|f| f.span).collect();
    findings.extend(substitutions::contradictions(&s, &flagged));
    // What the sources contradict is flagged as such, not also as contested or unsupported.
    let contradicted: Vec<Span> = findings
        .iter()
        .filter(|f| f.code == Code::Contradiction)
        .map(|f| f.span)
        .collect();
    findings.extend(contested::contested(&s, &contradicted));
    let contested_spans: Vec<Span> = findings
        .iter()
        .filter(|f| matches!(f.code, Code::Contradiction | Code::Contested))
        .map(|f| f.span)
        .collect();
    findings.extend(unsupported::unsupported(&s, &contested_spans));
    let mut cited = citations::citations(&s);
    for c in quoted.citations {
        for ev in c.sources {
            citations::add(&mut cited, c.span, ev);
        }
    }
    let findings = merge(findings);
    // A contested phrase is still what one source states: it keeps its citation.
    let flagged: Vec<Span> = findings
        .iter()
        .filter(|f| f.code != Code::Contested)
        .map(|f| f.span)
        .collect();
    SentenceReport {
        citations: citations::around_findings(&s, cited, &flagged),
        findings,
        many_words: s.tokens.len() > align::MAX_ALIGN_TOKENS,
    }
}

/// Records a limit on `span`, joined to the last limit of its kind when that one ended with
/// the segment right before (`previous`): a 5 MB run-on line is one limit, not a thousand.
fn add_limit(limits: &mut Vec<Limit>, kind: LimitKind, span: Span, previous: Option<Span>) {
    let last = limits.iter_mut().rev().take(2).find(|l| l.kind == kind);
    match last {
        Some(l) if previous.is_some_and(|p| p.end == l.span.end) => l.span = l.span.join(span),
        _ => limits.push(Limit { kind, span }),
    }
}

/// One finding per flagged place: overlapping findings of one code pool their evidence.
fn merge(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
    let mut out: Vec<Finding> = Vec::new();
    for f in findings {
        if let Some(prev) = out
            .iter_mut()
            .find(|p| p.code == f.code && p.span.overlaps(f.span))
        {
            for ev in f.evidence {
                if prev.evidence.len() < 3 && !prev.evidence.iter().any(|e| e.source == ev.source) {
                    prev.evidence.push(ev);
                }
            }
            for fix in f.fixes {
                if !prev.fixes.iter().any(|x| x.replacement == fix.replacement)
                    && fix.span == prev.span
                {
                    prev.fixes.push(fix);
                }
            }
            continue;
        }
        out.push(f);
    }
    out
}

fn shift_finding(mut f: Finding, offset: usize) -> Finding {
    f.span = f.span.shift(offset);
    for fix in &mut f.fixes {
        fix.span = fix.span.shift(offset);
    }
    f
}
