//! Properties that must hold for any text a writer (or an editor) can produce: every span the
//! engine hands out lies inside the text and on character boundaries, Markdown masking keeps
//! byte offsets, and a document reached through any sequence of incremental edits is the same
//! document, with the same diagnostics, as the final text opened fresh.
//!
//! Case counts are kept small so the file runs in seconds; the fuzz targets under `fuzz/`
//! explore the same ground for longer.

mod lsp_support;

use std::sync::{Arc, LazyLock};

use factcheck::text::markdown::prose;
use factcheck::text::{segments, tokenize};
use factcheck::{CheckOptions, Checker, Corpus, Format, Index, Span};
use lsp_support::*;
use proptest::prelude::*;
use serde_json::{json, Value};

const SOURCE_A: &str = "The August assessment said China preferred a Biden presidency.\n\
     The minister said “we will not retreat from the northern coast” on Monday.\n";
const SOURCE_B: &str = "Officials said 40 people were evacuated from the town of Alder.\r\n\
     Über 3 million euros were spent in 2019, about 12% more than planned.\n";

/// Pieces that stress the tokeniser, the splitters and the Markdown parser: line breaks of
/// every kind, quotation marks of every kind, multi-byte and case-changing characters, Markdown
/// syntax, and words from the corpus so that findings actually occur.
const PIECES: &[&str] = &[
    "Officials said 45 people were evacuated from the town of Alder.",
    "He said “we would not retreat from the northern coast” today.",
    "The minister said \"we will not retreat\" on Monday.",
    "China preferred a Biden presidency",
    "Officials",
    "said",
    "40",
    "45",
    "forty",
    " ",
    "  ",
    "\t",
    ".",
    "?",
    "!",
    "Mr.",
    "e.g.",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "“",
    "”",
    "\"",
    "‘",
    "’",
    "'",
    "«",
    "»",
    "„",
    "😀",
    "👩‍👩‍👧",
    "é",
    "e\u{301}",
    "İ",
    "ß",
    "ﬁ",
    "Ǆ",
    "\u{2028}",
    "\u{85}",
    "\u{feff}",
    "\u{0}",
    "# ",
    "> ",
    "- ",
    "1. ",
    "`",
    "```\n",
    "*",
    "_",
    "[a](http://x.y)",
    "![img](p.png)",
    "<b>",
    "</b>",
    "---\n",
    "| a | b |\n|---|---|\n",
    "[^1]",
];

/// Text built from the pieces above with arbitrary Unicode mixed in.
fn draft() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => "\\PC{0,6}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..48).prop_map(|pieces| pieces.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![draft(), any::<String>()]
}

fn assert_span_in(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} {span:?} is outside a text of {} bytes: {text:?}",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} splits a character: {text:?}"
    );
}

static CHECKER: LazyLock<Checker> = LazyLock::new(|| {
    let corpus = Corpus::from_texts([("a.txt", SOURCE_A), ("b.txt", SOURCE_B)]);
    Checker::new(Arc::new(Index::build(corpus)))
});

fn source_text(name: &str) -> &'static str {
    match name {
        "a.txt" => SOURCE_A,
        "b.txt" => SOURCE_B,
        other => panic!("evidence from a source the corpus does not have: {other}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn token_spans_lie_inside_the_text_on_char_boundaries(text in any_text()) {
        let mut previous_end = 0;
        for token in tokenize(&text) {
            assert_span_in(&text, token.span, "token");
            prop_assert!(!token.span.is_empty(), "empty token at {:?} in {text:?}", token.span);
            prop_assert!(token.span.start >= previous_end, "tokens overlap or go back in {text:?}");
            previous_end = token.span.end;
        }
    }

    #[test]
    fn prose_keeps_offsets_and_segments_lie_inside_it(text in any_text()) {
        for format in [Format::Markdown, Format::PlainText] {
            let prose = prose(&text, format);
            prop_assert_eq!(prose.text.len(), text.len(), "{:?} masking changed the length", format);
            // Masking only blanks: every byte is the writer's own or a space, newlines kept.
            for (kept, original) in prose.text.bytes().zip(text.bytes()) {
                prop_assert!(kept == original || kept == b' ', "{format:?} changed a byte: {text:?}");
                if original == b'\n' {
                    prop_assert_eq!(kept, b'\n');
                }
            }
            for block in prose.blocks() {
                assert_span_in(&prose.text, block, "block");
                assert_span_in(&text, block, "block");
            }
            for segment in segments(&prose) {
                assert_span_in(&text, segment.span, "sentence");
                for q in &segment.quotations {
                    assert_span_in(&text, q.outer, "quotation");
                    assert_span_in(&text, q.inner, "quoted words");
                    prop_assert!(q.outer.covers(q.inner), "marks around {:?} do not cover it", q.inner);
                    prop_assert!(segment.span.covers(q.outer), "quotation outside its sentence");
                }
            }
        }
    }

    #[test]
    fn checking_any_draft_gives_spans_inside_it(text in any_text(), markdown in any::<bool>()) {
        let format = if markdown { Format::Markdown } else { Format::PlainText };
        let options = CheckOptions { format, ..CheckOptions::default() };
        let report = CHECKER.check(&text, &options);
        for finding in &report.findings {
            assert_span_in(&text, finding.span, "finding");
            for fix in &finding.fixes {
                assert_span_in(&text, fix.span, "fix");
            }
            for evidence in &finding.evidence {
                assert_span_in(source_text(&evidence.source), evidence.span, "evidence");
            }
        }
        for citation in &report.citations {
            assert_span_in(&text, citation.span, "citation");
            for evidence in &citation.sources {
                assert_span_in(source_text(&evidence.source), evidence.span, "cited source");
            }
        }
    }
}

