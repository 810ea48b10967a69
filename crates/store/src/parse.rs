//! Filter values as people type them (on the command line or in a URL), checked and normalised before they
//! reach a query: one set of rules and messages for the CLI and the HTTP API alike.

/// A real calendar day written `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<String, String> {
    let shape_ok = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    match shape_ok.then(|| text.parse::<jiff::civil::Date>().ok()).flatten() {
        Some(date) => Ok(date.to_string()),
        None => Err(format!("`{text}` is not a date of the form YYYY-MM-DD")),
    }
}

/// Longest actor code accepted: CAMEO codes are blocks of three letters, six blocks at most in practice.
const MAX_ACTOR_CODE: usize = 32;

/// A CAMEO actor code or its prefix (`CHN`, `chngov`, `IGOEUREEC`), upper-cased.
pub fn parse_actor(text: &str) -> Result<String, String> {
    let code = text.trim().to_ascii_uppercase();
    if code.is_empty() || code.len() > MAX_ACTOR_CODE || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(format!("`{text}` is not an actor code (letters and digits, e.g. CHN or CHNGOV)"));
    }
    Ok(code)
}

/// Two actor codes joined by `-`: `CHN-USA`.
pub fn parse_pair(text: &str) -> Result<(String, String), String> {
    match text.split_once('-') {
        Some((first, second)) => Ok((parse_actor(first)?, parse_actor(second)?)),
        None => Err(format!("`{text}` is not a pair of actor codes (write e.g. CHN-USA)")),
    }
}

/// Two actor keys — countries or organisations, the keys relations and signals are stored under — joined by
/// `-`: `CHN-USA`, `IGOEUREEC-RUS`. A sector code (`CHNGOV`) is refused, as no signal is stored under it.
pub fn parse_actor_key_pair(text: &str) -> Result<(String, String), String> {
    let refused = || {
        format!(
            "`{text}` is not a pair of actors: write two country codes (or organisation codes such as IGOEUREEC) \
             joined by a hyphen, e.g. CHN-USA"
        )
    };
    let (first, second) = parse_pair(text).map_err(|_| refused())?;
    let is_key = |code: &str| attache_doc::actor_key(code) == Some(code);
    if is_key(&first) && is_key(&second) { Ok((first, second)) } else { Err(refused()) }
}

/// A CAMEO event code: two to four digits (`041`, `0871`).
pub fn parse_event_code(text: &str) -> Result<String, String> {
    digits(text, 2..=4).ok_or_else(|| format!("`{text}` is not a CAMEO event code (2 to 4 digits, e.g. 041)"))
}

/// A CAMEO root: two digits (`04`, `19`).
pub fn parse_root(text: &str) -> Result<String, String> {
    digits(text, 2..=2).ok_or_else(|| format!("`{text}` is not a CAMEO root (2 digits, e.g. 04)"))
}

fn digits(text: &str, lengths: std::ops::RangeInclusive<usize>) -> Option<String> {
    let text = text.trim();
    (lengths.contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_key_pairs_are_two_countries_or_organisations() {
        assert_eq!(parse_actor_key_pair("CHN-USA"), Ok(("CHN".into(), "USA".into())));
        assert_eq!(parse_actor_key_pair("ind-pak"), Ok(("IND".into(), "PAK".into())));
        assert_eq!(parse_actor_key_pair("IGOEUREEC-RUS"), Ok(("IGOEUREEC".into(), "RUS".into())));
        for bad in ["CHN", "CHN-USA-RUS", "CHNGOV-USA", "C-USA", "", "中国-USA"] {
            assert!(parse_actor_key_pair(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn dates_must_be_real_days() {
        assert_eq!(parse_date("2026-02-10").unwrap(), "2026-02-10");
        for bad in ["2026-02-30", "2026-2-10", "20260210", "2026-02-10T00:00", "", "abcd-ef-gh"] {
            assert!(parse_date(bad).unwrap_err().contains(bad), "{bad}");
        }
    }

    #[test]
    fn actors_and_pairs_are_upper_cased_and_checked() {
        assert_eq!(parse_actor(" chngov ").unwrap(), "CHNGOV");
        assert!(parse_actor("").is_err());
        assert!(parse_actor("CHN;DROP").is_err());
        assert!(parse_actor(&"A".repeat(33)).is_err());
        assert_eq!(parse_pair("chn-USA").unwrap(), ("CHN".to_string(), "USA".to_string()));
        assert!(parse_pair("CHN").unwrap_err().contains("CHN-USA"));
        assert!(parse_pair("CHN-").is_err());
    }

    #[test]
    fn codes_and_roots_are_digits_of_the_right_length() {
        assert_eq!(parse_event_code("041").unwrap(), "041");
        assert_eq!(parse_event_code("0871").unwrap(), "0871");
        assert!(parse_event_code("4").is_err());
        assert!(parse_event_code("04a").is_err());
        assert_eq!(parse_root("19").unwrap(), "19");
        assert!(parse_root("190").is_err());
    }
}
