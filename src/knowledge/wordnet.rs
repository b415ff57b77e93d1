//! WordNet 3.0's words and synsets: which lemmas share a sense (synonyms), which are
//! opposites (antonyms), which derive from one another ("decide" / "decision"), which
//! adjective pertains to which noun ("British" / "Britain"), and each noun's and verb's
//! hypernyms, one level.
//!
//! Relations hold between lemmas, so a caller lemmatises first ([`super::lemma`]). Senses
//! come in WordNet's order, most frequent first: a caller that must not be misled by a rare
//! sense ("take" has 42) can ask [`synonym_rank`] how far down the two words meet.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::{folded, malformed, Pos};

const FILE: &str = "wordnet.txt";
static TEXT: &str = include_str!("../../data/knowledge/wordnet.txt");

/// One sense of English words: the set of lemmas that mean it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Synset(u32);

/// A relation that WordNet draws between two lemmas (not whole synsets).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lexical {
    /// "rise" / "fall", "increase" / "decrease".
    Antonym,
    /// "decide" / "decision", "favour" / "favourable".
    Derivation,
    /// An adjective of a noun: "British" / "Britain", "economic" / "economy".
    Pertainym,
}

#[derive(Clone, Copy)]
struct Relation {
    kind: Lexical,
    from: Pos,
    to: Pos,
    word: u32,
}

pub(super) struct WordNet {
    words: Vec<&'static str>,
    ids: FxHashMap<&'static str, u32>,
    /// Per word, where its senses of each part of speech start in `senses`, and the end.
    sense_bounds: Vec<[u32; 5]>,
    senses: Vec<Synset>,
    relation_bounds: Vec<u32>,
    relations: Vec<Relation>,
    /// The first synset id of each part of speech, and the total.
    pos_bounds: [u32; 5],
    member_bounds: Vec<u32>,
    members: Vec<u32>,
    pointer_bounds: Vec<u32>,
    /// Hypernyms (nouns, verbs), similar adjectives and opposite senses, flag bits telling
    /// them apart.
    pointers: Vec<u32>,
    pub(super) exceptions: FxHashMap<&'static str, Vec<(Pos, &'static str)>>,
}

const SIMILAR: u32 = 1 << 31;
const OPPOSITE: u32 = 1 << 30;
const FLAGS: u32 = SIMILAR | OPPOSITE;

pub(super) fn wordnet() -> &'static WordNet {
    static WORDNET: OnceLock<WordNet> = OnceLock::new();
    WORDNET.get_or_init(|| WordNet::parse(TEXT))
}

fn base36(s: &str, line: usize) -> u32 {
    u32::from_str_radix(s, 36).unwrap_or_else(|_| malformed(FILE, line, "not a base-36 id"))
}

