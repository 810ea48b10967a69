//! attache's default dictionaries, embedded in the binary (`crates/dict/data/*.toml`).

use crate::error::DictErrors;
use crate::model::Dictionary;
use crate::native;

/// The embedded default files: (file name, contents).
pub const FILES: &[(&str, &str)] = &[
    ("countries.toml", include_str!("../data/countries.toml")),
    ("people.toml", include_str!("../data/people.toml")),
    ("organizations.toml", include_str!("../data/organizations.toml")),
    ("agents.toml", include_str!("../data/agents.toml")),
    ("verbs.toml", include_str!("../data/verbs.toml")),
    ("discards.toml", include_str!("../data/discards.toml")),
    ("places.toml", include_str!("../data/places.toml")),
];

/// Reads one attache TOML file, choosing the reader by file name (`countries`, `people`, `organizations`,
/// `agents`, `verbs`, `discards`, `places`; a prefix such as `my-countries.toml` also works).
pub fn read_native(name: &str, text: &str) -> Result<Dictionary, DictErrors> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name).to_ascii_lowercase();
    let stem = base.trim_end_matches(".toml");
    let kind =
        ["countries", "people", "organizations", "agents", "verbs", "discards", "places"].into_iter().find(|k| {
            stem == *k
                || stem.ends_with(&format!("-{k}"))
                || stem.ends_with(&format!("_{k}"))
                || stem.ends_with(&format!(".{k}"))
        });
    match kind {
        Some("countries") => native::read_countries(text, name),
        Some("people") => native::read_people(text, name),
        Some("organizations") => native::read_organizations(text, name),
        Some("agents") => native::read_agents(text, name),
        Some("verbs") => native::read_verbs(text, name),
        Some("discards") => native::read_discards(text, name),
        Some("places") => native::read_places(text, name),
        _ => Err(DictErrors::single(
            name,
            0,
            "cannot tell which dictionary this is: name it countries/people/organizations/agents/verbs/discards/places.toml",
        )),
    }
}

/// The default English dictionary (all embedded files merged).
pub fn dictionary() -> Result<Dictionary, DictErrors> {
    let mut dict = Dictionary { label: "attache-default".into(), ..Default::default() };
    let mut errors = Vec::new();
    for (name, text) in FILES {
        match read_native(name, text) {
            Ok(d) => {
                let label = std::mem::take(&mut dict.label);
                dict.merge(Dictionary { label: String::new(), ..d });
                dict.label = label;
            }
            Err(e) => errors.extend(e.0),
        }
    }
    if errors.is_empty() { Ok(dict) } else { Err(DictErrors(errors)) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn embedded_defaults_read_cleanly() {
        let dict = super::dictionary().unwrap_or_else(|e| panic!("{e}"));
        assert!(dict.actors.len() > 300);
        assert!(dict.verbs.len() > 50);
        let lexicon = crate::Lexicon::compile(dict);
        assert!(lexicon.warnings().is_empty(), "{:?}", lexicon.warnings());
    }
}
