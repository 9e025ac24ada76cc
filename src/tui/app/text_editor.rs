//! The editor of a text section. Its text area shows the text with hidden characters escaped
//! (`^[`, `<U+202E>`: [`visible::visible_line`]); beside it the editor keeps the text as stored,
//! character by character with whether each is shown escaped, and brings it in step after every
//! key from what the key changed on screen. What the user did not touch is stored exactly as it
//! was; what the user typed is stored as typed.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};
use unicode_segmentation::UnicodeSegmentation;

use crate::tui::keys::Key;
use crate::visible;

/// One character as stored, and whether the area shows it escaped rather than as itself.
type Piece = (char, bool);

/// A line of the text as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Line {
    text: String,
    /// Per character, whether it is shown escaped; `None` when none is (nearly every line).
    escaped: Option<Vec<bool>>,
}

impl Line {
    fn new(text: &str) -> Line {
        let escaped = visible::escapes_in_line(text);
        Line {
            text: text.to_string(),
            escaped,
        }
    }

    fn from_pieces(pieces: &[Piece]) -> Line {
        let escaped = pieces.iter().any(|p| p.1);
        Line {
            text: pieces.iter().map(|p| p.0).collect(),
            escaped: escaped.then(|| pieces.iter().map(|p| p.1).collect()),
        }
    }

    fn pieces(&self) -> impl Iterator<Item = Piece> + '_ {
        let escaped = self.escaped.as_deref();
        self.text
            .chars()
            .enumerate()
            .map(move |(i, c)| (c, escaped.is_some_and(|e| e[i])))
    }

    /// Whether the area's line `shown` is this line, shown.
    fn shows(&self, shown: &str) -> bool {
        match self.escaped {
            None => self.text == shown,
            Some(_) => self.shown() == shown,
        }
    }

    fn shown(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        for piece in self.pieces() {
            push_shown(&mut out, piece);
        }
        out
    }
}

fn push_shown(out: &mut String, (c, escaped): Piece) {
    if escaped {
        visible::push_escape(out, c);
    } else {
        out.push(c);
    }
}

fn shown_len(piece: Piece) -> usize {
    let mut s = String::new();
    push_shown(&mut s, piece);
    s.chars().count()
}

/// One change to the stored text: lines `top..top + before.len()` became `after`.
#[derive(Clone, Debug)]
struct Edit {
    top: usize,
    before: Vec<Line>,
    after: Vec<Line>,
}

/// What a key is, as far as keeping the stored text in step goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum KeyKind {
    Undo,
    Redo,
    Paste,
    Other,
}

/// Text put in at a known place (a paste): `at` counts shown characters from the start of the
/// changed lines.
struct Insert {
    at: usize,
    pieces: Vec<Piece>,
}

/// The editor's own undo steps, kept beside the text area's as many as it keeps.
const HISTORY: usize = 50;

pub struct TextEditor {
    area: TextArea<'static>,
    lines: Vec<Line>,
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    /// What the area's clipboard holds, as shown, and as stored.
    yank: Option<(String, Vec<Piece>)>,
}

impl TextEditor {
    pub fn new(text: &str) -> TextEditor {
        let lines: Vec<Line> = text.split('\n').map(Line::new).collect();
        let mut area = TextArea::new(lines.iter().map(Line::shown).collect());
        // Chinese has no spaces: wrap at words where there are some, anywhere otherwise.
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_cursor_line_style(Style::default());
        area.set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
        area.set_max_histories(HISTORY);
        TextEditor {
            area,
            lines,
            undo: Vec::new(),
            redo: Vec::new(),
            yank: None,
        }
    }

