//! What a hostile tester broke, each through the real binary: recovery files that cannot be
//! written, locks taken over or bypassed through another name, saves over read-only, foreign or
//! hard-linked files, reads of devices and FIFOs, job control, and terminals that cannot show the
//! editor.

mod common;
mod support;

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use support::files::{WAIT, beside, copy_sample, is_root, mkfifo, open};
use support::pty::Pty;

#[test]
fn a_recovery_file_that_cannot_be_written_is_said_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    // Files over 2 KB cannot be written, as on a full disk: the recovery file is one of them.
    let mut pty = Pty::spawn_with_file_limit(&[file.to_str().unwrap()], 80, 24, 2048);
    assert!(pty.wait_for("总体情况", WAIT));
    let mark = pty.mark();
    pty.send(&["]", "]", "9", "\r"]);
    assert!(
        pty.wait_for_since(mark, "恢复文件无法写入", WAIT),
        "{}",
        pty.text()
    );
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.ends_with(".tmp")),
        "no temporary file is left: {names:?}"
    );
    pty.send(&[":", "q", "!", "\r"]);
    assert_eq!(pty.wait(WAIT), Some(0));
}

/// A lock as an editor on another machine sharing the folder writes it: its process cannot be
/// checked from here.
fn lock_of_another_host(pid: u32) -> String {
    format!("user = colleague\nhost = another-host\npid = {pid}\nid = {pid}-1\n")
}

#[test]
fn an_editor_whose_lock_was_taken_over_is_told_and_leaves_the_new_lock_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    let lock = beside(&file, "nianbao-lock");
    let mut first = open(&file);
    // Taken over from another machine while the first editor runs.
    let theirs = lock_of_another_host(4242);
    fs::write(&lock, &theirs).unwrap();
    // The first editor saves: it is told before anything is written.
    let mark = first.mark();
    first.send(&["]", "]", "9", "\r", "\x13"]);
    assert!(
        first.wait_for_since(
            mark,
            "colleague@another-host (pid 4242) 已接管此文件的编辑",
            WAIT
        ),
        "{}",
        first.text()
    );
    first.send(&["n"]);
    first.send(&[":", "q", "!", "\r"]);
    assert_eq!(first.wait(WAIT), Some(0));
    assert_eq!(
        fs::read_to_string(&lock).unwrap(),
        theirs,
        "the old editor left the new one's lock alone"
    );
}

#[test]
fn the_lock_of_an_editor_on_another_machine_may_be_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    let lock = beside(&file, "nianbao-lock");
    fs::write(&lock, lock_of_another_host(4242)).unwrap();
    let mut second = Pty::spawn(&[file.to_str().unwrap()], 80, 24, &[]);
    assert!(second.wait_for("[r/t/q]", WAIT), "{}", second.text());
    second.send(&["t"]);
    assert!(second.wait_for("总体情况", WAIT), "{}", second.text());
    let ours = fs::read_to_string(&lock).unwrap();
    assert!(
        ours.contains(&format!("pid = {}", second.child.id())),
        "{ours}"
    );
    second.send(&["\x11"]);
    assert_eq!(second.wait(WAIT), Some(0));
    assert!(!lock.exists(), "the new editor removes its own lock");
}

#[test]
fn an_editor_running_on_this_machine_cannot_be_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    let lock = beside(&file, "nianbao-lock");
    let mut first = open(&file);
    let held = fs::read_to_string(&lock).unwrap();
    let mut second = Pty::spawn(&[file.to_str().unwrap()], 80, 24, &[]);
    assert!(second.wait_for("[r/q]", WAIT), "{}", second.text());
    assert!(
        second.text().contains(&format!(
            "该编辑器仍在本机运行（pid {}），不能接管",
            first.child.id()
        )),
        "{}",
        second.text()
    );
    // `t` is not an answer; `r` still is.
    second.send(&["t"]);
    second.send(&["r"]);
    assert!(second.wait_for("只读", WAIT), "{}", second.text());
    assert_eq!(
        fs::read_to_string(&lock).unwrap(),
        held,
        "the lock is still the first's"
    );
    second.send(&["\x11"]);
    assert_eq!(second.wait(WAIT), Some(0));
    first.send(&["\x11"]);
    assert_eq!(first.wait(WAIT), Some(0));
}

