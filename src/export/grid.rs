//! A table laid out as the official form draws it: merged column headers above the values
//! (法人或其他组织 over its five columns), merged row labels to their left (三、本年度办理结果 down
//! its rows), derived from the template's groups so any template gets its own official shape.

use crate::i18n::Lang;
use crate::template::{Group, Table};

/// A cell of the header or the label columns, at its top-left grid position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub row: usize,
    pub col: usize,
    pub rows: usize,
    pub cols: usize,
}

/// The shape of one table: `label_cols` columns of row labels, then one column per template
/// column; `header_rows` rows of headers, then one row per template row.
#[derive(Debug)]
pub struct Grid {
    pub label_cols: usize,
    pub header_rows: usize,
    /// Header cells (the corner first), row by row.
    pub header: Vec<Span>,
    /// For each template row, its label cells that start on it (group cells only on the group's
    /// first row), with `row` counted from the first body row.
    pub labels: Vec<Vec<Span>>,
}

fn depth(groups: &[Group], group: Option<usize>) -> usize {
    Table::group_path(groups, group).len()
}

/// The group at `level` of the path above a row or column, if the path is that deep.
fn group_at(groups: &[Group], group: Option<usize>, level: usize) -> Option<usize> {
    let mut path = Vec::new();
    let mut g = group;
    while let Some(i) = g {
        path.push(i);
        g = groups[i].parent;
    }
    path.reverse();
    path.get(level).copied()
}

/// Where the run of rows or columns that share the group at `level` with the one at `start`
/// ends (exclusive); `group_of` holds each row's or column's own group.
fn run_end(groups: &[Group], group_of: &[Option<usize>], start: usize, level: usize) -> usize {
    let g = group_at(groups, group_of[start], level);
    let same = group_of[start + 1..]
        .iter()
        .take_while(|&&other| group_at(groups, other, level) == g)
        .count();
    start + 1 + same
}

impl Grid {
    pub fn new(table: &Table) -> Grid {
        let header_rows = table
            .columns
            .iter()
            .map(|c| depth(&table.column_groups, c.group))
            .max()
            .unwrap_or(0)
            + 1;
        let row_depth = table
            .rows
            .iter()
            .map(|r| depth(&table.row_groups, r.group))
            .max()
            .unwrap_or(0);
        let unlabelled = table.rows.iter().all(|r| r.label.zh.is_empty())
            && table.row_groups.is_empty()
            && table.corner.zh.is_empty();
        let label_cols = if unlabelled { 0 } else { row_depth + 1 };
        Grid {
            label_cols,
            header_rows,
            header: header(table, label_cols, header_rows),
            labels: if label_cols > 0 {
                labels(table, label_cols)
            } else {
                vec![Vec::new(); table.rows.len()]
            },
        }
    }
}

/// The corner over the label columns, then each level of merged column headers, and each
/// column's own label down to the last header row.
fn header(table: &Table, label_cols: usize, header_rows: usize) -> Vec<Span> {
    let groups = &table.column_groups;
    let group_of: Vec<Option<usize>> = table.columns.iter().map(|c| c.group).collect();
    let mut header = Vec::new();
    if label_cols > 0 {
        header.push(Span {
            text: table.corner.zh.clone(),
            row: 0,
            col: 0,
            rows: header_rows,
            cols: label_cols,
        });
    }
    for level in 0..header_rows {
        let mut c = 0;
        while c < table.columns.len() {
            let d = depth(groups, group_of[c]);
            if level < d {
                let end = run_end(groups, &group_of, c, level);
                let text = group_at(groups, group_of[c], level)
                    .map(|g| groups[g].label.zh.clone())
                    .unwrap_or_default();
                header.push(Span {
                    text,
                    row: level,
                    col: label_cols + c,
                    rows: 1,
                    cols: end - c,
                });
                c = end;
                continue;
            }
            if level == d {
                header.push(Span {
                    // With its unit when the label does not say it: 采购总金额 alone reads as 元.
                    text: crate::money::label_with_unit(&table.columns[c], Lang::Zh),
                    row: level,
                    col: label_cols + c,
                    rows: header_rows - d,
                    cols: 1,
                });
            }
            c += 1;
        }
    }
    header
}

/// Each row's label cells: the merged group labels that start on it, then its own label across
/// the label columns left.
fn labels(table: &Table, label_cols: usize) -> Vec<Vec<Span>> {
    let groups = &table.row_groups;
    let group_of: Vec<Option<usize>> = table.rows.iter().map(|r| r.group).collect();
    let mut labels = vec![Vec::new(); table.rows.len()];
    for (r, row) in table.rows.iter().enumerate() {
        let d = depth(groups, row.group);
        for level in 0..d {
            let g = group_at(groups, row.group, level);
            if r > 0 && group_at(groups, group_of[r - 1], level) == g {
                continue;
            }
            labels[r].push(Span {
                text: g.map(|g| groups[g].label.zh.clone()).unwrap_or_default(),
                row: r,
                col: level,
                rows: run_end(groups, &group_of, r, level) - r,
                cols: 1,
            });
        }
        labels[r].push(Span {
            text: row.label.zh.clone(),
            row: r,
            col: d,
            rows: 1,
            cols: label_cols - d,
        });
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Registry;

    #[test]
    fn the_requests_table_has_the_official_merged_headers() {
        let t = Registry::default().get("gov-2021").unwrap();
        let table = &t.tables[t.table_by_id(2, "applications").unwrap()];
        let grid = Grid::new(table);
        assert_eq!((grid.label_cols, grid.header_rows), (3, 3));
        let find = |text: &str| grid.header.iter().find(|s| s.text == text).unwrap();
        assert_eq!((find("申请人情况").cols, find("申请人情况").rows), (6, 1));
        assert_eq!((find("自然人").rows, find("法人或其他组织").cols), (2, 5));
        assert_eq!((find("总计").row, find("总计").rows), (0, 3));
        let handled = &grid.labels[2][0];
        assert_eq!(
            (handled.text.as_str(), handled.rows),
            ("三、本年度办理结果", 22)
        );
        let total = grid.labels[23].last().unwrap();
        assert_eq!(
            (total.text.as_str(), total.col, total.cols),
            ("(七) 总计", 1, 2)
        );
        let appeals = &t.tables[t.table_by_id(3, "cases").unwrap()];
        let grid = Grid::new(appeals);
        assert_eq!((grid.label_cols, grid.header_rows), (0, 3));
        assert!(
            grid.header
                .iter()
                .any(|s| s.text == "行政诉讼" && s.cols == 10)
        );
    }
}
