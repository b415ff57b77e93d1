//! Contradictions: where a draft sentence restates a source sentence but changes what it
//! claims: another name, number or date in the same slot, a negation the source does not have
//! (or lacks one it has), or support turned into opposition.
//!
//! A finding needs a source that clearly says otherwise (the rest of the clause agrees) and no
//! candidate source that says what the draft says.

use crate::check::agents;
use crate::check::attribution;
use crate::check::clause::{
    self, breaks_before, clause_end, clause_start, complement_verb_after, coordinated,
    negated_after, negator_of, refused_before, stance_toward, word,
};
use crate::check::dates::{self, as_of, same_deed, same_event};
use crate::check::descriptions;
use crate::check::evidence::evidence;
use crate::check::figures;
use crate::check::finding::{Evidence, Finding, Fix, Quoted};
use crate::check::mentions;
use crate::check::opposites;
use crate::check::participants;
use crate::check::quantity;
use crate::check::sentence::{Candidate, Sentence};
use crate::text::tokens::Class;
use crate::text::{Span, Token};

/// Aligned content words a source sentence must share with the draft before it can contradict.
const MIN_STRENGTH: usize = 3;
/// The widest gap (in tokens) between aligned words that still reads as one slot.
const MAX_SLOT_DRAFT: usize = 10;
const MAX_SLOT_SOURCE: usize = 10;

pub fn contradictions(s: &Sentence) -> Vec<Finding> {
    let mut found = Vec::new();
    // "scored 81 and 78 on 8 and 14 reviews respectively" pairs lists by their order, which
    // no check here reads: its names, figures and dates are not compared one by one.
    let in_order = clause::respectively(s.text, &s.tokens);
    for c in &s.candidates {
        let strength = claim_strength(s, c);
        // A number next to the same unit word is specific enough to compare on less shared
        // context than a name or a negation.
        if strength >= MIN_STRENGTH - 1 && !in_order {
            bounds_on_equal_numbers(s, c, &mut found);
            slot_changes(s, c, &[Kind::Year, Kind::Count], &mut found);
            // A bounded date needs as little as a year does: both date one deed by its verb.
            dates::contradictions(s, c, &mut found);
        }
        if strength >= MIN_STRENGTH {
            if !in_order {
                slot_changes(s, c, &[Kind::Name, Kind::Month, Kind::Weekday], &mut found);
            }
            negation_flips(s, c, &mut found);
            stance_flips(s, c, &mut found);
            opposites::contradictions(s, c, &mut found);
        }
    }
    if !in_order {
        figures::contradictions(s, &mut found);
    }
    descriptions::contradictions(s, &mut found);
    agents::contradictions(s, &mut found);
    found
}

/// "more than 131 caps" where the source says "131 caps": the bound excludes the very value the
/// source gives.
fn bounds_on_equal_numbers(s: &Sentence, c: &Candidate, out: &mut Vec<Finding>) {
    for &(i, j) in &c.alignment.pairs {
        let (d, v) = (&s.tokens[i], &c.tokens[j]);
        if d.class != Class::Number
            || v.class != Class::Number
            || s.in_quotation(i)
            || quantity::is_day(&s.tokens, i)
            // A year written after its month is a date, not a count ("After November 2018,
            // Resident Evil 5 had sold" has no unit "Resident").
            || quantity::date_start(&s.tokens, i) < i
            || quantity::date_start(&c.tokens, j) < j
        {
            continue;
        }
        if quantity::bound_before(s.text, &s.tokens, i).is_none()
            || unit_after(&s.tokens, i).is_none()
            || unit_after(&s.tokens, i) != unit_after(&c.tokens, j)
        {
            continue;
        }
        if quantity::compare(s.text, &s.tokens, i, &c.text, &c.tokens, j)
            != quantity::Verdict::Disagree
        {
            continue;
        }
        let first = bound_start(s.text, &s.tokens, i);
        let span = s.token_span(first, i);
        if out.iter().any(|f| f.span.overlaps(span)) {
            continue;
        }
        let theirs = v.span.slice(&c.text).to_string();
        let matched: Vec<usize> = c.alignment.pairs.iter().map(|p| p.1).collect();
        let ev = evidence(s.index, c.id, &c.tokens, &[j], &matched);
        out.push(finding(
            span,
            format!(
                "the sources say {}, which {} excludes",
                Quoted(&theirs),
                Quoted(span.slice(s.text))
            ),
            ev,
            Some(Fix::replace_with(span, theirs)),
        ));
    }
}

/// Aligned content words outside the draft's quotations: quoted words are the quotation
/// check's business, and a quotation shared with a source says nothing of who said it or of
/// the claims around it.
fn claim_strength(s: &Sentence, c: &Candidate) -> usize {
    c.alignment
        .pairs
        .iter()
        .filter(|(i, _)| s.tokens[*i].is_content() && !s.in_quotation(*i))
        .count()
}

