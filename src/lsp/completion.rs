//! Quotation completion: after an opening quotation mark and a few words, offer the source's
//! exact words that continue them, up to the end of the source's quotation (or sentence),
//! with the closing mark; the source's name and line in the detail.
//!
//! Candidates come from the pair index (the same lookups the checker makes), so the work per
//! request does not grow with the corpus.

use std::collections::HashMap;
use std::sync::Arc;

use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit,
    Documentation, MarkupContent, MarkupKind, Range, TextEdit,
};

use super::corpus::Loaded;
use super::position;
use super::sources;
use super::state::State;
use crate::index::{pair_keys, SentenceId};
use crate::text::quotes::find_quotations;
use crate::text::{tokenize, Span, Token};

/// How far back from the cursor an opening mark is looked for, in characters.
const LOOK_BACK: usize = 1000;
/// Source sentences tried, the most promising first.
const CANDIDATES: usize = 32;
/// Completions offered.
const ITEMS: usize = 8;

pub fn complete(state: &Arc<State>, params: CompletionParams) -> Option<CompletionResponse> {
    let at = params.text_document_position;
    let snapshot = state.documents.snapshot(&at.text_document.uri)?;
    let settings = state.settings();
    if !settings.checks_language(&snapshot.document.language_id) {
        return None;
    }
    let corpus = state.corpus.loaded()?;
    let encoding = state.session().encoding;
    let markdown = state.session().markdown_completion;
    let rope = &snapshot.document.rope;
    let cursor = position::offset(rope, at.position, encoding).ok()?;
    let cursor_char = rope.byte_to_char(cursor);
    let from_char = cursor_char.saturating_sub(LOOK_BACK);
    let before = rope.slice(from_char..cursor_char).to_string();
    let opening = open_quotation(&before)?;
    let typed = &before[opening.inner_start..];
    let typed_start = cursor - (before.len() - opening.inner_start);
    let mut items = Vec::new();
    for found in continuations(&corpus, typed) {
        if items.len() == ITEMS {
            break;
        }
        let place = sources::place(&found.evidence, &corpus, settings.root.as_deref(), encoding);
        let range = Range::new(
            position::position(rope, typed_start, encoding),
            position::position(rope, cursor, encoding),
        );
        let insert = format!("{}{}", found.words, opening.close);
        items.push(CompletionItem {
            label: found.words.clone(),
            kind: Some(CompletionItemKind::TEXT),
            detail: Some(format!("{}:{}", place.source, place.line)),
            documentation: Some(if markdown {
                Documentation::MarkupContent(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: format!(
                        "{}:{}\n\n> {}",
                        super::hover::escape(&place.source),
                        place.line,
                        super::hover::escape(&found.sentence)
                    ),
                })
            } else {
                Documentation::String(format!(
                    "{}:{}\n\n{}",
                    place.source, place.line, found.sentence
                ))
            }),
            filter_text: Some(found.words.clone()),
            sort_text: Some(format!("{:04}", items.len())),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, insert))),
            ..CompletionItem::default()
        });
    }
    (!items.is_empty()).then_some(CompletionResponse::Array(items))
}

/// An opening quotation mark with no closing mark between it and the cursor.
#[derive(Debug, PartialEq, Eq)]
struct Opening {
    /// Byte offset in the looked-at text just after the mark.
    inner_start: usize,
    close: char,
}

fn open_quotation(before: &str) -> Option<Opening> {
    // Only the current paragraph: a blank line ends any quotation.
    let para_start = before
        .rfind("\n\n")
        .or_else(|| before.rfind("\r\n\r\n"))
        .map_or(0, |i| i + 2);
    let para = &before[para_start..];
    // Closed quotations are skipped whole; the last mark after them opens the one typed.
    let closed_end = find_quotations(para).last().map_or(0, |q| q.outer.end);
    let rest = &para[closed_end..];
    let (i, mark) = rest.char_indices().rev().find(|&(i, c)| match c {
        '“' | '«' | '„' => true,
        // A straight quote opens after a space, a bracket or a dash, or at the start.
        '"' => rest[..i]
            .chars()
            .next_back()
            .is_none_or(|b| b.is_whitespace() || "([{—–-/".contains(b)),
        _ => false,
    })?;
    let close = match mark {
        '“' | '„' => '”',
        '«' => '»',
        _ => '"',
    };
    Some(Opening {
        inner_start: para_start + closed_end + i + mark.len_utf8(),
        close,
    })
}

struct Continuation {
    /// The source's words from the first typed word to the end of its quotation or sentence.
    words: String,
    /// The whole source sentence, for the documentation.
    sentence: String,
    evidence: crate::check::Evidence,
}

/// Source passages continuing `typed`: every typed word matched in order (the last one may
/// still be being typed, so a prefix will do), best-supported candidates first, each wording
/// once.
fn continuations(corpus: &Loaded, typed: &str) -> Vec<Continuation> {
    let words = tokenize(typed);
    // A word is still being typed when the text ends inside it: it says nothing to the index
    // yet, and only its start has to match.
    let partial = typed.chars().next_back().is_some_and(char::is_alphanumeric);
    let complete = &words[..words.len() - usize::from(partial && !words.is_empty())];
    let index = corpus.index();
    let mut hits: HashMap<SentenceId, usize> = HashMap::new();
    // Two finished content words make the first pair the index can look up.
    for (key, _) in pair_keys(complete) {
        for &id in index.lookup(key) {
            *hits.entry(id).or_default() += 1;
        }
    }
    let mut ranked: Vec<(SentenceId, usize)> = hits.into_iter().collect();
    ranked.sort_by_key(|&(id, n)| (std::cmp::Reverse(n), id));
    let mut out: Vec<Continuation> = Vec::new();
    for (id, _) in ranked.into_iter().take(CANDIDATES) {
        let Some(found) = continuation(corpus, id, typed, &words, partial) else {
            continue;
        };
        if !out.iter().any(|o| o.words == found.words) {
            out.push(found);
        }
    }
    out
}

