//! A count of the files done so far, on standard error while a long batch runs — only when
//! standard error is a terminal, so scripts and redirected output get nothing extra. One line,
//! redrawn in place a few times a second and erased at the end. (A few lines of our own rather
//! than a progress-bar crate: the total is often unknown, as with `--files-from`, and a count is
//! all there is to show.)

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use crate::i18n::Lang;

pub struct Progress {
    enabled: bool,
    done: usize,
    /// When the line was last drawn, and whether it is on screen now.
    drawn: Option<Instant>,
    on_screen: bool,
    started: Instant,
    lang: Lang,
}

/// Nothing is drawn for a batch that ends this soon: it would only flicker.
const QUIET_START: Duration = Duration::from_millis(300);
const EVERY: Duration = Duration::from_millis(100);

impl Progress {
    pub fn new(lang: Lang) -> Progress {
        Progress::with(std::io::stderr().is_terminal(), lang)
    }

    pub fn with(enabled: bool, lang: Lang) -> Progress {
        Progress {
            enabled,
            done: 0,
            drawn: None,
            on_screen: false,
            started: Instant::now(),
            lang,
        }
    }

    /// One more file done.
    pub fn tick(&mut self) {
        self.done += 1;
        if !self.enabled || self.started.elapsed() < QUIET_START {
            return;
        }
        if self.drawn.is_some_and(|t| t.elapsed() < EVERY) {
            return;
        }
        let line = format!(
            "\r{}…\x1b[K",
            crate::i18n::cli::reports_read(self.done, self.lang)
        );
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(line.as_bytes());
        let _ = err.flush();
        self.drawn = Some(Instant::now());
        self.on_screen = true;
    }

    /// Erases the line, before other output goes to the terminal and at the end.
    pub fn clear(&mut self) {
        if std::mem::take(&mut self.on_screen) {
            let mut err = std::io::stderr().lock();
            let _ = err.write_all(b"\r\x1b[K");
            let _ = err.flush();
        }
    }

    /// A line on standard error said without the count at hand (a folder walk's note): over a
    /// count drawn on the same line, if one is, which the next tick draws again below it.
    pub fn say_over(line: &str) {
        let over = if std::io::stderr().is_terminal() {
            "\r\x1b[K"
        } else {
            ""
        };
        eprintln!("{over}{line}");
    }

    pub fn done(&self) -> usize {
        self.done
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}