/// What sort of fact a key token states; only facts of one kind can replace each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Name,
    Year,
    Count,
    Month,
    Weekday,
}

fn kind(t: &Token) -> Option<Kind> {
    match t.class {
        Class::Month => Some(Kind::Month),
        Class::Weekday => Some(Kind::Weekday),
        Class::Number => {
            let v = t.value.unwrap_or(0.0);
            if v.fract() == 0.0 && (1000.0..=2100.0).contains(&v) {
                Some(Kind::Year)
            } else {
                Some(Kind::Count)
            }
        }
        Class::Content if t.capitalized => Some(Kind::Name),
        _ => None,
    }
}

/// The alignment without the name, number or date matched far away: where the draft goes on
/// from a shared word to its fact in the same clause, but the source's copy of that fact
/// stands past the end of the shared word's clause ("China preferred Trump" against "China
/// preferred a Biden presidency, although ... boost Trump's candidacy"), the source's own fact
/// in that place is what the draft's must be compared with.
fn tight_pairs(s: &Sentence, c: &Candidate) -> Vec<(usize, usize)> {
    let mut kept: Vec<(usize, usize)> = Vec::with_capacity(c.alignment.pairs.len());
    for &(i, j) in &c.alignment.pairs {
        let far = kept.last().is_some_and(|&(pi, pj)| {
            s.tokens[i].is_key()
                && i < clause_end(s.text, &s.tokens, pi)
                && j >= clause_end(&c.text, &c.tokens, pj)
        });
        if !far {
            kept.push((i, j));
        }
    }
    kept
}

/// Another name, number or date where the source has its own, with the words around agreeing.
fn slot_changes(s: &Sentence, c: &Candidate, kinds: &[Kind], out: &mut Vec<Finding>) {
    let pairs = &tight_pairs(s, c);
    let mut bounds: Vec<(Option<usize>, Option<usize>)> = vec![(None, pairs.first().map(|_| 0))];
    for p in 0..pairs.len() {
        bounds.push((Some(p), (p + 1 < pairs.len()).then_some(p + 1)));
    }
    for (before, after) in bounds {
        let d_lo = before.map_or(0, |p| pairs[p].0 + 1);
        let d_hi = after.map_or(s.tokens.len(), |p| pairs[p].0);
        let s_lo = before.map_or(0, |p| pairs[p].1 + 1);
        let s_hi = after.map_or(c.tokens.len(), |p| pairs[p].1);
        // With no anchor on the right, a slot ends with its clause on each side.
        let (d_hi, s_hi) = match (before, after) {
            (Some(_), None) => (
                d_hi.min(clause_end(s.text, &s.tokens, d_lo)),
                s_hi.min(clause_end(&c.text, &c.tokens, s_lo)),
            ),
            _ => (d_hi, s_hi),
        };
        if d_lo >= d_hi
            || s_lo >= s_hi
            || d_hi - d_lo > MAX_SLOT_DRAFT
            || s_hi - s_lo > MAX_SLOT_SOURCE
        {
            continue;
        }
        if anchor_strength(s, pairs, before, after) < 2 {
            continue;
        }
        for &kind in kinds {
            let draft_keys: Vec<usize> = (d_lo..d_hi)
                .filter(|&i| kind_of_draft(s, i) == Some(kind) && !s.in_quotation(i))
                .collect();
            let source_keys: Vec<usize> = (s_lo..s_hi)
                .filter(|&j| kind_of_source(c, j) == Some(kind))
                .collect();
            // A name slot is the name right against a shared anchor, in the same clause, on
            // both sides: elsewhere in a gap a name plays another part (a subject, a place).
            let (draft_keys, source_keys) = if kind == Kind::Name {
                same_position_names(
                    s,
                    c,
                    (d_lo, d_hi),
                    (s_lo, s_hi),
                    before.is_some(),
                    after.is_some(),
                )
            } else {
                (draft_keys, source_keys)
            };
            if draft_keys.is_empty() || source_keys.is_empty() {
                continue;
            }
            if kind == Kind::Name
                && spelled_alike(
                    s.text,
                    &s.tokens,
                    &draft_keys,
                    &c.text,
                    &c.tokens,
                    &source_keys,
                )
            {
                continue;
            }
            // The draft's fact must be absent from the source's clause, and the source's from
            // the draft's: otherwise the words moved, they did not change.
            let source_clause =
                clause_start(&c.text, &c.tokens, s_lo)..clause_end(&c.text, &c.tokens, s_hi - 1);
            let draft_clause =
                clause_start(s.text, &s.tokens, d_lo)..clause_end(s.text, &s.tokens, d_hi - 1);
            if draft_keys.iter().any(|&i| {
                c.tokens[source_clause.clone()]
                    .iter()
                    .any(|t| t.norm == s.tokens[i].norm)
            }) {
                continue;
            }
            if source_keys.iter().any(|&j| {
                s.tokens[draft_clause.clone()]
                    .iter()
                    .any(|t| t.norm == c.tokens[j].norm)
            }) {
                continue;
            }
            if kind == Kind::Name
                && same_name_abbreviated(
                    s.text,
                    &s.tokens,
                    &draft_keys,
                    &c.text,
                    &c.tokens,
                    &source_keys,
                )
            {
                continue;
            }
            if kind == Kind::Name && listed_with(s, c, &draft_keys, &source_keys) {
                continue;
            }
            if !values_disagree(kind, s, c, &draft_keys, &source_keys) {
                continue;
            }
            if said_elsewhere(s, c, &draft_keys)
                || (kind == Kind::Year && given_elsewhere(s, c, draft_keys[0]))
            {
                continue;
            }
            report_slot(s, c, &draft_keys, &source_keys, out);
        }
    }
    dates_and_measures(s, c, kinds, out);
    days_of_months(s, c, out);
}

