//! GDELT 2.0 Event records: one tab-separated line of 61 fields per de-duplicated event, in GDELT's column order,
//! without a header (as GDELT's own files). `docs/exports.md` says which attache value fills each field.

use crate::ExportError;
use crate::records::base_code;
use attache_relations::actor::SECTOR_CODES;
use attache_store::GroupedEvent;
use std::io::Write;

/// GDELT 2.0's event columns, in order.
pub const GDELT_COLUMNS: [&str; 61] = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// Prefixes of actor codes that name an organisation rather than a country.
const ORGANISATION_PREFIXES: [&str; 4] = ["IGO", "NGO", "IMG", "MNC"];

/// GDELT's split of a CAMEO actor code into country, known group and up to three type codes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GdeltActor {
    pub country: String,
    pub known_group: String,
    pub types: [String; 3],
}

/// Splits an actor code into three-letter blocks: a country code (`CHN` of `CHNGOV`) is the country; sector
/// blocks (`GOV`, `MIL`, …) are the types, in order; for an organisation (`IGO…`, `NGO…`, `IMG…`, `MNC…`) the
/// prefix is the first type and the last block that is not a sector is the known group (`IGOUNOWFP` → `WFP`).
/// A code that is not whole blocks of capital letters and digits gives nothing beyond itself.
pub fn gdelt_actor(code: &str) -> GdeltActor {
    let mut actor = GdeltActor::default();
    if code.is_empty()
        || !code.len().is_multiple_of(3)
        || !code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return actor;
    }
    let blocks: Vec<&str> = (0..code.len()).step_by(3).map(|at| &code[at..at + 3]).collect();
    let mut types: Vec<&str> = Vec::new();
    let rest = if ORGANISATION_PREFIXES.contains(&blocks[0]) {
        types.push(blocks[0]);
        if let Some(group) = blocks[1..].iter().rev().find(|block| !SECTOR_CODES.contains(block)) {
            actor.known_group = group.to_string();
        }
        &blocks[1..]
    } else {
        actor.country = blocks[0].to_string();
        &blocks[1..]
    };
    types.extend(rest.iter().filter(|block| SECTOR_CODES.contains(block)));
    for (slot, code) in actor.types.iter_mut().zip(types) {
        *slot = code.to_string();
    }
    actor
}

/// Writes GDELT 2.0 Event records, one line per de-duplicated event.
pub struct GdeltWriter<W: Write> {
    out: W,
    rows: u64,
    line: String,
}

impl<W: Write> GdeltWriter<W> {
    pub fn new(out: W) -> Self {
        GdeltWriter { out, rows: 0, line: String::with_capacity(512) }
    }

    /// Writes one event's line.
    pub fn write(&mut self, event: &GroupedEvent) -> Result<(), ExportError> {
        let fields = gdelt_fields(event)?;
        self.line.clear();
        for (index, field) in fields.iter().enumerate() {
            if index > 0 {
                self.line.push('\t');
            }
            push_field(&mut self.line, field);
        }
        self.line.push('\n');
        self.out.write_all(self.line.as_bytes())?;
        self.rows += 1;
        Ok(())
    }

    /// Flushes and returns the lines written and the writer.
    pub fn finish(mut self) -> Result<(u64, W), ExportError> {
        self.out.flush()?;
        Ok((self.rows, self.out))
    }
}

/// Appends a field with tabs, line breaks and other control characters turned into spaces: a field can never
/// split a record or shift a column.
fn push_field(line: &mut String, field: &str) {
    line.extend(field.chars().map(|c| if c.is_control() { ' ' } else { c }));
}

