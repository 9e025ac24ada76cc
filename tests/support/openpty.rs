//! Starting a program in a new pseudo-terminal, as a login shell would, and reading what it drew.
//! Shared by the test suite's terminal and the terminal benchmark's.

use std::fs::File;
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};

/// Starts `command` on a `cols`×`rows` pseudo-terminal: its own session, the terminal as its
/// controlling terminal, stdin/stdout/stderr on it; optionally with files limited to `file_limit`
/// bytes (every larger write fails, as on a full disk). Returns the terminal's master side.
pub fn spawn(
    command: &mut Command,
    cols: u16,
    rows: u16,
    file_limit: Option<u64>,
) -> (File, Child) {
    let (mut master, mut slave) = (-1, -1);
    let size = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two new descriptors into the pointers; the size outlives the call.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty failed");
    // Not inherited by any child: a child holding a master open would never see a hangup.
    for fd in [master, slave] {
        // SAFETY: fcntl on descriptors we own.
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    }
    // SAFETY: both descriptors were just opened by openpty and are owned by nobody else.
    let (master, slave) = unsafe { (File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    // A terminal type the caller chose (TERM=dumb, say) is kept.
    if !command.get_envs().any(|(key, _)| key == "TERM") {
        command.env("TERM", "xterm-256color");
    }
    command
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave));
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        command.pre_exec(move || {
            libc::setsid();
            libc::ioctl(0, libc::TIOCSCTTY, 0);
            if let Some(bytes) = file_limit {
                let limit = libc::rlimit {
                    rlim_cur: bytes,
                    rlim_max: bytes,
                };
                libc::setrlimit(libc::RLIMIT_FSIZE, &limit);
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            }
            Ok(())
        });
    }
    let child = command.spawn().expect("the program starts");
    (master, child)
}

/// What a program wrote with its escape sequences taken out: the text drawn, in the order it was
/// drawn, good enough to see that a word appeared.
pub fn strip_escapes(raw: &str) -> String {
    let mut out = String::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        // A tab is a cursor move to a tab stop, as the lean backend uses it.
        if c == '\t' {
            continue;
        }
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('[') => {
                // CSI: parameters, then one final byte in @..~.
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
            Some(']') => {
                // OSC: up to BEL or ST.
                while let Some(c) = chars.next() {
                    if c == '\u{7}' || (c == '\u{1b}' && chars.next_if_eq(&'\\').is_some()) {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    out
}
