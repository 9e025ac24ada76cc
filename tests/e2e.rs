//! The real binary in a real pseudo-terminal: keys in, a saved file out.

mod support;
#[path = "support/vt.rs"]
mod vt;

use std::path::Path;
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
        pty.wait_for("已保存", Duration::from_secs(15)),
        "{}",
        pty.output()
    );
    pty.send(&[":", "q", "\r"]);
    assert_eq!(pty.wait(Duration::from_secs(15)), Some(0));
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
        pty.wait_for("已保存", Duration::from_secs(15)),
        "{}",
        pty.output()
    );
    pty.send(&["\x11"]);
    assert_eq!(
        pty.wait(Duration::from_secs(15)),
        Some(0),
        "Ctrl-Q quits when everything is saved"
    );
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("cases = [7, 0, 0, 0, 7,"), "{saved}");
}

/// Opens `file` in the editor, types 3 into 三 › 一 × 自然人 with the rest of the column zero,
/// saves and quits; the file's text as saved.
fn type_three_and_save(file: &Path) -> String {
    let mut pty = Pty::spawn(&[file.to_str().unwrap()], 80, 24, &[]);
    assert!(pty.wait_for("总体情况", Duration::from_secs(10)));
    pty.send(&["]", "]", "z", "3", "\r", ":", "w", "q", "\r"]);
    assert_eq!(
        pty.wait(Duration::from_secs(15)),
        Some(0),
        "{}",
        pty.output()
    );
    let saved = std::fs::read_to_string(file).unwrap();
    assert!(
        saved.contains("= [3, 0, 0, 0, 0, 0, 3]  # 一、本年新收政府信息公开申请数量"),
        "{saved}"
    );
    saved
}

#[test]
fn a_new_file_is_created_on_first_save() {
    let dir = tempfile::tempdir().unwrap();
    type_three_and_save(&dir.path().join("new.toml"));
}

#[test]
fn an_empty_file_opens_as_a_new_report_and_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("touched.toml");
    std::fs::write(&file, "\n").unwrap();
    let saved = type_three_and_save(&file);
    assert!(saved.contains("\ntemplate = \"gov-2021\"\n"), "{saved}");
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
    assert_eq!(pty.wait(Duration::from_secs(15)), Some(2));
    let out = pty.output();
    assert!(
        out.contains("bad.toml:3:7：行 `new` 有 2 个值，应为 7 个"),
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
/// Esc out of the text being edited, Ctrl-S, Ctrl-Q, and the editor ends well. Esc is sent
/// alone and the editor seen back to browsing before Ctrl-S: sent together, a terminal's Esc and
/// the next key read as one Alt key.
fn leave_the_text_save_and_quit(pty: &mut Pty) {
    let mark = pty.mark();
    pty.send(&["\x1b"]);
    assert!(pty.wait_for_since(mark, "浏览", Duration::from_secs(10)));
    pty.send(&["\x13"]);
    assert!(
        pty.wait_for("已保存", Duration::from_secs(15)),
        "{}",
        pty.text()
    );
    pty.send(&["\x11"]);
    assert_eq!(pty.wait(Duration::from_secs(15)), Some(0));
}

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
    pty.send(&["i", "\x1b[F", "Z"]);
    leave_the_text_save_and_quit(&mut pty);
    let (saved, _) = nianbao::store::load_file(&file, &mut registry).unwrap();
    assert_eq!(
        saved.texts[0],
        format!("{hidden}Z\n{}", &original[hidden.len() + 1..])
    );
}

