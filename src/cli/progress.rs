//! A progress bar on stderr while a large corpus loads and is indexed (indicatif): only on a
//! terminal (indicatif hides it otherwise, so a log file gets the warnings and nothing else),
//! and only when loading takes long enough to be worth watching.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use factcheck::LoadEvent;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

/// Corpora smaller than this load too fast for a bar to be more than a flicker.
pub const LARGE_CORPUS_BYTES: u64 = 4 * 1024 * 1024;

/// `Loading sources [#######-----------------------]  24%  12/50 files  3.0/12.5 MiB`: the
/// bar and percentage count bytes read (the bar's position and length).
const LOADING: &str = "Loading sources [{bar:30}] {percent:>3}%  {files}  {mebibytes}";

pub struct Progress {
    /// Hidden until the corpus proves large enough.
    bar: ProgressBar,
    /// Where the bar goes then; `None` once it is there.
    target: Option<ProgressDrawTarget>,
    /// Files read so far, shown by the bar's `{files}` (one update, one redraw per file).
    loaded_files: Arc<AtomicUsize>,
}

impl Progress {
    /// `target`: stderr (indicatif draws there only when it is a terminal), or hidden.
    pub fn new(target: ProgressDrawTarget) -> Progress {
        Progress {
            bar: ProgressBar::hidden(),
            target: Some(target),
            loaded_files: Arc::default(),
        }
    }

    pub fn event(&mut self, event: LoadEvent) {
        match event {
            LoadEvent::Found { files, bytes } => {
                self.bar.set_style(loading_style(files, &self.loaded_files));
                self.bar.set_length(bytes);
                if bytes >= LARGE_CORPUS_BYTES {
                    if let Some(target) = self.target.take() {
                        self.bar.set_draw_target(target);
                        self.bar.force_draw();
                    }
                }
            }
            LoadEvent::Loaded { bytes, .. } => {
                self.loaded_files.fetch_add(1, Ordering::Relaxed);
                self.bar.inc(bytes);
            }
            // The warning gets a line of its own; the bar is redrawn beneath it.
            LoadEvent::Warning(w) => self.bar.suspend(|| super::warning(w)),
        }
    }

    /// Loading is over; the index is being built.
    pub fn indexing(&mut self, documents: usize) {
        let bytes = self.bar.length().unwrap_or(0);
        let line = format!("Indexing {documents} sources ({} MiB)…", mebibytes(bytes));
        self.bar
            .set_style(ProgressStyle::with_template(&line).expect("no placeholders"));
        // Drawn past the rate limit: the index takes a while, and this line is all there is
        // to watch meanwhile.
        self.bar.force_draw();
    }

    /// Removes the bar, leaving the terminal as it was.
    pub fn finish(&mut self) {
        self.bar.finish_and_clear();
    }
}

fn loading_style(files: usize, loaded_files: &Arc<AtomicUsize>) -> ProgressStyle {
    let loaded_files = Arc::clone(loaded_files);
    ProgressStyle::with_template(LOADING)
        .expect("a valid template")
        .progress_chars("#-")
        .with_key(
            "files",
            move |_: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{}/{files} files", loaded_files.load(Ordering::Relaxed));
            },
        )
        .with_key(
            "mebibytes",
            |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let total = state.len().unwrap_or(0);
                let _ = write!(w, "{}/{} MiB", mebibytes(state.pos()), mebibytes(total));
            },
        )
}

fn mebibytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Mutex;

    use indicatif::TermLike;

    use super::*;

    /// A terminal that keeps the lines drawn on it.
    #[derive(Debug, Default, Clone)]
    struct Screen(Arc<Mutex<Vec<String>>>);

    impl TermLike for Screen {
        fn width(&self) -> u16 {
            100
        }
        fn move_cursor_up(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn write_line(&self, s: &str) -> std::io::Result<()> {
            self.write_str(s)
        }
        fn write_str(&self, s: &str) -> std::io::Result<()> {
            // The padding indicatif writes after a line is no line of its own.
            let s = s.trim_end();
            if !s.is_empty() {
                self.0.lock().unwrap().push(s.to_string());
            }
            Ok(())
        }
        fn clear_line(&self) -> std::io::Result<()> {
            Ok(())
        }
        fn flush(&self) -> std::io::Result<()> {
            Ok(())
        }
    }

    const MIB: u64 = 1024 * 1024;

    /// Loads `files` of `each` bytes, then indexes them; returns the lines drawn.
    fn load(files: usize, each: u64) -> Vec<String> {
        let screen = Screen::default();
        let mut progress = Progress::new(ProgressDrawTarget::term_like(Box::new(screen.clone())));
        progress.event(LoadEvent::Found {
            files,
            bytes: files as u64 * each,
        });
        for _ in 0..files {
            progress.event(LoadEvent::Loaded {
                path: Path::new("a.txt"),
                bytes: each,
            });
        }
        progress.indexing(files);
        progress.finish();
        let lines = screen.0.lock().unwrap().clone();
        lines
    }

    #[test]
    fn the_bar_fills_with_the_bytes_read_then_says_what_is_indexed() {
        assert_eq!(
            load(4, 3 * MIB),
            [
                "Loading sources [------------------------------]   0%  0/4 files  0.0/12.0 MiB",
                "Loading sources [#######-----------------------]  25%  1/4 files  3.0/12.0 MiB",
                "Loading sources [###############---------------]  50%  2/4 files  6.0/12.0 MiB",
                "Loading sources [######################--------]  75%  3/4 files  9.0/12.0 MiB",
                "Loading sources [##############################] 100%  4/4 files  12.0/12.0 MiB",
                "Indexing 4 sources (12.0 MiB)…",
            ]
        );
    }

    #[test]
    fn a_small_corpus_loads_without_a_bar() {
        assert_eq!(load(3, MIB), Vec::<String>::new());
    }
}
