//! A terminal backend that writes as few bytes as it can: over SSH every byte of a redraw crosses
//! the network. It differs from ratatui's crossterm backend in what it sends for the same cells:
//! no cursor move after a wide (Chinese) character, relative moves when they are shorter, one
//! combined SGR sequence per style change, styles kept across frames instead of reset after each,
//! and the cursor hidden or shown only when that changes. It keeps a copy of what the screen
//! shows, so that it can also let the terminal scroll a band of rows itself ([`scroll`]), clear
//! the rest of a row with one sequence, and leave the colour alone for blanks, which do not show it.
//!
//! It also keeps a shadow of which cells hold the halves of wide characters. When a narrow
//! character replaces half of a wide one, a real terminal blanks the other half, but the buffer
//! diff does not say so and terminal emulators used for measuring (pyte) keep an orphaned half;
//! the shadow lets us blank such cells explicitly, so every emulator ends with the same screen.

use std::io::{self, Write};

mod encode;
mod scroll;
mod shift;

use encode::{PLAIN, Pen};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::crossterm::{cursor, queue, terminal};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

pub struct LeanBackend<W: Write> {
    writer: W,
    /// What the terminal's pen is; `None` when unknown (at start, after a clear).
    pen: Option<Pen>,
    /// Where the terminal's cursor is; `None` when unknown.
    cursor: Option<Position>,
    cursor_visible: Option<bool>,
    /// The terminal's width, from the last size query: a character in the last column leaves the
    /// cursor in a state terminals disagree about.
    columns: std::cell::Cell<u16>,
    rows: std::cell::Cell<u16>,
    /// Per cell of the screen: 1 for a narrow character, 2 for the first half of a wide one, 0 for
    /// its second half.
    shadow: Vec<u8>,
    /// A size to report instead of asking the terminal (for tests).
    fixed: Option<Size>,
    /// What the screen shows, as far as we know: blank at first (as ratatui assumes too), and
    /// `None` after a partial clear, when we no longer know.
    screen: Option<Buffer>,
    /// The rows the terminal scrolls (top and bottom margins), when not the whole screen. It is
    /// left set between frames: the grid scrolls in the same band move after move, and each
    /// scroll then costs a line feed. [`RESET_REGION`] puts it back.
    region: Option<(u16, u16)>,
    /// The tab stops we set, in order, for one-byte moves to where the frame's columns start;
    /// `None` until set (the terminal's own are not known), and again after a clear.
    tabs: Option<Vec<u16>>,
    /// The row the cursor is on when it is past the row's end (a character went into the last
    /// column): terminals disagree about its column (pyte puts it one past the last, xterm on
    /// it) but agree that a carriage return takes it to the row's start.
    wrapped: Option<u16>,
}

/// Sets the scrolling region back to the whole screen (DECSTBM with no margins). Whoever hands
/// the terminal back (leaving the editor, suspending it) writes it, as the backend does before a
/// clear.
pub const RESET_REGION: &str = "\x1b[r";

/// Attributes that show on a blank cell; colours of the foreground, bold and the like do not.
const SHOWN_ON_BLANKS: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::CROSSED_OUT);

/// The column after the last thing row `y` of `buffer` shows (0 for a blank row).
fn shown_end(buffer: &Buffer, y: u16) -> u16 {
    let width = buffer.area.width;
    (0..width)
        .rev()
        .find(|&x| !is_plain_blank(&buffer[(x, y)]))
        .map_or(0, |x| x + (buffer[(x, y)].symbol().width() as u16).max(1))
}

/// A space with no background and nothing that shows on it: erasing writes the same.
fn is_plain_blank(cell: &Cell) -> bool {
    cell.symbol() == " " && cell.bg == Color::Reset && !cell.modifier.intersects(SHOWN_ON_BLANKS)
}

