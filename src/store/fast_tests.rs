//! The report file's own reader gives what the general parser gives, or gives up: on every
//! sample, on the files the editor writes of random reports, on samples damaged at random, and
//! on the layouts it must leave to the general parser.

use proptest::prelude::*;

use super::read;
use crate::report::Report;
use crate::store::load::load_general;
use crate::template::Registry;

fn samples() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        if path.extension().is_some_and(|e| e == "toml") && text.contains("template = \"gov-") {
            out.push((path.display().to_string(), text));
        }
    }
    assert!(out.len() >= 4);
    out
}

/// The sample most edits below start from.
fn shiyan_2024() -> String {
    samples()
        .into_iter()
        .find(|(p, _)| p.ends_with("shiyan-2024.toml"))
        .unwrap()
        .1
}

/// What the fast reader gives is what the general parser gives; `true` when it read the file.
fn agrees(text: &str) -> Result<bool, String> {
    let mut registry = Registry::default();
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(fast) = read(body, &mut registry) else {
        return Ok(false);
    };
    match load_general(text, "x.toml", &mut registry) {
        Ok(general) if general == fast => Ok(true),
        Ok(general) => Err(format!("fast {fast:?}\ngeneral {general:?}")),
        Err(e) => Err(format!("fast read a file the parser refuses: {e}")),
    }
}

#[test]
fn every_sample_is_read_by_the_fast_reader_as_the_parser_reads_it() {
    for (path, text) in samples() {
        assert_eq!(agrees(&text), Ok(true), "{path}");
        // Windows line ends and a byte-order mark, as an editor on Windows saves it.
        let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
        assert_eq!(agrees(&windows), Ok(true), "{path} with CRLF");
    }
}

#[test]
fn what_the_fast_reader_leaves_to_the_parser() {
    let sample = &shiyan_2024();
    for (old, new) in [
        // A key twice, a key inside a value, a table header twice or over a dotted key's table.
        ("year = 2024", "year = 2024\nyear = 2024"),
        ("carried ", "new.x = [1]\ncarried "),
        ("[active.fees]", "[active.fees]\n[active.fees]"),
        ("handled.granted ", "handled = [1]\nhandled.granted "),
        (
            "carry_forward",
            "[requests.applications.handled]\ncarry_forward",
        ),
        // Values of kinds the layout does not use.
        ("year = 2024", "year = 02024"),
        ("year = 2024", "year = +2024"),
        ("year = 2024", "year = 2_024"),
        ("licensing = [1286]", "licensing = [1.2e3]"),
        ("licensing = [1286]", "licensing = [0x506]"),
        ("licensing = [1286]", "licensing = [\n1286]"),
        ("licensing = [1286]", "licensing = [1286,]"),
        ("licensing = [1286]", "licensing = [true]"),
        ("agency = \"", "agency = \"\\u0041"),
        ("agency = \"", "agency = \"\"\"x\"\"\" #"),
        ("\"gov-2021\"", "\"gov-2021\" \"x\""),
        ("[overview]\ntext = '''\n", "[overview]\ntext = '''  \n"),
        (
            "[overview]\ntext = '''\n",
            "[overview]\ntext = ''' first line\n",
        ),
        ("[overview]", "[\"overview\"]"),
        ("[overview]", "[ overview . x ]"),
        ("licensing = [1286]", "licensing = [\"1286\"]"),
        ("licensing = [1286]", "licensing = [-1]"),
        ("licensing = [1286]", "licensing = [1286, 1]"),
        ("fees = [18.8710]", "fees = [18.87105]"),
        ("fees = [18.8710]", "fees = [18.]"),
        ("licensing = [1286]", "licence = [1286]"),
        ("agency = ", "agency = 1 #"),
        ("year = 2024", "year = 1800"),
        ("year = 2024", "year = 2024\u{7}"),
        ("template = \"gov-2021\"", "template = \"gov-1999\""),
        ("template = \"gov-2021\"", ""),
        // Headers the general reader refuses though nothing stands under them.
        ("[other]", "[bogus]\n[other]"),
        ("[other]", "[agency]\n[other]"),
        ("[other]", "[requests.bogus]\n[other]"),
        ("[other]", "[overview.text]\n[other]"),
        ("[other]", "[other.x]\n[other]"),
        ("[other]", "[a.a.a.a.a.a.a.a.a]\n[other]"),
    ] {
        assert!(sample.contains(old), "{old}");
        let changed = sample.replacen(old, new, 1);
        assert_eq!(agrees(&changed), Ok(false), "{old} -> {new}");
    }
}