    pub fn area(&self) -> &TextArea<'static> {
        &self.area
    }

    /// The text as stored.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, line) in self.lines.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&line.text);
        }
        out
    }

    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// Characters of the text, not counting white space: what a report's length is said in.
    pub fn char_count(&self) -> usize {
        self.lines
            .iter()
            .map(|l| l.text.chars().filter(|c| !c.is_whitespace()).count())
            .sum()
    }

    pub fn cursor_row(&self) -> usize {
        self.area.cursor().0
    }

    pub fn move_cursor(&mut self, motion: CursorMove) {
        self.area.move_cursor(motion);
    }

    /// Scrolls back over lines a deletion emptied: the view keeps its top while the caret stays
    /// in it, so after deleting a few lines at the end only the last line showed, over empty
    /// rows, the text above it out of view. `height`: the rows the text is shown in.
    pub fn keep_view_filled(&mut self, height: u16) {
        let (top, _) = self.area.scroll_offset();
        if top == 0 || self.area.selection_range().is_some() {
            return;
        }
        // The last row the text takes on screen: where the caret would be at its very end.
        let caret = self.area.cursor();
        self.area.move_cursor(CursorMove::Bottom);
        self.area.move_cursor(CursorMove::End);
        let last = self.area.screen_cursor().row;
        self.area.move_cursor(CursorMove::Jump(
            caret.0.min(u16::MAX as usize) as u16,
            caret.1.min(u16::MAX as usize) as u16,
        ));
        let shown_to = top as usize + height as usize;
        if last + 1 < shown_to {
            let back = (shown_to - last - 1).min(top as usize);
            self.area.scroll((-(back.min(i16::MAX as usize) as i16), 0));
        }
    }

    /// Where the caret is, in characters of the stored text from its start.
    pub fn caret_offset(&self) -> usize {
        let (row, col) = (self.area.cursor().0, self.area.cursor().1);
        let before: usize = self.lines[..row]
            .iter()
            .map(|l| l.text.chars().count() + 1)
            .sum();
        let mut shown = 0;
        let mut index = 0;
        for piece in self.lines[row].pieces() {
            shown += shown_len(piece);
            if shown > col {
                break;
            }
            index += 1;
        }
        before + index
    }

    /// Puts the caret at a character offset of the stored text.
    pub fn move_caret_to(&mut self, offset: usize) {
        let mut left = offset;
        for (row, line) in self.lines.iter().enumerate() {
            let len = line.text.chars().count();
            if left <= len {
                let col: usize = line.pieces().take(left).map(shown_len).sum();
                // Not inside a cluster (a letter and its accent): the area moves and deletes
                // from there oddly.
                let shown = line.shown();
                let col = shown
                    .grapheme_indices(true)
                    .map(|(byte, _)| shown[..byte].chars().count())
                    .chain([shown.chars().count()])
                    .take_while(|&start| start <= col)
                    .last()
                    .unwrap_or(0);
                self.area.move_cursor(CursorMove::Jump(
                    row.min(u16::MAX as usize) as u16,
                    col.min(u16::MAX as usize) as u16,
                ));
                return;
            }
            left -= len + 1;
        }
        self.area.move_cursor(CursorMove::Bottom);
    }

    /// A key for the text area; returns whether the text changed.
    pub fn input(&mut self, key: Key) -> bool {
        // A hidden character typed (an input method may send one) goes in as a paste would:
        // stored as typed, shown escaped.
        if let Some(c) = key.typed_char()
            && visible::is_hidden(c)
            && c != '\t'
        {
            return self.insert(&c.to_string());
        }
        let ctrl =
            key.mods.contains(KeyModifiers::CONTROL) && !key.mods.contains(KeyModifiers::ALT);
        // Ctrl-Home and Ctrl-End go to the start and the end of the whole text, as in a word
        // processor; the text area took them for Home and End of the paragraph.
        if ctrl && !key.mods.contains(KeyModifiers::SHIFT) {
            let ends = match key.code {
                KeyCode::Home => Some((CursorMove::Top, CursorMove::Head)),
                KeyCode::End => Some((CursorMove::Bottom, CursorMove::End)),
                _ => None,
            };
            if let Some((line, within)) = ends {
                self.area.move_cursor(line);
                self.area.move_cursor(within);
                return false;
            }
        }
        let key = self.chinese_word_cut(key, ctrl);
        // Ctrl-Z undoes while browsing and in most editors; the text area knows only Ctrl-U.
        let key = match key.code {
            KeyCode::Char('z') if ctrl => Key::new(KeyCode::Char('u'), key.mods),
            _ => key,
        };
        let kind = match key.code {
            KeyCode::Char('u') if ctrl => KeyKind::Undo,
            KeyCode::Char('r') if ctrl => KeyKind::Redo,
            KeyCode::Char('y') if ctrl => KeyKind::Paste,
            _ => KeyKind::Other,
        };
        let anchor = self.anchor();
        let caret = (self.area.cursor().0, self.area.cursor().1);
        let yank_before = self.area.yank_text();
        let selection = self.area.selection_range();
        // Whether the area says it changed is not trusted: a paste of nothing over a selection
        // deletes the selection and says it did not.
        let _ = self.area.input(key.to_event());
        let insert = (kind == KeyKind::Paste).then(|| {
            let pieces = match &self.yank {
                Some((shown, pieces)) if *shown == self.area.yank_text() => pieces.clone(),
                _ => self.area.yank_text().chars().map(|c| (c, false)).collect(),
            };
            (anchor, pieces)
        });
        let changed = !self.in_step();
        let removed = match kind {
            _ if !changed => Vec::new(),
            KeyKind::Undo => self.step_back(),
            KeyKind::Redo => self.step_forward(),
            _ => {
                self.redo.clear();
                self.follow(Some(caret), insert)
            }
        };
        let yank_after = self.area.yank_text();
        if yank_after != yank_before {
            // Cut or copied: remember what the clipboard holds as stored, to paste it back so.
            let pieces = if !removed.is_empty() && shown_of(&removed) == yank_after {
                removed
            } else {
                selection
                    .map(|(from, to)| self.pieces_between(from, to))
                    .filter(|p| shown_of(p) == yank_after)
                    .unwrap_or_else(|| yank_after.chars().map(|c| (c, false)).collect())
            };
            self.yank = Some((yank_after, pieces));
        }
        changed
    }

    /// Cutting the word before the caret (Ctrl-W, Alt-Backspace) in Chinese: the word is
    /// selected as [`words::chinese_word_start`] finds it and the key becomes the cut of a
    /// selection (Ctrl-X), so it is undone, recovered and pasted back as any cut is.
    fn chinese_word_cut(&mut self, key: Key, ctrl: bool) -> Key {
        let alt = key.mods.contains(KeyModifiers::ALT);
        let cuts_word = matches!(key.code, KeyCode::Char('w')) && ctrl
            || matches!(key.code, KeyCode::Backspace) && alt;
        if !cuts_word || self.area.selection_range().is_some() {
            return key;
        }
        let (row, col) = (self.area.cursor().0, self.area.cursor().1);
        let Some(line) = self.area.lines().get(row) else {
            return key;
        };
        match words::chinese_word_start(line, col) {
            Some(start) if start < col => {
                self.area.start_selection();
                for _ in start..col {
                    self.area.move_cursor(CursorMove::Back);
                }
                Key::new(KeyCode::Char('x'), KeyModifiers::CONTROL)
            }
            _ => key,
        }
    }

    /// Puts text in at the caret, as a paste does: stored as it is, shown escaped.
    pub fn insert(&mut self, text: &str) -> bool {
        if text.is_empty() {
            return false;
        }
        self.area.cancel_selection();
        let anchor = self.anchor();
        let pieces: Vec<Piece> = text
            .split('\n')
            .enumerate()
            .flat_map(|(i, line)| {
                let newline = (i > 0).then_some(('\n', false));
                newline
                    .into_iter()
                    .chain(Line::new(line).pieces().collect::<Vec<_>>())
            })
            .collect();
        if !self.area.insert_str(shown_of(&pieces)) {
            return false;
        }
        self.redo.clear();
        self.follow(Some(anchor), Some((anchor, pieces)));
        true
    }

    /// Where a paste would go: the start of the selection, or the caret.
    fn anchor(&self) -> (usize, usize) {
        match self.area.selection_range() {
            Some((from, _)) => from,
            None => (self.area.cursor().0, self.area.cursor().1),
        }
    }

    /// The stored pieces between two places of the shown text (row, column in characters).
    fn pieces_between(&self, from: (usize, usize), to: (usize, usize)) -> Vec<Piece> {
        let mut out = Vec::new();
        for row in from.0..=to.0.min(self.lines.len().saturating_sub(1)) {
            if row > from.0 {
                out.push(('\n', false));
            }
            let mut col = 0;
            for piece in self.lines[row].pieces() {
                let here = col;
                col += shown_len(piece);
                let after_start = row > from.0 || here >= from.1;
                let before_end = row < to.0 || col <= to.1;
                if after_start && before_end {
                    out.push(piece);
                }
            }
        }
        out
    }

    /// Brings the stored lines in step with what the area shows after a change; `insert` is
    /// what was put in where, when known. Returns what was taken out, as stored.
    fn follow(
        &mut self,
        caret: Option<(usize, usize)>,
        insert: Option<((usize, usize), Vec<Piece>)>,
    ) -> Vec<Piece> {
        let new = self.area.lines();
        let old = &self.lines;
        // The change starts at the first line that differs, or higher, at the caret or where a
        // paste went in: there is where it is known to be.
        let known = caret
            .into_iter()
            .chain(insert.as_ref().map(|i| i.0))
            .map(|(row, _)| row);
        let top = old
            .iter()
            .zip(new)
            .take_while(|(a, b)| a.shows(b))
            .count()
            .min(known.min().unwrap_or(usize::MAX));
        let most = old.len().min(new.len()) - top;
        let bottom = old
            .iter()
            .rev()
            .zip(new.iter().rev())
            .take(most)
            .take_while(|(a, b)| a.shows(b))
            .count();
        let (old_end, new_end) = (old.len() - bottom, new.len() - bottom);
        if top == old_end && top == new_end {
            return Vec::new();
        }
        let old: Vec<String> = old[top..old_end].iter().map(Line::shown).collect();
        let terminated =
            |lines: &[String]| lines.iter().map(|l| format!("{l}\n")).collect::<String>();
        let old_block: Vec<char> = terminated(&old).chars().collect();
        let new_block: Vec<char> = terminated(&new[top..new_end]).chars().collect();
        let stored: Vec<Piece> = self.lines[top..old_end]
            .iter()
            .flat_map(|l| l.pieces().chain([('\n', false)]).collect::<Vec<_>>())
            .collect();
        let insert = insert.and_then(|((row, col), pieces)| {
            let above: usize = old
                .get(..row.checked_sub(top)?)?
                .iter()
                .map(|l| l.chars().count() + 1)
                .sum();
            Some(Insert {
                at: above + col,
                pieces,
            })
        });
        let caret = caret.and_then(|(row, col)| {
            let above: usize = old
                .get(..row.checked_sub(top)?)?
                .iter()
                .map(|l| l.chars().count() + 1)
                .sum();
            Some(above + col)
        });
        let (merged, removed) = merge(&stored, &old_block, &new_block, caret, insert);
        let after: Vec<Line> = merged
            .split(|p| *p == ('\n', false))
            .take(new_end - top)
            .map(Line::from_pieces)
            .collect();
        let before: Vec<Line> = self.lines.splice(top..old_end, after.clone()).collect();
        self.undo.push(Edit { top, before, after });
        if self.undo.len() > HISTORY {
            self.undo.remove(0);
        }
        removed
    }

    /// After the area undid a change: go back through the recorded changes to the text it now
    /// shows, and take its stored form from there. One key of the area may be two of its undo
    /// steps (typing over a selection), so the first step back may show nothing recorded: then
    /// the screen is followed as after any change, and the next step finds its way.
    fn step_back(&mut self) -> Vec<Piece> {
        match self.replay(true) {
            Some(()) => Vec::new(),
            None => self.follow(None, None),
        }
    }

    fn step_forward(&mut self) -> Vec<Piece> {
        match self.replay(false) {
            Some(()) => Vec::new(),
            None => self.follow(None, None),
        }
    }

    /// Undoes (or redoes) recorded changes, one after another, until the stored text is what
    /// the area shows; `None`, changing nothing, when it never is.
    fn replay(&mut self, back: bool) -> Option<()> {
        let (from, _) = if back {
            (&self.undo, &self.redo)
        } else {
            (&self.redo, &self.undo)
        };
        let mut lines = self.lines.clone();
        for depth in 1..=from.len() {
            let edit = &from[from.len() - depth];
            let (now, then) = if back {
                (&edit.after, &edit.before)
            } else {
                (&edit.before, &edit.after)
            };
            if lines.get(edit.top..edit.top + now.len()) != Some(&now[..]) {
                return None;
            }
            lines.splice(edit.top..edit.top + now.len(), then.iter().cloned());
            if shows(&lines, self.area.lines()) {
                self.lines = lines;
                for _ in 0..depth {
                    let (from, to) = if back {
                        (&mut self.undo, &mut self.redo)
                    } else {
                        (&mut self.redo, &mut self.undo)
                    };
                    let edit = from.pop()?;
                    to.push(edit);
                }
                return Some(());
            }
        }
        None
    }

    /// Whether every stored line is what the area shows on that line.
    fn in_step(&self) -> bool {
        shows(&self.lines, self.area.lines())
    }
}