/// The 61 fields of one event, in [`GDELT_COLUMNS`] order.
pub fn gdelt_fields(event: &GroupedEvent) -> Result<Vec<String>, ExportError> {
    let group = &event.group;
    let bad_date = || ExportError::BadDate { column: "Day", value: group.date.clone() };
    let days = crate::days_since_epoch(&group.date).ok_or_else(bad_date)?;
    let year = &group.date[..4];
    let (month, day) = (&group.date[5..7], &group.date[8..10]);
    let new_year = crate::days_since_epoch(&format!("{year}-01-01")).ok_or_else(bad_date)?;
    let day_of_year = days - new_year + 1;
    let fraction = year.parse::<f64>().unwrap_or_default() + f64::from(day_of_year) / 365.0;
    let first = &event.first.event;
    let mut fields = Vec::with_capacity(GDELT_COLUMNS.len());
    fields.extend([
        group.id.to_string(),
        format!("{year}{month}{day}"),
        format!("{year}{month}"),
        year.to_string(),
        format!("{fraction:.4}"),
    ]);
    for actor in [&first.source, &first.target] {
        let split = gdelt_actor(&actor.code);
        fields.extend([
            actor.code.clone(),
            actor.text.to_uppercase(),
            split.country,
            split.known_group,
            String::new(),
            String::new(),
            String::new(),
        ]);
        fields.extend(split.types);
    }
    let goldstein: f64 = (group.goldstein * 10.0).round() / 10.0;
    fields.extend([
        u8::from(event.first_paragraph == Some(LEAD_PARAGRAPH)).to_string(),
        group.code.clone(),
        base_code(&group.code).to_string(),
        event.root.clone(),
        group.quad_class.to_string(),
        format!("{goldstein:.1}"),
        group.num_mentions.to_string(),
        group.num_sources.to_string(),
        group.num_articles.to_string(),
        group.tone.map(|tone| format!("{tone:.4}")).unwrap_or_default(),
    ]);
    // Actor1Geo_*, Actor2Geo_*, ActionGeo_*: attache does not geocode.
    fields.extend(std::iter::repeat_n(String::new(), 24));
    fields.extend([event.first_added.clone(), event.first_url.clone().unwrap_or_default()]);
    debug_assert_eq!(fields.len(), GDELT_COLUMNS.len());
    Ok(fields)
}

/// The paragraph (0-based) that is the lead for IsRootEvent: the stored text starts with the body (the
/// title is kept apart), so the lead is paragraph 0.
const LEAD_PARAGRAPH: u32 = 0;

#[cfg(test)]
mod tests {
    use super::*;
    use attache_doc::{ActorRef, Event, EventEvidence, Mode, Span};
    use attache_store::{EventGroup, StoredEvent};

    fn actor(code: &str, text: &str) -> ActorRef {
        ActorRef {
            code: code.into(),
            country: None,
            sectors: Vec::new(),
            span: Span { start: 0, end: 1 },
            text: text.into(),
            entry: None,
        }
    }

    fn grouped(source_text: &str, url: Option<&str>) -> GroupedEvent {
        let event = Event {
            id: 0,
            sentence: 0,
            source: actor("CHNGOV", source_text),
            target: actor("USAGOV", "Washington"),
            code: "041".into(),
            root: "04".into(),
            name: "Discuss by telephone".into(),
            goldstein: 1.0,
            quad_class: 1,
            plover: None,
            mode: Mode::Fact,
            date: Some("2026-02-10".into()),
            date_span: None,
            verb: Span { start: 0, end: 1 },
            verb_text: "called".into(),
            reporter: None,
            evidence: EventEvidence {
                dictionary: String::new(),
                verb_entry: String::new(),
                pattern: String::new(),
                rule: String::new(),
            },
        };
        GroupedEvent {
            group: EventGroup {
                id: 7,
                date: "2026-02-10".into(),
                source: "CHN".into(),
                target: "USA".into(),
                source_codes: vec!["CHNGOV".into()],
                target_codes: vec!["USAGOV".into()],
                code: "041".into(),
                mode: "fact".into(),
                quad_class: 1,
                goldstein: 1.0,
                num_mentions: 3,
                num_articles: 3,
                num_sources: 2,
                tone: Some(-1.25),
            },
            root: "04".into(),
            first: StoredEvent {
                article: "a".into(),
                title: None,
                published: None,
                event,
                sentence_start: 0,
                sentence_text: String::new(),
            },
            first_url: url.map(str::to_string),
            first_added: "20260211093000".into(),
            first_paragraph: Some(0),
        }
    }

