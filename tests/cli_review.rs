//! `nianbao review --export`: the assessment table of a folder, as a reviewer sends it on — one
//! row per report with its status, counts, the rules it breaks, the reviewer's mark and note; CSV
//! for Excel on a Chinese Windows and a real spreadsheet; the output guard of `export`. In Chinese
//! (LANG=zh_CN.UTF-8) and in English.

mod common;
mod ooxml;

use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use common::{nianbao_in, nianbao_zh};
use nianbao::review::marks::MARKS_FILE;
use nianbao::review::sample::write_folder;

/// The folder reviewed, with last year's beside it in the same temporary folder.
struct Folder {
    _root: tempfile::TempDir,
    dir: std::path::PathBuf,
}

impl Folder {
    fn path(&self) -> &Path {
        &self.dir
    }
}

/// A folder of 8 departments (3 and 5 broken, a bad file, a stray TOML), with dept-03 reviewed
/// and noted, and dept-05 reviewed before it was changed.
fn folder() -> Folder {
    let root = tempfile::tempdir().unwrap();
    let dir = Folder {
        dir: write_folder(root.path(), 8).unwrap(),
        _root: root,
    };
    let hash = |name: &str| {
        let text = std::fs::read_to_string(dir.path().join(name)).unwrap();
        nianbao::review::hash_text(nianbao::review::content_hash(&text))
    };
    let marks = format!(
        "[\"dept-03.toml\"]\nreviewed = true\nnote = \"退回：上年结转, 请改\"\nhash = \"{}\"\n\n\
         [\"dept-05.toml\"]\nreviewed = true\nhash = \"fnv1a64:0000000000000000\"\n",
        hash("dept-03.toml")
    );
    std::fs::write(dir.path().join(MARKS_FILE), marks).unwrap();
    dir
}

fn rows(csv: &str) -> Vec<&str> {
    csv.split("\r\n").filter(|l| !l.is_empty()).collect()
}

