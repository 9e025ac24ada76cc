//! A saved HTML page as lines: paragraphs become lines, table rows become rows of cells laid out
//! on the table's grid with `rowspan` and `colspan` honoured, as a browser would draw them.
//!
//! html5gum does the tokenizing (entities, comments, scripts, broken markup, all per the WHATWG
//! spec); the small tree kept here is only what finding tables and the article needs.

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::lines::{GridCell, Line};

/// Spans larger than these are treated as these: real reports stay far below, and a page cannot
/// make the grid explode.
const MAX_COLSPAN: usize = 64;
const MAX_ROWSPAN: usize = 512;
const MAX_ROW_WIDTH: usize = 512;

/// A page as lines, and the text of its `<title>`.
pub struct Page {
    pub lines: Vec<Line>,
    pub title: Option<String>,
}

struct Cell {
    text: String,
    line: usize,
    colspan: usize,
    rowspan: usize,
}

#[derive(Default)]
struct TableBuilder {
    rows: Vec<(usize, Vec<Cell>)>,
    row: Option<(usize, Vec<Cell>)>,
    cell: Option<Cell>,
    /// A table used for page layout (it holds another table): its cells are page content.
    layout: bool,
    caption: Option<(usize, String)>,
    in_caption: bool,
    path: Vec<u32>,
}

impl TableBuilder {
    fn close_cell(&mut self) {
        if let Some(cell) = self.cell.take() {
            let line = cell.line;
            self.row
                .get_or_insert_with(|| (line, Vec::new()))
                .1
                .push(cell);
        }
    }

    fn close_row(&mut self) {
        self.close_cell();
        if let Some(row) = self.row.take() {
            self.rows.push(row);
        }
    }
}

struct Walker {
    line_starts: Vec<usize>,
    lines: Vec<Line>,
    buf: String,
    buf_line: usize,
    pending_space: bool,
    tables: Vec<TableBuilder>,
    /// Open container elements, as (name, serial).
    open: Vec<(Vec<u8>, u32)>,
    serial: u32,
    skip: Option<Vec<u8>>,
    title: Option<String>,
    in_title: bool,
}

const BLOCKS: &[&[u8]] = &[
    b"p",
    b"div",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"li",
    b"ul",
    b"ol",
    b"section",
    b"article",
    b"header",
    b"footer",
    b"nav",
    b"main",
    b"aside",
    b"blockquote",
    b"pre",
    b"center",
    b"form",
    b"hr",
    b"dl",
    b"dt",
    b"dd",
    b"address",
    b"figure",
    b"figcaption",
    b"body",
    b"html",
];
const CONTAINERS: &[&[u8]] = &[
    b"div",
    b"section",
    b"article",
    b"main",
    b"body",
    b"td",
    b"th",
    b"table",
    b"center",
    b"form",
    b"header",
    b"footer",
    b"nav",
    b"aside",
    b"ul",
    b"ol",
    b"blockquote",
];
const SKIPPED: &[&[u8]] = &[
    b"script",
    b"style",
    b"noscript",
    b"template",
    b"svg",
    b"select",
];

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

