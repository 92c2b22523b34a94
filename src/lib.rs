//! The web app: signals, DOM, fetch and the map binding. All logic that can be
//! tested without a browser lives in `emap-core`.

pub mod app;
pub mod components;
pub mod load;
pub mod map;
pub mod model;
pub mod net;
pub mod platform;
pub mod route_prefs;
pub mod state;

/// Mounts the app on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    // index.html's "正在加载…" makes way for the app's own screens.
    if let Some(boot) =
        platform::document().and_then(|d| d.query_selector(".boot-screen").ok().flatten())
    {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
