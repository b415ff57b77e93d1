//! Who did it: the named doer of an action, so that a draft giving a source's action to
//! someone else ("it was Khamenei who authorised the operations aimed at boosting Trump",
//! where the sources say Putin authorised them) is found, however the rest is worded.
//!
//! Read without a parser, from the three ways English names the doer of a clause: the name
//! right before its verb ("Putin authorised", "the tribunal has overturned"), a cleft ("it
//! was the committee that demanded ..."), and the passive's "by" ("were cleared by the
//! federation"). An action is the same when its verb and what follows it meet the source's
//! (by lemma or first senses), so the doer is the one thing that changed.

use std::ops::Range;

use crate::check::clause::{breaks_before, clause_end, clause_start, word};
use crate::check::evidence::evidence;
use crate::check::finding::{Code, Finding, Quoted, Severity};
use crate::check::lexical::Words;
use crate::check::participants::{may_name_same, proper_name_runs};
use crate::check::sentence::{Candidate, Sentence};
use crate::knowledge::{lemma, lemmas, Pos};
use crate::text::tokens::Class;
use crate::text::Token;

/// A named doer and the action it is said to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deed {
    /// The doer's name, as a run of tokens.
    pub doer: Vec<usize>,
    /// The verb.
    pub verb: usize,
    /// What follows the verb in its clause (for the passive, what precedes it): the action.
    pub action: Range<usize>,
    /// Said in a cleft ("it was the committee that demanded ..."), which names the one doer.
    pub focused: bool,
}

/// The function words that may stand between a doer and its verb: auxiliaries and a few
/// adverbs of degree or time ("has also", "had already").
const BETWEEN: &[&str] = &[
    "has", "have", "had", "is", "was", "were", "are", "will", "would", "did", "does", "do", "also",
    "already", "then", "later", "first", "finally", "just", "had", "been", "not",
];

/// The most tokens between a cleft's "it was" and its "who" or "that".
const MAX_FOCUS: usize = 12;
/// The most tokens between a passive's participle and its "by".
const MAX_PASSIVE_GAP: usize = 6;

/// How many content words of the action the draft and the source must share beyond the verb.
const MIN_SHARED_ACTION: usize = 2;

/// Whether token `k` can be a verb: a word WordNet knows as one, in lower case but where it
/// opens the sentence.
fn verb_at(text: &str, tokens: &[Token], k: usize) -> bool {
    let t = &tokens[k];
    // The capital that opens a sentence says nothing ("Formed in 2010 by ...").
    t.class == Class::Content
        && (!t.capitalized || t.initial)
        && t.value.is_none()
        && lemmas(t.span.slice(text))
            .iter()
            .any(|&(pos, _)| pos == Pos::Verb)
}

/// Whether token `k` can be a finite verb or a participle: a lower-case word WordNet knows
/// as a verb, written inflected ("approved", "signs", "took"); after an auxiliary its "-ing"
/// form too ("was pushing"). A bare "meeting" after a name is a noun ("the Board meeting").
fn inflected_verb_at(text: &str, tokens: &[Token], k: usize, after_auxiliary: bool) -> bool {
    let written = word(text, &tokens[k]);
    verb_at(text, tokens, k)
        && lemma(&written, Pos::Verb) != written.as_ref()
        && (after_auxiliary || !written.ends_with("ing"))
}

/// The verb of token `k`'s clause: the nearest verb before it in the clause, else the
/// nearest after. A date or a place dates or places that verb's event.
pub fn verb_of(text: &str, tokens: &[Token], k: usize) -> Option<usize> {
    let (start, end) = (clause_start(text, tokens, k), clause_end(text, tokens, k));
    let verb = |j: &usize| inflected_verb_at(text, tokens, *j, true);
    (start..k)
        .rev()
        .find(verb)
        .or_else(|| (k + 1..end).find(verb))
}

/// The verb a date or place at `k` dates or places: its clause's ([`verb_of`]), or, where that
/// clause has none and opens the sentence, the first verb after it ("On 30 September 2016,
/// the single, a collaboration with two producers, was released": a fronted phrase, and the
/// appositives after it, leave the verb to the main clause).
pub fn verb_dated_by(text: &str, tokens: &[Token], k: usize) -> Option<usize> {
    verb_of(text, tokens, k).or_else(|| {
        (clause_start(text, tokens, k) == 0)
            .then(|| (k + 1..tokens.len()).find(|&j| inflected_verb_at(text, tokens, j, true)))
            .flatten()
    })
}