impl WordNet {
    fn parse(text: &'static str) -> WordNet {
        let body: Vec<(usize, &'static str)> =
            text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect();
        // Word ids are line numbers within %words; synset ids, lines within %synsets.
        let start = body
            .iter()
            .position(|(_, l)| *l == "%words")
            .map_or(0, |i| i + 1);
        let synsets_at = body[start..]
            .iter()
            .position(|(_, l)| l.starts_with("%synsets"))
            .map(|i| start + i)
            .unwrap_or_else(|| malformed(FILE, 0, "no %synsets"));
        let exceptions_at = body[synsets_at..]
            .iter()
            .position(|(_, l)| *l == "%exceptions")
            .map(|i| synsets_at + i)
            .unwrap_or_else(|| malformed(FILE, 0, "no %exceptions"));

        let mut pos_bounds = [0u32; 5];
        {
            let (n, header) = body[synsets_at];
            let fields: Vec<&str> = header.split(' ').skip(1).collect();
            let mut total = 0;
            for (i, pair) in fields.chunks(2).enumerate() {
                let count: u32 = pair
                    .get(1)
                    .and_then(|c| c.parse().ok())
                    .unwrap_or_else(|| malformed(FILE, n, "bad synset counts"));
                pos_bounds[i] = total;
                total += count;
            }
            pos_bounds[4] = total;
        }

        let word_lines = &body[start..synsets_at];
        let mut words = Vec::with_capacity(word_lines.len());
        let mut ids = FxHashMap::default();
        ids.reserve(word_lines.len());
        let mut sense_bounds = Vec::with_capacity(word_lines.len());
        let mut senses = Vec::with_capacity(word_lines.len() * 2);
        let mut relation_bounds = Vec::with_capacity(word_lines.len() + 1);
        let mut relations = Vec::new();
        for (id, &(n, line)) in word_lines.iter().enumerate() {
            let mut fields = line.split('\t');
            let (Some(word), Some(sense_field), Some(relation_field)) =
                (fields.next(), fields.next(), fields.next())
            else {
                malformed(FILE, n, "a word line has three fields");
            };
            words.push(word);
            ids.insert(word, id as u32);
            let mut bounds = [senses.len() as u32; 5];
            for group in sense_field.split(' ').filter(|g| !g.is_empty()) {
                let pos = Pos::from_letter(group.as_bytes()[0])
                    .unwrap_or_else(|| malformed(FILE, n, "unknown part of speech"));
                let base = pos_bounds[pos.index()];
                bounds[pos.index()] = senses.len() as u32;
                senses.extend(group[1..].split(',').map(|s| Synset(base + base36(s, n))));
                for later in &mut bounds[pos.index() + 1..] {
                    *later = senses.len() as u32;
                }
            }
            sense_bounds.push(bounds);
            relation_bounds.push(relations.len() as u32);
            for token in relation_field.split(' ').filter(|t| !t.is_empty()) {
                let b = token.as_bytes();
                let kind = match b[0] {
                    b'!' => Lexical::Antonym,
                    b'+' => Lexical::Derivation,
                    b'\\' => Lexical::Pertainym,
                    _ => malformed(FILE, n, "unknown relation"),
                };
                let (Some(from), Some(to)) = (
                    b.get(1).and_then(|&l| Pos::from_letter(l)),
                    b.get(2).and_then(|&l| Pos::from_letter(l)),
                ) else {
                    malformed(FILE, n, "a relation names two parts of speech");
                };
                let word = base36(&token[3..], n);
                relations.push(Relation {
                    kind,
                    from,
                    to,
                    word,
                });
            }
        }
        relation_bounds.push(relations.len() as u32);

        // Members of each synset, by inverting the words' senses.
        let total = pos_bounds[4] as usize;
        let mut member_bounds = vec![0u32; total + 1];
        for s in &senses {
            member_bounds[s.0 as usize + 1] += 1;
        }
        for i in 0..total {
            member_bounds[i + 1] += member_bounds[i];
        }
        let mut members = vec![0u32; senses.len()];
        let mut fill = member_bounds.clone();
        for (word, bounds) in sense_bounds.iter().enumerate() {
            for s in &senses[bounds[0] as usize..bounds[4] as usize] {
                members[fill[s.0 as usize] as usize] = word as u32;
                fill[s.0 as usize] += 1;
            }
        }

        let synset_lines = &body[synsets_at + 1..exceptions_at];
        if synset_lines.len() != total {
            malformed(
                FILE,
                body[synsets_at].0,
                "synset count differs from its lines",
            );
        }
        let mut pointer_bounds = Vec::with_capacity(total + 1);
        let mut pointers = Vec::with_capacity(total);
        for (id, &(n, line)) in synset_lines.iter().enumerate() {
            pointer_bounds.push(pointers.len() as u32);
            let pos_index = pos_bounds[..4]
                .iter()
                .rposition(|&b| b as usize <= id)
                .unwrap_or(0);
            let base = pos_bounds[pos_index];
            for token in line.split(' ').filter(|t| !t.is_empty()) {
                let target = base + base36(&token[1..], n);
                pointers.push(match token.as_bytes()[0] {
                    b'@' => target,
                    b'&' => target | SIMILAR,
                    b'!' => target | OPPOSITE,
                    _ => malformed(FILE, n, "unknown synset pointer"),
                });
            }
        }
        pointer_bounds.push(pointers.len() as u32);

        let mut exceptions: FxHashMap<&'static str, Vec<(Pos, &'static str)>> =
            FxHashMap::default();
        for &(n, line) in &body[exceptions_at + 1..] {
            let mut fields = line.split('\t');
            let (Some(pos), Some(inflected), Some(base)) = (
                fields
                    .next()
                    .and_then(|p| Pos::from_letter(*p.as_bytes().first()?)),
                fields.next(),
                fields.next(),
            ) else {
                malformed(FILE, n, "an exception is a part of speech and two forms");
            };
            exceptions.entry(inflected).or_default().push((pos, base));
        }
        WordNet {
            words,
            ids,
            sense_bounds,
            senses,
            relation_bounds,
            relations,
            pos_bounds,
            member_bounds,
            members,
            pointer_bounds,
            pointers,
            exceptions,
        }
    }

