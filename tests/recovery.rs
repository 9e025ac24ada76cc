//! Recovering unsaved edits after a crash when the file itself changed meanwhile (a colleague
//! saved it, a `git pull`): the edits are merged onto the file's new text, so the other change is
//! not undone; where the version the edits began from is unknown, the first save asks.

mod support;
#[path = "support/vt.rs"]
mod vt;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use support::files::{WAIT, beside, copy_sample, open, recovery_of};
use support::pty::Pty;

/// Whether the terminal's last line shows `text` within a while (the screen, not the bytes: a
/// redraw writes only the cells that changed).
fn status_line_shows(pty: &Pty, text: &str) -> bool {
    (0..200).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(50));
        let mut screen = vt::Vt::new(80, 24);
        screen.feed(pty.output().as_bytes());
        screen.lines().last().is_some_and(|l| l.contains(text))
    })
}

/// Types 42 over 三's first cell (62), then ends the editor by SIGTERM: the edit is left in
/// the recovery file only.
fn crash_with_an_unsaved_edit(file: &Path) {
    let mut pty = open(file);
    pty.send(&["]", "]", "4", "2", "\r"]);
    let recovery = recovery_of(file);
    let written = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(50));
        fs::read_to_string(&recovery).is_ok_and(|t| t.contains("= [42, 9, 0, 1, 3, 2, 57]"))
    });
    assert!(
        written,
        "the edit reached the recovery file: {}",
        pty.text()
    );
    // SAFETY: sending a signal to our own child.
    unsafe { libc::kill(pty.child.id() as i32, libc::SIGTERM) };
    assert!(pty.wait(WAIT).is_some());
}

/// What a colleague saves meanwhile: another agency name, and the same cell as another value
/// (with its total: two places both changed).
fn change_the_file_behind_the_editor(file: &Path) {
    let theirs = fs::read_to_string(file)
        .unwrap()
        .replace("agency = \"示例市", "agency = \"他人改过的")
        .replace("= [62, 9, 0, 1, 3, 2, 77]", "= [26, 9, 0, 1, 3, 2, 41]");
    fs::write(file, theirs).unwrap();
}

#[test]
fn recovering_after_the_file_changed_keeps_its_other_changes() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    // Last year's report beside it, so that nothing else is said in the status line at start.
    copy_sample(dir.path(), "shiyan-2023.toml");
    crash_with_an_unsaved_edit(&file);
    let base = beside(&file, "nianbao-base");
    assert_eq!(
        fs::metadata(&base).unwrap().permissions().mode() & 0o777,
        0o600,
        "the version the edits began from is kept, private"
    );
    change_the_file_behind_the_editor(&file);

    let mut again = Pty::spawn(&[file.to_str().unwrap()], 80, 24, &[]);
    assert!(
        again.wait_for("恢复时只把未保存的修改放到文件现在的内容上", WAIT),
        "{}",
        again.text()
    );
    assert!(
        again.wait_for("其中 2 处双方都改过且不同", WAIT),
        "{}",
        again.text()
    );
    // The differences show the two sides apart: the edits, then the file's own changes.
    let mark = again.mark();
    again.send(&["d"]);
    assert!(
        again.wait_for_since(mark, "自然人：62 → 42", WAIT),
        "{}",
        again.text()
    );
    assert!(
        again.wait_for_since(mark, "自然人：62 → 26", WAIT),
        "{}",
        again.text()
    );
    again.send(&["r"]);
    assert!(
        again.wait_for("已恢复：2 处双方都改过，取恢复的值", WAIT),
        "{}",
        again.text()
    );
    again.send(&["\x13"]);
    assert!(status_line_shows(&again, "已保存"), "{}", again.text());
    assert!(
        !again.text().contains("被其他程序修改"),
        "merged onto the file as it is: nothing to ask"
    );
    again.send(&["\x11"]);
    assert_eq!(again.wait(WAIT), Some(0));
    let saved = fs::read_to_string(&file).unwrap();
    assert!(saved.contains("agency = \"他人改过的"), "{saved}");
    assert!(saved.contains("= [42, 9, 0, 1, 3, 2, 57]"), "{saved}");
    assert!(!recovery_of(&file).exists() && !base.exists());
}

#[test]
fn without_the_version_the_edits_began_from_the_first_save_asks() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    crash_with_an_unsaved_edit(&file);
    fs::remove_file(beside(&file, "nianbao-base")).unwrap();
    change_the_file_behind_the_editor(&file);
    let theirs = fs::read(&file).unwrap();

    let mut again = Pty::spawn(&[file.to_str().unwrap()], 80, 24, &[]);
    assert!(
        again.wait_for("恢复的内容会替换文件此后的修改；保存时会再次询问", WAIT),
        "{}",
        again.text()
    );
    again.send(&["r"]);
    assert!(again.wait_for("总体情况", WAIT), "{}", again.text());
    let mark = again.mark();
    again.send(&["\x13"]);
    assert!(
        again.wait_for_since(mark, "被其他程序修改", WAIT),
        "{}",
        again.text()
    );
    again.send(&["n"]);
    again.send(&[":", "q", "!", "\r"]);
    assert_eq!(again.wait(WAIT), Some(0));
    assert_eq!(fs::read(&file).unwrap(), theirs, "the other change stays");
}
