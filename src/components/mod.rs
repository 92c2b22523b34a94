//! One component per file, named after it.

pub mod any_time_button;
pub mod bundle_plan;
pub mod embed_bridge;
pub mod item_guide;
pub mod kiosk_shell;
pub mod location_note;
pub mod map_attribution;
pub mod map_view;
pub mod open_filter;
pub mod open_state;
pub mod outlet_detail;
pub mod pinyin_keyboard;
pub mod print_sheet;
pub mod problems_panel;
pub mod result_list;
pub mod result_row;
pub mod route_links;
pub mod search_box;
pub mod visit_planner;
pub mod week_hours;
