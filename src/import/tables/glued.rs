//! Cells that touch: crawler text prints a row's values with nothing between them
//! ("行政规范性文件693665", "…申请数量2100003 24"). Counts carry no leading zeros, so a run of
//! digits can be cut into a row's values in only so many ways, and the table's rules (row totals,
//! column totals, 一+二=三+四, table 四's group totals) rule most of them out. A row's values are
//! taken only when exactly one way of cutting it agrees with every rule it takes part in, given
//! the other rows as read and every way of cutting the other touching rows; otherwise its cells
//! stay empty and the ways that remain are listed. A rule over a cell that is empty says nothing.

//! The ways are weighed against the rules, with the other uncertain rows, in `fit`.

use super::fit::Way;
use crate::value::MAX_UNITS;

/// The fillings of a touching row of `k` cells: every way to cut `runs` into exactly `k` values
/// without leading zeros that `keep` keeps; `None` when there are more than `limit`, or more cuts
/// to try than `tries` (which counts down the cuts tried).
pub fn candidates(
    runs: &[String],
    k: usize,
    limit: usize,
    tries: &mut usize,
    keep: &dyn Fn(&[i64]) -> bool,
) -> Option<Vec<Way>> {
    /// The cuts of the digits from `at` on (`runs[at.0][at.1..]` and the runs after it), given
    /// `current`; `left[i]` is how many digits the runs from `i` on hold.
    struct Search<'a> {
        runs: Vec<&'a [u8]>,
        left: Vec<usize>,
        k: usize,
        limit: usize,
        keep: &'a dyn Fn(&[i64]) -> bool,
        tries: usize,
        out: Vec<Way>,
    }
    impl Search<'_> {
        fn go(&mut self, run: usize, offset: usize, current: &mut Vec<i64>) -> bool {
            let Some(&bytes) = self.runs.get(run) else {
                if current.len() == self.k {
                    if self.tries == 0 {
                        return false;
                    }
                    self.tries -= 1;
                    if (self.keep)(current) {
                        self.out.push(current.iter().map(|&v| Some(v)).collect());
                    }
                }
                return self.out.len() <= self.limit;
            };
            let rest = &bytes[offset..];
            if rest.is_empty() {
                return self.go(run + 1, 0, current);
            }
            // Each later run needs a value at least, and so does every digit-less place left.
            let later_runs = self.runs.len() - run - 1;
            let room = self.k.saturating_sub(current.len() + later_runs);
            let after_this = self.left[run + 1];
            // The value grows a digit at a time (runs hold ASCII digits only).
            let mut value: i64 = 0;
            for len in 1..=rest.len().min(18) {
                if len > 1 && rest[0] == b'0' {
                    break;
                }
                let digit = rest[len - 1];
                if !digit.is_ascii_digit() {
                    break;
                }
                value = value * 10 + i64::from(digit - b'0');
                if value > MAX_UNITS || room == 0 {
                    break;
                }
                // The digits left must be enough for the values still to come.
                let digits_left = rest.len() - len + after_this;
                if digits_left < self.k - current.len() - 1 {
                    break;
                }
                current.push(value);
                let ok = self.go(run, offset + len, current);
                current.pop();
                if !ok {
                    return false;
                }
            }
            true
        }
    }
    let bytes: Vec<&[u8]> = runs.iter().map(|r| r.as_bytes()).collect();
    let mut left = vec![0; bytes.len() + 1];
    for i in (0..bytes.len()).rev() {
        left[i] = left[i + 1] + bytes[i].len();
    }
    let mut search = Search {
        runs: bytes,
        left,
        k,
        limit,
        keep,
        tries: *tries,
        out: Vec::new(),
    };
    let done = search.go(0, 0, &mut Vec::with_capacity(k));
    *tries = search.tries;
    done.then_some(search.out)
}

