//! The resident's choices as signals, derived results, and their mirror in the URL.

use crate::model::{AppData, Data};
use crate::platform::geolocation::GeoState;
use emap_core::bundle::{plan_visits, BundlePlan};
use emap_core::hours::{shanghai_time, DateTime, OpenFilter};
use emap_core::i18n::Lang;
use emap_core::results::{ByDistance, Hit};
use emap_core::selection::{Known, Selection};
use emap_core::url_state::{Mode, UrlState};
use emap_core::{Category, LonLat};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

const ELDER_KEY: &str = "emap.elder";
const LANG_KEY: &str = "emap.lang";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    List,
    Map,
}

/// Where distances are measured from, and why.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum OriginSource {
    /// `?at=` or a point the resident picked on the map.
    Chosen,
    Located,
    /// A kiosk: the hall it stands in.
    Kiosk,
    /// The city centre, with the geolocation state that led here.
    CityCentre(GeoState),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Origin {
    pub pos: LonLat,
    pub source: OriginSource,
}

/// The screen's own state: not the resident's choice, and not in the core's
/// `Selection`; a reset clears it too.
#[derive(Clone, Copy)]
pub struct Screen {
    pub tab: RwSignal<Tab>,
    /// The next map tap sets the resident's position.
    pub picking: RwSignal<bool>,
    /// The map shows another place or zoom than it opened with (a pan, a zoom, an
    /// outlet focused): on a kiosk, something to put back for the next person.
    pub map_away: RwSignal<bool>,
    /// Counts `reset`s: the map goes back to where it opened on each.
    pub resets: RwSignal<u32>,
    /// The kiosk's on-screen keyboard is open.
    pub keyboard: RwSignal<bool>,
    /// The outlets at one spot on the map whose list is open (a tap on a mark that
    /// stands for several); closed when one is chosen or the results change.
    pub spot: RwSignal<Option<Vec<String>>>,
    pub anchors: Anchors,
}

impl Screen {
    fn new(map: bool) -> Screen {
        Screen {
            tab: RwSignal::new(if map { Tab::Map } else { Tab::List }),
            picking: RwSignal::new(false),
            map_away: RwSignal::new(false),
            resets: RwSignal::new(0),
            keyboard: RwSignal::new(false),
            spot: RwSignal::new(None),
            anchors: Anchors::new(),
        }
    }

    /// As it opened: the list, nothing moved, no keyboard.
    fn reset(&self) {
        self.tab.set(Tab::List);
        self.picking.set(false);
        self.keyboard.set(false);
        self.spot.set(None);
        // The last visitor's zoomed-in map hints where they were going.
        self.map_away.set(false);
        self.resets.update(|n| *n += 1);
    }

    fn is_fresh(&self) -> bool {
        !self.map_away.get_untracked()
            && self.tab.get_untracked() == Tab::List
            && !self.picking.get_untracked()
            && !self.keyboard.get_untracked()
            && self.spot.with_untracked(Option::is_none)
    }
}

