//! `--format html`: the review page. One self-contained HTML file a fact desk opens in a
//! browser or prints: the run's figures, then each draft rendered as prose with its findings
//! underlined by kind and its citations numbered, and beside it (printed: after it, as
//! footnotes) the source passages, with the words that match highlighted and, for misquotes and
//! contradictions, the words that differ marked on both sides.
//!
//! Safety: every text from a draft, a source or a path reaches the page through [`escape`];
//! Markdown is rendered from pulldown-cmark's events, HTML in it shown as text, links kept only
//! for `http`, `https` and `mailto`. The page's Content-Security-Policy allows its one inline
//! script by hash and inline style, nothing else: no network, and no other script even if an
//! escape were missed.
//!
//! Reading needs no script: every passage is in the document, and each mark's number links to
//! its passage. The script (`html/page.js`) only shows one passage at a time beside the draft, filters
//! by kind and severity, and moves between findings with `n`/`p` (or `j`/`k`).
//!
//! Marks land on the right words because Markdown is rendered from the parser's offset
//! iterator: a text run that is the draft's own bytes is cut at the finding's edges; a run that
//! stands for other bytes (an entity, an escape, a code span's content moved) is marked whole,
//! so a finding across formatting marks the smallest runs that hold it.

use std::borrow::Cow;
use std::fmt::Write;

use base64::Engine as _;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use sha2::{Digest, Sha256};

use super::summary::{self, Coverage, Summary, SEVERITIES};
use super::visible::is_hidden;
use super::{fix_text, plural, CheckedFile};
use crate::check::{Citation, Code, Evidence, Finding, Severity};
use crate::text::markdown::{self, Format};
use crate::text::Span;

/// The page's style: screen (draft and passages side by side), narrow screens, print.
const STYLE: &str = include_str!("html/page.css");

/// The page's only script, allowed by its hash (see [`content_security_policy`]).
const SCRIPT: &str = include_str!("html/page.js");

/// Words compared per side at most by the word diff (its table is the product of both).
const MAX_DIFF_WORDS: usize = 400;

/// Unshared words between two shared ones beyond which the word diff no longer reads them as
/// one passage (see [`anchored`]).
const MAX_DIFF_GAP: usize = 3;

/// The whole page for a run.
pub fn render(files: &[CheckedFile]) -> String {
    let drafts: Vec<Draft> = files
        .iter()
        .enumerate()
        .map(|(i, file)| Draft::new(i + 1, file))
        .collect();
    let mut total = Summary::default();
    let mut coverage = Coverage::default();
    for draft in &drafts {
        total.add(&draft.summary);
        coverage.add(draft.coverage);
    }
    let mut out =
        String::with_capacity(16 * 1024 + files.iter().map(|f| f.text.len() * 2).sum::<usize>());
    head(&mut out, &total);
    out.push_str("<body>\n<a class=\"skip\" href=\"#drafts\">Skip to the drafts</a>\n");
    let _ = writeln!(
        out,
        "<header>\n<h1>Fact-check review</h1>\n<p>{} checked against their sources by factcheck.</p>\n</header>",
        plural(total.drafts, "draft", "drafts")
    );
    out.push_str("<main>\n");
    summary_section(&mut out, &total, coverage);
    filters(&mut out, &total);
    contents(&mut out, &drafts);
    out.push_str("<div id=\"drafts\">\n");
    for draft in &drafts {
        draft.render(&mut out);
    }
    out.push_str("</div>\n</main>\n");
    out.push_str(
        "<footer>\n<p class=\"js-only\" hidden>Keys: <kbd>n</kbd> or <kbd>j</kbd> next finding, \
         <kbd>p</kbd> or <kbd>k</kbd> previous, <kbd>Esc</kbd> closes the passage.</p>\n\
         <p>Made by <code>factcheck check --format html</code>.</p>\n</footer>\n",
    );
    let _ = writeln!(out, "<script>{SCRIPT}</script>\n</body>\n</html>");
    out
}

/// `s` made safe as HTML text and as a quoted attribute value: `&`, `<`, `>`, `"` and `'`
/// become character references, and a character that acts on the text around it instead of
/// being read ([`is_hidden`]: control characters, bidirectional overrides) is written as its
/// code point, `\u{202e}`, as every other format shows it. Line breaks and tabs are kept: the
/// page's style decides how they look.
pub fn escape(s: &str) -> Cow<'_, str> {
    let special = |c: char| {
        matches!(c, '&' | '<' | '>' | '"' | '\'') || (is_hidden(c) && !matches!(c, '\n' | '\t'))
    };
    if !s.contains(special) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if is_hidden(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The policy: nothing may load, connect or run but the page's own script (by its SHA-256) and
/// its inline style.
fn content_security_policy() -> String {
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(SCRIPT.as_bytes()));
    format!(
        "default-src 'none'; script-src 'sha256-{hash}'; style-src 'unsafe-inline'; \
         img-src 'none'; base-uri 'none'; form-action 'none'"
    )
}

