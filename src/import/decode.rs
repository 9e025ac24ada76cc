//! Bytes in, text out. Pages saved from government sites are often GB2312/GBK; text copied from a
//! PDF may hold stray bytes. Nothing is refused here: what cannot be decoded is replaced and said.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

/// The decoded input and what was done to get it.
pub struct Decoded {
    pub text: String,
    /// "GB18030", "UTF-16LE", … when the input was not UTF-8.
    pub encoding: Option<&'static str>,
    /// 1-based lines where bytes could not be decoded and were replaced by U+FFFD.
    pub replaced_lines: Vec<usize>,
}

/// Whether the bytes look like an HTML page rather than copied text.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    let head = head.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<?xml")
        || ["<body", "<table", "<p>", "<p ", "<div", "<meta", "<head"]
            .iter()
            .any(|tag| head.contains(tag))
}

/// The charset an HTML page declares in its first bytes (`<meta charset=gbk>`).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset")?;
    let rest = head[at + "charset".len()..].trim_start_matches([' ', '=', '"', '\'']);
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    Encoding::for_label(label.as_bytes())
}

fn lines_with_replacements(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.contains('\u{fffd}'))
        .map(|(i, _)| i + 1)
        .take(20)
        .collect()
}

impl Decoded {
    fn new(text: String, encoding: Option<&'static str>, had_errors: bool) -> Decoded {
        // A U+FFFD the input itself holds is not a replacement: look only when there was one.
        let replaced_lines = if had_errors {
            lines_with_replacements(&text)
        } else {
            Vec::new()
        };
        Decoded {
            text,
            encoding,
            replaced_lines,
        }
    }
}

/// Decodes input bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, a declared or detected
/// GB18030 (a superset of GB2312 and GBK), and otherwise UTF-8 with bad bytes replaced.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes)
        && (encoding == UTF_16LE || encoding == UTF_16BE)
    {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return Decoded::new(text.into_owned(), Some(encoding.name()), had_errors);
    }
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(body) {
        return Decoded::new(text.to_string(), None, false);
    }
    let declared = declared_charset(body).filter(|e| *e != encoding_rs::UTF_8);
    let candidate = declared.unwrap_or(GB18030);
    let (text, had_errors) = candidate.decode_without_bom_handling(body);
    // A page that declares its charset is decoded that way whatever happens; undeclared bytes are
    // taken as GB18030 only when they are valid GB18030, which random bytes rarely are.
    if declared.is_some() || !had_errors {
        return Decoded::new(text.into_owned(), Some(candidate.name()), had_errors);
    }
    // Not valid UTF-8 (checked above), so the lossy decoding has replaced something.
    Decoded::new(String::from_utf8_lossy(body).into_owned(), None, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_gbk_utf16_and_garbage() {
        let d = decode("\u{feff}一、总体情况".as_bytes());
        assert_eq!((d.text.as_str(), d.encoding), ("一、总体情况", None));
        let (gbk, _, _) = GB18030.encode("一、总体情况\n规章\t0");
        let d = decode(&gbk);
        assert_eq!(d.text, "一、总体情况\n规章\t0");
        assert_eq!(d.encoding, Some("gb18030"));
        let mut utf16 = vec![0xff, 0xfe];
        for unit in "总计".encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        assert_eq!(decode(&utf16).text, "总计");
        let d = decode(b"ok\n\xff\xfe\xfd\xff\n");
        assert_eq!(d.replaced_lines, vec![2]);
        assert!(d.text.starts_with("ok\n"));
    }
}
