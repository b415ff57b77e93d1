//! Who a clause is about, so that two statements are compared only when they are about the
//! same participants: "her first Oscar for Boys Don't Cry" and "her second Oscar for Million
//! Dollar Baby" are two Oscars, and "Swank won" is not contradicted by "Owen failed to win".
//!
//! Read without a parser, from what English marks: a possessive ("Freeman's first win"), a
//! clause that describes a name ("Jamie Foxx, who had two nominations"; "Staunton, 49,"),
//! and the names each clause holds, a country known by any of its names ("the US", "the
//! United States"), a title never a participant ("Mr Glazer" names Glazer).

use std::ops::Range;

use crate::check::clause::{breaks_before, clause_end, clause_start, word};
use crate::check::sentence::{Candidate, Sentence};
use crate::knowledge::titles::TitleKind;
use crate::knowledge::{places, titles};
use crate::text::tokens::Class;
use crate::text::Token;

/// The names of the clause holding a figure, each a run of name tokens; a title is no
/// participant ("Mr Glazer" names Glazer).
fn clause_names(text: &str, tokens: &[Token], figure: &Range<usize>) -> Vec<Vec<usize>> {
    let lo = clause_start(text, tokens, figure.start);
    let hi = clause_end(text, tokens, figure.end - 1);
    name_runs(text, tokens, lo..hi)
        .into_iter()
        .map(|run| {
            run.into_iter()
                .filter(|k| !figure.contains(k))
                .collect::<Vec<_>>()
        })
        .filter(|run| !run.is_empty())
        .collect()
}

/// Whether the clause holding token `k`, or its sentence, opens on a personal pronoun as its
/// subject ("It has sold 3.8 million copies", "They were eliminated").
fn pronoun_subject(text: &str, tokens: &[Token], k: usize) -> bool {
    let pronoun = |at: usize| {
        tokens
            .get(at)
            .is_some_and(|t| matches!(word(text, t).as_ref(), "it" | "he" | "she" | "they" | "we"))
    };
    pronoun(clause_start(text, tokens, k)) || pronoun(0)
}

/// The runs of name tokens in `range`, titles left out.
pub fn name_runs(text: &str, tokens: &[Token], range: Range<usize>) -> Vec<Vec<usize>> {
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for k in range {
        let name = tokens[k].is_name() && titles::title(tokens[k].span.slice(text)).is_none();
        if !name {
            continue;
        }
        match runs.last_mut() {
            Some(run) if run.last() == Some(&(k - 1)) && !breaks_before(text, tokens, k) => {
                run.push(k)
            }
            _ => runs.push(vec![k]),
        }
    }
    runs
}

/// The runs of capitalised words that may name a person or a body, as a doer or a
/// description reads them. Unlike
/// [`crate::check::participants::name_runs`], a word that is also a title stays in ("Dick
/// Pound": "dick" is a detective to WordNet), a form of address before a name is left out
/// ("Mr Glazer"), and a sentence's first word joins the name it begins ("Dick Pound, the
/// chairman of ...").
pub fn proper_name_runs(text: &str, tokens: &[Token]) -> Vec<Vec<usize>> {
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for k in 0..tokens.len() {
        let t = &tokens[k];
        let begins_name = t.initial
            && t.capitalized
            && t.class == Class::Content
            && tokens.get(k + 1).is_some_and(Token::is_name)
            && !breaks_before(text, tokens, k + 1);
        if !t.is_name() && !begins_name {
            continue;
        }
        match runs.last_mut() {
            Some(run) if run.last() == Some(&(k - 1)) && !breaks_before(text, tokens, k) => {
                run.push(k)
            }
            _ => runs.push(vec![k]),
        }
    }
    for run in &mut runs {
        let address = |k: &usize| {
            titles::title(tokens[*k].span.slice(text)).is_some_and(|t| t.kind == TitleKind::Address)
        };
        let leading = run.iter().take_while(|k| address(k)).count();
        run.drain(..leading.min(run.len() - 1));
    }
    runs
}

/// Whether the other sentence names what a run names: one of its words, or the same country
/// by another of its names ("the US", "the United States").
pub fn named_in(text: &str, tokens: &[Token], run: &[usize], other: (&str, &[Token])) -> bool {
    let (other_text, other_tokens) = other;
    if run
        .iter()
        .any(|&k| other_tokens.iter().any(|t| t.norm == tokens[k].norm))
    {
        return true;
    }
    let written = |text: &str, tokens: &[Token], run: &[usize]| {
        tokens[run[0]]
            .span
            .join(tokens[run[run.len() - 1]].span)
            .slice(text)
            .to_string()
    };
    let Some(country) = places::country(&written(text, tokens, run)) else {
        return false;
    };
    let capitalised = (0..other_tokens.len())
        .filter(|&k| other_tokens[k].capitalized)
        .collect::<Vec<_>>();
    // Every run of capitalised words of the other sentence, a sentence's first word too.
    capitalised
        .split_inclusive(|&k| !capitalised.contains(&(k + 1)))
        .any(|run| places::country(&written(other_text, other_tokens, run)) == Some(country))
}

