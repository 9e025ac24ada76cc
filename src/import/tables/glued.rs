//! Cells that touch: crawler text prints a row's values with nothing between them
//! ("行政规范性文件693665", "…申请数量2100003 24"). Counts carry no leading zeros, so a run of
//! digits can be cut into a row's values in only so many ways, and the table's rules (row totals,
//! column totals, 一+二=三+四, table 四's group totals) rule most of them out. A row's values are
//! taken only when exactly one way of cutting it agrees with every rule it takes part in, given
//! the other rows as read and every way of cutting the other touching rows; otherwise its cells
//! stay empty and the ways that remain are listed. A rule over a cell that is empty says nothing.

use crate::template::{Severity, Table};
use crate::value::MAX_UNITS;

/// More ways than this to cut one row, or more steps than `MAX_STEPS` to weigh them together,
/// and the rows are left empty: exactness over coverage.
const MAX_WAYS: usize = 20_000;
const MAX_STEPS: usize = 2_000_000;

/// A row whose values touch: its runs of digits, each holding one value or more.
pub struct Touching {
    pub row: usize,
    pub runs: Vec<String>,
}

/// What became of a touching row.
#[derive(Debug, PartialEq, Eq)]
pub enum Cut {
    /// The one way that agrees with the rules.
    Values(Vec<i64>),
    /// Several ways agree (or too many to weigh): listed, cells left empty.
    Ambiguous(Vec<Vec<i64>>),
    /// No way agrees with the rules.
    None,
}

/// Every way to cut `runs` into exactly `k` values without leading zeros.
fn ways(runs: &[String], k: usize) -> Option<Vec<Vec<i64>>> {
    /// The cuts of the digits from `at` on (`runs[at.0][at.1..]` and the runs after it), given
    /// `current`; `left[i]` is how many digits the runs from `i` on hold.
    struct Search<'a> {
        runs: Vec<&'a [u8]>,
        left: Vec<usize>,
        k: usize,
        out: Vec<Vec<i64>>,
    }
    impl Search<'_> {
        fn go(&mut self, run: usize, offset: usize, current: &mut Vec<i64>) -> bool {
            let Some(&bytes) = self.runs.get(run) else {
                if current.len() == self.k {
                    self.out.push(current.clone());
                }
                return self.out.len() <= MAX_WAYS;
            };
            let rest = &bytes[offset..];
            if rest.is_empty() {
                return self.go(run + 1, 0, current);
            }
            // Each later run needs a value at least, and so does every digit-less place left.
            let later_runs = self.runs.len() - run - 1;
            let room = self.k.saturating_sub(current.len() + later_runs);
            let after_this = self.left[run + 1];
            for len in 1..=rest.len().min(18) {
                let part = &rest[..len];
                if part.len() > 1 && part[0] == b'0' {
                    break;
                }
                let Ok(value) = std::str::from_utf8(part).unwrap_or("x").parse::<i64>() else {
                    break;
                };
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
        out: Vec::new(),
    };
    search
        .go(0, 0, &mut Vec::with_capacity(k))
        .then_some(search.out)
}

/// The error rules of `table` that can be weighed: every cell they name is read or touching.
fn checks<'a>(
    table: &'a Table,
    known: &[Option<i64>],
    touching_rows: &[usize],
) -> Vec<&'a crate::template::compile::Check> {
    let k = table.columns.len();
    table
        .checks
        .iter()
        .filter(|c| !c.uses_prev && table.rules[c.rule].severity == Severity::Error)
        .filter(|c| {
            c.cells().all(|cell| {
                known[cell as usize].is_some() || touching_rows.contains(&(cell as usize / k))
            })
        })
        .filter(|c| {
            c.cells()
                .any(|cell| touching_rows.contains(&(cell as usize / k)))
        })
        .collect()
}

