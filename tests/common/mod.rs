//! Running the built binary the way a user does.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `nianbao` with English messages in `dir`.
pub fn nianbao_in(dir: &Path, args: &[&str]) -> Run {
    nianbao_locale(dir, args, "en_US.UTF-8")
}

/// Runs `nianbao` in `dir` as a user whose locale is Chinese (`LANG=zh_CN.UTF-8`).
pub fn nianbao_zh(dir: &Path, args: &[&str]) -> Run {
    nianbao_locale(dir, args, "zh_CN.UTF-8")
}

/// Runs `nianbao` in `dir` with `LANG` set to `locale`.
pub fn nianbao_locale(dir: &Path, args: &[&str], locale: &str) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(dir)
        .env("LANG", locale)
        // No user's config file (tests share the machine's HOME) changes what a test sees.
        .env(
            "XDG_CONFIG_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config"),
        )
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("the binary runs");
    Run {
        code: output.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 output"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 errors"),
    }
}

/// Runs `nianbao` in the samples folder.
pub fn nianbao(args: &[&str]) -> Run {
    nianbao_in(&samples(), args)
}

pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

pub fn sample_text(name: &str) -> String {
    std::fs::read_to_string(samples().join(name)).unwrap()
}

/// Writes `text` to `name` in `dir`, returning the path as a string.
pub fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// A sample with some of its text replaced; panics if the text to replace is not there.
pub fn edited(name: &str, edits: &[(&str, &str)]) -> String {
    let mut text = sample_text(name);
    for (from, to) in edits {
        assert!(text.contains(from), "{name} has no {from:?}");
        text = text.replacen(from, to, 1);
    }
    text
}