fn head(out: &mut String, total: &Summary) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Fact-check review: {}, {}</title>\n<style>{STYLE}</style>\n</head>\n",
        escape(&content_security_policy()),
        plural(total.drafts, "draft", "drafts"),
        plural(total.total_findings(), "finding", "findings"),
    );
}

/// The run's figures: drafts, findings, citation coverage, sources; findings by kind and
/// severity; the sources with how often they are quoted.
fn summary_section(out: &mut String, total: &Summary, coverage: Coverage) {
    out.push_str("<section class=\"summary\" aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">Summary</h2>\n<dl class=\"figures\">\n");
    let percent = match coverage.percent() {
        Some(p) => format!("{p}%"),
        None => "none".to_string(),
    };
    let figures = [
        (
            "drafts",
            "Drafts",
            total.drafts.to_string(),
            format!("{} with findings", total.flagged),
        ),
        (
            "findings",
            "Findings",
            total.total_findings().to_string(),
            String::new(),
        ),
        (
            "citations",
            "Citations",
            total.citations.to_string(),
            String::new(),
        ),
        (
            "coverage",
            "Citation coverage",
            percent,
            format!(
                "{} of {} have a source",
                coverage.cited,
                plural(coverage.sentences, "sentence", "sentences")
            ),
        ),
        (
            "sources",
            "Sources used",
            total.sources.len().to_string(),
            String::new(),
        ),
    ];
    for (key, label, value, detail) in figures {
        let _ = write!(
            out,
            "<div><dt>{label}</dt><dd data-figure=\"{key}\">{value}</dd>"
        );
        if !detail.is_empty() {
            let _ = write!(out, "<dd class=\"detail\">{detail}</dd>");
        }
        out.push_str("</div>\n");
    }
    out.push_str("</dl>\n");

    if total.findings.is_empty() {
        out.push_str("<p class=\"none\">No findings.</p>\n");
    } else {
        out.push_str(
            "<table class=\"counts\">\n<caption>Findings by kind and severity</caption>\n\
             <thead><tr><th scope=\"col\">Kind</th>",
        );
        for severity in SEVERITIES {
            let _ = write!(out, "<th scope=\"col\">{}</th>", severity.as_str());
        }
        out.push_str("<th scope=\"col\">All</th></tr></thead>\n<tbody>\n");
        for code in total.findings.keys() {
            let kind = code.as_str();
            let _ = write!(
                out,
                "<tr data-kind=\"{kind}\"><th scope=\"row\"><span class=\"swatch k-{kind}\" aria-hidden=\"true\"></span>{kind}<span class=\"desc\">{}</span></th>",
                escape(code.description())
            );
            for severity in SEVERITIES {
                let _ = write!(
                    out,
                    "<td data-severity=\"{}\">{}</td>",
                    severity.as_str(),
                    total.count(*code, severity)
                );
            }
            let _ = writeln!(
                out,
                "<td data-severity=\"all\">{}</td></tr>",
                total.with_code(*code)
            );
        }
        out.push_str("</tbody>\n<tfoot><tr data-kind=\"all\"><th scope=\"row\">All</th>");
        for severity in SEVERITIES {
            let _ = write!(
                out,
                "<td data-severity=\"{}\">{}</td>",
                severity.as_str(),
                total.with_severity(severity)
            );
        }
        let _ = writeln!(
            out,
            "<td data-severity=\"all\">{}</td></tr></tfoot>\n</table>",
            total.total_findings()
        );
    }

    if !total.sources.is_empty() {
        let _ = writeln!(
            out,
            "<details class=\"sources\">\n<summary>Sources used ({})</summary>\n<ul>",
            total.sources.len()
        );
        for (source, n) in &total.sources {
            let _ = writeln!(
                out,
                "<li><cite>{}</cite>: {}</li>",
                escape(source),
                plural(*n, "passage", "passages")
            );
        }
        out.push_str("</ul>\n</details>\n");
    }
    out.push_str("</section>\n");
}

/// The filters, by the kinds and severities present. Hidden until the script runs: without it
/// they could do nothing.
fn filters(out: &mut String, total: &Summary) {
    out.push_str(
        "<form class=\"filters js-only\" hidden aria-label=\"Filter the marks\">\n\
         <fieldset><legend>Kinds</legend>\n",
    );
    for code in total.findings.keys() {
        filter_box(out, "kind", code.as_str(), total.with_code(*code));
    }
    if total.citations > 0 {
        filter_box(out, "kind", "citation", total.citations);
    }
    out.push_str("</fieldset>\n<fieldset><legend>Severities</legend>\n");
    for severity in SEVERITIES {
        let n = total.with_severity(severity);
        if n > 0 {
            filter_box(out, "severity", severity.as_str(), n);
        }
    }
    let n = total.total_findings();
    let _ = writeln!(
        out,
        "</fieldset>\n<p class=\"shown\" aria-live=\"polite\">Showing <span data-shown>{n}</span> of {}.</p>\n</form>",
        plural(n, "finding", "findings")
    );
}

