//! The recovery file: unsaved edits, kept current as they happen, beside the report
//! (`.NAME.nianbao-recover`, readable by its owner only). After a dropped SSH session, a kill or a
//! crash, the next `nianbao NAME` offers to recover, compare or discard it.
//!
//! It is a report file with a header of comments, so a person can read it too.

use std::fs::{self, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::load::{LoadError, load_str};
use super::lock::{self, Holder, sibling};
use crate::i18n::Lang;
use crate::i18n::session as msg;
use crate::report::Report;
use crate::template::Registry;

pub fn recovery_path(file: &Path) -> PathBuf {
    sibling(file, "nianbao-recover")
}

/// The file's text as the edits started from it (`.NAME.nianbao-base`), kept beside the
/// recovery file: when the file changed on disk after a crash, the unsaved edits are what
/// differs between it and the recovered report, and only those are put on the file's new text.
pub fn base_path(file: &Path) -> PathBuf {
    sibling(file, "nianbao-base")
}

/// A short fingerprint of a text (FNV-1a), to tell whether the file changed since it was opened.
pub fn fingerprint(text: &str) -> String {
    format!("{:016x}", fnv1a64(text.as_bytes()))
}

/// FNV-1a of 64 bits: the fingerprint as a number.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

const MAGIC: &str = "# nianbao recovery file";
/// The last line: the body's length and fingerprint. A file without it, or whose body does not
/// match it, was cut short (a crash while writing, a full disk) and is never trusted.
const END: &str = "# nianbao recovery end:";

/// Writes the recovery file for `file`: `report_text` is the report as it would be saved, and
/// `original` the file's text when it was opened (None for a new file).
pub fn write(file: &Path, report_text: &str, original: Option<&str>) -> io::Result<()> {
    let path = recovery_path(file);
    let me = Holder::me();
    let header = format!(
        "{MAGIC} of {}\n# by {me}\n# id = {}\n# original = {}\n",
        file.display().to_string().replace(['\n', '\r'], " "),
        me.id,
        original.map(fingerprint).unwrap_or_else(|| "none".into()),
    );
    let trailer = format!(
        "\n{END} {} bytes, {}\n",
        report_text.len(),
        fingerprint(report_text)
    );
    if let Some(original) = original {
        // Without it a recovery still works; it only cannot be merged with a changed file.
        let _ = keep_base(file, original);
    }
    write_private(
        file,
        &path,
        "nianbao-recover",
        &[
            header.as_bytes(),
            report_text.as_bytes(),
            trailer.as_bytes(),
        ],
    )?;
    if let (Some(dir), Some(name)) = (path.parent(), path.file_name()) {
        super::atomic::remove_stale_temps(dir, &format!("{}.", name.to_string_lossy()));
    }
    Ok(())
}

/// Writes `base_path(file)` to hold `original`, unless it does already (it is written once per
/// opened or saved version, not on every edit).
fn keep_base(file: &Path, original: &str) -> io::Result<()> {
    let path = base_path(file);
    match crate::read::read_bytes(&path, crate::read::REPORT_LIMIT) {
        Ok(held) if held == original.as_bytes() => Ok(()),
        _ => write_private(file, &path, "nianbao-base", &[original.as_bytes()]),
    }
}

/// Writes `parts` to `path`, readable by its owner only: written beside the report, flushed to
/// disk and renamed into place, so that a reader never sees half of it and a machine that loses
/// power keeps the last whole one.
fn write_private(file: &Path, path: &Path, kind: &str, parts: &[&[u8]]) -> io::Result<()> {
    let temp = sibling(file, &format!("{kind}.{}.tmp", std::process::id()));
    let _ = fs::remove_file(&temp);
    let written = (|| {
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&temp)?;
        f.set_permissions(fs::Permissions::from_mode(0o600))?;
        for part in parts {
            f.write_all(part)?;
        }
        f.sync_all()?;
        drop(f);
        fs::rename(&temp, path)
    })();
    if written.is_err() {
        // A full disk leaves an empty or partial temporary file: never leave it behind.
        let _ = fs::remove_file(&temp);
    }
    written
}

