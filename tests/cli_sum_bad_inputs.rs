//! `sum` over a folder as it arrives: every input that cannot be added is named in one run,
//! `--skip-bad` adds the others, the inputs that break rules are the ones `check` finds (last
//! year's report included); and `export` of a report that breaks rules says so. In Chinese
//! (LANG=zh_CN.UTF-8) and English (--lang en).

mod common;

use std::path::Path;

use common::{Run, edited, nianbao_in, nianbao_zh, sample_text, write};

/// Five departments: three good ones of 2024 (one breaking rules against its last year), one of
/// 2023 sent by mistake, one that cannot be read; and a copy of one of them.
fn county(dir: &Path) {
    write(dir, "shiyan-2023.toml", &sample_text("shiyan-2023.toml"));
    std::fs::create_dir(dir.join("in")).unwrap();
    let d = dir.join("in");
    let with_prev = |text: &str| text.replace("\"shiyan-2023.toml\"", "\"../shiyan-2023.toml\"");
    write(&d, "a.toml", &with_prev(&sample_text("shiyan-2024.toml")));
    write(&d, "b.toml", &with_prev(&sample_text("broken-2024.toml")));
    write(&d, "c.toml", &with_prev(&sample_text("mismatch-2024.toml")));
    write(&d, "d-last-year.toml", &sample_text("shiyan-2023.toml"));
    write(
        &d,
        "e-bad.toml",
        "template = \"gov-2021\"\nyear = \"2024\"\nagency = 3\n",
    );
}

fn en(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["--lang", "en"];
    all.extend_from_slice(args);
    nianbao_in(dir, &all)
}

#[test]
fn every_input_that_cannot_be_added_is_named_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    county(dir.path());
    let run = en(dir.path(), &["sum", "in", "in/a.toml", "-o", "total.toml"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!dir.path().join("total.toml").exists(), "nothing written");
    let err = &run.stderr;
    for expected in [
        "in/e-bad.toml:2:8: `year` must be a year",
        "in/e-bad.toml:3:10: `agency` must be a string",
        "in/d-last-year.toml: is template gov-2021 for 2023, while the total is template gov-2021 for 2024, as 3 of the 4 readable inputs are",
        "in/a.toml is given twice: it is counted once",
        "nianbao: 2 inputs cannot be added (listed above), so nothing was written; with --skip-bad the others are summed",
    ] {
        assert!(err.contains(expected), "{expected:?} not in\n{err}");
    }
    let zh = nianbao_zh(dir.path(), &["sum", "in", "in/a.toml", "-o", "total.toml"]);
    assert_eq!(zh.code, 2);
    for expected in [
        "in/d-last-year.toml：是 gov-2021 模板 2023 年的报告，而汇总的是 gov-2021 模板 2024 年的报告（可读的 4 份输入中有 3 份是）",
        "in/a.toml：重复给出，只计一次",
        "nianbao: 2 份输入无法汇总（见上），未写入任何内容；加 --skip-bad 可只汇总其余的",
    ] {
        assert!(
            zh.stderr.contains(expected),
            "{expected:?} not in\n{}",
            zh.stderr
        );
    }
}

