//! Fetching and loading the deployment's files through the core loaders.

use emap_core::config::{check_size, Config, MAX_CONFIG_BYTES};
use emap_core::hours::{Holidays, Timetable};
use emap_core::pack::{parse_region, Manifest};
use emap_core::problem::Problem;
use emap_core::search::ItemIndex;
use emap_core::{Catalog, LonLat, OutletSet};
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

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
    /// When the network was down: the date of the saved copy shown ("2026-11-22 13:59").
    pub saved_copy: Option<String>,
    /// A pack still loading: regions loaded so far and in all. `None`: every outlet
    /// there is, is here.
    pub regions: Option<(usize, usize)>,
}

/// The data every component reads: a signal, because a pack's first regions are
/// shown while the others load; and how many more regions have arrived since.
#[derive(Clone, Copy)]
pub struct Data(pub RwSignal<Arc<AppData>>, pub RwSignal<usize>);

impl Data {
    /// The data now, tracked: a view or memo reading it is redone when more arrives.
    pub fn get(&self) -> Arc<AppData> {
        self.0.get()
    }

    /// For what never changes once loaded (config, catalog) or outside a view.
    pub fn untracked(&self) -> Arc<AppData> {
        self.0.get_untracked()
    }
}

pub fn use_data() -> Data {
    expect_context::<Data>()
}

/// Performance marks and measures for `bench/national.mjs` (`emap:parse`,
/// `emap:index`, `emap:data-ready`, `emap:all-loaded`); free when nobody reads them.
pub mod timing {
    pub fn now() -> f64 {
        web_sys::window()
            .and_then(|w| w.performance())
            .map_or(0.0, |p| p.now())
    }

    pub fn mark(name: &str) {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark(name);
        }
    }

    /// Records `name` as lasting from `start` (from [`now`]) until now.
    pub fn measure(name: &str, start: f64) {
        measure_until(name, start, now());
    }

    /// Records `name` as lasting from `start` until `end` (both from [`now`]).
    pub fn measure_until(name: &str, start: f64, end: f64) {
        let Some(p) = web_sys::window().and_then(|w| w.performance()) else {
            return;
        };
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"start".into(), &start.into());
        let _ = js_sys::Reflect::set(&options, &"end".into(), &end.into());
        let measure: Option<js_sys::Function> = js_sys::Reflect::get(&p, &"measure".into())
            .ok()
            .and_then(|f| f.dyn_into().ok());
        if let Some(f) = measure {
            let _ = f.call2(&p, &name.into(), &options);
        }
    }

    /// Runs `f`, recording how long it took as `name`.
    pub fn time<T>(name: &str, f: impl FnOnce() -> T) -> T {
        let start = now();
        let out = f();
        measure(name, start);
        out
    }

    use wasm_bindgen::JsCast;
}

impl AppData {
    pub fn sample(&self) -> bool {
        self.config.sample || self.outlets.sample || self.catalog.sample
    }
}

