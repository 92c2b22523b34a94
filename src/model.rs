//! What the app shows: the loaded files, put together, and the signal components
//! read them through. Loading them is `load.rs`'s job.

use crate::platform::timing;
use emap_core::config::Config;
use emap_core::hours::{Holidays, Timetable};
use emap_core::outlet_search::{OutletFind, OutletIndex};
use emap_core::problem::Problem;
use emap_core::search::ItemIndex;
use emap_core::LonLat;
use emap_core::{Catalog, OutletSet};
use leptos::prelude::*;
use std::sync::Arc;

/// Everything the app shows. Replaced whole (never changed in place) when the rest
/// of a pack's regions arrive.
#[derive(Clone)]
pub struct AppData {
    pub config: Config,
    pub catalog: Catalog,
    pub index: ItemIndex,
    pub outlets: OutletSet,
    /// Every outlet's opening hours, read once, with the holiday calendar.
    pub timetable: Timetable,
    /// Where the outlets are, for clustering what the map shows.
    pub places: emap_core::cluster::ClusterIndex,
    /// Every rejected feature and warning, from all files.
    pub problems: Vec<Problem>,
    /// The bureau-wide notices, kept for a pack's regions still to come.
    pub board: emap_core::NoticeBoard,
    /// The live status feed to poll, resolved and allowed (`None`: the config names none).
    pub status_url: Option<String>,
    /// A pack's live status feeds, one per region (`status` with `{region}`): each
    /// resolved and allowed, with its region's box, `[west, south, east, north]`.
    pub status_regions: Vec<(String, [f64; 4])>,
    /// The gazetteer to fetch when the resident first types, resolved and allowed.
    pub gazetteer_url: Option<String>,
    /// When the network was down: the date of the saved copy shown ("2026-11-22 13:59").
    pub saved_copy: Option<String>,
    /// A pack still loading: regions loaded so far and in all. `None`: every outlet
    /// there is, is here.
    pub regions: Option<(usize, usize)>,
}

/// The data every component reads: a signal, because a pack's first regions are
/// shown while the others load.
#[derive(Clone, Copy)]
pub struct Data {
    /// The data as loaded so far; replaced whole when the rest of a pack arrives.
    pub loaded: RwSignal<Arc<AppData>>,
    /// How many more of a pack's regions have arrived since it was first shown.
    pub regions_arrived: RwSignal<usize>,
}

impl Data {
    pub fn new(first: AppData) -> Data {
        Data {
            loaded: RwSignal::new(Arc::new(first)),
            regions_arrived: RwSignal::new(0),
        }
    }

    /// The data now, tracked: a view or memo reading it is redone when more arrives.
    pub fn get(&self) -> Arc<AppData> {
        self.loaded.get()
    }

    /// For what never changes once loaded (config, catalog) or outside a view.
    pub fn untracked(&self) -> Arc<AppData> {
        self.loaded.get_untracked()
    }
}

pub fn use_data() -> Data {
    expect_context::<Data>()
}

impl AppData {
    pub fn sample(&self) -> bool {
        self.config.sample || self.outlets.sample || self.catalog.sample
    }
}

impl AppData {
    /// Puts loaded files together: checks the outlets' items against the catalog and
    /// builds what is derived from them (search index, timetable, places).
    pub fn assemble(
        config: Config,
        catalog: Catalog,
        mut outlets: OutletSet,
        holidays: Holidays,
        mut problems: Vec<Problem>,
    ) -> AppData {
        timing::time("emap:index", || {
            problems.extend(outlets.check_against(&catalog));
            problems.extend(outlets.check_placement(config.center(), 0));
            problems.extend(outlets.check_dates(today(), 0));
            AppData {
                index: ItemIndex::new(&catalog),
                timetable: Timetable::new(holidays, hours_of(&outlets)),
                places: emap_core::cluster::ClusterIndex::new(
                    outlets.outlets.iter().map(|o| o.pos),
                ),
                config,
                catalog,
                outlets,
                problems,
                board: emap_core::NoticeBoard::default(),
                status_url: None,
                gazetteer_url: None,
                status_regions: Vec::new(),
                saved_copy: None,
                regions: None,
            }
        })
    }

    /// Runs the core loaders over the files' text; fails only on a file that is
    /// unusable as a whole.
    pub fn from_texts(config: Config, catalog: &str, outlets: &str) -> Result<AppData, String> {
        let (catalog, mut problems) = Catalog::parse(catalog).map_err(|e| e.to_string())?;
        let (outlets, outlet_problems) = OutletSet::parse(outlets).map_err(|e| e.to_string())?;
        problems.extend(outlet_problems);
        Ok(AppData::assemble(
            config,
            catalog,
            outlets,
            Holidays::default(),
            problems,
        ))
    }
}

/// Every outlet's opening-hours text, for the timetable.
pub fn hours_of(outlets: &OutletSet) -> impl Iterator<Item = &str> {
    outlets
        .outlets
        .iter()
        .filter_map(|o| o.opening_hours.as_deref())
}

/// Today in China, against which check dates are judged.
pub fn today() -> emap_core::hours::Date {
    emap_core::hours::shanghai_time(js_sys::Date::now()).date()
}

/// Finds outlets by kind, name or address, and places (the outlets' districts and the
/// gazetteer, which it fetches at the first query). Its index is made at the first
/// query, and again when a pack's regions add outlets.
#[derive(Clone, Copy)]
pub struct OutletFinder {
    index: StoredValue<Option<(usize, Arc<OutletIndex>)>>,
    places: Option<crate::net::gazetteer::Places>,
}

impl OutletFinder {
    /// Made inside a component: the gazetteer is taken from the context.
    pub fn new() -> OutletFinder {
        OutletFinder {
            index: StoredValue::new(None),
            places: crate::net::gazetteer::use_places(),
        }
    }

    /// What `query` finds, nearest to `from` first, `limit` at most of each. Tracks
    /// the data and the gazetteer's arrival.
    pub fn find(self, data: &AppData, query: &str, from: LonLat, limit: usize) -> OutletFind {
        if let Some(p) = self.places {
            p.ask();
        }
        let gazetteer = self.places.and_then(|p| p.gazetteer.get());
        let n = data.outlets.outlets.len();
        let index = match self.index.get_value() {
            Some((m, index)) if m == n => index,
            _ => {
                let index = Arc::new(OutletIndex::new(&data.outlets));
                self.index.set_value(Some((n, index.clone())));
                index
            }
        };
        index.find_with(&data.outlets, gazetteer.as_deref(), query, from, limit)
    }
}

impl Default for OutletFinder {
    fn default() -> Self {
        OutletFinder::new()
    }
}
