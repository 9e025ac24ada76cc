//! The report's agency, title and year, set from the `:` command line: a new report starts without
//! them, and the structure checks ask for them.

use super::App;
use super::history::{Change, Meta};
use crate::i18n::editor as msg;
use crate::report::YEARS;
use crate::visible::visible;

impl App {
    fn meta(&self) -> Meta {
        Meta {
            agency: self.report.agency.clone(),
            title: self.report.title.clone(),
            year: self.report.year,
        }
    }

    pub(super) fn set_meta(&mut self, meta: &Meta) {
        self.report.agency = meta.agency.clone();
        self.report.title = meta.title.clone();
        self.report.year = meta.year;
    }

    /// Changes what the report says about itself as one undoable edit.
    fn change_meta(&mut self, change: impl FnOnce(&mut Meta)) {
        let before = self.meta();
        let mut after = before.clone();
        change(&mut after);
        if after == before {
            return;
        }
        self.set_meta(&after);
        self.record_changes(vec![Change::Meta {
            before: Box::new(before),
            after: Box::new(after),
        }]);
    }

    fn shown_or_not_filled(&self, text: &str) -> String {
        match text {
            "" => msg::not_filled(self.lang).to_string(),
            text => visible(text).into_owned(),
        }
    }

    /// `:agency` (what it is now) or `:agency NAME`.
    pub(super) fn agency_command(&mut self, name: &str) {
        if name.is_empty() {
            let shown = self.shown_or_not_filled(&self.report.agency.clone());
            self.say(msg::agency_now(&shown, self.lang));
            return;
        }
        if self.refuse_if_read_only() {
            return;
        }
        self.change_meta(|m| m.agency = name.to_string());
        self.say(msg::agency_set(&visible(name), self.lang));
    }

    /// `:title` or `:title TEXT`.
    pub(super) fn title_command(&mut self, title: &str) {
        if title.is_empty() {
            let shown = self.shown_or_not_filled(&self.report.title.clone());
            self.say(msg::title_now(&shown, self.lang));
            return;
        }
        if self.refuse_if_read_only() {
            return;
        }
        self.change_meta(|m| m.title = title.to_string());
        self.say(msg::title_set(&visible(title), self.lang));
    }

    /// `:year` or `:year 2024` (full-width digits too, as an input method types them).
    pub(super) fn year_command(&mut self, text: &str) {
        if text.is_empty() {
            let shown = self
                .report
                .year
                .map_or_else(|| msg::not_filled(self.lang).to_string(), |y| y.to_string());
            self.say(msg::year_now(&shown, self.lang));
            return;
        }
        let digits: String = text
            .trim_end_matches('年')
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                c => c,
            })
            .collect();
        let year = digits.parse::<i32>().ok().filter(|y| YEARS.contains(y));
        let Some(year) = year else {
            let (first, last) = (*YEARS.start(), *YEARS.end());
            self.complain(msg::not_a_year(&visible(text), first, last, self.lang));
            return;
        };
        if self.refuse_if_read_only() {
            return;
        }
        self.change_meta(|m| m.year = Some(year));
        self.say(msg::year_set(year, self.lang));
    }
}
