//! What a person typed that is not a value of its column.

use super::Lang;
use crate::value::{MAX_UNITS, ValueError};

impl ValueError {
    /// Why the text is not a value, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (ValueError::NotACount(t), Lang::Zh) => format!("应为不小于 0 的整数，而不是 {t:?}"),
            (ValueError::NotACount(t), Lang::En) => {
                format!("expected a whole number ≥ 0, found {t:?}")
            }
            (ValueError::NotMoney(t), Lang::Zh) => {
                format!("应为不小于 0、最多 4 位小数的金额，而不是 {t:?}")
            }
            (ValueError::NotMoney(t), Lang::En) => {
                format!("expected an amount ≥ 0 with at most 4 decimal places, found {t:?}")
            }
            (ValueError::NotAChange(t), Lang::Zh) => {
                format!("应为整数，如 5、+5 或 -3，而不是 {t:?}")
            }
            (ValueError::NotAChange(t), Lang::En) => {
                format!("expected a whole number, such as 5, +5 or -3, found {t:?}")
            }
            (ValueError::Negative(t), Lang::Zh) => format!("不允许负数：{t}"),
            (ValueError::Negative(t), Lang::En) => format!("negative values are not allowed: {t}"),
            (ValueError::Fraction(t), Lang::Zh) => format!("件数必须是整数，而不是 {t}"),
            (ValueError::Fraction(t), Lang::En) => {
                format!("a count must be a whole number, found {t}")
            }
            (ValueError::TooManyDecimals(t), Lang::Zh) => format!("最多 4 位小数，而不是 {t}"),
            (ValueError::TooManyDecimals(t), Lang::En) => {
                format!("at most 4 decimal places are allowed, found {t}")
            }
            (ValueError::BelowOneYuan(t), Lang::Zh) => format!(
                "{t} 不是整元数：本列单位为万元，保留 4 位小数（即精确到 1 元），无法准确换算"
            ),
            (ValueError::BelowOneYuan(t), Lang::En) => format!(
                "{t} is not a whole number of yuan: this column keeps 10k yuan to 4 decimal places (one yuan), so it cannot be converted exactly"
            ),
            (ValueError::TooLarge(t), Lang::Zh) => format!("{t} 太大（最大 {MAX_UNITS}）"),
            (ValueError::TooLarge(t), Lang::En) => {
                format!("{t} is too large (at most {MAX_UNITS})")
            }
        }
    }

    /// Why the text is not a value, in a few words after the text itself (a paste's message,
    /// which names the text, has one line at 80 columns).
    pub fn short_text(&self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            ValueError::NotACount(_) => ("不是件数", "not a count"),
            ValueError::NotMoney(_) => ("不是金额", "not an amount"),
            ValueError::NotAChange(_) | ValueError::Fraction(_) => {
                ("不是整数", "not a whole number")
            }
            ValueError::Negative(_) => ("是负数", "negative"),
            ValueError::TooManyDecimals(_) => ("超过 4 位小数", "over 4 decimals"),
            ValueError::TooLarge(_) => ("太大", "too large"),
            ValueError::BelowOneYuan(_) => ("不是整元数", "not whole yuan"),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}