impl<W: Write> LeanBackend<W> {
    fn shadow_index(&self, x: u16, y: u16) -> Option<usize> {
        let columns = self.columns.get();
        let index = y as usize * columns as usize + x as usize;
        (x < columns && index < self.shadow.len()).then_some(index)
    }

    /// Writes a plain space over a cell, which the buffer holds as blank.
    fn blank(&mut self, at: Position) -> io::Result<()> {
        self.move_to(at)?;
        let pen = self.blank_pen(PLAIN);
        self.set_pen(pen)?;
        self.out().write_all(b" ")?;
        if let Some(index) = self.shadow_index(at.x, at.y) {
            self.shadow[index] = 1;
        }
        self.cursor = (at.x + 1 < self.columns.get()).then_some(Position {
            x: at.x + 1,
            y: at.y,
        });
        self.wrapped = self.cursor.is_none().then_some(at.y);
        Ok(())
    }

    pub fn new(writer: W) -> LeanBackend<W> {
        LeanBackend {
            writer,
            pen: None,
            cursor: None,
            cursor_visible: None,
            columns: std::cell::Cell::new(u16::MAX),
            rows: std::cell::Cell::new(0),
            shadow: Vec::new(),
            fixed: None,
            screen: Some(Buffer::empty(Rect::ZERO)),
            region: None,
            tabs: None,
            wrapped: None,
        }
    }

    /// A backend that reports `size` rather than asking a terminal, for tests.
    pub fn with_size(writer: W, size: Size) -> LeanBackend<W> {
        let backend = LeanBackend {
            fixed: Some(size),
            ..LeanBackend::new(writer)
        };
        backend.columns.set(size.width);
        backend.rows.set(size.height);
        backend
    }

    /// From now on report `size` (for tests: the window was resized).
    pub fn set_size(&mut self, size: Size) {
        self.fixed = Some(size);
        self.columns.set(size.width);
        self.rows.set(size.height);
    }

    pub fn writer(&self) -> &W {
        &self.writer
    }

    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.writer
    }

    fn out(&mut self) -> &mut W {
        &mut self.writer
    }

    fn moves(&self) -> encode::Moves<'_> {
        encode::Moves {
            region: self.region,
            tabs: self.tabs.as_deref().unwrap_or_default(),
        }
    }

    /// Sets the terminal's tab stops to `stops` (clearing its own), when they are not already:
    /// once for a screen whose columns stay where they are, such as a section's grid.
    fn set_tabs(&mut self, stops: Vec<u16>) -> io::Result<()> {
        if self.tabs.as_ref() == Some(&stops) {
            return Ok(());
        }
        // Moves to set them must not use the stops being replaced.
        self.tabs = Some(Vec::new());
        self.out().write_all(b"\x1b[3g")?;
        let y = self.cursor.map_or(0, |at| at.y);
        for &x in &stops {
            self.move_to(Position { x, y })?;
            self.out().write_all(b"\x1bH")?;
        }
        self.tabs = Some(stops);
        Ok(())
    }

    fn move_to(&mut self, to: Position) -> io::Result<()> {
        let mut sequence = encode::cursor_move(self.cursor, to, self.moves());
        if let (None, Some(y)) = (self.cursor, self.wrapped) {
            let start = Some(Position { x: 0, y });
            let from_start = encode::cursor_move(start, to, self.moves());
            let returned = match from_start.strip_prefix('\r') {
                Some(_) => from_start,
                None => "\r".to_string() + &from_start,
            };
            if returned.len() < sequence.len() {
                sequence = returned;
            }
        }
        self.wrapped = None;
        if sequence.is_empty() {
            return Ok(());
        }
        // Text the screen shows already is written again where that beats the move without
        // tabs; tabs only stand in for cursor moves. So what is drawn reads as whole words in
        // the stream too (the pty tests search it), as it did before tabs.
        let untabbed = match self.cursor {
            Some(_) => encode::cursor_move(
                self.cursor,
                to,
                encode::Moves {
                    tabs: &[],
                    ..self.moves()
                },
            ),
            None => sequence.clone(),
        };
        match self.gap_fill(to, untabbed.len()) {
            Some(text) => self.out().write_all(text.as_bytes())?,
            None => self.out().write_all(sequence.as_bytes())?,
        }
        self.cursor = Some(to);
        Ok(())
    }

    /// What the cells from the cursor to `to` on its row show, when writing them again is shorter
    /// than `limit` bytes (the move it would replace) and needs no change of pen: "0 \x1b[C0" as
    /// "0  0". The terminal shows them already, as the shadow confirms, halves of wide characters
    /// included, so writing them changes nothing on the screen.
    fn gap_fill(&self, to: Position, limit: usize) -> Option<String> {
        let (at, pen, screen) = (self.cursor?, self.pen?, self.screen.as_ref()?);
        if at.y != to.y || at.x >= to.x || to.y >= screen.area.height || to.x > screen.area.width {
            return None;
        }
        let mut text = String::new();
        let mut x = at.x;
        while x < to.x {
            let cell = &screen[(x, at.y)];
            let symbol = cell.symbol();
            let width = symbol.width() as u16;
            let index = self.shadow_index(x, at.y)?;
            let shown_whole = match width {
                1 => self.shadow[index] == 1,
                2 => self.shadow[index] == 2 && self.shadow.get(index + 1) == Some(&0),
                _ => false,
            };
            let cell_pen = Pen {
                fg: cell.fg,
                bg: cell.bg,
                modifier: cell.modifier,
            };
            let same_pen = cell_pen == pen || (symbol == " " && self.blank_pen(cell_pen) == pen);
            if !shown_whole || !same_pen || x + width > to.x {
                return None;
            }
            text.push_str(symbol);
            if text.len() >= limit {
                return None;
            }
            x += width;
        }
        Some(text)
    }

    fn set_pen(&mut self, to: Pen) -> io::Result<()> {
        let sequence = encode::pen_change(self.pen, to);
        self.out().write_all(sequence.as_bytes())?;
        self.pen = Some(to);
        Ok(())
    }
}

