//! Every key binding, in one table: it drives key handling, the help screen and the key hints, so
//! none of them can disagree with the others.

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
    /// The help screen.
    Help,
}

impl Context {
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Context::Normal => lang.pick("通用", "Everywhere"),
            Context::Grid => lang.pick("表格", "Tables"),
            Context::Text => lang.pick("文字章节", "Text sections"),
            Context::CellEdit => lang.pick("输入数值时", "Typing a value"),
            Context::TextEdit => lang.pick("编辑文字时", "Editing text"),
            Context::Help => lang.pick("帮助", "Help"),
        }
    }
}

/// Everything a key can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Help,
    CloseHelp,
    CommandLine,
    Save,
    Quit,
    NextSection,
    PrevSection,
    NextProblem,
    PrevProblem,
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
    EditCell,
    TypeValue,
    ClearCell,
    FillZeroTable,
    FillZeroReport,
    EditText,
    CommitDown,
    CommitUp,
    CommitRight,
    CommitLeft,
    Cancel,
    LeaveText,
}

impl Command {
    pub fn describe(self, lang: Lang) -> &'static str {
        use Command::*;
        match self {
            Help => lang.pick("帮助（本页）", "help (this screen)"),
            CloseHelp => lang.pick("关闭帮助", "close help"),
            CommandLine => lang.pick("命令行（见下）", "command line (see below)"),
            Save => lang.pick("保存", "save"),
            Quit => lang.pick(
                "退出（有未保存的修改时询问）",
                "quit (asks about unsaved changes)",
            ),
            NextSection => lang.pick("下一章节", "next section"),
            PrevSection => lang.pick("上一章节", "previous section"),
            NextProblem => lang.pick("下一个问题", "next problem"),
            PrevProblem => lang.pick("上一个问题", "previous problem"),
            Undo => lang.pick("撤销", "undo"),
            Redo => lang.pick("重做", "redo"),
            Left => lang.pick("左移", "left"),
            Right => lang.pick("右移", "right"),
            Up => lang.pick("上移", "up"),
            Down => lang.pick("下移", "down"),
            RowStart => lang.pick("行首", "first column"),
            RowEnd => lang.pick("行尾", "last column"),
            PageUp => lang.pick("上翻页", "page up"),
            PageDown => lang.pick("下翻页", "page down"),
            Top => lang.pick("第一行", "first row"),
            Bottom => lang.pick("最后一行", "last row"),
            EditCell => lang.pick("修改当前值", "edit the current value"),
            TypeValue => lang.pick("输入新值", "type a new value"),
            ClearCell => lang.pick("清空单元格（未填写）", "make the cell empty"),
            FillZeroTable => lang.pick("本表空单元格填 0", "fill this table's empty cells with 0"),
            FillZeroReport => lang.pick("全部空单元格填 0", "fill every empty cell with 0"),
            EditText => lang.pick("编辑文字", "edit the text"),
            CommitDown => lang.pick("确认并下移", "commit, move down"),
            CommitUp => lang.pick("确认并上移", "commit, move up"),
            CommitRight => lang.pick("确认并右移", "commit, move right"),
            CommitLeft => lang.pick("确认并左移", "commit, move left"),
            Cancel => lang.pick("取消", "cancel"),
            LeaveText => lang.pick("结束编辑", "stop editing"),
        }
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
    bind(X::Normal, "u", C::Undo),
    bind(X::Normal, "<C-z>", C::Undo),
    bind(X::Normal, "<C-r>", C::Redo),
    bind(X::Normal, "<C-y>", C::Redo),
    bind(X::Normal, "<C-s>", C::Save),
    bind(X::Normal, ":", C::CommandLine),
    bind(X::Normal, "<C-q>", C::Quit),
    bind(X::Grid, "h", C::Left),
    bind(X::Grid, "<Left>", C::Left),
    bind(X::Grid, "j", C::Down),
    bind(X::Grid, "<Down>", C::Down),
    bind(X::Grid, "k", C::Up),
    bind(X::Grid, "<Up>", C::Up),
    bind(X::Grid, "l", C::Right),
    bind(X::Grid, "<Right>", C::Right),
    bind(X::Grid, "<Tab>", C::Right),
    bind(X::Grid, "<S-Tab>", C::Left),
    bind(X::Grid, "<Home>", C::RowStart),
    bind(X::Grid, "^", C::RowStart),
    bind(X::Grid, "<End>", C::RowEnd),
    bind(X::Grid, "$", C::RowEnd),
    bind(X::Grid, "<PageUp>", C::PageUp),
    bind(X::Grid, "<PageDown>", C::PageDown),
    bind(X::Grid, "gg", C::Top),
    bind(X::Grid, "G", C::Bottom),
    bind(X::Grid, "0-9", C::TypeValue),
    bind(X::Grid, "<Enter>", C::EditCell),
    bind(X::Grid, "<F2>", C::EditCell),
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
    bind(X::CellEdit, "<Enter>", C::CommitDown),
    bind(X::CellEdit, "<Down>", C::CommitDown),
    bind(X::CellEdit, "<Up>", C::CommitUp),
    bind(X::CellEdit, "<Tab>", C::CommitRight),
    bind(X::CellEdit, "<S-Tab>", C::CommitLeft),
    bind(X::CellEdit, "<Esc>", C::Cancel),
    bind(X::TextEdit, "<Esc>", C::LeaveText),
    bind(X::TextEdit, "<C-s>", C::Save),
    bind(X::TextEdit, "<C-q>", C::Quit),
    bind(X::TextEdit, "<F1>", C::Help),
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
        let full = pressed.len() == 1
            && pressed[0]
                .typed_char()
                .is_some_and(|c| c.is_ascii_digit() || c == '.' || c == '-');
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
    let contexts = [
        Context::Normal,
        Context::Grid,
        Context::Text,
        Context::CellEdit,
        Context::TextEdit,
        Context::Help,
    ];
    contexts
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
            (X::Normal, C::Save),
            (X::Normal, C::Quit),
        ],
        Context::CellEdit => &[
            (X::CellEdit, C::CommitDown),
            (X::CellEdit, C::CommitRight),
            (X::CellEdit, C::Cancel),
        ],
        Context::TextEdit => &[(X::TextEdit, C::LeaveText), (X::TextEdit, C::Save)],
        Context::Help => &[
            (X::Help, C::Down),
            (X::Help, C::PageDown),
            (X::Help, C::CloseHelp),
        ],
        Context::Normal => &[(X::Normal, C::Help)],
    }
}

