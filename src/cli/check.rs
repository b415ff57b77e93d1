//! `factcheck check`: find the drafts, load the corpus, check, render, and exit with the
//! status the contract fixes (0 clean, 1 findings, 2 trouble).

use std::any::Any;
use std::borrow::Cow;
use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, PanicHookInfo};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use clap::{Args, ValueEnum};
use factcheck::config::{self, Config, LoadedConfig};
use factcheck::report::human::LeftOut;
use factcheck::report::plural;
use factcheck::report::CheckedFile;
use factcheck::text::LineIndex;
use factcheck::{CheckOptions, Checker, Format, Report, Severity};

use factcheck::report::visible::visible;

use super::drafts::{self, DraftFile, Found, Input};
use super::output::{self, ColourChoice, Listing, OutputFormat, Summary};
use super::{corpus, fix, Outcome};

#[derive(Args)]
pub struct CheckArgs {
    /// Draft files or folders (folders are walked for .md, .markdown and .txt files, or the
    /// extensions in factcheck.toml), or `-` for one draft read from standard input.
    /// Default: the current folder.
    #[arg(value_name = "PATHS")]
    paths: Vec<PathBuf>,

    /// The path that stands for the draft read from standard input (`-`): how reports name
    /// it, what `[[ignore]] path` rules match, and Markdown or plain text by its extension.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,

    /// A source file or folder (repeatable). Wins over factcheck.toml's [corpus] paths.
    #[arg(long, value_name = "PATH")]
    corpus: Vec<PathBuf>,

    /// The configuration file. Default: the first factcheck.toml found walking up from the
    /// drafts' folder (the current folder for standard input without a name).
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,

    /// How to report findings.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,

    /// The least severe finding that makes the exit status 1.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,

    /// Colour in the human format.
    #[arg(long, value_enum, default_value_t = ColourChoice::Auto, alias = "colour")]
    color: ColourChoice,

    /// Write the report to this file instead of stdout (any format).
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Findings only: no summary line and no progress bar (problems still go to stderr).
    #[arg(long, short)]
    quiet: bool,

    /// Count findings by code and severity instead of listing them (human format only).
    #[arg(long)]
    statistics: bool,

    /// Print the fixes that put the sources' words in place of a misquote or a contradicted
    /// value, as a unified diff, instead of the report. Changes no file.
    #[arg(long, conflicts_with_all = ["fix", "statistics"])]
    diff: bool,

    /// Apply those fixes to the draft files in place, then report what is left.
    #[arg(long)]
    fix: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Information,
    /// Exit 0 whatever is found (errors reading drafts or the corpus still exit 2).
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Information => Some(Severity::Information),
            FailOn::Never => None,
        }
    }
}

/// A draft read and ready to check.
struct Draft {
    file: DraftFile,
    text: String,
    options: CheckOptions,
}

