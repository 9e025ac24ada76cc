//! What the lean backend sends for given frames.

use super::*;
use ratatui::Terminal;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

fn frames(draws: &[&dyn Fn(&mut ratatui::Frame)]) -> Vec<String> {
    frames_of(Size::new(20, 3), draws)
}

fn frames_of(size: Size, draws: &[&dyn Fn(&mut ratatui::Frame)]) -> Vec<String> {
    let backend = LeanBackend::with_size(Vec::new(), size);
    let mut terminal = Terminal::with_options(
        backend,
        ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(Rect::new(0, 0, size.width, size.height)),
        },
    )
    .unwrap();
    let mut out = Vec::new();
    let mut seen = 0;
    for draw in draws {
        terminal.draw(|f| draw(f)).unwrap();
        let written = terminal.backend().writer();
        out.push(String::from_utf8_lossy(&written[seen..]).into_owned());
        seen = written.len();
    }
    out
}

#[test]
fn wide_characters_need_no_cursor_moves() {
    let out = frames(&[&|f| f.render_widget(Line::raw("总计自然人"), f.area())]);
    assert!(out[0].contains("总计自然人"), "{:?}", out[0]);
}

#[test]
fn a_changed_cell_costs_a_move_and_the_character() {
    let out = frames(&[
        &|f| f.render_widget(Line::raw("一二三 12"), f.area()),
        &|f| f.render_widget(Line::raw("一二三 13"), f.area()),
    ]);
    assert_eq!(
        out[1], "\x1b[D3",
        "a relative move is shorter: {:?}",
        out[1]
    );
}

#[test]
fn styles_are_combined_and_kept_across_frames() {
    let out = frames(&[
        &|f| f.render_widget(Line::styled("ab", Style::default().red().bold()), f.area()),
        &|f| f.render_widget(Line::styled("ac", Style::default().red().bold()), f.area()),
    ]);
    assert!(out[0].contains("\x1b[;1;31ma"), "{:?}", out[0]);
    // The rest of the row is blank on the screen already, in a colour a blank does not show:
    // nothing is sent for it.
    assert!(out[0].ends_with("ab\x1b[?25l"), "{:?}", out[0]);
    assert_eq!(out[1], "\x1b[Dc", "no style sent again: {:?}", out[1]);
}

#[test]
fn half_of_a_cut_wide_character_is_blanked() {
    // "总计" becomes "a计": the terminal must not keep half of 总.
    let out = frames(&[&|f| f.render_widget(Line::raw("总计"), f.area()), &|f| {
        f.render_widget(Line::raw("a 计"), f.area())
    }]);
    assert_eq!(out[1], "\ra ", "the second half of 总 is blanked");
    let out = frames(&[&|f| f.render_widget(Line::raw("a总"), f.area()), &|f| {
        f.render_widget(Line::raw("计 "), f.area())
    }]);
    assert!(
        out[1].ends_with("计 "),
        "the second half of 总 is blanked: {:?}",
        out[1]
    );
}

#[test]
fn blanks_keep_the_pen_when_its_colour_would_not_show() {
    let (red, green) = (Style::default().red(), Style::default().green());
    let out = frames(&[&|f| {
        let spans = vec![
            Span::styled("a", red),
            Span::styled(" ", green),
            Span::styled("b", red),
        ];
        f.render_widget(Line::from(spans), f.area())
    }]);
    assert!(out[0].contains("\x1b[;31ma b"), "{:?}", out[0]);
}

#[test]
fn an_underlined_blank_keeps_the_colour_of_its_underline() {
    let (red, green) = (
        Style::default().red().underlined(),
        Style::default().green().underlined(),
    );
    let out = frames(&[&|f| {
        let spans = vec![Span::styled("a", red), Span::styled(" ", green)];
        f.render_widget(Line::from(spans), f.area())
    }]);
    assert!(out[0].contains("a\x1b[32m "), "{:?}", out[0]);
}

#[test]
fn a_band_of_rows_moved_up_is_scrolled_by_the_terminal() {
    let lines = |from: usize| {
        let rows: Vec<Line> = (from..from + 8)
            .map(|i| {
                Line::raw(
                    "甲乙丙丁戊己庚辛壬癸"
                        .chars()
                        .nth(i)
                        .unwrap()
                        .to_string()
                        .repeat(18),
                )
            })
            .collect();
        ratatui::widgets::Paragraph::new(rows)
    };
    let out = frames_of(
        Size::new(40, 8),
        &[&|f| f.render_widget(lines(0), f.area()), &|f| {
            f.render_widget(lines(1), f.area())
        }],
    );
    // The whole screen moves: a line feed on its last row, where the cursor already is.
    assert!(out[1].starts_with("\n\r"), "{:?}", out[1]);
    assert!(
        out[1].ends_with(&"壬".repeat(18)),
        "only the new row: {:?}",
        out[1]
    );
    assert!(out[1].len() < 90, "{:?}", out[1]);
}

#[test]
fn a_short_gap_is_written_again_rather_than_skipped() {
    let out = frames(&[&|f| f.render_widget(Line::raw("a b"), f.area()), &|f| {
        f.render_widget(Line::raw("c d"), f.area())
    }]);
    assert!(out[1].ends_with("c d"), "{:?}", out[1]);
    // Not when the gap is drawn with another pen: that would cost a change of pen and back.
    let out = frames(&[
        &|f| {
            let spans = vec![
                Span::raw("a"),
                Span::styled("b", Style::default().red()),
                Span::raw("c"),
            ];
            f.render_widget(Line::from(spans), f.area())
        },
        &|f| {
            let spans = vec![
                Span::raw("x"),
                Span::styled("b", Style::default().red()),
                Span::raw("y"),
            ];
            f.render_widget(Line::from(spans), f.area())
        },
    ]);
    assert!(out[1].ends_with("x\x1b[Cy"), "{:?}", out[1]);
}

