//! Finding a scroll in a frame. When a band of rows holds the previous frame's rows moved up or
//! down (the grid scrolled by a line as the cursor left it), the terminal can move them itself: a
//! scrolling region and a deleted or inserted line, about 20 bytes, instead of redrawing the band,
//! about 1,000 bytes at 80×24. Only what then still differs is drawn.

use ratatui::buffer::{Buffer, Cell};

/// A scroll of rows `top..=bottom` by `lines`, up (content moves towards the top) or down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scroll {
    pub top: u16,
    pub bottom: u16,
    pub lines: u16,
    pub up: bool,
}

/// A scroll in a band that is not the scrolling region yet costs setting it and a line feed,
/// about 12 bytes: count them as this many cells.
const OVERHEAD: usize = 12;
/// In the band that is the scrolling region already, a scroll costs a line feed and a move.
const OVERHEAD_IN_REGION: usize = 4;
/// Fewer cells changed than this: a cursor move, not a scroll worth making.
const SMALL_CHANGE: usize = 96;
/// How many of the likeliest shifts are weighed.
const CANDIDATES: usize = 3;

/// A word-at-a-time hash (as rustc's FxHasher): rows are hashed on every frame that changes
/// much, and the default hasher made that cost more than the drawing.
struct Fx(u64);

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(n.into());
    }

    fn write_u16(&mut self, n: u16) {
        self.add(n.into());
    }

    fn write_u32(&mut self, n: u32) {
        self.add(n.into());
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

fn row_hash(cells: &[Cell]) -> u64 {
    use std::hash::Hash;
    let mut hasher = Fx(0);
    cells.hash(&mut hasher);
    std::hash::Hasher::finish(&hasher)
}

/// Shifts (rows an old row moved up by; negative: down) that would bring old rows to where
/// changed new rows need them, the most frequent first: the only ones worth weighing.
fn likely_shifts(old: &[u64], new: &[u64], same: &[bool], blank: u64) -> Vec<isize> {
    let mut counts: Vec<(isize, usize)> = Vec::new();
    for (y, hash) in new.iter().enumerate() {
        if same[y] || *hash == blank {
            continue;
        }
        for (from, _) in old.iter().enumerate().filter(|(_, h)| *h == hash) {
            let shift = from as isize - y as isize;
            match counts.iter_mut().find(|(s, _)| *s == shift) {
                Some((_, n)) => *n += 1,
                None => counts.push((shift, 1)),
            }
        }
    }
    counts.sort_by_key(|&(s, n)| (std::cmp::Reverse(n), s.unsigned_abs()));
    counts
        .into_iter()
        .take(CANDIDATES)
        .map(|(s, _)| s)
        .collect()
}

/// The scroll that saves the most cells from being drawn, if one saves any. `changed` is how many
/// cells differ between the frames; `region` is the band the terminal scrolls now (top and
/// bottom rows, `None`: the whole screen), which is cheaper to scroll again than another.
pub fn find(
    old: &Buffer,
    new: &Buffer,
    changed: usize,
    region: Option<(u16, u16)>,
) -> Option<Scroll> {
    let (width, height) = (new.area.width as usize, new.area.height as usize);
    let region = region.map_or((0, height.saturating_sub(1)), |(t, b)| {
        (t as usize, b as usize)
    });
    // A small change (a cursor move) cannot be a scroll worth making: no need to look.
    if changed < SMALL_CHANGE
        || old.area != new.area
        || height < 2
        || old.content.len() != width * height
    {
        return None;
    }
    fn row(b: &Buffer, y: usize) -> &[Cell] {
        let width = b.area.width as usize;
        &b.content[y * width..(y + 1) * width]
    }
    // Weighed by the bytes a cell's text takes, not one a cell: a Chinese character costs three,
    // so a band one row short of the grid, which leaves a row of labels to redraw in place, no
    // longer looks as cheap as scrolling the whole grid and drawing the row that comes in.
    let differ = |a: &[Cell], b: &[Cell]| {
        a.iter()
            .zip(b)
            .filter(|(x, y)| x != y)
            .map(|(x, _)| x.symbol().len().max(1))
            .sum::<usize>()
    };
    // Nothing on the old screen (the first frame): nothing to move.
    if old.content.iter().all(|c| *c == Cell::EMPTY) {
        return None;
    }
    let blank_row = vec![Cell::EMPTY; width];
    let hashes = |b: &Buffer| (0..height).map(|y| row_hash(row(b, y))).collect::<Vec<_>>();
    let (old_hashes, new_hashes) = (hashes(old), hashes(new));
    let same: Vec<bool> = (0..height)
        .map(|y| old_hashes[y] == new_hashes[y])
        .collect();
    let shifts = likely_shifts(&old_hashes, &new_hashes, &same, row_hash(&blank_row));
    if shifts.is_empty() {
        return None;
    }
    let unchanged: Vec<usize> = (0..height)
        .map(|y| differ(row(new, y), row(old, y)))
        .collect();
    let blank: Vec<usize> = (0..height)
        .map(|y| differ(row(new, y), &blank_row))
        .collect();
    let prefix = |v: &[usize]| {
        let mut p = vec![0; v.len() + 1];
        for (i, x) in v.iter().enumerate() {
            p[i + 1] = p[i] + x;
        }
        p
    };
    let sum = |p: &[usize], from: usize, to: usize| p[to] - p[from];
    let (p_unchanged, p_blank) = (prefix(&unchanged), prefix(&blank));
    let mut best: Option<(usize, Scroll)> = None;
    for shift in shifts {
        let (lines, up) = (shift.unsigned_abs(), shift > 0);
        // Row y of the new frame against the old row that the scroll would bring to it.
        let moved: Vec<usize> = (0..height)
            .map(|y| {
                let from = if up { y + lines } else { y.wrapping_sub(lines) };
                if from < height {
                    differ(row(new, y), row(old, from))
                } else {
                    width
                }
            })
            .collect();
        let p_moved = prefix(&moved);
        for top in 0..height {
            for bottom in top + lines..height {
                // Up: rows top..=bottom-lines get the old rows below them, the last `lines`
                // rows come in blank. Down: the first `lines` rows come in blank.
                let cost = if up {
                    sum(&p_moved, top, bottom + 1 - lines)
                        + sum(&p_blank, bottom + 1 - lines, bottom + 1)
                } else {
                    sum(&p_blank, top, top + lines) + sum(&p_moved, top + lines, bottom + 1)
                } + if (top, bottom) == region {
                    OVERHEAD_IN_REGION
                } else {
                    OVERHEAD
                };
                let without = sum(&p_unchanged, top, bottom + 1);
                if cost < without && best.is_none_or(|(saved, _)| without - cost > saved) {
                    let scroll = Scroll {
                        top: top as u16,
                        bottom: bottom as u16,
                        lines: lines as u16,
                        up,
                    };
                    best = Some((without - cost, scroll));
                }
            }
        }
    }
    best.map(|(_, scroll)| scroll)
}

/// Moves the rows of `cells` (a screen of `width` columns) as the terminal does for `scroll`,
/// filling the rows that come in with `blank`.
pub fn apply<T: Clone>(cells: &mut [T], width: usize, scroll: Scroll, blank: T) {
    let (top, bottom, lines) = (
        scroll.top as usize,
        scroll.bottom as usize,
        scroll.lines as usize,
    );
    let band = &mut cells[top * width..(bottom + 1) * width];
    if scroll.up {
        band.rotate_left(lines * width);
        let len = band.len();
        band[len - lines * width..].fill(blank);
    } else {
        band.rotate_right(lines * width);
        band[..lines * width].fill(blank);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    /// A screen of numbered lines below a fixed header, scrolled by `by` lines.
    fn screen(by: usize) -> Buffer {
        let mut b = Buffer::empty(Rect::new(0, 0, 30, 12));
        b.set_string(0, 0, "header that stays", Style::default());
        for y in 1..11 {
            let mark = "甲乙丙丁戊己庚辛壬癸子丑寅卯".chars().nth(y + by).unwrap();
            let line = format!("{} {}", y + by, mark.to_string().repeat(12));
            b.set_string(0, y as u16, line, Style::default());
        }
        b.set_string(0, 11, "status line", Style::default());
        b
    }

    #[test]
    fn a_band_moved_up_by_a_line_is_a_scroll_of_that_band() {
        let scroll = find(&screen(0), &screen(1), 1000, None).unwrap();
        // The last row of the band comes in new either way: the band may end above it.
        assert_eq!((scroll.top, scroll.lines, scroll.up), (1, 1, true));
        assert!((9..=10).contains(&scroll.bottom), "{scroll:?}");
        let mut old = screen(0);
        apply(&mut old.content, 30, scroll, Cell::EMPTY);
        let new = screen(1);
        let left = old.diff(&new);
        assert!(
            left.iter().all(|(_, y, _)| (9..=10).contains(y)),
            "only the new row is drawn: {left:?}"
        );
    }

    #[test]
    fn down_as_well() {
        let scroll = find(&screen(1), &screen(0), 1000, None).unwrap();
        assert_eq!((scroll.top, scroll.bottom, scroll.up), (1, 10, false));
        let mut old = screen(1);
        apply(&mut old.content, 30, scroll, Cell::EMPTY);
        let new = screen(0);
        assert!(old.diff(&new).iter().all(|(_, y, _)| *y == 1));
    }

    #[test]
    fn the_band_that_scrolls_already_is_preferred() {
        // Row 10 comes in new, and the band may end above it or take it in (test `a_band…`):
        // the region set already wins.
        let set = find(&screen(0), &screen(1), 1000, Some((1, 10))).unwrap();
        assert_eq!((set.top, set.bottom), (1, 10), "{set:?}");
    }

    #[test]
    fn a_small_change_is_no_scroll() {
        let mut new = screen(0);
        new.set_string(0, 11, "status line changed", Style::default());
        assert_eq!(find(&screen(0), &new, 8, None), None);
    }
}
