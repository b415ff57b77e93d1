//! The review page's pieces: escaping, marks on the right words of rendered Markdown, the word
//! diff, and the policy that lets only the page's own script run.

use std::path::PathBuf;
use std::sync::Arc;

use super::*;
use crate::check::{Fix, Report};
use crate::text::LineIndex;

#[test]
fn escaping_leaves_no_markup_and_shows_hidden_characters() {
    assert_eq!(
        escape("<script>alert(1)</script>"),
        "&lt;script&gt;alert(1)&lt;/script&gt;"
    );
    assert_eq!(
        escape("\"><img src=x onerror='alert(1)'>&amp;"),
        "&quot;&gt;&lt;img src=x onerror=&#39;alert(1)&#39;&gt;&amp;amp;"
    );
    assert_eq!(escape("</style>"), "&lt;/style&gt;");
    // Bidirectional overrides and terminal codes are named, line breaks and tabs kept.
    assert_eq!(
        escape("abc\u{202e}fed\x1b[2K\nnext\tline"),
        "abc\\u{202e}fed\\u{1b}[2K\nnext\tline"
    );
    let plain = "“Émile” said 100% — 😀";
    assert!(matches!(escape(plain), Cow::Borrowed(t) if t == plain));
}

fn evidence(quote: &str) -> Evidence {
    Evidence {
        source: Arc::from("sources/council.txt"),
        path: Arc::new(PathBuf::from("sources/council.txt")),
        line: 2,
        column: 1,
        span: Span::new(0, quote.len()),
        quote: Arc::from(quote),
        matched: Arc::from(vec![]),
    }
}

fn finding(code: Code, text: &str, words: &str, quote: &str) -> Finding {
    let start = text.find(words).expect("the words are in the draft");
    Finding {
        code,
        severity: Severity::Warning,
        message: format!("{} here", code.as_str()),
        span: Span::new(start, start + words.len()),
        evidence: vec![evidence(quote)],
        fixes: vec![],
    }
}

/// The draft part of the page (its prose `div`) for `text` with `findings`.
fn prose(text: &str, format: Format, findings: Vec<Finding>) -> String {
    let report = Report {
        findings,
        ..Report::default()
    };
    let lines = LineIndex::new(text);
    let file = CheckedFile {
        path: "drafts/a.md",
        text,
        format,
        lines: &lines,
        report: &report,
    };
    let draft = Draft::new(1, &file);
    let mut out = String::new();
    draft.render(&mut out);
    let start = out.find("<div class=\"prose").unwrap();
    let end = out.find("<aside").unwrap();
    out[start..end].to_string()
}

const MARK: &str = "<mark class=\"finding k-contradiction s-warning\" data-note=\"n1-1\" data-kind=\"contradiction\" data-severity=\"warning\">";
const REF: &str = "<sup class=\"ref\"><a class=\"ref finding-ref k-contradiction s-warning\" id=\"n1-1\" href=\"#p1-1\" aria-controls=\"p1-1\" data-kind=\"contradiction\" data-severity=\"warning\" aria-label=\"Finding 1: contradiction, warning: show the source passage\">1</a></sup>";

#[test]
fn a_mark_lands_on_the_words_after_markdown_formatting() {
    let text = "# Notes\n\nThe *council* met on **Friday** after a debate.\n";
    let out = prose(
        text,
        Format::Markdown,
        vec![finding(
            Code::Contradiction,
            text,
            "Friday",
            "They met on Tuesday.",
        )],
    );
    assert_eq!(
        out,
        format!(
            "<div class=\"prose markdown\">\n<h3>Notes</h3>\n<p>The <em>council</em> met on \
             <strong>{MARK}Friday</mark>{REF}</strong> after a debate.</p>\n</div>\n"
        )
    );
}

#[test]
fn a_finding_across_formatting_marks_each_run_and_its_number_follows_the_last() {
    let text = "They met on *Friday evening* at last.\n";
    let out = prose(
        text,
        Format::Markdown,
        vec![finding(Code::Contradiction, text, "on *Friday", "x")],
    );
    assert_eq!(
        out,
        format!(
            "<div class=\"prose markdown\">\n<p>They met {MARK}on </mark><em>{MARK}Friday</mark>{REF} \
             evening</em> at last.</p>\n</div>\n"
        )
    );
}

