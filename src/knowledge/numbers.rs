//! Numbers as prose writes them, read into a [`Quantity`]: a value (or a range) with its
//! kind (a count, a calendar year, an ordinal), its unit (money, percent, a measure), its
//! bound ("about", "more than", "up to") and the rounding its written form implies.
//!
//! Written forms: digits ("1,430", "3.5", "15th", "1990s"), words ("twenty-nine", "three
//! hundred", "a dozen", "fourth"), digits with a scale word ("1.5 million", "2 billion"),
//! glued scales, currencies and units ("$330million", "£2bn", "€5m", "70mph", "5km",
//! "27-day", "12%"), ranges ("10-12", "10 to 12", "between 10 and 12") and bounds before
//! or after ("about", "nearly", "more than", "at least", "up to", "or more", "50-plus").
//!
//! [`Quantity::agrees_with`] says whether two quantities can describe one fact. Years,
//! ordinals and plain counts agree only exactly; a rounded form ("1.5 million", "£2bn")
//! covers half a unit of its last written digit; "about" widens by the rounding of its last
//! significant digit, at least a tenth either way, so a tenfold error never passes; an open
//! bound ("more than", "under") holds for any figure on its side.
//!
//! The words of this module (number words, scale words, bounds, units and currency symbols)
//! are the closed classes of English grammar and of the units in news prose; no data set
//! has them in a form worth deriving.

use std::ops::Range;

use crate::knowledge::lemma::lemma;
use crate::knowledge::Pos;

/// What a number counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// How many or how much: "1,430", "twenty-nine", "3.5%".
    Count,
    /// A calendar year or decade: "1998", "the 1990s". Four digits without a thousands
    /// separator and without a unit; "1,430" is a count (years are never written so).
    Year,
    /// A position: "fourth", "15th".
    Ordinal,
}

/// What a quantity measures, if it says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Money, by its ISO 4217 code: "USD", "GBP", "EUR".
    Money(&'static str),
    Percent,
    PercentagePoints,
    /// A measure of length, speed, mass or time, by its usual symbol: "km", "mph", "day".
    Measure(&'static str),
}

/// How a quantity bounds the true figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Bound {
    Exact,
    /// "about", "around", "roughly", "some": either side.
    About,
    /// "nearly", "almost", "just under": a little below.
    Nearly,
    /// "more than", "over", "above": above.
    Over,
    /// "at least", "or more", "50-plus": at or above.
    AtLeast,
    /// "less than", "fewer than", "under", "below": below.
    Under,
    /// "up to", "at most", "no more than": at or below.
    AtMost,
}

/// A number as written, read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quantity {
    /// The value, or the low end of a range.
    pub low: f64,
    /// The value again, or the high end of a range.
    pub high: f64,
    /// Half a unit of the last digit written when the form is rounded ("1.5 million":
    /// 50,000); zero for a plain count.
    pub rounding: f64,
    pub kind: Kind,
    pub unit: Option<Unit>,
    pub bound: Bound,
}

/// Whether two quantities can be one fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Agreement {
    Agrees,
    Disagrees,
    /// Different kinds or units: a year and a count, dollars and pounds, km and days.
    Incomparable,
}

/// How far "nearly" reaches below: a fifth ("nearly 100" for 80, not for 70).
const ABOUT: f64 = 1.25;
/// The least share of its figure that "about" reaches either way.
const ABOUT_SHARE: f64 = 0.1;
impl Quantity {
    /// The value, the middle of a range.
    pub fn value(&self) -> f64 {
        (self.low + self.high) / 2.0
    }

    /// The figures this quantity allows, with its rounding and bound.
    pub fn interval(&self) -> (f64, f64) {
        let (low, high) = (self.low - self.rounding, self.high + self.rounding);
        let about = if self.kind == Kind::Year { 1.0 } else { ABOUT };
        match (self.bound, self.kind) {
            (Bound::Exact, _) => (low, high),
            // A year is "about" within a year or two, not a quarter of two thousand.
            (Bound::About, Kind::Year) => (low - 2.0, high + 2.0),
            (Bound::About, _) => {
                let reach = about_reach(self.value());
                (low - reach, high + reach)
            }
            (Bound::Nearly, _) => (low / about, high),
            // An open bound is true of every figure past it: "less than 100,000 units" for
            // 21,000 is true, if loosely put, and a checker flags what is false. The bound is
            // the number as written, not widened by its rounding: "more than 14 million"
            // holds of 14.2 million, though half a unit of its last digit is 500,000.
            (Bound::Over | Bound::AtLeast, _) => (self.high, f64::INFINITY),
            (Bound::Under | Bound::AtMost, _) => (f64::NEG_INFINITY, self.low),
        }
    }

    /// Whether this and `other` can describe the same figure: their kinds and units agree
    /// (a missing unit agrees with any) and their intervals meet.
    pub fn agrees_with(&self, other: &Quantity) -> Agreement {
        if self.kind != other.kind {
            return Agreement::Incomparable;
        }
        if let (Some(a), Some(b)) = (self.unit, other.unit) {
            if a != b {
                return Agreement::Incomparable;
            }
        }
        let (a, b) = (self.interval(), other.interval());
        // A relative tolerance for float noise only ("1.1 million" is 1,100,000.0000001).
        let slack = 1e-9
            * [a.0, a.1, b.0, b.1]
                .into_iter()
                .filter(|x| x.is_finite())
                .fold(1.0, |m, x| x.abs().max(m));
        // "Over" and "under" exclude the number they bound: "under 903 cases" is not 903
        // cases, where "at most 903" is.
        let meets = |low: f64, open_low: bool, high: f64, open_high: bool| {
            if open_low || open_high {
                low < high - slack
            } else {
                low <= high + slack
            }
        };
        let (over, under) = (
            |q: &Quantity| q.bound == Bound::Over,
            |q: &Quantity| q.bound == Bound::Under,
        );
        if meets(a.0, over(self), b.1, under(other)) && meets(b.0, over(other), a.1, under(self)) {
            Agreement::Agrees
        } else {
            Agreement::Disagrees
        }
    }
}

