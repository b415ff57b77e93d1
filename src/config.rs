//! `factcheck.toml`: where the corpus is, how loud each finding is, what to ignore, which
//! drafts to read. Shared by the command line and the language server, so both read a project
//! the same way.
//!
//! ```toml
//! [corpus]
//! paths = ["seeds"]                 # relative to this file
//!
//! [severity]
//! contradiction = "warning"         # error | warning | information | hint | off
//! misquote = "warning"
//! unsourced-quote = "warning"
//! unsupported = "information"       # a figure, date or name no source gives
//! unsourced-figure = "warning"      # a count whose number no source gives anywhere
//! contested = "information"         # one side of a point the sources dispute
//!
//! [[ignore]]                        # every condition given must hold
//! code = "contradiction"
//! text = "three"
//! path = "drafts/old"
//!
//! [check]
//! extensions = ["md", "markdown", "txt"]
//! exclude = ["drafts/old", "*.bak.md"]   # globs, relative to this file
//!
//! [lsp]
//! languages = ["markdown", "plaintext"]
//! citation-style = "footnote"       # footnote | bracket
//! ```
//!
//! Unknown keys and bad values are errors that name the file, line and column and say what is
//! allowed: a typo silently ignored would leave a writer wondering why a setting does nothing.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Component, Path, PathBuf};

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserializer};
use serde::Deserialize;
use toml::Spanned;

use crate::check::{CheckOptions, Code, IgnoreRule, Severities, Severity};
use crate::files::Exclude;
use crate::text::markdown::Format;
use crate::text::LineIndex;

/// The name looked for in the current folder and its parents.
pub const FILE_NAME: &str = "factcheck.toml";

/// Draft extensions read when walking a folder, unless `[check] extensions` says otherwise.
pub const DEFAULT_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// LSP language ids checked by the language server, unless `[lsp] languages` says otherwise.
pub const DEFAULT_LANGUAGES: &[&str] = &["markdown", "plaintext"];

/// A project's settings, with every path absolute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Source files and folders (`[corpus] paths`), resolved against the toml file's folder.
    pub corpus: Vec<PathBuf>,
    /// `[severity]`: the severity of each code; `None` turns a code off.
    pub severities: Severities,
    /// `[[ignore]]` entries.
    pub ignore: Vec<IgnoreRule>,
    /// `[check] extensions`, lower case, without the leading dot.
    pub extensions: Vec<String>,
    /// `[check] exclude`: globs of drafts a folder walk passes by.
    pub exclude: Exclude,
    /// `[lsp] languages`: LSP language ids the server checks.
    pub languages: Vec<String>,
    /// `[lsp] citation-style`: how an inserted citation is written.
    pub citation_style: CitationStyle,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            corpus: Vec::new(),
            severities: Severities::default(),
            ignore: Vec::new(),
            extensions: DEFAULT_EXTENSIONS.iter().map(|e| e.to_string()).collect(),
            exclude: Exclude::default(),
            languages: DEFAULT_LANGUAGES.iter().map(|l| l.to_string()).collect(),
            citation_style: CitationStyle::default(),
        }
    }
}

/// How the language server writes a citation it inserts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CitationStyle {
    /// A Markdown footnote: `[^1]` with `[^1]: source, line N` at the end.
    #[default]
    Footnote,
    /// An inline bracket: `[source:N]`.
    Bracket,
}

impl CitationStyle {
    pub fn as_str(self) -> &'static str {
        match self {
            CitationStyle::Footnote => "footnote",
            CitationStyle::Bracket => "bracket",
        }
    }

    /// Parses a setting value (`"footnote"` or `"bracket"`).
    pub fn parse(s: &str) -> Option<CitationStyle> {
        match s {
            "footnote" => Some(CitationStyle::Footnote),
            "bracket" => Some(CitationStyle::Bracket),
            _ => None,
        }
    }
}

/// Why a configuration's text could not be parsed: the byte range of the offending text (when
/// known) and a message.
pub type ParseError = (Option<std::ops::Range<usize>>, String);

/// A configuration read from a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadedConfig {
    /// The toml file.
    pub path: PathBuf,
    /// The folder holding it: relative paths in the file are relative to this.
    pub root: PathBuf,
    pub config: Config,
}

