//! `emap pack OUTLETS.geojson -o DIR [--region-size N]`: writes the national-scale
//! form of an outlets file (`emap_core::pack`): `DIR/outlets.pack.json`, the manifest
//! a config's `outlets` can name, and `DIR/outlets-NNN.json`, one file per region.
//! The GeoJSON is read with the app's loader first; its problems are printed, and
//! only the outlets it keeps go into the pack.

use crate::Result;
use emap_core::pack::{self, DEFAULT_REGION_SIZE};
use emap_core::problem::count;
use emap_core::OutletSet;
use std::process::ExitCode;

pub fn run(args: &[String]) -> Result<ExitCode> {
    let (mut input, mut out, mut size) = (None, None, DEFAULT_REGION_SIZE);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-o" | "--out" => out = it.next().cloned(),
            "--region-size" => {
                size = it
                    .next()
                    .and_then(|n| n.replace('_', "").parse().ok())
                    .filter(|n| *n > 0)
                    .ok_or("--region-size needs a number above 0")?
            }
            "-h" | "--help" => {
                println!("usage: emap pack OUTLETS.geojson -o DIR [--region-size N]");
                return Ok(ExitCode::SUCCESS);
            }
            other => input = Some(other.to_owned()),
        }
    }
    let input = input.ok_or("usage: emap pack OUTLETS.geojson -o DIR [--region-size N]")?;
    let out = out.ok_or("emap pack: say where with -o DIR")?;
    let (set, problems) = OutletSet::parse(&crate::read(&input)?)?;
    for p in problems.iter().take(50) {
        eprintln!("{p}");
    }
    let (errors, warnings) = count(&problems);
    let written = write(&set, size, &out)?;
    eprintln!(
        "packed {} outlets from {input} into {written} regions in {out}/ ({errors} features rejected, {warnings} warnings)",
        set.outlets.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// Writes the pack of `set` into `dir`; the number of region files.
pub fn write(set: &OutletSet, region_size: usize, dir: &str) -> Result<usize> {
    std::fs::create_dir_all(dir)?;
    // Region files from an earlier, larger pack would linger and mislead.
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with("outlets-") && name.ends_with(".json") {
            std::fs::remove_file(&path)?;
        }
    }
    let (manifest, files) = pack::write(&set.outlets, set.sample, region_size, "outlets");
    std::fs::write(format!("{dir}/outlets.pack.json"), manifest)?;
    for (name, text) in &files {
        std::fs::write(format!("{dir}/{name}"), text)?;
    }
    Ok(files.len())
}