impl<W: Write> LeanBackend<W> {
    /// Lets the terminal move rows `scroll.top..=scroll.bottom` by `scroll.lines`: the band
    /// becomes the scrolling region (once: it stays set), and line feeds on its bottom margin move
    /// it up, reverse line feeds on its top margin down, a byte or two a line. The cursor is left
    /// on the row that came in, where the drawing goes on. (Deleting and inserting lines would do
    /// the same in about 15 bytes; SU and SD are unknown to pyte.)
    fn scroll(&mut self, scroll: scroll::Scroll) -> io::Result<()> {
        let last = self.rows.get().saturating_sub(1);
        let band =
            (scroll.top != 0 || scroll.bottom != last).then_some((scroll.top, scroll.bottom));
        if band != self.region {
            let sequence = match band {
                Some((top, bottom)) => format!("\x1b[{};{}r", top + 1, bottom + 1),
                None => RESET_REGION.to_string(),
            };
            self.out().write_all(sequence.as_bytes())?;
            self.region = band;
            // Setting the margins puts the cursor home.
            self.cursor = Some(Position { x: 0, y: 0 });
            self.wrapped = None;
        }
        // Lines that come in take the current background.
        let pen = self.blank_pen(PLAIN);
        self.set_pen(pen)?;
        let (y, feed) = if scroll.up {
            (scroll.bottom, "\n")
        } else {
            (scroll.top, "\x1bM")
        };
        // Any column of the margin's row will do: the cheaper to reach, the first or this one.
        let (start, here) = (
            Position { x: 0, y },
            self.cursor.map(|at| Position { x: at.x, y }),
        );
        let cost = |to: Position| encode::cursor_move(self.cursor, to, self.moves()).len();
        let to = here.filter(|&h| cost(h) < cost(start)).unwrap_or(start);
        self.move_to(to)?;
        let feeds = feed.repeat(scroll.lines as usize);
        self.out().write_all(feeds.as_bytes())?;
        let columns = self.columns.get() as usize;
        if self.shadow.len() >= (scroll.bottom as usize + 1) * columns {
            scroll::apply(&mut self.shadow, columns, scroll, 1);
        }
        Ok(())
    }

