//! Numbers as reports write them in sentences: `77`, `1,286`, `７７` (full-width), `18.8710`, and
//! in Chinese numerals `八`, `十二`, `两`, `一百零五`, `二〇二四`.

/// An Arabic digit, half- or full-width.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The value of an Arabic digit, half- or full-width.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// A full-width character (`１２．５`, `，`, as an input method in full-width mode types them) as
/// its ASCII counterpart, as the importer folds them; any other character as it is.
pub fn half_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        c => c,
    }
}

fn chinese_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn chinese_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1_000,
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => return None,
    })
}

fn is_chinese_numeral(c: char) -> bool {
    chinese_digit(c).is_some() || chinese_unit(c).is_some()
}

/// Whether [`read`] finds a number at `pos`, without writing out its value: the text check asks
/// this at every character of a report's texts.
pub fn starts_at(text: &[char], pos: usize) -> bool {
    let Some(&first) = text.get(pos) else {
        return false;
    };
    let before = pos.checked_sub(1).map(|p| text[p]);
    if is_digit(first) {
        return !before.is_some_and(|b| is_digit(b) || b == '.' || b == ',');
    }
    if is_chinese_numeral(first) && !before.is_some_and(is_chinese_numeral) {
        let end = (pos..text.len())
            .find(|&i| !is_chinese_numeral(text[i]))
            .unwrap_or(text.len());
        return parse_chinese(&text[pos..end]).is_some();
    }
    false
}

/// Reads the number that starts at `pos`: where it ends and its value as ASCII text (`"1286"`,
/// `"18.8710"`). `None` when no number starts there, or `pos` is inside a longer number.
pub fn read(text: &[char], pos: usize) -> Option<(usize, String)> {
    let first = *text.get(pos)?;
    let before = pos.checked_sub(1).map(|p| text[p]);
    if is_digit(first) {
        if before.is_some_and(|b| is_digit(b) || b == '.' || b == ',') {
            return None;
        }
        return Some(read_arabic(text, pos));
    }
    if is_chinese_numeral(first) {
        if before.is_some_and(is_chinese_numeral) {
            return None;
        }
        let end = (pos..text.len())
            .find(|&i| !is_chinese_numeral(text[i]))
            .unwrap_or(text.len());
        let value = parse_chinese(&text[pos..end])?;
        return Some((end, value.to_string()));
    }
    None
}

fn read_arabic(text: &[char], pos: usize) -> (usize, String) {
    let mut out = String::new();
    let mut i = pos;
    while i < text.len() {
        let c = text[i];
        if let Some(d) = digit_value(c) {
            out.push(char::from_digit(d, 10).expect("a digit"));
            i += 1;
        } else if c == ',' && (1..=3).all(|k| text.get(i + k).copied().is_some_and(is_digit)) {
            // A thousands separator, not a comma between clauses.
            i += 1;
        } else if c == '.' && !out.contains('.') && text.get(i + 1).copied().is_some_and(is_digit) {
            out.push('.');
            i += 1;
        } else {
            break;
        }
    }
    (i, out)
}

/// The value of a run of Chinese numerals, or `None` when it is not one (`万` alone) or too large.
pub fn parse_chinese(chars: &[char]) -> Option<u64> {
    let mut total: u64 = 0;
    let mut section: u64 = 0;
    let mut number: u64 = 0;
    let mut after_digit = false;
    for &c in chars {
        if let Some(d) = chinese_digit(c) {
            // Digit by digit (二〇二四) when two digits follow each other.
            number = if after_digit {
                number.checked_mul(10)?.checked_add(d)?
            } else {
                d
            };
            after_digit = true;
            continue;
        }
        let unit = chinese_unit(c)?;
        let n = if number == 0 && !after_digit {
            1
        } else {
            number
        };
        match unit {
            10 | 100 | 1_000 => section = section.checked_add(n.checked_mul(unit)?)?,
            _ => {
                let block = section.checked_add(number)?;
                if block == 0 {
                    return None;
                }
                total = total.checked_add(block.checked_mul(unit)?)?;
                section = 0;
            }
        }
        number = 0;
        after_digit = false;
    }
    total.checked_add(section)?.checked_add(number)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn a_number_starts_where_read_finds_one() {
        let text =
            chars("共1,286件，18.8710万元；二〇二四年收到三十五件、十件，一万零五百，万，x9");
        for pos in 0..=text.len() {
            assert_eq!(
                starts_at(&text, pos),
                read(&text, pos).is_some(),
                "at {pos}"
            );
        }
    }

    #[test]
    fn chinese_numerals_read_as_written() {
        for (text, value) in [
            ("八", 8),
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("两", 2),
            ("一百零五", 105),
            ("一百一十", 110),
            ("三千零八十", 3080),
            ("一万二千", 12_000),
            ("两万零三", 20_003),
            ("二〇二四", 2024),
            ("零", 0),
        ] {
            assert_eq!(parse_chinese(&chars(text)), Some(value), "{text}");
        }
        assert_eq!(parse_chinese(&chars("万")), None);
    }

    #[test]
    fn arabic_numbers_keep_decimals_and_drop_thousands_separators() {
        assert_eq!(read(&chars("1,286件"), 0), Some((5, "1286".into())));
        assert_eq!(read(&chars("77件，5件"), 0), Some((2, "77".into())));
        assert_eq!(read(&chars("18.8710万元"), 0), Some((7, "18.8710".into())));
        assert_eq!(read(&chars("７７件"), 0), Some((2, "77".into())));
        assert_eq!(read(&chars("5，6"), 0), Some((1, "5".into())));
        // Not from the middle of a number.
        assert_eq!(read(&chars("77件"), 1), None);
        assert_eq!(read(&chars("十二件"), 1), None);
        assert_eq!(read(&chars("件"), 0), None);
    }
}
