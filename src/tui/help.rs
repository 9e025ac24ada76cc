//! What the help screen says, made from the keymap and the `:` command table so it always tells
//! the truth; the view gives each kind of line its style, the app counts them to scroll.

use super::app::command::COMMANDS;
use super::keymap;
use crate::i18n::Lang;

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
    let mut out = vec![
        HelpLine::Title(lang.pick("nianbao 帮助 — 按键", "nianbao help — keys")),
        HelpLine::Blank,
    ];
    for (context, entries) in keymap::help_entries(lang) {
        // The review queue's keys are the queue's own help (`?` there), not the editor's.
        if context.is_review() {
            continue;
        }
        out.push(HelpLine::Heading(context.title(lang)));
        out.extend(entries.into_iter().map(|(k, d)| HelpLine::Entry(k, d)));
        out.push(HelpLine::Blank);
    }
    out.push(HelpLine::Heading(
        lang.pick("命令行（按 : 输入）", "Command line (type :)"),
    ));
    out.extend(
        COMMANDS
            .iter()
            .filter(|c| !c.hidden)
            .map(|c| HelpLine::Entry(c.synopsis(lang), c.describe(lang))),
    );
    out.push(HelpLine::Blank);
    out.push(HelpLine::Heading(lang.pick("其他", "Also")));
    out.extend(
        [
            lang.pick(
                "次数：数字后接移动键即移动几次（3j 下移三行，5l 右移五列）",
                "Counts: digits before a motion repeat it (3j: down three rows, 5l: right five)",
            ),
            lang.pick(
                "金额可带单位输入（251000元、25.1万元），自动换算为本列的万元",
                "Money may be typed with its unit (251000元, 25.1万元): it is converted to 万元",
            ),
            lang.pick(
                "鼠标：单击章节或单元格即可选中",
                "Mouse: click a section or a cell to select it",
            ),
            lang.pick(
                "粘贴数字：从光标处向右、向下填入；制表符分列（空字段即空单元格），换行分行",
                "Pasted numbers fill right and down; an empty field keeps its column",
            ),
            lang.pick(
                "空单元格显示为空白（未填写，不等于 0）",
                "Empty cells are blank: not filled in, which is not 0",
            ),
            lang.pick(
                "= 由规则自动计算的合计    * 改写的合计（与各项之和不同）",
                "= total filled in by a rule   * total overridden (unlike its parts)",
            ),
            lang.pick(
                "! 违反规则    ? 警告    在合计上输入数值：核对它，不会替换",
                "! breaks a rule   ? warning   a value typed on a total checks it",
            ),
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
