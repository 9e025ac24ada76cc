//! Rows with blank cells in a text laid out in columns (pdftotext's `-layout`): a blank cell
//! prints nothing, so the row has fewer values than columns, but each value still stands under
//! its column. Where the table's full rows next to it put each column, a shorter row's values
//! are placed by where they stand. (The rows next to it, not all of the table's: a table over
//! two pages may stand a little apart on each.)

use super::{Found, Reader};
use crate::import::anomaly::{Anomaly, Kind};
use crate::import::cells::Raw;

/// How far apart, in half character columns, the values of one column may stand in the full rows
/// and still be one column.
const SPREAD: usize = 4;
/// The least distance between two columns' places, in half character columns: values one space
/// apart (pdftotext's default order) stand where their label's length put them, not under a
/// column.
const LEAST_GAP: usize = 8;

/// Whether a row's values were read from a line laid out in columns, each with its place.
fn placed(f: &Found) -> bool {
    !f.grid
        && f.cells
            .iter()
            .all(|c| c.is_blank() || (c.middle.is_some() && !c.touching))
}

fn middles(f: &Found) -> Vec<usize> {
    f.cells.iter().filter_map(|c| c.middle).collect()
}

/// The first line of a row's values.
fn line_of(f: &Found) -> usize {
    f.cells
        .iter()
        .find(|c| !c.is_blank())
        .map_or(f.line, |c| c.line)
}

/// Where each column's values stand at `line`, from the rows of `k` values nearest above and
/// below it: `None` when no row has them all, or the two do not agree, or the places are too
/// close to be columns.
fn column_places(full: &[(usize, Vec<usize>)], line: usize) -> Option<Vec<usize>> {
    let above = full
        .iter()
        .filter(|(l, _)| *l < line)
        .max_by_key(|(l, _)| *l);
    let below = full
        .iter()
        .filter(|(l, _)| *l > line)
        .min_by_key(|(l, _)| *l);
    let places = match (above, below) {
        (Some((_, a)), Some((_, b))) => {
            if a.iter().zip(b).any(|(x, y)| x.abs_diff(*y) > SPREAD) {
                return None;
            }
            a.clone()
        }
        (Some((_, one)), None) | (None, Some((_, one))) => one.clone(),
        (None, None) => return None,
    };
    places
        .windows(2)
        .all(|w| w[1] >= w[0] + LEAST_GAP)
        .then_some(places)
}

/// The column of each value standing at `middles`, when each is plainly under one column (within
/// a third of the gap to the next), left to right.
fn columns_of(middles: &[usize], places: &[usize]) -> Option<Vec<usize>> {
    let gap = places.windows(2).map(|w| w[1] - w[0]).min()?;
    let mut columns: Vec<usize> = Vec::with_capacity(middles.len());
    for &m in middles {
        let (c, distance) = places
            .iter()
            .enumerate()
            .map(|(c, &p)| (c, p.abs_diff(m)))
            .min_by_key(|&(_, d)| d)?;
        if distance * 3 > gap || columns.last().is_some_and(|&last| last >= c) {
            return None;
        }
        columns.push(c);
    }
    Some(columns)
}

impl Reader<'_> {
    /// The rows of table `t` with the values of each row with blank cells put under their
    /// columns, as a row of every cell; `None` when no row is placed so. The rows placed are
    /// said in a note.
    pub(super) fn by_column_place(&mut self, t: usize, found: &[Found]) -> Option<Vec<Found>> {
        let k = self.template.tables[t].columns.len();
        if k < 2 {
            return None;
        }
        let full: Vec<(usize, Vec<usize>)> = found
            .iter()
            .filter(|f| placed(f))
            .map(|f| (line_of(f), middles(f)))
            .filter(|(_, m)| m.len() == k)
            .collect();
        if full.is_empty() {
            return None;
        }
        let mut rows = Vec::new();
        // Copied only once a row is placed: most tables have none to place.
        let mut out: Option<Vec<Found>> = None;
        let mut first_line = None;
        for (i, f) in found.iter().enumerate().filter(|(_, f)| placed(f)) {
            let values: Vec<&Raw> = f.cells.iter().filter(|c| !c.is_blank()).collect();
            if values.is_empty() || values.len() >= k {
                continue;
            }
            let Some(columns) = column_places(&full, line_of(f))
                .and_then(|places| columns_of(&middles(f), &places))
            else {
                continue;
            };
            let line = values[0].line;
            let mut cells = vec![Raw::new("", line); k];
            for (&c, raw) in columns.iter().zip(values) {
                cells[c] = raw.clone();
            }
            let row = &mut out.get_or_insert_with(|| found.to_vec())[i];
            row.cells = cells;
            row.grid = true;
            first_line.get_or_insert(line);
            rows.push(self.row_name(t, f.row));
        }
        let out = out?;
        let line = first_line;
        let table = self.table_name(t);
        self.anomalies
            .push(Anomaly::new(line, Kind::PlacedByColumn { table, rows }));
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_value_goes_to_the_column_it_stands_under() {
        let places = [20, 40, 60];
        assert_eq!(columns_of(&[21, 59], &places), Some(vec![0, 2]));
        assert_eq!(columns_of(&[42], &places), Some(vec![1]));
        // Halfway between two columns: no place is plain.
        assert_eq!(columns_of(&[30], &places), None);
        // Two values under one column.
        assert_eq!(columns_of(&[39, 41], &places), None);
    }
}
