//! `emap bench [--count N]… [--file GEOJSON]`: native timings of the core at scale,
//! medians of 5 runs: parsing the outlets, building the cluster index, clustering the
//! whole country and one city, and filtering by an item nearest first; and, for
//! the live status feed (`--status N`), its size, parse and merge per poll. The browser
//! adds wasm and DOM costs on top; these are the floor.

use crate::Result;
use emap_core::cluster::ClusterIndex;
use emap_core::results::ByDistance;
use emap_core::{LonLat, OutletSet};
use std::process::ExitCode;
use std::time::Instant;

fn median_ms(mut f: impl FnMut()) -> f64 {
    let mut runs: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    runs.sort_by(f64::total_cmp);
    runs[2]
}

fn measure(label: &str, text: &str) -> Result<()> {
    let mut set = OutletSet::default();
    let parse = median_ms(|| set = OutletSet::parse(text).expect("loads").0);
    // The same outlets as a pack (one region file per 4,000 outlets), read region by
    // region as the app reads them.
    let (_, regions) = emap_core::pack::write(
        &set.outlets,
        false,
        emap_core::pack::DEFAULT_REGION_SIZE,
        "r",
    );
    let pack_bytes: usize = regions.iter().map(|(_, t)| t.len()).sum();
    let mut packed = 0;
    let parse_pack = median_ms(|| {
        packed = 0;
        for (name, text) in &regions {
            packed += emap_core::pack::parse_region(name, text, packed)
                .expect("loads")
                .0
                .len();
        }
    });
    assert_eq!(packed, set.outlets.len());
    let mut index = ClusterIndex::default();
    let build = median_ms(|| index = ClusterIndex::new(set.outlets.iter().map(|o| o.pos)));
    let (china_sw, china_ne) = (LonLat::new(73.0, 18.0), LonLat::new(135.0, 53.0));
    let mut n_country = 0;
    let country =
        median_ms(|| n_country = index.clusters(china_sw, china_ne, 4.0, 60.0, None).len());
    let (city_sw, city_ne) = (LonLat::new(116.0, 39.6), LonLat::new(116.8, 40.2));
    let mut n_city = 0;
    let city = median_ms(|| n_city = index.clusters(city_sw, city_ne, 11.0, 60.0, None).len());
    // As the app does it: sorted once per place, then filtered per item.
    let mut every = ByDistance::default();
    let sort = median_ms(|| every = ByDistance::new(&set, LonLat::new(116.40, 39.90)));
    let mut hits = 0;
    let filter = median_ms(|| hits = every.handling(Some("passport")).len());
    println!(
        "{label:>14} | {:>7} outlets | parse GeoJSON {:.1} MB {parse:8.1} ms | pack {:.1} MB {parse_pack:7.1} ms | index {build:6.1} ms | cluster country (z4) {country:6.2} ms → {n_country} marks | city (z11) {city:6.2} ms → {n_city} marks | sort by distance {sort:6.2} ms | item filter {filter:6.2} ms → {hits} rows",
        set.outlets.len(),
        text.len() as f64 / 1e6,
        pack_bytes as f64 / 1e6
    );
    Ok(())
}

/// A live status feed of `n` outlets at `at`, as a queue system writes it (ids as
/// `emap national` gives them), with a `next_slot` on one outlet in four.
pub fn status_feed(n: usize, at: chrono::NaiveDateTime) -> String {
    use std::fmt::Write;
    let stamp = emap_core::hours::ymd_hm(at);
    let mut text = format!("{{\"as_of\":\"{stamp}\",\"outlets\":{{");
    for i in 0..n {
        let sep = if i == 0 { "" } else { "," };
        let slot = if i % 4 == 0 {
            ",\"next_slot\":{\"passport\":\"2026-12-07T09:30\"}"
        } else {
            ""
        };
        let _ = write!(
            text,
            "{sep}\n\"cn{i}\":{{\"waiting\":{},\"windows_open\":{},\"wait_minutes\":{},\"as_of\":\"{stamp}\"{slot}}}",
            i % 40,
            1 + i % 5,
            (i * 7) % 90
        );
    }
    text + "}}\n"
}

/// Polling cost of a live status feed of `n` outlets: its size, parsing it and
/// merging it into the previous poll's state (medians of 5), and looking up one
/// outlet's fresh figures.
fn measure_status(n: usize) -> Result<()> {
    let at = emap_core::status::parse_time("2026-12-04T14:05").expect("a time");
    let text = status_feed(n, at);
    let mut parsed = emap_core::Status::default();
    let parse = median_ms(|| parsed = emap_core::Status::parse(&text, at).expect("loads").0);
    assert_eq!(parsed.len(), n);
    let previous = parsed.clone();
    let merge = median_ms(|| {
        let mut state = previous.clone();
        state.merge(parsed.clone());
    });
    // The clones are part of the figure above; their cost alone, to subtract.
    let clones = median_ms(|| {
        let _ = (previous.clone(), parsed.clone());
    });
    let t = Instant::now();
    let mut found = 0;
    for i in 0..n {
        found += usize::from(parsed.entry(&format!("cn{i}"), at).is_some());
    }
    let lookup_us = t.elapsed().as_secs_f64() * 1e6 / n as f64;
    assert_eq!(found, n);
    let per_region = text.len() as f64 * emap_core::pack::DEFAULT_REGION_SIZE as f64 / n as f64;
    println!(
        "{:>14} | {n:>7} outlets | feed {:.2} MB (one region of {}: {:.0} kB) → {:.2} MB/min at a 60 s poll unless 304 | parse {parse:7.1} ms | merge {:7.1} ms | lookup {lookup_us:.2} µs",
        format!("status {n}"),
        text.len() as f64 / 1e6,
        emap_core::pack::DEFAULT_REGION_SIZE,
        per_region / 1e3,
        text.len() as f64 / 1e6,
        (merge - clones).max(0.0)
    );
    Ok(())
}

pub fn run(args: &[String]) -> Result<ExitCode> {
    println!(
        "emap bench: native release build, medians of 5 runs; {} cores",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let mut it = args.iter();
    let mut any = false;
    while let Some(a) = it.next() {
        let v = it.next().ok_or(format!("{a} needs a value"))?;
        match a.as_str() {
            "--count" => {
                let n: usize = v.replace('_', "").parse()?;
                let text = crate::national::outlets(n).to_string();
                measure(&format!("national {n}"), &text)?;
            }
            "--status" => measure_status(v.replace('_', "").parse()?)?,
            "--file" => measure(v.rsplit('/').next().unwrap_or(v), &crate::read(v)?)?,
            other => return Err(format!("unknown argument {other}").into()),
        }
        any = true;
    }
    if !any {
        for n in [1_000, 10_000, 100_000] {
            measure(
                &format!("national {n}"),
                &crate::national::outlets(n).to_string(),
            )?;
        }
        measure_status(100_000)?;
    }
    Ok(ExitCode::SUCCESS)
}