    /// Puts the scrolling region back to the whole screen, if it is not.
    fn reset_region(&mut self) -> io::Result<()> {
        if self.region.take().is_some() {
            self.out().write_all(RESET_REGION.as_bytes())?;
            self.cursor = Some(Position { x: 0, y: 0 });
            self.wrapped = None;
        }
        Ok(())
    }

    /// Lets the terminal move the rest of a row sideways: characters inserted (the rest moves
    /// right) or deleted (it moves left) at the cursor, which stays where it is.
    fn shift(&mut self, shift: shift::Shift) -> io::Result<()> {
        self.move_to(Position {
            x: shift.x,
            y: shift.y,
        })?;
        // What comes in takes the current background.
        let pen = self.blank_pen(PLAIN);
        self.set_pen(pen)?;
        let by = if shift.by == 1 {
            String::new()
        } else {
            shift.by.to_string()
        };
        let edit = if shift.insert { '@' } else { 'P' };
        self.out()
            .write_all(format!("\x1b[{by}{edit}").as_bytes())?;
        let columns = self.columns.get() as usize;
        let start = shift.y as usize * columns;
        if let Some(row) = self.shadow.get_mut(start..start + columns) {
            shift::apply(row, shift, 1);
        }
        Ok(())
    }

    /// The pen to write a blank with: the current one when the difference would not show. The
    /// foreground shows on a blank only as the background of reverse video or as the colour of a
    /// line under or through it.
    fn blank_pen(&self, want: Pen) -> Pen {
        match self.pen {
            Some(pen)
                if pen.bg == want.bg
                    && (pen.modifier & SHOWN_ON_BLANKS) == (want.modifier & SHOWN_ON_BLANKS)
                    && (pen.fg == want.fg || !want.modifier.intersects(SHOWN_ON_BLANKS)) =>
            {
                pen
            }
            _ => want,
        }
    }

    /// When the rest of the row from the first of `cells` on is to be blank, and at least four of
    /// its cells are not blank yet: how many of `cells` lie there. Erasing to the end of the row
    /// (3 bytes) then draws them all, halves of wide characters included. `ends` caches, for the
    /// row last asked about, where what it will show and what it showed end.
    fn blank_tail(
        &self,
        cells: &[(u16, u16, Cell)],
        before: Option<&Buffer>,
        ends: &mut Option<(u16, u16, Option<u16>)>,
    ) -> Option<usize> {
        let (Some(screen), Some(&(x, y, _))) = (&self.screen, cells.first()) else {
            return None;
        };
        if screen.area.height <= y {
            return None;
        }
        let (will, was) = match *ends {
            Some((row, will, was)) if row == y => (will, was),
            _ => {
                let will = shown_end(screen, y);
                let was = before
                    .filter(|b| b.area == screen.area)
                    .map(|b| shown_end(b, y));
                *ends = Some((y, will, was));
                (will, was)
            }
        };
        if will > x {
            return None;
        }
        let in_row = cells.iter().take_while(|(_, cy, _)| *cy == y).count();
        let stale = was.map_or(in_row, |end| end.saturating_sub(x) as usize);
        (stale.max(in_row) >= 4).then_some(in_row)
    }

