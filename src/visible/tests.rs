use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::*;

#[test]
fn escape_sequences_are_shown_not_sent() {
    assert_eq!(visible("\u{1b}]52;c;aGk=\u{7}"), "^[]52;c;aGk=^G");
    assert_eq!(visible("a\rb"), "a^Mb");
    assert_eq!(visible("\u{9b}31m"), "<U+009B>31m");
    assert_eq!(visible("abc\u{202e}def"), "abc<U+202E>def");
    assert_eq!(visible("总计\n"), "总计^J");
    assert_eq!(visible("a\tb"), "a b");
    assert_eq!(visible_lines("一\n二\u{1b}"), "一\n二^[");
    assert_eq!(visible_line("一\t二\u{85}"), "一\t二<U+0085>");
    assert!(matches!(visible("自然人"), Cow::Borrowed(_)));
    assert!(matches!(
        visible("(三) 不予公开 › 1.属于国家秘密"),
        Cow::Borrowed(_)
    ));
}

#[test]
fn characters_terminals_measure_differently_are_escaped() {
    // A family joined by zero-width joiners: one cell of 2 columns for ratatui, three emoji of
    // 2 columns for a terminal that does not join them.
    assert_eq!(
        visible("户\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}"),
        "户\u{1f468}<U+200D>\u{1f469}<U+200D>\u{1f467}"
    );
    // A flag: two regional indicators.
    assert_eq!(visible("\u{1f1e8}\u{1f1f3}"), "<U+1F1E8><U+1F1F3>");
    assert_eq!(visible("自\u{200b}然人"), "自<U+200B>然人");
    assert_eq!(visible("\u{2764}\u{fe0f}"), "\u{2764}<U+FE0F>");
    assert_eq!(visible("\u{1f44d}\u{1f3fd}"), "\u{1f44d}<U+1F3FD>");
    assert_eq!(visible("\u{feff}x\u{ad}"), "<U+FEFF>x<U+00AD>");
    assert_eq!(visible("\u{e0067}"), "<U+E0067>");
    // A combining accent is one cell both ways: kept.
    assert_eq!(visible("e\u{301}"), "e\u{301}");
    // …but not one with nothing to sit on.
    assert_eq!(visible("\u{301}e"), "<U+0301>e");
    assert_eq!(visible("\u{1b}\u{301}"), "^[<U+0301>");
}

#[test]
fn the_editor_is_told_which_characters_are_escaped() {
    let line = "a\u{1b}\u{202e}\t\u{1f1e8}总";
    let shown = visible_line(line);
    assert_eq!(shown, "a^[<U+202E>\t<U+1F1E8>总");
    assert_eq!(
        escapes_in_line(line),
        Some(vec![false, true, true, false, true, false])
    );
    assert_eq!(escapes_in_line("总计"), None);
}

/// Characters that make trouble, alone and in the sequences they make trouble in, mixed with
/// ordinary ones.
fn tricky() -> impl Strategy<Value = String> {
    let interesting = prop::sample::select(vec![
        "\u{1b}",
        "\u{7}",
        "\r",
        "\n",
        "\t",
        "\u{7f}",
        "\u{85}",
        "\u{9b}",
        "\u{202e}",
        "\u{2066}",
        "\u{200b}",
        "\u{200c}",
        "\u{200d}",
        "\u{2060}",
        "\u{feff}",
        "\u{ad}",
        "\u{fe0e}",
        "\u{fe0f}",
        "\u{1f3fb}",
        "\u{e0067}",
        "\u{301}",
        "\u{338}",
        "<",
        ">",
        "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}", // a family, joined
        "\u{1f1e8}\u{1f1f3}",                          // a flag
        "\u{2764}\u{fe0f}",                            // emoji presentation
        "\u{231a}\u{fe0e}",                            // text presentation
        "\u{1f44d}\u{1f3fd}",                          // skin tone
        "1\u{fe0f}\u{20e3}",                           // keycap
        "\u{1f3f4}\u{e0067}\u{e0062}\u{e007f}",        // a subdivision flag
        "\u{0644}\u{0627}",                            // lam-alef
        "\u{17d2}\u{1780}",                            // Khmer coeng
        "\u{1100}\u{1161}\u{11a8}",                    // Hangul jamo
        "\u{0600}1",
        "\u{0d4e}a",
        "\u{16d63}\u{16d67}",
        "\u{a4f8}\u{a4fc}",
        "\u{ff76}\u{ff9e}",
        "\u{2018}\u{fe01}",
        "总",
        "计",
        "a",
        "1",
        " ",
    ])
    .prop_map(String::from);
    let any_char = any::<char>().prop_map(String::from);
    prop::collection::vec(prop_oneof![3 => interesting, 1 => any_char], 0..16)
        .prop_map(|pieces| pieces.concat())
}

proptest! {
    /// Whatever a label holds, what is shown holds no hidden character, and ratatui puts it in
    /// the same columns a terminal does: every cell as wide as its characters, one by one.
    #[test]
    fn shown_text_is_measured_alike_by_ratatui_and_the_terminal(text in tricky()) {
        for shown in [visible(&text), visible_line(&text)] {
            prop_assert!(!shown.chars().any(|c| is_hidden(c) && c != '\t'), "{shown:?}");
            for cluster in shown.graphemes(true) {
                prop_assert_eq!(cell_width(cluster), width(cluster), "{:?} in {:?}", cluster, shown);
            }
            let mut buffer = Buffer::empty(Rect::new(0, 0, 400, 1));
            let shown = shown.replace('\t', " ");
            let (end, _) = buffer.set_stringn(0, 0, &shown, 400, ratatui::style::Style::default());
            prop_assert_eq!(end as usize, width(&shown), "{:?}", shown);
        }
        let mut shown = String::new();
        let escaped = escapes_in_line(&text).unwrap_or_else(|| vec![false; text.chars().count()]);
        for (c, e) in text.chars().zip(escaped) {
            if e { push_escape(&mut shown, c) } else { shown.push(c) }
        }
        prop_assert_eq!(shown, visible_line(&text));
    }
}