/// Why a configuration file could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and character column of the offending text, when there is one.
    pub line_col: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line_col {
            Some((line, col)) => {
                write!(f, "{}:{line}:{col}: {}", self.path.display(), self.message)
            }
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Looks for `factcheck.toml` in `dir` and then in each parent; loads the first found.
    pub fn discover(dir: &Path) -> Result<Option<LoadedConfig>, ConfigError> {
        match governing(dir, None) {
            Some(path) => Config::load(&path).map(Some),
            None => Ok(None),
        }
    }

    /// Reads and validates one configuration file.
    pub fn load(path: &Path) -> Result<LoadedConfig, ConfigError> {
        let path = absolute(path);
        // A regular file only, within a limit: never a FIFO (which would block) or a device.
        let bytes =
            crate::files::read::read(&path, crate::files::read::MAX_CONFIG_BYTES).map_err(|e| {
                ConfigError {
                    path: path.clone(),
                    line_col: None,
                    message: match e {
                        crate::files::ReadError::Missing => "no such file".to_string(),
                        other => other.to_string(),
                    },
                }
            })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
            ConfigError {
                line_col: Some(line_col(&prefix, at)),
                path: path.clone(),
                message: format!("invalid UTF-8 at byte {at}: a factcheck.toml must be UTF-8"),
            }
        })?;
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let config = Config::parse(&text, &root).map_err(|(span, message)| ConfigError {
            line_col: span.map(|s| line_col(&text, s.start)),
            path: path.clone(),
            message,
        })?;
        Ok(LoadedConfig { path, root, config })
    }

    /// Parses a configuration's text; relative paths are resolved against `root`. The error
    /// is a byte range of `text` (when known) and a message.
    pub fn parse(text: &str, root: &Path) -> Result<Config, ParseError> {
        let raw: RawConfig =
            toml::from_str(text).map_err(|e| (e.span(), e.message().trim_end().to_string()))?;
        let mut config = Config::default();
        if let Some(corpus) = raw.corpus {
            config.corpus = corpus
                .paths
                .into_iter()
                .map(|p| normalise(&root.join(p)))
                .collect();
        }
        if let Some(severity) = raw.severity {
            for (code, level) in severity {
                config.severities.set(code.into_inner().0, level.0);
            }
        }
        for entry in raw.ignore {
            config.ignore.push(RawIgnore::into_rule(entry)?);
        }
        if let Some(check) = raw.check {
            if let Some(extensions) = check.extensions {
                config.extensions = extensions
                    .into_iter()
                    .map(|e| {
                        let span = e.span();
                        let e = e.into_inner();
                        let e = e.trim().trim_start_matches('.').to_ascii_lowercase();
                        if e.is_empty() || e.contains(['/', '\\']) {
                            Err((
                                Some(span),
                                "an extension must be a file ending such as \"md\"".to_string(),
                            ))
                        } else {
                            Ok(e)
                        }
                    })
                    .collect::<Result<_, _>>()?;
            }
            if let Some(globs) = check.exclude {
                let spans: Vec<_> = globs.iter().map(Spanned::span).collect();
                let globs = globs.into_iter().map(Spanned::into_inner).collect();
                config.exclude = Exclude::new(root, globs).map_err(|(i, why)| {
                    (
                        spans.get(i).cloned(),
                        format!("a bad glob in `exclude`: {why}"),
                    )
                })?;
            }
        }
        if let Some(lsp) = raw.lsp {
            if let Some(languages) = lsp.languages {
                config.languages = languages;
            }
            if let Some(style) = lsp.citation_style {
                config.citation_style = style;
            }
        }
        Ok(config)
    }

    /// The options to check one draft with. `draft_path` is the path ignore rules match
    /// against (see [`LoadedConfig::to_check_options`] for one relative to the project).
    pub fn to_check_options(&self, format: Format, draft_path: Option<&str>) -> CheckOptions {
        CheckOptions {
            format,
            severities: self.severities.clone(),
            ignore: self.ignore.clone(),
            path: draft_path.map(str::to_string),
        }
    }

    /// True when a draft with this file name is one to check when walking a folder.
    pub fn wants_extension(&self, path: &Path) -> bool {
        path.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| self.extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
    }
}

/// The one rule, the command line's and the language server's, for which factcheck.toml
/// governs a draft: the first found in `folder` (the draft's own folder) or one of its
/// parents, going no higher than `ceiling` when one is given (the server's workspace folder).
pub fn governing(folder: &Path, ceiling: Option<&Path>) -> Option<PathBuf> {
    let start = absolute(folder);
    let ceiling = ceiling.map(absolute);
    for dir in start.ancestors() {
        if ceiling.as_ref().is_some_and(|c| !dir.starts_with(c)) {
            return None;
        }
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
    }
    None
}

