//! Clause structure a checker can read without a parser: where clauses break, what a negator
//! governs, and which words of support or opposition stand before a name.

use std::borrow::Cow;
use std::ops::Range;

use crate::knowledge::{lemmas, Pos};
use crate::text::lexicon;
use crate::text::tokens::Class;
use crate::text::{Span, Token};

const CLAUSE_WORDS: &[&str] = &[
    "but", "while", "although", "though", "whereas", "yet", "because", "however",
];

/// True for a word that opens a clause of its own ("but", "because").
pub fn is_clause_word(w: &str) -> bool {
    CLAUSE_WORDS.contains(&w)
}

/// True when a clause boundary lies between token `i - 1` and token `i`.
pub fn breaks_before(text: &str, tokens: &[Token], i: usize) -> bool {
    if i == 0 || i >= tokens.len() {
        return true;
    }
    let between = Span::between(text, tokens[i - 1].span, tokens[i].span).slice(text);
    // A sentence ends inside a quotation a source runs on from ("say no.’ The early
    // bookies"): the clause does too.
    between.contains([',', ';', ':', '(', ')', '—', '–', '“', '”', '"', '!', '?'])
        || [".’", ".'", ".”"].iter().any(|end| between.contains(end))
        || CLAUSE_WORDS.contains(&word(text, &tokens[i]).as_ref())
}

/// The first token of the clause holding token `i`.
pub fn clause_start(text: &str, tokens: &[Token], i: usize) -> usize {
    let mut k = i;
    while k > 0 && !breaks_before(text, tokens, k) {
        k -= 1;
    }
    k
}

/// One past the last token of the clause holding token `i`.
pub fn clause_end(text: &str, tokens: &[Token], i: usize) -> usize {
    let mut k = i + 1;
    while k < tokens.len() && !breaks_before(text, tokens, k) {
        k += 1;
    }
    k
}

/// Whether the phrases at token ranges `a` and `b` stand in one list: a comma, "and" or "or"
/// lies between them, and nothing else but names, numbers and words that join or place them
/// ("written by MacFarlane, Alec Sulkin, Kenny Hotz and Wellesley Wild"; "200 in Republika
/// Srpska, 123 in the Federation and 2 in Brčko District"). A common content word, a negator
/// or a clause word between says something of one phrase that it does not of the other
/// ("to aid Trump and denigrate Biden", "Biden, not Trump", "Trump, but Biden").
pub fn coordinated(text: &str, tokens: &[Token], a: Range<usize>, b: Range<usize>) -> bool {
    let (first, second) = if a.start <= b.start { (a, b) } else { (b, a) };
    if first.end > second.start || first.end == 0 {
        return false;
    }
    let between = first.end..second.start;
    let joined = between
        .clone()
        .any(|k| matches!(word(text, &tokens[k]).as_ref(), "and" | "or"))
        || (first.end..=second.start).any(|k| {
            Span::between(text, tokens[k - 1].span, tokens[k].span)
                .slice(text)
                .contains(',')
        });
    joined
        && tokens[between].iter().all(|t| match t.class {
            Class::Negation => false,
            Class::Content => t.capitalized,
            _ => !is_clause_word(&word(text, t)),
        })
}

/// Whether the negation of the word at `i` has an exception that the other sentence speaks
/// of: "Passengers are not allowed to enter Chile except special categories of passengers"
/// allows those categories, so "Only special categories of passengers are allowed" agrees with
/// it. The other sentence must share a word of the exception that the negated clause has not
/// used before it ("special", not "passengers"), or it may deny what the source denies.
pub fn excepted(text: &str, tokens: &[Token], i: usize, other_tokens: &[Token]) -> bool {
    let marker = (i + 1..tokens.len()).find(|&k| {
        let next = || tokens.get(k + 1).map(|t| word(text, t));
        match word(text, &tokens[k]).as_ref() {
            "except" | "excepting" => true,
            "other" => next().is_some_and(|n| n == "than"),
            "apart" | "aside" => next().is_some_and(|n| n == "from"),
            _ => false,
        }
    });
    let Some(marker) = marker else {
        return false;
    };
    let before: Vec<u64> = tokens[..marker].iter().map(|t| t.stem).collect();
    tokens[marker + 1..clause_end(text, tokens, marker)]
        .iter()
        .filter(|t| t.class == Class::Content && !before.contains(&t.stem))
        .any(|t| {
            other_tokens
                .iter()
                .any(|o| o.stem == t.stem && o.class == Class::Content)
        })
}

