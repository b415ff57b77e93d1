//! Numbers and dates as a reader takes them: "more than 300", "before 1993" and "about 100"
//! are bounds, not values, and agree with any value inside them; "4,160" and "4.2 thousand"
//! are one figure rounded.

use crate::check::clause::word;
use crate::knowledge::numbers;
use crate::text::tokens::Class;
use crate::text::{Span, Token};

/// What a qualifier before a number makes of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// The true value is below (or, inclusive, at most) the number: "before", "under", "by".
    Below { inclusive: bool },
    /// The true value is above (or, inclusive, at least) the number: "after", "over", "since".
    Above { inclusive: bool },
    /// The true value is near the number: "about", "nearly", "some".
    About,
}

fn bound_word(w: &str, date: bool) -> Option<Bound> {
    Some(match w {
        "under" | "less" | "fewer" | "below" | "within" | "beneath" | "lower" | "smaller" => {
            Bound::Below { inclusive: false }
        }
        "most" | "maximum" | "max" => Bound::Below { inclusive: true },
        "over" | "more" | "above" | "exceeding" | "beyond" | "upwards" | "higher" | "greater"
        | "larger" | "exceeded" | "exceeds" | "surpassed" | "surpasses" | "surpassing" => {
            Bound::Above { inclusive: false }
        }
        "least" | "minimum" | "min" => Bound::Above { inclusive: true },
        "about" | "around" | "approximately" | "nearly" | "almost" | "roughly" | "some"
        | "estimated" | "circa" | "approx" | "close" | "ca" => Bound::About,
        // Words of time bound dates only: "after 49 reviews" is not "more than 49 reviews".
        "before" | "prior" | "earlier" if date => Bound::Below { inclusive: false },
        "by" | "until" | "till" if date => Bound::Below { inclusive: true },
        "after" | "later" if date => Bound::Above { inclusive: false },
        "since" if date => Bound::Above { inclusive: true },
        _ => return None,
    })
}

/// The bound a qualifier puts on the number or date at token `i`, looking back over the date
/// expression it belongs to ("after the 8th May 1967", "more than 1,040").
pub fn bound_before(text: &str, tokens: &[Token], i: usize) -> Option<Bound> {
    bound_and_word(text, tokens, i).map(|(bound, _)| bound)
}

/// The first word of the qualifier bounding the number or date at token `i` ("more than
/// 300": "more"; "no fewer than 10": "no"; "prior to 1967": "prior"), if one does.
pub fn bound_word_before(text: &str, tokens: &[Token], i: usize) -> Option<usize> {
    bound_and_word(text, tokens, i).map(|(_, k)| k)
}

fn bound_and_word(text: &str, tokens: &[Token], i: usize) -> Option<(Bound, usize)> {
    let date = is_date(tokens, i);
    let year = is_year(text, &tokens[i]);
    // Whether the bound reaches the year past a month or an article: "before November 2013"
    // bounds a month of 2013, "before the 2008 final" an event of 2008; either holds of a
    // deed in that year, so the year itself is within the bound.
    let mut past_part = false;
    let mut k = i;
    while k > 0 && i - k < 5 {
        if crate::check::clause::breaks_before(text, tokens, k) && k < i {
            return None;
        }
        k -= 1;
        let w = word(text, &tokens[k]);
        if w == "over" && k > 0 && numbers::over_spans(&word(text, &tokens[k - 1])) {
            return None;
        }
        if let Some(b) = bound_word(&w, date) {
            // "no more than 44" is at most 44; "no fewer than 10" at least 10.
            let denied = k > 0 && word(text, &tokens[k - 1]) == "no";
            let bound = match (b, denied) {
                (Bound::Above { .. }, true) => Bound::Below { inclusive: true },
                (Bound::Below { .. }, true) => Bound::Above { inclusive: true },
                (b, _) => b,
            };
            let bound = match bound {
                Bound::Above { .. } if year && past_part => Bound::Above { inclusive: true },
                Bound::Below { .. } if year && past_part => Bound::Below { inclusive: true },
                bound => bound,
            };
            return Some((bound, if denied { k - 1 } else { k }));
        }
        past_part |= tokens[k].class == Class::Month || w == "the";
        // Only the parts of one date expression lie between a qualifier and its number, or
        // a country's mark before its currency sign ("less than US $90 billion").
        let date_part = matches!(tokens[k].class, Class::Month | Class::Weekday)
            || (tokens[k].class == Class::Number && is_day(tokens, k));
        let currency_mark = tokens.get(k + 1).is_some_and(|next| {
            text[tokens[k].span.end..next.span.start].contains(['$', '£', '€', '¥', '₹'])
        });
        if !(date_part
            || currency_mark
            || matches!(
                w.as_ref(),
                "the"
                    | "of"
                    | "than"
                    | "to"
                    | "on"
                    | "in"
                    | "as"
                    | "early"
                    | "late"
                    | "mid"
                    | "then"
            ))
        {
            return None;
        }
    }
    None
}