/// The config's address for `path` (the link's `?config=`, or `config.json`), as
/// the browser resolves it against the page: only a web URL on the page's own origin
/// (`emap_core::origin::loads_config`), so a link cannot make a government page show
/// another site's outlets or booking pages. `public/boot.js` applies the same rule
/// to the same parse before it preloads anything.
pub fn config_url(path: &str) -> Option<String> {
    let window = web_sys::window()?;
    let base = window.document()?.base_uri().ok()??;
    let url = web_sys::Url::new_with_base(path, &base).ok()?;
    emap_core::origin::loads_config(&url.protocol(), &url.origin(), &window.origin())
        .then(|| url.href())
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

/// How a download is going, for the loading screen on a slow network.
#[derive(Clone, Debug, PartialEq)]
pub enum Fetching {
    Bytes {
        received: u64,
        total: Option<u64>,
    },
    /// Waiting before try number `attempt` (2 = the first retry).
    Retrying {
        attempt: u32,
    },
}

/// Tells the loading screen how each file is going.
pub type Report = std::rc::Rc<dyn Fn(&'static str, Fetching)>;

/// Tries after the first, and the wait before each: 0.5 s, 1 s, 2 s.
const RETRY_WAITS_MS: [i32; 3] = [500, 1000, 2000];

/// A downloaded file's text; `saved` is when it was saved (ms since the epoch) if it
/// is the device's last good copy rather than a fresh download.
pub struct Fetched {
    pub text: String,
    pub saved: Option<f64>,
}

enum Failure {
    /// The network or the server may recover: try again, then use the saved copy.
    Transient(String),
    /// Another try would get the same answer (404, too large).
    Final(String),
}

/// Downloads `url` (a `file`: "config", "catalog" or "outlets"), refusing more than
/// `limit` bytes. Network errors and 5xx answers are retried with backoff; when
/// every try fails, the last good copy saved on this device is used if there is one.
pub async fn fetch_file(
    file: &'static str,
    url: &str,
    limit: u64,
    report: &Report,
) -> Result<Fetched, String> {
    // What boot.js read already counts as the first try.
    let mut first = boot_file(url)
        .await
        .map(|text| is_data(file, url, text.as_bytes(), limit).map(|()| text));
    // Offline (the phone says so): the copy saved on this device at once, not after
    // three retries of a network that is not there.
    let offline = web_sys::window().is_some_and(|w| !w.navigator().on_line());
    if offline {
        if let Some((text, saved)) = last_good::read(url).await {
            return Ok(Fetched {
                text,
                saved: Some(saved),
            });
        }
    }
    let mut why = String::new();
    for attempt in 0..=RETRY_WAITS_MS.len() {
        if attempt > 0 {
            report(
                file,
                Fetching::Retrying {
                    attempt: attempt as u32 + 1,
                },
            );
            sleep(RETRY_WAITS_MS[attempt - 1]).await;
        }
        let got = match first.take() {
            Some(got) => got,
            None => fetch_once(file, url, limit, report).await,
        };
        match got {
            Ok(text) => return Ok(Fetched { text, saved: None }),
            // A 404, or a Wi-Fi login page in place of the file: trying again gets the
            // same, but a copy saved on this device still serves.
            Err(Failure::Final(e)) => {
                why = e;
                break;
            }
            Err(Failure::Transient(e)) => why = e,
        }
    }
    match last_good::read(url).await {
        Some((text, saved)) => {
            web_sys::console::warn_1(&format!("{why}; using the copy saved on this device").into());
            Ok(Fetched {
                text,
                saved: Some(saved),
            })
        }
        None => Err(why),
    }
}

async fn fetch_once(
    file: &'static str,
    url: &str,
    limit: u64,
    report: &Report,
) -> Result<String, Failure> {
    let window = web_sys::window().ok_or(Failure::Final("no window".into()))?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| {
            Failure::Transient(format!("无法下载 {url}（network error: {}）", js_text(&e)))
        })?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| Failure::Final("fetch returned no Response".into()))?;
    if !response.ok() {
        let status = response.status();
        let why = format!(
            "无法下载 {url}（HTTP {} {}）",
            status,
            response.status_text()
        );
        // A server error, a timeout or "too many requests" may pass; a 404 will not.
        return Err(if status >= 500 || status == 408 || status == 429 {
            Failure::Transient(why)
        } else {
            Failure::Final(why)
        });
    }
    let headers = response.headers();
    let header = |name: &str| headers.get(name).ok().flatten();
    let length = header("content-length").and_then(|v| v.trim().parse::<u64>().ok());
    // With compression the length is of the compressed body: still a floor of the
    // real size, so refusing on it is right, but it is no total for progress.
    let total = length.filter(|_| header("content-encoding").is_none());
    if let Some(n) = length {
        check_size(file, url, n, limit).map_err(|e| Failure::Final(e.to_string()))?;
    }
    let bytes = match response.body() {
        Some(body) => read_body(file, url, body, limit, total, report).await?,
        None => {
            let buffer =
                JsFuture::from(response.array_buffer().map_err(|e| {
                    Failure::Transient(format!("读取 {url} 失败: {}", js_text(&e)))
                })?)
                .await
                .map_err(|e| Failure::Transient(format!("读取 {url} 失败: {}", js_text(&e))))?;
            js_sys::Uint8Array::new(&buffer).to_vec()
        }
    };
    is_data(file, url, &bytes, limit)?;
    // What `Response.text()` does: UTF-8, invalid bytes replaced (only then copied).
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// Whether a downloaded body can be the data file asked for: within the size limit,
/// and not a web page (a Wi-Fi login or a maintenance page answered for every
/// address; JSON never starts with '<').
fn is_data(file: &'static str, url: &str, bytes: &[u8], limit: u64) -> Result<(), Failure> {
    check_size(file, url, bytes.len() as u64, limit).map_err(|e| Failure::Final(e.to_string()))?;
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<') {
        return Err(Failure::Final(format!(
            "{url} 返回的是网页而不是数据（可能需要先登录 Wi-Fi，或服务器在维护）（a web page, not data）"
        )));
    }
    Ok(())
}

