//! A folder of department reports to try the queue on, as an office receives them: most pass,
//! some carry over the wrong numbers from last year (上年结转) or add a row up wrong, one cannot be
//! read, and a stray TOML is not a report at all. Beside it, the folder of last year's reports,
//! one per department, each named by that department's report: the office keeps each year's
//! reports in a folder of their own. The tests of the queue use it, and so can anyone wanting to
//! see the queue without real reports (`examples/review_folder.rs`).

use std::io;
use std::path::{Path, PathBuf};

const LAST_YEAR: &str = include_str!("../../samples/shiyan-2023.toml");
const THIS_YEAR: &str = include_str!("../../samples/shiyan-2024.toml");
const AGENCY: &str = "示例市自然资源和规划局";

/// Department `i`'s file name.
pub fn department_file(i: usize) -> String {
    format!("dept-{i:02}.toml")
}

/// Whether department `i` carried over the wrong numbers (breaks 上年结转 and two sums).
pub fn carries_wrong(i: usize) -> bool {
    i % 8 == 3
}

/// Whether department `i` added 予以公开 up wrong (a row total, and the text no longer agrees).
pub fn adds_wrong(i: usize) -> bool {
    i % 13 == 5
}

/// The folder of this year's reports under `root`, the one to review.
pub fn this_year(root: &Path) -> PathBuf {
    root.join("2024")
}

/// The folder of last year's reports under `root`, beside [`this_year`]'s.
pub fn last_year(root: &Path) -> PathBuf {
    root.join("2023")
}

/// Department `i`'s agency.
pub fn department_agency(i: usize) -> String {
    format!("示例市第{i:02}局")
}

/// Writes `count` department reports (numbered from 1), `dept-bad.toml` that is not valid TOML
/// and `config.toml` that is not a report into [`this_year`] of `root`, and each department's
/// last year's report, which its report names, into [`last_year`]. Returns the folder to review.
pub fn write_folder(root: &Path, count: usize) -> io::Result<PathBuf> {
    let dir = this_year(root);
    let archive = last_year(root);
    std::fs::create_dir_all(&dir)?;
    std::fs::create_dir_all(&archive)?;
    for i in 1..=count {
        let agency = department_agency(i);
        std::fs::write(
            archive.join(department_file(i)),
            LAST_YEAR.replace(AGENCY, &agency),
        )?;
        let mut text = THIS_YEAR.replace(AGENCY, &agency).replacen(
            "previous = \"shiyan-2023.toml\"",
            &format!("previous = \"../2023/{}\"", department_file(i)),
            1,
        );
        if carries_wrong(i) {
            text = text.replacen(
                "carried                            = [4, 1,",
                "carried                            = [9, 1,",
                1,
            );
        }
        if adds_wrong(i) {
            text = text.replacen("= [21, 3, 0, 1, 1, 0, 26]", "= [21, 3, 0, 1, 1, 0, 27]", 1);
        }
        std::fs::write(dir.join(department_file(i)), text)?;
    }
    std::fs::write(
        dir.join("dept-bad.toml"),
        "template = \"gov-2021\"\nagency = \"坏文件局\nyear = 2024\n",
    )?;
    std::fs::write(dir.join("config.toml"), "[server]\nport = 8080\n")?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_planted_defects_are_in_the_files() {
        let root = tempfile::tempdir().unwrap();
        let dir = write_folder(root.path(), 13).unwrap();
        let read = |i| std::fs::read_to_string(dir.join(department_file(i))).unwrap();
        assert!(read(3).contains("[9, 1,"), "carried wrong");
        assert!(read(5).contains("0, 27]"), "added wrong");
        assert!(read(1).contains("示例市第01局") && !read(1).contains(AGENCY));
    }

    #[test]
    fn each_department_is_checked_against_its_own_last_year() {
        let root = tempfile::tempdir().unwrap();
        let dir = write_folder(root.path(), 13).unwrap();
        let mut registry = crate::template::Registry::default();
        for i in [1, 2, 13] {
            let path = dir.join(department_file(i));
            let (report, _) = crate::store::load_file(&path, &mut registry).unwrap();
            let previous = crate::store::previous::path_of(&report, &path).unwrap();
            let (last, _) = crate::store::load_file(&previous, &mut registry).unwrap();
            assert_eq!(report.agency, department_agency(i));
            assert_eq!(last.agency, report.agency, "{}", previous.display());
            assert_eq!(last.year, Some(2023));
        }
        let outcome = crate::batch::check_file(
            &dir.join(department_file(1)),
            crate::batch::Prev::Named,
            &mut registry,
            &mut crate::store::previous::PrevCache::default(),
        );
        assert_eq!(outcome.status(), crate::batch::Status::Ok, "passes");
    }
}
