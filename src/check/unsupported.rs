//! Unsupported specifics: a figure, a date or a name in a draft sentence that no source gives,
//! in a sentence whose other words the sources do discuss. Not a contradiction (nothing says
//! otherwise): what a checker must verify elsewhere.
//!
//! A specific is:
//! - a figure with what it counts ([`figures`]: "14 witnesses", "£800m");
//! - a date: a month, with the year written after it ("March 2019"), or a year alone;
//!   "last month" names no month and is no specific;
//! - a name: a run of name words, titles left out ("Judge Ellis" names Ellis).
//!
//! A specific is supported, and quiet, when a candidate source sentence gives it or a
//! paraphrase of it (a figure of the same thing, whatever its value: a differing one is for
//! the contradiction and contested checks; the same country by another of its names; one word
//! of a name, as "Mr Glazer" for "Malcolm Glazer"), or when the corpus holds it anywhere (the
//! name's word, the figure's number beside its noun, the month beside its year).
//!
//! Only sentences the sources discuss are read: one candidate must share at least
//! [`MIN_SHARED`] content words with the sentence besides its specifics. A sentence no source
//! addresses (general knowledge, the writer's framing) gets nothing; so do quotations (the
//! quotation checks own them) and specifics flagged otherwise in the sentence.
//!
//! One kind of specific is more than unsupported: a count whose number the sources never
//! give, in any writing and in any sentence ([`Code::UnsourcedFigure`], a warning). A
//! paraphrase keeps a figure's number or rounds it; a number from nowhere is an error or a
//! fact from elsewhere, to be sourced. It is asked of a sentence one candidate discusses, and
//! of one whose words the corpus mostly has though no one source sentence does ("Afghanistan
//! beat Ireland by 46 runs", of a match report that says who scored what): a summary restates
//! an article in its own order. Positions, years, bounds and the smallest counts are left
//! out, as what writers derive or add themselves ([`unsourced`]).

use std::cmp::Reverse;
use std::ops::Range;

use crate::check::clause::breaks_before;
use crate::check::evidence::evidence;
use crate::check::figures::{self, Figure};
use crate::check::finding::{Code, Finding, Quoted};
use crate::check::mentions::{self, Comparison, Sort};
use crate::check::participants;
use crate::check::sentence::{Candidate, Sentence};
use crate::knowledge::numbers::{Agreement, Bound, Kind as NumberKind};
use crate::knowledge::{lemmas, Pos};
use crate::text::tokens::Class;
use crate::text::{number_stem, Span, Token};

/// Content words besides its specifics that a draft sentence must share with a source
/// sentence for the sources to be taken as discussing it.
pub const MIN_SHARED: usize = figures::MIN_SHARED;

/// What a specific is.
enum Kind {
    Figure(Figure),
    /// A month, with its year when written after it; or a year alone.
    Date,
    Name,
}

/// A specific of the draft sentence.
struct Specific {
    kind: Kind,
    /// Its tokens in the sentence.
    tokens: Vec<usize>,
    /// What the message quotes: for a figure, with the noun it counts ("14 witnesses").
    span: Span,
}