/// The resident's selection (the core's [`Selection`]) as one signal per part, so a
/// view redoes only what its part changed; it moves only through the core's
/// transitions ([`AppState::change`]). Beside it the screen's flags and the results.
#[derive(Clone, Copy)]
pub struct AppState {
    pub query: RwSignal<String>,
    pub item: RwSignal<Option<String>>,
    /// A life event (一件事) instead of a single item.
    pub bundle: RwSignal<Option<String>>,
    pub open: RwSignal<OpenFilter>,
    /// Only outlets with step-free access (无障碍).
    pub step_free: RwSignal<bool>,
    /// Ordered by route time plus the live wait, not by distance.
    pub by_time: RwSignal<bool>,
    /// Now, in Asia/Shanghai, to the minute: what "open now" is measured against.
    pub now: RwSignal<DateTime>,
    pub outlet: RwSignal<Option<String>>,
    pub at: RwSignal<Option<LonLat>>,
    pub geo: RwSignal<GeoState>,
    /// What only the screen knows (tab, keyboard, map moved), apart from the selection.
    pub screen: Screen,
    /// 长辈版: large text and targets, a simpler screen; remembered on the device.
    pub elder: RwSignal<bool>,
    /// The UI language: from the link, else as last chosen on this device, else the
    /// deployment's default.
    pub lang: RwSignal<Lang>,
    default_lang: Lang,
    /// Kiosk or portal embed, from `?mode=`; fixed for the page's life.
    pub mode: Option<Mode>,
    /// `?debug=1`: staff checking the data on a public screen; fixed for the page's life.
    pub debug: bool,
    pub origin: Memo<Origin>,
    pub results: Memo<Vec<Hit>>,
    /// The chosen bundle's plan: one-trip outlets, or the fewest trips.
    pub bundle_plan: Memo<Option<BundlePlan>>,
    config_param: StoredValue<Option<String>>,
    /// An item or life-event id from the link that the catalog does not have (a stale
    /// or mistyped link): the list says so instead of quietly showing everything.
    pub stale_link: RwSignal<Option<String>>,
    /// A past day from the link, said above the list.
    pub past_day: RwSignal<Option<emap_core::hours::Date>>,
    /// An outlet id from the link that the data does not have (closed, merged or
    /// renamed): said above the list, until the resident opens an outlet.
    pub stale_outlet: RwSignal<Option<String>>,
    /// The category whose items are listed under the search box (a browse, no need chosen).
    pub browsing: RwSignal<Option<Category>>,
    /// Where the list was when an outlet's detail opened: the row and how far the side
    /// pane and the list were scrolled, to go back to on closing it.
    back_to: StoredValue<Option<(String, i32, i32)>>,
}

/// Elements that other components own and the state scrolls or focuses: bound with
/// `node_ref`, so renaming a class or an id cannot silently break focus or scroll.
#[derive(Clone, Copy)]
pub struct Anchors {
    /// The side pane: on a phone search and list scroll in it as one.
    pub side: NodeRef<leptos::html::Div>,
    /// The list's own pane: what scrolls on wider screens and the kiosk.
    pub list_pane: NodeRef<leptos::html::Div>,
    /// The open outlet's name, where the focus lands when a detail opens.
    pub detail_name: NodeRef<leptos::html::H2>,
    /// The result list itself (the rows drawn near the screen).
    pub results: NodeRef<leptos::html::Ol>,
}

impl Anchors {
    fn new() -> Anchors {
        Anchors {
            side: NodeRef::new(),
            list_pane: NodeRef::new(),
            detail_name: NodeRef::new(),
            results: NodeRef::new(),
        }
    }

    /// What scrolls the list: the side pane and the list's own pane.
    pub fn scroll_panes(&self) -> [Option<web_sys::Element>; 2] {
        [
            self.side.get_untracked().map(JsCast::unchecked_into),
            self.list_pane.get_untracked().map(JsCast::unchecked_into),
        ]
    }

    /// Scrolls the list back to its top, whichever pane holds it.
    pub fn scroll_list_to_top(&self) {
        for pane in self.scroll_panes().into_iter().flatten() {
            if pane.scroll_top() > 0 {
                pane.set_scroll_top(0);
            }
        }
    }
}

/// Asia/Shanghai wall-clock time from the device's clock, whatever its time zone.
pub fn shanghai_now() -> DateTime {
    shanghai_time(js_sys::Date::now())
}

