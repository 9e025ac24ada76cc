//! A workbook (.xlsx, or the older .xls) as lines: every row of every sheet a line of cells,
//! the cells covered by a merged cell left out as a page's covered positions are. A formula's
//! value is the one the file keeps; a formula kept without one (a workbook a script wrote and
//! no spreadsheet program has computed) is an empty cell, and said.

use crate::i18n::files::FileFailure;
use std::io::Cursor;

use calamine::{Data, Dimensions, Reader, Sheets, open_workbook_auto_from_rs};

use crate::import::ImportError;
use crate::import::anomaly::{Anomaly, Kind};
use crate::import::lines::{GridCell, Line};

/// Rows and columns beyond these are no report's.
const MAX_ROWS: usize = 5_000;
const MAX_COLUMNS: usize = 256;

/// A cell as text: whole numbers without ".0", others as the shortest decimal that is them.
fn cell_text(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

fn merged(sheets: &mut Sheets<Cursor<&[u8]>>, name: &str) -> Vec<Dimensions> {
    match sheets {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// "Y39": a cell's reference as a spreadsheet shows it, from its 0-based row and column.
fn reference(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// The formulas of a sheet whose cells hold no value: each cell's place and formula.
fn formulas_without_values(
    sheets: &mut Sheets<Cursor<&[u8]>>,
    name: &str,
    values: &calamine::Range<Data>,
) -> Vec<((u32, u32), String)> {
    let Ok(formulas) = sheets.worksheet_formula(name) else {
        return Vec::new();
    };
    let Some((top, left)) = formulas.start() else {
        return Vec::new();
    };
    formulas
        .used_cells()
        .filter(|(_, _, f)| !f.trim().is_empty())
        .map(|(r, c, f)| ((top + r as u32, left + c as u32), f.trim().to_string()))
        .filter(|(at, _)| values.get_value(*at).is_none_or(|v| *v == Data::Empty))
        .collect()
}

/// The row label of a cell: the nearest text to its left in its row that is not a number.
fn row_label(values: &calamine::Range<Data>, (row, col): (u32, u32)) -> String {
    (0..col)
        .rev()
        .filter_map(|c| match values.get_value((row, c)) {
            Some(Data::String(s)) if s.trim().parse::<f64>().is_err() => Some(s.trim()),
            _ => None,
        })
        .find(|s| !s.is_empty())
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// The workbook's lines, and what of its cells could not be read.
pub fn lines(bytes: &[u8]) -> Result<(Vec<Line>, Vec<Anomaly>), ImportError> {
    let mut sheets = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        // A compound file without a workbook's stream was tried as one only for want of
        // anything else: it is no workbook that failed, and the reader's words say nothing.
        if super::is_unknown_office(bytes) {
            ImportError::File(FileFailure::OfficeUnknown, String::new())
        } else {
            ImportError::File(FileFailure::Workbook, e.to_string())
        }
    })?;
    let mut lines = Vec::new();
    let mut anomalies = Vec::new();
    let mut count = 0;
    for name in sheets.sheet_names() {
        let range = sheets
            .worksheet_range(&name)
            .map_err(|e| ImportError::File(FileFailure::Sheet(name.clone()), e.to_string()))?;
        let regions = merged(&mut sheets, &name);
        let unvalued = formulas_without_values(&mut sheets, &name, &range);
        let first_line = count + 1;
        let top_row = range.start().map_or(0, |(r, _)| r);
        let rows_read = range.height().min(MAX_ROWS) as u32;
        for (at, formula) in unvalued {
            let line = (top_row..top_row + rows_read)
                .contains(&at.0)
                .then(|| first_line + (at.0 - top_row) as usize);
            anomalies.push(Anomaly::new(
                line,
                Kind::FormulaWithoutValue {
                    sheet: name.clone(),
                    cell: reference(at.0, at.1),
                    row: row_label(&range, at),
                    formula,
                },
            ));
        }
        let Some((top, left)) = range.start() else {
            continue;
        };
        let covered = |row: u32, col: u32| {
            regions.iter().any(|d| {
                (d.start.0..=d.end.0).contains(&row)
                    && (d.start.1..=d.end.1).contains(&col)
                    && (row, col) != d.start
            })
        };
        // Once a table has started, a row whose values are all empty is still one of its rows.
        let mut in_table = false;
        for (r, row) in range.rows().take(MAX_ROWS).enumerate() {
            count += 1;
            let at = top + r as u32;
            let cells: Vec<GridCell> = row
                .iter()
                .take(MAX_COLUMNS)
                .enumerate()
                .filter(|(c, _)| !covered(at, left + *c as u32))
                .map(|(_, data)| GridCell {
                    text: cell_text(data)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                    line: count,
                })
                .collect();
            let blank = cells.iter().all(|c| c.text.is_empty());
            // A row of a single cell is a caption or a paragraph, as on a page: one that covers
            // the row, or one above the table.
            let filled: Vec<&GridCell> = cells.iter().filter(|c| !c.text.is_empty()).collect();
            let single = filled.len() == 1
                && cells.first().is_some_and(|c| !c.text.is_empty())
                && (cells.len() == 1 || !in_table);
            in_table |= filled.len() > 1;
            if blank {
                lines.push(Line {
                    no: count,
                    ..Line::default()
                });
            } else if single {
                lines.push(Line {
                    no: count,
                    text: filled[0].text.clone(),
                    ..Line::default()
                });
            } else {
                lines.push(Line::grid(count, cells));
            }
        }
        lines.push(Line {
            no: count,
            ..Line::default()
        });
    }
    Ok((lines, anomalies))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_spelled_as_a_spreadsheet_spells_them() {
        assert_eq!(reference(0, 0), "A1");
        assert_eq!(reference(38, 24), "Y39");
        assert_eq!(reference(0, 25), "Z1");
        assert_eq!(reference(9, 26), "AA10");
        assert_eq!(reference(0, 701), "ZZ1");
        assert_eq!(reference(0, 702), "AAA1");
    }
}
