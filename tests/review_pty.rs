//! The reviewer's queue in a real pseudo-terminal at 80×24, as a reviewer uses it over SSH: open a
//! report, go on to the next without going back, back to the queue, mark it and write a note,
//! quit, export the assessment table, and open the queue again to see the mark and the note.

mod support;
#[path = "support/vt.rs"]
mod vt;

use std::time::Duration;

use nianbao::review::marks::MARKS_FILE;
use nianbao::review::sample::write_folder;
use support::pty::Pty;
use vt::Vt;

const WAIT: Duration = Duration::from_secs(10);

/// The screen as the terminal shows it now.
fn screen(pty: &Pty) -> Vec<String> {
    let mut vt = Vt::new(80, 24);
    vt.feed(pty.output().as_bytes());
    vt.lines()
}

/// Waits until the terminal shows `text` (the screen, not the bytes: a redraw writes only the
/// cells that changed, so a line that changed by one digit is never written whole).
fn wait_screen(pty: &Pty, text: &str) -> Vec<String> {
    let start = std::time::Instant::now();
    loop {
        let lines = screen(pty);
        if lines.iter().any(|l| l.contains(text)) {
            return lines;
        }
        assert!(
            start.elapsed() < WAIT,
            "{text:?} never shown:\n{}",
            lines.join("\n")
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn line_of<'a>(lines: &'a [String], file: &str) -> &'a str {
    lines
        .iter()
        .find(|l| l.contains(file))
        .unwrap_or_else(|| panic!("{file} not on screen:\n{}", lines.join("\n")))
}

#[test]
fn open_next_back_mark_note_export_and_reopen() {
    let root = tempfile::tempdir().unwrap();
    let dir = write_folder(root.path(), 8).unwrap();
    let folder = dir.to_str().unwrap();
    let mut pty = Pty::spawn(&["review", folder], 80, 24, &[]);
    assert!(pty.wait_for("违反各规则的报告数", WAIT), "{}", pty.text());
    assert!(pty.wait_for("上年结转", WAIT), "the chart names the rule");

    // Down past the two unreadable files to dept-03, and open it.
    pty.send(&["j", "j", "\r"]);
    let lines = wait_screen(&pty, "审核 3/10 · dept-03.toml · 只读");
    assert!(
        lines[21].contains("✗一+二=三+四"),
        "at its first problem: {}",
        lines[21]
    );
    // The next report without going back.
    pty.send(&["\x0e"]);
    wait_screen(&pty, "审核 4/10 · dept-05.toml · 只读");
    // Back to the queue, on the report last open.
    pty.send(&["\x1b"]);
    assert!(pty.wait_for("违反各规则的报告数", WAIT), "{}", pty.text());
    pty.send(&[" "]);
    assert!(pty.wait_for("已保存到", WAIT), "{}", pty.text());
    pty.send(&["c"]);
    assert!(pty.wait_for("备注 dept-05.toml：", WAIT), "{}", pty.text());
    pty.send(&["需补正表三", "\r"]);
    assert!(pty.wait_for("已保存到", WAIT), "{}", pty.text());
    let lines = wait_screen(&pty, "需补正表三");
    let line = line_of(&lines, "dept-05.toml");
    assert!(
        line.starts_with('✓') && line.contains("需补正表三"),
        "{line}"
    );
    pty.send(&["q"]);
    assert_eq!(pty.wait(WAIT), Some(0));

    let marks = std::fs::read_to_string(dir.join(MARKS_FILE)).unwrap();
    assert!(
        marks.contains("[\"dept-05.toml\"]\nreviewed = true\nnote = \"需补正表三\""),
        "{marks}"
    );

    // The assessment table says the same.
    let out = dir.join("评议.csv");
    let export = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args([
            "review",
            folder,
            "--export",
            "csv",
            "-o",
            out.to_str().unwrap(),
        ])
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    assert_eq!(
        export.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    let table = std::fs::read_to_string(&out).unwrap();
    let row = table.lines().find(|l| l.contains("dept-05.toml")).unwrap();
    assert!(row.ends_with(",是,需补正表三"), "{row}");

    // Opened again: the mark and the note are there.
    let pty = Pty::spawn(&["review", folder], 80, 24, &[]);
    let lines = wait_screen(&pty, "需补正表三");
    assert!(lines[0].contains("已审 1"), "{}", lines[0]);
    let line = line_of(&lines, "dept-05.toml");
    assert!(
        line.starts_with('✓') && line.contains("需补正表三"),
        "{line}"
    );
}

#[test]
fn a_report_edited_from_the_queue_is_saved_and_shows_as_changed() {
    let root = tempfile::tempdir().unwrap();
    let dir = write_folder(root.path(), 4).unwrap();
    let folder = dir.to_str().unwrap();
    let mut pty = Pty::spawn(&["--lang", "en", "review", folder], 80, 24, &[]);
    assert!(
        pty.wait_for("Reports breaking each rule", WAIT),
        "{}",
        pty.text()
    );
    // Mark dept-03, then open it to edit: 上年结转 of 自然人 back to 4, save, back.
    pty.send(&["j", "j", " "]);
    assert!(pty.wait_for("saved to", WAIT), "{}", pty.text());
    pty.send(&["e"]);
    wait_screen(&pty, "review 3/6 · dept-03.toml · editable");
    pty.send(&["j", "4", "\r", "\x13"]);
    wait_screen(&pty, "saved");
    pty.send(&["\x1b"]);
    let lines = wait_screen(&pty, "1 changed");
    let line = line_of(&lines, "dept-03.toml");
    assert!(line.starts_with('~'), "changed since it was marked: {line}");
    assert!(lines[0].contains("1 changed"), "{}", lines[0]);
    let saved = std::fs::read_to_string(dir.join("dept-03.toml")).unwrap();
    assert!(
        saved.contains("carried                            = [4, 1,"),
        "{saved}"
    );
}

#[test]
fn a_long_run_counts_the_reports_on_a_terminal() {
    let root = tempfile::tempdir().unwrap();
    let dir = write_folder(root.path(), 600).unwrap();
    let folder = dir.to_str().unwrap();
    let out = dir.join("out.csv");
    let mut pty = Pty::spawn(
        &[
            "review",
            folder,
            "--export",
            "csv",
            "-o",
            out.to_str().unwrap(),
        ],
        80,
        24,
        &[],
    );
    assert!(pty.wait_for("份报告…", WAIT), "{}", pty.text());
    assert_eq!(pty.wait(Duration::from_secs(60)), Some(0), "{}", pty.text());
    assert!(pty.text().contains("已写入"), "{}", pty.text());
    assert_eq!(
        std::fs::read_to_string(&out).unwrap().lines().count(),
        1 + 602,
        "600 departments, the bad file, the stray TOML"
    );
}
