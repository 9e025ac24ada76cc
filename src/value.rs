//! Cell values: whole counts and fixed-point money, never binary floats.
//!
//! A value is stored as an `i64` in the smallest unit of its kind: one item for a count, 0.0001 万元
//! (one yuan) for money. Sums are computed in `i128` and checked against [`MAX_UNITS`], so a total
//! can never wrap around silently.

use std::fmt;

/// What a column holds.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum CellKind {
    /// A whole number of items, at least 0.
    #[default]
    Count,
    /// An amount with at most four decimal places, at least 0.
    Money,
    /// A whole number that may be negative: an increase or decrease over last year, such as the
    /// 本年增/减 columns of the 2019 format.
    Change,
}

/// Decimal places of money (1 yuan = 0.0001 万元).
pub const MONEY_DECIMALS: u32 = 4;
const MONEY_SCALE: i64 = 10_i64.pow(MONEY_DECIMALS);

/// The largest value a cell may hold, in units. Fifteen digits leave room for sums over hundreds of
/// thousands of reports inside an `i64` while being far beyond any real report.
pub const MAX_UNITS: i64 = 999_999_999_999_999;

/// Why a piece of text is not a valid cell value. The wording, in both languages, is in the
/// message catalogue ([`crate::i18n`]): `text(lang)`. There is no `Display`, so that no caller
/// can show it in a language other than the user's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueError {
    NotACount(String),
    NotMoney(String),
    NotAChange(String),
    Negative(String),
    Fraction(String),
    TooManyDecimals(String),
    TooLarge(String),
    /// An amount in a unit other than 万元 that is not a whole number of yuan, the column's
    /// precision: it cannot be kept exactly.
    BelowOneYuan(String),
}

impl ValueError {
    /// The same problem, worded for a column that may be negative.
    fn for_change(self, text: &str) -> ValueError {
        match self {
            ValueError::NotACount(_) | ValueError::Negative(_) => {
                ValueError::NotAChange(text.to_string())
            }
            ValueError::TooLarge(_) => ValueError::TooLarge(text.trim().to_string()),
            ValueError::Fraction(_) => ValueError::Fraction(text.trim().to_string()),
            other => other,
        }
    }
}