fn filter_box(out: &mut String, facet: &str, value: &str, n: usize) {
    let _ = writeln!(
        out,
        "<label class=\"{facet}-{value}\"><input type=\"checkbox\" checked data-filter=\"{facet}\" value=\"{value}\"> {value} <span class=\"n\">({n})</span></label>"
    );
}

/// The drafts, with their figures, as links.
fn contents(out: &mut String, drafts: &[Draft]) {
    out.push_str("<nav aria-label=\"Drafts\">\n<h2>Drafts</h2>\n<ol>\n");
    for draft in drafts {
        let _ = writeln!(
            out,
            "<li><a href=\"#d{}\">{}</a>: {}, {}</li>",
            draft.number,
            escape(draft.file.path),
            plural(draft.summary.total_findings(), "finding", "findings"),
            plural(draft.summary.citations, "citation", "citations"),
        );
    }
    out.push_str("</ol>\n</nav>\n");
}

/// One draft with what the page shows of it.
struct Draft<'a> {
    /// 1-based, in the run's order: the ids' prefix.
    number: usize,
    file: &'a CheckedFile<'a>,
    sentences: Vec<Span>,
    summary: Summary,
    coverage: Coverage,
    /// Findings and citations, numbered in the order their marks end in the draft.
    notes: Vec<Note<'a>>,
}

/// A finding or a citation as the page shows it: a mark in the draft with a number, and a
/// passage in the aside.
struct Note<'a> {
    draft: usize,
    number: usize,
    span: Span,
    item: Item<'a>,
}

enum Item<'a> {
    Finding(&'a Finding),
    Citation(&'a Citation),
}

impl Note<'_> {
    /// The finding's code, or `citation`: the class and filter of its marks.
    fn kind(&self) -> &'static str {
        match self.item {
            Item::Finding(f) => f.code.as_str(),
            Item::Citation(_) => "citation",
        }
    }

    fn severity(&self) -> Option<Severity> {
        match self.item {
            Item::Finding(f) => Some(f.severity),
            Item::Citation(_) => None,
        }
    }

    fn evidence(&self) -> &[Evidence] {
        match self.item {
            Item::Finding(f) => &f.evidence,
            Item::Citation(c) => &c.sources,
        }
    }

    /// The id of its number in the draft (what keyboard navigation focuses).
    fn ref_id(&self) -> String {
        format!("n{}-{}", self.draft, self.number)
    }

    /// The id of its passage in the aside.
    fn passage_id(&self) -> String {
        format!("p{}-{}", self.draft, self.number)
    }

    /// `data-kind` and, for a finding, `data-severity`: what the filters read.
    fn data(&self) -> String {
        match self.severity() {
            Some(s) => format!(
                "data-kind=\"{}\" data-severity=\"{}\"",
                self.kind(),
                s.as_str()
            ),
            None => format!("data-kind=\"{}\"", self.kind()),
        }
    }

    fn classes(&self) -> String {
        match self.severity() {
            Some(s) => format!("k-{} s-{}", self.kind(), s.as_str()),
            None => format!("k-{}", self.kind()),
        }
    }

    /// Its number in the draft, a link to its passage.
    fn write_ref(&self, out: &mut String) {
        let what = match self.severity() {
            Some(s) => format!("Finding {}: {}, {}", self.number, self.kind(), s.as_str()),
            None => format!("Citation {}", self.number),
        };
        let _ = write!(
            out,
            "<sup class=\"ref\"><a class=\"ref {}{}\" id=\"{}\" href=\"#{}\" aria-controls=\"{}\" {} aria-label=\"{what}: show the source passage\">{}</a></sup>",
            if self.severity().is_some() { "finding-ref " } else { "citation-ref " },
            self.classes(),
            self.ref_id(),
            self.passage_id(),
            self.passage_id(),
            self.data(),
            self.number,
        );
    }
}

