//! `nianbao import` and `nianbao export` as a script sees them: files written, exit codes, and
//! anomalies on standard error.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn nianbao(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn path(relative: &str) -> String {
    format!("{}/{relative}", env!("CARGO_MANIFEST_DIR"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn the_seed_imports_with_exit_1_and_its_anomalies_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("weihui.toml");
    let seed = path("tests/fixtures/import/seed-weihui-2021.txt");
    let o = nianbao(&["import", &seed, "-o", out.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert!(o.stdout.is_empty());
    let err = text(&o.stderr);
    assert!(
        err.contains(
            "seed-weihui-2021.txt:75: anomaly: row \"(七) 总计\" has 8 values for 7 columns"
        ),
        "{err}"
    );
    assert!(err.contains("seed-weihui-2021.txt:76: anomaly:"), "{err}");
    assert!(err.contains("seed-weihui-2021.txt:83: anomaly:"), "{err}");
    assert!(err.contains("imported with 3 anomalies"), "{err}");
    let written = std::fs::read_to_string(&out).unwrap();
    let sample = std::fs::read_to_string(path("samples/weihui-2021.toml")).unwrap();
    assert_eq!(written, sample);
    // The written report is a report file like any other.
    let o = nianbao(&["check", out.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
}

#[test]
fn a_clean_import_from_standard_input_exits_0_and_prints_the_report() {
    let page = std::fs::read(path("tests/fixtures/import/page-gbk-xilin-2023.html")).unwrap();
    let o = nianbao(&["import", "-"], Some(&page));
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let report = text(&o.stdout);
    assert!(report.starts_with("# 西林市生态环境局2023年政府信息公开工作年度报告\n"));
    assert!(report.contains("licensing = [864]"), "{report}");
    // Notes (the encoding, the page's menus) are said but do not make it an anomaly.
    assert!(text(&o.stderr).contains("-: note: the input is not UTF-8; decoded as GBK"));
}

#[test]
fn a_cut_short_2019_report_is_imported_with_its_anomalies() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.toml");
    let old = path("tests/fixtures/import/format-2019-beiping-2020.txt");
    let o = nianbao(&["import", &old, "-o", out.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.contains("template = \"gov-2019\""));
    assert!(text(&o.stderr).contains("anomaly"));
}

#[test]
fn unusable_input_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.toml");
    let out_arg = out.to_str().unwrap();
    let o = nianbao(
        &["import", "-", "-o", out_arg],
        Some(b"\x00\x01\xff random bytes \x1b[31m"),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("no report found"),
        "{}",
        text(&o.stderr)
    );
    assert!(!out.exists());
    let o = nianbao(&["import", "/nonexistent/report.txt"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("cannot read"));
}

#[test]
fn anomalies_from_the_input_are_shown_with_control_characters_made_visible() {
    let input = "某局2024年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t1\t\u{1b}]52;c;x\u{7}\t2\n";
    let o = nianbao(&["import", "-"], Some(input.as_bytes()));
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.contains("^[]52;c;x^G"), "{err}");
    assert!(!err.contains('\u{1b}'));
    assert!(err.contains("-:5: anomaly:"), "{err}");
}

#[test]
fn every_export_format() {
    let sample = path("samples/shiyan-2024.toml");
    let dir = tempfile::tempdir().unwrap();
    for format in ["json", "html", "txt", "md", "csv"] {
        let o = nianbao(&["export", &sample, "--to", format], None);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", text(&o.stderr));
        let out = dir.path().join(format!("report.{format}"));
        let o2 = nianbao(
            &[
                "export",
                &sample,
                "--to",
                format,
                "-o",
                out.to_str().unwrap(),
            ],
            None,
        );
        assert_eq!(o2.status.code(), Some(0));
        assert!(o2.stdout.is_empty());
        assert_eq!(std::fs::read(&out).unwrap(), o.stdout, "{format}");
    }
    let html = text(&nianbao(&["export", &sample, "--to", "html"], None).stdout);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<th rowspan=\"3\" colspan=\"3\">(本列数据的勾稽关系为"));
    assert!(html.contains("<th colspan=\"5\">法人或其他组织</th>"));
    assert!(html.contains("<th class=\"row\" rowspan=\"22\">三、本年度办理结果</th>"));
    assert!(html.contains("<td>18.8710</td>"));
    assert!(html.contains("@media print"));
    let md = text(&nianbao(&["export", &sample, "--to", "md"], None).stdout);
    assert!(md.contains("## 三、收到和处理政府信息公开申请情况"));
    assert!(
        md.contains("| 一、本年新收政府信息公开申请数量 | 62 | 9 | 0 | 1 | 3 | 2 | 77 |"),
        "{md}"
    );
    assert!(md.contains("行政诉讼·未经复议直接起诉·结果维持"));
    let csv = text(&nianbao(&["export", &sample, "--to", "csv"], None).stdout);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "\u{feff}agency,year,section,table,row,column,row_label,column_label,value"
    );
    // 6 + 1 + 2 + 1 + 175 + 15 cells, the header, and the empty string after the last CRLF.
    assert_eq!(lines.len(), 200 + 2);
    assert!(lines.contains(
        &"示例市自然资源和规划局,2024,active,fees,fees,amount,行政事业性收费,本年收费金额（单位：万元，保留4位小数）,18.8710"
    ));
    assert!(lines.contains(
        &"示例市自然资源和规划局,2024,requests,applications,handled.partial,natural,\"(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)\",自然人,5"
    ));
    assert!(lines.contains(
        &"示例市自然资源和规划局,2024,requests,applications,handled.withheld.state_secret,natural,(三) 不予公开 › 1.属于国家秘密,自然人,0"
    ));
    // An empty cell is an empty field, never 0.
    let new = tempfile::NamedTempFile::new().unwrap();
    std::fs::remove_file(new.path()).unwrap();
    let o = nianbao(&["new", new.path().to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(0));
    let csv = text(
        &nianbao(
            &["export", new.path().to_str().unwrap(), "--to", "csv"],
            None,
        )
        .stdout,
    );
    assert!(
        csv.contains(",,appeals,cases,cases,review.upheld,,行政复议 › 结果维持,\r\n"),
        "{csv}"
    );
    let txt = text(&nianbao(&["export", &sample, "--to", "txt"], None).stdout);
    let back = nianbao(&["import", "-"], Some(txt.as_bytes()));
    assert_eq!(back.status.code(), Some(0), "{}", text(&back.stderr));
    assert!(Path::new(&sample).exists());
}

#[test]
fn a_megabyte_of_noise_is_no_report_and_writes_nothing() {
    // Once a megabyte of random bytes made a report with every cell emptied, over an existing
    // one: numbers among the noise were taken for table 四's unlabelled row.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let noise: Vec<u8> = (0..1_000_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.toml");
    let o = nianbao(&["import", "-", "-o", out.to_str().unwrap()], Some(&noise));
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("no report found"));
    assert!(!out.exists());
}
