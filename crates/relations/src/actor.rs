//! Actor codes as the relations index sees them: the *principal* (who acts) and the sector blocks (in what role).
//!
//! A CAMEO actor code is written in blocks of three letters: `CHNGOV` is China (`CHN`) in its government role
//! (`GOV`); `IGOEUREECLEG` is the European Union (`IGOEUREEC`) in its legislative role (`LEG`). The principal is
//! the code without its trailing sector blocks. De-duplication and the relations index work on principals, so
//! "China", "Beijing" (`CHNGOV`) and "the Chinese defence ministry" (`CHNGOVMIL`) are the same party to a
//! relationship, while the EU (`IGOEUREEC`) and the World Food Programme (`IGOUNOWFP`) stay distinct.
//!
//! The store computes the same function in SQL (`event_principals` view); `docs/relations.md` states the rule.

use serde::{Deserialize, Serialize};

/// CAMEO sector (agent) codes: blocks that say in what role an actor acts, not who it is. Every sector code of
/// attache's agent dictionary (`crates/dict/data/agents.toml`) is here (a test checks it).
pub const SECTOR_CODES: [&str; 30] = [
    "AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI", "IGO", "INS", "JUD", "LAB",
    "LEG", "MED", "MIL", "MOD", "NGO", "OPP", "PTY", "RAD", "REB", "REF", "REL", "SEP", "SPY", "UAF",
];

/// Codes longer than this (six blocks) are kept whole: no dictionary writes them, and the SQL twin of
/// [`principal`] checks a fixed number of blocks.
pub const MAX_CODE_LEN: usize = 18;

/// True for a three-letter sector code (`GOV`, `MIL`, …).
pub fn is_sector(block: &str) -> bool {
    SECTOR_CODES.binary_search(&block).is_ok()
}

/// The principal of an actor code: the code without its trailing sector blocks, keeping at least the first
/// block. `CHNGOVMIL` → `CHN`, `IGOEUREECLEG` → `IGOEUREEC`, `IGOUNOWFP` → `IGOUNOWFP`, `BUS` → `BUS`.
///
/// A code that is not made of whole blocks of `A`–`Z`/`0`–`9`, or is longer than [`MAX_CODE_LEN`], is its own
/// principal (kept whole rather than guessed at).
pub fn principal(code: &str) -> &str {
    let well_formed = code.len().is_multiple_of(3)
        && code.len() <= MAX_CODE_LEN
        && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if !well_formed {
        return code;
    }
    let mut end = code.len();
    while end > 3 && is_sector(&code[end - 3..end]) {
        end -= 3;
    }
    &code[..end]
}

/// True when a principal names a party (a country, an organisation), not only a role: `OPP` or `BUS` alone say
/// "some opposition", "some company", which cannot be one side of a relationship.
pub fn is_identified(principal: &str) -> bool {
    !(principal.is_empty() || principal.len() == 3 && is_sector(principal))
}

/// An actor as a user names it in a query: a principal (`CHN`, `IGOEUREEC`) or a principal with sector blocks
/// (`CHNGOV`), which narrows the principal's events to those reported with a code starting that way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorSpec {
    /// The code as given, upper-cased.
    pub code: String,
    /// Its principal.
    pub principal: String,
}

