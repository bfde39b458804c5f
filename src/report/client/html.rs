//! The report as one self-contained HTML page: inline CSS (screen and print), inline SVG
//! charts, no script, and no address outside the file (a logo is a `data:` URI; links to
//! posts are printed as text). Every stored string is escaped.

use std::fmt::Write;

use super::blocks::{Block, Card, Chart, Table};
use super::charts::{Mark, Series, colour, lines};
use super::model::{Report, Section};
use super::notes::notes_html;
use super::sections::blocks;
use crate::domain::heatmap::{grid, weekday_name};

const STYLE: &str = include_str!("style.css");

/// `s` safe as HTML text and as an attribute value.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The whole page.
pub fn page(r: &Report) -> String {
    let mut o = String::with_capacity(64 * 1024);
    let title = format!("{} · {} to {}", r.title, r.period.from, r.period.to);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{STYLE}",
        esc(&title)
    );
    if let Some(a) = &r.brand.accent {
        // Checked as #rgb / #rrggbb when the brand was read.
        let _ = writeln!(o, ":root {{ --accent: {}; }}", esc(a));
    }
    o.push_str("</style>\n</head>\n<body>\n<main>\n<header class=\"cover\">\n");
    if let Some(logo) = &r.brand.logo {
        let _ = writeln!(
            o,
            "<img src=\"{}\" alt=\"{} logo\">",
            esc(logo),
            esc(&r.brand.name)
        );
    }
    let accounts: Vec<&str> = r.accounts.iter().map(|(_, l)| l.as_str()).collect();
    let _ = write!(
        o,
        "<div><h1>{}</h1>\n<p>Report for {} to {} · times in {}</p>\n",
        esc(&r.title),
        r.period.from,
        r.period.to,
        esc(&r.zone),
    );
    if accounts != [r.title.as_str()] {
        let _ = writeln!(o, "<p>{}</p>", esc(&accounts.join(", ")));
    }
    o.push_str("</div>\n</header>\n");
    for s in Section::ALL {
        if !r.wants(s) || (s == Section::Notes && r.notes.is_none()) {
            continue;
        }
        let _ = writeln!(o, "<section id=\"{}\">\n<h2>{}</h2>", s.name(), s.title());
        for b in blocks(r, s) {
            block(&mut o, r, &b);
        }
        o.push_str("</section>\n");
    }
    let _ = write!(
        o,
        "<footer>Made with smmdeck on {}. Print to PDF from the browser: sections start on \
         new pages.</footer>\n</main>\n</body>\n</html>\n",
        r.made_on
    );
    o
}

fn block(o: &mut String, r: &Report, b: &Block) {
    match b {
        Block::Para(t) => {
            let _ = writeln!(o, "<p>{}</p>", esc(t));
        }
        Block::Empty(t) => {
            let _ = writeln!(o, "<p class=\"empty\">{}</p>", esc(t));
        }
        Block::Kpis {
            account_id,
            label,
            cards,
        } => {
            let id = account_id.map_or_else(|| "all".to_string(), |a| a.to_string());
            let _ = writeln!(
                o,
                "<h3>{}</h3>\n<div class=\"kpis\" data-account=\"{id}\">",
                esc(label)
            );
            for c in cards {
                card(o, c);
            }
            o.push_str("</div>\n");
        }
        Block::Chart(c) => chart(o, r, c),
        Block::Table(t) => table(o, t),
        Block::Heat(cells) => heat(o, cells),
        Block::Notes(md) => {
            let _ = writeln!(o, "<div class=\"notes\">{}</div>", notes_html(md));
        }
    }
}

