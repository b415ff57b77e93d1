//! Who said a quotation, read from English's reporting constructions, and whether two
//! speakers are one.
//!
//! A quotation's speaker stands in a few places, by position and punctuation:
//! - after it: `"…," SPEAKER VERB [ADJUNCT]` and `"…," VERB SPEAKER`;
//! - before it, introducing it with a colon, "that" or a comma: `SPEAKER VERB: "…"`,
//!   `SPEAKER VERB that "…"`, `SPEAKER told X: "…"`, and a clause whose subject speaks
//!   (`SPEAKER reacted angrily, saying: "…"`, `SPEAKER was blunt: "…"`);
//! - in the sentence's reporting clause ([`attribution::find`]): `according to SPEAKER`;
//! - in the sentence before, for a quotation that opens its sentence and names nobody or only
//!   a pronoun ("X reacted angrily. "…," he said."): news prose gives a new quotation to the
//!   person the sentence before it was about.
//!
//! A speaker is its words as written ("Kenteris's lawyer, Gregory Ioannidis") and the name in
//! them: the capitalised run that ends a part of the phrase, after any owner ("Shareholders
//! United's Sean Bones") and before any "of" or "at" phrase ("Sean Bones of Shareholders
//! United"). A speaker without a name is a description ("the report", "a senior source at
//! the club"). A pronoun is no speaker: who "he" is is not read.

use std::ops::Range;

use crate::check::attribution;
use crate::check::clause::{breaks_before, is_clause_word, word};
use crate::check::mentions::{self, Comparison, Mention, Sort};
use crate::knowledge::{titles, wordnet, Pos};
use crate::text::tokens::Class;
use crate::text::{Span, Token};

/// How many tokens a speaker phrase can take: "the Kremlin spokesman Dmitry Peskov".
const MAX_SPEAKER: usize = 12;

/// Who a quotation is given to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Attribution {
    Speaker(Speaker),
    /// "he said": someone named elsewhere.
    Pronoun,
    /// No reporting construction reaches the quotation.
    Nobody,
}

/// A speaker as a sentence writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The speaker's words: "Kenteris's lawyer, Gregory Ioannidis".
    pub phrase: Span,
    /// Every word of the phrase, lower case.
    pub words: Vec<String>,
    /// The name in the phrase, lower case, without titles ("Ms", "Coach"); empty for a
    /// description ("a senior source at the club").
    pub name: Vec<String>,
    /// What the name names, when it has one.
    pub mention: Option<Mention>,
    /// The owner of a described speaker: "Russia" of "Russia's embassy".
    pub owner: Option<Mention>,
}

impl Speaker {
    pub fn is_named(&self) -> bool {
        !self.name.is_empty()
    }
}

/// How a draft's speaker stands to a source's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Agreement {
    /// One speaker, or speakers that may be one.
    Compatible,
    /// Different people or bodies.
    Different,
}

/// The speaker of quotation `q` (its outer span) in a sentence whose quotations are `quoted`.
pub fn in_sentence(text: &str, tokens: &[Token], quoted: &[Span], q: Span) -> Attribution {
    let outside = |i: usize| !quoted.iter().any(|s| s.covers(tokens[i].span));
    let found = after(text, tokens, q, &outside)
        .or_else(|| before(text, tokens, q, &outside))
        .or_else(|| reported(text, tokens, quoted, q));
    match found {
        Some(range) => read(text, tokens, range),
        None => Attribution::Nobody,
    }
}

/// Whether no word of the sentence stands before quotation `q`.
pub fn opens_sentence(tokens: &[Token], q: Span) -> bool {
    tokens.first().is_none_or(|t| t.span.start >= q.start)
}

/// The named speaker a sentence hands on to a quotation opening the next sentence: the
/// speaker of its last quotation, else of its reporting clause, else its subject.
pub fn of_previous(text: &str, tokens: &[Token], quoted: &[Span]) -> Option<Speaker> {
    let from_quote = quoted.last().map(|&q| in_sentence(text, tokens, quoted, q));
    let found = match from_quote {
        Some(Attribution::Speaker(s)) => Some(s),
        Some(_) => None,
        None => {
            let outside = |i: usize| !quoted.iter().any(|s| s.covers(tokens[i].span));
            let range = attribution::find(text, tokens, quoted)
                .map(|r| r.speaker)
                .or_else(|| subject(text, tokens, 0, &outside));
            range.and_then(|r| match read(text, tokens, r) {
                Attribution::Speaker(s) => Some(s),
                _ => None,
            })
        }
    };
    found.filter(Speaker::is_named)
}