impl<'a> Draft<'a> {
    fn new(number: usize, file: &'a CheckedFile<'a>) -> Draft<'a> {
        let sentences = summary::sentences(file);
        let summary = Summary::of_file(file);
        let coverage = Coverage::of_file(file, &sentences);
        let findings = file
            .report
            .findings
            .iter()
            .map(|f| (f.span, Item::Finding(f)));
        let citations = file
            .report
            .citations
            .iter()
            .map(|c| (c.span, Item::Citation(c)));
        let mut items: Vec<(Span, Item)> = findings.chain(citations).collect();
        // In the order their numbers appear: where each mark ends, then where it starts
        // (stable: a finding before a citation of the same words).
        items.sort_by_key(|(span, _)| (span.end, span.start));
        let notes = items
            .into_iter()
            .enumerate()
            .map(|(i, (span, item))| Note {
                draft: number,
                number: i + 1,
                span,
                item,
            })
            .collect();
        Draft {
            number,
            file,
            sentences,
            summary,
            coverage,
            notes,
        }
    }

    fn render(&self, out: &mut String) {
        let d = self.number;
        let _ = writeln!(
            out,
            "<article class=\"draft\" id=\"d{d}\" aria-labelledby=\"d{d}-h\">\n<h2 id=\"d{d}-h\">{}</h2>",
            escape(self.file.path)
        );
        let s = &self.summary;
        let _ = writeln!(
            out,
            "<p class=\"meta\">{}, {}; {} of {} cited.</p>",
            plural(s.total_findings(), "finding", "findings"),
            plural(s.citations, "citation", "citations"),
            self.coverage.cited,
            plural(self.coverage.sentences, "sentence", "sentences"),
        );
        let _ = writeln!(
            out,
            "<div class=\"prose {}\">",
            match self.file.format {
                Format::Markdown => "markdown",
                Format::PlainText => "plain",
            }
        );
        let mut marker = Marker::new(&self.notes);
        match self.file.format {
            Format::Markdown => self.markdown(out, &mut marker),
            Format::PlainText => self.plain(out, &mut marker),
        }
        let unplaced: Vec<&Note> = self
            .notes
            .iter()
            .zip(&marker.placed)
            .filter(|(_, placed)| !**placed)
            .map(|(n, _)| n)
            .collect();
        if !unplaced.is_empty() {
            out.push_str("<p class=\"unplaced\">Not shown in the text above:");
            for note in unplaced {
                out.push(' ');
                note.write_ref(out);
            }
            out.push_str("</p>\n");
        }
        out.push_str("</div>\n");
        self.aside(out);
        out.push_str("</article>\n");
    }

    /// A plain-text draft: its paragraphs, line breaks kept.
    fn plain(&self, out: &mut String, marker: &mut Marker) {
        let text = self.file.text;
        let runs: Vec<Run> = markdown::prose(text, Format::PlainText)
            .blocks()
            .map(|b| Run {
                span: b.trimmed(text),
                exact: true,
            })
            .filter(|r| !r.span.is_empty())
            .collect();
        marker.place(&runs);
        for (i, run) in runs.iter().enumerate() {
            out.push_str("<p>");
            marker.write_run(out, run.span.slice(text), run, i);
            out.push_str("</p>\n");
        }
    }

    /// A Markdown draft, rendered from its events: HTML shown as text, links only to the web
    /// or mail, images as their description.
    fn markdown(&self, out: &mut String, marker: &mut Marker) {
        let text = self.file.text;
        let events: Vec<(Event, std::ops::Range<usize>)> = Parser::new_ext(text, markdown::OPTIONS)
            .into_offset_iter()
            .collect();
        let runs: Vec<Run> = events
            .iter()
            .filter_map(|(e, r)| run_of(text, e, r))
            .collect();
        marker.place(&runs);
        let mut next_run = 0;
        // Where a table's cells are header cells.
        let mut in_head = false;
        // Inside a link no other link may start: numbers wait for its end.
        let mut link_depth = 0usize;
        for (event, range) in &events {
            if let Some(run) = run_of(text, event, range) {
                let k = next_run;
                next_run += 1;
                match event {
                    Event::Code(code) => {
                        out.push_str("<code>");
                        marker.write_run(out, code, &run, k);
                        out.push_str("</code>");
                    }
                    Event::Html(html) | Event::InlineHtml(html) => {
                        let comment = html.trim_start().starts_with("<!--");
                        let _ = write!(
                            out,
                            "<span class=\"html{}\">",
                            if comment { " comment" } else { "" }
                        );
                        marker.write_run(out, html, &run, k);
                        out.push_str("</span>");
                    }
                    Event::Text(t) => marker.write_run(out, t, &run, k),
                    _ => {}
                }
                continue;
            }
            match event {
                Event::Start(tag) => start_tag(out, tag, &mut in_head, &mut link_depth),
                Event::End(tag) => {
                    end_tag(out, *tag, &mut in_head);
                    if *tag == TagEnd::Link {
                        link_depth = link_depth.saturating_sub(1);
                        if link_depth == 0 {
                            out.push_str(&std::mem::take(&mut marker.waiting));
                        }
                    }
                }
                Event::SoftBreak => out.push('\n'),
                Event::HardBreak => out.push_str("<br>\n"),
                Event::Rule => out.push_str("<hr>\n"),
                Event::FootnoteReference(label) => {
                    let _ = write!(out, "<sup class=\"fn\">[{}]</sup>", escape(label));
                }
                Event::TaskListMarker(done) => {
                    out.push_str(if *done { "[x] " } else { "[ ] " });
                }
                _ => {}
            }
            marker.in_link = link_depth > 0;
        }
        out.push_str(&std::mem::take(&mut marker.waiting));
    }

    /// The passages of every note, in the notes' order.
    fn aside(&self, out: &mut String) {
        let d = self.number;
        let _ = writeln!(
            out,
            "<aside class=\"passages\" aria-live=\"polite\" aria-label=\"Source passages for {}\">\n<p class=\"hint js-only\" hidden>Select a marked phrase or its number to see the source passage here.</p>",
            escape(self.file.path)
        );
        if self.notes.is_empty() {
            out.push_str(
                "<p class=\"none\">No findings or citations in this draft.</p>\n</aside>\n",
            );
            return;
        }
        let _ = writeln!(out, "<ol class=\"notes\" id=\"notes{d}\">");
        for note in &self.notes {
            self.passage(out, note);
        }
        out.push_str("</ol>\n</aside>\n");
    }

    fn passage(&self, out: &mut String, note: &Note) {
        let at = self.file.line_col(note.span.start);
        let id = note.passage_id();
        let _ = write!(
            out,
            "<li class=\"passage {}\" id=\"{id}\" value=\"{}\" {} tabindex=\"-1\" aria-labelledby=\"{id}-h\">\n<h3 id=\"{id}-h\"><span class=\"num\">{}</span> <span class=\"badge {}\">{}</span>",
            note.classes(),
            note.number,
            note.data(),
            note.number,
            note.classes(),
            note.kind(),
        );
        if let Some(s) = note.severity() {
            let _ = write!(out, " <span class=\"sev\">{}</span>", s.as_str());
        }
        let _ = writeln!(
            out,
            " <a class=\"at\" href=\"#{}\">line {}, column {}</a></h3>",
            note.ref_id(),
            at.line,
            at.column
        );
        let diffed = match note.item {
            Item::Finding(f) => {
                let _ = writeln!(out, "<p class=\"message\">{}</p>", escape(&f.message));
                // A word diff where the finding is about different words.
                matches!(f.code, Code::Misquote | Code::Contradiction)
            }
            Item::Citation(_) => false,
        };
        let draft_words = self.compared_words(note);
        let draft_text = draft_words.slice(self.file.text);
        let mut shown_draft = false;
        for ev in note.evidence() {
            let diff = if diffed {
                WordDiff::of(draft_text, &ev.quote)
            } else {
                None
            };
            if let (Some(diff), false) = (&diff, shown_draft) {
                out.push_str("<p class=\"draft-words\"><span class=\"label\">Draft:</span> <q>");
                write_marked(out, draft_text, &diff.draft);
                out.push_str("</q></p>\n");
                shown_draft = true;
            }
            let marks = match diff {
                Some(diff) => diff.source,
                None => ev.matched.iter().map(|m| (*m, Mark::Same)).collect(),
            };
            let _ = write!(
                out,
                "<figure class=\"evidence\"><figcaption><span class=\"label\">Source:</span> <cite class=\"source\">{}</cite>, line {}</figcaption><blockquote>",
                escape(&ev.source),
                ev.line
            );
            write_marked(out, &ev.quote, &marks);
            out.push_str("</blockquote></figure>\n");
        }
        if let Item::Finding(f) = note.item {
            for fix in &f.fixes {
                let _ = writeln!(
                    out,
                    "<p class=\"fix\"><span class=\"label\">Fix:</span> {}</p>",
                    escape(&fix_text(fix))
                );
            }
        }
        out.push_str("</li>\n");
    }

    /// The draft's words a passage is compared with: a contradiction's whole sentence (the
    /// finding is one word of it), otherwise the marked words.
    fn compared_words(&self, note: &Note) -> Span {
        let sentence = match note.item {
            Item::Finding(f) if f.code == Code::Contradiction => {
                let i = self.sentences.partition_point(|s| s.end <= note.span.start);
                self.sentences
                    .get(i)
                    .filter(|s| s.covers(note.span))
                    .copied()
            }
            _ => None,
        };
        sentence.unwrap_or(note.span)
    }
}

