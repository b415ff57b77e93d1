//! Countries: every ISO 3166-1 country and territory with the names prose calls it by
//! ("United Kingdom", "Britain", "the UK"), its demonyms ("British"), its nationals
//! ("Briton", "Britons"), its capitals ("London") and the places in the capital that stand
//! for its government ("Downing Street", "the Kremlin", "the White House").
//!
//! [`country`] reads a name, demonym or national as the country it means; a capital or a
//! seat of government means the country only as a metonym ("Moscow said ..."), so it has its
//! own lookup, [`seat_of`]. Names written in capitals ("UK", "US") are acronyms and match
//! only in capitals: "us" is a pronoun. Every name matches only capitalised, as English
//! writes proper nouns and demonyms: "turkey" and "china" are a bird and porcelain. A name
//! that two states share means neither by itself; a territory that shares its state's
//! demonym ("French") yields to the state.
//!
//! Data: world-countries (names, capitals, demonyms) joined to WordNet 3.0 (other names,
//! nationals, seats); see `scripts/build-knowledge.py`.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::{folded, lemma, malformed, Pos};

const FILE: &str = "places.tsv";
static TEXT: &str = include_str!("../../data/knowledge/places.tsv");

/// A country or territory, by its place in the shipped table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryId(u16);

/// How a word names a country.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Naming {
    /// "United Kingdom", "Britain", "UK".
    Name,
    /// An adjective: "British".
    Demonym,
    /// A person of the country: "Briton", "Britons".
    National,
    /// "London".
    Capital,
    /// A place in the capital that stands for the government: "Downing Street".
    Seat,
}

struct Country {
    code: &'static str,
    /// An independent state, not a territory of one.
    state: bool,
    name: &'static str,
    /// Its demonyms and nationals: "British", "Briton".
    people: Vec<&'static str>,
    capitals: Vec<&'static str>,
}

struct Places {
    countries: Vec<Country>,
    /// Lower-case keys; names that are acronyms are in `acronyms` instead.
    words: FxHashMap<String, Vec<(CountryId, Naming)>>,
    /// Acronyms without their dots ("UK", "USA"), matched only as written in capitals.
    acronyms: FxHashMap<String, Vec<(CountryId, Naming)>>,
}

fn places() -> &'static Places {
    static PLACES: OnceLock<Places> = OnceLock::new();
    PLACES.get_or_init(|| Places::parse(TEXT))
}

/// A name written in capitals (dots and spaces aside): "UK", "U.S.A.", "DPRK".
fn acronym(name: &str) -> Option<String> {
    let letters: String = name.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
    (letters.len() >= 2 && letters.chars().all(|c| c.is_ascii_uppercase())).then_some(letters)
}

/// Whether a text is written as English writes a proper noun or a demonym, with a capital
/// ("Turkey", "British", "the UK"): in lower case "turkey" is a bird and "china" porcelain.
fn capitalised(text: &str) -> bool {
    let text = text.trim_start();
    let text = ["the ", "The ", "THE "]
        .iter()
        .find_map(|the| text.strip_prefix(the))
        .unwrap_or(text);
    text.chars().next().is_some_and(char::is_uppercase)
}

