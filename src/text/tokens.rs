//! Tokenisation and normalisation with an offset map.
//!
//! Every token keeps the byte span it came from, so a finding always points at the writer's own
//! characters however much the comparison form was folded. Two forms are kept:
//! - `norm`: what "verbatim" means for a quotation: case, diacritics, curly quotes, British vs
//!   American spelling and spelled-out small numbers folded away, nothing else;
//! - `stem`: `norm` with light inflection stripped, for finding where a paraphrase touches a
//!   source (sanctioned / sanctions).
//!
//! Both are 64-bit hashes: comparisons on the keystroke path are integer compares.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;
use unicode_normalization::UnicodeNormalization;

use super::lexicon;
use super::span::{char_at, char_before, Span};

/// One word or number of a text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Token {
    /// Where the token stands in the text it was read from.
    pub span: Span,
    /// Hash of the folded form (see the module docs).
    pub norm: u64,
    /// Hash of the folded form with inflection stripped; its top bit is set for numbers only
    /// ([`is_number_stem`]).
    pub stem: u64,
    pub class: Class,
    /// Written with a capital first letter (or all capitals).
    pub capitalized: bool,
    /// The token begins a sentence or a quotation, so its capital says nothing.
    pub initial: bool,
    /// A numeric value, for numbers written in digits or in words.
    pub value: Option<f64>,
}

/// What kind of word a token is; decides which differences can be a contradiction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    /// A function word: carries no claim of its own.
    Stop,
    /// A negator: not, no, never, without, n't, less, fewer.
    Negation,
    /// Any other word.
    Content,
    /// A number, written in digits or words.
    Number,
    /// A month name.
    Month,
    /// A weekday name.
    Weekday,
}

impl Token {
    pub fn is_content(&self) -> bool {
        !matches!(self.class, Class::Stop | Class::Negation)
    }

    /// A name-like word: capitalised where capitals mean something, and not a date word.
    pub fn is_name(&self) -> bool {
        self.capitalized && !self.initial && self.class == Class::Content
    }

    /// A token that can carry a checkable fact: a name, number or date.
    pub fn is_key(&self) -> bool {
        self.is_name() || matches!(self.class, Class::Number | Class::Month | Class::Weekday)
    }
}

/// Splits `text` into tokens. `text` may be a whole document or a slice of one; spans are
/// relative to `text`.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    each_token(text, &mut |token| tokens.push(token));
    tokens
}

/// The tokens of [`tokenize`]`(text)`, handed to `each` in turn rather than collected.
fn each_token(text: &str, each: &mut impl FnMut(Token)) {
    let mut folded = String::with_capacity(text.len().min(64));
    let mut sentence_start = true;
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        if c == '%' {
            // "91.5 %" counts percent: the sign is the number's unit.
            let span = Span::within(text, start, start + c.len_utf8());
            push_word(text, span, false, &mut folded, each);
            continue;
        }
        if !c.is_alphanumeric() {
            if ends_sentence(c) {
                sentence_start = true;
            } else if is_opening_quote(c) {
                sentence_start = sentence_start || opening_context(text, start);
            }
            continue;
        }
        // A word: letters and digits, joined by an apostrophe between letters, a hyphen
        // between letters, or a decimal point / thousands comma between digits.
        let mut end = start + c.len_utf8();
        while let Some(&(i, d)) = iter.peek() {
            if d.is_alphanumeric() {
                end = i + d.len_utf8();
                iter.next();
                continue;
            }
            let prev = char_before(text, i).map_or(' ', |(_, p)| p);
            let next = char_at(text, i + d.len_utf8()).unwrap_or(' ');
            let joins = match d {
                '\'' | '’' => prev.is_alphabetic() && next.is_alphabetic(),
                // "re-election" and "COVID-19" are one word; "15-page" is a number and a unit.
                '-' | '‐' => prev.is_alphabetic() && next.is_alphanumeric(),
                '.' | ',' => prev.is_ascii_digit() && next.is_ascii_digit(),
                _ => false,
            };
            if !joins {
                break;
            }
            end = i + d.len_utf8();
            iter.next();
        }
        push_word(
            text,
            Span::new(start, end),
            sentence_start,
            &mut folded,
            each,
        );
        sentence_start = false;
    }
}

