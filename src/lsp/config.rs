//! The server's settings: the `factcheck.toml` that governs the drafts (the CLI's rule,
//! [`config::governing`]: the first found walking up from a draft's folder, here never above
//! its workspace folder; before a draft is open, the workspace root's), overlaid with the
//! editor's settings (`initializationOptions`, then `workspace/didChangeConfiguration`), which
//! win key by key. The server serves one project: the first one a draft opened belongs to.
//!
//! A factcheck.toml is part of the project being edited, so it may come from anyone: its
//! corpus paths must stay inside the workspace, or the server would read files the writer
//! never chose. Paths from the editor's own settings are the writer's choice and may point
//! anywhere.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::check::{CheckOptions, Code, Severities};
use crate::config::{self, CitationStyle, Config, LoadedConfig};
use crate::text::markdown::Format;

/// Where the corpus paths came from; decides whether they may leave the workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// No corpus named anywhere.
    Unset,
    /// `[corpus] paths` of this factcheck.toml.
    Toml(PathBuf),
    /// The editor's settings.
    Editor,
}

/// Everything the server needs to know to check a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Absolute source files and folders.
    pub corpus: Vec<PathBuf>,
    pub origin: Origin,
    /// Languages, severities, ignore rules, extensions, citation style, with the editor's
    /// settings applied.
    pub config: Config,
    /// The folder draft paths are shown relative to (for `[[ignore]] path` rules).
    pub root: Option<PathBuf>,
    /// The workspace folders, for `factcheck.checkWorkspace`.
    pub folders: Vec<PathBuf>,
    /// Corpus paths of the factcheck.toml refused for lying outside the workspace.
    pub refused: Vec<PathBuf>,
    /// The factcheck.toml in use, if any.
    pub toml: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            corpus: Vec::new(),
            origin: Origin::Unset,
            config: Config::default(),
            root: None,
            folders: Vec::new(),
            refused: Vec::new(),
            toml: None,
        }
    }
}

/// Settings, and what was wrong with the inputs they were made from (shown to the writer).
#[derive(Debug)]
pub struct Resolved {
    pub settings: Settings,
    pub problems: Vec<String>,
}

impl Settings {
    /// True when documents of this LSP language are checked. `text` (what Emacs' text-mode
    /// sends) counts as `plaintext`.
    pub fn checks_language(&self, language_id: &str) -> bool {
        let id = match language_id {
            "text" => "plaintext",
            other => other,
        };
        self.config.languages.iter().any(|l| l == id)
    }

    /// The options to check one draft with.
    pub fn check_options(&self, format: Format, draft: Option<&Path>) -> CheckOptions {
        let shown = draft.map(|p| {
            let relative = self
                .root
                .as_deref()
                .and_then(|r| p.strip_prefix(r).ok())
                .unwrap_or(p);
            relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        });
        self.config.to_check_options(format, shown.as_deref())
    }

