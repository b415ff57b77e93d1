//! Quotations: words inside quotation marks must stand in a source as written (after
//! normalisation), `...` and `[bracketed]` insertions honoured. Close but different is a
//! misquote with the source's exact words as the fix; nothing close is an unsourced quote.
//! A verbatim quote given to another speaker than the source names is a contradiction.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::check::align::{align, Compare};
use crate::check::clause::word;
use crate::check::evidence::evidence;
use crate::check::finding::{Citation, Code, Finding, Fix, Quoted, Severity};
use crate::check::sentence::Sentence;
use crate::index::{pair_keys, SentenceId};
use crate::text::lexicon;
use crate::text::quotes::Quotation;
use crate::text::span::ceil_boundary;
use crate::text::{tokenize, Span, Token};

/// Quotations of fewer words are terms or scare quotes, not quoted speech: not checked.
pub const MIN_QUOTED_WORDS: usize = 4;
/// Share of the quoted words a source passage must hold, in order, to count as the passage
/// the writer meant.
const MISQUOTE_SIMILARITY: f64 = 0.6;

/// What the quotation checks found.
#[derive(Default)]
pub struct QuotationResults {
    pub findings: Vec<Finding>,
    pub citations: Vec<Citation>,
}

pub fn check_quotations(s: &Sentence) -> QuotationResults {
    let mut results = QuotationResults::default();
    for q in &s.quotations {
        check_one(s, q, &mut results);
    }
    results
}

/// A passage of one or two adjacent source sentences, tokenised.
struct Passage {
    first: SentenceId,
    text: String,
    tokens: Arc<[Token]>,
}

fn check_one(s: &Sentence, q: &Quotation, results: &mut QuotationResults) {
    let fragments = fragments(s.text, q.inner);
    let quoted: Vec<Token> = fragments
        .iter()
        .flat_map(|f| f.tokens.iter().copied())
        .collect();
    if quoted.len() < MIN_QUOTED_WORDS {
        return;
    }
    let passages = passages(s, &quoted);
    // Verbatim: every fragment in order in one passage.
    for p in &passages {
        if let Some(positions) = find_fragments(&fragments, &p.tokens) {
            let matched: Vec<usize> = positions.iter().flat_map(|(a, len)| *a..*a + len).collect();
            let ev = passage_evidence(s, p, &matched);
            results.citations.push(Citation {
                span: q.inner,
                sources: vec![ev.clone()],
            });
            if let Some(f) = wrong_speaker(s, q, p, &matched, ev) {
                results.findings.push(f);
            }
            // Other passages with the same words are cited too, once each.
            for other in passages.iter().filter(|o| o.first != p.first) {
                if let Some(pos) = find_fragments(&fragments, &other.tokens) {
                    let m: Vec<usize> = pos.iter().flat_map(|(a, len)| *a..*a + len).collect();
                    if let Some(c) = results.citations.last_mut() {
                        c.sources.push(passage_evidence(s, other, &m));
                    }
                }
            }
            return;
        }
    }
    // Not verbatim: the closest passage decides between misquote and unsourced.
    let best = passages
        .iter()
        .map(|p| (p, align(&quoted, &p.tokens, Compare::Norm)))
        .max_by_key(|(_, a)| a.pairs.len());
    let similarity = best
        .as_ref()
        .map_or(0.0, |(_, a)| a.pairs.len() as f64 / quoted.len() as f64);
    let content_matched = best.as_ref().map_or(0, |(_, a)| {
        a.pairs
            .iter()
            .filter(|(i, _)| quoted[*i].is_content())
            .count()
    });
    match best {
        Some((p, a)) if similarity >= MISQUOTE_SIMILARITY && content_matched >= 3 => {
            let (first, last) = source_extent(&a.pairs, quoted.len(), p.tokens.len());
            let exact = p.tokens[first]
                .span
                .join(p.tokens[last].span)
                .slice(&p.text)
                .to_string();
            let matched: Vec<usize> = a.pairs.iter().map(|x| x.1).collect();
            let ev = passage_evidence(s, p, &matched);
            let diff = word_diff(s.text, &quoted, &p.text, &p.tokens, &a.pairs, first, last);
            results.findings.push(Finding {
                code: Code::Misquote,
                severity: Severity::Warning,
                message: format!("Misquote: not the source's exact words ({diff})"),
                span: q.inner,
                evidence: vec![ev],
                // From the first quoted word to the last: the writer's punctuation inside the
                // quotation marks ("...our country," Peskov said) stays.
                fixes: vec![Fix {
                    title: "Replace with the source's exact words".into(),
                    replacement: exact,
                    span: quoted[0].span.join(quoted[quoted.len() - 1].span),
                }],
            });
        }
        _ => results.findings.push(Finding {
            code: Code::UnsourcedQuote,
            severity: Severity::Warning,
            message: "Unsourced quote: no source has these words or any close to them".into(),
            span: q.inner,
            evidence: Vec::new(),
            fixes: Vec::new(),
        }),
    }
}

/// A run of quoted words between ellipses and bracketed insertions.
struct Fragment {
    tokens: Vec<Token>,
}

