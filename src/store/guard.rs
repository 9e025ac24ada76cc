//! What a save should ask about before it writes: the file changed on disk, someone took over its
//! lock, its owner would change, it is read-only, or it has other names (hard links) that an
//! atomic save would leave holding the old contents.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use crate::i18n::Lang;

/// One reason to ask before saving.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Doubt {
    /// The file no longer holds what was read or last written.
    ChangedOnDisk,
    /// The file was there when read or last written, and is gone.
    DeletedOnDisk,
    /// A file is there already where none was expected (saving under a new name, or a new
    /// report someone else created meanwhile): saving replaces it.
    Exists,
    /// Another editor took over the file's lock (`None`: the lock is gone).
    LockTaken(Option<String>),
    /// The file belongs to another user (or a group this user is not in): saving makes a new
    /// file that belongs to this user.
    OwnerChanges { owner: String },
    /// The file is read-only, or this user may not write it.
    ReadOnly,
    /// The file has this many other names; they would keep the old contents.
    HardLinks(u64),
}

impl Doubt {
    /// The question's reason, in the user's language.
    pub fn text(&self, lang: Lang) -> String {
        use crate::i18n::session as msg;
        match self {
            Doubt::ChangedOnDisk => msg::changed_on_disk(lang).to_string(),
            Doubt::DeletedOnDisk => msg::deleted_on_disk(lang).to_string(),
            Doubt::Exists => msg::exists(lang).to_string(),
            Doubt::LockTaken(Some(holder)) => msg::lock_taken_by(holder, lang),
            Doubt::LockTaken(None) => msg::lock_removed(lang).to_string(),
            Doubt::OwnerChanges { owner } => msg::owner_changes(owner, lang),
            Doubt::ReadOnly => msg::file_read_only(lang).to_string(),
            Doubt::HardLinks(n) => msg::hard_links(*n, lang),
        }
    }
}

/// Whether the file still holds `expected` (`None`: that it does not exist). A FIFO or device
/// planted under its name does not.
pub fn unchanged_on_disk(path: &Path, expected: &Option<String>) -> bool {
    match (
        crate::read::read_bytes(path, crate::read::REPORT_LIMIT),
        expected,
    ) {
        (Ok(bytes), Some(text)) => bytes == text.as_bytes(),
        (Err(e), None) => e.is_not_found(),
        _ => false,
    }
}

/// What to ask before writing `path`, which should hold `expected`.
pub fn doubts(path: &Path, expected: &Option<String>) -> Vec<Doubt> {
    let mut doubts = Vec::new();
    // A folder under the name is no file to ask about: the save refuses it with a sentence.
    if fs::metadata(path).is_ok_and(|m| m.is_dir()) {
        return doubts;
    }
    if !unchanged_on_disk(path, expected) {
        doubts.push(match expected {
            None if path.exists() => Doubt::Exists,
            Some(_) if fs::symlink_metadata(path).is_err() => Doubt::DeletedOnDisk,
            _ => Doubt::ChangedOnDisk,
        });
    }
    let target = super::atomic::resolve_target(path).unwrap_or_else(|_| path.to_path_buf());
    let Ok(meta) = fs::metadata(&target) else {
        return doubts;
    };
    if let Some(owner) = foreign_owner(&meta) {
        doubts.push(Doubt::OwnerChanges { owner });
    }
    if meta.permissions().mode() & 0o222 == 0 || !may_write(&target) {
        doubts.push(Doubt::ReadOnly);
    }
    if meta.nlink() > 1 {
        doubts.push(Doubt::HardLinks(meta.nlink() - 1));
    }
    doubts
}

fn may_write(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: a valid C string; access only reads it.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}

/// The owner a new file could not keep: another user, unless we are root (who can give the new
/// file any owner), or a group we are not in.
fn foreign_owner(meta: &fs::Metadata) -> Option<String> {
    // SAFETY: these calls cannot fail.
    let (euid, egid) = unsafe { (libc::geteuid(), libc::getegid()) };
    if euid == 0 {
        return None;
    }
    if meta.uid() != euid {
        return Some(user_name(meta.uid()));
    }
    if meta.gid() != egid && !in_group(meta.gid()) {
        return Some(format!("{}:{}", user_name(meta.uid()), meta.gid()));
    }
    None
}

