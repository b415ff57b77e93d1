//! Bounded work: adversarial drafts (a run-on line of megabytes, thousands of quotation marks,
//! deeply nested Markdown, thousands of paragraphs and directives) are checked within the
//! engine's caps, and the caps say so in the report's limits (which the CLI prints on stderr
//! and the language server logs).
//!
//! No timing asserts: each test counts what was done (index probes, sentences, blocks) or
//! checks that a cap engaged. The shapes are sized so that work growing with the square of the
//! input (what each guarded code path did before) would be 10^10 steps or more, and so the
//! test would not finish within the suite's time.

use std::sync::Arc;

use factcheck::check::align::{align, Compare, MAX_ALIGN_TOKENS};
use factcheck::check::{LimitKind, Report};
use factcheck::text::markdown::{prose, Format};
use factcheck::text::sentences::MAX_SENTENCE_BYTES;
use factcheck::text::{segments, tokenize};
use factcheck::{CheckOptions, Checker, Code, Corpus, Index};

const SOURCE: &str = "The Office of the Director of National Intelligence oversees 18 \
                      intelligence agencies. Iran did not attempt to manipulate votes, the \
                      report concluded.";

fn index() -> Arc<Index> {
    Arc::new(Index::build(Corpus::from_texts([("source.txt", SOURCE)])))
}

fn check(index: &Arc<Index>, text: &str, format: Format) -> Report {
    let options = CheckOptions {
        format,
        ..CheckOptions::default()
    };
    Checker::new(index.clone()).check(text, &options)
}

/// Distinct words, so no two pieces of a run-on line are the same cached sentence.
fn distinct_words(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 16);
    let mut i = 0u64;
    while text.len() < bytes {
        text.push_str(&format!("w{i:x} "));
        i += 1;
    }
    text
}

#[test]
fn a_five_megabyte_line_is_read_in_capped_pieces_and_says_so() {
    let index = index();
    let line = distinct_words(5 * 1024 * 1024);
    // Each `w1a2b` is one token.
    let words = line.split_whitespace().count();
    let before = index.probes();
    let report = check(&index, &line, Format::PlainText);
    // One lookup per distinct pair of neighbouring words, at most: linear in the line.
    let probes = index.probes() - before;
    assert!(probes <= words as u64, "{probes} probes for {words} words");
    assert!(report.findings.is_empty());
    // Both caps engaged, each reported once for the whole line, not once per piece.
    let kinds: Vec<LimitKind> = report.limits.iter().map(|l| l.kind).collect();
    assert_eq!(kinds, [LimitKind::LongSentence, LimitKind::ManyWords]);
    for limit in &report.limits {
        assert_eq!(limit.span.start, 0);
        assert!(limit.span.end + 2 >= line.trim_end().len(), "{limit:?}");
    }
    let message = report.limits[0].to_string();
    assert!(
        message.contains(&format!("pieces of at most {MAX_SENTENCE_BYTES} bytes")),
        "{message}"
    );
}

#[test]
fn a_short_draft_reaches_no_limit() {
    let report = check(
        &index(),
        "The office oversees 16 intelligence agencies.",
        Format::PlainText,
    );
    assert_eq!(report.limits, []);
    assert_eq!(report.findings.len(), 1);
}

#[test]
fn a_long_sentence_is_aligned_on_its_first_words_only() {
    let draft = tokenize(&"alpha beta ".repeat(1000));
    let source = tokenize(&"alpha beta ".repeat(1000));
    let a = align(&draft, &source, Compare::Stem);
    assert_eq!(a.pairs.len(), MAX_ALIGN_TOKENS);
    assert!(a
        .pairs
        .iter()
        .all(|&(i, j)| i < MAX_ALIGN_TOKENS && j < MAX_ALIGN_TOKENS));

    let sentence = format!("{}.", "word ".repeat(MAX_ALIGN_TOKENS + 1).trim_end());
    let report = check(&index(), &sentence, Format::PlainText);
    let kinds: Vec<LimitKind> = report.limits.iter().map(|l| l.kind).collect();
    assert_eq!(kinds, [LimitKind::ManyWords]);
    assert!(report.limits[0].to_string().contains("only its first"));
}