    /// How many columns from `x` on to erase with one sequence: up to the end of what the row
    /// shows now within the run of blanks it will show there, when that is six columns or more
    /// (writing them costs a byte each, erasing 4 or 5). 0: not worth it.
    fn blank_run(&self, x: u16, y: u16, before: Option<&Buffer>) -> usize {
        let (Some(screen), Some(before)) = (&self.screen, before) else {
            return 0;
        };
        if screen.area != before.area || y >= screen.area.height {
            return 0;
        }
        let run = (x..screen.area.width)
            .take_while(|&c| is_plain_blank(&screen[(c, y)]))
            .count() as u16;
        let span = (x..x + run)
            .rev()
            .find(|&c| !is_plain_blank(&before[(c, y)]))
            .map_or(0, |c| {
                (c + before[(c, y)].symbol().width().max(1) as u16).min(x + run) - x
            });
        if span >= 6 { span as usize } else { 0 }
    }

    /// Writes the cells that differ, in the order given (row by row).
    fn paint(&mut self, cells: &[(u16, u16, Cell)], before: Option<&Buffer>) -> io::Result<()> {
        let columns = self.columns.get();
        // Halves of wide characters this frame has cut off, to blank unless drawn over.
        let mut orphans: Vec<Position> = Vec::new();
        let mut ends = None;
        let mut i = 0;
        while i < cells.len() {
            let (x, y, ref cell) = cells[i];
            let symbol = cell.symbol();
            let width = symbol.width().clamp(1, 2) as u16;
            let (due, rest): (Vec<Position>, Vec<Position>) =
                orphans.into_iter().partition(|p| (p.y, p.x) < (y, x));
            orphans = rest;
            for p in due {
                self.blank(p)?;
            }
            // Erasing is 3 bytes: worth it from four blanks on.
            let tail = if is_plain_blank(cell) {
                self.blank_tail(&cells[i..], before, &mut ends)
            } else {
                None
            };
            let index = self.shadow_index(x, y);
            // A blank that only changes a colour it does not show, over a blank that is shown
            // whole (not the half of a wide character): the screen stays the same. A line the
            // terminal scrolled in is such blanks, which the grid draws in its own colours.
            let unseen = is_plain_blank(cell)
                && index.is_some_and(|index| self.shadow[index] == 1)
                && before.is_some_and(|b| {
                    b.area.contains(Position { x, y }) && is_plain_blank(&b[(x, y)])
                })
                && !orphans.iter().any(|p| p.x == x && p.y == y);
            if unseen {
                i += 1;
                continue;
            }
            if let Some(index) = index {
                // Overwriting the second half of a wide character that is still whole breaks
                // its first half. (A stale half whose owner was already redrawn needs nothing.)
                if self.shadow[index] == 0 && index > 0 && self.shadow[index - 1] == 2 && x > 0 {
                    self.blank(Position { x: x - 1, y })?;
                }
            }
            if let Some(tail) = tail {
                self.move_to(Position { x, y })?;
                let pen = self.blank_pen(PLAIN);
                self.set_pen(pen)?;
                self.out().write_all(b"\x1b[K")?;
                if let Some(index) = index {
                    let end = index - x as usize + columns as usize;
                    let end = end.min(self.shadow.len());
                    self.shadow[index..end].fill(1);
                }
                orphans.retain(|p| p.y != y);
                i += tail;
                continue;
            }
            // A run of blanks inside a row: erasing it (ECH, 4 or 5 bytes) beats writing six or
            // more blanks, and leaves the cursor where it was, which the next move accounts for.
            let run = if is_plain_blank(cell) {
                self.blank_run(x, y, before)
            } else {
                0
            };
            if let Some(index) = index.filter(|_| run > 0) {
                self.move_to(Position { x, y })?;
                let pen = self.blank_pen(PLAIN);
                self.set_pen(pen)?;
                self.out().write_all(format!("\x1b[{run}X").as_bytes())?;
                let end = (index + run).min(self.shadow.len());
                self.shadow[index..end].fill(1);
                let after = x + run as u16;
                orphans.retain(|p| !(p.y == y && p.x < after));
                // The second half of a wide character just past the run lost its first half.
                if end < self.shadow.len() && self.shadow[end] == 0 && after < columns {
                    orphans.push(Position { x: after, y });
                }
                while i < cells.len() && cells[i].1 == y && cells[i].0 < after {
                    i += 1;
                }
                continue;
            }
            orphans.retain(|p| !(p.y == y && p.x < x + width));
            if let Some(index) = index {
                let end = index + width as usize;
                if end < self.shadow.len() && self.shadow[end] == 0 && x + width < columns {
                    orphans.push(Position { x: x + width, y });
                }
                self.shadow[index] = width as u8;
                if width == 2 && index + 1 < self.shadow.len() {
                    self.shadow[index + 1] = 0;
                }
            }
            self.move_to(Position { x, y })?;
            let pen = Pen {
                fg: cell.fg,
                bg: cell.bg,
                modifier: cell.modifier,
            };
            let pen = if symbol == " " {
                self.blank_pen(pen)
            } else {
                pen
            };
            self.set_pen(pen)?;
            self.out().write_all(symbol.as_bytes())?;
            // The terminal advances by the character's width; past the last column we no longer
            // know where it is (some wrap, some stay).
            let next = x.saturating_add(width);
            self.cursor = (next < columns).then_some(Position { x: next, y });
            self.wrapped = self.cursor.is_none().then_some(y);
            i += 1;
        }
        for p in orphans {
            self.blank(p)?;
        }
        Ok(())
    }
}

