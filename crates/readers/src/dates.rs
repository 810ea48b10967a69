//! Publication dates: every form the readers meet, normalised to ISO 8601.
//!
//! Output is either a date (`2026-02-05`) or a date-time with its *original* offset
//! (`2026-02-05T09:30:00+08:00`, seconds precision). The offset is kept rather than converted to UTC so that the
//! date part stays the publisher's local date. A date-time whose offset is unknown is cut to its date: we never
//! invent an offset.

use jiff::civil::{Date, Time};
use jiff::fmt::rfc2822;
use jiff::fmt::temporal::{Pieces, PiecesOffset};
use jiff::tz::Offset;

/// Normalises a publication date written in any form the readers accept, or `None` when it is not one.
///
/// Accepted: ISO 8601 / RFC 3339 (`2026-02-05`, `2026-02-05T09:30:00Z`, `2026-02-05 09:30:00+0800`,
/// fractional seconds, bracketed zone annotations), RFC 2822 (`Thu, 05 Feb 2026 09:30:00 +0800`, `GMT`, a wrong
/// weekday), compact `YYYYMMDD`, `YYYY/MM/DD`, and month-name forms (`February 5, 2026`, `5 Feb 2026`,
/// optionally led by a weekday and followed by a time that is ignored).
pub fn normalize_published(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    if trimmed.is_empty() || trimmed.len() > 200 {
        return None;
    }
    compact_date(trimmed)
        .or_else(|| iso_8601(trimmed))
        .or_else(|| rfc_2822(trimmed))
        .or_else(|| slashed_date(trimmed))
        .or_else(|| month_name_date(trimmed))
}

fn compact_date(text: &str) -> Option<String> {
    if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i16 = text[..4].parse().ok()?;
    let month: i8 = text[4..6].parse().ok()?;
    let day: i8 = text[6..].parse().ok()?;
    valid_date(year, month, day)
}

fn valid_date(year: i16, month: i8, day: i8) -> Option<String> {
    if !(1000..=9999).contains(&year) {
        return None;
    }
    Date::new(year, month, day).ok().map(|date| date.to_string())
}

fn iso_8601(text: &str) -> Option<String> {
    // jiff's Temporal parser wants an upper-case `T`/`Z`; a lower-case one is common enough in the wild.
    let upper;
    let text = if text.bytes().any(|b| b == b't' || b == b'z') && text.is_ascii() {
        upper = text.to_ascii_uppercase();
        upper.as_str()
    } else {
        text
    };
    let pieces = Pieces::parse(text).ok()?;
    let date = pieces.date();
    if !(1000..=9999).contains(&date.year()) {
        return None;
    }
    match (pieces.time(), pieces.offset()) {
        (Some(time), Some(PiecesOffset::Zulu)) => Some(date_time(date, time, Offset::UTC)),
        (Some(time), Some(PiecesOffset::Numeric(numeric))) if !is_unknown_offset(text) => {
            Some(date_time(date, time, numeric.offset()))
        }
        _ => Some(date.to_string()),
    }
}

/// RFC 3339's `-00:00` means "offset unknown": keep only the date.
fn is_unknown_offset(text: &str) -> bool {
    text.ends_with("-00:00") || text.ends_with("-0000")
}

fn rfc_2822(text: &str) -> Option<String> {
    static PARSER: rfc2822::DateTimeParser = rfc2822::DateTimeParser::new().relaxed_weekday(true);
    let zoned = PARSER.parse_zoned_datetime(text).ok()?;
    let datetime = zoned.datetime();
    if !(1000..=9999).contains(&datetime.year()) {
        return None;
    }
    Some(date_time(datetime.date(), datetime.time(), zoned.offset()))
}

fn date_time(date: Date, time: Time, offset: Offset) -> String {
    let seconds = offset.seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!(
        "{date}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
        time.hour(),
        time.minute(),
        time.second(),
        minutes / 60,
        minutes % 60
    )
}