/// The stems of the content tokens of `text`, in order: those of [`tokenize`]`(text)`.
///
/// A word of ASCII letters only (most words) is one token whatever the rules, since nothing
/// in it joins or splits, and its folded form is its lower case: it is made without the
/// tokeniser's scan or allocations. The index keys a corpus's every new word this way.
pub fn content_stems(text: &str, mut each: impl FnMut(u64)) {
    const LONGEST: usize = 24;
    let bytes = text.as_bytes();
    if !bytes.is_empty() && bytes.len() <= LONGEST && bytes.iter().all(u8::is_ascii_alphabetic) {
        let mut folded = [0u8; LONGEST];
        for (f, b) in folded.iter_mut().zip(bytes) {
            *f = b.to_ascii_lowercase();
        }
        if let Ok(folded) = std::str::from_utf8(&folded[..bytes.len()]) {
            let span = Span::new(0, text.len());
            let token = make_token(folded, span, bytes[0].is_ascii_uppercase(), true, false);
            if token.is_content() {
                each(token.stem);
            }
            return;
        }
    }
    each_token(text, &mut |token| {
        if token.is_content() {
            each(token.stem);
        }
    });
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\n' | ':' | ';')
}

fn is_opening_quote(c: char) -> bool {
    matches!(c, '“' | '«' | '"' | '‘')
}

/// A straight quote opens a quotation when it follows a space or the start of the text.
fn opening_context(text: &str, at: usize) -> bool {
    char_before(text, at).is_none_or(|(_, p)| p.is_whitespace() || p == '(')
}

fn push_word(
    text: &str,
    span: Span,
    initial: bool,
    folded: &mut String,
    each: &mut impl FnMut(Token),
) {
    let raw = span.slice(text);
    let capitalized = raw.chars().next().is_some_and(char::is_uppercase);
    fold(if raw == "%" { "percent" } else { raw }, folded);
    // Contractions and possessives become their own tokens, so "didn't" carries a negation
    // and "Trump's" still matches "Trump".
    let (body, tail) = split_clitic(folded);
    // Where the clitic starts in the raw text: at its apostrophe, or at the character before
    // it for "n't" (whatever folded to that "n": "ñ", "ⁿ" and "ｎ" are several bytes). The
    // body keeps at least its first character.
    let body_end = match tail {
        Some(t) => {
            let apostrophe = raw.rfind(['\'', '’']).unwrap_or(raw.len());
            if t.word == "not" {
                char_before(raw, apostrophe).map_or(apostrophe, |(n, _)| n)
            } else {
                apostrophe
            }
        }
        None => raw.len(),
    };
    let first_end = raw.chars().next().map_or(0, char::len_utf8);
    let body_span = Span::within(
        text,
        span.start,
        span.start + body_end.max(first_end).min(raw.len()),
    );
    // "1,920" is a count: a year is never written with a thousands separator.
    let grouped = raw.contains(',');
    each(make_token(body, body_span, capitalized, initial, grouped));
    if let Some(tail) = tail {
        each(make_token(
            tail.word,
            Span::within(text, body_span.end, span.end),
            false,
            false,
            false,
        ));
    }
}

#[derive(Clone, Copy)]
struct Clitic {
    word: &'static str,
}

fn split_clitic(folded: &str) -> (&str, Option<Clitic>) {
    // Every clitic starts at an apostrophe (folded straight), and most words have none.
    if !folded.as_bytes().contains(&b'\'') {
        return (folded, None);
    }
    if let Some(body) = folded.strip_suffix("n't") {
        let body = match body {
            "ca" => "can",
            "wo" => "will",
            "sha" => "shall",
            other => other,
        };
        return (body, Some(Clitic { word: "not" }));
    }
    for (suffix, word) in [
        ("'s", "'s"),
        ("'re", "are"),
        ("'ve", "have"),
        ("'ll", "will"),
        ("'d", "would"),
    ] {
        if let Some(body) = folded.strip_suffix(suffix) {
            if !body.is_empty() {
                return (body, Some(Clitic { word }));
            }
        }
    }
    (folded, None)
}

