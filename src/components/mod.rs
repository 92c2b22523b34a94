//! One component per file, named after it.

pub mod item_guide;
pub mod location_note;
pub mod map_view;
pub mod outlet_detail;
pub mod problems_panel;
pub mod result_list;
pub mod route_links;
pub mod search_box;
