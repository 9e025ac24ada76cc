//! Money written in a unit other than the 万元 a money column keeps: a cell `251000元`, a header
//! `本年收费金额（单位：元）`, `¥25,000.00`. Converted exactly, in decimal: a column keeps 万元 to
//! four decimals, one yuan, so an amount that is not a whole number of yuan cannot be kept and is
//! refused rather than rounded.

use crate::i18n::Lang;
use crate::template::Column;
use crate::value::{CellKind, MAX_UNITS, ValueError};

/// A unit money is printed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoneyUnit {
    Yuan,
    Qianyuan,
    Wanyuan,
    Yiyuan,
}

/// The units as written, the longer first so that 万元 is not read as 元.
const WRITTEN: [(&str, MoneyUnit); 6] = [
    ("亿元", MoneyUnit::Yiyuan),
    ("万元", MoneyUnit::Wanyuan),
    ("千元", MoneyUnit::Qianyuan),
    ("元", MoneyUnit::Yuan),
    ("万", MoneyUnit::Wanyuan),
    ("亿", MoneyUnit::Yiyuan),
];

/// The yuan sign in front of an amount: half-width and full-width.
const YUAN_SIGNS: [char; 2] = ['¥', '￥'];

impl MoneyUnit {
    /// How many yuan (a cell's unit) one of it is.
    pub fn yuan(self) -> i64 {
        match self {
            MoneyUnit::Yuan => 1,
            MoneyUnit::Qianyuan => 1_000,
            MoneyUnit::Wanyuan => 10_000,
            MoneyUnit::Yiyuan => 100_000_000,
        }
    }

    /// The unit as Chinese writes it (the same in an English sentence, which glosses it).
    pub fn written(self) -> &'static str {
        match self {
            MoneyUnit::Yuan => "元",
            MoneyUnit::Qianyuan => "千元",
            MoneyUnit::Wanyuan => "万元",
            MoneyUnit::Yiyuan => "亿元",
        }
    }

    /// The unit in `lang`: 元 in Chinese, `元 (yuan)` in English.
    pub fn name(self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.written().to_string(),
            Lang::En => {
                let gloss = match self {
                    MoneyUnit::Yuan => "yuan",
                    MoneyUnit::Qianyuan => "1000 yuan",
                    MoneyUnit::Wanyuan => "10k yuan",
                    MoneyUnit::Yiyuan => "100 million yuan",
                };
                format!("{} ({gloss})", self.written())
            }
        }
    }

    /// The unit a column header states in its note: `（单位：元）`, `（元）`, `(万元, 保留4位小数)`.
    /// Only the note counts, what follows the label's first bracket or 单位, so the label's
    /// own words never read as a unit.
    pub fn in_header(text: &str) -> Option<MoneyUnit> {
        let folded = crate::import::normalize::fold(text);
        let note = [folded.find('('), folded.find("单位")]
            .into_iter()
            .flatten()
            .min()
            .map(|at| &folded[at..])?;
        // The first unit the note names: "（单位：万元，保留4位小数）" is in 万元.
        let mut first: Option<(usize, MoneyUnit)> = None;
        for (written, unit) in WRITTEN {
            if let Some(at) = note.find(written)
                && first.is_none_or(|(f, _)| at < f)
            {
                first = Some((at, unit));
            }
        }
        first.map(|(_, unit)| unit)
    }
}

/// An amount written with its unit or the yuan sign (`251000元`, `2.51亿元`, `¥25,000.00`):
/// the number and its unit; `None` for text that carries neither.
pub fn split_unit(text: &str) -> Option<(&str, MoneyUnit)> {
    let trimmed = text.trim();
    let (signed, rest) = match trimmed.strip_prefix(YUAN_SIGNS) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, trimmed),
    };
    for (written, unit) in WRITTEN {
        if let Some(number) = rest.strip_suffix(written) {
            return Some((number.trim(), unit));
        }
    }
    signed.then_some((rest, MoneyUnit::Yuan))
}

/// `number` in `unit`, in a money cell's units (one yuan), exactly: an amount that is not a
/// whole number of yuan is refused, never rounded.
pub fn to_units(number: &str, unit: MoneyUnit) -> Result<i64, ValueError> {
    let text = number.trim();
    let not_money = || ValueError::NotMoney(number.to_string());
    if text.starts_with('-') && text[1..].chars().any(|c| c.is_ascii_digit() && c != '0') {
        return Err(ValueError::Negative(text.to_string()));
    }
    let body = text.trim_start_matches(['+', '-']);
    if body.contains(',') && !crate::value::thousands_grouped(body) {
        return Err(not_money());
    }
    let body: String = body.chars().filter(|c| *c != ',').collect();
    let (whole, frac) = body.split_once('.').unwrap_or((&body, ""));
    let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(frac) || (whole.is_empty() && frac.is_empty()) {
        return Err(not_money());
    }
    let too_large = || ValueError::TooLarge(text.to_string());
    let whole = whole.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    if whole.len() > 18 {
        return Err(too_large());
    }
    let per = i128::from(unit.yuan());
    let whole: i128 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| too_large())?
    };
    // A fraction of more places than the unit has yuan in it is no whole number of yuan.
    let places = frac.len() as u32;
    let below = || ValueError::BelowOneYuan(text.to_string());
    if places > 8 {
        return Err(below());
    }
    let frac: i128 = if frac.is_empty() {
        0
    } else {
        frac.parse().map_err(|_| not_money())?
    };
    let scaled = frac * per;
    let denominator = 10_i128.pow(places);
    if scaled % denominator != 0 {
        return Err(below());
    }
    let units = whole * per + scaled / denominator;
    i64::try_from(units)
        .ok()
        .filter(|u| *u <= MAX_UNITS)
        .ok_or_else(too_large)
}

