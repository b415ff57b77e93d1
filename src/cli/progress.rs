//! A progress bar on stderr while a large corpus loads and is indexed: only on a terminal
//! (a log file gets the warnings and nothing else), and only when loading takes long enough
//! to be worth watching.

use std::io::Write;

use factcheck::LoadEvent;

/// Corpora smaller than this load too fast for a bar to be more than a flicker.
pub const LARGE_CORPUS_BYTES: u64 = 4 * 1024 * 1024;

const BAR_WIDTH: usize = 30;

/// Clears the current terminal line.
const CLEAR_LINE: &str = "\r\x1b[2K";

pub struct Progress {
    terminal: bool,
    shown: bool,
    files: usize,
    bytes: u64,
    loaded_files: usize,
    loaded_bytes: u64,
    drawn_percent: Option<u64>,
}

impl Progress {
    /// `terminal`: whether stderr is a terminal; without one nothing but warnings is written.
    pub fn new(terminal: bool) -> Progress {
        Progress {
            terminal,
            shown: false,
            files: 0,
            bytes: 0,
            loaded_files: 0,
            loaded_bytes: 0,
            drawn_percent: None,
        }
    }

    pub fn event(&mut self, event: LoadEvent) {
        match event {
            LoadEvent::Found { files, bytes } => {
                self.files = files;
                self.bytes = bytes;
                self.shown = self.terminal && bytes >= LARGE_CORPUS_BYTES;
                self.draw();
            }
            LoadEvent::Loaded { bytes, .. } => {
                self.loaded_files += 1;
                self.loaded_bytes += bytes;
                self.draw();
            }
            LoadEvent::Warning(w) => {
                // The warning gets a line of its own; the bar is redrawn beneath it.
                self.clear();
                super::warning(w);
                self.drawn_percent = None;
                self.draw();
            }
        }
    }

    /// Loading is over; the index is being built.
    pub fn indexing(&mut self, documents: usize) {
        if self.shown {
            let mut err = std::io::stderr().lock();
            let _ = write!(
                err,
                "{CLEAR_LINE}Indexing {documents} sources ({})…",
                mebibytes(self.bytes)
            );
            let _ = err.flush();
        }
    }

    /// Removes the bar, leaving the terminal as it was.
    pub fn finish(&mut self) {
        self.clear();
        self.shown = false;
    }

    fn clear(&self) {
        if self.shown {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "{CLEAR_LINE}");
            let _ = err.flush();
        }
    }

    fn draw(&mut self) {
        if !self.shown {
            return;
        }
        let percent = percent(self.loaded_bytes, self.bytes);
        if self.drawn_percent == Some(percent) {
            return;
        }
        self.drawn_percent = Some(percent);
        let line = bar(self.loaded_files, self.files, self.loaded_bytes, self.bytes);
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "{CLEAR_LINE}{line}");
        let _ = err.flush();
    }
}

fn percent(done: u64, total: u64) -> u64 {
    (done.saturating_mul(100))
        .checked_div(total)
        .unwrap_or(100)
        .min(100)
}

/// `Loading sources [#######-----------------------]  24%  12/50 files  3.0/12.5 MiB`
pub fn bar(files_done: usize, files: usize, done: u64, total: u64) -> String {
    let percent = percent(done, total);
    let filled = (percent as usize * BAR_WIDTH) / 100;
    format!(
        "Loading sources [{}{}] {percent:>3}%  {files_done}/{files} files  {}/{}",
        "#".repeat(filled),
        "-".repeat(BAR_WIDTH - filled),
        mebibytes_number(done),
        mebibytes(total),
    )
}

fn mebibytes_number(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

fn mebibytes(bytes: u64) -> String {
    format!("{} MiB", mebibytes_number(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_fills_with_the_bytes_read() {
        assert_eq!(
            bar(0, 50, 0, 12 * 1024 * 1024),
            "Loading sources [------------------------------]   0%  0/50 files  0.0/12.0 MiB"
        );
        assert_eq!(
            bar(12, 50, 3 * 1024 * 1024, 12 * 1024 * 1024),
            "Loading sources [#######-----------------------]  25%  12/50 files  3.0/12.0 MiB"
        );
        assert_eq!(
            bar(50, 50, 12 * 1024 * 1024, 12 * 1024 * 1024),
            "Loading sources [##############################] 100%  50/50 files  12.0/12.0 MiB"
        );
    }

    #[test]
    fn an_empty_total_counts_as_done() {
        assert_eq!(percent(0, 0), 100);
    }
}
