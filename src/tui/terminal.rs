//! The real terminal: set it up, run the event loop, do the app's effects, and always put the
//! terminal back as it was.

use std::io::{self, Write};
use std::path::Path;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

use super::app::{Action, App, Effect};
use super::keys::Key;
use super::view::{self, Theme};
use crate::store;
use crate::template::Registry;

/// Undoes what we enabled besides raw mode and the alternate screen (which ratatui restores).
fn disable_extras() {
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    let _ = io::stdout().flush();
}

/// Runs the editor until the user quits.
pub fn run(app: App) -> io::Result<()> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        disable_extras();
        previous(info);
    }));
    let mut terminal = ratatui::try_init()?;
    execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste)?;
    let result = event_loop(&mut terminal, app);
    disable_extras();
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut DefaultTerminal, mut app: App) -> io::Result<()> {
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