/// A day of a month against the day a source gives in the same month for the same deed:
/// "will be released on 25 November 2015" against "will release on November 20, 2015",
/// "presented after July 7" against "On 2 July, he was presented". A bound on a day is read
/// as on any figure ("before", "after", "by", "since"); two years named, and different, are
/// the years' business, and a day that starts or ends a range ("April 9 - 11") is none. The verbs of the two clauses must not tell of two events (a bound
/// opens a clause of its own, without a verb: "will open after 20 September").
fn days_of_months(s: &Sentence, c: &Candidate, out: &mut Vec<Finding>) {
    if claim_strength(s, c) < MIN_STRENGTH {
        return;
    }
    let month_of = |tokens: &[Token], k: usize| {
        [k + 1, k.wrapping_sub(1)]
            .into_iter()
            .filter_map(|m| tokens.get(m))
            .find(|t| t.class == Class::Month)
            .map(|t| t.norm)
    };
    let year_of = |text: &str, tokens: &[Token], k: usize| {
        (k.saturating_sub(3)..tokens.len().min(k + 4))
            .find(|&y| quantity::is_year(text, &tokens[y]))
            .and_then(|y| tokens[y].value)
    };
    for i in 0..s.tokens.len() {
        if s.in_quotation(i) || !quantity::is_day(&s.tokens, i) {
            continue;
        }
        let Some(month) = month_of(&s.tokens, i) else {
            continue;
        };
        let same_month: Vec<usize> = (0..c.tokens.len())
            .filter(|&j| quantity::is_day(&c.tokens, j) && month_of(&c.tokens, j) == Some(month))
            .collect();
        let [j] = same_month[..] else {
            continue;
        };
        let (Some(d), Some(v)) = (s.tokens[i].value, c.tokens[j].value) else {
            continue;
        };
        let years = (
            year_of(s.text, &s.tokens, i),
            year_of(&c.text, &c.tokens, j),
        );
        if matches!(years, (Some(a), Some(b)) if a != b)
            || quantity::bound_before(&c.text, &c.tokens, j).is_some()
            || quantity::in_range(&c.text, &c.tokens, j)
            || quantity::in_range(s.text, &s.tokens, i)
            || !same_event(s, i, c, j)
        {
            continue;
        }
        // "As of 20 April" dates a state as it stood that day, which may have held before
        // and after: it bounds no day.
        let bound = quantity::bound_before(s.text, &s.tokens, i);
        if bound.is_some() && as_of(&c.text, &c.tokens, j) {
            continue;
        }
        let disagree = match bound {
            None => d != v,
            Some(quantity::Bound::About) => false,
            Some(bound) => !quantity::within(bound, d, v),
        };
        let span = s.token_span(bound_start(s.text, &s.tokens, i), i);
        if disagree && !out.iter().any(|f| f.span.overlaps(span)) {
            report_slot(s, c, &[i], &[j], out);
        }
    }
}

/// The name runs of a draft gap and a source gap standing in the same place: both right after
/// the left anchor, or both right before the right anchor.
fn same_position_names(
    s: &Sentence,
    c: &Candidate,
    (d_lo, d_hi): (usize, usize),
    (s_lo, s_hi): (usize, usize),
    left: bool,
    right: bool,
) -> (Vec<usize>, Vec<usize>) {
    for from_left in [true, false] {
        if (from_left && !left) || (!from_left && !right) {
            continue;
        }
        let ours = name_run(s.text, &s.tokens, d_lo, d_hi, from_left);
        let theirs = name_run(&c.text, &c.tokens, s_lo, s_hi, from_left);
        if !ours.is_empty() && !theirs.is_empty() {
            return (ours, theirs);
        }
    }
    (Vec::new(), Vec::new())
}