/// A short hint: the first key of the command and a one- or two-word description.
pub fn hint_text(context: Context, command: Command, lang: Lang) -> String {
    let key = keys_for(context, command)
        .into_iter()
        .next()
        .unwrap_or_default();
    let word = match command {
        C::Help => lang.pick("帮助", "help"),
        C::NextSection => lang.pick("章节", "section"),
        C::NextProblem => lang.pick("问题", "problem"),
        C::FillZeroTable => lang.pick("填0", "zeros"),
        C::Undo => lang.pick("撤销", "undo"),
        C::Save => lang.pick("保存", "save"),
        C::Quit => lang.pick("退出", "quit"),
        C::EditText => lang.pick("编辑", "edit"),
        C::CommitDown => lang.pick("确认", "commit"),
        C::CommitRight => lang.pick("右移", "right"),
        C::Cancel => lang.pick("取消", "cancel"),
        C::LeaveText => lang.pick("结束", "done"),
        C::Down => lang.pick("滚动", "scroll"),
        C::PageDown => lang.pick("翻页", "page"),
        C::CloseHelp => lang.pick("关闭", "close"),
        other => other.describe(lang),
    };
    format!("{key} {word}")
}

/// The `:` commands, for the help screen.
pub fn command_lines(lang: Lang) -> Vec<(&'static str, &'static str)> {
    vec![
        (":w", lang.pick("保存", "save")),
        (
            ":q",
            lang.pick(
                "退出（有未保存的修改时询问）",
                "quit (asks about unsaved changes)",
            ),
        ),
        (":q!", lang.pick("不保存，直接退出", "quit without saving")),
        (":wq  :x", lang.pick("保存并退出", "save and quit")),
        (
            ":fill",
            lang.pick(
                "重新计算所有合计（派生单元格）",
                "recompute every derived total",
            ),
        ),
        (
            ":zero",
            lang.pick("本表空单元格填 0", "fill this table's empty cells with 0"),
        ),
        (
            ":zero all",
            lang.pick("全部空单元格填 0", "fill every empty cell with 0"),
        ),
        (
            ":prev FILE",
            lang.pick(
                "与上年报告核对（跨年规则）",
                "check against last year's report",
            ),
        ),
        (
            ":noprev",
            lang.pick("不再与上年报告核对", "stop checking against last year"),
        ),
        (
            ":diff FILE",
            lang.pick(
                "标出与另一版本不同的单元格",
                "mark the cells that differ from another version",
            ),
        ),
        (
            ":nodiff",
            lang.pick("不再标出不同之处", "stop marking differences"),
        ),
        (":lang zh|en", lang.pick("界面语言", "interface language")),
        (":help", lang.pick("帮助", "help")),
    ]
}

/// One line of the help screen, which is made from the tables above so it always tells the
/// truth; the view gives each kind its style.
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
pub fn help_lines(lang: Lang) -> Vec<HelpLine> {
    let mut out = vec![
        HelpLine::Title(lang.pick("nianbao 帮助 — 按键", "nianbao help — keys")),
        HelpLine::Blank,
    ];
    for (context, entries) in help_entries(lang) {
        out.push(HelpLine::Heading(context.title(lang)));
        out.extend(entries.into_iter().map(|(k, d)| HelpLine::Entry(k, d)));
        out.push(HelpLine::Blank);
    }
    out.push(HelpLine::Heading(
        lang.pick("命令行（按 : 输入）", "Command line (type :)"),
    ));
    out.extend(
        command_lines(lang)
            .into_iter()
            .map(|(c, d)| HelpLine::Entry(c.to_string(), d)),
    );
    out.push(HelpLine::Blank);
    out.push(HelpLine::Heading(lang.pick("其他", "Also")));
    out.extend(
        [
            lang.pick(
                "鼠标：单击章节或单元格即可选中",
                "Mouse: click a section or a cell to select it",
            ),
            lang.pick(
                "粘贴数字：从光标处向右、向下填入",
                "Paste numbers: they fill right and down from the cursor",
            ),
            lang.pick(
                "空单元格显示为空白（未填写，不等于 0）",
                "Empty cells are blank: not filled in, which is not 0",
            ),
            lang.pick(
                "= 由规则自动计算的合计    ! 违反规则    ? 警告",
                "= total filled in by a rule   ! breaks a rule   ? warning",
            ),
        ]
        .map(HelpLine::Note),
    );
    out
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
        for context in [
            Context::Grid,
            Context::Text,
            Context::CellEdit,
            Context::TextEdit,
            Context::Help,
        ] {
            for (c, command) in hints(context) {
                assert!(!keys_for(*c, *command).is_empty(), "{command:?} in {c:?}");
            }
        }
    }
}
