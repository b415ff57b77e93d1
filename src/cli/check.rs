//! `factcheck check`: find the drafts, load the corpus, check, render, and exit with the
//! status the contract fixes (0 clean, 1 findings, 2 trouble).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use clap::{Args, ValueEnum};
use factcheck::config::{Config, LoadedConfig};
use factcheck::report::CheckedFile;
use factcheck::text::LineIndex;
use factcheck::{CheckOptions, Checker, Format, Report, Severity};

use super::drafts::{self, DraftFile};
use super::output::{self, ColourChoice, OutputFormat};
use super::{corpus, Outcome};

#[derive(Args)]
pub struct CheckArgs {
    /// Draft files or folders (folders are walked for .md, .markdown and .txt files, or the
    /// extensions in factcheck.toml). Default: the current folder.
    #[arg(value_name = "PATHS")]
    paths: Vec<PathBuf>,

    /// A source file or folder (repeatable). Wins over factcheck.toml's [corpus] paths.
    #[arg(long, value_name = "PATH")]
    corpus: Vec<PathBuf>,

    /// The configuration file. Default: factcheck.toml in the current folder or a parent.
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
    let cwd = match std::env::current_dir() {
        Ok(d) => d,
        Err(e) => {
            super::error(format!("cannot read the current folder: {e}"));
            return Outcome::Trouble;
        }
    };
    let loaded = match load_config(args.config.as_deref(), &cwd) {
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
    let named = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let found = drafts::find(&named, config, &corpus_paths);
    let mut trouble = found.errors;

    let index = match corpus::load(&corpus_paths) {
        Ok(i) => i,
        Err(e) => {
            super::error(e);
            return Outcome::Trouble;
        }
    };

    let mut ready = Vec::with_capacity(found.drafts.len());
    for file in found.drafts {
        match drafts::read(&file.path) {
            Ok(text) => {
                let format = Format::from_path(&file.path);
                let options = match &loaded {
                    Some(l) => l.to_check_options(format, Some(&file.path)),
                    None => config.to_check_options(format, Some(&file.shown)),
                };
                ready.push(Draft {
                    file,
                    text,
                    options,
                });
            }
            Err(problem) => {
                super::error(format!("{}: {problem}", file.shown));
                trouble += 1;
            }
        }
    }

    let checker = Checker::new(index);
    let reports = check_all(&checker, &ready);
    let lines: Vec<LineIndex> = ready.iter().map(|d| LineIndex::new(&d.text)).collect();
    let files: Vec<CheckedFile> = ready
        .iter()
        .zip(&reports)
        .zip(&lines)
        .map(|((d, report), lines)| CheckedFile {
            path: &d.file.shown,
            text: &d.text,
            lines,
            report,
        })
        .collect();
    for file in &files {
        // Not findings, and not on stdout: a machine-readable report stays the contract's.
        for limit in &file.report.limits {
            let at = file.line_col(limit.span.start);
            super::warning(format!("{}:{}:{}: {limit}", file.path, at.line, at.column));
        }
    }

    let text = output::render(
        args.format,
        &files,
        &config.severities,
        trouble,
        args.color.resolve(),
    );
    if let Err(e) = output::write_stdout(&text) {
        super::error(format!("cannot write the report: {e}"));
        return Outcome::Trouble;
    }

    if trouble > 0 {
        return Outcome::Trouble;
    }
    let failing = args.fail_on.threshold().is_some_and(|threshold| {
        reports
            .iter()
            .filter_map(Report::worst)
            .any(|worst| worst.at_least(threshold))
    });
    if failing {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

/// `--config PATH`, or discovery from the current folder up.
fn load_config(flag: Option<&Path>, cwd: &Path) -> Result<Option<LoadedConfig>, String> {
    match flag {
        Some(path) => Config::load(path).map(Some),
        None => Config::discover(cwd),
    }
    .map_err(|e| e.to_string())
}

/// Checks every draft, spreading them over the machine's cores: the checker is shared, so a
/// sentence repeated across drafts is verified once.
fn check_all(checker: &Checker, drafts: &[Draft]) -> Vec<Report> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(drafts.len());
    if workers <= 1 {
        return drafts
            .iter()
            .map(|d| checker.check(&d.text, &d.options))
            .collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Report>>> = Mutex::new(vec![None; drafts.len()]);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(draft) = drafts.get(i) else { break };
                let report = checker.check(&draft.text, &draft.options);
                results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(report);
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect()
}