impl LoadedConfig {
    /// The options to check one draft with; the draft's path is made relative to the folder
    /// of the toml file (with `/` separators), so `[[ignore]] path` means the same wherever
    /// `factcheck` runs from.
    pub fn to_check_options(&self, format: Format, draft_path: Option<&Path>) -> CheckOptions {
        let shown = draft_path.map(|p| {
            let p = absolute(p);
            let relative = p.strip_prefix(&self.root).unwrap_or(&p);
            relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        });
        self.config.to_check_options(format, shown.as_deref())
    }
}

/// Parses a severity setting: `error`, `warning`, `information`, `hint`, or `off` (`None`).
/// Also used for the language server's settings.
pub fn parse_severity(s: &str) -> Result<Option<Severity>, String> {
    match s {
        "error" => Ok(Some(Severity::Error)),
        "warning" => Ok(Some(Severity::Warning)),
        "information" => Ok(Some(Severity::Information)),
        "hint" => Ok(Some(Severity::Hint)),
        "off" => Ok(None),
        other => Err(format!(
            "unknown severity \"{other}\": expected one of \"error\", \"warning\", \
             \"information\", \"hint\", \"off\""
        )),
    }
}

/// Parses a finding code, with an error listing the codes there are.
pub fn parse_code(s: &str) -> Result<Code, String> {
    Code::parse(s).ok_or_else(|| format!("unknown finding code \"{s}\": expected {}", code_list()))
}

/// `one of "contradiction", "misquote", "unsourced-quote", "unsupported", "unsourced-figure",
/// "contested"`.
fn code_list() -> String {
    let codes: Vec<String> = Code::ALL
        .iter()
        .map(|c| format!("\"{}\"", c.as_str()))
        .collect();
    format!("one of {}", codes.join(", "))
}

/// The JSON Schema of factcheck.toml (draft 7, which taplo and Even Better TOML read), made
/// from the types that parse it; `factcheck schema` prints it and `factcheck.schema.json` at
/// the repository's root is a copy a test keeps in step.
pub fn json_schema() -> serde_json::Value {
    let schema = schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<RawConfig>();
    let mut value = schema.to_value();
    drop_null_defaults(&mut value);
    value
}

/// Removes `"default": null`, which the optional tables and keys get: TOML has no null, and
/// an editor would offer it as the value to write.
fn drop_null_defaults(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            if map.get("default").is_some_and(serde_json::Value::is_null) {
                map.remove("default");
            }
            map.values_mut().for_each(drop_null_defaults);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(drop_null_defaults),
        _ => {}
    }
}

/// The settings of a factcheck project, read by `factcheck check` and `factcheck lsp` (the
/// README's "Configuration" section tells each).
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "factcheck.toml")]
struct RawConfig {
    /// The sources drafts are checked against.
    #[serde(default)]
    #[schemars(with = "RawCorpus")]
    corpus: Option<RawCorpus>,
    /// How loud each finding code is: error, warning, information, hint, or off.
    #[serde(default)]
    #[schemars(schema_with = "severity_schema")]
    severity: Option<BTreeMap<Spanned<CodeKey>, SeverityValue>>,
    /// Findings to silence: every condition an entry gives must hold.
    #[serde(default)]
    #[schemars(with = "Vec<RawIgnore>")]
    ignore: Vec<Spanned<RawIgnore>>,
    /// Which drafts a folder walk checks.
    #[serde(default)]
    #[schemars(with = "RawCheck")]
    check: Option<RawCheck>,
    /// The language server's settings.
    #[serde(default)]
    #[schemars(with = "RawLsp")]
    lsp: Option<RawLsp>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Corpus")]
struct RawCorpus {
    /// Source files and folders, relative to this file (folders are read recursively).
    paths: Vec<PathBuf>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Check")]
struct RawCheck {
    /// File endings a folder walk checks, such as "md" (default: md, markdown, txt).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    extensions: Option<Vec<Spanned<String>>>,
    /// Globs of drafts a folder walk passes by, relative to this file; a glob without `/`
    /// matches a name at any depth.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    exclude: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(rename = "Lsp")]
struct RawLsp {
    /// LSP language ids the server checks (default: markdown, plaintext).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    languages: Option<Vec<String>>,
    /// How inserted citations are written.
    #[serde(default)]
    #[schemars(with = "CitationStyle")]
    citation_style: Option<CitationStyle>,
}

/// An `[[ignore]]` entry as written; the code is checked here, where its place in the file is
/// still known, before it becomes an [`IgnoreRule`].
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    rename = "Ignore",
    description = "Silences the findings that meet every condition given (at least one).",
    extend("minProperties" = 1)
)]
struct RawIgnore {
    /// A finding code.
    #[serde(default)]
    #[schemars(schema_with = "code_schema")]
    code: Option<Spanned<String>>,
    /// The flagged words, exactly (case-insensitive).
    #[serde(default)]
    #[schemars(with = "String", length(min = 1))]
    text: Option<Spanned<String>>,
    /// Drafts whose path, relative to this file, contains this.
    #[serde(default)]
    #[schemars(with = "String", length(min = 1))]
    path: Option<Spanned<String>>,
}

/// `[severity]`: each finding code, and its severity or `off`.
fn severity_schema(_: &mut SchemaGenerator) -> Schema {
    let levels = ["error", "warning", "information", "hint", "off"];
    let properties: serde_json::Map<String, serde_json::Value> = Code::ALL
        .iter()
        .map(|c| {
            let level = serde_json::json!({"type": "string", "enum": levels});
            (c.as_str().to_string(), level)
        })
        .collect();
    schemars::json_schema!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    })
}

