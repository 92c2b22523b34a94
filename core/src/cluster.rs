//! A spatial index and per-zoom clustering, so a map of 100,000 outlets draws a few
//! hundred marks for what is in view, not 100,000.
//!
//! Points are kept in Web Mercator (the tiles' projection, scaled to 0..1) and
//! bucketed in a fixed grid; a view asks only the grid cells it overlaps. Clusters
//! are the points falling in the same square of `cell_px` screen pixels at the
//! view's zoom, placed at their centroid.

use crate::geo::{mercator, unmercator, LonLat};
use std::collections::HashMap;

const GRID: usize = 256;

/// A mark on the map: one outlet (`count == 1`, `first` is it) or several.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cluster {
    pub pos: LonLat,
    pub count: u32,
    /// The first point's index: the outlet itself when alone.
    pub first: u32,
}

#[derive(Clone, Debug, Default)]
pub struct ClusterIndex {
    xy: Vec<(f32, f32)>,
    cells: Vec<Vec<u32>>,
}

fn cell_of(v: f64) -> usize {
    ((v * GRID as f64) as usize).min(GRID - 1)
}

impl ClusterIndex {
    pub fn new(points: impl IntoIterator<Item = LonLat>) -> ClusterIndex {
        let mut cells = vec![Vec::new(); GRID * GRID];
        let xy: Vec<(f32, f32)> = points
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let (x, y) = mercator(p);
                cells[cell_of(y) * GRID + cell_of(x)].push(i as u32);
                (x as f32, y as f32)
            })
            .collect();
        ClusterIndex { xy, cells }
    }

    pub fn len(&self) -> usize {
        self.xy.len()
    }

    pub fn is_empty(&self) -> bool {
        self.xy.is_empty()
    }

    /// Clusters of the points in the view `south_west..north_east` at `zoom`, with
    /// squares of `cell_px` pixels; `keep` (by index) leaves points out, e.g. those
    /// that do not handle the chosen item.
    pub fn clusters(
        &self,
        south_west: LonLat,
        north_east: LonLat,
        zoom: f64,
        cell_px: f64,
        keep: Option<&[bool]>,
    ) -> Vec<Cluster> {
        let (x0, y1) = mercator(south_west);
        let (x1, y0) = mercator(north_east);
        let size = cell_px / (256.0 * 2f64.powf(zoom));
        let mut acc: HashMap<(i64, i64), (f64, f64, u32, u32)> = HashMap::new();
        for cy in cell_of(y0)..=cell_of(y1) {
            for cx in cell_of(x0)..=cell_of(x1) {
                for &i in &self.cells[cy * GRID + cx] {
                    if keep.is_some_and(|k| !k.get(i as usize).copied().unwrap_or(false)) {
                        continue;
                    }
                    let (x, y) = self.xy[i as usize];
                    let (x, y) = (f64::from(x), f64::from(y));
                    if x < x0 || x > x1 || y < y0 || y > y1 {
                        continue;
                    }
                    let key = ((x / size) as i64, (y / size) as i64);
                    let e = acc.entry(key).or_insert((0.0, 0.0, 0, i));
                    e.0 += x;
                    e.1 += y;
                    e.2 += 1;
                    e.3 = e.3.min(i);
                }
            }
        }
        // Cells' centroids can sit either side of a shared border, a few pixels
        // apart, and their discs would cover each other: the biggest first, each
        // group swallows any other whose centre is within one cell of its own.
        let mut kept: Vec<(f64, f64, u32, u32)> = acc
            .into_values()
            .map(|(sx, sy, n, first)| (sx / f64::from(n), sy / f64::from(n), n, first))
            .collect();
        // Merging moves a centre, which may bring it near another: until none moves.
        loop {
            let before = kept.len();
            kept = merge_near(kept, size);
            if kept.len() == before {
                break;
            }
        }
        let mut out: Vec<Cluster> = kept
            .into_iter()
            .map(|(x, y, n, first)| Cluster {
                pos: if n == 1 {
                    let (x, y) = self.xy[first as usize];
                    unmercator(f64::from(x), f64::from(y))
                } else {
                    unmercator(x, y)
                },
                count: n,
                first,
            })
            .collect();
        // A stable order, so a redraw draws the same picture.
        crate::order::sort_by_key(&mut out, |c| (u64::from(c.first), 0));
        out
    }
}

