//! A project in a temp dir, and running the real `factcheck` binary in it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_factcheck");

/// A small corpus whose findings do not depend on fine points of the engine: one sentence per
/// kind of finding.
pub const COUNCIL: &str = "\
The city council approved the new budget on Tuesday after a long debate.
Mayor Lena Ortiz said the plan \"will keep every library open through the winter\".
The council did not approve the stadium proposal.
The budget sets aside 12 million dollars for road repairs.
";

/// A draft with one finding of each kind and one supported sentence.
pub const FLAWED: &str = "\
# Council notes

The city council approved the new budget on Friday after a long debate.

Mayor Lena Ortiz said the plan \"will keep every library open through the summer\".

She also promised \"a brighter future for every child in town\".

The budget sets aside 12 million dollars for road repairs.
";

/// A draft the council corpus supports word for word.
pub const CLEAN: &str = "\
The budget sets aside 12 million dollars for road repairs.
Mayor Lena Ortiz said the plan \"will keep every library open through the winter\".
";

pub struct Project {
    dir: TempDir,
}

/// What a run printed and how it ended; the temp dir's path in the output reads `[TMP]`.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Project {
    pub fn new() -> Project {
        Project {
            dir: tempfile::tempdir().expect("a temp dir"),
        }
    }

    /// A project with the council corpus in `sources/` and a factcheck.toml naming it.
    pub fn council() -> Project {
        let p = Project::new();
        p.write("sources/council.txt", COUNCIL);
        p.write("factcheck.toml", "[corpus]\npaths = [\"sources\"]\n");
        p
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn join(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Project {
        let path = self.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, contents).unwrap();
        self
    }

    /// Runs `factcheck ARGS` in the project's root.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_in("", args, &[])
    }

    /// Runs `factcheck ARGS` in a folder of the project, with extra environment variables.
    pub fn run_in(&self, folder: &str, args: &[&str], env: &[(&str, &str)]) -> Run {
        self.run_fed(folder, args, env, None)
    }

    /// Runs `factcheck ARGS` in the project's root with `input` on its standard input.
    pub fn run_with_stdin(&self, args: &[&str], input: impl AsRef<[u8]>) -> Run {
        self.run_fed("", args, &[], Some(input.as_ref()))
    }

    fn run_fed(
        &self,
        folder: &str,
        args: &[&str],
        env: &[(&str, &str)],
        input: Option<&[u8]>,
    ) -> Run {
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .current_dir(self.join(folder))
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR")
            .env_remove("CLICOLOR_FORCE")
            // anstream takes a terminal in a CI job as showing colour whatever TERM says
            // (CI logs render it): the tests see what a writer at a terminal sees.
            .env_remove("CI")
            .stdin(if input.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("factcheck runs");
        if let Some(input) = input {
            let mut stdin = child.stdin.take().expect("a pipe to its stdin");
            // On a thread: a large input must not fill the pipe while factcheck's output
            // fills the other one.
            let input = input.to_vec();
            std::thread::spawn(move || {
                let _ = std::io::Write::write_all(&mut stdin, &input);
            });
        }
        let out = child.wait_with_output().expect("factcheck runs");
        Run {
            code: out.status.code().expect("factcheck exits, not killed"),
            stdout: self.redact(&String::from_utf8_lossy(&out.stdout)),
            stderr: self.redact(&String::from_utf8_lossy(&out.stderr)),
        }
    }

    /// Runs `factcheck ARGS` with stdout and stderr on a pseudo-terminal (util-linux
    /// `script`), as a person at a terminal would; returns what the terminal showed.
    pub fn run_on_terminal(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        self.script(&command_line(args), env)
    }

    /// [`run_on_terminal`](Self::run_on_terminal) with stderr into the project's file `log`
    /// instead (a terminal session whose stderr goes to a log).
    pub fn run_on_terminal_stderr_to(&self, log: &str, args: &[&str]) -> Run {
        let line = format!("{} 2>{}", command_line(args), shell_quote(log));
        self.script(&line, &[])
    }

    fn script(&self, line: &str, env: &[(&str, &str)]) -> Run {
        let mut cmd = Command::new("script");
        cmd.args(["-qefc", line, "/dev/null"])
            .current_dir(self.path())
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("CI")
            // A terminal that shows colour, whatever the one running the tests is (or none).
            .env("TERM", "xterm-256color")
            .stdin(Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("script (util-linux) runs");
        Run {
            code: out.status.code().expect("script exits, not killed"),
            stdout: self.redact(&String::from_utf8_lossy(&out.stdout)),
            stderr: self.redact(&String::from_utf8_lossy(&out.stderr)),
        }
    }

    fn redact(&self, s: &str) -> String {
        let mut s = s.to_string();
        // The canonical path first: on some systems the temp dir is behind a symlink.
        if let Ok(canonical) = fs::canonicalize(self.path()) {
            s = s.replace(&canonical.display().to_string(), "[TMP]");
        }
        s.replace(&self.path().display().to_string(), "[TMP]")
    }
}

/// `factcheck ARGS` as a shell command line.
fn command_line(args: &[&str]) -> String {
    let mut line = shell_quote(BIN);
    for a in args {
        line.push(' ');
        line.push_str(&shell_quote(a));
    }
    line
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

impl Run {
    /// Asserts the exit status, showing everything printed when it is not the one expected.
    #[track_caller]
    pub fn status(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "exit status\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {}", self.stdout))
    }

    /// The codes of the findings in a JSON report, file by file.
    pub fn codes(&self) -> Vec<(String, Vec<String>)> {
        self.json()["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["path"].as_str().unwrap().to_string(),
                    f["findings"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|x| x["code"].as_str().unwrap().to_string())
                        .collect(),
                )
            })
            .collect()
    }
}