/// Reads a body chunk by chunk: the loading screen can show progress, and a file
/// over the limit is cut off without being held in memory whole.
async fn read_body(
    file: &'static str,
    url: &str,
    body: web_sys::ReadableStream,
    limit: u64,
    total: Option<u64>,
    report: &Report,
) -> Result<Vec<u8>, Failure> {
    let reader: web_sys::ReadableStreamDefaultReader = body
        .get_reader()
        .dyn_into()
        .map_err(|_| Failure::Final("no stream reader".into()))?;
    let mut bytes = Vec::with_capacity(total.unwrap_or(0).min(limit) as usize);
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|e| Failure::Transient(format!("下载 {url} 中断（{}）", js_text(&e))))?;
        let done = js_sys::Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(true);
        if done {
            return Ok(bytes);
        }
        if let Ok(value) = js_sys::Reflect::get(&chunk, &"value".into()) {
            if let Some(array) = value.dyn_ref::<js_sys::Uint8Array>() {
                let start = bytes.len();
                bytes.resize(start + array.length() as usize, 0);
                array.copy_to(&mut bytes[start..]);
            }
        }
        if bytes.len() as u64 > limit {
            let _ = reader.cancel();
            return Err(Failure::Final(
                check_size(file, url, bytes.len() as u64, limit)
                    .err()
                    .map(|e| e.to_string())
                    .unwrap_or_default(),
            ));
        }
        report(
            file,
            Fetching::Bytes {
                received: bytes.len() as u64,
                total,
            },
        );
    }
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

