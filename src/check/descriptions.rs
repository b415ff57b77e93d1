//! Who a person is said to be: the office a sentence gives a named person and the body or
//! place it ties that office to ("Wada chairman Dick Pound"; "Dick Pound, the chairman of
//! the World Anti-Doping Authority"; "Tony Lloyd, the Manchester Central MP"). A person holds
//! one office of a kind in one body at a time, so a draft that ties the same office of the
//! same person to another body ("International Olympic Committee president Dick Pound")
//! says something the sources contradict, however little else of the sentence they share.
//!
//! Read without a parser, from the two ways English writes a description: a title before
//! the name with the body before the title ("Wada chairman Dick Pound", "United's chief
//! executive David Gill"), and an appositive after the name, its body before the title or
//! after "of", "at" or "for" ("Joe McLean, a football specialist at accountancy firm Grant
//! Thornton"). An office qualified in time ("former", "then", "acting") says nothing of now.

use std::ops::Range;

use crate::check::clause::word;
use crate::check::evidence::evidence;
use crate::check::finding::{Code, Finding, Quoted, Severity};
use crate::check::participants::{may_name_same, named_in, proper_name_runs};
use crate::check::sentence::{Candidate, Sentence};
use crate::knowledge::titles::{self, TitleKind};
use crate::knowledge::{are_synonyms, Pos};
use crate::text::{Span, Token};

/// A named person described with an office in a named body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Description {
    /// The person's name, as a run of tokens.
    pub person: Vec<usize>,
    /// The office, as its title's lemma ("chairman").
    pub office: &'static str,
    /// The body or place the office is held in, as a run of tokens.
    pub body: Vec<usize>,
    /// The tokens of the whole description: title and body.
    pub words: Range<usize>,
}

/// The most words a title takes ("chief executive officer").
const MAX_TITLE_WORDS: usize = 3;
/// The most tokens an appositive runs before its closing comma.
const MAX_APPOSITIVE: usize = 12;

/// Every description of a named person in a sentence.
pub fn descriptions(text: &str, tokens: &[Token]) -> Vec<Description> {
    let runs = proper_name_runs(text, tokens);
    let mut found = Vec::new();
    for (r, person) in runs.iter().enumerate() {
        let (first, last) = (person[0], person[person.len() - 1]);
        if let Some(d) = title_before(text, tokens, &runs[..r], person, first) {
            found.push(d);
        }
        if let Some(d) = appositive_after(text, tokens, &runs[r + 1..], person, last) {
            found.push(d);
        }
    }
    found
}

/// The role title of `len` words at `at`, if the words there are one.
fn role_at(text: &str, tokens: &[Token], at: usize, len: usize) -> Option<&'static str> {
    let end = at.checked_add(len).filter(|&e| e <= tokens.len())?;
    let phrase: Vec<String> = (at..end)
        .map(|k| word(text, &tokens[k]).into_owned())
        .collect();
    titles::title(&phrase.join(" "))
        .filter(|t| t.kind == TitleKind::Role)
        .map(|t| t.lemma)
}

/// Whether a word qualifies an office in time: the office was or will be held, not is.
fn qualified_in_time(text: &str, tokens: &[Token], k: usize) -> bool {
    let w = word(text, &tokens[k]);
    matches!(
        w.as_ref(),
        "former"
            | "then"
            | "ex"
            | "acting"
            | "interim"
            | "outgoing"
            | "incoming"
            | "late"
            | "new"
            | "newly"
    ) || w.starts_with("ex-")
}

/// "Wada chairman Dick Pound", "United's chief executive David Gill": a body's name, its
/// possessive, a title, then the name.
fn title_before(
    text: &str,
    tokens: &[Token],
    earlier: &[Vec<usize>],
    person: &[usize],
    first: usize,
) -> Option<Description> {
    let (len, office) = (1..=MAX_TITLE_WORDS.min(first))
        .rev()
        .find_map(|len| role_at(text, tokens, first - len, len).map(|o| (len, o)))?;
    let title_start = first - len;
    let body = earlier.last()?;
    let body_end = body[body.len() - 1];
    if body_end + 1 != title_start
        || (body[0].saturating_sub(1)..first).any(|k| qualified_in_time(text, tokens, k))
    {
        return None;
    }
    Some(Description {
        person: person.to_vec(),
        office,
        body: body.clone(),
        words: body[0]..first,
    })
}