pub fn run(args: CheckArgs) -> Outcome {
    if let Err(usage) = usage(&args) {
        super::error(usage);
        return Outcome::Trouble;
    }
    let cwd = match std::env::current_dir() {
        Ok(d) => d,
        Err(e) => {
            super::error(format!("cannot read the current folder: {e}"));
            return Outcome::Trouble;
        }
    };
    let named = match drafts_named(&args) {
        Ok(named) => named,
        Err(usage) => {
            super::error(usage);
            return Outcome::Trouble;
        }
    };
    let loaded = match load_config(args.config.as_deref(), &named, &cwd) {
        Ok(c) => c,
        Err(message) => {
            super::error(message);
            return Outcome::Trouble;
        }
    };
    let default_config = Config::default();
    let config = loaded.as_ref().map_or(&default_config, |l| &l.config);

    let corpus_paths = match corpus::paths(&args.corpus, loaded.as_ref(), &cwd) {
        Ok(p) => p,
        Err(e) => {
            super::error(e);
            return Outcome::Trouble;
        }
    };
    let found = match named {
        Named::Stdin(draft) => Found {
            drafts: vec![draft],
            errors: 0,
        },
        Named::Paths(named) => drafts::find(&named, config, &corpus_paths),
    };
    let mut left_out = LeftOut {
        unreadable: found.errors,
        failed: 0,
    };

    let index = match corpus::load(&corpus_paths, args.quiet) {
        Ok(i) => i,
        Err(e) => {
            super::error(e);
            return Outcome::Trouble;
        }
    };

    let mut ready = Vec::with_capacity(found.drafts.len());
    for file in found.drafts {
        match file.read() {
            Ok(text) => {
                // Standard input without a name is plain text, as a file without an
                // extension is.
                let format = file.path().map_or(Format::PlainText, Format::from_path);
                let options = match &loaded {
                    Some(l) => l.to_check_options(format, file.path()),
                    None => config.to_check_options(format, file.path().map(|_| &*file.shown)),
                };
                ready.push(Draft {
                    file,
                    text,
                    options,
                });
            }
            Err(problem) => {
                super::error(format!("{}: {problem}", file.shown));
                left_out.unreadable += 1;
            }
        }
    }

    let checker = Checker::new(index);
    let checked = check_drafts(&ready, |d| checker.check(&d.text, &d.options));
    let mut checked_drafts = Vec::with_capacity(checked.len());
    for (draft, result) in checked {
        match result {
            Ok(report) => checked_drafts.push(Checked {
                draft,
                text: Cow::Borrowed(&draft.text),
                report,
            }),
            Err(panicked) => {
                super::error(format!("{}: {panicked}", draft.file.shown));
                left_out.failed += 1;
            }
        }
    }

    let mut not_written = 0;
    if args.diff {
        let diffs: String = checked_drafts
            .iter()
            .map(|c| {
                fix::diff(
                    &c.draft.file.shown,
                    &c.text,
                    &fix::apply(&c.text, &fix::plan(&c.report)),
                )
            })
            .collect();
        if let Err(e) = output::write_stdout(&diffs) {
            super::error(format!("cannot write the diff: {e}"));
            return Outcome::Trouble;
        }
    } else if args.fix {
        let fixed = fix_drafts(&mut checked_drafts, &checker, args.quiet);
        left_out.failed += fixed.failed;
        not_written = fixed.not_written;
    }

    let lines: Vec<LineIndex> = checked_drafts
        .iter()
        .map(|c| LineIndex::new(&c.text))
        .collect();
    let files: Vec<CheckedFile> = checked_drafts
        .iter()
        .zip(&lines)
        .map(|(c, lines)| CheckedFile {
            path: &c.draft.file.shown,
            text: &c.text,
            format: c.draft.options.format,
            lines,
            report: &c.report,
        })
        .collect();
    for file in &files {
        // Not findings, and not on stdout: a machine-readable report stays the contract's.
        for limit in &file.report.limits {
            let at = file.line_col(limit.span.start);
            super::warning(format!("{}:{}:{}: {limit}", file.path, at.line, at.column));
        }
    }

    let outcome = outcome(
        left_out,
        checked_drafts.iter().map(|c| &c.report),
        args.fail_on,
    );
    if not_written > 0 {
        return Outcome::Trouble;
    }
    if args.diff {
        return outcome;
    }
    let text = output::render(
        args.format,
        &files,
        &config.severities,
        left_out,
        (
            if args.statistics {
                Listing::Statistics
            } else {
                Listing::Findings
            },
            if args.quiet {
                Summary::Left
            } else {
                Summary::Shown
            },
        ),
    );
    // Colour is the human format's only: the others are written as rendered.
    let colour = (args.format == OutputFormat::Human).then_some(args.color);
    if let Err(message) = output::write(&text, args.output.as_deref(), colour) {
        super::error(message);
        return Outcome::Trouble;
    }
    outcome
}

/// Combinations of options that make no sense, said before any work is done.
fn usage(args: &CheckArgs) -> Result<(), &'static str> {
    if args.statistics && args.format != OutputFormat::Human {
        return Err(
            "--statistics counts findings in the human format; the other formats list every \
             finding with its code and severity, to count as you need",
        );
    }
    if args.diff && args.format != OutputFormat::Human {
        return Err("--diff prints a diff instead of the report: leave out --format");
    }
    if args.fix && args.paths.iter().any(|p| p == Path::new("-")) {
        return Err(
            "--fix rewrites draft files, and standard input is none: use --diff to see the \
             fixes",
        );
    }
    Ok(())
}

/// A draft checked: its text (as read, or as `--fix` rewrote it) and its report.
struct Checked<'d> {
    draft: &'d Draft,
    text: Cow<'d, str>,
    report: Report,
}

/// What `--fix` could not do.
struct FixTrouble {
    /// Drafts rewritten whose check then failed (a bug): left out of the report.
    failed: usize,
    /// Drafts that could not be written.
    not_written: usize,
}

