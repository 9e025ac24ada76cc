//! A section's text merged from three versions piece by piece, a piece being a paragraph or a
//! sentence. A text is one field of the report, but two people rarely change the same sentence:
//! a colleague corrects one paragraph while the clerk adds another. Merged as a whole, one of the
//! two changes would be lost; merged piece by piece, both are kept, and only pieces both sides
//! changed differently are a conflict.

/// A merged text, and whether both sides changed some piece differently (the unsaved edit,
/// `mine`, was kept there).
pub struct MergedText {
    pub text: String,
    pub conflict: bool,
}

/// Beyond this many pairs of differing pieces the comparison is not worth its memory; such texts
/// are merged whole (a conflict when both sides changed them).
const MAX_PAIRS: usize = 4_000_000;

pub fn merge_text(base: &str, mine: &str, theirs: &str) -> MergedText {
    if mine == base || mine == theirs {
        return whole(theirs, false);
    }
    if theirs == base {
        return whole(mine, false);
    }
    let (b, m, t) = (pieces(base), pieces(mine), pieces(theirs));
    let (Some(in_mine), Some(in_theirs)) = (matches(&b, &m), matches(&b, &t)) else {
        return whole(mine, true);
    };
    let mut changes: Vec<(Side, Change)> = (hunks(&in_mine, m.len()).into_iter())
        .map(|h| (Side::Mine, h))
        .chain(
            hunks(&in_theirs, t.len())
                .into_iter()
                .map(|h| (Side::Theirs, h)),
        )
        .collect();
    changes.sort_by_key(|(side, c)| (c.from, c.to, *side == Side::Theirs));
    let mut text = String::with_capacity(mine.len().max(theirs.len()));
    let mut conflict = false;
    let mut at = 0;
    let mut rest = changes.as_slice();
    while let Some(((_, first), _)) = rest.split_first() {
        // The changes that touch the same pieces of `base` as the first one, from either side.
        let (from, mut to) = (first.from, first.to);
        let mut len = 1;
        while let Some((_, next)) = rest.get(len) {
            // Overlapping stretches, or two insertions at one place; changes that only touch
            // (one ends where the other begins) are both applied.
            let overlaps = next.from < to || (from == to && next.from == to && next.to == to);
            if !overlaps {
                break;
            }
            to = to.max(next.to);
            len += 1;
        }
        let (group, later) = rest.split_at(len);
        rest = later;
        b[at..from].iter().for_each(|p| text.push_str(p));
        at = to;
        let sides = |side| {
            group
                .iter()
                .filter(move |(s, _)| *s == side)
                .map(|(_, c)| c)
        };
        let ours = rewrite(&b, from, to, sides(Side::Mine), &m);
        let other = rewrite(&b, from, to, sides(Side::Theirs), &t);
        if ours == other || sides(Side::Theirs).next().is_none() {
            text.push_str(&ours);
        } else if sides(Side::Mine).next().is_none() {
            text.push_str(&other);
        } else if from == to {
            // Both added something at the same place and nothing was replaced: keeping both
            // loses nothing, and the order is the only thing left to check.
            text.push_str(&ours);
            text.push_str(&other);
        } else {
            conflict = true;
            text.push_str(&ours);
        }
    }
    b[at..].iter().for_each(|p| text.push_str(p));
    MergedText { text, conflict }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Mine,
    Theirs,
}

/// The pieces `base[from..to]` replaced by `side[with]`: a deletion when `with` is empty, an
/// insertion when `from == to`.
struct Change {
    from: usize,
    to: usize,
    with: std::ops::Range<usize>,
}

/// The changes that make `base` into a side, from where each piece of `base` stands in it.
fn hunks(found: &[Option<usize>], side_len: usize) -> Vec<Change> {
    let mut out = Vec::new();
    let (mut from, mut next) = (0, 0);
    for (x, at) in found.iter().enumerate() {
        if let Some(y) = *at {
            if from < x || next < y {
                out.push(Change {
                    from,
                    to: x,
                    with: next..y,
                });
            }
            (from, next) = (x + 1, y + 1);
        }
    }
    if from < found.len() || next < side_len {
        out.push(Change {
            from,
            to: found.len(),
            with: next..side_len,
        });
    }
    out
}

/// What `base[from..to]` reads as on one side, its changes in that stretch applied.
fn rewrite<'a>(
    base: &[&str],
    from: usize,
    to: usize,
    changes: impl Iterator<Item = &'a Change>,
    side: &[&str],
) -> String {
    let mut out = String::new();
    let mut at = from;
    for change in changes {
        base[at..change.from].iter().for_each(|p| out.push_str(p));
        side[change.with.clone()]
            .iter()
            .for_each(|p| out.push_str(p));
        at = change.to;
    }
    base[at..to].iter().for_each(|p| out.push_str(p));
    out
}

fn whole(text: &str, conflict: bool) -> MergedText {
    MergedText {
        text: text.to_owned(),
        conflict,
    }
}