/// "Dick Pound, the chairman of the World Anti-Doping Authority,"; "Tony Lloyd, the
/// Manchester Central MP,": a comma after the name, then a noun phrase whose head is a
/// title, with a body's name before the title or after "of", "at" or "for".
fn appositive_after(
    text: &str,
    tokens: &[Token],
    later: &[Vec<usize>],
    person: &[usize],
    last: usize,
) -> Option<Description> {
    let start = last + 1;
    let gap_before = |k: usize| &text[tokens[k - 1].span.end..tokens[k].span.start];
    // A comma right after the name opens the appositive; the next mark of a clause ends it.
    if start >= tokens.len() || !gap_before(start).trim_start().starts_with(',') {
        return None;
    }
    let limit = tokens.len().min(start + MAX_APPOSITIVE);
    let end = (start + 1..limit)
        .find(|&k| gap_before(k).contains([',', ';', '(', ')', '.']))
        .unwrap_or(limit);
    if (start..end).any(|k| qualified_in_time(text, tokens, k)) {
        return None;
    }
    // The title: the first role of the appositive, its longest reading.
    let (title_at, len, office) = (start..end).find_map(|at| {
        (1..=MAX_TITLE_WORDS.min(end - at))
            .rev()
            .find_map(|len| role_at(text, tokens, at, len).map(|o| (at, len, o)))
    })?;
    let in_appositive = |run: &&Vec<usize>| run[0] >= start && run[run.len() - 1] < end;
    // A body before the title: "the Manchester Central MP" (a title written in capitals
    // ends the run of the body's name), "United's manager".
    let before = later
        .iter()
        .filter(in_appositive)
        .find(|run| run[0] < title_at && run[run.len() - 1] + 1 >= title_at)
        .map(|run| {
            run.iter()
                .copied()
                .filter(|&k| k < title_at)
                .collect::<Vec<_>>()
        });
    // A body after it, joined by "of", "at" or "for": "the chairman of the World
    // Anti-Doping Authority", "a specialist at accountancy firm Grant Thornton".
    let after = || {
        let joined = tokens.get(title_at + len).is_some_and(|_| {
            matches!(
                word(text, &tokens[title_at + len]).as_ref(),
                "of" | "at" | "for"
            )
        });
        joined
            .then(|| {
                later
                    .iter()
                    .filter(in_appositive)
                    .find(|run| run[0] > title_at + len)
            })
            .flatten()
            .cloned()
    };
    let body = before.or_else(after)?;
    Some(Description {
        person: person.to_vec(),
        office,
        body,
        words: start..end,
    })
}

/// Whether two runs name the same person: the same surname (the last word), and the same
/// first word where both give more than one.
fn same_person(a: (&str, &[Token], &[usize]), b: (&str, &[Token], &[usize])) -> bool {
    let ((_, ta, ra), (_, tb, rb)) = (a, b);
    let last = |t: &[Token], r: &[usize]| t[r[r.len() - 1]].norm;
    let first = |t: &[Token], r: &[usize]| t[r[0]].norm;
    last(ta, ra) == last(tb, rb) && (ra.len() < 2 || rb.len() < 2 || first(ta, ra) == first(tb, rb))
}

/// Whether two titles name one office: the same lemma, or a sense WordNet gives both
/// ("president" and "chairman" of an organisation).
fn same_office(a: &str, b: &str) -> bool {
    a == b || are_synonyms(a, b, Pos::Noun)
}

