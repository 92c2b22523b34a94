//! What the resident has chosen, and how each choice changes the others: the state
//! a shared link carries and the kiosk's reset clears. The app keeps it in signals
//! (`src/state.rs`) and only moves it through these transitions, so the rules are
//! checked here natively ("choosing a life event clears the outlet").
//!
//! What only the screen knows (the list or map tab, the kiosk's keyboard, the language,
//! 长辈版) is not here: it is the app's.

use crate::hours::{Date, OpenFilter};
use crate::url_state::UrlState;
use crate::{Catalog, Category, LonLat, OutletSet};

/// The resident's selection. `Default` is the fresh start a reset goes back to, and a
/// selection equal to it has nothing to clear.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    /// What is typed in the search box.
    pub query: String,
    pub item: Option<String>,
    /// A life event (一件事) instead of a single item; never both.
    pub bundle: Option<String>,
    /// The outlet whose detail is open.
    pub outlet: Option<String>,
    pub open: OpenFilter,
    /// Only outlets with step-free access (the 无障碍 filter).
    pub step_free: bool,
    /// Order by the route's estimate plus the live wait, not by distance.
    pub by_time: bool,
    /// A position the resident chose (`?at=`, or picked on the map).
    pub at: Option<LonLat>,
    /// An item or life-event id from the link that the catalog does not have (a stale
    /// or mistyped link): the list says so instead of quietly showing everything.
    pub stale_link: Option<String>,
    /// An outlet id from the link that the data does not have (closed, merged or
    /// renamed): said above the list until the resident opens an outlet.
    pub stale_outlet: Option<String>,
    /// The category whose items are listed under the search box (a browse).
    pub browsing: Option<Category>,
    /// A day from the link that is already past (an old shared link): it filters
    /// nothing, and the list says so.
    pub past_day: Option<Date>,
}

/// What the loaded data has, for judging a link's ids.
pub struct Known<'a> {
    pub catalog: &'a Catalog,
    pub outlets: &'a OutletSet,
    /// A pack's other regions are still loading: an outlet not yet seen may come.
    pub more_coming: bool,
}

impl Known<'_> {
    /// A link's item, bundle and outlet, each kept only when the data has it: a stale
    /// link opens the app with nothing chosen rather than a broken choice. An item
    /// wins over a bundle.
    fn ids(&self, url: &UrlState) -> (Option<String>, Option<String>, Option<String>) {
        let item = url
            .item
            .clone()
            .filter(|id| self.catalog.item(id).is_some());
        let bundle = url
            .bundle
            .clone()
            .filter(|id| item.is_none() && self.catalog.bundle(id).is_some());
        let outlet = url
            .outlet
            .clone()
            .filter(|id| self.more_coming || self.outlets.get(id).is_some());
        (item, bundle, outlet)
    }
}

/// A day from a link that is already past (an old shared link) filters nothing.
fn not_past(open: OpenFilter, today: Date) -> OpenFilter {
    match open {
        OpenFilter::On(day) if day < today => OpenFilter::Any,
        other => other,
    }
}

impl Selection {
    /// The selection a link opens with, on `today` (Asia/Shanghai).
    pub fn from_url(url: &UrlState, known: &Known, today: Date) -> Selection {
        let (item, bundle, outlet) = known.ids(url);
        let stale_link = match (&url.item, &url.bundle) {
            (Some(id), _) if item.is_none() => Some(id.clone()),
            (None, Some(id)) if bundle.is_none() => Some(id.clone()),
            _ => None,
        };
        Selection {
            query: url.q.clone().unwrap_or_default(),
            stale_outlet: url.outlet.clone().filter(|_| outlet.is_none()),
            item,
            bundle,
            outlet,
            open: not_past(url.open, today),
            step_free: url.step_free,
            by_time: url.by_time,
            at: url.at,
            stale_link,
            browsing: None,
            past_day: match url.open {
                OpenFilter::On(day) if day < today => Some(day),
                _ => None,
            },
        }
    }

