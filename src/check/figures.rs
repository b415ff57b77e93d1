//! Figures the sources give otherwise: a count of the same things, a sum, a share, a duration,
//! an age or a position ("the fourth Oscar nomination") where a source restating the draft's
//! claim gives another value.
//!
//! A figure is read with what it counts ([`Counted`]): a person's age ("Staunton, 49,"), a
//! unit (money, a percentage, a measure), the noun it counts ("300 fans", "the fourth Oscar
//! nomination"), or both. Figures of different things are never compared: a first
//! nomination is not three nominations, and a sum in dollars is not one in pounds. Durations
//! compare across their units: two weeks are fourteen days, not four.
//!
//! A source sentence can contradict a figure only when it makes the same claim about the same
//! participants:
//! - its words meet the draft's, by lemma or a first sense they share (at least
//!   [`MIN_SHARED`] content words besides the figure);
//! - no name stands on each side that the other lacks in the figure's clause: "her first
//!   Oscar for Boys Don't Cry" and "her second Oscar for Million Dollar Baby" are two Oscars,
//!   not one told two ways;
//! - it dates its claim, if both do, in the same month or year.
//!
//! Two readings need less shared context than [`MIN_SHARED`]: a figure standing where the
//! draft's stands (the words right around both aligned, `anchored_contradiction`), and a
//! draft's bound that just misses a source's figure of the same noun or unit
//! (`just_past_bound`): a number that near, counting the same thing, is the one the draft
//! bounds.
//!
//! And a figure that any candidate source gives in agreement is never flagged, however many
//! others differ: the sources may disagree among themselves, and the draft follows one.

use std::ops::Range;

use crate::check::clause::{breaks_before, word};
use crate::check::evidence::evidence;
use crate::check::finding::{Finding, Fix, Quoted};
use crate::check::participants;
use crate::check::quantity;
use crate::check::sentence::{Candidate, Sentence};
use crate::knowledge::numbers::{self, Agreement, Bound, Kind, Quantity, Unit};
use crate::knowledge::{lemmas, synonym_rank, Pos};
use crate::text::tokens::Class;
use crate::text::{Span, Token};

/// Content words besides the figure that a source sentence must share with the draft's
/// before its figure can contradict the draft's.
pub const MIN_SHARED: usize = 3;

/// How many words before a noun a figure may stand: "the fourth Oscar nomination".
const MAX_NOUN_RUN: usize = 3;

/// What a figure counts.
#[derive(Clone, Debug, PartialEq)]
pub struct Counted {
    /// A person's age: "Staunton, 49,", "a 70-year-old", "aged 70".
    pub age: bool,
    pub unit: Option<Unit>,
    /// The lemma of the noun the figure counts or ranks: "fan" for "300 fans", "nomination"
    /// for "the fourth Oscar nomination", "ban" for "a two-year ban"; or, for a sum or a
    /// share, the noun it is of ("rating" for "a rating of 37%").
    pub noun: Option<String>,
    /// The word before a noun named before the figure: "approval" in "an approval rating of
    /// 14%", which is not "an average rating of 36%".
    pub modifier: Option<String>,
}

/// A figure in a sentence: its quantity, what it counts, and where it stands.
#[derive(Clone, Debug)]
pub struct Figure {
    pub quantity: Quantity,
    pub counted: Counted,
    /// The figure's tokens (number, bound and unit words) in the sentence.
    pub tokens: Range<usize>,
    /// The figure as written, a currency sign included: "about £800m".
    pub span: Span,
}

impl Figure {
    /// Whether `other` is a figure of the same thing, of the same kind: the only figures one
    /// can agree or disagree with.
    pub fn of_same_thing(&self, other: &Figure) -> bool {
        self.counted.same_as(&other.counted) && self.quantity.kind == other.quantity.kind
    }
}

/// The draft sentence's figures outside its quotations (a quotation is the quotation
/// check's business).
pub fn unquoted<'s>(s: &'s Sentence) -> Vec<&'s Figure> {
    s.figures()
        .iter()
        .filter(|f| !f.tokens.clone().any(|i| s.in_quotation(i)))
        .collect()
}

