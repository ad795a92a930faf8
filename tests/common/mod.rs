//! Helpers shared by the tests that run the real binary.
#![allow(dead_code)] // each test crate uses its own subset

use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

/// An attributed quotation: no findings.
pub const CLEAN: &str =
    "# Ferry fares rise\n\n“We had no choice,” said harbour manager Ida Brenn.\n";

/// One unattributed quotation, on line 5, column 1.
pub const FINDING: &str = "# Ferry fares rise\n\nFares on the island route went up on Monday.\n\n“Nobody asked the islanders.”\n";

/// A temporary directory holding the given files.
pub fn dir_with(files: &[(&str, &[u8])]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

/// The binary, run in `dir`, without colour whatever the environment says.
pub fn quotecheck(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("quotecheck").unwrap();
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

/// What a run of the binary gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().expect("exited with a status"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

impl Run {
    /// What a snapshot records: the exit code, stdout (its run time masked) and stderr.
    pub fn transcript(&self) -> String {
        format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            self.code,
            without_time(&self.stdout),
            self.stderr
        )
    }
}

/// The human summary ends with the run's wall time (` in 0.01s.`): `[time]` stands for it.
pub fn without_time(s: &str) -> String {
    s.lines()
        .map(|line| match line.rfind(" in ") {
            Some(i)
                if line.ends_with("s.")
                    && line[i + 4..line.len() - 2]
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == '.') =>
            {
                format!("{} in [time].\n", &line[..i])
            }
            _ => format!("{line}\n"),
        })
        .collect()
}