/// Text that reaches the editor in one burst longer than crossterm's 1,024-byte read (an input
/// method committing a long phrase, a paste from a terminal without bracketed paste) is taken
/// whole at once: the rest of it waited in the terminal, the editor looking hung, until another
/// key came.
#[test]
fn a_burst_of_typed_text_longer_than_one_read_is_taken_whole() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("new.toml");
    let mut pty = Pty::spawn(&[file.to_str().unwrap(), "--lang", "zh"], 80, 24, &[]);
    assert!(pty.wait_for("总体情况", Duration::from_secs(10)));
    pty.send(&["\r"]);
    // The status line as a terminal shows it: the editor sends only the characters that change.
    let shows = |pty: &Pty, text: &str| {
        let start = std::time::Instant::now();
        loop {
            let mut screen = vt::Vt::new(80, 24);
            screen.feed(pty.output().as_bytes());
            let lines = screen.lines().join("\n");
            if lines.contains(text) || start.elapsed() > Duration::from_secs(10) {
                return (lines.contains(text), lines);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    let (editing, screen) = shows(&pty, "· 0 字");
    assert!(editing, "{screen}");
    // 600 characters of three bytes each in one write: 1,800 bytes.
    let burst = "测".repeat(600);
    pty.send(&[&burst]);
    let (whole, screen) = shows(&pty, "· 600 字");
    assert!(whole, "{screen}");
    leave_the_text_save_and_quit(&mut pty);
    let mut registry = nianbao::template::Registry::default();
    let (saved, _) = nianbao::store::load_file(&file, &mut registry).unwrap();
    assert_eq!(saved.texts[0].trim_end(), burst);
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
    assert!(pty.wait_for("已保存", Duration::from_secs(15)));
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
    assert_eq!(pty.wait(Duration::from_secs(15)), Some(0));
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
        pty.wait_for_since(mark, "有未保存的修改", Duration::from_secs(15)),
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
    assert_eq!(pty.wait(Duration::from_secs(15)), Some(0));
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
        pty.wait_for_since(mark, "已保存", Duration::from_secs(15)),
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
        pty.wait_for_since(mark, "已打开", Duration::from_secs(15)),
        "{}",
        pty.text()
    );
    assert!(lock_of(&first).exists());
    assert!(!lock_of(&copy).exists());
    pty.send(&["\x11"]);
    assert_eq!(pty.wait(Duration::from_secs(15)), Some(0));
    assert!(!lock_of(&first).exists(), "quitting lets go of the lock");
    assert_eq!(std::fs::read_to_string(&first).unwrap(), before);
}

/// Terminals send a paste's line breaks as CR (some as CR LF). Pasted into a text and into the
/// grid, then saved: the text has its lines and no CR, the grid its rows with empty fields in
/// their columns, and the saved file is no longer marked modified, so Ctrl-Q quits at once.
#[test]
fn a_paste_with_cr_line_endings_saves_clean() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    copy_sample(dir.path(), "shiyan-2023.toml");
    let mut pty = Pty::spawn(&[file.to_str().unwrap()], 80, 24, &[]);
    assert!(pty.wait_for("总体情况", Duration::from_secs(10)));
    pty.send(&["i"]);
    pty.paste("第一行\r第二行\r\n第三行\r");
    // Esc, and only once the editor has taken it the section keys: read together, "\x1b]" is
    // the start of an escape sequence, not Esc and "]" (a loaded machine delays the reading).
    let mark = pty.mark();
    pty.send(&["\x1b"]);
    assert!(
        pty.wait_for_since(mark, "浏览", Duration::from_secs(15)),
        "{}",
        pty.text()
    );
    pty.send(&["]", "]"]);
    pty.paste("258\t12\t\t\t1\t1\r4\t1\r\n");
    assert!(
        pty.wait_for("272", Duration::from_secs(15)),
        "the row's total follows: {}",
        pty.text()
    );
    pty.send(&["\x13"]);
    assert!(
        pty.wait_for("已保存", Duration::from_secs(15)),
        "{}",
        pty.text()
    );
    let screen = pty.text();
    let after_save = &screen[screen.rfind("已保存").unwrap()..];
    assert!(!after_save.contains("[+]"), "{after_save}");
    pty.send(&["\x11"]);
    assert_eq!(
        pty.wait(Duration::from_secs(15)),
        Some(0),
        "Ctrl-Q quits without asking: {}",
        pty.text()
    );
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(!saved.contains('\r') && !saved.contains("u000D"), "{saved}");
    assert!(
        saved.contains("text = '''\n第一行\n第二行\n第三行\n2024年"),
        "{saved}"
    );
    assert!(
        saved.contains("new                                = [258, 12, \"\", \"\", 1, 1, 272]"),
        "{saved}"
    );
    assert!(
        saved.contains("carried                            = [4, 1, 0, 0, 0, 0, 5]"),
        "{saved}"
    );
}

/// The parameters of every SGR sequence that sets a colour (30–38, 40–48, 90–97, 100–107).
fn colours_set(output: &str) -> Vec<String> {
    output
        .split("\x1b[")
        .skip(1)
        .filter_map(|seq| {
            let end = seq.find(|c: char| ('@'..='~').contains(&c))?;
            let params = &seq[..end];
            let colour = seq[end..].starts_with('m')
                && params
                    .split([';', ':'])
                    .filter_map(|p| p.parse::<u16>().ok())
                    .any(|p| matches!(p, 30..=38 | 40..=48 | 90..=97 | 100..=107));
            colour.then(|| params.to_string())
        })
        .collect()
}