/// Every deed with a named doer in a sentence.
pub fn deeds(text: &str, tokens: &[Token]) -> Vec<Deed> {
    let runs = proper_name_runs(text, tokens);
    let mut found = Vec::new();
    let possessive = |run: &[usize]| {
        let after = &text[tokens[run[run.len() - 1]].span.end..];
        after.starts_with("'s") || after.starts_with("’s")
    };
    // The verb at or after `k`, past auxiliaries, if there is one.
    let verb_from = |mut k: usize| {
        let start = k;
        while k < tokens.len() && BETWEEN.contains(&word(text, &tokens[k]).as_ref()) {
            k += 1;
        }
        (k < tokens.len() && inflected_verb_at(text, tokens, k, k > start)).then_some(k)
    };
    let deed = |doer: &[usize], verb: usize, focused: bool| Deed {
        doer: doer.to_vec(),
        verb,
        action: verb + 1..clause_end(text, tokens, verb).max(verb + 1),
        focused,
    };
    // "it was the committee that demanded ...", "it was Iran's supreme leader, Ayatollah Ali
    // Khamenei, who authorised ...": the doer is the last name of the focus before "who"
    // or "that".
    let mut in_focus: Vec<usize> = Vec::new();
    for k in 1..tokens.len() {
        if word(text, &tokens[k - 1]) != "it"
            || !matches!(word(text, &tokens[k]).as_ref(), "was" | "is")
        {
            continue;
        }
        let limit = tokens.len().min(k + 1 + MAX_FOCUS);
        let Some(that) =
            (k + 1..limit).find(|&j| matches!(word(text, &tokens[j]).as_ref(), "who" | "that"))
        else {
            continue;
        };
        let focus = k + 1..that;
        let Some(doer) = runs
            .iter()
            .filter(|run| focus.contains(&run[0]) && focus.contains(&run[run.len() - 1]))
            .rfind(|run| !possessive(run))
        else {
            continue;
        };
        in_focus.extend(focus);
        if let Some(verb) = verb_from(that + 1) {
            found.push(deed(doer, verb, true));
        }
    }
    // "Putin authorised", "the tribunal has overturned": the verb right after the name, in
    // its clause, auxiliaries between.
    for run in &runs {
        let next = run[run.len() - 1] + 1;
        if possessive(run)
            || in_focus.contains(&run[0])
            || next >= tokens.len()
            || breaks_before(text, tokens, next)
        {
            continue;
        }
        if let Some(verb) = verb_from(next) {
            found.push(deed(run, verb, false));
        }
    }
    // "were cleared last month by the Greek Athletics Federation": the doer after "by", the
    // verb the participle before it in its clause.
    for k in 1..tokens.len() {
        if word(text, &tokens[k]) != "by" {
            continue;
        }
        let Some(doer) = runs.iter().find(|run| run[0] > k && run[0] <= k + 2) else {
            continue;
        };
        let verb = (k.saturating_sub(MAX_PASSIVE_GAP)..k)
            .rev()
            .take_while(|&j| !breaks_before(text, tokens, j + 1))
            .find(|&j| inflected_verb_at(text, tokens, j, true));
        let Some(verb) = verb else {
            continue;
        };
        let start = (1..=verb)
            .rev()
            .find(|&j| breaks_before(text, tokens, j))
            .unwrap_or(0);
        found.push(Deed {
            doer: doer.clone(),
            verb,
            action: start..k,
            focused: false,
        });
    }
    found
}

/// Whether two deeds are one action: their verbs meet (or the draft's is a cleft's and the
/// actions share more than [`MIN_SHARED_ACTION`] words), and at least half the content words
/// of each action (at least [`MIN_SHARED_ACTION`]) meet a word of the other's. Both halves
/// matter: "won the best director award" shares two words with "won the best live action
/// short film award", which is another prize.
fn same_action(ours: &Deed, draft: &Words, theirs: &Deed, source: &Words) -> bool {
    let in_ours = |i: usize| ours.action.contains(&i) && !ours.doer.contains(&i) && i != ours.verb;
    let in_theirs =
        |j: usize| theirs.action.contains(&j) && !theirs.doer.contains(&j) && j != theirs.verb;
    let shared_ours = draft.meeting(source, in_ours, in_theirs);
    let shared_theirs = source.meeting(draft, in_theirs, in_ours);
    // A cleft names the one doer of what follows its verb: "it was Wada that pushed the IAAF
    // to investigate the affair" is said of whoever "demanded the IAAF investigate the
    // affair", however the verb of bringing it about is worded, when more of it is shared.
    let verbs_meet = draft.meet(ours.verb, source, theirs.verb)
        || (ours.focused && shared_ours > MIN_SHARED_ACTION);
    verbs_meet
        && shared_ours >= MIN_SHARED_ACTION
        && 2 * shared_ours >= draft.content_in(in_ours)
        && 2 * shared_theirs >= source.content_in(in_theirs)
}