/// More cuts than this are not tried for the rows of one table together: a run of 21 digits cuts
/// into seven values some 38,000 ways, each tried against the row's own rules as it is made.
pub const MAX_TABLE_CUTS: usize = 100_000;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{Registry, Table};

    /// A row whose values touch: its runs of digits, each holding one value or more.
    struct Touching {
        row: usize,
        runs: Vec<String>,
    }

    /// The outcome of cutting touching rows, by value.
    #[derive(Debug, PartialEq, Eq)]
    enum Cut {
        Values(Vec<i64>),
        Ambiguous(Vec<Vec<i64>>),
        None,
    }

    fn cut(table: &Table, known: &[Option<i64>], touching: &[Touching]) -> Vec<Cut> {
        let k = table.columns.len();
        let rows = touching
            .iter()
            .map(|t| super::super::fit::Uncertain {
                row: t.row,
                ways: candidates(
                    &t.runs,
                    k,
                    super::super::fit::MAX_WAYS,
                    &mut MAX_TABLE_CUTS.clone(),
                    &|_| true,
                ),
            })
            .collect();
        let full = |w: Vec<Option<i64>>| w.into_iter().map(|v| v.unwrap()).collect();
        super::super::fit::cut(table, known, rows)
            .into_iter()
            .map(|c| match c {
                super::super::fit::Cut::Values(w) => Cut::Values(full(w)),
                super::super::fit::Cut::Ambiguous(ws) => {
                    Cut::Ambiguous(ws.into_iter().map(full).collect())
                }
                super::super::fit::Cut::None => Cut::None,
            })
            .collect()
    }

    fn runs(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn ways_have_no_leading_zeros() {
        let ways = |r: &[&str], k| {
            candidates(
                &runs(r),
                k,
                super::super::fit::MAX_WAYS,
                &mut MAX_TABLE_CUTS.clone(),
                &|_| true,
            )
            .map(|ws| {
                ws.into_iter()
                    .map(|w| w.into_iter().map(Option::unwrap).collect::<Vec<i64>>())
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(ways(&["000"], 3), Some(vec![vec![0, 0, 0]]));
        let w = ways(&["1203"], 3).unwrap();
        assert_eq!(w, vec![vec![1, 20, 3], vec![12, 0, 3]]);
        assert_eq!(ways(&["12"], 3), Some(vec![]));
        assert_eq!(ways(&["1", "23"], 3), Some(vec![vec![1, 2, 3]]));
    }

    #[test]
    fn a_row_total_decides_and_a_table_without_rules_does_not() {
        let t = Registry::default().get("gov-2021").unwrap();
        let apps = t.table_by_id(2, "applications").unwrap();
        let table = &t.tables[apps];
        let known = vec![None; table.cell_count()];
        // 21+0+0+0+0+3 = 24; 2+10+0+0+0+3 = 15 ≠ 24.
        let got = cut(
            table,
            &known,
            &[Touching {
                row: 0,
                runs: runs(&["2100003", "24"]),
            }],
        );
        assert_eq!(got, vec![Cut::Values(vec![21, 0, 0, 0, 0, 3, 24])]);
        let documents = t.table_by_id(1, "documents").unwrap();
        let table = &t.tables[documents];
        let got = cut(
            table,
            &vec![None; table.cell_count()],
            &[Touching {
                row: 1,
                runs: runs(&["693665"]),
            }],
        );
        assert!(
            matches!(&got[0], Cut::Ambiguous(w) if w.len() > 2 && w.contains(&vec![69, 36, 65]))
        );
    }

    #[test]
    fn as_many_digits_as_cells_is_one_way_kept_when_the_group_totals_hold() {
        let t = Registry::default().get("gov-2021").unwrap();
        let cases = t.table_by_id(3, "cases").unwrap();
        let table = &t.tables[cases];
        let got = cut(
            table,
            &vec![None; table.cell_count()],
            &[Touching {
                row: 0,
                runs: runs(&["101021010210102"]),
            }],
        );
        assert_eq!(
            got,
            vec![Cut::Values(vec![
                1, 0, 1, 0, 2, 1, 0, 1, 0, 2, 1, 0, 1, 0, 2
            ])]
        );
        // The one way breaks a group total: no way agrees, nothing is taken.
        let got = cut(
            table,
            &vec![None; table.cell_count()],
            &[Touching {
                row: 0,
                runs: runs(&["101031010210102"]),
            }],
        );
        assert_eq!(got, vec![Cut::None]);
    }

    #[test]
    fn column_rules_tie_the_rows_together() {
        let t = Registry::default().get("gov-2021").unwrap();
        let apps = t.table_by_id(2, "applications").unwrap();
        let table = &t.tables[apps];
        let k = table.columns.len();
        let row = |id: &str| table.rows.iter().position(|r| r.id == id).unwrap();
        // Every other row read: 三 has 12 granted requests from natural persons, 四 none.
        let mut known = vec![Some(0); table.cell_count()];
        for r in [row("new"), row("carried")] {
            for c in 0..k {
                known[r * k + c] = None;
            }
        }
        for r in [row("handled.granted"), row("handled.total")] {
            known[r * k] = Some(12);
            known[r * k + 6] = Some(12);
        }
        let got = cut(
            table,
            &known,
            &[
                // 1,0,0,0,0,0 | 1: the only way.
                Touching {
                    row: row("new"),
                    runs: runs(&["100000", "1"]),
                },
                // 11,0,0,0,0,0 | 11 and 1,10,0,0,0,0 | 11 both keep the row total; only the
                // first keeps 一+二=三+四 in 自然人 (1 + 11 = 12) and in 商业企业 (0 + 0 = 0).
                Touching {
                    row: row("carried"),
                    runs: runs(&["1100000", "11"]),
                },
            ],
        );
        assert_eq!(
            got,
            vec![
                Cut::Values(vec![1, 0, 0, 0, 0, 0, 1]),
                Cut::Values(vec![11, 0, 0, 0, 0, 0, 11]),
            ]
        );
        // Without the rows that say how many were handled, both ways stay possible.
        let unknown = vec![None; table.cell_count()];
        let got = cut(
            table,
            &unknown,
            &[Touching {
                row: row("carried"),
                runs: runs(&["1100000", "11"]),
            }],
        );
        assert_eq!(
            got,
            vec![Cut::Ambiguous(vec![
                vec![1, 10, 0, 0, 0, 0, 11],
                vec![11, 0, 0, 0, 0, 0, 11]
            ])]
        );
    }
}
