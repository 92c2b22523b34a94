//! A typed start point: the resident names where they are (a district, a street, a
//! station, an estate) instead of granting location or tapping the map. Places come
//! from the outlets' districts and the gazetteer; nothing typed leaves the device.

use crate::state::AppState;
use leptos::prelude::*;

/// Places offered at once: enough to tell 烟台站 from 烟台南站, short on a phone.
const MAX_PLACES: usize = 6;

#[component]
pub fn PlaceInput(
    /// Shown: the button beside 在地图上选位置 opened it.
    open: RwSignal<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = crate::model::use_data();
    let typed = RwSignal::new(String::new());
    let input = NodeRef::<leptos::html::Input>::new();
    let finder = crate::model::OutletFinder::new();
    let found = Memo::new(move |_| {
        let q = typed.get();
        if q.trim().is_empty() {
            return Vec::new();
        }
        finder
            .find(&data.get(), &q, state.origin.get().pos, MAX_PLACES)
            .places
    });
    Effect::new(move |_| {
        if open.get() {
            if let Some(el) = input.get() {
                let _ = el.focus();
            }
        }
    });
    let close = move || {
        open.set(false);
        typed.set(String::new());
    };
    move || {
        let lang = state.lang.get();
        open.get().then(|| view! {
            <div class="place-input" on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Escape" { close() }>
                <label for="place-input">{lang.pick("您在哪里？输入地名", "Where are you? Type a place")}</label>
                <input id="place-input" type="search" node_ref=input autocomplete="off"
                    placeholder=lang.pick("如 烟台站、南大街、芝罘区", "e.g. Yantai Railway Station, Nandajie")
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))/>
                {move || {
                    let list = found.get();
                    let q = typed.get();
                    if q.trim().is_empty() {
                        return None;
                    }
                    if list.is_empty() {
                        return Some(view! { <p class="no-match" role="status">{lang.pick("没有找到这个地名，可换个说法，或在地图上选位置。", "No such place found: try other words, or pick on the map.")}</p> }.into_any());
                    }
                    Some(view! {
                        <ul class="suggestions place-choices">
                            {list.into_iter().map(|p| {
                                let pos = p.pos;
                                let name = p.name(lang).text.to_owned();
                                view! {
                                    <li><button class="suggestion place-choice" data-place=p.name.clone() on:click=move |_| { state.at.set(Some(pos)); close(); }>
                                        <span class="item-name">{name}</span>
                                        <span class="item-cat">{p.kind.label(lang)}</span>
                                    </button></li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any())
                }}
            </div>
        })
    }
}