/// Every figure of a sentence that counts something a reader could check: years are dates
/// (compared as such elsewhere), a bare number that counts nothing named is left alone, and
/// a part and the whole it is taken from ("26 of 28 provinces") both count the whole's noun,
/// so a draft that gives either agrees.
pub fn figures(text: &str, tokens: &[Token]) -> Vec<Figure> {
    let mut read: Vec<(Range<usize>, Quantity, Span)> = Vec::new();
    for f in numbers::quantities(text) {
        let first = tokens.partition_point(|t| t.span.end <= f.span.start);
        let end = tokens.partition_point(|t| t.span.start < f.span.end);
        if first < end {
            read.push((
                first..end,
                f.quantity,
                Span::within(text, f.span.start, f.span.end),
            ));
        }
    }
    let mut found = Vec::new();
    for (k, (at, quantity, span)) in read.iter().enumerate() {
        let (first, end) = (at.start, at.end);
        if quantity.kind == Kind::Year || day_of_month(tokens, first, end) {
            continue;
        }
        let whole = read
            .get(k + 1)
            .filter(|(next, ..)| part_of(text, tokens, end, next.start));
        // The whole a part is taken from counts the noun after it too ("125 out of 327
        // active cases": 327 active cases), read as its own figure: a draft may give either.

        // The part counts what its whole counts: "26 out of 28 provinces".
        let noun_end = whole.map_or(end, |(next, ..)| next.end);
        let hyphenated = hyphenated_noun(span.slice(text)).filter(|_| quantity.unit.is_none());
        let (noun, modifier) = match hyphenated.or_else(|| noun_after(text, tokens, noun_end)) {
            Some(noun) => (Some(noun), None),
            None if matches!(quantity.unit, Some(Unit::Money(_) | Unit::Percent)) => {
                noun_before(text, tokens, first)
            }
            None => (None, None),
        };
        let counted = Counted {
            age: is_age(text, tokens, first, end, quantity),
            unit: quantity.unit,
            noun,
            modifier,
        };
        if counted.unit.is_none() && counted.noun.is_none() && !counted.age {
            continue;
        }
        found.push(Figure {
            quantity: *quantity,
            counted,
            tokens: first..end,
            span: *span,
        });
    }
    found
}

/// Whether the words from token `end` to token `next` make the figure before a part of the
/// figure after: "of" or "out of" alone between them.
fn part_of(text: &str, tokens: &[Token], end: usize, next: usize) -> bool {
    let words: Vec<String> = (end..next)
        .map(|k| word(text, &tokens[k]).into_owned())
        .collect();
    matches!(
        words
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice(),
        ["of"] | ["out", "of"]
    )
}

/// A number beside a month names a day ("17 March", "March 17").
fn day_of_month(tokens: &[Token], first: usize, end: usize) -> bool {
    let month = |k: Option<&Token>| k.is_some_and(|t| t.class == Class::Month);
    month(tokens.get(end)) || (first > 0 && month(tokens.get(first - 1)))
}

/// An age: English writes it after a name between commas ("Staunton, 49, who played"), as
/// "N-year-old" or "N years old", or after "aged" or "the age of".
fn is_age(text: &str, tokens: &[Token], first: usize, end: usize, q: &Quantity) -> bool {
    let written = tokens[first].span.join(tokens[end - 1].span).slice(text);
    let after = tokens.get(end).map(|t| t.span.slice(text).to_lowercase());
    let years = q.unit == Some(Unit::Measure("year"));
    if years && (written.ends_with("old") || after.as_deref() == Some("old")) {
        return true;
    }
    let before = |back: usize, word: &str| {
        first >= back
            && tokens[first - back]
                .span
                .slice(text)
                .eq_ignore_ascii_case(word)
    };
    if before(1, "aged") || (before(1, "of") && before(2, "age")) {
        return q.unit.is_none() || years;
    }
    let plain = q.unit.is_none() && q.kind == Kind::Count && end == first + 1;
    let named_before = first > 0
        && tokens[first - 1].capitalized
        && tokens[first - 1].class == Class::Content
        && text[tokens[first - 1].span.end..tokens[first].span.start].trim() == ",";
    let closed_after = match tokens.get(end) {
        None => true,
        Some(t) => text[tokens[end - 1].span.end..t.span.start]
            .trim()
            .starts_with(','),
    };
    plain && named_before && closed_after && (0.0..130.0).contains(&q.low)
}

