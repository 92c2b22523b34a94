//! Loading a deployment: the config the link names (on this site only), then its
//! catalog, outlets (or a pack's nearby regions first) and holidays, all at once,
//! through the core's loaders. The model they make is `model.rs`.

use crate::model::{hours_of, AppData, Data};
use crate::net::{fetch_file, last_good, Fetched, Report};
use crate::platform::{join, join_all, timing};
use emap_core::config::{Config, MAX_CONFIG_BYTES};
use emap_core::hours::{Holidays, Timetable};
use emap_core::pack::{parse_region, Manifest};
use emap_core::problem::{FatalError, Problem};
use emap_core::{Catalog, LonLat, NoticeBoard, OutletSet};
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

/// The config's address for `path` (the link's `?config=`, or `config.json`), as
/// the browser resolves it against the page: only a web URL on the page's own origin
/// (`emap_core::origin::on_this_site`), so a link cannot make a government page show
/// another site's outlets or booking pages. `public/boot.js` applies the same rule
/// to the same parse before it preloads anything.
/// `Err` carries the address as the browser read it, for the message (a tab in the
/// link's text is invisible; the other site's name is not).
pub fn config_url(path: &str) -> Result<String, String> {
    let base = page_base();
    let page_origin = crate::platform::page::origin();
    let url = web_sys::Url::new_with_base(path, &base).map_err(|_| path.to_owned())?;
    if emap_core::origin::on_this_site(&url.protocol(), &url.origin(), &page_origin) {
        Ok(url.href())
    } else {
        Err(url.href())
    }
}

/// The page's own address, against which the app's own files are named.
fn page_base() -> String {
    crate::platform::page::base_uri()
}

/// Which file is downloading, as the loading screen names it.
pub fn file_label(lang: emap_core::i18n::Lang, file: &str) -> &'static str {
    match file {
        "config" => lang.pick("配置", "Settings"),
        "catalog" => lang.pick("事项清单", "Service list"),
        "holidays" => lang.pick("节假日安排", "Holidays"),
        _ => lang.pick("服务网点", "Outlets"),
    }
}

/// Resolves a data file's path against the URL of the file that names it (the
/// config, a pack's manifest) with the browser's own parser, and refuses a URL that
/// is not on the page's origin or one listed in `data_origins`.
fn data_url(
    config: &Config,
    named_in: &str,
    file: &'static str,
    named: &str,
) -> Result<String, String> {
    let refused = || config.refused_origin(file, named).to_string();
    let url = web_sys::Url::new_with_base(named, named_in).map_err(|_| refused())?;
    let page = crate::platform::page::origin();
    if config.data_origin_allowed(&url.protocol(), &url.origin(), &page) {
        Ok(url.href())
    } else {
        Err(refused())
    }
}

/// How far around the resident a pack's regions are loaded before the first
/// results show: a city, so the nearest outlets are not cut off at a region's edge.
const NEAR_M: f64 = 30_000.0;

/// Where the resident is likely to be before geolocation answers: the link's `?at=`,
/// the kiosk's hall, or the config's centre.
fn start_point(config: &Config, at: Option<LonLat>, kiosk: bool) -> LonLat {
    let hall = kiosk
        .then(|| config.kiosk.position.map(|p| LonLat::new(p[0], p[1])))
        .flatten();
    at.or(hall)
        .filter(|p| p.is_valid())
        .unwrap_or_else(|| config.center())
}

/// What is left of a pack once its first regions show; [`Rest::run`] loads it.
pub struct Rest {
    regions: Vec<(String, String)>,
    outlets: OutletSet,
    limit: u64,
    report: Report,
}