/// Splits the quotation at `...`, `…` and `[...]`: each piece must be verbatim, the gaps not.
fn fragments(text: &str, inner: Span) -> Vec<Fragment> {
    let body = inner.slice(text);
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < body.len() {
        let rest = Span::within(body, i, body.len()).slice(body);
        let (skip, is_cut) = if rest.starts_with("...") {
            (3, true)
        } else if rest.starts_with('…') {
            ('…'.len_utf8(), true)
        } else if rest.starts_with('[') {
            (rest.find(']').map_or(1, |e| e + 1), true)
        } else {
            (1, false)
        };
        let next = ceil_boundary(body, i + skip);
        if is_cut {
            pieces.push(Span::within(body, start, i));
            start = next;
        }
        i = next;
    }
    pieces.push(Span::new(start, body.len()));
    pieces
        .into_iter()
        .map(|p| {
            let tokens = tokenize(p.slice(body)).into_iter().map(|mut t| {
                t.span = t.span.shift(inner.start + p.start);
                t
            });
            Fragment {
                tokens: tokens.collect(),
            }
        })
        .filter(|f| !f.tokens.is_empty())
        .collect()
}

/// Source passages that may hold the quotation: candidates sharing word pairs with it, each
/// with the sentence after it (a quotation can run across a sentence end).
fn passages(s: &Sentence, quoted: &[Token]) -> Vec<Passage> {
    // Counted in a map: a long quotation of common pairs can touch thousands of sentences.
    let mut shared: FxHashMap<SentenceId, usize> = FxHashMap::default();
    for (key, _) in pair_keys(quoted) {
        for &id in s.index.lookup(key) {
            *shared.entry(id).or_default() += 1;
        }
    }
    let mut ids: Vec<(SentenceId, usize)> = shared.into_iter().collect();
    ids.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ids.truncate(8);
    ids.into_iter()
        .map(|(id, _)| {
            let first = s.index.sentence(id);
            let doc = s.index.document(first.doc);
            let mut span = first.span;
            if let Some(next) = s.index.neighbour(id, 1) {
                span = span.join(s.index.sentence(next).span);
            }
            let text = span.slice(&doc.prose.text).to_string();
            Passage {
                first: id,
                tokens: s.index.tokens(first.doc, span),
                text,
            }
        })
        .collect()
}

/// Where each fragment stands in `tokens`, in order, by folded form.
fn find_fragments(fragments: &[Fragment], tokens: &[Token]) -> Option<Vec<(usize, usize)>> {
    let mut from = 0;
    let mut found = Vec::new();
    for f in fragments {
        let n = f.tokens.len();
        let at = (from..=tokens.len().checked_sub(n)?).find(|&k| {
            tokens[k..k + n]
                .iter()
                .zip(&f.tokens)
                .all(|(a, b)| a.norm == b.norm)
        })?;
        found.push((at, n));
        from = at + n;
    }
    Some(found)
}

/// The source words the writer meant: from the first to the last aligned word, widened by the
/// quoted words unaligned at either end.
fn source_extent(pairs: &[(usize, usize)], quoted_len: usize, source_len: usize) -> (usize, usize) {
    let (qf, sf) = pairs[0];
    let (ql, sl) = pairs[pairs.len() - 1];
    let first = sf.saturating_sub(qf);
    let last = (sl + (quoted_len - 1 - ql)).min(source_len - 1);
    (first, last)
}

/// "“concrete” for “specific”; “technical” left out": the word-level difference.
fn word_diff(
    draft: &str,
    quoted: &[Token],
    source: &str,
    source_tokens: &[Token],
    pairs: &[(usize, usize)],
    first: usize,
    last: usize,
) -> String {
    let mut parts = Vec::new();
    let mut prev = (None::<usize>, first.checked_sub(1));
    let ends = pairs.iter().copied().map(Some).chain([None]);
    for next in ends {
        let d_lo = prev.0.map_or(0, |i| i + 1);
        let s_lo = prev.1.map_or(first, |j| j + 1);
        let (d_hi, s_hi) = next.map_or((quoted.len(), last + 1), |(i, j)| (i, j));
        let ours = join_words(draft, &quoted[d_lo.min(d_hi)..d_hi]);
        let theirs = join_words(source, &source_tokens[s_lo.min(s_hi)..s_hi.max(s_lo)]);
        match (ours.is_empty(), theirs.is_empty()) {
            (false, false) => parts.push(format!(
                "{} where the source has {}",
                Quoted(&ours),
                Quoted(&theirs)
            )),
            (false, true) => parts.push(format!("{} is not in the source", Quoted(&ours))),
            (true, false) => parts.push(format!("the source also has {}", Quoted(&theirs))),
            (true, true) => {}
        }
        if let Some((i, j)) = next {
            prev = (Some(i), Some(j));
        }
    }
    if parts.is_empty() {
        "the words differ".into()
    } else {
        parts.join("; ")
    }
}

fn join_words(text: &str, tokens: &[Token]) -> String {
    match (tokens.first(), tokens.last()) {
        (Some(a), Some(b)) => a.span.join(b.span).slice(text).to_string(),
        _ => String::new(),
    }
}

