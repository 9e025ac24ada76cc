//! Every key binding of every context, in one table: browsing, typing a value, editing a text,
//! the `:` line, the help and the dialogs. It drives key handling, the help screen, the key hints
//! and the dialogs' choices, so none of them can disagree with the others. (The `:` commands are
//! a table too, beside their handlers: `app::command`.)

use super::keys::{self, Key};
use crate::i18n::Lang;

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// Browsing, in any section.
    Normal,
    /// Browsing a section of tables.
    Grid,
    /// Browsing a text section.
    Text,
    /// Typing a value into a cell.
    CellEdit,
    /// Editing a text section.
    TextEdit,
    /// Typing a `:` command.
    Prompt,
    /// The help screen.
    Help,
    /// Quitting with unsaved changes.
    ConfirmQuit,
    /// Going back to the review queue from a report with unsaved changes.
    ConfirmBack,
    /// Saving although there are reasons to ask first.
    ConfirmOverwrite,
    /// The list of every problem of the report.
    Problems,
    /// Opening another report with unsaved changes.
    ConfirmOpen,
    /// The reviewer's queue (`nianbao review`).
    Queue,
    /// Typing a filter or a note in the queue.
    QueueLine,
    /// A report opened from the queue.
    Reviewing,
}

impl Context {
    /// Whether the context is the review queue's (`nianbao review`), not the editor's.
    pub fn is_review(self) -> bool {
        matches!(
            self,
            Context::Queue | Context::QueueLine | Context::Reviewing
        )
    }

    pub fn title(self, lang: Lang) -> &'static str {
        crate::i18n::keys::context_title(self, lang)
    }
}

/// Everything a key can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Help,
    CloseHelp,
    CommandLine,
    Search,
    Save,
    Quit,
    /// Ctrl-C, which quits most terminal programs: says how to quit this one.
    HowToQuit,
    NextSection,
    PrevSection,
    NextProblem,
    PrevProblem,
    Problems,
    GoToProblem,
    CloseProblems,
    Undo,
    Redo,
    Left,
    Right,
    Up,
    Down,
    RowStart,
    RowEnd,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Tab, Shift-Tab: every cell of the row in turn, totals included, on to the next row.
    NextCell,
    PrevCell,
    /// Enter while browsing: edit, or right after a run of Tabs, the next row where it began.
    EditOrNextRow,
    EditCell,
    TypeValue,
    /// Give a total a value other than the sum of its parts.
    OverrideTotal,
    ClearCell,
    FillZeroTable,
    FillZeroReport,
    EditText,
    /// Enter while typing: commit, then down, or after a run of Tabs to the next row.
    CommitEnter,
    CommitDown,
    CommitUp,
    CommitNext,
    CommitPrev,
    /// ← →, Home End, PgUp PgDn while typing: commit, then move once as while browsing.
    CommitSideways,
    CommitRowEnds,
    CommitPage,
    Cancel,
    DeleteBack,
    LeaveText,
    /// The text editor's own keys, named for the help; the key goes to the editor.
    TextUndo,
    TextRedo,
    CutToLineEnd,
    CutWordBefore,
    PasteCut,
    SelectText,
    RunCommand,
    SaveAndQuit,
    QuitWithoutSaving,
    SaveAndGoBack,
    GoBackWithoutSaving,
    SaveAndOpen,
    OpenWithoutSaving,
    KeepEditing,
    SaveAnyway,
    DontSave,
    OpenReport,
    OpenEditable,
    ToggleReviewed,
    EditNote,
    FilterText,
    OnlyOpen,
    OnlyErrors,
    ClearFilter,
    Accept,
    BackToQueue,
    NextReport,
    PrevReport,
    QuitReview,
    ReadAgain,
}

impl Command {
    pub fn describe(self, lang: Lang) -> &'static str {
        crate::i18n::keys::describe(self, lang)
    }
}

/// Keys written as in [`keys::parse`]; `0-9` stands for any digit (and `.` or `-`, which start a
/// value too).
pub struct Binding {
    pub context: Context,
    pub keys: &'static str,
    pub command: Command,
}

