//! Malformed input never panics: random bytes, deep nesting, huge lines, invalid UTF-8, BOMs and
//! CRLF, through the report loader (the recovery reader has its own property test).

use nianbao::store::{load_file, load_str};
use nianbao::template::Registry;
use proptest::prelude::*;

fn sample() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/shiyan-2024.toml"
    ))
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_text_is_an_error_or_a_report(text in ".{0,300}") {
        let _ = load_str(&text, "x.toml", &mut Registry::default());
    }

    #[test]
    fn a_sample_with_random_damage_never_panics(cut in 0usize..9000, insert in "[\\[\\]{}=\"',.\\-0-9a-z\n\u{1b}总]{0,12}") {
        let text = sample();
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let damaged = format!("{}{insert}{}", &text[..at], &text[at..]);
        if let Err(e) = load_str(&damaged, "x.toml", &mut Registry::default()) {
            let message = e.to_string();
            prop_assert!(message.starts_with("x.toml"), "{message}");
        }
    }

    #[test]
    fn random_bytes_from_disk(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.toml");
        std::fs::write(&path, &bytes).unwrap();
        let _ = load_file(&path, &mut Registry::default());
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for open in ["[", "{a=", "a.", "[[x]]\n"] {
        let text = format!("template = \"gov-2021\"\nx = {}", open.repeat(200_000));
        let e = load_str(&text, "deep.toml", &mut Registry::default()).unwrap_err();
        assert!(e.to_string().starts_with("deep.toml:"), "{e}");
    }
    // Dotted keys nested too deep: the parser gives no place, the line is found all the same.
    for dotted in ["[{}]", "{} = 1"] {
        let keys = vec!["a"; 100_000].join(".");
        let text = format!("template = \"gov-2021\"\n{}\n", dotted.replace("{}", &keys));
        let e = load_str(&text, "deep.toml", &mut Registry::default()).unwrap_err();
        assert!(e.to_string().starts_with("deep.toml:2:1:"), "{e}");
    }
}

#[test]
fn a_100_megabyte_line_is_an_error() {
    let text = format!(
        "template = \"gov-2021\"\nagency = \"{}",
        "字".repeat(34 << 20)
    );
    let e = load_str(&text, "huge.toml", &mut Registry::default()).unwrap_err();
    assert!(
        e.to_string().starts_with("huge.toml:2:"),
        "{}",
        &e.to_string()[..100.min(e.to_string().len())]
    );
}

#[test]
fn invalid_utf8_is_reported_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.toml");
    let mut bytes = sample().into_bytes();
    bytes.splice(100..100, [0xff, 0xfe]);
    std::fs::write(&path, bytes).unwrap();
    let e = load_file(&path, &mut Registry::default())
        .unwrap_err()
        .to_string();
    assert!(e.contains("r.toml:2:22: the file is not UTF-8 text"), "{e}");
    // Not GBK either (0xff is in neither): how to convert, without a guess at the encoding.
    assert!(e.contains("convert it to UTF-8 first"), "{e}");
    assert!(e.contains("iconv -f GBK -t UTF-8 "), "{e}");
    assert!(e.contains("r-utf8.toml"), "{e}");
}

/// A report saved as GBK (Chinese Windows' encoding) is named as such, with the command that
/// converts it, in both languages; the converted copy reads.
#[test]
fn a_gbk_file_is_named_and_the_conversion_told() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.toml");
    let text = sample();
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    std::fs::write(&path, &gbk).unwrap();
    let e = load_file(&path, &mut Registry::default()).unwrap_err();
    let en = e.text(nianbao::i18n::Lang::En);
    assert!(en.contains("it looks like GBK"), "{en}");
    let from = path.display().to_string();
    let to = dir.path().join("r-utf8.toml").display().to_string();
    assert!(
        en.contains(&format!("iconv -f GBK -t UTF-8 {from} > {to}")),
        "{en}"
    );
    let zh = e.text(nianbao::i18n::Lang::Zh);
    assert!(zh.contains("看起来是 GBK 编码"), "{zh}");
    let (utf8, _, _) = encoding_rs::GBK.decode(&gbk);
    std::fs::write(&to, utf8.as_bytes()).unwrap();
    load_file(std::path::Path::new(&to), &mut Registry::default()).unwrap();
}