/// A year, a month, or a day of a month.
fn is_date(tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    matches!(t.class, Class::Month | Class::Weekday)
        || is_day(tokens, i)
        || t.value
            .is_some_and(|v| v.fract() == 0.0 && (1000.0..=2100.0).contains(&v))
}

/// A number that is one end of a range ("65-80 crore", "10 to 12"), or a day that ends a
/// period ("through April 7", "until 12 May"): the day a state lasted to, not the day of a
/// deed.
pub fn in_range(text: &str, tokens: &[Token], i: usize) -> bool {
    let ends_period = || {
        let start = date_start(tokens, i);
        start > 0
            && matches!(
                word(text, &tokens[start - 1]).as_ref(),
                "through" | "thru" | "until" | "till" | "til"
            )
    };
    if is_day(tokens, i) && ends_period() {
        return true;
    }
    let joined = |a: usize, b: usize| {
        tokens[a].class == Class::Number
            && tokens[b].class == Class::Number
            && matches!(
                Span::between(text, tokens[a].span, tokens[b].span)
                    .slice(text)
                    .trim(),
                "-" | "–" | "to" | "and"
            )
    };
    (i > 0 && joined(i - 1, i)) || (i + 1 < tokens.len() && joined(i, i + 1))
}

/// A number that names a day of a month ("April 13th", "22 October"): a whole number from 1
/// to 31 beside a month ("April 1989" is a year).
pub fn is_day(tokens: &[Token], i: usize) -> bool {
    let month = |k: Option<&Token>| k.is_some_and(|t| t.class == Class::Month);
    let day = tokens[i]
        .value
        .is_some_and(|v| v.fract() == 0.0 && (1.0..=31.0).contains(&v));
    day && (month(tokens.get(i + 1)) || (i > 0 && month(tokens.get(i - 1))))
}

/// The first token of the date that ends at token `k`: the month and day before a day or a
/// year, which a comma may part from the year ("born November 9, 1981"), so that a date is
/// read from its start (its clause, the word before it).
pub fn date_start(tokens: &[Token], k: usize) -> usize {
    let mut start = k;
    while start > 0
        && k - start < 2
        && (tokens[start - 1].class == Class::Month || is_day(tokens, start - 1))
    {
        start -= 1;
    }
    start
}

/// Whether a token is a year: a whole number from 1000 to 2100 written without a thousands
/// separator ("1990", not "1,990").
pub fn is_year(text: &str, token: &Token) -> bool {
    token
        .value
        .is_some_and(|v| v.fract() == 0.0 && (1000.0..=2100.0).contains(&v))
        && !token.span.slice(text).contains(',')
}

/// Whether the draft's number at `i` agrees with the source's at `j`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Agree,
    Disagree,
    /// A bound on the source side, or a bounded day of a month: nothing certain to say.
    Unknown,
}

pub fn compare(
    draft_text: &str,
    draft: &[Token],
    i: usize,
    source_text: &str,
    source: &[Token],
    j: usize,
) -> Verdict {
    let (Some(d), Some(v)) = (draft[i].value, source[j].value) else {
        return Verdict::Unknown;
    };
    if in_range(source_text, source, j) {
        return Verdict::Unknown;
    }
    if let Some(bound) = bound_before(source_text, source, j) {
        if is_day(draft, i) || is_day(source, j) {
            return Verdict::Unknown;
        }
        return against_bound(bound, v, bound_before(draft_text, draft, i), d);
    }
    let agree = match bound_before(draft_text, draft, i) {
        Some(_) if is_day(draft, i) || is_day(source, j) => return Verdict::Unknown,
        Some(bound @ (Bound::Below { .. } | Bound::Above { .. })) => within(bound, d, v),
        Some(Bound::About) => (v - d).abs() <= 0.1 * d.abs(),
        // A year is never a round figure: "born in 1990" is not "born in 1989".
        None if is_year(draft_text, &draft[i]) && is_year(source_text, &source[j]) => d == v,
        None => d == v || rounded(v, d) || rounded(d, v),
    };
    if agree {
        Verdict::Agree
    } else {
        Verdict::Disagree
    }
}

/// Whether `v` lies where a draft's open bound on `d` puts it ("before 20": 14 does); "about"
/// holds of nothing here, its reach being the caller's to set.
pub fn within(bound: Bound, d: f64, v: f64) -> bool {
    match bound {
        Bound::Below { inclusive } => v < d || (inclusive && v == d),
        Bound::Above { inclusive } => v > d || (inclusive && v == d),
        Bound::About => false,
    }
}