/// A finding code.
fn code_schema(_: &mut SchemaGenerator) -> Schema {
    let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    schemars::json_schema!({"type": "string", "enum": codes})
}

impl RawIgnore {
    fn into_rule(entry: Spanned<RawIgnore>) -> Result<IgnoreRule, ParseError> {
        let span = entry.span();
        let raw = entry.into_inner();
        if raw.code.is_none() && raw.text.is_none() && raw.path.is_none() {
            return Err((
                Some(span),
                "an [[ignore]] entry needs at least one of `code`, `text`, `path` \
                 (an empty one would silence everything)"
                    .to_string(),
            ));
        }
        let code = IgnoreKey::Code.value(raw.code)?;
        if let Some(code) = &code {
            parse_code(code.get_ref()).map_err(|m| (Some(code.span()), m))?;
        }
        Ok(IgnoreRule {
            code: code.map(Spanned::into_inner),
            text: IgnoreKey::Text.value(raw.text)?.map(Spanned::into_inner),
            path: IgnoreKey::Path.value(raw.path)?.map(Spanned::into_inner),
        })
    }
}

/// A condition of an `[[ignore]]` entry.
#[derive(Clone, Copy)]
enum IgnoreKey {
    Code,
    Text,
    Path,
}

impl IgnoreKey {
    /// The condition's value, or an error when it is blank: `path = ""` would match every
    /// draft (every path contains ""), silencing everything without a word, and a blank
    /// `code` or `text` would match nothing, so the entry would do nothing.
    fn value(self, value: Option<Spanned<String>>) -> Result<Option<Spanned<String>>, ParseError> {
        match value {
            Some(v) if v.get_ref().trim().is_empty() => {
                let (key, effect, instead) = match self {
                    IgnoreKey::Code => ("code", "matches no finding", code_list()),
                    IgnoreKey::Text => (
                        "text",
                        "matches no finding",
                        "the flagged words, such as \"three\"".to_string(),
                    ),
                    IgnoreKey::Path => (
                        "path",
                        "would match every draft and silence all their findings",
                        "part of the drafts' paths, relative to this file's folder, such as \
                         \"drafts/old\""
                            .to_string(),
                    ),
                };
                Err((
                    Some(v.span()),
                    format!(
                        "an empty `{key}` in an [[ignore]] entry {effect}: write {instead}, or \
                         leave `{key}` out"
                    ),
                ))
            }
            other => Ok(other),
        }
    }
}

/// A `[severity]` key: a finding code.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct CodeKey(Code);

impl<'de> Deserialize<'de> for CodeKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        parse_code(&s).map(CodeKey).map_err(de::Error::custom)
    }
}

/// A `[severity]` value.
struct SeverityValue(Option<Severity>);

impl<'de> Deserialize<'de> for SeverityValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        parse_severity(&s)
            .map(SeverityValue)
            .map_err(de::Error::custom)
    }
}

/// 1-based line and character column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let at = LineIndex::new(text).line_col(text, offset);
    (at.line, at.column)
}

fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        normalise(path)
    } else {
        let cwd = std::env::current_dir().unwrap_or_default();
        normalise(&cwd.join(path))
    }
}