/// One pass: the biggest groups first, each swallows any later group whose centre is
/// within `dist` of its own (centre weighted by count). Groups are (x, y, count, first).
fn merge_near(mut groups: Vec<(f64, f64, u32, u32)>, dist: f64) -> Vec<(f64, f64, u32, u32)> {
    crate::order::sort_by_key(&mut groups, |g| (u64::from(u32::MAX - g.2), u64::from(g.3)));
    let mut kept: Vec<(f64, f64, u32, u32)> = Vec::with_capacity(groups.len());
    for g in groups {
        let near = kept
            .iter_mut()
            .find(|k| (k.0 - g.0).powi(2) + (k.1 - g.1).powi(2) < dist * dist);
        match near {
            Some(k) => {
                let n = f64::from(k.2 + g.2);
                k.0 = (k.0 * f64::from(k.2) + g.0 * f64::from(g.2)) / n;
                k.1 = (k.1 * f64::from(k.2) + g.1 * f64::from(g.2)) / n;
                k.2 += g.2;
                k.3 = k.3.min(g.3);
            }
            None => kept.push(g),
        }
    }
    kept
}

/// Outlets a resident would call "in one building": within this many metres. Windows of
/// one hall are often mapped a few metres apart, never as far as the next door's
/// 40 m; at street zoom (17) 15 m is about 10 px, so their dots would overlap.
pub const ONE_SPOT_M: f64 = 15.0;

/// Groups `points` (an index and a position each) that stand at one spot, within
/// `within_m` metres of a group's first point, in the order given: a group of one is
/// an outlet alone. Drawn as one mark that lists them, since overlapping dots hide all
/// but the top one. A grid of `within_m` cells keeps it linear for a city's outlets.
pub fn at_one_spot(points: &[(usize, LonLat)], within_m: f64) -> Vec<Vec<usize>> {
    // Degrees of latitude per metre; longitude's shrink with latitude is made up for
    // by checking the neighbouring cells.
    let cell_deg = (within_m / 111_320.0).max(1e-9);
    let key = |p: LonLat| {
        (
            (p.lon / cell_deg).floor() as i64,
            (p.lat / cell_deg).floor() as i64,
        )
    };
    let mut groups: Vec<(LonLat, Vec<usize>)> = Vec::new();
    let mut by_cell: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for &(index, pos) in points {
        let (cx, cy) = key(pos);
        let span = (1.0 / pos.lat.to_radians().cos().max(0.01)).ceil() as i64;
        let found = (cy - 1..=cy + 1)
            .flat_map(|y| (cx - span..=cx + span).map(move |x| (x, y)))
            .filter_map(|c| by_cell.get(&c))
            .flatten()
            .copied()
            .filter(|&g| crate::geo::distance_m(groups[g].0, pos) <= within_m)
            .min();
        match found {
            Some(g) => groups[g].1.push(index),
            None => {
                by_cell.entry((cx, cy)).or_default().push(groups.len());
                groups.push((pos, vec![index]));
            }
        }
    }
    groups.into_iter().map(|(_, g)| g).collect()
}

