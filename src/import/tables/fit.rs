//! Which of a row's possible fillings agree with the table's rules (row totals, column totals,
//! 一+二=三+四, table 四's group totals). Rows are read uncertain in two ways: values that touch
//! (`glued`: where to cut a run of digits) and rows missing a cell (`gaps`: which columns the
//! cells that are there belong to). Both give each row its candidate fillings, and the rows are
//! weighed here together, given the cells read for sure: a filling is kept only when some whole
//! made of one filling per row keeps every rule.
//!
//! A cell a filling leaves empty is unknown, not 0: a rule naming one unknown cell says what it
//! would have to be, which must be a value its column can hold, and agree with every other rule
//! naming it; a rule naming two unknown cells or more says nothing. A rule over a cell read
//! empty elsewhere in the table says nothing either. So a filling is only ever ruled out by what
//! the report says, never by a guess.

use crate::template::compile::Check;
use crate::template::{Severity, Table};
use crate::value::{CellKind, MAX_UNITS};

/// More fillings than this for one row, or more work than `MAX_WORK` to weigh them together,
/// and the rows are left empty: exactness over coverage.
pub const MAX_WAYS: usize = 20_000;
/// And more fillings than this for the rows of one table together: making them costs time too
/// (a run of nineteen digits cuts into seven values some 18,000 ways).
pub const MAX_TABLE_WAYS: usize = 40_000;
/// Work is counted in cells of rules weighed (and a step for each way tried). Giving up leaves
/// the rows' cells unplaced, never wrong, so the budget bounds the time of any input: a text whose
/// every row is uncertain must still import in a few milliseconds.
const MAX_WORK: usize = 2_000_000;
/// The budget when some way leaves a cell unknown: every whole the search reaches is then weighed
/// against every rule again.
const MAX_WORK_WITH_UNKNOWNS: usize = 300_000;

/// One way to fill a row: its cells in the template's column order, `None` where unknown.
pub type Way = Vec<Option<i64>>;

/// An uncertain row: its fillings, or `None` when there were too many to weigh.
pub struct Uncertain {
    pub row: usize,
    pub ways: Option<Vec<Way>>,
}

/// What became of an uncertain row.
#[derive(Debug, PartialEq, Eq)]
pub enum Cut {
    /// The one way that agrees with the rules.
    Values(Way),
    /// Several ways agree (or too many to weigh: empty): listed, cells left empty.
    Ambiguous(Vec<Way>),
    /// No way agrees with the rules.
    None,
}

/// Every way to put `values` (in order) in `k` cells, leaving the others unknown; `None` when
/// there are more than `limit`.
pub fn gaps(values: &[Option<i64>], k: usize, limit: usize) -> Option<Vec<Way>> {
    /// Fills `way` on from the value `used`.
    fn go(
        values: &[Option<i64>],
        k: usize,
        used: usize,
        way: &mut Way,
        out: &mut Vec<Way>,
        limit: usize,
    ) -> bool {
        if way.len() == k {
            out.push(way.clone());
            return out.len() <= limit;
        }
        // The next value here, or this cell a gap while there is room for one.
        if used < values.len() {
            way.push(values[used]);
            let ok = go(values, k, used + 1, way, out, limit);
            way.pop();
            if !ok {
                return false;
            }
        }
        // A gap straight after a blank cell read is the same way as the gap before it.
        let after_blank = used > 0 && values[used - 1].is_none() && way.last() == Some(&None);
        if k - way.len() > values.len() - used && !after_blank {
            way.push(None);
            let ok = go(values, k, used, way, out, limit);
            way.pop();
            if !ok {
                return false;
            }
        }
        true
    }
    if values.len() > k {
        return Some(Vec::new());
    }
    let mut out = Vec::new();
    go(values, k, 0, &mut Vec::with_capacity(k), &mut out, limit).then_some(out)
}

/// The error rules of `table` that can be weighed: every cell they name is read or in an
/// uncertain row, and one of them is.
fn checks<'a>(table: &'a Table, known: &[Option<i64>], rows: &[usize]) -> Vec<&'a Check> {
    let k = table.columns.len();
    let uncertain = |cell: u32| rows.contains(&(cell as usize / k));
    table
        .checks
        .iter()
        .filter(|c| !c.uses_prev && table.rules[c.rule].severity == Severity::Error)
        .filter(|c| {
            c.cells()
                .all(|cell| known[cell as usize].is_some() || uncertain(cell))
        })
        .filter(|c| c.cells().any(uncertain))
        .collect()
}

