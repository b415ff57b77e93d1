//! Which corpus a run uses (`--corpus` wins over `factcheck.toml`), and loading it with
//! warnings and a progress bar on stderr.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use factcheck::config::LoadedConfig;
use factcheck::index::{default_cache_dir, not_kept, CacheUse};
use factcheck::{Corpus, CorpusError, Index};
use indicatif::ProgressDrawTarget;

use super::paths;
use super::progress::Progress;

/// The corpus paths to load, as they will be shown in evidence: the `--corpus` flags as typed,
/// or the configuration's paths relative to the current folder.
pub fn paths(
    flags: &[PathBuf],
    config: Option<&LoadedConfig>,
    cwd: &Path,
) -> Result<Vec<PathBuf>, CorpusError> {
    if !flags.is_empty() {
        return Ok(flags.to_vec());
    }
    match config {
        Some(loaded) if !loaded.config.corpus.is_empty() => Ok(loaded
            .config
            .corpus
            .iter()
            .map(|p| paths::relative_to(p, cwd))
            .collect()),
        _ => Err(CorpusError::NotConfigured),
    }
}

/// Loads and indexes the corpus. Each source that cannot be read becomes a
/// `warning: <path>: <problem>` line; the error is for a corpus with nothing in it. `quiet`
/// (`--quiet`) leaves out the progress bar, warnings still shown.
pub fn load(paths: &[PathBuf], quiet: bool) -> Result<Arc<Index>, CorpusError> {
    let mut progress = Progress::new(if quiet {
        ProgressDrawTarget::hidden()
    } else {
        ProgressDrawTarget::stderr()
    });
    let corpus = Corpus::load(paths, &mut |event| progress.event(event));
    let corpus = match corpus {
        Ok(c) => c,
        Err(e) => {
            progress.finish();
            return Err(e);
        }
    };
    progress.indexing(corpus.documents.len());
    // A large corpus's index is kept between runs (see `factcheck::index::CacheUse`).
    let (index, cache) = Index::build_cached(corpus, default_cache_dir().as_deref());
    progress.finish();
    if let CacheUse::Built(Err(problem)) = cache {
        super::warning(not_kept(&problem));
    }
    Ok(Arc::new(index))
}