/// Whether the commas of a number stand between groups of three digits: `1,234`, `18,871.5`.
pub fn thousands_grouped(text: &str) -> bool {
    let body = text.trim_start_matches(['+', '-']);
    let whole = body.split_once('.').map_or(body, |(w, _)| w);
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

impl CellKind {
    /// Units per displayed whole number.
    pub fn scale(self) -> i64 {
        match self {
            CellKind::Count | CellKind::Change => 1,
            CellKind::Money => MONEY_SCALE,
        }
    }

    /// Parses a value the way a person writes it: `12`, `0.092`, `18.8710`, `1,234`, and for a
    /// change `+5` or `-3`.
    pub fn parse(self, text: &str) -> Result<i64, ValueError> {
        // Nearly every cell of a file is a plain count: read it without the copy below (a tenth
        // of `check`'s time went there). Anything unusual, too large included, goes the long way.
        if self != CellKind::Money
            && (1..=18).contains(&text.len())
            && text.bytes().all(|b| b.is_ascii_digit())
            && let Ok(units) = text.parse::<i64>()
            && units <= MAX_UNITS
        {
            return Ok(units);
        }
        let trimmed = text.trim();
        // A comma is a thousands separator only where it separates thousands ("18,871"): "1,2"
        // or "18,87" is a typing mistake, not a number.
        if trimmed.contains(',') && !thousands_grouped(trimmed) {
            return Err(match self {
                CellKind::Money => ValueError::NotMoney(text.to_string()),
                _ => ValueError::NotACount(text.to_string()),
            });
        }
        let cleaned: String = trimmed.chars().filter(|c| *c != ',').collect();
        let s = cleaned.as_str();
        if self == CellKind::Change {
            return match s.strip_prefix('-') {
                Some(rest) if !rest.starts_with(['-', '+']) => CellKind::Count
                    .parse(rest)
                    .map(|v| -v)
                    .map_err(|e| e.for_change(text)),
                _ => CellKind::Count.parse(s).map_err(|e| e.for_change(text)),
            };
        }
        // Zero with a minus sign ("-0", "-0.0") is zero, as in a file; any other minus is refused.
        let is_zero = |rest: &str| rest.chars().all(|c| c == '0' || c == '.');
        if let Some(rest) = s.strip_prefix('-')
            && !rest.is_empty()
            && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
            && !is_zero(rest)
        {
            return Err(ValueError::Negative(text.trim().to_string()));
        }
        let s = s
            .strip_prefix('+')
            .or_else(|| s.strip_prefix('-'))
            .unwrap_or(s);
        let (whole, frac) = match s.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (s, None),
        };
        let digits_ok = |d: &str| d.chars().all(|c| c.is_ascii_digit());
        let well_formed = digits_ok(whole)
            && frac.is_none_or(digits_ok)
            && !(whole.is_empty() && frac.is_none_or(str::is_empty));
        if !well_formed {
            return Err(match self {
                CellKind::Count | CellKind::Change => ValueError::NotACount(text.to_string()),
                CellKind::Money => ValueError::NotMoney(text.to_string()),
            });
        }
        let frac = frac.unwrap_or("");
        let frac_significant = frac.trim_end_matches('0');
        let max_decimals = match self {
            CellKind::Count | CellKind::Change => 0,
            CellKind::Money => MONEY_DECIMALS as usize,
        };
        if frac_significant.len() > max_decimals {
            return Err(match self {
                CellKind::Count | CellKind::Change => ValueError::Fraction(text.trim().to_string()),
                CellKind::Money => ValueError::TooManyDecimals(text.trim().to_string()),
            });
        }
        let too_large = || ValueError::TooLarge(text.trim().to_string());
        let whole_digits = whole.trim_start_matches('0');
        if whole_digits.len() > 18 {
            return Err(too_large());
        }
        let whole_value: i64 = if whole_digits.is_empty() {
            0
        } else {
            whole_digits.parse().map_err(|_| too_large())?
        };
        let mut frac_units: i64 = 0;
        for (i, c) in frac_significant.chars().enumerate() {
            let digit = i64::from(c as u8 - b'0');
            frac_units += digit * 10_i64.pow(MONEY_DECIMALS - 1 - i as u32);
        }
        let units = whole_value
            .checked_mul(self.scale())
            .and_then(|u| u.checked_add(frac_units))
            .filter(|u| *u <= MAX_UNITS)
            .ok_or_else(too_large)?;
        Ok(units)
    }

    /// The canonical text of a value: `12` for a count, `18.8710` for money.
    pub fn format(self, units: i64) -> String {
        Display { kind: self, units }.to_string()
    }

    /// The value as a JSON number or decimal string, for exports that scripts read.
    pub fn to_json(self, units: i64) -> serde_json::Value {
        match self {
            CellKind::Count | CellKind::Change => serde_json::Value::from(units),
            CellKind::Money => serde_json::Value::from(self.format(units)),
        }
    }
}

/// Formats `units` of a kind without allocating.
#[derive(Clone, Copy, Debug)]
pub struct Display {
    pub kind: CellKind,
    pub units: i64,
}

