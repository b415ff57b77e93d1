//! The invariants the fuzz targets assert, in one place: each target feeds its input to one of
//! these functions, and `tests/fuzz_regressions.rs` replays every crash the fuzzers found (and
//! the committed seeds) through the same functions under plain `cargo test`.
//!
//! Each function panics, naming the input and the broken promise, when an invariant fails.

#![allow(dead_code)]

use std::sync::{Arc, OnceLock};

use factcheck::check::Evidence;
use factcheck::index::SentenceId;
use factcheck::lsp::fuzzing::{self as lsp, Encoding, Position, Rope};
use factcheck::text::markdown::{self, Format};
use factcheck::text::quotes::{self, Quotation};
use factcheck::text::sentences::{self, MAX_SENTENCE_BYTES};
use factcheck::text::{self, tokenize, LineIndex, Span};
use factcheck::{CheckOptions, Checker, Corpus, Index};

/// A small corpus for the whole-check target: sentences with names, numbers, dates, negations
/// and quotations, so drafts the fuzzer builds from them reach every finder.
pub const SOURCES: &[(&str, &str)] = &[
    (
        "assessment.md",
        "# Assessment\n\nThe Office of the Director of National Intelligence oversees 18 \
         intelligence agencies. The assessment was a declassified version of a January 7 \
         report.\n\nIran did not attempt to manipulate votes, the report concluded. China \
         considered but did not deploy influence operations.\n",
    ),
    (
        "kremlin.txt",
        "The Kremlin rejected the findings on Wednesday. “We disagree with this report’s \
         findings about our country,” Kremlin spokesman Dmitry Peskov said.\r\nMore than 131 \
         caps were sold in 2020; about 40 % of them in May.\n",
    ),
    (
        "warner.txt",
        "Mark Warner said the report highlighted \"ongoing and persistent efforts\" by US \
         adversaries. Putin authorised operations aimed at denigrating Biden and boosting \
         Trump.",
    ),
];

fn index() -> &'static Arc<Index> {
    static INDEX: OnceLock<Arc<Index>> = OnceLock::new();
    INDEX.get_or_init(|| Arc::new(Index::build(Corpus::from_texts(SOURCES.iter().copied()))))
}

/// A span of `text`: in range, the right way round and on character boundaries.
fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} {span:?} is outside a text of {} bytes: {text:?}",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} is not on character boundaries: {text:?}"
    );
}

fn assert_ordered(spans: &[Span], what: &str, text: &str) {
    for w in spans.windows(2) {
        assert!(
            w[0].end <= w[1].start,
            "{what} {:?} and {:?} overlap or are out of order: {text:?}",
            w[0],
            w[1]
        );
    }
}

/// Tokenisation and normalisation: every token a non-empty run of the input without white
/// space, in order; and the pair keys the index builds chunk by chunk (between white space)
/// are those of the whole text, which the index's memo relies on.
pub fn tokens(text: &str) {
    let tokens = tokenize(text);
    let spans: Vec<Span> = tokens.iter().map(|t| t.span).collect();
    for t in &tokens {
        assert_span(text, t.span, "token");
        assert!(!t.span.is_empty(), "empty token {:?}: {text:?}", t.span);
        assert!(
            !t.span.slice(text).contains(char::is_whitespace),
            "token {:?} crosses white space: {text:?}",
            t.span.slice(text)
        );
    }
    assert_ordered(&spans, "tokens", text);
    let whole: Vec<(u64, bool)> = tokens.iter().map(|t| (t.stem, t.is_content())).collect();
    let chunked: Vec<(u64, bool)> = text
        .split(char::is_whitespace)
        .flat_map(tokenize)
        .map(|t| (t.stem, t.is_content()))
        .collect();
    assert_eq!(
        whole, chunked,
        "tokens differ when read chunk by chunk: {text:?}"
    );
}

/// Quotations and sentences of `text` read as one block, and the segments of its plain-text
/// and Markdown prose.
pub fn quotes_and_sentences(text: &str) {
    let found = quotes::find_quotations(text);
    check_quotations(text, &found);
    let block = Span::new(0, text.len());
    let split = sentences::split_sentences(text, block, &found);
    check_sentences(text, block, &split, &found);
    for format in [Format::PlainText, Format::Markdown] {
        segments(text, format);
    }
}

fn check_quotations(text: &str, found: &[Quotation]) {
    for q in found {
        assert_span(text, q.outer, "quotation");
        assert_span(text, q.inner, "quoted words");
        assert!(
            q.outer.start < q.inner.start && q.inner.end < q.outer.end,
            "quotation {q:?} does not hold its marks outside its words: {text:?}"
        );
        assert!(
            !q.inner.slice(text).trim().is_empty(),
            "quotation {q:?} quotes nothing: {text:?}"
        );
        for mark in [
            &text[q.outer.start..q.inner.start],
            &text[q.inner.end..q.outer.end],
        ] {
            assert!(
                matches!(mark, "“" | "”" | "«" | "»" | "„" | "\""),
                "quotation {q:?} has {mark:?} for a mark: {text:?}"
            );
        }
    }
    let outer: Vec<Span> = found.iter().map(|q| q.outer).collect();
    assert_ordered(&outer, "quotations", text);
}

