//! Read queries over stored annotations for the CLI's listing commands: events, one event with its context,
//! quotes, people (entities aggregated across articles), themes and their evidence phrases, an article's tone.
//!
//! Rows are rebuilt into the `attache-doc` types they were written from ([`Event`], [`Quote`]), so the CLI
//! and the coder's explanation code work on exactly what `attache code` printed.

use crate::{Store, StoreError};
use attache_doc::{ActorRef, Event, EventEvidence, Mention, Mode, Quote, QuoteKind, Span, Speaker, Tone};
use rusqlite::{OptionalExtension, Row, ToSql};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Which events to list. Codes are compared as written (CAMEO codes are upper case); dates are inclusive
/// `YYYY-MM-DD` and compare with the event's own date.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Source or target actor code starts with this (`CHN` matches `CHNGOV`).
    pub actor: Option<String>,
    /// Source actor code starts with this.
    pub source: Option<String>,
    /// Target actor code starts with this.
    pub target: Option<String>,
    /// Source and target codes start with these two, in either order unless `directed`.
    pub pair: Option<(String, String)>,
    /// With `pair`: only the first → second direction.
    pub directed: bool,
    /// Exact CAMEO event code (`041`).
    pub code: Option<String>,
    /// CAMEO root (`04`).
    pub root: Option<String>,
    /// QuadClass 1–4.
    pub quad: Option<u8>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// Only this mode; `None` lists every mode.
    pub mode: Option<Mode>,
    /// Only events of the article with this id.
    pub article: Option<String>,
    pub limit: Option<u64>,
    pub offset: u64,
}

/// An event as stored, with the article it came from and the sentence it was coded from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredEvent {
    /// The article's id.
    pub article: String,
    pub title: Option<String>,
    /// The article's publication date or date-time, as read.
    pub published: Option<String>,
    pub event: Event,
    /// Character offset of the sentence in the article text (event spans are article offsets).
    pub sentence_start: u32,
    pub sentence_text: String,
}

impl StoredEvent {
    /// The event's stable id, `ARTICLE_ID:IDX` (what `attache why` takes).
    pub fn id(&self) -> String {
        format!("{}:{}", self.article, self.event.id)
    }
}

/// Which quotes to list. Dates are the article's publication day, inclusive.
#[derive(Debug, Clone, Default)]
pub struct QuoteFilter {
    /// The speaker's canonical name is this, or contains it as whole words (`Bessent`, `Wang`, `Scott
    /// Bessent`); case-insensitive for ASCII letters.
    pub speaker: Option<String>,
    pub article: Option<String>,
    /// Only quotes in whose sentences this theme was found (theme ids compare case-insensitively).
    pub about: Option<String>,
    pub kind: Option<QuoteKind>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: Option<u64>,
    pub offset: u64,
}

/// A quote as stored, with its article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredQuote {
    pub article: String,
    pub published: Option<String>,
    pub quote: Quote,
}

impl StoredQuote {
    /// The quote's stable id, `ARTICLE_ID:IDX`.
    pub fn id(&self) -> String {
        format!("{}:{}", self.article, self.quote.id)
    }
}

/// Which entities to aggregate. Entities with the same kind and canonical name are one row across articles.
#[derive(Debug, Clone, Default)]
pub struct EntityFilter {
    /// `person`, `organization` or `place`.
    pub kind: Option<String>,
    /// Count only this article's entities.
    pub article: Option<String>,
    /// Keep entities whose code (the one most often given) starts with this.
    pub code: Option<String>,
    /// Keep entities whose name contains this (case-insensitive for ASCII letters).
    pub search: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: Option<u64>,
    pub offset: u64,
}

/// One person, organisation or place across the articles that mention it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntitySummary {
    pub name: String,
    pub kind: String,
    /// The code, role and affiliation most often given (ties: the alphabetically first).
    pub code: Option<String>,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    /// Proper-name mentions, summed over articles.
    pub mentions: u64,
    pub articles: u64,
    /// Earliest and latest publication day of those articles.
    pub first: Option<String>,
    pub last: Option<String>,
}