impl fmt::Display for Display {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.units < 0 { "-" } else { "" };
        let magnitude = self.units.unsigned_abs();
        match self.kind {
            CellKind::Count | CellKind::Change => write!(f, "{sign}{magnitude}"),
            CellKind::Money => {
                let scale = MONEY_SCALE as u64;
                write!(f, "{sign}{}.{:04}", magnitude / scale, magnitude % scale)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a person types reads as what a file holds: zero with a minus sign is zero either
    /// way, a comma only separates thousands, and an underscore is not part of a number.
    #[test]
    fn typed_values_read_as_file_values() {
        for zero in ["-0", "-0.0", "0", "+0"] {
            assert_eq!(CellKind::Count.parse(zero), Ok(0), "{zero}");
            assert_eq!(CellKind::Money.parse(zero), Ok(0), "{zero}");
        }
        assert_eq!(CellKind::Count.parse("18,871"), Ok(18_871));
        assert_eq!(CellKind::Money.parse("18,871.5"), Ok(188_715_000));
        for bad in ["1_000", "18,87", "1,2,3", ",123", "1234,567"] {
            assert!(CellKind::Count.parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            CellKind::Count.parse("-0.5"),
            Err(ValueError::Negative("-0.5".into()))
        );
    }

    #[test]
    fn counts_parse_whole_numbers_only() {
        assert_eq!(CellKind::Count.parse("12"), Ok(12));
        assert_eq!(CellKind::Count.parse(" 1,234 "), Ok(1234));
        assert_eq!(CellKind::Count.parse("7.0"), Ok(7));
        assert_eq!(
            CellKind::Count.parse("7.5"),
            Err(ValueError::Fraction("7.5".into()))
        );
        assert_eq!(
            CellKind::Count.parse("-3"),
            Err(ValueError::Negative("-3".into()))
        );
        assert!(matches!(
            CellKind::Count.parse("abc"),
            Err(ValueError::NotACount(_))
        ));
        assert!(matches!(
            CellKind::Count.parse(""),
            Err(ValueError::NotACount(_))
        ));
        assert!(matches!(
            CellKind::Count.parse("."),
            Err(ValueError::NotACount(_))
        ));
    }

    #[test]
    fn money_is_fixed_point_with_four_decimals() {
        assert_eq!(CellKind::Money.parse("18.8710"), Ok(188_710));
        assert_eq!(CellKind::Money.parse("0.092"), Ok(920));
        assert_eq!(CellKind::Money.parse(".5"), Ok(5_000));
        assert_eq!(CellKind::Money.parse("3"), Ok(30_000));
        assert_eq!(
            CellKind::Money.parse("0.00001"),
            Err(ValueError::TooManyDecimals("0.00001".into()))
        );
        assert_eq!(CellKind::Money.format(188_710), "18.8710");
        assert_eq!(CellKind::Money.format(920), "0.0920");
        assert_eq!(CellKind::Count.format(42), "42");
    }

    #[test]
    fn changes_may_be_negative_but_stay_whole() {
        assert_eq!(CellKind::Change.parse("-3"), Ok(-3));
        assert_eq!(CellKind::Change.parse("+1,036"), Ok(1036));
        assert_eq!(CellKind::Change.parse("0"), Ok(0));
        assert_eq!(CellKind::Change.format(-3), "-3");
        assert_eq!(
            CellKind::Change.parse("--3"),
            Err(ValueError::NotAChange("--3".into()))
        );
        assert_eq!(
            CellKind::Change.parse("-1.5"),
            Err(ValueError::Fraction("-1.5".into()))
        );
        assert!(matches!(
            CellKind::Change.parse("-1000000000000000"),
            Err(ValueError::TooLarge(_))
        ));
        assert_eq!(CellKind::Change.parse("-999999999999999"), Ok(-MAX_UNITS));
    }

    #[test]
    fn huge_numbers_are_errors_not_wraparounds() {
        assert!(matches!(
            CellKind::Count.parse("99999999999999999999999"),
            Err(ValueError::TooLarge(_))
        ));
        assert!(matches!(
            CellKind::Count.parse("1000000000000000"),
            Err(ValueError::TooLarge(_))
        ));
        assert_eq!(CellKind::Count.parse("999999999999999"), Ok(MAX_UNITS));
        assert!(matches!(
            CellKind::Money.parse("100000000000"),
            Err(ValueError::TooLarge(_))
        ));
    }
}
