//! What the help screen says, made from the keymap and the `:` command table so it always tells
//! the truth; the view gives each kind of line its style, the app counts them to scroll.

use super::app::command::COMMANDS;
use super::keymap;
use crate::i18n::Lang;
use crate::i18n::editor as msg;
use crate::tui::wrap::wrap;
use crate::visible::width as shown_width;

/// One line of the help screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HelpLine {
    Title(&'static str),
    Heading(&'static str),
    /// Keys (or a command) and what they do.
    Entry(String, &'static str),
    Note(&'static str),
    Blank,
}

/// Every line of the help screen, in the interface's language.
pub fn lines(lang: Lang) -> Vec<HelpLine> {
    let mut out = vec![HelpLine::Title(msg::help_title(lang)), HelpLine::Blank];
    for (context, entries) in keymap::help_entries(lang) {
        // The review queue's keys are the queue's own help (`?` there), not the editor's.
        if context.is_review() {
            continue;
        }
        out.push(HelpLine::Heading(context.title(lang)));
        out.extend(entries.into_iter().map(|(k, d)| HelpLine::Entry(k, d)));
        out.push(HelpLine::Blank);
    }
    out.push(HelpLine::Heading(msg::help_command_line(lang)));
    out.extend(
        COMMANDS
            .iter()
            .filter(|c| !c.hidden)
            .map(|c| HelpLine::Entry(c.synopsis(lang), c.describe(lang))),
    );
    out.push(HelpLine::Blank);
    out.push(HelpLine::Heading(msg::help_also(lang)));
    out.extend(
        [
            msg::help_counts(lang),
            msg::help_units(lang),
            msg::help_mouse(lang),
            msg::help_paste(lang),
            msg::help_empty(lang),
            msg::help_totals(lang),
            msg::help_marks(lang),
        ]
        .map(HelpLine::Note),
    );
    out
}

/// One line of the help as drawn in a frame `width` columns wide: long descriptions wrapped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HelpRow {
    Heading(String),
    /// An entry's first line: its keys, the spaces up to the description's column, and the
    /// description's first part.
    Entry(String, String, String),
    /// A note's line, or a description's next line, with its indent.
    Text(String),
    Blank,
}

/// Columns the keys take at most before their descriptions: longer keys push their own
/// description on, not every other one.
const MAX_KEY_WIDTH: usize = 28;

/// Columns a description needs beside its keys; with fewer it goes under them.
const MIN_DESCRIPTION: usize = 16;

/// The help as drawn `width` columns wide (inside the frame): a description too long for its
/// line goes on under itself, broken between words (or between Chinese characters, never inside
/// a key's name), so nothing is cut at the frame. The scroll limit counts these rows.
pub fn rows(lang: Lang, width: usize) -> Vec<HelpRow> {
    let help = lines(lang);
    let key_width = help
        .iter()
        .filter_map(|l| match l {
            HelpLine::Entry(keys, _) => Some(shown_width(keys)),
            _ => None,
        })
        .max()
        .unwrap_or(8)
        .min(MAX_KEY_WIDTH);
    let mut out = Vec::new();
    let text_rows = |out: &mut Vec<HelpRow>, text: &str, first: usize, next: usize| {
        let (head, rest) = first_line(text, width.saturating_sub(first));
        if head.is_empty() {
            return;
        }
        out.push(HelpRow::Text(format!("{}{head}", " ".repeat(first))));
        for part in wrap(rest, width.saturating_sub(next)) {
            out.push(HelpRow::Text(format!("{}{part}", " ".repeat(next))));
        }
    };
    for line in help {
        match line {
            HelpLine::Title(text) | HelpLine::Heading(text) => {
                out.extend(wrap(text, width).into_iter().map(HelpRow::Heading));
            }
            HelpLine::Entry(keys, description) => {
                let keys_width = shown_width(&keys);
                let column = 2 + keys_width.max(key_width) + 2;
                let pad = " ".repeat(column - 2 - keys_width);
                // Continuations sit under the common description column, even after long keys;
                // in a frame too narrow for that column, a little in from the keys.
                let common = 2 + key_width + 2;
                let indent = if width >= common + MIN_DESCRIPTION {
                    common
                } else {
                    4
                };
                if width >= column + MIN_DESCRIPTION {
                    let (head, rest) = first_line(description, width - column);
                    out.push(HelpRow::Entry(keys, pad, head));
                    text_rows(&mut out, rest, indent, indent);
                } else {
                    out.push(HelpRow::Entry(keys, String::new(), String::new()));
                    text_rows(&mut out, description, indent, indent);
                }
            }
            HelpLine::Note(text) => text_rows(&mut out, text, 2, 4),
            HelpLine::Blank => out.push(HelpRow::Blank),
        }
    }
    out
}

/// The first line of `text` wrapped `width` wide, and the text it leaves for the next lines
/// (which may be wider or narrower, so they are wrapped on their own).
fn first_line(text: &str, width: usize) -> (String, &str) {
    let text = text.trim_start();
    let head = wrap(text, width).into_iter().next().unwrap_or_default();
    // A wrapped line is the text's start with its spaces kept; what follows it is the rest.
    match text.strip_prefix(head.as_str()) {
        Some(rest) => (head, rest.trim_start()),
        None => (text.to_string(), ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(row: &HelpRow) -> String {
        match row {
            HelpRow::Heading(t) | HelpRow::Text(t) => t.clone(),
            HelpRow::Entry(k, pad, d) => format!("  {k}{pad}{d}"),
            HelpRow::Blank => String::new(),
        }
    }

    /// No row is wider than the frame, whatever its width, and no word is lost or cut: the
    /// rows hold the same words, in order, as the lines they are made from.
    #[test]
    fn rows_fit_the_frame_and_keep_every_word_whole() {
        for lang in [Lang::Zh, Lang::En] {
            let all: String = lines(lang)
                .into_iter()
                .map(|l| match l {
                    HelpLine::Title(t) | HelpLine::Heading(t) | HelpLine::Note(t) => t.to_string(),
                    HelpLine::Entry(k, d) => format!("{k} {d}"),
                    HelpLine::Blank => String::new(),
                })
                .collect::<Vec<_>>()
                .join(" ");
            for width in [24, 40, 58, 78, 100] {
                let rows = rows(lang, width);
                for row in &rows {
                    let text = shown(row);
                    assert!(shown_width(&text) <= width, "{width}: {text:?}");
                }
                let joined: Vec<String> = rows.iter().map(shown).collect();
                let squeezed = |t: &str| -> String { t.split_whitespace().collect() };
                assert_eq!(squeezed(&joined.concat()), squeezed(&all), "{width}");
                // English words are whole: each word of the rows, in Latin letters, is one of
                // the text's.
                let text_words: Vec<&str> = all.split_whitespace().collect();
                for word in joined.iter().flat_map(|r| r.split_whitespace()) {
                    if lang == Lang::En && word.is_ascii() {
                        assert!(text_words.contains(&word), "{width}: {word}");
                    }
                }
                for row in &joined {
                    assert!(!row.contains("Ta\n"), "{row}");
                }
            }
        }
    }

    /// Chinese text breaks between characters, but a key's name in it stays whole.
    #[test]
    fn a_key_name_in_chinese_text_is_not_broken() {
        for width in 20..60 {
            for row in rows(Lang::Zh, width) {
                let text = shown(&row);
                assert!(
                    !text.ends_with(" T") && !text.ends_with("Ta"),
                    "{width}: {text}"
                );
                assert!(!text.trim_start().starts_with("ab"), "{width}: {text}");
            }
        }
    }

    /// Every `:` command the table runs is in the help, under every name it answers to.
    #[test]
    fn every_command_and_alias_is_in_the_help() {
        for lang in [Lang::Zh, Lang::En] {
            let help: Vec<String> = lines(lang)
                .into_iter()
                .filter_map(|l| match l {
                    HelpLine::Entry(k, _) => Some(k),
                    _ => None,
                })
                .collect();
            for c in COMMANDS.iter().filter(|c| !c.hidden) {
                for name in std::iter::once(c.name).chain(c.aliases.iter().copied()) {
                    let shown = format!(":{name}");
                    assert!(
                        help.iter()
                            .any(|e| e.split_whitespace().any(|w| w == shown)),
                        "{shown} is not in the help"
                    );
                }
            }
            for name in [":write", ":quit", ":h", ":x", ":quit!"] {
                assert!(help.iter().any(|e| e.split_whitespace().any(|w| w == name)));
            }
        }
    }
}