fn start_tag(out: &mut String, tag: &Tag, in_head: &mut bool, link_depth: &mut usize) {
    match tag {
        Tag::Paragraph => out.push_str("<p>"),
        Tag::Heading { level, .. } => {
            let _ = write!(out, "<h{}>", shifted(*level));
        }
        Tag::BlockQuote(_) => out.push_str("<blockquote>\n"),
        Tag::CodeBlock(_) => out.push_str("<pre><code>"),
        Tag::HtmlBlock => out.push_str("<div class=\"html-block\">"),
        Tag::List(Some(first)) => {
            let _ = writeln!(out, "<ol start=\"{first}\">");
        }
        Tag::List(None) => out.push_str("<ul>\n"),
        Tag::Item => out.push_str("<li>"),
        Tag::FootnoteDefinition(label) => {
            let _ = write!(
                out,
                "<div class=\"footnote\"><sup class=\"fn\">[{}]</sup> ",
                escape(label)
            );
        }
        Tag::Table(_) => out.push_str("<table>\n"),
        Tag::TableHead => {
            *in_head = true;
            out.push_str("<thead><tr>");
        }
        Tag::TableRow => out.push_str("<tr>"),
        Tag::TableCell => out.push_str(if *in_head { "<th>" } else { "<td>" }),
        Tag::Emphasis => out.push_str("<em>"),
        Tag::Strong => out.push_str("<strong>"),
        Tag::Strikethrough => out.push_str("<s>"),
        Tag::Link { dest_url, .. } => {
            *link_depth += 1;
            if safe_link(dest_url) {
                let _ = write!(
                    out,
                    "<a href=\"{}\" rel=\"noopener noreferrer\">",
                    escape(dest_url)
                );
            } else {
                let _ = write!(out, "<a class=\"inert\" title=\"{}\">", escape(dest_url));
            }
        }
        Tag::Image { dest_url, .. } => {
            let _ = write!(
                out,
                "<span class=\"image\" title=\"{}\">[image: ",
                escape(dest_url)
            );
        }
        Tag::MetadataBlock(_) => out.push_str("<pre class=\"front-matter\"><code>"),
        _ => out.push_str("<span>"),
    }
}

