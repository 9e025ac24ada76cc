//! `nianbao check` on the 2019 format, across formats, and on texts that contradict tables.

mod common;

use common::{edited, nianbao, nianbao_in, write};
use serde_json::Value;

#[test]
fn the_2020_report_in_the_2019_format_passes() {
    let run = nianbao(&["check", "shiyan-2020.toml"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(run.stdout, "shiyan-2020.toml: ok\n");
}

#[test]
fn a_2021_report_in_the_2019_format_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let text = edited("shiyan-2020.toml", &[("year = 2020", "year = 2021")])
        // The title and the texts too: a report whose title says 2020 would be warned about.
        .replace("2020年", "2021年");
    let file = write(dir.path(), "old-format-2021.toml", &text);
    let run = nianbao_in(dir.path(), &["check", &file]);
    assert_eq!(run.code, 0, "a warning is not an error: {}", run.stdout);
    assert!(run.stdout.contains("0 errors, 1 warning"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("reports for 2021 and later use the newer format; this one uses gov-2019  [superseded-format]"),
        "{}",
        run.stdout
    );
}

/// The first report in the 2021 format, following on from the 2020 report in the 2019 format.
fn report_2021(previous: Option<&str>) -> String {
    let text = edited(
        "shiyan-2023.toml",
        &[
            ("year = 2023", "year = 2021"),
            (
                "new                                = [55, 6, 1, 0, 2, 1, 65]",
                "new                                = [54, 5, 1, 0, 2, 1, 63]",
            ),
            (
                "carried                            = [2, 0, 0, 0, 0, 0, 2]",
                "carried                            = [3, 1, 0, 0, 0, 0, 4]",
            ),
            ("申请65件，上年结转2件", "申请63件，上年结转4件"),
        ],
    )
    .replace("2023年", "2021年");
    match previous {
        Some(p) => text.replacen(
            "year = 2021",
            &format!("year = 2021\nprevious = \"{p}\""),
            1,
        ),
        None => text,
    }
}

#[test]
fn last_years_report_in_the_old_format_serves_for_the_cross_year_rules() {
    let dir = tempfile::tempdir().unwrap();
    let prev = common::samples().join("shiyan-2020.toml");
    let prev = prev.to_str().unwrap();
    let file = write(dir.path(), "r-2021.toml", &report_2021(None));
    let run = nianbao_in(dir.path(), &["check", &file, "--prev", prev]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.ends_with(": ok\n"), "{}", run.stdout);

    // The same, with last year named in the file itself.
    std::fs::copy(prev, dir.path().join("r-2020.toml")).unwrap();
    let named = write(
        dir.path(),
        "named-2021.toml",
        &report_2021(Some("r-2020.toml")),
    );
    let run = nianbao_in(dir.path(), &["check", &named]);
    assert_eq!(run.code, 0, "{}", run.stdout);

    // Carried over that does not match what 2020 carried forward is an error.
    let wrong = report_2021(Some("r-2020.toml"))
        .replace(
            "carried                            = [3, 1, 0, 0, 0, 0, 4]",
            "carried                            = [2, 2, 0, 0, 0, 0, 4]",
        )
        .replace(
            "new                                = [54, 5, 1, 0, 2, 1, 63]",
            "new                                = [55, 4, 1, 0, 2, 1, 63]",
        );
    let wrong = write(dir.path(), "wrong-2021.toml", &wrong);
    let run = nianbao_in(dir.path(), &["check", &wrong, "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let rules: Vec<(&str, &str)> = json[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| (f["rule"].as_str().unwrap(), f["column"].as_str().unwrap()))
        .collect();
    assert_eq!(
        rules,
        [
            ("carried-continuity", "natural"),
            ("carried-continuity", "commercial")
        ]
    );
}

#[test]
fn a_text_that_contradicts_its_table_is_a_warning_at_both_places() {
    let run = nianbao(&["check", "mismatch-2024.toml", "--lang", "zh"]);
    assert_eq!(run.code, 0, "only a warning: {}", run.stdout);
    assert_eq!(
        run.stdout,
        "mismatch-2024.toml：0 个错误，1 个警告\n  \
         警告  一（第190字） ↔ 三 › 一、本年新收政府信息公开申请数量 × 总计：\
         正文所述本年新收申请数与表三不一致：正文「收到政府信息公开申请76件」为 76，表中为 77  [text-vs-table]\n"
    );
    let run = nianbao(&["check", "mismatch-2024.toml", "--format", "json"]);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let f = &json[0]["findings"][0];
    assert_eq!(f["rule"], "text-vs-table");
    assert_eq!(f["severity"], "warning");
    assert_eq!(
        (&f["table"], &f["row"], &f["column"]),
        (
            &Value::from("applications"),
            &Value::from("new"),
            &Value::from("total")
        )
    );
    assert_eq!(
        (&f["actual"], &f["expected"]),
        (&Value::from(76), &Value::from(77))
    );
    let text = &f["text"];
    assert_eq!(text["section"], "overview");
    assert_eq!(text["fact"], "new-requests");
    assert_eq!(text["quote"], "收到政府信息公开申请76件");
    assert_eq!(text["offset"], 189);
    assert_eq!(text["length"], 13);
    assert_eq!(
        text["sentence"],
        "全年共收到政府信息公开申请76件，上年结转5件。"
    );
}

#[test]
fn all_upheld_while_a_case_is_pending_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let text = edited(
        "shiyan-2024.toml",
        &[
            ("previous = \"shiyan-2023.toml\"\n", ""),
            ("被提起行政诉讼4件。", "被提起行政诉讼4件，均获维持。"),
        ],
    );
    let file = write(dir.path(), "upheld.toml", &text);
    let run = nianbao_in(dir.path(), &["check", &file, "--lang", "en"]);
    assert_eq!(run.code, 0);
    let warnings: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("[text-vs-table]"))
        .collect();
    assert_eq!(warnings.len(), 2, "{}", run.stdout);
    assert!(
        warnings[0].contains("every review was upheld"),
        "{}",
        warnings[0]
    );
    assert!(warnings[0].contains("the text says 0"), "{}", warnings[0]);
    assert!(warnings[0].contains("the table has 2"), "{}", warnings[0]);
    assert!(
        warnings[1].contains("every lawsuit was upheld"),
        "{}",
        warnings[1]
    );
}

/// Enough files for `check` to use every core: the output still follows the order given, a broken
/// file or one whose last year's report is missing among them is reported where it stands, and
/// one last-year report named by all of them serves each (read once, checked against every one).
#[test]
fn many_files_are_reported_in_the_order_given() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "shiyan-2023.toml",
        &common::sample_text("shiyan-2023.toml"),
    );
    let good = common::sample_text("shiyan-2024.toml");
    let broken = common::sample_text("broken-2024.toml");
    let mut files = Vec::new();
    for i in 0..100 {
        let text = match i {
            37 => broken.clone(),
            // Names a last year's report that is not there: a warning, its own rules checked.
            61 => good.replace(
                "previous = \"shiyan-2023.toml\"",
                "previous = \"gone.toml\"",
            ),
            _ => good.clone(),
        };
        let name = format!("r{i:03}.toml");
        write(dir.path(), &name, &text);
        files.push(name);
    }
    let mut args = vec!["--lang", "en", "check"];
    args.extend(files.iter().map(String::as_str));
    let run = nianbao_in(dir.path(), &args);
    assert_eq!(run.code, 1, "a rule is broken: {}", run.stdout);
    let heads: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| !l.starts_with("  "))
        .collect();
    // The files, the summary, and the body 99 of them are reports of: copies of one report (the
    // broken one is another body's).
    assert_eq!(heads.len(), 102, "{}", run.stdout);
    assert!(
        heads[101].starts_with("1 agency has more than one report: ")
            && heads[101].ends_with(" (99)"),
        "{}",
        heads[101]
    );
    for (i, head) in heads[..100].iter().enumerate() {
        match i {
            37 => assert!(head.starts_with("r037.toml: 9 errors"), "{head}"),
            61 => assert_eq!(*head, "r061.toml: 0 errors, 1 warning"),
            _ => assert_eq!(*head, format!("r{i:03}.toml: ok")),
        }
    }
    assert!(
        run.stdout.contains("  warning  ") && run.stdout.contains("gone.toml cannot be read"),
        "{}",
        run.stdout
    );
    assert_eq!(
        heads[100],
        "100 files: 98 ok, 1 with errors, 1 with warnings only, 0 unreadable"
    );
}

