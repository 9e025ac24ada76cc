//! Replacing a file so that a crash at any moment leaves either the old or the new contents.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use crate::i18n::session as msg;

/// The file a write to `path` must replace: a symlink's target, so the link itself survives.
pub fn resolve_target(path: &Path) -> io::Result<PathBuf> {
    let mut target = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&target) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&target)?;
                target = match target.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            Ok(_) => return Ok(target),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(target),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

fn temp_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.nianbao-")
}

/// Whether `path` is (or links to) a device, a pipe or a socket: something written into, as a
/// shell's `>` does, never replaced by a new file.
pub fn is_device_or_pipe(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// Writes `bytes` to `path` atomically: a new file in the same folder (created exclusively, so a
/// planted symlink is never followed), flushed to disk, renamed over the original, and the folder
/// flushed too. The original's permissions are kept. On any error the original is untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// As [`write_atomic`], the new content written by `write` as it comes (a table of many rows,
/// never held whole); an error from `write` leaves the original untouched too.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let target = resolve_target(path)?;
    // A device or a pipe (`-o /dev/null`, `-o >(gzip …)`) is written into, as a shell's `>`
    // does: renaming a new file over it would replace the device itself (run as root, /dev/null
    // became a regular file).
    if is_device_or_pipe(&target) {
        let mut file = OpenOptions::new().write(true).open(&target)?;
        write(&mut file)?;
        return file.flush();
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let old = match fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let mode = old
        .as_ref()
        .map_or(0o644, |meta| meta.permissions().mode() & 0o7777);
    let prefix = temp_prefix(&target);
    // Created exclusively: a file or symlink someone planted under our name is never opened;
    // we pick another name instead.
    let mut attempt = 0;
    let (temp, mut file) = loop {
        let temp = dir.join(format!(
            "{prefix}{}-{}.tmp",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&temp)
        {
            Ok(file) => break (temp, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(folder_error(e, &dir)),
        }
    };
    let result = (|| {
        write(&mut file)?;
        if let Some(old) = &old {
            super::guard::keep_owner(&file, old);
        }
        // The umask may have narrowed the mode given at creation; set it exactly. (After the
        // owner: changing the owner clears set-user-id bits.)
        file.set_permissions(fs::Permissions::from_mode(mode))?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, &target)?;
        File::open(&dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result?;
    remove_stale_temps(&dir, &prefix);
    Ok(())
}

/// The folder is the problem, not the file: a save writes a new file beside the report, so it
/// needs to be allowed to create files in the folder.
#[derive(Debug)]
pub struct FolderNotWritable {
    pub folder: PathBuf,
    pub source: io::Error,
}

impl std::fmt::Display for FolderNotWritable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "cannot create a file in the folder {} ({}); saving writes a new file beside the report",
            self.folder.display(),
            self.source
        )
    }
}

impl std::error::Error for FolderNotWritable {}

fn folder_error(e: io::Error, dir: &Path) -> io::Error {
    match e.kind() {
        io::ErrorKind::PermissionDenied
        | io::ErrorKind::ReadOnlyFilesystem
        | io::ErrorKind::NotFound => io::Error::new(
            e.kind(),
            FolderNotWritable {
                folder: dir.to_path_buf(),
                source: e,
            },
        ),
        _ => e,
    }
}

/// Why a write failed, in the user's language.
pub fn error_text(e: &io::Error, lang: crate::i18n::Lang) -> String {
    if let Some(folder) = e
        .get_ref()
        .and_then(|r| r.downcast_ref::<FolderNotWritable>())
    {
        let shown = crate::visible::visible(&folder.folder.display().to_string()).into_owned();
        if folder.source.kind() == io::ErrorKind::NotFound {
            return msg::folder_missing(&shown, lang);
        }
        let why = crate::read::io_text(&folder.source, lang);
        return msg::folder_not_writable(&shown, &why, lang);
    }
    crate::read::io_text(e, lang)
}

/// Whether the process that wrote a temporary file (its pid is in the name) is gone.
fn writer_is_gone(name: &str, prefix: &str) -> bool {
    let pid = name
        .strip_prefix(prefix)
        .and_then(|rest| rest.split(['-', '.']).next())
        .and_then(|pid| pid.parse::<i32>().ok());
    match pid {
        Some(pid) if pid == std::process::id() as i32 => true,
        Some(pid) => {
            // SAFETY: kill with signal 0 only checks whether the process exists.
            let rc = unsafe { libc::kill(pid, 0) };
            rc != 0 && io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH)
        }
        None => false,
    }
}

/// Temporary files left by a save that was killed half-way: once a later save has succeeded the
/// real file holds newer contents, so those of writers that are gone can go too.
pub(super) fn remove_stale_temps(dir: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let is_ours =
            name.starts_with(prefix) && name.ends_with(".tmp") && writer_is_gone(&name, prefix);
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_ours && is_file {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A device is written into, never replaced by a file renamed over it.
    #[test]
    fn a_device_is_written_into_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        // A FIFO stands for any file that is not a regular one (making a device needs root).
        let fifo = dir.path().join("pipe");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid C string and mode.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        write_atomic(&fifo, b"through the pipe").unwrap();
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    }

    /// Root may write in any folder, so the tests of a real read-only folder run only for other
    /// users; the word the user reads is checked here for everyone.
    #[test]
    fn a_folder_that_refuses_new_files_is_named_as_the_problem() {
        let dir = Path::new("/srv/reports");
        for kind in [
            io::ErrorKind::PermissionDenied,
            io::ErrorKind::ReadOnlyFilesystem,
        ] {
            let e = folder_error(io::Error::from(kind), dir);
            assert_eq!(e.kind(), kind);
            let said = e.to_string();
            assert!(said.contains("folder /srv/reports"), "{said}");
            assert!(said.contains("beside the report"), "{said}");
        }
        // A folder that is not there is named as missing, in the user's language.
        let missing = folder_error(io::Error::from(io::ErrorKind::NotFound), dir);
        let zh = error_text(&missing, crate::i18n::Lang::Zh);
        assert_eq!(
            zh,
            "文件夹 /srv/reports 不存在；请先建立它，或用 :w 另存到已有的文件夹"
        );
        let other = folder_error(io::Error::from(io::ErrorKind::StorageFull), dir);
        assert!(!other.to_string().contains("folder"), "{other}");
    }
}