fn end_tag(out: &mut String, tag: TagEnd, in_head: &mut bool) {
    match tag {
        TagEnd::Paragraph => out.push_str("</p>\n"),
        TagEnd::Heading(level) => {
            let _ = writeln!(out, "</h{}>", shifted(level));
        }
        TagEnd::BlockQuote(_) => out.push_str("</blockquote>\n"),
        TagEnd::CodeBlock => out.push_str("</code></pre>\n"),
        TagEnd::HtmlBlock => out.push_str("</div>\n"),
        TagEnd::List(true) => out.push_str("</ol>\n"),
        TagEnd::List(false) => out.push_str("</ul>\n"),
        TagEnd::Item => out.push_str("</li>\n"),
        TagEnd::FootnoteDefinition => out.push_str("</div>\n"),
        TagEnd::Table => out.push_str("</tbody></table>\n"),
        TagEnd::TableHead => {
            *in_head = false;
            out.push_str("</tr></thead><tbody>\n");
        }
        TagEnd::TableRow => out.push_str("</tr>\n"),
        TagEnd::TableCell => out.push_str(if *in_head { "</th>" } else { "</td>" }),
        TagEnd::Emphasis => out.push_str("</em>"),
        TagEnd::Strong => out.push_str("</strong>"),
        TagEnd::Strikethrough => out.push_str("</s>"),
        TagEnd::Link => out.push_str("</a>"),
        TagEnd::Image => out.push_str("]</span>"),
        TagEnd::MetadataBlock(_) => out.push_str("</code></pre>\n"),
        _ => out.push_str("</span>"),
    }
}

/// A draft's heading level on the page, under the draft's own `h2`.
fn shifted(level: HeadingLevel) -> usize {
    (level as usize + 2).min(6)
}

/// Links the page keeps as links: to the web and to mail. Anything else (`javascript:`,
/// `data:`, relative paths that would resolve next to the report) shows as text.
fn safe_link(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

/// A run of rendered text and where it lies in the draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    span: Span,
    /// The text is the draft's bytes at `span`, so marks can be cut at any byte of it;
    /// otherwise it stands for them (an entity, an escape), and a mark takes it whole.
    exact: bool,
}

/// The run of a text-bearing event: text, code spans and HTML (shown as text).
fn run_of(text: &str, event: &Event, range: &std::ops::Range<usize>) -> Option<Run> {
    let whole = Span::from(range.clone());
    match event {
        Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => Some(Run {
            span: whole,
            exact: text.get(range.clone()) == Some(&**t),
        }),
        // The range holds the backticks; the code is inside, unless its line breaks became
        // spaces.
        Event::Code(code) => Some(
            match text.get(range.clone()).and_then(|s| s.find(&**code)) {
                Some(at) if !code.is_empty() => Run {
                    span: Span::new(range.start + at, range.start + at + code.len()),
                    exact: true,
                },
                _ => Run {
                    span: whole,
                    exact: false,
                },
            },
        ),
        _ => None,
    }
}

