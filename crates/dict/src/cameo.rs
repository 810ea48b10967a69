//! The CAMEO event-code table (name, Goldstein weight, QuadClass) and the CAMEO → PLOVER event-type
//! mapping, both kept as data in `crates/dict/data/` and embedded in the binary.

use std::collections::HashMap;
use std::sync::OnceLock;

/// One CAMEO event code.
#[derive(Debug, Clone, PartialEq)]
pub struct CameoCode {
    /// 2–4 digits, leading zeros kept.
    pub code: &'static str,
    pub name: &'static str,
    pub goldstein: f32,
}

impl CameoCode {
    /// The two-digit root (`04` for `041`).
    pub fn root(&self) -> &'static str {
        &self.code[..2]
    }
    pub fn quad_class(&self) -> u8 {
        quad_class(self.code).unwrap_or(0)
    }
}

/// QuadClass of a code by its root: 1 verbal cooperation (01–05), 2 material cooperation (06–09), 3 verbal
/// conflict (10–14), 4 material conflict (15–20).
pub fn quad_class(code: &str) -> Option<u8> {
    let root: u8 = code.get(..2)?.parse().ok()?;
    match root {
        1..=5 => Some(1),
        6..=9 => Some(2),
        10..=14 => Some(3),
        15..=20 => Some(4),
        _ => None,
    }
}

const TABLE: &str = include_str!("../data/cameo.tsv");
const PLOVER: &str = include_str!("../data/plover.tsv");

fn data_lines(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(|l| l.split('\t').collect())
}

struct Tables {
    codes: Vec<CameoCode>,
    by_code: HashMap<&'static str, usize>,
    plover: Vec<(&'static str, &'static str)>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut codes = Vec::new();
        for fields in data_lines(TABLE) {
            // The embedded file is checked by tests; a malformed row would be skipped, never panic.
            if let [code, goldstein, name] = fields.as_slice()
                && let Ok(goldstein) = goldstein.parse::<f32>()
            {
                codes.push(CameoCode { code, name, goldstein });
            }
        }
        let by_code = codes.iter().enumerate().map(|(i, c)| (c.code, i)).collect();
        let mut plover: Vec<(&str, &str)> =
            data_lines(PLOVER).filter_map(|f| if let [p, t] = f.as_slice() { Some((*p, *t)) } else { None }).collect();
        // Longest prefix first.
        plover.sort_by_key(|(prefix, _)| std::cmp::Reverse(prefix.len()));
        Tables { codes, by_code, plover }
    })
}

/// All codes in table order.
pub fn codes() -> &'static [CameoCode] {
    &tables().codes
}

/// Looks a code up; codes not in the table (dictionary-specific ones like `174K`) fall back to their longest
/// known prefix so Goldstein and QuadClass stay defined where they can be.
pub fn lookup(code: &str) -> Option<&'static CameoCode> {
    let tables = tables();
    if let Some(&i) = tables.by_code.get(code) {
        return Some(&tables.codes[i]);
    }
    (2..code.len()).rev().find_map(|n| code.get(..n).and_then(|p| tables.by_code.get(p)).map(|&i| &tables.codes[i]))
}

/// The PLOVER event type of a CAMEO code (`None` for statements and appeals, which PLOVER does not type).
pub fn plover(code: &str) -> Option<&'static str> {
    tables().plover.iter().find(|(prefix, _)| code.starts_with(prefix)).map(|(_, t)| *t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_complete() {
        assert_eq!(codes().len(), 311);
        let call = lookup("041").unwrap();
        assert_eq!(call.goldstein, 1.0);
        assert_eq!(call.quad_class(), 1);
        assert_eq!(lookup("0412").unwrap().code, "041");
        assert_eq!(quad_class("190"), Some(4));
        assert_eq!(plover("041"), Some("CONSULT"));
        assert_eq!(plover("0813"), Some("RETREAT"));
        assert_eq!(plover("020"), None);
    }

    #[test]
    fn matches_gdelt_lookups() {
        let Some(dir) = attache_testkit::shared_path("data/cameo") else { return };
        let names = std::fs::read_to_string(dir.join("CAMEO.eventcodes.txt")).unwrap();
        let weights = std::fs::read_to_string(dir.join("CAMEO.goldsteinscale.txt")).unwrap();
        let shared: Vec<&str> = names.lines().skip(1).filter_map(|l| l.split('\t').next()).collect();
        let ours: Vec<&str> = codes().iter().map(|c| c.code).collect();
        assert_eq!(ours, shared, "same codes in the same order");
        for line in weights.lines().skip(1) {
            let mut f = line.split('\t');
            let (Some(code), Some(weight)) = (f.next(), f.next()) else { continue };
            let weight: f32 = weight.trim().parse().unwrap();
            assert_eq!(lookup(code).unwrap().goldstein, weight, "Goldstein of {code}");
        }
    }

    #[test]
    fn matches_plover_table() {
        let Some(path) = attache_testkit::shared_path("data/cameo/CAMEO2PLOVER-2021.txt") else { return };
        let text = std::fs::read_to_string(path).unwrap();
        let mut seen = std::collections::HashSet::new();
        let mut checked = 0;
        for line in text.lines() {
            let Some((code, rest)) = line.split_once(':') else { continue };
            if code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()) || !seen.insert(code.to_string()) {
                continue;
            }
            let plover_type = rest.split([',', '#']).next().unwrap().trim();
            assert_eq!(plover(code), Some(plover_type), "PLOVER type of {code}");
            checked += 1;
        }
        assert!(checked > 250, "checked {checked} codes");
    }
}
