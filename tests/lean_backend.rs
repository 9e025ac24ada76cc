//! The lean backend writes few bytes (relative moves, erasing, letting the terminal scroll, styles
//! kept across frames): whatever it writes, a terminal replaying it must show exactly the frame the
//! view drew — every character, its colours and attributes, and the cursor. The editor is driven
//! through sections, scrolls, typing, the `:` prompt, dialogs, text editing, help and window
//! resizes at several sizes, and after every key the emulated screen is compared with the frame.

#[path = "support/vt.rs"]
mod vt;

use std::path::PathBuf;

use nianbao::i18n::Lang;
use nianbao::store;
use nianbao::template::Registry;
use nianbao::tui::app::{Effect, Purpose};
use nianbao::tui::backend::LeanBackend;
use nianbao::tui::keys;
use nianbao::tui::view::{self, Theme};
use nianbao::tui::{Action, App};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;
use vt::{Look, Vt};

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

/// What the view draws, drawn on its own: each cell's look (wide characters once) and the cursor.
struct Frame {
    text: Vec<String>,
    looks: Vec<Vec<Option<Look>>>,
    cursor: Option<(u16, u16)>,
}

fn frame(app: &App, size: Size, theme: &Theme) -> Frame {
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
    terminal.draw(|f| view::render(f, app, theme)).unwrap();
    let backend = terminal.backend();
    let buffer = backend.buffer();
    let mut looks = Vec::new();
    let mut text = Vec::new();
    for y in 0..size.height {
        let (mut row, mut line) = (Vec::new(), String::new());
        let mut hidden = 0;
        for x in 0..size.width {
            if hidden > 0 {
                hidden -= 1;
                row.push(None);
                continue;
            }
            let cell = &buffer[(x, y)];
            hidden = unicode_width::UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
            line.push_str(cell.symbol());
            let pen = vt::Pen {
                fg: cell.fg,
                bg: cell.bg,
                modifier: cell.modifier,
            };
            row.push(Some(vt::look(cell.symbol(), pen)));
        }
        looks.push(row);
        text.push(line.trim_end().to_string());
    }
    let at = backend.cursor_position();
    Frame {
        text,
        looks,
        cursor: backend.cursor_visible().then_some((at.x, at.y)),
    }
}

/// Does what the editor asks of the outside world, as far as the screen shows it: files are
/// read (a missing one is an error to show); nothing is saved and quitting is ignored.
fn perform(app: &mut App, effects: Vec<Effect>) {
    for effect in effects {
        if let Effect::Load { path, purpose } = effect {
            let result = store::load_file(std::path::Path::new(&path), &mut Registry::default())
                .map(|(report, _)| report);
            let more = app.update(Action::Loaded {
                path,
                purpose,
                result,
            });
            perform(app, more);
        }
    }
}

/// Compares what the emulated terminal shows with the frame; `at` names the moment.
fn same_screen(screen: &Vt, expected: &Frame, at: &str) {
    assert_eq!(screen.lines(), expected.text, "{at}: the text differs");
    for (y, row) in expected.looks.iter().enumerate() {
        for (x, want) in row.iter().enumerate() {
            let Some(want) = want else { continue };
            let shown = screen.look(x, y);
            assert_eq!(
                shown,
                Some(*want),
                "{at}: cell ({x}, {y}) of {:?} looks different",
                expected.text[y]
            );
        }
    }
    assert_eq!(screen.cursor(), expected.cursor, "{at}: the cursor differs");
}