/// `--fix`: writes each draft with fixes, then checks the rewritten drafts again so that the
/// report tells what is left, with spans into the text as it now is.
fn fix_drafts(checked: &mut Vec<Checked>, checker: &Checker, quiet: bool) -> FixTrouble {
    let mut trouble = FixTrouble {
        failed: 0,
        not_written: 0,
    };
    let mut rewritten = Vec::new();
    for (i, c) in checked.iter().enumerate() {
        let plan = fix::plan(&c.report);
        if plan.edits.is_empty() {
            continue;
        }
        let Input::File(path) = &c.draft.file.input else {
            continue; // Refused before the check: see `usage`.
        };
        let new = fix::apply(&c.text, &plan);
        match fix::write(path, &c.text, &new) {
            Ok(()) => {
                if !quiet {
                    let left = match plan.overlapping {
                        0 => String::new(),
                        n => format!(" ({n} overlapping left for the next run)"),
                    };
                    eprintln!(
                        "fixed {} in {}{left}",
                        plural(plan.edits.len(), "finding", "findings"),
                        visible(&c.draft.file.shown)
                    );
                }
                rewritten.push((i, new));
            }
            Err(problem) => {
                super::error(format!("{}: {problem}", c.draft.file.shown));
                trouble.not_written += 1;
            }
        }
    }
    let rechecked = check_drafts(&rewritten, |(i, new)| {
        checker.check(new, &checked[*i].draft.options)
    });
    let mut dropped = Vec::new();
    let updates: Vec<(usize, String, Result<Report, Panicked>)> = rechecked
        .into_iter()
        .map(|((i, new), result)| (*i, new.clone(), result))
        .collect();
    for (i, new, result) in updates {
        match result {
            Ok(report) => {
                checked[i].text = Cow::Owned(new);
                checked[i].report = report;
            }
            Err(panicked) => {
                super::error(format!("{}: {panicked}", checked[i].draft.file.shown));
                trouble.failed += 1;
                dropped.push(i);
            }
        }
    }
    for i in dropped.into_iter().rev() {
        checked.remove(i);
    }
    trouble
}

/// What the paths on the command line name.
enum Named {
    /// `-`: one draft on standard input.
    Stdin(DraftFile),
    /// Files and folders (the current folder when none is named).
    Paths(Vec<PathBuf>),
}

/// The drafts the command line names, or why the combination makes no sense.
fn drafts_named(args: &CheckArgs) -> Result<Named, String> {
    let stdin = Path::new("-");
    let reads_stdin = args.paths.iter().any(|p| p == stdin);
    match (reads_stdin, &args.stdin_filename) {
        (true, _) if args.paths.len() > 1 => Err(
            "`-` reads one draft from standard input and cannot be combined with other paths"
                .to_string(),
        ),
        (true, name) => Ok(Named::Stdin(DraftFile::stdin(name.clone()))),
        (false, Some(_)) => Err(
            "--stdin-filename names the draft read from standard input: add `-` to read it"
                .to_string(),
        ),
        (false, None) if args.paths.is_empty() => Ok(Named::Paths(vec![PathBuf::from(".")])),
        (false, None) => Ok(Named::Paths(args.paths.clone())),
    }
}

/// The exit status: a draft left out (not read, or its check failed) is trouble, which wins;
/// then findings at or above `fail_on`.
fn outcome<'r>(
    left_out: LeftOut,
    reports: impl IntoIterator<Item = &'r Report>,
    fail_on: FailOn,
) -> Outcome {
    if left_out != LeftOut::default() {
        return Outcome::Trouble;
    }
    let failing = fail_on.threshold().is_some_and(|threshold| {
        reports
            .into_iter()
            .filter_map(Report::worst)
            .any(|worst| worst.at_least(threshold))
    });
    if failing {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

/// `--config PATH`, or the factcheck.toml that governs the drafts named
/// ([`config::governing`]): the first found walking up from each named path's folder (from
/// the current folder for standard input without a name), which must be one and the same.
fn load_config(
    flag: Option<&Path>,
    named: &Named,
    cwd: &Path,
) -> Result<Option<LoadedConfig>, String> {
    if let Some(path) = flag {
        return Config::load(path).map(Some).map_err(|e| e.to_string());
    }
    let folders: Vec<PathBuf> = match named {
        Named::Stdin(draft) => {
            vec![cwd.join(draft.path().and_then(Path::parent).unwrap_or(Path::new("")))]
        }
        Named::Paths(paths) => paths
            .iter()
            .map(|p| {
                let p = cwd.join(p);
                match p.parent() {
                    Some(parent) if !p.is_dir() => parent.to_path_buf(),
                    _ => p,
                }
            })
            .collect(),
    };
    let mut found: Vec<PathBuf> = Vec::new();
    for toml in folders.iter().filter_map(|f| config::governing(f, None)) {
        if !found.contains(&toml) {
            found.push(toml);
        }
    }
    match found.as_slice() {
        [] => Ok(None),
        [one] => Config::load(one).map(Some).map_err(|e| e.to_string()),
        [first, second, ..] => Err(format!(
            "the drafts named belong to different projects ({} and {}): check each in a run \
             of its own, or name one configuration with --config",
            first.display(),
            second.display()
        )),
    }
}

/// A check that panicked: a bug in factcheck, reported for its draft alone.
#[derive(Debug, PartialEq, Eq)]
struct Panicked {
    /// The panic's message and where it was raised.
    message: String,
}

impl std::fmt::Display for Panicked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "internal error: {} (please report this, with the draft if you can)",
            self.message
        )
    }
}

