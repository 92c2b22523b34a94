//! Downloading the deployment's files: retries with backoff, progress for the
//! loading screen, a size limit, not taking a web page for data, the text boot.js
//! already read, and the last good copy on the device when the network fails.

pub mod gazetteer;
pub mod last_good;
pub mod live_status;

use crate::platform::{js_text, sleep};
use emap_core::config::check_size;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// How a download is going, for the loading screen on a slow network.
#[derive(Clone, Debug, PartialEq)]
pub enum Fetching {
    Bytes {
        received: u64,
        total: Option<u64>,
    },
    /// Waiting before try number `attempt` (2 = the first retry).
    Retrying {
        attempt: u32,
    },
}

/// Tells the loading screen how each file is going.
pub type Report = std::rc::Rc<dyn Fn(&'static str, Fetching)>;

/// Tries after the first, and the wait before each: 0.5 s, 1 s, 2 s.
const RETRY_WAITS_MS: [u32; 3] = [500, 1000, 2000];

/// A downloaded file's text; `saved` is when it was saved (ms since the epoch) if it
/// is the device's last good copy rather than a fresh download.
pub struct Fetched {
    pub text: String,
    pub saved: Option<f64>,
}

enum Failure {
    /// The network or the server may recover: try again, then use the saved copy.
    Transient(String),
    /// Another try would get the same answer (404, too large).
    Final(String),
}

/// Downloads `url` (a `file`: "config", "catalog" or "outlets"), refusing more than
/// `limit` bytes. Network errors and 5xx answers are retried with backoff; when
/// every try fails, the last good copy saved on this device is used if there is one.
pub async fn fetch_file(
    file: &'static str,
    url: &str,
    limit: u64,
    report: &Report,
) -> Result<Fetched, String> {
    // What boot.js read already counts as the first try.
    let mut first = boot_file(url)
        .await
        .map(|text| is_data(file, url, text.as_bytes(), limit).map(|()| text));
    // Offline (the phone says so): the copy saved on this device at once, not after
    // three retries of a network that is not there.
    let offline = crate::platform::page::is_offline();
    if offline {
        if let Some((text, saved)) = last_good::read(url).await {
            return Ok(Fetched {
                text,
                saved: Some(saved),
            });
        }
    }
    let mut why = String::new();
    for attempt in 0..=RETRY_WAITS_MS.len() {
        if attempt > 0 {
            report(
                file,
                Fetching::Retrying {
                    attempt: attempt as u32 + 1,
                },
            );
            sleep(RETRY_WAITS_MS[attempt - 1]).await;
        }
        let got = match first.take() {
            Some(got) => got,
            None => fetch_once(file, url, limit, report).await,
        };
        match got {
            Ok(text) => return Ok(Fetched { text, saved: None }),
            // A 404, or a Wi-Fi login page in place of the file: trying again gets the
            // same, but a copy saved on this device still serves.
            Err(Failure::Final(e)) => {
                why = e;
                break;
            }
            Err(Failure::Transient(e)) => why = e,
        }
    }
    match last_good::read(url).await {
        Some((text, saved)) => {
            web_sys::console::warn_1(&format!("{why}; using the copy saved on this device").into());
            Ok(Fetched {
                text,
                saved: Some(saved),
            })
        }
        None => Err(why),
    }
}

async fn fetch_once(
    file: &'static str,
    url: &str,
    limit: u64,
    report: &Report,
) -> Result<String, Failure> {
    let window = web_sys::window().ok_or(Failure::Final("no window".into()))?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| {
            Failure::Transient(format!("无法下载 {url}（network error: {}）", js_text(&e)))
        })?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| Failure::Final("fetch returned no Response".into()))?;
    if !response.ok() {
        let status = response.status();
        let why = format!(
            "无法下载 {url}（HTTP {} {}）",
            status,
            response.status_text()
        );
        // A server error, a timeout or "too many requests" may pass; a 404 will not.
        return Err(if status >= 500 || status == 408 || status == 429 {
            Failure::Transient(why)
        } else {
            Failure::Final(why)
        });
    }
    let headers = response.headers();
    let header = |name: &str| headers.get(name).ok().flatten();
    let length = header("content-length").and_then(|v| v.trim().parse::<u64>().ok());
    // With compression the length is of the compressed body: still a floor of the
    // real size, so refusing on it is right, but it is no total for progress.
    let total = length.filter(|_| header("content-encoding").is_none());
    if let Some(n) = length {
        check_size(file, url, n, limit).map_err(|e| Failure::Final(e.to_string()))?;
    }
    let bytes = match response.body() {
        Some(body) => read_body(file, url, body, limit, total, report).await?,
        None => {
            let buffer =
                JsFuture::from(response.array_buffer().map_err(|e| {
                    Failure::Transient(format!("读取 {url} 失败: {}", js_text(&e)))
                })?)
                .await
                .map_err(|e| Failure::Transient(format!("读取 {url} 失败: {}", js_text(&e))))?;
            js_sys::Uint8Array::new(&buffer).to_vec()
        }
    };
    is_data(file, url, &bytes, limit)?;
    // What `Response.text()` does: UTF-8, invalid bytes replaced (only then copied).
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// Whether a downloaded body can be the data file asked for: within the size limit,
/// and not a web page (a Wi-Fi login or a maintenance page answered for every
/// address; JSON never starts with '<').
fn is_data(file: &'static str, url: &str, bytes: &[u8], limit: u64) -> Result<(), Failure> {
    check_size(file, url, bytes.len() as u64, limit).map_err(|e| Failure::Final(e.to_string()))?;
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<') {
        return Err(Failure::Final(format!(
            "{url} 返回的是网页而不是数据（可能需要先登录 Wi-Fi，或服务器在维护）（a web page, not data）"
        )));
    }
    Ok(())
}