    fn line(event: &GroupedEvent) -> String {
        let mut writer = GdeltWriter::new(Vec::new());
        writer.write(event).unwrap();
        let (rows, bytes) = writer.finish().unwrap();
        assert_eq!(rows, 1);
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn a_record_has_61_fields_in_gdelt_order() {
        let text = line(&grouped("Beijing", Some("https://news.example/a")));
        assert!(text.ends_with('\n'));
        let fields: Vec<&str> = text.trim_end_matches('\n').split('\t').collect();
        assert_eq!(fields.len(), 61);
        let field = |name: &str| fields[GDELT_COLUMNS.iter().position(|c| *c == name).unwrap()];
        assert_eq!(field("GlobalEventID"), "7");
        assert_eq!(field("Day"), "20260210");
        assert_eq!(field("MonthYear"), "202602");
        assert_eq!(field("FractionDate"), "2026.1123");
        assert_eq!(field("Actor1Code"), "CHNGOV");
        assert_eq!(field("Actor1Name"), "BEIJING");
        assert_eq!(field("Actor1CountryCode"), "CHN");
        assert_eq!(field("Actor1Type1Code"), "GOV");
        assert_eq!(field("Actor2CountryCode"), "USA");
        assert_eq!(field("IsRootEvent"), "1");
        assert_eq!(field("EventCode"), "041");
        assert_eq!(field("EventBaseCode"), "041");
        assert_eq!(field("EventRootCode"), "04");
        assert_eq!(field("GoldsteinScale"), "1.0");
        assert_eq!(field("NumArticles"), "3");
        assert_eq!(field("NumSources"), "2");
        assert_eq!(field("AvgTone"), "-1.2500");
        assert_eq!(field("ActionGeo_Type"), "");
        assert_eq!(field("DATEADDED"), "20260211093000");
        assert_eq!(field("SOURCEURL"), "https://news.example/a");
    }

    #[test]
    fn tabs_and_line_breaks_in_text_fields_do_not_break_the_record() {
        let event = grouped("Bei\tjing\nnews\r\u{0b}x", Some("https://news.example/a\tb\nc"));
        let text = line(&event);
        assert_eq!(text.matches('\n').count(), 1, "{text:?}");
        let fields: Vec<&str> = text.trim_end_matches('\n').split('\t').collect();
        assert_eq!(fields.len(), 61, "{fields:?}");
        assert_eq!(fields[6], "BEI JING NEWS  X");
        assert_eq!(fields[60], "https://news.example/a b c");
    }

    #[test]
    fn a_bad_date_is_an_error_naming_it() {
        let mut event = grouped("Beijing", None);
        event.group.date = "2026-02-30".into();
        let error = GdeltWriter::new(Vec::new()).write(&event).unwrap_err();
        assert!(error.to_string().contains("2026-02-30"), "{error}");
    }

    #[test]
    fn actor_codes_split_into_country_group_and_types() {
        let split = |code: &str| gdelt_actor(code);
        assert_eq!(split("CHNGOV").country, "CHN");
        assert_eq!(split("CHNGOV").types, ["GOV".to_string(), String::new(), String::new()]);
        assert_eq!(split("USAGOVMIL").types, ["GOV".to_string(), "MIL".into(), String::new()]);
        assert_eq!(split("USA"), GdeltActor { country: "USA".into(), ..GdeltActor::default() });
        let wfp = split("IGOUNOWFP");
        assert_eq!((wfp.country.as_str(), wfp.known_group.as_str(), wfp.types[0].as_str()), ("", "WFP", "IGO"));
        let eu = split("IGOEUREECGOV");
        assert_eq!((eu.known_group.as_str(), eu.types[1].as_str()), ("EEC", "GOV"));
        assert_eq!(split("chn gov"), GdeltActor::default());
        assert_eq!(split("CHNG"), GdeltActor::default());
    }

    proptest::proptest! {
        /// Whatever the text fields hold, a record is one line of exactly 61 fields.
        #[test]
        fn any_text_keeps_61_fields(name in "\\PC*|[\\t\\n\\r a-z]*", url in "\\PC*|[\\t\\n\\r a-z]*", code in "[A-Z\\t\\n]{0,12}") {
            let mut event = grouped(&name, Some(&url));
            event.first.event.target.code = code;
            let text = line(&event);
            proptest::prop_assert!(text.ends_with('\n'));
            proptest::prop_assert_eq!(text.matches('\n').count(), 1);
            proptest::prop_assert_eq!(text.trim_end_matches('\n').split('\t').count(), 61);
        }
    }
}