/// Removes the recovery file of `file`, whoever wrote it (the user chose to discard it).
pub fn remove(file: &Path) {
    let _ = fs::remove_file(recovery_path(file));
    let _ = fs::remove_file(base_path(file));
}

/// Removes the recovery file of `file` if this session wrote it: one written by an editor that
/// took the file over is theirs.
pub fn remove_own(file: &Path) {
    if is_own(file) {
        let _ = fs::remove_file(recovery_path(file));
        let _ = fs::remove_file(base_path(file));
    }
}

/// Whether the recovery file of `file` is there and this session wrote it (the unsaved edits of
/// the editor asking, not of an earlier one).
pub fn is_own(file: &Path) -> bool {
    let Ok(head) = crate::read::open_regular(&recovery_path(file))
        .and_then(|f| crate::read::read_limited(f.take(4096), 4096))
    else {
        return false;
    };
    let ours = format!("\n# id = {}\n", lock::session_id());
    String::from_utf8_lossy(&head).contains(&ours)
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
    /// The report as the recovered edits started from it, when the file changed and that
    /// version was kept (see [`base_path`]): what tells the edits from the file's own changes.
    pub base: Option<Report>,
}

/// Why a recovery file cannot be trusted.
#[derive(Debug)]
pub enum Corrupt {
    NotOurs,
    /// Its end is missing or does not match what it holds: it was cut short.
    Truncated,
    Unreadable(crate::read::ReadError),
    Invalid(LoadError),
}

impl Corrupt {
    /// Why, in the user's language.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Corrupt::NotOurs => msg::not_a_recovery_file(lang).to_string(),
            Corrupt::Truncated => msg::recovery_truncated(lang).to_string(),
            Corrupt::Unreadable(e) => msg::recovery_unreadable(&e.text(lang), lang),
            Corrupt::Invalid(e) => e.text(lang),
        }
    }
}

impl std::fmt::Display for Corrupt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// Reads the recovery file of `file`, if there is one. `current` is the file's text now.
pub fn find(
    file: &Path,
    current: Option<&str>,
    registry: &mut Registry,
) -> Option<Result<Found, Corrupt>> {
    let path = recovery_path(file);
    let bytes = match crate::read::read_bytes(&path, crate::read::REPORT_LIMIT + 4096) {
        Ok(b) => b,
        Err(e) if e.is_not_found() => return None,
        Err(e) => return Some(Err(Corrupt::Unreadable(e))),
    };
    let parsed = parse(&path, &bytes, current, registry);
    Some(parsed.map(
        |Parsed {
             mut found,
             original,
         }| {
            if found.file_changed {
                found.base = read_base(file, &original, registry);
            }
            found
        },
    ))
}

/// The version the edits started from, if it was kept and is the one the recovery file names.
fn read_base(file: &Path, original: &str, registry: &mut Registry) -> Option<Report> {
    let path = base_path(file);
    let bytes = crate::read::read_bytes(&path, crate::read::REPORT_LIMIT).ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    if fingerprint(text) != original {
        return None;
    }
    load_str(text, &path.display().to_string(), registry).ok()
}

/// A parsed recovery file, with the fingerprint of the text its edits started from.
struct Parsed {
    found: Found,
    original: String,
}

fn parse(
    path: &Path,
    bytes: &[u8],
    current: Option<&str>,
    registry: &mut Registry,
) -> Result<Parsed, Corrupt> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(Corrupt::NotOurs);
    };
    if !text.starts_with(MAGIC) {
        return Err(Corrupt::NotOurs);
    }
    let mut lines = text.splitn(5, '\n');
    let _magic = lines.next();
    let mut header = |prefix: &str| {
        lines
            .next()
            .and_then(|l| l.strip_prefix(prefix))
            .map(str::to_string)
            .ok_or(Corrupt::Truncated)
    };
    let by = header("# by ")?;
    let _id = header("# id = ")?;
    let original = header("# original = ")?;
    let rest = lines.next().unwrap_or("");
    let body = whole_body(rest).ok_or(Corrupt::Truncated)?;
    let report = load_str(body, &path.display().to_string(), registry).map_err(Corrupt::Invalid)?;
    let file_changed = match current {
        Some(now) => fingerprint(now) != original,
        None => original != "none",
    };
    Ok(Parsed {
        found: Found {
            path: path.to_path_buf(),
            report,
            text: body.to_string(),
            by,
            file_changed,
            base: None,
        },
        original,
    })
}