/// What a rule says given `values`, where `None` is unknown.
enum Says {
    /// It holds, or can hold whatever its two unknown cells or more are.
    Nothing,
    /// It is broken.
    Broken,
    /// Its one unknown cell must hold this.
    Cell(u32, i128),
}

fn says(table: &Table, values: &[Option<i64>], check: &Check) -> Says {
    // Weighed millions of times in a search: the list of unknown cells is kept between calls
    // rather than allocated for each.
    thread_local! {
        static UNKNOWN: std::cell::RefCell<Vec<(u32, i128)>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    UNKNOWN.with(|u| {
        let mut unknown = u.borrow_mut();
        unknown.clear();
        says_with(table, values, check, &mut unknown)
    })
}

fn says_with(
    table: &Table,
    values: &[Option<i64>],
    check: &Check,
    unknown: &mut Vec<(u32, i128)>,
) -> Says {
    let mut gap = 0i128;
    // The unknown cells and how many times each counts (a cell may stand on both sides).
    let sides = check
        .lhs
        .iter()
        .map(|o| (o, 1))
        .chain(check.rhs.iter().map(|o| (o, -1)));
    for (o, side) in sides.filter(|(o, _)| !o.prev) {
        let sign = if o.negative { -side } else { side };
        match values[o.cell as usize] {
            Some(v) => gap += sign * i128::from(v),
            None => match unknown.iter_mut().find(|(c, _)| *c == o.cell) {
                Some((_, n)) => *n += sign,
                None => unknown.push((o.cell, sign)),
            },
        }
    }
    unknown.retain(|(_, n)| *n != 0);
    // Unknown counts that all stand on one side add up to at least 0: a left side already
    // past its right is broken whatever they are.
    let k = table.columns.len();
    let counts = unknown
        .iter()
        .all(|(c, _)| table.columns[*c as usize % k].kind != CellKind::Change);
    let one_side = |positive: bool| unknown.iter().all(|(_, n)| (*n > 0) == positive);
    match unknown.as_slice() {
        [] if gap == 0 => Says::Nothing,
        [] => Says::Broken,
        [(cell, n)] if gap % n == 0 => Says::Cell(*cell, -gap / n),
        [_] => Says::Broken,
        _ if counts && ((one_side(true) && gap > 0) || (one_side(false) && gap < 0)) => {
            Says::Broken
        }
        _ => Says::Nothing,
    }
}

/// Whether a value can stand in a column of `kind`.
fn can_hold(kind: CellKind, v: i128) -> bool {
    let low = if kind == CellKind::Change {
        -i128::from(MAX_UNITS)
    } else {
        0
    };
    (low..=i128::from(MAX_UNITS)).contains(&v)
}

/// Whether some value of each unknown cell keeps every rule of `checks`, as far as rules naming
/// one unknown cell tell: each such rule gives its cell's value, which then counts for the
/// others. `values` is as it was on return.
fn consistent(
    table: &Table,
    values: &mut [Option<i64>],
    checks: &[&Check],
    work: &mut usize,
) -> bool {
    let k = table.columns.len();
    let mut solved: Vec<usize> = Vec::new();
    let mut ok = true;
    'outer: loop {
        let mut progress = false;
        for c in checks {
            *work += terms(c);
            match says(table, values, c) {
                Says::Nothing => {}
                Says::Broken => {
                    ok = false;
                    break 'outer;
                }
                Says::Cell(cell, v) => {
                    let cell = cell as usize;
                    if !can_hold(table.columns[cell % k].kind, v) {
                        ok = false;
                        break 'outer;
                    }
                    // In range: `can_hold` bounds it by MAX_UNITS.
                    values[cell] = Some(v as i64);
                    solved.push(cell);
                    progress = true;
                }
            }
        }
        if !progress {
            break;
        }
    }
    for cell in solved {
        values[cell] = None;
    }
    ok
}

/// The cells a rule names, each as often as it is named: what weighing it costs.
fn terms(check: &Check) -> usize {
    check.lhs.len() + check.rhs.len()
}