    fn id(&self, lemma: &str) -> Option<u32> {
        self.ids.get(lemma).copied()
    }

    /// The stored spelling of a lemma that WordNet has as this part of speech, which
    /// outlives the caller's.
    pub(super) fn lemma_as(&self, lemma: &str, pos: Pos) -> Option<&'static str> {
        let id = self.id(lemma)?;
        (!self.senses_of(id, pos).is_empty()).then(|| self.words[id as usize])
    }

    fn senses_of(&self, id: u32, pos: Pos) -> &[Synset] {
        let b = &self.sense_bounds[id as usize];
        &self.senses[b[pos.index()] as usize..b[pos.index() + 1] as usize]
    }

    fn relations_of(&self, id: u32) -> &[Relation] {
        let i = id as usize;
        &self.relations[self.relation_bounds[i] as usize..self.relation_bounds[i + 1] as usize]
    }

    fn related(&self, lemma: &str, kind: Lexical) -> impl Iterator<Item = (Pos, Pos, u32)> + '_ {
        let relations = self.id(lemma).map_or(&[][..], |id| self.relations_of(id));
        relations
            .iter()
            .filter(move |r| r.kind == kind)
            .map(|r| (r.from, r.to, r.word))
    }
}

impl Synset {
    pub fn pos(self) -> Pos {
        let bounds = &wordnet().pos_bounds;
        Pos::ALL[bounds[..4].iter().rposition(|&b| b <= self.0).unwrap_or(0)]
    }

    /// The lemmas that mean this sense.
    pub fn words(self) -> impl Iterator<Item = &'static str> {
        let wn = wordnet();
        let i = self.0 as usize;
        wn.members[wn.member_bounds[i] as usize..wn.member_bounds[i + 1] as usize]
            .iter()
            .map(|&w| wn.words[w as usize])
    }

    fn pointers(self) -> &'static [u32] {
        let wn = wordnet();
        let i = self.0 as usize;
        &wn.pointers[wn.pointer_bounds[i] as usize..wn.pointer_bounds[i + 1] as usize]
    }

    fn pointed(self, flag: u32) -> impl Iterator<Item = Synset> {
        self.pointers()
            .iter()
            .filter(move |&&p| p & FLAGS == flag)
            .map(|&p| Synset(p & !FLAGS))
    }

    /// The senses one level more general: "treasurer" is a kind of "money handler".
    pub fn hypernyms(self) -> impl Iterator<Item = Synset> {
        self.pointed(0)
    }

    /// Adjective senses WordNet calls similar ("huge" / "large").
    pub fn similar(self) -> impl Iterator<Item = Synset> {
        self.pointed(SIMILAR)
    }

    /// The opposite senses: a word of this sense has an antonym in each.
    pub fn opposites(self) -> impl Iterator<Item = Synset> {
        self.pointed(OPPOSITE)
    }
}

/// The senses of a lemma as this part of speech, most frequent first.
pub fn senses(lemma: &str, pos: Pos) -> &'static [Synset] {
    let wn = wordnet();
    let lemma = folded(lemma);
    wn.id(&lemma).map_or(&[], |id| wn.senses_of(id, pos))
}

/// Every lemma that shares a sense with `lemma` as this part of speech, the lemma itself
/// left out, in the order of its senses (most frequent first), each once.
pub fn synonyms(lemma: &str, pos: Pos) -> Vec<&'static str> {
    let lemma = folded(lemma);
    let mut found: Vec<&'static str> = Vec::new();
    for s in senses(&lemma, pos) {
        for w in s.words() {
            if w != lemma && !found.contains(&w) {
                found.push(w);
            }
        }
    }
    found
}

/// Whether two lemmas share a sense as this part of speech ("favour" / "prefer" as verbs).
pub fn are_synonyms(a: &str, b: &str, pos: Pos) -> bool {
    synonym_rank(a, b, pos).is_some()
}

/// How far down their sense lists two lemmas first share a sense: the larger of the two
/// ranks (0 = both most frequent senses), minimised. A verifier can demand a small rank to
/// keep rare senses ("take" = "claim" in its 20th) from pairing words.
pub fn synonym_rank(a: &str, b: &str, pos: Pos) -> Option<usize> {
    let (sa, sb) = (senses(a, pos), senses(b, pos));
    let mut best = None;
    for (i, x) in sa.iter().enumerate() {
        if let Some(j) = sb.iter().position(|y| y == x) {
            let rank = i.max(j);
            if best.is_none_or(|b| rank < b) {
                best = Some(rank);
            }
        }
    }
    best
}

