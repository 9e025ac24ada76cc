//! A small terminal emulator: enough of xterm to replay what the lean backend writes (cursor
//! moves, erasing, scrolling regions, inserted and deleted lines and characters, wide characters, the pen's
//! attributes and colours, the cursor shown or hidden) and read back what the screen shows.
//!
//! It follows xterm where terminals differ in ways the backend must not rely on: erasing and
//! inserting lines fill with the pen's background only (not its other attributes), a character
//! written in the last column leaves the cursor there until the next one wraps, and a line feed
//! on the bottom margin scrolls the region. Where a terminal in common use gets a sequence wrong
//! it follows that terminal: inserting characters (ICH) blanks only as many cells as the row
//! keeps, as tmux 3.3a does, so a backend that inserts more than it keeps is caught.

#![allow(dead_code)]

use ratatui::style::{Color, Modifier};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The second half of a wide character.
const HALF: &str = "";

/// What the terminal draws characters with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pen {
    pub fg: Color,
    pub bg: Color,
    pub modifier: Modifier,
}

const PLAIN: Pen = Pen {
    fg: Color::Reset,
    bg: Color::Reset,
    modifier: Modifier::empty(),
};

/// One colour as it shows: the terminal's own foreground and background are different colours
/// (a reversed default foreground shows as the default foreground, not as a background).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ink {
    DefaultFg,
    DefaultBg,
    Colour(Color),
}

fn ink(color: Color, foreground: bool) -> Ink {
    match color {
        Color::Reset if foreground => Ink::DefaultFg,
        Color::Reset => Ink::DefaultBg,
        c => Ink::Colour(c),
    }
}

/// How one cell's character shows (the characters themselves are compared as text): equal looks
/// cannot be told apart on the screen, whatever pen drew them. A blank shows only its background
/// (and a line through or under it, in the foreground colour); reverse video swaps the colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Look {
    pub fg: Option<Ink>,
    pub bg: Ink,
    pub modifier: Modifier,
}

/// Attributes that show on a blank cell.
const SHOWN_ON_BLANKS: Modifier = Modifier::UNDERLINED.union(Modifier::CROSSED_OUT);

pub fn look(symbol: &str, pen: Pen) -> Look {
    let (mut fg, mut bg) = (ink(pen.fg, true), ink(pen.bg, false));
    if pen.modifier.contains(Modifier::REVERSED) {
        std::mem::swap(&mut fg, &mut bg);
    }
    let modifier = pen.modifier - Modifier::REVERSED;
    if symbol == " " {
        let modifier = modifier & SHOWN_ON_BLANKS;
        Look {
            fg: (!modifier.is_empty()).then_some(fg),
            bg,
            modifier,
        }
    } else {
        Look {
            fg: Some(fg),
            bg,
            modifier,
        }
    }
}

#[derive(Clone, Debug)]
struct Cell {
    symbol: String,
    pen: Pen,
}

impl Cell {
    fn blank(bg: Color) -> Cell {
        Cell {
            symbol: " ".into(),
            pen: Pen { bg, ..PLAIN },
        }
    }
}

pub struct Vt {
    cols: usize,
    rows: usize,
    cells: Vec<Vec<Cell>>,
    x: usize,
    y: usize,
    /// A character went into the last column: the next one goes to the next line first.
    wrap_pending: bool,
    top: usize,
    bottom: usize,
    pen: Pen,
    pub cursor_visible: bool,
    /// Tab stops, by column: every eighth at first.
    tabs: Vec<bool>,
}

fn default_tabs(cols: usize) -> Vec<bool> {
    (0..cols).map(|x| x > 0 && x % 8 == 0).collect()
}

impl Vt {
    pub fn new(cols: u16, rows: u16) -> Vt {
        let (cols, rows) = (cols as usize, rows as usize);
        Vt {
            cols,
            rows,
            cells: vec![vec![Cell::blank(Color::Reset); cols]; rows],
            x: 0,
            y: 0,
            wrap_pending: false,
            top: 0,
            bottom: rows - 1,
            pen: PLAIN,
            cursor_visible: true,
            tabs: default_tabs(cols),
        }
    }