#[test]
fn a_finding_in_a_code_span_or_an_entity_marks_the_whole_run() {
    let text = "Say `four officials` and A&amp;B.\n";
    let out = prose(
        text,
        Format::Markdown,
        vec![finding(Code::Contradiction, text, "four", "x")],
    );
    // The code's own bytes: cut at the word.
    assert!(
        out.contains(&format!("<code>{MARK}four</mark>{REF} officials</code>")),
        "{out}"
    );
    let out = prose(
        text,
        Format::Markdown,
        vec![finding(Code::Contradiction, text, "amp", "x")],
    );
    // The entity stands for "&": the run is marked whole.
    assert!(out.contains(&format!("A{MARK}&amp;</mark>{REF}B")), "{out}");
}

#[test]
fn html_and_links_in_markdown_are_text_and_only_web_links_are_links() {
    let text = "<script>alert(1)</script>\n\nSee [this](javascript:alert(1)) and \
                [that](https://example.org/a?b=\"c\") <img src=x onerror=alert(2)>.\n";
    let out = prose(text, Format::Markdown, vec![]);
    assert_eq!(
        out,
        "<div class=\"prose markdown\">\n<div class=\"html-block\"><span class=\"html\">\
         &lt;script&gt;alert(1)&lt;/script&gt;\n</span></div>\n<p>See <a class=\"inert\" \
         title=\"javascript:alert(1)\">this</a> and <a href=\"https://example.org/a?b=&quot;c&quot;\" \
         rel=\"noopener noreferrer\">that</a> <span class=\"html\">&lt;img src=x \
         onerror=alert(2)&gt;</span>.</p>\n</div>\n"
    );
}

#[test]
fn plain_text_is_paragraphs_with_marks_on_the_words() {
    let text = "They met on Friday\nafter a <b>debate</b>.\n\n\nNext paragraph.\n";
    let out = prose(
        text,
        Format::PlainText,
        vec![finding(Code::Contradiction, text, "Friday", "x")],
    );
    assert_eq!(
        out,
        format!(
            "<div class=\"prose plain\">\n<p>They met on {MARK}Friday</mark>{REF}\nafter a \
             &lt;b&gt;debate&lt;/b&gt;.</p>\n<p>Next paragraph.</p>\n</div>\n"
        )
    );
}

#[test]
fn a_finding_inside_a_link_is_numbered_after_the_link() {
    let text = "See [the Friday report](https://example.org) today.\n";
    let out = prose(
        text,
        Format::Markdown,
        vec![finding(Code::Contradiction, text, "Friday", "x")],
    );
    assert!(
        out.contains(&format!(
            "rel=\"noopener noreferrer\">the {MARK}Friday</mark> report</a>{REF} today"
        )),
        "{out}"
    );
}

/// The draft's words and the source's as a passage shows them after a word diff.
fn diffed(draft: &str, source: &str) -> (String, String) {
    let diff = WordDiff::of(draft, source).expect("they share words");
    let (mut draft_shown, mut source_shown) = (String::new(), String::new());
    write_marked(&mut draft_shown, draft, &diff.draft);
    write_marked(&mut source_shown, source, &diff.source);
    (draft_shown, source_shown)
}

#[test]
fn the_word_diff_marks_what_differs_between_the_shared_words() {
    let draft = "“We disagree with this report’s conclusions about our country,”";
    let source = "“We disagree with this report's findings about our country,” Peskov said.";
    let (draft_shown, source_shown) = diffed(draft, source);
    assert_eq!(
        draft_shown,
        "“We disagree with this report’s <del>conclusions</del> about our country,”"
    );
    assert_eq!(
        source_shown,
        "“<mark class=\"same\">We</mark> <mark class=\"same\">disagree</mark> <mark \
         class=\"same\">with</mark> <mark class=\"same\">this</mark> <mark \
         class=\"same\">report&#39;s</mark> <ins>findings</ins> <mark class=\"same\">about</mark> \
         <mark class=\"same\">our</mark> <mark class=\"same\">country</mark>,” Peskov said."
    );
    assert_eq!(WordDiff::of("nothing alike", "at all"), None);
}

