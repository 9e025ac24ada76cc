//! The real binary in a real pseudo-terminal: keys in, a saved file out.

mod support;
#[path = "support/vt.rs"]
mod vt;

use std::time::Duration;

use support::pty::Pty;

fn copy_sample(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let from = format!("{}/samples/{name}", env!("CARGO_MANIFEST_DIR"));
    let to = dir.join(name);
    std::fs::copy(from, &to).unwrap();
    to
}

#[test]
fn type_a_number_in_section_three_save_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    copy_sample(dir.path(), "shiyan-2023.toml");
    let mut pty = Pty::spawn(&[file.to_str().unwrap()], 80, 24, &[]);
    assert!(
        pty.wait_for("总体情况", Duration::from_secs(10)),
        "{}",
        pty.output()
    );
    // To section 三, down to (一) 予以公开, type 25 over 21 into 自然人.
    pty.send(&["]", "]", "j", "j", "2", "5", "\r"]);
    pty.send(&[":", "w", "\r"]);
    assert!(
        pty.wait_for("已保存", Duration::from_secs(5)),
        "{}",
        pty.output()
    );
    pty.send(&[":", "q", "\r"]);
    assert_eq!(pty.wait(Duration::from_secs(5)), Some(0));
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(
        saved.contains(
            "handled.granted                    = [25, 3, 0, 1, 1, 0, 30]  # (一) 予以公开"
        ),
        "{saved}"
    );
    assert!(
        saved.contains("handled.total                      = [66, 8, 0, 1, 2, 2, 79]"),
        "{saved}"
    );
    // Only the two edited lines changed.
    let original = std::fs::read_to_string(format!(
        "{}/samples/shiyan-2024.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let changed = original
        .lines()
        .zip(saved.lines())
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(changed, 2);
}

#[test]
fn ctrl_s_and_ctrl_q_reach_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "weihui-2021.toml");
    let mut pty = Pty::spawn(&[file.to_str().unwrap()], 80, 24, &[]);
    assert!(pty.wait_for("总体情况", Duration::from_secs(10)));
    pty.send(&["]", "]", "]", "7", "\t", "\x13"]);
    assert!(
        pty.wait_for("已保存", Duration::from_secs(5)),
        "{}",
        pty.output()
    );
    pty.send(&["\x11"]);
    assert_eq!(
        pty.wait(Duration::from_secs(5)),
        Some(0),
        "Ctrl-Q quits when everything is saved"
    );
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("cases = [7, 0, 0, 0, 7,"), "{saved}");
}

#[test]
fn a_new_file_is_created_on_first_save() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("new.toml");
    let mut pty = Pty::spawn(&[file.to_str().unwrap()], 80, 24, &[]);
    assert!(pty.wait_for("总体情况", Duration::from_secs(10)));
    pty.send(&["]", "]", "z", "3", "\r", ":", "w", "q", "\r"]);
    assert_eq!(
        pty.wait(Duration::from_secs(5)),
        Some(0),
        "{}",
        pty.output()
    );
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(
        saved.contains("= [3, 0, 0, 0, 0, 0, 3]  # 一、本年新收政府信息公开申请数量"),
        "{saved}"
    );
}

#[test]
fn a_file_that_cannot_be_read_never_opens_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.toml");
    std::fs::write(
        &file,
        "template = \"gov-2021\"\n[requests.applications]\nnew = [1, 2]\n",
    )
    .unwrap();
    let mut pty = Pty::spawn(&[file.to_str().unwrap()], 80, 24, &[]);
    assert_eq!(pty.wait(Duration::from_secs(5)), Some(2));
    let out = pty.output();
    assert!(
        out.contains("bad.toml:3:7: row `new` has 2 values, expected 7"),
        "{out}"
    );
    assert!(
        !out.contains("\u{1b}[?1049h"),
        "the alternate screen was never entered"
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap().len(),
        59,
        "nothing was written"
    );
}

/// A text holding characters shown escaped (U+202E, U+202C, U+0085) and the visible symbols ␛ and
/// ␇: one character typed at the end of its line, saved, and the rest of the text is stored byte
/// for byte as it was.
#[test]
fn typing_in_a_text_keeps_every_character_not_typed_over() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    let mut registry = nianbao::template::Registry::default();
    let (mut report, _) = nianbao::store::load_file(&file, &mut registry).unwrap();
    let hidden = "甲\u{202e}乙\u{202c}丙\u{85}丁␛戊␇己\u{1b}庚\u{200d}辛";
    let original = format!("{hidden}\n{}", report.texts[0]);
    report.texts[0] = original.clone();
    report.previous = None;
    std::fs::write(&file, nianbao::store::render_new(&report)).unwrap();
    let mut pty = Pty::spawn(&[file.to_str().unwrap()], 80, 24, &[]);
    assert!(pty.wait_for("总体情况", Duration::from_secs(10)));
    pty.send(&["i", "\x1b[F", "Z", "\x1b", "\x13"]);
    assert!(
        pty.wait_for("已保存", Duration::from_secs(5)),
        "{}",
        pty.text()
    );
    pty.send(&["\x11"]);
    assert_eq!(pty.wait(Duration::from_secs(5)), Some(0));
    let (saved, _) = nianbao::store::load_file(&file, &mut registry).unwrap();
    assert_eq!(
        saved.texts[0],
        format!("{hidden}Z\n{}", &original[hidden.len() + 1..])
    );
}