/// How a draft's speaker stands to a source's. Two names are one speaker when the last word
/// of one's name is among the other's words ("Mr Glazer", "Malcolm Glazer", "Glazer";
/// "United" and "United's chief executive"). A name against a description is different
/// only when `named_in_sources` says the sources know the named speaker by name: had that
/// person said it, a source would have named them.
pub fn compare(
    draft: &Speaker,
    source: &Speaker,
    named_in_sources: impl Fn(&[String]) -> bool,
) -> Agreement {
    // A name's last word is its head (a surname, "Glazer"; a body's noun, "Investments"): a
    // first name in common is no person in common ("David Gill", "David Cummings"), nor a
    // city in common one club ("Manchester United", "Manchester City").
    let shares = |a: &Speaker, b: &Speaker| a.name.last().is_some_and(|w| b.words.contains(w));
    match (draft.is_named(), source.is_named()) {
        // Two countries' bodies are two speakers ("Russia's embassy", "Iran's foreign
        // ministry"), and so are two places.
        (false, false) => match (&draft.owner, &source.owner) {
            (Some(a), Some(b)) if unlike_places(a, b) => Agreement::Different,
            _ => Agreement::Compatible,
        },
        (true, true) => match (&draft.mention, &source.mention) {
            (Some(a), Some(b)) if is_place(a) || is_place(b) => {
                if unlike_places(a, b) {
                    Agreement::Different
                } else {
                    // A country speaks through its people: not compared with them.
                    Agreement::Compatible
                }
            }
            _ if !shares(draft, source) && !shares(source, draft) => Agreement::Different,
            _ => Agreement::Compatible,
        },
        _ if draft.mention.as_ref().is_some_and(is_place) => Agreement::Compatible,
        (true, false) if draft.name.len() >= 2 && named_in_sources(&draft.name) => {
            Agreement::Different
        }
        _ => Agreement::Compatible,
    }
}

fn is_place(m: &Mention) -> bool {
    matches!(m.sort, Sort::Place(_))
}

/// Two places that name no country in common.
fn unlike_places(a: &Mention, b: &Mention) -> bool {
    is_place(a) && is_place(b) && mentions::compare(a, b) == Comparison::Different
}

/// A reporting verb as a quotation's frame: "said", "told"; not "according", which takes "to".
fn is_reporting(text: &str, t: &Token) -> bool {
    let w = word(text, t);
    // A capital inside a sentence makes a name of it: "the United States said".
    let name = t.capitalized && !t.initial;
    !name && w != "according" && crate::text::lexicon::is_attribution_verb(&w)
}

fn is_participle(text: &str, t: &Token) -> bool {
    word(text, t).ends_with("ing")
}

fn is_pronoun(w: &str) -> bool {
    matches!(
        w,
        "he" | "she" | "they" | "we" | "i" | "it" | "you" | "him" | "her" | "them"
    )
}

/// Words a phrase's name never ends with or a subject never starts with: "But", "And".
fn is_conjunction(w: &str) -> bool {
    is_clause_word(w) || matches!(w, "and" | "or" | "so" | "then")
}

/// Prepositions that attach an affiliation or place to a name: "Sean Bones of Shareholders
/// United", "a source at the club".
fn is_modifier_preposition(w: &str) -> bool {
    matches!(
        w,
        "of" | "at" | "for" | "from" | "in" | "with" | "on" | "to" | "behind"
    )
}

/// Whether the text between tokens `k - 1` and `k` is a comma only: an appositive's edge.
fn comma_only(text: &str, tokens: &[Token], k: usize) -> bool {
    let between = &text[tokens[k - 1].span.end..tokens[k].span.start];
    between.contains(',') && between.trim().chars().all(|c| c == ',')
}