fn js_text(v: &wasm_bindgen::JsValue) -> String {
    v.as_string()
        .or_else(|| {
            v.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{v:?}"))
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
    let window = web_sys::window().ok_or("no window")?;
    let refused = || config.refused_origin(file, named).to_string();
    let url = web_sys::Url::new_with_base(named, named_in).map_err(|_| refused())?;
    if config.data_origin_allowed(&url.protocol(), &url.origin(), &window.origin()) {
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

/// Loads the config, then the catalog, the outlets and the holidays (all in flight
/// at once). For a pack, only the regions near `at` (or the kiosk's hall, or the
/// centre) are loaded here, as soon as its manifest is in; the rest is returned to
/// load while the page shows.
pub async fn load(
    config_url: &str,
    at: Option<LonLat>,
    kiosk: bool,
    report: Report,
) -> Result<(AppData, Option<Rest>), String> {
    let config_file = fetch_file("config", config_url, MAX_CONFIG_BYTES, &report).await?;
    let config = Config::parse(&config_file.text).map_err(|e| e.to_string())?;
    let catalog_url = data_url(&config, config_url, "catalog", &config.catalog)?;
    let outlets_url = data_url(&config, config_url, "outlets", &config.outlets)?;
    let limit = config.max_data_bytes;
    // A holiday file on a site not allowed is reported like a missing one.
    let holiday_urls: Vec<Result<String, String>> = config
        .holidays
        .iter()
        .map(|h| data_url(&config, config_url, "holidays", h).map_err(|e| format!("{h}: {e}")))
        .collect();
    // Every file is asked for at once, and a pack's nearby regions as soon as its
    // manifest is in, beside the catalog and the holidays: on a phone's network each
    // file waited for is a round trip before the first results.
    let start = timing::now();
    // When the last of the config's own files (catalog, outlets or manifest, holidays)
    // had arrived: `emap:fetch` is their download, as before regions loaded alongside.
    let fetched = std::cell::Cell::new(start);
    let arrived = || fetched.set(fetched.get().max(timing::now()));
    let holidays = join_all(
        holiday_urls
            .iter()
            .map(|url| async {
                match url {
                    Ok(url) => {
                        let file = fetch_file("holidays", url, MAX_CONFIG_BYTES, &report).await;
                        arrived();
                        (url.clone(), file)
                    }
                    Err(refused) => ("holidays".to_owned(), Err(refused.clone())),
                }
            })
            .collect(),
    );
    let catalog = async {
        let file = fetch_file("catalog", &catalog_url, limit, &report).await;
        arrived();
        file
    };
    let outlets = async {
        let file = fetch_file("outlets", &outlets_url, limit, &report).await?;
        arrived();
        if Manifest::sniff(&file.text) {
            let manifest = Manifest::parse(&file.text).map_err(|e| e.to_string())?;
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
            Ok::<_, String>((file, set, rest, problems, saved))
        } else {
            let (set, problems) = timing::time("emap:parse", || OutletSet::parse(&file.text))
                .map_err(|e| e.to_string())?;
            Ok((file, set, None, problems, Vec::new()))
        }
    };
    let ((catalog_file, outlets), holiday_files) =
        futures_join(futures_join(catalog, outlets), holidays).await;
    timing::measure_until("emap:fetch", start, fetched.get());
    let catalog_file = catalog_file?;
    let (outlets_file, outlets, rest, outlet_problems, region_saved) = outlets?;
    let (catalog, mut problems) = Catalog::parse(&catalog_file.text).map_err(|e| e.to_string())?;
    let holidays = read_holidays(
        holiday_files
            .iter()
            .map(|(u, f)| (u.as_str(), f.as_ref().map(|f| f.text.as_str()))),
        &mut problems,
    );
    problems.extend(outlet_problems);
    let mut files = vec![
        (config_url.to_owned(), &config_file),
        (catalog_url.clone(), &catalog_file),
        (outlets_url.clone(), &outlets_file),
    ];
    // Holiday files are kept too, so an offline page still knows the holidays.
    files.extend(
        holiday_files
            .iter()
            .filter_map(|(u, f)| f.as_ref().ok().map(|f| (u.clone(), f))),
    );
    let mut saved: Vec<f64> = files.iter().filter_map(|(_, f)| f.saved).collect();
    saved.extend(region_saved);
    let total = rest.as_ref().map(|r| r.regions.len());
    let mut data = AppData::assemble(config, catalog, outlets, holidays, problems);
    data.regions = total.map(|far| {
        let all = data_regions_total(&outlets_file.text).unwrap_or(far);
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
    // Only a set of files that loaded becomes the last good copy; never in the
    // way of showing the page.
    if data.saved_copy.is_none() {
        let copies: Vec<(String, String)> = files
            .iter()
            .map(|(u, f)| (u.clone(), f.text.clone()))
            .collect();
        wasm_bindgen_futures::spawn_local(async move {
            for (url, text) in copies {
                last_good::save(&url, &text).await;
            }
        });
    }
    timing::mark("emap:data-ready");
    if data.regions.is_none() {
        timing::mark("emap:all-loaded");
    }
    Ok((data, rest))
}

/// A file as boot.js read it while the wasm downloaded (the config, a pack's
/// manifest: a round trip fewer each), taken once; `None` when boot.js did not ask
/// for it or did not get it, and the app fetches it itself.
async fn boot_file(url: &str) -> Option<String> {
    let window = web_sys::window()?;
    let page = window.location().href().ok()?;
    let href = web_sys::Url::new_with_base(url, &page).ok()?.href();
    let boot = js_sys::Reflect::get(&window, &"emapBoot".into()).ok()?;
    let files = js_sys::Reflect::get(&boot, &"files".into()).ok()?;
    let key = wasm_bindgen::JsValue::from_str(&href);
    let text = js_sys::Reflect::get(&files, &key).ok()?;
    let text = text.dyn_into::<js_sys::Promise>().ok()?;
    let _ = js_sys::Reflect::delete_property(files.unchecked_ref::<js_sys::Object>(), &key);
    JsFuture::from(text).await.ok()?.as_string()
}

fn data_regions_total(manifest: &str) -> Option<usize> {
    Manifest::parse(manifest).ok().map(|m| m.regions.len())
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
                            last_good::save(&url, &text).await;
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
        let counted = move || data.1.update(|n| *n += 1);
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
        data.0.set(Arc::new(next));
        timing::mark("emap:all-loaded");
    }
}

/// The last good copy of each file, kept on the device with the Cache API (no size
/// limit worth worrying about, unlike localStorage's 5 MB) so the page still works
/// when the network is down. Storage disabled or full: nothing is kept, nothing fails.
mod last_good {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    const CACHE: &str = "emap-last-good";
    const SAVED: &str = "x-emap-saved";

    async fn cache() -> Option<web_sys::Cache> {
        let caches = web_sys::window()?.caches().ok()?;
        JsFuture::from(caches.open(CACHE))
            .await
            .ok()?
            .dyn_into()
            .ok()
    }

    pub async fn save(url: &str, text: &str) {
        // Copying a big file into the cache is main-thread work: it waits until the
        // page is idle (the first results and the map drawn), 2 s at most.
        crate::idle::idle(2000).await;
        let Some(cache) = cache().await else { return };
        let Ok(headers) = web_sys::Headers::new() else {
            return;
        };
        let _ = headers.set("content-type", "text/plain; charset=utf-8");
        let _ = headers.set(SAVED, &js_sys::Date::now().to_string());
        let init = web_sys::ResponseInit::new();
        init.set_headers(&headers);
        // As bytes: a copy, where a string would be decoded from UTF-8 again (tens of ms
        // of main-thread work for a big file).
        let bytes = js_sys::Uint8Array::from(text.as_bytes());
        if let Ok(response) =
            web_sys::Response::new_with_opt_buffer_source_and_init(Some(&bytes), &init)
        {
            if let Err(e) = JsFuture::from(cache.put_with_str(url, &response)).await {
                web_sys::console::warn_1(
                    &format!("last good copy of {url} not kept: {e:?}").into(),
                );
            }
        }
    }

    /// The saved text of `url` and when it was saved.
    pub async fn read(url: &str) -> Option<(String, f64)> {
        let cache = cache().await?;
        let found = JsFuture::from(cache.match_with_str(url)).await.ok()?;
        let response: web_sys::Response = found.dyn_into().ok()?;
        let saved = response.headers().get(SAVED).ok()??.parse().ok()?;
        let text = JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()?;
        Some((text, saved))
    }

    /// "2026-11-22 13:59" in the device's time zone.
    pub fn format_date(ms: f64) -> String {
        let d = js_sys::Date::new(&ms.into());
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}",
            d.get_full_year(),
            d.get_month() + 1,
            d.get_date(),
            d.get_hours(),
            d.get_minutes()
        )
    }
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

fn hours_of(outlets: &OutletSet) -> impl Iterator<Item = &str> {
    outlets
        .outlets
        .iter()
        .filter_map(|o| o.opening_hours.as_deref())
}

/// Awaits every future concurrently, and gives their outputs in the same order.
async fn join_all<F: std::future::Future>(tasks: Vec<F>) -> Vec<F::Output> {
    let mut tasks: Vec<_> = tasks.into_iter().map(Box::pin).collect();
    let mut done: Vec<Option<F::Output>> = tasks.iter().map(|_| None).collect();
    std::future::poll_fn(move |cx| {
        for (task, out) in tasks.iter_mut().zip(done.iter_mut()) {
            if out.is_none() {
                if let std::task::Poll::Ready(v) = task.as_mut().poll(cx) {
                    *out = Some(v);
                }
            }
        }
        if done.iter().all(Option::is_some) {
            std::task::Poll::Ready(done.drain(..).flatten().collect())
        } else {
            std::task::Poll::Pending
        }
    })
    .await
}

/// Awaits two futures concurrently without pulling in an executor crate.
async fn futures_join<A: std::future::Future, B: std::future::Future>(
    a: A,
    b: B,
) -> (A::Output, B::Output) {
    use std::pin::pin;
    use std::task::Poll;
    let (mut a, mut b) = (pin!(a), pin!(b));
    let (mut ra, mut rb) = (None, None);
    std::future::poll_fn(move |cx| {
        if ra.is_none() {
            if let Poll::Ready(v) = a.as_mut().poll(cx) {
                ra = Some(v);
            }
        }
        if rb.is_none() {
            if let Poll::Ready(v) = b.as_mut().poll(cx) {
                rb = Some(v);
            }
        }
        if ra.is_some() && rb.is_some() {
            Poll::Ready((ra.take().unwrap(), rb.take().unwrap()))
        } else {
            Poll::Pending
        }
    })
    .await
}
