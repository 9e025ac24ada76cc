//! A table printed in parts, each under a header of its own: table 四 as 行政复议 over its five
//! columns and then 行政诉讼 over its ten, or three tables, one per group. The values under each
//! part's header are that part's columns of the table's one unlabelled row.

use super::cells::Raw;
use super::{Found, Gathered, Reader};
use crate::import::anomaly::{Anomaly, Kind};

impl Reader<'_> {
    /// Keeps the columns the header lines read so far head, when they head a part of table
    /// `t`; forgets any part named before.
    pub(super) fn note_header_part(&mut self, t: usize) {
        let table = &self.template.tables[t];
        self.header_part =
            super::header::part_column_order(table, &self.header_run).map(|columns| (t, columns));
    }

    /// Places values without a label under a part's header in those columns of row `r`, the
    /// unlabelled row of table `t`; gives them back when no part's header is over them or they
    /// are not as many as its columns.
    pub(super) fn place_part(
        &mut self,
        t: usize,
        r: usize,
        gathered: Gathered,
    ) -> Result<(), Gathered> {
        let Some((part_table, columns)) = self.header_part.take() else {
            return Err(gathered);
        };
        // As many cells as the part has columns, a blank one at its end included; blank cells
        // past them are no values (crawler text ends its rows with a tab).
        let n = columns.len();
        let past_blank = |from: usize| gathered.cells.iter().skip(from).all(Raw::is_blank);
        let cells: Vec<&Raw> = if gathered.cells.len() >= n && past_blank(n) {
            gathered.cells[..n].iter().collect()
        } else {
            gathered.cells.iter().collect()
        };
        let k = self.template.tables[t].columns.len();
        let earlier = self
            .found
            .get(&t)
            .and_then(|found| found.iter().position(|f| f.row == r));
        // A row read otherwise (a whole row of 15) is not pieced together with a part.
        let fits = part_table == t
            && cells.len() == columns.len()
            && earlier.is_none_or(|e| {
                let f = &self.found[&t][e];
                f.grid && f.cells.len() == k
            });
        if !fits {
            return Err(gathered);
        }
        let line = gathered.line;
        let seq = self.next_seq();
        let found = self.found.entry(t).or_default();
        let row = match earlier {
            Some(e) => &mut found[e],
            None => {
                found.push(Found {
                    row: r,
                    line,
                    cells: vec![Raw::new("", line); k],
                    grid: true,
                    seq,
                });
                found.last_mut().expect("just pushed")
            }
        };
        row.seq = seq;
        let row_cells = &mut row.cells;
        let mut twice = None;
        self.part_columns
            .entry((t, r))
            .or_default()
            .extend(columns.iter().copied());
        for (&c, raw) in columns.iter().zip(cells) {
            if row_cells[c].is_blank() {
                row_cells[c] = raw.clone();
            } else {
                twice.get_or_insert(row_cells[c].line);
            }
        }
        if let Some(first_line) = twice {
            let row = self.row_name(t, r);
            self.anomalies.push(Anomaly::new(
                Some(line),
                Kind::DuplicateRow { row, first_line },
            ));
        }
        self.last = super::Last::RowWithValues;
        Ok(())
    }
}

impl Reader<'_> {
    /// Says the columns of a row printed in parts that no part gave: the table was cut before
    /// its last part (a page cut off after 行政复议).
    pub(super) fn say_missing_parts(&mut self) {
        let mut rows: Vec<(usize, usize)> = self.part_columns.keys().copied().collect();
        rows.sort_unstable();
        for (t, r) in rows {
            let given = &self.part_columns[&(t, r)];
            let table = &self.template.tables[t];
            let columns: Vec<String> = (0..table.columns.len())
                .filter(|c| !given.contains(c))
                .map(|c| crate::describe::column_label(table, c, crate::i18n::Lang::Zh))
                .collect();
            if columns.is_empty() {
                continue;
            }
            let line = self
                .found
                .get(&t)
                .and_then(|f| f.iter().find(|f| f.row == r))
                .map(|f| f.line);
            self.anomalies.push(Anomaly::new(
                line,
                Kind::PartsMissing {
                    table: self.table_name(t),
                    columns,
                },
            ));
        }
    }
}
