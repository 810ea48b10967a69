//! When did it happen? Date expressions in a sentence resolved against the publication date.
//!
//! "on Wednesday" is the most recent Wednesday on or before publication (the next one when the event is
//! future); "yesterday", "today", "tomorrow", "last week", "last month", "last year"; "on Feb. 4", "February 4",
//! "4 February" and "March 3, 2026" (without a year: the latest such date on or before publication, or the next
//! one for future events). Unresolvable or absent expressions leave the publication date.

use crate::words::{Word, WordKind};
use jiff::civil::{Date, Weekday};
use jiff::{Span, ToSpan};

/// A date expression found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateExpr {
    /// Word range `[first, last]`.
    pub first: usize,
    pub last: usize,
    pub kind: DateKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKind {
    /// Days relative to publication (yesterday = -1).
    Relative(i32),
    /// A weekday; `direction` -1 for "last", +1 for "next", 0 for a bare or "on" weekday.
    Weekday(Weekday, i8),
    /// Month and day, with a year when written.
    Calendar { year: Option<i16>, month: i8, day: i8 },
}

fn weekday(text: &str) -> Option<Weekday> {
    Some(match text {
        "MONDAY" | "MON" => Weekday::Monday,
        "TUESDAY" | "TUE" | "TUES" => Weekday::Tuesday,
        "WEDNESDAY" | "WED" => Weekday::Wednesday,
        "THURSDAY" | "THU" | "THUR" | "THURS" => Weekday::Thursday,
        "FRIDAY" | "FRI" => Weekday::Friday,
        "SATURDAY" | "SAT" => Weekday::Saturday,
        "SUNDAY" | "SUN" => Weekday::Sunday,
        _ => return None,
    })
}

pub(crate) fn month(text: &str) -> Option<i8> {
    let t = text.trim_end_matches('.');
    Some(match t {
        "JANUARY" | "JAN" => 1,
        "FEBRUARY" | "FEB" => 2,
        "MARCH" | "MAR" => 3,
        "APRIL" | "APR" => 4,
        "MAY" => 5,
        "JUNE" | "JUN" => 6,
        "JULY" | "JUL" => 7,
        "AUGUST" | "AUG" => 8,
        "SEPTEMBER" | "SEPT" | "SEP" => 9,
        "OCTOBER" | "OCT" => 10,
        "NOVEMBER" | "NOV" => 11,
        "DECEMBER" | "DEC" => 12,
        _ => return None,
    })
}

fn day_number(w: &Word) -> Option<i8> {
    if w.kind != WordKind::Number {
        return None;
    }
    let digits = w.text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let day: i8 = digits.parse().ok()?;
    (1..=31).contains(&day).then_some(day)
}

fn year_number(w: &Word) -> Option<i16> {
    let year: i16 = w.text.parse().ok()?;
    (1900..=2100).contains(&year).then_some(year)
}

