//! Telling a language from another in a program's output, for the tests that every word is in the
//! user's language.

/// Three English words in a row: a sentence, where a path, a flag or an identifier is one word.
pub fn english_sentence(text: &str) -> Option<String> {
    for line in text.lines() {
        let mut run: Vec<&str> = Vec::new();
        for word in line.split([' ', '：', '，', '；', '（', '）']) {
            let is_word =
                word.len() > 1 && word.chars().all(|c| c.is_ascii_alphabetic() || c == '\'');
            if is_word {
                run.push(word);
                if run.len() == 3 {
                    return Some(format!("{:?} in {line:?}", run.join(" ")));
                }
            } else {
                run.clear();
            }
        }
    }
    None
}

/// A run of Chinese characters that is neither an official label of the templates nor the
/// report's own words (its agency, title and texts) nor the test's inputs.
pub fn chinese_prose(text: &str, allowed: &str) -> Option<String> {
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c) || c == '〇';
    let mut rest = text;
    while let Some(start) = rest.find(han) {
        let after = &rest[start..];
        let end = after.find(|c: char| !han(c)).unwrap_or(after.len());
        let found = &after[..end];
        if !allowed.contains(found) {
            let line = text.lines().find(|l| l.contains(found)).unwrap_or("");
            return Some(format!("{found:?} in {line:?}"));
        }
        rest = &after[end..];
    }
    None
}

#[test]
fn the_checks_catch_what_they_look_for() {
    assert!(english_sentence("nianbao: cannot read the file").is_some());
    assert!(english_sentence("无法读取 samples/a.toml：没有这个文件").is_none());
    assert!(english_sentence("应为 template、agency、year、title").is_none());
    assert!(chinese_prose("row `fees`: 不允许负数", "").is_some());
    assert!(chinese_prose("row `fees`, column 1 (金额)", "金额").is_none());
}

/// Runs the binary in `dir` under `locale` and nothing else of the caller's: no LC_ALL or
/// LC_MESSAGES, a config folder and home of `dir`'s own, no standard input.
pub fn run_in_locale(dir: &std::path::Path, locale: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(dir)
        .env("LANG", locale)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("HOME", dir)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("the binary runs")
}
