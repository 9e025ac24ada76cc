//! Runs the built binary in a real pseudo-terminal, as a person at a terminal over SSH would.

#![allow(dead_code)]

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Pty {
    master: File,
    pub child: Child,
    output: Arc<Mutex<Vec<u8>>>,
}

impl Pty {
    /// Starts `nianbao ARGS` on a `cols`×`rows` terminal.
    pub fn spawn(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Pty {
        let mut master = -1;
        let mut slave = -1;
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
        // SAFETY: both descriptors were just opened by openpty and are owned by nobody else.
        let (master, slave) = unsafe { (File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let mut command = Command::new(env!("CARGO_BIN_EXE_nianbao"));
        command
            .args(args)
            .env("TERM", "xterm-256color")
            .env("LANG", "zh_CN.UTF-8")
            .envs(env.iter().copied())
            .stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave));
        // SAFETY: only async-signal-safe calls between fork and exec: the child gets its own session
        // with the pty as its controlling terminal, as a login shell would.
        unsafe {
            command.pre_exec(|| {
                libc::setsid();
                libc::ioctl(0, libc::TIOCSCTTY, 0);
                Ok(())
            });
        }
        let child = command.spawn().unwrap();
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = output.clone();
        let mut reader = master.try_clone().unwrap();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Pty {
            master,
            child,
            output,
        }
    }

    /// Everything the program wrote, escape sequences included.
    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned()
    }

    /// What the program wrote with its escape sequences taken out: the text drawn, in the order it
    /// was drawn, good enough to wait for a word to appear.
    pub fn text(&self) -> String {
        let raw = self.output();
        let mut out = String::new();
        let mut chars = raw.chars().peekable();
        while let Some(c) = chars.next() {
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

    pub fn output_len(&self) -> usize {
        self.output.lock().unwrap().len()
    }

    /// Waits until the program has written `text`.
    pub fn wait_for(&self, text: &str, timeout: Duration) -> bool {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if self.text().contains(text) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    /// Waits until the program has been quiet for `quiet`.
    pub fn settle(&self, quiet: Duration) {
        let mut last = self.output_len();
        let mut since = Instant::now();
        let start = Instant::now();
        while since.elapsed() < quiet && start.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(10));
            let now = self.output_len();
            if now != last {
                last = now;
                since = Instant::now();
            }
        }
    }

    /// Types bytes, one key at a time, letting the program redraw in between.
    pub fn send(&mut self, keys: &[&str]) {
        for key in keys {
            self.master.write_all(key.as_bytes()).unwrap();
            self.master.flush().unwrap();
            self.settle(Duration::from_millis(40));
        }
    }

    /// Waits for the program to exit; kills it after `timeout`.
    pub fn wait(&mut self, timeout: Duration) -> Option<i32> {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        None
    }
}