fn make_token(folded: &str, span: Span, capitalized: bool, initial: bool, grouped: bool) -> Token {
    let listed = lexicon::listed(folded);
    let number = listed.number;
    let class = if number.is_some() {
        Class::Number
    } else if listed.negation {
        Class::Negation
    } else if listed.month && capitalized {
        // "may" and "march" are months only when written as names.
        Class::Month
    } else if listed.weekday {
        Class::Weekday
    } else if listed.stop {
        Class::Stop
    } else {
        Class::Content
    };
    let spelled = lexicon::american_spelling_of(folded, listed);
    let norm_text: std::borrow::Cow<str> = match number {
        Some(v) => format_number(v).into(),
        None => spelled.into(),
    };
    let stem_text = lexicon::stem(&norm_text);
    Token {
        span,
        norm: hash_str(&norm_text),
        stem: match number {
            Some(v) => number_stem_of(stem_text, v, grouped),
            None => stem_hash(stem_text, false),
        },
        class,
        capitalized,
        initial,
        value: number,
    }
}

/// The stem of a number of this value as a token, however the text writes it: "five", "5"
/// and "5.0" are one stem.
pub fn number_stem(value: f64) -> u64 {
    number_stem_of(lexicon::stem(&format_number(value)), value, false)
}

/// A number's stem: the hash of how it is written, with its [`magnitude`] in the low bits;
/// `grouped` when written with a thousands separator.
fn number_stem_of(written: &str, value: f64, grouped: bool) -> u64 {
    (stem_hash(written, true) & !MAGNITUDE) | magnitude(value, grouped)
}

/// The stems of the counts a whitespace-separated chunk states glued to what they count
/// ("£1.8m", "70mph", "$330million", "two-time", "twenty-nine"): the tokeniser keeps such a
/// chunk as one word, whose stem is not its number's, so a search for the number must be
/// given them apart. Nothing for a chunk without a letter beside a digit or a hyphen (a plain
/// number is its own token already).
pub fn glued_number_stems(chunk: &str, mut each: impl FnMut(u64)) {
    let bytes = chunk.as_bytes();
    let digit = bytes.iter().any(u8::is_ascii_digit);
    let hyphen = bytes.contains(&b'-');
    if !(digit || hyphen) || !bytes.iter().any(u8::is_ascii_alphabetic) {
        return;
    }
    for found in crate::knowledge::numbers::quantities(chunk) {
        let q = found.quantity;
        if q.kind == crate::knowledge::numbers::Kind::Count {
            each(number_stem(q.low));
            if q.high != q.low {
                each(number_stem(q.high));
            }
        }
    }
    // Each run of digits as written, whatever is glued to it: "9" of "9pm", "19" of
    // "COVID-19".
    if digit {
        for run in chunk
            .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .map(|run| run.trim_matches(|c| c == '.' || c == ','))
            .filter(|run| !run.is_empty())
        {
            if let Ok(value) = run.replace(',', "").parse::<f64>() {
                each(number_stem(value));
            }
        }
    }
    // A compound's number word: "two-time", "five-match".
    if hyphen {
        for part in chunk.split('-') {
            let folded = part.to_ascii_lowercase();
            if let Some(value) = lexicon::listed(&folded).number {
                each(number_stem(value));
            }
        }
    }
}

fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Lowercase, strip diacritics, straighten apostrophes, drop joining hyphens and commas in
/// numbers.
fn fold(raw: &str, out: &mut String) {
    out.clear();
    if raw.is_ascii() {
        // Most words: NFKD leaves ASCII as it is and it has no combining marks, so folding is
        // lowercasing and dropping hyphens and commas.
        out.extend(
            raw.bytes()
                .filter(|b| !matches!(b, b'-' | b','))
                .map(|b| b.to_ascii_lowercase() as char),
        );
        return;
    }
    for c in raw.nfkd() {
        match c {
            '’' | '\'' => out.push('\''),
            '-' | '‐' => {}
            ',' => {}
            c if unicode_normalization::char::is_combining_mark(c) => {}
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// The top bit of a stem says whether the token is a number, so that code holding only stems
/// (the index's pair keys, built from memoised chunks) can tell numbers from words.
const NUMBER_STEM: u64 = 1 << 63;

fn stem_hash(stem: &str, number: bool) -> u64 {
    if number {
        hash_str(stem) | NUMBER_STEM
    } else {
        hash_str(stem) & !NUMBER_STEM
    }
}

/// Whether a stem is a number's (see [`Token::stem`]).
pub fn is_number_stem(stem: u64) -> bool {
    stem & NUMBER_STEM != 0
}

/// The low bits of a number's stem: which band of values it falls in.
const MAGNITUDE: u64 = 0xFFFF;

/// How much wider each band of [`magnitude`] is than the one below it.
const BAND_RATIO: f64 = 1.25;

/// The band of values a number falls in, each [`BAND_RATIO`] times wider than the one
/// below; zero for what may be part of a date, compared exactly, never a number near
/// another: a year (a whole number from 1000 to 2100 written without a thousands
/// separator) or a day of a month (a whole number from 1 to 31: "January 7" is not
/// "January 5").
fn magnitude(value: f64, grouped: bool) -> u64 {
    let whole = value.fract() == 0.0;
    if whole && ((!grouped && (1000.0..=2100.0).contains(&value)) || (1.0..=31.0).contains(&value))
    {
        return 0;
    }
    if !value.is_finite() || value <= 0.0 {
        return 1;
    }
    // From about 1e-300 to 1e300 in 1.25 steps: within 2..=6200, clear of zero and one.
    let band = (value.ln() / BAND_RATIO.ln()).floor() + 3200.0;
    band.clamp(2.0, MAGNITUDE as f64) as u64
}

/// What a stem stands for in a pair of words: itself, or for a number, its band of values.
/// A sentence giving "7,920 tests" is found from a draft's "more than 7,950 tests": a figure
/// rounded, bounded or given wrong is still near the source's, and the words around it are
/// what the two share. A year stands for itself.
pub fn pair_stem(stem: u64) -> u64 {
    if is_number_stem(stem) && stem & MAGNITUDE != 0 {
        NUMBER_STEM | (stem & MAGNITUDE)
    } else {
        stem
    }
}

/// The pair stems of the bands on either side of a number's: a figure near a band's edge
/// is as near to values in the next.
pub fn neighbouring_bands(stem: u64) -> Option<[u64; 2]> {
    let band = stem & MAGNITUDE;
    (is_number_stem(stem) && (2..MAGNITUDE).contains(&band))
        .then(|| [NUMBER_STEM | (band - 1), NUMBER_STEM | (band + 1)])
}

pub fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_pairs_by_its_band_and_a_year_by_itself() {
        let stem = |w: &str| tokenize(w)[0].stem;
        // Near figures share a band: a draft's bound finds the source's figure.
        assert_eq!(pair_stem(stem("7,950")), pair_stem(stem("7,920")));
        assert_eq!(pair_stem(stem("7,950")), pair_stem(number_stem(7950.0)));
        // Far ones do not, nor does a year with a year near it.
        assert_ne!(pair_stem(stem("7,950")), pair_stem(stem("12,000")));
        assert_ne!(pair_stem(stem("2019")), pair_stem(stem("2020")));
        assert_eq!(pair_stem(stem("2019")), stem("2019"));
        // A count in the years' range is a count when a separator says so.
        assert_eq!(pair_stem(stem("1,950")), pair_stem(stem("1,920")));
        // Words are themselves; a number is still a number, and its own word.
        assert_eq!(pair_stem(stem("permits")), stem("permits"));
        assert!(is_number_stem(pair_stem(stem("7,950"))));
        assert_ne!(stem("7,950"), stem("7,920"));
        // Nor a whole number that may be a day of a month.
        assert_eq!(pair_stem(stem("7")), stem("7"));
        assert_ne!(pair_stem(stem("7")), pair_stem(stem("5")));
        // A figure at a band's edge reaches the next band.
        let (a, b) = (stem("99"), stem("101"));
        let near_a = neighbouring_bands(a).unwrap_or_default();
        assert!(pair_stem(a) == pair_stem(b) || near_a.contains(&pair_stem(b)));
        assert_eq!(neighbouring_bands(stem("permits")), None);
    }

    #[test]
    fn content_stems_are_those_of_the_tokens() {
        let words = [
            "May",
            "may",
            "MAY",
            "not",
            "Not",
            "five",
            "Five",
            "million",
            "colour",
            "Color",
            "the",
            "The",
            "N",
            "x",
            "Tuesday",
            "policies",
            "analysed",
            "a",
            "I",
            "percent",
            "didn't",
            "re-election",
            "3.5",
            "1,200",
            "%",
            "café",
            "US$1",
            "O’Neill",
            "supercalifragilisticexpialidocious",
            "",
        ];
        for word in words {
            let mut fast = Vec::new();
            content_stems(word, |s| fast.push(s));
            let slow: Vec<u64> = tokenize(word)
                .iter()
                .filter(|t| t.is_content())
                .map(|t| t.stem)
                .collect();
            assert_eq!(fast, slow, "{word:?}");
        }
    }

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.span.slice(text)).collect()
    }

    #[test]
    fn spans_point_at_the_writers_bytes() {
        let text = "“Trump’s re-election,” 😀 said 1,000 officials\r\nCRLF";
        assert_eq!(
            words(text),
            [
                "Trump",
                "’s",
                "re-election",
                "said",
                "1,000",
                "officials",
                "CRLF"
            ]
        );
    }

    #[test]
    fn spelling_case_quotes_and_number_words_fold_together() {
        let a = tokenize("Putin authorised FOUR favourable reports");
        let b = tokenize("putin authorized 4 favorable reports");
        let norms = |t: &[Token]| t.iter().map(|t| t.norm).collect::<Vec<_>>();
        assert_eq!(norms(&a), norms(&b));
    }

    #[test]
    fn contractions_carry_their_negation() {
        let t = tokenize("They didn't vote");
        assert_eq!(t.len(), 4);
        assert_eq!(t[2].class, Class::Negation);
        assert_eq!(t[2].span.slice("They didn't vote"), "n't");
    }

    #[test]
    fn a_clitic_after_a_letter_of_several_bytes_keeps_whole_characters() {
        // "ñ", "ⁿ" and "ｎ" fold to "n": the "n't" starts at the character, not a byte before
        // the apostrophe.
        assert_eq!(
            words("doeñ't doⁿ't doｎ't ñ't"),
            ["doe", "ñ't", "do", "ⁿ't", "do", "ｎ't", "ñ", "'t"]
        );
        let t = tokenize("doeñ't");
        assert_eq!(t[1].class, Class::Negation);
    }

    #[test]
    fn capitals_at_a_sentence_start_are_not_names() {
        let t = tokenize("China won. Russia lost to Biden.");
        let names: Vec<bool> = t.iter().map(Token::is_name).collect();
        assert_eq!(names, [false, false, false, false, false, true]);
    }

    #[test]
    fn stems_join_inflections() {
        let a = tokenize("sanctioned elections");
        let b = tokenize("sanctions election");
        assert_eq!(a[0].stem, b[0].stem);
        assert_eq!(a[1].stem, b[1].stem);
        assert_ne!(a[0].norm, b[0].norm);
    }
}