/// Whether a sentence pairs two lists by their order ("won 3 and 5 seats respectively"):
/// English then says which item goes with which only by counting.
pub fn respectively(text: &str, tokens: &[Token]) -> bool {
    tokens.iter().any(|t| word(text, t) == "respectively")
}

/// The lowercase text of a token, with a straight apostrophe. Borrowed when the text is so
/// already (most words): finders ask this of every token, often more than once.
pub fn word<'t>(text: &'t str, token: &Token) -> Cow<'t, str> {
    let written = token.span.slice(text);
    if written
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(written)
    } else {
        Cow::Owned(written.to_lowercase().replace('’', "'"))
    }
}

/// The negator governing token `i`, if any. A negator governs the first content word after it
/// ("did not deploy", "no steps", "not as aggressive") and, when that word is followed by
/// "that", the rest of its clause ("no evidence that a foreign actor changed votes"). A number
/// in between means the negator bounds the number ("fewer than 100 people"), not the claim.
pub fn negator_of(text: &str, tokens: &[Token], i: usize) -> Option<usize> {
    let start = clause_start(text, tokens, i);
    let mut k = i;
    while k > start {
        k -= 1;
        let t = &tokens[k];
        let negates = t.class == Class::Negation || refuses_to(text, tokens, k);
        match t.class {
            _ if negates => {
                let first_content = (k + 1..=i).find(|&c| tokens[c].is_content())?;
                if first_content == i {
                    return Some(k);
                }
                // "no evidence that ...": the rest of the clause. "did not interfere ... or
                // tamper": every verb of the coordination.
                let then = tokens.get(first_content + 1).map(|t| word(text, t));
                // "cannot deny that we made mistakes", "no doubt that ...": a negated denial
                // affirms what it would deny.
                if then.as_deref() == Some("that") && is_denial(&word(text, &tokens[first_content]))
                {
                    return None;
                }
                // A coordination inside a quotation ends with it: "neither 'extravagant or
                // unconscionable' Motoring groups reacted" negates the quoted words only.
                let coordinated = (first_content..i)
                    .any(|c| matches!(word(text, &tokens[c]).as_ref(), "or" | "nor"))
                    && !quotation_between(text, tokens[k].span.end, tokens[i].span.start);
                if then.as_deref() == Some("that") || coordinated {
                    return Some(k);
                }
                // A refusal that governs something else is a verb like any other: "not proven
                // that the athletes refused to take the test" still negates "test".
                if t.class == Class::Negation {
                    return None;
                }
            }
            Class::Number => return None,
            _ => {}
        }
    }
    None
}

/// Whether token `k` is a verb of refusal with its "to" ("refused to give", "declines to
/// name"): English's negative implicatives, which state that what follows did not happen,
/// as "did not" would. The verbs are WordNet's first sense of "refuse" ("show unwillingness
/// towards"), so "declined to comment" reads as "refused to"; "declined to 5%" (a figure
/// after "to") is another sense, a fall.
pub fn refuses_to(text: &str, tokens: &[Token], k: usize) -> bool {
    let (Some(to), Some(then)) = (tokens.get(k + 1), tokens.get(k + 2)) else {
        return false;
    };
    tokens[k].class == Class::Content
        && word(text, to) == "to"
        && then.class == Class::Content
        && !breaks_before(text, tokens, k + 1)
        && in_senses(&word(text, &tokens[k]), "refuse", 1)
}