/// Contradictions of the draft's doers: a candidate says another named doer did the same
/// action (its verb and words of what it did meet the draft's), no candidate says the
/// draft's doer did it, and the source sentence does not name the draft's doer at all.
pub fn contradictions(s: &Sentence, out: &mut Vec<Finding>) {
    let (ours, theirs) = s.frames(deeds);
    for d in &ours {
        if d.doer.iter().any(|&k| s.in_quotation(k)) {
            continue;
        }
        let doer = (s.text, &s.tokens[..], &d.doer[..]);
        let same_deed = |c: &Candidate, e: &Deed| same_action(d, s.words(), e, c.words());
        let agreed = theirs.iter().any(|(c, found)| {
            found
                .iter()
                .any(|e| same_deed(c, e) && may_name_same(doer, (&c.text, &c.tokens, &e.doer)))
        });
        if agreed {
            continue;
        }
        let against = theirs.iter().find_map(|(c, found)| {
            let names_ours = d
                .doer
                .iter()
                .any(|&k| c.tokens.iter().any(|t| t.norm == s.tokens[k].norm));
            (!names_ours)
                .then(|| found.iter().find(|e| same_deed(c, e)).map(|e| (*c, e)))
                .flatten()
        });
        let Some((c, e)) = against else {
            continue;
        };
        let span = s.token_span(d.doer[0], d.doer[d.doer.len() - 1]);
        if out.iter().any(|f| f.span.overlaps(span)) {
            continue;
        }
        let theirs_named = c.tokens[e.doer[0]]
            .span
            .join(c.tokens[e.doer[e.doer.len() - 1]].span)
            .slice(&c.text)
            .to_string();
        let matched: Vec<usize> = e.doer.iter().copied().chain([e.verb]).collect();
        out.push(Finding {
            code: Code::Contradiction,
            severity: Severity::Warning,
            message: format!(
                "Contradiction: the sources say {} {}, not {}",
                Quoted(&theirs_named),
                c.tokens[e.verb].span.slice(&c.text),
                Quoted(span.slice(s.text))
            ),
            span,
            evidence: vec![evidence(s.index, c.id, &c.tokens, &e.doer, &matched)],
            fixes: Vec::new(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn read(text: &str) -> Vec<(String, String)> {
        let tokens = tokenize(text);
        let run = |r: &[usize]| {
            tokens[r[0]]
                .span
                .join(tokens[r[r.len() - 1]].span)
                .slice(text)
                .to_string()
        };
        deeds(text, &tokens)
            .into_iter()
            .map(|d| (run(&d.doer), tokens[d.verb].span.slice(text).to_string()))
            .collect()
    }

    fn one(doer: &str, verb: &str) -> Vec<(String, String)> {
        vec![(doer.to_string(), verb.to_string())]
    }

    #[test]
    fn the_doer_right_before_its_verb() {
        assert_eq!(
            read("On Monday the Harbour Board approved the dredging plan."),
            one("Harbour Board", "approved")
        );
        assert_eq!(
            read("Last year Ann Lee has also signed the letter."),
            one("Ann Lee", "signed")
        );
    }

    #[test]
    fn the_focus_of_a_cleft() {
        assert_eq!(
            read("It was the Harbour Board that approved the plan."),
            one("Harbour Board", "approved")
        );
        assert_eq!(
            read("It was the council's treasurer, Ann Lee, who signed the letter."),
            one("Ann Lee", "signed")
        );
    }

    #[test]
    fn the_doer_of_a_passive() {
        assert_eq!(
            read("The plan was approved last week by the Harbour Board."),
            one("Harbour Board", "approved")
        );
    }

    #[test]
    fn a_fronted_date_dates_the_verb_of_the_main_clause() {
        let text = "On 17 September 2025, the new slipway, a gift of the board, was opened.";
        let tokens = tokenize(text);
        let year = tokens.iter().position(|t| t.value == Some(2025.0)).unwrap();
        assert_eq!(verb_of(text, &tokens, year), None);
        let verb = verb_dated_by(text, &tokens, year).map(|v| tokens[v].span.slice(text));
        assert_eq!(verb, Some("opened"));
        // A date at the end of a sentence has its own clause's verb, or none.
        let text = "The slipway was opened, the board said, in 2025.";
        let tokens = tokenize(text);
        assert_eq!(verb_dated_by(text, &tokens, tokens.len() - 1), None);
    }

    #[test]
    fn an_owner_or_a_name_before_a_noun_is_no_doer() {
        assert!(read("Ann Lee's letter was short.").is_empty());
        assert!(read("The Harbour Board meeting ended.").is_empty());
    }
}
