//! Components mounted in a real browser (headless Chromium via wasm-bindgen-test),
//! fed by the real core loaders.

use emap::app::provide_app;
use emap::components::{
    outlet_detail::OutletDetail, result_list::ResultList, search_box::SearchBox,
};
use emap::model::{AppData, Data};
use emap_core::url_state::UrlState;
use emap_core::Config;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const CATALOG: &str = r#"{"items":[
 {"id":"id-renew","name":"居民身份证换领","category":"household","pinyin":["ju min shen fen zheng huan ling"]},
 {"id":"passport","name":"普通护照签发","category":"exit_entry","pinyin":["pu tong hu zhao qian fa"]}]}"#;
const OUTLETS: &str = r#"{"type":"FeatureCollection","features":[
 {"type":"Feature","id":"far","properties":{"name":"远处派出所","kind":"police_station","items":["id-renew"]},"geometry":{"type":"Point","coordinates":[121.60,37.50]}},
 {"type":"Feature","id":"near","properties":{"name":"近处派出所","kind":"police_station","items":["id-renew","passport"]},"geometry":{"type":"Point","coordinates":[121.41,37.50]}},
 {"type":"Feature","id":"exit","properties":{"name":"出入境大厅","kind":"exit_entry","items":["passport"]},"geometry":{"type":"Point","coordinates":[121.40,37.50]}},
 {"type":"Feature","id":"bad","properties":{"name":"坏数据"},"geometry":{"type":"Point","coordinates":[999,37.50]}}]}"#;

fn mount() -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let root: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&root).unwrap();
    let config =
        Config::parse(r#"{"title":"t","outlets":"o","catalog":"c","center":[121.4,37.5]}"#)
            .unwrap();
    let data = Arc::new(AppData::from_texts(config, CATALOG, OUTLETS).unwrap());
    assert_eq!(
        data.problems.len(),
        1,
        "the out-of-range feature is reported"
    );
    let url = UrlState {
        at: emap_core::LonLat::parse("121.4,37.5"),
        ..Default::default()
    };
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_app(Data::new((*data).clone()), url.clone());
        view! { <SearchBox/><OutletDetail/><ResultList/> }
    });
    handle.forget();
    root
}

async fn tick() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

fn row_ids(root: &web_sys::HtmlElement) -> Vec<String> {
    let rows = root.query_selector_all("[data-outlet-id]").unwrap();
    (0..rows.length())
        .map(|i| {
            rows.item(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute("data-outlet-id")
                .unwrap()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn typing_sfz_and_choosing_the_item_lists_its_outlets_nearest_first() {
    let root = mount();
    tick().await;
    assert_eq!(
        row_ids(&root),
        ["exit", "near", "far"],
        "all valid outlets, nearest first"
    );

    let input: web_sys::HtmlInputElement = root
        .query_selector("#need")
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value("sfz");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    tick().await;
    let suggestion: web_sys::HtmlElement = root
        .query_selector("[data-item-id]")
        .unwrap()
        .expect("a suggestion")
        .unchecked_into();
    assert_eq!(
        suggestion.get_attribute("data-item-id").as_deref(),
        Some("id-renew")
    );
    assert!(suggestion
        .text_content()
        .unwrap()
        .contains("居民身份证换领"));

    suggestion.click();
    tick().await;
    assert_eq!(row_ids(&root), ["near", "far"]);
    assert!(root
        .text_content()
        .unwrap()
        .contains("2 个网点可办理“居民身份证换领”"));

    let first: web_sys::HtmlElement = root
        .query_selector("[data-outlet-id=near] button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    first.click();
    tick().await;
    let detail = root
        .query_selector("[data-detail-outlet]")
        .unwrap()
        .expect("detail shown");
    assert_eq!(
        detail.get_attribute("data-detail-outlet").as_deref(),
        Some("near")
    );
    assert!(detail.text_content().unwrap().contains("近处派出所"));
    let selected = root
        .query_selector(".result.selected")
        .unwrap()
        .expect("row highlighted");
    assert_eq!(
        selected.get_attribute("data-outlet-id").as_deref(),
        Some("near")
    );
}