/// The text cut after each line end and each sentence end; the pieces put together are the text.
fn pieces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, c) in text.char_indices() {
        if matches!(c, '\n' | '。' | '！' | '？' | '；') {
            let end = at + c.len_utf8();
            out.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// For each piece of `base`, where the same piece stands in `other` in a longest common
/// subsequence of the two; `None` when the texts are too long to compare.
fn matches(base: &[&str], other: &[&str]) -> Option<Vec<Option<usize>>> {
    let mut found = vec![None; base.len()];
    // What both begin and end with needs no table.
    let prefix = base.iter().zip(other).take_while(|(a, b)| a == b).count();
    let rest = base.len().min(other.len()) - prefix;
    let suffix = base
        .iter()
        .rev()
        .zip(other.iter().rev())
        .take(rest)
        .take_while(|(a, b)| a == b)
        .count();
    for (x, at) in found.iter_mut().enumerate().take(prefix) {
        *at = Some(x);
    }
    for x in 0..suffix {
        found[base.len() - 1 - x] = Some(other.len() - 1 - x);
    }
    let b = &base[prefix..base.len() - suffix];
    let o = &other[prefix..other.len() - suffix];
    if b.len().saturating_mul(o.len()) > MAX_PAIRS {
        return None;
    }
    // lengths[x][y]: the longest common subsequence of b[x..] and o[y..].
    let width = o.len() + 1;
    let mut lengths = vec![0u32; (b.len() + 1) * width];
    for x in (0..b.len()).rev() {
        for y in (0..o.len()).rev() {
            lengths[x * width + y] = if b[x] == o[y] {
                lengths[(x + 1) * width + y + 1] + 1
            } else {
                lengths[(x + 1) * width + y].max(lengths[x * width + y + 1])
            };
        }
    }
    let (mut x, mut y) = (0, 0);
    while x < b.len() && y < o.len() {
        if b[x] == o[y] {
            found[prefix + x] = Some(prefix + y);
            (x, y) = (x + 1, y + 1);
        } else if lengths[(x + 1) * width + y] >= lengths[x * width + y + 1] {
            x += 1;
        } else {
            y += 1;
        }
    }
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const BASE: &str = "第一段讲制度。第二句在此。\n第二段讲平台。\n第三段讲监督。\n";

    #[test]
    fn changes_to_different_paragraphs_are_both_kept() {
        let mine = BASE.replace("第一段讲制度。", "第一段讲制度建设。");
        let theirs = BASE.replace("第三段讲监督。", "第三段讲监督保障。");
        let merged = merge_text(BASE, &mine, &theirs);
        assert!(!merged.conflict);
        assert_eq!(
            merged.text,
            "第一段讲制度建设。第二句在此。\n第二段讲平台。\n第三段讲监督保障。\n"
        );
    }

    #[test]
    fn changes_to_different_sentences_of_one_paragraph_are_both_kept() {
        let mine = BASE.replace("第一段讲制度。", "第一段讲规章制度。");
        let theirs = BASE.replace("第二句在此。", "第二句改过。");
        let merged = merge_text(BASE, &mine, &theirs);
        assert!(!merged.conflict);
        assert!(merged.text.starts_with("第一段讲规章制度。第二句改过。\n"));
    }

    #[test]
    fn the_same_sentence_changed_differently_keeps_mine_and_is_a_conflict() {
        let mine = BASE.replace("第二段讲平台。", "第二段讲网站。");
        let theirs = BASE
            .replace("第二段讲平台。", "第二段讲政务新媒体。")
            .replace("第三段讲监督。", "第三段讲考核。");
        let merged = merge_text(BASE, &mine, &theirs);
        assert!(merged.conflict);
        // The other change, to another paragraph, is still kept.
        assert_eq!(
            merged.text,
            "第一段讲制度。第二句在此。\n第二段讲网站。\n第三段讲考核。\n"
        );
    }

    #[test]
    fn both_adding_at_the_end_keeps_both() {
        let mine = format!("{BASE}补记一。");
        let theirs = format!("{BASE}补记二。");
        let merged = merge_text(BASE, &mine, &theirs);
        assert!(!merged.conflict);
        assert_eq!(merged.text, format!("{BASE}补记一。补记二。"));
    }

    #[test]
    fn a_paragraph_removed_on_one_side_and_another_changed_on_the_other() {
        let mine = BASE.replace("第二段讲平台。\n", "");
        let theirs = BASE.replace("第三段讲监督。", "第三段讲问责。");
        let merged = merge_text(BASE, &mine, &theirs);
        assert!(!merged.conflict);
        assert_eq!(merged.text, "第一段讲制度。第二句在此。\n第三段讲问责。\n");
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec!["甲。", "乙。", "丙\n", "丁；", "戊"]),
            0..8,
        )
        .prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn pieces_put_together_are_the_text(s in ".{0,40}") {
            prop_assert_eq!(pieces(&s).concat(), s);
        }

        /// What only one side changed comes out as that side; what both changed the same way too.
        #[test]
        fn a_change_on_one_side_is_that_side(base in text(), changed in text()) {
            prop_assert_eq!(merge_text(&base, &changed, &base).text, changed.clone());
            prop_assert_eq!(merge_text(&base, &base, &changed).text, changed.clone());
            prop_assert_eq!(merge_text(&base, &changed, &changed).text, changed);
        }

        /// Without a conflict every piece `mine` added is in the result, and so is every piece
        /// `theirs` added: neither side's new text is lost.
        #[test]
        fn nothing_added_is_lost_without_a_conflict(base in text(), mine in text(), theirs in text()) {
            let merged = merge_text(&base, &mine, &theirs);
            if !merged.conflict {
                let count = |s: &str, p: &str| pieces(s).iter().filter(|q| **q == p).count();
                for side in [&mine, &theirs] {
                    for p in pieces(side) {
                        // A last piece without an end can join the other side's first.
                        if count(side, p) > count(&base, p) {
                            prop_assert!(merged.text.contains(p), "{p:?} lost");
                        }
                    }
                }
            }
        }
    }
}
