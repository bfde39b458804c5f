//! Line charts as inline SVG, drawn with plotters' SVG backend: one line per series over the
//! period's days, surges and drops marked on their line. Text is left to the browser's
//! fonts (plotters writes `<text>`; it needs no font files here).

use chrono::NaiveDate;
use plotters::prelude::*;

use crate::domain::metrics::compact;

/// One line: a label and its daily values.
pub struct Series<'a> {
    pub label: &'a str,
    pub points: &'a [(NaiveDate, i64)],
}

/// A day to mark on a series (by its index): a surge (true) or a drop.
pub struct Mark {
    pub series: usize,
    pub day: NaiveDate,
    pub surge: bool,
}

const WIDTH: u32 = 860;
const HEIGHT: u32 = 300;
/// Colours after the accent, for the other accounts' lines.
const PALETTE: [RGBColor; 6] = [
    RGBColor(0x2e, 0x86, 0xab),
    RGBColor(0xe0, 0x7a, 0x1f),
    RGBColor(0x6a, 0x4c, 0x93),
    RGBColor(0x3b, 0x9e, 0x5b),
    RGBColor(0xc7, 0x3e, 0x7a),
    RGBColor(0x7f, 0x7f, 0x7f),
];
const SURGE: RGBColor = RGBColor(0x1b, 0x9e, 0x4b);
const DROP: RGBColor = RGBColor(0xd6, 0x27, 0x28);

/// `#rrggbb` or `#rgb` (already checked) as a colour.
fn rgb(hex: &str) -> Option<RGBColor> {
    let h = hex.strip_prefix('#')?;
    let full: String = match h.len() {
        3 => h.chars().flat_map(|c| [c, c]).collect(),
        6 => h.to_string(),
        _ => return None,
    };
    let byte = |i: usize| u8::from_str_radix(full.get(i..i + 2)?, 16).ok();
    Some(RGBColor(byte(0)?, byte(2)?, byte(4)?))
}

/// The colour of the `i`th series: the accent first.
pub fn colour(i: usize, accent: Option<&str>) -> String {
    let c = series_colour(i, accent);
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

fn series_colour(i: usize, accent: Option<&str>) -> RGBColor {
    match (i, accent.and_then(rgb)) {
        (0, Some(a)) => a,
        (i, Some(_)) => PALETTE[(i - 1) % PALETTE.len()],
        (i, None) => PALETTE[i % PALETTE.len()],
    }
}

/// A line chart of `series` over `[from, to]`, with `marks`. The legend is left to the
/// page (an HTML list in the series' colours), which wraps on a phone where an SVG cannot.
pub fn lines(
    from: NaiveDate,
    to: NaiveDate,
    series: &[Series<'_>],
    marks: &[Mark],
    accent: Option<&str>,
    from_zero: bool,
) -> Result<String, String> {
    let mut svg = String::new();
    let days = ((to - from).num_days()).max(1) as f64;
    let x = |d: NaiveDate| (d - from).num_days() as f64;
    let values = || {
        series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.1 as f64))
    };
    let max = values().fold(1.0_f64, f64::max);
    // Followers move by a few percent: a scale from zero would draw them flat.
    let min = if from_zero {
        0.0
    } else {
        values().fold(max, f64::min)
    };
    let pad = ((max - min) * 0.08).max(1.0);
    let (bottom, top) = (
        if from_zero { 0.0 } else { (min - pad).max(0.0) },
        max + pad,
    );
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(28)
            .y_label_area_size(56)
            .build_cartesian_2d(0f64..days, bottom..top)
            .map_err(|e| e.to_string())?;
        let label = |v: &f64| {
            let d = from + chrono::Duration::days(v.round() as i64);
            d.format("%b %-d").to_string()
        };
        let count = |v: &f64| compact(v.round() as i64);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(WHITE)
            .bold_line_style(RGBColor(0xdd, 0xdd, 0xdd))
            .x_labels(7)
            .y_labels(5)
            .x_label_formatter(&label)
            .y_label_formatter(&count)
            .label_style(
                ("sans-serif", 13)
                    .into_font()
                    .color(&RGBColor(0x55, 0x55, 0x55)),
            )
            .axis_style(RGBColor(0xbb, 0xbb, 0xbb))
            .draw()
            .map_err(|e| e.to_string())?;
        for (i, s) in series.iter().enumerate() {
            let c = series_colour(i, accent);
            chart
                .draw_series(LineSeries::new(
                    s.points.iter().map(|(d, v)| (x(*d), *v as f64)),
                    c.stroke_width(2),
                ))
                .map_err(|e| e.to_string())?;
        }
        for m in marks {
            let Some(s) = series.get(m.series) else {
                continue;
            };
            let Some((_, v)) = s.points.iter().find(|(d, _)| *d == m.day) else {
                continue;
            };
            let c = if m.surge { SURGE } else { DROP };
            chart
                .draw_series(std::iter::once(Circle::new(
                    (x(m.day), *v as f64),
                    6,
                    c.stroke_width(3),
                )))
                .map_err(|e| e.to_string())?;
        }
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_is_one_svg_with_a_path_per_line_and_a_circle_per_mark() {
        let d = |n: u32| NaiveDate::from_ymd_opt(2026, 10, n).unwrap();
        let a: Vec<(NaiveDate, i64)> = (1..=28).map(|n| (d(n), 100 + i64::from(n))).collect();
        let b: Vec<(NaiveDate, i64)> = (1..=28).map(|n| (d(n), 50)).collect();
        let series = [
            Series {
                label: "IG @a",
                points: &a,
            },
            Series {
                label: "FB b",
                points: &b,
            },
        ];
        let marks = [Mark {
            series: 0,
            day: d(10),
            surge: true,
        }];
        let svg = lines(d(1), d(28), &series, &marks, Some("#123456"), true).unwrap();
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        let lines = svg
            .lines()
            .filter(|l| l.starts_with("<polyline") && l.contains("stroke-width=\"2\""));
        assert_eq!(lines.count(), 2, "{svg}");
        assert_eq!(svg.matches("<circle").count(), 1);
        assert!(svg.contains("#123456"), "the accent draws the first line");
        assert!(
            svg.contains(">\nOct 1\n</text>") || svg.contains(">Oct 1</text>"),
            "{svg}"
        );
        assert_eq!(colour(0, None), colour(1, Some("#000")));
    }
}
