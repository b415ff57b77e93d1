//! Reporting clauses: who a sentence says made its claim, and which words are the claim.
//!
//! News prose wraps most claims in a report: "the assessment found that China preferred
//! Biden", "China preferred Biden, the assessment found", "according to the assessment, China
//! preferred Biden", "…, said Peskov". The claim inside is what a source must agree with; the
//! reporting clause names its speaker, which is a fact of its own. Comparing whole sentences
//! word by word lets the reporting words pair with words elsewhere in a source sentence, and a
//! claim that agrees or disagrees is then read as neither.
//!
//! The forms read are English's reporting constructions, by position and punctuation only:
//! - fronted: `SPEAKER VERB [that] CLAIM` (the verb in the sentence's first clause, "that"
//!   or a colon after it, or a form of "say", which takes its clause without "that");
//! - trailing: `CLAIM, SPEAKER VERB [ADJUNCT].` and `CLAIM, VERB SPEAKER.`;
//! - "according to": `According to SPEAKER, CLAIM` and `CLAIM, according to SPEAKER.`
//!
//! A reporting verb inside quotation marks belongs to the quotation, not to the sentence.

use std::ops::Range;

use crate::check::clause::{breaks_before, is_clause_word, word};
use crate::text::tokens::Class;
use crate::text::{lexicon, Span, Token};

/// How many tokens a speaker can take: "the Kremlin spokesman Dmitry Peskov", "the
/// assessment released by the Office of the Director of National Intelligence".
const MAX_SPEAKER: usize = 12;
/// How many tokens may follow a trailing reporting verb: "on a conference call with
/// reporters", "in a statement on Tuesday".
const MAX_ADJUNCT: usize = 8;

/// Where the reporting clause stands against its claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// "The assessment found that CLAIM."
    Fronted,
    /// "CLAIM, the assessment found." or "CLAIM, said Peskov."
    Trailing,
    /// "According to the assessment, CLAIM." or "CLAIM, according to the assessment."
    According,
}

/// A sentence's reporting clause, as token ranges of the sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reported {
    /// Who made the claim: "the assessment", "Peskov", "he".
    pub speaker: Range<usize>,
    /// The reporting verb ("said", "found"), or "according".
    pub verb: usize,
    /// The claim reported.
    pub claim: Range<usize>,
    pub placement: Placement,
}

/// The reporting clause of a sentence, if it has one outside the `quoted` spans.
pub fn find(text: &str, tokens: &[Token], quoted: &[Span]) -> Option<Reported> {
    let outside = |i: usize| !quoted.iter().any(|q| q.covers(tokens[i].span));
    let valid = |r: &Reported| {
        r.claim.len() >= 2
            && r.speaker.end > r.speaker.start
            && !is_determiner(&word(text, &tokens[r.speaker.end - 1]))
    };
    // A fronted reading first: in "Ms Lee, the council's treasurer, said the fees would rise"
    // the last clause is not "said SPEAKER".
    [according, fronted, trailing]
        .into_iter()
        .find_map(|form| form(text, tokens, &outside).filter(valid))
}

/// The claim's tokens: the reported claim when there is a reporting clause, else all.
pub fn claim_range(text: &str, tokens: &[Token], quoted: &[Span]) -> Range<usize> {
    find(text, tokens, quoted).map_or(0..tokens.len(), |r| r.claim)
}

/// A relative pronoun: its clause's report is of the clause, not of the sentence.
fn is_relative(w: &str) -> bool {
    matches!(w, "which" | "who" | "whom" | "whose" | "where")
}

/// Words that open a time or place phrase after a reporting verb ("said on Tuesday that").
fn is_adjunct_start(w: &str) -> bool {
    matches!(
        w,
        "on" | "in"
            | "at"
            | "during"
            | "last"
            | "this"
            | "earlier"
            | "later"
            | "late"
            | "yesterday"
            | "today"
            | "after"
            | "before"
    )
}

/// A speaker cannot end in an article or determiner: "The claims that …" is a noun phrase, not
/// "The" reporting.
fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the" | "a" | "an" | "this" | "that" | "these" | "those" | "its" | "their" | "his" | "her"
    )
}