#[test]
fn the_csv_table_has_a_row_per_report_in_chinese() {
    let dir = folder();
    std::os::unix::fs::symlink("loop.toml", dir.path().join("loop.toml")).unwrap();
    let run = nianbao_zh(dir.path(), &["review", ".", "--export", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with('\u{feff}'),
        "a byte-order mark for Excel"
    );
    let rows = rows(&run.stdout[3..]);
    assert_eq!(
        rows[0],
        "机关,年度,文件,状态,错误,警告,违反的规则,已审核,备注"
    );
    assert_eq!(
        rows.len(),
        1 + 11,
        "8 departments, the bad file, the stray TOML, the link to itself: last year's reports are in a folder of their own"
    );
    let row = |file: &str| {
        *rows
            .iter()
            .find(|r| r.contains(&format!(",{file},")))
            .unwrap()
    };
    assert_eq!(
        row("dept-03.toml"),
        "示例市第03局,2024,dept-03.toml,有错误,3,0,行合计（row-total）、一+二=三+四（balance）、上年结转（carried-continuity）,是,\"退回：上年结转, 请改\""
    );
    assert!(
        row("dept-05.toml").contains(",已审核，此后有改动,"),
        "{}",
        row("dept-05.toml")
    );
    assert_eq!(
        row("dept-01.toml"),
        "示例市第01局,2024,dept-01.toml,通过,0,0,,否,"
    );
    // Its year as the file states it; its body's name breaks off, so there is none.
    let bad = row("dept-bad.toml");
    // The Chinese reason holds no comma, so the field needs no quotes.
    assert!(
        bad.starts_with(",2024,dept-bad.toml,无法读取,,,无法读取：2:10："),
        "{bad}"
    );
    assert!(
        row("config.toml").contains("无法读取"),
        "a TOML that is not a report is named"
    );
    // A file the system cannot open says 无法读取 once, though its reason begins so too.
    assert_eq!(
        row("loop.toml"),
        ",,loop.toml,无法读取,,,无法读取：符号链接循环（链接最终指向自己）,否,"
    );
    assert_eq!(
        run.stderr, "",
        "no progress or anything else when stderr is not a terminal"
    );
}

#[test]
fn a_report_of_another_template_is_named_and_counted() {
    let dir = folder();
    let other = std::fs::read_to_string(dir.path().join("dept-01.toml"))
        .unwrap()
        .replace("template = \"gov-2021\"", "template = \"county-2024\"");
    std::fs::write(dir.path().join("dept-01.toml"), other).unwrap();
    let run = nianbao_in(dir.path(), &["review", ".", "--export", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = rows(&run.stdout[3..]);
    let row = rows.iter().find(|r| r.contains(",dept-01.toml,")).unwrap();
    assert!(
        row.contains(",unreadable,") && row.contains("county-2024"),
        "{row}"
    );
    assert_eq!(rows.len(), 11, "still one row per file");
}

/// A report file with one bad value (a negative count) cannot be read, and its row of the
/// assessment table still names its body and year, as the file does above its tables: it sorted
/// away from its body, both columns blank.
#[test]
fn a_report_that_cannot_be_read_keeps_its_body_and_year_in_the_table() {
    let dir = folder();
    let path = dir.path().join("dept-02.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let agency = text
        .lines()
        .find_map(|l| l.strip_prefix("agency = "))
        .unwrap()
        .trim_matches('"')
        .to_string();
    let broken = text.replacen("licensing = [", "licensing = [-", 1);
    assert_ne!(broken, text);
    std::fs::write(&path, broken).unwrap();
    let run = nianbao_in(dir.path(), &["review", ".", "--export", "csv"]);
    let rows = rows(&run.stdout[3..]);
    let row = rows.iter().find(|r| r.contains(",dept-02.toml,")).unwrap();
    assert!(
        row.starts_with(&format!("{agency},2024,dept-02.toml,unreadable,")),
        "{row}"
    );
}

#[test]
fn the_csv_table_in_english() {
    let dir = folder();
    let run = nianbao_in(dir.path(), &["review", ".", "--export", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = rows(&run.stdout[3..]);
    assert_eq!(
        rows[0],
        "agency,year,file,status,errors,warnings,rules broken,reviewed,note"
    );
    let row = |file: &str| {
        *rows
            .iter()
            .find(|r| r.contains(&format!(",{file},")))
            .unwrap()
    };
    assert!(
        row("dept-03.toml").contains(
            ",errors,3,0,row total (row-total); balance; carried over (carried-continuity),yes,"
        ),
        "{}",
        row("dept-03.toml")
    );
    assert!(row("dept-05.toml").contains(",changed since reviewed,"));
    assert!(row("dept-02.toml").ends_with(",ok,0,0,,no,"));
    assert!(
        row("dept-bad.toml").contains(",unreadable,,,unreadable: 2:10: not valid TOML: the string")
    );
}

fn sheet(path: &Path) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let names = book.sheet_names();
    let range = book.worksheet_range(&names[0]).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::Float(f) => format!("{f}"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_xlsx_table_has_a_frozen_header_fitted_widths_and_numbers() {
    let dir = folder();
    let out = dir.path().join("评议.xlsx");
    let run = nianbao_zh(
        dir.path(),
        &[
            "review",
            ".",
            "--export",
            "xlsx",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("已写入") && run.stderr.contains("2 有错误"),
        "{}",
        run.stderr
    );
    let rows = sheet(&out);
    assert_eq!(rows[0][..3], ["机关", "年度", "文件"]);
    let dept3 = rows.iter().find(|r| r[2] == "dept-03.toml").unwrap();
    assert_eq!(dept3[1], "2024", "the year is a number");
    assert_eq!(dept3[4], "3");
    assert_eq!(dept3[7], "是");
    assert_eq!(dept3[8], "退回：上年结转, 请改");
    let bytes = std::fs::read(&out).unwrap();
    let xml = ooxml::part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        xml.contains("ySplit=\"1\"") && xml.contains("state=\"frozen\""),
        "{xml}"
    );
    assert!(xml.contains("<autoFilter"), "a filter on the header");
    // The rules column (7) is fitted to its longest text, the year's (2) to four digits; the
    // two count columns share one width.
    let widths: Vec<f64> = xml
        .match_indices("width=\"")
        .map(|(i, m)| {
            let rest = &xml[i + m.len()..];
            rest[..rest.find('"').unwrap()].parse().unwrap()
        })
        .collect();
    assert!(xml.contains("<col min=\"5\" max=\"6\""), "{xml}");
    assert_eq!(widths.len(), 8, "{xml}");
    assert!(widths[5] > 40.0 && widths[1] < 10.0, "{widths:?}");
}

#[test]
fn the_output_is_guarded_as_export_guards_it() {
    let dir = folder();
    std::fs::write(dir.path().join("old.csv"), "keep").unwrap();
    let run = nianbao_in(
        dir.path(),
        &["review", ".", "--export", "csv", "-o", "old.csv"],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("old.csv")).unwrap(),
        "keep"
    );
    let run = nianbao_zh(
        dir.path(),
        &["review", ".", "--export", "csv", "-o", "old.csv"],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("已存在"), "{}", run.stderr);
    let run = nianbao_in(
        dir.path(),
        &["review", ".", "--export", "csv", "-o", "old.csv", "--force"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        std::fs::read_to_string(dir.path().join("old.csv"))
            .unwrap()
            .contains("dept-03.toml")
    );
}

#[test]
fn marks_that_cannot_be_read_stop_the_table_rather_than_lose_them() {
    let dir = folder();
    std::fs::write(dir.path().join(MARKS_FILE), "[\"a.toml\"\nreviewed = ").unwrap();
    let run = nianbao_zh(dir.path(), &["review", ".", "--export", "csv"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("审核记录") && run.stderr.contains(MARKS_FILE),
        "{}",
        run.stderr
    );
    // The parser's own English is translated, as a report's is.
    assert!(
        run.stderr.contains("格式有误：") && !run.stderr.contains("expected"),
        "{}",
        run.stderr
    );
    let run = nianbao_in(dir.path(), &["review", ".", "--export", "csv"]);
    assert!(run.stderr.contains("review marks"), "{}", run.stderr);
    // Where to mend it: the line and column, as an editor takes them.
    std::fs::write(
        dir.path().join(MARKS_FILE),
        "[\"a.toml\"]\nreviewed = true\n[\"b.toml\"]\nreviewed = yes\n",
    )
    .unwrap();
    let run = nianbao_zh(dir.path(), &["review", ".", "--export", "csv"]);
    assert!(
        run.stderr.contains(&format!("{MARKS_FILE}:4:12")),
        "{}",
        run.stderr
    );
}

#[test]
fn a_list_of_files_and_the_queue_without_a_terminal() {
    let dir = folder();
    // dept-03 named three times: one report, one row, the others said.
    std::fs::write(
        dir.path().join("list.txt"),
        "dept-03.toml\n dept-03.toml \n./dept-03.toml\nmissing.toml\n",
    )
    .unwrap();
    let run = nianbao_in(
        dir.path(),
        &[
            "review",
            "--files-from",
            "list.txt",
            "--export",
            "csv",
            "--marks",
            MARKS_FILE,
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = rows(&run.stdout[3..]);
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows[1].contains("dept-03.toml") && rows[1].contains(",yes,"));
    assert!(rows[2].contains("missing.toml") && rows[2].contains("unreadable"));
    assert_eq!(
        run.stderr
            .matches("dept-03.toml is given twice: it is listed once")
            .count(),
        2,
        "{}",
        run.stderr
    );
    // The queue needs a terminal: said, in the user's language, not a crash.
    let run = nianbao_zh(dir.path(), &["review", "."]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("终端"), "{}", run.stderr);
}

/// The structure checks are named in the user's language in the table, as the table rules are.
#[test]
fn the_structure_checks_are_named_in_the_user_s_language() {
    let dir = tempfile::tempdir().unwrap();
    let text = common::sample_text("shiyan-2023.toml").replacen("year = 2023", "year = 2024", 1);
    common::write(
        dir.path(),
        "a.toml",
        &text.replace("previous = \"shiyan-2022.toml\"\n", ""),
    );
    let zh = nianbao_zh(dir.path(), &["review", ".", "--export", "csv"]);
    assert!(
        zh.stdout
            .contains(",标题年份不符（title-year）、正文年份不符（text-year）,"),
        "{}",
        zh.stdout
    );
    let en = nianbao_in(dir.path(), &["review", ".", "--export", "csv"]);
    assert!(
        en.stdout
            .contains(",title year (title-year); year in the text (text-year),"),
        "{}",
        en.stdout
    );
}

/// A mistyped folder is said not to be there, rather than opening a queue of one unreadable
/// "report" named after it.
#[test]
fn a_folder_that_is_not_there_is_said_so() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["review", "nonexist"][..],
        &["review", "nonexist", "--export", "csv"],
    ] {
        let zh = nianbao_zh(dir.path(), args);
        assert_eq!(zh.code, 2, "{}", zh.stdout);
        assert_eq!(
            zh.stderr.trim_end(),
            "nianbao: nonexist：没有这个文件夹或文件"
        );
        assert!(zh.stdout.is_empty(), "{}", zh.stdout);
        let en = nianbao_in(dir.path(), args);
        assert_eq!(en.code, 2, "{}", en.stdout);
        assert_eq!(
            en.stderr.trim_end(),
            "nianbao: nonexist: no such folder or file"
        );
    }
}

/// An assessment table of a folder with no report is refused with the reason: a mistyped or wrong
/// folder handed in as an empty table looked like a result.
#[test]
fn the_table_of_a_folder_without_reports_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let zh = nianbao_zh(
        dir.path(),
        &["review", "empty", "--export", "csv", "-o", "t.csv"],
    );
    assert_eq!(zh.code, 2);
    assert_eq!(
        zh.stderr,
        "nianbao: empty：文件夹中没有找到报告（没有 *.toml 文件，也没有已发布的报告）\n"
    );
    assert!(!dir.path().join("t.csv").exists());
}

/// The counts after the table is written agree with their numbers in English: "1 report · 1
/// error", not "1 reports · 1 errors".
#[test]
fn the_counts_after_the_table_agree_with_their_numbers() {
    let dir = tempfile::tempdir().unwrap();
    common::write(
        dir.path(),
        "a.toml",
        &common::sample_text("broken-2024.toml"),
    );
    let en = nianbao_in(
        dir.path(),
        &["review", ".", "--export", "csv", "-o", "t.csv"],
    );
    assert_eq!(en.code, 0, "{}", en.stderr);
    assert_eq!(
        en.stderr,
        "wrote t.csv: 1 report · 1 error · 0 warn · 0 unreadable · 0 ok | 0 reviewed · 0 changed\n"
    );
    let zh = nianbao_zh(
        dir.path(),
        &["review", ".", "--export", "csv", "-o", "t2.csv"],
    );
    assert_eq!(
        zh.stderr,
        "已写入 t2.csv：1 份：1 有错误 · 0 仅警告 · 0 无法读取 · 0 通过 ｜ 已审 0 · 改后待复核 0\n"
    );
}

/// The mark and note of the report `file` in an assessment table: its last two fields.
fn mark_of<'a>(csv: &'a str, file: &str) -> Option<&'a str> {
    let row = rows(csv)
        .into_iter()
        .find(|r| r.contains(&format!(",{file},")))?;
    let fields: Vec<&str> = row.rsplitn(3, ',').collect();
    Some(&row[row.len() - fields[0].len() - fields[1].len() - 1..])
}

#[test]
fn a_subfolder_reviewed_on_its_own_shares_the_marks_of_the_whole() {
    // Marks made on the whole folder show when a county's subfolder is reviewed alone (they were
    // kept in a second file there, and the county's reports looked unreviewed), and marks made on
    // a subfolder alone, before the whole had any, show when the whole is reviewed.
    let root = tempfile::tempdir().unwrap();
    let year = root.path().join("2025");
    let county = year.join("县区");
    let town = county.join("东城区");
    std::fs::create_dir_all(&town).unwrap();
    let sample = format!("{}/samples/shiyan-2024.toml", env!("CARGO_MANIFEST_DIR"));
    for file in [
        year.join("市局.toml"),
        county.join("司法局.toml"),
        town.join("退役军人局.toml"),
    ] {
        std::fs::copy(&sample, file).unwrap();
    }
    std::fs::write(
        county.join(MARKS_FILE),
        "[\"东城区/退役军人局.toml\"]\nreviewed = false\nnote = \"县区里记的\"\n\n\
         [\"../市局.toml\"]\nreviewed = false\nnote = \"不在县区里\"\n",
    )
    .unwrap();
    let whole = nianbao_zh(root.path(), &["review", "2025", "--export", "csv"]);
    assert_eq!(whole.code, 0, "{}", whole.stderr);
    assert_eq!(
        mark_of(&whole.stdout, "县区/东城区/退役军人局.toml"),
        Some("否,县区里记的")
    );
    assert_eq!(mark_of(&whole.stdout, "市局.toml"), Some("否,"));
    std::fs::write(
        year.join(MARKS_FILE),
        "[\"县区/司法局.toml\"]\nreviewed = false\nnote = \"市里记的\"\n",
    )
    .unwrap();
    for (dir, cwd) in [("2025/县区", root.path()), (".", county.as_path())] {
        let part = nianbao_zh(cwd, &["review", dir, "--export", "csv"]);
        assert_eq!(part.code, 0, "{}", part.stderr);
        assert_eq!(
            mark_of(&part.stdout, "县区/司法局.toml"),
            Some("否,市里记的"),
            "{dir}: {}",
            part.stdout
        );
        assert_eq!(
            mark_of(&part.stdout, "县区/东城区/退役军人局.toml"),
            Some("否,县区里记的"),
            "{dir}"
        );
    }
}

#[test]
fn a_note_on_a_word_report_follows_the_report_imported_from_it() {
    // The queue says to import a Word report to edit it; the report file made beside it then
    // stands in its place, and the reviewer's note on the Word file must not be lost.
    let root = tempfile::tempdir().unwrap();
    let dir = root.path();
    let sample = format!("{}/samples/shiyan-2024.toml", env!("CARGO_MANIFEST_DIR"));
    let export = nianbao_in(
        dir,
        &["export", &sample, "--to", "docx", "-o", "发改委.docx"],
    );
    assert_eq!(export.code, 0, "{}", export.stderr);
    std::fs::write(
        dir.join(MARKS_FILE),
        "[\"发改委.docx\"]\nreviewed = false\nnote = \"需复核\"\n",
    )
    .unwrap();
    let before = nianbao_zh(dir, &["review", ".", "--export", "csv"]);
    assert_eq!(mark_of(&before.stdout, "发改委.docx"), Some("否,需复核"));
    let import = nianbao_in(dir, &["import", "发改委.docx", "-o", "发改委.toml"]);
    assert_eq!(import.code, 0, "{}", import.stderr);
    let after = nianbao_zh(dir, &["review", ".", "--export", "csv"]);
    assert_eq!(after.code, 0, "{}", after.stderr);
    assert_eq!(
        mark_of(&after.stdout, "发改委.toml"),
        Some("否,需复核"),
        "{}",
        after.stdout
    );
    assert_eq!(
        mark_of(&after.stdout, "发改委.docx"),
        None,
        "hidden by the report file"
    );
}