fn num_attr(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn card(o: &mut String, c: &Card) {
    // By the change as shown: a change that rounds to 0% is neither green nor red.
    let class = match c.change_text.chars().next() {
        Some('▲') => "up",
        Some('▼') => "down",
        _ => "flat",
    };
    let _ = writeln!(
        o,
        "<div class=\"kpi\" data-name=\"{}\" data-current=\"{}\" data-previous=\"{}\" \
         data-change=\"{}\"><div class=\"name\">{}</div><div class=\"value\">{}</div>\
         <div class=\"change {class}\">{} <span class=\"flat\">vs {}</span></div></div>",
        esc(&c.name),
        num_attr(c.current),
        num_attr(c.previous),
        num_attr(c.change),
        esc(&c.name),
        esc(&c.now_text),
        esc(&c.change_text),
        esc(&c.before_text)
    );
}

fn chart(o: &mut String, r: &Report, c: &Chart) {
    let accent = r.brand.accent.as_deref();
    let series: Vec<Series<'_>> = c
        .lines
        .iter()
        .map(|l| Series {
            label: &l.label,
            points: &l.points,
        })
        .collect();
    let marks: Vec<Mark> = c
        .marks
        .iter()
        .map(|(i, day, surge)| Mark {
            series: *i,
            day: *day,
            surge: *surge,
        })
        .collect();
    let _ = writeln!(o, "<h3>{}</h3>", esc(&c.title));
    match lines(c.from, c.to, &series, &marks, accent, c.from_zero) {
        Ok(svg) => {
            let _ = writeln!(
                o,
                "<div class=\"chart\" data-chart=\"{}\">{svg}</div>",
                c.id
            );
        }
        Err(e) => {
            let _ = writeln!(
                o,
                "<p class=\"empty\">The chart could not be drawn: {}</p>",
                esc(&e)
            );
        }
    }
    o.push_str("<ul class=\"legend\">");
    for (i, l) in c.lines.iter().enumerate() {
        let _ = write!(
            o,
            "<li><span style=\"background:{}\"></span>{}</li>",
            colour(i, accent),
            esc(&l.label)
        );
    }
    if !c.marks.is_empty() {
        o.push_str(
            "<li><span style=\"background:#1b9e4b\"></span>surge</li>\
             <li><span style=\"background:#d62728\"></span>drop</li>",
        );
    }
    o.push_str("</ul>\n");
}

fn table(o: &mut String, t: &Table) {
    if !t.title.is_empty() {
        let _ = writeln!(o, "<h3>{}</h3>", esc(&t.title));
    }
    let nums: Vec<bool> = (0..t.head.len())
        .map(|i| t.rows.first().and_then(|r| r.get(i)).is_some_and(|c| c.num))
        .collect();
    let _ = write!(
        o,
        "<div class=\"table-wrap\"><table data-table=\"{}\">\n<thead><tr>",
        esc(t.id)
    );
    for (h, num) in t.head.iter().zip(&nums) {
        let class = if *num { " class=\"num\"" } else { "" };
        let _ = write!(o, "<th{class}>{}</th>", esc(h));
    }
    o.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        o.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
            let link = t.head.get(i) == Some(&"link");
            let class = if c.num {
                " class=\"num\""
            } else if link {
                " class=\"url\""
            } else {
                ""
            };
            let _ = write!(o, "<td{class}>{}</td>", esc(&c.text));
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody></table></div>\n");
}

/// The weekday × hour grid, each cell shaded by its engagement rate against the best cell.
fn heat(o: &mut String, cells: &[crate::domain::heatmap::HeatCell]) {
    let g = grid(cells);
    let best = g.iter().flatten().flatten().fold(0.0_f64, |m, v| m.max(*v));
    o.push_str(
        "<div class=\"table-wrap\"><table class=\"heat\" data-table=\"heat\">\n<tr><th></th>",
    );
    for h in 0..24 {
        let _ = write!(o, "<th>{h:02}</th>");
    }
    o.push_str("</tr>\n");
    for (w, row) in g.iter().enumerate() {
        let _ = write!(o, "<tr><th>{}</th>", weekday_name(w as u32));
        for v in row {
            match v {
                Some(er) if best > 0.0 => {
                    let share = ((er / best) * 100.0).clamp(5.0, 100.0);
                    let _ = write!(
                        o,
                        "<td style=\"background:color-mix(in srgb, var(--accent) {share:.0}%, #fff)\" \
                         title=\"{:.1}%\"></td>",
                        er * 100.0
                    );
                }
                _ => o.push_str("<td></td>"),
            }
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</table></div>\n");
}