/// Reads a body chunk by chunk: the loading screen can show progress, and a file
/// over the limit is cut off without being held in memory whole.
async fn read_body(
    file: &'static str,
    url: &str,
    body: web_sys::ReadableStream,
    limit: u64,
    total: Option<u64>,
    report: &Report,
) -> Result<Vec<u8>, Failure> {
    let reader: web_sys::ReadableStreamDefaultReader = body
        .get_reader()
        .dyn_into()
        .map_err(|_| Failure::Final("no stream reader".into()))?;
    let mut bytes = Vec::with_capacity(total.unwrap_or(0).min(limit) as usize);
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|e| Failure::Transient(format!("下载 {url} 中断（{}）", js_text(&e))))?;
        let done = js_sys::Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(true);
        if done {
            return Ok(bytes);
        }
        if let Ok(value) = js_sys::Reflect::get(&chunk, &"value".into()) {
            if let Some(array) = value.dyn_ref::<js_sys::Uint8Array>() {
                let start = bytes.len();
                bytes.resize(start + array.length() as usize, 0);
                array.copy_to(&mut bytes[start..]);
            }
        }
        if bytes.len() as u64 > limit {
            let _ = reader.cancel();
            return Err(Failure::Final(
                check_size(file, url, bytes.len() as u64, limit)
                    .err()
                    .map(|e| e.to_string())
                    .unwrap_or_default(),
            ));
        }
        report(
            file,
            Fetching::Bytes {
                received: bytes.len() as u64,
                total,
            },
        );
    }
}

/// A file as boot.js read it while the wasm downloaded (the config, a pack's
/// manifest: a round trip fewer each), taken once; `None` when boot.js did not ask
/// for it or did not get it, and the app fetches it itself.
async fn boot_file(url: &str) -> Option<String> {
    let window = web_sys::window()?;
    let page = window.location().href().ok()?;
    let href = web_sys::Url::new_with_base(url, &page).ok()?.href();
    let boot = js_sys::Reflect::get(&window, &"emapBoot".into()).ok()?;
    let files = js_sys::Reflect::get(&boot, &"files".into()).ok()?;
    let key = wasm_bindgen::JsValue::from_str(&href);
    let text = js_sys::Reflect::get(&files, &key).ok()?;
    let text = text.dyn_into::<js_sys::Promise>().ok()?;
    let _ = js_sys::Reflect::delete_property(files.unchecked_ref::<js_sys::Object>(), &key);
    JsFuture::from(text).await.ok()?.as_string()
}
