//! `nianbao check` as a reviewer runs it over a folder of reports: a missing last-year file never
//! hides a report's own results, every file has a status, the summary line, CSV for a
//! spreadsheet, folders and lists of files, and every problem of an unreadable file on its own
//! line. Each point in Chinese (LANG=zh_CN.UTF-8) and in English (--lang en).

mod common;

use std::path::Path;

use common::{Run, edited, nianbao_in, nianbao_zh, sample_text, write};
use serde_json::Value;

/// A folder as a reviewer receives it: a good report with its last year, a broken one, a report
/// whose last year's file was not sent, and one that cannot be read.
fn desk(dir: &Path) {
    write(dir, "shiyan-2023.toml", &sample_text("shiyan-2023.toml"));
    write(dir, "a-good.toml", &sample_text("shiyan-2024.toml"));
    write(dir, "b-broken.toml", &sample_text("broken-2024.toml"));
    let orphan = edited(
        "broken-2024.toml",
        &[(
            "previous = \"shiyan-2023.toml\"",
            "previous = \"gone-2023.toml\"",
        )],
    );
    write(dir, "c-orphan.toml", &orphan);
    write(
        dir,
        "d-bad.toml",
        "template = \"gov-2021\"\nyear = \"2024\"\n",
    );
}

fn en(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["--lang", "en"];
    all.extend_from_slice(args);
    nianbao_in(dir, &all)
}

#[test]
fn a_missing_last_year_file_is_a_warning_and_the_reports_own_rules_still_count() {
    let dir = tempfile::tempdir().unwrap();
    desk(dir.path());
    let run = en(dir.path(), &["check", "c-orphan.toml"]);
    assert_eq!(run.code, 1, "its own errors decide: {}", run.stdout);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "c-orphan.toml: 7 errors, 2 warnings");
    assert!(
        lines[1].starts_with(
            "  warning  last year's report gone-2023.toml cannot be read, so the cross-year rules were not checked: cannot read"
        ),
        "{}",
        run.stdout
    );
    assert!(lines[1].ends_with("[previous-unreadable]"), "{}", lines[1]);
    assert!(
        run.stdout.contains("[row-total]"),
        "own rules: {}",
        run.stdout
    );
    assert!(!run.stdout.contains("carried-continuity"));

    let zh = nianbao_zh(dir.path(), &["check", "c-orphan.toml"]);
    assert_eq!(zh.code, 1);
    assert!(
        zh.stdout.contains("c-orphan.toml：7 个错误，2 个警告\n  警告  上年报告 gone-2023.toml 无法读取，跨年规则未检查"),
        "{}",
        zh.stdout
    );

    // A good report whose last year is missing passes with a warning.
    let good = edited(
        "shiyan-2024.toml",
        &[(
            "previous = \"shiyan-2023.toml\"",
            "previous = \"gone-2023.toml\"",
        )],
    );
    write(dir.path(), "e-good-orphan.toml", &good);
    let run = en(dir.path(), &["check", "e-good-orphan.toml"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .starts_with("e-good-orphan.toml: 0 errors, 1 warning\n")
    );
}

#[test]
fn no_prev_skips_the_cross_year_rules_and_an_unreadable_prev_stops_everything() {
    let dir = tempfile::tempdir().unwrap();
    desk(dir.path());
    let with = en(dir.path(), &["check", "b-broken.toml"]);
    assert!(
        with.stdout.contains("[carried-continuity]"),
        "{}",
        with.stdout
    );
    for run in [
        en(dir.path(), &["check", "b-broken.toml", "--no-prev"]),
        nianbao_zh(dir.path(), &["check", "--no-prev", "c-orphan.toml"]),
    ] {
        assert_eq!(run.code, 1);
        assert!(!run.stdout.contains("carried-continuity"), "{}", run.stdout);
        assert!(
            !run.stdout.contains("previous-unreadable"),
            "{}",
            run.stdout
        );
        assert!(run.stdout.contains("[row-total]"));
    }
    // Given on the command line, last year's report is the user's own choice: unreadable, it is
    // trouble, and nothing is checked.
    for (run, cannot_read) in [
        (
            en(dir.path(), &["check", "a-good.toml", "--prev", "nope.toml"]),
            "nope.toml: cannot read",
        ),
        (
            nianbao_zh(dir.path(), &["check", "a-good.toml", "--prev", "nope.toml"]),
            "nope.toml：无法读取",
        ),
    ] {
        assert_eq!(run.code, 2);
        assert_eq!(run.stdout, "");
        assert!(run.stderr.contains(cannot_read), "{}", run.stderr);
    }
    let both = en(
        dir.path(),
        &[
            "check",
            "a-good.toml",
            "--prev",
            "shiyan-2023.toml",
            "--no-prev",
        ],
    );
    assert_eq!(both.code, 2, "--prev and --no-prev contradict each other");
}

