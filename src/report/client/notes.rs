//! The user's notes (`--notes FILE`, Markdown) as a safe subset of HTML: paragraphs,
//! headings, lists, quotes, emphasis and code. Raw HTML in the notes is shown as text, and
//! links and images are written out as text (the report loads nothing and links nowhere).

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::html::esc;

pub fn notes_html(md: &str) -> String {
    let mut o = String::new();
    // The targets of the links being read, printed after their text.
    let mut links: Vec<String> = Vec::new();
    for event in Parser::new(md) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => o.push_str("<p>"),
                Tag::Heading { level, .. } => o.push_str(heading(level, true)),
                Tag::BlockQuote(_) => o.push_str("<blockquote>"),
                Tag::CodeBlock(_) => o.push_str("<pre><code>"),
                Tag::List(Some(_)) => o.push_str("<ol>"),
                Tag::List(None) => o.push_str("<ul>"),
                Tag::Item => o.push_str("<li>"),
                Tag::Emphasis => o.push_str("<em>"),
                Tag::Strong => o.push_str("<strong>"),
                Tag::Strikethrough => o.push_str("<s>"),
                Tag::Link { dest_url, .. } => links.push(dest_url.to_string()),
                Tag::Image { dest_url, .. } => {
                    o.push_str("[image: ");
                    links.push(dest_url.to_string());
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph => o.push_str("</p>\n"),
                TagEnd::Heading(level) => o.push_str(heading(level, false)),
                TagEnd::BlockQuote(_) => o.push_str("</blockquote>\n"),
                TagEnd::CodeBlock => o.push_str("</code></pre>\n"),
                TagEnd::List(true) => o.push_str("</ol>\n"),
                TagEnd::List(false) => o.push_str("</ul>\n"),
                TagEnd::Item => o.push_str("</li>\n"),
                TagEnd::Emphasis => o.push_str("</em>"),
                TagEnd::Strong => o.push_str("</strong>"),
                TagEnd::Strikethrough => o.push_str("</s>"),
                TagEnd::Link => {
                    if let Some(url) = links.pop() {
                        o.push_str(&format!(" ({})", esc(&url)));
                    }
                }
                TagEnd::Image => {
                    links.pop();
                    o.push(']');
                }
                _ => {}
            },
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => o.push_str(&esc(&t)),
            Event::Code(t) => o.push_str(&format!("<code>{}</code>", esc(&t))),
            Event::SoftBreak => o.push('\n'),
            Event::HardBreak => o.push_str("<br>\n"),
            Event::Rule => o.push_str("<hr>\n"),
            _ => {}
        }
    }
    o
}

/// Notes' headings sit under the section's own `<h2>`.
fn heading(level: HeadingLevel, open: bool) -> &'static str {
    match (level, open) {
        (HeadingLevel::H1 | HeadingLevel::H2, true) => "<h3>",
        (HeadingLevel::H1 | HeadingLevel::H2, false) => "</h3>\n",
        (_, true) => "<h4>",
        (_, false) => "</h4>\n",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_safe_subset_and_html_as_text() {
        let md = "# Plan\n\nWe **grew** by *a lot*.\n\n- one\n- `two`\n\n\
                  <script>alert(1)</script>\n\n[site](https://example.com) ![x](http://e/x.png)\n\n\
                  <img src=x onerror=alert(1)>";
        let h = notes_html(md);
        assert!(h.contains("<h3>Plan</h3>"), "{h}");
        assert!(h.contains("<strong>grew</strong>") && h.contains("<em>a lot</em>"));
        assert!(h.contains("<li>one</li>") && h.contains("<code>two</code>"));
        assert!(h.contains("&lt;script&gt;") && !h.contains("<script"));
        assert!(!h.contains("<img") && !h.contains("href"));
        assert!(h.contains("site (https://example.com)") && h.contains("[image: x]"));
    }
}
