//! The `:` command line, for everything that has no key of its own: one table of commands with
//! their names, aliases, argument, description and handler, which runs them and writes their help.

use std::path::PathBuf;

use super::{App, Effect, Mode, Purpose};
use crate::i18n::Lang;
use crate::i18n::editor as msg;
use crate::tui::keymap::{self, Command, Context, Lookup};
use crate::tui::keys::Key;

/// What a command takes after its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arg {
    None,
    /// A file name.
    File,
    /// A file name, or nothing.
    OptionalFile,
    /// A value for a cell, or nothing.
    Value,
    /// Any text, or nothing (then the command says what it is now); the help names what it is.
    Text(Text),
    /// One of these words, or nothing when `optional`.
    Word {
        words: &'static [&'static str],
        optional: bool,
    },
}

/// What the text a command takes is, as the help names it (`:year [年份]`, `:year [YEAR]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    Name,
    Title,
    Year,
}

impl Text {
    fn placeholder(self, lang: Lang) -> &'static str {
        match self {
            Text::Name => msg::ex_name(lang),
            Text::Title => msg::ex_title(lang),
            Text::Year => msg::ex_year(lang),
        }
    }
}

/// One `:` command.
pub struct ExCommand {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub arg: Arg,
    /// Chinese and English.
    pub description: (&'static str, &'static str),
    /// Not in the help: a crash on request, for the tests of what a crash does to the terminal
    /// and the unsaved edits.
    pub hidden: bool,
    pub run: fn(&mut App, &str) -> Vec<Effect>,
}

impl ExCommand {
    pub fn describe(&self, lang: Lang) -> &'static str {
        lang.pick(self.description.0, self.description.1)
    }

    /// How the help writes it: `:w  :write`, `:zero [all]`, `:prev FILE`.
    pub fn synopsis(&self, lang: Lang) -> String {
        let names: Vec<String> = std::iter::once(self.name)
            .chain(self.aliases.iter().copied())
            .map(|n| format!(":{n}"))
            .collect();
        let arg = match self.arg {
            Arg::None => String::new(),
            Arg::File => format!(" {}", msg::ex_file(lang)),
            Arg::OptionalFile => format!(" [{}]", msg::ex_file(lang)),
            Arg::Value => format!(" [{}]", msg::ex_value(lang)),
            Arg::Text(text) => format!(" [{}]", text.placeholder(lang)),
            Arg::Word { words, optional } if optional => format!(" [{}]", words.join("|")),
            Arg::Word { words, .. } => format!(" {}", words.join("|")),
        };
        format!("{}{arg}", names.join("  "))
    }

    fn named(&self, name: &str) -> bool {
        self.name == name || self.aliases.contains(&name)
    }

    fn takes(&self, arg: &str) -> bool {
        match self.arg {
            Arg::None => arg.is_empty(),
            Arg::File => !arg.is_empty(),
            Arg::OptionalFile => true,
            Arg::Value | Arg::Text(_) => true,
            Arg::Word { words, optional } => words.contains(&arg) || (optional && arg.is_empty()),
        }
    }
}

const fn ex(
    name: &'static str,
    aliases: &'static [&'static str],
    arg: Arg,
    description: (&'static str, &'static str),
    run: fn(&mut App, &str) -> Vec<Effect>,
) -> ExCommand {
    ExCommand {
        name,
        aliases,
        arg,
        description,
        hidden: false,
        run,
    }
}

fn nothing(_: &mut App) -> Vec<Effect> {
    Vec::new()
}