    /// Why there is no corpus to check against, and what to do about it: a factcheck.toml
    /// whose every corpus path was refused is not the same as none named.
    pub fn no_corpus(&self) -> String {
        match &self.origin {
            Origin::Toml(toml) if self.corpus.is_empty() => format!(
                "no corpus to check against: every corpus path {} names was refused, as it lies \
                 outside the workspace ({}), and a project file may only name sources inside \
                 its workspace. To use them, set factcheck.corpus.paths in your editor's \
                 settings.",
                toml.display(),
                (self.refused.iter())
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            _ => "no corpus configured: add `[corpus] paths = [\"sources\"]` to a \
                  factcheck.toml in the draft's folder or a parent inside the workspace, or set \
                  factcheck.corpus.paths in the editor's settings"
                .to_string(),
        }
    }

    /// The folders whose factcheck.toml is watched: the workspace folders and the folder of
    /// the one in use.
    pub fn toml_folders(&self) -> Vec<PathBuf> {
        let mut folders = self.folders.clone();
        if let Some(folder) = self.toml.as_deref().and_then(Path::parent) {
            if !folders.iter().any(|f| f == folder) {
                folders.push(folder.to_path_buf());
            }
        }
        folders
    }

    /// How a citation is written in a document of this format: plain text has no footnotes.
    pub fn citation_style(&self, format: Format) -> CitationStyle {
        match format {
            Format::Markdown => self.config.citation_style,
            Format::PlainText => CitationStyle::Bracket,
        }
    }
}

/// Reads the factcheck.toml that governs `draft` (see [`governing_toml`]), then applies the
/// editor's settings (`{"factcheck": {...}}` or the inner object itself).
pub fn resolve(folders: &[PathBuf], editor: &Value, draft: Option<&Path>) -> Resolved {
    let mut problems = Vec::new();
    let mut settings = Settings {
        folders: folders.to_vec(),
        root: folders.first().cloned(),
        ..Settings::default()
    };
    if let Some((loaded, workspace)) = read_toml(folders, draft, &mut problems) {
        // The toml is read from inside a workspace folder only (never above it): that folder
        // is where its paths must stay.
        settings.toml = Some(loaded.path.clone());
        settings.corpus = inside_workspace(&loaded, &workspace, &mut problems);
        settings.refused = (loaded.config.corpus.iter())
            .filter(|p| !settings.corpus.contains(p))
            .cloned()
            .collect();
        if !loaded.config.corpus.is_empty() {
            settings.origin = Origin::Toml(loaded.path.clone());
        }
        settings.root = Some(loaded.root.clone());
        settings.config = loaded.config;
    }
    let editor = editor.get("factcheck").unwrap_or(editor);
    apply_editor(&mut settings, editor, folders.first(), &mut problems);
    settings.config.corpus = settings.corpus.clone();
    Resolved { settings, problems }
}

/// The factcheck.toml that governs `draft` in this workspace, and the workspace folder it is
/// in: the first found walking up from the draft's folder to its workspace folder; for no
/// draft (or one outside every workspace folder), the first workspace folder's own.
pub fn governing_toml(folders: &[PathBuf], draft: Option<&Path>) -> Option<(PathBuf, PathBuf)> {
    let inside = draft.and_then(|d| {
        let folder = folders
            .iter()
            .filter(|f| d.starts_with(f))
            .max_by_key(|f| f.as_os_str().len())?;
        Some((d.parent()?, folder))
    });
    match inside {
        Some((start, folder)) => {
            config::governing(start, Some(folder)).map(|toml| (toml, folder.clone()))
        }
        None => folders.iter().find_map(|folder| {
            let toml = folder.join(config::FILE_NAME);
            toml.is_file().then(|| (toml, folder.clone()))
        }),
    }
}

fn read_toml(
    folders: &[PathBuf],
    draft: Option<&Path>,
    problems: &mut Vec<String>,
) -> Option<(LoadedConfig, PathBuf)> {
    let (path, workspace) = governing_toml(folders, draft)?;
    match Config::load(&path) {
        Ok(loaded) => Some((loaded, workspace)),
        Err(e) => {
            problems.push(format!("{e}"));
            None
        }
    }
}

/// The toml's corpus paths that lie inside the workspace root; the others are refused, each
/// with a message saying why and how to allow it.
fn inside_workspace(
    loaded: &LoadedConfig,
    root: &Path,
    problems: &mut Vec<String>,
) -> Vec<PathBuf> {
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut kept = Vec::new();
    for path in &loaded.config.corpus {
        // Symbolic links are followed: a link inside the workspace to a folder outside it
        // leads outside just the same.
        let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        if real.starts_with(&real_root) {
            kept.push(path.clone());
        } else {
            problems.push(format!(
                "{}: refused corpus path {}: it is outside the workspace {}, and a project \
                 file may only name sources inside its workspace. To use it, set \
                 factcheck.corpus.paths in your editor's settings.",
                loaded.path.display(),
                path.display(),
                root.display()
            ));
        }
    }
    kept
}

fn apply_editor(
    settings: &mut Settings,
    editor: &Value,
    root: Option<&PathBuf>,
    problems: &mut Vec<String>,
) {
    let Some(editor) = editor.as_object() else {
        if !editor.is_null() {
            problems.push(format!(
                "editor settings: expected an object, got {}",
                kind(editor)
            ));
        }
        return;
    };
    if let Some(paths) = editor.get("corpus").and_then(|c| c.get("paths")) {
        match strings(paths, "paths") {
            Ok(paths) => {
                let resolved: Vec<PathBuf> = paths
                    .iter()
                    .filter_map(|p| {
                        let p = Path::new(p);
                        if p.is_absolute() {
                            Some(p.to_path_buf())
                        } else if let Some(root) = root {
                            Some(root.join(p))
                        } else {
                            problems.push(format!(
                                "factcheck.corpus.paths: {} is relative and there is no \
                                 workspace folder to resolve it against",
                                p.display()
                            ));
                            None
                        }
                    })
                    .collect();
                settings.corpus = resolved;
                settings.origin = if settings.corpus.is_empty() {
                    Origin::Unset
                } else {
                    Origin::Editor
                };
            }
            Err(e) => problems.push(format!("factcheck.corpus.paths: {e}")),
        }
    }
    if let Some(languages) = editor.get("languages") {
        match strings(languages, "language ids such as \"markdown\"") {
            Ok(l) => settings.config.languages = l,
            Err(e) => problems.push(format!("factcheck.languages: {e}")),
        }
    }
    if let Some(severity) = editor.get("severity") {
        match severity.as_object() {
            Some(map) => {
                let mut severities: Severities = settings.config.severities.clone();
                for (code, level) in map {
                    let parsed = config::parse_code(code).and_then(|c| {
                        let level = level.as_str().ok_or_else(|| {
                            format!("expected a string such as \"warning\", got {}", kind(level))
                        })?;
                        Ok((c, config::parse_severity(level)?))
                    });
                    match parsed {
                        Ok((c, s)) => severities.set(c, s),
                        Err(e) => problems.push(format!("factcheck.severity.{code}: {e}")),
                    }
                }
                settings.config.severities = severities;
            }
            None => problems.push(format!(
                "factcheck.severity: expected an object such as {{\"{}\": \"warning\"}}, got {}",
                Code::Contradiction.as_str(),
                kind(severity)
            )),
        }
    }
    if let Some(style) = editor.get("citationStyle") {
        match style.as_str().and_then(CitationStyle::parse) {
            Some(s) => settings.config.citation_style = s,
            None => problems.push(format!(
                "factcheck.citationStyle: expected \"footnote\" or \"bracket\", got {style}"
            )),
        }
    }
}

/// A list of strings, or what is wrong with it: that it is no list, or which item is no string.
fn strings(value: &Value, what: &str) -> Result<Vec<String>, String> {
    let Some(items) = value.as_array() else {
        return Err(format!(
            "expected a list of {what}, got {}: {value}",
            kind(value)
        ));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            item.as_str().map(str::to_string).ok_or_else(|| {
                format!(
                    "expected a list of {what}, each a string, but item {} is {}: {item}",
                    i + 1,
                    kind(item)
                )
            })
        })
        .collect()
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Severity;
    use serde_json::json;

