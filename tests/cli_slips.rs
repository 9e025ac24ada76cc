//! A command's name mistyped on the command line is said as such, not taken for a file.

mod common;

use common::{nianbao_in, nianbao_zh};

/// A command's name mistyped is said as such, where clap would read it as a file: a new report
/// named after the slip, or "unexpected argument" for what follows it.
#[test]
fn a_mistyped_command_is_named_not_taken_for_a_file() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["chek", "x.toml"][..],
        &["chek"],
        &["--lang", "en", "exprot", "a.toml"],
    ] {
        let o = nianbao_in(dir.path(), args);
        assert_eq!(o.code, 2, "{args:?}");
        assert!(
            o.stderr.contains("there is no command \"") && o.stderr.contains("did you mean"),
            "{args:?}: {}",
            o.stderr
        );
    }
    let zh = nianbao_zh(dir.path(), &["chek"]);
    assert_eq!(
        zh.stderr,
        "nianbao: 没有 “chek” 这个命令，是不是 check？（要新建名为 chek 的报告，请写 chek.toml）\n"
    );
    // A file of that name is a file: opened (here refused only for want of a terminal).
    std::fs::write(dir.path().join("chek"), "").unwrap();
    let o = nianbao_in(dir.path(), &["chek"]);
    assert!(o.stderr.contains("needs a terminal"), "{}", o.stderr);
}
