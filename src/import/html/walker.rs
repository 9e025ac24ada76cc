//! Walking a page's tags: paragraphs become lines, the tables of data are gathered to be laid
//! out, and the elements each line sits in are kept to tell the article from the page around it.

use html5gum::StartTag;

use super::Page;
use super::hidden::{self, Hidden, Step};
use super::table::TableBuilder;
use super::tags::{BLOCKS, CONTAINERS, SKIPPED, ends_paragraph};
use crate::import::anomaly::Anomaly;
use crate::import::lines::Line;

/// Elements nested deeper than this add nothing to a line's path, and tables nested deeper than
/// `MAX_TABLE_DEPTH` are read as the text of the cell they sit in: real pages stay far below, and
/// every line keeps a copy of its path, so unbounded nesting would cost memory quadratic in it.
const MAX_CONTAINER_DEPTH: usize = 64;
const MAX_TABLE_DEPTH: usize = 16;

pub(super) struct Walker {
    /// Where each line of the source starts, to name the line of a tag.
    line_starts: Vec<usize>,
    lines: Vec<Line>,
    /// The text of the line being gathered, and its source line.
    buf: String,
    buf_line: usize,
    pending_space: bool,
    tables: Vec<TableBuilder>,
    /// Open container elements, as (name, serial).
    open: Vec<(Vec<u8>, u32)>,
    /// Containers opened past `MAX_CONTAINER_DEPTH`, by name, and tables past
    /// `MAX_TABLE_DEPTH`: their end tags close nothing that was kept.
    unkept: Vec<Vec<u8>>,
    unkept_tables: usize,
    serial: u32,
    /// An element whose content is not page text (a script), until it ends.
    skip: Option<Vec<u8>>,
    /// An element the page does not show, until it ends.
    hidden: Option<Hidden>,
    title: Option<String>,
    in_title: bool,
    anomalies: Vec<Anomaly>,
}

impl Walker {
    pub fn new(html: &str) -> Walker {
        let mut line_starts = vec![0];
        line_starts.extend(html.match_indices('\n').map(|(i, _)| i + 1));
        Walker {
            line_starts,
            lines: Vec::new(),
            buf: String::new(),
            buf_line: 1,
            pending_space: false,
            tables: Vec::new(),
            open: Vec::new(),
            unkept: Vec::new(),
            unkept_tables: 0,
            serial: 0,
            skip: None,
            hidden: None,
            title: None,
            in_title: false,
            anomalies: Vec::new(),
        }
    }

    pub fn start_tag(&mut self, tag: &StartTag<usize>) {
        if self.skip.is_some() {
            return;
        }
        let name = tag.name.to_ascii_lowercase();
        if let Some(hidden) = self.hidden.as_mut() {
            if hidden.start(&name, tag.self_closing) != Step::EndedBefore {
                return;
            }
            self.hidden = None;
        }
        if hidden::hides(tag, &name) {
            self.hidden = Some(Hidden::new(&name));
            return;
        }
        if SKIPPED.contains(&name.as_slice()) && !tag.self_closing {
            self.skip = Some(name);
            return;
        }
        let line = self.line_of(tag.span.start);
        self.element_start(&name, tag, line);
    }

    pub fn end_tag(&mut self, name: &[u8]) {
        if let Some(skipped) = &self.skip {
            if skipped == name {
                self.skip = None;
            }
            return;
        }
        if let Some(hidden) = self.hidden.as_mut() {
            match hidden.end(name) {
                Step::Inside => return,
                Step::Ended => {
                    self.hidden = None;
                    return;
                }
                Step::EndedBefore => self.hidden = None,
            }
        }
        self.element_end(name);
    }

    /// Text at byte `offset` of the page.
    pub fn text(&mut self, text: &[u8], offset: usize) {
        if self.skip.is_some() || self.hidden.is_some() {
            return;
        }
        let line = self.line_of(offset);
        self.push_text(&String::from_utf8_lossy(text), line);
    }