    /// The window changed size: what fits stays where it was (as xterm keeps it), the margins
    /// are reset and the cursor is kept on the screen.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let (cols, rows) = (cols as usize, rows as usize);
        self.cells
            .resize(rows, vec![Cell::blank(Color::Reset); cols]);
        for row in &mut self.cells {
            row.resize(cols, Cell::blank(Color::Reset));
            // A wide character cut in two by the new edge is gone.
            if row.last().is_some_and(|c| c.symbol.width() == 2) {
                row[cols - 1] = Cell::blank(Color::Reset);
            }
        }
        (self.cols, self.rows) = (cols, rows);
        (self.top, self.bottom) = (0, rows - 1);
        // As tmux does; xterm keeps them: the backend sets its own again after a resize.
        self.tabs = default_tabs(cols);
        self.x = self.x.min(cols - 1);
        self.y = self.y.min(rows - 1);
        self.wrap_pending = false;
    }

    /// The screen's text, row by row, each wide character once, trailing blanks cut.
    pub fn lines(&self) -> Vec<String> {
        self.cells
            .iter()
            .map(|row| {
                let text: String = row.iter().map(|c| c.symbol.as_str()).collect();
                text.trim_end().to_string()
            })
            .collect()
    }

    /// What cell (`x`, `y`) shows; `None` for the second half of a wide character.
    pub fn look(&self, x: usize, y: usize) -> Option<Look> {
        let cell = &self.cells[y][x];
        (cell.symbol != HALF).then(|| look(&cell.symbol, cell.pen))
    }

    /// Where the cursor is, when it is shown.
    pub fn cursor(&self) -> Option<(u16, u16)> {
        self.cursor_visible
            .then_some((self.x as u16, self.y as u16))
    }

    /// Blanks a cell, and the other half of a wide character it was part of.
    fn clear(&mut self, x: usize, y: usize, bg: Color) {
        if x >= self.cols {
            return;
        }
        if self.cells[y][x].symbol == HALF && x > 0 {
            self.cells[y][x - 1] = Cell::blank(bg);
        } else if x + 1 < self.cols && self.cells[y][x + 1].symbol == HALF {
            self.cells[y][x + 1] = Cell::blank(bg);
        }
        self.cells[y][x] = Cell::blank(bg);
    }

    /// Whether margins narrower than the screen are set and row `y` is outside them. Terminals
    /// disagree about moving up or down from or to such a row (xterm stops at a margin only from
    /// inside the region, pyte wherever the cursor starts): the backend must not do it.
    fn outside_region(&self, y: usize) -> bool {
        (self.top, self.bottom) != (0, self.rows - 1) && !(self.top..=self.bottom).contains(&y)
    }

    /// A relative move up or down by `by` rows, which stops at the margin it meets.
    fn vertical(&mut self, by: isize) {
        let to = (self.y as isize + by).clamp(self.top as isize, self.bottom as isize) as usize;
        assert!(
            !self.outside_region(self.y) && !self.outside_region(to),
            "a move from row {} by {by} with margins {}..={}: terminals disagree",
            self.y,
            self.top,
            self.bottom
        );
        self.y = to;
    }

    /// Moves the rows of the region up by one (a line feed on its bottom margin).
    fn index(&mut self) {
        assert!(
            !self.outside_region(self.y),
            "a line feed on row {} outside the margins {}..={}: terminals disagree",
            self.y,
            self.top,
            self.bottom
        );
        if self.y == self.bottom {
            self.cells.remove(self.top);
            let blank = vec![Cell::blank(self.pen.bg); self.cols];
            self.cells.insert(self.bottom, blank);
        } else if self.y + 1 < self.rows {
            self.y += 1;
        }
    }

    fn reverse_index(&mut self) {
        assert!(
            !self.outside_region(self.y),
            "a reverse line feed on row {} outside the margins: terminals disagree",
            self.y
        );
        if self.y == self.top {
            self.cells.remove(self.bottom);
            let blank = vec![Cell::blank(self.pen.bg); self.cols];
            self.cells.insert(self.top, blank);
        } else {
            self.y = self.y.saturating_sub(1);
        }
    }

    fn print(&mut self, c: char) {
        let width = c.width().unwrap_or(0);
        if width == 0 {
            if self.x > 0 {
                let x = if self.wrap_pending {
                    self.x
                } else {
                    self.x - 1
                };
                self.cells[self.y][x].symbol.push(c);
            }
            return;
        }
        if self.wrap_pending || self.x + width > self.cols {
            self.x = 0;
            self.wrap_pending = false;
            self.index();
        }
        let bg = self.pen.bg;
        self.clear(self.x, self.y, bg);
        if width == 2 {
            self.clear(self.x + 1, self.y, bg);
            self.cells[self.y][self.x + 1] = Cell {
                symbol: HALF.into(),
                pen: self.pen,
            };
        }
        self.cells[self.y][self.x] = Cell {
            symbol: c.to_string(),
            pen: self.pen,
        };
        if self.x + width >= self.cols {
            self.x = self.cols - 1;
            self.wrap_pending = true;
        } else {
            self.x += width;
        }
    }

    fn lines_in_region(&mut self, insert: bool, n: usize) {
        if self.y < self.top || self.y > self.bottom {
            return;
        }
        let blank = vec![Cell::blank(self.pen.bg); self.cols];
        for _ in 0..n.min(self.bottom - self.y + 1) {
            if insert {
                self.cells.remove(self.bottom);
                self.cells.insert(self.y, blank.clone());
            } else {
                self.cells.remove(self.y);
                self.cells.insert(self.bottom, blank.clone());
            }
        }
        self.x = 0;
    }

    /// Inserts (ICH) or deletes (DCH) `n` characters at the cursor: the rest of the row moves
    /// right (what passes the edge is lost) or left (blanks come in at the edge). An insert of
    /// more than the row keeps blanks only as many cells as it keeps, the others showing what
    /// they showed: tmux 3.3a does that (`abcdefgh`, ICH 6 at `c`: `ab` `  efgh` `cd`).
    fn chars_in_row(&mut self, insert: bool, n: usize) {
        let (x, y, bg) = (self.x, self.y, self.pen.bg);
        let n = n.min(self.cols - x);
        // A wide character cut by the edit is lost whole, as in xterm.
        if self.cells[y][x].symbol == HALF {
            self.clear(x, y, bg);
        }
        let cut = if insert { self.cols - n } else { x + n };
        if cut < self.cols && self.cells[y][cut].symbol == HALF {
            self.clear(cut, y, bg);
        }
        let row = &mut self.cells[y];
        if insert {
            let kept = self.cols - x - n;
            let old = row.clone();
            for i in 0..kept {
                row[x + n + i] = old[x + i].clone();
            }
            for cell in &mut row[x..x + n.min(kept)] {
                *cell = Cell::blank(bg);
            }
        } else {
            row.drain(x..x + n);
            row.resize(self.cols, Cell::blank(bg));
        }
    }

    fn sgr(&mut self, params: &str) {
        let nums: Vec<u16> = params.split(';').map(|p| p.parse().unwrap_or(0)).collect();
        let mut i = 0;
        while i < nums.len() {
            let n = nums[i];
            let pen = &mut self.pen;
            match n {
                0 => *pen = PLAIN,
                1..=9 => {
                    pen.modifier |= [
                        Modifier::BOLD,
                        Modifier::DIM,
                        Modifier::ITALIC,
                        Modifier::UNDERLINED,
                        Modifier::SLOW_BLINK,
                        Modifier::RAPID_BLINK,
                        Modifier::REVERSED,
                        Modifier::HIDDEN,
                        Modifier::CROSSED_OUT,
                    ][n as usize - 1]
                }
                22 => pen.modifier -= Modifier::BOLD | Modifier::DIM,
                23 => pen.modifier -= Modifier::ITALIC,
                24 => pen.modifier -= Modifier::UNDERLINED,
                25 => pen.modifier -= Modifier::SLOW_BLINK | Modifier::RAPID_BLINK,
                27 => pen.modifier -= Modifier::REVERSED,
                28 => pen.modifier -= Modifier::HIDDEN,
                29 => pen.modifier -= Modifier::CROSSED_OUT,
                30..=37 => pen.fg = named(n - 30, false),
                39 => pen.fg = Color::Reset,
                40..=47 => pen.bg = named(n - 40, false),
                49 => pen.bg = Color::Reset,
                90..=97 => pen.fg = named(n - 90, true),
                100..=107 => pen.bg = named(n - 100, true),
                38 | 48 => {
                    let color = match nums.get(i + 1) {
                        Some(5) => {
                            i += 2;
                            Color::Indexed(nums[i] as u8)
                        }
                        Some(2) => {
                            i += 4;
                            Color::Rgb(nums[i - 2] as u8, nums[i - 1] as u8, nums[i] as u8)
                        }
                        _ => panic!("the emulator does not know SGR {params}"),
                    };
                    if n == 38 {
                        pen.fg = color;
                    } else {
                        pen.bg = color;
                    }
                }
                _ => panic!("the emulator does not know SGR {n} (in {params})"),
            }
            i += 1;
        }
    }

    fn csi(&mut self, params: &str, last: char) {
        if let Some(private) = params.strip_prefix('?') {
            match (private, last) {
                ("25", 'h') => self.cursor_visible = true,
                ("25", 'l') => self.cursor_visible = false,
                _ => {}
            }
            return;
        }
        if last == 'm' {
            return self.sgr(params);
        }
        self.wrap_pending = false;
        let nums: Vec<usize> = params.split(';').map(|p| p.parse().unwrap_or(0)).collect();
        let n = |i: usize| nums.get(i).copied().filter(|&v| v > 0).unwrap_or(1);
        let bg = self.pen.bg;
        match last {
            'H' => {
                self.y = (n(0) - 1).min(self.rows - 1);
                self.x = (n(1) - 1).min(self.cols - 1);
            }
            'C' => self.x = (self.x + n(0)).min(self.cols - 1),
            'D' => self.x = self.x.saturating_sub(n(0)),
            'A' => self.vertical(-(n(0) as isize)),
            'B' => self.vertical(n(0) as isize),
            'G' => self.x = (n(0) - 1).min(self.cols - 1),
            'd' => self.y = (n(0) - 1).min(self.rows - 1),
            'K' => match nums[0] {
                0 => (self.x..self.cols).for_each(|x| self.clear(x, self.y, bg)),
                1 => (0..=self.x).for_each(|x| self.clear(x, self.y, bg)),
                _ => (0..self.cols).for_each(|x| self.clear(x, self.y, bg)),
            },
            'X' => (self.x..(self.x + n(0)).min(self.cols)).for_each(|x| self.clear(x, self.y, bg)),
            'J' => {
                let rows = match nums[0] {
                    0 => {
                        (self.x..self.cols).for_each(|x| self.clear(x, self.y, bg));
                        self.y + 1..self.rows
                    }
                    1 => {
                        (0..=self.x).for_each(|x| self.clear(x, self.y, bg));
                        0..self.y
                    }
                    _ => 0..self.rows,
                };
                for y in rows {
                    self.cells[y] = vec![Cell::blank(bg); self.cols];
                }
            }
            'r' => {
                self.top = n(0) - 1;
                self.bottom = nums.get(1).copied().filter(|&v| v > 0).unwrap_or(self.rows) - 1;
                (self.x, self.y) = (0, 0);
            }
            'g' => match nums[0] {
                0 => self.tabs[self.x] = false,
                3 => self.tabs.iter_mut().for_each(|t| *t = false),
                _ => {}
            },
            '@' => self.chars_in_row(true, n(0)),
            'P' => self.chars_in_row(false, n(0)),
            'L' => self.lines_in_region(true, n(0)),
            'M' => self.lines_in_region(false, n(0)),
            _ => panic!("the emulator does not know CSI {params}{last}"),
        }
    }

    pub fn feed(&mut self, bytes: &[u8]) {
        let text = std::str::from_utf8(bytes).expect("the backend writes UTF-8");
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\x1b' => match chars.next() {
                    Some('[') => {
                        let mut params = String::new();
                        for c in chars.by_ref() {
                            if ('@'..='~').contains(&c) {
                                self.csi(&params, c);
                                break;
                            }
                            params.push(c);
                        }
                    }
                    Some('D') => {
                        self.wrap_pending = false;
                        self.index();
                    }
                    Some('M') => {
                        self.wrap_pending = false;
                        self.reverse_index();
                    }
                    Some('H') => self.tabs[self.x] = true,
                    other => panic!("the emulator does not know ESC {other:?}"),
                },
                '\r' => {
                    self.x = 0;
                    self.wrap_pending = false;
                }
                '\n' => {
                    self.wrap_pending = false;
                    self.index();
                }
                '\t' => {
                    // To the next stop, or the last column; nothing is written.
                    self.x = (self.x + 1..self.cols)
                        .find(|&x| self.tabs[x])
                        .unwrap_or(self.cols - 1);
                    self.wrap_pending = false;
                }
                '\x08' => {
                    self.x = self.x.saturating_sub(1);
                    self.wrap_pending = false;
                }
                c if c.is_control() => panic!("the emulator does not know {c:?}"),
                c => self.print(c),
            }
        }
    }
}

fn named(n: u16, bright: bool) -> Color {
    const DARK: [Color; 8] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
    ];
    const BRIGHT: [Color; 8] = [
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    if bright {
        BRIGHT[n as usize]
    } else {
        DARK[n as usize]
    }
}