const fn bind(context: Context, keys: &'static str, command: Command) -> Binding {
    Binding {
        context,
        keys,
        command,
    }
}

use Command as C;
use Context as X;

pub const BINDINGS: &[Binding] = &[
    bind(X::Normal, "?", C::Help),
    bind(X::Normal, "<F1>", C::Help),
    bind(X::Normal, "]", C::NextSection),
    bind(X::Normal, "<C-PageDown>", C::NextSection),
    bind(X::Normal, "[", C::PrevSection),
    bind(X::Normal, "<C-PageUp>", C::PrevSection),
    bind(X::Normal, "n", C::NextProblem),
    bind(X::Normal, "N", C::PrevProblem),
    bind(X::Normal, "p", C::Problems),
    bind(X::Normal, "u", C::Undo),
    bind(X::Normal, "<C-z>", C::Undo),
    bind(X::Normal, "<C-r>", C::Redo),
    bind(X::Normal, "<C-y>", C::Redo),
    bind(X::Normal, "<C-s>", C::Save),
    bind(X::Normal, ":", C::CommandLine),
    bind(X::Normal, "/", C::Search),
    bind(X::Normal, "<C-q>", C::Quit),
    bind(X::Normal, "<C-c>", C::HowToQuit),
    bind(X::Grid, "h", C::Left),
    bind(X::Grid, "<Left>", C::Left),
    bind(X::Grid, "j", C::Down),
    bind(X::Grid, "<Down>", C::Down),
    bind(X::Grid, "k", C::Up),
    bind(X::Grid, "<Up>", C::Up),
    bind(X::Grid, "l", C::Right),
    bind(X::Grid, "<Right>", C::Right),
    bind(X::Grid, "<Tab>", C::NextCell),
    bind(X::Grid, "<S-Tab>", C::PrevCell),
    bind(X::Grid, "<Home>", C::RowStart),
    bind(X::Grid, "^", C::RowStart),
    bind(X::Grid, "<End>", C::RowEnd),
    bind(X::Grid, "$", C::RowEnd),
    bind(X::Grid, "<PageUp>", C::PageUp),
    bind(X::Grid, "<PageDown>", C::PageDown),
    bind(X::Grid, "gg", C::Top),
    bind(X::Grid, "G", C::Bottom),
    bind(X::Grid, "0-9", C::TypeValue),
    bind(X::Grid, "<Enter>", C::EditOrNextRow),
    bind(X::Grid, "<F2>", C::EditCell),
    bind(X::Grid, "o", C::OverrideTotal),
    bind(X::Grid, "<Del>", C::ClearCell),
    bind(X::Grid, "x", C::ClearCell),
    bind(X::Grid, "z", C::FillZeroTable),
    bind(X::Grid, "Z", C::FillZeroReport),
    bind(X::Text, "<Enter>", C::EditText),
    bind(X::Text, "i", C::EditText),
    bind(X::Text, "j", C::Down),
    bind(X::Text, "<Down>", C::Down),
    bind(X::Text, "k", C::Up),
    bind(X::Text, "<Up>", C::Up),
    bind(X::Text, "<PageUp>", C::PageUp),
    bind(X::Text, "<PageDown>", C::PageDown),
    bind(X::Text, "gg", C::Top),
    bind(X::Text, "G", C::Bottom),
    bind(X::CellEdit, "<Enter>", C::CommitEnter),
    bind(X::CellEdit, "<Down>", C::CommitDown),
    bind(X::CellEdit, "<Up>", C::CommitUp),
    bind(X::CellEdit, "<Tab>", C::CommitNext),
    bind(X::CellEdit, "<S-Tab>", C::CommitPrev),
    bind(X::CellEdit, "<Left>", C::CommitSideways),
    bind(X::CellEdit, "<Right>", C::CommitSideways),
    bind(X::CellEdit, "<Home>", C::CommitRowEnds),
    bind(X::CellEdit, "<End>", C::CommitRowEnds),
    bind(X::CellEdit, "<PageUp>", C::CommitPage),
    bind(X::CellEdit, "<PageDown>", C::CommitPage),
    // These commit the value typed first, as a spreadsheet does.
    bind(X::CellEdit, "<C-PageDown>", C::NextSection),
    bind(X::CellEdit, "<C-PageUp>", C::PrevSection),
    bind(X::CellEdit, "<C-s>", C::Save),
    bind(X::CellEdit, "<C-q>", C::Quit),
    bind(X::CellEdit, "<C-c>", C::HowToQuit),
    bind(X::CellEdit, "<Esc>", C::Cancel),
    bind(X::CellEdit, "<BS>", C::DeleteBack),
    bind(X::TextEdit, "<Esc>", C::LeaveText),
    bind(X::TextEdit, "<C-s>", C::Save),
    bind(X::TextEdit, "<C-q>", C::Quit),
    bind(X::TextEdit, "<C-c>", C::HowToQuit),
    bind(X::TextEdit, "<F1>", C::Help),
    bind(X::TextEdit, "<C-u>", C::TextUndo),
    bind(X::TextEdit, "<C-z>", C::TextUndo),
    bind(X::TextEdit, "<C-r>", C::TextRedo),
    bind(X::TextEdit, "<C-k>", C::CutToLineEnd),
    bind(X::TextEdit, "<C-w>", C::CutWordBefore),
    bind(X::TextEdit, "<C-y>", C::PasteCut),
    bind(X::TextEdit, "<S-Right>", C::SelectText),
    bind(X::TextEdit, "<S-Left>", C::SelectText),
    bind(X::Prompt, "<Enter>", C::RunCommand),
    bind(X::Prompt, "<Esc>", C::Cancel),
    bind(X::Prompt, "<BS>", C::DeleteBack),
    bind(X::Help, "j", C::Down),
    bind(X::Help, "<Down>", C::Down),
    bind(X::Help, "k", C::Up),
    bind(X::Help, "<Up>", C::Up),
    bind(X::Help, "<PageDown>", C::PageDown),
    bind(X::Help, "<Space>", C::PageDown),
    bind(X::Help, "<PageUp>", C::PageUp),
    bind(X::Help, "gg", C::Top),
    bind(X::Help, "G", C::Bottom),
    bind(X::Help, "<Esc>", C::CloseHelp),
    bind(X::Help, "q", C::CloseHelp),
    bind(X::Help, "?", C::CloseHelp),
    bind(X::Help, "<F1>", C::CloseHelp),
    bind(X::ConfirmQuit, "y", C::SaveAndQuit),
    bind(X::ConfirmQuit, "Y", C::SaveAndQuit),
    bind(X::ConfirmQuit, "n", C::QuitWithoutSaving),
    bind(X::ConfirmQuit, "N", C::QuitWithoutSaving),
    bind(X::ConfirmQuit, "<Esc>", C::KeepEditing),
    bind(X::ConfirmBack, "y", C::SaveAndGoBack),
    bind(X::ConfirmBack, "Y", C::SaveAndGoBack),
    bind(X::ConfirmBack, "n", C::GoBackWithoutSaving),
    bind(X::ConfirmBack, "N", C::GoBackWithoutSaving),
    bind(X::ConfirmBack, "<Esc>", C::KeepEditing),
    bind(X::ConfirmOverwrite, "y", C::SaveAnyway),
    bind(X::ConfirmOverwrite, "Y", C::SaveAnyway),
    bind(X::ConfirmOverwrite, "n", C::DontSave),
    bind(X::ConfirmOverwrite, "<Esc>", C::DontSave),
    bind(X::ConfirmOpen, "y", C::SaveAndOpen),
    bind(X::ConfirmOpen, "Y", C::SaveAndOpen),
    bind(X::ConfirmOpen, "n", C::OpenWithoutSaving),
    bind(X::ConfirmOpen, "N", C::OpenWithoutSaving),
    bind(X::ConfirmOpen, "<Esc>", C::KeepEditing),
    bind(X::Problems, "j", C::Down),
    bind(X::Problems, "<Down>", C::Down),
    bind(X::Problems, "k", C::Up),
    bind(X::Problems, "<Up>", C::Up),
    bind(X::Problems, "<PageDown>", C::PageDown),
    bind(X::Problems, "<PageUp>", C::PageUp),
    bind(X::Problems, "gg", C::Top),
    bind(X::Problems, "G", C::Bottom),
    bind(X::Problems, "<Enter>", C::GoToProblem),
    bind(X::Problems, "<Esc>", C::CloseProblems),
    bind(X::Problems, "q", C::CloseProblems),
    bind(X::Problems, "p", C::CloseProblems),
    bind(X::Queue, "<Enter>", C::OpenReport),
    bind(X::Queue, "e", C::OpenEditable),
    bind(X::Queue, "<Space>", C::ToggleReviewed),
    bind(X::Queue, "m", C::ToggleReviewed),
    bind(X::Queue, "c", C::EditNote),
    bind(X::Queue, "/", C::FilterText),
    bind(X::Queue, "u", C::OnlyOpen),
    bind(X::Queue, "x", C::OnlyErrors),
    bind(X::Queue, "<Esc>", C::ClearFilter),
    bind(X::Queue, "j", C::Down),
    bind(X::Queue, "<Down>", C::Down),
    bind(X::Queue, "k", C::Up),
    bind(X::Queue, "<Up>", C::Up),
    bind(X::Queue, "<PageDown>", C::PageDown),
    bind(X::Queue, "<PageUp>", C::PageUp),
    bind(X::Queue, "gg", C::Top),
    bind(X::Queue, "<Home>", C::Top),
    bind(X::Queue, "G", C::Bottom),
    bind(X::Queue, "<End>", C::Bottom),
    bind(X::Queue, "r", C::ReadAgain),
    bind(X::Queue, "?", C::Help),
    bind(X::Queue, "q", C::QuitReview),
    bind(X::Queue, "<C-q>", C::QuitReview),
    bind(X::QueueLine, "<Enter>", C::Accept),
    bind(X::QueueLine, "<Esc>", C::Cancel),
    bind(X::QueueLine, "<BS>", C::DeleteBack),
    bind(X::Reviewing, "<Esc>", C::BackToQueue),
    bind(X::Reviewing, "<C-n>", C::NextReport),
    bind(X::Reviewing, "<C-p>", C::PrevReport),
    // As on the report's line of the queue. Browsing a report, Space and m mean nothing else; the
    // desk takes them only then, so typed into a cell or a text they are typed.
    bind(X::Reviewing, "<Space>", C::ToggleReviewed),
    bind(X::Reviewing, "m", C::ToggleReviewed),
];

