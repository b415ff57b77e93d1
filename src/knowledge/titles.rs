//! Titles and roles: the nouns that name what a person does or holds ("the company's chief
//! executive", "the council's treasurer", "a spokesman", "the senator"), and the forms of
//! address ("Mr", "Mrs", "Ms"), in any case and number.
//!
//! A role is a WordNet 3.0 person noun whose most frequent sense lies under a leader,
//! worker, official, representative, professional, spokesperson, serviceman, clergyman,
//! lawman, money handler, member, entertainer, contestant, ruler, communicator or expert;
//! so "treasurer" is a role and "man" (first an adult male) or "victim" is not. See
//! `scripts/build-knowledge.py`.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::{folded, lemma, malformed, Pos};

const FILE: &str = "titles.txt";
static TEXT: &str = include_str!("../../data/knowledge/titles.txt");

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TitleKind {
    /// An office, role or occupation: "treasurer", "chief executive".
    Role,
    /// A form of address that stands before a name: "Mr", "Mrs".
    Address,
}

/// A title as found: its kind and its lemma ("spokesmen" -> "spokesman").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Title {
    pub kind: TitleKind,
    pub lemma: &'static str,
}

struct Titles {
    by_lemma: FxHashMap<&'static str, TitleKind>,
    /// The most words in any title, so a scan knows how far to look.
    longest: usize,
}

fn titles() -> &'static Titles {
    static TITLES: OnceLock<Titles> = OnceLock::new();
    TITLES.get_or_init(|| {
        let mut by_lemma = FxHashMap::default();
        let mut longest = 1;
        for (n, line) in TEXT.lines().enumerate() {
            if line.starts_with('#') {
                continue;
            }
            let (kind, lemma) = match line.split_once('\t') {
                Some(("role", lemma)) => (TitleKind::Role, lemma),
                Some(("address", lemma)) => (TitleKind::Address, lemma),
                _ => malformed(FILE, n + 1, "a title is role or address, a tab, a lemma"),
            };
            longest = longest.max(lemma.split(' ').count());
            by_lemma.insert(lemma, kind);
        }
        Titles { by_lemma, longest }
    })
}

/// The title a phrase is, singular or plural: "Chief Executive", "spokesmen", "Mrs.".
pub fn title(phrase: &str) -> Option<Title> {
    let t = titles();
    let phrase = folded(phrase);
    if let Some((&lemma, &kind)) = t.by_lemma.get_key_value(phrase.as_ref()) {
        return Some(Title { kind, lemma });
    }
    // The head of an English noun phrase is its last word, and it alone takes the plural.
    let (head, last) = phrase.rsplit_once(' ').unwrap_or(("", &phrase));
    let singular = lemma(last, Pos::Noun);
    if singular == last {
        return None;
    }
    let whole = if head.is_empty() {
        singular.into_owned()
    } else {
        format!("{head} {singular}")
    };
    t.by_lemma
        .get_key_value(whole.as_str())
        .map(|(&lemma, &kind)| Title { kind, lemma })
}

/// The longest title that the words start with, and how many words it takes:
/// ["chief", "executive", "officer", "Tim"] gives 3 words, "chief executive officer".
pub fn longest_title(words: &[&str]) -> Option<(usize, Title)> {
    let most = titles().longest.min(words.len());
    (1..=most)
        .rev()
        .find_map(|n| title(&words[..n].join(" ")).map(|t| (n, t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_in_any_case_and_number() {
        let roles = [
            ("treasurer", "treasurer"),
            ("chief executive", "chief executive"),
            ("Chief Executive", "chief executive"),
            ("chief executives", "chief executive"),
            ("CEO", "ceo"),
            ("spokesman", "spokesman"),
            ("spokesmen", "spokesman"),
            ("spokeswoman", "spokeswoman"),
            ("senator", "senator"),
            ("prime minister", "prime minister"),
            ("secretary of state", "secretary of state"),
            ("police officer", "police officer"),
            ("lawyer", "lawyer"),
            ("mayor", "mayor"),
            ("coach", "coach"),
            ("goalkeeper", "goalkeeper"),
            ("actress", "actress"),
        ];
        for (phrase, lemma) in roles {
            assert_eq!(
                title(phrase),
                Some(Title {
                    kind: TitleKind::Role,
                    lemma
                }),
                "{phrase}"
            );
        }
    }

    #[test]
    fn people_who_hold_no_office_are_not_titles() {
        for phrase in [
            "man", "woman", "victim", "mother", "adult", "people", "the", "",
        ] {
            assert_eq!(title(phrase), None, "{phrase}");
        }
    }

    #[test]
    fn forms_of_address() {
        for phrase in ["Mr", "Mr.", "Mrs", "Ms", "Miss"] {
            assert_eq!(
                title(phrase).map(|t| t.kind),
                Some(TitleKind::Address),
                "{phrase}"
            );
        }
    }

    #[test]
    fn the_longest_title_at_the_start_of_words() {
        assert_eq!(
            longest_title(&["chief", "executive", "officer", "Tim"]).map(|(n, t)| (n, t.lemma)),
            Some((3, "chief executive officer"))
        );
        assert_eq!(
            longest_title(&["treasurer", "Jane", "Lee"]).map(|(n, _)| n),
            Some(1)
        );
        assert_eq!(longest_title(&["Jane", "Lee"]), None);
        assert_eq!(longest_title(&[]), None);
    }
}