/// Whether one rule, alone, can hold given `values`.
fn may_hold(table: &Table, values: &[Option<i64>], check: &Check) -> bool {
    let k = table.columns.len();
    match says(table, values, check) {
        Says::Nothing => true,
        Says::Broken => false,
        Says::Cell(cell, v) => can_hold(table.columns[cell as usize % k].kind, v),
    }
}

fn put(values: &mut [Option<i64>], k: usize, row: usize, way: Option<&Way>) {
    for c in 0..k {
        values[row * k + c] = way.and_then(|w| w[c]);
    }
}

/// Whether any error rule of the table reads a cell of row `row` (this year's cells only): a row
/// no rule reads can have no reading of its text ruled out.
pub fn row_is_ruled(table: &Table, row: usize) -> bool {
    let k = table.columns.len();
    table
        .checks
        .iter()
        .filter(|c| !c.uses_prev && table.rules[c.rule].severity == Severity::Error)
        .any(|c| c.cells().any(|cell| cell as usize / k == row))
}

/// Whether a filling of row `row` (every cell known) keeps the error rules over that row alone
/// (its total): a filling that does not is never weighed, so it need not be made.
pub fn keeps_own_rules(table: &Table, row: usize) -> impl Fn(&[i64]) -> bool + '_ {
    let k = table.columns.len();
    let own: Vec<&Check> = table
        .checks
        .iter()
        .filter(|c| !c.uses_prev && table.rules[c.rule].severity == Severity::Error)
        .filter(|c| c.cells().all(|cell| cell as usize / k == row))
        .collect();
    let values = std::cell::RefCell::new(vec![None; table.cell_count()]);
    move |way: &[i64]| {
        let mut values = values.borrow_mut();
        for (c, v) in way.iter().enumerate() {
            values[row * k + c] = Some(*v);
        }
        own.iter().all(|c| may_hold(table, &values, c))
    }
}

/// Weighs the uncertain `rows` of `table` together, `known` being the table's cells as read
/// without them.
pub fn cut(table: &Table, known: &[Option<i64>], rows: Vec<Uncertain>) -> Vec<Cut> {
    let k = table.columns.len();
    let row_ids: Vec<usize> = rows.iter().map(|u| u.row).collect();
    let mut checks = checks(table, known, &row_ids);
    let mut rows = rows;
    let budget = if rows
        .iter()
        .flat_map(|u| u.ways.iter().flatten())
        .any(|w| w.contains(&None))
    {
        MAX_WORK_WITH_UNKNOWNS
    } else {
        MAX_WORK
    };
    // The work done, in cells of rules weighed: the rules over one row alone count too, as a
    // row of touching cells may have thousands of ways.
    let mut steps = 0;
    // Rules over one row alone first: they leave few ways to weigh together.
    let mut values = known.to_vec();
    for u in &mut rows {
        let row = u.row;
        let Some(list) = u.ways.as_mut() else {
            continue;
        };
        let own: Vec<&Check> = checks
            .iter()
            .filter(|c| {
                c.cells()
                    .all(|cell| cell as usize / k == row || known[cell as usize].is_some())
            })
            .copied()
            .collect();
        list.retain(|way| {
            // Past the budget the ways are kept unweighed: the search then gives up on them.
            if steps > budget {
                return true;
            }
            put(&mut values, k, row, Some(way));
            let ok = consistent(table, &mut values, &own, &mut steps);
            put(&mut values, k, row, None);
            ok
        });
    }
    // A row no way of which keeps its own rules (cells that touch and lack one too), or with too
    // many ways to weigh, is left out: its cells unknown, as if read empty, so the rules over it
    // say nothing. Weighed with the others it would leave no whole at all, and every other row
    // unplaced with it.
    let out: Vec<usize> = rows
        .iter()
        .filter(|u| u.ways.as_ref().is_none_or(Vec::is_empty))
        .map(|u| u.row)
        .collect();
    checks.retain(|c| c.cells().all(|cell| !out.contains(&(cell as usize / k))));
    let mut possible: Vec<Vec<bool>> = rows
        .iter()
        .map(|u| vec![false; u.ways.as_ref().map_or(0, Vec::len)])
        .collect();
    let order: Vec<usize> = (0..rows.len())
        .filter(|&i| !out.contains(&rows[i].row))
        .collect();
    let mut choice = vec![0usize; rows.len()];
    // The rules each depth completes (every uncertain row they name is chosen by then), worked
    // out once: they depend on the depth only, not on the ways chosen above it.
    let due: Vec<Vec<&Check>> = (0..order.len())
        .map(|depth| {
            let row = rows[order[depth]].row;
            let later: Vec<usize> = order[depth + 1..].iter().map(|&j| rows[j].row).collect();
            checks
                .iter()
                .filter(|c| c.cells().any(|cell| cell as usize / k == row))
                .filter(|c| c.cells().all(|cell| !later.contains(&(cell as usize / k))))
                .copied()
                .collect()
        })
        .collect();
    let unknowns = rows
        .iter()
        .flat_map(|u| u.ways.iter().flatten())
        .any(|w| w.contains(&None));
    let finished = search(
        &Search {
            table,
            rows: &rows,
            checks: &checks,
            order: &order,
            due: &due,
            unknowns,
            due_work: due
                .iter()
                .map(|d| 1 + d.iter().map(|c| terms(c)).sum::<usize>())
                .collect(),
            budget,
        },
        0,
        &mut values,
        &mut choice,
        &mut possible,
        &mut steps,
    );
    rows.into_iter()
        .zip(possible)
        .map(|(u, possible)| {
            let Some(list) = u.ways else {
                return Cut::Ambiguous(Vec::new());
            };
            if list.is_empty() {
                return Cut::None;
            }
            if !finished {
                return Cut::Ambiguous(list);
            }
            let mut kept: Vec<Way> = list
                .into_iter()
                .zip(&possible)
                .filter(|(_, p)| **p)
                .map(|(w, _)| w)
                .collect();
            match kept.len() {
                0 => Cut::None,
                1 => Cut::Values(kept.pop().unwrap_or_default()),
                _ => Cut::Ambiguous(kept),
            }
        })
        .collect()
}