/// The noun a figure counts: the last of the nouns right after it, in its clause ("300 fans
/// protested": "fan"; "the fourth Oscar nomination of her career": "nomination").
fn noun_after(text: &str, tokens: &[Token], end: usize) -> Option<String> {
    let mut noun = None;
    let mut k = end;
    while k < tokens.len() && k < end + MAX_NOUN_RUN && !breaks_before(text, tokens, k) {
        let t = &tokens[k];
        if t.class != Class::Content {
            break;
        }
        let written = t.span.slice(text);
        // A compound with a number modifies the noun after it: "1,500 COVID-19 cases".
        if written.contains(|c: char| c.is_ascii_digit()) {
            k += 1;
            continue;
        }
        let known = lemmas(written);
        // A word the dictionary lacks, before a noun it has, modifies it: "127,500
        // coronavirus cases" counts cases (newer words than the dictionary are modifiers as
        // often as heads, and a head after them says which).
        if known.is_empty() && noun.is_none() {
            k += 1;
            continue;
        }
        let Some((_, lemma)) = known.iter().find(|(pos, _)| *pos == Pos::Noun) else {
            // An adjective between a number and its noun describes what is counted: "903
            // confirmed cases" counts cases.
            if noun.is_none() && known.iter().any(|(pos, _)| *pos == Pos::Adjective) {
                k += 1;
                continue;
            }
            break;
        };
        noun = Some(lemma.to_string());
        // Only the head of an English compound takes the plural ("Oscar nominations"): a
        // plural ends the noun ("300 fans protest" counts fans).
        if !lemma.eq_ignore_ascii_case(written) {
            break;
        }
        k += 1;
    }
    noun
}

/// The noun a number is hyphenated to, when it is one: "a 15-page report" counts pages.
fn hyphenated_noun(written: &str) -> Option<String> {
    let (_, suffix) = written.rsplit_once(['-', '–'])?;
    lemmas(suffix)
        .into_iter()
        .find(|(pos, _)| *pos == Pos::Noun)
        .map(|(_, lemma)| lemma.to_string())
}

/// The noun a sum or a share is of, and the word before it, where English names it before the
/// figure: "an approval rating of 14%", "valued the Premiership club at £800m".
fn noun_before(text: &str, tokens: &[Token], first: usize) -> (Option<String>, Option<String>) {
    let mut k = first;
    // One preposition or form of "be" between: "of", "at", "was". Not a conjunction: in
    // "£2.6m in the inner harbour and £1.4m" the harbour is not what £1.4m is of.
    if k > 0 && !breaks_before(text, tokens, k) && !tokens[k - 1].is_content() {
        // ("but" opens a clause: the clause check stops there already.)
        if matches!(word(text, &tokens[k - 1]).as_ref(), "and" | "or" | "nor") {
            return (None, None);
        }
        k -= 1;
    }
    let mut words = Vec::new();
    while k > 0 && words.len() < 2 && !breaks_before(text, tokens, k) {
        let t = &tokens[k - 1];
        if t.class != Class::Content {
            break;
        }
        let written = t.span.slice(text);
        let noun = lemmas(written)
            .into_iter()
            .find(|(pos, _)| *pos == Pos::Noun)
            .map(|(_, lemma)| lemma.to_string());
        match noun {
            Some(lemma) => words.push(lemma),
            // A name or an adjective modifies the noun ("Premiership club", "average score").
            None if !words.is_empty() => words.push(written.to_lowercase()),
            None => break,
        }
        k -= 1;
    }
    let mut words = words.into_iter();
    (words.next(), words.next())
}

