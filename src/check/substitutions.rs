//! Swapped names: a name that no source gives, standing where a source stating the same claim
//! gives another name. "Glazer is being advised by the investment bank Lazard" against "NM
//! Rothschild, the investment bank, is advising Mr Glazer": the draft's name is nowhere in the
//! corpus, the source restates the rest of the sentence, and what the draft says its name is
//! ("the investment bank") is what the source says its own name is. Read so, a swap is found
//! however the two sentences order their words, which an alignment cannot do ("was handed
//! her Oscar by actor Sean Connery", "after receiving her Oscar from actor Jeremy Irons").
//!
//! Three things must hold, each a guard against warning on a true sentence:
//! - the draft's name is unsupported: no candidate names it and no word of it is anywhere in
//!   the corpus ([`unsupported::unsupported_names`]), so it is not another name of a
//!   participant the sources know;
//! - a candidate discusses the sentence: it shares at least [`MIN_SHARED`] of the draft's
//!   content words besides its names and figures;
//! - a word that says what the draft's name is ([`described_by`]: "the investment bank
//!   Lazard") meets, or is derived from or derives, a word that says what a name of that
//!   candidate is, a name the draft does not give, of a sort that can stand in for it (a
//!   person for a person, never a country for a person).

use crate::check::clause::{breaks_before, word};
use crate::check::evidence::evidence;
use crate::check::finding::{Finding, Fix, Quoted};
use crate::check::mentions::{self, Comparison};
use crate::check::participants::{may_name_same, proper_name_runs};
use crate::check::sentence::{Candidate, Sentence};
use crate::check::unsupported::{self, MIN_SHARED};
use crate::knowledge::wordnet::{derivations, is_kind_of};
use crate::knowledge::{lemmas, titles, Pos};
use crate::text::tokens::Class;
use crate::text::{Span, Token};

/// The most words of a description before a name or in an appositive after it.
const MAX_DESCRIPTION: usize = 4;

/// Names of the draft no source gives that a candidate stating the same claim replaces with
/// its own; `flagged` are spans other findings already took.
pub fn contradictions(s: &Sentence, flagged: &[Span]) -> Vec<Finding> {
    let names = unsupported::unsupported_names(s);
    if names.is_empty() {
        return Vec::new();
    }
    let in_name = |i: usize| names.iter().any(|run| run.contains(&i));
    let discussing: Vec<&Candidate> = unsupported::discussing(s, |i| !in_name(i))
        .into_iter()
        .filter(|(_, shared)| *shared >= MIN_SHARED)
        .map(|(c, _)| c)
        .collect();
    let mut out = Vec::new();
    for run in &names {
        let span = s.token_span(run[0], run[run.len() - 1]);
        if flagged.iter().any(|f| f.overlaps(span)) {
            continue;
        }
        let anchors = described_by(s.text, &s.tokens, run);
        let ours = mentions::mention(s.text, &s.tokens, run);
        let found = discussing.iter().find_map(|c| {
            proper_name_runs(&c.text, &c.tokens)
                .into_iter()
                .filter_map(|run| untitled(&c.text, &c.tokens, run))
                .find(|theirs| {
                    // Not the draft's name by another of its names, nor a name the draft
                    // also gives (an addition, not a swap): `may_name_same` reads both.
                    !may_name_same((s.text, &s.tokens, run), (&c.text, &c.tokens, theirs))
                        && mentions::compare(&ours, &mentions::mention(&c.text, &c.tokens, theirs))
                            != Comparison::Unlike
                        && described_by(&c.text, &c.tokens, theirs)
                            .iter()
                            .any(|&j| anchors.iter().any(|&i| related(s, i, c, j)))
                })
                .map(|theirs| (*c, theirs))
        });
        let Some((c, theirs)) = found else {
            continue;
        };
        let named = c.tokens[theirs[0]]
            .span
            .join(c.tokens[theirs[theirs.len() - 1]].span)
            .slice(&c.text)
            .to_string();
        let message = format!(
            "the sources say {}, not {}",
            Quoted(&named),
            Quoted(span.slice(s.text))
        );
        out.push(Finding::contradiction(
            span,
            &message,
            evidence(s.index, c.id, &c.tokens, &theirs, &theirs),
            Some(Fix::replace_with(span, named)),
        ));
    }
    out
}

/// Whether draft word `i` and source word `j` say the same (one lemma or first sense), one
/// is derived from the other ("accountants", "accountancy firm"; "portrayal", "portray"), or
/// one is a kind of the other in its first sense ("daily", "newspaper").
fn related(s: &Sentence, i: usize, c: &Candidate, j: usize) -> bool {
    if s.words().meet(i, c.words(), j) {
        return true;
    }
    let theirs = lemmas(c.tokens[j].span.slice(&c.text));
    let ours = lemmas(s.tokens[i].span.slice(s.text));
    let derived = ours.iter().any(|&(_, ours)| {
        derivations(ours)
            .iter()
            .any(|&(_, _, derived)| theirs.iter().any(|&(_, l)| l == derived))
    });
    // One a kind of the other as a noun: "the daily Kathimerini", "To Vima newspaper".
    let kind_of = |narrow: &[(Pos, &str)], broad: &[(Pos, &str)]| {
        narrow.iter().any(|&(p, n)| {
            p == Pos::Noun
                && broad
                    .iter()
                    .any(|&(q, b)| q == Pos::Noun && is_kind_of(n, b, Pos::Noun))
        })
    };
    derived || kind_of(&ours, &theirs) || kind_of(&theirs, &ours)
}