#[test]
fn json_gives_every_file_a_status_and_never_counts_an_unreadable_one_as_clean() {
    let dir = tempfile::tempdir().unwrap();
    desk(dir.path());
    for run in [
        en(dir.path(), &["check", "--format", "json", "."]),
        nianbao_zh(dir.path(), &["check", "--format", "json", "."]),
    ] {
        assert_eq!(run.code, 2, "an unreadable file: {}", run.stderr);
        let v: Value = serde_json::from_str(&run.stdout).unwrap();
        let files = v.as_array().unwrap();
        let by_path = |p: &str| {
            files
                .iter()
                .find(|f| f["path"] == format!("./{p}"))
                .unwrap_or_else(|| panic!("{p} in {v}"))
        };
        let good = by_path("a-good.toml");
        assert_eq!(good["status"], "ok");
        assert_eq!(good["agency"], "示例市自然资源和规划局");
        assert_eq!(good["year"], 2024);
        assert_eq!(
            good["title"],
            "示例市自然资源和规划局2024年政府信息公开工作年度报告"
        );
        assert_eq!(good["template"], "gov-2021");
        assert_eq!(good["errors"], 0);
        assert_eq!(by_path("b-broken.toml")["status"], "errors");
        let orphan = by_path("c-orphan.toml");
        let warning = &orphan["findings"][0];
        assert_eq!(warning["rule"], "previous-unreadable");
        assert_eq!(warning["severity"], "warning");
        assert_eq!(warning["previous"]["path"], "./gone-2023.toml");
        let bad = by_path("d-bad.toml");
        assert_eq!(bad["status"], "unreadable");
        assert_eq!(bad["errors"], Value::Null, "not 0: {bad}");
        assert_eq!(bad["warnings"], Value::Null);
        assert_eq!(bad["agency"], Value::Null);
        assert_eq!(bad["load_errors"][0]["line"], 2);
        // Last year's report is a report of the folder too.
        assert_eq!(by_path("shiyan-2023.toml")["year"], 2023);
        assert_eq!(files.len(), 5);
    }
    let warned = edited(
        "shiyan-2024.toml",
        &[(
            "previous = \"shiyan-2023.toml\"",
            "previous = \"gone-2023.toml\"",
        )],
    );
    write(dir.path(), "w.toml", &warned);
    let run = en(dir.path(), &["check", "--format", "json", "w.toml"]);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v[0]["status"], "warnings");
}