/// Which articles theme counts cover. Dates are the publication day, inclusive.
#[derive(Debug, Clone, Default)]
pub struct ThemeFilter {
    pub from: Option<String>,
    pub to: Option<String>,
    pub article: Option<String>,
}

/// One theme across articles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeCount {
    pub theme: String,
    pub articles: u64,
    pub sentences: u64,
    pub mentions: u64,
    /// Mean tone of the articles carrying the theme (those with a tone).
    pub tone: Option<f64>,
}

/// One evidence phrase of a theme across articles (phrases differing only in ASCII case are one).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemePhrase {
    pub phrase: String,
    pub mentions: u64,
    pub articles: u64,
    pub first: Option<String>,
    pub last: Option<String>,
}

/// SQL `WHERE` clauses and their parameters, built up filter by filter.
#[derive(Default)]
pub(crate) struct Conditions {
    pub(crate) sql: String,
    args: Vec<Box<dyn ToSql>>,
}

impl Conditions {
    pub(crate) fn push(&mut self, clause: &str, args: impl IntoIterator<Item = Box<dyn ToSql>>) {
        self.sql.push_str(" AND ");
        self.sql.push_str(clause);
        self.args.extend(args);
    }

    /// `column` starts with `prefix` (exact, case-sensitive; no pattern characters to escape).
    fn prefix_clause(column: &str, prefix: &str) -> (String, Vec<Box<dyn ToSql>>) {
        let length = prefix.chars().count() as i64;
        (format!("substr({column}, 1, ?) = ?"), vec![Box::new(length), Box::new(prefix.to_string())])
    }

    fn starts_with(&mut self, column: &str, prefix: &str) {
        let (clause, args) = Conditions::prefix_clause(column, prefix);
        self.push(&clause, args);
    }

    fn equals(&mut self, column: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.push(&format!("{column} = ?"), [text(value)]);
        }
    }

    fn dates(&mut self, column: &str, from: Option<&str>, to: Option<&str>) {
        if let Some(from) = from {
            self.push(&format!("{column} >= ?"), [text(from)]);
        }
        if let Some(to) = to {
            self.push(&format!("{column} <= ?"), [text(to)]);
        }
    }

    fn page(&mut self, limit: Option<u64>, offset: u64) {
        self.sql.push_str(" LIMIT ? OFFSET ?");
        self.args.push(Box::new(limit.map_or(-1, clamp)));
        self.args.push(Box::new(clamp(offset)));
    }

    pub(crate) fn params(&self) -> Vec<&dyn ToSql> {
        self.args.iter().map(|a| a.as_ref()).collect()
    }
}

fn text(value: &str) -> Box<dyn ToSql> {
    Box::new(value.to_string())
}

fn clamp(n: u64) -> i64 {
    n.min(i64::MAX as u64) as i64
}

fn count(row: &Row<'_>, index: usize) -> rusqlite::Result<u64> {
    Ok(row.get::<_, Option<i64>>(index)?.unwrap_or(0).max(0) as u64)
}

/// A value in the database that the `attache-doc` types cannot hold (a hand-edited row): an error, not a panic.
fn bad_value(index: usize, what: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, what.into())
}

fn span(row: &Row<'_>, start: usize) -> rusqlite::Result<Span> {
    Ok(Span { start: row.get(start)?, end: row.get(start + 1)? })
}

fn optional_span(row: &Row<'_>, start: usize) -> rusqlite::Result<Option<Span>> {
    let begin: Option<u32> = row.get(start)?;
    let end: Option<u32> = row.get(start + 1)?;
    Ok(begin.zip(end).map(|(start, end)| Span { start, end }))
}

fn parse_mode(name: &str) -> Option<Mode> {
    [Mode::Fact, Mode::Negated, Mode::Hypothetical, Mode::Future].into_iter().find(|mode| mode.as_str() == name)
}