/// The characters written while the pen was bold, following every SGR sequence.
fn drawn_in_bold(output: &str) -> String {
    let (mut bold, mut out) = (false, String::new());
    let mut chars = output.chars();
    while let Some(c) = chars.next() {
        if c != '\x1b' {
            if bold && !c.is_control() {
                out.push(c);
            }
            continue;
        }
        if chars.next() != Some('[') {
            continue;
        }
        let mut params = String::new();
        for c in chars.by_ref() {
            if ('@'..='~').contains(&c) {
                if c == 'm' {
                    let mut params = params.split(';');
                    while let Some(p) = params.next() {
                        match p {
                            "" | "0" | "22" => bold = false,
                            "1" => bold = true,
                            // A colour's own numbers: 38;5;N or 38;2;R;G;B.
                            "38" | "48" | "58" => {
                                let skip = if params.next() == Some("5") { 1 } else { 3 };
                                params.by_ref().take(skip).for_each(drop);
                            }
                            _ => {}
                        }
                    }
                }
                break;
            }
            params.push(c);
        }
    }
    out
}

/// With NO_COLOR set the editor sends no colour at all, and a broken cell is still marked: `!`
/// in bold. Without it the same screen is coloured, so the check can tell.
#[test]
fn no_color_sends_no_colour_and_keeps_the_marks() {
    for no_color in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let file = copy_sample(dir.path(), "broken-2024.toml");
        let env: &[(&str, &str)] = if no_color { &[("NO_COLOR", "1")] } else { &[] };
        let mut pty = Pty::spawn(&[file.to_str().unwrap()], 80, 24, env);
        assert!(pty.wait_for("总体情况", Duration::from_secs(10)));
        // 三: 二、上年结转 × 科研机构 is 1 where last year's 结转下年度 says 0.
        pty.send(&["]", "]", "j"]);
        assert!(pty.wait_for("二、上年结转", Duration::from_secs(15)));
        pty.send(&["\x11"]);
        assert_eq!(pty.wait(Duration::from_secs(15)), Some(0));
        let out = pty.output();
        let colours = colours_set(&out);
        assert_eq!(
            colours.is_empty(),
            no_color,
            "NO_COLOR={no_color}: {colours:?}"
        );
        // A broken cell's `!` is the only one drawn in bold (the counts beside the sections and
        // in the status line are not).
        assert!(
            drawn_in_bold(&out).contains('!'),
            "NO_COLOR={no_color}: {out:?}"
        );
    }
}

/// F2 edits the value in the cell and Ctrl-Z / Ctrl-Y undo and redo in a real terminal: the
/// terminal's own meaning of Ctrl-Z (suspend) and Ctrl-Y is off while the editor runs.
#[test]
fn f2_ctrl_z_and_ctrl_y_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    let mut pty = Pty::spawn(&[file.to_str().unwrap()], 80, 24, &[]);
    assert!(pty.wait_for("总体情况", Duration::from_secs(10)));
    // 三 › 一、本年新收 × 自然人 is 62: F2 (as xterm sends it), then 5 after it.
    pty.send(&["]", "]", "\x1bOQ", "5", "\r"]);
    assert!(
        pty.wait_for("625", Duration::from_secs(15)),
        "{}",
        pty.text()
    );
    pty.send(&["k", "\x1a"]);
    assert!(
        pty.wait_for("撤销", Duration::from_secs(15)),
        "{}",
        pty.text()
    );
    pty.send(&[":", "w", "\r"]);
    assert!(pty.wait_for("已保存", Duration::from_secs(15)));
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(
        saved.contains("new                                = [62, 9,"),
        "{saved}"
    );
    pty.send(&["\x19", ":", "w", "\r"]);
    assert!(pty.wait_for("已保存", Duration::from_secs(15)));
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(
        saved.contains("new                                = [625, 9,"),
        "{saved}"
    );
    pty.send(&["\x11"]);
    assert_eq!(pty.wait(Duration::from_secs(15)), Some(0), "not suspended");
}

/// `:diff FILE` reads the other version and marks what differs: the status line says what the
/// cell was there.
#[test]
fn diff_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    let other = copy_sample(dir.path(), "broken-2024.toml");
    let mut pty = Pty::spawn(&[file.to_str().unwrap()], 80, 24, &[]);
    assert!(pty.wait_for("总体情况", Duration::from_secs(10)));
    let mut keys: Vec<String> = format!(":diff {}\r", other.display())
        .chars()
        .map(String::from)
        .collect();
    keys.extend(["]", "]", "j", "j"].map(String::from));
    pty.send(&keys.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(
        pty.wait_for("~对照 22", Duration::from_secs(15)),
        "{}",
        pty.text()
    );
    pty.send(&["\x11"]);
    assert_eq!(pty.wait(Duration::from_secs(15)), Some(0));
}
