//! Dates and the deeds they date. A date is read whole, as the stretch of days it names at
//! the precision it is written ("2003" is a year of days, "March 2016" a month, "September
//! 30, 2016" one day), so that a bound on a date ("released before March 2016") is compared
//! with the date a source gives the same deed ("On September 30, 2016, ... was released")
//! whichever parts each writes: the bound must leave room for some day of the source's date.
//!
//! Two dates are of one deed when the verbs of their clauses share a lemma or a sense
//! ([`same_deed`]); a date that names an event ("the 2008 final") or dates a state as it
//! stood ("as of 4 April") dates no deed of its clause.

use std::ops::RangeInclusive;

use crate::check::agents;
use crate::check::clause::word;
use crate::check::evidence::evidence;
use crate::check::finding::{Finding, Fix, Quoted};
use crate::check::quantity::{self, Bound};
use crate::check::sentence::{Candidate, Sentence};
use crate::knowledge::{are_synonyms, lemmas, Pos};
use crate::text::lexicon;
use crate::text::tokens::Class;
use crate::text::Token;

/// A date as the days it may be, counted from 1 March of year 0 ([`day_number`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Date {
    /// Its tokens: day, month and year as written, from the first to the year.
    pub first_token: usize,
    pub year_token: usize,
    pub days: RangeInclusive<i64>,
}

impl Date {
    /// Written to the day: English dates it "on" it, not "in" it as a month or a year.
    pub fn on_a_day(&self) -> bool {
        self.days.start() == self.days.end()
    }
}

/// The date whose year is token `y`, with the month and day written before it ("30
/// September 2016", "September 30, 2016", "March 2016", "2016"). None if `y` is no year.
pub fn date_ending_at(text: &str, tokens: &[Token], y: usize) -> Option<Date> {
    if !quantity::is_year(text, &tokens[y]) {
        return None;
    }
    let year = tokens[y].value? as i64;
    let first = quantity::date_start(tokens, y);
    let month = (first..y)
        .find(|&k| tokens[k].class == Class::Month)
        .and_then(|k| lexicon::month_number(&word(text, &tokens[k])));
    let day = (first..y)
        .find(|&k| quantity::is_day(tokens, k))
        .and_then(|k| tokens[k].value)
        .map(|v| v as i64);
    // A day past its month's end ("February 30") is a slip of the writer's: no date to read.
    if let (Some(m), Some(d)) = (month, day) {
        if d > day_number(year, m + 1, 1) - day_number(year, m, 1) {
            return None;
        }
    }
    let days = match (month, day) {
        (Some(m), Some(d)) => day_number(year, m, d)..=day_number(year, m, d),
        (Some(m), None) => day_number(year, m, 1)..=day_number(year, m + 1, 1) - 1,
        _ => day_number(year, 1, 1)..=day_number(year + 1, 1, 1) - 1,
    };
    Some(Date {
        first_token: first,
        year_token: y,
        days,
    })
}

/// Days from a fixed origin to a day of the Gregorian calendar; month 13 is January of the
/// next year. (The civil-from-days reckoning: years begin in March, so a leap day ends one.)
fn day_number(year: i64, month: i64, day: i64) -> i64 {
    let (year, month) = if month > 12 {
        (year + 1, month - 12)
    } else {
        (year, month)
    };
    let y = if month <= 2 { year - 1 } else { year };
    let m = (month + 9) % 12;
    365 * y + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400) + (153 * m + 2) / 5 + day - 1
}

/// Whether any day of the source's date lies where the draft's bound puts its deed: "before
/// March 2016" leaves no room for 30 September 2016, "after December 2014" leaves room for
/// February 2015. "Before" and "after" exclude the bounding date's own days; "by", "until"
/// and "since" include them.
fn bound_leaves_room(bound: Bound, ours: &Date, theirs: &Date) -> bool {
    match bound {
        Bound::Below { inclusive: false } => theirs.days.start() < ours.days.start(),
        Bound::Below { inclusive: true } => theirs.days.start() <= ours.days.end(),
        Bound::Above { inclusive: false } => theirs.days.end() > ours.days.end(),
        Bound::Above { inclusive: true } => theirs.days.end() >= ours.days.start(),
        Bound::About => true,
    }
}

