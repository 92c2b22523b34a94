//! Checks of loaded outlets against the rest of a deployment: the catalog's items and
//! the map's centre. Apart from the loaders, so outlets and catalog load on their own.

use crate::catalog::Catalog;
use crate::geo::{distance_m, LonLat};
use crate::outlets::{OutletSet, FILE};
use crate::problem::Problem;
use std::collections::HashMap;
use std::sync::Arc;

impl OutletSet {
    /// Warns about item ids the catalog does not know (the outlet keeps the rest), and
    /// drops (reporting them) the outlets' notices naming such an item.
    pub fn check_against(&mut self, catalog: &Catalog) -> Vec<Problem> {
        self.check_from(catalog, 0)
    }

    /// Positions that are probably not where the outlet is, among the outlets from
    /// `first` on: outside China and far (over [`FAR_KM`]) from the deployment's centre
    /// (a wrong geocode, an address found in Paris; a country's data around its own
    /// centre is not reported), or one spot shared by [`CROWD`] or more outlets at
    /// different addresses (a district's centre given for every station). Each is
    /// marked [`position_unsure`](crate::outlets::Outlet::position_unsure): the page
    /// says 位置待核实 and claims no distance. Warnings: the outlet still shows.
    pub fn check_placement(&mut self, centre: LonLat, first: usize) -> Vec<Problem> {
        let mut problems = Vec::new();
        for o in self.outlets.iter_mut().skip(first) {
            if o.pos.in_china() {
                continue;
            }
            let d = distance_m(centre, o.pos) / 1000.0;
            if d > FAR_KM {
                o.position_unsure = true;
                problems.push(
                    Problem::warning(
                        FILE,
                        format!("features[{}].geometry.coordinates", o.feature_index),
                        format!(
                            "坐标 [{}, {}] 不在中国境内，离地图中心 {:.0} 公里，请核对；页面标为“位置待核实”（outside China, {:.0} km from the centre: shown as location unconfirmed）",
                            o.pos.lon, o.pos.lat, d, d
                        ),
                    )
                    .at(o.feature_index, Some(&o.id)),
                );
            }
        }
        // Same spot to the metre; an address compared without spaces.
        // Ordered, so the report is the same on every load.
        let mut spots: std::collections::BTreeMap<(i64, i64), Vec<usize>> = Default::default();
        for (i, o) in self.outlets.iter().enumerate().skip(first) {
            let key = (
                (o.pos.lon * 1e5).round() as i64,
                (o.pos.lat * 1e5).round() as i64,
            );
            spots.entry(key).or_default().push(i);
        }
        let crowds: Vec<Vec<usize>> = spots
            .into_values()
            .filter(|at| at.len() >= CROWD)
            .filter(|at| {
                let address = |i: &usize| {
                    self.outlets[*i]
                        .address
                        .as_deref()
                        .map(|a| a.split_whitespace().collect::<String>())
                };
                let first = address(&at[0]);
                first.is_none() || at.iter().any(|i| address(i) != first)
            })
            .collect();
        for at in crowds {
            let o = &self.outlets[at[0]];
            problems.push(
                Problem::warning(
                    FILE,
                    format!("features[{}].geometry.coordinates", o.feature_index),
                    format!(
                        "{} 个地址不同的网点在同一坐标 [{}, {}]，多为占位坐标；页面标为“位置待核实”（{} outlets at different addresses share one position, most often a placeholder）",
                        at.len(), o.pos.lon, o.pos.lat, at.len()
                    ),
                )
                .at(o.feature_index, Some(&o.id)),
            );
            for i in at {
                self.outlets[i].position_unsure = true;
            }
        }
        problems
    }

    /// [`check_against`](Self::check_against) for the outlets from `first` on: those
    /// added since the last check.
    pub fn check_from(&mut self, catalog: &Catalog, first: usize) -> Vec<Problem> {
        let mut problems = Vec::new();
        // Outlets from one pack region share their item lists: look each list up once
        // (its known ids, and the unknown ones), not 100,000 times.
        // Each entry keeps its list alive, so no other list can take its address.
        type Checked = (Arc<[String]>, Arc<[String]>, Vec<String>);
        let mut seen: HashMap<*const String, Checked> = HashMap::new();
        for o in self.outlets.iter_mut().skip(first) {
            let (_, known, unknown) = seen
                .entry(o.items.as_ptr())
                .or_insert_with(|| {
                    let (known, unknown): (Vec<String>, Vec<String>) = o
                        .items
                        .iter()
                        .cloned()
                        .partition(|id| catalog.item(id).is_some());
                    (o.items.clone(), known.into(), unknown)
                })
                .clone();
            if !unknown.is_empty() {
                problems.push(
                    Problem::warning(
                        FILE,
                        format!("features[{}].properties.items", o.feature_index),
                        format!("unknown item id(s) ignored: {}", unknown.join(", ")),
                    )
                    .at(o.feature_index, Some(&o.id)),
                );
                o.items = known;
            }
        }
        self.check_notice_items(catalog, first, &mut problems);
        problems
    }
}

/// A new outlets file with under half the outlets of the copy saved on the device
/// (`had`, saved `age_ms` ago) looks cut short or emptied by mistake: it does not
/// replace the copy, and staff are warned, for a week; after that the smaller file
/// is taken as the data now (outlets do close).
pub fn shrank(had: usize, has: usize, age_ms: f64) -> bool {
    const WEEK_MS: f64 = 7.0 * 24.0 * 3600.0 * 1000.0;
    had >= 10 && has * 2 < had && age_ms < WEEK_MS
}

/// See [`OutletSet::check_placement`].
pub const FAR_KM: f64 = 1000.0;

/// See [`OutletSet::check_placement`]: a service hall may house three or four
/// outlets; five at one point with different addresses is a placeholder.
pub const CROWD: usize = 5;

#[cfg(test)]
mod tests {
    use crate::{Catalog, Item, OutletSet};

    /// Issue 21: a much smaller file must not silently replace the last good copy.
    #[test]
    fn a_file_with_under_half_the_outlets_of_the_saved_copy_has_shrunk() {
        let day = 24.0 * 3600.0 * 1000.0;
        assert!(super::shrank(350, 40, day));
        assert!(
            !super::shrank(350, 200, day),
            "a few outlets closing is normal"
        );
        assert!(
            !super::shrank(350, 40, 8.0 * day),
            "after a week the new file is the data"
        );
        assert!(!super::shrank(4, 1, day), "too few to tell");
    }

    #[test]
    fn unknown_item_ids_are_warned_about() {
        let (mut set, _) = OutletSet::parse(
            r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","id":"a","properties":{"name":"x","items":["known","ghost"]},"geometry":{"type":"Point","coordinates":[1,1]}}]}"#,
        )
        .unwrap();
        let catalog = Catalog::new(
            vec![Item {
                id: "known".into(),
                name: "k".into(),
                ..Default::default()
            }],
            vec![],
        );
        let problems = set.check_against(&catalog);
        assert_eq!(set.outlets[0].items[..], ["known"]);
        assert!(problems[0].message.contains("ghost"));
    }
}