/// Contradictions of the draft's descriptions: a candidate gives the same person the same
/// office in another body, and no candidate gives it in the draft's.
pub fn contradictions(s: &Sentence, out: &mut Vec<Finding>) {
    let (ours, theirs) = s.frames(descriptions);
    for d in &ours {
        if d.body.iter().any(|&k| s.in_quotation(k)) {
            continue;
        }
        let person = (s.text, &s.tokens[..], &d.person[..]);
        let body = (s.text, &s.tokens[..], &d.body[..]);
        let same = |c: &Candidate, e: &Description| {
            same_person(person, (&c.text, &c.tokens, &e.person)) && same_office(d.office, e.office)
        };
        // A source that gives the person the office in the draft's body, or names that body
        // in a sentence describing the person so, says it or may.
        let agreed = theirs.iter().any(|(c, found)| {
            found.iter().filter(|e| same(c, e)).any(|e| {
                may_name_same(body, (&c.text, &c.tokens, &e.body))
                    || named_in(s.text, &s.tokens, &d.body, (&c.text, &c.tokens))
            })
        });
        if agreed {
            continue;
        }
        let against = theirs
            .iter()
            .find_map(|(c, found)| found.iter().find(|e| same(c, e)).map(|e| (*c, e)));
        let Some((c, e)) = against else {
            continue;
        };
        let span: Span = s.token_span(d.body[0], d.body[d.body.len() - 1]);
        if out.iter().any(|f| f.span.overlaps(span)) {
            continue;
        }
        let person = s.token_span(d.person[0], d.person[d.person.len() - 1]);
        let described = c.tokens[e.words.start]
            .span
            .join(c.tokens[e.words.end - 1].span)
            .slice(&c.text)
            .trim_matches([',', ' '])
            .to_string();
        let matched: Vec<usize> = e.person.iter().copied().chain(e.words.clone()).collect();
        out.push(Finding {
            code: Code::Contradiction,
            severity: Severity::Warning,
            message: format!(
                "Contradiction: the sources describe {} as {}",
                Quoted(person.slice(s.text)),
                Quoted(&described)
            ),
            span,
            evidence: vec![evidence(s.index, c.id, &c.tokens, &e.body, &matched)],
            fixes: Vec::new(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn read(text: &str) -> Vec<(String, &'static str, String)> {
        let tokens = tokenize(text);
        let run = |r: &[usize]| {
            tokens[r[0]]
                .span
                .join(tokens[r[r.len() - 1]].span)
                .slice(text)
                .to_string()
        };
        descriptions(text, &tokens)
            .into_iter()
            .map(|d| (run(&d.person), d.office, run(&d.body)))
            .collect()
    }

    fn one(person: &str, office: &'static str, body: &str) -> Vec<(String, &'static str, String)> {
        vec![(person.to_string(), office, body.to_string())]
    }

    #[test]
    fn a_title_before_the_name_with_its_body_before_it() {
        assert_eq!(
            read("The decision was welcomed by Wada chairman Dick Pound on Monday."),
            one("Dick Pound", "chairman", "Wada")
        );
        assert_eq!(
            read("It was a blow, Harbour Board treasurer Ann Lee told reporters."),
            one("Ann Lee", "treasurer", "Harbour Board")
        );
    }

    #[test]
    fn an_appositive_with_its_body_before_or_after_the_title() {
        assert_eq!(
            read("Dick Pound, the chairman of the World Anti-Doping Authority, said so."),
            one("Dick Pound", "chairman", "World Anti-Doping Authority")
        );
        assert_eq!(
            read("Tony Lloyd, the Manchester Central MP, has promised to act."),
            one("Tony Lloyd", "mp", "Manchester Central")
        );
        assert_eq!(
            read("Joe McLean, a football specialist at accountancy firm Grant Thornton, agreed."),
            one("Joe McLean", "specialist", "Grant Thornton")
        );
    }

    #[test]
    fn an_office_held_before_or_after_now_is_no_description() {
        assert!(read("New Wada chairman Dick Pound spoke.").is_empty());
        assert_eq!(
            read("The plan was welcomed by Newcastle chairman Ann Lee."),
            one("Ann Lee", "chairman", "Newcastle"),
            "a body whose name begins with 'New' is no time qualifier"
        );
        assert!(read("Former Wada chairman Dick Pound spoke.").is_empty());
        assert!(read("Dick Pound, the former chairman of Wada, spoke.").is_empty());
    }

    #[test]
    fn a_name_without_a_title_or_a_title_without_a_body_is_none() {
        assert!(read("Dick Pound, who spoke on Monday, was angry.").is_empty());
        assert!(read("The chairman Dick Pound spoke.").is_empty());
        assert!(read("Dick Pound, the chairman, spoke.").is_empty());
    }

    #[test]
    fn one_body_under_two_names_is_the_same_body() {
        let same = |a: &str, b: &str| {
            let (ta, tb) = (tokenize(a), tokenize(b));
            let all = |t: &[Token]| (0..t.len()).collect::<Vec<_>>();
            may_name_same((a, &ta, &all(&ta)), (b, &tb, &all(&tb)))
        };
        assert!(same("Wada", "World Anti-Doping Agency"));
        assert!(same("US", "United States"));
        assert!(!same("International Olympic Committee", "Wada"));
        assert!(!same("Salford", "Manchester Central"));
    }

    #[test]
    fn president_and_chairman_are_one_office_treasurer_another() {
        assert!(same_office("president", "chairman"));
        assert!(!same_office("treasurer", "chairman"));
    }
}
