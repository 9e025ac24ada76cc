use proptest::prelude::*;

use super::*;

fn press(editor: &mut TextEditor, keys: &str) {
    for k in crate::tui::keys::parse(keys).unwrap() {
        editor.input(k);
    }
}

fn in_step(editor: &TextEditor) -> bool {
    editor.in_step()
}

#[test]
fn typing_at_the_end_of_a_line_keeps_every_hidden_character() {
    // What a tester found: U+202E came back as the text `<U+202E>`, a real ␛ as ESC.
    let text = "甲\u{202e}乙\u{202c}丙\u{85}丁␛戊␇\u{1b}己\n第二行";
    let mut editor = TextEditor::new(text);
    assert_eq!(
        editor.area().lines()[0],
        "甲<U+202E>乙<U+202C>丙<U+0085>丁␛戊␇^[己"
    );
    press(&mut editor, "<End>Z");
    assert_eq!(
        editor.text(),
        "甲\u{202e}乙\u{202c}丙\u{85}丁␛戊␇\u{1b}己Z\n第二行"
    );
    // A Backspace inside an escape cuts into it: that is the user's edit, and what is left of
    // the escape is the text it now shows. Nothing else changes.
    press(&mut editor, "<Home><Right><Right><Right><BS>");
    assert_eq!(
        editor.text(),
        "甲<+202E>乙\u{202c}丙\u{85}丁␛戊␇\u{1b}己Z\n第二行"
    );
    assert!(in_step(&editor));
}

#[test]
fn the_text_areas_undo_and_clipboard_keep_hidden_characters() {
    let text = "a\u{202e}b\nc\u{1b}d";
    let mut editor = TextEditor::new(text);
    press(&mut editor, "<Down><End>xyz");
    assert_eq!(editor.text(), "a\u{202e}b\nc\u{1b}dxyz");
    // Cut the first line to its end (Ctrl-K) and paste it back at the end (Ctrl-Y).
    press(&mut editor, "<Up><Home><C-k>");
    assert_eq!(editor.text(), "\nc\u{1b}dxyz");
    press(&mut editor, "<Down><End><C-y>");
    assert_eq!(editor.text(), "\nc\u{1b}dxyza\u{202e}b");
    // Undo everything, step by step: back to the text as it was.
    for _ in 0..10 {
        press(&mut editor, "<C-u>");
    }
    assert_eq!(editor.text(), text);
    press(&mut editor, "<C-r>");
    assert_eq!(editor.text(), "a\u{202e}b\nc\u{1b}dx");
    assert!(in_step(&editor));
}

#[test]
fn a_paste_is_stored_as_pasted_and_shown_escaped() {
    let mut editor = TextEditor::new("前后");
    press(&mut editor, "<Right>");
    assert!(editor.insert("x\u{200d}y\n\u{1b}z"));
    assert_eq!(editor.text(), "前x\u{200d}y\n\u{1b}z后");
    assert_eq!(editor.area().lines(), ["前x<U+200D>y", "^[z后"]);
    assert_eq!(editor.caret_offset(), 7);
    assert!(in_step(&editor));
}

#[test]
fn caret_offsets_count_stored_characters() {
    let mut editor = TextEditor::new("a\u{202e}b\n\u{1b}c");
    editor.move_caret_to(2);
    assert_eq!((editor.area.cursor().0, editor.area.cursor().1), (0, 9));
    assert_eq!(editor.caret_offset(), 2);
    editor.move_caret_to(5);
    assert_eq!((editor.area.cursor().0, editor.area.cursor().1), (1, 2));
    assert_eq!(editor.caret_offset(), 5);
    assert_eq!(editor.char_count(), 5);
}

fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::sample::select(vec![
            '\u{1b}', '\u{7}', '\r', '\t', '\u{7f}', '\u{85}', '\u{9b}', '\u{202e}', '\u{202c}',
            '\u{200b}', '\u{200d}', '\u{feff}', '\u{fe0f}', '\u{1f1e8}', '\u{1f468}', '\u{301}',
            '␛', '␇', '<', '>', 'U', '+', '^', '[', '总', '计', 'a', '1', ' ', '\n', '\n',
        ]),
        1 => any::<char>(),
    ]
}

fn tricky_text() -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..30).prop_map(|c| c.into_iter().collect())
}

/// One edit a user makes at a place of the text.
#[derive(Clone, Debug)]
enum EditKey {
    Type(String),
    Backspace,
    Delete,
    Enter,
    Paste(String),
}

fn edit_key() -> impl Strategy<Value = EditKey> {
    prop_oneof![
        prop::sample::select(vec![
            "Z", "总", "<", "^", "␛", " ", "1", "\u{1b}", "\u{202e}"
        ])
        .prop_map(|c| EditKey::Type(c.to_string())),
        Just(EditKey::Backspace),
        Just(EditKey::Delete),
        Just(EditKey::Enter),
        tricky_text().prop_map(|t| EditKey::Paste(t.replace('\r', ""))),
    ]
}

/// The stored text as pieces, the way the editor starts from it.
fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push(('\n', false));
        }
        out.extend(Line::new(line).pieces());
    }
    out
}

fn literal(text: &str) -> Vec<Piece> {
    text.chars().map(|c| (c, false)).collect()
}