/// A bound beyond a source's figure that still reads as that figure: "more than 70 million"
/// is not "more than 180 million", though it does not strictly exclude it.
pub const BOUND_SLACK: f64 = 1.25;

/// The draft's figure `d` (with its own bound, if any) against a source's bound on `v` ("more
/// than 300 cases"). Disjoint ranges disagree; a draft bound within the source's agrees; a
/// draft bound far past the source's disagrees, as a reader takes "more than X" to mean a
/// little more than X; anything else is unknown.
fn against_bound(source: Bound, v: f64, draft: Option<Bound>, d: f64) -> Verdict {
    use Verdict::{Agree, Disagree, Unknown};
    match (source, draft) {
        // A draft that gives the bound's own number ("in 90 countries" for "in over 90
        // countries") restates it loosely, not falsely.
        (Bound::Above { .. }, None) => {
            if d < v {
                Disagree
            } else {
                Unknown
            }
        }
        (Bound::Below { .. }, None) => {
            if d > v {
                Disagree
            } else {
                Unknown
            }
        }
        (Bound::Above { .. }, Some(Bound::Below { .. })) if d <= v => Disagree,
        (Bound::Below { .. }, Some(Bound::Above { .. })) if d >= v => Disagree,
        (Bound::Above { .. }, Some(Bound::Above { .. })) if d <= v => Agree,
        (Bound::Above { .. }, Some(Bound::Above { .. })) if d >= v * BOUND_SLACK => Disagree,
        (Bound::Below { .. }, Some(Bound::Below { .. })) if d >= v => Agree,
        (Bound::Below { .. }, Some(Bound::Below { .. })) if d * BOUND_SLACK <= v => Disagree,
        _ => Unknown,
    }
}

