//! What the help screen says, made from the keymap and the `:` command table so it always tells
//! the truth; the view gives each kind of line its style, the app counts them to scroll.

use super::app::command::COMMANDS;
use super::keymap;
use crate::i18n::Lang;
use crate::i18n::editor as msg;

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

#[cfg(test)]
mod tests {
    use super::*;

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
