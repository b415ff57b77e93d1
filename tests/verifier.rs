//! The verifier's stories: each draft in `tests/fixtures/verifier/` is checked against the demo
//! corpus (`seeds/`), and what the checker finds in it (findings with their evidence and fix,
//! then the cited phrases) is asserted whole against a snapshot in `tests/snapshots/`.
//!
//! The fact desk's stories (`tests/fixtures/desk/`) are checked the same way against their own
//! small corpus (`tests/fixtures/desk/sources/`): a tribunal report and a union's account that
//! disagree on two points, for the unsupported and contested findings. The roles stories
//! (`tests/fixtures/roles/`) have a port's office holders and decisions as their corpus, for
//! contradictions of who holds an office and who did what.
//!
//! The comment at the top of each fixture says what the draft gets right or wrong. To add a
//! story, add a fixture and run `INSTA_UPDATE=always cargo test --test verifier`, then read
//! the new snapshot before committing it.

use std::fmt::Write;
use std::path::Path;
use std::sync::{Arc, LazyLock};

use factcheck::{CheckOptions, Checker, Corpus, Format, Index, Report};

static CHECKER: LazyLock<Checker> = LazyLock::new(|| checker("seeds"));

static DESK: LazyLock<Checker> = LazyLock::new(|| checker("tests/fixtures/desk/sources"));

static ROLES: LazyLock<Checker> = LazyLock::new(|| checker("tests/fixtures/roles/sources"));

fn checker(corpus: &str) -> Checker {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(corpus);
    let corpus = Corpus::load(&[path], &mut |_| {}).expect("the corpus loads");
    Checker::new(Arc::new(Index::build(corpus)))
}

/// The report as a reader would go through it: each finding with its words, message, sources
/// and fix, then each cited phrase with the sources that state it.
fn render(draft: &str, report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let _ = writeln!(
            out,
            "{} {} “{}”\n  {}",
            f.severity.as_str(),
            f.code.as_str(),
            f.span.slice(draft),
            f.message
        );
        for e in &f.evidence {
            let _ = writeln!(
                out,
                "  source {}:{}: “{}”",
                source_name(&e.source),
                e.line,
                e.quote
            );
        }
        for fix in &f.fixes {
            let _ = writeln!(
                out,
                "  fix “{}” -> “{}”",
                fix.span.slice(draft),
                fix.replacement
            );
        }
    }
    if report.findings.is_empty() {
        out.push_str("no findings\n");
    }
    for c in &report.citations {
        let mut sources: Vec<String> = c
            .sources
            .iter()
            .map(|e| format!("{}:{}", source_name(&e.source), e.line))
            .collect();
        sources.dedup();
        let _ = writeln!(
            out,
            "cited “{}” ({})",
            c.span.slice(draft),
            sources.join(", ")
        );
    }
    out
}

/// A source's file name, the same whatever folder the test runs from.
fn source_name(source: &str) -> &str {
    source.rsplit(['/', '\\']).next().unwrap_or(source)
}

fn story(name: &str) {
    checked(&CHECKER, "verifier", name);
}

fn desk_story(name: &str) {
    checked(&DESK, "desk", name);
}

fn roles_story(name: &str) {
    checked(&ROLES, "roles", name);
}

/// Checks `tests/fixtures/<folder>/<name>.md` and asserts the report against its snapshot.
fn checked(checker: &Checker, folder: &str, name: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(folder)
        .join(format!("{name}.md"));
    let draft = std::fs::read_to_string(&path).expect("the fixture is readable");
    let options = CheckOptions {
        format: Format::Markdown,
        ..CheckOptions::default()
    };
    let report = checker.check(&draft, &options);
    insta::assert_snapshot!(name, render(&draft, &report));
}

#[test]
fn headline_china_preferred_trump() {
    story("headline_china_preferred_trump");
}

/// A source that shares only the draft's name, or states what was preferred of the name
/// ("prefer Trump lose"), does not agree with the draft.
#[test]
fn headline_with_the_full_name() {
    story("headline_with_the_full_name");
}

#[test]
fn reported_claims_are_compared_as_claims() {
    story("reported_claims_are_compared_as_claims");
}

#[test]
fn capital_for_country_is_the_same_name() {
    story("capital_for_country_is_the_same_name");
}

#[test]
fn wrong_count() {
    story("wrong_count");
}

#[test]
fn bound_excludes_the_source_figure() {
    story("bound_excludes_the_source_figure");
}

#[test]
fn wrong_weekday() {
    story("wrong_weekday");
}

#[test]
fn negation_flip() {
    story("negation_flip");
}

#[test]
fn misquote_word_changed() {
    story("misquote_word_changed");
}

#[test]
fn unsourced_quote() {
    story("unsourced_quote");
}

#[test]
fn wrong_speaker() {
    story("wrong_speaker");
}

#[test]
fn quotation_given_to_the_wrong_person() {
    story("quotation_given_to_the_wrong_person");
}

#[test]
fn quotation_speaker_by_another_form_of_the_name() {
    story("quotation_speaker_by_another_form_of_the_name");
}