/// Whether the clause holding token `i` refuses before it, in any of the words of the first
/// two senses of "refuse" (showing unwillingness; refusing to accept: "turned down the chance
/// to play", "rejected the plan to build"): a polarity said in other words than a negator,
/// which a checker comparing negators must not read as none.
pub fn refused_before(text: &str, tokens: &[Token], i: usize) -> bool {
    (clause_start(text, tokens, i)..i).any(|k| {
        let one = word(text, &tokens[k]);
        let two = tokens
            .get(k + 1)
            .map(|next| format!("{one} {}", word(text, next)));
        in_senses(&one, "refuse", 2) || two.is_some_and(|two| in_senses(&two, "refuse", 2))
    })
}

/// Whether a written verb (one word or a phrasal verb, "turned down") is a word of one of the
/// `first` WordNet senses of the verb `of`.
fn in_senses(written: &str, of: &str, first: usize) -> bool {
    use crate::knowledge::{lemma::lemma, wordnet::senses, Pos};
    let verb = match written.split_once(' ') {
        Some((head, particle)) => format!("{} {particle}", lemma(head, Pos::Verb)),
        None => lemma(written, Pos::Verb).into_owned(),
    };
    senses(of, Pos::Verb)
        .iter()
        .take(first)
        .any(|sense| sense.words().any(|w| w == verb))
}

/// Whether a whole quotation stands in `text[from..to]`: an opening mark, then a closing one
/// that no letter follows (a closing single mark followed by a letter is an apostrophe,
/// "we’re").
fn quotation_between(text: &str, from: usize, to: usize) -> bool {
    let Some(between) = text.get(from..to) else {
        return false;
    };
    let Some(open) = between.find(['“', '‘', '"', '\'']) else {
        return false;
    };
    let mark = between[open..].chars().next().map_or(1, char::len_utf8);
    let rest = &between[open + mark..];
    rest.char_indices().any(|(at, c)| {
        matches!(c, '”' | '’' | '"' | '\'')
            && !rest[at + c.len_utf8()..].starts_with(char::is_alphabetic)
    })
}

/// A word whose first sense denies or doubts what follows it ("deny", "doubt", "dispute", and
/// their WordNet synonyms in that sense), as a verb or a noun.
fn is_denial(w: &str) -> bool {
    use crate::knowledge::{lemma::lemma, wordnet::synonym_rank, Pos};
    [Pos::Verb, Pos::Noun].into_iter().any(|pos| {
        let l = lemma(w, pos);
        ["deny", "doubt", "dispute"]
            .iter()
            .any(|d| synonym_rank(&l, d, pos) == Some(0))
    })
}

/// +1 when the nearest word before token `i` in its clause (within four tokens) is a word of
/// support, -1 for opposition, 0 for neither; a governing negator turns it round.
pub fn stance_toward(text: &str, tokens: &[Token], i: usize) -> (i8, Option<usize>) {
    // Look from the start of the name, so "help Joe Biden" reads "help" for "Biden".
    let mut first = i;
    while first > 0 && tokens[first - 1].capitalized && !breaks_before(text, tokens, first) {
        first -= 1;
    }
    let start = clause_start(text, tokens, first).max(first.saturating_sub(4));
    for k in (start..first).rev() {
        let stem = lexicon::stem(lexicon::american_spelling(&word(text, &tokens[k]))).to_string();
        let p = lexicon::polarity(&stem);
        if p != 0 {
            let sign = if negator_of(text, tokens, k).is_some() {
                -p
            } else {
                p
            };
            return (sign, Some(k));
        }
        if tokens[k].is_key() {
            break;
        }
    }
    (0, None)
}

/// True when a negator stands after token `i` in its clause: "it preferred Trump did not win"
/// says something else about Trump than "it preferred Trump".
pub fn negated_after(text: &str, tokens: &[Token], i: usize) -> bool {
    (i + 1..clause_end(text, tokens, i)).any(|k| tokens[k].class == Class::Negation)
}