/// `"…," SPEAKER VERB`, `"…," VERB SPEAKER`, `"…," according to SPEAKER`.
fn after(
    text: &str,
    tokens: &[Token],
    q: Span,
    outside: &dyn Fn(usize) -> bool,
) -> Option<Range<usize>> {
    let n = tokens.len();
    let j = tokens.iter().position(|t| t.span.start >= q.end)?;
    // Only punctuation that can end a quotation inside a sentence may stand between.
    let gap = &text[q.end..tokens[j].span.start];
    if gap.contains([':', ';', '(', '—', '–']) || !outside(j) {
        return None;
    }
    let w = word(text, &tokens[j]);
    if w == "according" && j + 1 < n && word(text, &tokens[j + 1]) == "to" {
        let end = (j + 3..n)
            .find(|&k| breaks_before(text, tokens, k))
            .unwrap_or(n);
        return Some(j + 2..end);
    }
    if is_reporting(text, &tokens[j]) && !is_participle(text, &tokens[j]) {
        // "…," said Ms Powell, the costume designer.
        let end = (j + 2..n.min(j + 1 + MAX_SPEAKER))
            .find(|&k| {
                breaks_before(text, tokens, k)
                    || !outside(k)
                    || is_modifier_preposition(&word(text, &tokens[k]))
                        && !tokens.get(k + 1).is_some_and(|t| t.capitalized)
            })
            .unwrap_or(n.min(j + 1 + MAX_SPEAKER));
        return (end > j + 1).then_some(j + 1..end);
    }
    // "…," Shareholders United's Sean Bones told the BBC.
    let verb = (j + 1..n.min(j + MAX_SPEAKER))
        .take_while(|&k| outside(k) && !breaks_before(text, tokens, k))
        .find(|&k| is_reporting(text, &tokens[k]) && !is_participle(text, &tokens[k]))?;
    Some(j..verb)
}

/// `SPEAKER VERB: "…"`, `SPEAKER told X that "…"`, `SUBJECT …, saying: "…"`.
fn before(
    text: &str,
    tokens: &[Token],
    q: Span,
    outside: &dyn Fn(usize) -> bool,
) -> Option<Range<usize>> {
    let i = tokens.iter().rposition(|t| t.span.end <= q.start)?;
    let gap = &text[tokens[i].span.end..q.start];
    let introduced = gap.contains([':', ','])
        || word(text, &tokens[i]) == "that"
        || is_reporting(text, &tokens[i]);
    if !introduced || !outside(i) {
        return None;
    }
    let start = first_word(text, tokens, outside)?;
    let verb = (start..=i)
        .rev()
        .find(|&k| outside(k) && is_reporting(text, &tokens[k]));
    // Between the speaker and the quotation, one clause: a break only before a participle
    // that reports ("…, saying:").
    let one_clause = |from: usize| {
        (from + 1..=i).all(|k| {
            !breaks_before(text, tokens, k)
                || is_reporting(text, &tokens[k]) && is_participle(text, &tokens[k])
        })
    };
    match verb {
        Some(v) if !is_participle(text, &tokens[v]) && v > start => {
            // The speaker is the phrase before the verb: from the last break that is not an
            // appositive's comma.
            let from = (start + 1..=v)
                .rev()
                .find(|&k| {
                    breaks_before(text, tokens, k)
                        && (!comma_only(text, tokens, k) || is_clause_word(&word(text, &tokens[k])))
                })
                .unwrap_or(start);
            (v - from <= MAX_SPEAKER && from < v && one_clause(v)).then_some(from..v)
        }
        // A participle or no reporting verb: the sentence's subject speaks.
        _ => subject(text, tokens, start, outside).filter(|r| one_clause(r.end)),
    }
}

/// The sentence's reporting clause, when its claim holds the quotation: "According to the
/// report, “…”".
fn reported(text: &str, tokens: &[Token], quoted: &[Span], q: Span) -> Option<Range<usize>> {
    let r = attribution::find(text, tokens, quoted)?;
    r.claim
        .clone()
        .any(|k| q.covers(tokens[k].span))
        .then_some(r.speaker)
}