/// Unsupported specifics of the sentence; `flagged` are spans other findings already took.
pub fn unsupported(s: &Sentence, flagged: &[Span]) -> Vec<Finding> {
    let specifics: Vec<Specific> = specifics(s)
        .into_iter()
        .filter(|sp| {
            !sp.tokens.iter().any(|&k| s.in_quotation(k))
                && !flagged.iter().any(|f| f.overlaps(sp.span))
        })
        .collect();
    if specifics.is_empty() {
        return Vec::new();
    }
    let in_specific = |i: usize| specifics.iter().any(|sp| sp.tokens.contains(&i));
    let best = discussing(s, |i| !in_specific(i))
        .into_iter()
        .next()
        .filter(|(_, shared)| *shared >= MIN_SHARED)
        .map(|(c, _)| c);
    // Asked once, and only of a sentence no source sentence discusses that has a figure
    // from nowhere: it reads the corpus's vocabulary for every word.
    let corpus_discusses = std::cell::OnceCell::new();
    let about_the_sources =
        || best.is_some() || *corpus_discusses.get_or_init(|| corpus_words(s, |i| !in_specific(i)));
    let evidence = || match best {
        Some(c) => {
            let matched: Vec<usize> = c.alignment.pairs.iter().map(|p| p.1).collect();
            vec![evidence(s.index, c.id, &c.tokens, &matched, &matched)]
        }
        None => Vec::new(),
    };
    let said = |verb: &str, sp: &Specific| {
        format!(
            "Unsupported: no source {verb} {}",
            Quoted(sp.span.slice(s.text))
        )
    };
    specifics
        .iter()
        .filter_map(|sp| {
            let (code, message) = match &sp.kind {
                Kind::Figure(f) if unsourced(s, f) && about_the_sources() => (
                    Code::UnsourcedFigure,
                    format!(
                        "Unsourced figure: the sources never give the number in {}",
                        Quoted(sp.span.slice(s.text))
                    ),
                ),
                _ if best.is_none() || supported(s, sp) => return None,
                Kind::Figure(_) | Kind::Date => (Code::Unsupported, said("gives", sp)),
                Kind::Name => (Code::Unsupported, said("names", sp)),
            };
            Some(Finding {
                code,
                severity: code.default_severity(),
                message,
                span: sp.span,
                evidence: evidence(),
                fixes: Vec::new(),
            })
        })
        .collect()
}

/// Whether the corpus's words are the sentence's (those `keep` allows) though no one source
/// sentence has enough of them, as when a summary of an article restates its points in its
/// own words and order: more than half of at least [`MIN_CORPUS_WORDS`] content words stand
/// somewhere in the corpus, in one of their meanings.
fn corpus_words(s: &Sentence, keep: impl Fn(usize) -> bool) -> bool {
    let words: Vec<usize> = (0..s.tokens.len())
        .filter(|&i| s.tokens[i].class == Class::Content && keep(i))
        .collect();
    let found = words
        .iter()
        .filter(|&&i| {
            s.meanings[i]
                .stems()
                .iter()
                .any(|&stem| s.index.has_word(stem))
        })
        .count();
    words.len() >= MIN_CORPUS_WORDS && found * 2 > words.len()
}

/// The least content words a sentence no source sentence discusses must have for the
/// corpus's words to say what it is about.
const MIN_CORPUS_WORDS: usize = 4;

/// The draft's names that no source gives (outside quotations), each a run of tokens: what
/// [`crate::check::substitutions`] looks for a source's stand-in for.
pub fn unsupported_names(s: &Sentence) -> Vec<Vec<usize>> {
    if s.candidates.is_empty() {
        return Vec::new();
    }
    specifics(s)
        .into_iter()
        .filter(|sp| {
            matches!(sp.kind, Kind::Name)
                && !sp.tokens.iter().any(|&k| s.in_quotation(k))
                && !supported(s, sp)
        })
        .map(|sp| sp.tokens)
        .collect()
}

/// The candidates with how many of the sentence's content words (those `keep` allows) meet
/// one of theirs, most first.
pub fn discussing<'s>(
    s: &'s Sentence,
    keep: impl Fn(usize) -> bool,
) -> Vec<(&'s Candidate, usize)> {
    let mut found: Vec<(&Candidate, usize)> = s
        .candidates
        .iter()
        .map(|c| (c, s.words().meeting(c.words(), &keep, |_| true)))
        .collect();
    found.sort_by_key(|(c, shared)| (Reverse(*shared), c.id));
    found
}

