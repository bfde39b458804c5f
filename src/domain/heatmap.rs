//! When posts work: engagement rate by weekday and hour of publication, from the account's own
//! history. The Analytics heat map and the calendar's best hours both read it from here.

use serde::Serialize;

use super::metrics::engagement_rate;

/// The posts published in one weekday × hour (local), summed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct HeatCell {
    /// 0 = Monday … 6 = Sunday.
    pub weekday: u32,
    /// 0 … 23.
    pub hour: u32,
    pub posts: i64,
    pub engagements: i64,
    pub reach: i64,
}

impl HeatCell {
    pub fn er(&self) -> Option<f64> {
        engagement_rate(self.engagements, self.reach)
    }
}

/// The weekday × hour grid of engagement rates (None where no post or no reach).
pub fn grid(cells: &[HeatCell]) -> [[Option<f64>; 24]; 7] {
    let mut g = [[None; 24]; 7];
    for c in cells {
        if c.weekday < 7 && c.hour < 24 {
            g[c.weekday as usize][c.hour as usize] = c.er();
        }
    }
    g
}

/// Hours of the day ranked by engagement rate over every weekday, best first; only hours with
/// at least `min_posts` posts, so that one lucky post does not make an hour "best".
pub fn best_hours(cells: &[HeatCell], min_posts: i64) -> Vec<(u32, f64)> {
    let mut by_hour = [(0i64, 0i64, 0i64); 24];
    for c in cells.iter().filter(|c| c.hour < 24) {
        let h = &mut by_hour[c.hour as usize];
        h.0 += c.posts;
        h.1 += c.engagements;
        h.2 += c.reach;
    }
    let mut ranked: Vec<(u32, f64)> = by_hour
        .iter()
        .enumerate()
        .filter(|(_, (posts, ..))| *posts >= min_posts.max(1))
        .filter_map(|(h, (_, eng, reach))| Some((h as u32, engagement_rate(*eng, *reach)?)))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
}

/// Weekday × hour slots ranked by engagement rate, best first, `n` of them; only slots with
/// at least `min_posts` posts.
pub fn best_slots(cells: &[HeatCell], min_posts: i64, n: usize) -> Vec<HeatCell> {
    let mut ranked: Vec<(HeatCell, f64)> = cells
        .iter()
        .filter(|c| c.posts >= min_posts.max(1))
        .filter_map(|c| Some((*c, c.er()?)))
        .collect();
    ranked.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then(a.0.weekday.cmp(&b.0.weekday))
            .then(a.0.hour.cmp(&b.0.hour))
    });
    ranked.into_iter().take(n).map(|(c, _)| c).collect()
}

/// The weekday's short English name.
pub fn weekday_name(w: u32) -> &'static str {
    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        .get(w as usize)
        .copied()
        .unwrap_or("?")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(weekday: u32, hour: u32, posts: i64, engagements: i64, reach: i64) -> HeatCell {
        HeatCell {
            weekday,
            hour,
            posts,
            engagements,
            reach,
        }
    }

    #[test]
    fn grid_and_best_hours() {
        let cells = [
            cell(0, 9, 2, 50, 1_000),   // Mon 9: 5%
            cell(3, 9, 1, 10, 1_000),   // Thu 9: 1%  → 9h: 60 / 2,000 = 3%
            cell(4, 18, 3, 120, 2_000), // Fri 18: 6%
            cell(5, 7, 1, 90, 100),     // Sat 7: 90%, but a single post
        ];
        let g = grid(&cells);
        assert_eq!(g[0][9], Some(0.05));
        assert_eq!(g[4][18], Some(0.06));
        assert_eq!(g[1][9], None);
        assert_eq!(best_hours(&cells, 2), vec![(18, 0.06), (9, 0.03)]);
        assert_eq!(best_hours(&cells, 1)[0], (7, 0.9));
        assert_eq!(weekday_name(6), "Sun");
        let slots = best_slots(&cells, 2, 5);
        assert_eq!(
            slots
                .iter()
                .map(|c| (c.weekday, c.hour))
                .collect::<Vec<_>>(),
            vec![(4, 18), (0, 9)]
        );
        assert_eq!(best_slots(&cells, 1, 1)[0].weekday, 5);
    }
}
