//! The words clap writes around the help texts: the headings, the usage line and the
//! placeholders of values (`<FILE>`). clap has them in English and ends a heading with an ASCII
//! colon; under Chinese each is replaced here, headings with a full-width `：`.

use clap::{Arg, Command};

use super::Lang;

/// The headings of the help (the man page's too) and the usage's placeholders.
pub(super) struct Headings {
    pub usage: &'static str,
    pub commands: &'static str,
    pub arguments: &'static str,
    pub options: &'static str,
    /// What follows a heading in the help.
    pub colon: &'static str,
    /// The placeholder of a command in the usage, when not clap's own `[COMMAND]`.
    pub command: Option<&'static str>,
    /// The placeholder of the options in the usage: `[OPTIONS]`.
    pub options_tag: &'static str,
}

pub(super) fn headings(lang: Lang) -> Headings {
    match lang {
        Lang::Zh => Headings {
            usage: "用法：",
            commands: "命令",
            arguments: "参数",
            options: "选项",
            colon: "：",
            command: Some("命令"),
            options_tag: "[选项]",
        },
        Lang::En => Headings {
            usage: "Usage: ",
            commands: "Commands",
            arguments: "Arguments",
            options: "Options",
            colon: ":",
            command: None,
            options_tag: "[OPTIONS]",
        },
    }
}

/// The placeholders of values in Chinese, by the name the grammar gives them (a positional
/// argument without one is named by its id in capitals, as clap does).
const VALUE_NAMES: &[(&str, &str)] = &[
    ("AGENCY", "机关"),
    ("COMMAND", "命令"),
    ("DIR|FILE", "文件夹|文件"),
    ("FILE", "文件"),
    ("FILE|DIR", "文件|文件夹"),
    ("FORMAT", "格式"),
    ("ID", "标识"),
    ("ID|PATH", "标识|路径"),
    ("INPUT", "输入"),
    ("LANG", "语言"),
    ("LAST_YEAR.toml", "上年报告.toml"),
    ("LIST", "列表"),
    ("NEW", "新报告"),
    ("OLD", "旧报告"),
    ("OUT", "输出"),
    ("OUT.toml", "输出.toml"),
    ("SHELL", "shell"),
    ("TITLE", "标题"),
    ("TO", "格式"),
    ("YEAR", "年度"),
];

/// The Chinese placeholder for `name`, or `None` when there is none (a test checks that every
/// argument of the grammar has one).
pub(super) fn value_name_zh(name: &str) -> Option<&'static str> {
    VALUE_NAMES
        .iter()
        .find(|(en, _)| *en == name)
        .map(|(_, zh)| *zh)
}

/// The name clap shows for the values of `arg`.
pub(super) fn value_name(arg: &Arg) -> Option<String> {
    if !arg.get_action().takes_values() {
        return None;
    }
    match arg.get_value_names() {
        Some(names) => names.first().map(|n| n.to_string()),
        None => Some(arg.get_id().as_str().to_uppercase()),
    }
}

/// `arg` with its placeholder in `lang`.
pub(super) fn localize_value_name(arg: Arg, lang: Lang) -> Arg {
    match (lang, value_name(&arg)) {
        (Lang::Zh, Some(name)) => match value_name_zh(&name) {
            Some(zh) => arg.value_name(zh),
            None => arg,
        },
        _ => arg,
    }
}

/// The help's layout: each section under its own heading, rather than clap's `{all-args}`,
/// which writes `heading:` with an ASCII colon.
pub(super) fn template(command: &Command, lang: Lang) -> String {
    let h = headings(lang);
    let mut sections = Vec::new();
    if command.has_subcommands() {
        sections.push(format!("{}{}\n{{subcommands}}", h.commands, h.colon));
    }
    if command.get_positionals().next().is_some() {
        sections.push(format!("{}{}\n{{positionals}}", h.arguments, h.colon));
    }
    // Every command has at least -h.
    sections.push(format!("{}{}\n{{options}}", h.options, h.colon));
    format!(
        "{{about-with-newline}}\n{}{{usage}}\n\n{}{{after-help}}",
        h.usage,
        sections.join("\n\n")
    )
}

/// Every command's usage line with `[OPTIONS]` in `lang`: clap writes that word itself, so the
/// line it makes is taken and set as the command's own. `command` must be built (its
/// subcommands know their full names).
pub(super) fn localize_usage(command: &mut Command, lang: Lang) {
    if lang == Lang::En {
        return;
    }
    let h = headings(lang);
    let usage = command.render_usage().to_string();
    let usage = usage
        .trim()
        .strip_prefix("Usage:")
        .unwrap_or(&usage)
        .trim()
        .replace("[OPTIONS]", h.options_tag);
    *command = std::mem::take(command).override_usage(usage);
    for sub in command.get_subcommands_mut() {
        localize_usage(sub, lang);
    }
}