fn check_sentences(text: &str, block: Span, split: &[Span], found: &[Quotation]) {
    for s in split {
        assert_span(text, *s, "sentence");
        assert!(
            block.covers(*s),
            "sentence {s:?} leaves its block {block:?}: {text:?}"
        );
        let words = s.slice(text);
        assert!(
            !words.is_empty() && words.trim() == words,
            "sentence {s:?} is empty or not trimmed: {words:?}"
        );
        assert!(
            s.len() <= MAX_SENTENCE_BYTES,
            "sentence {s:?} is over the cap of {MAX_SENTENCE_BYTES} bytes"
        );
    }
    assert_ordered(split, "sentences", text);
    // Everything between sentences is white space: no words are lost.
    let mut at = block.start;
    for s in split.iter().chain([&Span::new(block.end, block.end)]) {
        assert!(
            text[at..s.start].trim().is_empty(),
            "words {:?} between sentences are dropped: {text:?}",
            &text[at..s.start]
        );
        at = s.end;
    }
    // A sentence never ends inside a quotation, unless the cap cut it.
    let capped = split.iter().any(|s| s.len() + 4 > MAX_SENTENCE_BYTES);
    if !capped {
        for q in found.iter().filter(|q| block.covers(q.outer)) {
            assert!(
                split.iter().any(|s| s.covers(q.outer)),
                "quotation {:?} is cut between sentences {split:?}: {text:?}",
                q.outer.slice(text)
            );
        }
    }
}

/// The segments (sentences with their quotations) of `text`'s prose in `format`.
fn segments(text: &str, format: Format) {
    let prose = markdown::prose(text, format);
    let segments = text::segments(&prose);
    let spans: Vec<Span> = segments.iter().map(|s| s.span).collect();
    assert_ordered(&spans, "segments", text);
    for s in &segments {
        assert_span(&prose.text, s.span, "segment");
        for q in &s.quotations {
            assert!(
                s.span.covers(q.outer),
                "segment {:?} holds quotation {:?} outside it: {text:?}",
                s.span,
                q.outer
            );
        }
    }
}

/// Markdown and plain-text prose: the same length as the text, each byte either the text's
/// own or a blank (never over a line break), blocks on character boundaries, in order.
pub fn prose(text: &str) {
    for format in [Format::Markdown, Format::PlainText] {
        let prose = markdown::prose(text, format);
        assert_eq!(
            prose.text.len(),
            text.len(),
            "{format:?} prose changes the length: {text:?}"
        );
        for (i, (p, t)) in prose.text.bytes().zip(text.bytes()).enumerate() {
            assert!(
                p == t || (p == b' ' && t != b'\n'),
                "{format:?} prose byte {i} is {p:?} where the text has {t:?}: {text:?}"
            );
        }
        // Kept characters are whole characters of the text.
        for (i, c) in prose.text.char_indices() {
            if c != ' ' {
                assert!(
                    text.is_char_boundary(i) && text[i..].starts_with(c),
                    "{format:?} prose has {c:?} at {i}, inside another character: {text:?}"
                );
            }
        }
        let blocks: Vec<Span> = prose.blocks().collect();
        for &b in &blocks {
            assert_span(&prose.text, b, "block");
            assert_span(text, b, "block");
        }
        assert_ordered(&blocks, "blocks", text);
    }
}

/// The whole check of `text` against [`SOURCES`]: see [`check_against`].
pub fn check(text: &str, format: Format) {
    check_against(index(), text, format);
}

/// A corpus of one source, `name` saying how it is read (`.md`: Markdown, else plain text),
/// and a draft checked against it: the fuzzers change both sides, since a source is as much
/// untrusted text as a draft (a long sentence of no-break spaces, a Markdown paragraph over
/// the sentence cap). The index holds together ([`index_holds`]) and the check keeps every
/// promise of [`check_against`].
pub fn source_and_draft(name: &str, source: &str, draft: &str, format: Format) {
    let index = Arc::new(Index::build(Corpus::from_texts([(name, source)])));
    index_holds(&index);
    check_against(&index, draft, format);
}