/// The names in `lo..hi` right against the anchor: at `lo` when the anchor is on the left,
/// ending at `hi` when it is on the right; an article may stand between.
fn name_run(text: &str, tokens: &[Token], lo: usize, hi: usize, from_left: bool) -> Vec<usize> {
    let is_article = |k: usize| {
        matches!(
            crate::check::clause::word(text, &tokens[k]).as_ref(),
            "the" | "a" | "an"
        )
    };
    let mut run = Vec::new();
    if from_left {
        let mut k = lo;
        if k < hi && is_article(k) {
            k += 1;
        }
        while k < hi && tokens[k].is_name() && !breaks_before(text, tokens, k) {
            run.push(k);
            k += 1;
        }
    } else {
        let mut k = hi;
        while k > lo && tokens[k - 1].is_name() && (k == hi || !breaks_before(text, tokens, k)) {
            k -= 1;
            run.insert(0, k);
        }
        if hi < tokens.len() && breaks_before(text, tokens, hi) {
            run.clear();
        }
    }
    run
}

/// Two spellings of one name (Kelly / Kelley, Deigo / Diego), rather than two names. (Two
/// names of one country, Beijing / China, are one mention: see [`mentions`].)
fn spelled_alike(
    dt: &str,
    d: &[Token],
    dk: &[usize],
    st: &str,
    src: &[Token],
    sk: &[usize],
) -> bool {
    let text = |t: &str, tokens: &[Token], keys: &[usize]| -> String {
        keys.iter()
            .map(|&k| tokens[k].span.slice(t).to_lowercase())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (a, b) = (text(dt, d, dk), text(st, src, sk));
    a.contains(&b)
        || b.contains(&a)
        || (a.chars().count().min(b.chars().count()) >= 4 && edit_distance(&a, &b) <= 2)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// Dates and measured quantities need no shared slot: a source that restates the draft's
/// sentence with one date ("an October news conference") contradicts the draft's only date of
/// that kind ("a news conference in September") wherever each stands; so does "15-page" a
/// draft's "25 pages". Counts pair by unit: "450 deaths" with "479 deaths", not with "4,227
/// recoveries".
fn dates_and_measures(s: &Sentence, c: &Candidate, kinds: &[Kind], out: &mut Vec<Finding>) {
    // A name is no date or measure: where it stands says what part it plays ("the Xbox 360
    // version sold" names a version, not who sold), so names are compared in their slots.
    for &kind in kinds.iter().filter(|&&k| k != Kind::Name) {
        // A count needs the shared words of a restatement; a year one fewer, when both years
        // date one deed by its verb (below: "Sisqó was born before 1980" against "Sisqó (born
        // November 9, 1981)"); a name of a month or weekday one more.
        let needed = match kind {
            Kind::Count => MIN_STRENGTH,
            Kind::Year => MIN_STRENGTH - 1,
            _ => MIN_STRENGTH + 1,
        };
        let strength = claim_strength(s, c);
        if strength < needed {
            continue;
        }
        let measured =
            |tokens: &[Token], k: usize| kind != Kind::Count || unit_after(tokens, k).is_some();
        let draft: Vec<usize> = (0..s.tokens.len())
            .filter(|&i| {
                kind_of_draft(s, i) == Some(kind) && !s.in_quotation(i) && measured(&s.tokens, i)
            })
            .collect();
        let source: Vec<usize> = (0..c.tokens.len())
            .filter(|&j| kind_of_source(c, j) == Some(kind) && measured(&c.tokens, j))
            .collect();
        let pairs: Vec<(usize, usize)> = match (kind, draft.as_slice(), source.as_slice()) {
            (Kind::Count, _, _) => draft
                .iter()
                .filter_map(|&i| {
                    let unit = unit_after(&s.tokens, i);
                    let same: Vec<usize> = source
                        .iter()
                        .copied()
                        .filter(|&j| unit_after(&c.tokens, j) == unit)
                        .collect();
                    (same.len() == 1).then(|| (i, same[0]))
                })
                .collect(),
            (_, &[i], &[j]) => vec![(i, j)],
            // Several years in the source: the one its verb gives the draft's deed ("born
            // before 1987" against "born 19 April 1989 ... signed with Twente in 2006").
            (Kind::Year, _, _) => draft
                .iter()
                .filter_map(|&i| {
                    let same: Vec<usize> = (source.iter().copied())
                        .filter(|&j| same_deed(s, i, c, j))
                        .collect();
                    (same.len() == 1).then(|| (i, same[0]))
                })
                .collect(),
            _ => Vec::new(),
        };
        for (i, j) in pairs {
            let (d, v) = (&s.tokens[i], &c.tokens[j]);
            if c.alignment.source_of(i).is_some()
                || c.tokens.iter().any(|t| t.norm == d.norm)
                || s.tokens.iter().any(|t| t.norm == v.norm)
                || out.iter().any(|f| f.span.overlaps(d.span))
                || !values_disagree(kind, s, c, &[i], &[j])
            {
                continue;
            }
            // "born before 1987" against "(born 19 April 1989)": one deed, by its verb on
            // each side, dated twice, is as firm a restatement as one more shared word.
            if kind == Kind::Year && strength <= MIN_STRENGTH && !same_deed(s, i, c, j) {
                continue;
            }
            if given_elsewhere(s, c, i) {
                continue;
            }
            let (draft_keys, source_keys) = if kind == Kind::Count {
                (vec![i, i + 1], vec![j, j + 1])
            } else {
                (vec![i], vec![j])
            };
            report_slot(s, c, &draft_keys, &source_keys, out);
        }
    }
}

/// Whether another candidate restates the draft as firmly as `c` (or at least firmly enough
/// to contradict) and gives the draft's number or year at `i` somewhere, in whatever order
/// its words stand ("On 17 September 2025, the new slipway ... was opened" for "the new
/// slipway was opened by September 2025"): the draft follows that source.
fn given_elsewhere(s: &Sentence, c: &Candidate, i: usize) -> bool {
    s.candidates.iter().any(|o| {
        o.id != c.id
            && o.strength >= c.strength.min(MIN_STRENGTH)
            && o.tokens.iter().any(|t| t.norm == s.tokens[i].norm)
    })
}

/// The unit a number counts: the content word right after it ("15-page", "four officials").
fn unit_after(tokens: &[Token], k: usize) -> Option<u64> {
    tokens
        .get(k + 1)
        .filter(|t| t.is_content() && t.class == Class::Content)
        .map(|t| t.stem)
}

/// The first word of the bound on the number at `i` ("more than 300": "more"), or `i`.
fn bound_start(text: &str, tokens: &[Token], i: usize) -> usize {
    quantity::bound_word_before(text, tokens, i).unwrap_or(i)
}

fn report_slot(
    s: &Sentence,
    c: &Candidate,
    draft_keys: &[usize],
    source_keys: &[usize],
    out: &mut Vec<Finding>,
) {
    let (d_first, d_last) = (draft_keys[0], draft_keys[draft_keys.len() - 1]);
    let (s_first, s_last) = (source_keys[0], source_keys[source_keys.len() - 1]);
    // A figure is given with its bound ("over 730", not "730" for "under 725").
    let (d_first, s_first) = if c.tokens[s_first].value.is_some() {
        (
            bound_start(s.text, &s.tokens, d_first),
            bound_start(&c.text, &c.tokens, s_first),
        )
    } else {
        (d_first, s_first)
    };
    let span = s.token_span(d_first, d_last);
    let theirs = c.tokens[s_first]
        .span
        .join(c.tokens[s_last].span)
        .slice(&c.text)
        .to_string();
    let ours = span.slice(s.text);
    let matched: Vec<usize> = c.alignment.pairs.iter().map(|p| p.1).collect();
    let ev = evidence(s.index, c.id, &c.tokens, &[s_first, s_last], &matched);
    out.push(finding(
        span,
        format!("the sources say {}, not {}", Quoted(&theirs), Quoted(ours)),
        ev,
        Some(Fix::replace_with(span, theirs)),
    ));
}

fn kind_of_draft(s: &Sentence, i: usize) -> Option<Kind> {
    let t = &s.tokens[i];
    // A capital at the start of a sentence says nothing about a name.
    if t.initial && t.class == Class::Content {
        return None;
    }
    kind(t)
}

fn kind_of_source(c: &Candidate, j: usize) -> Option<Kind> {
    let t = &c.tokens[j];
    if (t.initial && t.class == Class::Content) || denominator(&c.text, &c.tokens, j) {
        return None;
    }
    kind(t)
}

/// The whole a count is taken from ("15 out of 28 provinces", "3 of 10 voters"): not the
/// count itself, so never the figure a draft's count is compared with.
fn denominator(text: &str, tokens: &[Token], j: usize) -> bool {
    let word = |k: usize| crate::check::clause::word(text, &tokens[k]);
    let is_number = |k: usize| tokens[k].class == Class::Number;
    j >= 2
        && word(j - 1) == "of"
        && (is_number(j - 2) || (j >= 3 && word(j - 2) == "out" && is_number(j - 3)))
}

/// Aligned content words right around a gap, on each side, running close together in both
/// sentences: how firmly the gap is a slot in the same statement.
fn anchor_strength(
    s: &Sentence,
    pairs: &[(usize, usize)],
    before: Option<usize>,
    after: Option<usize>,
) -> usize {
    let mut count = 0;
    if let Some(mut p) = before {
        for _ in 0..6 {
            if s.tokens[pairs[p].0].is_content() && !s.in_quotation(pairs[p].0) {
                count += 1;
            }
            if p == 0 || pairs[p].0 - pairs[p - 1].0 > 5 || pairs[p].1 - pairs[p - 1].1 > 5 {
                break;
            }
            p -= 1;
        }
    }
    if let Some(mut p) = after {
        for _ in 0..6 {
            if s.tokens[pairs[p].0].is_content() && !s.in_quotation(pairs[p].0) {
                count += 1;
            }
            if p + 1 >= pairs.len()
                || pairs[p + 1].0 - pairs[p].0 > 5
                || pairs[p + 1].1 - pairs[p].1 > 5
            {
                break;
            }
            p += 1;
        }
    }
    count
}

/// Whether the draft's key tokens state another fact than the source's: names always do (by
/// now they are known to differ); numbers and dates unless a bound, an estimate or rounding
/// makes them agree, and counts only of the same unit.
fn values_disagree(
    kind: Kind,
    s: &Sentence,
    c: &Candidate,
    draft_keys: &[usize],
    source_keys: &[usize],
) -> bool {
    let (i, j) = (draft_keys[0], source_keys[0]);
    match kind {
        Kind::Name => {
            let ours = mentions::mention(s.text, &s.tokens, draft_keys);
            let theirs = mentions::mention(&c.text, &c.tokens, source_keys);
            mentions::compare(&ours, &theirs) == mentions::Comparison::Different
        }
        Kind::Month | Kind::Weekday => {
            quantity::bound_before(s.text, &s.tokens, i).is_none()
                && quantity::bound_before(&c.text, &c.tokens, j).is_none()
                && same_event(s, i, c, j)
        }
        Kind::Year | Kind::Count => {
            let compare = |k: usize| quantity::compare(s.text, &s.tokens, i, &c.text, &c.tokens, k);
            // Any figure of the source that fits the draft's means the source can say so.
            let unit = unit_after(&s.tokens, i);
            let fits_somewhere = (0..c.tokens.len()).any(|k| {
                c.tokens[k].value.is_some()
                    && (kind == Kind::Year || unit_after(&c.tokens, k) == unit)
                    && compare(k) == quantity::Verdict::Agree
            });
            draft_keys.len() == 1
                && source_keys.len() == 1
                && figures::comparable(s, i, c, j)
                && (kind == Kind::Year || unit_after(&s.tokens, i) == unit_after(&c.tokens, j))
                && !fits_somewhere
                && compare(j) == quantity::Verdict::Disagree
        }
    }
}

/// True when another candidate aligns every one of the draft's key tokens (in the same clause as
/// the words around them: see [`tight_pairs`])
/// with no more than one content word less support than `c` and says the same of them: the sources disagree
/// among themselves, or the draft follows another source. Support is counted in the draft's
/// claim, a name as one word however many it has: a sentence that shares only the draft's name
/// ("to aid Donald Trump") or its reporting clause ("according to a declassified intelligence
/// assessment") does not make its claim ("China preferred Donald Trump, the assessment found").
fn said_elsewhere(s: &Sentence, c: &Candidate, draft_keys: &[usize]) -> bool {
    let quoted: Vec<Span> = s.quotations.iter().map(|q| q.outer).collect();
    let claim = attribution::claim_range(s.text, &s.tokens, &quoted);
    let support = |c: &Candidate| {
        let aligned = |i: &usize| c.alignment.pairs.iter().any(|p| p.0 == *i);
        let around = c
            .alignment
            .pairs
            .iter()
            .filter(|(i, _)| {
                s.tokens[*i].is_content() && claim.contains(i) && !draft_keys.contains(i)
            })
            .count();
        around + usize::from(draft_keys.iter().any(aligned))
    };
    let needed = support(c);
    s.candidates.iter().any(|other| {
        other.id != c.id
            && support(other) + 1 >= needed
            && draft_keys.iter().all(|&i| {
                tight_pairs(s, other)
                    .iter()
                    .find(|p| p.0 == i)
                    .is_some_and(|&(_, j)| says_the_same(s, i, other, j))
            })
    })
}

/// Whether `other` states about its token `j` what the draft states about token `i`: the same
/// stance toward it, no negation after it that the draft lacks ("it preferred Trump did not
/// win" does not say "it preferred Trump"), and no complement verb of its own the draft lacks
/// ("China prefer Donald Trump lose" says what China preferred of Trump, not that it
/// preferred him).
fn says_the_same(s: &Sentence, i: usize, other: &Candidate, j: usize) -> bool {
    let complement = complement_verb_after(&other.text, &other.tokens, j);
    stance_toward(s.text, &s.tokens, i).0 * stance_toward(&other.text, &other.tokens, j).0 >= 0
        && (negated_after(s.text, &s.tokens, i) || !negated_after(&other.text, &other.tokens, j))
        && (complement.is_none() || complement == complement_verb_after(s.text, &s.tokens, i))
}

/// Whether the source names the draft's name too, in one list with its own ("written by
/// MacFarlane, Alec Sulkin, Kenny Hotz and Wellesley Wild" for "co-written by Kenny Hotz"):
/// the names of a list share its role, so the source states the draft's claim as well.
fn listed_with(s: &Sentence, c: &Candidate, draft_keys: &[usize], source_keys: &[usize]) -> bool {
    let theirs = source_keys[0]..source_keys[source_keys.len() - 1] + 1;
    c.tokens
        .windows(draft_keys.len())
        .enumerate()
        .any(|(at, here)| {
            here.iter()
                .zip(draft_keys)
                .all(|(t, &i)| t.norm == s.tokens[i].norm)
                && coordinated(&c.text, &c.tokens, theirs.clone(), at..at + here.len())
        })
}

/// "US" and "United States", "ODNI" and "Office of the Director of National Intelligence",
/// "ADH" and "the Arkansas Department of Health's website": one side's capitals spell the
/// initials of the other side's whole name ([`mentions::abbreviates`]).
fn same_name_abbreviated(
    dt: &str,
    d: &[Token],
    dk: &[usize],
    st: &str,
    src: &[Token],
    sk: &[usize],
) -> bool {
    fn whole<'t>(text: &'t str, tokens: &[Token], keys: &[usize]) -> Vec<&'t str> {
        mentions::whole_name(text, tokens, keys)
            .iter()
            .map(|&k| tokens[k].span.slice(text))
            .collect()
    }
    let abbreviates = |(text, tokens, keys): (&str, &[Token], &[usize]), long: Vec<&str>| matches!(keys, [k] if mentions::abbreviates(tokens[*k].span.slice(text), &long));
    abbreviates((dt, d, dk), whole(st, src, sk)) || abbreviates((st, src, sk), whole(dt, d, dk))
}

