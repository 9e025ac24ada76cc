//! The order a table's values are printed in, read from a header of several levels (table 四:
//! 行政复议 / 行政诉讼 › 未经复议直接起诉 / 复议后起诉, each over 结果维持 … 总计).
//!
//! A header printed as text gives each level's cells on a line, left to right, a cell spanning
//! several levels on the line of its top: the first line holds the top level, each next line the
//! children of the groups above it, group by group. A group whose children are not on the next
//! line (they span down to a later one) keeps its place and takes them from a later line. The
//! header gives an order only when every line is read so, to the last column: anything else says
//! nothing of the order, and the template's is kept.

use crate::import::labels::Place;
use crate::template::Table;

/// A cell of the header: a group of columns, or a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Node {
    Group(usize),
    Column(usize),
}

/// A header cell as read: every place its text may name in the table ("结果维持" names a
/// column of each group).
pub type Token = Vec<Place>;

/// The groups and columns directly under `parent` (the table itself for `None`).
fn children(table: &Table, parent: Option<usize>) -> Vec<Node> {
    let groups = (0..table.column_groups.len())
        .filter(|&g| table.column_groups[g].parent == parent)
        .map(Node::Group);
    let columns = (0..table.columns.len())
        .filter(|&c| table.columns[c].group == parent)
        .map(Node::Column);
    groups.chain(columns).collect()
}

fn names(token: &Token, node: Node) -> bool {
    token.iter().any(|p| match (p, node) {
        (Place::ColumnGroup(_, g), Node::Group(n)) => *g == n,
        (Place::Column(_, c), Node::Column(n)) => *c == n,
        _ => false,
    })
}

/// The children of a group in the order `tokens` print them, each named once.
fn printed(tokens: &[Token], kids: &[Node]) -> Option<Vec<Node>> {
    if tokens.len() != kids.len() {
        return None;
    }
    let mut used = vec![false; kids.len()];
    let mut out = Vec::with_capacity(kids.len());
    for token in tokens {
        let k = (0..kids.len()).find(|&k| !used[k] && names(token, kids[k]))?;
        used[k] = true;
        out.push(kids[k]);
    }
    Some(out)
}

/// The template column printed at each place, when the header `lines` give every column's
/// place; `None` when they do not.
pub fn column_order(table: &Table, lines: &[Vec<Token>]) -> Option<Vec<usize>> {
    if table.column_groups.is_empty() {
        return None;
    }
    let order_of = vec![None; table.column_groups.len() + 1];
    let order = order_below(table, vec![None], order_of, lines)?;
    (order.len() == table.columns.len()).then_some(order)
}

/// The template columns printed at each place when the header `lines` head only a part of the
/// table: their first line names some groups of one level, each once (table 四 printed as two
/// tables, 行政复议 over its five columns, then 行政诉讼 over its ten). `None` when the lines
/// name every column (that is [`column_order`]'s) or do not give each named group's columns.
pub fn part_column_order(table: &Table, lines: &[Vec<Token>]) -> Option<Vec<usize>> {
    let (first, rest) = lines.split_first()?;
    let level = std::iter::once(None)
        .chain((0..table.column_groups.len()).map(Some))
        .find_map(|parent| {
            let groups: Vec<Node> = children(table, parent)
                .into_iter()
                .filter(|n| matches!(n, Node::Group(_)))
                .collect();
            let mut used = vec![false; groups.len()];
            first
                .iter()
                .map(|token| {
                    let k = (0..groups.len()).find(|&k| !used[k] && names(token, groups[k]))?;
                    used[k] = true;
                    Some(groups[k])
                })
                .collect::<Option<Vec<Node>>>()
        })?;
    let open = level
        .iter()
        .filter_map(|n| match n {
            Node::Group(g) => Some(Some(*g)),
            Node::Column(_) => None,
        })
        .collect();
    let mut order_of = vec![None; table.column_groups.len() + 1];
    order_of[0] = Some(level);
    let order = order_below(table, open, order_of, rest)?;
    (!order.is_empty() && order.len() < table.columns.len()).then_some(order)
}

