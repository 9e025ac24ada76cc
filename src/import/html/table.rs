//! A page's table as a browser draws it: the cells gathered row by row as the tags come, then
//! laid out on the table's grid with `rowspan` and `colspan` honoured. A superscript or a
//! subscript after a cell's text is a note mark ("2731<sup>1</sup>"): left out of the cell, so
//! that it never becomes a digit of the number, and said; one before is kept as a word apart.

use crate::import::anomaly::Anomaly;
use crate::import::lines::{DroppedMark, GridCell, Line, note_mark_notes};

/// Spans larger than these are treated as these: real reports stay far below, and a page cannot
/// make the grid explode.
const MAX_COLSPAN: usize = 64;
const MAX_ROWSPAN: usize = 512;
const MAX_ROW_WIDTH: usize = 512;

pub(super) struct Cell {
    pub text: String,
    pub line: usize,
    colspan: usize,
    rowspan: usize,
    /// Note marks left out: the cell's text before each, the mark, whether a subscript.
    marks: Vec<DroppedMark>,
}

#[derive(Default)]
pub(super) struct TableBuilder {
    /// Each row's line and the cells that start in it.
    pub rows: Vec<(usize, Vec<Cell>)>,
    pub row: Option<(usize, Vec<Cell>)>,
    pub cell: Option<Cell>,
    /// A table used for page layout (it holds another table): its cells are page content.
    pub layout: bool,
    pub caption: Option<(usize, String)>,
    pub in_caption: bool,
    /// The note mark being read in the open cell, and whether it is a subscript.
    pub mark: Option<(String, bool)>,
    /// The elements the table sits in, for telling the article from the page around it.
    pub path: Vec<u32>,
}

fn span_number(value: Option<&[u8]>, max: usize) -> usize {
    let digits: String = value
        .map(|v| String::from_utf8_lossy(v).trim().to_string())
        .unwrap_or_default()
        .chars()
        .take_while(char::is_ascii_digit)
        .take(6)
        .collect();
    digits.parse::<usize>().unwrap_or(1).clamp(1, max)
}

impl TableBuilder {
    pub fn open_row(&mut self, line: usize) {
        self.close_row();
        self.row = Some((line, Vec::new()));
    }

    /// Starts a cell; `colspan` and `rowspan` are the attributes' values as written.
    pub fn open_cell(&mut self, line: usize, colspan: Option<&[u8]>, rowspan: Option<&[u8]>) {
        self.close_cell();
        self.cell = Some(Cell {
            text: String::new(),
            line,
            colspan: span_number(colspan, MAX_COLSPAN),
            rowspan: span_number(rowspan, MAX_ROWSPAN),
            marks: Vec::new(),
        });
    }

    /// A `<sup>` or `<sub>` in the open cell: after its text, a note mark, read apart.
    pub fn start_mark(&mut self, lowered: bool) {
        self.end_mark();
        let Some(cell) = self.cell.as_mut() else {
            return;
        };
        if cell.text.trim().is_empty() {
            cell.text.push(' ');
        } else {
            self.mark = Some((String::new(), lowered));
        }
    }

    /// Its end: a mark is left out of the cell; either way, the text after it stands apart.
    pub fn end_mark(&mut self) {
        let Some(cell) = self.cell.as_mut() else {
            self.mark = None;
            return;
        };
        if let Some((mark, lowered)) = self.mark.take() {
            let mark = cell_text(&mark);
            if !mark.is_empty() {
                cell.marks.push((cell_text(&cell.text), mark, lowered));
            }
        }
        cell.text.push(' ');
    }

    pub fn close_cell(&mut self) {
        if self.mark.is_some() {
            self.end_mark();
        }
        if let Some(cell) = self.cell.take() {
            let line = cell.line;
            self.row
                .get_or_insert_with(|| (line, Vec::new()))
                .1
                .push(cell);
        }
    }

    pub fn close_row(&mut self) {
        self.close_cell();
        if let Some(row) = self.row.take() {
            self.rows.push(row);
        }
    }

    /// The table's rows as lines, laid out on its grid, and a note for each note mark left out
    /// of a cell, naming its row.
    pub fn grid_lines(&self) -> (Vec<Line>, Vec<Anomaly>) {
        let mut notes = Vec::new();
        let mut lines = Vec::with_capacity(self.rows.len());
        for ((no, cells), (_, source)) in lay_out(&self.rows).into_iter().zip(&self.rows) {
            // The cells that start in a row are its first placed ones, in order.
            let texts: Vec<&str> = cells.iter().map(|c| c.text.as_str()).collect();
            for (at, source) in source.iter().enumerate() {
                notes.extend(note_mark_notes(no, &texts, at, &source.marks));
            }
            lines.push(Line {
                path: self.path.clone(),
                ..Line::grid(no, cells)
            });
        }
        (lines, notes)
    }
}

/// A cell's words: its paragraphs joined by a space ("商业<br>企业" reads "商业 企业"), runs of
/// spaces made one.
fn cell_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for word in raw
        .split(['\n', ' '])
        .map(str::trim)
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Lays table rows out on their grid. Each row keeps the cells that start in it, in column
/// order; a position covered from a cell above or to the left is left out, and a position no
/// cell covers (a short row with a spanning cell further right) is a blank cell.
fn lay_out(rows: &[(usize, Vec<Cell>)]) -> Vec<(usize, Vec<GridCell>)> {
    let mut carry: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for (row_line, cells) in rows {
        let mut placed = Vec::with_capacity(cells.len());
        let mut col = 0;
        let mut gap_line = *row_line;
        for cell in cells {
            while col < carry.len() && carry[col] > 0 {
                carry[col] -= 1;
                col += 1;
            }
            if col >= MAX_ROW_WIDTH {
                break;
            }
            let end = (col + cell.colspan).min(MAX_ROW_WIDTH);
            if carry.len() < end {
                carry.resize(end, 0);
            }
            for slot in &mut carry[col..end] {
                *slot = cell.rowspan - 1;
            }
            placed.push(GridCell {
                text: cell_text(&cell.text),
                line: cell.line,
            });
            gap_line = cell.line;
            col = end;
        }
        let last_carried = carry.iter().rposition(|&c| c > 0);
        while let Some(last) = last_carried
            && col <= last
        {
            if carry[col] > 0 {
                carry[col] -= 1;
            } else {
                placed.push(GridCell {
                    text: String::new(),
                    line: gap_line,
                });
            }
            col += 1;
        }
        let first_line = cells.first().map_or(*row_line, |c| c.line);
        out.push((first_line, placed));
    }
    out
}
