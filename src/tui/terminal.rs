//! The real terminal: set it up, run the event loop, do the app's effects, and always put the
//! terminal back as it was.

use std::io::{self, Write};
use std::path::Path;

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
use crate::store;
use crate::template::Registry;

type Tty = Terminal<LeanBackend<io::BufWriter<io::Stdout>>>;

/// Puts the terminal back as the user had it: raw mode off, main screen back, mouse and
/// bracketed paste off, cursor shown. Safe to call more than once.
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

/// Runs the editor until the user quits.
pub fn run(app: App) -> io::Result<()> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
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
    result
}

fn event_loop(terminal: &mut Tty, mut app: App) -> io::Result<()> {
    let theme = Theme::from_env();
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let mut pending = app.startup_effects();
    loop {
        while !pending.is_empty() {
            let effects = std::mem::take(&mut pending);
            for effect in effects {
                match perform(&mut app, effect) {
                    Some(action) => pending.extend(app.update(action)),
                    None => return Ok(()),
                }
            }
        }
        if app.quit {
            return Ok(());
        }
        terminal.draw(|frame| view::render(frame, &app, &theme))?;
        let action = match event::read()? {
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

/// Does one effect; returns what happened as an action for the app, or `None` to quit.
fn perform(app: &mut App, effect: Effect) -> Option<Action> {
    match effect {
        Effect::Quit => None,
        Effect::Save {
            path,
            text,
            quit_after,
        } => {
            let result = store::atomic::write_atomic(&path, text.as_bytes())
                .map(|()| text)
                .map_err(|e| e.to_string());
            Some(Action::Saved { result, quit_after })
        }
        Effect::LoadPrev(path) => {
            let mut registry = Registry::default();
            registry.insert(app.report.template.clone());
            let result = store::load_file(Path::new(&path), &mut registry)
                .map(|(report, _)| report)
                .map_err(|e| e.to_string());
            Some(Action::PrevLoaded { path, result })
        }
    }
}