/// Columns of `screen` where text starts after a blank on at least [`STOPS_FROM`] rows (the
/// columns of a grid, right-aligned numbers' places, a border after the section list): worth a
/// tab stop each, a one-byte move there.
fn tab_stops(screen: &Buffer) -> Vec<u16> {
    let (width, height) = (screen.area.width, screen.area.height);
    let mut starts = vec![0usize; width as usize];
    for y in 0..height {
        let mut after_blank = false;
        let mut x = 0;
        while x < width {
            let cell = &screen[(x, y)];
            let blank = cell.symbol() == " ";
            if !blank && after_blank {
                starts[x as usize] += 1;
            }
            after_blank = blank;
            x += (cell.symbol().width() as u16).max(1);
        }
    }
    (1..width)
        .filter(|&x| starts[x as usize] >= STOPS_FROM)
        .take(MAX_STOPS)
        .collect()
}

/// A column is worth a tab stop when this many rows start text there.
const STOPS_FROM: usize = 3;
/// Enough for the columns of the widest grid at 80 columns; more would make tabs shorter less
/// often (each stop on the way costs a byte).
const MAX_STOPS: usize = 24;

/// Every eighth column, as terminals start: what the tab stops are put back to.
pub fn reset_tabs() -> String {
    let mut sequence = String::from("\x1b[3g\r");
    // Past the right margin the cursor stays on the last column: a stop there is harmless.
    for _ in 0..64 {
        sequence.push_str("\x1b[8C\x1bH");
    }
    sequence.push('\r');
    sequence
}