/// `2026/02/05` or `2026.02.05`, optionally followed by a time that is ignored.
fn slashed_date(text: &str) -> Option<String> {
    let head = text.split_whitespace().next()?;
    let mut parts = head.split(['/', '.']);
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 || month.len() > 2 || day.len() > 2 {
        return None;
    }
    valid_date(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// `February 5, 2026`, `Feb. 5 2026`, `5 February 2026`, `Thursday, 5 Feb 2026 10:00 EST` (time ignored).
fn month_name_date(text: &str) -> Option<String> {
    let words: Vec<&str> =
        text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|word| !word.is_empty()).take(5).collect();
    let mut words = words.as_slice();
    if let Some(first) = words.first()
        && first.len() >= 3
        && WEEKDAYS.iter().any(|day| first.to_ascii_lowercase().starts_with(day))
    {
        words = &words[1..];
    }
    let [a, b, c, ..] = words else { return None };
    let (month, day) = match (month_number(a), month_number(b)) {
        (Some(month), None) => (month, day_number(b)?),
        (None, Some(month)) => (month, day_number(a)?),
        _ => return None,
    };
    if c.len() != 4 {
        return None;
    }
    valid_date(c.parse().ok()?, month, day)
}

fn day_number(word: &str) -> Option<i8> {
    // Ordinals: 5th, 1st, 22nd, 3rd.
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if digits.is_empty() || digits.len() > 2 || digits.len() + 2 < word.len() {
        return None;
    }
    digits.parse().ok()
}

fn month_number(word: &str) -> Option<i8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = word.to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    if lower == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|name| name.starts_with(&lower) && (lower.len() == 3 || lower.len() == name.len()))
        .map(|i| i as i8 + 1)
}

#[cfg(test)]
mod tests {
    use super::normalize_published as norm;

    #[test]
    fn iso_forms_keep_their_offset() {
        assert_eq!(norm("2026-02-05").as_deref(), Some("2026-02-05"));
        assert_eq!(norm("2026-02-05T09:30:00+08:00").as_deref(), Some("2026-02-05T09:30:00+08:00"));
        assert_eq!(norm("2026-02-05T09:30:00.123Z").as_deref(), Some("2026-02-05T09:30:00+00:00"));
        assert_eq!(norm("2026-02-05 09:30:00+0800").as_deref(), Some("2026-02-05T09:30:00+08:00"));
        assert_eq!(norm("2026-02-04t23:15:00-05:00").as_deref(), Some("2026-02-04T23:15:00-05:00"));
        assert_eq!(norm("2026-02-05T09:30").as_deref(), Some("2026-02-05"), "no offset: date only");
        assert_eq!(norm("2026-02-05T09:30:00+08:00[Asia/Shanghai]").as_deref(), Some("2026-02-05T09:30:00+08:00"));
        assert_eq!(norm("2026-02-05T09:30:00-00:00").as_deref(), Some("2026-02-05"), "unknown offset");
    }

    #[test]
    fn rfc_2822_from_feeds() {
        assert_eq!(norm("Thu, 05 Feb 2026 09:30:00 +0800").as_deref(), Some("2026-02-05T09:30:00+08:00"));
        assert_eq!(norm("Thu, 5 Feb 2026 01:30:00 GMT").as_deref(), Some("2026-02-05T01:30:00+00:00"));
        assert_eq!(
            norm("Mon, 05 Feb 2026 09:30:00 -0500").as_deref(),
            Some("2026-02-05T09:30:00-05:00"),
            "wrong weekday"
        );
        assert_eq!(norm("5 Feb 2026 09:30 +0100").as_deref(), Some("2026-02-05T09:30:00+01:00"));
        assert_eq!(norm("Thu, 05 Feb 2026 09:30:00 EST").as_deref(), Some("2026-02-05T09:30:00-05:00"));
    }

    #[test]
    fn compact_slashed_and_month_names() {
        assert_eq!(norm("19950101").as_deref(), Some("1995-01-01"));
        assert_eq!(norm("20260231"), None, "no 31 February");
        assert_eq!(norm("2026/02/05").as_deref(), Some("2026-02-05"));
        assert_eq!(norm("February 5, 2026").as_deref(), Some("2026-02-05"));
        assert_eq!(norm("Feb. 5th, 2026, 10:02 AM EST").as_deref(), Some("2026-02-05"));
        assert_eq!(norm("Thursday 5 February 2026").as_deref(), Some("2026-02-05"));
        assert_eq!(norm("Sept 30 2025").as_deref(), Some("2025-09-30"));
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for bad in ["", "yesterday", "12345678", "2026-13-01", "May the fourth", "2026", "Mar 40 2026", "99999999"] {
            assert_eq!(norm(bad), None, "{bad}");
        }
    }
}