#[test]
fn the_report_said_speakers() {
    story("the_report_said_speakers");
}

#[test]
fn two_word_quotations() {
    story("two_word_quotations");
}

#[test]
fn normalisation_never_warns() {
    story("normalisation_never_warns");
}

#[test]
fn ellipsis_and_brackets_honoured() {
    story("ellipsis_and_brackets_honoured");
}

#[test]
fn true_sentences_are_quiet() {
    story("true_sentences_are_quiet");
}

#[test]
fn code_and_links_are_not_prose() {
    story("code_and_links_are_not_prose");
}

#[test]
fn ignore_directive() {
    story("ignore_directive");
}

#[test]
fn unsupported_specifics() {
    desk_story("unsupported_specifics");
}

#[test]
fn sourced_specifics_are_quiet() {
    desk_story("sourced_specifics_are_quiet");
}

#[test]
fn contested_points() {
    desk_story("contested_points");
}

#[test]
fn attributed_sides_are_not_contested() {
    desk_story("attributed_sides_are_not_contested");
}

/// Every fixture has its test above, so none is silently skipped.
#[test]
fn every_fixture_is_a_story() {
    let source = include_str!("verifier.rs");
    for (folder, call) in [
        ("verifier", "story"),
        ("desk", "desk_story"),
        ("roles", "roles_story"),
    ] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(folder);
        for entry in std::fs::read_dir(dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            let Some(name) = name.strip_suffix(".md") else {
                continue;
            };
            assert!(
                source.contains(&format!("{call}(\"{name}\")")),
                "no test runs the fixture {folder}/{name}.md"
            );
        }
    }
}

#[test]
fn wrong_office_holder_and_doer() {
    roles_story("wrong_office_holder_and_doer");
}

#[test]
fn same_roles_in_other_words() {
    roles_story("same_roles_in_other_words");
}

#[test]
fn dates_date_their_own_event() {
    roles_story("dates_date_their_own_event");
}

#[test]
fn opposite_words() {
    roles_story("opposite_words");
}

#[test]
fn a_name_swapped_for_another() {
    roles_story("a_name_swapped_for_another");
}

#[test]
fn a_quotation_given_to_another() {
    roles_story("a_quotation_given_to_another");
}

#[test]
fn cited_in_another_order() {
    roles_story("cited_in_another_order");
}

/// A count whose number no source gives is a warning; a count of two, a position and a
/// paraphrased figure are not.
#[test]
fn a_number_from_nowhere() {
    roles_story("a_number_from_nowhere");
}

/// A bound just past the figure a source gives is that figure bounded, found and compared
/// though the sentences share no word but what is counted.
#[test]
fn a_bound_just_past_the_figure() {
    roles_story("a_bound_just_past_the_figure");
}

/// A count found and compared past an adjective between the number and what it counts.
#[test]
fn a_count_past_a_describing_word() {
    roles_story("a_count_past_a_describing_word");
}

/// A year is compared exactly, with the year the source gives the draft's deed.
#[test]
fn a_year_is_exact() {
    roles_story("a_year_is_exact");
}

/// A source clause about "it" may be about what the draft names.
#[test]
fn a_source_about_it() {
    roles_story("a_source_about_it");
}

/// A day of a month, bounded or not, against the source's day of the same month.
#[test]
fn a_day_of_a_month() {
    roles_story("a_day_of_a_month");
}

/// A bound on a year the source gives the same deed: one verb dates both, so the bound is
/// compared with the year.
#[test]
fn a_bound_on_a_date() {
    roles_story("a_bound_on_a_date");
}

/// A source sentence of several sums: each is compared with the draft's sum that stands
/// in the same place, between the same words.
#[test]
fn each_sum_in_its_place() {
    roles_story("each_sum_in_its_place");
}

/// Names in one list share its role: a draft that names one of them states what the source
/// states; a name the list does not give is a swap.
#[test]
fn one_of_a_list() {
    roles_story("one_of_a_list");
}

/// A name and its initials are one name.
#[test]
fn a_name_by_its_initials() {
    roles_story("a_name_by_its_initials");
}

/// "Not allowed, except the staff on duty" allows the staff.
#[test]
fn a_denial_with_an_exception() {
    roles_story("a_denial_with_an_exception");
}

/// A source sentence glued to the next at a figure ("£979,603.The") is two sentences.
#[test]
fn sentences_glued_at_a_figure() {
    roles_story("sentences_glued_at_a_figure");
}

/// Lists paired by "respectively" are not compared item by item.
#[test]
fn lists_paired_in_order() {
    roles_story("lists_paired_in_order");
}

/// A name that says which thing ("the Tay ferry") is not the doer of its clause, and is not
/// set against the draft's doer; a name in the same place as the source's still is.
#[test]
fn a_name_in_another_part() {
    roles_story("a_name_in_another_part");
}

/// A bound on a date against the date a source gives the same deed, each read as the days
/// it names ("before March 2025" against "On 30 September 2025").
#[test]
fn a_bound_on_a_whole_date() {
    roles_story("a_bound_on_a_whole_date");
}