/// The dates of candidate `c` that date the deed the draft's year `y` dates, each written
/// without a bound or a range, and not "as of" a day.
fn deed_dates(s: &Sentence, y: usize, c: &Candidate) -> Vec<Date> {
    (0..c.tokens.len())
        .filter_map(|j| date_ending_at(&c.text, &c.tokens, j))
        .filter(|d| {
            quantity::bound_before(&c.text, &c.tokens, d.first_token).is_none()
                && !quantity::in_range(&c.text, &c.tokens, d.year_token)
                && !as_of(&c.text, &c.tokens, d.year_token)
                && same_deed(s, y, c, d.year_token)
        })
        .collect()
}

/// A draft's bounded date that leaves no room for the date a source gives the same deed:
/// "Major Lazer released Believer before March 2016" against "On September 30, 2016,
/// Believer was released". The source's date must be the one date of the source sentence
/// that dates the deed (by its verb: [`same_deed`]), written without a bound or a range, and
/// not "as of" a day. The caller asks it of candidates that restate the draft.
pub fn contradictions(s: &Sentence, c: &Candidate, out: &mut Vec<Finding>) {
    for y in 0..s.tokens.len() {
        if s.in_quotation(y) {
            continue;
        }
        let Some(ours) = date_ending_at(s.text, &s.tokens, y) else {
            continue;
        };
        // The bound as written before the date's first part ("before March 2016" bounds the
        // month, not the year).
        let Some(bound) = quantity::bound_before(s.text, &s.tokens, ours.first_token) else {
            continue;
        };
        if bound == Bound::About {
            continue;
        }
        let [theirs] = &deed_dates(s, y, c)[..] else {
            continue;
        };
        if bound_leaves_room(bound, &ours, theirs) {
            continue;
        }
        // A source that restates the draft as firmly and dates the deed within the bound:
        // the draft follows that one.
        let dated_within = s.candidates.iter().any(|o| {
            o.id != c.id
                && o.strength >= c.strength
                && (deed_dates(s, y, o).iter()).any(|d| bound_leaves_room(bound, &ours, d))
        });
        if dated_within {
            continue;
        }
        let first = quantity::bound_word_before(s.text, &s.tokens, ours.first_token)
            .unwrap_or(ours.first_token);
        let span = s.token_span(first, y);
        if out.iter().any(|f| f.span.overlaps(span)) {
            continue;
        }
        let written = c.tokens[theirs.first_token]
            .span
            .join(c.tokens[theirs.year_token].span)
            .slice(&c.text)
            .to_string();
        let replacement = format!("{} {written}", if theirs.on_a_day() { "on" } else { "in" });
        let matched: Vec<usize> = c.alignment.pairs.iter().map(|p| p.1).collect();
        let focus: Vec<usize> = (theirs.first_token..=theirs.year_token).collect();
        let message = format!(
            "the sources date it {}, which {} excludes",
            Quoted(&written),
            Quoted(span.slice(s.text))
        );
        out.push(Finding::contradiction(
            span,
            &message,
            evidence(s.index, c.id, &c.tokens, &focus, &matched),
            Some(Fix::replace_with(span, replacement)),
        ));
    }
}

/// Whether the date at token `k` follows "as of" ("As of 20 April", "as of April 20").
pub fn as_of(text: &str, tokens: &[Token], k: usize) -> bool {
    let start = quantity::date_start(tokens, k);
    start >= 2 && word(text, &tokens[start - 1]) == "of" && word(text, &tokens[start - 2]) == "as"
}

/// False when the draft's date at `i` and the source's at `j` date two events: the verbs of
/// their clauses share no sense at all ("the bans imposed in December", "overturned the ban
/// on 18 March"; "lifted" and "overturned" share one, "cancel officially"). Where either
/// clause has no verb the dates are taken as of one event.
pub fn same_event(s: &Sentence, i: usize, c: &Candidate, j: usize) -> bool {
    let verbs = |text: &str, tokens: &[Token], k: usize| {
        deed_verbs(text, tokens, agents::verb_of(text, tokens, k))
    };
    let (ours, theirs) = (verbs(s.text, &s.tokens, i), verbs(&c.text, &c.tokens, j));
    one_event(&ours.unwrap_or_default(), &theirs.unwrap_or_default())
}

