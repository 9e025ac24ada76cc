//! Report files in a scratch folder, and the editor opened on them: what the safety tests share.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::pty::Pty;

/// How long a test waits for the editor to answer.
pub const WAIT: Duration = Duration::from_secs(10);

/// Copies a sample report into `dir`.
pub fn copy_sample(dir: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    fs::copy(
        format!("{}/samples/{name}", env!("CARGO_MANIFEST_DIR")),
        &to,
    )
    .unwrap();
    to
}

/// `.NAME.SUFFIX` beside `file`: its lock, its recovery file.
pub fn beside(file: &Path, suffix: &str) -> PathBuf {
    file.with_file_name(format!(
        ".{}.{suffix}",
        file.file_name().unwrap().to_string_lossy()
    ))
}

pub fn recovery_of(file: &Path) -> PathBuf {
    beside(file, "nianbao-recover")
}

pub fn lock_of(file: &Path) -> PathBuf {
    beside(file, "nianbao-lock")
}

/// Opens the editor on `file`, waits for its first screen.
pub fn open(file: &Path) -> Pty {
    let pty = Pty::spawn(&[file.to_str().unwrap()], 80, 24, &[]);
    assert!(pty.wait_for("总体情况", WAIT), "{}", pty.text());
    pty
}

pub fn is_root() -> bool {
    // SAFETY: geteuid cannot fail.
    unsafe { libc::geteuid() == 0 }
}

pub fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string and mode.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}