/// Money as a person or a page writes it, with its unit or without: the value in a cell's
/// units, and the unit it was written in when that is not the column's 万元 (what a note says).
pub fn parse_with_unit(text: &str) -> Result<(i64, Option<MoneyUnit>), ValueError> {
    match split_unit(text) {
        Some((number, MoneyUnit::Wanyuan)) if !number.is_empty() => {
            CellKind::Money.parse(number).map(|v| (v, None))
        }
        Some((number, unit)) if !number.is_empty() => to_units(number, unit)
            .map(|v| (v, Some(unit)))
            .map_err(|e| match e {
                // Said of the amount as written, unit and all: "0.5元".
                ValueError::BelowOneYuan(_) => ValueError::BelowOneYuan(text.trim().to_string()),
                e => e,
            }),
        Some(_) => Err(ValueError::NotMoney(text.to_string())),
        None => CellKind::Money.parse(text).map(|v| (v, None)),
    }
}

/// A column's label with its unit, when it is money and its own label does not say it (the
/// 2019 format's 采购总金额): as the editor draws it and the exports print it.
pub fn label_with_unit(column: &Column, lang: Lang) -> String {
    let label = column.label.get(lang);
    if column.kind != CellKind::Money || label.contains("万元") || label.contains("10k yuan") {
        return label.to_string();
    }
    crate::i18n::editor::column_with_unit(label, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_convert_exactly_or_not_at_all() {
        let wan = |t: &str| parse_with_unit(t).map(|(v, u)| (CellKind::Money.format(v), u));
        let yuan = Some(MoneyUnit::Yuan);
        assert_eq!(wan("25000元"), Ok(("2.5000".into(), yuan)));
        assert_eq!(wan("25,000.00元"), Ok(("2.5000".into(), yuan)));
        assert_eq!(wan("¥25000"), Ok(("2.5000".into(), yuan)));
        assert_eq!(wan("￥ 25,000"), Ok(("2.5000".into(), yuan)));
        assert_eq!(
            wan("12.5千元"),
            Ok(("1.2500".into(), Some(MoneyUnit::Qianyuan)))
        );
        assert_eq!(
            wan("0.00005亿元"),
            Ok(("0.5000".into(), Some(MoneyUnit::Yiyuan)))
        );
        assert_eq!(wan("2.5万元"), Ok(("2.5000".into(), None)));
        // 万 and 亿 without 元, as a clerk types them.
        assert_eq!(wan("2.5万"), Ok(("2.5000".into(), None)));
        assert_eq!(
            wan("1.5亿"),
            Ok(("15000.0000".into(), Some(MoneyUnit::Yiyuan)))
        );
        assert_eq!(wan("2.5"), Ok(("2.5000".into(), None)));
        assert_eq!(
            wan("0.5元"),
            Err(ValueError::BelowOneYuan("0.5元".into())),
            "half a yuan is below the column's precision"
        );
        assert_eq!(
            wan("0.000000001亿元"),
            Err(ValueError::BelowOneYuan("0.000000001亿元".into()))
        );
        assert!(matches!(wan("元"), Err(ValueError::NotMoney(_))));
        assert!(matches!(wan("25,00元"), Err(ValueError::NotMoney(_))));
        assert!(matches!(wan("-5元"), Err(ValueError::Negative(_))));
        assert!(matches!(
            wan("99999999999999999元"),
            Err(ValueError::TooLarge(_))
        ));
    }

    #[test]
    fn a_header_states_its_unit_in_its_note_only() {
        for (header, unit) in [
            ("本年收费金额（单位：元）", Some(MoneyUnit::Yuan)),
            (
                "本年收费金额（单位：万元，保留4位小数）",
                Some(MoneyUnit::Wanyuan),
            ),
            ("采购总金额（元）", Some(MoneyUnit::Yuan)),
            ("采购总金额(万元)", Some(MoneyUnit::Wanyuan)),
            ("采购总金额（千元）", Some(MoneyUnit::Qianyuan)),
            ("采购总金额 单位：亿元", Some(MoneyUnit::Yiyuan)),
            ("采购总金额", None),
            ("本年收费金额", None),
        ] {
            assert_eq!(MoneyUnit::in_header(header), unit, "{header}");
        }
    }
}
