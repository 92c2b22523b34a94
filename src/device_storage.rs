//! What the app keeps on the resident's device (localStorage). Storage may be
//! disabled or full (private mode, some in-app browsers): then nothing is kept and
//! nothing fails.

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn get(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

pub fn set(key: &str, value: &str) {
    if let Some(s) = local() {
        let _ = s.set_item(key, value);
    }
}
