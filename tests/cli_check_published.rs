//! `check`, `review --export` and `sum` on the files a reviewer receives as they come: a Word
//! document, a workbook, a saved page, copied text, beside report files, read as `import` reads
//! them; what import could not take over is a warning of its own.

mod common;

use common::{nianbao_in, nianbao_zh};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// A reviewer's folder: a Word document, a workbook, a saved page (GBK), a report file, and
/// a Word document whose report file (made of it by import) stands beside it, and a note.
fn received() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        fixture("files/shiyan-2024-writer.docx"),
        d.join("a-word.docx"),
    )
    .unwrap();
    std::fs::copy(
        fixture("files/shiyan-2024-one-sheet.xlsx"),
        d.join("b-sheet.xlsx"),
    )
    .unwrap();
    std::fs::copy(fixture("page-gbk-xilin-2023.html"), d.join("c-page.html")).unwrap();
    std::fs::copy(common::samples().join("shiyan-2024.toml"), d.join("d.toml")).unwrap();
    std::fs::copy(fixture("files/shiyan-2024-writer.docx"), d.join("e.docx")).unwrap();
    std::fs::copy(common::samples().join("weihui-2021.toml"), d.join("e.toml")).unwrap();
    std::fs::write(d.join("notes.txt"), "已收到的报告，待审。\n").unwrap();
    dir
}

