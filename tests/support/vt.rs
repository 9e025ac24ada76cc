//! A small terminal emulator: enough of xterm to replay what the lean backend writes (cursor
//! moves, erasing, scrolling regions, inserted and deleted lines, wide characters) and read back
//! the text on screen. Colours are not kept: the tests compare what is written, not how.

#![allow(dead_code)]

use unicode_width::UnicodeWidthChar;

/// The second half of a wide character.
const HALF: &str = "";

pub struct Vt {
    cols: usize,
    rows: usize,
    cells: Vec<Vec<String>>,
    x: usize,
    y: usize,
    top: usize,
    bottom: usize,
}

impl Vt {
    pub fn new(cols: u16, rows: u16) -> Vt {
        let (cols, rows) = (cols as usize, rows as usize);
        Vt {
            cols,
            rows,
            cells: vec![vec![" ".to_string(); cols]; rows],
            x: 0,
            y: 0,
            top: 0,
            bottom: rows - 1,
        }
    }

    /// The screen's text, row by row, each wide character once, trailing blanks cut.
    pub fn lines(&self) -> Vec<String> {
        self.cells
            .iter()
            .map(|row| row.concat().trim_end().to_string())
            .collect()
    }

    /// Blanks a cell, and the other half of a wide character it was part of.
    fn clear(&mut self, x: usize, y: usize) {
        if x >= self.cols {
            return;
        }
        if self.cells[y][x] == HALF && x > 0 {
            self.cells[y][x - 1] = " ".into();
        } else if x + 1 < self.cols && self.cells[y][x + 1] == HALF {
            self.cells[y][x + 1] = " ".into();
        }
        self.cells[y][x] = " ".into();
    }

    fn print(&mut self, c: char) {
        let width = c.width().unwrap_or(0);
        if width == 0 {
            if self.x > 0 {
                self.cells[self.y][self.x - 1].push(c);
            }
            return;
        }
        if self.x + width > self.cols {
            return;
        }
        self.clear(self.x, self.y);
        if width == 2 {
            self.clear(self.x + 1, self.y);
            self.cells[self.y][self.x + 1] = HALF.into();
        }
        self.cells[self.y][self.x] = c.to_string();
        self.x = (self.x + width).min(self.cols - 1);
    }

    fn lines_in_region(&mut self, insert: bool, n: usize) {
        if self.y < self.top || self.y > self.bottom {
            return;
        }
        let blank = vec![" ".to_string(); self.cols];
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

    fn csi(&mut self, params: &str, last: char) {
        if params.starts_with('?') {
            return;
        }
        let nums: Vec<usize> = params.split(';').map(|p| p.parse().unwrap_or(0)).collect();
        let n = |i: usize| nums.get(i).copied().filter(|&v| v > 0).unwrap_or(1);
        match last {
            'H' => {
                self.y = (n(0) - 1).min(self.rows - 1);
                self.x = (n(1) - 1).min(self.cols - 1);
            }
            'C' => self.x = (self.x + n(0)).min(self.cols - 1),
            'D' => self.x = self.x.saturating_sub(n(0)),
            'A' => self.y = self.y.saturating_sub(n(0)),
            'B' => self.y = (self.y + n(0)).min(self.rows - 1),
            'K' => (self.x..self.cols).for_each(|x| self.clear(x, self.y)),
            'X' => (self.x..(self.x + n(0)).min(self.cols)).for_each(|x| self.clear(x, self.y)),
            'J' if nums[0] == 2 => {
                self.cells = vec![vec![" ".to_string(); self.cols]; self.rows];
            }
            'r' => {
                self.top = n(0) - 1;
                self.bottom = nums.get(1).copied().filter(|&v| v > 0).unwrap_or(self.rows) - 1;
                (self.x, self.y) = (0, 0);
            }
            'L' => self.lines_in_region(true, n(0)),
            'M' => self.lines_in_region(false, n(0)),
            'm' => {}
            _ => panic!("the emulator does not know CSI {params}{last}"),
        }
    }

    pub fn feed(&mut self, bytes: &[u8]) {
        let text = std::str::from_utf8(bytes).expect("the backend writes UTF-8");
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\x1b' => {
                    if chars.next_if_eq(&'[').is_none() {
                        continue;
                    }
                    let mut params = String::new();
                    for c in chars.by_ref() {
                        if ('@'..='~').contains(&c) {
                            self.csi(&params, c);
                            break;
                        }
                        params.push(c);
                    }
                }
                '\r' => self.x = 0,
                '\n' => self.y = (self.y + 1).min(self.rows - 1),
                c => self.print(c),
            }
        }
    }
}
