//! One component per file, named after it.
//!
//! The language: `bundle_plan`, `item_guide`, `week_hours` and `outlet_detail` read it
//! where they use it (tracked), and follow a change wherever they sit. The others read
//! it once, when they are built, and rely on `app.rs` building the screen again when
//! the language changes (its header, side pane and map pane each read it tracked): put
//! such a component inside one of those, or read `state.lang` tracked in it. Making
//! them all follow it themselves costs a reactive wrapper each, more than the wasm
//! budget of the redesign step allowed (it stood at +1.94 kB gzip of its 2 kB).

pub mod access_filter;
pub mod any_time_button;
pub mod bundle_plan;
pub mod busy_hours;
pub mod embed_bridge;
pub mod item_guide;
pub mod kiosk_queue;
pub mod kiosk_shell;
pub mod location_note;
pub mod map_attribution;
pub mod map_card;
pub mod map_spot;
pub mod map_view;
pub mod none_open_note;
pub mod open_filter;
pub mod open_state;
pub mod outlet_detail;
pub mod outlet_notices;
pub mod outlet_trust;
pub mod pinyin_keyboard;
pub mod place_input;
pub mod print_sheet;
pub mod problems_panel;
pub mod result_list;
pub mod result_row;
pub mod route_links;
pub mod search_box;
pub mod sort_choice;
pub mod visit_planner;
pub mod week_hours;