/// The sentence's figures, dates and names, in order.
fn specifics(s: &Sentence) -> Vec<Specific> {
    let mut found: Vec<Specific> = s
        .figures()
        .iter()
        .cloned()
        .map(|f| {
            let last = counted_noun(s.text, &s.tokens, &f).unwrap_or(f.tokens.end - 1);
            Specific {
                span: f.span.join(s.tokens[last].span),
                tokens: (f.tokens.start..last + 1).collect(),
                kind: Kind::Figure(f),
            }
        })
        .collect();
    for date in dates(s.text, &s.tokens) {
        found.push(Specific {
            kind: Kind::Date,
            span: s.token_span(date.start, date.end - 1),
            tokens: date.collect(),
        });
    }
    if !title_case(&s.tokens) {
        for run in participants::name_runs(s.text, &s.tokens, 0..s.tokens.len()) {
            found.push(Specific {
                kind: Kind::Name,
                span: s.token_span(run[0], run[run.len() - 1]),
                tokens: run,
            });
        }
    }
    found.retain(|sp| !sp.tokens.is_empty());
    found.sort_by_key(|sp| sp.span);
    found
}

/// The token of the noun a figure counts, when it stands right after the figure ("14
/// witnesses"), so the message quotes what is counted.
fn counted_noun(text: &str, tokens: &[Token], f: &Figure) -> Option<usize> {
    let noun = f.counted.noun.as_deref()?;
    (f.tokens.end..(f.tokens.end + 3).min(tokens.len()))
        .take_while(|&k| tokens[k].is_content())
        .find(|&k| {
            lemmas(tokens[k].span.slice(text))
                .iter()
                .any(|&(pos, lemma)| pos == Pos::Noun && lemma == noun)
        })
}

/// The dates of a sentence: each month with the year right after it, and each year alone.
fn dates(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let is_year = |k: usize| {
        tokens.get(k).is_some_and(|t| {
            t.class == Class::Number
                && t.value
                    .is_some_and(|v| v.fract() == 0.0 && (1000.0..=2100.0).contains(&v))
                && t.span.slice(text).chars().all(|c| c.is_ascii_digit())
        })
    };
    let mut found = Vec::new();
    let mut k = 0;
    while k < tokens.len() {
        if tokens[k].class == Class::Month {
            let end = if is_year(k + 1) { k + 2 } else { k + 1 };
            found.push(k..end);
            k = end;
            continue;
        }
        if is_year(k) {
            found.push(k..k + 1);
        }
        k += 1;
    }
    found
}

/// A headline in title case capitalises its every word: its capitals say nothing of names.
fn title_case(tokens: &[Token]) -> bool {
    let content = tokens.iter().filter(|t| t.class == Class::Content).count();
    let capitalised = tokens
        .iter()
        .filter(|t| t.class == Class::Content && t.capitalized)
        .count();
    content >= 3 && capitalised * 3 >= content * 2
}

