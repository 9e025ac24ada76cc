//! A workbook (.xlsx, or the older .xls) as lines: every row of every sheet a line of cells,
//! the cells covered by a merged cell left out as a page's covered positions are.

use crate::i18n::files::FileFailure;
use std::io::Cursor;

use calamine::{Data, Dimensions, Reader, Sheets, open_workbook_auto_from_rs};

use crate::import::ImportError;
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

pub fn lines(bytes: &[u8]) -> Result<Vec<Line>, ImportError> {
    let mut sheets = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| ImportError::File(FileFailure::Workbook, e.to_string()))?;
    let mut lines = Vec::new();
    let mut count = 0;
    for name in sheets.sheet_names() {
        let range = sheets
            .worksheet_range(&name)
            .map_err(|e| ImportError::File(FileFailure::Sheet(name.clone()), e.to_string()))?;
        let regions = merged(&mut sheets, &name);
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
    Ok(lines)
}