fn in_group(gid: libc::gid_t) -> bool {
    let mut groups = vec![0 as libc::gid_t; 256];
    // SAFETY: the buffer holds as many entries as we say.
    let n = unsafe { libc::getgroups(groups.len() as libc::c_int, groups.as_mut_ptr()) };
    n > 0 && groups[..n as usize].contains(&gid)
}

/// A user's name, or `uid N` when the system does not know it.
pub(crate) fn user_name(uid: libc::uid_t) -> String {
    let mut buf = vec![0 as libc::c_char; 1024];
    let mut pwd = std::mem::MaybeUninit::<libc::passwd>::uninit();
    let mut result = std::ptr::null_mut();
    // SAFETY: every pointer is valid for the sizes given; getpwuid_r writes into them only.
    let rc = unsafe {
        libc::getpwuid_r(
            uid,
            pwd.as_mut_ptr(),
            buf.as_mut_ptr(),
            buf.len(),
            &mut result,
        )
    };
    if rc != 0 || result.is_null() {
        return format!("uid {uid}");
    }
    // SAFETY: getpwuid_r succeeded, so pw_name points to a C string inside `buf`.
    unsafe { std::ffi::CStr::from_ptr((*result).pw_name) }
        .to_string_lossy()
        .into_owned()
}

/// Gives a new file the owner and group of the file it replaces, as far as this user may: root
/// keeps both, another user at least the group when they are in it.
pub fn keep_owner(new: &fs::File, old: &fs::Metadata) {
    use std::os::fd::AsRawFd;
    let fd = new.as_raw_fd();
    // SAFETY: a valid descriptor; fchown changes only that file. Failures leave the owner as it
    // was made, which the save asked about beforehand.
    unsafe {
        if libc::fchown(fd, old.uid(), old.gid()) != 0 {
            libc::fchown(fd, u32::MAX, old.gid());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_is_named_as_the_system_names_them() {
        // uid 0 is root on every Linux system; a uid no one has is said as a number.
        assert_eq!(user_name(0), "root");
        assert_eq!(user_name(4_000_000_123), "uid 4000000123");
    }

    #[test]
    fn read_only_files_and_hard_links_are_asked_about() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.toml");
        fs::write(&file, "a").unwrap();
        let expected = Some("a".to_string());
        assert_eq!(doubts(&file, &expected), vec![]);
        assert_eq!(doubts(&file, &Some("b".into())), vec![Doubt::ChangedOnDisk]);
        fs::hard_link(&file, dir.path().join("other.toml")).unwrap();
        assert_eq!(doubts(&file, &expected), vec![Doubt::HardLinks(1)]);
        fs::remove_file(dir.path().join("other.toml")).unwrap();
        fs::set_permissions(&file, fs::Permissions::from_mode(0o444)).unwrap();
        assert_eq!(doubts(&file, &expected), vec![Doubt::ReadOnly]);
        assert_eq!(doubts(&dir.path().join("new.toml"), &None), vec![]);
        // Deleted since it was read: said as deleted, not as changed.
        let gone = dir.path().join("gone.toml");
        assert_eq!(doubts(&gone, &expected), vec![Doubt::DeletedOnDisk]);
        // A folder under the name: nothing to ask, the save itself refuses it.
        let folder = dir.path().join("folder");
        fs::create_dir(&folder).unwrap();
        assert_eq!(doubts(&folder, &None), vec![]);
    }

    #[test]
    fn every_doubt_speaks_both_languages() {
        let all = [
            Doubt::ChangedOnDisk,
            Doubt::DeletedOnDisk,
            Doubt::LockTaken(Some("a@b (pid 1)".into())),
            Doubt::LockTaken(None),
            Doubt::OwnerChanges {
                owner: "nobody".into(),
            },
            Doubt::ReadOnly,
            Doubt::HardLinks(2),
        ];
        for d in all {
            assert!(d.text(Lang::Zh).chars().any(|c| c > '\u{2e80}'), "{d:?}");
            assert!(d.text(Lang::En).is_ascii(), "{d:?}");
        }
    }
}