/// Whether a candidate or the corpus gives the specific, or a paraphrase of it.
fn supported(s: &Sentence, sp: &Specific) -> bool {
    let index = s.index;
    match &sp.kind {
        Kind::Figure(f) => {
            let given = s
                .candidates
                .iter()
                .any(|c| c.figures().iter().any(|g| g.of_same_thing(f)));
            // The number beside the next word of the figure: "14 witnesses", "four days" (a
            // pair holds any number of its band, so the number itself is asked for too).
            let paired = sp
                .tokens
                .windows(2)
                .find(|w| s.tokens[w[0]].value.is_some())
                .is_some_and(|w| {
                    index.has_word(s.tokens[w[0]].stem)
                        && index.has_pair(s.tokens[w[0]].stem, s.tokens[w[1]].stem)
                });
            // The same number in a sentence the draft restates: "three tests" for "missing
            // three drugs tests", "three of the five films" for "three of the five nominees".
            let values: Vec<f64> = sp
                .tokens
                .iter()
                .filter_map(|&k| s.tokens[k].value)
                .collect();
            let same_number = s.candidates.iter().any(|c| {
                c.tokens
                    .iter()
                    .any(|t| t.value.is_some_and(|v| values.contains(&v)))
            });
            // The same figure spaced otherwise: "8 pm" for "8pm", "£ 800m" for "£800m" (a
            // space between a number and its unit changes nothing).
            let written = compact(sp.span.slice(s.text));
            let spaced_otherwise = s.candidates.iter().any(|c| {
                let theirs = compact(&c.text);
                theirs.match_indices(&written).any(|(at, _)| {
                    !theirs[..at].ends_with(|ch: char| ch.is_ascii_digit())
                        && !theirs[at + written.len()..].starts_with(|ch: char| ch.is_ascii_digit())
                })
            });
            given || paired || same_number || spaced_otherwise
        }
        Kind::Date => {
            let norms: Vec<u64> = sp.tokens.iter().map(|&k| s.tokens[k].norm).collect();
            let given = s
                .candidates
                .iter()
                .any(|c| norms.iter().all(|n| c.tokens.iter().any(|t| t.norm == *n)));
            let stems: Vec<u64> = sp.tokens.iter().map(|&k| s.tokens[k].stem).collect();
            let in_corpus = match stems.as_slice() {
                [month, year] => index.has_pair(*month, *year),
                [one] => index.has_word(*one),
                _ => true,
            };
            given || in_corpus
        }
        Kind::Name => {
            s.candidates.iter().any(|c| {
                participants::named_in(s.text, &s.tokens, &sp.tokens, (&c.text, &c.tokens))
                    || same_place(s, &sp.tokens, c)
                    || abbreviated(s.text, &s.tokens, &sp.tokens, &c.text, &c.tokens)
            }) || sp.tokens.iter().any(|&k| index.has_word(s.tokens[k].stem))
        }
    }
}

/// Whether a figure is a count whose number the sources state nowhere, in any writing: not
/// a paraphrase of a source's figure, since a paraphrase keeps the number ("five prizes" for
/// "five Oscars", "the 76-year-old" for "Glazer, 76"), rounds it ("349 million" for "348.9
/// million") or changes what it counts, which the contradiction checks read. Left out, as
/// what writers add or derive themselves:
/// - a position ("the 46th president") and a year;
/// - a bound ("more than 50"): a comparison a source's other number may satisfy;
/// - none, one and two: a writer counts "the two sprinters" off the two names a source gives;
/// - a number right after a name, which is part of it ("Ted 2", "Apollo 11").
fn unsourced(s: &Sentence, f: &Figure) -> bool {
    let q = &f.quantity;
    let names_it = f.tokens.start > 0 && s.tokens[f.tokens.start - 1].is_name() && q.unit.is_none();
    if q.kind != NumberKind::Count
        || !matches!(q.bound, Bound::Exact | Bound::About)
        || q.low < 3.0
        || names_it
    {
        return false;
    }
    // The number as written, and its leading figure before a scale: "1.8" of "£1.8m" (a
    // source may write "1.8 million", two words). A few lookups, asked first: in a large
    // corpus almost every number stands somewhere, and reading each candidate's figures
    // for the rounding below is the dearer question.
    let scaled = [1e3, 1e6, 1e9, 1e12]
        .into_iter()
        .map(|scale| q.low / scale)
        .filter(|m| *m >= 1.0 && (m * 1000.0).fract() == 0.0);
    let anywhere = [q.low, q.high]
        .into_iter()
        .chain(scaled)
        .any(|v| s.index.has_word(number_stem(v)));
    let rounded = || {
        s.candidates.iter().any(|c| {
            c.figures()
                .iter()
                .any(|g| q.agrees_with(&g.quantity) == Agreement::Agrees)
        })
    };
    !anywhere && !rounded()
}

