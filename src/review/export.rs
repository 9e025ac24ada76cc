//! The assessment table: one row per report, in the order given — agency, year, file, status,
//! errors, warnings, the rules broken, whether it was reviewed, the note. As CSV (UTF-8 with a
//! byte-order mark, so Excel on a Chinese Windows reads it, as `check --format csv` writes) or as
//! a spreadsheet (a header row, frozen and filtered, widths fitted to what the columns hold).

use crate::i18n::review as msg;
use std::io::{self, Read, Write};

use rust_xlsxwriter::{ColNum, DocProperties, Format, FormatBorder, RowNum, Workbook, XlsxError};

use super::queue::Queue;
use crate::batch::Status;
use crate::export::csv::{field, text_field};
use crate::i18n::Lang;
use crate::visible::{visible, width};

pub fn header(lang: Lang) -> [&'static str; 9] {
    match lang {
        Lang::Zh => [
            "机关",
            "年度",
            "文件",
            "状态",
            "错误",
            "警告",
            "违反的规则",
            "已审核",
            "备注",
        ],
        Lang::En => [
            "agency",
            "year",
            "file",
            "status",
            "errors",
            "warnings",
            "rules broken",
            "reviewed",
            "note",
        ],
    }
}

pub fn status_word(status: Status, lang: Lang) -> &'static str {
    match status {
        Status::Ok => msg::status_ok(lang),
        Status::Warnings => msg::status_warnings(lang),
        Status::Errors => msg::status_errors(lang),
        Status::Unreadable => msg::status_unreadable(lang),
    }
}

/// Why a report has no findings to list (it cannot be read), after its status: "无法读取：…", once
/// even where the reason itself begins so.
pub fn problem_text(status: Status, problem: &str, lang: Lang) -> String {
    let word = status_word(status, lang);
    if problem.starts_with(word) {
        return problem.to_string();
    }
    format!("{word}{}{problem}", msg::reason_colon(lang))
}

/// One cell of a row: text, or a number a spreadsheet can add up.
enum Cell {
    Text(String),
    Number(Option<f64>),
}

fn rows(queue: &Queue, lang: Lang) -> impl Iterator<Item = [Cell; 9]> + '_ {
    (0..queue.len()).map(move |i| {
        let s = queue.item(i);
        // A report of another year than most (last year's sent again) passes its own rules: the
        // table says so where the queue does, first among what is wrong with it.
        let other_year = queue
            .is_other_year(i)
            .then(|| queue.usual_year().map(|y| msg::other_year(y, lang)))
            .flatten();
        let same_body = queue
            .is_doubled(i)
            .then(|| msg::same_body(lang).to_string());
        let rules = match &s.problem {
            Some(problem) => problem_text(s.status, problem, lang),
            None => other_year
                .into_iter()
                .chain(same_body)
                .chain(s.rules.iter().map(|&r| match queue.names().get(r, lang) {
                    name if name == r => r.to_string(),
                    name => match lang {
                        Lang::Zh => format!("{name}（{r}）"),
                        Lang::En => format!("{name} ({r})"),
                    },
                }))
                .collect::<Vec<_>>()
                .join(msg::rules_separator(lang)),
        };
        let readable = s.status != Status::Unreadable;
        [
            Cell::Text(s.agency.to_string()),
            Cell::Number(s.year.map(f64::from)),
            Cell::Text(queue.key(i).to_string()),
            Cell::Text(status_word(s.status, lang).to_string()),
            Cell::Number(readable.then_some(f64::from(s.errors))),
            Cell::Number(readable.then_some(f64::from(s.warnings))),
            Cell::Text(rules),
            Cell::Text(queue.review(i).word(lang).to_string()),
            Cell::Text(queue.note(i).to_string()),
        ]
    })
}

/// The table as CSV: a header row, then a row per report; CRLF line ends. Written a row at a
/// time, so a table of 100,000 reports is never held whole (`out` should be buffered).
pub fn write_csv(queue: &Queue, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    write!(out, "\u{feff}{}\r\n", header(lang).map(field).join(","))?;
    for row in rows(queue, lang) {
        for (c, cell) in row.into_iter().enumerate() {
            if c > 0 {
                out.write_all(b",")?;
            }
            match cell {
                Cell::Text(t) => out.write_all(text_field(&t).as_bytes())?,
                Cell::Number(Some(n)) => write!(out, "{n}")?,
                Cell::Number(None) => {}
            }
        }
        out.write_all(b"\r\n")?;
    }
    Ok(())
}

/// Widths in Excel's units: about one Latin character, two for a Chinese one.
const MAX_WIDTH: usize = 60;

/// The document property that marks a workbook as an assessment table. A reviewer often writes
/// the table into the folder they review; the next `check` or `review` of that folder leaves it
/// out instead of listing it as a report that cannot be read (and `sum` refusing to add up).
const MARK: (&str, &str) = ("nianbao", "assessment table");

/// Whether a workbook is an assessment table written by nianbao: it carries [`MARK`] among its
/// custom properties. Only the archive's directory and that small part are read.
pub fn is_assessment_table(file: impl io::Read + io::Seek) -> bool {
    let Ok(mut archive) = zip::ZipArchive::new(file) else {
        return false;
    };
    let Ok(part) = archive.by_name("docProps/custom.xml") else {
        return false;
    };
    let mut xml = String::new();
    part.take(64 * 1024).read_to_string(&mut xml).is_ok()
        && xml.contains(&format!("name=\"{}\"", MARK.0))
        && xml.contains(&format!(">{}<", MARK.1))
}

/// Whether the file at `path` is an assessment table written by nianbao.
pub fn is_assessment_table_file(path: &std::path::Path) -> bool {
    std::fs::File::open(path).is_ok_and(|f| is_assessment_table(io::BufReader::new(f)))
}

/// The table as a workbook of one sheet.
pub fn xlsx(queue: &Queue, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(msg::sheet_name(lang))
            .set_custom_property(MARK.0, MARK.1),
    );
    let sheet = book.add_worksheet();
    sheet.set_name(msg::sheet_name(lang))?;
    let head = Format::new()
        .set_bold()
        .set_background_color(0xF2F2F2)
        .set_border_bottom(FormatBorder::Thin);
    let names = header(lang);
    let mut widths: Vec<usize> = names.iter().map(|h| width(h)).collect();
    for (c, h) in names.iter().enumerate() {
        sheet.write_string_with_format(0, c as ColNum, *h, &head)?;
    }
    let mut last: RowNum = 0;
    for (r, row) in rows(queue, lang).enumerate() {
        let r = r as RowNum + 1;
        last = r;
        for (c, cell) in row.into_iter().enumerate() {
            let c16 = c as ColNum;
            match cell {
                Cell::Text(t) => {
                    let shown = visible(&t);
                    widths[c] = widths[c].max(width(&shown));
                    if !shown.is_empty() {
                        sheet.write_string(r, c16, shown.as_ref())?;
                    }
                }
                Cell::Number(Some(n)) => {
                    widths[c] = widths[c].max(n.to_string().len());
                    sheet.write_number(r, c16, n)?;
                }
                Cell::Number(None) => {}
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as ColNum, (*w).clamp(4, MAX_WIDTH) as f64 + 2.0)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last, names.len() as ColNum - 1)?;
    book.save_to_buffer()
}