/// The body before the end line, if the end line is there and matches it.
fn whole_body(rest: &str) -> Option<&str> {
    let without_newline = rest.strip_suffix('\n')?;
    let at = without_newline.rfind('\n')?;
    let (body, end) = (&without_newline[..at], &without_newline[at + 1..]);
    let (length, hash) = end.strip_prefix(END)?.trim().split_once(" bytes, ")?;
    (length.parse::<usize>().ok()? == body.len() && hash == fingerprint(body)).then_some(body)
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
        assert!(found.base.is_none(), "read only when the file changed");
        let found = find(&file, Some("changed"), &mut Registry::default())
            .unwrap()
            .unwrap();
        assert!(found.file_changed);
        // The version the edits began from is kept beside it, private too, and read back.
        assert_eq!(fs::read_to_string(base_path(&file)).unwrap(), original);
        let base_mode = fs::metadata(base_path(&file)).unwrap().permissions().mode();
        assert_eq!(base_mode & 0o777, 0o600);
        assert_eq!(
            found.base.unwrap().tables,
            load_str(&original, "x", &mut Registry::default())
                .unwrap()
                .tables
        );
        // A base that is not the version the recovery file names is not used.
        fs::write(base_path(&file), original.replace("= [62,", "= [61,")).unwrap();
        let found = find(&file, Some("changed"), &mut Registry::default());
        assert!(found.unwrap().unwrap().base.is_none());
        remove(&file);
        assert!(find(&file, Some(&original), &mut Registry::default()).is_none());
        assert!(!base_path(&file).exists());
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
        let body = "template = \"gov-2021\"\n[requests.applications]\nnew = [1,\n";
        let invalid = format!(
            "{MAGIC} of x\n# by a@b (pid 1)\n# id = 1-1\n# original = none\n{body}\n{END} {} bytes, {}\n",
            body.len(),
            fingerprint(body)
        );
        fs::write(&path, invalid).unwrap();
        let Some(Err(corrupt)) = find(&file, None, &mut Registry::default()) else {
            panic!()
        };
        // Why, as the recovery prompt says it, in the user's language.
        assert!(corrupt.text(Lang::En).contains("not valid TOML"));
        let zh = corrupt.text(Lang::Zh);
        assert!(
            zh.contains("不是有效的 TOML") && !zh.contains("not valid"),
            "{zh}"
        );
        let aside = set_aside(&path).unwrap();
        assert!(aside.exists() && !path.exists());
    }

    /// Cut anywhere — at a row's end too, where what is left still reads as a report with fewer
    /// cells — a recovery file is never trusted.
    #[test]
    fn a_truncated_recovery_file_is_never_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.toml");
        let original = sample();
        let edited = original.replace("= [62,", "= [63,");
        write(&file, &edited, Some(&original)).unwrap();
        let whole = fs::read(recovery_path(&file)).unwrap();
        let cuts = whole
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .map(|(i, _)| i + 1)
            .chain([whole.len() - 1, whole.len() / 2]);
        for cut in cuts.filter(|c| *c < whole.len()) {
            let result = parse(
                Path::new("x"),
                &whole[..cut],
                None,
                &mut Registry::default(),
            );
            assert!(result.is_err(), "cut at {cut} was trusted");
        }
        assert!(parse(Path::new("x"), &whole, None, &mut Registry::default()).is_ok());
    }

    #[test]
    fn only_its_own_recovery_file_is_removed_by_a_session() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.toml");
        write(&file, &sample(), None).unwrap();
        let ours = fs::read_to_string(recovery_path(&file)).unwrap();
        let theirs = ours.replace(
            &format!("# id = {}", lock::session_id()),
            "# id = 1-elsewhere",
        );
        fs::write(recovery_path(&file), &theirs).unwrap();
        remove_own(&file);
        assert!(
            recovery_path(&file).exists(),
            "another session's file stays"
        );
        fs::write(recovery_path(&file), &ours).unwrap();
        remove_own(&file);
        assert!(!recovery_path(&file).exists());
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
