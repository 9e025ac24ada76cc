//! Where `nianbao sum` writes: a new file, or a total it wrote before (told by the mark in its
//! first comments) whose numbers it replaces; any other existing file only with `--force`.

mod common;

use common::{nianbao_in, nianbao_zh, sample_text, samples, write};

fn sample(name: &str) -> String {
    samples().join(name).display().to_string()
}

#[test]
fn a_report_that_is_not_a_total_is_not_written_over_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let victim = sample_text("shiyan-2024.toml").replace("示例市", "示例市第30局");
    write(dir.path(), "victim.toml", &victim);
    let (a, c) = (sample("shiyan-2024.toml"), sample("mismatch-2024.toml"));
    let run = nianbao_in(dir.path(), &["sum", &a, &c, "-o", "victim.toml"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "nianbao: victim.toml already exists and is not a total written by nianbao sum (no \"# nianbao sum:\" comment at its top), so nothing was written; add --force to write the total over it\n"
    );
    assert_eq!(run.stdout, "");
    let zh = nianbao_zh(dir.path(), &["sum", &a, &c, "-o", "victim.toml"]);
    assert_eq!(zh.code, 2);
    assert!(
        zh.stderr
            .contains("victim.toml 已存在，且不是 nianbao sum 写出的合计")
            && zh.stderr.contains("--force"),
        "{}",
        zh.stderr
    );
    let path = dir.path().join("victim.toml");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), victim);

    // With --force, a new total: nothing of the report it replaces is left.
    let run = nianbao_in(dir.path(), &["sum", &a, &c, "-o", "victim.toml", "--force"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let total = std::fs::read_to_string(&path).unwrap();
    assert!(total.contains("agency = \"\"\n"), "{total}");
    assert!(!total.contains("previous") && !total.contains("示例市第30局"));
    assert!(total.contains("\n# nianbao sum: a total of reports' numbers"));

    // A total `sum` wrote is updated without --force, its texts kept.
    let written = total.replacen("text = '''\n\n'''", "text = '''\n全市汇总说明。\n'''", 1);
    std::fs::write(&path, &written).unwrap();
    let run = nianbao_in(dir.path(), &["sum", &a, "-o", "victim.toml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("全市汇总说明。")
    );
}

#[test]
fn a_new_total_says_in_its_first_lines_that_sum_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let run = nianbao_in(
        dir.path(),
        &["sum", &sample("shiyan-2024.toml"), "-o", "total.toml"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let total = std::fs::read_to_string(dir.path().join("total.toml")).unwrap();
    let head: Vec<&str> = total.lines().take(5).collect();
    assert_eq!(head[0], "# 2024年政府信息公开工作年度报告");
    assert!(
        head[2].starts_with("# nianbao sum：本文件是各报告数字的合计"),
        "{total}"
    );
    assert!(head[3].starts_with("# nianbao sum: a total of reports' numbers"));
    assert_eq!(head[4], "template = \"gov-2021\"");
    // Deleting the mark makes it an ordinary report, which is then kept.
    let ordinary: String = total
        .lines()
        .filter(|l| !l.starts_with("# nianbao sum"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.path().join("total.toml"), &ordinary).unwrap();
    let run = nianbao_in(
        dir.path(),
        &["sum", &sample("shiyan-2024.toml"), "-o", "total.toml"],
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("total.toml")).unwrap(),
        ordinary
    );
}

#[test]
fn a_file_given_twice_is_counted_once_and_the_total_written() {
    let dir = tempfile::tempdir().unwrap();
    let (a, c) = (sample("shiyan-2024.toml"), sample("mismatch-2024.toml"));
    let zh = nianbao_zh(dir.path(), &["sum", &a, &a, &c, "-o", "out.toml"]);
    assert_eq!(zh.code, 0, "{}", zh.stderr);
    assert_eq!(
        zh.stderr,
        format!(
            "{a}：重复给出，只计一次\n{c}：机关“示例市自然资源和规划局”的报告已由 {a} 计入，两份都计入了合计；若是同一份报告的副本，请去掉一份后重新汇总\n"
        )
    );
    assert_eq!(zh.stdout, "已汇总 2 份报告 → out.toml\n");
    let twice = std::fs::read(dir.path().join("out.toml")).unwrap();
    let once = nianbao_zh(dir.path(), &["sum", &a, &c, "-o", "once.toml"]);
    assert_eq!(once.code, 0, "{}", once.stderr);
    assert_eq!(std::fs::read(dir.path().join("once.toml")).unwrap(), twice);
}

/// Copies of one agency's report ("某局 (1).toml") count one body many times: the first ones are
/// named, the rest counted, and the total is still written.
#[test]
fn reports_of_one_agency_are_named_the_first_twenty_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let text = sample_text("shiyan-2024.toml");
    let mut args = vec!["sum".to_string()];
    for i in 0..23 {
        let name = format!("copy-{i:02}.toml");
        write(dir.path(), &name, &text);
        args.push(name);
    }
    args.extend(["-o".into(), "total.toml".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = nianbao_in(dir.path(), &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let named = run
        .stderr
        .lines()
        .filter(|l| l.contains("was already added from copy-00.toml"));
    assert_eq!(named.count(), 20, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("2 more reports are of an agency an earlier input was of"),
        "{}",
        run.stderr
    );
    assert!(dir.path().join("total.toml").exists());
}
