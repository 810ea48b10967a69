//! Web pages: the main article text and the page's metadata.
//!
//! Extraction is Readability's idea, written on `scraper`'s DOM (html5ever, the browsers' parsing algorithm):
//! 1. *junk* subtrees are never read: scripts, styles, forms, navigation, headers, footers, asides, figures, and
//!    elements whose role, `hidden`/`aria-hidden` or class/id words say they are ads, share widgets, comments,
//!    related links, newsletters, cookie banners, menus or bylines;
//! 2. every paragraph-like element of 25+ characters scores its parent (fully), grandparent (½) and great-grand-
//!    parent (⅙) by its length and commas; class/id words and tags weight the candidates; scores are scaled by
//!    `1 - link density`;
//! 3. the best candidate, with the siblings that score near it, is rendered: block elements become paragraphs
//!    separated by blank lines, inline whitespace is collapsed, `<br>` is a line break, link lists and the `<h1>`
//!    headline are dropped.
//!
//! See `docs/input-formats.md` for the metadata sources and the truncation rule.

use crate::decode;
use crate::{ReadError, ReadOptions, finish_article};
use attache_doc::Article;
use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{Html, Node};
use std::collections::{HashMap, HashSet};

type NodeRef<'a> = ego_tree::NodeRef<'a, Node>;

pub fn parse(bytes: &[u8], path: &str, opts: &ReadOptions) -> Result<Article, ReadError> {
    let text = decode::decode(bytes, decode::declared_charset(bytes)).map_err(|cause| ReadError::whole(path, cause))?;
    if let Some((line, what)) = ends_inside_markup(&text) {
        return Err(ReadError::at_line(path, line, format!("truncated HTML: the document ends inside {what}")));
    }
    let document = Html::parse_document(&text);
    let page = Page::new(document.tree.root());
    let metadata = page.metadata();
    let body = page.main_text(metadata.title.as_deref());
    if body.is_empty() {
        let lower = text.to_ascii_lowercase();
        let cause = if lower.contains("</body") || lower.contains("</html") {
            "article has no text (nothing outside navigation, scripts and boilerplate)"
        } else {
            "truncated HTML: no closing </body> or </html> and no article text"
        };
        return Err(ReadError::whole(path, cause));
    }
    let article = Article {
        id: String::new(),
        url: metadata.url,
        source: metadata.source,
        title: metadata.title,
        published: metadata.published,
        text: body,
        origin: None,
    };
    Ok(finish_article(article, path, "html", None, opts))
}

/// Plain text of an HTML fragment (a feed item's content): every non-junk block as a paragraph, no scoring.
pub fn fragment_to_text(fragment: &str) -> String {
    let document = Html::parse_fragment(fragment);
    let page = Page::new(document.tree.root());
    page.render(&[document.tree.root()], None)
}

/// Where the document stops in the middle of markup: inside a tag (`<div class="x` with no `>`) or a comment.
/// Returns the 1-based line where that markup starts and a description.
fn ends_inside_markup(text: &str) -> Option<(u64, String)> {
    let line_of = |offset: usize| text[..offset].bytes().filter(|&b| b == b'\n').count() as u64 + 1;
    if let Some(open) = text.rfind("<!--")
        && !text[open + 4..].contains("-->")
    {
        return Some((line_of(open), "a comment (`<!--` is never closed)".to_string()));
    }
    let open = text.rfind('<')?;
    let after = &text[open + 1..];
    let starts_tag = after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?');
    if starts_tag && !after.contains('>') {
        let snippet: String = text[open..].chars().take(24).collect();
        let snippet = snippet.split_whitespace().collect::<Vec<_>>().join(" ");
        return Some((line_of(open), format!("a tag (`{snippet}` has no closing `>`)")));
    }
    None
}

#[rustfmt::skip]
const JUNK_TAGS: [&str; 27] = [
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button", "iframe",
    "svg", "canvas", "figure", "figcaption", "select", "input", "textarea", "object", "embed", "video", "audio",
    "picture", "img", "dialog", "menu", "head",
];

#[rustfmt::skip]
const JUNK_ROLES: [&str; 11] = [
    "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog", "alert",
    "alertdialog", "toolbar",
];

