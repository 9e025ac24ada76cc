//! The columns of a grid that keeps every cell (a PDF converter's Markdown, a copy from a
//! spreadsheet), told by where its header names them. A merged header cell is printed in its
//! first place and blank in the others (`信息内容 | 上一年项目数量 | 本年增/减 |  | 处理决定数量`),
//! and a row's value may stand in any of them (`行政许可 | 8 |  | 5 | 93`); a row label spanning
//! two places leaves a blank before the values (`| （一）予以公开 |  | 258 | 12 |`). Read by
//! place, such a value goes to the next column; read by the header, each column takes what
//! stands under its places.

use super::{Reader, Target};
use crate::import::cells::Raw;
use crate::import::labels::Place;

/// Which column each place of the grid stands under, as the column's place in the printed order;
/// `None` for places before the first column (the labels, the corner).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct GridColumns {
    table: usize,
    columns: usize,
    owners: Vec<Option<usize>>,
    /// How many places the header's lines have: a row of as many stands in the same places. A
    /// row of another width does not (a copy that prints a row's values right after its label,
    /// whatever the places of the labels above), and is read as before.
    width: usize,
}

/// The header lines of one table read since the last row: where each column was named.
#[derive(Clone, Debug)]
pub(super) struct HeaderPlaces {
    table: usize,
    /// Per template column, the place it was named at.
    at: Vec<Option<usize>>,
    /// The most places a header line had.
    width: usize,
    /// A column named at two places: the header says nothing of places.
    twice: bool,
}

/// The owners of `width` places when each column `c` is named at `at[c]`, the places printing the
/// columns in `printed` order; a place belongs to the nearest column named at or before it.
/// `None` when the places contradict the printed order (a copy that dropped the cells a cell from
/// the line above spans, so that a lower line's places are shifted).
fn owners(at: &[usize], printed: &[usize], width: usize) -> Option<Vec<Option<usize>>> {
    let places: Vec<usize> = printed.iter().map(|&c| at[c]).collect();
    if places.windows(2).any(|w| w[0] >= w[1]) {
        return None;
    }
    Some(
        (0..width.max(places.last().map_or(0, |p| p + 1)))
            .map(|p| places.iter().rposition(|&q| q <= p))
            .collect(),
    )
}

/// A row's values, the first at place `start`, as the columns take them: each the one value
/// under its places. `None` when a value stands under no column or two under one, which only the
/// row's own rules can sort out; or when the row is not as wide as the header.
fn by_column(grid: &GridColumns, start: usize, values: &[Raw]) -> Option<Vec<Raw>> {
    if start + values.len() != grid.width {
        return None;
    }
    let line = values.first()?.line;
    let mut out: Vec<Option<Raw>> = vec![None; grid.columns];
    for (at, value) in values.iter().enumerate() {
        if value.is_blank() {
            continue;
        }
        let column = grid.owners.get(start + at).copied().flatten()?;
        if out[column].replace(value.clone()).is_some() {
            return None;
        }
    }
    Some(
        out.into_iter()
            .map(|v| v.unwrap_or_else(|| Raw::new("", line)))
            .collect(),
    )
}

