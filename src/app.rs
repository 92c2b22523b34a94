//! The page: loads the deployment's files, then shows search, results, detail and map.

use crate::components::{
    bundle_plan::BundlePlanView, embed_bridge::EmbedBridge, item_guide::ItemGuide,
    kiosk_queue::KioskQueue, kiosk_shell::KioskShell, location_note::LocationNote,
    map_view::MapView, outlet_detail::OutletDetail, problems_panel::ProblemsPanel,
    result_list::ResultList, search_box::SearchBox,
};
use crate::load::{config_url, file_label, load, LoadError};
use crate::model::{AppData, Data};
use crate::net::{Fetching, Report};
use crate::platform::geolocation::locate;
use crate::state::{sync_url, AppState, Tab};
use emap_core::config::format_bytes;
use emap_core::i18n::Lang;
use emap_core::url_state::{Mode, UrlState};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsCast;

enum Loading {
    Pending,
    Failed(LoadError),
    Ready(Data),
}

#[component]
pub fn App() -> impl IntoView {
    let url = UrlState::parse(&crate::platform::page::query());
    // Before the config is read, the link or the device's last choice says the language.
    let lang = url
        .lang
        .or_else(|| crate::platform::device_storage::get("emap.lang").and_then(|l| Lang::parse(&l)))
        .unwrap_or_default();
    let status = RwSignal::new_local(Loading::Pending);
    // One line per file still downloading, in the order they started.
    let progress = RwSignal::new_local(Vec::<(&'static str, Fetching)>::new());
    let config_path = url.config.clone().unwrap_or_else(|| "config.json".into());
    match config_url(&config_path) {
        Err(read_as) => {
            // Shown as text, cut short: the link's own words, not the page's.
            let shown: String = read_as.chars().take(120).collect();
            status.set(Loading::Failed(LoadError::Said(match lang {
            Lang::Zh => format!("出于安全考虑，本页只加载本站的配置文件；链接中的配置地址指向 “{shown}”，不是本站路径，已忽略。"),
            Lang::En => format!("For your safety this page loads configuration only from its own site; the config address in the link leads to “{shown}”, which is not on this site, and was ignored."),
        })));
        }
        Ok(config_url) => {
            let report: Report = Rc::new(move |file, how| {
                progress.update(|p| match p.iter_mut().find(|(f, _)| *f == file) {
                    Some(entry) => entry.1 = how,
                    None => p.push((file, how)),
                })
            });
            let (at, kiosk) = (url.at, url.mode == Some(Mode::Kiosk));
            spawn_local(async move {
                match load(&config_url, at, kiosk, report).await {
                    Ok((first, rest)) => {
                        let data = Data::new(first);
                        status.set(Loading::Ready(data));
                        // The resident sees the nearby outlets; the rest of the country follows.
                        if let Some(rest) = rest {
                            rest.run(data).await;
                        }
                    }
                    Err(e) => status.set(Loading::Failed(e)),
                }
            });
        }
    }
    move || {
        match &*status.read() {
        Loading::Pending => view! {
            <div class="loading" role="status">
                <p>{lang.pick("正在加载服务网点…", "Loading service outlets…")}</p>
                <ul class="progress">
                    {move || progress.get().into_iter().map(|(file, how)| {
                        let text = match how {
                            Fetching::Bytes { received, total: Some(t) } if t > 0 => match lang {
                                Lang::Zh => format!("{}：已下载 {} / {}（{}%）", file_label(lang, file), format_bytes(received), format_bytes(t), (received * 100 / t).min(100)),
                                Lang::En => format!("{}: {} of {} ({}%)", file_label(lang, file), format_bytes(received), format_bytes(t), (received * 100 / t).min(100)),
                            },
                            Fetching::Bytes { received, .. } => lang.pick(format!("{}：已下载 {}", file_label(lang, file), format_bytes(received)), format!("{}: {}", file_label(lang, file), format_bytes(received))),
                            Fetching::Retrying { attempt } => lang.pick(
                                format!("{}：网络不稳定，正在下载… 第{}次重试", file_label(lang, file), attempt - 1),
                                format!("{}: the network is unsteady; retry {}", file_label(lang, file), attempt - 1)),
                        };
                        view! { <li data-file=file>{text}</li> }
                    }).collect_view()}
                </ul>
            </div>
        }
        .into_any(),
        Loading::Failed(error) => view! {
            <div class="fatal" role="alert">
                <h1>{lang.pick("无法打开电子地图", "The e-map cannot open")}</h1>
                {match error.clone() {
                    LoadError::Said(message) => view! { <p class="fatal-message">{message}</p> }.into_any(),
                    // The parser's words help staff, not a resident: closed until asked for.
                    LoadError::Unreadable { file, detail } => view! {
                        <p class="fatal-message" data-unreadable=file>{match lang {
                            Lang::Zh => format!("{}数据暂时无法读取，管理人员会尽快修复。", file_label(lang, file)),
                            Lang::En => format!("The {} data cannot be read just now; the site's staff will fix it.", file_label(lang, file).to_lowercase()),
                        }}</p>
                        <details class="fatal-detail">
                            <summary>{lang.pick("技术信息（供网站管理人员）", "Technical details (for the site's staff)")}</summary>
                            <p lang="zh-CN">{detail}</p>
                        </details>
                    }.into_any(),
                }}
                <p>{lang.pick("请稍后重试，或拨打 12345 政务服务便民热线咨询。", "Please try again later, or call the 12345 government service hotline.")}</p>
                <button class="chip retry" on:click=|_| crate::platform::page::reload()>{lang.pick("重新加载", "Try again")}</button>
            </div>
        }
        .into_any(),
        Loading::Ready(data) => view! { <Main data=*data url=url.clone()/> }.into_any(),
    }
    }
}

/// Puts the loaded data and the resident's state where every component finds them.
pub fn provide_app(data: Data, url: UrlState) -> AppState {
    // The results can be ordered by route time plus the live wait: both come first.
    provide_context(crate::route_prefs::RoutePrefs::load());
    crate::net::live_status::start(data);
    let state = AppState::new(data, url);
    provide_context(state);
    provide_context(data);
    state
}

#[component]
fn Main(data: Data, url: UrlState) -> impl IntoView {
    let has_at = url.at.is_some();
    let state = provide_app(data, url);
    sync_url(state, data);
    crate::net::gazetteer::provide(data);
    let loaded = data;
    // Config and catalog never change once loaded; only the outlets grow.
    let data: Arc<AppData> = data.untracked();
    if !has_at && state.mode != Some(Mode::Kiosk) {
        locate(state.geo);
    }
    let d = data.clone();
    Effect::new(move |_| {
        let lang = state.lang.get();
        if let Some(doc) = crate::platform::document() {
            let portal_title = d
                .config
                .embed
                .title
                .as_deref()
                .filter(|_| state.mode == Some(Mode::Embed));
            doc.set_title(
                portal_title.unwrap_or(lang.name(&d.config.title, d.config.title_en.as_deref())),
            );
        }
    });
    // Opened from the last good copy: once the network is back, load the fresh data.
    if data.saved_copy.is_some() {
        crate::platform::listen("online", false, false, |_| crate::platform::page::reload());
    }
    let sample = data.sample();
    let title = data.config.title.clone();
    let title_en = data.config.title_en.clone();
    // The page language follows the choice, for screen readers and fonts.
    Effect::new(move |_| {
        if let Some(html) = crate::platform::document().and_then(|d| d.document_element()) {
            let _ = html.set_attribute("lang", state.lang.get().tag());
        }
    });
    let tab_class = move |t: Tab| {
        if state.screen.tab.get() == t {
            "tab active"
        } else {
            "tab"
        }
    };
    let kiosk = state.mode == Some(Mode::Kiosk);
    let embed = state.mode == Some(Mode::Embed);
    // A portal's own colour, set through the CSSOM (allowed under a strict CSP).
    if let (true, Some(color)) = (embed, data.config.embed.safe_color()) {
        if let Some(root) = crate::platform::document()
            .and_then(|d| d.document_element())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = root.style().set_property("--blue", color);
        }
    }
    // A language switch rebuilds the screen; the choices live in AppState and stay.
    let screen = move || {
        let lang = state.lang.get();
        let (title, title_en) = (title.clone(), title_en.clone());
        view! {
            <header class="topbar">
                <h1 lang=title_en.is_none().then_some("zh-CN")>{lang.name(&title, title_en.as_deref()).to_owned()}</h1>
                {sample.then(|| view! { <span class="sample-tag" title=lang.pick("本页数据为演示用示例数据，非官方网点信息", "Sample data for demonstration, not official outlet information")>{lang.pick("示例数据", "Sample data")}</span> })}
                <button class="lang-switch" lang=lang.pick("en", "zh-CN") aria-label=lang.pick("EN English", "中文")
                    on:click=move |_| state.set_lang(if lang == Lang::Zh { Lang::En } else { Lang::Zh })>
                    {lang.pick("EN", "中文")}
                </button>
                // The label says what a tap switches to, so it is no toggle (aria-pressed
                // would have read "标准版, pressed" with the large text on).
                <button class="elder-switch"
                    on:click=move |_| state.set_elder(!state.elder.get_untracked())>
                    {move || if state.elder.get() { lang.pick("标准版", "Standard") } else { lang.pick("长辈版", "Large text") }}
                </button>
            </header>
            {data.saved_copy.clone().map(|date| view! {
                <p class="offline-banner" role="status">{lang.pick(format!("离线：显示 {date} 保存的数据"), format!("Offline: showing data saved {date}"))}</p>
            })}
            // Staff's report: not on a hall's public screen or inside a portal's page,
            // where no one who can fix the data reads it, unless asked (?debug=1).
            {(!(kiosk || embed) || state.debug).then(|| view! { <ProblemsPanel/> })}
        }
    };
    // The side pane is rebuilt too; the map is not (Leaflet keeps its own state).
    let side = move || {
        let lang = state.lang.get();
        view! {
                <div class="side" role="region" node_ref=state.screen.anchors.side aria-label=lang.pick("办事查询", "Find a service")>
                    <SearchBox/>
                    <LocationNote/>
                    <nav class="tabs" aria-label=lang.pick("视图切换", "View")>
                        <button class=move || tab_class(Tab::List) aria-pressed=move || (state.screen.tab.get() == Tab::List).to_string()
                            on:click=move |_| state.screen.tab.set(Tab::List)>{lang.pick("列表", "List")}</button>
                        <button class=move || tab_class(Tab::Map) aria-pressed=move || (state.screen.tab.get() == Tab::Map).to_string()
                            on:click=move |_| state.screen.tab.set(Tab::Map)>{lang.pick("地图", "Map")}</button>
                    </nav>
                    <div class="list-pane" node_ref=state.screen.anchors.list_pane>
                        {kiosk.then(|| view! { <KioskQueue/> })}
                        <BundlePlanView/>
                        <ItemGuide/>
                        <OutletDetail/>
                        <ResultList/>
                    </div>
                </div>
        }
    };
    view! {
        <div class="app" class:show-map=move || state.screen.tab.get() == Tab::Map class:elder=move || state.elder.get()
            class:kiosk=kiosk class:embed=embed data-complete=move || loaded.get().regions.is_none().to_string()>
            {screen}
            <main class="layout">
                {side}
                <section class="map-pane" aria-label=move || state.lang.get().pick("地图", "Map")>
                    <MapView/>
                </section>
            </main>
            {kiosk.then(|| view! { <KioskShell/> })}
            {embed.then(|| view! { <EmbedBridge/> })}
        </div>
    }
}