    /// Back or Forward: the selection the address now names. A stale-link note
    /// stays as it was; a browse is kept (it is not in the address).
    pub fn apply_url(&mut self, url: &UrlState, known: &Known, today: Date) {
        *self = Selection {
            stale_link: self.stale_link.take(),
            browsing: self.browsing,
            ..Selection::from_url(url, known, today)
        };
    }

    /// The parts of the address the selection writes; the screen adds its own (the
    /// language, the map tab, the mode).
    pub fn to_url(&self) -> UrlState {
        UrlState {
            item: self.item.clone(),
            bundle: self.bundle.clone(),
            open: self.open,
            step_free: self.step_free,
            by_time: self.by_time,
            outlet: self.outlet.clone(),
            q: Some(self.query.clone()).filter(|q| !q.trim().is_empty()),
            at: self.at,
            ..UrlState::default()
        }
    }

    /// A need chosen (or cleared): what was typed has done its work, and an outlet
    /// opened for another need no longer answers this one.
    pub fn choose_item(&mut self, id: Option<String>) {
        self.item = id;
        self.bundle = None;
        self.query.clear();
        self.outlet = None;
    }

    /// A life event chosen (or cleared), in place of a single item.
    pub fn choose_bundle(&mut self, id: Option<String>) {
        self.bundle = id;
        self.item = None;
        self.query.clear();
        self.outlet = None;
    }

    /// An outlet opened: a note about a linked outlet that is gone has been read.
    pub fn open_outlet(&mut self, id: String) {
        self.outlet = Some(id);
        self.stale_outlet = None;
    }

    pub fn close_outlet(&mut self) {
        self.outlet = None;
    }

    /// Once every region of a pack is in: a linked outlet that none had is let go,
    /// and said.
    pub fn outlet_not_found(&mut self, outlets: &OutletSet) {
        if let Some(id) = self.outlet.take_if(|id| outlets.get(id).is_none()) {
            self.stale_outlet = Some(id);
        }
    }