/// Whether WordNet says two lemmas are opposites as this part of speech: a sense of one is
/// the opposite of a sense of the other, directly ("rise" / "fall") or through a synonym in
/// that sense ("climb" shares "rise"'s sense "move upward", whose opposite is "fall"'s).
/// WordNet has no antonym for many opposed verbs of news ("uphold" / "overturn").
pub fn are_antonyms(a: &str, b: &str, pos: Pos) -> bool {
    let b_senses = senses(b, pos);
    !b_senses.is_empty()
        && senses(a, pos)
            .iter()
            .any(|s| s.opposites().any(|o| b_senses.contains(&o)))
}

/// How far down their sense lists two lemmas are first opposites: the larger of the two
/// ranks (0 = both most frequent senses), minimised, as [`synonym_rank`] for synonyms. "take"
/// and "reject" are opposites only in a rare sense of "take" (accept).
pub fn antonym_rank(a: &str, b: &str, pos: Pos) -> Option<usize> {
    let (sa, sb) = (senses(a, pos), senses(b, pos));
    let mut best = None;
    for (i, x) in sa.iter().enumerate() {
        for o in x.opposites() {
            if let Some(j) = sb.iter().position(|y| *y == o) {
                let rank = i.max(j);
                if best.is_none_or(|b| rank < b) {
                    best = Some(rank);
                }
            }
        }
    }
    best
}

/// The antonyms WordNet lists for a lemma, with the part of speech each holds in.
pub fn antonyms(lemma: &str) -> Vec<(Pos, &'static str)> {
    lexical(lemma, Lexical::Antonym)
        .map(|(pos, _, w)| (pos, w))
        .collect()
}

/// The lemmas WordNet derives from this one or this one from, with both parts of speech:
/// "decide" gives (Verb, Noun, "decision").
pub fn derivations(lemma: &str) -> Vec<(Pos, Pos, &'static str)> {
    lexical(lemma, Lexical::Derivation).collect()
}

/// The nouns an adjective pertains to: "British" gives "Britain", "economic" "economy".
pub fn pertains_to(adjective: &str) -> Vec<&'static str> {
    lexical(adjective, Lexical::Pertainym)
        .map(|(_, _, w)| w)
        .collect()
}

