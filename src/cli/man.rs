//! `nianbao man`: one manual page with every command, in the user's language.
//!
//! clap_mangen writes the page of nianbao itself and lists the commands as pages of their own
//! (`nianbao-check(1)`), which are not installed; each command gets its own section of this page
//! instead, with its usage, its description and every argument.

use std::io::Write;

use clap::Command;

use crate::i18n::Lang;

pub fn write(lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let mut command = super::args::command(lang);
    command.build();
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut page)?;
    let mut page = String::from_utf8_lossy(&page).into_owned();
    let mut sections = String::new();
    for sub in command.get_subcommands_mut() {
        sections.push_str(&section(sub, "nianbao"));
    }
    for sub in command.get_subcommands() {
        let name = sub.get_name();
        // The list of commands points to the sections below, not to pages that do not exist.
        page = page.replace(
            &format!("nianbao\\-{name}(1)"),
            &format!("\\fBnianbao {name}\\fR"),
        );
    }
    let at = page
        .find(".SH EXTRA")
        .or_else(|| page.find(".SH VERSION"))
        .unwrap_or(page.len());
    page.insert_str(at, &sections);
    if lang == Lang::Zh {
        for (en, zh) in [
            (".SH NAME", ".SH 名称"),
            (".SH SYNOPSIS", ".SH 概要"),
            (".SH DESCRIPTION", ".SH 描述"),
            (".SH ARGUMENTS", ".SH 参数"),
            (".SH OPTIONS", ".SH 选项"),
            (".SH EXTRA", ".SH 示例"),
            (".SH VERSION", ".SH 版本"),
        ] {
            page = page.replace(en, zh);
        }
    }
    out.write_all(page.as_bytes())
}

/// A command's section: its usage, description and arguments, then its own commands.
fn section(command: &mut Command, parent: &str) -> String {
    let name = format!("{parent} {}", command.get_name());
    let usage = command.render_usage().to_string();
    let usage = usage.split_once(' ').map_or(usage.as_str(), |(_, u)| u);
    let mut out = format!(".SH \"{}\"\n", roff(&name));
    if let Some(about) = command.get_long_about().or(command.get_about()) {
        out.push_str(&format!("{}\n.PP\n", roff(&about.to_string())));
    }
    out.push_str(&format!("\\fB{}\\fR\n", roff(usage.trim())));
    // The global options are described once, in nianbao's own section.
    for arg in command
        .get_arguments()
        .filter(|a| !a.is_hide_set() && !a.is_global_set())
    {
        let names = match (arg.get_short(), arg.get_long()) {
            _ if arg.is_positional() => format!(
                "\\fI{}\\fR",
                roff(
                    &arg.get_value_names()
                        .map_or_else(|| arg.get_id().to_string().to_uppercase(), |v| v.join(" "))
                )
            ),
            (Some(s), Some(l)) => format!("\\fB\\-{s}\\fR, \\fB\\-\\-{}\\fR", roff(l)),
            (None, Some(l)) => format!("\\fB\\-\\-{}\\fR", roff(l)),
            (Some(s), None) => format!("\\fB\\-{s}\\fR"),
            (None, None) => continue,
        };
        let value = match arg.get_value_names() {
            Some(v) if !arg.is_positional() && arg.get_action().takes_values() => {
                format!(" \\fI<{}>\\fR", roff(&v.join(" ")))
            }
            _ => String::new(),
        };
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        out.push_str(&format!(".TP\n{names}{value}\n{}\n", roff(&help)));
    }
    let mut subs = String::new();
    for sub in command.get_subcommands_mut() {
        subs.push_str(&section(sub, &name));
    }
    out + &subs
}

/// Text safe in roff: backslashes and hyphens escaped, and no line starting with a control
/// character.
fn roff(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('-', "\\-")
        .lines()
        .map(|l| {
            if l.starts_with('.') || l.starts_with('\'') {
                format!("\\&{l}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
