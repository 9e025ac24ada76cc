//! What is wrong with a command line, in Chinese: clap words its parse errors in English only, so
//! under Chinese the message is made here from what clap found (the kind of error and the
//! argument, value and suggestions it names). English keeps clap's own wording.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::Lang;

/// The message for a command line clap refused, ending with the usage and where to find help;
/// `None` when clap's own output is what to print (help, version, English).
pub fn message(error: &clap::Error, lang: Lang) -> Option<String> {
    if lang == Lang::En
        || matches!(
            error.kind(),
            ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        )
    {
        return None;
    }
    let get = |kind| error.get(kind).map(plain).unwrap_or_default();
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let mut text = match error.kind() {
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg} 缺少值"),
        ErrorKind::InvalidValue => format!("{arg} 的值 “{value}” 无效"),
        ErrorKind::UnknownArgument => format!("无法识别的参数 “{arg}”"),
        ErrorKind::InvalidSubcommand => {
            format!("未知的命令 “{}”", get(ContextKind::InvalidSubcommand))
        }
        ErrorKind::NoEquals => format!("{arg} 的值要用等号写：{arg}=值"),
        ErrorKind::ValueValidation => format!("{arg} 的值 “{value}” 无效：{}", validation(error)),
        ErrorKind::TooManyValues => format!("{arg} 的值太多：“{value}” 是多余的"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg} 的值的个数不对")
        }
        ErrorKind::ArgumentConflict => {
            let prior = get(ContextKind::PriorArg);
            if prior.is_empty() {
                format!("{arg} 只能给出一次")
            } else {
                format!("{arg} 不能与 {prior} 同时使用")
            }
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        ErrorKind::InvalidUtf8 => "参数不是有效的 UTF-8 文本".to_string(),
        _ => "命令行有误".to_string(),
    };
    let valid = get(ContextKind::ValidValue);
    if !valid.is_empty() {
        text.push_str(&format!("；可选的值：{valid}"));
    }
    for kind in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ] {
        let suggested = get(kind);
        if !suggested.is_empty() {
            text.push_str(&format!("；是不是要用 “{suggested}”？"));
        }
    }
    if let Some(trailing) = error.get(ContextKind::TrailingArg)
        && matches!(trailing, ContextValue::Bool(true))
    {
        text.push_str("；要把以 - 开头的文字当作文件名，请在它前面写 --");
    }
    let mut out = format!("nianbao: {text}\n");
    if let Some(usage) = error.get(ContextKind::Usage) {
        let usage = plain(usage);
        let usage = usage.trim().strip_prefix("Usage:").unwrap_or(&usage).trim();
        out.push_str(&format!("\n{}{usage}\n", super::help::usage_heading(lang)));
    }
    out.push_str("\n更多信息请用 --help\n");
    Some(out)
}

/// A context value without its styles.
fn plain(value: &ContextValue) -> String {
    match value {
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(list) => list
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join("、"),
        ContextValue::Strings(list) => list.join("、"),
        other => other.to_string(),
    }
}

/// Why a value was refused by its parser: the only such values are numbers (`--year`).
fn validation(error: &clap::Error) -> &'static str {
    let source = std::error::Error::source(error).map(|s| s.to_string());
    match source.as_deref() {
        Some(s) if s.contains("too large") || s.contains("too small") => "超出范围",
        _ => "应为整数",
    }
}