#[test]
fn a_folder_is_checked_with_its_published_reports_and_a_report_file_stands_for_its_own() {
    let dir = received();
    let run = nianbao_in(dir.path(), &["check", "."]);
    let files: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("./"))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    // e.docx is left to e.toml; the note is no report and is not taken from the folder.
    assert_eq!(
        files,
        [
            "./a-word.docx",
            "./b-sheet.xlsx",
            "./c-page.html",
            "./d.toml",
            "./e.toml"
        ],
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("./a-word.docx: ok (imported from a Word document)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("./b-sheet.xlsx: ok (imported from an Excel workbook)"),
        "{}",
        run.stdout
    );
    // The saved page's own report does not add up: its errors are the reviewer's to see.
    assert!(
        run.stdout.contains("./c-page.html: 10 errors"),
        "{}",
        run.stdout
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
}

/// A Word document changed after the report file of its name beside it was made of it (sent
/// again, with something else in it) is checked too, and that is said: left to the report file,
/// its errors passed as the report file's ok.
#[test]
fn a_document_newer_than_the_report_file_beside_it_is_checked_too() {
    let dir = received();
    let document = dir.path().join("e.docx");
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
    std::fs::File::options()
        .write(true)
        .open(&document)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let run = nianbao_zh(dir.path(), &["check", "."]);
    assert!(run.stdout.contains("./e.docx："), "{}", run.stdout);
    assert!(run.stdout.contains("./e.toml："), "{}", run.stdout);
    assert!(
        run.stderr.contains(
            "./e.docx 比 e.toml 新，两份都已读取（可能是重新报送的；nianbao diff 比较两者）"
        ),
        "{}",
        run.stderr
    );
    // Of the same age (a folder copied whole), the report file stands for it, without a word.
    std::fs::File::options()
        .write(true)
        .open(&document)
        .unwrap()
        .set_modified(
            std::fs::metadata(dir.path().join("e.toml"))
                .unwrap()
                .modified()
                .unwrap(),
        )
        .unwrap();
    let run = nianbao_zh(dir.path(), &["check", "."]);
    assert!(!run.stdout.contains("./e.docx"), "{}", run.stdout);
    assert!(!run.stderr.contains("e.docx"), "{}", run.stderr);
}

#[test]
fn what_import_could_not_take_over_is_a_warning_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("seed-weihui-2021.txt"),
        dir.path().join("copied.txt"),
    )
    .unwrap();
    let run = nianbao_zh(dir.path(), &["check", "copied.txt"]);
    assert!(
        run.stdout
            .starts_with("copied.txt：0 个错误，3 个警告（由网页或文字导入）\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "  警告  导入时第 75 行：“(七) 总计”行有 8 个数值，但只有 7 列；已导入前 7 个，多出的未导入：0  [import]"
        ),
        "{}",
        run.stdout
    );
    assert_eq!(run.code, 0, "warnings only: {}", run.stdout);

    let run = nianbao_in(dir.path(), &["check", "--format", "json", "copied.txt"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let file = &json[0];
    assert_eq!(file["imported"], "text");
    assert_eq!(file["warnings"], 3);
    let finding = &file["findings"][0];
    assert_eq!(finding["rule"], "import");
    assert_eq!(finding["line"], 75);
    assert!(
        finding["message"]
            .as_str()
            .unwrap()
            .starts_with("imported, line 75: "),
        "{finding}"
    );
}

#[test]
fn a_published_file_import_cannot_read_is_unreadable_with_imports_reason() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.docx"), b"PK\x03\x04not a zip").unwrap();
    std::fs::write(dir.path().join("scan.pdf"), b"%PDF-1.4\n").unwrap();
    let run = nianbao_zh(dir.path(), &["check", "broken.docx"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout.starts_with(
            "broken.docx：无法作为已发布的报告导入：不是有效的 Word 或 Excel 文件（zip 无法打开）"
        ),
        "{}",
        run.stdout
    );
    // Not the report file's message about converting from GBK, which said nothing true of it.
    assert!(!run.stdout.contains("iconv"), "{}", run.stdout);
}

#[test]
fn the_assessment_table_lists_published_reports_beside_report_files() {
    let dir = received();
    let run = nianbao_in(dir.path(), &["review", "--export", "csv", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<&str> = run.stdout.lines().skip(1).collect();
    assert_eq!(rows.len(), 5, "{}", run.stdout);
    assert!(
        rows.iter()
            .any(|r| r.starts_with("示例市自然资源和规划局,2024,a-word.docx,ok,0,0,")),
        "{}",
        run.stdout
    );
    assert!(
        rows.iter()
            .any(|r| r.contains(",2023,c-page.html,errors,10,")),
        "{}",
        run.stdout
    );
}

#[test]
fn an_assessment_table_written_into_the_folder_it_assesses_is_no_report_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        fixture("files/shiyan-2024-one-sheet.xlsx"),
        d.join("a.xlsx"),
    )
    .unwrap();
    std::fs::copy(common::samples().join("weihui-2021.toml"), d.join("b.toml")).unwrap();
    let run = nianbao_in(d, &["review", "--export", "xlsx", "-o", "评议表.xlsx", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let run = nianbao_in(d, &["check", "."]);
    let files: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with("./")).collect();
    assert_eq!(files.len(), 2, "{}", run.stdout);
    assert!(!run.stdout.contains("评议表"), "{}", run.stdout);
    let run = nianbao_in(d, &["review", "--export", "csv", "."]);
    assert_eq!(run.stdout.lines().count(), 3, "{}", run.stdout);
    // sum refuses a folder with an input it cannot add up: the table is not one.
    std::fs::remove_file(d.join("a.xlsx")).unwrap();
    let run = nianbao_in(d, &["sum", ".", "-o", "total.toml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    // Named, it is said to be what it is, in the user's language.
    let run = nianbao_zh(d, &["check", "评议表.xlsx"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout
            .contains("这是 nianbao review 导出的评议表，不是报告"),
        "{}",
        run.stdout
    );
}

#[test]
fn published_reports_are_added_up_as_they_are_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("files/shiyan-2024-writer.docx"),
        dir.path().join("a.docx"),
    )
    .unwrap();
    std::fs::copy(
        common::samples().join("shiyan-2024.toml"),
        dir.path().join("b.toml"),
    )
    .unwrap();
    let run = nianbao_in(dir.path(), &["sum", "a.docx", "b.toml", "-o", "total.toml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let total = std::fs::read_to_string(dir.path().join("total.toml")).unwrap();
    // 行政许可 1286 in each.
    assert!(total.contains("licensing = [2572]"), "{total}");
}

#[test]
fn a_published_report_is_compared_and_checked_against_as_a_report_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("files/shiyan-2024-writer.docx"),
        dir.path().join("sent.docx"),
    )
    .unwrap();
    let edited =
        common::sample_text("shiyan-2024.toml").replace("licensing = [1286]", "licensing = [1287]");
    std::fs::write(dir.path().join("mine.toml"), edited).unwrap();
    // The document as sent beside the report file made of it: the one cell changed since.
    let run = nianbao_in(dir.path(), &["diff", "sent.docx", "mine.toml"]);
    assert!(run.stdout.contains("1286"), "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("1287"), "{}", run.stdout);
    assert!(
        !run.stdout.contains("regulations"),
        "only what differs: {}",
        run.stdout
    );
    // Last year's report as a published one: read as import reads it.
    let run = nianbao_in(dir.path(), &["check", "--prev", "sent.docx", "mine.toml"]);
    assert!(!run.stderr.contains("UTF-8"), "{}", run.stderr);
    assert!(
        run.stdout.starts_with("mine.toml: "),
        "{}{}",
        run.stdout,
        run.stderr
    );
}