/// Every sentence the index found fits its document's text and its prose, and so does every
/// token of it: evidence, completion and hover slice the file's text with them, the checks
/// the prose.
pub fn index_holds(index: &Index) {
    for id in 0..index.sentence_count() {
        let sentence = index.sentence(id as SentenceId);
        let doc = index.document(sentence.doc);
        assert_span(&doc.text, sentence.span, "source sentence");
        assert_span(&doc.prose.text, sentence.span, "source sentence (prose)");
        for t in index.tokens(sentence.doc, sentence.span).iter() {
            assert_span(&doc.text, t.span.shift(sentence.span.start), "source token");
        }
    }
}

/// The whole check of `text` against `index`: [`report_holds`], the report sorted, and the same
/// report from the cache, from a fresh checker and after a rendering in every CLI format.
pub fn check_against(index: &Arc<Index>, text: &str, format: Format) {
    let options = CheckOptions {
        format,
        ..CheckOptions::default()
    };
    let checker = Checker::new(index.clone());
    let report = checker.check(text, &options);
    report_holds(index, text, &report);
    let spans: Vec<(Span, _)> = report.findings.iter().map(|f| (f.span, f.code)).collect();
    assert!(
        spans.windows(2).all(|w| w[0] <= w[1]),
        "findings out of order: {text:?}"
    );
    let cited: Vec<Span> = report.citations.iter().map(|c| c.span).collect();
    assert!(
        cited.windows(2).all(|w| w[0] <= w[1]),
        "citations out of order: {text:?}"
    );
    assert_eq!(
        checker.check(text, &options),
        report,
        "a cached re-check differs: {text:?}"
    );
    assert_eq!(
        factcheck::check(index, text, &options),
        report,
        "a fresh checker differs: {text:?}"
    );
    render(text, format, &report);
}

/// Every span of a report on draft `text` checked against `index`: findings, fixes, citations
/// and limits inside the draft on character boundaries; evidence quoting its source exactly, at
/// the line and column it names.
pub fn report_holds(index: &Index, text: &str, report: &factcheck::Report) {
    for f in &report.findings {
        assert_span(text, f.span, "finding");
        assert!(!f.span.is_empty(), "empty finding {f:?}: {text:?}");
        assert!(!f.message.is_empty(), "finding without a message: {text:?}");
        for fix in &f.fixes {
            assert_span(text, fix.span, "fix");
        }
        for e in &f.evidence {
            check_evidence(index, e);
        }
    }
    for c in &report.citations {
        assert_span(text, c.span, "citation");
        assert!(!c.span.is_empty(), "empty citation: {text:?}");
        assert!(!c.sources.is_empty(), "citation without a source: {text:?}");
        for e in &c.sources {
            check_evidence(index, e);
        }
    }
    for l in &report.limits {
        assert_span(text, l.span, "limit");
    }
}

fn check_evidence(index: &Index, e: &Evidence) {
    let doc = index
        .corpus()
        .documents
        .iter()
        .find(|d| d.name == e.source)
        .unwrap_or_else(|| panic!("evidence names an unknown source {:?}", e.source));
    assert_span(&doc.text, e.span, "evidence");
    assert_eq!(
        &*e.quote,
        e.span.slice(&doc.text),
        "evidence misquotes its source"
    );
    let at = doc.lines().line_col(&doc.text, e.span.start);
    assert_eq!(
        (e.line, e.column),
        (at.line, at.column),
        "evidence position"
    );
    for m in e.matched.iter() {
        assert_span(&e.quote, *m, "matched words");
    }
}

/// Every CLI renderer over the report: none may panic on any span a check produced.
fn render(text: &str, format: Format, report: &factcheck::Report) {
    use factcheck::report::{self, CheckedFile};
    let lines = LineIndex::new(text);
    let files = [CheckedFile {
        path: "draft.md",
        text,
        format,
        lines: &lines,
        report,
    }];
    let json = report::json::render(&files);
    assert_eq!(
        json["files"][0]["findings"].as_array().map_or(0, Vec::len),
        report.findings.len()
    );
    let _ = report::sarif::render(&files, &factcheck::check::Severities::default());
    let _ = report::github::render(&files);
    let _ = report::human::render(&files);
    // The review page: nothing from the text becomes markup, so the page's own script and
    // style are its only ones.
    let page = report::html::render(&files);
    assert_eq!(
        page.matches("<script").count(),
        1,
        "a script from the text: {text:?}"
    );
    assert_eq!(
        page.matches("<style").count(),
        1,
        "a style from the text: {text:?}"
    );
}

