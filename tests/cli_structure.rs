//! The structure checks through `nianbao check`: each one, in Chinese (LANG=zh_CN.UTF-8) and
//! English (--lang en), in text and JSON; and a template of one's own that turns one off.

mod common;

use std::path::Path;

use common::{edited, nianbao_in, nianbao_zh, sample_text, write};
use serde_json::Value;

/// A report with every structure defect at once: no agency, last year's title, an overview that
/// speaks of 2023, an empty 四, 五 saying only 无, a fee 六 does not explain, and its texts copied
/// from a last year's report that is two years old.
fn defective(dir: &Path) {
    let mut last = sample_text("shiyan-2023.toml").replace("year = 2023", "year = 2022");
    // Last year's texts are this report's: copied.
    let this = sample_text("shiyan-2024.toml");
    let text_of = |t: &str, key: &str| {
        let from = t.find(key).unwrap();
        let to = from + t[from..].find("\n'''\n").unwrap() + 5;
        t[from..to].to_string()
    };
    for key in ["[overview]\ntext = '''", "[problems]\ntext = '''"] {
        last = last.replace(&text_of(&last, key), &text_of(&this, key));
    }
    write(dir, "last.toml", &last);
    let report = edited(
        "shiyan-2024.toml",
        &[
            ("agency = \"示例市自然资源和规划局\"", "agency = \"\""),
            (
                "title = \"示例市自然资源和规划局2024年",
                "title = \"示例市自然资源和规划局2023年",
            ),
            (
                "previous = \"shiyan-2023.toml\"",
                "previous = \"last.toml\"",
            ),
            ("2024年，示例市", "2023年，示例市"),
            (
                "cases = [3, 1, 0, 1, 5, 1, 0, 1, 0, 2, 1, 0, 0, 1, 2]",
                "cases = [\"\", \"\", \"\", \"\", \"\", \"\", \"\", \"\", \"\", \"\", \"\", \"\", \"\", \"\", \"\"]",
            ),
            ("本机关2024年未收取信息处理费。", "无其他需要报告的事项。"),
        ],
    );
    // 五 is only 无.
    let from = report.find("[problems]\ntext = '''\n").unwrap() + "[problems]\ntext = '''\n".len();
    let to = from + report[from..].find("'''").unwrap();
    let report = format!("{}无。\n{}", &report[..from], &report[to..]);
    write(dir, "r.toml", &report);
}

const RULES: [&str; 8] = [
    "missing-metadata",
    "title-year",
    "text-year",
    "previous-year",
    "empty-section",
    "problems-placeholder",
    "fees-unexplained",
    "text-repeats-last-year",
];

#[test]
fn every_structure_check_is_a_warning_with_its_rule_id() {
    let dir = tempfile::tempdir().unwrap();
    defective(dir.path());
    let run = nianbao_in(
        dir.path(),
        &["--lang", "en", "check", "r.toml", "--format", "json"],
    );
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let findings = v[0]["findings"].as_array().unwrap();
    let structure: Vec<&Value> = findings
        .iter()
        .filter(|f| RULES.contains(&f["rule"].as_str().unwrap()))
        .collect();
    for rule in RULES {
        let f = structure
            .iter()
            .find(|f| f["rule"] == rule)
            .unwrap_or_else(|| panic!("{rule} in {}", run.stdout));
        assert_eq!(f["severity"], "warning", "{rule}");
    }
    let by = |rule: &str| *structure.iter().find(|f| f["rule"] == rule).unwrap();
    assert_eq!(
        (&by("title-year")["actual"], &by("title-year")["expected"]),
        (&Value::from(2023), &Value::from(2024))
    );
    assert_eq!(by("previous-year")["actual"], 2022);
    assert_eq!(by("fees-unexplained")["table"], "fees");
    assert_eq!(by("fees-unexplained")["actual"], "18.8710");
    assert_eq!(by("text-repeats-last-year")["expected"], 50);
    assert!(by("text-repeats-last-year")["actual"].as_u64().unwrap() > 50);

    let text = nianbao_in(dir.path(), &["--lang", "en", "check", "r.toml"]);
    for line in [
        "  warning  The report lacks basic information: no agency  [missing-metadata]",
        "  warning  The year in the title is not the report's year: the title says 2023, the report is for 2024  [title-year]",
        "  warning  Section 4: A section is empty: 4. Administrative reviews and lawsuits is empty  [empty-section]",
        "  warning  Section 5: The main problems and improvements are not stated: 5. Main problems and improvements says only «无。»  [problems-placeholder]",
        "  warning  Section 6 ↔ Section 2 › Article 20 (8): administrative fees › Administrative fees × Fees collected (10k yuan, 4 decimals): Fees are not explained among the other matters: the table has 18.8710, but 6. Other matters mentions none of «收费», «信息处理费»  [fees-unexplained]",
    ] {
        assert!(
            text.stdout.contains(line),
            "{line}\nnot in\n{}",
            text.stdout
        );
    }
    let zh = nianbao_zh(dir.path(), &["check", "r.toml"]);
    for line in [
        "  警告  报告缺少基本信息：缺少机关名称  [missing-metadata]",
        "  警告  一：总体情况所述年份与报告年度不一致（可能沿用了往年的文字）：一、总体情况写得最多的年份是 2023 年",
        "  警告  所附上年报告不是上一年度的：上年报告是 2022 年的，应为 2023 年  [previous-year]",
        "  警告  五：未写明存在的主要问题及改进情况：五、存在的主要问题及改进情况只写了「无。」  [problems-placeholder]",
        "  警告  正文大部分与上年报告相同：与上年报告相同的文字占 ",
    ] {
        assert!(zh.stdout.contains(line), "{line}\nnot in\n{}", zh.stdout);
    }
    assert_eq!(zh.code, 0, "warnings only: {}", zh.stdout);
}

#[test]
fn a_template_of_ones_own_turns_a_check_off() {
    let dir = tempfile::tempdir().unwrap();
    defective(dir.path());
    let source = nianbao_in(dir.path(), &["templates", "show", "gov-2021"]).stdout;
    let mine = source
        .replace("id = \"gov-2021\"", "id = \"gov-2021-lenient\"")
        .replace(
            "id = \"text-repeats-last-year\"\n",
            "id = \"text-repeats-last-year\"\noff = true\n",
        );
    let removed = {
        let at = mine
            .find("[[structure]]\nid = \"fees-unexplained\"")
            .unwrap();
        let end = at + mine[at + 1..].find("[[structure]]").unwrap() + 1;
        format!("{}{}", &mine[..at], &mine[end..])
    };
    write(dir.path(), "mine.toml", &removed);
    let report = std::fs::read_to_string(dir.path().join("r.toml"))
        .unwrap()
        .replace("template = \"gov-2021\"", "template = \"gov-2021-lenient\"");
    write(dir.path(), "r.toml", &report);
    let last = std::fs::read_to_string(dir.path().join("last.toml"))
        .unwrap()
        .replace("template = \"gov-2021\"", "template = \"gov-2021-lenient\"");
    write(dir.path(), "last.toml", &last);
    let run = nianbao_in(
        dir.path(),
        &["--lang", "en", "--template", "mine.toml", "check", "r.toml"],
    );
    assert!(
        run.stdout.contains("[title-year]"),
        "{}{}",
        run.stdout,
        run.stderr
    );
    assert!(
        !run.stdout.contains("[text-repeats-last-year]"),
        "turned off: {}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("[fees-unexplained]"),
        "left out: {}",
        run.stdout
    );
}