/// Class/id words that mark an element as junk whatever else it says.
#[rustfmt::skip]
const HARD_NEGATIVE: [&str; 42] = [
    "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adslot", "adunit", "sponsor",
    "sponsored", "promo", "promotion", "share", "sharing", "sharebar", "social", "newsletter", "subscribe",
    "subscription", "signup", "cookie", "cookies", "consent", "comment", "comments", "disqus", "related",
    "recommended", "recommendations", "outbrain", "taboola", "popup", "modal", "breadcrumb", "breadcrumbs",
    "paywall", "trending", "popular", "print", "donate", "banner",
];

/// Class/id words that mark junk unless a positive word is there too (`main-nav` is junk, `article-meta`
/// is not decided by `meta` alone).
#[rustfmt::skip]
const SOFT_NEGATIVE: [&str; 26] = [
    "nav", "navbar", "navigation", "menu", "sidebar", "aside", "footer", "header", "masthead", "byline", "author",
    "meta", "caption", "credit", "credits", "tags", "toolbar", "widget", "tools", "skip", "hidden", "more", "links",
    "dateline", "utility", "postmeta",
];

/// A soft-negative element that also has a positive word (`entry-meta`, `article-footer`) is still furniture when
/// it holds less text than this.
const SMALL_FURNITURE: usize = 250;

#[rustfmt::skip]
const POSITIVE: [&str; 11] = [
    "article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog", "story",
];

#[rustfmt::skip]
const BLOCK_TAGS: [&str; 33] = [
    "address", "article", "aside", "blockquote", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "table", "ul",
];

fn is_block(tag: &str) -> bool {
    BLOCK_TAGS.contains(&tag) || matches!(tag, "tr" | "center" | "summary" | "body" | "html")
}

/// Paragraphs that are page furniture even inside the article container.
fn is_boilerplate(paragraph: &str) -> bool {
    const PHRASES: [&str; 14] = [
        "advertisement",
        "advertisements",
        "sponsored",
        "sponsored content",
        "story continues below",
        "story continues below advertisement",
        "continue reading",
        "continue reading below",
        "read more",
        "skip advertisement",
        "share this article",
        "share",
        "scroll to continue with content",
        "article continues below",
    ];
    let normal = paragraph.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    PHRASES.contains(&normal.as_str())
}

/// A short paragraph that only dates the page: `Posted on 28 January 2026`, `Updated: 2026-02-05 10:00`.
fn is_dateline(paragraph: &str) -> bool {
    const LEAD_WORDS: [&str; 9] = ["posted", "published", "updated", "last", "modified", "on", "at", "date", "first"];
    if paragraph.len() > 80 {
        return false;
    }
    let mut rest = paragraph.trim();
    loop {
        let word_end = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
        let word = &rest[..word_end];
        if word.is_empty() || !LEAD_WORDS.contains(&word.to_lowercase().as_str()) {
            break;
        }
        rest = rest[word_end..].trim_start_matches([':', ' ', ',']);
    }
    rest.len() < paragraph.trim().len() && crate::dates::normalize_published(rest).is_some()
}

/// The lower-case words of an element's class and id (`articleBody ad-slot` → article, body, ad, slot).
fn class_words(element: &Element) -> Vec<String> {
    let mut words = Vec::new();
    for value in [element.attr("class"), element.attr("id")].into_iter().flatten() {
        for part in value.split(|c: char| !c.is_alphanumeric()).filter(|part| !part.is_empty()) {
            let mut word = String::new();
            let mut previous_lower = false;
            for c in part.chars() {
                if c.is_uppercase() && previous_lower {
                    words.push(std::mem::take(&mut word));
                }
                previous_lower = c.is_lowercase() || c.is_ascii_digit();
                word.extend(c.to_lowercase());
            }
            words.push(word);
        }
    }
    words
}

/// Distinctive junk words also found inside longer class words (`commentlist`, `sharedaddy`, `relatedposts`).
#[rustfmt::skip]
const HARD_NEGATIVE_PARTS: [&str; 12] = [
    "comment", "share", "social", "advert", "sponsor", "newsletter", "cookie", "related", "outbrain", "taboola",
    "disqus", "breadcrumb",
];

