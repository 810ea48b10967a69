//! PETRARCH's unit-test records (`PETR.UnitTest.records.xml`), coded from the raw `<Text>` with the suite's own
//! `PETR.Validate.*` dictionaries; the `<Parse>` trees are ignored.
//!
//! The `<Environment>` names the dictionaries and the categories to run (`<Include>`); `<Config>` elements
//! between records change options (`require_dyad`, `comma_*`, `new_actor_length`) for the records that follow.
//! Each `<Sentence>` lists its expected `<EventCoding sourcecode targetcode eventcode>` elements, or
//! `noevents="True"`, or `error="…"` (`sentencediscard`/`storydiscard` are discards; parse errors cannot
//! occur reading raw text and count as failures).

use super::{ReadFile, RecordResult, Report, show, triples};
use crate::engine::Outcome;
use crate::{Carry, Coder};
use attache_dict::{Dictionary, Options, decode, petrarch};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Environment {
    pub verbs: Vec<String>,
    pub actors: Vec<String>,
    pub agents: Vec<String>,
    pub discards: Vec<String>,
    /// Issue files (not named by the unit-test environment; the Phoenix set has one).
    pub issues: Vec<String>,
    pub include: Vec<String>,
}

/// The Phoenix dictionary set PETRARCH2 ships for coding news (CAMEO.2.0 verbs, Phoenix actors, agents,
/// discards and issues), by file name.
pub fn phoenix_environment() -> Environment {
    let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    Environment {
        verbs: names(&["CAMEO.2.0.txt"]),
        actors: names(&[
            "Phoenix.Countries.actors.txt",
            "Phoenix.International.actors.txt",
            "Phoenix.MilNonState.actors.txt",
        ]),
        agents: names(&["Phoenix.agents.txt"]),
        discards: names(&["Phoenix.discards.txt"]),
        issues: names(&["Phoenix.IssueCoding.txt"]),
        include: Vec::new(),
    }
}

/// A coder with the Phoenix dictionaries (read through `read`) and PETRARCH's default options.
pub fn phoenix(read: ReadFile) -> Result<Coder, String> {
    let (dict, _) = load(&phoenix_environment(), read)?;
    Ok(Coder::new(dict, default_options()))
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expected {
    Event(String, String, String),
    NoEvents,
    Error(String),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sentence {
    pub id: String,
    pub date: String,
    pub category: String,
    pub text: String,
    pub expected: Vec<Expected>,
    /// `<Config>` settings that appeared before this record (applied in order).
    pub config_before: Vec<(String, String)>,
}

fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().flatten().find(|a| text_of(a.key.as_ref()).eq_ignore_ascii_case(name)).map(|a| {
        text_of(a.value.as_ref())
            .replace("&amp;", "&")
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
    })
}

/// quick-xml hands out names and text as bytes or str depending on the reader; both become a String.
fn text_of<T: AsRef<[u8]> + ?Sized>(value: &T) -> String {
    String::from_utf8_lossy(value.as_ref()).into_owned()
}

/// Parses the records file.
pub fn parse(xml: &str) -> Result<(Environment, Vec<Sentence>), String> {
    let mut reader = Reader::from_str(xml);
    let mut env = Environment::default();
    let mut sentences = Vec::new();
    let mut pending_config: Vec<(String, String)> = Vec::new();
    let mut current: Option<Sentence> = None;
    let mut field: Option<String> = None;
    let mut text = String::new();
    loop {
        let event = reader.read_event().map_err(|e| format!("XML error at byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let name = text_of(e.name().into_inner());
                match name.as_str() {
                    "Sentence" => {
                        current = Some(Sentence {
                            id: attribute(&e, "id").unwrap_or_default(),
                            date: attribute(&e, "date").unwrap_or_default(),
                            category: attribute(&e, "category").unwrap_or_default(),
                            config_before: std::mem::take(&mut pending_config),
                            ..Default::default()
                        });
                    }
                    "EventCoding" => {
                        if let Some(s) = current.as_mut() {
                            if let Some(error) = attribute(&e, "error") {
                                s.expected.push(Expected::Error(error));
                            } else if attribute(&e, "noevents").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
                                s.expected.push(Expected::NoEvents);
                            } else if let (Some(src), Some(tgt), Some(code)) =
                                (attribute(&e, "sourcecode"), attribute(&e, "targetcode"), attribute(&e, "eventcode"))
                            {
                                s.expected.push(Expected::Event(src, tgt, code));
                            }
                        }
                    }
                    "Config" => {
                        if let (Some(option), Some(value)) = (attribute(&e, "option"), attribute(&e, "value")) {
                            pending_config.push((option, value));
                        }
                    }
                    "Text" | "Verbfile" | "Actorfile" | "Agentfile" | "Discardfile" | "Include" => {
                        field = Some(name);
                        text.clear();
                    }
                    _ => {}
                }
            }
            Event::Text(t) if field.is_some() => text.push_str(&text_of(&*t)),
            Event::GeneralRef(r) if field.is_some() => {
                let entity = text_of(&*r);
                text.push_str(match entity.as_str() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "",
                });
            }
            Event::End(e) => {
                let name = text_of(e.name().into_inner());
                if field.as_deref() == Some(name.as_str()) {
                    let value = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    match name.as_str() {
                        "Text" => {
                            if let Some(s) = current.as_mut() {
                                s.text = value;
                            }
                        }
                        "Verbfile" => env.verbs.push(value),
                        "Actorfile" => env.actors.push(value),
                        "Agentfile" => env.agents.push(value),
                        "Discardfile" => env.discards.push(value),
                        "Include" => env.include = value.split_whitespace().map(String::from).collect(),
                        _ => {}
                    }
                    field = None;
                }
                if name == "Sentence"
                    && let Some(s) = current.take()
                {
                    sentences.push(s);
                }
            }
            _ => {}
        }
    }
    Ok((env, sentences))
}

