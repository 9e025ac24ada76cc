//! A form table as a Word table: the official merged headers (法人或其他组织 over its five
//! columns, 四's two levels), the merged row labels (三、本年度办理结果 down its rows), fixed
//! column widths that fit the type area, header rows repeated on every page, and the values
//! right-aligned.

use super::body::TEXT_WIDTH;
use super::xml_text;
use crate::export::grid::{Grid, Span};
use crate::export::value_text;
use crate::report::Report;
use crate::template::Table;

/// A table of more columns than this is set in 小五 (9pt) rather than 五号 (10.5pt).
const SMALL_ABOVE_COLUMNS: usize = 8;
/// The left and right cell margins together, 1 mm each, set on every table (LibreOffice does not
/// take them from the table style).
const CELL_MARGINS: u32 = 114;
/// Room beyond the characters themselves, so that a line that just fits is not wrapped.
const SLACK: u32 = 60;
/// The most characters a number column's header is given on one line.
const MAX_HEADER_LINE_CHARS: u32 = 8;
/// Characters a number column's header gets on one line at least (自然人), and a group label's
/// column.
const NUMBER_HEADER_CHARS: u32 = 3;
const GROUP_LABEL_CHARS: u32 = 4;

/// What sits at one position of the table's grid.
#[derive(Clone)]
enum Slot<'a> {
    /// The top-left of a header or label cell.
    Start(&'a Span, Role),
    /// A position below the top of a cell merged down (Word writes such a cell again, marked
    /// as continuing the one above).
    Below {
        cols: usize,
    },
    /// Covered by a cell merged across from its left.
    Covered,
    Value(String),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Header,
    Group,
    Label,
}

struct Layout {
    widths: Vec<u32>,
    style: &'static str,
    /// The width of one character of the style.
    char_width: u32,
}

/// Column widths: with row labels, every number column as wide as its longest header needs
/// (up to eight characters on a line, 本年处理决定数量), but within 60% of the width and no
/// narrower than three characters (自然人); the group label columns four characters; the row's
/// own label the rest. Without row labels (四), equal columns.
fn layout(table: &Table, label_cols: usize) -> Layout {
    let columns = table.columns.len();
    let small = label_cols + columns > SMALL_ABOVE_COLUMNS;
    let (style, char_width) = if small {
        ("TableTextSmall", 180)
    } else {
        ("TableText", 210)
    };
    let columns_u = columns.max(1) as u32;
    if label_cols == 0 {
        let each = TEXT_WIDTH / columns_u;
        let mut widths = vec![each; columns];
        if let Some(last) = widths.last_mut() {
            *last += TEXT_WIDTH - each * columns_u;
        }
        return Layout {
            widths,
            style,
            char_width,
        };
    }
    let chars = |n: u32| n * char_width + CELL_MARGINS + SLACK;
    let longest = table
        .columns
        .iter()
        .map(|c| {
            crate::money::label_with_unit(c, crate::i18n::Lang::Zh)
                .chars()
                .count() as u32
        })
        .max()
        .unwrap_or(0)
        .min(MAX_HEADER_LINE_CHARS);
    let floor = chars(NUMBER_HEADER_CHARS);
    let ceiling = (TEXT_WIDTH * 60 / 100 / columns_u).max(floor);
    let number = chars(longest).clamp(floor, ceiling);
    let labels = TEXT_WIDTH.saturating_sub(number * columns_u);
    let groups = label_cols as u32 - 1;
    let group = chars(GROUP_LABEL_CHARS).min(labels / (groups + 2));
    let own = labels - group * groups;
    let mut widths = vec![group; label_cols - 1];
    widths.push(own);
    widths.extend(std::iter::repeat_n(number, columns));
    Layout {
        widths,
        style,
        char_width,
    }
}

type Positions<'a> = Vec<Vec<Option<Slot<'a>>>>;

/// Marks the positions `span` covers, its top row being `top`.
fn place<'a>(span: &'a Span, top: usize, role: Role, slots: &mut Positions<'a>) {
    for (r, row) in slots.iter_mut().enumerate().skip(top).take(span.rows) {
        for (c, slot) in row.iter_mut().enumerate().skip(span.col).take(span.cols) {
            *slot = Some(if r == top && c == span.col {
                Slot::Start(span, role)
            } else if c == span.col {
                Slot::Below { cols: span.cols }
            } else {
                Slot::Covered
            });
        }
    }
}