#[test]
fn a_hand_edited_layout_the_fast_reader_knows_reads_the_same() {
    let sample = &shiyan_2024();
    for (old, new) in [
        // A row under its own header, a literal string, an empty cell, blanks and comments.
        (
            "handled.total                      = [62, 8, 0, 1, 2, 2, 75]",
            "handled.total = [ 62 ,8,0, 1, 2 , 2, 75 ]\t# 总计",
        ),
        (
            "agency = \"示例市自然资源和规划局\"",
            "agency = '示例市自然资源'",
        ),
        ("licensing = [1286]", "licensing = [\"\"]   "),
        ("licensing = [1286]", "licensing = [\"  \"]"),
        ("fees = [18.8710]", "fees = [0.5]"),
        ("previous = \"shiyan-2023.toml\"", ""),
        (
            "[overview]\ntext = '''\n",
            "[overview]\ntext = '''\n\n  indented\n",
        ),
    ] {
        assert!(sample.contains(old), "{old}");
        let changed = sample.replacen(old, new, 1);
        assert_eq!(agrees(&changed), Ok(true), "{old} -> {new}");
    }
    // A table's rows as dotted keys under its section's header.
    let dotted = sample
        .replacen("[appeals.cases]  # 行政复议、行政诉讼情况", "[appeals]", 1)
        .replacen("cases = [3, 1,", "cases.cases = [3, 1,", 1);
    assert_eq!(agrees(&dotted), Ok(true));
}

/// A sample's report with random values and texts, as the editor would hold it.
fn random_report() -> impl Strategy<Value = Report> {
    let mut registry = Registry::default();
    let sample = &shiyan_2024();
    let report = crate::store::load_str(sample, "s.toml", &mut registry).unwrap();
    let cells: usize = report.tables.iter().map(|t| t.len()).sum();
    (
        proptest::collection::vec(
            proptest::option::of(prop_oneof![0..100i64, 0..=crate::value::MAX_UNITS]),
            cells,
        ),
        proptest::collection::vec("[a-z一-龥'\"\\\\#=\\[\\] \n]{0,40}", 3),
        "[一-龥a-z'\"\\\\# ]{0,12}",
    )
        .prop_map(move |(values, texts, agency)| {
            let mut r = report.clone();
            let mut values = values.into_iter();
            let template = r.template.clone();
            for (t, table) in template.tables.iter().enumerate() {
                for (i, cell) in r.tables[t].iter_mut().enumerate() {
                    let kind = table.columns[i % table.columns.len()].kind;
                    let v = values.next().unwrap();
                    // Money in its fixed point: a whole number of ten-thousandths.
                    *cell = if kind == crate::value::CellKind::Money {
                        v.map(|v| v % 100_000_000)
                    } else {
                        v
                    };
                }
            }
            for (s, text) in [0, 4, 5].into_iter().zip(texts) {
                r.texts[s] = crate::store::load::normalize_text(&text);
            }
            r.agency = agency;
            r
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn a_file_the_editor_writes_reads_back_the_same_by_either_reader(report in random_report()) {
        let sample = &shiyan_2024();
        // Written new, and saved over the sample (its layout and comments kept).
        for written in [crate::store::render_new(&report), crate::store::to_toml(&report, Some(sample))] {
            let agreed = agrees(&written);
            prop_assert!(agreed.is_ok(), "{:?}\n{}", agreed, written);
            let general = load_general(&written, "x.toml", &mut Registry::default()).unwrap();
            prop_assert!(general == report);
        }
    }

    #[test]
    fn a_sample_damaged_at_random_is_read_the_same_or_left_to_the_parser(
        cut in 0usize..7000,
        insert in "[\\[\\]{}=\"',.\\-0-9a-z#\n\r\t 总]{0,8}",
        which in 0usize..8,
    ) {
        let samples = samples();
        let text = &samples[which % samples.len()].1;
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let damaged = format!("{}{insert}{}", &text[..at], &text[at..]);
        prop_assert!(agrees(&damaged).is_ok(), "{:?}", agrees(&damaged));
    }
}