/// Writes runs of a draft with the notes' marks: findings underlined (nested where they
/// overlap), and each note's number after its last run.
struct Marker<'n, 'a> {
    notes: &'n [Note<'a>],
    /// For each note, the run its number follows, if any run holds its words.
    last_run: Vec<Option<usize>>,
    /// Whether each note's number has been written.
    placed: Vec<bool>,
    /// Notes by where they start, and how far the sweep has taken them.
    by_start: Vec<usize>,
    next: usize,
    /// Notes that may overlap the current run.
    active: Vec<usize>,
    /// Inside a link: numbers wait here for its end (no link inside a link).
    in_link: bool,
    waiting: String,
}

impl<'n, 'a> Marker<'n, 'a> {
    fn new(notes: &'n [Note<'a>]) -> Self {
        let mut by_start: Vec<usize> = (0..notes.len()).collect();
        by_start.sort_by_key(|&i| notes[i].span.start);
        Marker {
            notes,
            last_run: vec![None; notes.len()],
            placed: vec![false; notes.len()],
            by_start,
            next: 0,
            active: Vec::new(),
            in_link: false,
            waiting: String::new(),
        }
    }

    /// Finds each note's last run, from the runs in the draft's order.
    fn place(&mut self, runs: &[Run]) {
        for (i, note) in self.notes.iter().enumerate() {
            let after = runs.partition_point(|r| r.span.start < note.span.end);
            self.last_run[i] = after
                .checked_sub(1)
                .filter(|&k| runs[k].span.overlaps(note.span));
        }
    }

    /// Writes run `k`, whose rendered text is `shown`.
    fn write_run(&mut self, out: &mut String, shown: &str, run: &Run, k: usize) {
        // The notes that can reach this run: started before its end, not ended before its start.
        while self.next < self.by_start.len()
            && self.notes[self.by_start[self.next]].span.start < run.span.end
        {
            self.active.push(self.by_start[self.next]);
            self.next += 1;
        }
        let notes = self.notes;
        self.active.retain(|&i| notes[i].span.end > run.span.start);
        // Each overlapping note's piece of `shown`, in bytes of `shown`.
        let mut pieces: Vec<(usize, usize, usize)> = Vec::new();
        for &i in &self.active {
            let span = notes[i].span;
            if !span.overlaps(run.span) {
                continue;
            }
            let cut = (
                span.start.max(run.span.start) - run.span.start,
                span.end.min(run.span.end) - run.span.start,
            );
            let (a, b) =
                if run.exact && shown.is_char_boundary(cut.0) && shown.is_char_boundary(cut.1) {
                    cut
                } else {
                    (0, shown.len())
                };
            pieces.push((i, a, b));
        }
        pieces.sort_by_key(|&(i, _, _)| i);
        let mut cuts: Vec<usize> = vec![0, shown.len()];
        cuts.extend(pieces.iter().flat_map(|&(_, a, b)| [a, b]));
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let covering: Vec<&Note> = pieces
                .iter()
                .filter(|&&(i, pa, pb)| {
                    pa <= a && b <= pb && matches!(notes[i].item, Item::Finding(_))
                })
                .map(|&(i, _, _)| &notes[i])
                .collect();
            for note in &covering {
                let _ = write!(
                    out,
                    "<mark class=\"finding {}\" data-note=\"{}\" {}>",
                    note.classes(),
                    note.ref_id(),
                    note.data()
                );
            }
            out.push_str(&escape(&shown[a..b]));
            for _ in &covering {
                out.push_str("</mark>");
            }
            for &(i, _, pb) in &pieces {
                if pb == b {
                    self.write_ref_if_last(out, i, k);
                }
            }
        }
        // An empty run (an empty code span) still carries its numbers.
        for &(i, _, _) in &pieces {
            self.write_ref_if_last(out, i, k);
        }
    }

    fn write_ref_if_last(&mut self, out: &mut String, i: usize, k: usize) {
        if self.placed[i] || self.last_run[i] != Some(k) {
            return;
        }
        self.placed[i] = true;
        if self.in_link {
            self.notes[i].write_ref(&mut self.waiting);
        } else {
            self.notes[i].write_ref(out);
        }
    }
}

/// How a word of a passage or of the draft is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    /// The same word on both sides.
    Same,
    /// The draft's word where the source has another.
    DraftDiffers,
    /// The source's word where the draft has another.
    SourceDiffers,
}

impl Mark {
    fn tags(self) -> (&'static str, &'static str) {
        match self {
            Mark::Same => ("<mark class=\"same\">", "</mark>"),
            Mark::DraftDiffers => ("<del>", "</del>"),
            Mark::SourceDiffers => ("<ins>", "</ins>"),
        }
    }
}