impl ActorSpec {
    /// Parses a code typed by a user (any case). Errors say what is wrong with it.
    pub fn parse(text: &str) -> Result<ActorSpec, String> {
        let code = text.trim().to_ascii_uppercase();
        if code.len() < 3
            || !code.len().is_multiple_of(3)
            || !code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            return Err(format!(
                "`{text}` is not an actor code: write a CAMEO code in blocks of three letters, e.g. CHN or CHNGOV"
            ));
        }
        if code.len() > MAX_CODE_LEN {
            return Err(format!("`{text}` is longer than {MAX_CODE_LEN} letters (six blocks)"));
        }
        let principal = principal(&code).to_string();
        if !is_identified(&principal) {
            return Err(format!(
                "`{text}` is a sector without a country or organisation; write e.g. CHN{code} or USA{code}"
            ));
        }
        Ok(ActorSpec { code, principal })
    }

    /// True when the query asks for a sector of the principal (`CHNGOV`), not the whole principal (`CHN`).
    pub fn is_narrowed(&self) -> bool {
        self.code != self.principal
    }

    /// Whether a de-duplicated event side matches: same principal and, for a narrowed spec, one of the side's
    /// reported full codes starts with the spec's code.
    pub fn matches<'a>(&self, principal: &str, reported_codes: impl IntoIterator<Item = &'a str>) -> bool {
        principal == self.principal
            && (!self.is_narrowed() || reported_codes.into_iter().any(|code| code.starts_with(&self.code)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sector_codes_are_sorted_for_binary_search() {
        assert!(SECTOR_CODES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn principals_drop_trailing_sectors_only() {
        assert_eq!(principal("CHN"), "CHN");
        assert_eq!(principal("CHNGOV"), "CHN");
        assert_eq!(principal("USAGOVMIL"), "USA");
        assert_eq!(principal("RUSGOVBUS"), "RUS");
        assert_eq!(principal("IGOEUREEC"), "IGOEUREEC");
        assert_eq!(principal("IGOEUREECLEG"), "IGOEUREEC");
        assert_eq!(principal("IGOUNOWFP"), "IGOUNOWFP");
        assert_eq!(principal("IGOUNOREF"), "IGOUNO");
        assert_eq!(principal("IGOBUSIMF"), "IGOBUSIMF");
        assert_eq!(principal("BUS"), "BUS");
        assert_eq!(principal("GOVBUS"), "GOV");
        assert_eq!(principal(""), "");
        assert_eq!(principal("chngov"), "chngov", "not upper case: kept whole");
        assert_eq!(principal("CHNGO"), "CHNGO", "not whole blocks: kept whole");
        assert_eq!(principal("USAGOVMILGOVMILGOVMIL"), "USAGOVMILGOVMILGOVMIL", "too long: kept whole");
    }

    #[test]
    fn every_sector_of_the_agent_dictionary_is_known() {
        let agents = include_str!("../../dict/data/agents.toml");
        let mut seen = 0;
        for line in agents.lines() {
            let Some(value) = line.trim().strip_prefix("code = \"") else { continue };
            let code = value.trim_end_matches('"');
            for block in code.as_bytes().chunks(3) {
                let block = std::str::from_utf8(block).unwrap();
                assert!(is_sector(block), "sector `{block}` of agents.toml is not in SECTOR_CODES");
                seen += 1;
            }
        }
        assert!(seen >= 30, "read the agent dictionary's codes ({seen})");
    }

    #[test]
    fn specs_are_checked_and_narrowed() {
        let china = ActorSpec::parse("chn").unwrap();
        assert_eq!((china.code.as_str(), china.principal.as_str(), china.is_narrowed()), ("CHN", "CHN", false));
        let government = ActorSpec::parse("CHNGOV").unwrap();
        assert!(government.is_narrowed());
        assert!(government.matches("CHN", [" ", "CHN", "CHNGOVMIL"]));
        assert!(!government.matches("CHN", ["CHN", "CHNMIL"]));
        assert!(china.matches("CHN", ["CHNMIL"]));
        assert!(!china.matches("USA", ["USA"]));
        for bad in ["", "CH", "CHNG", "GOV", "CH-", "USAGOVMILGOVMILGOVMIL"] {
            assert!(ActorSpec::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    proptest::proptest! {
        /// Any text: no panic; the principal is a prefix of whole blocks, never empty for a non-empty code, and
        /// applying it twice changes nothing.
        #[test]
        fn principal_is_an_idempotent_block_prefix(code in "[A-Z]{0,21}|\\PC{0,8}") {
            let p = principal(&code);
            proptest::prop_assert!(code.starts_with(p));
            proptest::prop_assert_eq!(principal(p), p);
            proptest::prop_assert!(p.is_empty() == code.is_empty());
            if p.len() < code.len() {
                proptest::prop_assert!(code.as_bytes()[p.len()..].chunks(3).all(|b| is_sector(std::str::from_utf8(b).unwrap())));
            }
        }
    }
}
