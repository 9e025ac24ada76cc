//! A report of a user's own template (samples/anquan-template.toml): checked, summed and
//! compared by the same commands, with nothing in nianbao knowing about it.

mod common;

use common::{edited, nianbao, nianbao_in, samples, write};

const TEMPLATE: &str = "anquan-template.toml";

#[test]
fn the_users_report_checks_with_its_own_rules_and_text_facts() {
    let run = nianbao(&["--template", TEMPLATE, "check", "anquan-2024.toml"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "anquan-2024.toml: ok\n");

    let dir = tempfile::tempdir().unwrap();
    let broken = edited(
        "anquan-2024.toml",
        &[
            ("死亡15人", "死亡16人"),
            ("major   = [1, 3, 3, 1]", "major   = [1, 3, 2, 1]"),
        ],
    );
    let broken = write(dir.path(), "broken.toml", &broken);
    let template = samples().join(TEMPLATE);
    let run = nianbao_in(
        dir.path(),
        &[
            "--template",
            template.to_str().unwrap(),
            "--lang",
            "zh",
            "check",
            &broken,
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    let lines: Vec<&str> = run.stdout.lines().skip(1).collect();
    assert_eq!(
        lines,
        [
            "  警告  一（第22字） ↔ 二 › 合计 × 死亡人数：正文所述死亡人数与表二合计不一致：正文「死亡16人」为 16，表中为 15  [text-vs-table]",
            "  错误  三 › 合计 × 本年已整改：合计应等于一般隐患与重大隐患之和：左边 482，右边 481，相差 +1  [hazard-total]",
            "  错误  三 › 重大隐患：上年未整改加本年发现应等于本年已整改加年末未整改：左边 4，右边 3，相差 +1  [hazard-balance]",
        ]
    );
}

#[test]
fn without_its_template_the_report_is_not_guessed_at() {
    let run = nianbao(&["check", "anquan-2024.toml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout
            .contains("anquan-2024.toml:3:12: unknown template \"anquan-nianbao\""),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("--template PATH"), "{}", run.stdout);
}

#[test]
fn the_users_reports_add_up_and_compare_like_any_other() {
    let dir = tempfile::tempdir().unwrap();
    let other = edited(
        "anquan-2024.toml",
        &[(
            "agency = \"示例县应急管理局\"",
            "agency = \"另一县应急管理局\"",
        )],
    );
    let other = write(dir.path(), "other.toml", &other);
    let own = samples().join("anquan-2024.toml");
    let template = samples().join(TEMPLATE);
    let template = template.to_str().unwrap();
    let run = nianbao_in(
        dir.path(),
        &[
            "--template",
            template,
            "sum",
            own.to_str().unwrap(),
            &other,
            "-o",
            "total.toml",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let total = std::fs::read_to_string(dir.path().join("total.toml")).unwrap();
    assert!(
        total.contains("total        = [56, 30, 44, 1718.9600]  # 合计"),
        "{total}"
    );

    let run = nianbao_in(
        dir.path(),
        &[
            "--template",
            template,
            "diff",
            own.to_str().unwrap(),
            &other,
        ],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("  agency: 示例县应急管理局 → 另一县应急管理局\n"),
        "{}",
        run.stdout
    );
}