/// Finds the date expressions of a sentence.
pub fn find(words: &[Word]) -> Vec<DateExpr> {
    let mut out = Vec::new();
    let text = |i: usize| words.get(i).map_or("", |w| w.text.as_str());
    let mut i = 0;
    while i < words.len() {
        let t = text(i);
        let found = match t {
            // "a day after Washington approved the sale": the approval was the day before.
            "DAY" if i > 0 && matches!(text(i - 1), "A" | "ONE" | "THE") && text(i + 1) == "AFTER" => {
                Some((i - 1, i + 1, DateKind::Relative(-1)))
            }
            "PREVIOUS" if i > 0 && text(i - 1) == "THE" && text(i + 1) == "DAY" => {
                Some((i - 1, i + 1, DateKind::Relative(-1)))
            }
            "YESTERDAY" => Some((i, i, DateKind::Relative(-1))),
            "TODAY" | "TONIGHT" => Some((i, i, DateKind::Relative(0))),
            "TOMORROW" => Some((i, i, DateKind::Relative(1))),
            "LAST" | "NEXT" | "THIS" => {
                let sign = match t {
                    "LAST" => -1,
                    "NEXT" => 1,
                    _ => 0,
                };
                match text(i + 1) {
                    "WEEK" => Some((i, i + 1, DateKind::Relative(7 * sign))),
                    "MONTH" => Some((i, i + 1, DateKind::Relative(30 * sign))),
                    "YEAR" => Some((i, i + 1, DateKind::Relative(365 * sign))),
                    "MORNING" | "AFTERNOON" | "EVENING" | "WEEKEND" if sign == 0 => {
                        Some((i, i + 1, DateKind::Relative(0)))
                    }
                    other => weekday(other).map(|d| (i, i + 1, DateKind::Weekday(d, sign as i8))),
                }
            }
            _ => {
                if let Some(d) = weekday(t) {
                    Some((i, i, DateKind::Weekday(d, 0)))
                } else if let Some(m) = month(t) {
                    // "February 4[, 2026]"
                    match words.get(i + 1).and_then(day_number) {
                        Some(day) => {
                            let (mut last, mut year) = (i + 1, None);
                            let after = if text(i + 2) == "," { i + 3 } else { i + 2 };
                            if let Some(y) = words.get(after).and_then(year_number) {
                                year = Some(y);
                                last = after;
                            }
                            Some((i, last, DateKind::Calendar { year, month: m, day }))
                        }
                        None => None,
                    }
                } else if let Some(day) = day_number(&words[i]) {
                    // "4 February [2026]"
                    match month(text(i + 1)) {
                        Some(m) if t.len() <= 4 => {
                            let year = words.get(i + 2).and_then(year_number);
                            let last = if year.is_some() { i + 2 } else { i + 1 };
                            Some((i, last, DateKind::Calendar { year, month: m, day }))
                        }
                        _ => None,
                    }
                } else {
                    None
                }
            }
        };
        match found {
            Some((first, last, kind)) => {
                // Include a leading "on" in the expression's span.
                let first = if first > 0 && text(first - 1) == "ON" { first - 1 } else { first };
                out.push(DateExpr { first, last, kind });
                i = last + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// Resolves an expression against the publication date; `future` events look forward for bare weekdays and
/// dates without a year.
pub fn resolve(kind: DateKind, published: Date, future: bool) -> Option<Date> {
    match kind {
        DateKind::Relative(days) => published.checked_add(Span::new().days(days as i64)).ok(),
        DateKind::Weekday(day, direction) => {
            let forward = direction > 0 || direction == 0 && future;
            let mut d = published;
            // "on Wednesday" in an article published on a Wednesday is that day; "last Wednesday" is not.
            let step: jiff::Span = if forward { 1.day() } else { (-1).days() };
            if direction != 0 || forward {
                d = d.checked_add(step).ok()?;
            }
            for _ in 0..7 {
                if d.weekday() == day {
                    return Some(d);
                }
                d = d.checked_add(step).ok()?;
            }
            None
        }
        DateKind::Calendar { year, month, day } => match year {
            Some(y) => Date::new(y, month, day).ok(),
            None => {
                let this_year = Date::new(published.year(), month, day).ok()?;
                if future && this_year < published {
                    Date::new(published.year() + 1, month, day).ok()
                } else if !future && this_year > published {
                    Date::new(published.year() - 1, month, day).ok()
                } else {
                    Some(this_year)
                }
            }
        },
    }
}

/// The expression that dates a verb at word `verb`: the nearest one in the sentence.
pub fn nearest(exprs: &[DateExpr], verb: usize) -> Option<&DateExpr> {
    exprs.iter().min_by_key(|e| if e.first > verb { e.first - verb } else { verb - e.last })
}

/// Like [`nearest`], but only among the expressions of the verb's own clause: none may be separated from the
/// verb by a word that opens another clause ("that", "which", "after", …), nor follow it across a comma. "China
/// on Tuesday imposed sanctions and suspended talks, a day after Washington approved a sale" dates "suspended"
/// by "on Tuesday" and "approved" by "a day after"; "signed the deal after talks that ran into Monday night"
/// is not dated by Monday.
pub fn nearest_in<'e>(words: &[Word], exprs: &'e [DateExpr], verb: usize) -> Option<&'e DateExpr> {
    let opens_clause = |w: &Word| {
        matches!(w.text.as_str(), "THAT" | "WHICH" | "WHO" | "AFTER" | "BEFORE" | "SINCE" | "UNTIL" | "WHILE" | "WHEN")
    };
    let own_clause = |e: &&DateExpr| {
        if e.first > verb {
            !words[verb + 1..e.first].iter().any(|w| opens_clause(w) || w.kind == WordKind::Comma)
        } else {
            !words[e.last + 1..verb].iter().any(opens_clause)
        }
    };
    exprs.iter().filter(own_clause).min_by_key(|e| if e.first > verb { e.first - verb } else { verb - e.last })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::from_text;

    fn date(y: i16, m: i8, d: i8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    fn first(text: &str) -> DateKind {
        find(&from_text(text).words)[0].kind
    }

    #[test]
    fn weekdays_and_relative() {
        let published = date(2026, 2, 5); // a Thursday
        assert_eq!(resolve(first("They spoke on Wednesday."), published, false), Some(date(2026, 2, 4)));
        assert_eq!(resolve(first("They spoke on Thursday."), published, false), Some(date(2026, 2, 5)));
        assert_eq!(resolve(first("They will meet on Wednesday."), published, true), Some(date(2026, 2, 11)));
        assert_eq!(resolve(first("They met last Thursday."), published, false), Some(date(2026, 1, 29)));
        assert_eq!(resolve(first("They spoke yesterday."), published, false), Some(date(2026, 2, 4)));
        assert_eq!(resolve(first("They spoke last week."), published, false), Some(date(2026, 1, 29)));
        assert_eq!(resolve(first("a day after they approved it"), published, false), Some(date(2026, 2, 4)));
    }

    #[test]
    fn commas_keep_expressions_to_their_clause() {
        let w = from_text(
            "China on Tuesday imposed sanctions and suspended talks, a day after Washington approved a sale.",
        );
        let exprs = find(&w.words);
        let at = |t: &str| w.words.iter().position(|x| x.text == t).unwrap();
        assert_eq!(nearest_in(&w.words, &exprs, at("SUSPENDED")).unwrap().kind, DateKind::Weekday(Weekday::Tuesday, 0));
        assert_eq!(nearest_in(&w.words, &exprs, at("APPROVED")).unwrap().kind, DateKind::Relative(-1));
    }

    #[test]
    fn calendar_dates() {
        let published = date(2026, 2, 5);
        assert_eq!(resolve(first("They met on Feb. 4 in Rome."), published, false), Some(date(2026, 2, 4)));
        assert_eq!(resolve(first("They met on March 3, 2026."), published, false), Some(date(2026, 3, 3)));
        assert_eq!(resolve(first("They met on 12 December."), published, false), Some(date(2025, 12, 12)));
        let exprs = find(&from_text("They met on March 3, 2026 in Rome.").words);
        assert_eq!((exprs[0].first, exprs[0].last), (2, 6));
    }
}