/// The columns under the nodes `order_of[0]` will hold, left to right, reading `lines` for the
/// children of the `open` groups (`None` is the table).
fn order_below(
    table: &Table,
    mut open: Vec<Option<usize>>,
    mut order_of: Vec<Option<Vec<Node>>>,
    lines: &[Vec<Token>],
) -> Option<Vec<usize>> {
    let slot = |parent: Option<usize>| parent.map_or(0, |g| g + 1);
    for tokens in lines {
        let mut next = Vec::new();
        let mut at = 0;
        for &parent in &open {
            let kids = children(table, parent);
            let end = at + kids.len();
            match tokens.get(at..end).and_then(|run| printed(run, &kids)) {
                Some(nodes) => {
                    next.extend(nodes.iter().filter_map(|n| match n {
                        Node::Group(g) => Some(Some(*g)),
                        Node::Column(_) => None,
                    }));
                    order_of[slot(parent)] = Some(nodes);
                    at = end;
                }
                None => next.push(parent),
            }
        }
        if at != tokens.len() {
            return None;
        }
        open = next;
    }
    if !open.is_empty() {
        return None;
    }
    // The columns left to right: each group's children in their printed order.
    let mut order = Vec::with_capacity(table.columns.len());
    let mut stack: Vec<Node> = order_of[0].clone()?.into_iter().rev().collect();
    while let Some(node) = stack.pop() {
        match node {
            Node::Column(c) => order.push(c),
            Node::Group(g) => stack.extend(order_of[g + 1].clone()?.into_iter().rev()),
        }
    }
    Some(order)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Registry;

    /// Table 四's header as lines of labels, each read as every place it names.
    fn lines(table: &Table, t: usize, text: &[&str]) -> Vec<Vec<Token>> {
        text.iter()
            .map(|line| {
                line.split(' ')
                    .map(|word| {
                        let groups = (0..table.column_groups.len())
                            .filter(|&g| table.column_groups[g].label.zh == word)
                            .map(|g| Place::ColumnGroup(t, g));
                        let columns = (0..table.columns.len())
                            .filter(|&c| table.columns[c].label.zh == word)
                            .map(|c| Place::Column(t, c));
                        groups.chain(columns).collect()
                    })
                    .collect()
            })
            .collect()
    }

    const LEAVES: &str = "结果维持 结果纠正 其他结果 尚未审结 总计";

    #[test]
    fn the_official_header_gives_the_templates_order() {
        let template = Registry::default().get("gov-2021").unwrap();
        let t = template.tables.len() - 1;
        let table = &template.tables[t];
        let header = [
            "行政复议 行政诉讼".to_string(),
            format!("{LEAVES} 未经复议直接起诉 复议后起诉"),
            format!("{LEAVES} {LEAVES}"),
        ];
        let text: Vec<&str> = header.iter().map(String::as_str).collect();
        assert_eq!(
            column_order(table, &lines(table, t, &text)),
            Some((0..15).collect())
        );
    }

    #[test]
    fn groups_and_columns_printed_in_another_order() {
        let template = Registry::default().get("gov-2021").unwrap();
        let t = template.tables.len() - 1;
        let table = &template.tables[t];
        // 行政诉讼 first, 复议后起诉 before 未经复议直接起诉, 总计 first in the review; the
        // review's columns on the last line, with the suits' (they span both lower lines).
        let header = [
            "行政诉讼 行政复议",
            "复议后起诉 未经复议直接起诉",
            "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计 总计 结果维持 结果纠正 其他结果 尚未审结",
        ];
        let order = column_order(table, &lines(table, t, &header)).unwrap();
        assert_eq!(order, [10, 11, 12, 13, 14, 5, 6, 7, 8, 9, 4, 0, 1, 2, 3]);
    }

    #[test]
    fn a_header_over_a_part_of_the_table_gives_that_parts_columns() {
        let template = Registry::default().get("gov-2021").unwrap();
        let t = template.tables.len() - 1;
        let table = &template.tables[t];
        let part = |header: &[&str]| part_column_order(table, &lines(table, t, header));
        assert_eq!(part(&["行政复议", LEAVES]), Some((0..5).collect()));
        let suits = [
            "行政诉讼".to_string(),
            "未经复议直接起诉 复议后起诉".to_string(),
            format!("{LEAVES} {LEAVES}"),
        ];
        let suits: Vec<&str> = suits.iter().map(String::as_str).collect();
        assert_eq!(part(&suits), Some((5..15).collect()));
        // One lawsuit group alone, its total first.
        assert_eq!(
            part(&["复议后起诉", "总计 结果维持 结果纠正 其他结果 尚未审结"]),
            Some(vec![14, 10, 11, 12, 13])
        );
        // Not a part: the whole header, a group without its columns, columns without a group.
        let whole = [
            "行政复议 行政诉讼".to_string(),
            format!("{LEAVES} 未经复议直接起诉 复议后起诉"),
            format!("{LEAVES} {LEAVES}"),
        ];
        let whole: Vec<&str> = whole.iter().map(String::as_str).collect();
        assert_eq!(part(&whole), None);
        assert_eq!(part(&["行政诉讼", "未经复议直接起诉 复议后起诉"]), None);
        assert_eq!(part(&[LEAVES]), None);
        assert_eq!(part(&["行政复议", "结果维持 结果纠正 其他结果"]), None);
    }

    #[test]
    fn a_header_that_does_not_name_every_column_says_nothing() {
        let template = Registry::default().get("gov-2021").unwrap();
        let t = template.tables.len() - 1;
        let table = &template.tables[t];
        for header in [
            &["行政复议 行政诉讼", "未经复议直接起诉 复议后起诉"][..],
            &[
                "行政复议 行政诉讼",
                "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉",
            ],
            &[
                "行政复议 行政诉讼",
                "结果维持 结果维持 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉",
                "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计",
            ],
            &["行政复议 行政诉讼 未经复议直接起诉"],
        ] {
            assert_eq!(
                column_order(table, &lines(table, t, header)),
                None,
                "{header:?}"
            );
        }
    }
}