impl AppState {
    pub fn new(loaded: Data, url: UrlState) -> AppState {
        let data = loaded.untracked();
        let first = Selection::from_url(&url, &known(&data), shanghai_now().date());
        let default_lang = Lang::parse(&data.config.locale).unwrap_or_default();
        let item = RwSignal::new(first.item);
        let bundle = RwSignal::new(first.bundle);
        let open = RwSignal::new(first.open);
        let step_free = RwSignal::new(first.step_free);
        let by_time = RwSignal::new(first.by_time);
        // Provided before the state (app.rs): the order by total time reads them.
        let live = crate::net::live_status::use_live();
        let travel = use_context::<crate::route_prefs::RoutePrefs>().map(|p| p.mode);
        let elder =
            RwSignal::new(crate::platform::device_storage::get(ELDER_KEY).as_deref() == Some("1"));
        let now = RwSignal::new(shanghai_now());
        // Rows say "open"/"closed"; they must turn over as the clock does.
        set_interval(
            move || {
                let t = shanghai_now();
                if emap_core::hours::ymd_hm(t) != emap_core::hours::ymd_hm(now.get_untracked()) {
                    now.set(t);
                }
            },
            std::time::Duration::from_secs(15),
        );
        let outlet = RwSignal::new(first.outlet);
        let at = RwSignal::new(first.at);
        let geo = RwSignal::new(GeoState::Pending);
        let centre = data.config.center();
        let mode = url.mode;
        // A kiosk never asks for the device's position: it stands in a known hall.
        let hall = (mode == Some(Mode::Kiosk)).then(|| {
            data.config
                .kiosk
                .position
                .map(|p| LonLat::new(p[0], p[1]))
                .filter(|p| p.is_valid())
                .unwrap_or(centre)
        });
        let origin = Memo::new(move |_| match (at.get(), geo.get()) {
            (Some(pos), _) => Origin {
                pos,
                source: OriginSource::Chosen,
            },
            (None, _) if hall.is_some() => Origin {
                pos: hall.unwrap_or(centre),
                source: OriginSource::Kiosk,
            },
            (None, GeoState::Located(pos)) => Origin {
                pos,
                source: OriginSource::Located,
            },
            (None, g) => Origin {
                pos: centre,
                source: OriginSource::CityCentre(g),
            },
        });
        let bundle_plan = Memo::new(move |_| {
            let d = loaded.get();
            let b = d.catalog.bundle(&bundle.get()?)?;
            let online = |id: &str| {
                d.catalog
                    .item(id)
                    .and_then(|i| i.online.as_ref())
                    .is_some_and(|o| o.fully_online)
            };
            // With a time filter, every trip is to an outlet open then (read only then,
            // so the plan is not made again each minute for nothing).
            let filter = open.get();
            let now = (filter != OpenFilter::Any).then(|| now.get());
            let open_then = |o: &emap_core::Outlet| {
                now.is_none_or(|now| {
                    filter.keeps_with(
                        &d.timetable,
                        o.opening_hours.as_deref(),
                        &o.notices,
                        None,
                        now,
                    )
                })
            };
            Some(plan_visits(
                &d.outlets,
                &b.items,
                &b.order,
                online,
                origin.get().pos,
                open_then,
            ))
        });
        // Every outlet, nearest first: sorted once per place (and per load), so that
        // choosing an item only filters it.
        let by_distance = Memo::new(move |_| {
            crate::platform::timing::time("emap:sort", || {
                ByDistance::new(&loaded.get().outlets, origin.get().pos)
            })
        });
        // The first need chosen after loading ran the filter's code for the first time:
        // V8 compiles wasm functions on their first call and optimizes hot ones in the
        // background. Run once while the page is idle (with any item: the code is the
        // same), and the resident's first choice gets the optimized code.
        crate::platform::idle::when_idle(3000, move || {
            let d = loaded.untracked();
            if let Some(item) = d.catalog.items.first() {
                by_distance.with_untracked(|every| {
                    std::hint::black_box(every.handling(Some(&item.id)));
                });
            }
        });
        let results = Memo::new(move |_| {
            crate::platform::timing::time("emap:filter", || {
                let d = loaded.get();
                let mut hits = match bundle_plan.get() {
                    Some(p) => p.one_trip,
                    None => by_distance.with(|every| every.handling(item.get().as_deref())),
                };
                if step_free.get() {
                    hits.retain(|h| d.outlets.outlets[h.index].access.step_free());
                }
                if let (true, Some(live), Some(travel)) = (by_time.get(), live, travel) {
                    live.status.with(|status| {
                        emap_core::status::order_by_total_time(
                            &mut hits,
                            &d.outlets,
                            travel.get(),
                            status,
                            now.get(),
                        )
                    });
                }
                // 长辈版: outlets with a priority window (绿色通道) first, each part
                // still nearest first.
                if elder.get() {
                    emap_core::order::sort_by_key(&mut hits, |h| {
                        (u64::from(!d.outlets.outlets[h.index].access.priority()), 0)
                    });
                }
                let filter = open.get();
                if filter == OpenFilter::Any {
                    return hits;
                }
                let now = now.get();
                let item = item.get();
                hits.into_iter()
                    .filter(|h| {
                        let o = &d.outlets.outlets[h.index];
                        filter.keeps_with(
                            &d.timetable,
                            o.opening_hours.as_deref(),
                            &o.notices,
                            item.as_deref(),
                            now,
                        )
                    })
                    .collect()
            })
        });
        // A pack's regional feeds are polled where the resident is.
        if let Some(live) = live {
            Effect::new(move |_| live.focus.set(Some(origin.get().pos)));
            Effect::new(move |_| {
                if results.with(|r| !r.is_empty()) {
                    live.rows_shown.set(true);
                }
            });
        }
        let state = AppState {
            query: RwSignal::new(first.query),
            item,
            bundle,
            open,
            step_free,
            by_time,
            now,
            outlet,
            at,
            geo,
            screen: Screen::new(url.map),
            elder,
            lang: RwSignal::new(
                url.lang
                    .or_else(|| {
                        crate::platform::device_storage::get(LANG_KEY).and_then(|l| Lang::parse(&l))
                    })
                    .unwrap_or(default_lang),
            ),
            default_lang,
            mode,
            debug: url.debug,
            origin,
            results,
            bundle_plan,
            config_param: StoredValue::new(url.config),
            stale_link: RwSignal::new(first.stale_link),
            past_day: RwSignal::new(first.past_day),
            stale_outlet: RwSignal::new(first.stale_outlet),
            browsing: RwSignal::new(first.browsing),
            back_to: StoredValue::new(None),
        };
        // A linked outlet that no region had after all: let it go, and say so.
        Effect::new(move |_| {
            let d = loaded.get();
            if d.regions.is_none() {
                state.change(|s| s.outlet_not_found(&d.outlets));
            }
        });
        state
    }

