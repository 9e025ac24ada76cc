//! Labels of a template of one's own may hold characters whose width terminals count otherwise
//! than nianbao's tables do: emoji joined by zero-width joiners, flags, variation selectors,
//! zero-width spaces. Drawn as they are, a terminal puts everything after them a few columns off,
//! and the remains of the last frame show through (a status line showed 344 for a cell holding
//! 4). They are shown escaped, and a terminal replaying what the editor writes shows the frame.

#[path = "support/vt.rs"]
mod vt;

use std::path::PathBuf;

use nianbao::i18n::Lang;
use nianbao::store;
use nianbao::template::Registry;
use nianbao::tui::backend::LeanBackend;
use nianbao::tui::view::{self, Theme};
use nianbao::tui::{Action, App};
use ratatui::backend::TestBackend;
use ratatui::layout::{Rect, Size};
use ratatui::{Terminal, TerminalOptions, Viewport};
use vt::Vt;

/// The sample template of one's own, its labels sprinkled with such characters.
fn hostile_template(dir: &std::path::Path) -> PathBuf {
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
    let text = std::fs::read_to_string(format!("{samples}/anquan-template.toml"))
        .unwrap()
        .replace(
            "道路运输",
            "道路\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}运输",
        )
        .replace("建筑施工", "建筑\u{2764}\u{fe0f}施工")
        .replace(
            "工矿商贸",
            "工矿\u{200b}\u{200b}\u{200b}商贸\u{1f1e8}\u{1f1f3}",
        )
        .replace("\"事故起数\"", "\"事故\u{1f44d}\u{1f3fd}起数\"")
        .replace(
            "二、生产安全事故情况",
            "二、生产安全\u{1f3f4}\u{e0067}\u{e0062}\u{e007f}事故情况",
        );
    let path = dir.join("template.toml");
    std::fs::write(&path, text).unwrap();
    path
}

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
                hidden = nianbao::visible::width(symbol).saturating_sub(1);
                line.push_str(symbol);
            }
            line.trim_end().to_string()
        })
        .collect()
}

#[test]
fn a_terminal_shows_the_numbers_beside_labels_of_any_characters() {
    let dir = tempfile::tempdir().unwrap();
    let mut registry = Registry::default();
    registry.load_file(&hostile_template(dir.path())).unwrap();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/anquan-2024.toml");
    let (report, text) = store::load_file(path.as_ref(), &mut registry).unwrap();
    let (width, height) = (80, 24);
    let mut app = App::new(
        report,
        PathBuf::from("anquan-2024.toml"),
        Some(text),
        Lang::Zh,
    );
    app.update(Action::Resize { width, height });
    let backend = LeanBackend::with_size(Vec::new(), Size::new(width, height));
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
    };
    let mut terminal = Terminal::with_options(backend, options).unwrap();
    let mut screen = Vt::new(width, height);
    let mut seen = 0;
    // To section 二, then down the first column: 14, 3, 4, 6, 1, 28; and back up.
    for (i, keys) in ["", "]", "j", "j", "j", "j", "j", "k", "k", "k", "l"]
        .iter()
        .enumerate()
    {
        app.press(keys);
        terminal
            .draw(|f| view::render(f, &app, &Theme { color: true }))
            .unwrap();
        let written = terminal.backend().writer();
        screen.feed(&written[seen..]);
        seen = written.len();
        assert_eq!(screen.lines(), frame(&app), "after key {i} ({keys:?})");
    }
    // The cursor is on 工矿商贸 × 死亡人数, which holds 2.
    let status = &screen.lines()[22];
    // The value's field is as wide as the table's widest value.
    assert_eq!(
        status.split('│').nth(1).map(str::trim),
        Some("2"),
        "{status}"
    );
    assert!(status.contains("工矿<U+200B>"), "{status}");
    let grid = screen.lines().join("\n");
    assert!(
        // A label is cut after a whole word: never inside the escape <U+200D> of a hidden one.
        grid.contains("│道路\u{1f468}<U+200D>\u{1f469}<…    │          14"),
        "{grid}"
    );
}