/// PETRARCH's default coding options, as in its `PETR_config.ini`.
pub fn default_options() -> Options {
    let mut o = Options::tabari();
    o.minimum_words = 0;
    o.code_by = attache_dict::CodeBy::Clause;
    o.comma.min = 2;
    o.comma.max = 8;
    o.comma.begin_min = 0;
    o.comma.begin_max = 0;
    o.comma.end_min = 2;
    o.comma.end_max = 8;
    o.time_shifting = Some(false);
    o.rich_agents = true;
    o.split_before_first_verb = false;
    o.comma_clauses = true;
    o.petrarch = true;
    o
}

/// Applies a `<Config option=… value=…>` setting.
pub fn apply_config(options: &mut Options, option: &str, value: &str) -> Result<(), String> {
    let number = || value.trim().parse::<usize>().map_err(|_| format!("`{value}` is not a number"));
    let flag = || match value.trim().to_ascii_lowercase().as_str() {
        "true" => Ok(true),
        "false" => Ok(false),
        other => Err(format!("`{other}` is not true or false")),
    };
    match option {
        "require_dyad" => options.require_dyad = flag()?,
        "comma_min" => options.comma.min = number()?,
        "comma_max" => options.comma.max = number()?,
        "comma_emin" => options.comma.end_min = number()?,
        "comma_emax" => options.comma.end_max = number()?,
        "comma_bmin" => options.comma.begin_min = number()?,
        "comma_bmax" => options.comma.begin_max = number()?,
        // Output and interface settings, and new-actor extraction from parse trees (not read here).
        "new_actor_length" | "stop_on_error" | "write_actor_root" | "write_actor_text" => {}
        other => return Err(format!("unknown option `{other}`")),
    }
    Ok(())
}

/// Loads the suite's dictionaries.
pub fn load(env: &Environment, read: ReadFile) -> Result<(Dictionary, Vec<String>), String> {
    let mut dict = Dictionary::default();
    let mut notes = Vec::new();
    type Reader = fn(&str, &str) -> Result<attache_dict::Loaded, attache_dict::DictErrors>;
    let groups: [(&Vec<String>, Reader); 5] = [
        (&env.actors, petrarch::read_actors),
        (&env.agents, petrarch::read_agents),
        (&env.verbs, petrarch::read_verbs),
        (&env.discards, petrarch::read_discards),
        (&env.issues, petrarch::read_issues),
    ];
    for (files, reader) in groups {
        for file in files {
            let text = read(file)?;
            let loaded = reader(&decode(text.as_bytes()), file).map_err(|e| e.to_string())?;
            notes.extend(loaded.warnings.iter().map(|w| format!("skipped {w}")));
            dict.merge(loaded.dictionary);
        }
    }
    Ok((dict, notes))
}

