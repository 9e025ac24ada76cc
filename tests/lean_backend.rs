//! The lean backend writes few bytes (relative moves, erasing, letting the terminal scroll):
//! whatever it writes, a terminal replaying it must show exactly the frame the view drew. The
//! editor is driven through sections, scrolls, typing and help at several sizes, and after every
//! key the emulated screen is compared with the frame itself.

#[path = "support/vt.rs"]
mod vt;

use std::path::PathBuf;

use nianbao::i18n::Lang;
use nianbao::store;
use nianbao::template::Registry;
use nianbao::tui::app::Purpose;
use nianbao::tui::backend::LeanBackend;
use nianbao::tui::keys::Key;
use nianbao::tui::view::{self, Theme};
use nianbao::tui::{Action, App};
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::{Rect, Size};
use ratatui::{Terminal, TerminalOptions, Viewport};
use vt::Vt;

fn editor(width: u16, height: u16) -> App {
    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut registry = Registry::default();
    let (report, text) =
        store::load_file(&samples.join("shiyan-2024.toml"), &mut registry).unwrap();
    let (prev, _) = store::load_file(&samples.join("shiyan-2023.toml"), &mut registry).unwrap();
    let mut app = App::new(
        report,
        samples.join("shiyan-2024.toml"),
        Some(text),
        Lang::Zh,
    );
    app.update(Action::Resize { width, height });
    app.update(Action::Loaded {
        path: samples.join("shiyan-2023.toml"),
        purpose: Purpose::Prev,
        result: Ok(prev),
    });
    app
}

/// The frame the view draws, as text: each wide character once, trailing blanks cut.
fn frame(app: &App) -> Vec<String> {
    let (width, height) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| view::render(f, app, &Theme { color: true }))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            let mut line = String::new();
            let mut hidden = 0;
            for x in 0..width {
                if hidden > 0 {
                    hidden -= 1;
                    continue;
                }
                let symbol = buffer[(x, y)].symbol();
                hidden = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
                line.push_str(symbol);
            }
            line.trim_end().to_string()
        })
        .collect()
}

fn replay(width: u16, height: u16, keys: &str) {
    let mut app = editor(width, height);
    let backend = LeanBackend::with_size(Vec::new(), Size::new(width, height));
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
    };
    let mut terminal = Terminal::with_options(backend, options).unwrap();
    let mut screen = Vt::new(width, height);
    let mut seen = 0;
    for (i, c) in std::iter::once('\0').chain(keys.chars()).enumerate() {
        let key = match c {
            '\0' => None,
            '\r' => Some(Key::new(KeyCode::Enter, KeyModifiers::NONE)),
            c => Some(Key::char(c)),
        };
        if let Some(key) = key {
            app.update(Action::Key(key));
        }
        terminal
            .draw(|f| view::render(f, &app, &Theme { color: true }))
            .unwrap();
        let written = terminal.backend().writer();
        screen.feed(&written[seen..]);
        seen = written.len();
        assert_eq!(
            screen.lines(),
            frame(&app),
            "{width}×{height}, after key {i} ({c:?}) of {keys:?}"
        );
    }
}

/// Down and up every column of section 三 (the grid scrolls a line at a time, and jumps back to
/// the table's start going up), sideways through 四, back to 二, typing and committing values.
const WALK: &str = concat!(
    "]]",
    "jjjjjjjjjjjjjjjjjjjjjjjjlkkkkkkkkkkkkkkkkkkkkkkkkl",
    "jjjjjjjjjjjjjjjjjjjjjjjjlkkkkkkkkkkkkkkkkkkkkkkkkl",
    "]llllllllllllllhhhhhhhhhhhhhh[[kkkkkjjjj[]Ggg",
    "12\r3\rllllllhhhhhhkkk]jjjkkkll",
);

/// Help scrolled and closed, the text section, section changes, the grid's ends.
const PAGES: &str = "?jjjjjjjjjjjjkkkkkqjjjjjjjjkkk]jjj[kkGgg]]Gkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk";

#[test]
fn the_terminal_shows_each_frame_at_80_by_24() {
    replay(80, 24, WALK);
    replay(80, 24, PAGES);
}

#[test]
fn the_terminal_shows_each_frame_at_other_sizes() {
    for (width, height) in [(200, 60), (100, 30), (60, 20)] {
        replay(width, height, WALK);
        replay(width, height, PAGES);
    }
}