fn parse_quote_kind(name: &str) -> Option<QuoteKind> {
    match name {
        "direct" => Some(QuoteKind::Direct),
        "partial" => Some(QuoteKind::Partial),
        "indirect" => Some(QuoteKind::Indirect),
        _ => None,
    }
}

/// The name of a quote kind as stored.
pub fn quote_kind_name(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Partial => "partial",
        QuoteKind::Indirect => "indirect",
    }
}

/// Columns of one actor (code, country, sectors, start, end, text, entry) for a column prefix.
fn actor_columns(prefix: &str) -> String {
    ["code", "country", "sectors", "start", "end", "text", "entry"]
        .iter()
        .map(|c| format!("e.{prefix}_{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads the seven actor columns starting at `at`; `None` when the code is NULL (no reporter).
fn actor(row: &Row<'_>, at: usize) -> rusqlite::Result<Option<ActorRef>> {
    let Some(code) = row.get::<_, Option<String>>(at)? else { return Ok(None) };
    let sectors: Option<String> = row.get(at + 2)?;
    let sectors: Vec<String> = match sectors {
        Some(json) => serde_json::from_str(&json)
            .map_err(|error| bad_value(at + 2, format!("sectors `{json}` are not a JSON list: {error}")))?,
        None => Vec::new(),
    };
    Ok(Some(ActorRef {
        code,
        country: row.get(at + 1)?,
        sectors,
        span: optional_span(row, at + 3)?.unwrap_or_default(),
        text: row.get::<_, Option<String>>(at + 5)?.unwrap_or_default(),
        entry: row.get(at + 6)?,
    }))
}

/// Every column an [`Event`] needs, then the article and sentence context (read by [`stored_event`]), for the
/// events that `conditions` (`AND …` clauses over `e` and `a`, then ordering and paging) select. The page is
/// chosen first, on the events' own columns and indexes, so that only its rows pay for the article and sentence
/// text; the sentence is read by correlated subqueries, which look up one sentence where a join would read them
/// all.
pub(crate) fn event_select(conditions: &str) -> String {
    format!(
        "WITH page AS MATERIALIZED (SELECT e.article, e.idx FROM events e JOIN articles a ON a.pk = e.article \
         WHERE 1{conditions}) \
         SELECT {} FROM page p JOIN events e ON e.article = p.article AND e.idx = p.idx \
         JOIN articles a ON a.pk = e.article ORDER BY {EVENT_ORDER}",
        event_columns()
    )
}

/// [`event_select`] for one event by its article's key (`?1`) and its index (`?2`): a point look-up.
pub(crate) fn event_by_key_select() -> String {
    format!(
        "SELECT {} FROM events e JOIN articles a ON a.pk = e.article WHERE e.article = ?1 AND e.idx = ?2",
        event_columns()
    )
}

/// The columns [`stored_event`] reads, over events `e` and articles `a`.
fn event_columns() -> String {
    format!(
        "a.id, a.title, a.published, \
         (SELECT s.char_start FROM sentences s WHERE s.article = e.article AND s.idx = e.sentence), \
         (SELECT substr(a.text, s.char_start + 1, s.char_end - s.char_start) FROM sentences s \
          WHERE s.article = e.article AND s.idx = e.sentence), \
         e.idx, e.sentence, {}, {}, {}, e.code, e.root, e.name, e.goldstein, e.quad_class, e.plover, e.mode, e.date, \
         e.date_start, e.date_end, e.verb_start, e.verb_end, e.verb_text, e.evidence_dictionary, \
         e.evidence_verb_entry, e.evidence_pattern, e.evidence_rule",
        actor_columns("source"),
        actor_columns("target"),
        actor_columns("reporter")
    )
}

/// The `AND …` clauses (over events `e` and articles `a`) that select the events `filter` describes, without
/// ordering or paging.
pub(crate) fn event_conditions(filter: &EventFilter) -> Conditions {
    let mut c = Conditions::default();
    if let Some(actor) = &filter.actor {
        let (source, mut args) = Conditions::prefix_clause("e.source_code", actor);
        let (target, more) = Conditions::prefix_clause("e.target_code", actor);
        args.extend(more);
        c.push(&format!("({source} OR {target})"), args);
    }
    if let Some(source) = &filter.source {
        c.starts_with("e.source_code", source);
    }
    if let Some(target) = &filter.target {
        c.starts_with("e.target_code", target);
    }
    if let Some((first, second)) = &filter.pair {
        let directed = |from: &str, to: &str| {
            let (source, mut args) = Conditions::prefix_clause("e.source_code", from);
            let (target, more) = Conditions::prefix_clause("e.target_code", to);
            args.extend(more);
            (format!("({source} AND {target})"), args)
        };
        let (forward, mut args) = directed(first, second);
        if filter.directed {
            c.push(&forward, args);
        } else {
            let (backward, more) = directed(second, first);
            args.extend(more);
            c.push(&format!("({forward} OR {backward})"), args);
        }
    }
    c.equals("e.code", filter.code.as_deref());
    c.equals("e.root", filter.root.as_deref());
    if let Some(quad) = filter.quad {
        c.push("e.quad_class = ?", [Box::new(i64::from(quad)) as Box<dyn ToSql>]);
    }
    c.dates("e.date", filter.from.as_deref(), filter.to.as_deref());
    c.equals("e.mode", filter.mode.map(|m| m.as_str()));
    c.equals("a.id", filter.article.as_deref());
    c
}

/// Events in date order (undated last), then by article and position in it.
const EVENT_ORDER: &str = "e.date NULLS LAST, a.pk, e.idx";

pub(crate) fn stored_event(row: &Row<'_>) -> rusqlite::Result<StoredEvent> {
    const SOURCE: usize = 7;
    const TARGET: usize = SOURCE + 7;
    const REPORTER: usize = TARGET + 7;
    const REST: usize = REPORTER + 7;
    let required = |at: usize| -> rusqlite::Result<ActorRef> {
        actor(row, at)?.ok_or_else(|| bad_value(at, "an event without an actor code".into()))
    };
    let mode: String = row.get(REST + 6)?;
    let quad: i64 = row.get(REST + 4)?;
    let event = Event {
        id: row.get(5)?,
        sentence: row.get(6)?,
        source: required(SOURCE)?,
        target: required(TARGET)?,
        code: row.get(REST)?,
        root: row.get(REST + 1)?,
        name: row.get(REST + 2)?,
        goldstein: row.get::<_, f64>(REST + 3)? as f32,
        quad_class: u8::try_from(quad).map_err(|_| bad_value(REST + 4, format!("QuadClass {quad}")))?,
        plover: row.get(REST + 5)?,
        mode: parse_mode(&mode).ok_or_else(|| bad_value(REST + 6, format!("unknown mode `{mode}`")))?,
        date: row.get(REST + 7)?,
        date_span: optional_span(row, REST + 8)?,
        verb: span(row, REST + 10)?,
        verb_text: row.get(REST + 12)?,
        reporter: actor(row, REPORTER)?,
        evidence: EventEvidence {
            dictionary: row.get(REST + 13)?,
            verb_entry: row.get(REST + 14)?,
            pattern: row.get(REST + 15)?,
            rule: row.get(REST + 16)?,
        },
    };
    Ok(StoredEvent {
        article: row.get(0)?,
        title: row.get(1)?,
        published: row.get(2)?,
        event,
        sentence_start: row.get::<_, Option<u32>>(3)?.unwrap_or(0),
        sentence_text: row.get::<_, Option<String>>(4)?.unwrap_or_default(),
    })
}

fn quote_select() -> &'static str {
    "SELECT a.id, a.published, q.idx, q.kind, q.char_start, q.char_end, q.text, q.first_sentence, \
     q.last_sentence, q.cue_start, q.cue_end, q.cue_text, q.speaker_entity, q.speaker_name, q.speaker_start, \
     q.speaker_end, q.speaker_text, q.speaker_resolution, q.speaker_role, q.speaker_affiliation, q.speaker_code \
     FROM quotes q JOIN articles a ON a.pk = q.article WHERE 1"
}

fn stored_quote(row: &Row<'_>) -> rusqlite::Result<StoredQuote> {
    let kind: String = row.get(3)?;
    let mention = |at: usize| -> rusqlite::Result<Option<Mention>> {
        let text: Option<String> = row.get(at + 2)?;
        Ok(optional_span(row, at)?.zip(text).map(|(s, text)| Mention { start: s.start, end: s.end, text }))
    };
    let speaker = match row.get::<_, Option<String>>(13)? {
        Some(name) => Some(Speaker {
            entity: row.get(12)?,
            name,
            mention: mention(14)?.unwrap_or(Mention { start: 0, end: 0, text: String::new() }),
            resolution: row.get::<_, Option<String>>(17)?.unwrap_or_default(),
            role: row.get(18)?,
            affiliation: row.get(19)?,
            code: row.get(20)?,
        }),
        None => None,
    };
    let quote = Quote {
        id: row.get(2)?,
        kind: parse_quote_kind(&kind).ok_or_else(|| bad_value(3, format!("unknown quote kind `{kind}`")))?,
        start: row.get(4)?,
        end: row.get(5)?,
        text: row.get(6)?,
        sentences: [row.get(7)?, row.get(8)?],
        cue: mention(9)?,
        speaker,
    };
    Ok(StoredQuote { article: row.get(0)?, published: row.get(1)?, quote })
}

/// Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern.
fn like_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The most frequent value of a tally (ties: the smallest), or `None` when nothing was counted.
fn most_often(tally: &HashMap<String, u64>) -> Option<String> {
    tally.iter().max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0))).map(|(value, _)| value.clone())
}