fn continuation(
    corpus: &Loaded,
    id: SentenceId,
    typed: &str,
    words: &[Token],
    partial: bool,
) -> Option<Continuation> {
    let index = corpus.index();
    let sentence = index.sentence(id);
    let doc = index.document(sentence.doc);
    let prose = sentence.span.slice(&doc.prose.text);
    let source = tokenize(prose);
    let (complete, last) = if partial {
        (&words[..words.len() - 1], words.last())
    } else {
        (words, None)
    };
    let start = (0..source.len()).find(|&j| {
        j + words.len() <= source.len()
            && complete
                .iter()
                .zip(&source[j..])
                .all(|(w, s)| w.norm == s.norm)
            && last.is_none_or(|w| {
                let typed_word = w.span.slice(typed).to_lowercase();
                let source_word = source[j + complete.len()].span.slice(prose).to_lowercase();
                source_word.starts_with(&typed_word)
            })
    })?;
    let from = source[start].span.start;
    // Up to the end of the source's own quotation when the words are quoted there, else to
    // the end of the sentence without its final stop.
    let to = find_quotations(prose)
        .iter()
        .find(|q| q.inner.start <= from && from < q.inner.end)
        .map(|q| q.inner.end)
        .unwrap_or_else(|| prose.trim_end().trim_end_matches('.').len());
    if to <= from {
        return None;
    }
    let text = Span::within(
        &doc.text,
        sentence.span.start + from,
        sentence.span.start + to,
    )
    .slice(&doc.text);
    let words_out = squash(text);
    let matched_end = source[start + words.len() - 1].span.end;
    if words_out.len() <= matched_end - from {
        // Nothing left to complete.
        return None;
    }
    let whole = sentence.span.slice(&doc.text);
    let at = doc.lines().line_col(&doc.text, sentence.span.start);
    Some(Continuation {
        words: words_out,
        sentence: squash(whole),
        evidence: crate::check::Evidence {
            source: doc.name.clone(),
            path: doc.path.clone(),
            line: at.line,
            column: at.column,
            span: sentence.span,
            quote: whole.into(),
            matched: Vec::new().into(),
        },
    })
}

/// Runs of white space (a source sentence may wrap across lines) as single spaces.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::index::Index;

    fn loaded(text: &str) -> Loaded {
        Loaded::new(
            Index::build(Corpus::from_texts([("a.txt", text)])),
            Vec::new(),
        )
    }

    #[test]
    fn an_open_quotation_is_found_after_closed_ones() {
        let text = "He said “done” and then “we will";
        let o = open_quotation(text).unwrap();
        assert_eq!(&text[o.inner_start..], "we will");
        assert_eq!(o.close, '”');
        assert_eq!(open_quotation("He said “done” and left"), None);
        assert_eq!(
            open_quotation("He said \"we will").map(|o| o.close),
            Some('"')
        );
        assert_eq!(open_quotation("“Old quote\n\nNew paragraph"), None);
    }

    #[test]
    fn completes_to_the_end_of_the_source_quotation() {
        let corpus = loaded(
            "The minister said “the ministry rejected the proposal outright\nbecause of its \
             costs” on Monday. Other news.",
        );
        let words = |typed| -> Vec<String> {
            continuations(&corpus, typed)
                .into_iter()
                .map(|c| c.words)
                .collect()
        };
        let expected = ["the ministry rejected the proposal outright because of its costs"];
        assert_eq!(words("The Ministry rejected the pro"), expected);
        assert_eq!(words("the ministry rejected "), expected);
        // A finished word must match whole.
        assert!(words("the ministry rejected the pro ").is_empty());
        // One content word is too few to look anything up.
        assert!(words("the ministry rej").is_empty());
    }

    #[test]
    fn a_markdown_source_sentence_cut_near_a_character_of_several_bytes_still_completes() {
        // A paragraph over the longest sentence the checker reads is cut where a word of the
        // file ends, never at a blanked byte of an "é" in inline code, which the prose blanks.
        let text = crate::text::markdown::long_paragraph_ending_in_accented_code();
        let corpus = Loaded::new(
            Index::build(Corpus::from_texts([("a.md", text.as_str())])),
            Vec::new(),
        );
        let found = continuations(&corpus, "the Kremlin on Wednesday rejected the");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].words,
            "the Kremlin on Wednesday rejected the allegations in the report"
        );
        assert!(
            found[0].sentence.ends_with("allegations in the report"),
            "{}",
            found[0].sentence
        );
    }

    #[test]
    fn outside_a_source_quotation_completes_to_the_end_of_the_sentence() {
        let corpus = loaded("Officials said 40 people were evacuated from the town. Next.");
        let words: Vec<String> = continuations(&corpus, "40 people were")
            .into_iter()
            .map(|c| c.words)
            .collect();
        assert_eq!(words, ["40 people were evacuated from the town"]);
    }
}
