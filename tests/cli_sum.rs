//! `nianbao sum FILE... -o OUT.toml`: exact totals, empty kept empty, broken inputs listed,
//! mismatches refused, memory flat in the number of files.

mod common;

use std::path::Path;
use std::sync::Arc;

use common::{edited, nianbao_in, samples, write};
use nianbao::report::Report;
use nianbao::rules::{check_report, derive_all};
use nianbao::store::{load_file, render_new};
use nianbao::template::{Registry, Severity, Template};

fn load(path: &Path) -> Report {
    load_file(path, &mut Registry::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .0
}

fn sample(name: &str) -> String {
    samples().join(name).display().to_string()
}

/// The value of one cell of a report, by table, row and column id.
fn cell(report: &Report, table: &str, row: &str, column: &str) -> Option<i64> {
    let t = report
        .template
        .tables
        .iter()
        .position(|x| x.id == table)
        .unwrap();
    let tt = &report.template.tables[t];
    let r = tt.rows.iter().position(|x| x.id == row).unwrap();
    let c = tt.columns.iter().position(|x| x.id == column).unwrap();
    report.cell(t, r, c)
}

#[test]
fn three_departments_add_up_exactly_and_the_broken_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let a = sample("shiyan-2024.toml");
    let b = sample("broken-2024.toml");
    let c = sample("mismatch-2024.toml");
    let run = nianbao_in(
        dir.path(),
        &["sum", &a, &b, &c, "-o", "total.toml", "--agency", "示例市"],
    );
    assert_eq!(
        run.code, 1,
        "written, but an input breaks rules: {}",
        run.stderr
    );
    assert_eq!(run.stdout, "summed 3 reports into total.toml\n");
    let stderr: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        stderr,
        [
            // As `check` counts them: with its last year's report.
            format!("{b}: 9 errors").as_str(),
            // The two samples are of one agency: the total may count a body twice.
            format!(
                "{c}: a report of \"示例市自然资源和规划局\" was already added from {a}, and both are in the total; if it is a copy of the same report, leave one out and sum again"
            )
            .as_str(),
            "nianbao: 1 of 3 reports breaks rules and was added as it is; see nianbao check"
        ]
    );
    let total = load(&dir.path().join("total.toml"));
    assert_eq!(total.agency, "示例市");
    assert_eq!(total.year, Some(2024));
    assert_eq!(total.title, "示例市2024年政府信息公开工作年度报告");
    assert!(
        total.texts.iter().all(String::is_empty),
        "texts are left to the county"
    );
    // Money exactly: 18.8710 three times.
    assert_eq!(cell(&total, "fees", "fees", "amount"), Some(566_130));
    assert_eq!(cell(&total, "applications", "new", "total"), Some(231));
    assert_eq!(cell(&total, "cases", "cases", "review.total"), Some(16));
}

#[test]
fn a_cell_stays_empty_only_where_every_input_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    let a = edited(
        "shiyan-2024.toml",
        &[
            ("previous = \"shiyan-2023.toml\"\n", ""),
            ("fees = [18.8710]", "fees = [\"\"]"),
            ("regulations = [0, 0, 2]", "regulations = [\"\", 0, 2]"),
        ],
    );
    let b = a.replace("regulations = [\"\", 0, 2]", "regulations = [1, 0, 2]");
    let a = write(dir.path(), "a.toml", &a);
    let b = write(dir.path(), "b.toml", &b);
    let run = nianbao_in(dir.path(), &["sum", &a, &b, "-o", "total.toml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let total = load(&dir.path().join("total.toml"));
    assert_eq!(cell(&total, "fees", "fees", "amount"), None);
    assert_eq!(cell(&total, "documents", "regulations", "issued"), Some(1));
    assert_eq!(
        cell(&total, "documents", "regulations", "in_force"),
        Some(4)
    );
}

#[test]
fn reports_of_another_year_or_format_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    for (other, says) in [
        (
            "shiyan-2023.toml",
            "shiyan-2023.toml: is template gov-2021 for 2023, while the total is template gov-2021 for 2024, as 1 of the 2 readable inputs is",
        ),
        ("shiyan-2020.toml", "is template gov-2019 for 2020"),
    ] {
        let run = nianbao_in(
            dir.path(),
            &[
                "sum",
                &sample("shiyan-2024.toml"),
                &sample(other),
                "-o",
                "total.toml",
            ],
        );
        assert_eq!(run.code, 2);
        assert!(run.stderr.contains(says), "{}", run.stderr);
        assert!(
            run.stderr.contains("nianbao: 1 input cannot be added"),
            "{}",
            run.stderr
        );
        assert!(!dir.path().join("total.toml").exists());
    }
}