#[test]
fn another_name_of_a_file_being_edited_is_locked_too() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    let link = dir.path().join("link.toml");
    symlink(&file, &link).unwrap();
    let hard = dir.path().join("hard.toml");
    fs::hard_link(&file, &hard).unwrap();
    let mut first = open(&file);
    for other in [&link, &hard] {
        let mut second = Pty::spawn(&[other.to_str().unwrap()], 80, 24, &[]);
        assert!(
            second.wait_for(&format!("pid {}", first.child.id()), WAIT),
            "{}: {}",
            other.display(),
            second.text()
        );
        second.send(&["q\r"]);
        assert_eq!(second.wait(WAIT), Some(0));
    }
    first.send(&["\x11"]);
    assert_eq!(first.wait(WAIT), Some(0));
}

/// Saves after one edit and answers the question the save asks with `answer`.
fn save_answering(file: &Path, question: &str, answer: &str) -> Pty {
    let mut pty = open(file);
    let mark = pty.mark();
    pty.send(&["]", "]", "9", "\r", "\x13"]);
    assert!(pty.wait_for_since(mark, question, WAIT), "{}", pty.text());
    let mark = pty.mark();
    pty.send(&[answer]);
    let outcome = if answer == "y" {
        "已保存"
    } else {
        "未保存"
    };
    assert!(pty.wait_for_since(mark, outcome, WAIT), "{}", pty.text());
    pty
}

#[test]
fn a_read_only_file_is_saved_only_when_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    fs::set_permissions(&file, fs::Permissions::from_mode(0o444)).unwrap();
    let before = fs::read(&file).unwrap();
    let mut pty = save_answering(&file, "文件是只读的", "n");
    assert_eq!(fs::read(&file).unwrap(), before, "n: untouched");
    let mark = pty.mark();
    pty.send(&["\x13"]);
    assert!(pty.wait_for_since(mark, "文件是只读的", WAIT));
    let mark = pty.mark();
    pty.send(&["y"]);
    assert!(pty.wait_for_since(mark, "已保存", WAIT), "{}", pty.text());
    assert_ne!(fs::read(&file).unwrap(), before, "y: saved");
    assert_eq!(
        fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o444,
        "still read-only"
    );
    pty.send(&["\x11"]);
    assert_eq!(pty.wait(WAIT), Some(0));
}

#[test]
fn hard_links_are_named_before_a_save_breaks_them() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    fs::hard_link(&file, dir.path().join("other-name.toml")).unwrap();
    let mut pty = save_answering(&file, "1 个硬链接", "y");
    pty.send(&["\x11"]);
    assert_eq!(pty.wait(WAIT), Some(0));
}

#[test]
fn saving_keeps_the_owner_and_group() {
    if !is_root() {
        // Only root can make a file of another user to edit; for others the save asks (above).
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    std::os::unix::fs::chown(&file, Some(65534), Some(100)).unwrap();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o660)).unwrap();
    let mut pty = open(&file);
    let mark = pty.mark();
    pty.send(&["]", "]", "9", "\r", "\x13"]);
    assert!(pty.wait_for_since(mark, "已保存", WAIT), "{}", pty.text());
    let meta = fs::metadata(&file).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (65534, 100));
    assert_eq!(meta.permissions().mode() & 0o777, 0o660);
    pty.send(&["\x11"]);
    assert_eq!(pty.wait(WAIT), Some(0));
}

/// Runs nianbao without a terminal, killed if it takes longer than `WAIT`.
fn run_bounded(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(dir)
        .env("LANG", "en_US.UTF-8")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while start.elapsed() < WAIT {
        if child.try_wait().unwrap().is_some() {
            let out = child.wait_with_output().unwrap();
            let text = String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr);
            return (out.status.code(), text);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    (None, String::new())
}

#[test]
fn devices_and_fifos_are_refused_not_read_forever() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.toml");
    mkfifo(&fifo);
    for previous in ["/dev/zero", "fifo.toml"] {
        let report = common::edited(
            "shiyan-2024.toml",
            &[(
                "previous = \"shiyan-2023.toml\"",
                &format!("previous = \"{previous}\""),
            )],
        );
        common::write(dir.path(), "r.toml", &report);
        let (code, out) = run_bounded(dir.path(), &["check", "r.toml"]);
        assert!(code.is_some(), "check with previous = {previous} ended");
        assert!(out.contains("not a regular file"), "{previous}: {out}");
    }
    for args in [
        &["check", "/dev/zero"][..],
        &["check", "fifo.toml"],
        &["diff", "/dev/zero", "fifo.toml"],
        &["export", "/dev/zero", "--to", "json"],
        &["import", "/dev/zero"],
        &["sum", "--files-from", "/dev/zero", "-o", "total.toml"],
    ] {
        let (code, out) = run_bounded(dir.path(), args);
        assert_eq!(code, Some(2), "{args:?}: {out}");
        assert!(out.contains("not a regular file"), "{args:?}: {out}");
    }
    // A list on standard input that never ends a line is refused too.
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["sum", "--files-from", "-", "-o", "total.toml"])
        .current_dir(dir.path())
        .stdin(fs::File::open("/dev/zero").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("total.toml").exists());
}

