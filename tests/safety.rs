//! What nianbao promises about your data, each promise tested against the real binary or the real
//! file functions: atomic saves, failed saves, files changed behind our back, locks, recovery
//! after signals, hangups and panics, and hostile content that must never reach the terminal.

mod support;

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use nianbao::store::atomic::write_atomic;
use support::files::{WAIT, copy_sample, is_root, lock_of, open, recovery_of};
use support::pty::Pty;

#[test]
fn saving_keeps_permissions_and_writes_through_symlinks() {
    let dir = tempfile::tempdir().unwrap();
    let real = copy_sample(dir.path(), "shiyan-2024.toml");
    fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("link.toml");
    symlink("shiyan-2024.toml", &link).unwrap();
    write_atomic(&link, b"new contents").unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is kept"
    );
    assert_eq!(
        fs::read(&real).unwrap(),
        b"new contents",
        "its target changed"
    );
    assert_eq!(
        fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o640
    );
}

#[test]
fn a_planted_symlink_at_the_temporary_name_is_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    fs::write(&file, "old").unwrap();
    let victim = dir.path().join("victim");
    fs::write(&victim, "precious").unwrap();
    // Every name this process could pick next is a symlink to the victim.
    for n in 0..64 {
        let name = format!(".r.toml.nianbao-{}-{n}.tmp", std::process::id());
        symlink(&victim, dir.path().join(name)).unwrap();
    }
    write_atomic(&file, b"new").unwrap();
    assert_eq!(fs::read(&file).unwrap(), b"new");
    assert_eq!(fs::read(&victim).unwrap(), b"precious");
}

/// Run by [`killing_a_save_at_any_moment_leaves_old_or_new`] in a child process: saves two large
/// contents in turn, forever, until killed.
#[test]
fn atomic_writer_child() {
    let Ok(path) = std::env::var("NIANBAO_ATOMIC_CHILD") else {
        return;
    };
    let a = vec![b'a'; 4 << 20];
    let b = vec![b'b'; 4 << 20];
    loop {
        write_atomic(Path::new(&path), &a).unwrap();
        write_atomic(Path::new(&path), &b).unwrap();
    }
}

/// Temporary files a save left in `dir`.
fn strays(dir: &Path) -> usize {
    fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .count()
}

#[test]
fn killing_a_save_at_any_moment_leaves_old_or_new() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.toml");
    let old = vec![b'o'; 4 << 20];
    let mut killed_mid_save = 0;
    let mut rounds = 0;
    // Until some kill has landed in the middle of a save (it left its temporary file), and at
    // least twelve rounds: a test of killing mid-save must see it happen.
    while rounds < 12 || (killed_mid_save == 0 && rounds < 80) {
        fs::write(&file, &old).unwrap();
        let inode = fs::metadata(&file).unwrap().ino();
        let before = strays(dir.path());
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "atomic_writer_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("NIANBAO_ATOMIC_CHILD", &file)
            .spawn()
            .unwrap();
        // Once a first save has replaced the file, kill the writer at some moment after.
        let started = std::time::Instant::now();
        while fs::metadata(&file).unwrap().ino() == inode && started.elapsed() < WAIT {
            std::thread::sleep(Duration::from_micros(200));
        }
        std::thread::sleep(Duration::from_micros(700 * (rounds % 23)));
        child.kill().unwrap();
        child.wait().unwrap();
        let contents = fs::read(&file).unwrap();
        assert_eq!(
            contents.len(),
            4 << 20,
            "round {rounds}: never a partial file"
        );
        assert!(
            contents.iter().all(|&c| c == contents[0]),
            "round {rounds}: never a mix"
        );
        assert_ne!(
            contents, old,
            "round {rounds}: the saves that ended are there"
        );
        if strays(dir.path()) > before {
            killed_mid_save += 1;
        }
        rounds += 1;
    }
    assert!(
        killed_mid_save > 0,
        "no kill in {rounds} rounds came mid-save"
    );
    // Killed saves leave temporary files; the next save clears those of dead writers.
    write_atomic(&file, b"final").unwrap();
    assert_eq!(strays(dir.path()), 0);
}