/// One step of a session: keys as `keys::parse` reads them, the window resized, or a check that
/// the screen shows some text (that the keys led where they were meant to).
enum Step<'a> {
    Keys(&'a str),
    Resize(u16, u16),
    Shows(&'a str),
}

/// Drives the editor through `steps` on a `width`×`height` terminal, the lean backend's bytes
/// replayed in the emulator, and checks the screen after every key.
fn replay(width: u16, height: u16, theme: Theme, steps: &[Step]) {
    let mut app = editor(width, height);
    let mut size = Size::new(width, height);
    let mut terminal = Terminal::new(LeanBackend::with_size(Vec::new(), size)).unwrap();
    let mut screen = Vt::new(width, height);
    let mut seen = 0;
    let mut draw = |app: &App,
                    size: Size,
                    screen: &mut Vt,
                    terminal: &mut Terminal<LeanBackend<Vec<u8>>>,
                    at: &str| {
        terminal.draw(|f| view::render(f, app, &theme)).unwrap();
        let written: &Vec<u8> = terminal.backend().writer();
        screen.feed(&written[seen..]);
        seen = written.len();
        same_screen(screen, &frame(app, size, &theme), at);
    };
    let name = format!("{width}×{height}");
    draw(
        &app,
        size,
        &mut screen,
        &mut terminal,
        &format!("{name}, first frame"),
    );
    for (s, step) in steps.iter().enumerate() {
        match *step {
            Step::Resize(w, h) => {
                size = Size::new(w, h);
                screen.resize(w, h);
                terminal.backend_mut().set_size(size);
                app.update(Action::Resize {
                    width: w,
                    height: h,
                });
                let at = format!("{name}, step {s}: resized to {w}×{h}");
                draw(&app, size, &mut screen, &mut terminal, &at);
            }
            Step::Shows(text) => {
                let lines = screen.lines();
                assert!(
                    lines.iter().any(|l| l.contains(text)),
                    "{name}, step {s}: {text:?} is not on the screen:\n{}",
                    lines.join("\n")
                );
            }
            Step::Keys(text) => {
                for (i, key) in keys::parse(text).unwrap().into_iter().enumerate() {
                    let effects = app.update(Action::Key(key));
                    perform(&mut app, effects);
                    let at = format!("{name}, step {s}, key {i} ({key:?}) of {text:?}");
                    draw(&app, size, &mut screen, &mut terminal, &at);
                }
            }
        }
    }
}

/// Down and up every column of section 三 (the grid scrolls a line at a time), sideways through
/// 四, back to 二, typing and committing values.
const WALK: Step = Step::Keys(concat!(
    "]]",
    "jjjjjjjjjjjjjjjjjjjjjjjjlkkkkkkkkkkkkkkkkkkkkkkkkl",
    "jjjjjjjjjjjjjjjjjjjjjjjjlkkkkkkkkkkkkkkkkkkkkkkkkl",
    "]llllllllllllllhhhhhhhhhhhhhh[[kkkkkjjjj[]Ggg",
    "12<Enter>3<Enter>llllllhhhhhhkkk]jjjkkkll",
));

/// Help scrolled and closed, the text section, section changes, the grid's ends.
const PAGES: Step =
    Step::Keys("?jjjjjjjjjjjjkkkkkqjjjjjjjjkkk]jjj[kkGgg]]Gkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk");

/// A value typed, mended and cancelled; the `:` prompt typed into, erased and run; the quit
/// dialog opened over the grid and closed; undo and redo.
const EDITING: &[Step] = &[
    Step::Keys("]]jj45<BS>6<Enter>7<Esc><Del>u<C-r>:fil<BS>"),
    Step::Shows(":fi"),
    Step::Keys("l<Esc>:prev 不存在.toml<Enter>"),
    Step::Shows("不存在.toml"),
    Step::Keys(":zero<Enter>u<C-q>"),
    Step::Shows("有未保存的修改"),
    Step::Keys("<Esc>:q<Enter>"),
    Step::Shows("有未保存的修改"),
    Step::Keys("<Esc>j?"),
    Step::Shows("帮助"),
    Step::Keys("q"),
];

/// A text section edited: the caret placed in Chinese text, lines added and joined, then left.
const TEXT: &[Step] = &[
    Step::Keys("]]]]i甲乙<Enter>丙丁"),
    Step::Shows("甲乙"),
    Step::Shows("丙丁"),
    Step::Keys("<Left><Left><BS><End><Right><Right>一二三四五六七八九十一二三四五六七八九十"),
    Step::Keys("一二三四五六七八九十一二三四五六七八九十<Home><Down><Down>"),
    Step::Shows("七八九十一二三"),
    Step::Keys("<Esc>jk[]"),
];

/// Each session on a freshly opened editor.
const SESSIONS: [&[Step]; 4] = [&[WALK], &[PAGES], EDITING, TEXT];

#[test]
fn the_terminal_shows_each_frame_at_80_by_24() {
    every_session_at(80, 24);
}

#[test]
fn the_terminal_shows_each_frame_without_colour() {
    replay(80, 24, Theme { color: false }, &[WALK]);
    replay(80, 24, Theme { color: false }, EDITING);
}

fn every_session_at(width: u16, height: u16) {
    for steps in SESSIONS {
        replay(width, height, Theme { color: true }, steps);
    }
}

#[test]
fn the_terminal_shows_each_frame_at_200_by_60() {
    every_session_at(200, 60);
}

#[test]
fn the_terminal_shows_each_frame_at_100_by_30() {
    every_session_at(100, 30);
}

#[test]
fn the_terminal_shows_each_frame_at_60_by_20() {
    every_session_at(60, 20);
}

#[test]
fn the_terminal_shows_each_frame_across_resizes() {
    let steps = [
        Step::Keys("]]jjjjjjjjjjjjjjjjjjjj"),
        Step::Resize(200, 60),
        Step::Keys("kkkll]"),
        Step::Resize(60, 20),
        Step::Keys("lllllhh[jjjj"),
        Step::Resize(80, 24),
        Step::Keys("]]]i甲乙<Esc><C-q>"),
        Step::Shows("有未保存的修改"),
        Step::Resize(100, 30),
        Step::Keys("<Esc>?jj"),
        Step::Resize(80, 24),
        Step::Keys("q"),
    ];
    replay(80, 24, Theme { color: true }, &steps);
}
