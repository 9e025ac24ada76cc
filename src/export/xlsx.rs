//! The tables as a spreadsheet, to send upward: one sheet per table, each headed by the report's
//! title and its section's heading (and its caption over it where the section has several), with the official merged headers and row labels, counts as
//! whole numbers and money as numbers shown with 4 decimals, empty cells left empty (never 0),
//! the label columns and header rows frozen, widths fitted to the labels, and A4 print set up
//! (one page wide, header rows repeated).

use rust_xlsxwriter::{
    ColNum, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, RowNum, Workbook,
    Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

use super::grid::{Grid, Span};
use crate::report::Report;
use crate::template::Table;
use crate::value::CellKind;
use crate::visible::visible;

/// The font Chinese spreadsheets are set in.
const FONT: &str = "宋体";
/// Rows above a table: the report's title, and its section's heading.
const TITLE_ROWS: RowNum = 2;
/// Excel's A4 paper.
const PAPER_A4: u8 = 9;
/// Widths in Excel's units (about one Latin character; a Chinese one takes two).
const MAX_LABEL_WIDTH: usize = 32;
/// A sheet wider than this (in those units) is printed across an A4 page held sideways.
const PORTRAIT_WIDTH: f64 = 100.0;
const GROUP_LABEL_WIDTH: f64 = 10.0;
const MIN_NUMBER_WIDTH: usize = 7;
const MAX_NUMBER_WIDTH: usize = 16;
/// The height of a line of 10.5pt text, in points.
const LINE_HEIGHT: f64 = 14.0;
/// A sheet name holds at most 31 characters, none of `[]:*?/\`.
const MAX_SHEET_NAME: usize = 31;

struct Formats {
    title: Format,
    heading: Format,
    header: Format,
    group: Format,
    label: Format,
    count: Format,
    money: Format,
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new()
            .set_font_name(FONT)
            .set_font_size(10.5)
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        Formats {
            title: Format::new()
                .set_font_name(FONT)
                .set_font_size(16)
                .set_bold()
                .set_align(FormatAlign::VerticalCenter),
            heading: Format::new()
                .set_font_name(FONT)
                .set_font_size(12)
                .set_bold(),
            header: cell
                .clone()
                .set_align(FormatAlign::Center)
                .set_text_wrap()
                .set_background_color(0xF2F2F2),
            group: cell.clone().set_align(FormatAlign::Center).set_text_wrap(),
            label: cell.clone().set_align(FormatAlign::Left).set_text_wrap(),
            count: cell
                .clone()
                .set_align(FormatAlign::Right)
                .set_num_format("0"),
            money: cell.set_align(FormatAlign::Right).set_num_format("0.0000"),
        }
    }
}

/// A name for a table's sheet: its section's heading, or the caption where a section has
/// several tables, cut to what Excel allows and made unique.
fn sheet_name(report: &Report, t: usize, taken: &[String]) -> String {
    let template = &report.template;
    let table = &template.tables[t];
    let section = &template.sections[table.section];
    let base = if section.tables.len() > 1 {
        let number: String = section
            .title
            .zh
            .chars()
            .take_while(|c| *c != '、')
            .collect();
        format!("{number} {}", table.caption.zh)
    } else {
        section.title.zh.clone()
    };
    let clean: String = visible(&base)
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    let clean = clean.trim_matches('\'').to_string();
    let mut name: String = clean.chars().take(MAX_SHEET_NAME).collect();
    let mut n = 2;
    while name.is_empty() || taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        let suffix = format!(" ({n})");
        let keep = MAX_SHEET_NAME - suffix.chars().count();
        name = format!("{}{suffix}", clean.chars().take(keep).collect::<String>());
        n += 1;
    }
    name
}

/// A cell's value as the spreadsheet's number: counts below 2^53 are exact, and money is the
/// double nearest its decimal (the division of two exact integers), shown with its 4 decimals.
fn number(kind: CellKind, units: i64) -> f64 {
    units as f64 / kind.scale() as f64
}

/// Writes a header or label cell, merged over its span.
fn span_cell(
    sheet: &mut Worksheet,
    top: RowNum,
    span: &Span,
    format: &Format,
) -> Result<(), XlsxError> {
    let row = top + span.row as RowNum;
    let col = span.col as ColNum;
    let text = visible(&span.text);
    if span.rows == 1 && span.cols == 1 {
        sheet.write_string_with_format(row, col, text.as_ref(), format)?;
    } else {
        sheet.merge_range(
            row,
            col,
            row + span.rows as RowNum - 1,
            col + span.cols as ColNum - 1,
            &text,
            format,
        )?;
    }
    Ok(())
}

/// Column widths fitted to what they hold: a row's own label up to MAX_LABEL_WIDTH (longer ones
/// wrap), group labels narrow and wrapped, number columns as wide as their values or a short
/// header (longer headers wrap).
fn fit_widths(
    report: &Report,
    t: usize,
    grid: &Grid,
    sheet: &mut Worksheet,
) -> Result<Vec<f64>, XlsxError> {
    let table = &report.template.tables[t];
    let mut widths = Vec::new();
    let own = grid.label_cols.saturating_sub(1);
    for c in 0..grid.label_cols {
        let width = if c < own {
            GROUP_LABEL_WIDTH
        } else {
            let widest = grid
                .labels
                .iter()
                .flatten()
                .filter(|s| s.col == c)
                .map(|s| visible(&s.text).width())
                .max()
                .unwrap_or(0);
            (widest + 2).min(MAX_LABEL_WIDTH) as f64
        };
        sheet.set_column_width(c as ColNum, width)?;
        widths.push(width);
    }
    for c in 0..table.columns.len() {
        let values = (0..table.rows.len())
            .map(|r| super::value_text(report, t, r, c).len())
            .max()
            .unwrap_or(0);
        let header = visible(&crate::money::label_with_unit(
            &table.columns[c],
            crate::i18n::Lang::Zh,
        ))
        .width()
        .min(8);
        let width = (values + 2)
            .max(header + 2)
            .clamp(MIN_NUMBER_WIDTH, MAX_NUMBER_WIDTH);
        sheet.set_column_width((grid.label_cols + c) as ColNum, width as f64)?;
        widths.push(width as f64);
    }
    Ok(widths)
}

