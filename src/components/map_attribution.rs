//! Who drew the base map, under the map: the config's `tiles.attribution` as text
//! and, where `tiles.attribution_url` is a web link, a link to it. Leaflet's own
//! control writes its attribution as HTML, so a config's markup would run on the
//! page; it is switched off (`src/map.rs`) and this stands in its place.

use crate::state::AppState;
use emap_core::origin::{link_allowed, WEB};
use emap_core::url_state::Mode;
use leptos::prelude::*;

#[component]
pub fn MapAttribution() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = crate::model::use_data();
    let tiles = data.untracked().config.tiles.clone()?;
    // A kiosk has no browser to follow a link in.
    let href = tiles
        .attribution_url
        .filter(|u| link_allowed(u, WEB) && state.mode != Some(Mode::Kiosk));
    let text = tiles.attribution;
    Some(view! {
        <p class="map-attribution">
            "Leaflet"
            {(!text.is_empty()).then(|| view! {
                " | "
                {match href {
                    Some(href) => view! { <a href=href target="_blank" rel="noopener noreferrer">{text}</a> }.into_any(),
                    None => view! { <span>{text}</span> }.into_any(),
                }}
            })}
        </p>
    })
}