/// Whether two runs may name one person or body: a word in common ("the Olympic Committee", "the
/// International Olympic Committee"), one the initials of the other ("Wada", "the World
/// Anti-Doping Agency"), one country by two of its names, or a country and its seat of
/// government, which stands for its government ("Moscow", "Russia").
pub fn may_name_same(a: (&str, &[Token], &[usize]), b: (&str, &[Token], &[usize])) -> bool {
    let ((text_a, ta, ra), (text_b, tb, rb)) = (a, b);
    if ra
        .iter()
        .any(|&i| rb.iter().any(|&j| ta[i].norm == tb[j].norm))
    {
        return true;
    }
    let initials = |text: &str, t: &[Token], r: &[usize]| -> String {
        t[r[0]]
            .span
            .join(t[r[r.len() - 1]].span)
            .slice(text)
            .split([' ', '-'])
            .filter(|w| w.starts_with(char::is_uppercase))
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let written = |text: &str, t: &[Token], r: &[usize]| -> String {
        r.iter()
            .map(|&k| t[k].span.slice(text).to_lowercase())
            .collect()
    };
    let (ia, ib) = (initials(text_a, ta, ra), initials(text_b, tb, rb));
    let country = |text: &str, t: &[Token], r: &[usize]| {
        let w = t[r[0]].span.join(t[r[r.len() - 1]].span).slice(text);
        places::country(w).or_else(|| places::seat_of(w))
    };
    let (ca, cb) = (country(text_a, ta, ra), country(text_b, tb, rb));
    (ca.is_some() && ca == cb)
        || (ia.len() >= 2 && ia == written(text_b, tb, rb))
        || (ib.len() >= 2 && ib == written(text_a, ta, ra))
        || named_in(text_a, ta, ra, (text_b, tb))
        || named_in(text_b, tb, rb, (text_a, ta))
}

/// Whose figure it is, where English says: a name in the possessive before it in its clause
/// ("Freeman's first win from four nominations"), or the name a clause describes ("Jamie
/// Foxx, who had two nominations", "Staunton, 49,"). The subject of a verb is not an owner:
/// "the US sanctioned three officials" is about the officials.
fn owner(text: &str, tokens: &[Token], figure: &Range<usize>) -> Option<u64> {
    let lo = clause_start(text, tokens, figure.start);
    let possessive = |k: usize| {
        let after = &text[tokens[k].span.end..];
        tokens[k].capitalized
            && (after.starts_with("'s") || after.starts_with("’s") || after.starts_with('\''))
    };
    if let Some(k) = (lo..figure.start).rev().find(|&k| possessive(k)) {
        return Some(tokens[k].norm);
    }
    // "which" after a comma may take the whole clause before it ("an approach to buy
    // Manchester United, which could lead to a bid"); "who" takes a person.
    let describes =
        lo == figure.start || matches!(word(text, &tokens[lo]).as_ref(), "who" | "whose");
    (describes && lo > 0 && tokens[lo - 1].capitalized && tokens[lo - 1].class == Class::Content)
        .then(|| tokens[lo - 1].norm)
}

/// False when the draft's words at `ours` and the source's at `theirs` belong to two events:
/// their owners differ, or each side's clause names someone or something the other sentence
/// does not.
pub fn agree(s: &Sentence, ours: Range<usize>, c: &Candidate, theirs: Range<usize>) -> bool {
    let (d, f) = (&ours, &theirs);
    let (ours, theirs) = (owner(s.text, &s.tokens, d), owner(&c.text, &c.tokens, f));
    if let (Some(a), Some(b)) = (ours, theirs) {
        let named_in = |norm: u64, tokens: &[Token]| tokens.iter().any(|t| t.norm == norm);
        if a != b && !(named_in(a, &c.tokens) && named_in(b, &s.tokens)) {
            return false;
        }
    }
    // A source clause about "it" or "they" is about someone named before it: the draft's
    // subject may be who that is.
    let referent = pronoun_subject(&c.text, &c.tokens, f.start);
    let draft_start = clause_start(s.text, &s.tokens, d.start);
    let draft_alone = clause_names(s.text, &s.tokens, d).into_iter().any(|run| {
        let subject = referent
            && (s.tokens[draft_start..run[0]].iter()).all(|t| !t.is_content() || t.capitalized);
        !subject
            && !s.in_quotation(run[0])
            && !named_in(s.text, &s.tokens, &run, (&c.text, &c.tokens))
    });
    let source_alone = clause_names(&c.text, &c.tokens, f)
        .into_iter()
        .any(|run| !named_in(&c.text, &c.tokens, &run, (s.text, &s.tokens)));
    !(draft_alone && source_alone)
}