/// One edit as generated: where (as fractions of the current text, so any text can take it)
/// and what to insert.
#[derive(Clone, Debug)]
struct Edit {
    start: f64,
    len: f64,
    insert: String,
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let insert = prop_oneof![
        3 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => Just(String::new()),
        1 => "\\PC{0,4}",
    ];
    let edit = (0.0..=1.0f64, 0.0..0.3f64, insert).prop_map(|(start, len, insert)| Edit {
        start,
        len,
        insert,
    });
    prop::collection::vec(edit, 1..24)
}

/// The char boundary nearest below `offset` that an LSP position can name: never between the
/// `\r` and `\n` of a CRLF, which is one line break to a client.
fn nameable(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    if offset > 0
        && text.as_bytes()[offset - 1] == b'\r'
        && text.as_bytes().get(offset) == Some(&b'\n')
    {
        offset -= 1;
    }
    offset
}

/// The whole published diagnostics of a document, without what names the document itself: its
/// URI and the version its fix data was computed for.
fn diagnostics_of(published: &Value, uri: &str) -> Value {
    let text = serde_json::to_string(&published["diagnostics"]).unwrap();
    let mut diagnostics: Value = serde_json::from_str(&text.replace(uri, "[URI]")).unwrap();
    for diagnostic in diagnostics.as_array_mut().unwrap() {
        if let Some(data) = diagnostic["data"].as_object_mut() {
            data.remove("version");
        }
    }
    diagnostics
}

/// What the engine finds in `text`, as (range, code, message), positions by the test's own
/// arithmetic.
fn engine_findings(text: &str, utf8: bool) -> Value {
    let options = CheckOptions {
        format: Format::Markdown,
        ..CheckOptions::default()
    };
    CHECKER
        .check(text, &options)
        .findings
        .iter()
        .map(|f| {
            json!({
                "range": range(at(text, f.span.start, utf8), at(text, f.span.end, utf8)),
                "code": f.code.as_str(),
                "message": f.message,
            })
        })
        .collect()
}

fn summary(diagnostics: &Value) -> Value {
    diagnostics
        .as_array()
        .unwrap()
        .iter()
        .map(|d| json!({"range": d["range"], "code": d["code"], "message": d["message"]}))
        .collect()
}

async fn edit_sequence(initial: String, edits: Vec<Edit>, utf8: bool) {
    let ws = Workspace::new(&[
        ("sources/a.txt", SOURCE_A),
        ("sources/b.txt", SOURCE_B),
        ("factcheck.toml", "[corpus]\npaths = [\"sources\"]\n"),
    ]);
    let capabilities = if utf8 {
        rich_capabilities()
    } else {
        plain_capabilities()
    };
    let mut client = Client::ready(&ws, capabilities, Value::Null).await;
    let uri = ws.uri("edited.md");
    client.open(&uri, "markdown", 1, &initial).await;
    let mut text = initial;
    let mut version = 1;
    for edit in &edits {
        let start = nameable(&text, (edit.start * text.len() as f64) as usize);
        let end = nameable(&text, start + (edit.len * text.len() as f64) as usize);
        let lsp_range = range(at(&text, start, utf8), at(&text, end, utf8));
        version += 1;
        client.edit(&uri, version, lsp_range, &edit.insert).await;
        text.replace_range(start..end, &edit.insert);
    }
    let edited = client.diagnostics(&uri, version).await;
    // The server's document is the plain string: the findings it reports are the engine's
    // findings for that string, at the positions the string gives them.
    assert_eq!(
        summary(&edited["diagnostics"]),
        engine_findings(&text, utf8),
        "after {edits:#?}\nthe text is {text:?}"
    );
    let fresh_uri = ws.uri("fresh.md");
    client.open(&fresh_uri, "markdown", 1, &text).await;
    let fresh = client.diagnostics(&fresh_uri, 1).await;
    assert_eq!(
        diagnostics_of(&edited, &uri),
        diagnostics_of(&fresh, &fresh_uri),
        "edited and fresh diagnostics differ for {text:?}"
    );
    client.stop().await;
}

proptest! {
    // Each case starts a server: few cases, each a long sequence.
    #![proptest_config(ProptestConfig { cases: 24, max_shrink_iters: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_edit_sequence_leaves_the_document_as_a_plain_string_would(
        initial in draft(),
        edits in edits(),
        utf8 in any::<bool>(),
    ) {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(edit_sequence(initial, edits, utf8));
    }
}