/// Every position of the grid, header rows first, then one row per template row.
fn slots<'a>(report: &Report, t: usize, grid: &'a Grid) -> Vec<Vec<Slot<'a>>> {
    let columns = report.template.tables[t].columns.len();
    let width = grid.label_cols + columns;
    let body_rows = grid.labels.len();
    let mut slots: Positions = vec![vec![None; width]; grid.header_rows + body_rows];
    for span in &grid.header {
        place(span, span.row, Role::Header, &mut slots);
    }
    for labels in &grid.labels {
        for span in labels {
            let role = if span.rows > 1 {
                Role::Group
            } else {
                Role::Label
            };
            place(span, grid.header_rows + span.row, role, &mut slots);
        }
    }
    for r in 0..body_rows {
        for c in 0..columns {
            slots[grid.header_rows + r][grid.label_cols + c] =
                Some(Slot::Value(value_text(report, t, r, c)));
        }
    }
    slots
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|s| s.unwrap_or(Slot::Value(String::new())))
                .collect()
        })
        .collect()
}

/// A header too long for its column's line, cut into lines of equal length ("商业" over "企业",
/// "社会公" over "益组织"): left to Word, a narrow column breaks it three and one.
fn balanced_lines(text: &str, fits: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= fits || chars.iter().any(|c| c.is_ascii() || c.is_whitespace()) {
        return vec![text.to_string()];
    }
    let lines = chars.len().div_ceil(fits);
    let per_line = chars.len().div_ceil(lines);
    chars.chunks(per_line).map(|c| c.iter().collect()).collect()
}

fn cell(
    width: u32,
    cols: usize,
    merge: Option<&str>,
    style: &str,
    jc: &str,
    lines: &[String],
) -> String {
    let span = if cols > 1 {
        format!(r#"<w:gridSpan w:val="{cols}"/>"#)
    } else {
        String::new()
    };
    let merge = match merge {
        Some("restart") => r#"<w:vMerge w:val="restart"/>"#,
        Some(_) => "<w:vMerge/>",
        None => "",
    };
    let run = lines
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| format!(r#"<w:t xml:space="preserve">{}</w:t>"#, xml_text(l)))
        .collect::<Vec<_>>()
        .join("<w:br/>");
    let run = if run.is_empty() {
        run
    } else {
        format!("<w:r>{run}</w:r>")
    };
    format!(
        r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{merge}<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="{style}"/><w:jc w:val="{jc}"/></w:pPr>{run}</w:p></w:tc>"#
    )
}

fn row(cells: &str, header: bool) -> String {
    let repeat = if header { "<w:tblHeader/>" } else { "" };
    format!(r#"<w:tr><w:trPr><w:cantSplit/>{repeat}</w:trPr>{cells}</w:tr>"#)
}

/// The table, with its caption as a first row across it when the section has several tables
/// (as the form prints 二's 第二十条第（一）项 …), followed by an empty line.
pub fn table(report: &Report, t: usize, caption: bool) -> String {
    let table = &report.template.tables[t];
    let grid = Grid::new(table);
    let Layout {
        widths,
        style,
        char_width,
    } = layout(table, grid.label_cols);
    let fits =
        |width: u32| ((width.saturating_sub(CELL_MARGINS + SLACK)) / char_width).max(1) as usize;
    let total: u32 = widths.iter().sum();
    let width_of = |c: usize, cols: usize| widths[c..c + cols].iter().sum::<u32>();
    let margin = CELL_MARGINS / 2;
    let mut out = format!(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="{margin}" w:type="dxa"/><w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>"#
    );
    for w in &widths {
        out.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    out.push_str("</w:tblGrid>");
    if caption {
        let text = format!(
            r#"<w:tc><w:tcPr><w:tcW w:w="{total}" w:type="dxa"/><w:gridSpan w:val="{}"/><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="{style}"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r></w:p></w:tc>"#,
            widths.len(),
            xml_text(&table.caption.zh)
        );
        out.push_str(&row(&text, true));
    }
    for (r, positions) in slots(report, t, &grid).iter().enumerate() {
        let mut cells = String::new();
        for (c, slot) in positions.iter().enumerate() {
            cells.push_str(&match slot {
                Slot::Covered => continue,
                Slot::Below { cols } => cell(
                    width_of(c, *cols),
                    *cols,
                    Some("continue"),
                    style,
                    "center",
                    &[],
                ),
                Slot::Start(span, role) => {
                    let width = width_of(c, span.cols);
                    let merge = (span.rows > 1).then_some("restart");
                    let (jc, lines) = match role {
                        Role::Label => ("left", vec![span.text.clone()]),
                        Role::Group => ("center", vec![span.text.clone()]),
                        Role::Header if span.cols == 1 && c >= grid.label_cols => {
                            ("center", balanced_lines(&span.text, fits(width)))
                        }
                        Role::Header => ("center", vec![span.text.clone()]),
                    };
                    cell(width, span.cols, merge, style, jc, &lines)
                }
                Slot::Value(text) => cell(
                    widths[c],
                    1,
                    None,
                    style,
                    "right",
                    std::slice::from_ref(text),
                ),
            });
        }
        out.push_str(&row(&cells, r < grid.header_rows));
    }
    out.push_str("</w:tbl>");
    // Two tables side by side would be taken for one; an empty line also parts the table from
    // the heading that follows.
    out.push_str(r#"<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p>"#);
    out
}
