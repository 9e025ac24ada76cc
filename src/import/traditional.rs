//! Traditional characters read as the simplified ones of the templates: a report copied from a
//! site's 繁體 view, or from a Hong Kong or Taiwan copy, prints 行政處罰 for 行政处罚 and
//! 政府信息公開工作年度報告 for its title. Only comparison folds them; the text is kept as
//! printed.
//!
//! The table holds the characters of the templates' labels, headings and captions and of a
//! report's title; `tools/traditional-table.py` made it with OpenCC.

/// (traditional, simplified), sorted by the traditional character.
const TABLE: &[(char, char)] = &[
    ('並', '并'),
    ('個', '个'),
    ('億', '亿'),
    ('內', '内'),
    ('兩', '两'),
    ('動', '动'),
    ('務', '务'),
    ('勝', '胜'),
    ('區', '区'),
    ('卻', '却'),
    ('問', '问'),
    ('單', '单'),
    ('國', '国'),
    ('執', '执'),
    ('報', '报'),
    ('實', '实'),
    ('審', '审'),
    ('寫', '写'),
    ('對', '对'),
    ('屬', '属'),
    ('廢', '废'),
    ('強', '强'),
    ('後', '后'),
    ('復', '复'),
    ('徵', '征'),
    ('應', '应'),
    ('採', '采'),
    ('據', '据'),
    ('敗', '败'),
    ('數', '数'),
    ('於', '于'),
    ('暫', '暂'),
    ('會', '会'),
    ('條', '条'),
    ('業', '业'),
    ('構', '构'),
    ('標', '标'),
    ('機', '机'),
    ('權', '权'),
    ('決', '决'),
    ('沒', '没'),
    ('況', '况'),
    ('減', '减'),
    ('濟', '济'),
    ('為', '为'),
    ('無', '无'),
    ('爲', '为'),
    ('獲', '获'),
    ('現', '现'),
    ('環', '环'),
    ('當', '当'),
    ('發', '发'),
    ('眾', '众'),
    ('確', '确'),
    ('祕', '秘'),
    ('稅', '税'),
    ('稱', '称'),
    ('穩', '稳'),
    ('節', '节'),
    ('範', '范'),
    ('糾', '纠'),
    ('約', '约'),
    ('納', '纳'),
    ('組', '组'),
    ('結', '结'),
    ('經', '经'),
    ('維', '维'),
    ('網', '网'),
    ('線', '线'),
    ('總', '总'),
    ('織', '织'),
    ('繳', '缴'),
    ('繼', '继'),
    ('續', '续'),
    ('罰', '罚'),
    ('臺', '台'),
    ('與', '与'),
    ('舉', '举'),
    ('華', '华'),
    ('萬', '万'),
    ('處', '处'),
    ('號', '号'),
    ('衆', '众'),
    ('裏', '里'),
    ('補', '补'),
    ('裡', '里'),
    ('製', '制'),
    ('複', '复'),
    ('覆', '复'),
    ('規', '规'),
    ('訂', '订'),
    ('計', '计'),
    ('訊', '讯'),
    ('訟', '讼'),
    ('訪', '访'),
    ('許', '许'),
    ('訴', '诉'),
    ('詢', '询'),
    ('試', '试'),
    ('認', '认'),
    ('說', '说'),
    ('説', '说'),
    ('請', '请'),
    ('議', '议'),
    ('護', '护'),
    ('費', '费'),
    ('資', '资'),
    ('購', '购'),
    ('較', '较'),
    ('轉', '转'),
    ('辦', '办'),
    ('這', '这'),
    ('進', '进'),
    ('過', '过'),
    ('長', '长'),
    ('開', '开'),
    ('關', '关'),
    ('頁', '页'),
    ('項', '项'),
    ('順', '顺'),
    ('題', '题'),
    ('額', '额'),
    ('類', '类'),
    ('餘', '余'),
    ('體', '体'),
];

/// The simplified character for a traditional one of the table; any other character as it is.
pub fn simplified(c: char) -> char {
    if (c as u32) < 0x4e00 {
        return c;
    }
    TABLE
        .binary_search_by_key(&c, |&(t, _)| t)
        .map_or(c, |i| TABLE[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_maps_to_other_characters() {
        assert!(TABLE.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(TABLE.iter().all(|&(t, s)| t != s));
        // No simplified character of the table is itself folded: folding twice is folding once.
        assert!(TABLE.iter().all(|&(_, s)| simplified(s) == s));
    }

    #[test]
    fn labels_printed_in_traditional_characters_read_as_the_templates() {
        let fold = |s: &str| s.chars().map(simplified).collect::<String>();
        assert_eq!(fold("行政處罰"), "行政处罚");
        assert_eq!(fold("政府信息公開工作年度報告"), "政府信息公开工作年度报告");
        assert_eq!(fold("結轉下年度繼續辦理"), "结转下年度继续办理");
        assert_eq!(fold("未經復議直接起訴"), "未经复议直接起诉");
        assert_eq!(fold("2.重複申請"), "2.重复申请");
        assert_eq!(fold("行政处罚"), "行政处罚");
    }
}