/// A clause negated in the draft and not in the source, or the other way round.
fn negation_flips(s: &Sentence, c: &Candidate, out: &mut Vec<Finding>) {
    let aligned_source: Vec<usize> = c.alignment.pairs.iter().map(|p| p.1).collect();
    let aligned_draft: Vec<usize> = c.alignment.pairs.iter().map(|p| p.0).collect();
    for &(i, j) in &c.alignment.pairs {
        // A negation denies a predicate, not a name or a figure: "hasn't disciplined Sterling"
        // says nothing against "reminded Sterling", and "no more than 44" bounds 44.
        // Polarity is read on the word itself: a synonym pairing ("word" and "mention") is
        // too loose to say that one side denies what the other states.
        if !s.tokens[i].is_content()
            || s.tokens[i].is_key()
            || s.in_quotation(i)
            || s.tokens[i].stem != c.tokens[j].stem
        {
            continue;
        }
        let nd = negator_of(s.text, &s.tokens, i).filter(|k| !aligned_draft.contains(k));
        let ns = negator_of(&c.text, &c.tokens, j).filter(|k| !aligned_source.contains(k));
        if nd.is_some() == ns.is_some() {
            continue;
        }
        // The negation must not be matched on the other side either (moved, not added).
        let nd_any = negator_of(s.text, &s.tokens, i).is_some();
        let ns_any = negator_of(&c.text, &c.tokens, j).is_some();
        if nd_any == ns_any {
            continue;
        }
        // The side without a negator may refuse in other words ("turned down the chance to
        // play" against "refused to play").
        let (plain_text, plain_tokens, at) = if nd_any {
            (c.text.as_str(), &c.tokens[..], j)
        } else {
            (s.text, &s.tokens[..], i)
        };
        if refused_before(plain_text, plain_tokens, at) {
            continue;
        }
        // "not allowed ... except special categories" allows the categories a draft names.
        let excepted = if nd_any {
            clause::excepted(s.text, &s.tokens, i, &c.tokens)
        } else {
            clause::excepted(&c.text, &c.tokens, j, &s.tokens)
        };
        if excepted {
            continue;
        }
        if clause_agreement(s, c, i) < 3 || !participants::agree(s, i..i + 1, c, j..j + 1) {
            continue;
        }
        if agrees_elsewhere(s, c, i, nd_any) {
            continue;
        }
        let first = nd.unwrap_or(i);
        // From the auxiliary on: "did not deploy", "has refused to give", "was cleared",
        // "more dredging" (a determiner the source's "less" answers).
        let draft_first = aux_before(s.text, &s.tokens, if nd_any { first } else { i });
        let span = if nd_any {
            s.token_span(first.min(i), i)
        } else {
            s.token_span(draft_first, i)
        };
        if out.iter().any(|f| f.span.overlaps(span)) {
            continue;
        }
        // A source that agrees to what the draft refuses is quoted from its own verb ("has
        // agreed to give"), not from the bare "give".
        let source_first = ns.map_or_else(
            || aux_before(&c.text, &c.tokens, verb_before_to(&c.text, &c.tokens, j)),
            |k| aux_before(&c.text, &c.tokens, k),
        );
        let theirs = c.tokens[source_first]
            .span
            .join(c.tokens[j].span)
            .slice(&c.text)
            .to_string();
        let ev = evidence(
            s.index,
            c.id,
            &c.tokens,
            &[source_first, j],
            &aligned_source,
        );
        // What the draft says against what the sources say, each as written: "the sources
        // say “has agreed to give”, not “has refused to give”".
        let fix_span = s.token_span(draft_first, i);
        let ours = fix_span.slice(s.text);
        let message = format!("the sources say {}, not {}", Quoted(&theirs), Quoted(ours));
        out.push(finding(
            span,
            message,
            ev,
            Some(Fix::replace_with(fix_span, theirs)),
        ));
    }
}