/// What a key sequence means in some contexts.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    Command(Command),
    /// The keys so far start a longer binding (`g` of `gg`).
    Prefix,
    None,
}

fn matches(pattern: &str, pressed: &[Key]) -> (bool, bool) {
    if pattern == "0-9" {
        // The yuan sign begins an amount too (`￥300`, copied from a receipt): taken as any
        // other key, it was lost and 300 became 300万元.
        let full = pressed.len() == 1
            && pressed[0]
                .typed_char()
                .is_some_and(|c| c.is_ascii_digit() || ".-¥￥".contains(c));
        return (full, false);
    }
    let Ok(keys) = keys::parse(pattern) else {
        return (false, false);
    };
    (
        keys == pressed,
        keys.len() > pressed.len() && keys.starts_with(pressed),
    )
}

/// Finds the binding for `pressed` among `contexts`, most specific context first.
pub fn lookup(contexts: &[Context], pressed: &[Key]) -> Lookup {
    let mut prefix = false;
    for context in contexts {
        for b in BINDINGS.iter().filter(|b| b.context == *context) {
            let (full, is_prefix) = matches(b.keys, pressed);
            if full {
                return Lookup::Command(b.command);
            }
            prefix |= is_prefix;
        }
    }
    if prefix { Lookup::Prefix } else { Lookup::None }
}