/// Whether the draft's date at `i` and the source's at `j` date one deed: each clause has a
/// verb, and the two verbs share a lemma or a sense ("released" and "released", "born" and
/// "born"). Stricter than [`same_event`], which takes a clause without a verb as agreeing;
/// a date fronted before its main clause dates that clause's verb ([`agents::verb_dated_by`]).
pub fn same_deed(s: &Sentence, i: usize, c: &Candidate, j: usize) -> bool {
    if names_an_event(s.text, &s.tokens, i) || names_an_event(&c.text, &c.tokens, j) {
        return false;
    }
    let verbs = |text: &str, tokens: &[Token], k: usize| {
        let start = quantity::date_start(tokens, k);
        deed_verbs(text, tokens, agents::verb_dated_by(text, tokens, start))
    };
    match (verbs(s.text, &s.tokens, i), verbs(&c.text, &c.tokens, j)) {
        (Some(ours), Some(theirs)) => one_event(&ours, &theirs),
        _ => false,
    }
}

/// Whether the date at `k` is part of a name, not when its clause happened: after an article
/// or a possessive and before a word it modifies ("the 2008 final" was played in 2008,
/// whenever the clause's deed was done).
fn names_an_event(text: &str, tokens: &[Token], k: usize) -> bool {
    let determiner = k > 0
        && matches!(
            word(text, &tokens[k - 1]).as_ref(),
            "the" | "a" | "an" | "its" | "their" | "his" | "her" | "our" | "'s"
        );
    determiner && tokens.get(k + 1).is_some_and(|t| t.is_content())
}

/// The verb lemmas of a clause's verb; None where the clause has no verb.
fn deed_verbs(text: &str, tokens: &[Token], verb: Option<usize>) -> Option<Vec<&'static str>> {
    verb.map(|v| {
        lemmas(tokens[v].span.slice(text))
            .into_iter()
            .filter(|&(pos, _)| pos == Pos::Verb)
            .map(|(_, l)| l)
            .collect()
    })
}

/// Whether two clauses' verb lemmas can tell of one event: they share a lemma or a sense, or
/// one side has none to compare.
fn one_event(ours: &[&str], theirs: &[&str]) -> bool {
    ours.is_empty()
        || theirs.is_empty()
        || ours.iter().any(|a| {
            theirs
                .iter()
                .any(|b| a == b || are_synonyms(a, b, Pos::Verb))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    /// The date whose year is the last year of `text`.
    fn date_of(text: &str) -> Date {
        let tokens = tokenize(text);
        let y = (0..tokens.len())
            .rev()
            .find(|&k| quantity::is_year(text, &tokens[k]))
            .expect("a year");
        date_ending_at(text, &tokens, y).expect("a date")
    }

    fn days_of(text: &str) -> (i64, i64) {
        let d = date_of(text);
        (*d.days.start(), *d.days.end())
    }

    #[test]
    fn a_date_is_the_days_it_names_at_its_precision() {
        let day = |y, m, d| day_number(y, m, d);
        for (text, first, last) in [
            ("in 2016", day(2016, 1, 1), day(2016, 12, 31)),
            ("in March 2016", day(2016, 3, 1), day(2016, 3, 31)),
            ("in February 2016", day(2016, 2, 1), day(2016, 2, 29)),
            ("on September 30, 2016", day(2016, 9, 30), day(2016, 9, 30)),
            ("on 30 Sept 2016", day(2016, 9, 30), day(2016, 9, 30)),
            ("in December 2014", day(2014, 12, 1), day(2014, 12, 31)),
        ] {
            assert_eq!(days_of(text), (first, last), "{text}");
        }
        assert_eq!(day(2017, 1, 1) - day(2016, 12, 31), 1);
        assert_eq!(day(2016, 3, 1) - day(2016, 2, 28), 2);
        let tokens = tokenize("on February 30, 2016");
        assert_eq!(
            date_ending_at("on February 30, 2016", &tokens, tokens.len() - 1),
            None
        );
    }

    #[test]
    fn a_bound_leaves_room_for_the_days_past_it() {
        let before = Bound::Below { inclusive: false };
        let after = Bound::Above { inclusive: false };
        let by = Bound::Below { inclusive: true };
        for (bound, ours, theirs, room) in [
            (before, "March 2016", "September 30, 2016", false),
            (before, "March 2016", "February 11, 2016", true),
            (before, "March 2016", "2016", true),
            (before, "2003", "June 10, 2003", false),
            (after, "December 2014", "February 2015", true),
            (after, "September 2, 2015", "September 1, 2015", false),
            (by, "March 2016", "March 31, 2016", true),
            (by, "March 2016", "April 1, 2016", false),
        ] {
            assert_eq!(
                bound_leaves_room(bound, &date_of(ours), &date_of(theirs)),
                room,
                "{bound:?} {ours} against {theirs}"
            );
        }
    }
}
