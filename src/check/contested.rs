//! Contested points: the draft states, as fact, one side of a point on which the sources
//! disagree among themselves, so the writer can attribute rather than assert.
//!
//! Two candidate source sentences, from two documents, each make the draft's claim (each
//! shares at least [`MIN_SHARED`] content words with it besides the point at issue), and:
//! - a figure: one gives the draft's figure, the other a figure of the same thing, about the
//!   same participants and time, that disagrees with it (four days against five days);
//! - a negation: on a word of the draft's claim, one source says it as the draft does and the
//!   other says it negated ("found a link" against "found no link").
//!
//! A draft that attributes its claim ("the August assessment said …") is not contested: it
//! already says whose side it states. A figure the sources contradict outright is the
//! contradiction check's.

use crate::check::attribution;
use crate::check::clause::negator_of;
use crate::check::evidence::evidence;
use crate::check::figures::{self, Figure};
use crate::check::finding::{Code, Evidence, Finding, Quoted, Severity};
use crate::check::sentence::{Candidate, Sentence};
use crate::check::unsupported::discussing;
use crate::knowledge::numbers::Agreement;
use crate::knowledge::{lemmas, Pos};
use crate::text::{Span, Token};

/// Content words besides the point at issue that each source sentence must share with the
/// draft's.
pub const MIN_SHARED: usize = figures::MIN_SHARED;

/// Contested points of the sentence; `flagged` are spans other findings already took.
pub fn contested(s: &Sentence, flagged: &[Span]) -> Vec<Finding> {
    if s.candidates.len() < 2 {
        return Vec::new();
    }
    let quoted: Vec<Span> = s.quotations.iter().map(|q| q.outer).collect();
    if attribution::find(s.text, &s.tokens, &quoted).is_some() {
        return Vec::new();
    }
    let mut out = Vec::new();
    disputed_figures(s, &mut out);
    disputed_negations(s, &mut out);
    out.retain(|f| !flagged.iter().any(|x| x.overlaps(f.span)));
    out
}

/// One side of a dispute: a source sentence and the tokens of it at issue.
struct Side<'c> {
    candidate: &'c Candidate,
    at: Vec<usize>,
}

fn disputed_figures(s: &Sentence, out: &mut Vec<Finding>) {
    let drafts = figures::unquoted(s);
    if drafts.is_empty() {
        return;
    }
    let in_figure = |i: usize| drafts.iter().any(|f| f.tokens.contains(&i));
    let sources: Vec<(&Candidate, &[Figure])> = discussing(s, |i| !in_figure(i))
        .into_iter()
        .filter(|(_, shared)| *shared >= MIN_SHARED)
        .map(|(c, _)| (c, c.figures()))
        .collect();
    for &d in &drafts {
        let same = |f: &&Figure| f.of_same_thing(d);
        let agreeing = sources.iter().find_map(|(c, theirs)| {
            theirs
                .iter()
                .filter(same)
                .find(|f| figures::agreement(d, f) == Agreement::Agrees)
                .map(|f| (*c, f))
        });
        let Some((for_c, for_f)) = agreeing else {
            continue;
        };
        let differing = sources.iter().find_map(|(c, theirs)| {
            let mine: Vec<&Figure> = theirs.iter().filter(same).collect();
            let f = *mine.first()?;
            let all_differ = mine
                .iter()
                .all(|f| figures::agreement(d, f) == Agreement::Disagrees);
            (all_differ
                && other_document(s, for_c, c)
                && figures::agreement(for_f, f) == Agreement::Disagrees
                && figures::comparable(s, d.tokens.start, c, f.tokens.start)
                && figures::same_time(s, c))
            .then_some((*c, f))
        });
        let Some((against_c, against_f)) = differing else {
            continue;
        };
        let sides = [
            Side {
                candidate: for_c,
                at: for_f.tokens.clone().collect(),
            },
            Side {
                candidate: against_c,
                at: against_f.tokens.clone().collect(),
            },
        ];
        let said = (
            Quoted(for_f.span.slice(&for_c.text)).to_string(),
            Quoted(against_f.span.slice(&against_c.text)).to_string(),
        );
        report(s, d.span, said, sides, out);
    }
}

