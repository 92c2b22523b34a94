//! Need-first search: type what you need (身份证, sfz, huzhao) or browse by category;
//! an office type, an outlet's name or a district finds outlets and places too.

use crate::components::pinyin_keyboard::PinyinKeyboard;
use crate::state::AppState;
use emap_core::geo::format_distance;
use emap_core::i18n::Lang;
use emap_core::outlet_search::OutletFind;
use emap_core::url_state::Mode;
use emap_core::Category;
use leptos::prelude::*;

const MAX_SUGGESTIONS: usize = 8;
/// Outlets offered under the needs: the nearest few of a kind or a name.
const MAX_OUTLETS: usize = 5;

/// The button pressed is about to go: the suggestions close once a need is chosen,
/// and "Change" closes the chosen need. A keyboard user's focus goes back to the
/// search field rather than to the top of the page; a tap or a click lets go of it
/// (no phone keyboard pops up). Done now, while the page is unchanged: a focused
/// button removed along with its list cost 5 ms of the frame showing the new list.
fn hand_back_focus(ev: &web_sys::MouseEvent, kiosk: bool) {
    use wasm_bindgen::JsCast;
    let Some(doc) = crate::platform::document() else {
        return;
    };
    let keyboard = ev.detail() == 0;
    let field = doc
        .get_element_by_id("need")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    match field {
        Some(field) if keyboard && !kiosk => {
            let _ = field.focus();
        }
        _ => {
            if let Some(active) = doc
                .active_element()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = active.blur();
            }
        }
    }
}

/// The suggestion buttons under the search field, in the order shown.
fn suggestion_buttons() -> Vec<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    let Some(list) = crate::platform::document().and_then(|d| {
        d.query_selector_all(".search .suggestions .suggestion")
            .ok()
    }) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

/// Up and down through the suggestions; Escape, or up from the first, back to the field.
fn step_through(ev: &web_sys::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    let buttons = suggestion_buttons();
    let active = crate::platform::document().and_then(|d| d.active_element());
    let at = buttons.iter().position(|b| {
        active
            .as_ref()
            .is_some_and(|a| a == b.unchecked_ref::<web_sys::Element>())
    });
    let field = || crate::platform::element_by_id::<web_sys::HtmlElement>("need");
    let target = match (ev.key().as_str(), at) {
        ("ArrowDown", Some(i)) => buttons.get(i + 1).cloned(),
        ("ArrowUp", Some(0)) | ("Escape", _) => field(),
        ("ArrowUp", Some(i)) => buttons.get(i - 1).cloned(),
        _ => return,
    };
    if let Some(t) = target {
        ev.prevent_default();
        let _ = t.focus();
    }
}