/// `round` is `precise` given with fewer significant digits (1,543 as 1,500 or 1.5).
fn rounded(precise: f64, round: f64) -> bool {
    if round == 0.0 || precise == round {
        return precise == round;
    }
    let magnitude = 10f64.powi(round.abs().log10().floor() as i32);
    let trailing_zeros = (0..6)
        .take_while(|p| (round / (magnitude / 10f64.powi(*p))).fract() != 0.0)
        .count();
    let step = magnitude / 10f64.powi(trailing_zeros as i32);
    step > 0.0
        && (precise - round).abs() < step / 2.0 + f64::EPSILON
        && (precise - round).abs() / round.abs() < 0.05
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn verdict(draft: &str, source: &str) -> Verdict {
        let (d, s) = (tokenize(draft), tokenize(source));
        let i = d.iter().rposition(|t| t.value.is_some()).unwrap();
        let j = s.iter().rposition(|t| t.value.is_some()).unwrap();
        compare(draft, &d, i, source, &s, j)
    }

    #[test]
    fn a_year_after_a_month_is_a_year_and_bounds_compare_with_it() {
        // "April 1989" is a month and a year: a bound on the year compares with it.
        assert_eq!(
            verdict("born before 1987", "born 19 April 1989"),
            Verdict::Disagree
        );
        assert_eq!(
            verdict("born after 1987", "born 19 April 1989"),
            Verdict::Agree
        );
        // A day of the month is still a day: a bound says nothing certain of it.
        assert_eq!(verdict("before April 20", "on April 19"), Verdict::Unknown);
        let tokens = tokenize("19 April 1989");
        assert!(is_day(&tokens, 0) && !is_day(&tokens, 2));
    }

    #[test]
    fn a_bound_on_a_month_or_an_event_holds_of_its_year() {
        // "before November 2013" bounds a month: October 2013 is within it, 2014 is not.
        assert_eq!(
            verdict("before November 2013", "on October 20, 2013"),
            Verdict::Agree
        );
        assert_eq!(
            verdict("before November 2013", "in 2014"),
            Verdict::Disagree
        );
        // "before the 2008 final" bounds an event of 2008.
        assert_eq!(verdict("before the 2008", "for the 2008"), Verdict::Agree);
        // A bare year is bounded strictly.
        assert_eq!(verdict("before 2013", "in 2013"), Verdict::Disagree);
    }

    #[test]
    fn a_day_that_ends_a_period_is_one_end_of_a_range() {
        for (text, day) in [
            ("closed from March 17 through April 7", "7"),
            ("closed until 12 May", "12"),
        ] {
            let tokens = tokenize(text);
            let at = tokens
                .iter()
                .position(|t| t.span.slice(text) == day)
                .unwrap();
            assert!(in_range(text, &tokens, at), "{text}");
        }
        let text = "closed on 12 May";
        let tokens = tokenize(text);
        assert!(!in_range(text, &tokens, 2));
    }

    #[test]
    fn a_bound_reaches_past_a_country_s_mark_on_its_currency() {
        assert_eq!(
            verdict("grossed less than US $ 90", "grossed US $ 2.6"),
            Verdict::Agree
        );
    }

    #[test]
    fn a_year_is_never_a_round_figure() {
        assert_eq!(verdict("born in 1989", "born in 1990"), Verdict::Disagree);
        assert_eq!(verdict("built in 1890", "built in 1887"), Verdict::Disagree);
        // A count as large is: "1,990 people" may round "1,987 people".
        assert_eq!(verdict("1,990 people", "1,987 people"), Verdict::Agree);
    }

    #[test]
    fn over_after_averaged_or_spread_names_a_span_not_a_bound() {
        for text in ["averaged over 9", "were spread over 10"] {
            let tokens = tokenize(text);
            assert_eq!(
                bound_before(text, &tokens, tokens.len() - 1),
                None,
                "{text}"
            );
        }
        let text = "sold over 9";
        let tokens = tokenize(text);
        assert!(bound_before(text, &tokens, 2).is_some());
    }

    #[test]
    fn a_bound_starts_at_its_first_word() {
        for (text, first) in [
            ("more than 300", "more"),
            ("no fewer than 10", "no"),
            ("prior to 1967", "prior"),
            ("before 19 April 1989", "before"),
        ] {
            let tokens = tokenize(text);
            let k = bound_word_before(text, &tokens, tokens.len() - 1);
            assert_eq!(
                k.map(|k| word(text, &tokens[k]).into_owned()),
                Some(first.into()),
                "{text}"
            );
        }
    }

    #[test]
    fn bounds_agree_with_values_inside_them() {
        assert_eq!(verdict("born after 1975", "born 1979"), Verdict::Agree);
        assert_eq!(verdict("born before 1975", "born 1979"), Verdict::Disagree);
        assert_eq!(
            verdict("more than 1,040 cases", "1082 cases"),
            Verdict::Agree
        );
        assert_eq!(verdict("fewer than 5 games", "4 games"), Verdict::Agree);
        assert_eq!(verdict("about 100 people", "98 people"), Verdict::Agree);
        assert_eq!(
            verdict("three officials", "four officials"),
            Verdict::Disagree
        );
        assert_eq!(verdict("more than 131 caps", "131 caps"), Verdict::Disagree);
        assert_eq!(verdict("at least 131 caps", "131 caps"), Verdict::Agree);
    }

    #[test]
    fn a_source_bound_excludes_what_lies_outside_it() {
        assert_eq!(
            verdict("under 725 million views", "over 730 million views"),
            Verdict::Disagree
        );
        assert_eq!(
            verdict("650 million views", "over 730 million views"),
            Verdict::Disagree
        );
        assert_eq!(
            verdict("800 million views", "over 730 million views"),
            Verdict::Unknown
        );
        assert_eq!(
            verdict("over 700 million views", "over 730 million views"),
            Verdict::Agree
        );
        // "more than 70 million" reads as a little more than 70 million
        assert_eq!(
            verdict(
                "more than 180 million records",
                "more than 70 million records"
            ),
            Verdict::Disagree
        );
        assert_eq!(
            verdict(
                "more than 75 million records",
                "more than 70 million records"
            ),
            Verdict::Unknown
        );
        assert_eq!(
            verdict("fewer than 40 deaths", "fewer than 30 deaths"),
            Verdict::Agree
        );
        assert_eq!(
            verdict("fewer than 20 deaths", "fewer than 30 deaths"),
            Verdict::Disagree
        );
        assert_eq!(
            verdict("40 deaths", "fewer than 30 deaths"),
            Verdict::Disagree
        );
    }

    #[test]
    fn bounded_days_and_bounded_sources_say_nothing() {
        assert_eq!(verdict("before April 13th", "April 12"), Verdict::Unknown);
        assert_eq!(verdict("in 2019", "since 2015"), Verdict::Unknown);
        assert_eq!(verdict("over 80 crore", "65-80 crore"), Verdict::Unknown);
        assert_eq!(verdict("after 49 reviews", "49 reviews"), Verdict::Agree);
        assert_eq!(
            verdict("Before April 13th, 4,160 cases", "4,160 cases"),
            Verdict::Agree
        );
    }

    #[test]
    fn rounding_is_not_a_contradiction() {
        assert_eq!(verdict("1,500 tests", "1,543 tests"), Verdict::Agree);
        assert_eq!(verdict("1,600 tests", "1,543 tests"), Verdict::Disagree);
        assert_eq!(verdict("3.5 million", "3.48 million"), Verdict::Agree);
    }
}