impl Counted {
    /// Whether two figures count the same thing, so that their values can be compared.
    pub fn same_as(&self, other: &Counted) -> bool {
        if self.age != other.age {
            return false;
        }
        if self.age {
            return true;
        }
        let nouns_meet = match (&self.noun, &other.noun) {
            (Some(a), Some(b)) => {
                same_noun(a, b)
                    && match (&self.modifier, &other.modifier) {
                        (Some(x), Some(y)) => x == y,
                        _ => true,
                    }
            }
            _ => false,
        };
        match (self.unit, other.unit) {
            (Some(a), Some(b)) => {
                (a == b || (days_in(a).is_some() && days_in(b).is_some()))
                    && (nouns_meet || self.noun.is_none() || other.noun.is_none())
            }
            (None, None) => nouns_meet,
            _ => false,
        }
    }
}

/// Whether two counted nouns name one thing: one lemma, or two words for the most frequent
/// sense of both ("travellers" and "travelers"; not "cases" and "suits").
fn same_noun(a: &str, b: &str) -> bool {
    a == b || synonym_rank(a, b, Pos::Noun) == Some(0)
}

/// How many days a unit of time is; None for other units.
fn days_in(unit: Unit) -> Option<f64> {
    Some(match unit {
        Unit::Measure("second") => 1.0 / 86_400.0,
        Unit::Measure("minute") => 1.0 / 1_440.0,
        Unit::Measure("hour") => 1.0 / 24.0,
        Unit::Measure("day") => 1.0,
        Unit::Measure("week") => 7.0,
        Unit::Measure("month") => 30.44,
        Unit::Measure("year") => 365.25,
        _ => return None,
    })
}

/// Whether two figures of the same thing can be one fact; durations in days.
pub fn agreement(a: &Figure, b: &Figure) -> Agreement {
    let in_days = |f: &Figure| -> Quantity {
        let mut q = f.quantity;
        if let Some(days) = q.unit.filter(|_| !f.counted.age).and_then(days_in) {
            q.low *= days;
            q.high *= days;
            q.rounding *= days;
            q.unit = Some(Unit::Measure("day"));
        }
        q
    };
    let (a, b) = (in_days(a), in_days(b));
    // A draft that gives a source's open bound as its figure ("in 90 countries" for "in
    // over 90 countries") restates it loosely, not falsely.
    let bound_as_figure = a.bound == Bound::Exact
        && matches!(b.bound, Bound::Over | Bound::Under)
        && a.kind == b.kind
        && a.unit == b.unit
        && a.value() == b.value();
    if bound_as_figure {
        return Agreement::Agrees;
    }
    a.agrees_with(&b)
}

/// A source sentence read for figures: its figures and which of its tokens name someone.
struct SourceFigures<'c> {
    candidate: &'c Candidate,
    figures: &'c [Figure],
    /// Content words of the draft sentence that meet a word of this source sentence.
    shared: usize,
}

/// Contradictions of the draft's figures by candidate sources that make the same claim.
pub fn contradictions(s: &Sentence, out: &mut Vec<Finding>) {
    let drafts = unquoted(s);
    if drafts.is_empty() {
        return;
    }
    let sources: Vec<SourceFigures> = s
        .candidates
        .iter()
        .map(|c| {
            let figures = c.figures();
            let in_draft_figure = |k: usize| drafts.iter().any(|f| f.tokens.contains(&k));
            let in_source_figure = |k: usize| figures.iter().any(|f| f.tokens.contains(&k));
            let shared =
                s.words()
                    .meeting(c.words(), |i| !in_draft_figure(i), |j| !in_source_figure(j));
            SourceFigures {
                candidate: c,
                figures,
                shared,
            }
        })
        .collect();
    for &d in &drafts {
        let same = |f: &&Figure| f.of_same_thing(d);
        let agreed_in = |src: &SourceFigures| {
            src.shared >= 1
                && (src.figures.iter())
                    .filter(same)
                    .any(|f| agreement(d, f) == Agreement::Agrees)
        };
        // A figure standing where the draft's stands is compared first, whatever else the
        // source sentence counts: other candidates may still agree with the draft.
        if let Some((src, theirs)) = anchored_contradiction(s, d, &sources) {
            let elsewhere =
                (sources.iter()).any(|o| o.candidate.id != src.candidate.id && agreed_in(o));
            if !elsewhere {
                report(s, d, src.candidate, theirs, out);
                continue;
            }
        }
        // Two figures of one thing in the draft ("from 300 to 400 fans") are a change, not
        // a figure a source can give otherwise.
        if drafts
            .iter()
            .filter(|o| o.counted.same_as(&d.counted))
            .count()
            > 1
        {
            continue;
        }
        if sources.iter().any(agreed_in) {
            continue;
        }
        let contradicting = sources
            .iter()
            .filter_map(|src| {
                let theirs: Vec<&Figure> = src.figures.iter().filter(same).collect();
                let all_differ = !theirs.is_empty()
                    && theirs
                        .iter()
                        .all(|f| agreement(d, f) == Agreement::Disagrees);
                let f = if src.shared >= MIN_SHARED {
                    *theirs.first()?
                } else {
                    // On less shared context, no figure of the source's may fit the draft's.
                    let f = *theirs.iter().find(|f| just_past_bound(d, f))?;
                    if another_fits(d, src.figures) {
                        return None;
                    }
                    f
                };
                (all_differ
                    && participants::agree(s, d.tokens.clone(), src.candidate, f.tokens.clone())
                    && same_time(s, src.candidate))
                .then_some((src, f))
            })
            .max_by_key(|(src, _)| (src.shared, std::cmp::Reverse(src.candidate.id)));
        let Some((src, theirs)) = contradicting else {
            continue;
        };
        report(s, d, src.candidate, theirs, out);
    }
}