#[component]
pub fn SearchBox() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = crate::model::use_data().untracked();
    let lang = state.lang.get_untracked();
    let browsing = state.browsing;
    // Outlets without a catalog: a plain map of outlets, found by name, kind and place.
    let no_catalog = data.catalog.items.is_empty();
    // A kiosk has no keyboard: letters come from the on-screen one.
    let kiosk = state.mode == Some(Mode::Kiosk);
    let keyboard = state.screen.keyboard;
    let d = data.clone();
    let matches = Memo::new(move |_| {
        let q = state.query.get();
        d.index
            .search(&q)
            .into_iter()
            .take(MAX_SUGGESTIONS)
            .map(|m| m.index)
            .collect::<Vec<_>>()
    });
    // Life events as items are found: 二手车, 生孩子, `esc`, "used car". Indexes
    // into the catalog's bundles; the suggestions and their spoken count share them.
    let d = data.clone();
    let bundle_matches = Memo::new(move |_| d.index.search_bundles(&state.query.get()));
    // Offices by kind, name or address, and places (districts, the gazetteer's): the
    // index is made, and the gazetteer fetched, at the first letter typed.
    let full = crate::model::use_data();
    let finder = crate::model::OutletFinder::new();
    let found = Memo::new(move |_| {
        let q = state.query.get();
        if q.trim().is_empty() {
            return OutletFind::default();
        }
        finder.find(&full.get(), &q, state.origin.get().pos, MAX_OUTLETS)
    });
    let d = data.clone();
    let chosen = move || state.item.get().and_then(|id| d.catalog.item(&id).cloned());
    let d = data.clone();
    let suggestions = move || {
        let q = state.query.get();
        if q.trim().is_empty() {
            return None;
        }
        let list = matches.get();
        let bundles: Vec<_> = bundle_matches
            .get()
            .into_iter()
            .filter_map(|i| d.catalog.bundles.get(i).cloned())
            .collect();
        let bundle_options = bundles
            .into_iter()
            .map(|b| {
                let id = b.id.clone();
                view! {
                    <li>
                        <button class="suggestion bundle-suggestion" data-bundle-id=b.id.clone() on:click=move |ev| { hand_back_focus(&ev, kiosk); state.choose_bundle(Some(id.clone())) }>
                            <span class="item-name">{lang.name(&b.name, b.name_en.as_deref()).to_owned()}</span>
                            <span class="item-cat">{match lang { Lang::Zh => format!("一件事 · {} 项", b.items.len()), Lang::En => format!("life event · {} items", b.items.len()) }}</span>
                        </button>
                    </li>
                }
            })
            .collect::<Vec<_>>();
        let find = found.get();
        if list.is_empty()
            && bundle_options.is_empty()
            && find.outlets.is_empty()
            && find.places.is_empty()
        {
            return Some(view! { <p class="no-match" role="status">{match lang {
                Lang::Zh => format!("没有找到“{q}”相关的事项或网点，换个说法试试，如“身份证”“sfz”“护照”“派出所”。"),
                Lang::En => format!("Nothing found for “{q}”. Try other words, such as “ID card”, “passport”, “sfz” or “police station”."),
            }}</p> }.into_any());
        }
        let full = full.get();
        let place_options = find.places.iter().map(|p| {
            let pos = p.pos;
            let name = p.name(lang).text.to_owned();
            let label = match lang {
                Lang::Zh => format!("从{name}起算距离"),
                Lang::En => format!("Measure distances from {name}"),
            };
            let count = match (lang, p.outlets) {
                (_, 0) => p.kind.label(lang).to_owned(),
                (Lang::Zh, n) => format!("{} · {n} 个网点", p.kind.label(lang)),
                (Lang::En, n) => format!("{} · {n} outlets", p.kind.label(lang)),
            };
            view! {
                <li>
                    <button class="suggestion place-suggestion" data-place=p.name.clone() data-place-kind=p.kind.key() on:click=move |ev| {
                        hand_back_focus(&ev, kiosk);
                        state.query.set(String::new());
                        state.at.set(Some(pos));
                    }>
                        <span class="item-name">{label}</span>
                        <span class="item-cat">{count}</span>
                    </button>
                </li>
            }
        }).collect_view();
        let kind_head = find.kind.map(|(k, n)| {
            view! {
                <li class="suggestion-group" aria-hidden="true">{match lang {
                    Lang::Zh => format!("{} · 共 {n} 个，最近的：", k.label_zh()),
                    Lang::En => format!("{} · {n} in all, nearest:", k.label(lang)),
                }}</li>
            }
        });
        let outlet_options = find.outlets.iter().filter_map(|h| {
            let o = full.outlets.outlets.get(h.index)?.clone();
            let id = o.id.clone();
            Some(view! {
                <li>
                    <button class="suggestion outlet-suggestion" data-found-outlet=o.id.clone() on:click=move |ev| {
                        hand_back_focus(&ev, kiosk);
                        state.query.set(String::new());
                        state.show_outlet(id.clone());
                    }>
                        <span class="item-name" lang=o.name_en.is_none().then_some("zh-CN")>{lang.name(&o.name, o.name_en.as_deref()).to_owned()}</span>
                        <span class="item-cat">{format!("{} · {}", o.kind.label(lang), format_distance(lang, h.distance_m))}</span>
                    </button>
                </li>
            })
        }).collect_view();
        let d = d.clone();
        Some(view! {
            // A list of buttons (a listbox of options wrapping buttons was two roles at
            // once); the arrow keys move between them, Escape goes back to the field.
            <ul class="suggestions" aria-label=lang.pick("匹配的事项和网点", "Matching services and outlets")
                on:keydown=move |ev: web_sys::KeyboardEvent| step_through(&ev)>
                {bundle_options}
                {list.into_iter().map(|i| {
                    let item = d.catalog.items[i].clone();
                    let id = item.id.clone();
                    view! {
                        <li>
                            <button class="suggestion" data-item-id=item.id.clone() on:click=move |ev| { hand_back_focus(&ev, kiosk); state.choose_item(Some(id.clone())) }>
                                <span class="item-name">{lang.name(&item.name, item.name_en.as_deref()).to_owned()}</span>
                                <span class="item-cat">{item.category.label(lang)}</span>
                            </button>
                        </li>
                    }
                }).collect_view()}
                {place_options}
                {kind_head}
                {outlet_options}
            </ul>
        }.into_any())
    };
    // Said to screen readers as the suggestions change (a region that stays, so it is
    // announced): "5 个匹配事项".
    let said = move || {
        let q = state.query.get();
        if q.trim().is_empty() || state.item.with(Option::is_some) {
            return String::new();
        }
        let n = matches.with(Vec::len) + bundle_matches.with(Vec::len);
        let places = found.with(|f| f.outlets.len() + f.places.len());
        match (lang, places) {
            (Lang::Zh, 0) => format!("{n} 个匹配事项"),
            (Lang::Zh, p) => format!("{n} 个匹配事项，{p} 个网点或地点"),
            (Lang::En, 0) if n == 1 => "1 matching service".into(),
            (Lang::En, 0) => format!("{n} matching services"),
            (Lang::En, p) => format!("{n} matching services, {p} outlets or places"),
        }
    };
    let d = data.clone();
    let browse = move || {
        if !state.query.get().trim().is_empty()
            || state.item.get().is_some()
            || state.bundle.get().is_some()
        {
            return None;
        }
        let d = d.clone();
        Some(view! {
            <div class="browse">
                <div class="categories" role="group" aria-label=lang.pick("按类别浏览", "Browse by category")>
                    {Category::ALL.into_iter().filter(|c| d.catalog.items.iter().any(|i| i.category == *c)).map(|c| view! {
                        <button class="chip" aria-pressed=move || (browsing.get() == Some(c)).to_string()
                            on:click=move |_| browsing.update(|b| *b = if *b == Some(c) { None } else { Some(c) })>
                            {c.label(lang)}
                        </button>
                    }).collect_view()}
                </div>
                {(!d.catalog.bundles.is_empty()).then(|| view! {
                    <div class="life-events" role="group" aria-label=lang.pick("一件事：一次办好相关的几件事", "Life events: several related services in one go")>
                        <span class="life-events-label">{lang.pick("一件事", "Life events")}</span>
                        {d.catalog.bundles.iter().map(|b| {
                            let id = b.id.clone();
                            view! { <button class="chip bundle-chip" data-bundle-id=b.id.clone() on:click=move |ev| { hand_back_focus(&ev, kiosk); state.choose_bundle(Some(id.clone())) }>{lang.name(b.name.trim_end_matches("一件事"), b.name_en.as_deref()).to_owned()}</button> }
                        }).collect_view()}
                    </div>
                })}
                {move || browsing.get().map(|c| {
                    let items: Vec<_> = d.catalog.items.iter().filter(|i| i.category == c).cloned().collect();
                    view! {
                        <ul class="suggestions" aria-label=match lang { Lang::Zh => format!("{}类事项", c.label_zh()), Lang::En => format!("{} services", c.label(lang)) }>
                            {items.into_iter().map(|item| {
                                let id = item.id.clone();
                                view! { <li><button class="suggestion" data-item-id=item.id.clone() on:click=move |ev| { hand_back_focus(&ev, kiosk); state.choose_item(Some(id.clone())) }>
                                    <span class="item-name">{lang.name(&item.name, item.name_en.as_deref()).to_owned()}</span>
                                </button></li> }
                            }).collect_view()}
                        </ul>
                    }
                })}
            </div>
        })
    };
    view! {
        <div class="search" role="search">
            <label for="need" class="search-label">{match no_catalog {
                false => lang.pick("您要办什么事？", "What do you need to get done?"),
                true => lang.pick("找哪个网点？", "Which outlet are you looking for?"),
            }}</label>
            <input id="need" type="search" autocomplete="off" enterkeyhint="search"
                readonly=kiosk inputmode=kiosk.then_some("none")
                on:focus=move |_| if kiosk { keyboard.set(true) }
                // 长辈版's larger text leaves room for a shorter example only.
                placeholder=move || match (no_catalog, state.elder.get()) {
                    (false, false) => lang.pick("如：身份证、sfz、护照、无犯罪证明", "e.g. ID card, passport, driving licence, sfz"),
                    (false, true) => lang.pick("如：身份证、护照", "e.g. ID card"),
                    (true, false) => lang.pick("如：派出所、车管所、网点名称或地址", "e.g. police station, an outlet's name or address"),
                    (true, true) => lang.pick("如：派出所、车管所", "e.g. police station"),
                }
                prop:value=move || state.query.get()
                on:input=move |ev| state.query.set(event_target_value(&ev))
                on:keydown=move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
                    // The first suggestion shown, a life event or an item.
                    "Enter" => {
                        if let Some(first) = suggestion_buttons().into_iter().next() {
                            first.click();
                        }
                    }
                    "ArrowDown" => {
                        if let Some(first) = suggestion_buttons().into_iter().next() {
                            ev.prevent_default();
                            let _ = first.focus();
                        }
                    }
                    _ => {}
                }/>
            <p class="sr-only" role="status">{said}</p>
            {move || keyboard.get().then(|| view! { <PinyinKeyboard open=keyboard/> })}
            {move || chosen().map(|item| view! {
                <div class="chosen" data-chosen-item=item.id.clone()>
                    <div>
                        <span class="chosen-label">{lang.pick("正在查找可办理", "Outlets for")}</span>
                        <strong class="chosen-name">{lang.name(&item.name, item.name_en.as_deref()).to_owned()}</strong>
                        <span class="item-cat">{item.category.label(lang)}</span>
                    </div>
                    <button class="link-button" on:click=move |ev| { hand_back_focus(&ev, kiosk); state.choose_item(None) }>{lang.pick("换一个事项", "Change")}</button>
                </div>
            })}
            {suggestions}
            {browse}
        </div>
    }
}