/// Row heights for the wrapped labels and headers: spreadsheet programs do not grow a row to
/// its wrapped text when they open a file, so each row is given the lines its tallest cell of
/// one row needs (a cell merged down several rows has their room).
fn fit_heights(
    grid: &Grid,
    top: RowNum,
    widths: &[f64],
    sheet: &mut Worksheet,
) -> Result<(), XlsxError> {
    let lines = |span: &Span| {
        let room: f64 = widths[span.col..span.col + span.cols].iter().sum::<f64>() - 1.0;
        let text = visible(&span.text).width() as f64;
        (text / room.max(1.0)).ceil().max(1.0)
    };
    let mut header = vec![1.0f64; grid.header_rows];
    for span in grid.header.iter().filter(|s| s.rows == 1) {
        header[span.row] = header[span.row].max(lines(span));
    }
    // What a span over several rows needs beyond its rows' own lines goes to its last row.
    for span in grid.header.iter().filter(|s| s.rows > 1) {
        let have: f64 = header[span.row..span.row + span.rows].iter().sum();
        let last = span.row + span.rows - 1;
        header[last] += (lines(span) - have).max(0.0);
    }
    for (r, n) in header.iter().enumerate() {
        sheet.set_row_height(top + r as RowNum, LINE_HEIGHT * n + 3.0)?;
    }
    let body = top + grid.header_rows as RowNum;
    for (r, labels) in grid.labels.iter().enumerate() {
        let n = labels
            .iter()
            .filter(|s| s.rows == 1)
            .map(lines)
            .fold(1.0, f64::max);
        sheet.set_row_height(body + r as RowNum, LINE_HEIGHT * n + 3.0)?;
    }
    Ok(())
}

fn table_sheet(
    report: &Report,
    t: usize,
    name: String,
    formats: &Formats,
    sheet: &mut Worksheet,
) -> Result<(), XlsxError> {
    let table: &Table = &report.template.tables[t];
    let section = &report.template.sections[table.section];
    let grid = Grid::new(table);
    sheet.set_name(name)?;
    // Not merged over the table: a title wider than a narrow table runs on to its right.
    let title = visible(&super::title(report)).into_owned();
    sheet.write_string_with_format(0, 0, &title, &formats.title)?;
    sheet.set_row_height(0, 30)?;
    sheet.write_string_with_format(1, 0, visible(&section.title.zh).as_ref(), &formats.heading)?;
    // A table of a section that has several is headed, as the form prints it, by its caption
    // in a row of its own over the whole table ("第二十条第（一）项").
    let mut top = TITLE_ROWS;
    if section.tables.len() > 1 {
        let last = (grid.label_cols + table.columns.len() - 1) as ColNum;
        let caption = visible(&table.caption.zh);
        if last == 0 {
            sheet.write_string_with_format(top, 0, caption.as_ref(), &formats.header)?;
        } else {
            sheet.merge_range(top, 0, top, last, &caption, &formats.header)?;
        }
        top += 1;
    }
    let body = top + grid.header_rows as RowNum;
    for span in &grid.header {
        span_cell(sheet, top, span, &formats.header)?;
    }
    for labels in &grid.labels {
        for span in labels {
            let format = if span.rows > 1 {
                &formats.group
            } else {
                &formats.label
            };
            span_cell(sheet, body, span, format)?;
        }
    }
    for r in 0..table.rows.len() {
        for (c, column) in table.columns.iter().enumerate() {
            let (row, col) = (body + r as RowNum, (grid.label_cols + c) as ColNum);
            let format = if column.kind == CellKind::Money {
                &formats.money
            } else {
                &formats.count
            };
            match report.cell(t, r, c) {
                Some(v) => {
                    sheet.write_number_with_format(row, col, number(column.kind, v), format)?
                }
                None => sheet.write_blank(row, col, format)?,
            };
        }
    }
    let widths = fit_widths(report, t, &grid, sheet)?;
    fit_heights(&grid, top, &widths, sheet)?;
    sheet.set_freeze_panes(body, grid.label_cols as ColNum)?;
    sheet.set_paper_size(PAPER_A4);
    if widths.iter().sum::<f64>() > PORTRAIT_WIDTH {
        sheet.set_landscape();
    }
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    sheet.set_repeat_rows(TITLE_ROWS, body - 1)?;
    Ok(())
}

/// The workbook's file. Its creation date is fixed, so the same report always gives the same
/// bytes.
pub fn render(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let properties = DocProperties::new()
        .set_title(visible(&super::title(report)).as_ref())
        .set_author(visible(&report.agency).as_ref())
        .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?);
    workbook.set_properties(&properties);
    let formats = Formats::new();
    let mut names = Vec::new();
    for t in 0..report.template.tables.len() {
        let name = sheet_name(report, t, &names);
        names.push(name.clone());
        table_sheet(report, t, name, &formats, workbook.add_worksheet())?;
    }
    workbook.save_to_buffer()
}
