//! The `emap` command as staff run it: its exit codes are what the README says
//! (0 clean, 1 errors, 2 no or unknown command).

use std::process::Command;

fn emap(args: &[&str]) -> i32 {
    Command::new(env!("CARGO_BIN_EXE_emap"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("emap runs")
        .status
        .code()
        .expect("an exit code")
}

/// Regression (issue 21): a fatal file problem exited 2 though the README says 1.
#[test]
fn errors_exit_1_and_a_missing_command_2() {
    assert_eq!(emap(&["validate", "--config", "public/config.json"]), 0);
    let dir = std::env::temp_dir().join(format!("emap-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("o.geojson");
    std::fs::write(&broken, "{\"type\":\"FeatureCollection\",\"features\":[").unwrap();
    assert_eq!(
        emap(&["validate", "--outlets", broken.to_str().unwrap()]),
        1
    );
    assert_eq!(emap(&["validate", "--outlets", "/no/such/file.geojson"]), 1);
    assert_eq!(emap(&[]), 2);
    assert_eq!(emap(&["frobnicate"]), 2);
    std::fs::remove_dir_all(dir).unwrap();
}