#[test]
fn a_report_given_twice_is_counted_once() {
    let dir = tempfile::tempdir().unwrap();
    let a = sample("shiyan-2024.toml");
    let same = samples().join("../samples/shiyan-2024.toml");
    let run = nianbao_in(
        dir.path(),
        &["sum", &a, same.to_str().unwrap(), "-o", "t.toml"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!("{} is given twice: it is counted once\n", same.display())
    );
    assert_eq!(run.stdout, "summed 1 report into t.toml\n");
    let once = std::fs::read(dir.path().join("t.toml")).unwrap();
    std::fs::remove_file(dir.path().join("t.toml")).unwrap();
    let run = nianbao_in(dir.path(), &["sum", &a, "-o", "t.toml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read(dir.path().join("t.toml")).unwrap(), once);
    let run = nianbao_in(dir.path(), &["sum", &a, "t.toml", "-o", "t.toml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("t.toml is the output file"),
        "{}",
        run.stderr
    );
}

#[test]
fn summing_again_keeps_what_was_written_in_the_total() {
    let dir = tempfile::tempdir().unwrap();
    let a = sample("shiyan-2024.toml");
    let c = sample("mismatch-2024.toml");
    assert_eq!(
        nianbao_in(dir.path(), &["sum", &a, "-o", "total.toml"]).code,
        0
    );
    let path = dir.path().join("total.toml");
    let written = std::fs::read_to_string(&path)
        .unwrap()
        .replacen("text = '''\n\n'''", "text = '''\n全市汇总说明。\n'''", 1)
        .replacen("agency = \"\"", "agency = \"示例市\"  # 汇总单位", 1);
    std::fs::write(&path, &written).unwrap();
    let run = nianbao_in(dir.path(), &["sum", &a, &c, "-o", "total.toml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.contains("全市汇总说明。"));
    assert!(after.contains("agency = \"示例市\"  # 汇总单位"));
    assert_eq!(
        cell(&load(&path), "applications", "new", "total"),
        Some(154)
    );
    // A total of another year is not overwritten.
    let run = nianbao_in(
        dir.path(),
        &["sum", &sample("shiyan-2023.toml"), "-o", "total.toml"],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("not overwriting it"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), after);
}

/// `--title` names the total; without it a new total is named from its agency and year, and an
/// existing total keeps the title written in it until `--title` gives another.
#[test]
fn the_title_of_the_total() {
    let dir = tempfile::tempdir().unwrap();
    let a = sample("shiyan-2024.toml");
    let run = nianbao_in(
        dir.path(),
        &["sum", &a, "-o", "total.toml", "--title", "全市汇总报告"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = dir.path().join("total.toml");
    assert_eq!(load(&path).title, "全市汇总报告");
    let run = nianbao_in(dir.path(), &["sum", &a, "-o", "total.toml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(load(&path).title, "全市汇总报告", "kept when not given");
    let c = sample("mismatch-2024.toml");
    let run = nianbao_in(
        dir.path(),
        &["sum", &a, &c, "-o", "total.toml", "--title", "新标题"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let total = load(&path);
    assert_eq!(total.title, "新标题");
    assert_eq!(cell(&total, "applications", "new", "total"), Some(154));
}

#[test]
fn an_overflowing_total_or_an_unreadable_input_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let huge = edited(
        "shiyan-2024.toml",
        &[
            ("previous = \"shiyan-2023.toml\"\n", ""),
            ("licensing = [1286]", "licensing = [999999999999999]"),
        ],
    );
    let huge = write(dir.path(), "huge.toml", &huge);
    let run = nianbao_in(
        dir.path(),
        &["sum", &huge, &sample("shiyan-2024.toml"), "-o", "t.toml"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("the total of Section 2 › Article 20 (5): administrative licensing › Administrative licensing × Decisions this year would be too large"),
        "{}",
        run.stderr
    );
    let bad = write(
        dir.path(),
        "bad.toml",
        "template = \"gov-2021\"\nyear = \"2024\"\n",
    );
    let run = nianbao_in(
        dir.path(),
        &["sum", &sample("shiyan-2024.toml"), &bad, "-o", "t.toml"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("bad.toml:2:8: `year` must be a year"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("t.toml").exists());
}

/// A pseudo-random generator, so the generated reports are the same on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> i64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n) as i64
    }
}

/// A department's report that keeps every rule: random outcomes, what was carried and carried
/// forward, new requests to balance, totals derived; 规章 left empty in every report.
fn department(template: &Arc<Template>, rng: &mut Lcg) -> Report {
    let mut r = Report::new(template.clone());
    r.agency = "示例县某局".into();
    r.year = Some(2024);
    let t = |id: &str| template.tables.iter().position(|x| x.id == id).unwrap();
    let (documents, fees, apps, cases) = (t("documents"), t("fees"), t("applications"), t("cases"));
    r.tables[documents][3..6].copy_from_slice(&[
        Some(rng.below(9)),
        Some(rng.below(4)),
        Some(rng.below(90)),
    ]);
    r.tables[t("licensing")][0] = Some(rng.below(5_000));
    r.tables[t("enforcement")] = vec![Some(rng.below(700)), Some(rng.below(60))];
    // Up to 99,999.9999 万元, four decimals.
    r.tables[fees][0] = Some(rng.below(1_000_000_000));
    let table = &template.tables[apps];
    let row = |id: &str| table.rows.iter().position(|x| x.id == id).unwrap();
    for c in 0..6 {
        let mut handled = 0;
        for (ri, rw) in table.rows.iter().enumerate() {
            if rw.id.starts_with("handled.") && rw.id != "handled.total" {
                let v = rng.below(6);
                handled += v;
                r.tables[apps][table.cell_index(ri, c)] = Some(v);
            }
        }
        let forward = rng.below(4);
        let carried = rng.below((handled + forward + 1) as u64);
        r.tables[apps][table.cell_index(row("carry_forward"), c)] = Some(forward);
        r.tables[apps][table.cell_index(row("carried"), c)] = Some(carried);
        r.tables[apps][table.cell_index(row("new"), c)] = Some(handled + forward - carried);
    }
    for group in [0, 5, 10] {
        for k in 0..4 {
            r.tables[cases][group + k] = Some(rng.below(3));
        }
    }
    derive_all(&mut r);
    r
}

fn sum_of_generated_reports(count: usize) {
    let dir = tempfile::tempdir().unwrap();
    let template = Registry::default().get("gov-2021").unwrap();
    let mut rng = Lcg(2024);
    let mut expected: Vec<Vec<Option<i128>>> = template
        .tables
        .iter()
        .map(|t| vec![None; t.cell_count()])
        .collect();
    let mut files = Vec::with_capacity(count);
    for i in 0..count {
        let report = department(&template, &mut rng);
        if i == 0 {
            assert!(
                !check_report(&report, None)
                    .iter()
                    .any(|f| f.severity == Severity::Error),
                "generated reports keep the rules"
            );
        }
        for (sums, values) in expected.iter_mut().zip(&report.tables) {
            for (sum, value) in sums.iter_mut().zip(values) {
                if let Some(v) = value {
                    *sum = Some(sum.unwrap_or(0) + i128::from(*v));
                }
            }
        }
        let name = format!("d{i:05}.toml");
        std::fs::write(dir.path().join(&name), render_new(&report)).unwrap();
        files.push(name);
    }
    // The first on the command line, the rest from a list: as many as one wishes, read one at a
    // time.
    std::fs::write(dir.path().join("list.txt"), files[1..].join("\n")).unwrap();
    let args = [
        "sum",
        &files[0],
        "--files-from",
        "list.txt",
        "-o",
        "total.toml",
    ];
    let run = nianbao_in(dir.path(), &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!("summed {count} reports into total.toml\n")
    );
    let total = load(&dir.path().join("total.toml"));
    for (t, (sums, values)) in expected.iter().zip(&total.tables).enumerate() {
        for (cell, (sum, value)) in sums.iter().zip(values).enumerate() {
            assert_eq!(
                value.map(i128::from),
                *sum,
                "table {} cell {cell}",
                template.tables[t].id
            );
        }
    }
    assert_eq!(cell(&total, "documents", "regulations", "issued"), None);
    assert!(cell(&total, "fees", "fees", "amount").unwrap() > 1_000_000_000);
}

/// The figure: 10,000 departments' reports, summed exactly (about ten seconds in a
/// debug build).
#[test]
fn ten_thousand_generated_reports_add_up_exactly() {
    sum_of_generated_reports(10_000);
}

#[test]
fn files_to_add_up_can_come_from_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let a = format!("{root}/samples/shiyan-2024.toml");
    let b = format!("{root}/samples/broken-2024.toml");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args([
            "--lang",
            "en",
            "sum",
            "--files-from",
            "-",
            "-o",
            "total.toml",
        ])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    writeln!(child.stdin.take().unwrap(), "{a}\n\n{b}\n{a}").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "written; b breaks rules");
    assert!(String::from_utf8_lossy(&out.stderr).contains("is given twice: it is counted once"));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "summed 2 reports into total.toml\n"
    );
    let run = nianbao_in(
        dir.path(),
        &["sum", "--files-from", "/nonexistent/list", "-o", "t.toml"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("/nonexistent/list: cannot read the list of files"),
        "{}",
        run.stderr
    );
    let run = nianbao_in(dir.path(), &["sum", "-o", "t.toml"]);
    assert_eq!(run.code, 2, "no input at all is a usage error");
}