/// Whether `lines` are what the area shows.
fn shows(lines: &[Line], shown: &[String]) -> bool {
    lines.len() == shown.len() && lines.iter().zip(shown).all(|(l, s)| l.shows(s))
}

fn shown_of(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for &piece in pieces {
        push_shown(&mut out, piece);
    }
    out
}

/// The stored form of a changed stretch of text: `stored` was shown as `old` and the area now
/// shows `new`. What both show at the start and at the end keeps its stored characters; the
/// rest is what the user typed, stored as shown, or `insert`'s pieces where they went in.
/// `caret` (in `old`) decides between equally small changes (typing `a` after `a`).
/// Returns the new stored stretch and what was taken out of the old one.
fn merge(
    stored: &[Piece],
    old: &[char],
    new: &[char],
    caret: Option<usize>,
    insert: Option<Insert>,
) -> (Vec<Piece>, Vec<Piece>) {
    let shortest = old.len().min(new.len());
    let mut prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let mut suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(shortest)
        .take_while(|(a, b)| a == b)
        .count();
    let insert = insert.and_then(|i| {
        let shown: Vec<char> = shown_of(&i.pieces).chars().collect();
        let fits = i.at <= old.len() && i.at + shown.len() <= new.len();
        (fits && new[i.at..i.at + shown.len()] == *shown).then(|| {
            prefix = prefix.min(i.at);
            suffix = suffix
                .min(old.len() - i.at)
                .min(new.len() - i.at - shown.len());
            (i, shown.len())
        })
    });
    // Where stored characters start and end in `old`: the kept start and end must be whole
    // characters, so that one shown as `<U+202E>` is only ever changed by an edit of its escape.
    let mut starts = Vec::with_capacity(stored.len() + 1);
    let mut at = 0;
    for &piece in stored {
        starts.push(at);
        at += shown_len(piece);
    }
    starts.push(at);
    // The largest kept start and end, on whole characters, that do not overlap; among equals,
    // the one whose change is nearest the caret.
    let mut best: Option<(usize, usize, usize)> = None;
    for (head, &kept_start) in starts.iter().enumerate().rev() {
        if kept_start > prefix {
            continue;
        }
        let limit = suffix.min(shortest - kept_start);
        if best.is_some_and(|(h, t, _)| {
            kept_start + limit < starts[h] + (old.len() - starts[stored.len() - t])
        }) {
            break;
        }
        // The most whole characters at the end within `limit` shown characters.
        let tail_start = starts[head..]
            .iter()
            .position(|&s| old.len() - s <= limit)
            .map_or(stored.len(), |i| head + i);
        let tail = stored.len() - tail_start;
        let kept = kept_start + (old.len() - starts[tail_start]);
        let distance = caret.map_or(0, |c| {
            c.abs_diff(kept_start).min(c.abs_diff(starts[tail_start]))
        });
        let better = match best {
            None => true,
            Some((h, t, d)) => {
                let best_kept = starts[h] + (old.len() - starts[stored.len() - t]);
                kept > best_kept || (kept == best_kept && distance < d)
            }
        };
        if better {
            best = Some((head, tail, distance));
        }
    }
    let (head, tail, _) = best.unwrap_or((0, 0, 0));
    let head_shown = starts[head];
    let tail_shown = old.len() - starts[stored.len() - tail];
    let typed = |from: usize, to: usize| new[from..to].iter().map(|&c| (c, false));
    let middle_end = new.len() - tail_shown;
    let mut merged: Vec<Piece> = stored[..head].to_vec();
    match insert {
        Some((i, len)) if head_shown <= i.at && i.at + len <= middle_end => {
            merged.extend(typed(head_shown, i.at));
            merged.extend(i.pieces);
            merged.extend(typed(i.at + len, middle_end));
        }
        _ => merged.extend(typed(head_shown, middle_end)),
    }
    merged.extend_from_slice(&stored[stored.len() - tail..]);
    let removed = stored[head..stored.len() - tail].to_vec();
    (merged, removed)
}

#[cfg(test)]
mod tests;
mod words;
