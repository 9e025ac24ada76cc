//! `o` right after a value typed on a total was not kept: the offer to override that total with
//! that value, which lasts one key and only while the status line still says it.

use super::{App, GridCursor};

/// What `o` acts on right after a value typed on a total was kept out (the total stays the sum of
/// its parts): that total, with the value typed, even though the cursor moved on.
#[derive(Clone, Debug)]
pub(super) struct OverrideOffer {
    pub(super) section: usize,
    pub(super) total: GridCursor,
    pub(super) typed: String,
    /// What the status line said: the offer holds while it is still said.
    said: String,
    /// Made by the key being handled; the next key may take it.
    fresh: bool,
}

impl App {
    /// Before a key: an offer the status line still shows is the key's to take; any other goes.
    pub(super) fn offer_to_this_key(&mut self) {
        let shown = self.message.as_ref().map(|m| m.text.as_str());
        self.override_offer = self
            .override_offer
            .take()
            .filter(|o| shown == Some(o.said.as_str()))
            .map(|o| OverrideOffer { fresh: false, ..o });
    }

    /// After a key: an offer it did not take, nor make, is gone.
    pub(super) fn offer_expires(&mut self) {
        if self.override_offer.as_ref().is_some_and(|o| !o.fresh) {
            self.override_offer = None;
        }
    }

    /// Offers `o` for the total at `c`, typed as `typed`, with what the status line says now.
    pub(super) fn offer_override(&mut self, c: GridCursor, typed: String) {
        let Some(said) = self.message.as_ref().map(|m| m.text.clone()) else {
            return;
        };
        self.override_offer = Some(OverrideOffer {
            section: self.section,
            total: c,
            typed,
            said,
            fresh: true,
        });
    }
}
