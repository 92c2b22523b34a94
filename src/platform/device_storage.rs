//! What the app keeps on the resident's device (localStorage). Storage may be
//! disabled or full (private mode, some in-app browsers): then nothing is kept and
//! nothing fails.

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn get(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

/// The keys the app has kept (those starting `emap.`).
fn kept_keys(s: &web_sys::Storage) -> Vec<String> {
    (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with("emap."))
        .collect()
}

/// Forgets everything the app kept: a kiosk's next user must not see the last one's
/// choices or ticks.
pub fn forget_all() {
    let Some(s) = local() else { return };
    for k in kept_keys(&s) {
        let _ = s.remove_item(&k);
    }
}

/// Whether the app keeps nothing on this device.
pub fn holds_nothing() -> bool {
    local().is_none_or(|s| kept_keys(&s).is_empty())
}

pub fn set(key: &str, value: &str) {
    if let Some(s) = local() {
        let _ = s.set_item(key, value);
    }
}