pub const COMMANDS: &[ExCommand] = &[
    ex(
        "w",
        &["write"],
        Arg::OptionalFile,
        (
            "保存；给出文件名则另存为该文件，之后编辑它",
            "save; with a file name, save as that file and go on editing it",
        ),
        |a, path| match path {
            "" => a.save(false),
            path => a.save_as(PathBuf::from(path)),
        },
    ),
    ex(
        "e",
        &["edit"],
        Arg::File,
        (
            "打开另一份报告，文件不存在时新建（有未保存的修改时询问）",
            "open another report, a new one if the file is not there (asks about unsaved changes)",
        ),
        |a, path| a.open(PathBuf::from(path), false),
    ),
    ex(
        "e!",
        &["edit!"],
        Arg::File,
        (
            "打开另一份报告，放弃未保存的修改",
            "open another report, giving up unsaved changes",
        ),
        |a, path| a.open(PathBuf::from(path), true),
    ),
    ex(
        "q",
        &["quit"],
        Arg::None,
        (
            "退出（有未保存的修改时询问）",
            "quit (asks about unsaved changes)",
        ),
        |a, _| a.quit(false),
    ),
    ex(
        "q!",
        &["quit!"],
        Arg::None,
        ("不保存，直接退出", "quit without saving"),
        |a, _| a.quit(true),
    ),
    ex(
        "wq",
        &["x"],
        Arg::None,
        ("保存并退出", "save and quit"),
        |a, _| a.save(true),
    ),
    ex(
        "fill",
        &[],
        Arg::None,
        (
            "重新计算所有合计（派生单元格）",
            "recompute every derived total",
        ),
        |a, _| {
            a.fill_derived();
            nothing(a)
        },
    ),
    ex(
        "override",
        &[],
        Arg::Value,
        (
            "改写光标处的合计（不填数值：输入它）",
            "override the total under the cursor (no value: type it)",
        ),
        |a, arg| {
            if arg.is_empty() {
                a.start_override();
            } else {
                a.override_with(arg);
            }
            nothing(a)
        },
    ),
    ex(
        "zero",
        &[],
        Arg::Word {
            words: &["all"],
            optional: true,
        },
        (
            "本表空单元格填 0（all：全部）",
            "fill this table's empty cells with 0 (all: every table)",
        ),
        |a, arg| {
            a.fill_zero(arg == "all");
            nothing(a)
        },
    ),
    ex(
        "prev",
        &[],
        Arg::File,
        (
            "与上年报告核对（跨年规则）",
            "check against last year's report",
        ),
        |a, path| {
            // Named in the report once it is read: a file that cannot be read is not named.
            a.prev_to_name = Some(PathBuf::from(path));
            vec![Effect::Load {
                path: PathBuf::from(path),
                purpose: Purpose::Prev,
            }]
        },
    ),
    ex(
        "noprev",
        &[],
        Arg::None,
        ("不再与上年报告核对", "stop checking against last year"),
        |a, _| {
            a.derived.prev = None;
            // Named in the report, the name goes too (`u` brings it back), so the next session
            // and `check` do not check against it again; read-only, for this session.
            if a.report.previous.is_some() && !a.file.read_only {
                a.change_meta(|m| m.previous = None);
            }
            a.changed();
            a.say(msg::no_longer_prev(a.lang));
            nothing(a)
        },
    ),
    ex(
        "diff",
        &[],
        Arg::File,
        (
            "标出与另一版本不同的单元格",
            "mark the cells that differ from another version",
        ),
        |_, path| {
            vec![Effect::Load {
                path: PathBuf::from(path),
                purpose: Purpose::Diff,
            }]
        },
    ),
    ex(
        "nodiff",
        &[],
        Arg::None,
        ("不再标出不同之处", "stop marking differences"),
        |a, _| {
            a.derived.compared = None;
            a.say(msg::no_longer_diff(a.lang));
            nothing(a)
        },
    ),
    ex(
        "agency",
        &[],
        Arg::Text(Text::Name),
        (
            "报告机关的名称（不填：显示现在的）",
            "the reporting agency's name (none: show it)",
        ),
        |a, name| {
            a.agency_command(name);
            nothing(a)
        },
    ),
    ex(
        "title",
        &[],
        Arg::Text(Text::Title),
        (
            "报告的标题（不填：显示现在的）",
            "the report's title (none: show it)",
        ),
        |a, title| {
            a.title_command(title);
            nothing(a)
        },
    ),
    ex(
        "year",
        &[],
        Arg::Text(Text::Year),
        (
            "报告的年度，如 2024（不填：显示现在的）",
            "the year the report is for, e.g. 2024 (none: show it)",
        ),
        |a, year| {
            a.year_command(year);
            nothing(a)
        },
    ),
    ex(
        "lang",
        &[],
        Arg::Word {
            words: &["zh", "en"],
            optional: false,
        },
        ("界面语言", "interface language"),
        |a, arg| {
            a.lang = if arg == "en" { Lang::En } else { Lang::Zh };
            a.scroll_into_view();
            nothing(a)
        },
    ),
    ex(
        "problems",
        &["pr"],
        Arg::None,
        ("问题列表（全部问题，全文）", "list every problem in full"),
        |a, _| {
            a.open_problems();
            nothing(a)
        },
    ),
    ex("help", &["h"], Arg::None, ("帮助", "help"), |a, _| {
        a.mode = Mode::Help { scroll: 0 };
        nothing(a)
    }),
    ExCommand {
        name: "debug-panic",
        aliases: &[],
        arg: Arg::None,
        description: ("故意崩溃（测试用）", "crash on purpose (for tests)"),
        hidden: true,
        run: |_, _| panic!("panic requested with :debug-panic"),
    },
];

impl App {
    pub(super) fn prompt_key(&mut self, key: Key, mut buffer: String) -> Vec<Effect> {
        match keymap::lookup(&[Context::Prompt], &[key]) {
            Lookup::Command(Command::Cancel) => self.mode = Mode::Normal,
            Lookup::Command(Command::RunCommand) if self.searching => {
                self.mode = Mode::Normal;
                self.find(&buffer);
            }
            Lookup::Command(Command::RunCommand) => {
                self.mode = Mode::Normal;
                return self.run_command(buffer.trim());
            }
            Lookup::Command(Command::DeleteBack) if buffer.is_empty() => self.mode = Mode::Normal,
            Lookup::Command(Command::DeleteBack) => {
                buffer.pop();
                self.mode = Mode::Prompt { buffer };
            }
            _ => {
                if let Some(c) = key.typed_char() {
                    buffer.push(c);
                }
                self.mode = Mode::Prompt { buffer };
            }
        }
        Vec::new()
    }

    /// Runs one `:` command.
    pub fn run_command(&mut self, line: &str) -> Vec<Effect> {
        let (name, arg) = match line.split_once(char::is_whitespace) {
            Some((n, a)) => (n, a.trim()),
            None => (line, ""),
        };
        if name.is_empty() {
            return Vec::new();
        }
        match COMMANDS.iter().find(|c| c.named(name)) {
            Some(command) if command.takes(arg) => (command.run)(self, arg),
            Some(command) => {
                let usage = command.synopsis(self.lang);
                self.complain(msg::ex_usage(&usage, self.lang));
                Vec::new()
            }
            None => {
                let help = keymap::key_for(Context::Normal, Command::Help);
                self.complain(msg::unknown_ex_command(line, &help, self.lang));
                Vec::new()
            }
        }
    }
}