    /// The selection as it stands, read without tracking.
    pub fn selection(&self) -> Selection {
        Selection {
            query: self.query.get_untracked(),
            item: self.item.get_untracked(),
            bundle: self.bundle.get_untracked(),
            outlet: self.outlet.get_untracked(),
            open: self.open.get_untracked(),
            step_free: self.step_free.get_untracked(),
            by_time: self.by_time.get_untracked(),
            at: self.at.get_untracked(),
            stale_link: self.stale_link.get_untracked(),
            stale_outlet: self.stale_outlet.get_untracked(),
            browsing: self.browsing.get_untracked(),
            past_day: self.past_day.get_untracked(),
        }
    }

    /// Moves the selection through one of the core's transitions; only the parts it
    /// changed are set, so only their readers run again.
    pub fn change(&self, transition: impl FnOnce(&mut Selection)) {
        let mut next = self.selection();
        transition(&mut next);
        let Selection {
            query,
            item,
            bundle,
            outlet,
            open,
            step_free,
            by_time,
            at,
            stale_link,
            stale_outlet,
            browsing,
            past_day,
        } = next;
        set_changed(self.query, query);
        set_changed(self.item, item);
        set_changed(self.bundle, bundle);
        set_changed(self.outlet, outlet);
        set_changed(self.open, open);
        set_changed(self.step_free, step_free);
        set_changed(self.by_time, by_time);
        set_changed(self.at, at);
        set_changed(self.stale_link, stale_link);
        set_changed(self.stale_outlet, stale_outlet);
        set_changed(self.browsing, browsing);
        set_changed(self.past_day, past_day);
    }