fn is_reporting(text: &str, t: &Token) -> bool {
    let w = word(text, t);
    // "according" is read only with its "to"; an -ing form heads a clause of its own
    // ("…, saying it was rigged"), not a report of the sentence's claim.
    w != "according" && !w.ends_with("ing") && lexicon::is_attribution_verb(&w)
}

/// "say" takes its clause without "that": "Trump said China preferred Biden".
fn is_say(text: &str, t: &Token) -> bool {
    matches!(word(text, t).as_ref(), "say" | "says" | "said")
}

fn according(text: &str, tokens: &[Token], outside: &dyn Fn(usize) -> bool) -> Option<Reported> {
    let n = tokens.len();
    let to_at = |i: usize| {
        i + 1 < n
            && outside(i)
            && word(text, &tokens[i]) == "according"
            && word(text, &tokens[i + 1]) == "to"
    };
    if to_at(0) {
        // "According to SPEAKER, CLAIM"
        let end = (3..n.min(3 + MAX_SPEAKER)).find(|&k| breaks_before(text, tokens, k))?;
        return Some(Reported {
            speaker: 2..end,
            verb: 0,
            claim: end..n,
            placement: Placement::According,
        });
    }
    // "CLAIM, according to SPEAKER."
    let at = (1..n).rev().take(MAX_SPEAKER + 2).find(|&i| to_at(i))?;
    if !breaks_before(text, tokens, at) || (at + 2..n).any(|k| breaks_before(text, tokens, k)) {
        return None;
    }
    Some(Reported {
        speaker: at + 2..n,
        verb: at,
        claim: 0..at,
        placement: Placement::According,
    })
}

fn trailing(text: &str, tokens: &[Token], outside: &dyn Fn(usize) -> bool) -> Option<Reported> {
    let n = tokens.len();
    // The last clause of the sentence, and it must be short.
    let start = (1..n).rev().find(|&k| breaks_before(text, tokens, k))?;
    if n - start > MAX_SPEAKER + MAX_ADJUNCT || !outside(start) {
        return None;
    }
    // Its reporting verb: "…, the assessment found." or "…, said Peskov."
    let verb = (start..n).find(|&k| outside(k) && is_reporting(text, &tokens[k]))?;
    // "…, but the assessment found that …" reports a clause of its own, not the sentence's.
    if is_clause_word(&word(text, &tokens[start]))
        || (verb + 1..n).any(|k| word(text, &tokens[k]) == "that")
    {
        return None;
    }
    let speaker = if verb == start {
        // "…, said Peskov": the speaker follows; a speaker is short.
        if n - (verb + 1) > MAX_SPEAKER {
            return None;
        }
        verb + 1..n
    } else {
        if verb - start > MAX_SPEAKER || n - (verb + 1) > MAX_ADJUNCT {
            return None;
        }
        start..verb
    };
    Some(Reported {
        speaker,
        verb,
        claim: 0..start,
        placement: Placement::Trailing,
    })
}