/// Why the page cannot open.
#[derive(Clone, Debug)]
pub enum LoadError {
    /// Already in words a resident can read (a download failed, a file refused).
    Said(String),
    /// A file arrived but cannot be read, and no saved copy stands in: the
    /// parser's words are for staff, not for the resident.
    Unreadable { file: &'static str, detail: String },
}

impl From<String> for LoadError {
    fn from(said: String) -> LoadError {
        LoadError::Said(said)
    }
}

impl LoadError {
    fn unreadable(file: &'static str) -> impl Fn(FatalError) -> LoadError {
        move |e| LoadError::Unreadable {
            file,
            detail: e.to_string(),
        }
    }
}

/// Loads the config, then the catalog, the outlets and the holidays (all in flight
/// at once). For a pack, only the regions near `at` (or the kiosk's hall, or the
/// centre) are loaded here, as soon as its manifest is in; the rest is returned to
/// load while the page shows.
pub async fn load(
    config_url: &str,
    at: Option<LonLat>,
    kiosk: bool,
    report: Report,
) -> Result<(AppData, Option<Rest>), LoadError> {
    let config_file = fetch_file("config", config_url, MAX_CONFIG_BYTES, &report).await?;
    let config = Config::parse(&config_file.text).map_err(LoadError::unreadable("config"))?;
    let catalog_url = match &config.catalog {
        Some(named) => Some(data_url(&config, config_url, "catalog", named)?),
        None => None,
    };
    let outlets_url = data_url(&config, config_url, "outlets", &config.outlets)?;
    let limit = config.max_data_bytes;
    // A holiday file on a site not allowed is reported like a missing one. Without
    // `holidays` in the config, the app's own files apply; next year's may not be
    // published yet, which the hours say for its dates (not a data problem).
    let today = crate::model::today();
    let (named_in, names, optional) = match &config.holidays {
        Some(named) => (config_url.to_owned(), named.clone(), None),
        None => {
            let [this, next] = emap_core::config::app_holidays(today);
            (page_base(), vec![this, next.clone()], Some(next))
        }
    };
    let mut small_files: Vec<(&'static str, Result<String, String>)> = names
        .iter()
        .map(|h| {
            let url = data_url(&config, &named_in, "holidays", h);
            ("holidays", url.map_err(|e| format!("{h}: {e}")))
        })
        .collect();
    // The bureau's notices are small too, and fetched with the holidays.
    if let Some(n) = &config.notices {
        let url = data_url(&config, config_url, "notices", n);
        small_files.push(("notices", url.map_err(|e| format!("{n}: {e}"))));
    }
    let optional = optional
        .and_then(|name| web_sys::Url::new_with_base(&name, &named_in).ok())
        .map(|u| u.href());
    // Every file is asked for at once, and a pack's nearby regions as soon as its
    // manifest is in, beside the catalog and the holidays: on a phone's network each
    // file waited for is a round trip before the first results.
    let start = timing::now();
    // When the last of the config's own files (catalog, outlets or manifest, holidays)
    // had arrived: `emap:fetch` is their download, as before regions loaded alongside.
    let fetched = std::cell::Cell::new(start);
    let arrived = || fetched.set(fetched.get().max(timing::now()));
    let holidays = join_all(
        small_files
            .iter()
            .map(|(file, url)| async {
                match url {
                    Ok(url) => {
                        let got = fetch_file(file, url, MAX_CONFIG_BYTES, &report).await;
                        arrived();
                        (*file, url.clone(), got)
                    }
                    Err(refused) => (*file, (*file).to_owned(), Err(refused.clone())),
                }
            })
            .collect(),
    );
    let catalog = async {
        let url = catalog_url.as_deref()?;
        let file = fetch_file("catalog", url, limit, &report).await;
        arrived();
        Some(file)
    };
    let outlets = async {
        let file = fetch_file("outlets", &outlets_url, limit, &report).await?;
        arrived();
        if Manifest::sniff(&file.text) {
            let manifest = Manifest::parse(&file.text).map_err(LoadError::unreadable("outlets"))?;
            let (near, far) = manifest.load_order(start_point(&config, at, kiosk), NEAR_M);
            let url_of = |i: usize| {
                let name = &manifest.regions[i].file;
                data_url(&config, &outlets_url, "outlets", name).map(|u| (name.clone(), u))
            };
            let near = near
                .into_iter()
                .map(url_of)
                .collect::<Result<Vec<_>, _>>()?;
            let far = far.into_iter().map(url_of).collect::<Result<Vec<_>, _>>()?;
            let mut set = OutletSet::default();
            set.sample = manifest.sample;
            let mut problems = Vec::new();
            let saved = load_regions(&near, &mut set, &mut problems, limit, &report, &|| {}).await;
            let rest = (!far.is_empty()).then(|| Rest {
                regions: far,
                outlets: set.clone(),
                limit,
                report: report.clone(),
            });
            Ok::<_, LoadError>((file, set, rest, problems, saved, manifest.regions))
        } else {
            let (file, (set, mut problems), broken) =
                parse_or_saved("outlets", &outlets_url, file, |t| {
                    timing::time("emap:parse", || OutletSet::parse(t))
                })
                .await?;
            problems.extend(broken);
            Ok((file, set, None, problems, Vec::new(), Vec::new()))
        }
    };
    let ((catalog_file, outlets), small) = join(join(catalog, outlets), holidays).await;
    let (notice_files, holiday_files): (Vec<_>, Vec<_>) =
        small.into_iter().partition(|(file, ..)| *file == "notices");
    let holiday_files: Vec<_> = holiday_files.into_iter().map(|(_, u, f)| (u, f)).collect();
    timing::measure_until("emap:fetch", start, fetched.get());
    let (catalog_file, catalog, mut problems) = match (&catalog_url, catalog_file) {
        (Some(url), Some(file)) => {
            let (file, (catalog, mut problems), broken) =
                parse_or_saved("catalog", url, file?, Catalog::parse).await?;
            problems.extend(broken);
            (Some((url.clone(), file)), catalog, problems)
        }
        _ => (None, Catalog::default(), Vec::new()),
    };
    // `pack_regions`: a pack's regions as its manifest lists them (none for GeoJSON).
    let (outlets_file, outlets, rest, outlet_problems, region_saved, pack_regions) = outlets?;
    let holidays = read_holidays(
        holiday_files
            .iter()
            .filter(|(u, f)| f.is_ok() || optional.as_ref() != Some(u))
            .map(|(u, f)| (u.as_str(), f.as_ref().map(|f| f.text.as_str()))),
        &mut problems,
    );
    problems.extend(outlet_problems);
    let mut files = vec![
        (config_url.to_owned(), &config_file),
        (outlets_url.clone(), &outlets_file),
    ];
    files.extend(catalog_file.as_ref().map(|(u, f)| (u.clone(), f)));
    // Holiday and notice files are kept too, so an offline page still knows them.
    files.extend(
        holiday_files
            .iter()
            .filter_map(|(u, f)| f.as_ref().ok().map(|f| (u.clone(), f))),
    );
    files.extend(
        notice_files
            .iter()
            .filter_map(|(_, u, f)| f.as_ref().ok().map(|f| (u.clone(), f))),
    );
    let mut saved: Vec<f64> = files.iter().filter_map(|(_, f)| f.saved).collect();
    saved.extend(region_saved);
    let total = rest.as_ref().map(|r| r.regions.len());
    // A cache lookup (its headers, not the copy): a few milliseconds.
    let before = match rest.is_none() && outlets_file.saved.is_none() {
        true => last_good::outlets_in(&outlets_url).await,
        false => None,
    };
    let shrunk = before.and_then(|(had, at)| {
        emap_core::check::shrank(had, outlets.outlets.len(), js_sys::Date::now() - at)
            .then(|| (had, last_good::format_date(at)))
    });
    if let Some((had, at)) = &shrunk {
        problems.push(Problem::warning(
            "outlets",
            outlets_url.clone(),
            format!(
                "网点文件只有 {} 个网点，本机 {at} 保存的副本有 {had} 个：请核对是否上传了不完整的文件；本机仍保留原副本供离线使用（the outlets file has {} outlets, the copy saved here on {at} had {had}: check it is complete; the saved copy is kept for offline use）",
                outlets.outlets.len(),
                outlets.outlets.len()
            ),
        ));
    }
    let outlet_count = outlets.outlets.len();
    let status_url = config
        .status
        .as_deref()
        .filter(|s| !s.contains("{region}"))
        .map(|s| data_url(&config, config_url, "status", s));
    // A feed per region of a pack: the phone polls those near the resident.
    let status_regions: Vec<(Result<String, String>, [f64; 4])> =
        match config.status.as_deref().filter(|s| s.contains("{region}")) {
            Some(template) => pack_regions
                .iter()
                .map(|r| {
                    let feed = emap_core::status::region_feed(template, &r.file);
                    (data_url(&config, config_url, "status", &feed), r.bbox)
                })
                .collect(),
            None => Vec::new(),
        };
    let gazetteer_url = config
        .gazetteer
        .as_deref()
        .map(|g| data_url(&config, config_url, "gazetteer", g));
    let mut data = AppData::assemble(config, catalog, outlets, holidays, problems);
    // A file named on another site is refused and said; the rest of the page goes on.
    let mut allowed = |file: &'static str, url: Result<String, String>| match url {
        Ok(url) => Some(url),
        Err(refused) => {
            data.problems.push(Problem::error(file, file, refused));
            None
        }
    };
    let gazetteer_url = gazetteer_url.and_then(|u| allowed("gazetteer", u));
    let status_url = status_url.and_then(|u| allowed("status", u));
    let status_regions: Vec<(String, [f64; 4])> = status_regions
        .into_iter()
        .filter_map(|(url, bbox)| Some((allowed("status", url)?, bbox)))
        .collect();
    data.gazetteer_url = gazetteer_url;
    data.status_url = status_url;
    data.status_regions = status_regions;
    // The bureau's notices join the outlets' own; a missing or broken file costs only
    // the notices, said in the problems panel.
    for (_, url, file) in &notice_files {
        let read = file
            .as_ref()
            .map_err(|e| FatalError::new("notices", e.clone()))
            .and_then(|f| NoticeBoard::parse(&f.text));
        match read {
            Ok((mut board, problems)) => {
                data.problems.extend(problems);
                let checked = board.check(&data.outlets, Some(&data.catalog));
                data.problems.extend(checked);
                data.outlets.add_notices(&board, 0);
                data.board = board;
            }
            Err(e) => data.problems.push(Problem::error(
                "notices",
                url.clone(),
                format!("公告文件无法读取，网点公告未显示（the notices file cannot be read; no bureau notice is shown）: {}", e.message),
            )),
        }
    }
    data.regions = total.map(|far| {
        let all = pack_regions.len().max(far);
        (all - far, all)
    });
    for p in data.problems.iter().take(200) {
        web_sys::console::warn_1(&p.to_string().into());
    }
    // The oldest copy used says how stale the page may be.
    data.saved_copy = saved
        .into_iter()
        .min_by(f64::total_cmp)
        .map(last_good::format_date);
    // Only a set of files that loaded becomes the last good copy, and not one with no
    // outlet to show (a file emptied by mistake must not replace a good copy); never
    // in the way of showing the page.
    if data.saved_copy.is_none() && !data.outlets.outlets.is_empty() && shrunk.is_none() {
        let copies: Vec<(String, String, Option<usize>)> = files
            .iter()
            .map(|(u, f)| {
                let count = (*u == outlets_url).then_some(outlet_count);
                (u.clone(), f.text.clone(), count)
            })
            .collect();
        wasm_bindgen_futures::spawn_local(async move {
            for (url, text, count) in copies {
                last_good::save(&url, &text, count).await;
            }
        });
    }
    timing::mark("emap:data-ready");
    if data.regions.is_none() {
        timing::mark("emap:all-loaded");
    }
    Ok((data, rest))
}

/// Downloads region files all at once and reads each as it arrives, adding its
/// outlets to `outlets`. A region that cannot be had is reported; the others count.
/// Returns when each saved copy used was saved.
async fn load_regions(
    regions: &[(String, String)],
    outlets: &mut OutletSet,
    problems: &mut Vec<Problem>,
    limit: u64,
    report: &Report,
    on_each: &dyn Fn(),
) -> Vec<f64> {
    let shared = Rc::new(RefCell::new((
        std::mem::take(outlets),
        Vec::new(),
        Vec::new(),
    )));
    let tasks = regions
        .iter()
        .map(|(file, url)| {
            let shared = shared.clone();
            async move {
                let fetched = fetch_file("outlets", url, limit, report).await;
                on_each();
                let mut guard = shared.borrow_mut();
                let (set, problems, saved) = &mut *guard;
                let fetched = match fetched {
                    Ok(f) => f,
                    Err(e) => {
                        problems.push(Problem::error(
                            "outlets",
                            file.clone(),
                            format!(
                                "地区文件无法下载，该地区的网点未显示（region not loaded）: {e}"
                            ),
                        ));
                        return;
                    }
                };
                let first = set.outlets.len();
                match timing::time("emap:parse", || parse_region(file, &fetched.text, first)) {
                    Ok((list, p)) => {
                        problems.extend(p);
                        for o in list {
                            let path = format!("{file} id");
                            set.push(o, &path, problems);
                        }
                    }
                    Err(e) => problems.push(Problem::error("outlets", file.clone(), e.to_string())),
                }
                match fetched.saved {
                    Some(t) => saved.push(t),
                    None => {
                        let (url, text) = (url.clone(), fetched.text);
                        wasm_bindgen_futures::spawn_local(async move {
                            last_good::save(&url, &text, None).await;
                        });
                    }
                }
            }
        })
        .collect::<Vec<_>>();
    join_all(tasks).await;
    // Every task has ended, and with it every other owner of `shared`.
    let (set, p, saved) = match Rc::try_unwrap(shared) {
        Ok(cell) => cell.into_inner(),
        Err(shared) => shared.replace(Default::default()),
    };
    *outlets = set;
    problems.extend(p);
    saved
}

impl Rest {
    /// Loads the remaining regions, then puts the whole country in `data` at once
    /// (one rebuild of the results and the map, not one per region), counting the
    /// regions in `data`'s `regions` meanwhile.
    pub async fn run(self, data: Data) {
        let Rest {
            regions,
            mut outlets,
            limit,
            report,
        } = self;
        let mut problems = Vec::new();
        let checked = outlets.outlets.len();
        let counted = move || data.regions_arrived.update(|n| *n += 1);
        let saved = load_regions(
            &regions,
            &mut outlets,
            &mut problems,
            limit,
            &report,
            &counted,
        )
        .await;
        let now = data.untracked();
        let start = timing::now();
        // The first regions were checked when they were shown.
        problems.extend(outlets.check_from(&now.catalog, checked));
        problems.extend(outlets.check_placement(now.config.center(), checked));
        problems.extend(outlets.check_dates(crate::model::today(), checked));
        outlets.add_notices(&now.board, checked);
        let mut next = AppData {
            timetable: Timetable::new(now.timetable.holidays().clone(), hours_of(&outlets)),
            places: emap_core::cluster::ClusterIndex::new(outlets.outlets.iter().map(|o| o.pos)),
            outlets,
            regions: None,
            ..(*now).clone()
        };
        timing::measure("emap:index", start);
        next.problems.extend(problems);
        if next.saved_copy.is_none() {
            next.saved_copy = saved
                .into_iter()
                .min_by(f64::total_cmp)
                .map(last_good::format_date);
        }
        data.loaded.set(Arc::new(next));
        timing::mark("emap:all-loaded");
    }
}

/// Reads a downloaded file with `parse`. When the file as a whole cannot be read (cut
/// off mid-way, broken by an edit) and this device has a good copy, the copy stands
/// in, as for a network failure, and the broken file is reported to staff; residents
/// are shown the copy rather than a parser's words.
async fn parse_or_saved<T>(
    file: &'static str,
    url: &str,
    fetched: Fetched,
    parse: impl Fn(&str) -> Result<T, FatalError>,
) -> Result<(Fetched, T, Option<Problem>), LoadError> {
    let error = match parse(&fetched.text) {
        Ok(parsed) => return Ok((fetched, parsed, None)),
        Err(e) => e,
    };
    if fetched.saved.is_none() {
        if let Some((text, at)) = last_good::read(url).await {
            if let Ok(parsed) = parse(&text) {
                let saved = last_good::format_date(at);
                let problem = Problem::error(
                    file,
                    url.to_owned(),
                    format!("服务器上的文件无法读取，显示本机 {saved} 保存的数据（the file on the server cannot be read; the copy saved on this device is shown）: {error}"),
                );
                let copy = Fetched {
                    text,
                    saved: Some(at),
                };
                return Ok((copy, parsed, Some(problem)));
            }
        }
    }
    Err(LoadError::unreadable(file)(error))
}

/// Reads the holiday files; a missing or broken one is reported and the rest still
/// count (`PH` rules for its year then read as ordinary days).
pub fn read_holidays<'a>(
    files: impl IntoIterator<Item = (&'a str, Result<&'a str, &'a String>)>,
    problems: &mut Vec<Problem>,
) -> Holidays {
    let mut holidays = Holidays::default();
    for (url, text) in files {
        if let Err(e) = text
            .map_err(Clone::clone)
            .and_then(|t| holidays.add_file(t))
        {
            problems.push(Problem::warning("config", format!("holidays: {url}"), e));
        }
    }
    holidays
}