/// The verb that governs token `k` through a "to" right before it ("agreed" in "agreed to
/// give"), or `k`.
fn verb_before_to(text: &str, tokens: &[Token], k: usize) -> usize {
    let to = k.checked_sub(1).filter(|&t| word(text, &tokens[t]) == "to");
    match to.and_then(|t| t.checked_sub(1)) {
        Some(v) if tokens[v].class == Class::Content && !tokens[v].is_key() => v,
        _ => k,
    }
}

/// The first of up to two function words right before token `k` ("did not", "was not").
fn aux_before(text: &str, tokens: &[Token], k: usize) -> usize {
    // A conjunction joins the clause; it is not part of the verb ("considered but did not
    // deploy" gives "did not deploy").
    let conjunction = |t: &Token| {
        matches!(
            crate::check::clause::word(text, t).as_ref(),
            "and" | "but" | "or" | "yet" | "so" | "then"
        )
    };
    let mut first = k;
    while first > 0
        && k - first < 2
        && tokens[first - 1].class == Class::Stop
        && !tokens[first - 1].is_content()
        && !conjunction(&tokens[first - 1])
    {
        first -= 1;
    }
    first.min(k)
}

/// Aligned content words in the draft clause holding token `i`.
fn clause_agreement(s: &Sentence, c: &Candidate, i: usize) -> usize {
    let (lo, hi) = (
        clause_start(s.text, &s.tokens, i),
        clause_end(s.text, &s.tokens, i),
    );
    // Words as written: a polarity needs its clause restated, not paraphrased by synonyms.
    c.alignment
        .pairs
        .iter()
        .filter(|&&(d, j)| {
            (lo..hi).contains(&d)
                && s.tokens[d].is_content()
                && s.tokens[d].stem == c.tokens[j].stem
        })
        .count()
}

