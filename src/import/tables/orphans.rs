//! Values read with no label beside them, placed by where they stand. A PDF read column by
//! column prints a wrapped label after its values, or a page's labels after the page's numbers;
//! the rows still come in the table's order. A run of such values between two rows found by
//! their labels belongs to the rows the table has between those two and that have no values:
//! when there are exactly as many runs of a row's width as such rows, each goes to its row in
//! order. Anything else is left out and said; nothing is placed by a guess.

use std::collections::BTreeMap;

use super::{Found, Orphan, Reader};
use crate::import::anomaly::{Anomaly, Kind};
use crate::import::cells::Raw;
use crate::import::normalize::CellText;
use crate::template::Severity;

/// One row's worth of orphan values and where it was read.
struct Group {
    seq: usize,
    cells: Vec<Raw>,
    /// Its blank cells are cells.
    grid: bool,
}

impl Reader<'_> {
    pub(super) fn align_orphans(&mut self, t: usize, found: &mut Vec<Found>, orphans: Vec<Orphan>) {
        if orphans.is_empty() {
            return;
        }
        let rows = self.template.tables[t].rows.len();
        let k = self.template.tables[t].columns.len();
        let mut anchors: Vec<(usize, usize)> = found
            .iter()
            .filter(|f| f.values() > 0)
            .map(|f| (f.seq, f.row))
            .collect();
        anchors.sort_unstable();
        let mut unplaced: Vec<Vec<Raw>> = Vec::new();
        // Runs with nothing but header text between them are one run: a row's values broken
        // by a header read in the middle of them.
        let mut orphans = orphans;
        orphans.sort_by_key(|o| o.seq);
        let mut merged: Vec<Orphan> = Vec::new();
        for orphan in orphans {
            match merged.last_mut() {
                Some(last) if last.seq + 1 == orphan.seq && !last.grid && !orphan.grid => {
                    last.cells.extend(orphan.cells);
                    last.seq = orphan.seq;
                }
                _ => merged.push(orphan),
            }
        }
        let orphans = merged;
        // Groups by the gap between anchor rows they stand in: (row before, row after).
        let mut gaps: BTreeMap<(usize, usize), Vec<Group>> = BTreeMap::new();
        for orphan in orphans {
            // A grid row as wide as the table is one row, its blank cells in their places.
            let grid_row = orphan.grid && orphan.cells.len() == k;
            let values: Vec<Raw> = if grid_row {
                orphan.cells
            } else {
                orphan.cells.into_iter().filter(|c| !c.is_blank()).collect()
            };
            if grid_row && values.iter().all(Raw::is_blank) {
                continue;
            }
            if (orphan.grid && !grid_row) || values.is_empty() || !values.len().is_multiple_of(k) {
                unplaced.push(values);
                continue;
            }
            let before = anchors.iter().rev().find(|(s, _)| *s < orphan.seq);
            let after = anchors.iter().find(|(s, _)| *s > orphan.seq);
            // Rows are numbered from 1 here, so that 0 is "before the first row".
            let lo = before.map_or(0, |(_, r)| r + 1);
            let hi = after.map_or(rows + 1, |(_, r)| r + 1);
            if lo >= hi {
                unplaced.push(values);
                continue;
            }
            let gap = gaps.entry((lo, hi)).or_default();
            for (i, chunk) in values.chunks(k).enumerate() {
                gap.push(Group {
                    seq: orphan.seq * 1000 + i,
                    cells: chunk.to_vec(),
                    grid: grid_row,
                });
            }
        }
        let with_values: Vec<usize> = found
            .iter()
            .filter(|f| f.values() > 0)
            .map(|f| f.row)
            .collect();
        let mut placed_rows = Vec::new();
        let mut shifted_rows = Vec::new();
        for ((lo, hi), mut groups) in gaps {
            let free: Vec<usize> = (lo..hi - 1).filter(|r| !with_values.contains(r)).collect();
            if free.is_empty()
                && hi <= rows
                && let [group] = groups.as_slice()
                && let Some(rows) = self.shift_onto_labels_after(t, found, group, hi - 1)
            {
                shifted_rows.extend(rows);
                continue;
            }
            if free.len() != groups.len() {
                unplaced.extend(groups.into_iter().map(|g| g.cells));
                continue;
            }
            groups.sort_by_key(|g| g.seq);
            // Each row must keep the rules it has on its own (a row's total), or the run is
            // not the rows it seems to be.
            if !free
                .iter()
                .zip(&groups)
                .all(|(&row, g)| self.keeps_row_rules(t, row, &g.cells))
            {
                unplaced.extend(groups.into_iter().map(|g| g.cells));
                continue;
            }
            for (row, group) in free.into_iter().zip(groups) {
                let line = group.cells.first().map_or(0, |c| c.line);
                match found.iter_mut().find(|f| f.row == row) {
                    Some(f) => {
                        f.cells = group.cells;
                        f.grid = group.grid;
                    }
                    None => found.push(Found {
                        row,
                        line,
                        cells: group.cells,
                        grid: group.grid,
                        seq: group.seq,
                    }),
                }
                placed_rows.push(row);
            }
        }
        if let Some(first) = placed_rows
            .first()
            .and_then(|r| found.iter().find(|f| f.row == *r))
        {
            let line = first.cells.first().map_or(first.line, |c| c.line);
            placed_rows.sort_unstable();
            let names = placed_rows.iter().map(|&r| self.row_name(t, r)).collect();
            self.anomalies.push(Anomaly::new(
                Some(line),
                Kind::PlacedByPosition { rows: names },
            ));
        }
        if let Some(&first) = shifted_rows.first()
            && let Some(found) = found.iter().find(|f| f.row == first)
        {
            let line = found.cells.first().map_or(found.line, |c| c.line);
            shifted_rows.sort_unstable();
            let names = shifted_rows.iter().map(|&r| self.row_name(t, r)).collect();
            self.anomalies.push(Anomaly::new(
                Some(line),
                Kind::ValuesBeforeLabels { rows: names },
            ));
        }
        for values in unplaced {
            let Some(line) = values.iter().find(|c| !c.is_blank()).map(|c| c.line) else {
                continue;
            };
            let values = values
                .into_iter()
                .filter(|c| !c.is_blank())
                .map(|c| c.text)
                .collect();
            self.anomalies
                .push(Anomaly::new(Some(line), Kind::ValuesWithoutRow { values }));
        }
    }

    /// Values with no label right before the row `first`, when the rows from `first` on were
    /// printed values first, label after (as a PDF read by columns prints labels that wrap):
    /// each label took the next row's values, and the last label of the run got none. The
    /// values then go one row down: `group` to `first`, `first`'s to the row after, and so on to
    /// the label left without values. Only when every row of the run follows the one before in
    /// the table and in the text, has a rule of its own (a row total), and keeps it with its new
    /// values; otherwise nothing moves. Returns the rows that took other values.
    fn shift_onto_labels_after(
        &self,
        t: usize,
        found: &mut [Found],
        group: &Group,
        first: usize,
    ) -> Option<Vec<usize>> {
        let k = self.template.tables[t].columns.len();
        let orphan_seq = group.seq / 1000;
        let mut chain: Vec<usize> = Vec::new();
        let mut seq = orphan_seq;
        let mut row = first;
        loop {
            let index = found
                .iter()
                .position(|f| f.row == row && f.seq == seq + 1)?;
            let at = &found[index];
            if at.grid || !self.has_row_rules(t, row) {
                return None;
            }
            chain.push(index);
            match at.values() {
                0 => break,
                n if n == k => {}
                _ => return None,
            }
            seq = at.seq;
            row += 1;
        }
        if chain.len() < 2 {
            return None;
        }
        let mut moving = group.cells.clone();
        let mut new_cells = Vec::with_capacity(chain.len());
        for &index in &chain {
            let own = std::mem::replace(&mut moving, found[index].cells.clone());
            if !self.keeps_row_rules(t, found[index].row, &own) {
                return None;
            }
            new_cells.push(own);
        }
        let mut rows = Vec::with_capacity(chain.len());
        for (&index, cells) in chain.iter().zip(new_cells) {
            found[index].cells = cells;
            rows.push(found[index].row);
        }
        Some(rows)
    }

    /// Whether a row has an error rule over its own cells alone, which can tell its values
    /// from another row's.
    fn has_row_rules(&self, t: usize, row: usize) -> bool {
        let table = &self.template.tables[t];
        let k = table.columns.len();
        table.checks.iter().any(|check| {
            !check.uses_prev
                && table.rules[check.rule].severity == Severity::Error
                && check.cells().all(|c| (c as usize) / k == row)
        })
    }

    /// Whether `cells`, as the values of `row`, keep every error rule that involves that row
    /// alone (table 三's row total, table 四's group totals).
    fn keeps_row_rules(&self, t: usize, row: usize, cells: &[Raw]) -> bool {
        let table = &self.template.tables[t];
        let k = table.columns.len();
        let mut values = vec![None; table.cell_count()];
        for (c, raw) in cells.iter().enumerate().take(k) {
            match &raw.class {
                CellText::Number(n) => match table.columns[c].kind.parse(n) {
                    Ok(v) => values[table.cell_index(row, c)] = Some(v),
                    Err(_) => return false,
                },
                CellText::EmptyMark => {}
                _ => return false,
            }
        }
        let in_row = |cell: u32| (cell as usize) / k == row;
        table.checks.iter().all(|check| {
            // A rule over a cell left empty ("/") says nothing here.
            let own = !check.uses_prev
                && table.rules[check.rule].severity == Severity::Error
                && check
                    .cells()
                    .all(|c| in_row(c) && values[c as usize].is_some());
            !own || crate::rules::sides(&values, None, check).is_some_and(|(l, r)| l == r)
        })
    }
}