fn passage_evidence(
    s: &Sentence,
    p: &Passage,
    matched: &[usize],
) -> crate::check::finding::Evidence {
    // Evidence is built on the first sentence of the passage when the match lies there, else
    // on the passage's own text span.
    let first_len = s.index.sentence(p.first).span.len();
    let in_first: Vec<usize> = matched
        .iter()
        .copied()
        .filter(|&k| p.tokens[k].span.end <= first_len)
        .collect();
    if in_first.len() == matched.len() {
        let tokens = &p.tokens[..p
            .tokens
            .iter()
            .position(|t| t.span.end > first_len)
            .unwrap_or(p.tokens.len())];
        return evidence(
            s.index,
            p.first,
            tokens,
            &[matched[0], *matched.last().unwrap_or(&0)],
            matched,
        );
    }
    let next = s.index.neighbour(p.first, 1).unwrap_or(p.first);
    let offset = s.index.sentence(next).span.start - s.index.sentence(p.first).span.start;
    let tokens: Vec<Token> = p
        .tokens
        .iter()
        .filter(|t| t.span.start >= offset)
        .map(|t| {
            let mut t = *t;
            t.span = Span::new(t.span.start - offset, t.span.end - offset);
            t
        })
        .collect();
    let skipped = p.tokens.len() - tokens.len();
    let m: Vec<usize> = matched
        .iter()
        .filter(|&&k| k >= skipped)
        .map(|k| k - skipped)
        .collect();
    let focus = [*m.first().unwrap_or(&0), *m.last().unwrap_or(&0)];
    evidence(s.index, next, &tokens, &focus, &m)
}

/// The names of the speaker an attribution verb gives words to, outside quotation marks: "X
/// said", "said X" right after a quotation, "according to X".
fn speaker(text: &str, tokens: &[Token], quoted: &[Span]) -> Option<(Vec<u64>, Span)> {
    let outside = |t: &Token| !quoted.iter().any(|q| q.covers(t.span));
    for (v, t) in tokens.iter().enumerate() {
        if !outside(t) || !lexicon::is_attribution_verb(&word(text, t)) {
            continue;
        }
        // Names before the verb, within six words and the same clause.
        let mut names = Vec::new();
        let mut span: Option<Span> = None;
        let mut k = v;
        while k > 0 && v - k < 6 {
            k -= 1;
            let w = &tokens[k];
            if !outside(w) || crate::check::clause::breaks_before(text, tokens, k + 1) && k + 1 != v
            {
                break;
            }
            if w.capitalized && w.is_content() && w.class == crate::text::tokens::Class::Content {
                names.push(w.norm);
                span = Some(span.map_or(w.span, |s| s.join(w.span)));
            }
        }
        // "…,” said X": names right after the verb.
        if names.is_empty()
            && v > 0
            && quoted.iter().any(|q| {
                q.end <= t.span.start
                    && Span::between(text, *q, t.span)
                        .slice(text)
                        .trim_matches(|c: char| !c.is_alphanumeric())
                        .is_empty()
            })
        {
            for w in tokens[v + 1..].iter().take(4) {
                if w.capitalized && w.class == crate::text::tokens::Class::Content {
                    names.push(w.norm);
                    span = Some(span.map_or(w.span, |s| s.join(w.span)));
                } else if !names.is_empty() {
                    break;
                }
            }
        }
        if let Some(span) = span {
            return Some((names, span));
        }
    }
    None
}

/// A verbatim quotation whose speaker in the draft shares no name with its speaker in the
/// source.
fn wrong_speaker(
    s: &Sentence,
    q: &Quotation,
    p: &Passage,
    matched: &[usize],
    ev: crate::check::finding::Evidence,
) -> Option<Finding> {
    let (ours, our_span) = speaker(s.text, &s.tokens, &[q.outer])?;
    let source_quotes: Vec<Span> = crate::text::quotes::find_quotations(&p.text)
        .iter()
        .map(|q| q.outer)
        .collect();
    let first = p.tokens[matched[0]].span.start;
    let mut quoted = source_quotes.clone();
    if !quoted.iter().any(|q| q.start <= first && first < q.end) {
        // The source quotes without marks (a statement reported verbatim): treat the matched
        // words as the quotation.
        quoted.push(
            p.tokens[matched[0]]
                .span
                .join(p.tokens[*matched.last()?].span),
        );
    }
    let (theirs, their_span) = speaker(&p.text, &p.tokens, &quoted)?;
    if ours.iter().any(|n| theirs.contains(n)) {
        return None;
    }
    let who = their_span.slice(&p.text).to_string();
    Some(Finding {
        code: Code::Contradiction,
        severity: Severity::Warning,
        message: format!(
            "Contradiction: the sources give these words to {}, not {}",
            Quoted(&who),
            Quoted(our_span.slice(s.text))
        ),
        span: our_span,
        evidence: vec![ev],
        fixes: vec![Fix {
            title: format!("Replace with {}", Quoted(&who)),
            replacement: who,
            span: our_span,
        }],
    })
}
