//! A Word document (.docx, from Word or WPS) as lines: each body paragraph a line, each table row
//! a line of cells laid out on the table's grid, as an HTML page's tables are. A cell spanning
//! columns (`w:gridSpan`) is one cell; a cell continuing a vertical merge (`w:vMerge` without
//! `restart`) is covered from above and left out, as a browser leaves out a position under a
//! `rowspan`. A table inside a cell is read as that cell's text.
//!
//! Text is read as Word prints it: a run of hidden text (`w:vanish`, `w:webHidden`) is left out,
//! and a superscript or subscript run never joins the text beside it. Written after a cell's
//! text it is a note mark ("2731¹"), left out of the cell and said in a note; elsewhere it is
//! kept as a word apart.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::read_part;
use crate::i18n::files::FileFailure;
use crate::import::ImportError;
use crate::import::anomaly::Anomaly;
use crate::import::lines::{DroppedMark, GridCell, Line, note_mark_notes};

/// The document's XML beyond this is no report.
const MAX_XML_BYTES: u64 = 64 << 20;

#[derive(Default)]
struct Cell {
    text: String,
    covered: bool,
    /// The note mark being read, and whether it is a subscript.
    mark: Option<(String, bool)>,
    /// Note marks left out: the cell's text before each, the mark, whether a subscript.
    marks: Vec<DroppedMark>,
}

impl Cell {
    /// Ends the note mark being read: it is left out, and keeps the text around it apart.
    fn end_mark(&mut self) {
        if let Some((mark, lowered)) = self.mark.take() {
            self.marks.push((cell_text(&self.text), mark, lowered));
            self.text.push(' ');
        }
    }
}

/// What a run's properties say of its text.
#[derive(Default)]
struct Run {
    hidden: bool,
    /// A superscript (`Some(false)`) or a subscript (`Some(true)`).
    script: Option<bool>,
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
    /// The run being read, and whether its properties (not those of a change) are being read.
    run: Option<Run>,
    in_run_properties: bool,
    in_property_change: bool,
    anomalies: Vec<Anomaly>,
}

/// Whether an on/off property (`<w:vanish/>`, `<w:vanish w:val="false"/>`) is on.
fn switched_on(e: &BytesStart) -> bool {
    attribute(e, b"val").is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "off"))
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
            b"r" => self.run = Some(Run::default()),
            b"rPr" if self.run.is_some() => self.in_run_properties = true,
            b"rPrChange" => self.in_property_change = true,
            _ if self.in_run_properties && !self.in_property_change => self.run_property(name, e),
            _ => {}
        }
    }

    fn run_property(&mut self, name: &[u8], e: &BytesStart) {
        let Some(run) = self.run.as_mut() else {
            return;
        };
        match name {
            b"vanish" | b"webHidden" | b"specVanish" => run.hidden |= switched_on(e),
            b"vertAlign" => {
                run.script = match attribute(e, b"val").as_deref() {
                    Some("superscript") => Some(false),
                    Some("subscript") => Some(true),
                    _ => None,
                }
            }
            // Word's own styles for a note's mark, which raise it.
            b"rStyle"
                if attribute(e, b"val").is_some_and(|v| {
                    v.ends_with("FootnoteReference") || v.ends_with("EndnoteReference")
                }) =>
            {
                run.script = Some(false);
            }
            _ => {}
        }
    }

    /// Elements that stand for a character: a tab, a line break.
    fn empty(&mut self, name: &[u8], e: &BytesStart) {
        match name {
            b"tab" | b"br" | b"cr" if self.run.as_ref().is_some_and(|r| r.hidden) => {}
            b"tab" | b"br" | b"cr" => self.push(if name == b"tab" { "\t" } else { "\n" }),
            _ => self.start(name, e),
        }
    }

    fn end(&mut self, name: &[u8]) {
        match name {
            b"t" => self.in_text = false,
            b"r" => self.run = None,
            b"rPr" => self.in_run_properties = false,
            b"rPrChange" => self.in_property_change = false,
            b"p" => {
                if self.depth == 0 {
                    self.end_paragraph();
                } else if let Some(cell) = self.cell.as_mut() {
                    cell.end_mark();
                    cell.text.push('\n');
                }
            }
            b"tc" if self.depth == 1 => {
                if let Some(mut cell) = self.cell.take() {
                    cell.end_mark();
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

    /// Text of the document, as the run it is in prints it.
    fn run_text(&mut self, text: &str) {
        let (hidden, script) = self
            .run
            .as_ref()
            .map_or((false, None), |r| (r.hidden, r.script));
        if hidden {
            return;
        }
        let Some(lowered) = script else {
            if let Some(cell) = self.cell.as_mut() {
                cell.end_mark();
            }
            return self.push(text);
        };
        if let Some(cell) = self.cell.as_mut()
            && (cell.mark.is_some() || !cell.text.trim().is_empty())
        {
            let mark = cell.mark.get_or_insert_with(|| (String::new(), lowered));
            mark.0.push_str(text.trim());
            return;
        }
        self.push(&format!(" {text} "));
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
        let row: Vec<Cell> = std::mem::take(&mut self.row)
            .into_iter()
            .filter(|c| !c.covered)
            .collect();
        let texts: Vec<String> = row.iter().map(|c| cell_text(&c.text)).collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        for (at, c) in row.iter().enumerate() {
            self.anomalies
                .extend(note_mark_notes(no, &texts, at, &c.marks));
        }
        let cells: Vec<GridCell> = row
            .into_iter()
            .map(|c| GridCell {
                text: cell_text(&c.text),
                line: no,
            })
            .collect();
        self.lines.push(Line::grid(no, cells));
    }
}

/// The document's lines, and the notes on what of its text was left out.
pub fn lines(bytes: &[u8]) -> Result<(Vec<Line>, Vec<Anomaly>), ImportError> {
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
            Ok(Event::Text(t)) if walk.in_text => walk.run_text(&t.xml10_content()),
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
                    walk.run_text(c.encode_utf8(&mut [0; 4]));
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
    Ok((walk.lines, walk.anomalies))
}