/// How far "about N" reaches either way: the rounding a writer makes to write N, half a unit
/// of its last significant digit ("about 200" for 249, "about 900" for 870, but not for 800),
/// and at least a tenth of N ("about 9,500" for 10,400), so a tenfold error never passes.
fn about_reach(value: f64) -> f64 {
    let value = value.abs();
    let mut unit = if value >= 1.0 {
        10f64.powi(value.log10().floor() as i32)
    } else {
        0.0
    };
    while unit >= 1.0 && value % unit != 0.0 {
        unit /= 10.0;
    }
    let rounding = if unit >= 1.0 { unit / 2.0 } else { 0.0 };
    rounding.max(ABOUT_SHARE * value)
}

/// A quantity found in a text, with the byte span it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub span: Range<usize>,
    pub quantity: Quantity,
}

/// The quantity a whole phrase is ("about $330million", "twenty-nine", "10-12 mph"), or
/// None if it is none or more than one.
pub fn parse(text: &str) -> Option<Quantity> {
    let found = quantities(text);
    let tokens = tokens(text);
    match (found.as_slice(), tokens.first(), tokens.last()) {
        ([one], Some(first), Some(last))
            if one.span.start == first.span.start && one.span.end == last.span.end =>
        {
            Some(one.quantity)
        }
        _ => None,
    }
}

/// Every quantity in a text, in order.
pub fn quantities(text: &str) -> Vec<Found> {
    if !may_hold_a_number(text) {
        return Vec::new();
    }
    let tokens = tokens(text);
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match read(&tokens, i) {
            Some((end, quantity)) => {
                found.push(Found {
                    span: tokens[i].span.start..tokens[end - 1].span.end,
                    quantity,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    found
}

/// Whether a text holds what every number is read from: a digit, or a cardinal, an ordinal
/// or a scale ("a hundred", "a dozen") in words. Most sentences a check reads hold none, and
/// reading a text's tokens makes a string of each word.
fn may_hold_a_number(text: &str) -> bool {
    let number_word = |w: &str| {
        w.eq_ignore_ascii_case("dozen")
            || (CARDINALS.iter().chain(ORDINALS).chain(SCALES))
                .any(|(number, _)| number.eq_ignore_ascii_case(w))
    };
    text.bytes().any(|b| b.is_ascii_digit())
        || text
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| w.len() >= 2 && number_word(w))
}

#[derive(Clone, Debug)]
struct Token {
    /// Lower case, without the punctuation around it.
    text: String,
    span: Range<usize>,
}

/// Words split at white space, with the punctuation that closes a clause or quotes a word
/// stripped (but not a decimal point, a thousands separator or a currency sign).
fn tokens(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                start = None;
                let raw = &text[s..i];
                let lead = raw.len()
                    - raw
                        .trim_start_matches(|c: char| "\"'(“‘[".contains(c))
                        .len();
                let trimmed = raw[lead..]
                    .trim_end_matches(|c: char| ",.;:!?)\"'”’]".contains(c))
                    .to_string();
                if !trimmed.is_empty() {
                    let span = s + lead..s + lead + trimmed.len();
                    tokens.push(Token {
                        text: trimmed.to_lowercase(),
                        span,
                    });
                }
            }
            _ => {}
        }
    }
    tokens
}

/// Bounds written before a number, longest first within a first word.
const BOUNDS_BEFORE: &[(&[&str], Bound)] = &[
    (&["just", "over"], Bound::Over),
    (&["just", "under"], Bound::Nearly),
    (&["more", "than"], Bound::Over),
    (&["greater", "than"], Bound::Over),
    (&["higher", "than"], Bound::Over),
    (&["larger", "than"], Bound::Over),
    (&["bigger", "than"], Bound::Over),
    (&["lower", "than"], Bound::Under),
    (&["smaller", "than"], Bound::Under),
    (&["upwards", "of"], Bound::Over),
    (&["in", "excess", "of"], Bound::Over),
    (&["less", "than"], Bound::Under),
    (&["fewer", "than"], Bound::Under),
    (&["at", "least"], Bound::AtLeast),
    (&["at", "most"], Bound::AtMost),
    (&["no", "more", "than"], Bound::AtMost),
    (&["up", "to"], Bound::AtMost),
    (&["close", "to"], Bound::Nearly),
    (&["about"], Bound::About),
    (&["around"], Bound::About),
    (&["roughly"], Bound::About),
    (&["approximately"], Bound::About),
    (&["some"], Bound::About),
    (&["circa"], Bound::About),
    (&["c."], Bound::About),
    (&["an", "estimated"], Bound::About),
    (&["estimated"], Bound::About),
    (&["nearly"], Bound::Nearly),
    (&["almost"], Bound::Nearly),
    (&["over"], Bound::Over),
    (&["above"], Bound::Over),
    (&["exceeding"], Bound::Over),
    // A verb of passing a figure bounds it as "more than" does: "surpassed 5,000 cases".
    (&["exceeded"], Bound::Over),
    (&["exceeds"], Bound::Over),
    (&["surpassed"], Bound::Over),
    (&["surpasses"], Bound::Over),
    (&["surpassing"], Bound::Over),
    (&["under"], Bound::Under),
    (&["below"], Bound::Under),
];