/// Text without its white space, in lower case: how a figure is compared across spacing.
fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether one side abbreviates the other's name as English does, by the initials of its
/// capitalised words: "IOC" for "the International Olympic Committee", and the reverse.
fn abbreviated(text: &str, tokens: &[Token], run: &[usize], other: &str, theirs: &[Token]) -> bool {
    let acronym = |w: &str| w.chars().count() >= 2 && w.chars().all(|c| c.is_ascii_uppercase());
    // The initials of each run of capitalised words (function words inside a name skipped).
    let initials = |text: &str, tokens: &[Token]| -> Vec<String> {
        let mut runs = vec![String::new()];
        for t in tokens {
            let w = t.span.slice(text);
            if matches!(
                w.to_lowercase().as_str(),
                "of" | "the" | "for" | "and" | "de"
            ) {
                continue;
            }
            match runs.last_mut() {
                Some(r) if t.capitalized && !acronym(w) => r.extend(w.chars().next()),
                _ => runs.push(String::new()),
            }
        }
        runs.into_iter().filter(|r| r.len() >= 2).collect()
    };
    let ours: Vec<&str> = run.iter().map(|&k| tokens[k].span.slice(text)).collect();
    match ours.as_slice() {
        [one] if acronym(one) => initials(other, theirs).iter().any(|i| i == one),
        _ => {
            let spelled: String = ours.iter().filter_map(|w| w.chars().next()).collect();
            spelled.len() >= 2 && theirs.iter().any(|t| t.span.slice(other) == spelled)
        }
    }
}