fn disputed_negations(s: &Sentence, out: &mut Vec<Finding>) {
    let sources: Vec<&Candidate> = discussing(s, |_| true)
        .into_iter()
        .filter(|(_, shared)| *shared > MIN_SHARED)
        .map(|(c, _)| c)
        .collect();
    // Each source's stance on each draft word it pairs: whether it negates it as the draft
    // does.
    // A negator right before the verb ("had not breached"), not one governing a clause from
    // afar ("no evidence that ... altered votes"), whose scope a word-by-word reading misses.
    let negated = |text: &str, tokens: &[Token], k: usize| {
        negator_of(text, tokens, k).is_some_and(|n| (n + 1..k).all(|m| !tokens[m].is_content()))
    };
    let quoted: Vec<Span> = s.quotations.iter().map(|q| q.outer).collect();
    let claim = attribution::claim_range(s.text, &s.tokens, &quoted);
    for i in claim {
        let t = &s.tokens[i];
        let verb = lemmas(t.span.slice(s.text))
            .iter()
            .any(|&(pos, _)| pos == Pos::Verb);
        if !verb || !t.is_content() || t.is_name() || t.value.is_some() || s.in_quotation(i) {
            continue;
        }
        let ours = negated(s.text, &s.tokens, i);
        let stance = |c: &Candidate| {
            let j = c.alignment.source_of(i)?;
            Some((j, negated(&c.text, &c.tokens, j) == ours))
        };
        let agreeing = sources
            .iter()
            .find_map(|c| stance(c).filter(|&(_, same)| same).map(|(j, _)| (*c, j)));
        let Some((for_c, for_j)) = agreeing else {
            continue;
        };
        let against = sources.iter().find_map(|c| {
            stance(c)
                .filter(|&(_, same)| !same && other_document(s, for_c, c))
                .map(|(j, _)| (*c, j))
        });
        let Some((against_c, against_j)) = against else {
            continue;
        };
        let plain = Quoted(t.span.slice(s.text)).to_string();
        let negative = format!("not {plain}");
        let said = if ours {
            (negative, plain)
        } else {
            (plain, negative)
        };
        let sides = [
            Side {
                candidate: for_c,
                at: vec![for_j],
            },
            Side {
                candidate: against_c,
                at: vec![against_j],
            },
        ];
        report(s, t.span, said, sides, out);
        // One dispute per sentence on its words: the first word at issue names it.
        return;
    }
}

/// Whether two candidates come from different documents: one source restating itself is no
/// dispute.
fn other_document(s: &Sentence, a: &Candidate, b: &Candidate) -> bool {
    s.index.sentence(a.id).doc != s.index.sentence(b.id).doc
}

/// The finding on `span`: the draft's side and the other, each with its source.
fn report(
    s: &Sentence,
    span: Span,
    said: (String, String),
    sides: [Side; 2],
    out: &mut Vec<Finding>,
) {
    if out.iter().any(|o| o.span.overlaps(span)) {
        return;
    }
    let evidence: Vec<Evidence> = sides
        .iter()
        .map(|side| {
            let c = side.candidate;
            let matched: Vec<usize> = c.alignment.pairs.iter().map(|p| p.1).collect();
            evidence(s.index, c.id, &c.tokens, &side.at, &matched)
        })
        .collect();
    let name = |e: &Evidence| {
        e.source
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(&e.source)
            .to_string()
    };
    out.push(Finding {
        code: Code::Contested,
        severity: Severity::Information,
        message: format!(
            "Contested: the sources disagree: {} says {}, {} says {}",
            name(&evidence[0]),
            said.0,
            name(&evidence[1]),
            said.1,
        ),
        span,
        evidence,
        fixes: Vec::new(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::index::Index;
    use crate::text::quotes::find_quotations;

    /// The contested findings of `draft` against two accounts that disagree on a duration and
    /// on a breach.
    fn contested_in(draft: &str) -> Vec<(String, Vec<String>)> {
        let index = Index::build(Corpus::from_texts([
            (
                "tribunal.txt",
                "The tribunal in Leeds heard evidence from former warehouse staff for four \
                 days. Lawyers said Northgate had not breached its agreement with the union.",
            ),
            (
                "union.txt",
                "The tribunal in Leeds heard evidence from former warehouse staff for five \
                 days. Officials said Northgate had breached its agreement with the union.",
            ),
        ]));
        let s = Sentence::read(&index, draft, find_quotations(draft));
        contested(&s, &[])
            .into_iter()
            .map(|f| {
                let sources = f.evidence.iter().map(|e| e.source.to_string()).collect();
                (f.message, sources)
            })
            .collect()
    }

    #[test]
    fn one_side_of_a_disputed_figure_is_contested() {
        assert_eq!(
            contested_in(
                "The tribunal in Leeds heard evidence from former warehouse staff for four days."
            ),
            [(
                "Contested: the sources disagree: tribunal.txt says “four days”, union.txt says \
                 “five days”"
                    .to_string(),
                vec!["tribunal.txt".to_string(), "union.txt".to_string()]
            )]
        );
    }

    #[test]
    fn one_side_of_a_disputed_negation_is_contested() {
        assert_eq!(
            contested_in("Northgate had not breached its agreement with the union."),
            [(
                "Contested: the sources disagree: tribunal.txt says not “breached”, union.txt \
                 says “breached”"
                    .to_string(),
                vec!["tribunal.txt".to_string(), "union.txt".to_string()]
            )]
        );
    }

    #[test]
    fn an_attributed_side_is_not_contested() {
        for draft in [
            "The union said the tribunal in Leeds heard evidence from former warehouse staff \
             for five days.",
            "According to the lawyers, Northgate had not breached its agreement with the union.",
        ] {
            assert_eq!(contested_in(draft), [], "{draft}");
        }
    }

    #[test]
    fn a_point_the_sources_agree_on_is_not_contested() {
        assert_eq!(
            contested_in("The tribunal in Leeds heard evidence from former warehouse staff."),
            []
        );
    }
}
