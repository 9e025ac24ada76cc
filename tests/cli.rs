//! The command line as a script sees it: output, exit codes, files written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        // No user's config file (tests share the machine's HOME) changes what a test sees.
        .env(
            "XDG_CONFIG_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config"),
        )
        .output()
        .unwrap()
}

fn sample(name: &str) -> String {
    format!("{}/samples/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn write_variant(dir: &Path, name: &str, from: &str, replace: &str, with: &str) -> PathBuf {
    let text = std::fs::read_to_string(sample(from)).unwrap();
    assert!(text.contains(replace), "{replace}");
    let path = dir.join(name);
    std::fs::write(&path, text.replacen(replace, with, 1)).unwrap();
    path
}

#[test]
fn a_report_that_adds_up_passes() {
    let o = nianbao(&["check", &sample("shiyan-2024.toml")]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).ends_with("shiyan-2024.toml：通过\n"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_broken_report_names_every_broken_rule_with_its_cell() {
    let o = nianbao(&["check", &sample("broken-2024.toml")]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    for expected in [
        // Its last year's report, shiyan-2023, is another body's.
        "9 个错误，3 个警告",
        "警告  上年报告是示例市自然资源和规划局的报告，本报告是示例县市场监督管理局的：跨年规则比较的是另一机关的数字  [previous-agency]",
        "错误  三 › (一) 予以公开 × 总计：总计应等于自然人与各类法人或其他组织之和：左边 26，右边 27，相差 -1  [row-total]",
        "错误  三 › (七) 总计 × 自然人：(七) 总计应等于 (一) 至 (六) 各项之和：左边 62，右边 63，相差 -1  [handled-total]",
        "错误  三 › 自然人：第一项加第二项之和应等于第三项加第四项之和：左边 66，右边 67，相差 -1  [balance]",
        "[carried-continuity]",
        "错误  四 › 行政复议 › 总计：行政复议总计应等于结果维持、结果纠正、其他结果、尚未审结之和：左边 6，右边 5，相差 +1  [review-total]",
        "[direct-total]",
        "[after-review-total]",
        "警告  二 › 第二十条第（一）项 › 行政规范性文件 × 现行有效件数",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
}

#[test]
fn json_output_has_one_object_per_file() {
    let o = nianbao(&[
        "check",
        "--format",
        "json",
        "--lang",
        "en",
        &sample("shiyan-2024.toml"),
        &sample("broken-2024.toml"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let files = v.as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["errors"], 0);
    assert_eq!(files[1]["errors"], 9);
    assert_eq!(
        files[1]["warnings"], 3,
        "last year's report is another body's"
    );
    let first = files[1]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "row-total")
        .unwrap();
    assert_eq!(first["severity"], "error");
    assert_eq!(first["rule"], "row-total");
    assert_eq!(first["table"], "applications");
    assert_eq!(first["row"], "handled.granted");
    assert_eq!(first["column"], "total");
    assert_eq!(first["expected"], 27);
    assert_eq!(first["actual"], 26);
    assert!(first["message"].as_str().unwrap().contains("off by -1"));
    let balance = files[1]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "balance")
        .unwrap();
    assert_eq!(balance["row"], serde_json::Value::Null);
    assert_eq!(balance["column"], "natural");
}

#[test]
fn unreadable_files_exit_2_with_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cases = [
        (
            write_variant(
                d,
                "syntax.toml",
                "shiyan-2024.toml",
                "year = 2024",
                "year = 2024\nagency = ",
            ),
            ":6:10: not valid TOML",
        ),
        (
            // A text's opening quote with the text on the lines after: named where it opens,
            // not where the parser gives up lines later.
            write_variant(
                d,
                "unclosed.toml",
                "shiyan-2024.toml",
                "text = '''",
                "text = \"",
            ),
            ":11:8: not valid TOML: the string that starts here does not end on its line",
        ),
        (
            write_variant(d, "negative.toml", "shiyan-2024.toml", "= [62,", "= [-62,"),
            ":59:39: row `new`, column 1 (自然人): negative values are not allowed: -62",
        ),
        (
            write_variant(
                d,
                "length.toml",
                "shiyan-2024.toml",
                "[4, 1, 0, 0, 0, 0, 5]",
                "[4, 1, 0, 0, 0, 5]",
            ),
            ":60:38: row `carried` has 6 values, expected 7",
        ),
        (
            write_variant(
                d,
                "template.toml",
                "shiyan-2024.toml",
                "\"gov-2021\"",
                "\"gov-2031\"",
            ),
            ":3:12: unknown template \"gov-2031\"",
        ),
        (
            write_variant(d, "fraction.toml", "shiyan-2024.toml", "[1286]", "[12.5]"),
            ":44:14: row `licensing`, column 1 (本年处理决定数量): a count must be a whole number, found 12.5",
        ),
        (
            write_variant(
                d,
                "decimals.toml",
                "shiyan-2024.toml",
                "[18.8710]",
                "[18.87105]",
            ),
            ":53:9: row `fees`, column 1 (本年收费金额（单位：万元，保留4位小数）): at most 4 decimal places are allowed, found 18.87105",
        ),
        (
            write_variant(
                d,
                "large.toml",
                "shiyan-2024.toml",
                "[1286]",
                "[99999999999999999]",
            ),
            ":44:14: row `licensing`, column 1 (本年处理决定数量): 99999999999999999 is too large",
        ),
        (
            write_variant(
                d,
                "unknown.toml",
                "shiyan-2024.toml",
                "penalty ",
                "penalti ",
            ),
            ":48:1: unknown row `penalti` in [active.enforcement]",
        ),
    ];
    // The English wording; tests/messages.rs has every command's failures in both languages.
    for (path, expected) in cases {
        let o = nianbao(&["--lang", "en", "check", path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{}", path.display());
        let out = stdout(&o);
        assert!(
            out.contains(&format!("{}{expected}", path.display())),
            "{expected:?} not in {out}"
        );
    }
    let missing = d.join("missing.toml");
    let o = nianbao(&[
        "check",
        missing.to_str().unwrap(),
        &sample("shiyan-2024.toml"),
    ]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "a missing file wins over passing ones"
    );
    assert!(stdout(&o).contains("无法读取"));
}

#[test]
fn cross_year_rules_use_prev_or_the_previous_key() {
    let dir = tempfile::tempdir().unwrap();
    // Without its `previous` key the broken report's carried-over row is not compared with anything.
    let alone = write_variant(
        dir.path(),
        "alone.toml",
        "broken-2024.toml",
        "previous = \"shiyan-2023.toml\"\n",
        "",
    );
    let o = nianbao(&["check", alone.to_str().unwrap()]);
    assert!(!stdout(&o).contains("carried-continuity"));
    let o = nianbao(&[
        "check",
        alone.to_str().unwrap(),
        "--prev",
        &sample("shiyan-2023.toml"),
    ]);
    assert!(stdout(&o).contains("carried-continuity"), "{}", stdout(&o));
    let o = nianbao(&[
        "check",
        alone.to_str().unwrap(),
        "--prev",
        "/nonexistent/prev.toml",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/nonexistent/prev.toml：无法读取"));
}

#[test]
fn new_creates_an_empty_report_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.toml");
    let p = path.to_str().unwrap();
    let o = nianbao(&["new", p, "--agency", "示例县教育局", "--year", "2025"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("title = \"示例县教育局2025年政府信息公开工作年度报告\""));
    assert!(text.contains("new                                = [\"\", \"\", \"\", \"\", \"\", \"\", \"\"]  # 一、本年新收政府信息公开申请数量"));
    let o = nianbao(&["check", p]);
    assert_eq!(o.status.code(), Some(0), "empty cells are warnings");
    assert!(stdout(&o).contains("有 175 个空单元格"));
    let o = nianbao(&["new", p]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("已存在"));
    let o = nianbao(&[
        "new",
        dir.path().join("x.toml").to_str().unwrap(),
        "--template",
        "gov-1999",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("未知模板 \"gov-1999\""));
}

#[test]
fn new_takes_the_format_of_its_year_and_refuses_a_year_no_report_is_for() {
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let o = nianbao(&["new", &file("2019.toml"), "--year", "2019"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(file("2019.toml")).unwrap();
    assert!(text.contains("template = \"gov-2019\""), "{text}");
    let o = nianbao(&["new", &file("2021.toml"), "--year", "2021"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(file("2021.toml")).unwrap();
    assert!(text.contains("template = \"gov-2021\""), "{text}");
    // Chosen, the template is the one chosen (check then warns about the format).
    let o = nianbao(&[
        "new",
        &file("x.toml"),
        "--year",
        "2019",
        "--template",
        "gov-2021",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = nianbao(&["new", &file("typo.toml"), "--year", "99999"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("99999 不是报告年度"), "{}", stderr(&o));
    assert!(!dir.path().join("typo.toml").exists());
}

#[test]
fn export_json_has_the_documented_shape() {
    let o = nianbao(&["export", &sample("shiyan-2024.toml"), "--to", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["template"], "gov-2021");
    assert_eq!(v["year"], 2024);
    let sections = v["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 6);
    assert_eq!(sections[0]["title"], "一、总体情况");
    assert!(sections[0]["text"].as_str().unwrap().starts_with("2024年"));
    assert!(sections[0].get("tables").is_none());
    let fees = &sections[1]["tables"][3];
    assert_eq!(fees["caption"], "第二十条第（八）项");
    assert_eq!(fees["rows"][0]["values"][0], "18.8710");
    let requests = &sections[2]["tables"][0];
    assert_eq!(requests["columns"][1]["label"], "商业企业");
    assert_eq!(
        requests["columns"][1]["groups"],
        serde_json::json!(["申请人情况", "法人或其他组织"])
    );
    assert_eq!(
        requests["rows"][0]["values"],
        serde_json::json!([62, 9, 0, 1, 3, 2, 77])
    );

    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("empty.toml");
    nianbao(&["new", new.to_str().unwrap()]);
    let out = dir.path().join("out.json");
    let o = nianbao(&[
        "export",
        new.to_str().unwrap(),
        "--to",
        "json",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    assert_eq!(
        v["sections"][2]["tables"][0]["rows"][0]["values"][0],
        serde_json::Value::Null
    );
}

#[test]
fn templates_are_listed_and_shown() {
    let o = nianbao(&["templates"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("gov-2021\t政府信息公开工作年度报告\t国办公开办函〔2021〕30号"));
    let o = nianbao(&["templates", "show", "gov-2021"]);
    assert!(stdout(&o).contains("label = \"3.危及“三安全一稳定”\""));
    let o = nianbao(&["templates", "show", "nope"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn control_characters_from_files_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_variant(
        dir.path(),
        "evil.toml",
        "shiyan-2024.toml",
        "[active.licensing]",
        "[active.\"licensing\\u001b]52;c;aGk=\\u0007\"]",
    );
    let o = nianbao(&["check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(out.contains("^[]52;c;aGk=^G"), "{out}");
}
