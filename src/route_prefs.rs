//! The resident's remembered choice of map app and travel mode (kept on the device),
//! and the route link they lead to.

use crate::platform::device_storage;
use crate::state::{AppState, OriginSource};
use emap_core::route::{route_link, Destination, Platform, Provider, RouteLink, TravelMode};
use emap_core::{LonLat, Outlet};
use leptos::prelude::*;

const PROVIDER_KEY: &str = "emap.route.provider";
const MODE_KEY: &str = "emap.route.mode";

pub fn platform() -> Platform {
    Platform::from_user_agent(&crate::platform::page::user_agent())
}

/// The choices, as signals shared by every row and the detail.
#[derive(Clone, Copy)]
pub struct RoutePrefs {
    pub platform: Platform,
    pub provider: RwSignal<Provider>,
    pub mode: RwSignal<TravelMode>,
}

impl RoutePrefs {
    pub fn load() -> RoutePrefs {
        let platform = platform();
        let provider = device_storage::get(PROVIDER_KEY)
            .and_then(|k| Provider::parse(&k))
            .filter(|p| platform.providers().contains(p))
            .unwrap_or(platform.providers()[0]);
        let mode = device_storage::get(MODE_KEY)
            .and_then(|k| TravelMode::parse(&k))
            .unwrap_or_default();
        RoutePrefs {
            platform,
            provider: RwSignal::new(provider),
            mode: RwSignal::new(mode),
        }
    }

    pub fn choose_provider(&self, p: Provider) {
        self.provider.set(p);
        device_storage::set(PROVIDER_KEY, p.key());
    }

    pub fn choose_mode(&self, m: TravelMode) {
        self.mode.set(m);
        device_storage::set(MODE_KEY, m.key());
    }

    /// The link for `provider`, starting from the resident's own position only when
    /// they have one (never the city-centre fallback).
    pub fn link(&self, state: &AppState, outlet: &Outlet, provider: Provider) -> RouteLink {
        let origin = state.origin.get();
        let from = (!matches!(origin.source, OriginSource::CityCentre(_))).then_some(origin.pos);
        route_to(self.platform, outlet, provider, from, self.mode.get())
    }

    /// A route for later (a calendar entry, a printed page): from wherever the
    /// resident is then, so without the position now, which is not written into a
    /// file that is synced and shared; a web page, which any calendar app can open.
    pub fn link_for_later(&self, outlet: &Outlet) -> String {
        let r = route_to(
            self.platform,
            outlet,
            self.provider.get_untracked(),
            None,
            self.mode.get_untracked(),
        );
        r.web.unwrap_or(r.url)
    }
}

fn route_to(
    platform: Platform,
    outlet: &Outlet,
    provider: Provider,
    from: Option<LonLat>,
    mode: TravelMode,
) -> RouteLink {
    let to = Destination {
        pos: outlet.pos,
        name: &outlet.name,
    };
    route_link(provider, platform, &to, from, mode)
}

/// App schemes must open in place; web maps open beside the app.
pub fn link_target(url: &str) -> Option<&'static str> {
    url.starts_with("https://").then_some("_blank")
}
