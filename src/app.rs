//! The page: loads the deployment's files, then shows search, results, detail and map.

use crate::api::{config_path_allowed, file_label, load, AppData, Fetching, Report};
use crate::components::{
    item_guide::ItemGuide, location_note::LocationNote, map_view::MapView,
    outlet_detail::OutletDetail, problems_panel::ProblemsPanel, result_list::ResultList,
    search_box::SearchBox,
};
use crate::geolocation::locate;
use crate::state::{sync_url, AppState, Tab};
use emap_core::config::format_bytes;
use emap_core::url_state::UrlState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;
use std::sync::Arc;

enum Loading {
    Pending,
    Failed(String),
    Ready(Arc<AppData>),
}

#[component]
pub fn App() -> impl IntoView {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let url = UrlState::parse(&search);
    let status = RwSignal::new_local(Loading::Pending);
    // One line per file still downloading, in the order they started.
    let progress = RwSignal::new_local(Vec::<(&'static str, Fetching)>::new());
    let config_url = url.config.clone().unwrap_or_else(|| "config.json".into());
    if !config_path_allowed(&config_url) {
        status.set(Loading::Failed(format!(
            "出于安全考虑，本页只加载本站的配置文件；链接中的配置地址 “{config_url}” 不是本站路径，已忽略。"
        )));
    } else {
        let report: Report = Rc::new(move |file, how| {
            progress.update(|p| match p.iter_mut().find(|(f, _)| *f == file) {
                Some(entry) => entry.1 = how,
                None => p.push((file, how)),
            })
        });
        spawn_local(async move {
            status.set(match load(&config_url, report).await {
                Ok(data) => Loading::Ready(Arc::new(data)),
                Err(e) => Loading::Failed(e),
            });
        });
    }
    move || {
        match &*status.read() {
        Loading::Pending => view! {
            <div class="loading" role="status">
                <p>"正在加载服务网点…"</p>
                <ul class="progress">
                    {move || progress.get().into_iter().map(|(file, how)| {
                        let text = match how {
                            Fetching::Bytes { received, total: Some(t) } if t > 0 => format!(
                                "{}：已下载 {} / {}（{}%）", file_label(file), format_bytes(received),
                                format_bytes(t), (received * 100 / t).min(100)),
                            Fetching::Bytes { received, .. } => format!("{}：已下载 {}", file_label(file), format_bytes(received)),
                            Fetching::Retrying { attempt } => format!(
                                "{}：网络不稳定，正在下载… 第{}次重试", file_label(file), attempt - 1),
                        };
                        view! { <li data-file=file>{text}</li> }
                    }).collect_view()}
                </ul>
            </div>
        }
        .into_any(),
        Loading::Failed(message) => view! {
            <div class="fatal" role="alert">
                <h1>"无法打开电子地图"</h1>
                <p class="fatal-message">{message.clone()}</p>
                <p>"请稍后重试，或拨打 12345 政务服务便民热线咨询。"</p>
            </div>
        }
        .into_any(),
        Loading::Ready(data) => view! { <Main data=data.clone() url=url.clone()/> }.into_any(),
    }
    }
}

/// Puts the loaded data and the resident's state where every component finds them.
pub fn provide_app(data: Arc<AppData>, url: UrlState) -> AppState {
    let state = AppState::new(data.clone(), url);
    provide_context(state);
    provide_context(crate::route_prefs::RoutePrefs::load());
    provide_context(data);
    state
}

#[component]
fn Main(data: Arc<AppData>, url: UrlState) -> impl IntoView {
    let has_at = url.at.is_some();
    let state = provide_app(data.clone(), url);
    sync_url(state, data.clone());
    if !has_at {
        locate(state.geo);
    }
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&data.config.title);
    }
    let sample = data.sample();
    let title = data.config.title.clone();
    let tab_class = move |t: Tab| {
        if state.tab.get() == t {
            "tab active"
        } else {
            "tab"
        }
    };
    view! {
        <div class="app" class:show-map=move || state.tab.get() == Tab::Map class:elder=move || state.elder.get()>
            <header class="topbar">
                <h1>{title}</h1>
                {sample.then(|| view! { <span class="sample-tag" title="本页数据为演示用示例数据，非官方网点信息">"示例数据"</span> })}
                <button class="elder-switch" aria-pressed=move || state.elder.get().to_string()
                    on:click=move |_| state.set_elder(!state.elder.get_untracked())>
                    {move || if state.elder.get() { "标准版" } else { "长辈版" }}
                </button>
            </header>
            {data.saved_copy.clone().map(|date| view! {
                <p class="offline-banner" role="status">{format!("离线：显示 {date} 保存的数据")}</p>
            })}
            <ProblemsPanel/>
            <div class="layout">
                <section class="side" aria-label="办事查询">
                    <SearchBox/>
                    <LocationNote/>
                    <nav class="tabs" aria-label="视图切换">
                        <button class=move || tab_class(Tab::List) aria-pressed=move || (state.tab.get() == Tab::List).to_string()
                            on:click=move |_| state.tab.set(Tab::List)>"列表"</button>
                        <button class=move || tab_class(Tab::Map) aria-pressed=move || (state.tab.get() == Tab::Map).to_string()
                            on:click=move |_| state.tab.set(Tab::Map)>"地图"</button>
                    </nav>
                    <div class="list-pane">
                        <ItemGuide/>
                        <OutletDetail/>
                        <ResultList/>
                    </div>
                </section>
                <section class="map-pane" aria-label="地图">
                    <MapView/>
                </section>
            </div>
        </div>
    }
}