#[test]
fn text_ends_with_a_summary_line_when_several_files_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    desk(dir.path());
    let run = en(dir.path(), &["check", "."]);
    assert_eq!(run.code, 2);
    let last_three = |out: &str| -> Vec<String> {
        let lines: Vec<&str> = out.lines().collect();
        lines[lines.len() - 3..]
            .iter()
            .map(|l| l.to_string())
            .collect()
    };
    // Then the report of another year than most: last year's, which this folder holds too; then
    // the body two reports of this year are of (c-orphan.toml is b-broken.toml edited).
    assert_eq!(
        last_three(&run.stdout),
        [
            "5 files: 2 ok, 2 with errors, 0 with warnings only, 1 unreadable",
            "1 file is not of 2024, the year of most: ./shiyan-2023.toml (2023)",
            "1 agency has more than one report: 示例县市场监督管理局 (2)"
        ]
    );
    let zh = nianbao_zh(dir.path(), &["check", "."]);
    assert_eq!(
        last_three(&zh.stdout),
        [
            "5 个文件：2 个通过，2 个有错误，0 个仅有警告，1 个无法读取",
            "其中 1 个文件的年度不是多数文件的 2024 年：./shiyan-2023.toml（2023）",
            "其中 1 个机关各有不止一份报告：示例县市场监督管理局（2 份）"
        ]
    );
    // JSON marks it on its own object, where a script reads each file's status ("ok").
    let json = en(dir.path(), &["check", ".", "--format", "json"]);
    let v: Value = serde_json::from_str(&json.stdout).unwrap();
    let marked: Vec<(&str, &str)> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["other_year"] == true)
        .map(|o| (o["path"].as_str().unwrap(), o["status"].as_str().unwrap()))
        .collect();
    assert_eq!(marked, [("./shiyan-2023.toml", "ok")]);
    // The assessment table names it where it names the rules a report breaks.
    let table = nianbao_zh(dir.path(), &["review", ".", "--export", "csv"]);
    let row = table
        .stdout
        .lines()
        .find(|l| l.contains(",shiyan-2023.toml,"))
        .unwrap();
    assert!(row.contains(",通过,0,0,非2024年度,否,"), "{row}");
    // Reports all of one year, or as many of one year as of another, leave nothing to say.
    let same = en(dir.path(), &["check", "a-good.toml", "b-broken.toml"]);
    assert!(
        same.stdout
            .ends_with("2 files: 1 ok, 1 with errors, 0 with warnings only, 0 unreadable\n"),
        "{}",
        same.stdout
    );
    let tie = en(dir.path(), &["check", "a-good.toml", "shiyan-2023.toml"]);
    assert!(tie.stdout.ends_with(" 0 unreadable\n"), "{}", tie.stdout);
    let one = en(dir.path(), &["check", "a-good.toml"]);
    assert_eq!(one.stdout, "a-good.toml: ok\n", "no summary for one file");
}

#[test]
fn csv_has_a_bom_a_header_a_row_per_finding_and_one_for_a_clean_file() {
    let dir = tempfile::tempdir().unwrap();
    desk(dir.path());
    let run = en(
        dir.path(),
        &["check", "--format", "csv", "b-broken.toml", "d-bad.toml"],
    );
    assert_eq!(run.code, 2);
    let text = run
        .stdout
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark");
    let rows: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        rows[0],
        "path,agency,year,severity,rule,table,row,column,expected,actual,message"
    );
    assert_eq!(rows.last(), Some(&""), "every row ends with CRLF");
    let rows = &rows[1..rows.len() - 1];
    // broken-2024's 9 errors and 3 warnings (one: its last year's report is another body's),
    // and d-bad's problem.
    assert_eq!(rows.len(), 9 + 3 + 1, "{text}");
    assert!(rows.contains(
        &"b-broken.toml,示例县市场监督管理局,2024,error,row-total,applications,handled.granted,total,27,26,\"Total must equal natural persons plus all kinds of organisations: left 26, right 27, off by -1\""
    ), "{text}");
    assert!(
        rows.iter().any(|r| r
            .starts_with("d-bad.toml,,,unreadable,unreadable,,,,,,\"2:8: `year` must be a year")),
        "{text}"
    );
    // A file without findings has a row of its own, severity ok, so that a spreadsheet of
    // the files checked lists every one.
    let clean = en(
        dir.path(),
        &["check", "--format", "csv", "a-good.toml", "--no-prev"],
    );
    assert_eq!(
        clean.stdout,
        "\u{feff}path,agency,year,severity,rule,table,row,column,expected,actual,message\r\n\
         a-good.toml,示例市自然资源和规划局,2024,ok,,,,,,,ok\r\n"
    );
    let zh = nianbao_zh(
        dir.path(),
        &["check", "--format", "csv", "a-good.toml", "--no-prev"],
    );
    assert!(
        zh.stdout.ends_with(",2024,ok,,,,,,,通过\r\n"),
        "{}",
        zh.stdout
    );
    let zh = nianbao_zh(dir.path(), &["check", "--format", "csv", "b-broken.toml"]);
    assert!(zh.stdout.starts_with("\u{feff}path,agency,"));
    assert!(
        zh.stdout.contains(",error,row-total,applications,handled.granted,total,27,26,总计应等于自然人与各类法人或其他组织之和：左边 26，右边 27，相差 -1\r\n"),
        "{}",
        zh.stdout
    );
}