#[test]
fn a_hundred_thousand_quoted_sentences_in_one_paragraph_each_keep_their_quotation() {
    // One block: sentences and quotations are handed out in one pass, not sentence by
    // quotation (10^10 pairs here).
    let n = 100_000;
    let text = "\"Ab cd ef gh.\" ".repeat(n);
    let prose = prose(&text, Format::PlainText);
    let segments = segments(&prose);
    assert_eq!(segments.len(), n);
    assert!(segments
        .iter()
        .all(|s| s.quotations.len() == 1 && s.span.covers(s.quotations[0].outer)));
    // Every sentence is the same text: checked once, the rest from the cache, so the whole
    // paragraph looks up what one of its sentences does.
    let index = index();
    let before = index.probes();
    check(&index, "\"Ab cd ef gh.\" ", Format::PlainText);
    let one = index.probes() - before;
    let before = index.probes();
    let report = check(&index, &text, Format::PlainText);
    assert_eq!(index.probes() - before, one);
    assert_eq!(report.findings.len(), n);
    assert!(report
        .findings
        .iter()
        .all(|f| f.code == Code::UnsourcedQuote));
}

#[test]
fn thousands_of_stray_and_nested_quotation_marks() {
    // Unbalanced openings, marks inside words, and quotations inside quotations: every
    // sentence stays within the cap and the check finds nothing to quote.
    let mut text = String::new();
    for i in 0..20_000 {
        text.push_str(match i % 4 {
            0 => "“ ",
            1 => "a\"b ",
            2 => "«“‘x’”» ",
            _ => "„ ",
        });
    }
    let prose = prose(&text, Format::PlainText);
    let segments = segments(&prose);
    assert!(segments.iter().all(|s| s.span.len() <= MAX_SENTENCE_BYTES));
    let report = check(&index(), &text, Format::PlainText);
    assert!(report.findings.is_empty());
    assert!(report
        .limits
        .iter()
        .any(|l| l.kind == LimitKind::LongSentence));
}

#[test]
fn a_hundred_thousand_paragraphs_are_a_hundred_thousand_blocks() {
    // Keeping the innermost blocks is one pass (it compared every block with every block
    // kept: 10^10 comparisons here).
    let n = 100_000;
    let text = "Para graph.\n\n".repeat(n);
    for format in [Format::Markdown, Format::PlainText] {
        let p = prose(&text, format);
        assert_eq!(p.blocks().count(), n, "{format:?}");
    }
}

#[test]
fn deeply_nested_markdown_keeps_offsets_and_prose() {
    let depth = 20_000;
    let shapes = [
        format!("{} deep quote words here.\n", ">".repeat(depth)),
        (0..depth)
            .map(|d| format!("{}- item {d}\n", "  ".repeat(d % 200)))
            .collect::<String>(),
        format!("{}text{}\n", "[".repeat(depth), "]".repeat(depth)),
        format!("{}emphasis{}\n", "*".repeat(depth), "*".repeat(depth)),
        format!("{}\n", "<div>".repeat(depth)),
        format!("{}code{}\n", "`".repeat(depth), "`".repeat(depth - 1)),
    ];
    for text in &shapes {
        let p = prose(text, Format::Markdown);
        assert_eq!(p.text.len(), text.len());
        for b in p.blocks() {
            assert!(text.is_char_boundary(b.start) && b.end <= text.len());
        }
        let report = check(&index(), text, Format::Markdown);
        assert!(report.findings.iter().all(|f| f.span.end <= text.len()));
    }
}

#[test]
fn thousands_of_ignore_directives_silence_their_lines() {
    // Each finding is looked up among the silenced ranges by binary search (it scanned them
    // all: 2.5 * 10^9 overlap tests here).
    let n = 50_000;
    let text =
        "<!-- factcheck-ignore -->\nThe office oversees 16 intelligence agencies.\n\n".repeat(n);
    let report = check(&index(), &text, Format::Markdown);
    assert_eq!(report.findings, []);
    let unsilenced = text.replace("<!-- factcheck-ignore -->", "<!-- note -->");
    assert_eq!(
        check(&index(), &unsilenced, Format::Markdown)
            .findings
            .len(),
        n
    );
}

#[test]
fn evidence_on_a_source_of_one_long_line_finds_its_column_without_walking_the_line() {
    // A source of one 2 MB line (text extracted without line breaks) with the cited sentence
    // at its end: each evidence's column comes from the line index's checkpoints, not a walk
    // over two million characters (a thousand citations made that 2 * 10^9 steps).
    let filler = "Filler wörds here. ".repeat(2 * 1024 * 1024 / 20);
    let source = format!("{filler}{SOURCE}");
    let index = Arc::new(Index::build(Corpus::from_texts([("long.txt", &*source)])));
    let draft: String = (0..300)
        .map(|i| format!("Note {i}: the office oversees 16 intelligence agencies.\n\n"))
        .collect();
    let report = check(&index, &draft, Format::PlainText);
    assert_eq!(report.findings.len(), 300);
    let column = filler.chars().count() + 1;
    for f in &report.findings {
        let ev = &f.evidence[0];
        assert_eq!((ev.line, ev.column), (1, column));
    }
}