    #[test]
    fn editor_settings_win_key_by_key() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        std::fs::create_dir(root.join("seeds")).unwrap();
        std::fs::write(
            root.join("factcheck.toml"),
            "[corpus]\npaths = [\"seeds\"]\n[severity]\nmisquote = \"error\"\n",
        )
        .unwrap();
        let r = resolve(
            std::slice::from_ref(&root),
            &json!({"factcheck": {"severity": {"contradiction": "off"}, "citationStyle": "bracket"}}),
            None,
        );
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let s = r.settings;
        assert_eq!(s.corpus, [root.join("seeds")]);
        assert_eq!(s.origin, Origin::Toml(root.join("factcheck.toml")));
        assert_eq!(
            s.config.severities.get(Code::Misquote),
            Some(Severity::Error)
        );
        assert_eq!(s.config.severities.get(Code::Contradiction), None);
        assert_eq!(s.citation_style(Format::Markdown), CitationStyle::Bracket);
    }

    #[test]
    fn a_project_file_may_not_name_sources_outside_the_workspace() {
        let outside = tempfile::tempdir().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        let toml = format!(
            "[corpus]\npaths = [{:?}, \"../{}\"]\n",
            outside.path().display().to_string(),
            outside.path().file_name().unwrap().to_string_lossy()
        );
        std::fs::write(root.join("factcheck.toml"), toml).unwrap();
        let r = resolve(std::slice::from_ref(&root), &Value::Null, None);
        assert!(r.settings.corpus.is_empty());
        assert_eq!(r.problems.len(), 2, "{:?}", r.problems);
        assert!(
            r.problems[0].contains("outside the workspace"),
            "{}",
            r.problems[0]
        );
        // With nothing left, the status says the paths were refused, not that none were named.
        let no_corpus = r.settings.no_corpus();
        assert!(
            no_corpus.starts_with(&format!(
                "no corpus to check against: every corpus path {} names was refused",
                root.join("factcheck.toml").display()
            )),
            "{no_corpus}"
        );
        // The same folder named in the editor's settings is the writer's own choice.
        let editor = json!({"corpus": {"paths": [outside.path()]}});
        let r = resolve(std::slice::from_ref(&root), &editor, None);
        assert_eq!(r.settings.corpus, [outside.path().to_path_buf()]);
        assert_eq!(r.settings.origin, Origin::Editor);
    }

    #[test]
    fn a_list_with_an_item_of_the_wrong_kind_names_the_item() {
        let r = resolve(
            &[],
            &json!({"languages": ["markdown", 2], "corpus": {"paths": [1]}}),
            None,
        );
        assert_eq!(
            r.problems,
            [
                "factcheck.corpus.paths: expected a list of paths, each a string, but item 1 is a number: 1",
                "factcheck.languages: expected a list of language ids such as \"markdown\", each a string, but item 2 is a number: 2",
            ]
        );
        // The good values of the others still apply; a bad one leaves its default.
        assert_eq!(r.settings.config.languages, Config::default().languages);
    }

    #[test]
    fn bad_editor_values_are_named() {
        let r = resolve(
            &[],
            &json!({"severity": {"misquote": "loud", "typo": "hint"}, "languages": "markdown",
                    "corpus": {"paths": ["rel"]}}),
            None,
        );
        assert_eq!(
            r.problems,
            [
                "factcheck.corpus.paths: rel is relative and there is no workspace folder to resolve it against",
                "factcheck.languages: expected a list of language ids such as \"markdown\", got a string: \"markdown\"",
                "factcheck.severity.misquote: unknown severity \"loud\": expected one of \"error\", \"warning\", \"information\", \"hint\", \"off\"",
                "factcheck.severity.typo: unknown finding code \"typo\": expected one of \"contradiction\", \"misquote\", \"unsourced-quote\", \"unsupported\", \"unsourced-figure\", \"contested\"",
            ]
        );
    }
}
