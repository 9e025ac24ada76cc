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
    /// This editing session, unique even when a pid is reused: a lock or recovery file is removed
    /// only by the session whose id it holds.
    pub id: String,
    /// The locked file's device and inode (`dev:ino`), so that another name of the same file (a
    /// hard link beside it) is seen to be locked too.
    pub inode: String,
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}@{} (pid {})", self.user, self.host, self.pid)
    }
}

/// This process's session id: its pid and the moment it started, to the nanosecond.
pub fn session_id() -> &'static str {
    static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ID.get_or_init(|| {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        format!("{}-{nanos:x}", std::process::id())
    })
}

impl Holder {
    pub fn me() -> Holder {
        Holder {
            user: user_name(),
            host: host_name(),
            pid: std::process::id(),
            id: session_id().to_string(),
            inode: String::new(),
        }
    }

    fn parse(text: &str) -> Option<Holder> {
        let mut user = None;
        let mut host = None;
        let mut pid = None;
        let mut id = String::new();
        let mut inode = String::new();
        for line in text.lines() {
            match line.split_once('=').map(|(k, v)| (k.trim(), v.trim())) {
                Some(("user", v)) => user = Some(v.to_string()),
                Some(("host", v)) => host = Some(v.to_string()),
                Some(("pid", v)) => pid = v.parse().ok(),
                Some(("id", v)) => id = v.to_string(),
                Some(("inode", v)) => inode = v.to_string(),
                _ => {}
            }
        }
        Some(Holder {
            user: user?,
            host: host?,
            pid: pid?,
            id,
            inode,
        })
    }

    fn render(&self) -> String {
        format!(
            "# nianbao is editing the file next to this one\nuser = {}\nhost = {}\npid = {}\nid = {}\ninode = {}\n",
            self.user, self.host, self.pid, self.id, self.inode
        )
    }

    /// Whether this holder is certainly gone: a process of this host that no longer runs.
    pub fn is_stale(&self) -> bool {
        if self.host != host_name() {
            return false;
        }
        // Pid 0 is no process: `kill(0, 0)` would ask about our own process group instead.
        let Ok(pid) = i32::try_from(self.pid) else {
            return true;
        };
        if pid <= 0 {
            return true;
        }
        // SAFETY: kill with signal 0 only checks that the process exists.
        let alive = unsafe { libc::kill(pid, 0) } == 0
            || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM);
        !alive
    }

    /// Whether this holder is certainly still editing: a process of this host that runs. Taking
    /// over from it would leave two editors saving over each other.
    pub fn runs_here(&self) -> bool {
        self.host == host_name() && !self.is_stale()
    }

    fn is_me(&self) -> bool {
        self.id == session_id() && self.host == host_name()
    }
}