/// Byte offsets and LSP positions of `text` in both encodings: a position maps back to the
/// offset it came from (rounded down to a character), the rope and the line index agree, and
/// any position the client sends maps to a character boundary of the text.
pub fn positions(text: &str, offsets: &[u32], points: &[(u32, u32)]) {
    let rope = Rope::from_str(text);
    let lines = LineIndex::new(text);
    for encoding in [Encoding::Utf8, Encoding::Utf16] {
        for &o in offsets {
            let o = o as usize % (text.len() + 3);
            let mut floor = o.min(text.len());
            while !text.is_char_boundary(floor) {
                floor -= 1;
            }
            // No LSP position stands between the two bytes of a CRLF: it is the line's end.
            let bytes = text.as_bytes();
            if floor > 0 && bytes[floor - 1] == b'\r' && bytes.get(floor) == Some(&b'\n') {
                floor -= 1;
            }
            let p = lsp::position(&rope, o, encoding);
            assert_eq!(
                lsp::offset(&rope, p, encoding),
                Ok(floor),
                "offset {o} -> {p:?} does not map back ({encoding:?}): {text:?}"
            );
            assert_eq!(
                lsp::position_in_text(text, &lines, o, encoding),
                p,
                "line index and rope disagree on offset {o} ({encoding:?}): {text:?}"
            );
        }
        for &(line, character) in points {
            let asked = Position::new(line % (rope.len_lines() as u32 + 2), character);
            match lsp::offset(&rope, asked, encoding) {
                Ok(b) => {
                    assert!(
                        b <= text.len() && text.is_char_boundary(b),
                        "{asked:?} -> {b}, not a character boundary ({encoding:?}): {text:?}"
                    );
                    let back = lsp::position(&rope, b, encoding);
                    assert_eq!(back.line, asked.line, "{asked:?} -> {b} -> {back:?}");
                    assert!(
                        back.character <= asked.character,
                        "{asked:?} -> {b} -> {back:?} moved right ({encoding:?}): {text:?}"
                    );
                }
                Err(e) => {
                    assert!(asked.line as usize >= rope.len_lines(), "{e}");
                    assert_eq!(e.clamped, text.len());
                }
            }
        }
    }
}

/// The JSON-RPC frame reader over `bytes` arriving in the pieces `cuts` makes: every frame it
/// hands on is a well-formed `Content-Length` frame of a JSON-RPC message (the client's own
/// bytes, or a `factcheck/malformedMessage` request), it always makes progress, and the frames
/// do not depend on how the input was cut (below the header limit).
pub fn frames(bytes: &[u8], cuts: &[u16]) {
    let whole = read_frames(&[bytes]);
    let mut pieces = Vec::new();
    let mut rest = bytes;
    for &c in cuts {
        let (a, b) = rest.split_at((c as usize).min(rest.len()));
        pieces.push(a);
        rest = b;
    }
    pieces.push(rest);
    if bytes.len() < 16 * 1024 {
        assert_eq!(
            read_frames(&pieces),
            whole,
            "frames depend on how the input arrives: {bytes:?} cut at {cuts:?}"
        );
    }
}

fn read_frames(pieces: &[&[u8]]) -> Vec<Vec<u8>> {
    let mut input = Vec::new();
    let mut out = Vec::new();
    for piece in pieces {
        input.extend_from_slice(piece);
        loop {
            let before = input.len();
            let Some(frame) = lsp::next_frame(&mut input) else {
                break;
            };
            assert!(
                input.len() < before,
                "a frame was handed on without consuming input"
            );
            check_frame(&frame);
            out.push(frame);
        }
    }
    out
}

fn check_frame(frame: &[u8]) {
    let split = frame
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a frame has a header");
    let header = std::str::from_utf8(&frame[..split]).expect("an ASCII header");
    let length: usize = header
        .strip_prefix("Content-Length: ")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("header {header:?} is not a Content-Length"));
    let body = &frame[split + 4..];
    assert_eq!(body.len(), length, "Content-Length does not match the body");
    let value: serde_json::Value = serde_json::from_slice(body).expect("the body is JSON");
    assert_eq!(value["jsonrpc"], "2.0", "not JSON-RPC 2.0: {value}");
    let id = &value["id"];
    assert!(
        id.is_null() || id.is_i64() || id.is_string(),
        "an id tower-lsp-server cannot read: {value}"
    );
    if value["method"] == lsp::MALFORMED {
        assert!(value["params"]["problem"].is_string(), "{value}");
    }
}

/// A two-sided fuzz input: its first byte picks the draft's format (bit 0: Markdown), the rest
/// is the source and the draft, split at the first NUL byte (invalid UTF-8 repaired, as the
/// CLI and the language server read both). `None` without a NUL.
pub fn source_and_draft_of(data: &[u8]) -> Option<(Format, String, String)> {
    let (&first, rest) = data.split_first()?;
    let format = if first & 1 == 0 {
        Format::PlainText
    } else {
        Format::Markdown
    };
    let nul = rest.iter().position(|&b| b == 0)?;
    let (source, draft) = (&rest[..nul], &rest[nul + 1..]);
    Some((
        format,
        String::from_utf8_lossy(source).into_owned(),
        String::from_utf8_lossy(draft).into_owned(),
    ))
}
