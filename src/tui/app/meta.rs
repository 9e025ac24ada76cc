//! The report's agency, title, year and last year's report, set from the `:` command line: a new
//! report starts without them, and the structure checks ask for them.

use super::App;
use super::history::{Change, Meta};
use crate::i18n::editor as msg;
use crate::report::YEARS;
use crate::visible::visible;

impl App {
    fn meta(&self) -> Meta {
        Meta::of(&self.report)
    }

    pub(super) fn set_meta(&mut self, meta: &Meta) {
        self.report.agency = meta.agency.clone();
        self.report.title = meta.title.clone();
        self.report.year = meta.year;
        self.report.previous = meta.previous.clone();
    }

    /// The title a report of `meta`'s body and year carries, as `nianbao new` gives it.
    fn default_title(&self, meta: &Meta) -> Option<String> {
        let year = meta.year?;
        let name = &self.report.template.name.zh;
        (!meta.agency.is_empty()).then(|| format!("{}{year}年{name}", meta.agency))
    }

    /// Changes what the report says about itself as one undoable edit. A title not filled in, or
    /// the one its body and year gave it, follows them, as `nianbao new` names a report: typed
    /// from paper, the report warned of no title until `:title` was typed too.
    pub(super) fn change_meta(&mut self, change: impl FnOnce(&mut Meta)) {
        let before = self.meta();
        let mut after = before.clone();
        change(&mut after);
        let title_followed = after.title == before.title
            && (before.title.is_empty()
                || Some(&before.title) == self.default_title(&before).as_ref());
        if title_followed && let Some(title) = self.default_title(&after) {
            after.title = title;
        }
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

    /// `:agency` / `:title` without a value: what the report has; with one: set it.
    fn text_command(
        &mut self,
        text: &str,
        field: fn(&mut Meta) -> &mut String,
        now: fn(&str, crate::i18n::Lang) -> String,
        set: fn(&str, crate::i18n::Lang) -> String,
    ) {
        if text.is_empty() {
            let shown = self.shown_or_not_filled(field(&mut self.meta()));
            self.say(now(&shown, self.lang));
            return;
        }
        if self.refuse_if_read_only() {
            return;
        }
        let title = self.report.title.clone();
        self.change_meta(|m| *field(m) = text.to_string());
        let said = set(&visible(text), self.lang);
        self.say_with_title(said, &title);
    }

    /// Says what was set, and the title when it followed.
    fn say_with_title(&mut self, said: String, title_before: &str) {
        let said = if self.report.title != title_before {
            msg::and_title(&said, &visible(&self.report.title), self.lang)
        } else {
            said
        };
        self.say(said);
    }

    /// `:agency` (what it is now) or `:agency NAME`.
    pub(super) fn agency_command(&mut self, name: &str) {
        self.text_command(name, |m| &mut m.agency, msg::agency_now, msg::agency_set);
    }

    /// `:title` or `:title TEXT`.
    pub(super) fn title_command(&mut self, title: &str) {
        self.text_command(title, |m| &mut m.title, msg::title_now, msg::title_set);
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
        let year = text
            .trim_end_matches('年')
            .chars()
            .map(crate::numerals::digit_value)
            .try_fold(0i32, |year, digit| {
                year.checked_mul(10)?.checked_add(digit? as i32)
            })
            .filter(|y| YEARS.contains(y));
        let Some(year) = year else {
            let (first, last) = (*YEARS.start(), *YEARS.end());
            self.complain(msg::not_a_year(&visible(text), first, last, self.lang));
            return;
        };
        if self.refuse_if_read_only() {
            return;
        }
        let title = self.report.title.clone();
        self.change_meta(|m| m.year = Some(year));
        self.say_with_title(msg::year_set(year, self.lang), &title);
    }
}
