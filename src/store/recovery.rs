//! The recovery file: unsaved edits, kept current as they happen, beside the report
//! (`.NAME.nianbao-recover`, readable by its owner only). After a dropped SSH session, a kill or a
//! crash, the next `nianbao NAME` offers to recover, compare or discard it.
//!
//! It is a report file with a header of comments, so a person can read it too.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::load::{LoadError, load_str};
use super::lock::{Holder, sibling};
use crate::report::Report;
use crate::template::Registry;

pub fn recovery_path(file: &Path) -> PathBuf {
    sibling(file, "nianbao-recover")
}

/// A short fingerprint of a text (FNV-1a), to tell whether the file changed since it was opened.
pub fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

const MAGIC: &str = "# nianbao recovery file";

/// Writes the recovery file for `file`: `report_text` is the report as it would be saved, and
/// `original` the file's text when it was opened (None for a new file).
pub fn write(file: &Path, report_text: &str, original: Option<&str>) -> io::Result<()> {
    let path = recovery_path(file);
    let me = Holder::me();
    let header = format!(
        "{MAGIC} of {}\n# by {me}\n# original = {}\n",
        file.display().to_string().replace('\n', " "),
        original.map(fingerprint).unwrap_or_else(|| "none".into()),
    );
    // Written beside the report and renamed into place, so a reader never sees half of it. No
    // fsync: it only has to outlive this process, not the machine.
    let temp = sibling(file, &format!("nianbao-recover.{}.tmp", std::process::id()));
    let _ = fs::remove_file(&temp);
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&temp)?;
    f.set_permissions(fs::Permissions::from_mode(0o600))?;
    f.write_all(header.as_bytes())?;
    f.write_all(report_text.as_bytes())?;
    drop(f);
    fs::rename(&temp, &path).inspect_err(|_| {
        let _ = fs::remove_file(&temp);
    })
}

pub fn remove(file: &Path) {
    let _ = fs::remove_file(recovery_path(file));
}

/// A recovery file found beside a report.
#[derive(Debug)]
pub struct Found {
    pub path: PathBuf,
    pub report: Report,
    /// The report's text without the header: what saving the recovered report writes.
    pub text: String,
    /// Who wrote it: `user@host (pid N)`.
    pub by: String,
    /// Whether the file changed on disk after the recovered session opened it.
    pub file_changed: bool,
}

/// Why a recovery file cannot be trusted.
#[derive(Debug)]
pub enum Corrupt {
    NotOurs,
    Unreadable(io::Error),
    Invalid(LoadError),
}

impl std::fmt::Display for Corrupt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Corrupt::NotOurs => write!(f, "it is not a nianbao recovery file"),
            Corrupt::Unreadable(e) => write!(f, "it cannot be read: {e}"),
            Corrupt::Invalid(e) => write!(f, "{e}"),
        }
    }
}

/// Reads the recovery file of `file`, if there is one. `current` is the file's text now.
pub fn find(
    file: &Path,
    current: Option<&str>,
    registry: &mut Registry,
) -> Option<Result<Found, Corrupt>> {
    let path = recovery_path(file);
    let bytes = match fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return None,
        Err(e) => return Some(Err(Corrupt::Unreadable(e))),
    };
    Some(parse(&path, &bytes, current, registry))
}

fn parse(
    path: &Path,
    bytes: &[u8],
    current: Option<&str>,
    registry: &mut Registry,
) -> Result<Found, Corrupt> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(Corrupt::NotOurs);
    };
    if !text.starts_with(MAGIC) {
        return Err(Corrupt::NotOurs);
    }
    let mut lines = text.splitn(4, '\n');
    let _magic = lines.next();
    let by = lines
        .next()
        .and_then(|l| l.strip_prefix("# by "))
        .ok_or(Corrupt::NotOurs)?
        .to_string();
    let original = lines
        .next()
        .and_then(|l| l.strip_prefix("# original = "))
        .ok_or(Corrupt::NotOurs)?
        .to_string();
    let body = lines.next().unwrap_or("");
    let report = load_str(body, &path.display().to_string(), registry).map_err(Corrupt::Invalid)?;
    let file_changed = match current {
        Some(now) => fingerprint(now) != original,
        None => original != "none",
    };
    Ok(Found {
        path: path.to_path_buf(),
        report,
        text: body.to_string(),
        by,
        file_changed,
    })
}

/// Moves an untrustworthy recovery file aside, so it is kept for a person but not offered again.
pub fn set_aside(found_path: &Path) -> io::Result<PathBuf> {
    let aside = found_path.with_extension("corrupt");
    fs::rename(found_path, &aside)?;
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample() -> String {
        fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/samples/shiyan-2024.toml"
        ))
        .unwrap()
    }

    #[test]
    fn written_recovery_reads_back_private_to_its_owner() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.toml");
        let original = sample();
        fs::write(&file, &original).unwrap();
        let edited = original.replace("= [62,", "= [63,");
        write(&file, &edited, Some(&original)).unwrap();
        let mode = fs::metadata(recovery_path(&file))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
        let found = find(&file, Some(&original), &mut Registry::default())
            .unwrap()
            .unwrap();
        assert_eq!(found.text, edited);
        assert!(!found.file_changed);
        assert!(found.by.contains(&format!("pid {}", std::process::id())));
        let found = find(&file, Some("changed"), &mut Registry::default())
            .unwrap()
            .unwrap();
        assert!(found.file_changed);
        remove(&file);
        assert!(find(&file, Some(&original), &mut Registry::default()).is_none());
    }

    #[test]
    fn a_corrupt_recovery_file_is_reported_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.toml");
        let path = recovery_path(&file);
        fs::write(&path, "garbage").unwrap();
        assert!(matches!(
            find(&file, None, &mut Registry::default()),
            Some(Err(Corrupt::NotOurs))
        ));
        let half = format!(
            "{MAGIC} of x\n# by a@b (pid 1)\n# original = none\ntemplate = \"gov-2021\"\n[requests.applications]\nnew = [1,"
        );
        fs::write(&path, half).unwrap();
        let Some(Err(Corrupt::Invalid(e))) = find(&file, None, &mut Registry::default()) else {
            panic!()
        };
        assert!(e.to_string().contains("not valid TOML"));
        let aside = set_aside(&path).unwrap();
        assert!(aside.exists() && !path.exists());
    }

    proptest! {
        #[test]
        fn random_bytes_never_panic_the_reader(bytes in proptest::collection::vec(any::<u8>(), 0..400), header in any::<bool>()) {
            let mut data = if header { format!("{MAGIC} of x\n# by a\n# original = none\n").into_bytes() } else { Vec::new() };
            data.extend(bytes);
            let _ = parse(Path::new("x"), &data, None, &mut Registry::default());
        }
    }
}