pub(crate) const CARDINALS: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
];

pub(crate) const ORDINALS: &[(&str, f64)] = &[
    ("first", 1.0),
    ("second", 2.0),
    ("third", 3.0),
    ("fourth", 4.0),
    ("fifth", 5.0),
    ("sixth", 6.0),
    ("seventh", 7.0),
    ("eighth", 8.0),
    ("ninth", 9.0),
    ("tenth", 10.0),
    ("eleventh", 11.0),
    ("twelfth", 12.0),
    ("thirteenth", 13.0),
    ("fourteenth", 14.0),
    ("fifteenth", 15.0),
    ("sixteenth", 16.0),
    ("seventeenth", 17.0),
    ("eighteenth", 18.0),
    ("nineteenth", 19.0),
    ("twentieth", 20.0),
    ("thirtieth", 30.0),
    ("fortieth", 40.0),
    ("fiftieth", 50.0),
    ("sixtieth", 60.0),
    ("seventieth", 70.0),
    ("eightieth", 80.0),
    ("ninetieth", 90.0),
    ("hundredth", 100.0),
    ("thousandth", 1_000.0),
    ("millionth", 1_000_000.0),
];

/// Words and abbreviations that multiply what precedes them.
const SCALES: &[(&str, f64)] = &[
    ("hundred", 100.0),
    ("thousand", 1e3),
    ("million", 1e6),
    ("millions", 1e6),
    ("billion", 1e9),
    ("billions", 1e9),
    ("trillion", 1e12),
    ("bn", 1e9),
    ("tn", 1e12),
    ("mn", 1e6),
];

/// Scales glued to digits ("$330million", "£2bn", "5k"). "m" is a million only after a
/// currency sign; otherwise "100m" is metres.
const GLUED_SCALES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
    ("bn", 1e9),
    ("b", 1e9),
    ("tn", 1e12),
    ("trn", 1e12),
    ("mn", 1e6),
    ("k", 1e3),
];

