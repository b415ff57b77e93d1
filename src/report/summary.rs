//! The figures of a run, counted once for every format that shows them: drafts, findings by
//! code and severity, citations and the sources the report rests on ([`Summary`]), and
//! citation coverage, the sentences with at least one source ([`Coverage`]: it reads the
//! drafts' sentences again, so only the review page pays for it).

use std::collections::BTreeMap;
use std::sync::Arc;

use super::CheckedFile;
use crate::check::{Code, Severity};
use crate::text::{markdown, segments, Span};

/// The severities in the order reports list them, most severe first.
pub const SEVERITIES: [Severity; 4] = [
    Severity::Error,
    Severity::Warning,
    Severity::Information,
    Severity::Hint,
];

/// What one draft or a whole run holds, in numbers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub drafts: usize,
    /// Drafts with at least one finding.
    pub flagged: usize,
    /// Findings per code, by severity (indexed as [`SEVERITIES`]).
    pub findings: BTreeMap<Code, [usize; 4]>,
    pub citations: usize,
    /// Every source a finding or a citation quotes, with how many pieces of evidence name it.
    pub sources: BTreeMap<Arc<str>, usize>,
}

impl Summary {
    /// The figures of one draft.
    pub fn of_file(file: &CheckedFile) -> Summary {
        let mut summary = Summary {
            drafts: 1,
            flagged: usize::from(!file.report.findings.is_empty()),
            citations: file.report.citations.len(),
            ..Summary::default()
        };
        for finding in &file.report.findings {
            summary.findings.entry(finding.code).or_default()[severity_index(finding.severity)] +=
                1;
        }
        let evidence = file.report.findings.iter().flat_map(|f| &f.evidence);
        let cited = file.report.citations.iter().flat_map(|c| &c.sources);
        for ev in evidence.chain(cited) {
            *summary.sources.entry(ev.source.clone()).or_default() += 1;
        }
        summary
    }

    /// The figures of a whole run.
    pub fn of(files: &[CheckedFile]) -> Summary {
        let mut total = Summary::default();
        for file in files {
            total.add(&Summary::of_file(file));
        }
        total
    }

    /// Adds another draft's (or run's) figures to these.
    pub fn add(&mut self, other: &Summary) {
        self.drafts += other.drafts;
        self.flagged += other.flagged;
        for (code, counts) in &other.findings {
            let mine = self.findings.entry(*code).or_default();
            for (m, o) in mine.iter_mut().zip(counts) {
                *m += o;
            }
        }
        self.citations += other.citations;
        for (source, n) in &other.sources {
            *self.sources.entry(source.clone()).or_default() += n;
        }
    }

    /// All findings.
    pub fn total_findings(&self) -> usize {
        self.findings.values().flatten().sum()
    }

    /// Findings of one severity, whatever their code.
    pub fn with_severity(&self, severity: Severity) -> usize {
        let i = severity_index(severity);
        self.findings.values().map(|counts| counts[i]).sum()
    }

    /// Findings of one code, whatever their severity.
    pub fn with_code(&self, code: Code) -> usize {
        self.findings
            .get(&code)
            .map_or(0, |counts| counts.iter().sum())
    }

    /// Findings of one code and severity.
    pub fn count(&self, code: Code, severity: Severity) -> usize {
        self.findings
            .get(&code)
            .map_or(0, |counts| counts[severity_index(severity)])
    }
}

/// How much of the drafts' prose has a source: sentences with at least one citation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Sentences of the drafts' prose, as the checker splits them.
    pub sentences: usize,
    /// Sentences with at least one citation.
    pub cited: usize,
}

impl Coverage {
    /// The coverage of one draft whose sentences are `sentences` (see [`sentences`]).
    pub fn of_file(file: &CheckedFile, sentences: &[Span]) -> Coverage {
        Coverage {
            sentences: sentences.len(),
            cited: cited_sentences(sentences, file.report.citations.iter().map(|c| c.span)),
        }
    }

    pub fn add(&mut self, other: Coverage) {
        self.sentences += other.sentences;
        self.cited += other.cited;
    }

    /// In whole percent (rounded down, so 100 means every sentence), or `None` when there is
    /// no sentence.
    pub fn percent(self) -> Option<usize> {
        (self.sentences > 0).then(|| self.cited * 100 / self.sentences)
    }
}

fn severity_index(severity: Severity) -> usize {
    SEVERITIES
        .iter()
        .position(|s| *s == severity)
        .expect("SEVERITIES lists every severity")
}

/// The sentences of a draft's prose, as the checker reads them.
pub fn sentences(file: &CheckedFile) -> Vec<Span> {
    segments(&markdown::prose(file.text, file.format))
        .into_iter()
        .map(|s| s.span)
        .collect()
}

/// How many of `sentences` (in order) overlap at least one of `citations` (in order).
fn cited_sentences(sentences: &[Span], citations: impl Iterator<Item = Span>) -> usize {
    let mut cited = vec![false; sentences.len()];
    for citation in citations {
        // The first sentence that ends after the citation starts, then those it reaches.
        let first = sentences.partition_point(|s| s.end <= citation.start);
        for (i, sentence) in sentences.iter().enumerate().skip(first) {
            if sentence.start >= citation.end {
                break;
            }
            cited[i] |= sentence.overlaps(citation);
        }
    }
    cited.into_iter().filter(|c| *c).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_counts_once_however_many_citations_touch_it() {
        let sentences = [Span::new(0, 10), Span::new(11, 20), Span::new(21, 30)];
        let citations = [Span::new(0, 10), Span::new(2, 5), Span::new(25, 40)];
        assert_eq!(cited_sentences(&sentences, citations.into_iter()), 2);
        assert_eq!(cited_sentences(&sentences, [].into_iter()), 0);
        assert_eq!(cited_sentences(&[], citations.into_iter()), 0);
    }
}
