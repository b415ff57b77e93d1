//! How paths are shown: the way the user would type them, `/`-separated, relative to the
//! current folder when that is short.

use std::path::{Component, Path, PathBuf};

/// A path relative to `base` when it takes at most this many `..` steps; past that the
/// absolute path reads better.
const MAX_PARENT_STEPS: usize = 2;

/// `path` (absolute) as seen from `base` (absolute): `seeds`, `../seeds`, or `path` itself.
pub fn relative_to(path: &Path, base: &Path) -> PathBuf {
    if !path.is_absolute() || !base.is_absolute() {
        return path.to_path_buf();
    }
    let mut ours = path.components().peekable();
    let mut theirs = base.components().peekable();
    while let (Some(a), Some(b)) = (ours.peek(), theirs.peek()) {
        if a != b {
            break;
        }
        ours.next();
        theirs.next();
    }
    let steps = theirs.filter(|c| matches!(c, Component::Normal(_))).count();
    if steps > MAX_PARENT_STEPS {
        return path.to_path_buf();
    }
    let mut out = PathBuf::new();
    for _ in 0..steps {
        out.push("..");
    }
    out.extend(ours);
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// A path for messages and reports: `/`-separated, without a leading `./`.
pub fn display(path: &Path) -> String {
    let mut parts = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir if !parts.is_empty() => {}
            Component::CurDir => parts.push(".".to_string()),
            Component::RootDir => parts.push(String::new()),
            other => {
                if parts.len() == 1 && parts[0] == "." {
                    parts.clear();
                }
                parts.push(other.as_os_str().to_string_lossy().into_owned());
            }
        }
    }
    match parts.as_slice() {
        [] => ".".to_string(),
        [root] if root.is_empty() => "/".to_string(),
        _ => parts.join("/"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_when_close_absolute_when_far() {
        let cwd = Path::new("/repo/drafts");
        assert_eq!(
            relative_to(Path::new("/repo/drafts/a"), cwd),
            Path::new("a")
        );
        assert_eq!(
            relative_to(Path::new("/repo/seeds"), cwd),
            Path::new("../seeds")
        );
        assert_eq!(relative_to(Path::new("/repo/drafts"), cwd), Path::new("."));
        assert_eq!(
            relative_to(Path::new("/srv/sources"), Path::new("/home/me/work/drafts")),
            Path::new("/srv/sources")
        );
    }

    #[test]
    fn display_is_slash_separated_without_dot_slash() {
        assert_eq!(display(Path::new("./examples/a.md")), "examples/a.md");
        assert_eq!(display(Path::new(".")), ".");
        assert_eq!(display(Path::new("/tmp/x/./y.md")), "/tmp/x/y.md");
        assert_eq!(display(Path::new("../seeds")), "../seeds");
    }
}