/// The first word of the sentence after any conjunction ("But a senior source …").
fn first_word(text: &str, tokens: &[Token], outside: &dyn Fn(usize) -> bool) -> Option<usize> {
    (0..tokens.len())
        .find(|&k| !is_conjunction(&word(text, &tokens[k])))
        .filter(|&k| outside(k))
}

/// The noun phrase that opens a sentence at `start`, when it names someone: names, titles,
/// determiners, owners and their nouns ("Kenteris's lawyer"), and appositives between commas
/// ("Kenteris's lawyer, Gregory Ioannidis, reacted"). It ends at the first other word.
fn subject(
    text: &str,
    tokens: &[Token],
    start: usize,
    outside: &dyn Fn(usize) -> bool,
) -> Option<Range<usize>> {
    let n = tokens.len();
    let mut k = start;
    while k < n && k - start < MAX_SPEAKER && outside(k) {
        let w = word(text, &tokens[k]);
        let t = &tokens[k];
        if k > start && breaks_before(text, tokens, k) && !comma_only(text, tokens, k) {
            break;
        }
        let words: Vec<String> = tokens[k..n.min(k + 4)]
            .iter()
            .map(|t| word(text, t).into_owned())
            .collect();
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        if let Some((len, _)) = titles::longest_title(&refs) {
            k += len;
            continue;
        }
        let named = t.capitalized && t.class == Class::Content;
        let joins = matches!(w.as_ref(), "'s" | "'" | "the" | "a" | "an" | "of");
        let owned = k > start && word(text, &tokens[k - 1]) == "'s";
        if named || joins || owned {
            k += 1;
        } else {
            break;
        }
    }
    // A phrase that runs into a comma and then stops at a verb ends before the comma.
    let mut end = k;
    while end > start {
        let w = word(text, &tokens[end - 1]);
        if matches!(w.as_ref(), "'s" | "the" | "a" | "an" | "of") {
            end -= 1;
        } else {
            break;
        }
    }
    (end > start && k < n).then_some(start..end)
}

/// The speaker of the phrase `range`: a pronoun, or its words and the name among them.
fn read(text: &str, tokens: &[Token], range: Range<usize>) -> Attribution {
    let mut range = range;
    while range.start < range.end && is_conjunction(&word(text, &tokens[range.start])) {
        range.start += 1;
    }
    if range.is_empty() {
        return Attribution::Nobody;
    }
    if range.len() == 1 && is_pronoun(&word(text, &tokens[range.start])) {
        return Attribution::Pronoun;
    }
    let run = name_run(text, tokens, range.clone());
    let mention = (!run.is_empty()).then(|| mentions::mention(text, tokens, &run));
    // The owner: the capitalised run before the phrase's first "'s".
    let owner = range
        .clone()
        .find(|&k| word(text, &tokens[k]) == "'s")
        .and_then(|at| {
            let first = (range.start..at)
                .rev()
                .take_while(|&k| is_name_word(text, tokens, k))
                .last()?;
            Some(mentions::mention(
                text,
                tokens,
                &(first..at).collect::<Vec<_>>(),
            ))
        });
    Attribution::Speaker(Speaker {
        phrase: tokens[range.start].span.join(tokens[range.end - 1].span),
        words: range
            .clone()
            .map(|k| word(text, &tokens[k]).into_owned())
            .collect(),
        name: run
            .iter()
            .map(|&k| word(text, &tokens[k]).into_owned())
            .collect(),
        mention,
        owner,
    })
}