#[test]
fn a_passage_shows_the_source_the_diff_and_the_fix() {
    let text = "The council met on Friday after a long debate.\n";
    let mut f = finding(
        Code::Contradiction,
        text,
        "Friday",
        "The council met on Tuesday after a long debate.",
    );
    f.fixes.push(Fix {
        title: "Replace with “Tuesday”".into(),
        replacement: "Tuesday".into(),
        span: f.span,
    });
    let report = Report {
        findings: vec![f],
        ..Report::default()
    };
    let lines = LineIndex::new(text);
    let file = CheckedFile {
        path: "drafts/a.txt",
        text,
        format: Format::PlainText,
        lines: &lines,
        report: &report,
    };
    let draft = Draft::new(1, &file);
    let mut out = String::new();
    draft.passage(&mut out, &draft.notes[0]);
    assert_eq!(
        out,
        "<li class=\"passage k-contradiction s-warning\" id=\"p1-1\" value=\"1\" \
         data-kind=\"contradiction\" data-severity=\"warning\" tabindex=\"-1\" \
         aria-labelledby=\"p1-1-h\">\n<h3 id=\"p1-1-h\"><span class=\"num\">1</span> <span \
         class=\"badge k-contradiction s-warning\">contradiction</span> <span \
         class=\"sev\">warning</span> <a class=\"at\" href=\"#n1-1\">line 1, column 20</a></h3>\n\
         <p class=\"message\">contradiction here</p>\n<p class=\"draft-words\"><span \
         class=\"label\">Draft:</span> <q>The council met on <del>Friday</del> after a long \
         debate.</q></p>\n<figure class=\"evidence\"><figcaption><span \
         class=\"label\">Source:</span> <cite class=\"source\">sources/council.txt</cite>, line \
         2</figcaption><blockquote><mark class=\"same\">The</mark> <mark \
         class=\"same\">council</mark> <mark class=\"same\">met</mark> <mark \
         class=\"same\">on</mark> <ins>Tuesday</ins> <mark class=\"same\">after</mark> <mark \
         class=\"same\">a</mark> <mark class=\"same\">long</mark> <mark \
         class=\"same\">debate</mark>.</blockquote></figure>\n<p class=\"fix\"><span \
         class=\"label\">Fix:</span> Replace with “Tuesday”</p>\n</li>\n"
    );
}

#[test]
fn only_the_pages_own_script_may_run() {
    let policy = content_security_policy();
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(SCRIPT.as_bytes()));
    assert_eq!(
        policy,
        format!(
            "default-src 'none'; script-src 'sha256-{hash}'; style-src 'unsafe-inline'; \
             img-src 'none'; base-uri 'none'; form-action 'none'"
        )
    );
    // The script and the style cannot end their own element early.
    assert!(!SCRIPT.to_ascii_lowercase().contains("</script"));
    assert!(!STYLE.to_ascii_lowercase().contains("</style"));
}

#[test]
fn a_word_replaced_at_the_end_of_a_quotation_differs_and_the_rest_is_context() {
    let draft = "will keep every library open through the summer";
    let source =
        "Mayor Lena Ortiz said the plan \"will keep every library open through the winter\".";
    let (draft_shown, source_shown) = diffed(draft, source);
    assert_eq!(
        draft_shown,
        "will keep every library open through the <del>summer</del>"
    );
    assert_eq!(
        source_shown,
        "Mayor Lena Ortiz said the plan &quot;<mark class=\"same\">will</mark> <mark \
         class=\"same\">keep</mark> <mark class=\"same\">every</mark> <mark \
         class=\"same\">library</mark> <mark class=\"same\">open</mark> <mark \
         class=\"same\">through</mark> <mark class=\"same\">the</mark> \
         <ins>winter</ins>&quot;."
    );
}

#[test]
fn a_shared_word_far_from_the_others_does_not_stretch_the_diff() {
    let draft = "The office, which oversees 16 US intelligence agencies, published the assessment.";
    let source =
        "The office, which oversees 18 US intelligence agencies, also concluded with high \
                  confidence that China had considered deploying efforts to alter the outcome.";
    let (draft_shown, source_shown) = diffed(draft, source);
    assert_eq!(
        draft_shown,
        "The office, which oversees <del>16</del> US intelligence agencies, <del>published</del> \
         <del>the</del> <del>assessment</del>."
    );
    assert!(
        source_shown.ends_with(
            "<mark class=\"same\">agencies</mark>, <ins>also</ins> <ins>concluded</ins> \
             <ins>with</ins> high confidence that China had considered deploying efforts to alter \
             the outcome."
        ),
        "{source_shown}"
    );
}

#[test]
fn overlapping_findings_nest_their_marks_on_the_shared_words() {
    let text = "They met on Friday after all.\n";
    let out = prose(
        text,
        Format::PlainText,
        vec![
            finding(Code::Contradiction, text, "on Friday", "x"),
            finding(Code::Misquote, text, "Friday after", "x"),
        ],
    );
    let contradiction = MARK;
    let misquote = "<mark class=\"finding k-misquote s-warning\" data-note=\"n1-2\" \
                    data-kind=\"misquote\" data-severity=\"warning\">";
    assert!(
        out.contains(&format!(
            "They met {contradiction}on </mark>{contradiction}{misquote}Friday</mark></mark>\
             {REF}{misquote} after</mark><sup class=\"ref\"><a class=\"ref finding-ref \
             k-misquote s-warning\" id=\"n1-2\""
        )),
        "{out}"
    );
}
