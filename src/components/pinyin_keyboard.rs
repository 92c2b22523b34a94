//! An on-screen keyboard of pinyin initials for the kiosk, which has no keyboard:
//! 身份证 is S-F-Z, 护照 is H-Z.

use crate::state::AppState;
use leptos::prelude::*;

const ROWS: [&str; 3] = ["QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM"];

#[component]
pub fn PinyinKeyboard(open: RwSignal<bool>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang.get_untracked();
    view! {
        <div class="pinyin-keyboard" role="group" aria-label=lang.pick("拼音首字母键盘，如身份证按 S F Z", "Pinyin initials keyboard: ID card is S F Z")>
            {ROWS.iter().map(|row| view! {
                <div class="key-row">
                    {row.chars().map(|c| view! {
                        <button class="key" data-key=c.to_string() on:click=move |_| state.query.update(|q| q.push(c.to_ascii_lowercase()))>{c.to_string()}</button>
                    }).collect_view()}
                </div>
            }).collect_view()}
            <div class="key-row">
                <button class="key wide" aria-label=lang.pick("删除一个字母", "Delete a letter") on:click=move |_| state.query.update(|q| { q.pop(); })>"⌫"</button>
                <button class="key wide" on:click=move |_| state.query.set(String::new())>{lang.pick("清空", "Clear")}</button>
                <button class="key wide" on:click=move |_| open.set(false)>{lang.pick("收起键盘", "Hide keys")}</button>
            </div>
        </div>
    }
}