fn lexical(lemma: &str, kind: Lexical) -> impl Iterator<Item = (Pos, Pos, &'static str)> {
    let wn = wordnet();
    let lemma = folded(lemma);
    let mut seen: Vec<(Pos, Pos, &'static str)> = Vec::new();
    for (from, to, w) in wn.related(&lemma, kind) {
        let entry = (from, to, wn.words[w as usize]);
        if !seen.contains(&entry) {
            seen.push(entry);
        }
    }
    seen.into_iter()
}

/// Whether `narrow`, in its first sense, is one level below `broad` in some sense of it: what
/// a reader takes "a daily" to be ("newspaper"), where [`is_hyponym`] takes any sense.
pub fn is_kind_of(narrow: &str, broad: &str, pos: Pos) -> bool {
    let broad = senses(broad, pos);
    senses(narrow, pos)
        .first()
        .is_some_and(|s| s.hypernyms().any(|h| broad.contains(&h)))
}

/// Whether `narrow` is one level below `broad` in some pair of their senses, as this part of
/// speech ("treasurer" / "money handler").
pub fn is_hyponym(narrow: &str, broad: &str, pos: Pos) -> bool {
    let broad = senses(broad, pos);
    senses(narrow, pos)
        .iter()
        .any(|s| s.hypernyms().any(|h| broad.contains(&h)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kind_of_in_the_first_sense() {
        assert!(is_kind_of("daily", "newspaper", Pos::Noun));
        assert!(!is_kind_of("newspaper", "daily", Pos::Noun));
    }

    #[test]
    fn the_shipped_database_parses_whole() {
        let wn = wordnet();
        assert!(wn.words.len() > 140_000, "{}", wn.words.len());
        assert_eq!(wn.pos_bounds[4] as usize, wn.member_bounds.len() - 1);
        assert!(wn.exceptions.len() > 5_000);
        // Every synset has a member, and every member lists that synset among its senses.
        for s in 0..wn.pos_bounds[4] {
            let synset = Synset(s);
            let first = synset.words().next().expect("a synset has a member");
            assert!(senses(first, synset.pos()).contains(&synset), "{first}");
        }
    }

    #[test]
    fn synonyms_by_part_of_speech() {
        let cases = [
            ("favour", "prefer", Pos::Verb, true),
            ("favor", "favour", Pos::Verb, true),
            ("rise", "climb", Pos::Verb, true),
            ("huge", "immense", Pos::Adjective, true),
            // Similar, not synonyms: each is a satellite of "large".
            ("huge", "enormous", Pos::Adjective, false),
            ("chief executive officer", "ceo", Pos::Noun, true),
            ("quickly", "rapidly", Pos::Adverb, true),
            ("car", "automobile", Pos::Noun, true),
            ("car", "automobile", Pos::Verb, false),
            ("rise", "fall", Pos::Verb, false),
            ("win", "lose", Pos::Verb, false),
        ];
        for (a, b, pos, expected) in cases {
            assert_eq!(are_synonyms(a, b, pos), expected, "{a} / {b} as {pos:?}");
            assert_eq!(are_synonyms(b, a, pos), expected, "{b} / {a} as {pos:?}");
        }
        assert!(synonyms("Automobile", Pos::Noun).contains(&"car"));
        assert!(!synonyms("car", Pos::Noun).contains(&"car"));
    }

    #[test]
    fn synonym_rank_tells_a_first_sense_from_a_rare_one() {
        assert_eq!(synonym_rank("car", "automobile", Pos::Noun), Some(0));
        let rare = synonym_rank("take", "claim", Pos::Verb).expect("a sense is shared");
        assert!(rare > 5, "{rare}");
    }

    #[test]
    fn antonyms_direct_and_through_synonyms() {
        let cases = [
            ("rise", "fall", Pos::Verb, true),
            ("increase", "decrease", Pos::Verb, true),
            ("win", "lose", Pos::Verb, true),
            ("good", "bad", Pos::Adjective, true),
            ("accept", "reject", Pos::Verb, true),
            ("open", "close", Pos::Verb, true),
            // Through a synonym in the sense: "start" is "begin", whose antonym is "end";
            // "fall" is "decrease", whose antonym is "increase".
            ("start", "end", Pos::Verb, true),
            ("fall", "increase", Pos::Verb, true),
            ("come", "leave", Pos::Verb, true),
            // Only in the sense the antonym is drawn: "climb" is "rise", but not in the
            // sense whose opposite is "fall".
            ("climb", "fall", Pos::Verb, false),
            // WordNet has no antonym for these.
            ("uphold", "overturn", Pos::Verb, false),
            ("rise", "fall", Pos::Adjective, false),
            ("rise", "climb", Pos::Verb, false),
            ("win", "win", Pos::Verb, false),
        ];
        for (a, b, pos, expected) in cases {
            assert_eq!(are_antonyms(a, b, pos), expected, "{a} / {b} as {pos:?}");
            assert_eq!(are_antonyms(b, a, pos), expected, "{b} / {a} as {pos:?}");
        }
        assert!(antonyms("rise").contains(&(Pos::Verb, "fall")));
    }

    #[test]
    fn derivations_and_pertainyms() {
        assert!(derivations("decide").contains(&(Pos::Verb, Pos::Noun, "decision")));
        assert!(derivations("decision").contains(&(Pos::Noun, Pos::Verb, "decide")));
        assert!(derivations("elect").contains(&(Pos::Verb, Pos::Noun, "election")));
        assert!(pertains_to("economic").contains(&"economy"));
        assert!(pertains_to("british").contains(&"great britain"));
        assert!(derivations("the").is_empty());
    }

    #[test]
    fn similar_adjectives_meet_at_their_head() {
        let large = senses("large", Pos::Adjective)[0];
        for satellite in ["huge", "enormous"] {
            assert!(
                senses(satellite, Pos::Adjective)
                    .iter()
                    .any(|s| s.similar().any(|h| h == large)),
                "{satellite}"
            );
        }
    }

    #[test]
    fn hypernyms_one_level() {
        assert!(is_hyponym("treasurer", "money handler", Pos::Noun));
        assert!(is_hyponym("spokesman", "spokesperson", Pos::Noun));
        assert!(!is_hyponym("spokesperson", "spokesman", Pos::Noun));
        assert!(
            !is_hyponym("treasurer", "person", Pos::Noun),
            "one level only"
        );
    }
}