pub fn user_name() -> String {
    ["USER", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        // Not set (a service, `su` without a login, a container): the name the system has for
        // the user, as `whoami` says it.
        // SAFETY: getuid cannot fail.
        .unwrap_or_else(|| super::guard::user_name(unsafe { libc::getuid() }))
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

/// The file a name stands for, symlinks resolved (in every component), so that every path to one
/// report shares its lock and recovery file. A file that does not exist yet is resolved through
/// its folder.
pub fn resolve(file: &Path) -> PathBuf {
    if let Ok(real) = fs::canonicalize(file) {
        return real;
    }
    // Not there yet (a new report), or behind a dangling link: the link's target, in the
    // resolved folder.
    let target = super::atomic::resolve_target(file).unwrap_or_else(|_| file.to_path_buf());
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match (fs::canonicalize(parent), target.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => target,
    }
}

/// `.NAME.SUFFIX` beside the file `file` stands for.
pub fn sibling(file: &Path, suffix: &str) -> PathBuf {
    let real = resolve(file);
    let name = real
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    real.with_file_name(format!(".{name}.{suffix}"))
}

fn inode_of(file: &Path) -> String {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(file)
        .map(|m| format!("{}:{}", m.dev(), m.ino()))
        .unwrap_or_default()
}

/// What a lock file holds, if it is a lock file that can be read (a FIFO or a huge file planted
/// under its name is not).
fn read_holder(path: &Path) -> Option<Holder> {
    let bytes = crate::read::read_bytes(path, 64 << 10).ok()?;
    Holder::parse(std::str::from_utf8(&bytes).ok()?)
}

/// Removes the lock file at `path` if this session still holds it: a lock someone took over is
/// theirs now. Safe to call from a signal thread.
pub fn release(path: &Path) {
    if read_holder(path).is_some_and(|h| h.is_me()) {
        let _ = fs::remove_file(path);
    }
}

/// A lock this process holds; dropping it removes the lock file, if it is still ours.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    file: PathBuf,
}

impl Lock {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Who holds the lock now, when it is no longer this session (someone took it over, or it was
    /// removed: `None` inside then means nobody).
    pub fn lost(&self) -> Option<Option<Holder>> {
        match read_holder(&self.path) {
            Some(h) if h.is_me() => None,
            other => Some(other),
        }
    }

    /// After a save replaced the file (a new inode), the lock says so, if it is still ours.
    pub fn refresh(&self) {
        if self.lost().is_none() {
            let _ = write_lock(&self.path, &self.file, false);
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        release(&self.path);
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

/// Writes this session's lock for `file` at `path`: created exclusively (`new`), or replacing
/// our own lock through a rename so that a reader never sees half of it.
fn write_lock(path: &Path, file: &Path, new: bool) -> io::Result<()> {
    let holder = Holder {
        inode: inode_of(file),
        ..Holder::me()
    };
    if new {
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o644)
            .open(path)?;
        return f.write_all(holder.render().as_bytes()).inspect_err(|_| {
            let _ = fs::remove_file(path);
        });
    }
    let temp = sibling(file, &format!("nianbao-lock.{}.tmp", std::process::id()));
    let _ = fs::remove_file(&temp);
    let written = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o644)
        .open(&temp)
        .and_then(|mut f| f.write_all(holder.render().as_bytes()))
        .and_then(|()| fs::rename(&temp, path));
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

/// A live editor holding `file` under another name in the same folder (a hard link).
fn held_under_another_name(file: &Path, own_lock: &Path) -> Option<Holder> {
    let inode = inode_of(file);
    if inode.is_empty() {
        return None;
    }
    let dir = own_lock.parent()?;
    fs::read_dir(dir).ok()?.flatten().find_map(|entry| {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with('.') && name.ends_with(".nianbao-lock")) || entry.path() == own_lock {
            return None;
        }
        read_holder(&entry.path()).filter(|h| h.inode == inode && !h.is_me() && !h.is_stale())
    })
}

/// Takes the lock of `file`; a stale lock of a dead process of this host is taken over.
pub fn acquire(file: &Path) -> Attempt {
    let file = resolve(file);
    let path = lock_path(&file);
    if let Some(holder) = held_under_another_name(&file, &path) {
        return Attempt::Held(holder);
    }
    for _ in 0..3 {
        match write_lock(&path, &file, true) {
            Ok(()) => return Attempt::Taken(Lock { path, file }),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => match read_holder(&path) {
                Some(h) if h.is_me() => return Attempt::Taken(Lock { path, file }),
                Some(h) if !h.is_stale() => return Attempt::Held(h),
                // Stale, or not a lock at all (garbage, a FIFO): take it over.
                _ => {
                    let _ = fs::remove_file(&path);
                }
            },
            Err(e) => return Attempt::Unavailable(e),
        }
    }
    Attempt::Unavailable(io::Error::other("the lock file keeps changing"))
}

/// Takes the lock even though someone holds it (the user said the holder is gone; offered only
/// when that cannot be checked, for a holder on another host). The other editor, if it is still
/// running after all, learns of it when it next saves.
pub fn take_over(file: &Path) -> Attempt {
    let file = resolve(file);
    let path = lock_path(&file);
    match write_lock(&path, &file, false) {
        Ok(()) => Attempt::Taken(Lock { path, file }),
        Err(e) => Attempt::Unavailable(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn someone(pid: u32) -> Holder {
        Holder {
            pid,
            id: format!("{pid}-elsewhere"),
            ..Holder::me()
        }
    }

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
        fs::write(lock.path(), someone(1).render()).unwrap();
        match acquire(&file) {
            Attempt::Held(h) => assert_eq!(h.pid, 1),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_lock_taken_over_is_not_removed_by_its_old_holder() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.toml");
        let Attempt::Taken(lock) = acquire(&file) else {
            panic!("first lock")
        };
        assert!(lock.lost().is_none());
        // The other editor took it over.
        fs::write(lock.path(), someone(1).render()).unwrap();
        assert_eq!(lock.lost(), Some(Some(someone(1))));
        release(lock.path());
        drop(lock);
        let left = fs::read_to_string(lock_path(&file)).unwrap();
        assert!(left.contains("pid = 1"), "{left}");
    }

    #[test]
    fn dropping_our_lock_removes_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.toml");
        let Attempt::Taken(lock) = acquire(&file) else {
            panic!("first lock")
        };
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
        fs::write(lock_path(&file), someone(dead).render()).unwrap();
        assert!(someone(dead).is_stale());
        assert!(someone(0).is_stale(), "pid 0 is no process");
        assert!(!someone(1).is_stale());
        assert!(matches!(acquire(&file), Attempt::Taken(_)));
        // A lock from another host can't be judged stale.
        let other = Holder {
            host: "elsewhere".into(),
            ..someone(dead)
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

    #[test]
    fn a_fifo_planted_as_the_lock_does_not_hang() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.toml");
        let c = std::ffi::CString::new(lock_path(&file).to_str().unwrap()).unwrap();
        // SAFETY: a valid C string and mode.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(matches!(acquire(&file), Attempt::Taken(_)));
    }

    #[test]
    fn every_name_of_one_file_shares_its_lock() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.toml");
        fs::write(&file, "x").unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        let hard = dir.path().join("hard.toml");
        fs::hard_link(&file, &hard).unwrap();
        let Attempt::Taken(lock) = acquire(&file) else {
            panic!("first lock")
        };
        assert_eq!(lock_path(&link), lock_path(&file));
        // Someone else holds the file under its first name.
        let theirs = Holder {
            inode: inode_of(&file),
            ..someone(1)
        };
        fs::write(lock.path(), theirs.render()).unwrap();
        assert!(
            matches!(acquire(&link), Attempt::Held(_)),
            "through a symlink"
        );
        assert!(
            matches!(acquire(&hard), Attempt::Held(_)),
            "through a hard link"
        );
    }
}
