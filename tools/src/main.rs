//! `emap`: the data maintainers' tool. It shares the app's loaders (emap-core), so a
//! file it accepts is a file the app accepts.
//!
//! ```text
//! emap validate [--config FILE] [--outlets FILE] [--catalog FILE] [--notices FILE] [--gazetteer FILE] [--status FILE] [--root DIR]
//! emap import INPUT --datum wgs84|gcj02|bd09 [-o OUT] [--format F] [--map FIELD=COLUMN]…
//!                                     CSV, a JSON list, Overpass or GeoJSON as the outlets file
//! emap enrich CATALOG [-o OUT]        add pinyin for search by pinyin and initials
//! emap gazetteer OSM.geojson [-o OUT] the places residents start from, out of an OSM export
//! emap sample [OUT_DIR]               regenerate the Yantai sample city
//! emap national --count N [OUT_DIR]   a synthetic national dataset, for benchmarks
//! emap pack OUTLETS -o DIR            the national-scale form: regions, compact rows
//! emap bench [--count N]… [--status N]… [--file F]  native timings of the core at scale
//! emap notice list|add|end …          the bureau's notices (closures, moves, hours)
//! emap status-sample [OUT] [--at T]   a live status feed for the sample city, as of now
//! ```

mod bench;
mod enrich;
mod gazetteer;
mod import;
mod national;
mod notice;
mod pack;
mod sample;
mod status;
mod validate;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("validate") => validate::run(&args[1..]),
        Some("import") => import::run(&args[1..]),
        Some("enrich") => enrich::run(&args[1..]),
        Some("gazetteer") => gazetteer::run(&args[1..]),
        Some("sample") => sample::run(&args[1..]),
        Some("national") => national::run(&args[1..]),
        Some("pack") => pack::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("notice") => notice::run(&args[1..]),
        Some("status-sample") => status::run(&args[1..]),
        _ => {
            eprintln!("usage: emap validate [--config FILE] [--outlets FILE] [--catalog FILE] [--notices FILE] [--gazetteer FILE] [--status FILE] [--root DIR]\n       {}\n       emap enrich CATALOG [-o OUT]\n       {}\n       emap sample [OUT_DIR]\n       emap national --count N [OUT_DIR]\n       emap pack OUTLETS.geojson -o DIR [--region-size N]\n       emap bench [--count N]… [--status N]… [--file F]\n       emap notice list [--config FILE]\n       emap notice add --config FILE --kind K --from D [--to D] --text T [--text-en T] [--outlet ID]… [--outlet-kind K]… [--item ID]… [--moved-to ID] [--hours H] [--id ID]\n       emap notice end --config FILE ID [--on DATE]\n       emap status-sample [OUT] [--at YYYY-MM-DDTHH:MM]", import::USAGE, gazetteer::USAGE);
            return ExitCode::from(2);
        }
    };
    // As the README says: 1 for errors (in the data, a file or the arguments), 2 only
    // for no command at all or an unknown one.
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("emap: {e}");
            ExitCode::FAILURE
        }
    }
}

pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

pub fn read(path: &str) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}").into())
}

/// Reads a data file, refusing one over `limit` bytes before reading it, as the app does.
pub fn read_limited(file: &'static str, path: &str, limit: u64) -> Result<String> {
    let size = std::fs::metadata(path)
        .map_err(|e| format!("cannot read {path}: {e}"))?
        .len();
    emap_core::config::check_size(file, path, size, limit)?;
    read(path)
}

/// GeoJSON as the tools have always written it, members in sorted order (serde_json's
/// map): geojson's own `Serialize` writes "type" first, then its fields in struct order.
pub fn geojson_text(collection: &geojson::FeatureCollection) -> Result<String> {
    Ok(serde_json::to_value(collection)?.to_string() + "\n")
}

/// The members of a `json!({…})` object, as geojson's properties and foreign members.
pub fn members(object: serde_json::Value) -> geojson::JsonObject {
    match object {
        serde_json::Value::Object(map) => map,
        _ => geojson::JsonObject::new(),
    }
}