#[test]
fn a_failed_save_says_why_keeps_the_edits_and_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    let before = fs::read(&file).unwrap();
    // The file size limit makes every write of the new file fail, as a full disk would, for root too.
    let mut pty = Pty::spawn_with_file_limit(&[file.to_str().unwrap()], 80, 24, 2048);
    assert!(pty.wait_for("总体情况", WAIT));
    pty.send(&["]", "]", "9", "\r", "\x13"]);
    assert!(pty.wait_for("保存失败", WAIT), "{}", pty.text());
    // The system's reason, in the user's language.
    assert!(pty.text().contains("文件太大"), "{}", pty.text());
    assert_eq!(
        fs::read(&file).unwrap(),
        before,
        "the original is byte-identical"
    );
    // The edit is still there: the modified mark, and `:q` asks.
    pty.send(&[":", "q", "\r"]);
    assert!(pty.wait_for("有未保存的修改", WAIT));
    pty.send(&["n"]);
    assert_eq!(pty.wait(WAIT), Some(0));
    if !is_root() {
        // A read-only folder, for users it applies to.
        let ro = tempfile::tempdir().unwrap();
        let file = copy_sample(ro.path(), "shiyan-2024.toml");
        fs::set_permissions(ro.path(), fs::Permissions::from_mode(0o555)).unwrap();
        let err = write_atomic(&file, b"x").unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::PermissionDenied);
        assert!(
            err.to_string().contains("folder"),
            "the folder is named: {err}"
        );
        fs::set_permissions(ro.path(), fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten_without_asking() {
    for how in ["rewrite", "rename", "mtime"] {
        let dir = tempfile::tempdir().unwrap();
        let file = copy_sample(dir.path(), "shiyan-2024.toml");
        let mut pty = open(&file);
        pty.send(&["]", "]", "9", "\r"]);
        let theirs = fs::read_to_string(&file)
            .unwrap()
            .replace("agency = \"示例市", "agency = \"他人改过的");
        match how {
            "rewrite" => fs::write(&file, &theirs).unwrap(),
            "rename" => {
                let other = dir.path().join("other");
                fs::write(&other, &theirs).unwrap();
                fs::rename(&other, &file).unwrap();
            }
            _ => {
                // Same size, and the modification time set back to what it was.
                let modified = fs::metadata(&file).unwrap().modified().unwrap();
                let same_length = fs::read_to_string(&file)
                    .unwrap()
                    .replacen("= [62,", "= [26,", 1);
                fs::write(&file, same_length).unwrap();
                fs::File::options()
                    .write(true)
                    .open(&file)
                    .unwrap()
                    .set_modified(modified)
                    .unwrap();
            }
        }
        let on_disk = fs::read(&file).unwrap();
        pty.send(&["\x13"]);
        assert!(
            pty.wait_for("被其他程序修改", WAIT),
            "{how}: {}",
            pty.text()
        );
        pty.send(&["n"]);
        assert_eq!(
            fs::read(&file).unwrap(),
            on_disk,
            "{how}: untouched after n"
        );
        pty.send(&["\x13"]);
        assert!(pty.wait_for("仍然保存", WAIT));
        pty.send(&["y"]);
        assert!(pty.wait_for("已保存", WAIT), "{how}");
        assert!(
            fs::read_to_string(&file)
                .unwrap()
                .contains("= [9, 9, 0, 1, 3, 2, 24]")
        );
        pty.send(&["\x11"]);
        assert_eq!(pty.wait(WAIT), Some(0));
    }
}

#[test]
fn a_second_editor_is_told_who_holds_the_file_and_may_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    let mut first = open(&file);
    let lock = fs::read_to_string(lock_of(&file)).unwrap();
    assert!(
        lock.contains(&format!("pid = {}", first.child.id())),
        "{lock}"
    );
    let mut second = Pty::spawn(&[file.to_str().unwrap()], 80, 24, &[]);
    let who = format!("正由 {}@", nianbao::store::lock::user_name());
    assert!(second.wait_for(&who, WAIT), "{}", second.text());
    assert!(
        second
            .text()
            .contains(&format!("(pid {})", first.child.id()))
    );
    second.send(&["r"]);
    assert!(second.wait_for("只读", WAIT), "{}", second.text());
    second.send(&["]", "]", "9", "\r"]);
    assert!(second.wait_for("只读模式", WAIT));
    second.send(&["\x11"]);
    assert_eq!(second.wait(WAIT), Some(0));
    first.send(&["\x11"]);
    assert_eq!(first.wait(WAIT), Some(0));
    assert!(!lock_of(&file).exists(), "the lock goes with its editor");
}

