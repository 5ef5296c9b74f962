//! The safe text subset posting descriptions are written in.
//!
//! Companies paste descriptions from elsewhere; candidates must never get the
//! company's (or an attacker's) HTML. A description is plain text with a few
//! Markdown conventions, parsed here into blocks that the widget renders as
//! elements with text nodes: there is no path from this text to `innerHTML`.
//! Hand-written rather than a Markdown crate because the whole parser is this
//! file, while a full CommonMark parser would cost the widget tens of KB and
//! would need its HTML output sanitised anyway.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A line starting with `#`, `##` or `###`.
    Heading(Vec<Inline>),
    Paragraph(Vec<Inline>),
    /// Consecutive lines starting with `- ` or `* `.
    Bullets(Vec<Vec<Inline>>),
    /// Consecutive lines starting with `1. `, `2. `…
    Numbered(Vec<Vec<Inline>>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    /// `**like this**`.
    Strong(String),
}

pub fn parse(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let flush = |paragraph: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(inlines(&paragraph.join(" "))));
            paragraph.clear();
        }
    };
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            flush(&mut paragraph, &mut blocks);
        } else if let Some(heading) = heading(line) {
            flush(&mut paragraph, &mut blocks);
            blocks.push(Block::Heading(inlines(heading)));
        } else if let Some(item) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
            flush(&mut paragraph, &mut blocks);
            match blocks.last_mut() {
                Some(Block::Bullets(items)) => items.push(inlines(item)),
                _ => blocks.push(Block::Bullets(vec![inlines(item)])),
            }
        } else if let Some(item) = numbered_item(line) {
            flush(&mut paragraph, &mut blocks);
            match blocks.last_mut() {
                Some(Block::Numbered(items)) => items.push(inlines(item)),
                _ => blocks.push(Block::Numbered(vec![inlines(item)])),
            }
        } else {
            paragraph.push(line);
        }
    }
    flush(&mut paragraph, &mut blocks);
    blocks
}

fn heading(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches('#');
    let level = line.len() - rest.len();
    ((1..=3).contains(&level) && rest.starts_with(' ')).then(|| rest.trim()).filter(|h| !h.is_empty())
}

fn numbered_item(line: &str) -> Option<&str> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) { line[digits..].strip_prefix(". ") } else { None }
}

/// Splits `**strong**` spans out of a line; an unpaired `**` stays literal.
fn inlines(line: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find("**") {
        let Some(len) = rest[start + 2..].find("**") else { break };
        if len == 0 {
            break;
        }
        if start > 0 {
            out.push(Inline::Text(rest[..start].to_owned()));
        }
        out.push(Inline::Strong(rest[start + 2..start + 2 + len].to_owned()));
        rest = &rest[start + 4 + len..];
    }
    if !rest.is_empty() {
        out.push(Inline::Text(rest.to_owned()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Inline::*;

    fn text(s: &str) -> Vec<Inline> {
        vec![Text(s.into())]
    }

    #[test]
    fn paragraphs_lists_and_headings() {
        let blocks = parse("## About us\nWe fix\nteeth.\n\n- Gentle\n* Kind\n\n1. Apply\n2. Talk\nThanks");
        assert_eq!(
            blocks,
            vec![
                Block::Heading(text("About us")),
                Block::Paragraph(text("We fix teeth.")),
                Block::Bullets(vec![text("Gentle"), text("Kind")]),
                Block::Numbered(vec![text("Apply"), text("Talk")]),
                Block::Paragraph(text("Thanks")),
            ]
        );
    }

    #[test]
    fn strong_spans_and_unpaired_markers() {
        assert_eq!(inlines("a **b** c"), vec![Text("a ".into()), Strong("b".into()), Text(" c".into())]);
        assert_eq!(inlines("**b**"), vec![Strong("b".into())]);
        assert_eq!(inlines("2 ** 3"), text("2 ** 3"));
        assert_eq!(inlines("a ****"), text("a ****"));
    }

    #[test]
    fn html_stays_text() {
        let blocks = parse("<script>alert(1)</script> <b>hi</b>");
        assert_eq!(blocks, vec![Block::Paragraph(text("<script>alert(1)</script> <b>hi</b>"))]);
    }

    #[test]
    fn near_misses_are_paragraphs() {
        assert_eq!(parse("#hashtag"), vec![Block::Paragraph(text("#hashtag"))]);
        assert_eq!(parse("-5 degrees"), vec![Block::Paragraph(text("-5 degrees"))]);
        assert_eq!(parse("2024. was good"), vec![Block::Paragraph(text("2024. was good"))]);
        assert_eq!(parse("#### deep"), vec![Block::Paragraph(text("#### deep"))]);
    }
}