/// Whether the source gives the draft's figure as a bare number, its noun left to a figure
/// before it: English drops a repeated noun in a list, the number after a comma or "and"
/// and before the preposition that sorts it ("93 cases, 59 in Republika Srpska, and 34 in
/// the Federation": 34 cases).
fn elided_fits(d: &Figure, c: &Candidate) -> bool {
    let (text, tokens) = (&c.text, &c.tokens);
    let listed = |k: usize| {
        let after_comma = k > 0 && text[tokens[k - 1].span.end..tokens[k].span.start].contains(',');
        let after_and = k > 0 && word(text, &tokens[k - 1]) == "and";
        let before_preposition = tokens.get(k + 1).is_some_and(|t| {
            matches!(
                word(text, t).as_ref(),
                "in" | "at" | "on" | "for" | "from" | "of"
            )
        });
        (after_comma || after_and) && before_preposition
    };
    numbers::quantities(text).iter().any(|q| {
        let k = tokens.partition_point(|t| t.span.end <= q.span.start);
        let bare = q.quantity.unit.is_none()
            && q.quantity.kind == Kind::Count
            && k < tokens.len()
            && listed(k)
            && !quantity::is_day(tokens, k)
            && !c.figures().iter().any(|f| f.tokens.contains(&k));
        bare && d.quantity.unit.is_none()
            && d.quantity.agrees_with(&q.quantity) == Agreement::Agrees
    })
}

/// Whether a figure of `figures` fits the draft's `d`, unless it counts another noun ("one
/// death" beside "121 cases"): the draft may mean that one.
fn another_fits(d: &Figure, figures: &[Figure]) -> bool {
    figures.iter().any(|g| {
        let other_noun = matches!(
            (&d.counted.noun, &g.counted.noun),
            (Some(a), Some(b)) if a != b
        );
        g.quantity.kind == d.quantity.kind && !other_noun && agreement(d, g) == Agreement::Agrees
    })
}

/// The source figure that stands where the draft's figure `d` stands, when it disagrees
/// with it: the content words right before and right after the two figures are aligned
/// with each other ("grossed less than $165.5 million in the United States" against "has
/// grossed $165.7 million in the United States"). A sentence of several sums ("... and
/// $146.3 million in other territories") is then read figure by figure, by place, not by
/// whether any of its sums fits. None where a figure so placed in any candidate agrees.
fn anchored_contradiction<'c>(
    s: &Sentence,
    d: &Figure,
    sources: &'c [SourceFigures<'c>],
) -> Option<(&'c SourceFigures<'c>, &'c Figure)> {
    // An age is read by its own rules (participants::agree's owners), never by place.
    if d.counted.age {
        return None;
    }
    let mut found: Option<(&SourceFigures, &Figure)> = None;
    for src in sources.iter().filter(|src| src.shared >= 2) {
        let c = src.candidate;
        for f in src.figures.iter().filter(|f| anchored(s, d, c, f)) {
            match agreement(d, f) {
                Agreement::Agrees => return None,
                Agreement::Incomparable => {}
                Agreement::Disagrees => {
                    let fits = participants::agree(s, d.tokens.clone(), c, f.tokens.clone())
                        && same_time(s, c)
                        && !f.counted.age;
                    if fits && found.is_none_or(|(best, _)| src.shared > best.shared) {
                        found = Some((src, f));
                    }
                }
            }
        }
    }
    found
}

