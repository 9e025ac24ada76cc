//! Who is editing a file: a lock file beside it (`.NAME.nianbao-lock`) naming user, host and pid,
//! so a second editor is told who holds the file instead of silently overwriting their work.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// The holder of a lock, as written in the lock file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    pub user: String,
    pub host: String,
    pub pid: u32,
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}@{} (pid {})", self.user, self.host, self.pid)
    }
}

impl Holder {
    pub fn me() -> Holder {
        Holder {
            user: user_name(),
            host: host_name(),
            pid: std::process::id(),
        }
    }

    fn parse(text: &str) -> Option<Holder> {
        let mut user = None;
        let mut host = None;
        let mut pid = None;
        for line in text.lines() {
            match line.split_once('=').map(|(k, v)| (k.trim(), v.trim())) {
                Some(("user", v)) => user = Some(v.to_string()),
                Some(("host", v)) => host = Some(v.to_string()),
                Some(("pid", v)) => pid = v.parse().ok(),
                _ => {}
            }
        }
        Some(Holder {
            user: user?,
            host: host?,
            pid: pid?,
        })
    }

    fn render(&self) -> String {
        format!(
            "# nianbao is editing the file next to this one\nuser = {}\nhost = {}\npid = {}\n",
            self.user, self.host, self.pid
        )
    }

    /// Whether this holder is certainly gone: a process of this host that no longer runs.
    pub fn is_stale(&self) -> bool {
        if self.host != host_name() {
            return false;
        }
        let Ok(pid) = i32::try_from(self.pid) else {
            return true;
        };
        // SAFETY: kill with signal 0 only checks that the process exists.
        let alive = unsafe { libc::kill(pid, 0) } == 0
            || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM);
        !alive
    }
}

pub fn user_name() -> String {
    ["USER", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        // SAFETY: getuid cannot fail.
        .unwrap_or_else(|| format!("uid{}", unsafe { libc::getuid() }))
}

pub fn host_name() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its length; gethostname writes at most that much.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if rc != 0 {
        return "localhost".into();
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    String::from_utf8_lossy(&buf[..end]).into_owned()
}

/// The lock file of a report file.
pub fn lock_path(file: &Path) -> PathBuf {
    sibling(file, "nianbao-lock")
}

/// `.NAME.SUFFIX` beside `file`.
pub fn sibling(file: &Path, suffix: &str) -> PathBuf {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    file.with_file_name(format!(".{name}.{suffix}"))
}

/// A lock this process holds; dropping it removes the lock file.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

impl Lock {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// What happened when we tried to take a file's lock.
#[derive(Debug)]
pub enum Attempt {
    Taken(Lock),
    /// Someone else holds it (and is not known to be gone).
    Held(Holder),
    /// No lock could be written (a read-only folder): editing goes on without one.
    Unavailable(io::Error),
}

/// Takes the lock of `file`; a stale lock of a dead process of this host is taken over.
pub fn acquire(file: &Path) -> Attempt {
    let path = lock_path(file);
    for _ in 0..3 {
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o644)
            .open(&path)
        {
            Ok(mut f) => {
                return match f.write_all(Holder::me().render().as_bytes()) {
                    Ok(()) => Attempt::Taken(Lock { path }),
                    Err(e) => {
                        let _ = fs::remove_file(&path);
                        Attempt::Unavailable(e)
                    }
                };
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                let holder = fs::read_to_string(&path)
                    .ok()
                    .and_then(|t| Holder::parse(&t));
                match holder {
                    Some(h) if h.pid == std::process::id() && h.host == host_name() => {
                        return Attempt::Taken(Lock { path });
                    }
                    Some(h) if !h.is_stale() => return Attempt::Held(h),
                    // Stale, or unreadable garbage: take it over.
                    _ => {
                        let _ = fs::remove_file(&path);
                    }
                }
            }
            Err(e) => return Attempt::Unavailable(e),
        }
    }
    Attempt::Unavailable(io::Error::other("the lock file keeps changing"))
}

/// Takes the lock even though someone holds it (the user said the holder is gone).
pub fn take_over(file: &Path) -> Attempt {
    let _ = fs::remove_file(lock_path(file));
    acquire(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_editor_is_told_who_holds_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.toml");
        let Attempt::Taken(lock) = acquire(&file) else {
            panic!("first lock")
        };
        let text = fs::read_to_string(lock.path()).unwrap();
        assert!(text.contains(&format!("pid = {}", std::process::id())));
        // Another live process of this host holds it: pretend to be someone else by pid 1.
        fs::write(
            lock.path(),
            Holder {
                pid: 1,
                ..Holder::me()
            }
            .render(),
        )
        .unwrap();
        match acquire(&file) {
            Attempt::Held(h) => assert_eq!(h.pid, 1),
            other => panic!("{other:?}"),
        }
        drop(lock);
        assert!(!lock_path(&file).exists(), "dropping the lock removes it");
    }

    #[test]
    fn a_dead_process_lock_is_stale_and_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.toml");
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        fs::write(
            lock_path(&file),
            Holder {
                pid: dead,
                ..Holder::me()
            }
            .render(),
        )
        .unwrap();
        assert!(
            Holder {
                pid: dead,
                ..Holder::me()
            }
            .is_stale()
        );
        assert!(matches!(acquire(&file), Attempt::Taken(_)));
        // A lock from another host can't be judged stale.
        let other = Holder {
            host: "elsewhere".into(),
            pid: dead,
            ..Holder::me()
        };
        assert!(!other.is_stale());
    }

    #[test]
    fn garbage_lock_files_do_not_block() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.toml");
        fs::write(lock_path(&file), "\u{1b}[31mnonsense").unwrap();
        assert!(matches!(acquire(&file), Attempt::Taken(_)));
    }
}
