//! A line chart as inline SVG, drawn by the server: no script, no external font or library.

use std::fmt::Write;

use super::html::Esc;

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 160.0;
const LEFT: f64 = 40.0;
const BOTTOM: f64 = 20.0;
const TOP: f64 = 10.0;

/// One line: its name (also its CSS class) and its values, oldest first.
pub struct Series<'a> {
    pub name: &'a str,
    pub values: &'a [f64],
}

/// Draws the series on a shared scale. `span` labels the x axis's left end ("60 min ago").
pub fn line_chart(title: &str, span: &str, series: &[Series]) -> String {
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .fold(0.0_f64, f64::max);
    let top = if max > 0.0 { nice_ceiling(max) } else { 1.0 };
    let plot_w = WIDTH - LEFT - 10.0;
    let plot_h = HEIGHT - BOTTOM - TOP;
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"{}\">\
         <title>{}</title>",
        Esc(title),
        Esc(title)
    );
    let base = TOP + plot_h;
    let _ = write!(
        svg,
        "<line class=\"axis\" x1=\"{LEFT}\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\"/>\
         <line class=\"axis\" x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{base}\"/>\
         <text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\
         <text class=\"tick\" x=\"{}\" y=\"{base}\" text-anchor=\"end\">0</text>\
         <text class=\"tick\" x=\"{LEFT}\" y=\"{}\">{}</text>\
         <text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">now</text>",
        LEFT + plot_w,
        LEFT - 4.0,
        TOP + 8.0,
        trim(top),
        LEFT - 4.0,
        HEIGHT - 4.0,
        Esc(span),
        LEFT + plot_w,
        HEIGHT - 4.0,
    );
    for s in series {
        let n = s.values.len().max(2) - 1;
        let _ = write!(
            svg,
            "<polyline class=\"series {}\" fill=\"none\" points=\"",
            Esc(s.name)
        );
        for (i, v) in s.values.iter().enumerate() {
            let x = LEFT + plot_w * i as f64 / n as f64;
            let y = base - plot_h * v / top;
            let _ = write!(svg, "{x:.1},{y:.1} ");
        }
        svg.push_str("\"/>");
    }
    svg.push_str("</svg><p class=\"legend\">");
    for s in series {
        let total: f64 = s.values.iter().sum();
        let _ = write!(
            svg,
            "<span class=\"key {}\">{}</span> {} ",
            Esc(s.name),
            Esc(s.name),
            trim(total)
        );
    }
    svg.push_str("</p>");
    svg
}

/// 1, 2 or 5 times a power of ten, at least `v`.
fn nice_ceiling(v: f64) -> f64 {
    let power = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|c| *c >= v)
        .unwrap_or(10.0 * power)
}

fn trim(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_follow_the_values() {
        let svg = line_chart(
            "t",
            "60 min ago",
            &[Series {
                name: "items",
                values: &[0.0, 4.0, 2.0],
            }],
        );
        let points = svg
            .split("points=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("points");
        let ys: Vec<f64> = points
            .split_whitespace()
            .map(|p| p.split(',').nth(1).and_then(|y| y.parse().ok()).expect("y"))
            .collect();
        assert_eq!(ys.len(), 3);
        assert!(ys[1] < ys[2] && ys[2] < ys[0], "{ys:?}");
        assert_eq!(nice_ceiling(4.0), 5.0);
        assert_eq!(nice_ceiling(11.0), 20.0);
    }
}