impl Walker {
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
                cells: None,
                path,
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
        self.serial += 1;
        self.open.push((name.to_vec(), self.serial));
    }

    fn close_container(&mut self, name: &[u8]) {
        if let Some(i) = self.open.iter().rposition(|(n, _)| n == name) {
            self.open.truncate(i);
        }
    }

    fn start_table(&mut self) {
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
        let grid = lay_out(&table.rows);
        for (no, cells) in grid {
            let text = cells
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join("\t");
            self.lines.push(Line {
                no,
                text,
                cells: Some(cells),
                path: table.path.clone(),
            });
        }
        self.lines.push(Line::default());
    }

    fn start_tag(&mut self, name: &[u8], attrs: &html5gum::StartTag<usize>, line: usize) {
        if let Some(table) = self.tables.last_mut()
            && !table.layout
        {
            match name {
                b"tr" => {
                    table.close_row();
                    table.row = Some((line, Vec::new()));
                    return;
                }
                b"td" | b"th" => {
                    table.close_cell();
                    let get = |k: &[u8]| attrs.attributes.get(k).map(|v| v.value.as_slice());
                    table.cell = Some(Cell {
                        text: String::new(),
                        line,
                        colspan: span_number(get(b"colspan"), MAX_COLSPAN),
                        rowspan: span_number(get(b"rowspan"), MAX_ROWSPAN),
                    });
                    return;
                }
                b"caption" => {
                    table.in_caption = true;
                    return;
                }
                b"table" => {}
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
            b"td" | b"th" | b"tr" => self.flush(true),
            _ if BLOCKS.contains(&name) => self.flush(true),
            _ => {}
        }
        if CONTAINERS.contains(&name) && name != b"table" && !attrs.self_closing {
            self.open_container(name);
        }
    }

    fn end_tag(&mut self, name: &[u8]) {
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
            b"td" | b"th" | b"tr" => self.flush(true),
            _ if BLOCKS.contains(&name) => self.flush(true),
            _ => {}
        }
        if CONTAINERS.contains(&name) {
            self.close_container(name);
        }
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

/// The lines of an HTML page.
pub fn page_lines(html: &str) -> Page {
    let mut line_starts = vec![0];
    line_starts.extend(html.match_indices('\n').map(|(i, _)| i + 1));
    let mut w = Walker {
        line_starts,
        lines: Vec::new(),
        buf: String::new(),
        buf_line: 1,
        pending_space: false,
        tables: Vec::new(),
        open: Vec::new(),
        serial: 0,
        skip: None,
        title: None,
        in_title: false,
    };
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let line = w.line_of(tag.span.start);
                let name = tag.name.to_ascii_lowercase();
                if w.skip.is_some() {
                    continue;
                }
                if SKIPPED.contains(&name.as_slice()) && !tag.self_closing {
                    w.skip = Some(name);
                    continue;
                }
                w.start_tag(&name, &tag, line);
            }
            Token::EndTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                if let Some(skipped) = &w.skip {
                    if *skipped == name {
                        w.skip = None;
                    }
                    continue;
                }
                w.end_tag(&name);
            }
            Token::String(text) => {
                if w.skip.is_some() {
                    continue;
                }
                let line = w.line_of(text.span.start);
                let text = String::from_utf8_lossy(&text.value).into_owned();
                w.push_text(&text, line);
            }
            _ => {}
        }
    }
    while !w.tables.is_empty() {
        w.end_table();
    }
    w.flush(true);
    let title = w
        .title
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    Page {
        lines: w.lines,
        title,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(page: &Page) -> Vec<Vec<String>> {
        page.lines
            .iter()
            .filter_map(|l| l.cells.as_ref())
            .map(|cells| cells.iter().map(|c| c.text.clone()).collect())
            .collect()
    }

    #[test]
    fn spans_are_laid_out_on_the_grid() {
        let html = "<table>\n<tr><td rowspan=2>三、本年度办理结果</td><td colspan=2>(一) 予以公开</td><td>1</td></tr>\n\
                    <tr><td>(三) 不予公开</td><td>1.属于国家秘密</td><td>2</td></tr>\n\
                    <tr><td colspan=3>(七) 总计</td><td>3</td></tr></table>";
        let page = page_lines(html);
        assert_eq!(
            rows(&page),
            [
                vec!["三、本年度办理结果", "(一) 予以公开", "1"],
                vec!["(三) 不予公开", "1.属于国家秘密", "2"],
                vec!["(七) 总计", "3"],
            ]
        );
        let lines: Vec<usize> = page
            .lines
            .iter()
            .filter(|l| l.cells.is_some())
            .map(|l| l.no)
            .collect();
        assert_eq!(lines, [2, 3, 4]);
    }

    #[test]
    fn paragraphs_entities_scripts_and_word_markup() {
        let html = "<html><head><title>某局 2021年 报告</title><style>p{}</style><script>var a='<p>x</p>';</script></head>\
                    <body><p>一、总体情况</p><p>&nbsp;&nbsp;第一段&lt;文字&gt;<br>第二行</p>\
                    <table><tr><td><p class=MsoNormal><span>商业</span></p><p>企业</p></td><td>&nbsp;</td></tr></table></body></html>";
        let page = page_lines(html);
        assert_eq!(page.title.as_deref(), Some("某局 2021年 报告"));
        let texts: Vec<&str> = page.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "一、总体情况",
                "",
                "第一段<文字>",
                "第二行",
                "",
                "商业 企业\t",
                ""
            ]
        );
    }

    #[test]
    fn a_layout_table_is_page_text() {
        let html = "<table><tr><td><p>一、总体情况</p><p>正文</p>\
                    <table><tr><td>规章</td><td>0</td></tr></table><p>五、存在的主要问题及改进情况</p></td></tr></table>";
        let page = page_lines(html);
        let texts: Vec<&str> = page
            .lines
            .iter()
            .map(|l| l.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(
            texts,
            [
                "一、总体情况",
                "正文",
                "规章\t0",
                "五、存在的主要问题及改进情况"
            ]
        );
    }
}