/// The name in a speaker phrase: in the first comma-separated part that has one, after its
/// last owner ("'s") and before any "of"/"at" phrase, the capitalised run that ends it.
fn name_run(text: &str, tokens: &[Token], range: Range<usize>) -> Vec<usize> {
    let mut parts = Vec::new();
    let mut from = range.start;
    for k in range.start + 1..range.end {
        if text[tokens[k - 1].span.end..tokens[k].span.start].contains(',') {
            parts.push(from..k);
            from = k;
        }
    }
    parts.push(from..range.end);
    for part in parts {
        let mut p = part;
        if let Some(owner) = p.clone().rev().find(|&k| word(text, &tokens[k]) == "'s") {
            p.start = owner + 1;
        }
        if let Some(prep) = p
            .clone()
            .find(|&k| is_modifier_preposition(&word(text, &tokens[k])))
        {
            p.end = prep;
        }
        let mut k = p.end;
        while k > p.start && is_name_word(text, tokens, k - 1) {
            k -= 1;
        }
        // A title stands before a name ("Mr Glazer", "Coach Dana Ferris"); a name's last
        // word may be a title word too ("Glazer", "Gill").
        while k + 1 < p.end && titles::title(&word(text, &tokens[k])).is_some() {
            k += 1;
        }
        let run: Vec<usize> = (k..p.end).collect();
        // A sentence's first word has a capital whatever it is: alone, it is a name only when
        // English has no common noun of that spelling ("Police said" names nobody).
        let initial_common = run.len() == 1 && {
            let t = &tokens[run[0]];
            // WordNet's names (Lind, Arnold) are instances, with no class above them.
            t.initial
                && !matches!(mentions::mention(text, tokens, &run).sort, Sort::Place(_))
                && wordnet::senses(&word(text, t), Pos::Noun)
                    .iter()
                    .any(|s| s.hypernyms().next().is_some())
        };
        // "the Chairman" is a role written with a capital, not a name; "Glazer" is a name
        // though a glazer is a trade.
        let role = run.len() == 1
            && titles::title(&word(text, &tokens[run[0]])).is_some()
            && run[0] > 0
            && matches!(
                word(text, &tokens[run[0] - 1]).as_ref(),
                "the" | "a" | "an" | "its" | "their" | "his" | "her" | "our"
            );
        if !run.is_empty() && !initial_common && !role {
            return run;
        }
    }
    Vec::new()
}

