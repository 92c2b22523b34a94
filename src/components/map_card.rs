//! On a phone's map tab, the outlet a resident tapped, in a short card over the map
//! (name, open now, distance, 导航, 详情) instead of leaving the map for the list.
//! From 900 px the detail sits beside the map and the card is not shown (CSS).

use crate::components::open_state::OpenState;
use crate::platform::page::web_fallback;
use crate::route_prefs::{link_target, RoutePrefs};
use crate::state::{AppState, Tab};
use emap_core::geo::format_distance;
use leptos::prelude::*;

#[component]
pub fn MapCard() -> impl IntoView {
    let state = expect_context::<AppState>();
    let prefs = expect_context::<RoutePrefs>();
    let data = crate::model::use_data();
    move || {
        let lang = state.lang.get();
        // The list of a spot's outlets takes the card's place while it is open.
        if state.screen.spot.with(Option::is_some) {
            return None;
        }
        let id = state.outlet.get()?;
        let o = data.get().outlets.get(&id)?.clone();
        let distance = format_distance(lang, o.distance_from(state.origin.get().pos));
        let route = (!o.position_unsure).then(|| {
            let r = prefs.link(&state, &o, prefs.provider.get());
            view! {
                <a class="chip map-card-route" href=r.url.clone() target=link_target(&r.url) rel="noopener noreferrer"
                    on:click=move |ev| web_fallback(&ev, r.web.clone()) data-provider=r.provider.key()>
                    {lang.pick("导航", "Go")}
                </a>
            }
        });
        Some(view! {
            <div class="map-card" role="dialog" aria-label=lang.name(&o.name, o.name_en.as_deref()).to_owned() data-card-outlet=o.id.clone()>
                <div class="map-card-head">
                    <strong class="map-card-name">{lang.name(&o.name, o.name_en.as_deref()).to_owned()}</strong>
                    <button class="close" aria-label=lang.pick("关闭", "Close") on:click=move |_| state.close_outlet()>"×"</button>
                </div>
                <p class="map-card-facts">{o.kind.label(lang)} " · " {distance}</p>
                <OpenState hours=o.opening_hours.clone() notices=o.notices.clone()/>
                <div class="map-card-actions">
                    {route}
                    <button class="chip map-card-detail" on:click=move |_| state.screen.tab.set(Tab::List)>{lang.pick("详情", "Details")}</button>
                </div>
            </div>
        })
    }
}