impl Store {
    /// The article's internal key, or `None` when no article has that id.
    fn article_pk(&self, id: &str) -> Result<Option<i64>, StoreError> {
        Ok(self.conn.query_row("SELECT pk FROM articles WHERE id = ?1", [id], |row| row.get(0)).optional()?)
    }

    /// True when an article with this id is stored.
    pub fn has_article(&self, id: &str) -> Result<bool, StoreError> {
        Ok(self.article_pk(id)?.is_some())
    }

    /// Events matching `filter`, in date order (undated last), then by article and position in it.
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<StoredEvent>, StoreError> {
        let mut events = Vec::new();
        self.for_each_event(filter, |event| {
            events.push(event);
            Ok::<_, StoreError>(())
        })?;
        Ok(events)
    }

    /// [`Store::events`] one row at a time, for exports of any size: `each` sees every event in the same order
    /// and its error stops the walk.
    pub fn for_each_event<E: From<StoreError>>(
        &self,
        filter: &EventFilter,
        mut each: impl FnMut(StoredEvent) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut c = event_conditions(filter);
        c.sql.push_str(" ORDER BY ");
        c.sql.push_str(EVENT_ORDER);
        c.page(filter.limit, filter.offset);
        let mut stmt = self.conn.prepare(&event_select(&c.sql)).map_err(StoreError::from)?;
        let mut rows = stmt.query(c.params().as_slice()).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            each(stored_event(row).map_err(StoreError::from)?)?;
        }
        Ok(())
    }

    /// How many events match `filter`, ignoring its limit and offset (the total behind a page of events).
    pub fn event_total(&self, filter: &EventFilter) -> Result<u64, StoreError> {
        let c = event_conditions(filter);
        let sql = format!("SELECT count(*) FROM events e JOIN articles a ON a.pk = e.article WHERE 1{}", c.sql);
        Ok(self.conn.prepare_cached(&sql)?.query_row(c.params().as_slice(), |row| count(row, 0))?)
    }

    /// One event by article id and the event's index in it.
    pub fn event(&self, article: &str, idx: u32) -> Result<Option<StoredEvent>, StoreError> {
        let sql = event_select(" AND a.id = ?1 AND e.idx = ?2");
        Ok(self.conn.query_row(&sql, rusqlite::params![article, idx], stored_event).optional()?)
    }

    /// How many events an article has (to tell a person which indexes exist).
    pub fn event_count(&self, article: &str) -> Result<u64, StoreError> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM events e JOIN articles a ON a.pk = e.article WHERE a.id = ?1",
            [article],
            |row| count(row, 0),
        )?)
    }

    /// Quotes matching `filter`, by publication day, then article, then position in the text.
    pub fn quotes(&self, filter: &QuoteFilter) -> Result<Vec<StoredQuote>, StoreError> {
        let mut c = Conditions::default();
        if let Some(speaker) = filter.speaker.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            let words = speaker.split_whitespace().collect::<Vec<_>>().join(" ");
            c.push(
                "(' ' || lower(q.speaker_name) || ' ') LIKE ('% ' || lower(?) || ' %') ESCAPE '\\'",
                [text(&like_literal(&words))],
            );
        }
        c.equals("a.id", filter.article.as_deref());
        if let Some(theme) = &filter.about {
            c.push(
                "EXISTS (SELECT 1 FROM themes t WHERE t.article = q.article AND t.theme = upper(?) \
                 AND t.sentence BETWEEN q.first_sentence AND q.last_sentence)",
                [text(theme)],
            );
        }
        c.equals("q.kind", filter.kind.map(quote_kind_name));
        c.dates("a.published_date", filter.from.as_deref(), filter.to.as_deref());
        c.sql.push_str(" ORDER BY a.published_date NULLS LAST, a.pk, q.char_start, q.idx");
        c.page(filter.limit, filter.offset);
        let mut stmt = self.conn.prepare(&format!("{}{}", quote_select(), c.sql))?;
        let rows = stmt.query_map(c.params().as_slice(), stored_quote)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// People, organisations and places aggregated by kind and canonical name: most articles first, then most
    /// mentions, then by name.
    pub fn entities(&self, filter: &EntityFilter) -> Result<Vec<EntitySummary>, StoreError> {
        let mut c = Conditions::default();
        c.equals("e.kind", filter.kind.as_deref());
        c.equals("a.id", filter.article.as_deref());
        if let Some(search) = &filter.search {
            c.push("e.name LIKE ('%' || ? || '%') ESCAPE '\\'", [text(&like_literal(search))]);
        }
        c.dates("a.published_date", filter.from.as_deref(), filter.to.as_deref());
        let sql = format!(
            "SELECT e.kind, e.name, e.code, e.role, e.affiliation, a.published_date, a.pk, \
             (SELECT count(*) FROM entity_mentions m WHERE m.article = e.article AND m.entity = e.idx) \
             FROM entities e JOIN articles a ON a.pk = e.article WHERE 1{}",
            c.sql
        );
        #[derive(Default)]
        struct Tally {
            codes: HashMap<String, u64>,
            roles: HashMap<String, u64>,
            affiliations: HashMap<String, u64>,
            mentions: u64,
            articles: HashSet<i64>,
            first: Option<String>,
            last: Option<String>,
        }
        let mut groups: HashMap<(String, String), Tally> = HashMap::new();
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(c.params().as_slice())?;
        while let Some(row) = rows.next()? {
            let tally = groups.entry((row.get(0)?, row.get(1)?)).or_default();
            for (at, map) in [(2, &mut tally.codes), (3, &mut tally.roles), (4, &mut tally.affiliations)] {
                if let Some(value) = row.get::<_, Option<String>>(at)?.filter(|v| !v.is_empty()) {
                    *map.entry(value).or_default() += 1;
                }
            }
            tally.articles.insert(row.get(6)?);
            tally.mentions += count(row, 7)?;
            if let Some(date) = row.get::<_, Option<String>>(5)? {
                if tally.first.as_ref().is_none_or(|first| &date < first) {
                    tally.first = Some(date.clone());
                }
                if tally.last.as_ref().is_none_or(|last| &date > last) {
                    tally.last = Some(date);
                }
            }
        }
        let mut summaries: Vec<EntitySummary> = groups
            .into_iter()
            .map(|((kind, name), tally)| EntitySummary {
                name,
                kind,
                code: most_often(&tally.codes),
                role: most_often(&tally.roles),
                affiliation: most_often(&tally.affiliations),
                mentions: tally.mentions,
                articles: tally.articles.len() as u64,
                first: tally.first,
                last: tally.last,
            })
            .filter(|s| match &filter.code {
                Some(prefix) => s.code.as_deref().is_some_and(|code| code.starts_with(prefix.as_str())),
                None => true,
            })
            .collect();
        summaries.sort_by(|a, b| {
            b.articles
                .cmp(&a.articles)
                .then(b.mentions.cmp(&a.mentions))
                .then_with(|| a.name.cmp(&b.name))
                .then_with(|| a.kind.cmp(&b.kind))
        });
        let start = usize::try_from(filter.offset).unwrap_or(usize::MAX).min(summaries.len());
        let mut page = summaries.split_off(start);
        if let Some(limit) = filter.limit {
            page.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        }
        Ok(page)
    }

    /// Theme counts over the articles `filter` selects: most articles first, then most mentions, then by id.
    pub fn theme_counts(&self, filter: &ThemeFilter) -> Result<Vec<ThemeCount>, StoreError> {
        let mut c = Conditions::default();
        c.equals("a.id", filter.article.as_deref());
        c.dates("a.published_date", filter.from.as_deref(), filter.to.as_deref());
        let sql = format!(
            // Per-article counts as in the `theme_summaries` view, but over the selected articles only.
            "SELECT ts.theme, count(*), sum(ts.sentences), sum(ts.mentions), avg(tn.tone) \
             FROM (SELECT t.article, t.theme, count(DISTINCT t.sentence) AS sentences, count(*) AS mentions \
                   FROM themes t JOIN articles a ON a.pk = t.article WHERE 1{} GROUP BY t.article, t.theme) ts \
             LEFT JOIN tones tn ON tn.article = ts.article \
             GROUP BY ts.theme ORDER BY count(*) DESC, sum(ts.mentions) DESC, ts.theme",
            c.sql
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(c.params().as_slice(), |row| {
            Ok(ThemeCount {
                theme: row.get(0)?,
                articles: count(row, 1)?,
                sentences: count(row, 2)?,
                mentions: count(row, 3)?,
                tone: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The evidence phrases of one theme (id compared case-insensitively) over the articles `filter` selects:
    /// most mentioned first.
    pub fn theme_phrases(&self, theme: &str, filter: &ThemeFilter) -> Result<Vec<ThemePhrase>, StoreError> {
        let mut c = Conditions::default();
        c.push("t.theme = upper(?)", [text(theme)]);
        c.equals("a.id", filter.article.as_deref());
        c.dates("a.published_date", filter.from.as_deref(), filter.to.as_deref());
        let sql = format!(
            "SELECT min(t.text), count(*), count(DISTINCT t.article), min(a.published_date), max(a.published_date) \
             FROM themes t JOIN articles a ON a.pk = t.article WHERE 1{} \
             GROUP BY lower(t.text) ORDER BY count(*) DESC, count(DISTINCT t.article) DESC, lower(t.text)",
            c.sql
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(c.params().as_slice(), |row| {
            Ok(ThemePhrase {
                phrase: row.get(0)?,
                mentions: count(row, 1)?,
                articles: count(row, 2)?,
                first: row.get(3)?,
                last: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The article's tone, when the tone stage ran on it.
    pub fn article_tone(&self, article: &str) -> Result<Option<Tone>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT t.tone, t.positive, t.negative, t.polarity, t.word_count \
                 FROM tones t JOIN articles a ON a.pk = t.article WHERE a.id = ?1",
                [article],
                |row| {
                    Ok(Tone {
                        tone: row.get::<_, f64>(0)? as f32,
                        positive: row.get::<_, f64>(1)? as f32,
                        negative: row.get::<_, f64>(2)? as f32,
                        polarity: row.get::<_, f64>(3)? as f32,
                        word_count: row.get(4)?,
                    })
                },
            )
            .optional()?)
    }
}