#[test]
fn a_stale_lock_of_a_dead_process_is_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    let mut dead = Command::new("true").spawn().unwrap();
    let pid = dead.id();
    dead.wait().unwrap();
    fs::write(
        lock_of(&file),
        format!(
            "user = someone\nhost = {}\npid = {pid}\n",
            nianbao::store::lock::host_name()
        ),
    )
    .unwrap();
    let mut pty = open(&file);
    assert!(!pty.text().contains("只读"));
    pty.send(&["\x11"]);
    assert_eq!(pty.wait(WAIT), Some(0));
}

/// Edits a value without saving, ends the editor with `end`, and checks what the user gets back.
/// `terminal_left` says whether a terminal remains to be put back in order.
fn unsaved_edits_survive(terminal_left: bool, end: impl FnOnce(&mut Pty)) {
    unsaved_edits_survive_in(open, terminal_left, end);
}

/// [`unsaved_edits_survive`], with the editor started by `open`.
fn unsaved_edits_survive_in(
    open: impl FnOnce(&Path) -> Pty,
    terminal_left: bool,
    end: impl FnOnce(&mut Pty),
) {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    let before = fs::read(&file).unwrap();
    let mut pty = open(&file);
    assert!(pty.wait_for("总体情况", WAIT), "{}", pty.text());
    pty.send(&["]", "]", "4", "2", "\r", "[", "[", "i", "补", "充"]);
    // The edits reached the editor (a hangup discards input it has not read yet).
    assert!(pty.wait_for("充2024年", WAIT), "{}", pty.text());
    end(&mut pty);
    assert!(pty.wait(WAIT).is_some(), "the editor ended");
    if terminal_left {
        // The terminal was put back: alternate screen left, mouse and paste reporting off.
        let out = pty.output();
        assert!(out.contains("\u{1b}[?1049l"), "alternate screen left");
        assert!(
            out.contains("\u{1b}[?1000l") && out.contains("\u{1b}[?2004l"),
            "mouse and paste off"
        );
    }
    assert_eq!(
        fs::read(&file).unwrap(),
        before,
        "the file itself is untouched"
    );
    let recovery = recovery_of(&file);
    let text = fs::read_to_string(&recovery).unwrap();
    assert_eq!(
        fs::metadata(&recovery).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert!(text.contains("= [42, 9, 0, 1, 3, 2, 57]"), "{text}");
    assert!(
        text.contains("'''\n补充2024年"),
        "text being typed is kept too: {text}"
    );
    // The next open offers it: show the differences, then recover.
    let mut again = Pty::spawn(&[file.to_str().unwrap()], 80, 24, &[]);
    assert!(again.wait_for("上次未保存的修改", WAIT), "{}", again.text());
    again.send(&["d"]);
    assert!(
        again.wait_for("一、本年新收政府信息公开申请数量 × 自然人：62 → 42", WAIT),
        "{}",
        again.text()
    );
    assert!(again.wait_for("+ 补充2024年", WAIT), "{}", again.text());
    again.send(&["r"]);
    assert!(again.wait_for("总体情况", WAIT));
    again.send(&[":", "w", "q", "\r"]);
    assert_eq!(again.wait(WAIT), Some(0), "{}", again.text());
    let saved = fs::read_to_string(&file).unwrap();
    assert!(saved.contains("= [42, 9, 0, 1, 3, 2, 57]"));
    assert!(saved.contains("'''\n补充2024年"));
    assert!(!recovery.exists(), "saved: nothing left to recover");
}

/// A value still being typed in a cell (no Enter yet) when the connection drops is recovered
/// too; the recovery question takes one key, no Enter.
fn a_value_being_typed_survives(end: impl FnOnce(&mut Pty)) {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    let mut pty = open(&file);
    assert!(pty.wait_for("总体情况", WAIT), "{}", pty.text());
    pty.send(&["]", "]", "4"]);
    assert!(pty.wait_for("← 4", WAIT), "{}", pty.text());
    pty.send(&["2"]);
    // The recovery file follows the keys typed, before any Enter (only what changed is drawn,
    // so the screen cannot say when the 2 was read).
    let recovery = recovery_of(&file);
    let start = std::time::Instant::now();
    while !fs::read_to_string(&recovery).is_ok_and(|t| t.contains("= [42, 9,")) {
        assert!(
            start.elapsed() < WAIT,
            "the typed 42 never reached the recovery file"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    end(&mut pty);
    assert!(pty.wait(WAIT).is_some(), "the editor ended");
    let text = fs::read_to_string(recovery_of(&file)).unwrap();
    assert!(text.contains("= [42, 9, 0, 1, 3, 2, 57]"), "{text}");
    let mut again = Pty::spawn(&[file.to_str().unwrap()], 80, 24, &[]);
    assert!(again.wait_for("[r/d/x/q]", WAIT), "{}", again.text());
    again.send(&["r"]);
    assert!(again.wait_for("总体情况", WAIT), "{}", again.text());
    again.send(&[":", "w", "q", "\r"]);
    assert_eq!(again.wait(WAIT), Some(0), "{}", again.text());
    let saved = fs::read_to_string(&file).unwrap();
    assert!(saved.contains("= [42, 9, 0, 1, 3, 2, 57]"), "{saved}");
}

#[test]
fn a_value_being_typed_survives_sighup() {
    a_value_being_typed_survives(|pty| {
        // SAFETY: sending a signal to our own child.
        unsafe { libc::kill(pty.child.id() as i32, libc::SIGHUP) };
    });
}

#[test]
fn a_value_being_typed_survives_the_terminal_vanishing() {
    a_value_being_typed_survives(|pty| pty.hang_up());
}

#[test]
fn recovery_after_sighup() {
    unsaved_edits_survive(true, |pty| {
        // SAFETY: sending a signal to our own child.
        unsafe { libc::kill(pty.child.id() as i32, libc::SIGHUP) };
    });
}

#[test]
fn recovery_after_sigterm() {
    unsaved_edits_survive(true, |pty| {
        // SAFETY: sending a signal to our own child.
        unsafe { libc::kill(pty.child.id() as i32, libc::SIGTERM) };
    });
}

#[test]
fn recovery_after_the_terminal_vanishes() {
    // The editor leads its session, so closing the terminal sends it SIGHUP.
    unsaved_edits_survive(false, |pty| pty.hang_up());
}

/// Under a shell that ignores the hangup, closing the terminal sends the editor no signal: it
/// finds out by reading the terminal (EIO), and says so, exit status 2, not a signal's 129.
#[test]
fn recovery_after_the_terminal_vanishes_without_a_signal() {
    let status = tempfile::NamedTempFile::new().unwrap();
    let path = status.path().to_path_buf();
    unsaved_edits_survive_in(
        |file| Pty::spawn_under_shell(&[file.to_str().unwrap()], 80, 24, &path),
        false,
        |pty| pty.hang_up(),
    );
    let code = fs::read_to_string(&path).unwrap();
    assert_eq!(code.trim(), "2", "ended by reading the vanished terminal");
}

#[test]
fn recovery_after_a_panic() {
    unsaved_edits_survive(true, |pty| {
        // Esc taken before the colon: read together, "\x1b:" would be Alt-: (a loaded machine
        // delays the reading).
        let mark = pty.mark();
        pty.send(&["\x1b"]);
        assert!(pty.wait_for_since(mark, "浏览", WAIT), "{}", pty.text());
        pty.send(&[
            ":", "d", "e", "b", "u", "g", "-", "p", "a", "n", "i", "c", "\r",
        ])
    });
}

#[test]
fn discarding_a_recovery_file_and_a_corrupt_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    // Last year's report beside it, so that nothing else is said in the status line at start.
    copy_sample(dir.path(), "shiyan-2023.toml");
    let mut pty = open(&file);
    pty.send(&["]", "]", "4", "\r"]);
    // SAFETY: sending a signal to our own child.
    unsafe { libc::kill(pty.child.id() as i32, libc::SIGTERM) };
    pty.wait(WAIT);
    let mut again = Pty::spawn(&[file.to_str().unwrap()], 80, 24, &[]);
    assert!(again.wait_for("上次未保存的修改", WAIT));
    again.send(&["x"]);
    assert!(again.wait_for("总体情况", WAIT));
    assert!(!recovery_of(&file).exists());
    again.send(&["\x11"]);
    assert_eq!(again.wait(WAIT), Some(0));
    fs::write(
        recovery_of(&file),
        "# nianbao recovery file of x\n# by a@b (pid 1)\n# original = none\nnew = [",
    )
    .unwrap();
    let mut third = Pty::spawn(&[file.to_str().unwrap()], 80, 24, &[]);
    assert!(third.wait_for("已损坏，不予采用", WAIT), "{}", third.text());
    // The notice waits for a key, so the screen does not cover it, and the editor says it too.
    assert!(
        third.wait_for("Enter 打开文件 · q 退出", WAIT),
        "{}",
        third.text()
    );
    assert!(!third.text().contains("总体情况"), "{}", third.text());
    third.send(&["\r"]);
    assert!(third.wait_for("总体情况", WAIT));
    assert!(
        third.wait_for("恢复文件已损坏，未采用", WAIT),
        "{}",
        third.text()
    );
    third.send(&["\x11"]);
    assert_eq!(third.wait(WAIT), Some(0));
    assert!(recovery_of(&file).with_extension("corrupt").exists());
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_sample(dir.path(), "shiyan-2024.toml");
    let (mut report, _) =
        nianbao::store::load_file(&file, &mut nianbao::template::Registry::default()).unwrap();
    let hostile = "\u{1b}]52;c;cm0gLXJmIH4=\u{7}\u{1b}[38;2;1;2;3m\u{9b}31m\u{202e}翻转\r";
    report.texts[0] = format!("{hostile}{}", report.texts[0]);
    report.agency = format!("{hostile}{}", report.agency);
    fs::write(&file, nianbao::store::render_new(&report)).unwrap();
    let mut pty = open(&file);
    pty.send(&["]", "[", "i", "\x1b", "?", "\x1b"]);
    pty.send(&["\x11"]);
    pty.wait(WAIT);
    let out = pty.output();
    assert!(!out.contains("\u{1b}]52"), "no clipboard write");
    assert!(
        !out.contains("\u{1b}[38;2;1;2;3m"),
        "no colour change from the file"
    );
    assert!(!out.contains('\u{9b}') && !out.contains('\u{202e}') && !out.contains('\u{7}'));
    assert!(pty.text().contains("^[]52;c;"), "shown visibly instead");
    // And in `check`, and in the messages printed to the plain terminal.
    let named = dir.path().join("evil\u{1b}[31m.toml");
    fs::write(&named, "template = \"gov-2021\"\nyear = [").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("check")
        .arg(&named)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        !stdout.contains('\u{1b}') && stdout.contains("evil^[[31m.toml"),
        "{stdout}"
    );
    let mut editor = Pty::spawn(&[named.to_str().unwrap()], 80, 24, &[]);
    assert_eq!(editor.wait(WAIT), Some(2));
    assert!(
        !editor.output().contains("\u{1b}[31m.toml"),
        "{}",
        editor.output()
    );
}