#[test]
fn a_fifo_planted_as_the_recovery_file_does_not_hang_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    mkfifo(&beside(&file, "nianbao-recover"));
    let mut pty = Pty::spawn(&[file.to_str().unwrap()], 80, 24, &[]);
    assert!(pty.wait_for("已损坏，不予采用", WAIT), "{}", pty.text());
    // The notice waits for Enter, so it is read before the screen covers it.
    assert!(pty.wait_for("Enter 打开文件", WAIT), "{}", pty.text());
    pty.send(&["\r"]);
    assert!(pty.wait_for("总体情况", WAIT), "{}", pty.text());
    pty.send(&["\x11"]);
    assert_eq!(pty.wait(WAIT), Some(0));
}

fn process_state(pid: u32) -> char {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // The state follows the command name in parentheses.
    stat.rsplit(')')
        .next()
        .unwrap()
        .trim()
        .chars()
        .next()
        .unwrap()
}

#[test]
fn job_control_puts_the_terminal_back_and_takes_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    let mut pty = open(&file);
    let pid = pty.child.id();
    let mark = pty.mark();
    // SAFETY: signalling our own child.
    unsafe { libc::kill(pid as i32, libc::SIGTSTP) };
    assert!(
        pty.wait_for_since(mark, "\u{1b}[?1049l", WAIT),
        "the main screen is back"
    );
    let start = Instant::now();
    while process_state(pid) != 'T' && start.elapsed() < WAIT {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(process_state(pid), 'T', "stopped");
    let mark = pty.mark();
    // SAFETY: signalling our own child.
    unsafe { libc::kill(pid as i32, libc::SIGCONT) };
    assert!(
        pty.wait_for_since(mark, "\u{1b}[?1049h", WAIT),
        "the editor's screen again"
    );
    assert!(
        pty.wait_for_since(mark, "总体情况", WAIT),
        "drawn anew: {}",
        pty.text()
    );
    pty.send(&["\x11"]);
    assert_eq!(pty.wait(WAIT), Some(0));
}

#[test]
fn a_terminal_that_cannot_show_the_editor_is_refused_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    let mut pty = Pty::spawn(&[file.to_str().unwrap()], 80, 24, &[("TERM", "dumb")]);
    assert_eq!(pty.wait(WAIT), Some(2));
    assert!(pty.text().contains("TERM=dumb"), "{}", pty.text());
    assert!(!pty.output().contains("\u{1b}[?1049h"), "no full screen");
    let (code, out) = run_bounded(dir.path(), &["shiyan-2024.toml"]);
    assert_eq!(code, Some(2));
    assert!(out.contains("the editor needs a terminal"), "{out}");
    assert!(!beside(&file, "nianbao-lock").exists(), "no lock left");
}

#[test]
fn a_locale_that_is_not_utf8_is_said_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    // Last year's report beside it, so that no word about it takes the status line.
    copy_sample(dir.path(), "shiyan-2023.toml");
    // The editor still draws UTF-8 (the user's terminal decides), and says why Chinese may break.
    let mut pty = Pty::spawn(
        &[file.to_str().unwrap(), "--lang", "zh"],
        80,
        24,
        &[("LANG", "C"), ("LC_ALL", ""), ("LC_CTYPE", "")],
    );
    assert!(pty.wait_for("非 UTF-8", WAIT), "{}", pty.text());
    assert!(pty.text().contains("LANG=zh_CN.UTF-8"), "{}", pty.text());
    pty.send(&[":", "q", "\r"]);
    assert_eq!(pty.wait(WAIT), Some(0));
    // A UTF-8 locale gets no such word.
    let mut pty = Pty::spawn(
        &[file.to_str().unwrap()],
        80,
        24,
        &[("LANG", "zh_CN.UTF-8")],
    );
    assert!(pty.wait_for("总体情况", WAIT));
    pty.settle(Duration::from_millis(300));
    assert!(!pty.text().contains("UTF-8"), "{}", pty.text());
    pty.send(&[":", "q", "\r"]);
    assert_eq!(pty.wait(WAIT), Some(0));
}

#[test]
fn an_unknown_template_id_is_an_error_not_ignored() {
    let run = common::nianbao(&["--template", "bogus-id", "check", "shiyan-2024.toml"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("bogus-id"), "{}", run.stderr);
    let run = common::nianbao(&["--template", "gov-2021", "check", "shiyan-2024.toml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