fn is_name_word(text: &str, tokens: &[Token], k: usize) -> bool {
    let t = &tokens[k];
    t.capitalized && t.class == Class::Content && !is_conjunction(&word(text, t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::quotes::find_quotations;
    use crate::text::tokenize;

    /// The speaker phrase and name of the sentence's `nth` quotation, or "pronoun"/"nobody".
    fn speaker_of(text: &str, nth: usize) -> String {
        let tokens = tokenize(text);
        let quoted: Vec<Span> = find_quotations(text).iter().map(|q| q.outer).collect();
        match in_sentence(text, &tokens, &quoted, quoted[nth]) {
            Attribution::Speaker(s) => format!("{} [{}]", s.phrase.slice(text), s.name.join(" ")),
            Attribution::Pronoun => "pronoun".into(),
            Attribution::Nobody => "nobody".into(),
        }
    }

    #[test]
    fn speakers_in_each_reporting_construction() {
        let cases = [
            (
                "Ms Okafor said: \"The bridge will close in May.\"",
                "Ms Okafor [okafor]",
            ),
            (
                "The harbour master told reporters: \"No ship will sail today.\"",
                "The harbour master []",
            ),
            (
                "Deputy mayor Tomas Lind said that \"the budget is not negotiable\".",
                "Deputy mayor Tomas Lind [tomas lind]",
            ),
            (
                "\"We expect a record harvest,\" said Ms Vane, the farm's manager.",
                "Ms Vane [vane]",
            ),
            (
                "\"We expect a record harvest,\" the Growers' Union's Pia Moss told the paper.",
                "the Growers' Union's Pia Moss [pia moss]",
            ),
            (
                "\"The vote was close,\" Hartley said as she left the chamber.",
                "Hartley [hartley]",
            ),
            (
                "According to the inspector, \"the wiring was never checked\".",
                "the inspector []",
            ),
            (
                "But a senior source at the ministry told the paper: \"This time it is final.\"",
                "a senior source at the ministry []",
            ),
            (
                "The mayor's spokesman, Omar Reyes, said: \"The fees will rise.\"",
                "The mayor's spokesman, Omar Reyes [omar reyes]",
            ),
            (
                "Okonjo reacted angrily to the remarks, saying: \"These claims are false.\"",
                "Okonjo [okonjo]",
            ),
            (
                "Coach Dana Ferris was blunt about the result: \"We played badly.\"",
                "Coach Dana Ferris [dana ferris]",
            ),
            (
                "Ruth Amon of the Harbour Trust told the paper that \"the pier is unsafe\".",
                "Ruth Amon of the Harbour Trust [ruth amon]",
            ),
            (
                "The report said: \"Costs doubled in a year.\"",
                "The report []",
            ),
            (
                "\"Costs doubled,\" the embassy of the United States said.",
                "the embassy of the United States []",
            ),
            ("\"Costs doubled,\" the Treasurer said.", "the Treasurer []"),
            ("\"Costs doubled,\" Glazer said.", "Glazer [glazer]"),
            ("\"The vote was close,\" he said.", "pronoun"),
            ("\"The vote was close.\"", "nobody"),
            ("They bought a \"well funded\" bid.", "nobody"),
        ];
        for (text, expected) in cases {
            assert_eq!(speaker_of(text, 0), expected, "{text}");
        }
    }

    #[test]
    fn a_quotation_opening_a_sentence_takes_the_speaker_the_sentence_before_hands_on() {
        let previous = |text: &str| {
            let tokens = tokenize(text);
            let quoted: Vec<Span> = find_quotations(text).iter().map(|q| q.outer).collect();
            of_previous(text, &tokens, &quoted).map(|s| s.name.join(" "))
        };
        // The subject of a sentence that introduces the next one's quotation.
        assert_eq!(
            previous("The mayor's spokesman, Omar Reyes, reacted angrily to the remarks."),
            Some("omar reyes".into())
        );
        // The speaker of the sentence's own quotation.
        assert_eq!(
            previous("\"We worked hard,\" Hartley said as she left the stage."),
            Some("hartley".into())
        );
        // A description names nobody to hand on.
        assert_eq!(previous("The report was published on Monday."), None);
        // The quotation that takes it opens its sentence; one after other words does not.
        let tokens = tokenize("\"These claims are false,\" he said.");
        assert!(opens_sentence(&tokens, Span::new(0, 27)));
        let text = "He said \"no\".";
        let tokens = tokenize(text);
        assert!(!opens_sentence(&tokens, Span::new(8, 12)));
    }

    #[test]
    fn speakers_are_one_by_a_shared_name_and_different_by_none() {
        let speaker = |text: &str| {
            let tokens = tokenize(text);
            let quoted: Vec<Span> = find_quotations(text).iter().map(|q| q.outer).collect();
            match in_sentence(text, &tokens, &quoted, quoted[0]) {
                Attribution::Speaker(s) => s,
                other => panic!("no speaker in {text}: {other:?}"),
            }
        };
        let glazer = speaker("Mr Glazer said: \"It is a fair price.\"");
        let malcolm = speaker("\"It is a fair price,\" Malcolm Glazer said.");
        let gill = speaker("\"It is a fair price,\" said David Gill.");
        let cummings = speaker("\"It is a fair price,\" said David Cummings.");
        let source = speaker("A senior source at the club said: \"It is a fair price.\"");
        let moscow = speaker("Moscow said: \"It is a fair price.\"");
        let embassy = speaker("\"It is a fair price,\" Russia's embassy said.");
        let ministry = speaker("\"It is a fair price,\" Iran's foreign ministry said.");
        let envoy = speaker("\"It is a fair price,\" a Russian envoy said.");
        let beijing = speaker("Beijing said: \"It is a fair price.\"");
        use Agreement::*;
        let cases = [
            (&glazer, &malcolm, true, Compatible),
            (&malcolm, &gill, true, Different),
            // A first name in common is no person in common.
            (&gill, &cummings, true, Different),
            // A description against a name the sources know, and one they do not.
            (&malcolm, &source, true, Different),
            (&malcolm, &source, false, Compatible),
            (&source, &malcolm, true, Compatible),
            // A country speaks through its people; two countries are two speakers.
            (&moscow, &gill, true, Compatible),
            (&beijing, &moscow, true, Different),
            (&ministry, &embassy, true, Different),
            (&envoy, &embassy, true, Compatible),
        ];
        for (draft, source, named, expected) in cases {
            let known = |_: &[String]| named;
            assert_eq!(
                compare(draft, source, known),
                expected,
                "{draft:?} / {source:?}"
            );
        }
    }
}