fn has_hard_negative(words: &[String]) -> bool {
    words.iter().any(|word| {
        HARD_NEGATIVE.contains(&word.as_str())
            || (HARD_NEGATIVE_PARTS.iter().any(|part| word.contains(part)) && !word.contains("commentary"))
    })
}

fn is_junk(element: &Element) -> bool {
    let tag = element.name();
    if JUNK_TAGS.contains(&tag) {
        return true;
    }
    if element.attr("hidden").is_some() || element.attr("aria-hidden").is_some_and(|v| v.trim() == "true") {
        return true;
    }
    if let Some(style) = element.attr("style") {
        let style: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    if element.attr("role").is_some_and(|role| JUNK_ROLES.contains(&role.trim().to_ascii_lowercase().as_str())) {
        return true;
    }
    if matches!(tag, "html" | "body" | "main" | "article") || element.attr("itemprop") == Some("articleBody") {
        return false;
    }
    let words = class_words(element);
    let has = |list: &[&str]| words.iter().any(|word| list.contains(&word.as_str()));
    has_hard_negative(&words) || (has(&SOFT_NEGATIVE) && !has(&POSITIVE))
}

/// Text measures of one element, junk excluded.
#[derive(Debug, Default, Clone, Copy)]
struct Stats {
    /// Characters of text, whitespace runs counted as one.
    text: usize,
    /// Of which inside links.
    link: usize,
    commas: usize,
    has_block_child: bool,
}

impl Stats {
    fn link_density(&self) -> f64 {
        if self.text == 0 { 0.0 } else { self.link as f64 / self.text as f64 }
    }
}

struct Page<'a> {
    root: NodeRef<'a>,
    /// Roots of the junk subtrees.
    junk: HashSet<NodeId>,
    stats: HashMap<NodeId, Stats>,
    /// Non-junk elements in document order (for deterministic choices).
    order: Vec<NodeId>,
}

fn measure_text(text: &str) -> (usize, usize) {
    let mut length = 0;
    let mut commas = 0;
    for word in text.split_whitespace() {
        length += word.chars().count() + 1;
        commas += word.matches([',', '，', '、']).count();
    }
    (length, commas)
}

