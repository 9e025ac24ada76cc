//! Finding text shifted along a row. When the rest of a row is the previous frame's moved right
//! (something was inserted: a file name gaining "[+]") or left (a table scrolled sideways by a
//! column), the terminal can move it itself: inserting or deleting characters (ICH, DCH) costs
//! about ten bytes, redrawing what moved costs a byte or more a cell. Only what then still
//! differs is drawn.
//!
//! An insert never brings in more blanks than the row keeps: tmux 3.3a, much used over SSH,
//! blanks only as many cells as it moves and leaves the others showing what they showed (a help
//! box drawn that way over a table let the table's header show through its blanks).

use ratatui::buffer::{Buffer, Cell};
use unicode_width::UnicodeWidthStr;

/// Row `y`'s cells from column `x` on moved right (insert) or left (delete) by `by` columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shift {
    pub y: u16,
    pub x: u16,
    pub by: u16,
    pub insert: bool,
}

/// The escape sequences and a cursor move cost about this many cells.
const OVERHEAD: usize = 12;
/// Shifts weighed per direction: the smallest that bring a cell back where it is needed.
const CANDIDATES: usize = 3;

/// Whether column `x` of `row` starts a character (is not the second half of a wide one).
fn boundary(row: &[Cell], x: usize) -> bool {
    x == 0 || x >= row.len() || row[x - 1].symbol().width() < 2
}

/// The cells of `new` from column `x` on that differ from `old` shifted by `by` there.
fn differing_after(old: &[Cell], new: &[Cell], x: usize, by: usize, insert: bool) -> usize {
    let width = new.len();
    (x..width)
        .filter(|&c| {
            let source = if insert {
                c.checked_sub(by).filter(|&s| s >= x)
            } else {
                Some(c + by).filter(|&s| s < width)
            };
            match source {
                Some(s) => old[s] != new[c],
                // A blank comes in: it differs unless a blank is wanted.
                None => new[c] != Cell::EMPTY,
            }
        })
        .count()
}

/// The best shift for row `y` of two frames, if one saves anything. `shown` tells, per column,
/// whether the terminal holds the character the old frame says (its halves of wide characters
/// agree): a shift must not cut a character the terminal shows differently.
pub fn find(old: &Buffer, new: &Buffer, y: u16, shown: impl Fn(usize) -> bool) -> Option<Shift> {
    let width = new.area.width as usize;
    if old.area != new.area || y >= new.area.height {
        return None;
    }
    let start = y as usize * width;
    let (old_row, new_row) = (
        &old.content[start..start + width],
        &new.content[start..start + width],
    );
    let x = (0..width).find(|&c| old_row[c] != new_row[c])?;
    let without = (x..width).filter(|&c| old_row[c] != new_row[c]).count();
    if without <= OVERHEAD || !boundary(old_row, x) || !boundary(new_row, x) || !shown(x) {
        return None;
    }
    let mut best: Option<(usize, Shift)> = None;
    for insert in [true, false] {
        // The shifts that bring the first differing cell's old or new content into place.
        let candidates = (1..width - x)
            .filter(|&by| !insert || by <= width - x - by)
            .filter(|&by| {
                if insert {
                    new_row[x + by] == old_row[x]
                } else {
                    old_row[x + by] == new_row[x]
                }
            })
            .take(CANDIDATES);
        for by in candidates {
            // The characters that cross the cut (the end for an insert, `x + by` for a delete)
            // must be whole on both sides of it.
            let cut = if insert { width - by } else { x + by };
            if !boundary(old_row, cut) || !shown(cut) {
                continue;
            }
            let cost = differing_after(old_row, new_row, x, by, insert) + OVERHEAD;
            if cost < without && best.is_none_or(|(saved, _)| without - cost > saved) {
                let shift = Shift {
                    y,
                    x: x as u16,
                    by: by as u16,
                    insert,
                };
                best = Some((without - cost, shift));
            }
        }
    }
    best.map(|(_, shift)| shift)
}

/// Shifts `row` as the terminal does for `shift`, filling what comes in with `blank`.
pub fn apply<T: Clone>(row: &mut [T], shift: Shift, blank: T) {
    let (x, by) = (shift.x as usize, shift.by as usize);
    let tail = &mut row[x..];
    let by = by.min(tail.len());
    if shift.insert {
        tail.rotate_right(by);
        tail[..by].fill(blank);
    } else {
        tail.rotate_left(by);
        let len = tail.len();
        tail[len - by..].fill(blank);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    fn line(text: &str) -> Buffer {
        let mut b = Buffer::empty(Rect::new(0, 0, 60, 1));
        b.set_string(0, 0, text, Style::default());
        b
    }

    #[test]
    fn text_inserted_before_the_rest_of_a_row_is_an_insert() {
        let old = line("shiyan-2024.toml │ ✗0 !0 │ 浏览 │ ? 帮助  ] 章节");
        let new = line("shiyan-2024.toml [+] │ ✗0 !0 │ 浏览 │ ? 帮助  ] 章节");
        let shift = find(&old, &new, 0, |_| true).unwrap();
        assert_eq!((shift.x, shift.by, shift.insert), (17, 4, true));
        let mut moved = old.content.clone();
        apply(&mut moved, shift, Cell::EMPTY);
        let left: Vec<usize> = (0..60).filter(|&c| moved[c] != new.content[c]).collect();
        assert_eq!(left, vec![17, 18, 19], "only [+] is left to draw");
    }

    #[test]
    fn columns_scrolled_left_are_a_delete() {
        let old = line("label │ 结果维持 结果纠正 其他结果 尚未审结 总计");
        let new = line("label │ 结果纠正 其他结果 尚未审结 总计 结果维持");
        let shift = find(&old, &new, 0, |_| true).unwrap();
        assert_eq!(
            (shift.x, shift.by, shift.insert),
            (12, 9, false),
            "{shift:?}"
        );
        // Where only a few digits differ, drawing them is cheaper than any shift.
        let old = line("label │    3    1    0    1 =  5    1    0");
        let new = line("label │    1    0    1 =  5    1    0    1");
        assert_eq!(find(&old, &new, 0, |_| true), None);
    }

    /// A box drawn over a row leaves a few of the row's first characters at its end: inserting
    /// blanks to push them there would bring in more blanks than the row keeps, which tmux
    /// does not blank, so that row is drawn instead.
    #[test]
    fn an_insert_never_brings_in_more_than_the_row_keeps() {
        let old = line("abZcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVW");
        let new = line("ab│x                                                   │Zcde");
        assert_eq!(find(&old, &new, 0, |_| true), None);
        // Pushing text along by less than it keeps is still an insert.
        let old = line("ab cdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVW");
        let new = line("ab [+] cdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRS");
        let shift = find(&old, &new, 0, |_| true).unwrap();
        assert_eq!((shift.x, shift.by, shift.insert), (3, 4, true));
    }

    #[test]
    fn no_shift_cuts_a_wide_character() {
        let old = line("ab总计一二三四五六七八九十");
        let new = line("a总计一二三四五六七八九十");
        // Deleting one column at 1 is right; the terminal must hold 总 whole there.
        assert!(find(&old, &new, 0, |_| true).is_some());
        assert_eq!(find(&old, &new, 0, |c| c != 2), None);
    }
}