fn fronted(text: &str, tokens: &[Token], outside: &dyn Fn(usize) -> bool) -> Option<Reported> {
    let n = tokens.len();
    let verb =
        (1..n.min(MAX_SPEAKER + 1)).find(|&k| outside(k) && is_reporting(text, &tokens[k]))?;
    // The speaker is one phrase: no clause word ("but", "because") before the verb, and a
    // comma only around an appositive ("Ms Lee, the council's treasurer, said").
    let plain_break = |k: usize| {
        let between = &text[tokens[k - 1].span.end..tokens[k].span.start];
        breaks_before(text, tokens, k)
            && (!between.trim().chars().all(|c| c == ',')
                || is_clause_word(&word(text, &tokens[k])))
    };
    // "Iran's efforts, which officials said were …": a relative clause's report.
    if (1..=verb).any(plain_break) || (0..verb).any(|k| is_relative(&word(text, &tokens[k]))) {
        return None;
    }
    // "that" right after the verb; after the hearer of a verb of telling ("told reporters
    // that"); or after a time or place ("said on Tuesday that"). Other words between the verb
    // and "that" make it the verb's own object ("found no evidence that …").
    let tells = matches!(
        word(text, &tokens[verb]).as_ref(),
        "tell" | "tells" | "told" | "warned"
    );
    let that = (verb + 1..n.min(verb + 6))
        .take_while(|&k| k == verb + 1 || !breaks_before(text, tokens, k))
        .find(|&k| word(text, &tokens[k]) == "that")
        .filter(|&k| {
            k == verb + 1
                || (tells && k <= verb + 4)
                || is_adjunct_start(&word(text, &tokens[verb + 1]))
        })
        .filter(|&k| (verb + 1..k).all(|m| tokens[m].class != Class::Negation));
    let colon =
        verb + 1 < n && text[tokens[verb].span.end..tokens[verb + 1].span.start].contains(':');
    let claim_start = match that {
        Some(k) => k + 1,
        None if colon || is_say(text, &tokens[verb]) => verb + 1,
        None => return None,
    };
    Some(Reported {
        speaker: 0..verb,
        verb,
        claim: claim_start..n,
        placement: Placement::Fronted,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    /// The speaker's words and the claim's words of `text`, or `None`.
    fn read(text: &str) -> Option<(String, String, Placement)> {
        let tokens = tokenize(text);
        let words = |r: Range<usize>| {
            if r.is_empty() {
                return String::new();
            }
            Span::new(tokens[r.start].span.start, tokens[r.end - 1].span.end)
                .slice(text)
                .to_string()
        };
        let r = find(text, &tokens, &[])?;
        Some((words(r.speaker), words(r.claim), r.placement))
    }

    #[test]
    fn reporting_clauses_in_each_position() {
        use Placement::*;
        type Case<'a> = (&'a str, Option<(&'a str, &'a str, Placement)>);
        let cases: &[Case] = &[
            (
                "China preferred Trump in the 2020 race, the assessment found.",
                Some((
                    "the assessment",
                    "China preferred Trump in the 2020 race",
                    Trailing,
                )),
            ),
            (
                "The assessment found that China preferred Trump.",
                Some(("The assessment", "China preferred Trump", Fronted)),
            ),
            (
                "According to the August assessment, Beijing favoured Trump.",
                Some(("the August assessment", "Beijing favoured Trump", According)),
            ),
            (
                "Beijing favoured Trump, according to the August assessment.",
                Some(("the August assessment", "Beijing favoured Trump", According)),
            ),
            (
                "Russia had no role in the election, said Peskov.",
                Some(("Peskov", "Russia had no role in the election", Trailing)),
            ),
            (
                "The report said China weighed interfering.",
                Some(("The report", "China weighed interfering", Fronted)),
            ),
            (
                "Peskov told reporters on Tuesday that Russia had no role.",
                Some(("Peskov", "Russia had no role", Fronted)),
            ),
            (
                "Ms Lee, the council's treasurer, said the fees would rise.",
                Some((
                    "Ms Lee, the council's treasurer",
                    "the fees would rise",
                    Fronted,
                )),
            ),
            (
                "Russia denied the claims, Peskov said on a conference call with reporters.",
                Some(("Peskov", "Russia denied the claims", Trailing)),
            ),
        ];
        for (text, expected) in cases {
            let expected = expected.map(|(s, c, p)| (s.to_string(), c.to_string(), p));
            assert_eq!(read(text), expected, "{text}");
        }
    }

    #[test]
    fn sentences_that_report_nothing() {
        for text in [
            "China preferred Biden in the 2020 race.",
            // A verb with an object of its own is not a report of a clause.
            "Police found the car in the river.",
            // A participle heads its own clause.
            "Trump lost the election, saying it was rigged.",
            // A report in the middle of a long sentence is not this sentence's frame.
            "China preferred Biden, but the assessment found that Russia worked to denigrate him.",
            // The evidence is the verb's object; its clause is not reported.
            "Investigators found no evidence that any government altered votes.",
            // A relative clause's report is of the relative clause.
            "Iran's efforts, which officials said were aggressive, grew.",
            // The claims are a noun here.
            "The claims were denied.",
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }

    #[test]
    fn a_reporting_verb_inside_quotation_marks_belongs_to_the_quotation() {
        let text = "“He said we lost,” the minister wrote.";
        let tokens = tokenize(text);
        let quote = Span::new(0, text.find(',').unwrap() + '”'.len_utf8() + 1);
        let r = find(text, &tokens, &[quote]).unwrap();
        assert_eq!(r.placement, Placement::Trailing);
        assert_eq!(word(text, &tokens[r.verb]), "wrote");
    }
}