/// The window's size as the terminal on standard output tells it. crossterm's `terminal::size`
/// opens /dev/tty for each call, and ratatui asks before every frame: three system calls a key.
fn stdout_window_size() -> Option<(u16, u16)> {
    // SAFETY: a winsize is plain data; all zeroes is a valid one.
    let mut size: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: TIOCGWINSZ writes one winsize through the pointer, which is valid for it.
    let rc = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut size) };
    (rc == 0 && size.ws_col > 0 && size.ws_row > 0).then_some((size.ws_col, size.ws_row))
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let (columns, rows) = (self.columns.get(), self.rows.get());
        let cells = columns as usize * rows as usize;
        if columns != u16::MAX && self.shadow.len() != cells {
            self.shadow = vec![1; cells];
        }
        let mut updates: Vec<(u16, u16, Cell)> =
            content.map(|(x, y, c)| (x, y, c.clone())).collect();
        if let Some(mut screen) = self.screen.take() {
            let area = Rect::new(0, 0, columns, rows);
            if screen.area != area && columns != u16::MAX {
                // A new size: ratatui clears and starts from a blank screen too.
                screen = Buffer::empty(area);
                self.reset_region()?;
                self.tabs = None;
            }
            let mut next = screen.clone();
            for (x, y, cell) in &updates {
                if let Some(c) = next.cell_mut((*x, *y)) {
                    *c = cell.clone();
                }
                // ratatui's buffer holds blanks behind a wide character, but its diff leaves
                // them out: put them in, so rows that look alike compare alike.
                for hidden in 1..cell.symbol().width() as u16 {
                    if let Some(c) = next.cell_mut((x + hidden, *y)) {
                        *c = Cell::EMPTY;
                    }
                }
            }
            // A new screen (the first, another section, a new size): stops where its columns
            // start, for the moves of the frames that follow.
            if columns != u16::MAX && (self.tabs.is_none() || updates.len() * 3 >= cells) {
                self.set_tabs(tab_stops(&next))?;
            }
            let mut moved = false;
            if let Some(found) = scroll::find(&screen, &next, updates.len(), self.region) {
                self.scroll(found)?;
                scroll::apply(&mut screen.content, columns as usize, found, Cell::EMPTY);
                moved = true;
            }
            let mut changed_rows: Vec<u16> = updates.iter().map(|(_, y, _)| *y).collect();
            changed_rows.dedup();
            if moved {
                changed_rows = (0..rows).collect();
            }
            for y in changed_rows {
                let start = y as usize * columns as usize;
                let shown = |x: usize| self.shadow.get(start + x).is_none_or(|&w| w != 0);
                if let Some(found) = shift::find(&screen, &next, y, shown) {
                    self.shift(found)?;
                    let row = &mut screen.content[start..start + columns as usize];
                    shift::apply(row, found, Cell::EMPTY);
                    moved = true;
                }
            }
            if moved {
                updates = screen
                    .diff(&next)
                    .into_iter()
                    .map(|(x, y, c)| (x, y, c.clone()))
                    .collect();
            }
            self.screen = Some(next);
            return self.paint(&updates, Some(&screen));
        }
        self.paint(&updates, None)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible != Some(false) {
            self.out().write_all(b"\x1b[?25l")?;
            self.cursor_visible = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible != Some(true) {
            self.out().write_all(b"\x1b[?25h")?;
            self.cursor_visible = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        let (x, y) = cursor::position()?;
        Ok(Position { x, y })
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.move_to(position.into())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // A clear starts over (a new size, a screen drawn anew after a stop): from the whole
        // screen, as terminals reset their margins on a resize.
        self.reset_region()?;
        // After a stop the shell may have set its own tab stops; a resize may reset them.
        self.tabs = None;
        // Erasing paints with the current background: start from a plain pen.
        self.set_pen(PLAIN)?;
        let kind = match clear_type {
            ClearType::All => terminal::ClearType::All,
            ClearType::AfterCursor => terminal::ClearType::FromCursorDown,
            ClearType::BeforeCursor => terminal::ClearType::FromCursorUp,
            ClearType::CurrentLine => terminal::ClearType::CurrentLine,
            ClearType::UntilNewLine => terminal::ClearType::UntilNewLine,
        };
        queue!(self.writer, terminal::Clear(kind))?;
        self.cursor = None;
        self.wrapped = None;
        self.shadow.iter_mut().for_each(|w| *w = 1);
        self.screen = match clear_type {
            ClearType::All => Some(Buffer::empty(Rect::ZERO)),
            _ => None,
        };
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        let (width, height) = match self.fixed {
            Some(size) => (size.width, size.height),
            None => match stdout_window_size() {
                Some(size) => size,
                None => terminal::size()?,
            },
        };
        self.columns.set(width);
        self.rows.set(height);
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let size = terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size {
                width: size.columns,
                height: size.rows,
            },
            pixels: Size {
                width: size.width,
                height: size.height,
            },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out().flush()
    }
}

#[cfg(test)]
mod tests;