/// Whether a word after a name can be the noun the name modifies: a noun, and not a verb
/// as written ("newspaper", "team"; not "owns", "said", which say what the name did).
fn head_noun(text: &str, t: &Token) -> bool {
    let written = word(text, t);
    let found = lemmas(&written);
    found.iter().any(|&(pos, _)| pos == Pos::Noun)
        && !found
            .iter()
            .any(|&(pos, verb)| pos == Pos::Verb && verb != written.as_ref())
}

/// A name run without the titles it begins with ("Spokesman Nick Davies" names Nick Davies),
/// or nothing when it is all titles.
fn untitled(text: &str, tokens: &[Token], run: Vec<usize>) -> Option<Vec<usize>> {
    let titled = run
        .iter()
        .take_while(|&&k| titles::title(tokens[k].span.slice(text)).is_some())
        .count();
    (titled < run.len()).then(|| run[titled..].to_vec())
}

/// The words that say what a name is, as English writes them around a name: the nouns right
/// before it ("the investment bank Lazard", "IAAF spokesman Sebastian Coe", "accountancy firm
/// Grant Thornton"), an appositive right after its comma ("NM Rothschild, the investment
/// bank,"), the noun it heads ("To Vima newspaper"), and the name a preposition right after
/// it ties it to ("Ava Gardner in The Aviator": the role is one in that film). Words of a
/// verb or a figure around a name say what it did or how many, not what it is, and two names
/// doing alike are not one swapped for the other.
fn described_by(text: &str, tokens: &[Token], run: &[usize]) -> Vec<usize> {
    let (first, last) = (run[0], run[run.len() - 1]);
    let describing = |k: usize| {
        tokens[k].class == Class::Content && !tokens[k].is_name() && tokens[k].value.is_none()
    };
    let mut found: Vec<usize> = (first.saturating_sub(MAX_DESCRIPTION)..first)
        .rev()
        .take_while(|&k| describing(k) && !breaks_before(text, tokens, k + 1))
        .collect();
    let next = last + 1;
    let between = |k: usize| Span::between(text, tokens[k - 1].span, tokens[k].span).slice(text);
    // "Bajirao Mastani's cast": what a name owns is not what it is.
    let owner =
        |k: usize| between(k).contains(['\'', '’']) || word(text, &tokens[k]).starts_with('\'');
    if next < tokens.len() && between(next).trim() == "," {
        let article = matches!(word(text, &tokens[next]).as_ref(), "the" | "a" | "an");
        let from = next + usize::from(article);
        found.extend(
            (from..tokens.len().min(from + MAX_DESCRIPTION))
                .take_while(|&k| describing(k) && (k == from || !breaks_before(text, tokens, k))),
        );
    } else if next + 1 < tokens.len()
        && !breaks_before(text, tokens, next)
        && matches!(
            word(text, &tokens[next]).as_ref(),
            "in" | "at" | "of" | "for" | "from"
        )
    {
        let name = (next + 1..tokens.len().min(next + 3)).find(|&k| tokens[k].is_name());
        found.extend(name);
    } else if next < tokens.len()
        && !breaks_before(text, tokens, next)
        && !owner(next)
        && (first == 0 || !tokens[first - 1].is_content())
        && describing(next)
        && head_noun(text, &tokens[next])
    {
        // A noun the name heads, the name opening its phrase: "To Vima newspaper", "the
        // Tampa Bay Buccaneers team"; in "the highest-grossing Bollywood film" the name is
        // one more word saying what kind of film, not the film's name.
        found.push(next);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::sentence::messages_against;

    const REPORT: &str = "NM Rothschild, the investment bank, is advising Mr Glazer on his bid, \
        according to the Financial Times. The actress received her award from director \
        Jane Hill at the ceremony in London. Jane Hill told the Harbour Times newspaper in her \
        first interview that the award was a surprise.";

    /// The messages of the swaps found in `draft` against the report.
    fn swaps(draft: &str) -> Vec<String> {
        messages_against(REPORT, draft, contradictions)
    }

    #[test]
    fn a_name_nowhere_in_the_sources_where_a_source_has_another() {
        assert_eq!(
            swaps("Glazer is advised on his bid by the investment bank Lazard, the Financial Times said."),
            ["Contradiction: the sources say “NM Rothschild”, not “Lazard”"]
        );
        assert_eq!(
            swaps(
                "At the ceremony in London the actress was handed her award by director Paul Stone."
            ),
            ["Contradiction: the sources say “Jane Hill”, not “Paul Stone”"]
        );
        // A daily is a kind of newspaper, and a name heading a noun is that noun's name.
        assert_eq!(
            swaps("Jane Hill told the daily Courier in her first interview that the award was a surprise."),
            ["Contradiction: the sources say “Harbour Times”, not “Courier”"]
        );
    }

    #[test]
    fn a_name_beside_the_sources_own_or_on_another_claim_is_quiet() {
        let quiet = [
            // The draft gives the source's name as well: an addition, not a swap.
            "NM Rothschild and the investment bank Lazard are advising Glazer on his bid.",
            // No source discusses the sentence.
            "The investment bank Lazard was founded in New Orleans in 1848.",
            // Nothing says what the name is, or it is not what the source's name is: doing
            // alike ("advising") is not being one.
            "Glazer is advised on his bid, the Financial Times said, citing Paul Stone.",
            "Glazer is advised on his bid by the lawyer Paul Stone, the Financial Times said.",
        ];
        for draft in quiet {
            assert_eq!(swaps(draft), Vec::<String>::new(), "{draft}");
        }
    }
}
