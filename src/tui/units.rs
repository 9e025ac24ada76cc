//! Money's unit, said where money is shown and understood where it is typed. A money column holds
//! 万元 with up to four decimals; a clerk copying a paper that prints 251000元 must not end up
//! with 251000万元 (25.1亿元) without a word.

use crate::i18n::Lang;
use crate::i18n::editor as msg;
use crate::template::Column;
use crate::value::{CellKind, ValueError};
use crate::visible::visible;

/// The unit a value of `kind` is shown in, after the number: 万元 for money, nothing for counts.
pub fn unit(kind: CellKind, lang: Lang) -> &'static str {
    match kind {
        CellKind::Money => msg::money_unit(lang),
        CellKind::Count | CellKind::Change => "",
    }
}

/// A column's label as the grid draws it: with its unit, when a money column's own label does
/// not say it (the 2019 format's 采购总金额), as the exports print it.
pub fn column_label(column: &Column, lang: Lang) -> String {
    visible(&crate::money::label_with_unit(column, lang)).into_owned()
}

/// Reads a typed value. Money may carry its unit (`251000元`, `25.1万元`, `2.51亿元`, `¥25,000`):
/// it is converted exactly to the column's 万元, and the second part says so, for the user to see.
pub fn parse(kind: CellKind, text: &str, lang: Lang) -> Result<(i64, Option<String>), ValueError> {
    if kind == CellKind::Change
        && let crate::import::normalize::CellText::Number(signed) =
            crate::import::normalize::classify(text)
        && signed != text.trim()
    {
        // A change typed in words, as the paper prints it: 减4, 增加3.
        return kind.parse(&signed).map(|v| (v, None));
    }
    if kind != CellKind::Money {
        return kind.parse(text).map(|v| (v, None));
    }
    let (units, unit) = crate::money::parse_with_unit(text)?;
    let note = unit.map(|_| crate::i18n::editor::converted(text.trim(), &kind.format(units), lang));
    Ok((units, note))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_with_a_unit_is_converted_to_the_columns_and_said() {
        let m = CellKind::Money;
        let (v, note) = parse(m, "251000元", Lang::Zh).unwrap();
        assert_eq!(m.format(v), "25.1000");
        assert_eq!(
            note.unwrap(),
            "251000元 已换算为 25.1000万元（本列单位为万元）"
        );
        assert_eq!(parse(m, "25.1万元", Lang::Zh).unwrap(), (v, None));
        assert_eq!(parse(m, "25.1", Lang::Zh).unwrap(), (v, None));
        let (big, note) = parse(m, "2.51亿元", Lang::En).unwrap();
        assert_eq!(m.format(big), "25100.0000");
        assert!(note.unwrap().contains("10k yuan"));
        let (big, note) = parse(m, "1.5亿", Lang::Zh).unwrap();
        assert_eq!(m.format(big), "15000.0000");
        assert_eq!(
            note.unwrap(),
            "1.5亿 已换算为 15000.0000万元（本列单位为万元）"
        );
        assert!(parse(m, "0.5元", Lang::Zh).is_err(), "less than a yuan");
        assert!(parse(m, "元", Lang::Zh).is_err());
        assert!(
            parse(CellKind::Count, "5元", Lang::Zh).is_err(),
            "a count has no unit"
        );
        // A change as the paper words it.
        assert_eq!(
            parse(CellKind::Change, "减4", Lang::Zh).unwrap(),
            (-4, None)
        );
        assert_eq!(
            parse(CellKind::Change, "增加3", Lang::Zh).unwrap(),
            (3, None)
        );
        assert!(parse(CellKind::Count, "减4", Lang::Zh).is_err());
    }

    #[test]
    fn a_money_columns_label_says_its_unit_once() {
        let t = crate::template::Registry::default()
            .get("gov-2019")
            .unwrap();
        let procurement = t.tables.iter().find(|t| t.id == "procurement").unwrap();
        let amount = procurement
            .columns
            .iter()
            .find(|c| c.id == "amount")
            .unwrap();
        assert_eq!(column_label(amount, Lang::Zh), "采购总金额（万元）");
        let t = crate::template::Registry::default()
            .get("gov-2021")
            .unwrap();
        let fees = t.tables.iter().find(|t| t.id == "fees").unwrap();
        let amount = fees
            .columns
            .iter()
            .find(|c| c.kind == CellKind::Money)
            .unwrap();
        assert_eq!(column_label(amount, Lang::Zh), amount.label.zh);
    }
}
