//! Says where distances are measured from, and lets the resident change it.

use crate::components::place_input::PlaceInput;
use crate::platform::geolocation::{locate, GeoState};
use crate::state::{AppState, OriginSource, Tab};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Inside a portal's iframe, whether the portal lets the page ask for the position
/// (`allow="geolocation"`): `Some(false)` when it does not, `None` where the browser
/// does not say (no permissions-policy API). A refusal is the resident's otherwise.
fn portal_allows_location() -> Option<bool> {
    let doc = crate::platform::document()?;
    ["permissionsPolicy", "featurePolicy"]
        .iter()
        .find_map(|name| {
            let policy = js_sys::Reflect::get(&doc, &(*name).into()).ok()?;
            let allows = js_sys::Reflect::get(&policy, &"allowsFeature".into()).ok()?;
            let allows = allows.dyn_into::<js_sys::Function>().ok()?;
            allows.call1(&policy, &"geolocation".into()).ok()?.as_bool()
        })
}

#[component]
pub fn LocationNote() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang.get_untracked();
    let pick_hint = lang.pick(
        "可在地图上选择，或输入地点。",
        "You can pick your position on the map, or type a place.",
    );
    let text = move || {
        match state.origin.get().source {
        OriginSource::Chosen => lang.pick("按距离排序：从您选定的位置起算", "Nearest first, from the position you chose").to_string(),
        OriginSource::Located => lang.pick("按距离排序：从您当前的位置起算", "Nearest first, from where you are").to_string(),
        OriginSource::Kiosk => lang.pick("按距离排序：从本服务大厅起算", "Nearest first, from this service hall").to_string(),
        OriginSource::CityCentre(g) => match g {
            GeoState::Pending => lang.pick("正在获取您的位置…暂按市中心排序", "Finding your position… sorted from the city centre for now").into(),
            GeoState::Denied if crate::platform::page::in_iframe() && portal_allows_location() == Some(false) => format!("{} {pick_hint}", lang.pick(
                "本页嵌入在其他网站中，该网站未允许定位，按市中心排序。",
                "This page is embedded in another site that does not allow location, so outlets are sorted from the city centre.",
            )),
            GeoState::Denied if crate::platform::page::in_iframe() && portal_allows_location().is_none() => format!("{} {pick_hint}", lang.pick(
                "未获得定位权限（本页嵌入在其他网站中，也可能是该网站未允许定位），按市中心排序。",
                "Location was not allowed (this page is inside another site, which may not allow it); sorted from the city centre.",
            )),
            GeoState::Denied => format!("{} {pick_hint}", lang.pick("未获得定位权限，按市中心排序。", "Location permission was not given; sorted from the city centre.")),
            GeoState::TimedOut => format!("{} {pick_hint}", lang.pick("定位超时（5 秒），按市中心排序。", "Location timed out (5 s); sorted from the city centre.")),
            GeoState::Unsupported => format!("{} {pick_hint}", lang.pick("此浏览器不支持定位，按市中心排序。", "This browser has no location; sorted from the city centre.")),
            _ => format!("{} {pick_hint}", lang.pick("暂时无法定位，按市中心排序。", "Location is unavailable; sorted from the city centre.")),
        },
    }
    };
    let source = move || match state.origin.get().source {
        OriginSource::Chosen => "chosen",
        OriginSource::Located => "located",
        OriginSource::Kiosk => "kiosk",
        OriginSource::CityCentre(GeoState::Pending) => "pending",
        OriginSource::CityCentre(_) => "city-centre",
    };
    let typing = RwSignal::new(false);
    view! {
        // Only the sentence is a status (a change of position is said); the buttons
        // beside it are not read out again with it.
        <div class="location-note" data-origin=source>
            <span role="status">{text}</span>
            <span class="location-actions">
                <button class="link-button" on:click=move |_| { state.screen.picking.set(true); state.screen.tab.set(Tab::Map); }>
                    {move || if state.screen.picking.get() { lang.pick("请在地图上点选位置", "Tap your position on the map") } else { lang.pick("在地图上选位置", "Pick on the map") }}
                </button>
                // A kiosk has no keyboard here: its hall is the start.
                <button class="link-button type-place" hidden=state.mode == Some(emap_core::url_state::Mode::Kiosk) aria-expanded=move || typing.get().to_string() on:click=move |_| typing.update(|t| *t = !*t)>
                    {lang.pick("输入地点", "Type a place")}
                </button>
                {move || (state.at.get().is_some() || !matches!(state.geo.get(), GeoState::Located(_) | GeoState::Pending)).then(|| view! {
                    <button class="link-button" on:click=move |_| { state.at.set(None); if state.mode != Some(emap_core::url_state::Mode::Kiosk) { locate(state.geo); } }>{lang.pick("重新定位", "Locate me")}</button>
                })}
            </span>
            <PlaceInput open=typing/>
        </div>
    }
}