/// Drops `.` and folds `..` without touching the file system, so a path named in the toml
/// file shows up in messages the way the user would write it.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        path
    }

    fn error(text: &str) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), FILE_NAME, text);
        let err = Config::load(&path).unwrap_err().to_string();
        err.replace(&path.display().to_string(), "factcheck.toml")
    }

    #[test]
    fn the_full_example_loads() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            dir.path(),
            FILE_NAME,
            r#"
[corpus]
paths = ["seeds", "../shared/more", "./notes/a.txt"]

[severity]
contradiction = "error"
misquote = "information"
unsourced-quote = "off"

[[ignore]]
code = "contradiction"
text = "three"
path = "drafts/old"

[[ignore]]
text = "Kremlin"

[check]
extensions = ["md", ".TXT"]
exclude = ["drafts/old", "*.bak.md"]

[lsp]
languages = ["markdown"]
citation-style = "bracket"
"#,
        );
        let loaded = Config::load(&path).unwrap();
        let root = absolute(dir.path());
        assert_eq!(loaded.root, root);
        let mut severities = Severities::default();
        severities.set(Code::Contradiction, Some(Severity::Error));
        severities.set(Code::Misquote, Some(Severity::Information));
        severities.set(Code::UnsourcedQuote, None);
        assert_eq!(
            loaded.config,
            Config {
                corpus: vec![
                    root.join("seeds"),
                    root.parent().unwrap().join("shared/more"),
                    root.join("notes/a.txt"),
                ],
                severities,
                ignore: vec![
                    IgnoreRule {
                        code: Some("contradiction".into()),
                        text: Some("three".into()),
                        path: Some("drafts/old".into()),
                    },
                    IgnoreRule {
                        code: None,
                        text: Some("Kremlin".into()),
                        path: None,
                    },
                ],
                extensions: vec!["md".into(), "txt".into()],
                exclude: Exclude::new(&root, vec!["drafts/old".into(), "*.bak.md".into()]).unwrap(),
                languages: vec!["markdown".into()],
                citation_style: CitationStyle::Bracket,
            }
        );
    }

    #[test]
    fn an_empty_file_means_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), FILE_NAME, "");
        assert_eq!(Config::load(&path).unwrap().config, Config::default());
    }

    #[test]
    fn discovery_walks_up_from_a_subfolder() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), FILE_NAME, "[corpus]\npaths = [\"sources\"]\n");
        let deep = dir.path().join("drafts/2024/june");
        fs::create_dir_all(&deep).unwrap();
        let loaded = Config::discover(&deep).unwrap().unwrap();
        assert_eq!(loaded.path, absolute(&dir.path().join(FILE_NAME)));
        assert_eq!(loaded.config.corpus, [absolute(dir.path()).join("sources")]);
    }

    #[test]
    fn discovery_without_a_file_finds_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let outside = absolute(dir.path())
            .ancestors()
            .all(|a| !a.join(FILE_NAME).is_file());
        assert!(
            outside,
            "a factcheck.toml above the temp dir spoils this test"
        );
        assert_eq!(Config::discover(dir.path()).unwrap(), None);
    }

    #[test]
    fn discovery_reports_a_broken_file_in_a_parent() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), FILE_NAME, "[corpus]\npaths = \"seeds\"\n");
        let sub = dir.path().join("sub");
        fs::create_dir_all(&sub).unwrap();
        let err = Config::discover(&sub).unwrap_err();
        assert_eq!(err.line_col, Some((2, 9)));
    }

    #[test]
    fn an_unknown_section_names_its_place_and_the_allowed_ones() {
        assert_eq!(
            error("[corpus]\npaths = []\n\n[severty]\nmisquote = \"off\"\n"),
            "factcheck.toml:4:2: unknown field `severty`, expected one of `corpus`, `severity`, \
             `ignore`, `check`, `lsp`"
        );
    }

    #[test]
    fn an_unknown_key_names_its_place() {
        assert_eq!(
            error("[corpus]\npath = [\"seeds\"]\n"),
            "factcheck.toml:2:1: unknown field `path`, expected `paths`"
        );
        assert_eq!(
            error("[lsp]\ncitation_style = \"bracket\"\n"),
            "factcheck.toml:2:1: unknown field `citation_style`, expected `languages` or \
             `citation-style`"
        );
    }

    #[test]
    fn a_bad_severity_says_what_is_allowed() {
        assert_eq!(
            error("[severity]\ncontradiction = \"loud\"\n"),
            "factcheck.toml:2:17: unknown severity \"loud\": expected one of \"error\", \
             \"warning\", \"information\", \"hint\", \"off\""
        );
    }

    #[test]
    fn an_unknown_code_says_which_codes_exist() {
        assert_eq!(
            error("[severity]\nmisquote = \"off\"\ncontradictions = \"off\"\n"),
            "factcheck.toml:3:1: unknown finding code \"contradictions\": expected one of \
             \"contradiction\", \"misquote\", \"unsourced-quote\", \"unsupported\", \
             \"unsourced-figure\", \"contested\""
        );
        assert_eq!(
            error("[[ignore]]\ntext = \"x\"\n\n[[ignore]]\ncode = \"typo\"\n"),
            "factcheck.toml:5:8: unknown finding code \"typo\": expected one of \
             \"contradiction\", \"misquote\", \"unsourced-quote\", \"unsupported\", \
             \"unsourced-figure\", \"contested\""
        );
    }

    #[test]
    fn ignore_entries_are_strict() {
        assert_eq!(
            error("[[ignore]]\ncode = \"misquote\"\nline = 3\n"),
            "factcheck.toml:3:1: unknown field `line`, expected one of `code`, `text`, `path`"
        );
        let empty = error("[[ignore]]\n");
        assert!(
            empty.starts_with("factcheck.toml:1:1: an [[ignore]] entry needs at least one of"),
            "{empty}"
        );
    }

    #[test]
    fn wrong_types_and_syntax_errors_are_placed() {
        assert!(
            error("[corpus]\npaths = [1]\n").starts_with("factcheck.toml:2:10: invalid type"),
            "{}",
            error("[corpus]\npaths = [1]\n")
        );
        assert!(error("[corpus\n").starts_with("factcheck.toml:1:8: "));
        assert_eq!(
            error("[lsp]\ncitation-style = \"endnote\"\n"),
            "factcheck.toml:2:18: unknown variant `endnote`, expected `footnote` or `bracket`"
        );
        assert_eq!(
            error("[check]\nextensions = [\"\"]\n"),
            "factcheck.toml:2:15: an extension must be a file ending such as \"md\""
        );
    }

    #[test]
    fn unreadable_and_invalid_utf8_files_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let missing = Config::load(&dir.path().join(FILE_NAME)).unwrap_err();
        assert_eq!(missing.message, "no such file");
        assert_eq!(missing.line_col, None);

        let path = dir.path().join(FILE_NAME);
        fs::write(&path, b"[corpus]\npaths = [\"caf\xe9\"]\n").unwrap();
        let err = Config::load(&path).unwrap_err();
        assert_eq!(err.line_col, Some((2, 14)));
        assert!(err.message.starts_with("invalid UTF-8 at byte 22"), "{err}");
    }

    #[test]
    fn check_options_carry_severities_ignores_and_a_project_relative_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            dir.path(),
            FILE_NAME,
            "[severity]\nmisquote = \"error\"\n[[ignore]]\npath = \"drafts/old\"\n",
        );
        let loaded = Config::load(&path).unwrap();
        let draft = dir.path().join("drafts").join("old").join("a.md");
        let options = loaded.to_check_options(Format::Markdown, Some(&draft));
        assert_eq!(options.format, Format::Markdown);
        assert_eq!(options.path.as_deref(), Some("drafts/old/a.md"));
        assert_eq!(
            options.severities.get(Code::Misquote),
            Some(Severity::Error)
        );
        assert_eq!(options.ignore, loaded.config.ignore);
    }

    #[test]
    fn extensions_decide_which_drafts_a_walk_reads() {
        let config = Config::default();
        assert!(config.wants_extension(Path::new("a/b.MD")));
        assert!(config.wants_extension(Path::new("notes.txt")));
        assert!(!config.wants_extension(Path::new("image.png")));
        assert!(!config.wants_extension(Path::new("README")));
    }

    #[test]
    fn severity_and_code_parsers_cover_every_value() {
        for s in [
            Severity::Error,
            Severity::Warning,
            Severity::Information,
            Severity::Hint,
        ] {
            assert_eq!(parse_severity(s.as_str()), Ok(Some(s)));
        }
        assert_eq!(parse_severity("off"), Ok(None));
        for c in Code::ALL {
            assert_eq!(parse_code(c.as_str()), Ok(c));
        }
        assert!(parse_code("Misquote").is_err());
    }
}