/// Runs the unit-test records. `read` reads the dictionary files the `<Environment>` names.
pub fn run(xml: &str, name: &str, read: ReadFile) -> Result<Report, String> {
    let (env, sentences) = parse(xml)?;
    let (dict, notes) = load(&env, read)?;
    let mut coder = Coder::new(dict, default_options());
    let mut report =
        Report { suite: format!("PETRARCH unit tests ({name}), from raw text"), records: Vec::new(), notes };
    for s in &sentences {
        for (option, value) in &s.config_before {
            if let Err(e) = apply_config(coder.options_mut(), option, value) {
                report.notes.push(format!("config before {}: {e}", s.id));
            }
        }
        if !env.include.is_empty() && !env.include.contains(&s.category) || s.expected.is_empty() {
            continue;
        }
        let date = crate::eval::tabari::record_date(&s.date, true);
        let (coded, _) = coder.code_text(&s.text, date, &mut Carry::default());
        let got = triples(&coded.events);
        let mut wanted: Vec<(String, String, String)> = s
            .expected
            .iter()
            .filter_map(|e| match e {
                Expected::Event(a, b, c) => Some((a.clone(), b.clone(), c.clone())),
                _ => None,
            })
            .collect();
        wanted.sort();
        wanted.dedup();
        let discarded = matches!(coded.outcome, Outcome::Discarded { .. });
        let story = matches!(coded.outcome, Outcome::Discarded { story: true, .. });
        let passed = s.expected.iter().all(|e| match e {
            Expected::Event(..) => !discarded && wanted == got,
            Expected::NoEvents => got.is_empty(),
            Expected::Error(kind) => match kind.as_str() {
                "sentencediscard" => discarded && !story,
                "storydiscard" => story,
                _ => false,
            },
        });
        let expected = s
            .expected
            .iter()
            .filter(|e| !matches!(e, Expected::Event(..)))
            .map(|e| match e {
                Expected::NoEvents => "(no events)".to_string(),
                Expected::Error(k) => format!("error {k}"),
                Expected::Event(..) => String::new(),
            })
            .chain((!wanted.is_empty()).then(|| show(&wanted)))
            .collect::<Vec<_>>()
            .join(" ");
        let coded_text = match &coded.outcome {
            Outcome::Discarded { story: true, .. } => "story discard".into(),
            Outcome::Discarded { .. } => "sentence discard".into(),
            Outcome::Complex { why } => format!("complex: {why}"),
            _ => show(&got),
        };
        report.records.push(RecordResult {
            id: s.id.clone(),
            category: s.category.clone(),
            text: s.text.clone(),
            expected,
            coded: coded_text,
            passed,
        });
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_records() {
        let xml = r#"<Validation><Environment><Verbfile>v.txt</Verbfile><Actorfile>a.txt</Actorfile><Include>DEMO</Include></Environment>
<Sentences><!-- c --><Config option="require_dyad" value="false"></Config>
<Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>
Arnor restores &amp; ties.
</Text>
<Parse>(ROOT)</Parse>
</Sentence>
<Sentence id="X"><EventCoding noevents = "True"></EventCoding><Text>y</Text></Sentence>
</Sentences></Validation>"#;
        let (env, sentences) = parse(xml).unwrap();
        assert_eq!(env.verbs, vec!["v.txt"]);
        assert_eq!(env.include, vec!["DEMO"]);
        assert_eq!(sentences.len(), 2);
        assert_eq!(sentences[0].text, "Arnor restores & ties.");
        assert_eq!(sentences[0].config_before, vec![("require_dyad".to_string(), "false".to_string())]);
        assert_eq!(sentences[1].expected, vec![Expected::NoEvents]);
    }
}