/// Every context, in the order the help shows them.
pub const CONTEXTS: [Context; 14] = [
    Context::Normal,
    Context::Grid,
    Context::Text,
    Context::CellEdit,
    Context::TextEdit,
    Context::Prompt,
    Context::Help,
    Context::ConfirmQuit,
    Context::ConfirmOverwrite,
    Context::ConfirmOpen,
    Context::Problems,
    Context::Queue,
    Context::QueueLine,
    Context::Reviewing,
];

/// The keys bound to a command in a context, for people: `h ←`.
pub fn keys_for(context: Context, command: Command) -> Vec<String> {
    BINDINGS
        .iter()
        .filter(|b| b.context == context && b.command == command)
        .map(|b| {
            if b.keys == "0-9" {
                "0-9".to_string()
            } else {
                keys::display(b.keys)
            }
        })
        .collect()
}

/// The help screen's key section: per context, each command once with all its keys.
pub fn help_entries(lang: Lang) -> Vec<(Context, Vec<(String, &'static str)>)> {
    CONTEXTS
        .iter()
        .map(|&context| {
            let mut seen: Vec<Command> = Vec::new();
            let mut entries = Vec::new();
            for b in BINDINGS.iter().filter(|b| b.context == context) {
                if seen.contains(&b.command) {
                    continue;
                }
                seen.push(b.command);
                entries.push((
                    keys_for(context, b.command).join(" "),
                    b.command.describe(lang),
                ));
            }
            (context, entries)
        })
        .collect()
}

/// The commands worth a hint in the status line, per context, most useful first.
pub fn hints(context: Context) -> &'static [(Context, Command)] {
    match context {
        Context::Grid => &[
            (X::Normal, C::Help),
            (X::Normal, C::NextSection),
            (X::Normal, C::NextProblem),
            (X::Normal, C::Problems),
            (X::Grid, C::FillZeroTable),
            (X::Normal, C::Undo),
            (X::Normal, C::Save),
            (X::Normal, C::Quit),
        ],
        Context::Text => &[
            (X::Normal, C::Help),
            (X::Text, C::EditText),
            (X::Normal, C::NextSection),
            (X::Normal, C::NextProblem),
            (X::Normal, C::Problems),
            (X::Normal, C::Save),
            (X::Normal, C::Quit),
        ],
        Context::CellEdit => &[
            (X::CellEdit, C::CommitEnter),
            (X::CellEdit, C::CommitNext),
            (X::CellEdit, C::Cancel),
        ],
        Context::TextEdit => &[(X::TextEdit, C::LeaveText), (X::TextEdit, C::Save)],
        Context::Help => &[
            (X::Help, C::Down),
            (X::Help, C::PageDown),
            (X::Help, C::CloseHelp),
        ],
        Context::Prompt => &[(X::Prompt, C::RunCommand), (X::Prompt, C::Cancel)],
        Context::ConfirmQuit => &[
            (X::ConfirmQuit, C::SaveAndQuit),
            (X::ConfirmQuit, C::QuitWithoutSaving),
            (X::ConfirmQuit, C::KeepEditing),
        ],
        Context::ConfirmBack => &[
            (X::ConfirmBack, C::SaveAndGoBack),
            (X::ConfirmBack, C::GoBackWithoutSaving),
            (X::ConfirmBack, C::KeepEditing),
        ],
        Context::ConfirmOverwrite => &[
            (X::ConfirmOverwrite, C::SaveAnyway),
            (X::ConfirmOverwrite, C::DontSave),
        ],
        Context::ConfirmOpen => &[
            (X::ConfirmOpen, C::SaveAndOpen),
            (X::ConfirmOpen, C::OpenWithoutSaving),
            (X::ConfirmOpen, C::KeepEditing),
        ],
        Context::Problems => &[
            (X::Problems, C::Down),
            (X::Problems, C::GoToProblem),
            (X::Problems, C::CloseProblems),
        ],
        Context::Normal => &[(X::Normal, C::Help)],
        Context::Queue => &[
            (X::Queue, C::OpenReport),
            (X::Queue, C::ToggleReviewed),
            (X::Queue, C::EditNote),
            (X::Queue, C::FilterText),
            (X::Queue, C::OnlyOpen),
            (X::Queue, C::OnlyErrors),
            (X::Queue, C::Help),
            (X::Queue, C::QuitReview),
        ],
        Context::QueueLine => &[(X::QueueLine, C::Accept), (X::QueueLine, C::Cancel)],
        Context::Reviewing => &[
            (X::Reviewing, C::BackToQueue),
            (X::Reviewing, C::NextReport),
            (X::Reviewing, C::PrevReport),
        ],
    }
}