#[test]
fn folders_stand_for_their_reports_and_lists_name_more() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("desk/finance")).unwrap();
    write(&d.join("desk"), "a.toml", &sample_text("shiyan-2020.toml"));
    write(
        &d.join("desk/finance"),
        "b.toml",
        &sample_text("weihui-2021.toml"),
    );
    // TOML that is not a report, and a file that is not TOML at all: the first is named and
    // counted, the second is not a report file and left alone.
    write(
        &d.join("desk/finance"),
        "settings.toml",
        "[ui]\ncolour = true\n",
    );
    write(&d.join("desk"), "readme.txt", "not a report");
    write(d, "more.toml", &sample_text("shiyan-2020.toml"));
    write(d, "list.txt", "more.toml\n\nmissing.toml\n");
    for (run, missing_template, cannot_read, colon) in [
        (
            en(d, &["check", "desk", "--files-from", "list.txt"]),
            "desk/finance/settings.toml:1:1: missing `template",
            "missing.toml: cannot read",
            ": ",
        ),
        (
            nianbao_zh(d, &["check", "--files-from", "list.txt", "desk"]),
            "desk/finance/settings.toml:1:1：文件开头缺少 `template",
            "missing.toml：无法读取",
            "：",
        ),
    ] {
        assert_eq!(run.code, 2, "{}", run.stdout);
        let heads: Vec<&str> = run
            .stdout
            .lines()
            .filter(|l| !l.starts_with("  "))
            .collect();
        assert!(
            heads[0].starts_with(&format!("desk/a.toml{colon}")),
            "{heads:?}"
        );
        let b = format!("desk/finance/b.toml{colon}");
        assert!(heads[1].starts_with(&b), "{heads:?}");
        assert!(heads[2].starts_with(missing_template), "{heads:?}");
        assert!(
            heads[3].starts_with(&format!("more.toml{colon}")),
            "{heads:?}"
        );
        assert!(heads[4].starts_with(cannot_read), "{heads:?}");
        // The summary, then the one report of 2021 among those of 2020, then the body of which
        // there are two reports of 2020 (a.toml and more.toml, copies of one sample).
        assert_eq!(heads.len(), 8, "{heads:?}");
        assert!(heads[5].starts_with("5 "), "{heads:?}");
        assert!(
            heads[6].contains("2020") && heads[6].contains("b.toml") && heads[6].contains("2021"),
            "{heads:?}"
        );
        assert!(heads[7].contains("示例市自然资源和规划局"), "{heads:?}");
    }
    let stdin_list = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["--lang", "en", "check", "--files-from", "-"])
        .current_dir(d)
        .stdin(std::fs::File::open(d.join("list.txt")).unwrap())
        .output()
        .unwrap();
    let out = String::from_utf8(stdin_list.stdout).unwrap();
    assert!(
        out.starts_with("more.toml: ok\nmissing.toml: cannot read"),
        "{out}"
    );
}

#[test]
fn every_problem_of_an_unreadable_file_is_on_a_line_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let text = edited(
        "shiyan-2024.toml",
        &[
            ("[4, 1, 0, 0, 0, 0, 5]", "[4, 1, 0, 0, 0, 5]"),
            ("fees = [18.8710]", "fees = [-1]"),
        ],
    );
    write(dir.path(), "two.toml", &text);
    for (run, fees, carried) in [
        (
            en(dir.path(), &["check", "two.toml"]),
            "two.toml:53:9: row `fees`",
            "two.toml:60:38: row `carried`",
        ),
        (
            nianbao_zh(dir.path(), &["check", "two.toml"]),
            "two.toml:53:9：行 `fees`",
            "two.toml:60:38：行 `carried`",
        ),
    ] {
        assert_eq!(run.code, 2);
        assert!(!run.stdout.contains("^J"), "{}", run.stdout);
        let lines: Vec<&str> = run.stdout.lines().collect();
        assert_eq!(lines.len(), 2, "{}", run.stdout);
        assert!(lines[0].starts_with(fees), "{}", lines[0]);
        assert!(lines[1].starts_with(carried), "{}", lines[1]);
    }
}