impl<'a> Page<'a> {
    fn new(root: NodeRef<'a>) -> Page<'a> {
        let mut page = Page { root, junk: HashSet::new(), stats: HashMap::new(), order: Vec::new() };
        // (element, is a link, stats so far)
        let mut stack: Vec<(NodeId, bool, Stats)> = Vec::new();
        let mut links_open = 0usize;
        let mut skipping: Option<NodeId> = None;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => {
                    if skipping.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Element(element) => {
                            if is_junk(element) {
                                page.junk.insert(node.id());
                                skipping = Some(node.id());
                                continue;
                            }
                            let is_link = element.name() == "a";
                            links_open += usize::from(is_link);
                            page.order.push(node.id());
                            stack.push((node.id(), is_link, Stats::default()));
                        }
                        Node::Text(text) => {
                            if let Some((_, _, stats)) = stack.last_mut() {
                                let (length, commas) = measure_text(text);
                                stats.text += length;
                                stats.commas += commas;
                                if links_open > 0 {
                                    stats.link += length;
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if let Some(skipped) = skipping {
                        if skipped == node.id() {
                            skipping = None;
                        }
                        continue;
                    }
                    let Some(element) = node.value().as_element() else { continue };
                    let Some((id, is_link, stats)) = stack.pop() else { continue };
                    links_open -= usize::from(is_link);
                    page.stats.insert(id, stats);
                    if let Some((_, _, parent)) = stack.last_mut() {
                        parent.text += stats.text;
                        parent.link += stats.link;
                        parent.commas += stats.commas;
                        parent.has_block_child |= is_block(element.name());
                    }
                }
            }
        }
        page
    }

    fn node(&self, id: NodeId) -> Option<NodeRef<'a>> {
        self.root.tree().get(id)
    }

    fn stats(&self, id: NodeId) -> Stats {
        self.stats.get(&id).copied().unwrap_or_default()
    }

    /// Whether `node` lies in junk, not counting `<header>` elements: a page's or an article's header holds its
    /// headline and date, which metadata needs even though the text does not.
    fn in_junk_beyond_headers(&self, node: NodeRef<'a>) -> bool {
        std::iter::once(node).chain(node.ancestors()).any(|n| {
            self.junk.contains(&n.id()) && n.value().as_element().is_none_or(|element| element.name() != "header")
        })
    }

    fn main_text(&self, title: Option<&str>) -> String {
        let roots = self.content_roots();
        if roots.is_empty() {
            // No paragraph of any length: take whatever non-junk text the body has.
            return self.render(&[self.root], title);
        }
        self.render(&roots, title)
    }

    /// The best-scoring container and the siblings that belong with it, in document order.
    fn content_roots(&self) -> Vec<NodeRef<'a>> {
        let mut scores: HashMap<NodeId, f64> = HashMap::new();
        for &id in &self.order {
            let Some(node) = self.node(id) else { continue };
            let Some(element) = node.value().as_element() else { continue };
            let stats = self.stats(id);
            if !is_paragraph_like(element.name(), &stats) || stats.text < 25 {
                continue;
            }
            let content = 1.0 + stats.commas as f64 + (stats.text as f64 / 100.0).min(3.0);
            for (level, ancestor) in node.ancestors().take(3).enumerate() {
                let Some(ancestor_element) = ancestor.value().as_element() else { break };
                if ancestor_element.name() == "html" {
                    break;
                }
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    level => level as f64 * 3.0,
                };
                *scores.entry(ancestor.id()).or_insert_with(|| initial_score(ancestor_element)) += content / divider;
            }
        }
        let final_score = |id: NodeId| scores.get(&id).map(|score| score * (1.0 - self.stats(id).link_density()));
        let mut best: Option<(NodeId, f64)> = None;
        for &id in &self.order {
            if let Some(score) = final_score(id)
                && best.is_none_or(|(_, top)| score > top)
            {
                best = Some((id, score));
            }
        }
        let Some((top_id, top_score)) = best else { return Vec::new() };
        let Some(top) = self.node(top_id) else { return Vec::new() };
        let Some(parent) =
            top.parent().filter(|parent| parent.value().as_element().is_some_and(|e| e.name() != "html"))
        else {
            return vec![top];
        };
        let threshold = (top_score * 0.2).max(10.0);
        let top_class = top.value().as_element().and_then(|e| e.attr("class")).unwrap_or("");
        parent
            .children()
            .filter(|sibling| {
                if sibling.id() == top_id {
                    return true;
                }
                let Some(element) = sibling.value().as_element() else { return false };
                if self.junk.contains(&sibling.id()) {
                    return false;
                }
                let same_class = !top_class.is_empty() && element.attr("class") == Some(top_class);
                let bonus = if same_class { top_score * 0.2 } else { 0.0 };
                if final_score(sibling.id()).is_some_and(|score| score + bonus >= threshold) {
                    return true;
                }
                let stats = self.stats(sibling.id());
                element.name() == "p"
                    && ((stats.text > 80 && stats.link_density() < 0.25)
                        || (stats.text > 0 && stats.link == 0 && sentence_like(*sibling)))
            })
            .collect()
    }

    /// Renders the text of `roots`: blocks as paragraphs separated by blank lines.
    fn render(&self, roots: &[NodeRef<'a>], title: Option<&str>) -> String {
        let mut out = TextBuilder::default();
        for root in roots {
            let mut skipping: Option<NodeId> = None;
            let mut preformatted = 0usize;
            for edge in root.traverse() {
                match edge {
                    Edge::Open(node) => {
                        if skipping.is_some() {
                            continue;
                        }
                        match node.value() {
                            Node::Element(element) => {
                                if self.junk.contains(&node.id()) || self.dropped_from_content(node, element, title) {
                                    skipping = Some(node.id());
                                    continue;
                                }
                                let tag = element.name();
                                if tag == "br" {
                                    out.line_break();
                                } else if is_block(tag) {
                                    out.paragraph_break();
                                } else if matches!(tag, "td" | "th") {
                                    out.push(" ", false);
                                }
                                preformatted += usize::from(tag == "pre");
                            }
                            Node::Text(text) => out.push(text, preformatted > 0),
                            _ => {}
                        }
                    }
                    Edge::Close(node) => {
                        if let Some(skipped) = skipping {
                            if skipped == node.id() {
                                skipping = None;
                            }
                            continue;
                        }
                        if let Some(element) = node.value().as_element() {
                            if is_block(element.name()) {
                                out.paragraph_break();
                            }
                            preformatted -= usize::from(element.name() == "pre");
                        }
                    }
                }
            }
            out.paragraph_break();
        }
        out.finish()
    }

    /// Inside the chosen container: the headline (any `<h1>`, or a heading repeating the title), link lists and
    /// small furniture (`entry-meta`) are not article text.
    fn dropped_from_content(&self, node: NodeRef<'a>, element: &Element, title: Option<&str>) -> bool {
        let tag = element.name();
        if tag == "h1" {
            return true;
        }
        if matches!(tag, "h2" | "h3" | "h4" | "h5" | "h6")
            && let Some(title) = title
            && text_of(node).eq_ignore_ascii_case(title)
        {
            return true;
        }
        let stats = self.stats(node.id());
        if matches!(tag, "p" | "ul" | "ol" | "dl" | "div" | "section" | "table")
            && stats.text > 0
            && stats.link_density() > 0.5
        {
            return true;
        }
        stats.text < SMALL_FURNITURE && class_words(element).iter().any(|word| SOFT_NEGATIVE.contains(&word.as_str()))
    }

    fn metadata(&self) -> Metadata {
        let mut found = Found::default();
        for node in self.root.descendants() {
            let Some(element) = node.value().as_element() else { continue };
            match element.name() {
                "meta" => {
                    let key = element.attr("property").or(element.attr("name")).or(element.attr("itemprop"));
                    if let (Some(key), Some(content)) = (key, element.attr("content")) {
                        found.meta.push((key.trim().to_ascii_lowercase(), content.trim().to_string()));
                    }
                }
                "title" if found.title_tag.is_none() => found.title_tag = Some(text_of(node)),
                "link" => {
                    let rel = element.attr("rel").unwrap_or("").to_ascii_lowercase();
                    if rel.split_whitespace().any(|word| word == "canonical") && found.canonical.is_none() {
                        found.canonical = element.attr("href").map(|href| href.trim().to_string());
                    }
                }
                "script"
                    if element.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
                {
                    if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text_of_raw(node)) {
                        found.json_ld.push(value);
                    }
                }
                "h1" if found.h1.is_none() && !self.in_junk_beyond_headers(node) => found.h1 = Some(text_of(node)),
                _ => {}
            }
            // A few candidates suffice; capping them keeps pathological pages linear.
            if element.attr("itemprop") == Some("datePublished")
                && element.name() != "meta"
                && found.dated_elements.len() < MAX_DATE_CANDIDATES
            {
                found.dated_elements.extend(element.attr("datetime").or(element.attr("content")).map(str::to_string));
            }
            if element.name() == "time"
                && found.time_elements.len() < MAX_DATE_CANDIDATES
                && let Some(datetime) = element.attr("datetime")
                && !self.in_junk_beyond_headers(node)
            {
                found.time_elements.push(datetime.to_string());
            }
        }
        found.into_metadata()
    }
}

