//! The outlets at one spot on the map (windows of one hall, mapped a few metres
//! apart), listed over the map after a tap on their shared mark: choosing one is the
//! same as tapping its own mark. Shown at every width, the kiosk's too.

use crate::components::open_state::OpenState;
use crate::state::AppState;
use leptos::html::Div;
use leptos::prelude::*;

#[component]
pub fn MapSpot() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = crate::model::use_data();
    let spot = state.screen.spot;
    // A new list of results, or an outlet chosen (here or in the list), makes the
    // spot's list stale: it closes.
    Effect::new(move |seen: Option<()>| {
        state.results.track();
        state.bundle_plan.track();
        if seen.is_some() {
            spot.set(None);
        }
    });
    Effect::new(move |seen: Option<Option<String>>| {
        let now = state.outlet.get();
        if seen.is_some_and(|before| before != now) && now.is_some() {
            spot.set(None);
        }
        now
    });
    let list = NodeRef::<Div>::new();
    // Keyboard and screen-reader users land on the list (read by its title), where
    // Escape closes it and Tab reaches the outlets.
    Effect::new(move |_| {
        if spot.with(Option::is_some) {
            request_animation_frame(move || {
                if let Some(l) = list.get_untracked() {
                    let _ = l.focus();
                }
            });
        }
    });
    move || {
        let lang = state.lang.get();
        let ids = spot.get()?;
        let d = data.get();
        let outlets: Vec<_> = ids
            .iter()
            .filter_map(|id| d.outlets.get(id))
            .cloned()
            .collect();
        let title = lang.pick(
            format!("这里有 {} 个网点", outlets.len()),
            format!("{} outlets here", outlets.len()),
        );
        let rows = outlets
            .into_iter()
            .map(|o| {
                let id = o.id.clone();
                view! {
                    <li>
                        <button class="map-spot-outlet" data-spot-outlet=o.id.clone() on:click=move |_| {
                            spot.set(None);
                            state.show_outlet(id.clone());
                        }>
                            <span class="map-spot-name">{lang.name(&o.name, o.name_en.as_deref()).to_owned()}</span>
                            <span class="map-spot-kind">{o.kind.label(lang)}</span>
                            <OpenState hours=o.opening_hours.clone() notices=o.notices.clone()/>
                        </button>
                    </li>
                }
            })
            .collect_view();
        let label = title.clone();
        Some(view! {
            <div class="map-spot" role="dialog" aria-label=label tabindex="-1" node_ref=list
                on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Escape" { spot.set(None) }>
                <div class="map-spot-head">
                    <strong class="map-spot-title">{title}</strong>
                    <button class="close" aria-label=lang.pick("关闭", "Close") on:click=move |_| spot.set(None)>"×"</button>
                </div>
                <ul class="map-spot-list">{rows}</ul>
            </div>
        })
    }
}
