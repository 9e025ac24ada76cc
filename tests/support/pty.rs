//! Runs the built binary in a real pseudo-terminal, as a person at a terminal over SSH would.

#![allow(dead_code)]

use super::openpty;

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::path::Path;
use std::process::{Child, Command};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub struct Pty {
    master: Option<File>,
    pub child: Child,
    output: Arc<Mutex<Vec<u8>>>,
    stop: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    /// Where the output stood when keys were last sent: [`Pty::wait_for`] looks after it.
    sent: usize,
}

/// Where the editor looks for its config file: a folder that holds none, so no user's config
/// (tests share the machine's HOME) changes what a test sees.
const NO_CONFIG: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config");

impl Pty {
    /// Starts `nianbao ARGS` on a `cols`×`rows` terminal.
    pub fn spawn(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Pty {
        Pty::start(args, cols, rows, env, None)
    }

    /// Like [`Pty::spawn`], with files limited to `bytes`: every larger write fails, as on a
    /// full disk.
    pub fn spawn_with_file_limit(args: &[&str], cols: u16, rows: u16, bytes: u64) -> Pty {
        Pty::start(args, cols, rows, &[], Some(bytes))
    }

    /// Like [`Pty::spawn`], but under a shell that leads the terminal's session and ignores
    /// its hangup, as a login shell of an SSH session may: closing the terminal then sends the
    /// editor no SIGHUP, and it learns of the hangup only by reading (EIO). The shell writes the
    /// editor's exit status to `status`.
    pub fn spawn_under_shell(args: &[&str], cols: u16, rows: u16, status: &Path) -> Pty {
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg("trap '' HUP; \"$0\" \"$@\"; echo $? > \"$NIANBAO_STATUS\"")
            .arg(env!("CARGO_BIN_EXE_nianbao"))
            .args(args)
            .env("NIANBAO_STATUS", status)
            .env("LANG", "zh_CN.UTF-8")
            .env("XDG_CONFIG_HOME", NO_CONFIG);
        Pty::run(command, cols, rows, None)
    }

    fn start(
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
        file_limit: Option<u64>,
    ) -> Pty {
        let mut command = Command::new(env!("CARGO_BIN_EXE_nianbao"));
        command
            .args(args)
            .env("LANG", "zh_CN.UTF-8")
            .env("XDG_CONFIG_HOME", NO_CONFIG)
            .envs(env.iter().copied());
        Pty::run(command, cols, rows, file_limit)
    }

    fn run(mut command: Command, cols: u16, rows: u16, file_limit: Option<u64>) -> Pty {
        let (master, child) = openpty::spawn(&mut command, cols, rows, file_limit);
        let output = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (sink, stopped) = (output.clone(), stop.clone());
        let mut reader = master.try_clone().unwrap();
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while !stopped.load(Ordering::Relaxed) {
                let mut pfd = libc::pollfd {
                    fd: reader.as_raw_fd(),
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd for the duration of the call.
                if unsafe { libc::poll(&mut pfd, 1, 20) } <= 0 {
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => sink.lock().unwrap().extend_from_slice(&buf[..n]),
                }
            }
        });
        Pty {
            master: Some(master),
            child,
            output,
            stop,
            reader: Some(reader),
            sent: 0,
        }
    }

    /// Closes the terminal, as a dropped SSH connection does: the program gets SIGHUP and EIO.
    pub fn hang_up(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        self.master = None;
    }

    /// Everything the program wrote, escape sequences included.
    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned()
    }

    /// What the program wrote with its escape sequences taken out: the text drawn, in the order it
    /// was drawn, good enough to wait for a word to appear.
    pub fn text(&self) -> String {
        openpty::strip_escapes(&self.output())
    }

    pub fn output_len(&self) -> usize {
        self.output.lock().unwrap().len()
    }

    /// Waits until the program has written `text` in answer to the keys last sent (since the
    /// start, before any): text drawn before them does not count, so a test waiting for an
    /// answer is not fooled by the same words on the screen it came from.
    pub fn wait_for(&self, text: &str, timeout: Duration) -> bool {
        self.wait_for_since(self.sent, text, timeout)
    }

    /// A mark in the output: [`Pty::wait_for_since`] looks only at what comes after it.
    pub fn mark(&self) -> usize {
        self.output_len()
    }

    /// Waits until the program has written `text` after `mark`, so that a test waiting for the
    /// answer to an action is not fooled by the same text drawn before it.
    pub fn wait_for_since(&self, mark: usize, text: &str, timeout: Duration) -> bool {
        let start = Instant::now();
        while start.elapsed() < timeout {
            let since = {
                let output = self.output.lock().unwrap();
                String::from_utf8_lossy(&output[mark.min(output.len())..]).into_owned()
            };
            if since.contains(text) || openpty::strip_escapes(&since).contains(text) {
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
        self.sent = self.output_len();
        for key in keys {
            let master = self.master.as_mut().expect("the terminal is open");
            master.write_all(key.as_bytes()).unwrap();
            master.flush().unwrap();
            self.settle(Duration::from_millis(40));
        }
    }

    /// Pastes `text` as a terminal with bracketed paste does: in one write, between the paste
    /// brackets, line breaks as the terminal sends them (CR, most often).
    pub fn paste(&mut self, text: &str) {
        self.send(&[&format!("\x1b[200~{text}\x1b[201~")]);
    }

    /// Once the program has exited, lets the reader take in what it wrote last: the reader sees
    /// the end of the terminal (EIO) after the last byte, so a test reading `output()` right after
    /// `wait` gets everything, an exit message printed just before exiting included. Bounded,
    /// for a program that left a child holding the terminal open.
    fn drain_after_exit(&mut self) {
        let start = Instant::now();
        while let Some(reader) = self.reader.as_ref() {
            if reader.is_finished() {
                let _ = self.reader.take().map(JoinHandle::join);
                return;
            }
            if start.elapsed() > Duration::from_secs(2) {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits for the program to exit; kills it after `timeout`.
    pub fn wait(&mut self, timeout: Duration) -> Option<i32> {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if let Some(status) = self.child.try_wait().unwrap() {
                self.drain_after_exit();
                return status.code().or_else(|| {
                    use std::os::unix::process::ExitStatusExt;
                    status.signal().map(|s| 128 + s)
                });
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        None
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.stop.store(true, Ordering::Relaxed);
    }
}