const CURRENCY_SIGNS: &[(&str, &str)] = &[
    ("us$", "USD"),
    ("a$", "AUD"),
    ("au$", "AUD"),
    ("c$", "CAD"),
    ("ca$", "CAD"),
    ("nz$", "NZD"),
    ("hk$", "HKD"),
    ("$", "USD"),
    ("£", "GBP"),
    ("€", "EUR"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("₩", "KRW"),
];

/// Units written after a number, as words (longest first within a first word) or glued.
const UNITS: &[(&[&str], Unit)] = &[
    (&["per", "cent"], Unit::Percent),
    (&["percent"], Unit::Percent),
    (&["pc"], Unit::Percent),
    (&["%"], Unit::Percent),
    (&["percentage", "points"], Unit::PercentagePoints),
    (&["percentage", "point"], Unit::PercentagePoints),
    (&["dollars"], Unit::Money("USD")),
    (&["dollar"], Unit::Money("USD")),
    (&["pounds", "sterling"], Unit::Money("GBP")),
    (&["pounds"], Unit::Money("GBP")),
    (&["pound"], Unit::Money("GBP")),
    (&["euros"], Unit::Money("EUR")),
    (&["euro"], Unit::Money("EUR")),
    (&["yen"], Unit::Money("JPY")),
    (&["miles", "per", "hour"], Unit::Measure("mph")),
    (&["mph"], Unit::Measure("mph")),
    (&["kilometres", "per", "hour"], Unit::Measure("km/h")),
    (&["kilometers", "per", "hour"], Unit::Measure("km/h")),
    (&["km/h"], Unit::Measure("km/h")),
    (&["kph"], Unit::Measure("km/h")),
    (&["kilometres"], Unit::Measure("km")),
    (&["kilometre"], Unit::Measure("km")),
    (&["kilometers"], Unit::Measure("km")),
    (&["kilometer"], Unit::Measure("km")),
    (&["km"], Unit::Measure("km")),
    (&["miles"], Unit::Measure("mile")),
    (&["mile"], Unit::Measure("mile")),
    (&["metres"], Unit::Measure("m")),
    (&["metre"], Unit::Measure("m")),
    (&["meters"], Unit::Measure("m")),
    (&["meter"], Unit::Measure("m")),
    (&["m"], Unit::Measure("m")),
    (&["feet"], Unit::Measure("ft")),
    (&["foot"], Unit::Measure("ft")),
    (&["ft"], Unit::Measure("ft")),
    (&["kilograms"], Unit::Measure("kg")),
    (&["kilogram"], Unit::Measure("kg")),
    (&["kilos"], Unit::Measure("kg")),
    (&["kg"], Unit::Measure("kg")),
    (&["tonnes"], Unit::Measure("t")),
    (&["tonne"], Unit::Measure("t")),
    (&["tons"], Unit::Measure("t")),
    (&["ton"], Unit::Measure("t")),
    (&["lb"], Unit::Measure("lb")),
    (&["lbs"], Unit::Measure("lb")),
    (&["years", "old"], Unit::Measure("year")),
    (&["year", "old"], Unit::Measure("year")),
    (&["years"], Unit::Measure("year")),
    (&["year"], Unit::Measure("year")),
    (&["months"], Unit::Measure("month")),
    (&["month"], Unit::Measure("month")),
    (&["weeks"], Unit::Measure("week")),
    (&["week"], Unit::Measure("week")),
    (&["days"], Unit::Measure("day")),
    (&["day"], Unit::Measure("day")),
    (&["hours"], Unit::Measure("hour")),
    (&["hour"], Unit::Measure("hour")),
    (&["minutes"], Unit::Measure("minute")),
    (&["minute"], Unit::Measure("minute")),
    (&["seconds"], Unit::Measure("second")),
];

fn lookup<T: Copy>(table: &[(&str, T)], word: &str) -> Option<T> {
    table.iter().find(|(w, _)| *w == word).map(|&(_, v)| v)
}

/// The longest phrase of a table that the tokens start with, and its length.
fn phrase<T: Copy>(table: &[(&[&str], T)], tokens: &[Token]) -> Option<(usize, T)> {
    table
        .iter()
        .filter(|(words, _)| {
            words.len() <= tokens.len() && words.iter().zip(tokens).all(|(w, t)| *w == t.text)
        })
        .max_by_key(|(words, _)| words.len())
        .map(|&(words, v)| (words.len(), v))
}

/// One number as written, before its context (bound, range, unit after) is read.
#[derive(Clone, Copy, Debug)]
struct Number {
    value: f64,
    rounding: f64,
    kind: Kind,
    unit: Option<Unit>,
    /// A decade, "1990s": the value is its first year.
    decade: bool,
    /// A scale was glued or follows ("2bn", "1.5 million"): a scale word may not follow.
    scaled: bool,
    /// That scale, or 1.
    scale: f64,
    /// "50-plus", "50+".
    plus: bool,
}

impl Number {
    /// Multiplies by a scale written after the digits: the rounding of "1.5 million" is
    /// half its last digit's unit, of "2 million" half a million.
    fn scale_by(&mut self, scale: f64) {
        self.value *= scale;
        self.rounding = if self.rounding > 0.0 {
            self.rounding
        } else {
            0.5
        } * scale;
        self.scaled = true;
        self.scale = scale;
    }
}

/// Whether "over" after the word `previous` names what an amount is spread across
/// ("averaged over 9 critics", "spread over 10 years"), not a bound on the number after it.
pub fn over_spans(previous: &str) -> bool {
    matches!(lemma(previous, Pos::Verb).as_ref(), "average" | "spread")
}

/// Reads a quantity starting at token `i`: the index after it, and the quantity.
fn read(tokens: &[Token], i: usize) -> Option<(usize, Quantity)> {
    let (mut j, mut bound) =
        phrase(BOUNDS_BEFORE, &tokens[i..]).map_or((i, Bound::Exact), |(n, b)| (i + n, b));
    if bound == Bound::Over && tokens[i].text == "over" && i > 0 && over_spans(&tokens[i - 1].text)
    {
        bound = Bound::Exact;
    }
    let between = tokens.get(j).is_some_and(|t| t.text == "between");
    if between {
        j += 1;
    }
    let (mut end, mut low, mut high) = number(tokens, j)?;
    // A range in three tokens: "10 to 12", "between 10 and 12"; but "from 10 to 12" is a
    // change from one figure to another.
    let from = i > 0 && tokens[i - 1].text == "from";
    let joined = match tokens.get(end).map(|t| t.text.as_str()) {
        Some("to" | "-" | "–") => !from,
        Some("and") => between,
        _ => false,
    };
    if joined && high.value == low.value {
        if let Some((after, h, _)) = number(tokens, end + 1) {
            high = h;
            end = after;
        }
    }
    // "10 to 12 million": the scale written once applies to both ends.
    if high.scaled && !low.scaled {
        low.scale_by(high.scale);
    }
    if between && high.value == low.value {
        return None;
    }
    let mut unit = low.unit.or(high.unit);
    if unit.is_none() {
        if let Some((n, u)) = phrase(UNITS, &tokens[end..]) {
            unit = Some(u);
            end += n;
        }
    }
    if low.plus || high.plus {
        bound = Bound::AtLeast;
    } else if tokens.get(end).is_some_and(|t| t.text == "or")
        && tokens.get(end + 1).is_some_and(|t| t.text == "more")
    {
        bound = Bound::AtLeast;
        end += 2;
    }
    // A bare four-digit year takes no unit; with one it is a count ("2000 km").
    let kind = match (low.kind, unit) {
        (Kind::Year, Some(_)) => Kind::Count,
        (kind, _) => kind,
    };
    let high_value = if low.decade && high.value == low.value {
        low.value + 9.0
    } else {
        high.value
    };
    Some((
        end,
        Quantity {
            low: low.value.min(high_value),
            high: low.value.max(high_value),
            rounding: low.rounding.max(high.rounding),
            kind,
            unit,
            bound,
        },
    ))
}

/// One number at token `i`, with a scale word after it, or a range written as one token
/// ("10-12", "$10-12m"): the index after it, the number and the high end of its range
/// (itself when it is none).
fn number(tokens: &[Token], i: usize) -> Option<(usize, Number, Number)> {
    let t = tokens.get(i)?;
    // A currency sign set apart from its number is still its currency: "$ 359.15 million".
    let spaced_sign = CURRENCY_SIGNS
        .iter()
        .any(|&(sign, _)| sign == t.text)
        .then(|| tokens.get(i + 1))
        .flatten()
        .and_then(|next| glued(&format!("{}{}", t.text, next.text)));
    let (mut end, mut low, mut high) = if let Some(n) = glued(&t.text) {
        (i + 1, n, n)
    } else if let Some(n) = spaced_sign {
        (i + 2, n, n)
    } else if let Some((low, high)) = glued_range(&t.text) {
        (i + 1, low, high)
    } else {
        let (end, n) = words(tokens, i)?;
        (end, n, n)
    };
    if !low.scaled && !high.scaled && low.kind != Kind::Ordinal && !low.decade {
        if let Some(scale) = tokens.get(end).and_then(|t| lookup(SCALES, &t.text)) {
            for n in [&mut low, &mut high] {
                n.scale_by(scale);
                n.kind = Kind::Count;
            }
            end += 1;
        }
    }
    Some((end, low, high))
}

/// A range in one token: "10-12", "10–12", "$10-12m" (the sign and the scale written once
/// apply to both ends).
fn glued_range(text: &str) -> Option<(Number, Number)> {
    let (a, b) = text.split_once(['-', '–'])?;
    let mut low = glued(a)?;
    let sign = &a[..a.find(|c: char| c.is_ascii_digit())?];
    // The sign is written once ("$10-12m") or on both ends ("£1.2bn-£1.5bn").
    let mut high = if b.starts_with(|c: char| c.is_ascii_digit()) {
        glued(&format!("{sign}{b}"))?
    } else {
        glued(b)?
    };
    if high.scaled && !low.scaled {
        low.scale_by(high.scale);
    }
    // "2019-20", "1939-45": a span of years writes the high end's leading digits once.
    let high_digits = b.chars().filter(char::is_ascii_digit).count() as i32;
    if low.kind == Kind::Year && high.kind == Kind::Count && high_digits < 4 && high.unit.is_none()
    {
        let century = 10f64.powi(high_digits);
        let mut year = low.value - low.value % century + high.value;
        if year <= low.value {
            year += century;
        }
        high.value = year;
        high.kind = Kind::Year;
    }
    if low.kind != high.kind {
        low.kind = Kind::Count;
        high.kind = Kind::Count;
    }
    if low.unit.is_none() {
        low.unit = high.unit;
    }
    Some((low, high))
}

/// A number written in digits, with what is glued to it: a currency sign before, a scale,
/// unit, ordinal or decade ending after, a unit after a hyphen ("27-day", "70-year-old").
fn glued(text: &str) -> Option<Number> {
    let (sign, rest) = CURRENCY_SIGNS
        .iter()
        .find_map(|&(sign, code)| text.strip_prefix(sign).map(|r| (Some(code), r)))
        .unwrap_or((None, text));
    let digits_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(rest.len());
    let (digits, mut suffix) = rest.split_at(digits_end);
    let digits = digits.trim_end_matches(['.', ',']);
    if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let grouped = digits.contains(',');
    // A comma groups thousands only in threes: "1,430" is a number, "1,43" is not.
    if grouped {
        let mut groups = digits.split('.').next().unwrap_or("").split(',');
        let first = groups.next().unwrap_or("");
        if first.is_empty() || first.len() > 3 || groups.any(|g| g.len() != 3) {
            return None;
        }
    }
    let plain: String = digits.chars().filter(|&c| c != ',').collect();
    let value: f64 = plain.parse().ok()?;
    let decimals = plain.split_once('.').map_or(0, |(_, d)| d.len());
    let mut n = Number {
        value,
        rounding: if decimals > 0 {
            0.5 * 10f64.powi(-(decimals as i32))
        } else {
            0.0
        },
        kind: Kind::Count,
        unit: sign.map(Unit::Money),
        decade: false,
        scaled: false,
        scale: 1.0,
        plus: false,
    };
    if let Some(rest) = suffix.strip_suffix('+') {
        n.plus = true;
        suffix = rest;
    }
    let hyphenated = suffix.starts_with(['-', '–']);
    if hyphenated {
        suffix = &suffix[suffix.chars().next().map_or(0, char::len_utf8)..];
        if suffix == "plus" {
            n.plus = true;
            suffix = "";
        }
    }
    let scale = lookup(GLUED_SCALES, suffix).or(if sign.is_some() && suffix == "m" {
        Some(1e6)
    } else {
        None
    });
    if let Some(scale) = scale {
        n.scale_by(scale);
        return Some(n);
    }
    match suffix {
        "" => {
            let year =
                !grouped && decimals == 0 && plain.len() == 4 && (1000.0..=2100.0).contains(&value);
            if year && sign.is_none() && !n.plus {
                n.kind = Kind::Year;
            }
        }
        "st" | "nd" | "rd" | "th" if decimals == 0 && !grouped => n.kind = Kind::Ordinal,
        "s" | "'s" if decimals == 0 && !grouped && plain.len() == 4 && value % 10.0 == 0.0 => {
            n.kind = Kind::Year;
            n.decade = true;
        }
        _ => {
            // A unit glued or hyphenated: "70mph", "12%", "27-day", "70-year-old".
            let unit_words: Vec<Token> = suffix
                .split('-')
                .map(|w| Token {
                    text: w.to_string(),
                    span: 0..0,
                })
                .collect();
            match phrase(UNITS, &unit_words) {
                // "70-year-old": the unit is the year; "old" says it is an age.
                Some((len, unit)) if len == unit_words.len() && n.unit.is_none() => {
                    n.unit = Some(unit);
                }
                // A compound adjective of a number and a word: "10,000-strong".
                _ if hyphenated && suffix.chars().all(|c| c.is_alphabetic() || c == '-') => {
                    if n.kind == Kind::Year {
                        n.kind = Kind::Count;
                    }
                }
                // Letters glued to digits that are no unit: "4g", "b52s".
                _ => return None,
            }
        }
    }
    Some(n)
}

/// A number written in words at token `i`: "twenty-nine", "three hundred and ten",
/// "a dozen", "two million", "fourth", "twenty-ninth".
fn words(tokens: &[Token], i: usize) -> Option<(usize, Number)> {
    let mut total = 0.0f64;
    let mut current = 0.0f64;
    let mut end = i;
    let mut any = false;
    let mut ordinal = false;
    let mut scaled = false;
    let mut last_scale = 1.0;
    let mut unit = None;
    let mut k = i;
    while let Some(t) = tokens.get(k) {
        let mut parts = t.text.split('-').peekable();
        let mut step = 0.0;
        let mut took = false;
        let mut token_ordinal = false;
        let mut hyphenated_unit = None;
        while let Some(part) = parts.next() {
            let last = parts.peek().is_none();
            if let Some(v) = lookup(CARDINALS, part) {
                step += v;
                took = true;
            } else if let Some(v) = lookup(ORDINALS, part).filter(|_| last) {
                token_ordinal = true;
                if v >= 100.0 {
                    current = current.max(1.0) * v;
                } else {
                    step += v;
                }
                took = true;
            } else {
                // A number word hyphenated to a unit: "two-year", "four-day", "ten-mile".
                let rest: Vec<Token> = std::iter::once(part)
                    .chain(parts.by_ref())
                    .map(|w| Token {
                        text: w.to_string(),
                        span: 0..0,
                    })
                    .collect();
                hyphenated_unit = phrase(UNITS, &rest)
                    .filter(|&(len, _)| took && len == rest.len())
                    .map(|(_, unit)| unit);
                took = hyphenated_unit.is_some();
                break;
            }
        }
        // A number word adds to the one before only where English composes them: units
        // after tens ("twenty nine"), anything after a hundred or a scale; "five six" is two
        // numbers.
        let composes = !any
            || current % 100.0 == 0.0
            || (current % 10.0 == 0.0 && current % 100.0 >= 20.0 && step < 10.0);
        if took && !composes {
            break;
        }
        if took {
            current += step;
            any = true;
            end = k + 1;
            k += 1;
            if hyphenated_unit.is_some() {
                unit = hyphenated_unit;
                break;
            }
            if token_ordinal {
                ordinal = true;
                break;
            }
            continue;
        }
        let word = t.text.as_str();
        let starts_a = (word == "a" || word == "an") && !any;
        if starts_a {
            // "a hundred", "a dozen", "a million": "a" is one only before a scale.
            let next = tokens.get(k + 1).map(|t| t.text.as_str());
            if next.is_some_and(|w| w == "dozen" || lookup(SCALES, w).is_some()) {
                current = 1.0;
                k += 1;
                continue;
            }
            break;
        }
        if word == "dozen" && (any || current > 0.0) {
            current = current.max(1.0) * 12.0;
            any = true;
            end = k + 1;
            k += 1;
            continue;
        }
        if let Some(scale) = lookup(SCALES, word).filter(|_| any || current > 0.0) {
            if scale == 100.0 {
                current = current.max(1.0) * 100.0;
            } else {
                total += current.max(1.0) * scale;
                current = 0.0;
                last_scale = scale;
            }
            scaled = true;
            any = true;
            end = k + 1;
            k += 1;
            continue;
        }
        // "three hundred and ten": "and" joins only to a further number word.
        let joins = tokens
            .get(k + 1)
            .is_some_and(|t| t.text.split('-').all(|p| lookup(CARDINALS, p).is_some()));
        if word == "and" && any && joins {
            k += 1;
            continue;
        }
        break;
    }
    if !any {
        return None;
    }
    let value = total + current;
    Some((
        end,
        Number {
            value,
            // "two million" is rounded to the million; "three hundred" is exact.
            rounding: if scaled && last_scale > 100.0 && current == 0.0 {
                0.5 * last_scale
            } else {
                0.0
            },
            kind: if ordinal { Kind::Ordinal } else { Kind::Count },
            unit,
            decade: false,
            scaled: scaled && last_scale > 100.0,
            scale: last_scale,
            plus: false,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_without_digits_or_number_words_holds_no_number() {
        assert!(!may_hold_a_number(
            "The board rejected the plan out of hand."
        ));
        assert!(quantities("The board rejected the plan out of hand.").is_empty());
        for text in [
            "Twenty-nine people",
            "the FIFTH time",
            "a dozen",
            "(one)",
            "£2bn",
        ] {
            assert!(may_hold_a_number(text), "{text}");
            assert!(!quantities(text).is_empty(), "{text}");
        }
        // Every word a number is read from is one the test looks for.
        for (word, _) in CARDINALS.iter().chain(ORDINALS).chain(SCALES) {
            assert!(may_hold_a_number(&format!("in {word} days")), "{word}");
        }
    }

    fn q(
        low: f64,
        high: f64,
        kind: Kind,
        unit: Option<Unit>,
        bound: Bound,
    ) -> (f64, f64, Kind, Option<Unit>, Bound) {
        (low, high, kind, unit, bound)
    }

    fn read_whole(text: &str) -> Option<(f64, f64, Kind, Option<Unit>, Bound)> {
        parse(text).map(|x| (x.low, x.high, x.kind, x.unit, x.bound))
    }

    use Bound::*;
    use Kind::*;

    #[test]
    fn numbers_in_words() {
        let cases = [
            ("twenty-nine", 29.0, Count),
            ("twenty nine", 29.0, Count),
            ("three hundred", 300.0, Count),
            ("three hundred and ten", 310.0, Count),
            ("a hundred", 100.0, Count),
            ("a dozen", 12.0, Count),
            ("two dozen", 24.0, Count),
            ("two million", 2e6, Count),
            ("one thousand two hundred", 1200.0, Count),
            ("four", 4.0, Count),
            ("fourth", 4.0, Ordinal),
            ("twenty-ninth", 29.0, Ordinal),
            ("hundredth", 100.0, Ordinal),
        ];
        for (text, value, kind) in cases {
            assert_eq!(
                read_whole(text),
                Some(q(value, value, kind, None, Exact)),
                "{text}"
            );
        }
        for text in ["a", "and", "dozen", "hundred", "the third man", "five six"] {
            assert_eq!(read_whole(text), None, "{text}");
        }
    }

    #[test]
    fn digits_years_and_counts() {
        let cases = [
            ("1,430", 1430.0, 1430.0, Count),
            ("1430", 1430.0, 1430.0, Year),
            ("2021", 2021.0, 2021.0, Year),
            ("9,500", 9500.0, 9500.0, Count),
            ("3.5", 3.5, 3.5, Count),
            ("15th", 15.0, 15.0, Ordinal),
            ("1990s", 1990.0, 1999.0, Year),
            ("52", 52.0, 52.0, Count),
            ("1,000,000", 1e6, 1e6, Count),
            ("12345", 12345.0, 12345.0, Count),
        ];
        for (text, low, high, kind) in cases {
            assert_eq!(
                read_whole(text),
                Some(q(low, high, kind, None, Exact)),
                "{text}"
            );
        }
        // A date is not a quantity: its parts are no count, year or range.
        for text in ["1,43", "covid19", "4g", ",5", "2021-03-17", "covid-19"] {
            assert_eq!(read_whole(text), None, "{text}");
        }
    }

    #[test]
    fn glued_currencies_scales_and_units() {
        let usd = Some(Unit::Money("USD"));
        let gbp = Some(Unit::Money("GBP"));
        let cases = [
            ("$330million", 330e6, usd),
            ("$330m", 330e6, usd),
            ("$1.5 million", 1.5e6, usd),
            ("$ 359.15 million", 359.15e6, usd),
            ("£2bn", 2e9, gbp),
            ("£ 2bn", 2e9, gbp),
            ("€5m", 5e6, Some(Unit::Money("EUR"))),
            ("US$3", 3.0, usd),
            ("330 million dollars", 330e6, usd),
            ("1.5 million", 1.5e6, None),
            ("5k", 5e3, None),
            ("70mph", 70.0, Some(Unit::Measure("mph"))),
            ("70 mph", 70.0, Some(Unit::Measure("mph"))),
            ("70 miles per hour", 70.0, Some(Unit::Measure("mph"))),
            ("100m", 100.0, Some(Unit::Measure("m"))),
            ("12%", 12.0, Some(Unit::Percent)),
            ("12 per cent", 12.0, Some(Unit::Percent)),
            ("3 percentage points", 3.0, Some(Unit::PercentagePoints)),
            ("27-day", 27.0, Some(Unit::Measure("day"))),
            ("27 days", 27.0, Some(Unit::Measure("day"))),
            ("four days", 4.0, Some(Unit::Measure("day"))),
            ("two weeks", 2.0, Some(Unit::Measure("week"))),
            ("70-year-old", 70.0, Some(Unit::Measure("year"))),
            ("2000 km", 2000.0, Some(Unit::Measure("km"))),
            ("10,000-strong", 10_000.0, None),
            ("2000-strong", 2000.0, None),
        ];
        for (text, value, unit) in cases {
            let found = parse(text).unwrap_or_else(|| panic!("{text} is a quantity"));
            assert_eq!(
                (found.value(), found.unit, found.kind),
                (value, unit, Count),
                "{text}"
            );
        }
    }

    #[test]
    fn over_after_averaged_or_spread_names_a_span_not_a_bound() {
        let bound = |text: &str| quantities(text).first().map(|f| f.quantity.bound);
        assert_eq!(bound("averaged over 9 critics"), Some(Exact));
        assert_eq!(bound("payments spread over 10 years"), Some(Exact));
        assert_eq!(bound("sold over 9 million copies"), Some(Over));
        assert_eq!(bound("averaged more than 9 points"), Some(Over));
    }

    #[test]
    fn ranges_and_bounds() {
        let cases = [
            ("10-12", q(10.0, 12.0, Count, None, Exact)),
            ("10–12", q(10.0, 12.0, Count, None, Exact)),
            ("10 to 12", q(10.0, 12.0, Count, None, Exact)),
            ("between 10 and 12", q(10.0, 12.0, Count, None, Exact)),
            ("10 to 12 million", q(10e6, 12e6, Count, None, Exact)),
            ("2019-20", q(2019.0, 2020.0, Year, None, Exact)),
            ("1939-45", q(1939.0, 1945.0, Year, None, Exact)),
            ("1998-2004", q(1998.0, 2004.0, Year, None, Exact)),
            ("1,000-1,500", q(1000.0, 1500.0, Count, None, Exact)),
            (
                "$10-12m",
                q(10e6, 12e6, Count, Some(Unit::Money("USD")), Exact),
            ),
            (
                "10-12 mph",
                q(10.0, 12.0, Count, Some(Unit::Measure("mph")), Exact),
            ),
            ("about 9,500", q(9500.0, 9500.0, Count, None, About)),
            ("nearly 100", q(100.0, 100.0, Count, None, Nearly)),
            ("more than 1,000", q(1000.0, 1000.0, Count, None, Over)),
            ("over 50", q(50.0, 50.0, Count, None, Over)),
            ("at least 3", q(3.0, 3.0, Count, None, AtLeast)),
            ("3 or more", q(3.0, 3.0, Count, None, AtLeast)),
            ("50-plus", q(50.0, 50.0, Count, None, AtLeast)),
            ("up to 20", q(20.0, 20.0, Count, None, AtMost)),
            ("fewer than twenty", q(20.0, 20.0, Count, None, Under)),
            ("around 1990", q(1990.0, 1990.0, Year, None, About)),
            (
                "two-year",
                q(2.0, 2.0, Count, Some(Unit::Measure("year")), Exact),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(read_whole(text), Some(expected), "{text}");
        }
    }

    fn agreement(a: &str, b: &str) -> Agreement {
        let (a, b) = (parse(a).expect(a), parse(b).expect(b));
        let forward = a.agrees_with(&b);
        assert_eq!(forward, b.agrees_with(&a), "agreement is symmetric");
        forward
    }

    #[test]
    fn agreement_exact_rounded_and_bounded() {
        use Agreement::*;
        let cases = [
            // Years and plain counts: exact.
            ("2020", "2020", Agrees),
            ("2020", "2016", Disagrees),
            ("2020", "2019", Disagrees),
            ("27", "37", Disagrees),
            ("four", "4", Agrees),
            ("fourth", "third", Disagrees),
            ("1,430", "1,430", Agrees),
            // A year is never a count.
            ("1430", "1,430", Incomparable),
            ("fourth", "4", Incomparable),
            // Rounded forms cover half a unit of their last digit.
            ("1.5 million", "1,520,000", Agrees),
            ("1.5 million", "1,600,000", Disagrees),
            ("£2bn", "£2.4bn", Agrees),
            ("£2bn", "£2.6bn", Disagrees),
            ("$330million", "330 million dollars", Agrees),
            ("$330million", "£330m", Incomparable),
            ("$330million", "330 million", Agrees),
            // "about": the rounding of its last digit, at least a tenth, never tenfold.
            ("about 9,500", "9,200", Agrees),
            ("about 9,500", "10,400", Agrees),
            ("about 9,500", "11,000", Disagrees),
            ("around £900m", "£870m", Agrees),
            ("around £900m", "£800m", Disagrees),
            ("about 300", "3,000", Disagrees),
            ("about 9,500", "95,000", Disagrees),
            ("about 9,500", "950", Disagrees),
            ("about 200", "249", Agrees),
            // Open bounds: anything on their side.
            ("more than 100", "150", Agrees),
            ("more than 100", "90", Disagrees),
            ("more than 100", "1,000", Agrees),
            ("less than 100,000", "nearly 21,000", Agrees),
            ("higher than 33%", "37%", Agrees),
            ("up to 20", "15", Agrees),
            ("up to 20", "25", Disagrees),
            ("nearly 100", "97", Agrees),
            ("nearly 100", "103", Disagrees),
            ("at least 3", "3", Agrees),
            // "Over" and "under" exclude the number itself; "at least", "at most" include it.
            ("under 903", "903", Disagrees),
            ("more than 143", "143", Disagrees),
            ("at most 903", "903", Agrees),
            ("less than $276.5 million", "$277 million", Disagrees),
            ("over $55.05 million", "$55 million", Agrees),
            ("surpassed 5,000", "more than 5,000", Agrees),
            ("exceeded 5,000", "5,000", Disagrees),
            // A bound is the number as written, not widened by the rounding of its digits.
            ("more than $14 million", "$14.2 million", Agrees),
            ("over $93.3 million", "less than $93.35 million", Agrees),
            ("under 2 million", "1.8 million", Agrees),
            ("10-12", "11", Agrees),
            ("10-12", "14", Disagrees),
            // Units.
            ("70mph", "70 miles per hour", Agrees),
            ("70mph", "70 km", Incomparable),
            ("four days", "two weeks", Incomparable),
            ("four days", "14 days", Disagrees),
            ("12%", "12 per cent", Agrees),
            ("1990s", "1994", Agrees),
            ("1990s", "2004", Disagrees),
        ];
        for (a, b, expected) in cases {
            assert_eq!(agreement(a, b), expected, "{a} / {b}");
        }
    }

    #[test]
    fn no_closed_bound_lets_a_tenfold_error_pass() {
        for bound in ["about", "nearly", "some", "around"] {
            for value in [8.0, 950.0, 9_500.0, 1.5e6] {
                let stated = parse(&format!("{bound} {value}")).expect("a bounded number");
                for wrong in [value * 10.0, value / 10.0] {
                    let truth = Quantity {
                        low: wrong,
                        high: wrong,
                        rounding: 0.0,
                        kind: Kind::Count,
                        unit: None,
                        bound: Bound::Exact,
                    };
                    assert_eq!(
                        stated.agrees_with(&truth),
                        Agreement::Disagrees,
                        "{bound} {value} vs {wrong}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_change_from_one_figure_to_another_is_no_range() {
        let found: Vec<f64> = quantities("Sales rose from 10 to 12 in March.")
            .iter()
            .map(|f| f.quantity.value())
            .collect();
        assert_eq!(found, vec![10.0, 12.0]);
    }

    #[test]
    fn quantities_found_in_prose_with_their_spans() {
        let text =
            "Police said about 9,500 people, up from 1,430 in 2019, paid $330million (£2bn).";
        let found: Vec<(&str, f64, Kind)> = quantities(text)
            .iter()
            .map(|f| (&text[f.span.clone()], f.quantity.value(), f.quantity.kind))
            .collect();
        assert_eq!(
            found,
            vec![
                ("about 9,500", 9500.0, Count),
                ("1,430", 1430.0, Count),
                ("2019", 2019.0, Year),
                ("$330million", 330e6, Count),
                ("£2bn", 2e9, Count),
            ]
        );
    }
}
