//! A table laid out as the official form draws it: merged column headers above the values
//! (法人或其他组织 over its five columns), merged row labels to their left (三、本年度办理结果 down
//! its rows), derived from the template's groups so any template gets its own official shape.

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
                let column = &table.columns[c];
                let d = depth(&table.column_groups, column.group);
                if level < d {
                    let g = group_at(&table.column_groups, column.group, level);
                    let mut end = c + 1;
                    while end < table.columns.len()
                        && group_at(&table.column_groups, table.columns[end].group, level) == g
                    {
                        end += 1;
                    }
                    let text = g
                        .map(|g| table.column_groups[g].label.zh.clone())
                        .unwrap_or_default();
                    header.push(Span {
                        text,
                        row: level,
                        col: label_cols + c,
                        rows: 1,
                        cols: end - c,
                    });
                    c = end;
                } else {
                    if level == d {
                        header.push(Span {
                            text: column.label.zh.clone(),
                            row: level,
                            col: label_cols + c,
                            rows: header_rows - d,
                            cols: 1,
                        });
                    }
                    c += 1;
                }
            }
        }
        let mut labels = vec![Vec::new(); table.rows.len()];
        if label_cols > 0 {
            for (r, row) in table.rows.iter().enumerate() {
                let d = depth(&table.row_groups, row.group);
                for level in 0..d {
                    let g = group_at(&table.row_groups, row.group, level);
                    let starts =
                        r == 0 || group_at(&table.row_groups, table.rows[r - 1].group, level) != g;
                    if !starts {
                        continue;
                    }
                    let mut end = r + 1;
                    while end < table.rows.len()
                        && group_at(&table.row_groups, table.rows[end].group, level) == g
                    {
                        end += 1;
                    }
                    labels[r].push(Span {
                        text: g
                            .map(|g| table.row_groups[g].label.zh.clone())
                            .unwrap_or_default(),
                        row: r,
                        col: level,
                        rows: end - r,
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
        }
        Grid {
            label_cols,
            header_rows,
            header,
            labels,
        }
    }
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