    /// The address: the selection's part (read tracked, written by the core's
    /// `Selection::to_url`) and the screen's.
    pub fn url_state(&self) -> UrlState {
        let chosen = Selection {
            query: self.query.get(),
            item: self.item.get(),
            bundle: self.bundle.get(),
            outlet: self.outlet.get(),
            open: self.open.get(),
            step_free: self.step_free.get(),
            by_time: self.by_time.get(),
            at: self.at.get(),
            ..Selection::default()
        };
        UrlState {
            lang: Some(self.lang.get()).filter(|l| *l != self.default_lang),
            mode: self.mode,
            config: self.config_param.get_value(),
            map: self.screen.tab.get() == Tab::Map,
            debug: self.debug,
            ..chosen.to_url()
        }
    }

    pub fn set_elder(&self, on: bool) {
        self.elder.set(on);
        crate::platform::device_storage::set(ELDER_KEY, if on { "1" } else { "0" });
    }

    /// Back to the start with every choice cleared and nothing kept on the device:
    /// the kiosk's reset for the next resident.
    pub fn reset(&self) {
        crate::platform::device_storage::forget_all();
        self.change(|s| *s = Selection::default());
        self.back_to.set_value(None);
        self.screen.reset();
        self.screen.anchors.scroll_list_to_top();
        if self.elder.get_untracked() {
            self.elder.set(false);
        }
        // A language change rebuilds the screen: only when there is one.
        if self.lang.get_untracked() != self.default_lang {
            self.lang.set(self.default_lang);
        }
    }

    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
        crate::platform::device_storage::set(LANG_KEY, lang.key());
    }

    /// Nothing chosen, typed, ticked or changed since the start: what `reset` leaves.
    /// A kiosk left like this has nothing to clear and no reason to count down.
    pub fn is_fresh(&self) -> bool {
        crate::platform::device_storage::holds_nothing()
            && self
                .screen
                .anchors
                .scroll_panes()
                .into_iter()
                .flatten()
                .all(|p| p.scroll_top() == 0)
            && self.selection().is_fresh()
            && self.screen.is_fresh()
            && !self.elder.get_untracked()
            && self.lang.get_untracked() == self.default_lang
    }

    /// A need chosen (or cleared); on the kiosk its keyboard makes way for the outlets.
    pub fn choose_item(&self, id: Option<String>) {
        if id.is_some() {
            self.screen.keyboard.set(false);
        }
        self.change(|s| s.choose_item(id));
        self.back_to.set_value(None);
    }

    /// A life event chosen (or cleared), as [`AppState::choose_item`].
    pub fn choose_bundle(&self, id: Option<String>) {
        if id.is_some() {
            self.screen.keyboard.set(false);
        }
        self.change(|s| s.choose_bundle(id));
        self.back_to.set_value(None);
    }

    /// Selects an outlet and brings its detail into view: the detail sits above the
    /// list, which may be scrolled far down.
    pub fn show_outlet(&self, id: String) {
        // From the list (not from one detail to the next): remember where it was.
        if self.outlet.with_untracked(Option::is_none) {
            let [side, pane] = self
                .screen
                .anchors
                .scroll_panes()
                .map(|p| p.map_or(0, |p| p.scroll_top()));
            self.back_to.set_value(Some((id.clone(), side, pane)));
        }
        self.change(|s| s.open_outlet(id));
        // Keyboard and screen-reader users land on the detail they asked for.
        let heading = self.screen.anchors.detail_name;
        request_animation_frame(move || {
            if let Some(h) = heading.get_untracked() {
                let _ = h.focus();
            }
        });
        self.screen.anchors.scroll_list_to_top();
    }

    /// Closes the detail and goes back to where the list was when it opened, with the
    /// focus on the row that opened it (a phone's page had jumped to the top).
    pub fn close_outlet(&self) {
        self.change(Selection::close_outlet);
        let Some((id, side, pane)) = self.back_to.try_update_value(Option::take).flatten() else {
            return;
        };
        let screen = self.screen;
        request_animation_frame(move || {
            let [s, p] = screen.anchors.scroll_panes();
            if let Some(s) = s {
                s.set_scroll_top(side);
            }
            if let Some(p) = p {
                p.set_scroll_top(pane);
            }
            // The rows there are drawn once the scroll has been seen. A row is found by
            // `data-outlet-id`, the hook the README promises portals and tests.
            request_animation_frame(move || {
                let button = screen.anchors.results.get_untracked().and_then(|list| {
                    list.query_selector(&format!("[data-outlet-id=\"{id}\"] button"))
                        .ok()
                        .flatten()
                });
                if let Some(b) = button.and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = b.focus();
                }
            });
        });
    }

    /// Back or Forward: the state the address now names.
    pub fn apply_url(&self, url: UrlState, data: &AppData) {
        self.change(|s| s.apply_url(&url, &known(data), shanghai_now().date()));
        if let Some(l) = url.lang {
            self.lang.set(l);
        }
        // Back or Forward moved the list: the place a detail came from no longer holds.
        self.back_to.set_value(None);
        self.screen
            .tab
            .set(if url.map { Tab::Map } else { Tab::List });
    }
}