#[test]
fn a_template_given_as_a_report_is_named_a_template_with_how_to_load_it() {
    let samples = common::samples();
    let zh = common::nianbao_zh(&samples, &["check", "anquan-template.toml"]);
    assert_eq!(zh.code, 2, "{}", zh.stdout);
    assert!(
        zh.stdout.contains(
            "这是模板文件（模板 \"anquan-nianbao\"），不是报告：用 --template 此文件 载入"
        ),
        "{}",
        zh.stdout
    );
    let en = nianbao(&["check", "anquan-template.toml"]);
    assert!(
        en.stdout.contains(
            "this is a template (id \"anquan-nianbao\"), not a report: load it with --template"
        ),
        "{}",
        en.stdout
    );
}

#[test]
fn an_empty_file_is_named_empty_not_a_report_missing_its_template() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "empty.toml", "");
    write(dir.path(), "comments.toml", "# 待填写\n\n");
    write(dir.path(), "keys.toml", "agency = \"某局\"\n");
    let zh = common::nianbao_zh(
        dir.path(),
        &["check", "empty.toml", "comments.toml", "keys.toml"],
    );
    assert_eq!(zh.code, 2, "{}", zh.stdout);
    let empty = "文件是空的，其中没有报告（新报告用 nianbao new 文件 创建）";
    assert!(
        zh.stdout.contains(&format!("empty.toml:1:1：{empty}")),
        "{}",
        zh.stdout
    );
    assert!(
        zh.stdout.contains(&format!("comments.toml:1:1：{empty}")),
        "{}",
        zh.stdout
    );
    // A file with keys of its own lacks the template: that is what it is told.
    assert!(
        zh.stdout.contains("keys.toml:1:1：文件开头缺少"),
        "{}",
        zh.stdout
    );
    let en = nianbao_in(dir.path(), &["check", "empty.toml"]);
    assert!(
        en.stdout
            .contains("empty.toml:1:1: the file is empty: there is no report in it"),
        "{}",
        en.stdout
    );
}