/// Whether the content words right around the draft's figure `d`, one before and one after
/// in its clause, are aligned with those right around the source's `f`.
fn anchored(s: &Sentence, d: &Figure, c: &Candidate, f: &Figure) -> bool {
    let pair = |after: bool| {
        let ours = beside(s.text, &s.tokens, &d.tokens, after)?;
        let theirs = beside(&c.text, &c.tokens, &f.tokens, after)?;
        Some(c.alignment.source_of(ours) == Some(theirs))
    };
    // Before a sum, the verb that earns or spends it may be another word for the same deed
    // ("made $33.5 million in North America", "grossed $33.3 million in North America"):
    // a verb on both sides, with what follows aligned, places the sums as well.
    let verbs_before = || {
        let verb = |text: &str, tokens: &[Token], figure: &Range<usize>| {
            beside(text, tokens, figure, false).is_some_and(|k| {
                let lemmas = lemmas(tokens[k].span.slice(text));
                lemmas.iter().any(|(pos, _)| *pos == Pos::Verb)
                    && !lemmas.iter().any(|(pos, _)| *pos == Pos::Noun)
            })
        };
        verb(s.text, &s.tokens, &d.tokens) && verb(&c.text, &c.tokens, &f.tokens)
    };
    d.quantity.kind == f.quantity.kind
        && pair(true) == Some(true)
        && (pair(false) == Some(true) || verbs_before())
}

/// How many tokens from a figure its anchoring word may stand ("$165.7 million in the
/// United States": "United" is three on).
const ANCHOR_REACH: usize = 4;

/// The content word nearest a figure's tokens on one side, in its clause, with no other
/// number between: past one, a word stands beside that number ("125 out of 327 active
/// cases": "active" places 327, not 125).
fn beside(text: &str, tokens: &[Token], figure: &Range<usize>, after: bool) -> Option<usize> {
    let word = |k: &usize| tokens[*k].is_content();
    let found = if after {
        (figure.end..tokens.len().min(figure.end + ANCHOR_REACH))
            .take_while(|&k| !breaks_before(text, tokens, k))
            .find(word)
    } else {
        (figure.start.saturating_sub(ANCHOR_REACH)..figure.start)
            .rev()
            .take_while(|&k| !breaks_before(text, tokens, k + 1))
            .find(word)
    };
    found.filter(|&k| tokens[k].value.is_none())
}

/// A draft's bound on a figure ("more than 7,950 tests") that just misses a source's exact
/// figure of the same counted thing ("7,920 tests"): a writer who bounds a figure bounds
/// the one the sources give, so a value this near, counting the same noun or unit, is the
/// figure the draft bounds even where the two sentences share no other word. A bare number
/// counts nothing to match, and a figure far past the bound may be another.
fn just_past_bound(d: &Figure, f: &Figure) -> bool {
    let (ours, theirs) = (&d.quantity, &f.quantity);
    let bounded = matches!(
        ours.bound,
        Bound::Over | Bound::AtLeast | Bound::Under | Bound::AtMost
    );
    // The source's figure is exact, or bounded the other way ("over $85 million" against
    // "less than $83 million"): either way the bound excludes it outright.
    let exact = theirs.low == theirs.high
        && match theirs.bound {
            Bound::Exact => true,
            Bound::Over | Bound::AtLeast => matches!(ours.bound, Bound::Under | Bound::AtMost),
            Bound::Under | Bound::AtMost => matches!(ours.bound, Bound::Over | Bound::AtLeast),
            Bound::About | Bound::Nearly => false,
        };
    let (a, b) = (ours.value().abs(), theirs.value().abs());
    bounded
        && exact
        && (d.counted.noun.is_some() || d.counted.unit.is_some())
        && a.min(b) > 0.0
        && a.max(b) <= quantity::BOUND_SLACK * a.min(b)
        && agreement(d, f) == Agreement::Disagrees
}

