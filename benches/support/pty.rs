//! A pseudo-terminal for timing the editor as a person over SSH meets it: what it writes, and when.
//!
//! Unlike the test suite's pty (a reader thread, output polled every 10 ms), everything here runs
//! on one thread that waits in `poll`, so the time of each byte is known to a few microseconds.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

pub struct Term {
    master: File,
    child: Child,
    /// Everything the program wrote so far.
    pub output: Vec<u8>,
    pub started: Instant,
}

/// What one key cost: the bytes written in answer, and the time from the key to the last of them.
#[derive(Clone, Copy, Debug)]
pub struct Answer {
    pub bytes: usize,
    pub time: Duration,
    /// Where the answer starts in [`Term::output`].
    pub from: usize,
}

impl Term {
    /// Starts `program ARGS` on a `cols`×`rows` terminal, as a login shell would: its own session,
    /// the pty as its controlling terminal.
    /// `env` is set in its environment besides.
    pub fn spawn(
        program: &Path,
        args: &[&Path],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Term {
        let mut command = Command::new(program);
        command
            .args(args)
            .envs(env.iter().copied())
            .env("LANG", "zh_CN.UTF-8")
            .env_remove("NO_COLOR");
        let started = Instant::now();
        let (master, child) = crate::openpty::spawn(&mut command, cols, rows, None);
        Term {
            master,
            child,
            output: Vec::new(),
            started,
        }
    }

    /// Reads until the program has been quiet for `quiet` (or `limit` has passed); returns how
    /// many bytes came and when the last of them did.
    pub fn drain(&mut self, quiet: Duration, limit: Duration) -> (usize, Option<Instant>) {
        let start = Instant::now();
        let mut got = 0;
        let mut last = None;
        let mut buf = [0u8; 65536];
        loop {
            let now = Instant::now();
            let since = last.unwrap_or(start);
            if now >= start + limit || (last.is_some() && now >= since + quiet) {
                return (got, last);
            }
            let wait = if last.is_some() {
                since + quiet - now
            } else {
                (start + limit - now).min(quiet.max(Duration::from_millis(200)))
            };
            let mut pfd = libc::pollfd {
                fd: self.master.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd for the duration of the call.
            let ready = unsafe { libc::poll(&mut pfd, 1, wait.as_millis().max(1) as i32) };
            if ready <= 0 {
                continue;
            }
            match self.master.read(&mut buf) {
                Ok(0) | Err(_) => return (got, last),
                Ok(n) => {
                    last = Some(Instant::now());
                    got += n;
                    self.output.extend_from_slice(&buf[..n]);
                }
            }
        }
    }

    /// Sends one key and waits for the redraw it causes to end.
    pub fn press(&mut self, key: &[u8], quiet: Duration) -> Answer {
        let from = self.output.len();
        let sent = Instant::now();
        self.master.write_all(key).unwrap();
        self.master.flush().unwrap();
        let (bytes, last) = self.drain(quiet, Duration::from_secs(5));
        Answer {
            bytes,
            time: last.map_or(Duration::ZERO, |l| l - sent),
            from,
        }
    }

    /// The program's peak resident memory so far, in KiB (`VmHWM`).
    pub fn peak_rss_kb(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }

    /// The text written, escape sequences taken out: enough to see that a word was drawn.
    pub fn text(&self) -> String {
        crate::openpty::strip_escapes(&String::from_utf8_lossy(&self.output))
    }

    /// Waits up to `timeout` for the program to exit.
    pub fn wait(&mut self, timeout: Duration) -> bool {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if let Ok(Some(_)) = self.child.try_wait() {
                return true;
            }
            self.drain(Duration::from_millis(10), Duration::from_millis(20));
        }
        false
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}