/// Another candidate that aligns token `i` with the draft's own negation state and as much
/// agreement in the clause.
fn agrees_elsewhere(s: &Sentence, c: &Candidate, i: usize, draft_negated: bool) -> bool {
    let needed = clause_agreement(s, c, i);
    s.candidates.iter().any(|other| {
        other.id != c.id
            && other.alignment.source_of(i).is_some_and(|j| {
                negator_of(&other.text, &other.tokens, j).is_some() == draft_negated
            })
            && clause_agreement(s, other, i) >= needed
    })
}

/// Support where the source has opposition, or the reverse, toward the same name.
fn stance_flips(s: &Sentence, c: &Candidate, out: &mut Vec<Finding>) {
    for &(i, j) in &c.alignment.pairs {
        if !s.tokens[i].is_name() || s.in_quotation(i) {
            continue;
        }
        let (sd, kd) = stance_toward(s.text, &s.tokens, i);
        let (ss, ks) = stance_toward(&c.text, &c.tokens, j);
        let (Some(kd), Some(ks)) = (kd, ks) else {
            continue;
        };
        if sd * ss >= 0 || c.alignment.source_of(kd) == Some(ks) {
            continue;
        }
        if clause_agreement(s, c, i) < 2 || !participants::agree(s, kd..i + 1, c, ks..j + 1) {
            continue;
        }
        let supported = s.candidates.iter().any(|other| {
            other.id != c.id
                && other
                    .alignment
                    .source_of(i)
                    .is_some_and(|oj| stance_toward(&other.text, &other.tokens, oj).0 == sd)
        });
        if supported {
            continue;
        }
        let mut last = i;
        while last + 1 < s.tokens.len()
            && s.tokens[last + 1].is_name()
            && !breaks_before(s.text, &s.tokens, last + 1)
        {
            last += 1;
        }
        let span = s.token_span(kd, last);
        let theirs = c.tokens[ks]
            .span
            .join(c.tokens[j].span)
            .slice(&c.text)
            .to_string();
        let matched: Vec<usize> = c.alignment.pairs.iter().map(|p| p.1).collect();
        let ev = evidence(s.index, c.id, &c.tokens, &[ks, j], &matched);
        out.push(finding(
            span,
            format!("the sources say {}: the opposite stance", Quoted(&theirs)),
            ev,
            Some(Fix::replace_with(span, theirs)),
        ));
    }
}

fn finding(span: Span, message: String, evidence: Evidence, fix: Option<Fix>) -> Finding {
    Finding::contradiction(span, &message, evidence, fix)
}