/// Waiting for an answer looks only at what the editor wrote after the keys: a message of an
/// earlier save does not count as the answer to a later key.
#[test]
fn waiting_for_an_answer_is_not_fooled_by_an_earlier_screen() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "weihui-2021.toml");
    let mut pty = Pty::spawn(&[file.to_str().unwrap()], 80, 24, &[]);
    assert!(pty.wait_for("总体情况", Duration::from_secs(10)));
    pty.send(&[":", "w", "\r"]);
    assert!(pty.wait_for("已保存", Duration::from_secs(5)));
    pty.send(&["j"]);
    assert!(
        !pty.wait_for("已保存", Duration::from_millis(300)),
        "j says nothing of a save"
    );
    assert!(
        pty.text().contains("已保存"),
        "the earlier message was there"
    );
    pty.send(&["\x11"]);
    assert_eq!(pty.wait(Duration::from_secs(5)), Some(0));
}

/// The quit dialog at 82×14: its left edge falls on the second half of a Chinese character of
/// the section list. In the terminal (the editor's own output replayed on an emulated screen)
/// both edges of the box stand on every line, and the character it cuts is gone, not half shown.
#[test]
fn the_quit_dialog_keeps_its_borders_over_chinese_text() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    copy_sample(dir.path(), "shiyan-2023.toml");
    let (cols, rows) = (82, 14);
    let mut pty = Pty::spawn(&[file.to_str().unwrap()], cols, rows, &[]);
    assert!(pty.wait_for("总体情况", Duration::from_secs(10)));
    // A change to the text of 一, then Ctrl-Q: the editor asks.
    pty.send(&["i", "x", "\x1b"]);
    pty.settle(Duration::from_millis(300));
    let mark = pty.mark();
    pty.send(&["\x11"]);
    assert!(
        pty.wait_for_since(mark, "有未保存的修改", Duration::from_secs(5)),
        "{}",
        pty.text()
    );
    pty.settle(Duration::from_millis(300));
    let mut screen = vt::Vt::new(cols, rows);
    screen.feed(pty.output().as_bytes());
    let lines = screen.lines();
    // What shows at a display column: a wide character covers two.
    let at = |line: &str, column: usize| {
        let mut x = 0;
        for c in line.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if x == column || (w == 2 && x + 1 == column) {
                return Some(c);
            }
            x += w;
        }
        None
    };
    let top = lines
        .iter()
        .position(|l| l.contains("┌ 退出"))
        .expect("the dialog");
    let left = lines[top]
        .chars()
        .take_while(|&c| c != '┌')
        .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
        .sum::<usize>();
    let right = left + 59;
    let bottom = (top..lines.len())
        .find(|&y| at(&lines[y], left) == Some('└'))
        .expect("its bottom");
    assert!(bottom > top + 3, "{}", lines.join("\n"));
    assert_eq!(at(&lines[top], right), Some('┐'), "{}", lines.join("\n"));
    for y in top + 1..bottom {
        assert_eq!(
            at(&lines[y], left),
            Some('│'),
            "line {y}:\n{}",
            lines.join("\n")
        );
        assert_eq!(
            at(&lines[y], right),
            Some('│'),
            "line {y}:\n{}",
            lines.join("\n")
        );
    }
    assert_eq!(at(&lines[bottom], right), Some('┘'), "{}", lines.join("\n"));
    // The section list's Chinese runs under the left edge there.
    assert!(
        (top..=bottom).any(|y| lines[y].starts_with("四、政府")),
        "the box stands over Chinese text:\n{}",
        lines.join("\n")
    );
    pty.send(&["n"]);
    assert_eq!(pty.wait(Duration::from_secs(5)), Some(0));
}

/// `:w FILE` saves under a new name and takes that file's lock; `:e FILE` opens another report,
/// its lock taken and the other's let go; the first file is never written.
#[test]
fn save_as_then_edit_another_file_move_the_lock_along() {
    use support::files::lock_of;
    let dir = tempfile::tempdir().unwrap();
    let first = copy_sample(dir.path(), "weihui-2021.toml");
    let copy = dir.path().join("copy.toml");
    let before = std::fs::read_to_string(&first).unwrap();
    let mut pty = Pty::spawn(&[first.to_str().unwrap()], 80, 24, &[]);
    assert!(pty.wait_for("总体情况", Duration::from_secs(10)));
    assert!(lock_of(&first).exists());
    // 二: the first cell, then save as copy.toml.
    pty.send(&["]", "9", "\r"]);
    let mark = pty.mark();
    pty.send(&[":", "w", " ", copy.to_str().unwrap(), "\r"]);
    assert!(
        pty.wait_for_since(mark, "已保存", Duration::from_secs(5)),
        "{}",
        pty.text()
    );
    assert!(lock_of(&copy).exists(), "the new file's lock is taken");
    assert!(!lock_of(&first).exists(), "the old one's is let go");
    assert_eq!(std::fs::read_to_string(&first).unwrap(), before);
    let (saved, _) =
        nianbao::store::load_file(&copy, &mut nianbao::template::Registry::default()).unwrap();
    assert_eq!(saved.tables[0][0], Some(9));
    // Back to the first file: nothing is unsaved, so it opens at once.
    let mark = pty.mark();
    pty.send(&[":", "e", " ", first.to_str().unwrap(), "\r"]);
    assert!(
        pty.wait_for_since(mark, "已打开", Duration::from_secs(5)),
        "{}",
        pty.text()
    );
    assert!(lock_of(&first).exists());
    assert!(!lock_of(&copy).exists());
    pty.send(&["\x11"]);
    assert_eq!(pty.wait(Duration::from_secs(5)), Some(0));
    assert!(!lock_of(&first).exists(), "quitting lets go of the lock");
    assert_eq!(std::fs::read_to_string(&first).unwrap(), before);
}