/// Whether a command changes the report or its file: it does nothing in read-only mode, so no
/// hint names it there.
pub fn changes_the_report(command: Command) -> bool {
    matches!(
        command,
        C::Save
            | C::Undo
            | C::Redo
            | C::EditCell
            | C::TypeValue
            | C::ClearCell
            | C::FillZeroTable
            | C::FillZeroReport
            | C::EditText
    )
}

/// The hints of a context that work in read-only mode too.
pub fn read_only_hints(context: Context) -> Vec<(Context, Command)> {
    hints(context)
        .iter()
        .copied()
        .filter(|(_, command)| !changes_the_report(*command))
        .collect()
}

/// A short hint: the first key of the command and a one- or two-word description.
pub fn hint_text(context: Context, command: Command, lang: Lang) -> String {
    let key = keys_for(context, command)
        .into_iter()
        .next()
        .unwrap_or_default();
    let word = crate::i18n::keys::hint_word(command, lang);
    format!("{key} {word}")
}

/// The first key of a command in a context, as people read it (`?`, `Ctrl-S`): for messages that
/// name a key.
pub fn key_for(context: Context, command: Command) -> String {
    keys_for(context, command)
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// A dialog's choices, one per line: `y  save and quit`.
pub fn choices(context: Context, lang: Lang) -> Vec<String> {
    let width = BINDINGS
        .iter()
        .filter(|b| b.context == context)
        .map(|b| crate::visible::width(&keys::display(b.keys)))
        .max()
        .unwrap_or(1);
    let mut seen = Vec::new();
    BINDINGS
        .iter()
        .filter(|b| b.context == context)
        .filter(|b| {
            let new = !seen.contains(&b.command);
            seen.push(b.command);
            new
        })
        .map(|b| {
            let key = keys::display(b.keys);
            let pad = " ".repeat(width - crate::visible::width(&key) + 2);
            format!("{key}{pad}{}", b.command.describe(lang))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_binding_parses_and_no_key_is_bound_twice_in_a_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            if a.keys != "0-9" {
                assert!(keys::parse(a.keys).is_ok(), "{}", a.keys);
            }
            for b in &BINDINGS[i + 1..] {
                assert!(
                    !(a.context == b.context && a.keys == b.keys),
                    "{} bound twice in {:?}",
                    a.keys,
                    a.context
                );
            }
        }
    }

    #[test]
    fn lookups_find_commands_and_prefixes() {
        let k = |s: &str| keys::parse(s).unwrap();
        assert_eq!(
            lookup(&[Context::Grid, Context::Normal], &k("j")),
            Lookup::Command(Command::Down)
        );
        assert_eq!(
            lookup(&[Context::Grid, Context::Normal], &k("g")),
            Lookup::Prefix
        );
        assert_eq!(
            lookup(&[Context::Grid, Context::Normal], &k("gg")),
            Lookup::Command(Command::Top)
        );
        assert_eq!(
            lookup(&[Context::Grid, Context::Normal], &k("7")),
            Lookup::Command(Command::TypeValue)
        );
        assert_eq!(
            lookup(&[Context::Grid, Context::Normal], &k("]")),
            Lookup::Command(Command::NextSection)
        );
        assert_eq!(
            lookup(&[Context::Text, Context::Normal], &k("7")),
            Lookup::None
        );
    }

    #[test]
    fn hints_only_name_bound_keys() {
        for context in CONTEXTS {
            for (c, command) in hints(context) {
                assert!(!keys_for(*c, *command).is_empty(), "{command:?} in {c:?}");
            }
        }
    }
}