/// Cuts the touching rows of `table`, `known` being the table's cells as read without them.
pub fn cut(table: &Table, known: &[Option<i64>], touching: &[Touching]) -> Vec<Cut> {
    let k = table.columns.len();
    let rows: Vec<usize> = touching.iter().map(|t| t.row).collect();
    let checks = checks(table, known, &rows);
    let mut candidates: Vec<Option<Vec<Vec<i64>>>> =
        touching.iter().map(|t| ways(&t.runs, k)).collect();
    // Rules over one row alone first: they leave few ways to weigh together.
    let mut values = known.to_vec();
    for (i, t) in touching.iter().enumerate() {
        let Some(list) = candidates[i].as_mut() else {
            continue;
        };
        let own: Vec<_> = checks
            .iter()
            .filter(|c| {
                c.cells()
                    .all(|cell| cell as usize / k == t.row || known[cell as usize].is_some())
            })
            .collect();
        list.retain(|way| {
            put(&mut values, k, t.row, Some(way));
            let ok = own.iter().all(|c| holds(&values, c));
            put(&mut values, k, t.row, None);
            ok
        });
    }
    // Then every row with every other: which ways are part of some whole that keeps every rule.
    let mut possible: Vec<Vec<bool>> = candidates
        .iter()
        .map(|c| vec![false; c.as_ref().map_or(0, Vec::len)])
        .collect();
    let searchable: Vec<usize> = (0..touching.len())
        .filter(|&i| candidates[i].is_some())
        .collect();
    let mut steps = 0;
    let mut choice = vec![0usize; touching.len()];
    let finished = search(
        &Search {
            table_k: k,
            touching,
            candidates: &candidates,
            checks: &checks,
            order: &searchable,
        },
        0,
        &mut values,
        &mut choice,
        &mut possible,
        &mut steps,
    );
    touching
        .iter()
        .enumerate()
        .map(|(i, _)| {
            let Some(list) = candidates[i].take() else {
                return Cut::Ambiguous(Vec::new());
            };
            if !finished {
                return Cut::Ambiguous(list);
            }
            let kept: Vec<Vec<i64>> = list
                .into_iter()
                .zip(&possible[i])
                .filter(|(_, p)| **p)
                .map(|(w, _)| w)
                .collect();
            match kept.len() {
                0 => Cut::None,
                1 => Cut::Values(kept.into_iter().next().unwrap_or_default()),
                _ => Cut::Ambiguous(kept),
            }
        })
        .collect()
}

struct Search<'a> {
    table_k: usize,
    touching: &'a [Touching],
    candidates: &'a [Option<Vec<Vec<i64>>>],
    checks: &'a [&'a crate::template::compile::Check],
    order: &'a [usize],
}

fn put(values: &mut [Option<i64>], k: usize, row: usize, way: Option<&Vec<i64>>) {
    for c in 0..k {
        values[row * k + c] = way.map(|w| w[c]);
    }
}

fn holds(values: &[Option<i64>], check: &crate::template::compile::Check) -> bool {
    crate::rules::sides(values, None, check).is_some_and(|(l, r)| l == r)
}

/// Depth-first over the rows in `order`; marks every way that ends in a whole keeping every
/// rule. Returns false when it gave up.
fn search(
    s: &Search,
    depth: usize,
    values: &mut [Option<i64>],
    choice: &mut [usize],
    possible: &mut [Vec<bool>],
    steps: &mut usize,
) -> bool {
    let Some(&i) = s.order.get(depth) else {
        for &j in s.order {
            possible[j][choice[j]] = true;
        }
        return true;
    };
    let later: Vec<usize> = s.order[depth + 1..]
        .iter()
        .map(|&j| s.touching[j].row)
        .collect();
    let k = s.table_k;
    let row = s.touching[i].row;
    // The rules this row completes: every touching row they name is now chosen.
    let due: Vec<_> = s
        .checks
        .iter()
        .filter(|c| c.cells().any(|cell| cell as usize / k == row))
        .filter(|c| c.cells().all(|cell| !later.contains(&(cell as usize / k))))
        .collect();
    let ways = s.candidates[i].as_deref().unwrap_or(&[]);
    for (w, way) in ways.iter().enumerate() {
        *steps += 1;
        if *steps > MAX_STEPS {
            return false;
        }
        put(values, k, row, Some(way));
        if due.iter().all(|c| holds(values, c)) {
            choice[i] = w;
            if !search(s, depth + 1, values, choice, possible, steps) {
                put(values, k, row, None);
                return false;
            }
        }
    }
    put(values, k, row, None);
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Registry;

    fn runs(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn ways_have_no_leading_zeros() {
        assert_eq!(ways(&runs(&["000"]), 3), Some(vec![vec![0, 0, 0]]));
        let w = ways(&runs(&["1203"]), 3).unwrap();
        assert_eq!(w, vec![vec![1, 20, 3], vec![12, 0, 3]]);
        assert_eq!(ways(&runs(&["12"]), 3), Some(vec![]));
        assert_eq!(ways(&runs(&["1", "23"]), 3), Some(vec![vec![1, 2, 3]]));
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