/// Whether the candidate names the country the draft's name `run` names, by any of its names
/// ("the UK" for "Britain"): a sentence's first word too, since a capital says nothing there.
fn same_place(s: &Sentence, run: &[usize], c: &Candidate) -> bool {
    let ours = mentions::mention(s.text, &s.tokens, run);
    if !matches!(ours.sort, Sort::Place(_)) {
        return false;
    }
    let capitalised: Vec<usize> = (0..c.tokens.len())
        .filter(|&k| c.tokens[k].capitalized)
        .collect();
    let same = |theirs: &[usize]| {
        mentions::compare(&ours, &mentions::mention(&c.text, &c.tokens, theirs)) == Comparison::Same
    };
    // Runs of capitalised words within a clause ("the United States"), and each word alone
    // ("Unite, Britain's largest union").
    capitalised
        .split_inclusive(|&k| {
            !capitalised.contains(&(k + 1)) || breaks_before(&c.text, &c.tokens, k + 1)
        })
        .any(same)
        || capitalised.iter().any(|&k| same(&[k]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::index::Index;
    use crate::text::quotes::find_quotations;
    use crate::text::tokenize;

    const HEARING: &str = "The employment tribunal in Leeds heard evidence from former \
        warehouse staff for four days. The panel chair, Judge Patel, said Northgate had failed \
        to consult the union before the closure. About 1,187 workers lost their jobs when the \
        warehouse in Wakefield closed.";

    /// The specifics `draft` leaves unsupported against the hearing's report.
    fn unsupported_in(draft: &str) -> Vec<String> {
        crate::check::sentence::messages_against(HEARING, draft, unsupported)
    }

    #[test]
    fn a_specific_no_source_gives_is_unsupported() {
        assert_eq!(
            unsupported_in(
                "The employment tribunal in Leeds heard evidence from 1,187 witnesses among \
                 former warehouse staff."
            ),
            ["Unsupported: no source gives “1,187 witnesses”"]
        );
        assert_eq!(
            unsupported_in("The tribunal in Leeds heard evidence from former staff in May."),
            ["Unsupported: no source gives “May”"]
        );
        assert_eq!(
            unsupported_in(
                "Northgate had failed to consult the union before the closure, Judge Ellis ruled."
            ),
            ["Unsupported: no source names “Ellis”"]
        );
    }

    #[test]
    fn a_count_whose_number_the_sources_never_give_is_unsourced() {
        assert_eq!(
            unsupported_in(
                "The employment tribunal in Leeds heard evidence from 14 witnesses among \
                 former warehouse staff."
            ),
            ["Unsourced figure: the sources never give the number in “14 witnesses”"]
        );
        // No one sentence of the report says this, but its words are the report's.
        assert_eq!(
            unsupported_in("Patel chaired a panel that heard 14 workers describe their jobs."),
            ["Unsourced figure: the sources never give the number in “14 workers”"]
        );
    }

    #[test]
    fn what_writers_derive_or_add_is_at_most_unsupported() {
        for (draft, expected) in [
            // The number is the report's, of another thing.
            (
                "The employment tribunal in Leeds heard evidence from four witnesses among \
                 former warehouse staff.",
                vec![],
            ),
            // Two: counted off the names a source gives.
            (
                "The employment tribunal in Leeds heard evidence from two witnesses among \
                 former warehouse staff.",
                vec!["Unsupported: no source gives “two witnesses”"],
            ),
            // A position, and a bound.
            (
                "The employment tribunal in Leeds heard evidence for the 14th time from former \
                 warehouse staff.",
                vec!["Unsupported: no source gives “14th time”"],
            ),
            (
                "The employment tribunal in Leeds heard evidence from more than 14 former \
                 warehouse staff.",
                vec!["Unsupported: no source gives “more than 14 former warehouse staff”"],
            ),
            // Rounded: "about 1,200" for "About 1,187".
            (
                "About 1,200 workers lost their jobs when the warehouse in Wakefield closed.",
                vec![],
            ),
        ] {
            assert_eq!(unsupported_in(draft), expected, "{draft}");
        }
    }

    #[test]
    fn sourced_specifics_and_unaddressed_sentences_are_quiet() {
        let quiet = [
            // A figure of the same thing: a paraphrase, or another check's business.
            "About 1,200 workers lost their jobs when the warehouse in Wakefield closed.",
            // A title changed, the name kept.
            "Mr Patel said Northgate had failed to consult the union before the closure.",
            // No source addresses the sentence: general knowledge.
            "Water boils at 100 degrees Celsius, as Anders Celsius measured.",
            // Inside a quotation: the quotation checks own it.
            "Judge Patel said \"Northgate failed 14 witnesses before the closure\".",
            // \"Last month\" names no month.
            "Last month the tribunal in Leeds heard evidence from former warehouse staff.",
        ];
        for draft in quiet {
            assert_eq!(unsupported_in(draft), Vec::<String>::new(), "{draft}");
        }
    }

    #[test]
    fn a_name_and_its_initials_are_one() {
        let committee = |draft: &str| {
            let source = "The International Olympic Committee asked the panel to hear the case \
                of the two sprinters again.";
            let index = Index::build(Corpus::from_texts([("ioc.txt", source)]));
            let s = Sentence::read(&index, draft, find_quotations(draft));
            unsupported(&s, &[]).len()
        };
        assert_eq!(
            committee("The IOC asked the panel to hear the case of the two sprinters again."),
            0
        );
        assert_eq!(
            committee("The WADA asked the panel to hear the case of the two sprinters again."),
            1
        );
    }

    fn shown(text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        dates(text, &tokens)
            .into_iter()
            .map(|r| {
                tokens[r.start]
                    .span
                    .join(tokens[r.end - 1].span)
                    .slice(text)
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn dates_are_months_with_their_years_and_years_alone() {
        assert_eq!(
            shown("In March 2019 it rose, and again in May, as in 2004."),
            ["March 2019", "May", "2004"]
        );
        assert!(shown("Last month it rose by 2,004 and 1,200 fans came.").is_empty());
    }

    #[test]
    fn a_title_case_headline_names_nothing_by_its_capitals() {
        assert!(title_case(&tokenize(
            "Tribunal Hears From Witnesses In Leeds"
        )));
        assert!(!title_case(&tokenize(
            "The tribunal heard from Judge Ellis in Leeds"
        )));
    }
}
