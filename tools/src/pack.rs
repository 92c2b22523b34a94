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

#[cfg(test)]
mod tests {
    use super::*;
    use emap_core::pack::{parse_region, Manifest};

    #[test]
    fn a_packed_national_set_reads_back_whole_and_stale_regions_go() {
        let dir = std::env::temp_dir().join(format!("emap-pack-test-{}", std::process::id()));
        let dir = dir.to_str().unwrap().to_owned();
        std::fs::create_dir_all(&dir).unwrap();
        // A region file left from an earlier, larger pack.
        std::fs::write(format!("{dir}/outlets-999.json"), "stale").unwrap();
        let (set, _) =
            OutletSet::parse(&crate::geojson_text(&crate::national::outlets(300)).unwrap())
                .unwrap();
        let n = write(&set, 50, &dir).unwrap();
        assert!(n >= 6, "{n} regions");
        let manifest =
            Manifest::parse(&std::fs::read_to_string(format!("{dir}/outlets.pack.json")).unwrap())
                .unwrap();
        assert!(manifest.sample);
        let mut total = 0;
        for r in &manifest.regions {
            let text = std::fs::read_to_string(format!("{dir}/{}", r.file)).unwrap();
            let (list, problems) = parse_region(&r.file, &text, total).unwrap();
            assert!(problems.is_empty(), "{problems:?}");
            assert!(list.len() <= 50);
            total += list.len();
        }
        assert_eq!(total, 300);
        assert!(!std::path::Path::new(&format!("{dir}/outlets-999.json")).exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