#[test]
fn skip_bad_adds_the_others_and_lists_what_it_left_out() {
    let dir = tempfile::tempdir().unwrap();
    county(dir.path());
    let run = en(dir.path(), &["sum", "in", "--skip-bad", "-o", "total.toml"]);
    assert_eq!(run.code, 1, "written, but not everything: {}", run.stderr);
    assert_eq!(run.stdout, "summed 3 reports into total.toml\n");
    assert!(run.stderr.contains("in/e-bad.toml:2:8:"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("in/d-last-year.toml: is template gov-2021 for 2023")
    );
    assert!(
        run.stderr
            .contains("nianbao: 2 inputs were left out (listed above)"),
        "{}",
        run.stderr
    );
    let total = std::fs::read_to_string(dir.path().join("total.toml")).unwrap();
    // 77 new requests in each of the three of 2024, the last year's report left out.
    assert!(
        total.contains("new                                = [186, 27, 0, 3, 9, 6, 231]"),
        "{total}"
    );
    let zh = nianbao_zh(
        dir.path(),
        &["sum", "in", "--skip-bad", "-o", "total2.toml"],
    );
    assert_eq!(zh.code, 1);
    assert_eq!(zh.stdout, "已汇总 3 份报告 → total2.toml\n");
    assert!(
        zh.stderr.contains("nianbao: 未计入 2 份输入（见上）"),
        "{}",
        zh.stderr
    );
    // The same total, but for the file's header comment, which is in its writer's language.
    let body = |name: &str| {
        let text = std::fs::read_to_string(dir.path().join(name)).unwrap();
        text.lines().skip(2).collect::<Vec<_>>().join("\n")
    };
    assert_eq!(body("total.toml"), body("total2.toml"));
}

/// The inputs `sum` lists as breaking rules are the files `check` finds errors in: both read
/// each input's last year's report.
#[test]
fn the_inputs_that_break_rules_are_those_check_finds() {
    let dir = tempfile::tempdir().unwrap();
    county(dir.path());
    std::fs::remove_file(dir.path().join("in/d-last-year.toml")).unwrap();
    std::fs::remove_file(dir.path().join("in/e-bad.toml")).unwrap();
    // Keeps every rule of its own, but its carried-over row disagrees with its last year.
    let carried = edited(
        "shiyan-2024.toml",
        &[
            (
                "previous = \"shiyan-2023.toml\"",
                "previous = \"../shiyan-2023.toml\"",
            ),
            (
                "carried                            = [4, 1, 0, 0, 0, 0, 5]",
                "carried                            = [5, 0, 0, 0, 0, 0, 5]",
            ),
            (
                "carry_forward                      = [4, 2, 0, 0, 1, 0, 7]",
                "carry_forward                      = [5, 1, 0, 0, 1, 0, 7]",
            ),
        ],
    );
    write(&dir.path().join("in"), "f-carried.toml", &carried);
    let check = en(dir.path(), &["check", "in", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    let with_errors: Vec<String> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["errors"].as_u64().unwrap() > 0)
        .map(|f| format!("{}: {} errors", f["path"].as_str().unwrap(), f["errors"]))
        .collect();
    assert_eq!(
        with_errors,
        ["in/b.toml: 9 errors", "in/f-carried.toml: 2 errors"]
    );
    let sum = en(dir.path(), &["sum", "in", "-o", "total.toml"]);
    assert_eq!(sum.code, 1);
    let listed: Vec<&str> = sum
        .stderr
        .lines()
        .filter(|l| !l.starts_with("nianbao:") && !l.contains("was already added from"))
        .collect();
    assert_eq!(listed, with_errors);
    assert!(sum.stderr.contains("2 of 4 reports break rules"));
    let zh = nianbao_zh(dir.path(), &["sum", "in", "-o", "total.toml"]);
    assert!(
        zh.stderr.contains("in/f-carried.toml：2 个错误"),
        "{}",
        zh.stderr
    );
    assert!(
        zh.stderr.contains("4 份报告中有 2 份不符合规则"),
        "{}",
        zh.stderr
    );
}

#[test]
fn exporting_a_report_that_breaks_rules_says_so_and_writes_it_all_the_same() {
    let dir = tempfile::tempdir().unwrap();
    county(dir.path());
    let run = en(
        dir.path(),
        &["export", "in/b.toml", "--to", "md", "-o", "b.md"],
    );
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stderr,
        "nianbao: in/b.toml breaks rules in 9 places (see nianbao check in/b.toml); exported as it is\n"
    );
    assert!(
        std::fs::read_to_string(dir.path().join("b.md"))
            .unwrap()
            .contains("# ")
    );
    let zh = nianbao_zh(dir.path(), &["export", "in/b.toml", "--to", "json"]);
    assert_eq!(zh.code, 0);
    assert!(zh.stdout.starts_with('{'), "the export is still printed");
    assert_eq!(
        zh.stderr,
        "nianbao: in/b.toml 有 9 处不符合规则（用 nianbao check in/b.toml 查看），已按原样导出\n"
    );
    let good = en(dir.path(), &["export", "in/a.toml", "--to", "txt"]);
    assert_eq!((good.code, good.stderr.as_str()), (0, ""));
}