/// Whether the draft's number at token `i` and the source's at `j` may be compared as one
/// figure: false where both are read as figures of different things ("first nomination",
/// "three nominations"; "an approval rating of 14%", "an average rating of 36%") or of
/// different participants.
pub fn comparable(s: &Sentence, i: usize, c: &Candidate, j: usize) -> bool {
    let ours = s.figures().iter().find(|f| f.tokens.contains(&i));
    let theirs = c.figures().iter().find(|f| f.tokens.contains(&j));
    match (ours, theirs) {
        (Some(d), Some(f)) => {
            d.quantity.kind == f.quantity.kind
                && d.counted.same_as(&f.counted)
                && participants::agree(s, d.tokens.clone(), c, f.tokens.clone())
        }
        _ => true,
    }
}

/// False when both sentences date their claim by month or year and share none of it.
pub fn same_time(s: &Sentence, c: &Candidate) -> bool {
    let dates = |text: &str, tokens: &[Token]| -> Vec<u64> {
        tokens
            .iter()
            .filter(|t| t.class == Class::Month || quantity::is_year(text, t))
            .map(|t| t.norm)
            .collect()
    };
    let (ours, theirs) = (dates(s.text, &s.tokens), dates(&c.text, &c.tokens));
    ours.is_empty() || theirs.is_empty() || ours.iter().any(|d| theirs.contains(d))
}