impl Reader<'_> {
    /// Notes where a grid header line names the columns of its table. Once the header lines
    /// since the last row have named every column at a place of its own, in the order the
    /// values print, the rows below are read by those places.
    /// `header_table` is the table the line's header cells name, if they name one.
    pub(super) fn note_grid_header(
        &mut self,
        cells: &[Raw],
        has_values: bool,
        header_table: Option<usize>,
    ) {
        if has_values || self.line_rows {
            self.header_places = None;
            return;
        }
        let Some(t) = header_table else {
            return;
        };
        let k = self.template.tables[t].columns.len();
        let fresh = self.header_places.as_ref().is_none_or(|h| h.table != t);
        if fresh {
            self.header_places = Some(HeaderPlaces {
                table: t,
                at: vec![None; k],
                width: 0,
                twice: false,
            });
        }
        let named: Vec<(usize, usize)> = cells
            .iter()
            .enumerate()
            .filter(|(_, raw)| !raw.is_blank())
            .filter_map(
                |(p, raw)| match self.recognise(std::slice::from_ref(raw), false) {
                    Some(Place::Column(x, c)) if x == t => Some((c, p)),
                    _ => None,
                },
            )
            .collect();
        let Some(header) = self.header_places.as_mut() else {
            return;
        };
        header.width = header.width.max(cells.len());
        for (c, p) in named {
            header.twice |= header.at[c].replace(p).is_some();
        }
        let at: Option<Vec<usize>> = header.at.iter().copied().collect();
        self.grid_columns = match at {
            Some(at) if !header.twice && k > 1 => {
                let identity: Vec<usize> = (0..k).collect();
                let printed = self.orders.get(&t).unwrap_or(&identity);
                owners(&at, printed, header.width).map(|owners| GridColumns {
                    table: t,
                    columns: k,
                    owners,
                    width: header.width,
                })
            }
            _ => None,
        };
    }

    /// The values of a grid line starting at place `start`, as the header's places give them
    /// to the columns when they are a row of its table; as they are otherwise.
    pub(super) fn take_by_header_places(&self, start: usize, values: Vec<Raw>) -> Vec<Raw> {
        let row_table = match self.gathered.as_ref().map(|g| g.target) {
            Some(Target::Row(t, _)) => t,
            _ => return values,
        };
        match &self.grid_columns {
            Some(grid) if grid.table == row_table => {
                by_column(grid, start, &values).unwrap_or(values)
            }
            _ => values,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raws(cells: &[&str]) -> Vec<Raw> {
        cells.iter().map(|c| Raw::new(c, 1)).collect()
    }

    fn grid(at: &[usize], width: usize) -> GridColumns {
        let printed: Vec<usize> = (0..at.len()).collect();
        GridColumns {
            table: 0,
            columns: at.len(),
            owners: owners(at, &printed, width).unwrap(),
            width,
        }
    }

    fn texts(cells: &[Raw]) -> Vec<&str> {
        cells.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn a_value_under_the_blank_half_of_a_merged_cell_is_that_columns() {
        // 信息内容 | 上一年项目数量 | 本年增/减 |  | 处理决定数量
        let g = grid(&[1, 2, 4], 5);
        assert_eq!(g.owners, [None, Some(0), Some(1), Some(1), Some(2)]);
        // The row's label is place 0, its values from place 1.
        let row = by_column(&g, 1, &raws(&["8", "", "5", "93"])).unwrap();
        assert_eq!(texts(&row), ["8", "5", "93"]);
        let row = by_column(&g, 1, &raws(&["8", "5", "", "93"])).unwrap();
        assert_eq!(texts(&row), ["8", "5", "93"]);
        let row = by_column(&g, 1, &raws(&["", "", "", ""])).unwrap();
        assert_eq!(texts(&row), ["", "", ""]);
    }

    #[test]
    fn a_label_spanning_two_places_leaves_a_blank_before_the_values() {
        // Table 三's leaves named at places 3 to 9, by two header lines.
        let g = grid(&[3, 4, 5, 6, 7, 8, 9], 10);
        let row = by_column(&g, 2, &raws(&["", "258", "12", "", "", "1", "1", ""])).unwrap();
        assert_eq!(texts(&row), ["258", "12", "", "", "1", "1", ""]);
    }

    #[test]
    fn two_values_under_one_column_or_one_under_none_are_left_to_the_row() {
        let g = grid(&[1, 2, 4], 5);
        assert!(by_column(&g, 1, &raws(&["8", "4", "5", "93"])).is_none());
        assert!(by_column(&g, 0, &raws(&["1", "8", "", "5", "93"])).is_none());
    }

    #[test]
    fn a_row_not_as_wide_as_the_header_is_not_read_by_its_places() {
        // Values printed right after the label, whatever the places above: shorter or longer.
        let g = grid(&[1, 2, 4], 5);
        assert!(by_column(&g, 1, &raws(&["8", "", "5"])).is_none());
        assert!(by_column(&g, 1, &raws(&["8", "", "5", "93", "7"])).is_none());
        let g = grid(&[3, 4, 5, 6, 7, 8, 9], 10);
        assert!(by_column(&g, 1, &raws(&["", "", "5", "", "", "", ""])).is_none());
    }

    #[test]
    fn places_against_the_printed_order_say_nothing() {
        // A copy that left out the cells spanned from the line above: 商业企业 … at places 0 to
        // 4 of their line, under 自然人 at 3.
        assert_eq!(
            owners(&[3, 0, 1, 2, 3, 4, 9], &[0, 1, 2, 3, 4, 5, 6], 10),
            None
        );
        // Columns printed in another order than the template's, at rising places.
        assert_eq!(
            owners(&[2, 1], &[1, 0], 3),
            Some(vec![None, Some(0), Some(1)])
        );
    }
}