/// What the data has, for judging a link's ids.
fn known(data: &AppData) -> Known<'_> {
    Known {
        catalog: &data.catalog,
        outlets: &data.outlets,
        more_coming: data.regions.is_some(),
    }
}

/// Sets `signal` to `value` only when it differs, so its readers run only then.
fn set_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|v| *v != value) {
        signal.set(value);
    }
}

type UrlKey = (Option<String>, Option<String>, Option<String>, bool);

/// Puts `query` in the address bar: a new history entry when the item, bundle,
/// outlet or view (list, map) differs from the last written, else in place of the
/// current one.
fn write_url(query: &str, key: UrlKey, last: StoredValue<UrlKey>) {
    let (Some(location), Some(history)) = (
        crate::platform::page::location(),
        crate::platform::page::history(),
    ) else {
        return;
    };
    if location.search().unwrap_or_default() == query {
        return;
    }
    let path = location.pathname().unwrap_or_default();
    let target = format!("{path}{query}");
    if last.get_value() != key {
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&target));
    } else {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&target));
    }
    last.set_value(key);
}

/// Keeps the URL in step with the state: a new history entry when the item, the
/// outlet or the view changes (so Back undoes it, and leaves the map for the list), a replaced one for typing; and the state in
/// step with the URL when the resident goes Back or Forward.
pub fn sync_url(state: AppState, data: Data) {
    // Counts the writes made at once: a deferred one asked for before it is stale.
    let written = StoredValue::new(0u32);
    let last = StoredValue::new((
        state.item.get_untracked(),
        state.bundle.get_untracked(),
        state.outlet.get_untracked(),
        state.screen.tab.get_untracked() == Tab::Map,
    ));
    Effect::new(move |_| {
        let url = state.url_state();
        let query = url.to_query();
        let key = (
            url.item.clone(),
            url.bundle.clone(),
            url.outlet.clone(),
            url.map,
        );
        // A new step (item, life event, outlet, view) gets its history entry at once,
        // so that Back right after it cannot skip it; a write still waiting (typing)
        // is then out of date and dropped. Typing only replaces the entry, once the
        // frame showing the change has painted: an entry costs ~4 ms that a
        // filter's frame cannot spare. Writes keep their order.
        if last.get_value() != key {
            written.update_value(|n| *n += 1);
            write_url(&query, key, last);
        } else {
            let asked = written.get_value();
            crate::platform::idle::when_idle(200, move || {
                if written.get_value() == asked {
                    write_url(&query, key, last);
                }
            });
        }
    });
    crate::platform::listen("popstate", false, false, move |_| {
        let url = UrlState::parse(&crate::platform::page::query());
        // A write still waiting was for the entry left behind.
        written.update_value(|n| *n += 1);
        last.set_value((
            url.item.clone(),
            url.bundle.clone(),
            url.outlet.clone(),
            url.map,
        ));
        state.apply_url(url, &data.untracked());
    });
}