/// The lookup key of a name: lower case, no leading "the", no dots, one space between words.
fn key(name: &str) -> String {
    let lower = folded(name).replace('.', " ");
    let words: Vec<&str> = lower.split_whitespace().collect();
    let words = match words.first() {
        Some(&"the") if words.len() > 1 => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

impl Places {
    fn parse(text: &'static str) -> Places {
        let mut places = Places {
            countries: Vec::new(),
            words: FxHashMap::default(),
            acronyms: FxHashMap::default(),
        };
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') {
                continue;
            }
            let fields: Vec<&'static str> = line.split('\t').collect();
            let [code, status, name, names, demonyms, nationals, capitals, seats] = fields[..]
            else {
                malformed(FILE, n + 1, "a country has eight fields");
            };
            let state = match status {
                "state" => true,
                "territory" => false,
                _ => malformed(FILE, n + 1, "a country is a state or a territory"),
            };
            let id = CountryId(places.countries.len() as u16);
            let list = |field: &'static str| field.split(';').filter(|s| !s.is_empty());
            for (field, naming) in [
                (name, Naming::Name),
                (names, Naming::Name),
                (demonyms, Naming::Demonym),
                (nationals, Naming::National),
                (capitals, Naming::Capital),
                (seats, Naming::Seat),
            ] {
                for word in list(field) {
                    places.insert(word, id, naming);
                }
            }
            places.countries.push(Country {
                code,
                state,
                name,
                people: list(demonyms).chain(list(nationals)).collect(),
                capitals: list(capitals).collect(),
            });
        }
        places
    }

    fn insert(&mut self, word: &str, id: CountryId, naming: Naming) {
        let (table, key) = match acronym(word) {
            Some(letters) => (&mut self.acronyms, letters),
            None => (&mut self.words, key(word)),
        };
        let entry = table.entry(key).or_default();
        if !entry.contains(&(id, naming)) {
            entry.push((id, naming));
        }
    }

    fn namings(&self, text: &str) -> Vec<(CountryId, Naming)> {
        let mut found = Vec::new();
        if !capitalised(text) {
            return found;
        }
        if let Some(letters) = acronym(text) {
            found.extend(self.acronyms.get(&letters).into_iter().flatten());
        }
        let k = key(text);
        if let Some(hits) = self.words.get(&k) {
            found.extend(hits);
        } else {
            // Plural nationals: "Britons"; "Americans", where the noun is the demonym.
            let (head, last) = k.rsplit_once(' ').unwrap_or(("", k.as_str()));
            let singular = lemma(last, Pos::Noun);
            if singular != last {
                let whole = if head.is_empty() {
                    singular.into_owned()
                } else {
                    format!("{head} {singular}")
                };
                found.extend(
                    self.words
                        .get(&whole)
                        .into_iter()
                        .flatten()
                        .filter(|(_, naming)| matches!(naming, Naming::National | Naming::Demonym))
                        .map(|&(id, _)| (id, Naming::National)),
                );
            }
        }
        found
    }
}

/// The one country a name, demonym or national means ("Britons", "British", "the UK",
/// "United Kingdom" all mean the United Kingdom); None for a capital, a seat of government,
/// a name two countries share, or a word that names no country.
pub fn country(text: &str) -> Option<CountryId> {
    only(
        places().namings(text).into_iter().filter(|(_, naming)| {
            matches!(naming, Naming::Name | Naming::Demonym | Naming::National)
        }),
    )
}

/// The one country whose capital or seat of government this is: "Moscow", "the Kremlin".
pub fn seat_of(text: &str) -> Option<CountryId> {
    only(
        places()
            .namings(text)
            .into_iter()
            .filter(|(_, naming)| matches!(naming, Naming::Capital | Naming::Seat)),
    )
}

/// Every way the text names a country: a name can be one country's capital and another's
/// name ("Luxembourg", "Singapore").
pub fn namings(text: &str) -> Vec<(CountryId, Naming)> {
    places().namings(text)
}

/// The one country the hits name; a territory that shares its state's demonym ("French"
/// for the French Southern Territories, "American" for the Northern Mariana Islands)
/// yields to the one state among them.
fn only(hits: impl Iterator<Item = (CountryId, Naming)>) -> Option<CountryId> {
    let mut ids: Vec<CountryId> = hits.map(|(id, _)| id).collect();
    ids.sort_unstable();
    ids.dedup();
    if let [one] = ids[..] {
        return Some(one);
    }
    let countries = &places().countries;
    let mut states = ids.iter().filter(|id| countries[id.0 as usize].state);
    match (states.next(), states.next()) {
        (Some(&state), None) => Some(state),
        _ => None,
    }
}

pub fn is_country(text: &str) -> bool {
    has(text, Naming::Name)
}

pub fn is_demonym(text: &str) -> bool {
    has(text, Naming::Demonym) || has(text, Naming::National)
}

pub fn is_capital(text: &str) -> bool {
    has(text, Naming::Capital)
}

fn has(text: &str, naming: Naming) -> bool {
    places().namings(text).iter().any(|(_, n)| *n == naming)
}

