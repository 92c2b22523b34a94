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

    /// Outlets outside China and far (over [`FAR_KM`]) from the deployment's centre:
    /// a wrong geocode (an address found in Paris) that would sit unnoticed at the end
    /// of every list; a country's data around its own centre is not reported.
    /// Warnings: the outlet still shows where the data puts it.
    pub fn check_placement(&self, centre: LonLat, first: usize) -> Vec<Problem> {
        self.outlets
            .iter()
            .skip(first)
            .filter(|o| !o.pos.in_china())
            .filter_map(|o| {
                let d = distance_m(centre, o.pos) / 1000.0;
                (d > FAR_KM).then(|| {
                    Problem::warning(
                        FILE,
                        format!("features[{}].geometry.coordinates", o.feature_index),
                        format!(
                            "坐标 [{}, {}] 不在中国境内，离地图中心 {:.0} 公里，请核对（outside China, {:.0} km from the centre）",
                            o.pos.lon, o.pos.lat, d, d
                        ),
                    )
                    .at(o.feature_index, Some(&o.id))
                })
            })
            .collect()
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

/// See [`OutletSet::check_placement`].
pub const FAR_KM: f64 = 1000.0;

#[cfg(test)]
mod tests {
    use crate::{Catalog, Item, OutletSet};

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