#[test]
fn a_band_scrolled_down_keeps_the_rows_below_it() {
    let lines = |from: usize| {
        let mut rows: Vec<Line> = (from..from + 6)
            .map(|i| {
                Line::raw(
                    "甲乙丙丁戊己庚辛"
                        .chars()
                        .nth(i)
                        .unwrap()
                        .to_string()
                        .repeat(18),
                )
            })
            .collect();
        rows.push(Line::raw("status line that stays"));
        rows.push(Line::raw("the last line stays too"));
        ratatui::widgets::Paragraph::new(rows)
    };
    let out = frames_of(
        Size::new(40, 8),
        &[&|f| f.render_widget(lines(1), f.area()), &|f| {
            f.render_widget(lines(0), f.area())
        }],
    );
    // The band becomes the scrolling region, and a reverse line feed on its top margin (where
    // setting the region put the cursor) moves it down.
    assert!(out[1].starts_with("\x1b[1;6r\x1bM"), "{:?}", out[1]);
    assert!(out[1].ends_with(&"甲".repeat(18)), "{:?}", out[1]);
    assert!(out[1].len() < 70, "only the new row is drawn: {:?}", out[1]);
}

#[test]
fn the_scrolling_region_stays_set_until_a_clear() {
    let lines = |from: usize| {
        let mut rows: Vec<Line> = (from..from + 6)
            .map(|i| {
                let mark = "甲乙丙丁戊己庚辛壬癸".chars().nth(i).unwrap();
                Line::raw(mark.to_string().repeat(18))
            })
            .collect();
        rows.push(Line::raw("status line that stays"));
        ratatui::widgets::Paragraph::new(rows)
    };
    let size = Size::new(40, 8);
    let mut terminal = Terminal::with_options(
        LeanBackend::with_size(Vec::new(), size),
        ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(Rect::new(0, 0, 40, 8)),
        },
    )
    .unwrap();
    let mut seen = 0;
    let mut draw = |terminal: &mut Terminal<LeanBackend<Vec<u8>>>, from: usize| {
        terminal
            .draw(|f| f.render_widget(lines(from), f.area()))
            .unwrap();
        let written = &terminal.backend().writer()[seen..];
        seen += written.len();
        String::from_utf8_lossy(written).into_owned()
    };
    draw(&mut terminal, 0);
    let first = draw(&mut terminal, 1);
    assert!(first.starts_with("\x1b[1;6r\x1b[6H\n"), "{first:?}");
    let second = draw(&mut terminal, 2);
    assert!(
        !second.contains('r'),
        "the region is set already: {second:?}"
    );
    assert!(second.contains('\n'), "{second:?}");
    let back = draw(&mut terminal, 1);
    assert!(back.starts_with("\x1b[H\x1bM"), "{back:?}");
    assert!(!back.contains('r'), "{back:?}");
    terminal.backend_mut().clear().unwrap();
    let cleared = String::from_utf8_lossy(&terminal.backend().writer()[seen..]).into_owned();
    assert!(cleared.starts_with(RESET_REGION), "{cleared:?}");
}

#[test]
fn the_cursor_is_hidden_once() {
    let out = frames(&[&|f| f.render_widget(Line::raw("a"), f.area()), &|f| {
        f.render_widget(Line::raw("b"), f.area())
    }]);
    assert!(out[0].contains("\x1b[?25l"));
    assert!(!out[1].contains("\x1b[?25l"));
}

#[test]
fn a_run_of_blanks_inside_a_row_is_erased_in_one_sequence() {
    let out = frames(&[
        &|f| f.render_widget(Line::raw("abcdefghij z"), f.area()),
        &|f| f.render_widget(Line::raw("a          z"), f.area()),
    ]);
    assert_eq!(out[1], "\r\x1b[C\x1b[9X", "{:?}", out[1]);
    // A few blanks are cheaper written.
    let out = frames(&[&|f| f.render_widget(Line::raw("abc z"), f.area()), &|f| {
        f.render_widget(Line::raw("a   z"), f.area())
    }]);
    assert_eq!(out[1], "\x1b[4D  ", "{:?}", out[1]);
}

#[test]
fn past_a_row_s_end_a_carriage_return_starts_the_move() {
    let out = frames(&[
        &|f| f.render_widget(Line::raw("a".repeat(20)), f.area()),
        &|f| {
            let mut text = "a".repeat(19);
            text.push('b');
            let lines = vec![Line::raw(text), Line::raw("c")];
            f.render_widget(ratatui::widgets::Paragraph::new(lines), f.area())
        },
    ]);
    // "b" goes into the last column; "c" is on the next row's start.
    assert!(out[1].ends_with("b\r\nc"), "{:?}", out[1]);
}

#[test]
fn blanks_that_change_only_a_colour_they_do_not_show_are_not_sent() {
    let red_blanks = |f: &mut ratatui::Frame| {
        f.render_widget(
            Line::styled(" ".repeat(20), Style::default().red()),
            f.area(),
        )
    };
    let out = frames(&[
        &|f| f.render_widget(Line::raw("总计 ab"), f.area()),
        &red_blanks,
        &|f| f.render_widget(Line::raw(" ".repeat(20)), f.area()),
    ]);
    // What the screen showed is blanked: both halves of 总 and 计 and the letters.
    assert!(
        out[1].contains("\x1b[K") || out[1].matches(' ').count() >= 7,
        "{:?}",
        out[1]
    );
    assert_eq!(
        out[2], "",
        "blanks in another colour look the same: {:?}",
        out[2]
    );
}
