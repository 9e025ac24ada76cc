//! The real terminal: set it up, run the event loop, do the app's effects, keep the recovery file
//! current, and always put the terminal back as it was — on quit, on a signal, on a vanished
//! terminal and on a panic.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use ratatui::Terminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use super::app::{Action, App, Effect};
use super::backend::LeanBackend;
use super::keys::Key;
use super::view::{self, Theme};
use crate::store::{self, lock::Lock, recovery};
use crate::template::Registry;

type Tty = Terminal<LeanBackend<io::BufWriter<io::Stdout>>>;

/// How an editing session ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Ending {
    /// The user quit.
    Quit,
    /// The terminal went away (EOF or an error reading it): unsaved edits are in the recovery file.
    Hangup(String),
}

/// Puts the terminal back as the user had it: raw mode off, main screen back, mouse and
/// bracketed paste off, cursor shown. Safe to call more than once, and from a signal thread.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// On SIGHUP (the SSH connection dropped), SIGTERM, SIGINT and SIGQUIT: the recovery file is
/// already current, so put the terminal back, let go of the lock and exit. This runs on its own
/// thread because the main one may be blocked reading a terminal that is gone.
fn watch_signals(lock: Option<PathBuf>) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            restore();
            if let Some(lock) = &lock {
                let _ = std::fs::remove_file(lock);
            }
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// Runs the editor until the user quits or the terminal goes away.
pub fn run(app: App, lock: Option<Lock>) -> io::Result<Ending> {
    let lock_path = lock.as_ref().map(|l| l.path().to_path_buf());
    let previous = std::panic::take_hook();
    let panic_lock = lock_path.clone();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        if let Some(lock) = &panic_lock {
            let _ = std::fs::remove_file(lock);
        }
        previous(info);
    }));
    watch_signals(lock_path)?;
    enable_raw_mode()?;
    // Cleared here rather than by ratatui, which would ask the terminal where its cursor is.
    let setup = execute!(
        io::stdout(),
        EnterAlternateScreen,
        Clear(ClearType::All),
        EnableMouseCapture,
        EnableBracketedPaste
    );
    let result = setup.and_then(|()| {
        let backend = LeanBackend::new(io::BufWriter::with_capacity(1 << 16, io::stdout()));
        let mut terminal = Terminal::new(backend)?;
        event_loop(&mut terminal, app)
    });
    restore();
    drop(lock);
    result
}

/// Keeps the recovery file in step with unsaved edits.
struct Recovery {
    revision: Option<u64>,
}

impl Recovery {
    fn sync(&mut self, app: &App) {
        if self.revision == Some(app.revision) {
            return;
        }
        self.revision = Some(app.revision);
        if app.read_only {
            return;
        }
        if app.is_modified() {
            // A failure here must not stop the editing; the status line tells of save failures.
            let _ = recovery::write(&app.path, &app.snapshot_text(), app.original.as_deref());
        } else {
            recovery::remove(&app.path);
        }
    }
}

fn event_loop(terminal: &mut Tty, mut app: App) -> io::Result<Ending> {
    let theme = Theme::from_env();
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let mut recovery = Recovery { revision: None };
    let mut pending = app.startup_effects();
    loop {
        while !pending.is_empty() {
            let effects = std::mem::take(&mut pending);
            for effect in effects {
                match perform(&mut app, effect) {
                    Some(action) => pending.extend(app.update(action)),
                    None => {
                        if !app.read_only {
                            recovery::remove(&app.path);
                        }
                        return Ok(Ending::Quit);
                    }
                }
            }
        }
        recovery.sync(&app);
        terminal.draw(|frame| view::render(frame, &app, &theme))?;
        let event = match event::read() {
            Ok(event) => event,
            // The terminal is gone (EIO after a hangup): everything unsaved is in the recovery file.
            Err(e) => return Ok(Ending::Hangup(e.to_string())),
        };
        let action = match event {
            Event::Key(k) if k.kind != KeyEventKind::Release => Action::Key(Key::from_event(&k)),
            Event::Paste(text) => Action::Paste(text),
            Event::Mouse(m) => match m.kind {
                MouseEventKind::Down(MouseButton::Left) => Action::Click {
                    x: m.column,
                    y: m.row,
                },
                MouseEventKind::ScrollDown => Action::Wheel { down: true },
                MouseEventKind::ScrollUp => Action::Wheel { down: false },
                _ => continue,
            },
            Event::Resize(width, height) => Action::Resize { width, height },
            _ => continue,
        };
        pending = app.update(action);
    }
}

/// Whether the file still holds what we last read or wrote (`None`: that it does not exist).
fn unchanged_on_disk(path: &Path, expected: &Option<String>) -> bool {
    match (std::fs::read(path), expected) {
        (Ok(bytes), Some(text)) => bytes == text.as_bytes(),
        (Err(e), None) => e.kind() == io::ErrorKind::NotFound,
        _ => false,
    }
}

/// Does one effect; returns what happened as an action for the app, or `None` to quit.
fn perform(app: &mut App, effect: Effect) -> Option<Action> {
    match effect {
        Effect::Quit => None,
        Effect::Save {
            path,
            text,
            quit_after,
            expected,
        } => {
            if let Some(expected) = expected
                && !unchanged_on_disk(&path, &expected)
            {
                return Some(Action::SaveConflict { quit_after });
            }
            let result = store::atomic::write_atomic(&path, text.as_bytes())
                .map(|()| text)
                .map_err(|e| e.to_string());
            Some(Action::Saved { result, quit_after })
        }
        Effect::Load { path, purpose } => {
            let mut registry = Registry::default();
            registry.insert(app.report.template.clone());
            let result = store::load_file(Path::new(&path), &mut registry)
                .map(|(report, _)| report)
                .map_err(|e| e.to_string());
            Some(Action::Loaded {
                path,
                purpose,
                result,
            })
        }
    }
}