/// What one edit at stored offset `at` shows: the piece it touches changes, nothing else. A
/// Backspace or Delete on a character shown escaped takes one character of its escape, and the
/// rest of the escape is what the user now sees: text.
fn expected_shown(text: &str, at: usize, edit: &EditKey) -> String {
    let mut p = pieces(text);
    match edit {
        EditKey::Type(c) => {
            p.splice(at..at, pieces(c));
        }
        EditKey::Enter => p.insert(at, ('\n', false)),
        EditKey::Paste(s) => {
            p.splice(at..at, pieces(s));
        }
        EditKey::Backspace if at > 0 => {
            let shown = shown_of(&p[at - 1..at]);
            let kept: String = shown.chars().take(shown.chars().count() - 1).collect();
            p.splice(at - 1..at, literal(&kept));
        }
        EditKey::Delete if at < p.len() => {
            let shown = shown_of(&p[at..=at]);
            p.splice(at..=at, literal(&shown.chars().skip(1).collect::<String>()));
        }
        _ => {}
    }
    shown_of(&p)
}

/// How many characters of `before` are not at the start or the end of `after` too: what an
/// edit took out.
fn taken_out(before: &str, after: &str) -> usize {
    let (b, a): (Vec<char>, Vec<char>) = (before.chars().collect(), after.chars().collect());
    let head = b.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let tail = b[head..]
        .iter()
        .rev()
        .zip(a[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    b.len() - head - tail
}

proptest! {
    /// Any text, any single edit anywhere: the edit is stored as made and the rest of the text is
    /// byte for byte what it was.
    #[test]
    fn one_edit_changes_only_what_it_touches(
        text in tricky_text(),
        at in any::<prop::sample::Index>(),
        edit in edit_key(),
    ) {
        let mut editor = TextEditor::new(&text);
        let at = at.index(text.chars().count() + 1);
        editor.move_caret_to(at);
        // The area puts its caret between clusters only (not between a letter and its accent):
        // the edit is made where the caret is.
        let at = editor.caret_offset();
        match &edit {
            EditKey::Type(c) => { editor.input(Key::char(c.chars().next().unwrap())); }
            EditKey::Backspace => press(&mut editor, "<BS>"),
            EditKey::Delete => press(&mut editor, "<Del>"),
            EditKey::Enter => press(&mut editor, "<Enter>"),
            EditKey::Paste(s) => { editor.insert(s); }
        }
        // The screen shows the edit, and the stored text is the old one but for at most the one
        // character the edit touched. (Where two places show alike, `<` before `<U+0085>`,
        // the editor may take the plain one and keep the hidden character: the screen is the
        // same and less is lost.)
        prop_assert_eq!(editor.area().lines().join("\n"), expected_shown(&text, at, &edit));
        let most = usize::from(matches!(edit, EditKey::Backspace | EditKey::Delete));
        prop_assert!(taken_out(&text, &editor.text()) <= most, "{:?}", editor.text());
        if let EditKey::Paste(s) | EditKey::Type(s) = &edit {
            prop_assert_eq!(editor.text().chars().count(), text.chars().count() + s.chars().count());
        }
        prop_assert!(in_step(&editor));
    }

    /// Any keys at all, then undoing as often: the text is back, byte for byte, and in step with
    /// the screen all along.
    #[test]
    fn keys_then_as_many_undos_give_the_text_back(
        text in tricky_text(),
        keys in prop::collection::vec(prop::sample::select(vec![
            "x", "总", "<BS>", "<Del>", "<Enter>", "<Left>", "<Right>", "<Up>", "<Down>",
            "<Home>", "<End>", "<C-k>", "<C-w>", "<C-y>", "<C-x>", "<S-Right>", "<Tab>",
        ]), 0..20),
    ) {
        let mut editor = TextEditor::new(&text);
        for k in &keys {
            press(&mut editor, k);
            prop_assert!(in_step(&editor), "after {k}");
        }
        for _ in 0..keys.len() + 1 {
            press(&mut editor, "<C-u>");
            prop_assert!(in_step(&editor));
        }
        prop_assert_eq!(editor.text(), text);
    }
}

#[test]
fn ctrl_home_and_ctrl_end_go_to_the_start_and_end_of_the_whole_text() {
    let mut editor = TextEditor::new("第一段\n第二段\n第三段");
    press(&mut editor, "<Down><Right><C-End>末");
    assert_eq!(editor.text(), "第一段\n第二段\n第三段末");
    press(&mut editor, "<C-Home>首");
    assert_eq!(editor.text(), "首第一段\n第二段\n第三段末");
}

#[test]
fn deleting_at_the_end_scrolls_back_over_the_rows_it_emptied() {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget;
    let text: Vec<String> = (1..=30).map(|i| format!("第{i}行")).collect();
    let mut editor = TextEditor::new(&text.join("\n"));
    let area = Rect::new(0, 0, 20, 10);
    let draw = |editor: &TextEditor| editor.area().render(area, &mut Buffer::empty(area));
    press(&mut editor, "<C-End>");
    draw(&editor);
    assert_eq!(
        editor.area().scroll_offset().0,
        20,
        "the last ten rows shown"
    );
    // Five lines deleted from the end: the view shows the last ten rows again, not five and five
    // empty ones.
    for _ in 0..30 {
        press(&mut editor, "<BS>");
        editor.keep_view_filled(10);
    }
    draw(&editor);
    let top = editor.area().scroll_offset().0 as usize;
    let lines = editor.area().lines().len();
    assert_eq!(lines, 24, "lines 25 to 30 deleted");
    assert_eq!(top + 10, lines, "{top} of {lines}");
}
