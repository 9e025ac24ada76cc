//! A Word document (.docx, from Word or WPS) as lines: each body paragraph a line, each table row
//! a line of cells laid out on the table's grid, as an HTML page's tables are. A cell spanning
//! columns (`w:gridSpan`) is one cell; a cell continuing a vertical merge (`w:vMerge` without
//! `restart`) is covered from above and left out, as a browser leaves out a position under a
//! `rowspan`. A table inside a cell is read as that cell's text.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::read_part;
use crate::i18n::files::FileFailure;
use crate::import::ImportError;
use crate::import::lines::{GridCell, Line};

/// The document's XML beyond this is no report.
const MAX_XML_BYTES: u64 = 64 << 20;

#[derive(Default)]
struct Cell {
    text: String,
    covered: bool,
}

#[derive(Default)]
struct Walk {
    lines: Vec<Line>,
    /// Paragraphs and rows read, the "line" numbers messages give.
    count: usize,
    paragraph: String,
    /// Tables open, outermost first: only the outermost lays out rows.
    depth: usize,
    row: Vec<Cell>,
    cell: Option<Cell>,
    in_text: bool,
}

fn local(e: &BytesStart) -> Vec<u8> {
    e.local_name().as_ref().as_bytes().to_vec()
}

fn attribute(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref().as_bytes() == name)
        .map(|a| a.value.into_owned())
}

/// A cell's paragraphs joined by a space, runs of spaces made one ("商业" / "企业" reads "商业 企业").
fn cell_text(raw: &str) -> String {
    raw.split(['\n', ' ', '\t'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

impl Walk {
    fn start(&mut self, name: &[u8], e: &BytesStart) {
        match name {
            b"tbl" => {
                if self.depth == 0 {
                    self.end_paragraph();
                }
                self.depth += 1;
            }
            b"tr" if self.depth == 1 => self.row.clear(),
            b"tc" if self.depth == 1 => self.cell = Some(Cell::default()),
            b"vMerge" if self.depth == 1 => {
                if let Some(cell) = self.cell.as_mut() {
                    cell.covered = attribute(e, b"val").is_none_or(|v| v != "restart");
                }
            }
            b"t" => self.in_text = true,
            _ => {}
        }
    }

    /// Elements that stand for a character: a tab, a line break.
    fn empty(&mut self, name: &[u8], e: &BytesStart) {
        match name {
            b"tab" | b"br" | b"cr" => self.push(if name == b"tab" { "\t" } else { "\n" }),
            _ => self.start(name, e),
        }
    }

    fn end(&mut self, name: &[u8]) {
        match name {
            b"t" => self.in_text = false,
            b"p" => {
                if self.depth == 0 {
                    self.end_paragraph();
                } else if let Some(cell) = self.cell.as_mut() {
                    cell.text.push('\n');
                }
            }
            b"tc" if self.depth == 1 => {
                if let Some(cell) = self.cell.take() {
                    self.row.push(cell);
                }
            }
            b"tr" if self.depth == 1 => self.end_row(),
            b"tbl" => {
                self.depth = self.depth.saturating_sub(1);
                if self.depth == 0 {
                    self.lines.push(Line::default());
                }
            }
            _ => {}
        }
    }

    fn push(&mut self, text: &str) {
        if self.depth == 0 {
            self.paragraph.push_str(text);
        } else if let Some(cell) = self.cell.as_mut() {
            cell.text.push_str(text);
        }
    }

    fn end_paragraph(&mut self) {
        self.count += 1;
        let text = std::mem::take(&mut self.paragraph);
        for part in text.split('\n') {
            if !part.trim().is_empty() {
                self.lines.push(Line {
                    no: self.count,
                    text: part.trim().to_string(),
                    ..Line::default()
                });
            }
        }
        // Paragraphs apart, as a page's are.
        if self.lines.last().is_some_and(|l| !l.is_blank()) {
            self.lines.push(Line {
                no: self.count,
                ..Line::default()
            });
        }
    }

    fn end_row(&mut self) {
        self.count += 1;
        let no = self.count;
        let cells: Vec<GridCell> = std::mem::take(&mut self.row)
            .into_iter()
            .filter(|c| !c.covered)
            .map(|c| GridCell {
                text: cell_text(&c.text),
                line: no,
            })
            .collect();
        self.lines.push(Line::grid(no, cells));
    }
}

pub fn lines(bytes: &[u8]) -> Result<Vec<Line>, ImportError> {
    let xml = read_part(bytes, "word/document.xml", MAX_XML_BYTES)
        .map_err(|why| ImportError::File(FileFailure::DocumentPart, why))?;
    let xml = String::from_utf8_lossy(&xml);
    let mut reader = Reader::from_str(&xml);
    let mut walk = Walk::default();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => walk.start(&local(&e), &e),
            Ok(Event::Empty(e)) => walk.empty(&local(&e), &e),
            Ok(Event::End(e)) => walk.end(e.local_name().as_ref().as_bytes()),
            Ok(Event::Text(t)) if walk.in_text => walk.push(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) if walk.in_text => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*r {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    walk.push(c.encode_utf8(&mut [0; 4]));
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                return Err(ImportError::File(
                    FileFailure::DocumentXml {
                        at: reader.error_position(),
                    },
                    e.to_string(),
                ));
            }
        }
    }
    walk.end_paragraph();
    Ok(walk.lines)
}
