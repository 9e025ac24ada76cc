//! Where `export -o` and `import -o` may write: never over the file being read, and over an
//! existing file only when the user says so with `--force`. Both commands go through
//! [`guard_output`] before they read or write anything, so a refused command writes nothing.

use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use super::Failure;
use crate::i18n::Lang;
use crate::i18n::cli as msg;

/// The file a path names, by device and inode: a symlink or a hard link to the input is the input.
fn identity(path: &Path) -> Option<(u64, u64)> {
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// Refuses an `-o OUTPUT` that is the input file itself (whatever `force` says: the command would
/// replace what it reads), or that already exists unless `force`. `input` is `None` when the
/// input is standard input.
pub fn guard_output(
    input: Option<&Path>,
    output: &Path,
    force: bool,
    lang: Lang,
) -> Result<(), Failure> {
    if let Some(input) = input
        && let (Some(a), Some(b)) = (identity(input), identity(output))
        && a == b
    {
        return Err(Failure(msg::output_is_input(output, lang)));
    }
    // A dangling symlink counts as existing: writing would create the file it points to.
    let exists = match std::fs::symlink_metadata(output) {
        Ok(_) => true,
        Err(e) if e.kind() == io::ErrorKind::NotFound => false,
        Err(e) => return Err(Failure(msg::cannot_write(output, &e, lang))),
    };
    if exists && !force && !crate::store::atomic::is_device_or_pipe(output) {
        return Err(Failure(msg::output_exists(output, lang)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_input_is_never_overwritten_and_an_existing_output_only_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("r.toml");
        std::fs::write(&input, "x").unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&input, &link).unwrap();
        let hard = dir.path().join("hard.toml");
        std::fs::hard_link(&input, &hard).unwrap();
        let other = dir.path().join("other.html");
        std::fs::write(&other, "y").unwrap();
        let new = dir.path().join("new.html");
        for same in [&input, &link, &hard] {
            for force in [false, true] {
                let e = guard_output(Some(&input), same, force, Lang::En).unwrap_err();
                assert!(e.0.contains("is the input file"), "{}", e.0);
            }
        }
        let e = guard_output(Some(&input), &other, false, Lang::Zh).unwrap_err();
        assert!(e.0.contains("已存在") && e.0.contains("--force"), "{}", e.0);
        assert!(guard_output(Some(&input), &other, true, Lang::En).is_ok());
        assert!(guard_output(Some(&input), &new, false, Lang::En).is_ok());
        assert!(guard_output(None, &new, false, Lang::En).is_ok());
        let dangling = dir.path().join("dangling");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
        assert!(guard_output(None, &dangling, false, Lang::En).is_err());
    }
}