/// The verb of a complement clause that token `i` is the subject of: a bare infinitive right
/// after it ("lose" in "prefer Trump lose") or one after "to" ("win" in "wanted Trump to
/// win"). After a verb of wanting, English makes the name the subject of such a clause, and
/// what is wanted is the event, not the name. A finite verb ("Trump said") is not one, and
/// neither is a word right after the name that may be a noun ("Trump campaign").
pub fn complement_verb_after(text: &str, tokens: &[Token], i: usize) -> Option<&'static str> {
    let to = tokens
        .get(i + 1)
        .is_some_and(|t| t.span.slice(text).eq_ignore_ascii_case("to"));
    let k = if to { i + 2 } else { i + 1 };
    let t = tokens.get(k).filter(|t| t.class == Class::Content)?;
    if breaks_before(text, tokens, k) {
        return None;
    }
    let written = t.span.slice(text).to_lowercase();
    let found = lemmas(&written);
    let verb = found
        .iter()
        .find(|&&(pos, lemma)| pos == Pos::Verb && lemma == written)?;
    (to || found.iter().all(|&(pos, _)| pos == Pos::Verb)).then_some(verb.1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    #[test]
    fn a_negated_denial_affirms_its_clause() {
        let text = "I cannot deny that we made a lot of mistakes.";
        assert!(!negated(text, "mistakes"));
        assert!(!negated(
            "There is no doubt that the bans were lifted.",
            "lifted"
        ));
        // A negation of anything else still governs its clause.
        assert!(negated(
            "There is no evidence that the bans were lifted.",
            "lifted"
        ));
    }

    #[test]
    fn a_name_before_a_bare_or_to_infinitive_is_its_clause_s_subject() {
        let verb_after = |text: &str, word_at: &str| {
            let (tokens, i) = token_at(text, word_at);
            complement_verb_after(text, &tokens, i)
        };
        assert_eq!(
            verb_after("China prefer Trump lose.", "Trump"),
            Some("lose")
        );
        assert_eq!(
            verb_after("Beijing wanted Trump to win.", "Trump"),
            Some("win")
        );
        // A finite verb, a word that may be a noun, and a clause's end are none.
        assert_eq!(verb_after("Trump said he would win.", "Trump"), None);
        assert_eq!(
            verb_after("China preferred Trump campaign aides.", "Trump"),
            None
        );
        assert_eq!(
            verb_after("China preferred Trump, then Biden.", "Trump"),
            None
        );
    }

    /// The tokens of `text` and the index of the first written `word_at`.
    fn token_at(text: &str, word_at: &str) -> (Vec<Token>, usize) {
        let tokens = tokenize(text);
        let i = tokens
            .iter()
            .position(|t| t.span.slice(text) == word_at)
            .expect("the word is in the text");
        (tokens, i)
    }

    fn negated(text: &str, word_at: &str) -> bool {
        let (tokens, i) = token_at(text, word_at);
        negator_of(text, &tokens, i).is_some()
    }

    #[test]
    fn what_a_negator_governs() {
        assert!(negated(
            "China did not deploy influence operations",
            "deploy"
        ));
        assert!(!negated(
            "China did not deploy influence operations",
            "operations"
        ));
        assert!(negated("Russia took no steps to prepare", "steps"));
        assert!(negated(
            "Russia was not as aggressive as before",
            "aggressive"
        ));
        assert!(negated(
            "no evidence that the foreign actor changed votes",
            "changed"
        ));
        assert!(!negated("fewer than 100 people came", "people"));
        assert!(!negated(
            "it did not interfere, but it changed votes",
            "changed"
        ));
        assert!(negated(
            "it did not interfere or tamper with votes",
            "tamper"
        ));
        assert!(
            !negated(
                "the fine was neither ‘extravagant or unconscionable’ Motoring groups reacted",
                "groups"
            ),
            "a coordination inside a quotation ends with it"
        );
    }

    #[test]
    fn a_refusal_negates_what_it_refuses() {
        assert!(negated(
            "The board has refused to give Glazer access to its books",
            "give"
        ));
        assert!(negated("The minister declined to name the firm", "name"));
        assert!(!negated(
            "The board has agreed to give Glazer access to its books",
            "give"
        ));
        // A refusal of a thing, not of a deed, and a fall to a figure, negate nothing.
        assert!(!negated("The board refused the offer on Monday", "offer"));
        assert!(!negated("Profits declined to 5% of sales", "sales"));
        // What a refusal does not govern, a negation around it still may.
        assert!(negated(
            "It was not proven that the athletes refused to take the test",
            "test"
        ));
    }

    #[test]
    fn a_refusal_in_other_words() {
        let refused = |text: &str, at: &str| {
            let (tokens, i) = token_at(text, at);
            refused_before(text, &tokens, i)
        };
        assert!(refused(
            "He had turned down the chance to play for Ireland",
            "play"
        ));
        assert!(refused("The board rejected the plan to build", "build"));
        assert!(!refused("He took the chance to play for Ireland", "play"));
    }

    #[test]
    fn stance_before_a_name() {
        let text = "operations aimed at denigrating Biden";
        let t = tokenize(text);
        assert_eq!(stance_toward(text, &t, 4).0, -1);
        let text = "intended to help Joe Biden win";
        let t = tokenize(text);
        assert_eq!(stance_toward(text, &t, 3).0, 1);
    }

    #[test]
    fn names_in_one_list_share_its_role() {
        let listed = |text: &str, a: &str, b: &str| {
            let tokens = tokenize(text);
            let range = |name: &str| {
                let at = text.find(name).unwrap();
                let run: Vec<usize> = (0..tokens.len())
                    .filter(|&k| {
                        tokens[k].span.start >= at && tokens[k].span.end <= at + name.len()
                    })
                    .collect();
                run[0]..run[run.len() - 1] + 1
            };
            coordinated(text, &tokens, range(a), range(b))
        };
        let credits =
            "The screenplay was written by MacFarlane, Alec Sulkin, Kenny Hotz and Wellesley Wild.";
        assert!(listed(credits, "MacFarlane", "Kenny Hotz"));
        assert!(listed(credits, "Wellesley Wild", "Alec Sulkin"));
        let counts = "Of these, 200 were in Republika Srpska, 123 in the Federation and 2 in Brčko District.";
        assert!(listed(counts, "Republika Srpska", "Brčko District"));
        assert!(!listed(
            "Putin acted to aid Trump and denigrate Biden.",
            "Trump",
            "Biden"
        ));
        assert!(!listed(
            "The voters chose Biden, not Trump.",
            "Biden",
            "Trump"
        ));
        assert!(!listed(
            "Smith won the vote, but Jones took the seat.",
            "Smith",
            "Jones"
        ));
        assert!(!listed("Smith beat Jones in the final.", "Smith", "Jones"));
    }

    #[test]
    fn a_denial_with_an_exception_allows_the_exception() {
        let source =
            "Passengers are not allowed to enter Chile except special categories of passengers.";
        let tokens = tokenize(source);
        let allowed = tokens
            .iter()
            .position(|t| t.span.slice(source) == "allowed")
            .unwrap();
        let excepted_in = |draft: &str| excepted(source, &tokens, allowed, &tokenize(draft));
        assert!(excepted_in(
            "Only special categories of passengers are allowed to enter Chile."
        ));
        assert!(!excepted_in("Passengers are allowed to enter Chile."));
        let plain = "Passengers are not allowed to enter Chile.";
        let tokens = tokenize(plain);
        let draft = tokenize("Passengers are allowed to enter Chile.");
        assert!(!excepted(plain, &tokens, 3, &draft));
    }
}