/// `text` escaped, with `marks` (in order, not overlapping, on character boundaries) wrapped
/// in their tags. A mark that does not fit is left out.
fn write_marked(out: &mut String, text: &str, marks: &[(Span, Mark)]) {
    let mut at = 0;
    for &(span, mark) in marks {
        if span.start < at || !span.fits(text) {
            continue;
        }
        out.push_str(&escape(&text[at..span.start]));
        let (open, close) = mark.tags();
        out.push_str(open);
        out.push_str(&escape(span.slice(text)));
        out.push_str(close);
        at = span.end;
    }
    out.push_str(&escape(&text[at..]));
}

/// A word diff of the draft's words and a source's: the words they share (a longest common
/// sequence), and the words that differ: every unshared word between two shared ones, and at
/// either end as many as both sides have there (a word replaced at the end of a quotation),
/// the rest of a longer source sentence being context.
#[derive(Debug, PartialEq, Eq)]
struct WordDiff {
    draft: Vec<(Span, Mark)>,
    source: Vec<(Span, Mark)>,
}

impl WordDiff {
    /// `None` when the sides share no word or are too long to compare.
    fn of(draft: &str, source: &str) -> Option<WordDiff> {
        let (a, b) = (words(draft), words(source));
        if a.len() > MAX_DIFF_WORDS || b.len() > MAX_DIFF_WORDS {
            return None;
        }
        let pairs = anchored(common(&a, &b));
        let (&(first_a, first_b), &(last_a, last_b)) = (pairs.first()?, pairs.last()?);
        let mut diff = WordDiff {
            draft: Vec::new(),
            source: Vec::new(),
        };
        // Before the first shared word: the words nearest it, as many as both sides have.
        let before = first_a.min(first_b);
        diff.differ(&a[first_a - before..first_a], &b[first_b - before..first_b]);
        for (k, &(i, j)) in pairs.iter().enumerate() {
            diff.source.push((b[j].span, Mark::Same));
            if let Some(&(next_i, next_j)) = pairs.get(k + 1) {
                diff.differ(&a[i + 1..next_i], &b[j + 1..next_j]);
            }
        }
        let after = (a.len() - last_a - 1).min(b.len() - last_b - 1);
        diff.differ(
            &a[last_a + 1..last_a + 1 + after],
            &b[last_b + 1..last_b + 1 + after],
        );
        diff.source.sort_by_key(|(span, _)| span.start);
        Some(diff)
    }

    fn differ(&mut self, draft: &[Word], source: &[Word]) {
        let draft = draft.iter().map(|w| (w.span, Mark::DraftDiffers));
        self.draft.extend(draft);
        let source = source.iter().map(|w| (w.span, Mark::SourceDiffers));
        self.source.extend(source);
    }
}

/// The shared words without those at either end that lie far from the rest: a “the” of the
/// draft's last words matched with one far on in a long source sentence would mark all the
/// words between as differing.
fn anchored(mut pairs: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let far = |x: (usize, usize), y: (usize, usize)| {
        y.0 - x.0 - 1 > MAX_DIFF_GAP || y.1 - x.1 - 1 > MAX_DIFF_GAP
    };
    while pairs.len() > 1 && far(pairs[pairs.len() - 2], pairs[pairs.len() - 1]) {
        pairs.pop();
    }
    let first_near = (0..pairs.len().saturating_sub(1))
        .find(|&k| !far(pairs[k], pairs[k + 1]))
        .unwrap_or(pairs.len().saturating_sub(1));
    pairs.drain(..first_near);
    pairs
}

/// A word of a text and how it compares: lowercase, one kind of apostrophe.
struct Word {
    span: Span,
    key: String,
}

/// The words of `text`: runs of letters and digits, with apostrophes, hyphens, points and
/// commas inside them (“don’t”, “long-time”, “1,200”, “3.5”).
fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (n, &(i, c)) in chars.iter().enumerate() {
        let joins = matches!(c, '\'' | '’' | '-' | '.' | ',')
            && start.is_some()
            && chars
                .get(n + 1)
                .is_some_and(|&(_, next)| next.is_alphanumeric());
        if c.is_alphanumeric() || joins {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(word(text, s, i));
        }
    }
    if let Some(s) = start {
        out.push(word(text, s, text.len()));
    }
    out
}

fn word(text: &str, start: usize, end: usize) -> Word {
    let span = Span::new(start, end);
    Word {
        span,
        key: span.slice(text).to_lowercase().replace('’', "'"),
    }
}

/// The pairs of indices of one longest common subsequence of `a` and `b`, in order.
fn common(a: &[Word], b: &[Word]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
    let mut lcs = vec![0u16; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if a[i].key == b[j].key {
                lcs[at(i + 1, j + 1)] + 1
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i].key == b[j].key {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if lcs[at(i + 1, j)] >= lcs[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

#[cfg(test)]
mod tests;
