//! Quotations: words inside quotation marks must stand in a source as written (after
//! normalisation), `...` and `[bracketed]` insertions honoured. Close but different is a
//! misquote with the source's exact words as the fix; nothing close is an unsourced quote.
//! A verbatim quote given to another speaker than the source names is a contradiction
//! ([`speaker`] reads who said a quotation).
//!
//! A quotation of two or three words may be a term or scare quotes ("a 'well funded' bid")
//! rather than quoted speech: it is checked only when a source that restates the sentence
//! quotes one of its content words, and then only against that source's quotation.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::check::align::{align, Compare};
use crate::check::evidence::evidence;
use crate::check::finding::{Citation, Code, Finding, Fix, Quoted, Severity};
use crate::check::sentence::Sentence;
use crate::check::speaker::{self, Agreement, Attribution, Speaker};
use crate::index::{pair_keys, Index, SentenceId};
use crate::text::quotes::{find_quotations, Quotation};
use crate::text::span::ceil_boundary;
use crate::text::{tokenize, Span, Token};

/// Quotations of fewer words may be terms or scare quotes: checked only against a source's
/// own quotation of one of their content words.
pub const MIN_QUOTED_WORDS: usize = 4;
/// Shorter quotations are single words: terms, never checked.
const MIN_SHORT_WORDS: usize = 2;
/// How many more words than a short quotation a source's quotation may have and still be the
/// phrase the writer meant.
const SHORT_SLACK: usize = 3;
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
#[derive(Clone)]
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
    let short = quoted.len() < MIN_QUOTED_WORDS;
    if quoted.len() < MIN_SHORT_WORDS || !quoted.iter().any(Token::is_content) {
        return;
    }
    let mut passages = passages(s, &quoted);
    // A short quotation is speech only when a source quotes one of its content words.
    let spoken = if short {
        source_quotations(s, &quoted)
    } else {
        Vec::new()
    };
    if short && spoken.is_empty() {
        return;
    }
    for (p, _) in &spoken {
        if !passages.iter().any(|o| o.first == p.first) {
            passages.push(p.clone());
        }
    }
    // Verbatim: every fragment in order in one passage; every such passage is cited.
    let verbatim: Vec<(&Passage, Vec<usize>)> = passages
        .iter()
        .filter_map(|p| {
            let positions = find_fragments(&fragments, &p.tokens)?;
            Some((
                p,
                positions.iter().flat_map(|(a, len)| *a..*a + len).collect(),
            ))
        })
        .collect();
    if !verbatim.is_empty() {
        results.citations.push(Citation {
            span: q.inner,
            sources: verbatim
                .iter()
                .map(|(p, m)| passage_evidence(s, p, m))
                .collect(),
        });
        if let Some(f) = wrong_speaker(s, q, &verbatim) {
            results.findings.push(f);
        }
        return;
    }
    if short {
        // Not verbatim: the source's own short quotation closest to it is what the writer meant.
        let best = spoken
            .iter()
            .filter(|(_, r)| r.len() <= quoted.len() + SHORT_SLACK)
            .map(|(p, r)| {
                let a = align(&quoted, &p.tokens[r.clone()], Compare::Norm);
                let pairs: Vec<(usize, usize)> =
                    a.pairs.iter().map(|&(i, j)| (i, j + r.start)).collect();
                (p, r, pairs)
            })
            .max_by_key(|(_, _, pairs)| pairs.len());
        if let Some((p, r, pairs)) = best {
            let content = pairs
                .iter()
                .filter(|(i, _)| quoted[*i].is_content())
                .count();
            if content >= 1 && 2 * pairs.len() >= quoted.len() {
                results
                    .findings
                    .push(misquote(s, q, &quoted, p, &pairs, r.clone()));
            }
        }
        return;
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
            let whole = 0..p.tokens.len();
            results
                .findings
                .push(misquote(s, q, &quoted, p, &a.pairs, whole));
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

/// A misquote of passage `p`, whose tokens `within` the writer meant, aligned by `pairs`.
fn misquote(
    s: &Sentence,
    q: &Quotation,
    quoted: &[Token],
    p: &Passage,
    pairs: &[(usize, usize)],
    within: std::ops::Range<usize>,
) -> Finding {
    let (first, last) = source_extent(pairs, quoted.len(), p.tokens.len());
    let (first, last) = (first.max(within.start), last.min(within.end - 1));
    let exact = p.tokens[first]
        .span
        .join(p.tokens[last].span)
        .slice(&p.text)
        .to_string();
    let matched: Vec<usize> = pairs.iter().map(|x| x.1).collect();
    let ev = passage_evidence(s, p, &matched);
    let diff = word_diff(s.text, quoted, &p.text, &p.tokens, pairs, first, last);
    Finding {
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
    }
}

/// The source sentences restating the draft sentence that quote one of `quoted`'s content
/// words, each with the token range of that quotation.
fn source_quotations(s: &Sentence, quoted: &[Token]) -> Vec<(Passage, std::ops::Range<usize>)> {
    let content: Vec<u64> = quoted
        .iter()
        .filter(|t| t.is_content())
        .map(|t| t.norm)
        .collect();
    let mut found = Vec::new();
    for c in &s.candidates {
        for sq in find_quotations(&c.text) {
            let range = c.tokens.partition_point(|t| t.span.start < sq.inner.start)
                ..c.tokens.partition_point(|t| t.span.end <= sq.inner.end);
            if c.tokens[range.clone()]
                .iter()
                .any(|t| content.contains(&t.norm))
            {
                let p = Passage {
                    first: c.id,
                    text: c.text.clone(),
                    tokens: c.tokens.clone(),
                };
                found.push((p, range));
            }
        }
    }
    found
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

/// A verbatim quotation whose speaker in the draft is another than every source that
/// quotes it names: the first source's speaker, when none agrees.
fn wrong_speaker(
    s: &Sentence,
    q: &Quotation,
    verbatim: &[(&Passage, Vec<usize>)],
) -> Option<Finding> {
    let draft_quotes: Vec<Span> = s.quotations.iter().map(|q| q.outer).collect();
    let Attribution::Speaker(ours) =
        speaker::in_sentence(s.text, &s.tokens, &draft_quotes, q.outer)
    else {
        return None;
    };
    // A description without a name or an owner ("the report") is compatible with anyone.
    if !ours.is_named() && ours.owner.is_none() {
        return None;
    }
    let known = |name: &[String]| named_in_sources(s.index, name);
    let mut other = None;
    for (p, matched) in verbatim {
        let Some((theirs, who)) = source_speaker(s.index, p, matched) else {
            continue;
        };
        match speaker::compare(&ours, &theirs, known) {
            Agreement::Compatible => return None,
            Agreement::Different => {
                other.get_or_insert((who, passage_evidence(s, p, matched)));
            }
        }
    }
    let (who, ev) = other?;
    Some(Finding {
        code: Code::Contradiction,
        severity: Severity::Warning,
        message: format!(
            "Contradiction: the sources say {} said this, not {}",
            Quoted(&who),
            Quoted(ours.phrase.slice(s.text))
        ),
        span: ours.phrase,
        evidence: vec![ev],
        fixes: vec![Fix {
            title: format!("Replace with {}", Quoted(&who)),
            replacement: who,
            span: ours.phrase,
        }],
    })
}

/// Who the source passage `p` gives the words `matched` to, and that speaker's words: from
/// the sentence holding them, or, for a quotation opening its sentence with no speaker but a
/// pronoun, from the sentence before it, in its paragraph or at the end of the one before.
fn source_speaker(index: &Index, p: &Passage, matched: &[usize]) -> Option<(Speaker, String)> {
    let first = index.sentence(p.first);
    let start = p.tokens[*matched.first()?].span.start;
    let (id, offset) = match index.neighbour(p.first, 1) {
        Some(next) if start >= first.span.len() => {
            (next, index.sentence(next).span.start - first.span.start)
        }
        _ => (p.first, 0),
    };
    let sentence = index.sentence(id);
    let text = index.prose_of(sentence);
    let tokens = index.tokens(sentence.doc, sentence.span);
    let mut quoted: Vec<Span> = find_quotations(text).iter().map(|q| q.outer).collect();
    let at = start - offset;
    let end = p.tokens[*matched.last()?]
        .span
        .end
        .saturating_sub(offset)
        .min(text.len());
    let quote = match quoted.iter().find(|q| q.start <= at && at < q.end) {
        Some(&q) => q,
        None => {
            // The source quotes without marks (a statement reported verbatim): the matched
            // words are the quotation.
            let q = Span::within(text, at, end);
            quoted.push(q);
            q
        }
    };
    match speaker::in_sentence(text, &tokens, &quoted, quote) {
        Attribution::Speaker(found) => {
            let who = found.phrase.slice(text).to_string();
            Some((found, who))
        }
        _ if speaker::opens_sentence(&tokens, quote) => {
            let before = index.neighbour(id, -1)?;
            let previous = index.sentence(before);
            let prose = &index.document(sentence.doc).prose.text;
            let gap = &prose[previous.span.end..sentence.span.start];
            // News prose runs a speaker on across its short paragraphs ("David Cummings ...
            // said he believed ... ¶ "…," he told the BBC."); more than one blank line ends a
            // section, and with it the speaker.
            if gap.matches('\n').count() > 2 {
                return None;
            }
            let text = index.prose_of(previous);
            let tokens = index.tokens(previous.doc, previous.span);
            let quoted: Vec<Span> = find_quotations(text).iter().map(|q| q.outer).collect();
            let found = speaker::of_previous(text, &tokens, &quoted)?;
            let who = found.phrase.slice(text).to_string();
            Some((found, who))
        }
        _ => None,
    }
}

/// Whether a name of two words or more stands in some source: the sources know that person
/// by name.
fn named_in_sources(index: &Index, name: &[String]) -> bool {
    let wanted = tokenize(&name.join(" "));
    let Some((key, _)) = pair_keys(&wanted).next() else {
        return false;
    };
    index.lookup(key).iter().take(256).any(|&id| {
        let sentence = index.sentence(id);
        let tokens = index.tokens(sentence.doc, sentence.span);
        tokens
            .windows(wanted.len())
            .any(|w| w.iter().zip(&wanted).all(|(a, b)| a.norm == b.norm))
    })
}
