//! The keys of the pty walk, driven in this process through the editor's own `App` and view and
//! drawn by a given ratatui backend into memory: what that backend would have sent for each key,
//! and how long updating, drawing and encoding took. Driven with the lean backend it must write
//! what the editor wrote in the pty, byte for byte (the benchmark checks that), so the same walk
//! with ratatui's stock `CrosstermBackend` measures what the lean one saves.

use std::path::Path;
use std::time::{Duration, Instant};

use nianbao::i18n::Lang;
use nianbao::store;
use nianbao::template::Registry;
use nianbao::tui::app::Effect;
use nianbao::tui::keys::Key;
use nianbao::tui::view::{self, Theme};
use nianbao::tui::{Action, App};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// What one backend wrote: for the first frame, and for each press.
pub struct Written {
    pub first: usize,
    /// Bytes and time (update, draw, encode) of each press.
    pub presses: Vec<(usize, Duration)>,
}

/// The editor on `report` as it starts in a terminal of `width`×`height`: sized, with last
/// year's report read.
pub fn editor(report: &Path, width: u16, height: u16) -> App {
    let mut registry = Registry::default();
    let (loaded, text) = store::load_file(report, &mut registry).expect("the sample loads");
    let mut app = App::new(loaded, report.to_path_buf(), Some(text), Lang::Zh);
    app.update(Action::Resize { width, height });
    let mut pending = app.startup_effects();
    while let Some(effect) = pending.pop() {
        if let Effect::Load { path, purpose } = effect {
            let result =
                store::load_file(Path::new(&path), &mut registry).map(|(report, _)| report);
            pending.extend(app.update(Action::Loaded {
                path,
                purpose,
                result,
            }));
        }
    }
    app
}

/// A terminal that only counts what it is sent: each backend writes into one of these.
#[derive(Clone, Default)]
pub struct Counter(std::rc::Rc<std::cell::Cell<usize>>);

impl Counter {
    pub fn bytes(&self) -> usize {
        self.0.get()
    }
}

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub fn key(byte: u8) -> Key {
    match byte {
        b'\r' => Key::new(KeyCode::Enter, KeyModifiers::NONE),
        c => Key::char(c as char),
    }
}

/// Draws the first frame and then each press (a press may hold several keys, each drawn as the
/// editor draws after every event), counting the bytes the backend sends to `sent`.
pub fn replay<B: Backend>(
    report: &Path,
    terminal: &mut Terminal<B>,
    sent: &Counter,
    (width, height): (u16, u16),
    presses: &[&[u8]],
) -> Written {
    let mut app = editor(report, width, height);
    let theme = Theme { color: true };
    let draw = |app: &App, terminal: &mut Terminal<B>| {
        terminal
            .draw(|f| view::render(f, app, &theme))
            .map(|_| ())
            .unwrap_or_else(|_| panic!("drawing into memory failed"));
    };
    draw(&app, terminal);
    let first = sent.bytes();
    let mut written = Written {
        first,
        presses: Vec::new(),
    };
    for press in presses {
        let before = sent.bytes();
        let started = Instant::now();
        for &byte in *press {
            // Saving and quitting are not in the walk; reading files is only at startup.
            let _ = app.update(Action::Key(key(byte)));
            draw(&app, terminal);
        }
        let time = started.elapsed();
        written.presses.push((sent.bytes() - before, time));
    }
    written
}
