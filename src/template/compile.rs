//! Turns a table's rules into checks: one per row or column the rule applies to, with every id and
//! glob already resolved to cell indexes, so evaluating a report is a few tight loops.

use super::expr::{self, Expr, Term};
use crate::i18n::template::{Problem, TemplateMessage, Thing, Within};
use crate::template::schema::Each;

/// One cell taking part in a check, with its sign.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Operand {
    /// Row-major index into the table's cells.
    pub cell: u32,
    pub negative: bool,
    /// The cell of last year's report.
    pub prev: bool,
}

/// A rule applied to one row or column of a table.
#[derive(Clone, Debug)]
pub struct Check {
    /// Index into the table's rules.
    pub rule: usize,
    /// The row (for `each = "row"`) or column (for `each = "column"`) it is applied to.
    pub line: usize,
    pub lhs: Vec<Operand>,
    pub rhs: Vec<Operand>,
    /// The single cell the left side names, if it does: the cell a finding points at.
    pub anchor: Option<u32>,
    /// The cell this check fills in, for a derived rule.
    pub target: Option<u32>,
    pub uses_prev: bool,
}

impl Check {
    /// Every cell of this year's report that takes part.
    pub fn cells(&self) -> impl Iterator<Item = u32> + '_ {
        self.lhs
            .iter()
            .chain(&self.rhs)
            .filter(|o| !o.prev)
            .map(|o| o.cell)
    }
}

/// The ids of a table's two axes, as the compiler needs them.
pub struct Axes<'a> {
    pub rows: &'a [&'a str],
    pub columns: &'a [&'a str],
}

/// Compiles one rule into its checks. `ids_on_axis` are the ids a rule's terms name (the columns
/// of a per-row rule, the rows of a per-column rule).
pub fn compile_rule(
    rule_index: usize,
    source: &str,
    each: Each,
    derive: bool,
    axes: &Axes<'_>,
) -> Result<Vec<Check>, TemplateMessage> {
    let within = |m: TemplateMessage| m.within(Within::RuleSource(source.to_string()));
    let expr = expr::parse(source).map_err(|e| within(e.problem().into()))?;
    let (lines, named) = match each {
        Each::Row => (axes.rows, axes.columns),
        Each::Column => (axes.columns, axes.rows),
    };
    let resolve = |terms: &[Term]| -> Result<Vec<(usize, bool, bool)>, TemplateMessage> {
        let mut out = Vec::new();
        for term in terms {
            let before = out.len();
            for (i, id) in named.iter().enumerate() {
                if expr::glob_matches(&term.pattern, id) {
                    out.push((i, term.negative, term.prev));
                }
            }
            if out.len() == before {
                let axis = match each {
                    Each::Row => Thing::Column,
                    Each::Column => Thing::Row,
                };
                return Err(within(
                    Problem::NoIdMatches {
                        axis,
                        pattern: term.pattern.clone(),
                    }
                    .into(),
                ));
            }
        }
        Ok(out)
    };
    let lhs = resolve(&expr.lhs)?;
    let rhs = resolve(&expr.rhs)?;
    let single_lhs = single_cell(&expr);
    if derive && single_lhs.is_none() {
        return Err(within(Problem::DeriveNotOneCell.into()));
    }
    let uses_prev = lhs.iter().chain(&rhs).any(|t| t.2);
    if derive && uses_prev {
        return Err(within(Problem::DerivePrev.into()));
    }
    let ncols = axes.columns.len();
    let cell = |line: usize, named_index: usize| -> u32 {
        let (row, col) = match each {
            Each::Row => (line, named_index),
            Each::Column => (named_index, line),
        };
        (row * ncols + col) as u32
    };
    let checks = (0..lines.len())
        .map(|line| {
            let operands = |side: &[(usize, bool, bool)]| {
                side.iter()
                    .map(|&(i, negative, prev)| Operand {
                        cell: cell(line, i),
                        negative,
                        prev,
                    })
                    .collect::<Vec<_>>()
            };
            let anchor = single_lhs.map(|_| cell(line, lhs[0].0));
            Check {
                rule: rule_index,
                line,
                lhs: operands(&lhs),
                rhs: operands(&rhs),
                anchor,
                target: anchor.filter(|_| derive),
                uses_prev,
            }
        })
        .collect();
    Ok(checks)
}

fn single_cell(expr: &Expr) -> Option<()> {
    match expr.lhs.as_slice() {
        [t] if !t.negative && !t.prev && !t.is_glob() => Some(()),
        _ => None,
    }
}