    /// The page, once every token is walked: what is still open is closed.
    pub fn finish(mut self) -> Page {
        while !self.tables.is_empty() {
            self.end_table();
        }
        self.flush(true);
        let title = self
            .title
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty());
        Page {
            lines: self.lines,
            title,
            anomalies: self.anomalies,
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).max(1)
    }

    fn path(&self) -> Vec<u32> {
        self.open.iter().map(|(_, s)| *s).collect()
    }

    fn push_text(&mut self, text: &str, line: usize) {
        if self.in_title {
            self.title.get_or_insert_with(String::new).push_str(text);
            return;
        }
        if let Some(table) = self.tables.last_mut()
            && !table.layout
        {
            if table.in_caption {
                let caption = table.caption.get_or_insert((line, String::new()));
                caption.1.push_str(text);
                return;
            }
            if let Some(mark) = table.mark.as_mut() {
                mark.0.push_str(text);
                return;
            }
            if let Some(cell) = table.cell.as_mut() {
                // Source line breaks are spaces; '\n' is kept for paragraph breaks in the cell.
                cell.text.extend(
                    text.chars()
                        .map(|c| if c.is_ascii_whitespace() { ' ' } else { c }),
                );
                return;
            }
            // Text between cells is not drawn inside the table; browsers move it before it.
        }
        for c in text.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                self.pending_space = true;
                continue;
            }
            if self.buf.is_empty() {
                self.buf_line = line;
            } else if self.pending_space {
                self.buf.push(' ');
            }
            self.pending_space = false;
            self.buf.push(c);
        }
    }

    /// Ends the current line; `paragraph` leaves a blank line after it, as between paragraphs.
    fn flush(&mut self, paragraph: bool) {
        self.pending_space = false;
        let text = self.buf.trim().to_string();
        self.buf.clear();
        if !text.is_empty() {
            let path = self.path();
            self.lines.push(Line {
                no: self.buf_line,
                text,
                path,
                ..Line::default()
            });
        }
        if paragraph && self.lines.last().is_some_and(|l| !l.is_blank()) {
            self.lines.push(Line {
                no: self.buf_line,
                ..Line::default()
            });
        }
    }

    fn open_container(&mut self, name: &[u8]) {
        if self.open.len() >= MAX_CONTAINER_DEPTH {
            self.unkept.push(name.to_vec());
            return;
        }
        self.serial += 1;
        self.open.push((name.to_vec(), self.serial));
    }

    fn close_container(&mut self, name: &[u8]) {
        if let Some(i) = self.unkept.iter().rposition(|n| n == name) {
            self.unkept.truncate(i);
            return;
        }
        if let Some(i) = self.open.iter().rposition(|(n, _)| n == name) {
            self.open.truncate(i);
        }
    }

    fn start_table(&mut self) {
        if self.tables.len() >= MAX_TABLE_DEPTH {
            self.unkept_tables += 1;
            return;
        }
        if let Some(outer) = self.tables.last_mut()
            && !outer.layout
            && (outer.cell.is_some() || !outer.rows.is_empty() || outer.row.is_some())
        {
            // A table inside a cell: the outer one lays out the page. What it gathered so far is
            // page text.
            outer.layout = true;
            outer.close_row();
            let rows = std::mem::take(&mut outer.rows);
            for (_, cells) in rows {
                for cell in cells {
                    for paragraph in cell.text.split('\n') {
                        self.push_text(paragraph, cell.line);
                        self.flush(true);
                    }
                }
            }
        }
        self.flush(true);
        self.open_container(b"table");
        let path = self.path();
        self.tables.push(TableBuilder {
            path,
            ..TableBuilder::default()
        });
    }

    fn end_table(&mut self) {
        if self.unkept_tables > 0 {
            self.unkept_tables -= 1;
            return;
        }
        let Some(mut table) = self.tables.pop() else {
            return;
        };
        self.close_container(b"table");
        if table.layout {
            self.flush(true);
            return;
        }
        table.close_row();
        if let Some((line, caption)) = table.caption.take() {
            self.push_text(&caption, line);
            self.flush(false);
        }
        let (lines, notes) = table.grid_lines();
        self.lines.extend(lines);
        self.anomalies.extend(notes);
        self.lines.push(Line::default());
    }

    fn element_start(&mut self, name: &[u8], attrs: &StartTag<usize>, line: usize) {
        if let Some(table) = self.tables.last_mut()
            && !table.layout
        {
            match name {
                b"tr" => return table.open_row(line),
                b"td" | b"th" => {
                    let get = |k: &[u8]| attrs.attributes.get(k).map(|v| v.value.as_slice());
                    return table.open_cell(line, get(b"colspan"), get(b"rowspan"));
                }
                b"caption" => {
                    table.in_caption = true;
                    return;
                }
                b"table" => {}
                b"sup" | b"sub" => return table.start_mark(name == b"sub"),
                _ => {
                    if (BLOCKS.contains(&name) || name == b"br")
                        && let Some(cell) = table.cell.as_mut()
                    {
                        cell.text.push('\n');
                    }
                    return;
                }
            }
        }
        match name {
            b"table" => self.start_table(),
            b"br" => self.flush(false),
            b"title" => self.in_title = true,
            // Never joined to the text before it: "第1<sup>2</sup>" is not 第12.
            b"sup" | b"sub" => self.pending_space = true,
            _ if ends_paragraph(name) => self.flush(true),
            _ => {}
        }
        if CONTAINERS.contains(&name) && name != b"table" && !attrs.self_closing {
            self.open_container(name);
        }
    }

    fn element_end(&mut self, name: &[u8]) {
        if let Some(table) = self.tables.last_mut()
            && !table.layout
        {
            match name {
                b"td" | b"th" => return table.close_cell(),
                b"tr" => return table.close_row(),
                b"caption" => {
                    table.in_caption = false;
                    return;
                }
                b"table" => return self.end_table(),
                b"sup" | b"sub" => return table.end_mark(),
                _ => {
                    if BLOCKS.contains(&name)
                        && let Some(cell) = table.cell.as_mut()
                    {
                        cell.text.push('\n');
                    }
                    return;
                }
            }
        }
        match name {
            b"table" => self.end_table(),
            b"title" => self.in_title = false,
            b"sup" | b"sub" => self.pending_space = true,
            _ if ends_paragraph(name) => self.flush(true),
            _ => {}
        }
        if CONTAINERS.contains(&name) {
            self.close_container(name);
        }
    }
}
