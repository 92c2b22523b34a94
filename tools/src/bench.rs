//! `emap bench [--count N]… [--file GEOJSON]`: native timings of the core at scale,
//! medians of 5 runs: parsing the outlets, building the cluster index, clustering the
//! whole country and one city, and filtering by an item nearest first. The browser
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
    }
    Ok(ExitCode::SUCCESS)
}