fn report(s: &Sentence, d: &Figure, c: &Candidate, f: &Figure, out: &mut Vec<Finding>) {
    let span = d.span;
    if out.iter().any(|o| o.span.overlaps(span)) || elided_fits(d, c) {
        return;
    }
    let theirs = f.span.slice(&c.text).to_string();
    let ours = span.slice(s.text);
    let matched: Vec<usize> = c.alignment.pairs.iter().map(|p| p.1).collect();
    let ev = evidence(
        s.index,
        c.id,
        &c.tokens,
        &[f.tokens.start, f.tokens.end - 1],
        &matched,
    );
    // "a two-year ban" does not take "four years" in its place.
    let fits = ours.contains('-') == theirs.contains('-');
    let message = format!("the sources say {}, not {}", Quoted(&theirs), Quoted(ours));
    let fix = fits.then(|| Fix::replace_with(span, theirs.clone()));
    out.push(Finding::contradiction(span, &message, ev, fix));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn counted(text: &str) -> Vec<(String, Counted)> {
        let tokens = tokenize(text);
        figures(text, &tokens)
            .into_iter()
            .map(|f| {
                let span = tokens[f.tokens.start]
                    .span
                    .join(tokens[f.tokens.end - 1].span);
                (span.slice(text).to_string(), f.counted)
            })
            .collect()
    }

    #[test]
    fn a_figure_is_read_with_what_it_counts() {
        let found = counted(
            "Staunton, 49, who played her, saw about 300 fans protest for four days \
             before the fourth Oscar nomination of her career and a two-year ban in 1998.",
        );
        let shown: Vec<(String, bool, Option<Unit>, Option<String>)> = found
            .into_iter()
            .map(|(w, c)| (w, c.age, c.unit, c.noun))
            .collect();
        assert_eq!(
            shown,
            [
                ("49".into(), true, None, None),
                ("about 300".into(), false, None, Some("fan".into())),
                ("four days".into(), false, Some(Unit::Measure("day")), None),
                ("fourth".into(), false, None, Some("nomination".into())),
                (
                    "two-year".into(),
                    false,
                    Some(Unit::Measure("year")),
                    Some("ban".into())
                ),
            ]
        );
    }

    #[test]
    fn an_age_is_read_in_each_of_the_ways_english_writes_one() {
        for text in [
            "Hogwood, 73, died.",
            "A 73-year-old died.",
            "He was 73 years old.",
            "He died aged 73.",
            "He died at the age of 73.",
        ] {
            let found = counted(text);
            assert!(
                matches!(found.as_slice(), [(_, c)] if c.age),
                "{text}: {found:?}"
            );
        }
        // A number after "of" that is not "the age of" counts something else.
        assert!(counted("the loss of 73 jobs").iter().all(|(_, c)| !c.age));
    }

    #[test]
    fn only_figures_of_one_thing_compare() {
        let of = |text: &str| counted(text).remove(0).1;
        assert!(of("two weeks").same_as(&of("four days")));
        assert!(of("300 fans").same_as(&of("3,000 fans went")));
        // A compound with a number before the noun: the noun is still what is counted.
        assert!(of("1,500 COVID-19 cases").same_as(&of("1,565 cases")));
        assert_eq!(of("1,500 COVID-19 cases").noun.as_deref(), Some("case"));
        // So does a word the dictionary does not know before a noun it does.
        assert_eq!(
            of("127,500 coronavirus cases").noun.as_deref(),
            Some("case")
        );
        assert!(of("127,500 coronavirus cases").same_as(&of("127,574 cases")));
        // An adjective describes what is counted; it is not what is counted.
        assert_eq!(of("903 confirmed cases").noun.as_deref(), Some("case"));
        assert!(of("276 active cases").same_as(&of("285 cases")));
        assert!(!of("the first nomination").same_as(&of("three fans")));
        assert!(!of("£800m").same_as(&of("$1.5bn")));
        assert!(!of("Lee, 49, said").same_as(&of("49 days")));
        assert!(of("26 out of 28 provinces").same_as(&of("26 provinces")));
        assert!(!of("an approval rating of 14%").same_as(&of("an average rating of 36%")));
        assert!(of("value the club at £800m").same_as(&of("the club at £900m")));
    }

    #[test]
    fn a_word_beside_a_figure_stands_beside_no_other_number_first() {
        let text = "announced that 125 out of 327 active cases remain";
        let tokens = tokenize(text);
        let at = |w: &str| tokens.iter().position(|t| t.span.slice(text) == w).unwrap();
        let (part, whole) = (at("125"), at("327"));
        assert_eq!(beside(text, &tokens, &(part..part + 1), true), None);
        assert_eq!(
            beside(text, &tokens, &(whole..whole + 1), true),
            Some(at("active"))
        );
        assert_eq!(
            beside(text, &tokens, &(part..part + 1), false),
            Some(at("announced"))
        );
    }

    #[test]
    fn a_number_in_a_list_counts_the_noun_named_once() {
        use crate::corpus::Corpus;
        use crate::index::Index;
        let source = "As of 2 May , in the county there are currently 93 cases , 59 in \
            Northshire , and 34 in the Vale of Ashby , and no reported cases in Elmsford .";
        let index = Index::build(Corpus::from_texts([("a.txt", source)]));
        let check = |draft: &str| {
            let s = Sentence::read(&index, draft, Vec::new());
            let mut out = Vec::new();
            contradictions(&s, &mut out);
            out.len()
        };
        assert_eq!(
            check("34 flu cases have been reported in the Vale of Ashby ."),
            0,
            "34 cases in the Vale, the noun named once for the list"
        );
        assert_eq!(
            check("There are currently 39 cases in the county ."),
            1,
            "a count no number of the list gives"
        );
    }

    #[test]
    fn a_part_and_its_whole_both_count_the_whole_s_noun() {
        let nouns: Vec<(String, Option<String>)> =
            counted("125 out of 327 active cases remain in hospital.")
                .into_iter()
                .map(|(w, c)| (w, c.noun))
                .collect();
        let case = Some("case".to_string());
        assert_eq!(
            nouns,
            [("125".into(), case.clone()), ("327".into(), case)],
            "a draft giving either figure of the cases agrees"
        );
    }

    #[test]
    fn durations_agree_across_units() {
        let figure = |text: &str| {
            let tokens = tokenize(text);
            figures(text, &tokens).remove(0)
        };
        assert_eq!(
            agreement(&figure("two weeks"), &figure("14 days")),
            Agreement::Agrees
        );
        assert_eq!(
            agreement(&figure("two weeks"), &figure("four days")),
            Agreement::Disagrees
        );
    }
}