/// What outlets at one spot are called together: the start their names share
/// ("烟台市民之家" for its 公安服务窗口 and 出入境服务窗口), in whole words where the
/// names are spaced (English); `None` when they share too little to name a place.
pub fn spot_name<S: AsRef<str>>(names: &[S]) -> Option<String> {
    let first: Vec<char> = names.first()?.as_ref().chars().collect();
    let mut n = first.len();
    for name in &names[1..] {
        let same = first
            .iter()
            .zip(name.as_ref().chars())
            .take_while(|(a, b)| **a == *b);
        n = n.min(same.count());
    }
    let mut shared: String = first[..n].iter().collect();
    let whole = names.iter().all(|s| s.as_ref().chars().count() == n);
    if !whole && first.contains(&' ') {
        // "Yantai Citizens' Hall", not "Yantai Citizens' Hall E".
        let next = |s: &S| s.as_ref().chars().nth(n);
        if !names.iter().all(|s| next(s).is_none_or(|c| c == ' ')) {
            shared.truncate(shared.rfind(' ').unwrap_or(0));
        }
    }
    let shared = shared
        .trim_end_matches([' ', '·', '-', ',', '(', '（'])
        .to_owned();
    (shared.chars().count() >= 4).then_some(shared)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> ClusterIndex {
        ClusterIndex::new([
            LonLat::new(121.40, 37.50),
            LonLat::new(121.401, 37.501),
            LonLat::new(121.60, 37.40),
            LonLat::new(116.40, 39.90),
        ])
    }

    #[test]
    fn near_points_merge_when_zoomed_out_and_split_when_zoomed_in() {
        let idx = index();
        let (sw, ne) = (LonLat::new(73.0, 18.0), LonLat::new(135.0, 53.0));
        let far = idx.clusters(sw, ne, 4.0, 60.0, None);
        assert_eq!(far.iter().map(|c| c.count).sum::<u32>(), 4);
        assert!(far.len() <= 2, "{far:?}");
        let near = idx.clusters(sw, ne, 18.0, 60.0, None);
        assert_eq!(near.len(), 4);
        assert!(near.iter().all(|c| c.count == 1));
        assert_eq!(
            near[3].pos.lon,
            idx.clusters(sw, ne, 18.0, 60.0, None)[3].pos.lon
        );
    }

    #[test]
    fn only_the_view_and_the_kept_points_count() {
        let idx = index();
        let yantai = idx.clusters(
            LonLat::new(121.0, 37.0),
            LonLat::new(122.0, 38.0),
            16.0,
            60.0,
            None,
        );
        assert_eq!(yantai.iter().map(|c| c.count).sum::<u32>(), 3);
        let keep = [false, true, false, true];
        let kept = idx.clusters(
            LonLat::new(73.0, 18.0),
            LonLat::new(135.0, 53.0),
            18.0,
            60.0,
            Some(&keep),
        );
        assert_eq!(kept.iter().map(|c| c.first).collect::<Vec<_>>(), [1, 3]);
    }

    /// Regression: grid cells' centroids either side of a border drew discs on top of
    /// each other (seen on the 100k national screenshot at zoom 5).
    #[test]
    fn clusters_never_sit_within_a_cell_of_each_other() {
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        let cities = [
            (116.4, 39.9),
            (121.47, 31.23),
            (113.26, 23.13),
            (104.07, 30.67),
        ];
        let points: Vec<LonLat> = (0..20_000)
            .map(|i| {
                let (lon, lat) = cities[i % cities.len()];
                LonLat::new(lon + (next() - 0.5) * 6.0, lat + (next() - 0.5) * 4.0)
            })
            .collect();
        let idx = ClusterIndex::new(points.iter().copied());
        let (sw, ne) = (LonLat::new(73.0, 18.0), LonLat::new(135.0, 53.0));
        for zoom in [4.0, 5.0, 6.0, 8.0] {
            let cs = idx.clusters(sw, ne, zoom, 56.0, None);
            assert_eq!(cs.iter().map(|c| c.count).sum::<u32>(), 20_000);
            let px = |c: &Cluster| {
                let (x, y) = mercator(c.pos);
                let scale = 256.0 * 2f64.powf(zoom);
                (x * scale, y * scale)
            };
            for (i, a) in cs.iter().enumerate() {
                for b in &cs[i + 1..] {
                    let ((ax, ay), (bx, by)) = (px(a), px(b));
                    let d = ((ax - bx).powi(2) + (ay - by).powi(2)).sqrt();
                    assert!(
                        d >= 55.9,
                        "z{zoom}: {} and {} only {d:.1} px apart",
                        a.count,
                        b.count
                    );
                }
            }
        }
    }

    #[test]
    fn windows_of_one_hall_are_one_spot_and_the_next_door_is_not() {
        let hall = LonLat::new(121.4479, 37.4638);
        // 5 m east, 8 m north: the same building; 40 m: the next door.
        let east5 = LonLat::new(121.4479 + 5.0 / 88_300.0, 37.4638);
        let north8 = LonLat::new(121.4479, 37.4638 + 8.0 / 111_320.0);
        let door = LonLat::new(121.4479 + 40.0 / 88_300.0, 37.4638);
        let groups = at_one_spot(
            &[(3, hall), (7, door), (9, east5), (12, north8)],
            ONE_SPOT_M,
        );
        assert_eq!(groups, vec![vec![3, 9, 12], vec![7]]);
    }

    #[test]
    fn a_spot_across_a_grid_line_is_still_one_spot() {
        // Either side of a cell boundary at this latitude.
        let cell = ONE_SPOT_M / 111_320.0;
        let a = LonLat::new(121.0, (37.0 / cell).floor() * cell + cell - 1e-8);
        let b = LonLat::new(121.0, a.lat + 2e-8);
        assert_eq!(at_one_spot(&[(0, a), (1, b)], ONE_SPOT_M), vec![vec![0, 1]]);
    }

    #[test]
    fn a_spot_is_called_by_the_start_its_outlets_share() {
        assert_eq!(
            spot_name(&[
                "烟台市民之家公安服务窗口",
                "烟台市民之家出入境服务窗口",
                "烟台市民之家车驾管服务窗口"
            ]),
            Some("烟台市民之家".into())
        );
        assert_eq!(
            spot_name(&[
                "Citizens' Hall Police Window",
                "Citizens' Hall Passport Window"
            ]),
            Some("Citizens' Hall".into()),
            "whole words"
        );
        assert_eq!(
            spot_name(&["Laishan Hall", "Laishan Hall (Enterprise)"]),
            Some("Laishan Hall".into())
        );
        // Too little in common to name a place: the caller names the first.
        assert_eq!(spot_name(&["烟台站派出所", "烟台港服务点"]), None);
        assert_eq!(spot_name::<&str>(&[]), None);
    }
}
