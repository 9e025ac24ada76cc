//! Last year's report a report is compared with, as a reviewer meets it in `check` and in the
//! assessment table of `review`: one of another body is a warning naming both agencies, one of
//! another year than the year before is said too, and the body's own report of the year before
//! passes. In Chinese (LANG=zh_CN.UTF-8) and English.

mod common;

use std::path::Path;

use common::{edited, nianbao_in, nianbao_zh, sample_text, write};
use serde_json::Value;

const OURS: &str = "示例市自然资源和规划局";
const THEIRS: &str = "示例市水利局";

/// An office's folders: last year's reports in 2023/, this year's in 2024/ — one compared with its
/// own last year, one with another body's, one with its own report of 2022.
fn office(dir: &Path) {
    std::fs::create_dir_all(dir.join("2023")).unwrap();
    std::fs::create_dir_all(dir.join("2024")).unwrap();
    let last = sample_text("shiyan-2023.toml");
    write(&dir.join("2023"), "ours.toml", &last);
    write(
        &dir.join("2023"),
        "theirs.toml",
        &last.replace(OURS, THEIRS),
    );
    write(
        &dir.join("2023"),
        "ours-2022.toml",
        &last.replacen("year = 2023", "year = 2022", 1),
    );
    for (name, previous) in [
        ("mine.toml", "ours.toml"),
        ("swapped.toml", "theirs.toml"),
        ("stale.toml", "ours-2022.toml"),
    ] {
        let text = edited(
            "shiyan-2024.toml",
            &[(
                "previous = \"shiyan-2023.toml\"",
                &format!("previous = \"../2023/{previous}\""),
            )],
        );
        write(&dir.join("2024"), name, &text);
    }
}

/// The lines `check` prints for `name`: its head and its findings.
fn lines_of<'a>(out: &'a str, name: &str) -> Vec<&'a str> {
    let mut lines = out.lines().skip_while(|l| !l.starts_with(name));
    let head = lines.next().unwrap_or_else(|| panic!("{name} in {out}"));
    std::iter::once(head)
        .chain(lines.take_while(|l| l.starts_with("  ")))
        .collect()
}

#[test]
fn check_warns_about_another_bodys_last_year_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    office(dir.path());
    let zh = nianbao_zh(&dir.path().join("2024"), &["check", "."]);
    assert_eq!(zh.code, 0, "warnings only: {}", zh.stdout);
    assert_eq!(
        lines_of(&zh.stdout, "./swapped.toml"),
        [
            "./swapped.toml：0 个错误，1 个警告",
            "  警告  上年报告是示例市水利局的报告，本报告是示例市自然资源和规划局的：跨年规则比较的是另一机关的数字  [previous-agency]",
        ]
    );
    assert_eq!(lines_of(&zh.stdout, "./mine.toml"), ["./mine.toml：通过"]);

    let en = nianbao_in(&dir.path().join("2024"), &["check", "swapped.toml"]);
    assert_eq!(
        en.stdout,
        "swapped.toml: 0 errors, 1 warning\n  warning  last year's report is by 示例市水利局, this report by 示例市自然资源和规划局: the cross-year rules compare another body's numbers  [previous-agency]\n"
    );

    // Given for every file with --prev, another body's report is warned about as well.
    let given = nianbao_in(
        &dir.path().join("2024"),
        &["check", "mine.toml", "--prev", "../2023/theirs.toml"],
    );
    assert!(
        given.stdout.contains("[previous-agency]"),
        "{}",
        given.stdout
    );
    let own = nianbao_in(
        &dir.path().join("2024"),
        &["check", "mine.toml", "--prev", "../2023/ours.toml"],
    );
    assert_eq!(own.stdout, "mine.toml: ok\n");
}

#[test]
fn json_names_both_agencies() {
    let dir = tempfile::tempdir().unwrap();
    office(dir.path());
    let run = nianbao_in(
        &dir.path().join("2024"),
        &["check", "--format", "json", "swapped.toml", "mine.toml"],
    );
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let finding = &v[0]["findings"][0];
    assert_eq!(finding["rule"], "previous-agency");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(finding["agencies"]["report"], OURS);
    assert_eq!(finding["agencies"]["previous"], THEIRS);
    assert_eq!(v[1]["findings"].as_array().unwrap().len(), 0, "{}", v[1]);
}

#[test]
fn check_says_a_last_year_of_another_year() {
    let dir = tempfile::tempdir().unwrap();
    office(dir.path());
    let zh = nianbao_zh(&dir.path().join("2024"), &["check", "stale.toml"]);
    assert_eq!(
        zh.stdout,
        "stale.toml：0 个错误，1 个警告\n  警告  所附上年报告不是上一年度的：上年报告是 2022 年的，应为 2023 年  [previous-year]\n"
    );
    let en = nianbao_in(&dir.path().join("2024"), &["check", "stale.toml"]);
    assert!(
        en.stdout.contains("2022") && en.stdout.contains("[previous-year]"),
        "{}",
        en.stdout
    );
}

#[test]
fn the_assessment_table_names_both_checks() {
    let dir = tempfile::tempdir().unwrap();
    office(dir.path());
    let zh = nianbao_zh(dir.path(), &["review", "2024", "--export", "csv"]);
    let row = |out: &str, file: &str| {
        out.split("\r\n")
            .find(|r| r.contains(&format!(",{file},")))
            .unwrap_or_else(|| panic!("{file} in {out}"))
            .to_string()
    };
    // The three are one body's reports of one year (versions of it), which the table says too.
    assert!(
        row(&zh.stdout, "swapped.toml")
            .contains(",仅有警告,0,1,同一机关多份、上年报告机关不符（previous-agency）,"),
        "{}",
        zh.stdout
    );
    assert!(
        row(&zh.stdout, "stale.toml").contains("上年报告年度不符（previous-year）"),
        "{}",
        zh.stdout
    );
    assert!(row(&zh.stdout, "mine.toml").contains(",通过,0,0,同一机关多份,"));
    let en = nianbao_in(dir.path(), &["review", "2024", "--export", "csv"]);
    assert!(
        row(&en.stdout, "swapped.toml")
            .contains(",warnings,0,1,several from one body; last year's agency (previous-agency),"),
        "{}",
        en.stdout
    );
}
