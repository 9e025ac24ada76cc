//! A folder of department reports to try the queue on, as an office receives them: most pass,
//! some carry over the wrong numbers from last year (上年结转) or add a row up wrong, one cannot be
//! read, and a stray TOML is not a report at all. The tests of the queue use it, and so can anyone
//! wanting to see the queue without real reports (`examples/review_folder.rs`).

use std::io;
use std::path::Path;

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

/// Writes `count` department reports into `dir` (numbered from 1), last year's report they name,
/// `dept-bad.toml` that is not valid TOML and `config.toml` that is not a report.
pub fn write_folder(dir: &Path, count: usize) -> io::Result<()> {
    std::fs::write(dir.join("shiyan-2023.toml"), LAST_YEAR)?;
    for i in 1..=count {
        let mut text = THIS_YEAR.replace(AGENCY, &format!("示例市第{i:02}局"));
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
    std::fs::write(dir.join("config.toml"), "[server]\nport = 8080\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_planted_defects_are_in_the_files() {
        let dir = tempfile::tempdir().unwrap();
        write_folder(dir.path(), 13).unwrap();
        let read = |i| std::fs::read_to_string(dir.path().join(department_file(i))).unwrap();
        assert!(read(3).contains("[9, 1,"), "carried wrong");
        assert!(read(5).contains("0, 27]"), "added wrong");
        assert!(read(1).contains("示例市第01局") && !read(1).contains(AGENCY));
    }
}