struct Search<'a> {
    table: &'a Table,
    rows: &'a [Uncertain],
    checks: &'a [&'a Check],
    order: &'a [usize],
    /// The rules the row at each depth completes.
    due: &'a [Vec<&'a Check>],
    /// Whether some way leaves a cell unknown.
    unknowns: bool,
    /// What trying one way at each depth costs: a step, and the cells of the rules it completes.
    due_work: Vec<usize>,
    /// The work the search may do before it gives up.
    budget: usize,
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
        // Without unknown cells, the rules weighed on the way down were weighed in full.
        if !s.unknowns || consistent(s.table, values, s.checks, steps) {
            for &j in s.order {
                possible[j][choice[j]] = true;
            }
        }
        return true;
    };
    let k = s.table.columns.len();
    let row = s.rows[i].row;
    let due = &s.due[depth];
    let ways = s.rows[i].ways.as_deref().unwrap_or(&[]);
    for (w, way) in ways.iter().enumerate() {
        *steps += s.due_work[depth];
        if *steps > s.budget {
            put(values, k, row, None);
            return false;
        }
        put(values, k, row, Some(way));
        if due.iter().all(|c| may_hold(s.table, values, c)) {
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

    #[test]
    fn gaps_keep_the_order_and_give_each_way_once() {
        let got = gaps(&[Some(1), Some(2)], 3, MAX_WAYS).unwrap();
        assert_eq!(
            got,
            vec![
                vec![Some(1), Some(2), None],
                vec![Some(1), None, Some(2)],
                vec![None, Some(1), Some(2)],
            ]
        );
        // A blank cell read beside a gap is one way, not two.
        let got = gaps(&[Some(1), None], 3, MAX_WAYS).unwrap();
        assert_eq!(
            got,
            vec![vec![Some(1), None, None], vec![None, Some(1), None]]
        );
        assert_eq!(gaps(&[Some(1); 4], 3, MAX_WAYS), Some(vec![]));
    }

    /// Table 二 of the 2021 format, its rows by id.
    fn applications() -> (std::sync::Arc<crate::template::Template>, usize) {
        let t = Registry::default().get("gov-2021").unwrap();
        let apps = t.table_by_id(2, "applications").unwrap();
        (t, apps)
    }

    #[test]
    fn a_row_missing_a_cell_is_placed_where_the_column_rules_allow_only() {
        let (t, apps) = applications();
        let table = &t.tables[apps];
        let k = table.columns.len();
        let row = |id: &str| table.rows.iter().position(|r| r.id == id).unwrap();
        // 三 and 四 read: 三's 自然人 12, 科研机构 3, total 15; 四 empty of everything.
        let mut known = vec![Some(0); table.cell_count()];
        for c in 0..k {
            known[row("new") * k + c] = None;
            known[row("carried") * k + c] = Some(0);
        }
        for r in [row("handled.granted"), row("handled.total")] {
            known[r * k] = Some(12);
            known[r * k + 2] = Some(3);
            known[r * k + 6] = Some(15);
        }
        // 一 read as "12 3 15": 商业企业 and the three after 科研机构 left out.
        let way = |w: &[Option<i64>]| Uncertain {
            row: row("new"),
            ways: gaps(w, k, MAX_WAYS),
        };
        let got = cut(table, &known, vec![way(&[Some(12), Some(3), Some(15)])]);
        assert_eq!(
            got,
            vec![Cut::Values(vec![
                Some(12),
                None,
                Some(3),
                None,
                None,
                None,
                Some(15)
            ])]
        );
        // With 三 unread, the same row could stand in many places: nothing is taken.
        let unknown = vec![None; table.cell_count()];
        let got = cut(table, &unknown, vec![way(&[Some(12), Some(3), Some(15)])]);
        assert!(matches!(&got[0], Cut::Ambiguous(w) if w.len() > 1));
        // Values no place of which keeps 一+二=三+四 (三 says 自然人 12, 科研机构 3).
        let got = cut(table, &known, vec![way(&[Some(13), Some(3), Some(15)])]);
        assert_eq!(got, vec![Cut::None]);
    }

    #[test]
    fn a_row_no_way_of_which_keeps_its_rules_does_not_sink_the_others() {
        let (t, apps) = applications();
        let table = &t.tables[apps];
        let k = table.columns.len();
        let row = |id: &str| table.rows.iter().position(|r| r.id == id).unwrap();
        let mut known = vec![Some(0); table.cell_count()];
        for c in 0..k {
            known[row("new") * k + c] = None;
            known[row("carried") * k + c] = None;
        }
        for r in [row("handled.granted"), row("handled.total")] {
            known[r * k] = Some(12);
            known[r * k + 2] = Some(3);
            known[r * k + 6] = Some(15);
        }
        // 二 touches and lacks a cell: "0 0 0 0 0 9" has no way that keeps its row total.
        let carried = Uncertain {
            row: row("carried"),
            ways: Some(vec![vec![
                Some(0),
                Some(0),
                Some(0),
                Some(0),
                Some(0),
                Some(0),
                Some(9),
            ]]),
        };
        let new = Uncertain {
            row: row("new"),
            ways: gaps(&[Some(12), Some(3), Some(15)], k, MAX_WAYS),
        };
        let got = cut(table, &known, vec![new, carried]);
        // 二 is left out (its cells unknown), and 一 is still placed where its own rules allow:
        // with 二 unknown, 一+二=三+四 says nothing, so its place is not told.
        assert_eq!(got[1], Cut::None);
        assert!(
            matches!(&got[0], Cut::Ambiguous(w) if !w.is_empty()),
            "{:?}",
            got[0]
        );
    }

    #[test]
    fn an_unknown_cell_must_be_a_value_its_column_can_hold() {
        let (t, apps) = applications();
        let table = &t.tables[apps];
        let k = table.columns.len();
        let row = table.rows.iter().position(|r| r.id == "new").unwrap();
        // "9 5" with five cells left out: 5 cannot be the total with 9 before it (the cells
        // left out would add up to -4); every other place is possible.
        let got = cut(
            table,
            &vec![None; table.cell_count()],
            vec![Uncertain {
                row,
                ways: gaps(&[Some(9), Some(5)], k, MAX_WAYS),
            }],
        );
        let Cut::Ambiguous(ways) = &got[0] else {
            panic!("{got:?}")
        };
        assert!(ways.iter().all(|w| w[6] != Some(5)), "{ways:?}");
        assert!(ways.iter().any(|w| w[6].is_none()));
    }
}