impl CountryId {
    /// Its ISO 3166-1 alpha-3 code: "GBR".
    pub fn code(self) -> &'static str {
        places().countries[self.0 as usize].code
    }

    /// The name it is commonly called: "United Kingdom".
    pub fn name(self) -> &'static str {
        places().countries[self.0 as usize].name
    }

    /// What its people are called, as an adjective and as a noun: "British", "Briton".
    pub fn demonyms(self) -> &'static [&'static str] {
        &places().countries[self.0 as usize].people
    }

    pub fn capitals(self) -> &'static [&'static str] {
        &places().countries[self.0 as usize].capitals
    }

    /// The country with this ISO 3166-1 alpha-3 code.
    pub fn from_code(code: &str) -> Option<CountryId> {
        places()
            .countries
            .iter()
            .position(|c| c.code.eq_ignore_ascii_case(code))
            .map(|i| CountryId(i as u16))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(id: Option<CountryId>) -> Option<&'static str> {
        id.map(CountryId::code)
    }

    #[test]
    fn every_country_is_there_once() {
        let p = places();
        assert!(p.countries.len() >= 249, "{}", p.countries.len());
        let mut codes: Vec<_> = p.countries.iter().map(|c| c.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), p.countries.len());
    }

    #[test]
    fn names_demonyms_and_nationals_mean_one_country() {
        let cases = [
            ("United Kingdom", Some("GBR")),
            ("the United Kingdom", Some("GBR")),
            ("UK", Some("GBR")),
            ("U.K.", Some("GBR")),
            ("Britain", Some("GBR")),
            ("Great Britain", Some("GBR")),
            ("British", Some("GBR")),
            ("Briton", Some("GBR")),
            ("Britons", Some("GBR")),
            ("France", Some("FRA")),
            ("French", Some("FRA")),
            ("Frenchmen", Some("FRA")),
            ("Dutch", Some("NLD")),
            ("Holland", Some("NLD")),
            ("US", Some("USA")),
            ("U.S.", Some("USA")),
            ("the United States", Some("USA")),
            ("America", Some("USA")),
            ("American", Some("USA")),
            ("Americans", Some("USA")),
            ("Russian Federation", Some("RUS")),
            ("Russians", Some("RUS")),
            ("Chinese", Some("CHN")),
            ("Ivory Coast", Some("CIV")),
            ("Côte d'Ivoire", Some("CIV")),
            // A lower-case "us" is the pronoun, not an acronym; "turkey" is the bird.
            ("us", None),
            ("turkey", None),
            ("Turkey", Some("TUR")),
            ("china", None),
            ("BRITISH", Some("GBR")),
            // Capitals and seats are not the country's name.
            ("London", None),
            ("Kremlin", None),
            // Two states are Congolese.
            ("Congolese", None),
            // "Island" is Iceland's own name, but also an English word.
            ("Island", None),
            ("Atlantis", None),
            ("", None),
        ];
        for (text, expected) in cases {
            assert_eq!(code(country(text)), expected, "{text}");
        }
    }

    #[test]
    fn a_state_or_an_island_of_another_country_is_not_the_country() {
        // WordNet's Georgia is also the US state; only the country's names are Georgia's.
        assert_eq!(code(country("Georgia")), Some("GEO"));
        assert_eq!(code(country("Peach State")), None);
        // WordNet's "Taiwan" synset holds "China": China keeps only its own names.
        assert_eq!(code(country("Taiwan")), Some("TWN"));
        assert_eq!(code(country("China")), Some("CHN"));
    }

    #[test]
    fn capitals_and_seats_of_government() {
        let cases = [
            ("London", Some("GBR")),
            ("Downing Street", Some("GBR")),
            ("Whitehall", Some("GBR")),
            ("Moscow", Some("RUS")),
            ("the Kremlin", Some("RUS")),
            ("Washington", Some("USA")),
            ("the White House", Some("USA")),
            ("Beijing", Some("CHN")),
            ("Paris", Some("FRA")),
            ("Pretoria", Some("ZAF")),
            ("Cape Town", Some("ZAF")),
            ("Britain", None),
            ("Manchester", None),
        ];
        for (text, expected) in cases {
            assert_eq!(code(seat_of(text)), expected, "{text}");
        }
        let uk = CountryId::from_code("gbr").expect("the UK is a country");
        assert_eq!(uk.name(), "United Kingdom");
        assert!(uk.capitals().contains(&"London"));
    }

    #[test]
    fn kinds_of_naming() {
        assert!(is_country("Britain") && !is_demonym("Britain") && !is_capital("Britain"));
        assert!(is_demonym("British") && is_demonym("Britons") && !is_country("British"));
        assert!(is_capital("London") && !is_country("London"));
        assert!(namings("Kremlin")
            .iter()
            .any(|&(id, n)| n == Naming::Seat && id.code() == "RUS"));
    }
}
