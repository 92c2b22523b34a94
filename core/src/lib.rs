//! Pure logic of the police service e-map (公安政务服务电子地图).
//!
//! Nothing here touches a browser: the web app (root crate) and the maintainers'
//! command-line tool (`tools/`) share it, and it is tested natively with `cargo test`.

pub mod access;
pub mod booking;
pub mod bundle;
pub mod busy;
pub mod calendar;
pub mod catalog;
pub mod check;
pub mod cluster;
pub mod config;
pub mod first_opening;
pub mod geo;
pub mod hours;
pub mod i18n;
pub mod notices;
pub mod order;
pub mod origin;
pub mod outlet_search;
pub mod outlets;
pub mod pack;
pub mod places;
pub mod problem;
pub mod results;
pub mod route;
pub mod search;
pub mod selection;
pub mod status;
pub mod text;
pub mod trust;
pub mod url_state;

pub use access::Access;
pub use busy::BusyWeek;
pub use catalog::{AppointmentPolicy, Bundle, Catalog, Category, Item};
pub use config::Config;
pub use geo::{Datum, LonLat};
pub use notices::{Notice, NoticeBoard, NoticeKind, NoticeTiming};
pub use outlets::{Outlet, OutletKind, OutletSet};
pub use places::{Gazetteer, Place, PlaceKind};
pub use problem::{Level, Problem};
pub use status::{Live, Status};
