//! What the app keeps on the resident's device (localStorage). Storage may be
//! disabled or full (private mode, some in-app browsers): then nothing is kept and
//! nothing fails.

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn get(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

/// Forgets everything the app kept (keys starting `emap.`): a kiosk's next user
/// must not see the last one's choices or ticks.
pub fn forget_all() {
    let Some(s) = local() else { return };
    let n = s.length().unwrap_or(0);
    let keys: Vec<String> = (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with("emap."))
        .collect();
    for k in keys {
        let _ = s.remove_item(&k);
    }
}

pub fn set(key: &str, value: &str) {
    if let Some(s) = local() {
        let _ = s.set_item(key, value);
    }
}
