//! Says where distances are measured from, and lets the resident change it.

use crate::geolocation::{locate, GeoState};
use crate::state::{AppState, OriginSource, Tab};
use leptos::prelude::*;

/// Inside a portal's iframe, geolocation works only when the host page allows it
/// (`<iframe allow="geolocation">`); the resident should know it is not their fault.
fn in_iframe() -> bool {
    web_sys::window().is_some_and(|w| {
        w.top()
            .ok()
            .flatten()
            .is_some_and(|top| !js_sys::Object::is(&top, &w))
    })
}

#[component]
pub fn LocationNote() -> impl IntoView {
    let state = expect_context::<AppState>();
    let text = move || match state.origin.get().source {
        OriginSource::Chosen => "按距离排序：从您选定的位置起算".to_string(),
        OriginSource::Located => "按距离排序：从您当前的位置起算".to_string(),
        OriginSource::CityCentre(g) => match g {
            GeoState::Pending => "正在获取您的位置…暂按市中心排序".into(),
            GeoState::Denied if in_iframe() => {
                "本页嵌入在其他网站中，该网站未允许定位，按市中心排序。可在地图上选择您的位置。"
                    .into()
            }
            GeoState::Denied => "未获得定位权限，按市中心排序。可在地图上选择您的位置。".into(),
            GeoState::TimedOut => "定位超时（5 秒），按市中心排序。可在地图上选择您的位置。".into(),
            GeoState::Unsupported => {
                "此浏览器不支持定位，按市中心排序。可在地图上选择您的位置。".into()
            }
            _ => "暂时无法定位，按市中心排序。可在地图上选择您的位置。".into(),
        },
    };
    let source = move || match state.origin.get().source {
        OriginSource::Chosen => "chosen",
        OriginSource::Located => "located",
        OriginSource::CityCentre(GeoState::Pending) => "pending",
        OriginSource::CityCentre(_) => "city-centre",
    };
    view! {
        <div class="location-note" data-origin=source role="status">
            <span>{text}</span>
            <span class="location-actions">
                <button class="link-button" on:click=move |_| { state.picking.set(true); state.tab.set(Tab::Map); }>
                    {move || if state.picking.get() { "请在地图上点选位置" } else { "在地图上选位置" }}
                </button>
                {move || (state.at.get().is_some() || !matches!(state.geo.get(), GeoState::Located(_) | GeoState::Pending)).then(|| view! {
                    <button class="link-button" on:click=move |_| { state.at.set(None); locate(state.geo); }>"重新定位"</button>
                })}
            </span>
        </div>
    }
}