fn initial_score(element: &Element) -> f64 {
    let tag_score = match element.name() {
        "article" => 10.0,
        "div" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    let words = class_words(element);
    let has = |list: &[&str]| words.iter().any(|word| list.contains(&word.as_str()));
    let mut weight = 0.0;
    if has(&POSITIVE) || element.attr("itemprop") == Some("articleBody") {
        weight += 25.0;
    }
    if has_hard_negative(&words) || has(&SOFT_NEGATIVE) {
        weight -= 25.0;
    }
    tag_score + weight
}

fn is_paragraph_like(tag: &str, stats: &Stats) -> bool {
    match tag {
        "p" | "pre" | "td" => true,
        "div" | "section" | "article" => !stats.has_block_child,
        _ => false,
    }
}

fn sentence_like(node: NodeRef<'_>) -> bool {
    let text = text_of(node);
    text.ends_with('.') || text.contains(". ")
}

/// An element's text with whitespace collapsed.
fn text_of(node: NodeRef<'_>) -> String {
    text_of_raw(node).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text_of_raw(node: NodeRef<'_>) -> String {
    node.descendants().filter_map(|n| n.value().as_text().map(|text| &**text)).collect()
}

/// Paragraph accumulator: collapses inline whitespace, keeps `<pre>` verbatim, drops empty and boilerplate
/// paragraphs.
#[derive(Default)]
struct TextBuilder {
    paragraphs: Vec<String>,
    current: String,
    pending_space: bool,
    line_breaks: usize,
}

impl TextBuilder {
    fn push(&mut self, text: &str, preformatted: bool) {
        for c in text.chars() {
            if matches!(c, '\u{200b}' | '\u{feff}' | '\u{ad}') {
                continue;
            }
            if preformatted {
                if c != '\r' {
                    self.current.push(c);
                }
            } else if c.is_whitespace() {
                self.pending_space = !self.current.is_empty();
                continue;
            } else {
                if self.pending_space && !self.current.ends_with('\n') {
                    self.current.push(' ');
                }
                self.pending_space = false;
                self.current.push(c);
            }
            self.line_breaks = 0;
        }
    }

    fn line_break(&mut self) {
        self.line_breaks += 1;
        if self.line_breaks >= 2 {
            self.paragraph_break();
        } else if !self.current.is_empty() {
            self.current.push('\n');
            self.pending_space = false;
        }
    }

    fn paragraph_break(&mut self) {
        let lines: Vec<&str> = self.current.lines().map(str::trim).filter(|line| !line.is_empty()).collect();
        let paragraph = lines.join("\n");
        if !paragraph.is_empty() && !is_boilerplate(&paragraph) && !is_dateline(&paragraph) {
            self.paragraphs.push(paragraph);
        }
        self.current.clear();
        self.pending_space = false;
        self.line_breaks = 0;
    }

    fn finish(mut self) -> String {
        self.paragraph_break();
        self.paragraphs.join("\n\n")
    }
}

struct Metadata {
    title: Option<String>,
    published: Option<String>,
    source: Option<String>,
    url: Option<String>,
}

#[derive(Default)]
struct Found {
    meta: Vec<(String, String)>,
    title_tag: Option<String>,
    canonical: Option<String>,
    json_ld: Vec<serde_json::Value>,
    h1: Option<String>,
    dated_elements: Vec<String>,
    time_elements: Vec<String>,
}

/// How many `<time>` / `itemprop="datePublished"` elements are kept as date candidates.
const MAX_DATE_CANDIDATES: usize = 8;

/// Meta keys naming the publication date, best first.
const DATE_KEYS: [&str; 21] = [
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "original-publish-date",
    "datecreated",
];

impl Found {
    fn meta(&self, key: &str) -> Option<&str> {
        self.meta.iter().find(|(k, value)| k == key && !value.is_empty()).map(|(_, value)| value.as_str())
    }

    fn json_ld_string(&self, key: &str) -> Option<String> {
        self.json_ld.iter().find_map(|value| find_in_json_ld(value, key))
    }

    /// The `<title>` without the site name; when the page's `<h1>` is part of it, the `<h1>` (sites decorate
    /// `<title>` with their name and section).
    fn cleaned_title_tag(&self, title: &str, site: Option<&str>) -> String {
        let title = without_site_name(title, site);
        match &self.h1 {
            Some(h1) if h1.len() >= 8 && h1.len() < title.len() && title.contains(h1.as_str()) => h1.clone(),
            _ => title,
        }
    }

    fn into_metadata(self) -> Metadata {
        let source = self
            .meta("og:site_name")
            .map(str::to_string)
            .or_else(|| self.json_ld.iter().find_map(publisher_name))
            .or_else(|| self.meta("application-name").map(str::to_string));
        let title = self
            .meta("og:title")
            .or_else(|| self.meta("twitter:title"))
            .map(str::to_string)
            .or_else(|| self.json_ld_string("headline"))
            .or_else(|| self.title_tag.as_deref().map(|title| self.cleaned_title_tag(title, source.as_deref())))
            .or_else(|| self.h1.clone())
            .filter(|title| !title.trim().is_empty());
        let published = DATE_KEYS
            .iter()
            .filter_map(|key| self.meta(key))
            .map(str::to_string)
            .chain(self.json_ld_string("datePublished"))
            .chain(self.dated_elements.iter().cloned())
            .chain(self.time_elements.iter().cloned())
            .find_map(|raw| crate::dates::normalize_published(&raw));
        let url = self
            .canonical
            .clone()
            .filter(|url| url.starts_with("http://") || url.starts_with("https://"))
            .or_else(|| self.meta("og:url").map(str::to_string));
        Metadata { title, published, source, url }
    }
}

/// `Headline | Site` → `Headline` when `Site` is the known site name.
fn without_site_name(title: &str, site: Option<&str>) -> String {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(site) = site else { return title };
    for separator in [" | ", " - ", " — ", " – ", " :: ", " · "] {
        if let Some(head) = title.strip_suffix(site).and_then(|rest| rest.strip_suffix(separator)) {
            return head.to_string();
        }
        if let Some(tail) = title.strip_prefix(site).and_then(|rest| rest.strip_prefix(separator)) {
            return tail.to_string();
        }
    }
    title
}

/// The first string value of `key` in a JSON-LD document (objects, arrays and `@graph` searched in order).
fn find_in_json_ld(value: &serde_json::Value, key: &str) -> Option<String> {
    match value {
        serde_json::Value::Object(object) => match object.get(key) {
            Some(serde_json::Value::String(found)) => Some(found.clone()),
            _ => object.values().find_map(|child| find_in_json_ld(child, key)),
        },
        serde_json::Value::Array(items) => items.iter().find_map(|item| find_in_json_ld(item, key)),
        _ => None,
    }
}

fn publisher_name(value: &serde_json::Value) -> Option<String> {
    let publisher = match value {
        serde_json::Value::Object(object) => object.get("publisher"),
        _ => None,
    };
    match publisher {
        Some(serde_json::Value::Object(publisher)) => {
            publisher.get("name").and_then(|n| n.as_str()).map(str::to_string)
        }
        Some(serde_json::Value::String(name)) => Some(name.clone()),
        _ => match value {
            serde_json::Value::Object(object) => object.values().find_map(publisher_name),
            serde_json::Value::Array(items) => items.iter().find_map(publisher_name),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(html: &str) -> Result<Article, ReadError> {
        parse(html.as_bytes(), "page.html", &ReadOptions::default())
    }

    #[test]
    fn keeps_paragraphs_and_drops_furniture() {
        let html = r##"<!DOCTYPE html><html><head><title>Ministers meet | Daily Example</title>
            <meta property="og:site_name" content="Daily Example">
            <meta property="article:published_time" content="2026-02-05T08:00:00+01:00">
            <link rel="canonical" href="https://example.org/ministers-meet">
            <style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
            <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
            <div class="share-tools"><a href="#">Share on social media</a></div>
            <article><h1>Ministers meet</h1>
              <p>The foreign ministers of two neighbouring countries met on Thursday, their first meeting in a year.</p>
              <!-- an editor's comment -->
              <div class="ad-slot">Buy our product, now with more features than ever before!</div>
              <p>They agreed to reopen a border crossing, officials said, and to meet again in spring.</p>
              <p>Advertisement</p>
            </article>
            <footer>Copyright notice and a long list of links about the company and its policies.</footer>
            </body></html>"##;
        let article = read(html).unwrap();
        assert_eq!(article.title.as_deref(), Some("Ministers meet"));
        assert_eq!(article.source.as_deref(), Some("Daily Example"));
        assert_eq!(article.published.as_deref(), Some("2026-02-05T08:00:00+01:00"));
        assert_eq!(article.url.as_deref(), Some("https://example.org/ministers-meet"));
        assert_eq!(
            article.text,
            "The foreign ministers of two neighbouring countries met on Thursday, their first meeting in a year.\n\n\
             They agreed to reopen a border crossing, officials said, and to meet again in spring."
        );
        assert_eq!(article.origin.unwrap().format, "html");
    }

    #[test]
    fn truncation_rule() {
        let cut_in_tag = "<html><body><p>Some words of an article that was cut</p><div class=\"nex";
        let error = read(cut_in_tag).unwrap_err();
        assert_eq!(error.line, Some(1));
        assert!(
            error.cause.starts_with("truncated HTML: the document ends inside a tag (`<div class=\"nex`"),
            "{error}"
        );
        let cut_in_comment = "<html><body><p>Text here.</p>\n<!-- a comment that never";
        assert_eq!(
            read(cut_in_comment).unwrap_err().to_string(),
            "page.html:2: truncated HTML: the document ends inside a comment (`<!--` is never closed)"
        );
        let no_text_no_close = "<html><head><title>T</title></head><body><nav>menu</nav>";
        assert_eq!(
            read(no_text_no_close).unwrap_err().cause,
            "truncated HTML: no closing </body> or </html> and no article text"
        );
        let no_text = "<html><body><nav>menu</nav></body></html>";
        assert!(read(no_text).unwrap_err().cause.starts_with("article has no text"));
        // Omitted closing tags are valid HTML when the text is there.
        let unclosed = "<html><body><p>A complete paragraph without closing tags, which HTML allows.";
        assert_eq!(read(unclosed).unwrap().text, "A complete paragraph without closing tags, which HTML allows.");
        assert_eq!(read("<p>1 < 2 and 3 <").unwrap().text, "1 < 2 and 3 <");
    }

    #[test]
    fn declared_charset_is_honoured() {
        let latin1 = b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\xe9 talks in S\xe3o Paulo ended without agreement.</p></body></html>";
        let article = parse(latin1, "page.html", &ReadOptions::default()).unwrap();
        assert_eq!(article.text, "Café talks in São Paulo ended without agreement.");
        let undeclared = b"<html><body><p>Caf\xe9</p></body></html>";
        let error = parse(undeclared, "page.html", &ReadOptions::default()).unwrap_err();
        assert!(error.cause.starts_with("not valid UTF-8 at byte offset 18 and no charset is declared"), "{error}");
    }

    #[test]
    fn dates_from_json_ld_and_time_elements() {
        let json_ld = r#"<html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"H","datePublished":"2026-02-05T09:30:00+08:00","publisher":{"@type":"Organization","name":"Example Wire"}}]}</script></head><body><p>Body text that is long enough to count as a paragraph.</p></body></html>"#;
        let article = read(json_ld).unwrap();
        assert_eq!(article.published.as_deref(), Some("2026-02-05T09:30:00+08:00"));
        assert_eq!(article.source.as_deref(), Some("Example Wire"));
        assert_eq!(article.title.as_deref(), Some("H"));
        let time = r#"<html><body><aside><header><time datetime="2025-01-01"></time></header></aside><article><header><h1>Headline</h1><time datetime="2026-02-04">Feb 4</time></header><p>Body text that is long enough to count.</p></article></body></html>"#;
        let article = read(time).unwrap();
        assert_eq!(article.published.as_deref(), Some("2026-02-04"));
        assert_eq!(article.title.as_deref(), Some("Headline"));
        let meta = r#"<html><head><meta name="DC.date.issued" content="2026-02-03"><meta name="date" content="not a date"></head><body><p>Body text that is long enough.</p></body></html>"#;
        assert_eq!(read(meta).unwrap().published.as_deref(), Some("2026-02-03"), "unreadable candidates are skipped");
    }

    #[test]
    fn line_breaks_and_lists() {
        let html = "<html><body><div class=\"story\"><p>First line<br>second line</p><p>Para<br><br>split by two breaks</p>\
                    <ul><li>A point made in the article, at some length.</li><li>Another point, also long enough.</li></ul>\
                    <ul><li><a href=\"/a\">Related link one</a></li><li><a href=\"/b\">Related link two</a></li></ul></div></body></html>";
        assert_eq!(
            read(html).unwrap().text,
            "First line\nsecond line\n\nPara\n\nsplit by two breaks\n\nA point made in the article, at some length.\n\nAnother point, also long enough."
        );
    }

    #[test]
    fn fragments_reduce_to_text() {
        assert_eq!(fragment_to_text("<p>One &amp; two.</p><p>Three<script>x()</script></p>"), "One & two.\n\nThree");
        assert_eq!(fragment_to_text("plain text, no markup"), "plain text, no markup");
    }
}