/// Checks every draft with `check`, spreading them over the machine's cores (`check` is shared
/// by the workers: one checker, so a sentence repeated across drafts is verified once). A check
/// that panics is that draft's [`Panicked`]; the other drafts are still checked, and the
/// results come back in the drafts' order.
fn check_drafts<D: Sync, R: Send>(
    drafts: &[D],
    check: impl Fn(&D) -> R + Sync,
) -> Vec<(&D, Result<R, Panicked>)> {
    let _quiet = QuietPanics::install();
    let check_one = |draft: &D| {
        LAST_PANIC.with(|last| last.borrow_mut().take());
        std::panic::catch_unwind(AssertUnwindSafe(|| check(draft))).map_err(|payload| Panicked {
            message: LAST_PANIC
                .with(|last| last.borrow_mut().take())
                .unwrap_or_else(|| payload_message(payload.as_ref())),
        })
    };
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(drafts.len());
    let results: Vec<Result<R, Panicked>> = if workers <= 1 {
        drafts.iter().map(check_one).collect()
    } else {
        let next = AtomicUsize::new(0);
        let results: Mutex<Vec<Option<Result<R, Panicked>>>> =
            Mutex::new((0..drafts.len()).map(|_| None).collect());
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(draft) = drafts.get(i) else { break };
                    let result = check_one(draft);
                    results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(result);
                });
            }
        });
        results
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_iter()
            .map(|r| r.expect("every draft is taken by a worker, and a check cannot unwind"))
            .collect()
    };
    drafts.iter().zip(results).collect()
}

thread_local! {
    /// The message of the last panic on this thread, recorded by [`QuietPanics`]' hook.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// While alive, a panic hook that records the panic's message and place for the draft's error
/// line instead of printing them (the error line says it once, naming the draft). With
/// `RUST_BACKTRACE` set, the previous hook runs too, for whoever debugs it.
struct QuietPanics {
    previous: Arc<PanicHook>,
}

type PanicHook = Box<dyn Fn(&PanicHookInfo<'_>) + Sync + Send + 'static>;

impl QuietPanics {
    fn install() -> QuietPanics {
        let previous = Arc::new(std::panic::take_hook());
        let chained = Arc::clone(&previous);
        let verbose = std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0");
        std::panic::set_hook(Box::new(move |info| {
            let mut message = payload_message(info.payload());
            if let Some(at) = info.location() {
                message = format!("{message} at {}:{}:{}", at.file(), at.line(), at.column());
            }
            LAST_PANIC.with(|last| *last.borrow_mut() = Some(message));
            if verbose {
                chained(info);
            }
        }));
        QuietPanics { previous }
    }
}

impl Drop for QuietPanics {
    fn drop(&mut self) {
        // `set_hook` may not be called while unwinding: the process would abort. Nothing
        // unwinds out of the checks, but a panic in this module's own code would.
        if std::thread::panicking() {
            return;
        }
        // Back to the hook before: a panic after the checks is not a draft's.
        let previous = Arc::clone(&self.previous);
        std::panic::set_hook(Box::new(move |info| previous(info)));
    }
}

/// A panic's message: panics carry a `&str` or a `String`.
fn payload_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three drafts, the second of which makes the check panic (as an engine bug would).
    #[test]
    fn a_draft_whose_check_panics_is_an_internal_error_and_the_others_are_reported() {
        let drafts = ["first draft", "the draft that panics", "third draft"];
        let checked = check_drafts(&drafts, |text: &&str| {
            assert!(
                !text.contains("panics"),
                "byte index 7 is not a char boundary"
            );
            Report::default()
        });

        let texts: Vec<&str> = checked.iter().map(|(d, _)| **d).collect();
        assert_eq!(texts, drafts, "every draft, in order");
        assert_eq!(checked[0].1, Ok(Report::default()));
        assert_eq!(checked[2].1, Ok(Report::default()));
        let Err(panicked) = &checked[1].1 else {
            panic!("the panic was not caught: {:?}", checked[1].1);
        };
        assert!(
            panicked
                .message
                .starts_with("byte index 7 is not a char boundary at src/cli/check.rs:"),
            "the panic's message and place: {}",
            panicked.message
        );
        assert!(panicked
            .to_string()
            .starts_with("internal error: byte index 7 is not a char boundary at "));

        // The good drafts are clean, but the run is in trouble: exit status 2.
        let reports: Vec<Report> = checked.into_iter().filter_map(|(_, r)| r.ok()).collect();
        assert_eq!(reports.len(), 2);
        let failed = LeftOut {
            unreadable: 0,
            failed: 1,
        };
        assert_eq!(outcome(failed, &reports, FailOn::Never), Outcome::Trouble);
        assert_eq!(
            outcome(LeftOut::default(), &reports, FailOn::Warning),
            Outcome::Clean
        );
    }
}