    /// Nothing chosen, typed or changed: what a reset leaves.
    pub fn is_fresh(&self) -> bool {
        *self == Selection::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTLETS: &str = include_str!("../../public/data/yantai/outlets.geojson");
    const CATALOG: &str = include_str!("../../public/data/yantai/catalog.json");

    fn data() -> (Catalog, OutletSet) {
        let (catalog, _) = Catalog::parse(CATALOG).unwrap();
        let (outlets, _) = OutletSet::parse(OUTLETS).unwrap();
        (catalog, outlets)
    }

    fn today() -> Date {
        Date::from_ymd_opt(2026, 12, 4).unwrap()
    }

    fn link(query: &str, catalog: &Catalog, outlets: &OutletSet, more_coming: bool) -> Selection {
        let known = Known {
            catalog,
            outlets,
            more_coming,
        };
        Selection::from_url(&UrlState::parse(query), &known, today())
    }

    #[test]
    fn choosing_a_life_event_clears_the_item_the_query_and_the_outlet() {
        let mut s = Selection {
            item: Some("passport".into()),
            query: "护照".into(),
            outlet: Some("d01-ps01".into()),
            ..Selection::default()
        };
        s.choose_bundle(Some("newborn".into()));
        assert_eq!(s.bundle.as_deref(), Some("newborn"));
        assert_eq!((s.item, s.outlet, s.query.as_str()), (None, None, ""));
    }

    #[test]
    fn choosing_an_item_clears_the_life_event_and_the_outlet() {
        let mut s = Selection {
            bundle: Some("newborn".into()),
            outlet: Some("d01-ps01".into()),
            ..Selection::default()
        };
        s.choose_item(Some("passport".into()));
        assert_eq!(s.item.as_deref(), Some("passport"));
        assert_eq!((s.bundle, s.outlet), (None, None));
    }

    #[test]
    fn a_link_keeps_only_the_ids_the_data_has() {
        let (catalog, outlets) = data();
        let id = outlets.outlets[0].id.clone();
        let s = link(
            &format!("?item=passport&outlet={id}"),
            &catalog,
            &outlets,
            false,
        );
        assert_eq!(s.item.as_deref(), Some("passport"));
        assert_eq!(s.outlet.as_deref(), Some(id.as_str()));
        assert!(s.stale_link.is_none() && s.stale_outlet.is_none());

        let s = link("?item=no-such-item&outlet=gone", &catalog, &outlets, false);
        assert_eq!((s.item, s.outlet), (None, None));
        assert_eq!(s.stale_link.as_deref(), Some("no-such-item"));
        assert_eq!(s.stale_outlet.as_deref(), Some("gone"));
    }

    #[test]
    fn an_item_in_a_link_wins_over_a_life_event() {
        let (catalog, outlets) = data();
        let bundle = catalog.bundles[0].id.clone();
        let s = link(
            &format!("?item=passport&bundle={bundle}"),
            &catalog,
            &outlets,
            false,
        );
        assert_eq!((s.item.as_deref(), s.bundle), (Some("passport"), None));
        let s = link(&format!("?bundle={bundle}"), &catalog, &outlets, false);
        assert_eq!(s.bundle, Some(bundle));
    }

    #[test]
    fn while_a_pack_loads_a_linked_outlet_waits_then_is_let_go_and_said() {
        let (catalog, outlets) = data();
        let mut s = link("?outlet=far-away", &catalog, &outlets, true);
        assert_eq!(s.outlet.as_deref(), Some("far-away"));
        s.outlet_not_found(&outlets);
        assert_eq!(s.outlet, None);
        assert_eq!(s.stale_outlet.as_deref(), Some("far-away"));
    }

    #[test]
    fn a_past_day_in_a_link_filters_nothing() {
        let (catalog, outlets) = data();
        let s = link("?open=2026-12-03", &catalog, &outlets, false);
        assert_eq!(s.open, OpenFilter::Any);
        // Said, not dropped (issue 20).
        assert_eq!(s.past_day, crate::hours::parse_ymd("2026-12-03"));
        let s = link("?open=2026-12-04", &catalog, &outlets, false);
        assert_eq!(s.open, OpenFilter::On(today()));
        assert_eq!(s.past_day, None);
    }

    #[test]
    fn the_address_round_trips_and_a_fresh_start_writes_nothing() {
        let (catalog, outlets) = data();
        let s = link(
            "?item=passport&open=now&access=step-free&sort=time&q=%E6%8A%A4&at=121.4,37.5",
            &catalog,
            &outlets,
            false,
        );
        assert!(s.step_free && s.by_time);
        assert_eq!(
            s.to_url().to_query(),
            "?item=passport&open=now&access=step-free&sort=time&q=%E6%8A%A4&at=121.400000,37.500000"
        );
        assert_eq!(Selection::default().to_url(), UrlState::default());
    }

    #[test]
    fn back_keeps_the_stale_link_note_and_the_browse() {
        let (catalog, outlets) = data();
        let known = Known {
            catalog: &catalog,
            outlets: &outlets,
            more_coming: false,
        };
        let mut s = link("?item=old-id", &catalog, &outlets, false);
        s.browsing = Some(Category::default());
        s.apply_url(&UrlState::parse("?item=passport"), &known, today());
        assert_eq!(s.item.as_deref(), Some("passport"));
        assert_eq!(s.stale_link.as_deref(), Some("old-id"));
        assert_eq!(s.browsing, Some(Category::default()));
    }

    #[test]
    fn a_reset_is_the_default_and_the_default_is_fresh() {
        let mut s = Selection::default();
        assert!(s.is_fresh());
        s.open_outlet("x".into());
        assert!(!s.is_fresh());
        s.close_outlet();
        assert!(s.is_fresh());
    }
}
