//! A synthetic corpus of coded articles for benchmarks and consistency tests: many country pairs with Zipf-like
//! activity, several years, varied CAMEO codes and modes, and the same happening reported by several outlets
//! (sometimes twice in one article, sometimes with another sector code), so that de-duplication has work to do.
//!
//! Deterministic for a seed. The text of an article is only its events written as code tokens
//! (`CHNGOV 057 USA.`): the spans are real, the words are not news.

use attache_doc::{ActorRef, Article, Doc, Event, EventEvidence, Mode, Sentence, Span, Tone};
use jiff::ToSpan;
use jiff::civil::Date;

/// Country codes the generator draws pairs from, most active first (CHN–USA is the busiest pair).
const COUNTRIES: [&str; 60] = [
    "CHN", "USA", "RUS", "UKR", "IND", "PAK", "JPN", "KOR", "PRK", "TWN", "IRN", "ISR", "PSE", "SYR", "TUR", "SAU",
    "ARE", "EGY", "DEU", "FRA", "GBR", "ITA", "ESP", "POL", "BLR", "KAZ", "AFG", "BGD", "VNM", "PHL", "IDN", "MYS",
    "THA", "MMR", "AUS", "NZL", "CAN", "MEX", "BRA", "ARG", "COL", "VEN", "CUB", "ZAF", "NGA", "ETH", "KEN", "SDN",
    "SSD", "SOM", "LBY", "DZA", "MAR", "IRQ", "JOR", "LBN", "YEM", "QAT", "GEO", "ARM",
];

/// Sector suffixes a report may give an actor, with repetition as weight (none and GOV most often).
const SECTORS: [&str; 12] = ["", "", "", "GOV", "GOV", "GOV", "GOV", "MIL", "GOVMIL", "BUS", "EDU", "OPP"];

/// CAMEO codes with their Goldstein scores and QuadClass; repetition in the list is frequency.
const CODES: [(&str, f32, u8); 32] = [
    ("010", 0.0, 1),
    ("020", 3.0, 1),
    ("036", 4.0, 1),
    ("040", 1.0, 1),
    ("040", 1.0, 1),
    ("041", 1.0, 1),
    ("042", 1.9, 1),
    ("043", 2.8, 1),
    ("046", 7.0, 1),
    ("051", 3.4, 1),
    ("051", 3.4, 1),
    ("057", 8.0, 1),
    ("061", 6.4, 2),
    ("071", 7.4, 2),
    ("073", 7.4, 2),
    ("085", 7.0, 2),
    ("0871", 9.0, 2),
    ("111", -2.0, 3),
    ("111", -2.0, 3),
    ("112", -2.0, 3),
    ("112", -2.0, 3),
    ("114", -2.0, 3),
    ("120", -4.0, 3),
    ("130", -4.4, 3),
    ("138", -7.0, 3),
    ("141", -6.5, 3),
    ("163", -8.0, 4),
    ("164", -7.0, 4),
    ("172", -5.0, 4),
    ("190", -10.0, 4),
    ("193", -10.0, 4),
    ("195", -10.0, 4),
];

/// Outlets articles come from (drawn Zipf-like: a few wires publish most).
const OUTLETS: usize = 50;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SyntheticConfig {
    pub seed: u64,
    pub start: Date,
    pub days: u32,
    /// De-duplicated events (happenings) to generate in all; each is reported by one or more articles.
    pub happenings: u64,
    /// How many of the 60 countries take part (at least 2).
    pub countries: usize,
}

/// Iterator over the synthetic articles, day by day.
pub struct Synthetic {
    config: SyntheticConfig,
    rng: fastrand::Rng,
    pair_weights: Vec<f64>,
    pairs: Vec<(usize, usize)>,
    outlet_weights: Vec<f64>,
    day: u32,
    made: u64,
    buffer: std::vec::IntoIter<Doc>,
    next_id: u64,
}

/// One report of a happening, to be written into an article.
struct Report {
    source: String,
    target: String,
    code: usize,
    mode: Mode,
    date: Date,
}

fn cumulative_zipf(n: usize, exponent: f64) -> Vec<f64> {
    let mut total = 0.0;
    (1..=n)
        .map(|rank| {
            total += 1.0 / (rank as f64).powf(exponent);
            total
        })
        .collect()
}

fn draw(rng: &mut fastrand::Rng, cumulative: &[f64]) -> usize {
    let x = rng.f64() * cumulative.last().copied().unwrap_or(0.0);
    cumulative.partition_point(|&c| c < x).min(cumulative.len().saturating_sub(1))
}

impl Synthetic {
    pub fn new(config: SyntheticConfig) -> Synthetic {
        let countries = config.countries.clamp(2, COUNTRIES.len());
        // Unordered pairs, ranked by the sum of the countries' ranks (busy countries meet busy countries most).
        let mut pairs: Vec<(usize, usize)> =
            (0..countries).flat_map(|a| (a + 1..countries).map(move |b| (a, b))).collect();
        pairs.sort_by_key(|&(a, b)| (a + b, a));
        Synthetic {
            rng: fastrand::Rng::with_seed(config.seed),
            pair_weights: cumulative_zipf(pairs.len(), 1.0),
            pairs,
            outlet_weights: cumulative_zipf(OUTLETS, 1.0),
            config,
            day: 0,
            made: 0,
            buffer: Vec::new().into_iter(),
            next_id: 0,
        }
    }

    fn actor_code(&mut self, country: usize) -> String {
        let sector = SECTORS[self.rng.usize(..SECTORS.len())];
        format!("{}{sector}", COUNTRIES[country])
    }

    /// The articles of the next day.
    fn make_day(&mut self) -> Vec<Doc> {
        let date = self.config.start.checked_add((self.day as i64).days()).unwrap_or(self.config.start);
        self.day += 1;
        let remaining_days = u64::from(self.config.days.saturating_sub(self.day) + 1);
        let left = self.config.happenings - self.made;
        // Spread what is left over the days left, with some day-to-day noise.
        let mean = left as f64 / remaining_days as f64;
        let count = if remaining_days == 1 { left } else { ((mean * (0.5 + self.rng.f64())).round() as u64).min(left) };
        self.made += count;

        let mut reports: Vec<Report> = Vec::new();
        for _ in 0..count {
            let (a, b) = self.pairs[draw(&mut self.rng, &self.pair_weights)];
            let (from, to) = if self.rng.bool() { (a, b) } else { (b, a) };
            let code = self.rng.usize(..CODES.len());
            let mode = match self.rng.u8(..100) {
                0..=79 => Mode::Fact,
                80..=87 => Mode::Future,
                88..=94 => Mode::Hypothetical,
                _ => Mode::Negated,
            };
            let copies = match self.rng.u8(..100) {
                0..=54 => 1,
                55..=74 => 2,
                75..=84 => 3,
                85..=94 => self.rng.usize(4..=6),
                _ => self.rng.usize(7..=20),
            };
            for _ in 0..copies {
                let (source, target) = (self.actor_code(from), self.actor_code(to));
                reports.push(Report { source, target, code, mode, date });
            }
        }
        self.rng.shuffle(&mut reports);
        let mut docs = Vec::new();
        let mut rest = reports.as_slice();
        while !rest.is_empty() {
            let take = self.rng.usize(2..=8).min(rest.len());
            let (these, others) = rest.split_at(take);
            rest = others;
            docs.push(self.article(these));
        }
        docs
    }

    fn article(&mut self, reports: &[Report]) -> Doc {
        let number = self.next_id;
        self.next_id += 1;
        let mut text = String::new();
        let mut placed = Vec::new();
        for report in reports {
            let (code, _, _) = CODES[report.code];
            let start = text.len();
            text.push_str(&format!("{} {} {}. ", report.source, code, report.target));
            placed.push((start, text.len() - 1));
        }
        text.push_str(&format!("Synthetic report {number}."));
        let date = reports[0].date;
        // One article in ten is published the day after the events it reports.
        let published = if self.rng.u8(..10) == 0 { date.tomorrow().unwrap_or(date) } else { date };
        let outlet = draw(&mut self.rng, &self.outlet_weights);
        let mut doc = Doc::new(Article {
            id: format!("syn-{number}"),
            source: Some(format!("Synthetic Outlet {outlet:02}")),
            title: Some(format!("Synthetic report {number}")),
            published: Some(published.to_string()),
            text,
            ..Article::default()
        });
        let mut goldstein_total = 0.0;
        for (i, (report, &(start, end))) in reports.iter().zip(&placed).enumerate() {
            let (code, goldstein, quad_class) = CODES[report.code];
            goldstein_total += goldstein;
            let source_end = start + report.source.len();
            let verb = (source_end + 1, source_end + 1 + code.len());
            let target = (verb.1 + 1, verb.1 + 1 + report.target.len());
            let actor = |code: &str, span: Span| {
                let country = code.get(..3).map(str::to_string);
                let sectors = code.as_bytes()[3.min(code.len())..]
                    .chunks(3)
                    .map(|c| String::from_utf8_lossy(c).into_owned())
                    .collect();
                ActorRef { code: code.to_string(), country, sectors, span, text: code.to_string(), entry: None }
            };
            let sentence = doc.span(start, end);
            doc.sentences.push(Sentence {
                id: i as u32,
                start: sentence.start,
                end: sentence.end,
                paragraph: 0,
                text: doc.slice(sentence).to_string(),
                tone: None,
            });
            let source = actor(&report.source, doc.span(start, source_end));
            let target = actor(&report.target, doc.span(target.0, target.1));
            let verb_span = doc.span(verb.0, verb.1);
            doc.events.push(Event {
                id: i as u32,
                sentence: i as u32,
                source,
                target,
                code: code.to_string(),
                root: code[..2].to_string(),
                name: format!("CAMEO {code}"),
                goldstein,
                quad_class,
                plover: None,
                mode: report.mode,
                date: Some(report.date.to_string()),
                date_span: None,
                verb: verb_span,
                verb_text: code.to_string(),
                reporter: None,
                evidence: EventEvidence {
                    dictionary: "synthetic".into(),
                    verb_entry: code.to_string(),
                    pattern: "synthetic".into(),
                    rule: "synthetic".into(),
                },
            });
        }
        let tone = (goldstein_total / reports.len() as f32 * 0.6 + (self.rng.f32() * 4.0 - 2.0)).clamp(-10.0, 10.0);
        doc.tone = Some(Tone {
            tone,
            positive: tone.max(0.0),
            negative: (-tone).max(0.0),
            polarity: tone.abs(),
            word_count: 3 * reports.len() as u32,
        });
        doc
    }
}

impl Iterator for Synthetic {
    type Item = Doc;

    fn next(&mut self) -> Option<Doc> {
        loop {
            if let Some(doc) = self.buffer.next() {
                return Some(doc);
            }
            if self.day >= self.config.days || self.made >= self.config.happenings {
                return None;
            }
            self.buffer = self.make_day().into_iter();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn config(happenings: u64) -> SyntheticConfig {
        SyntheticConfig { seed: 7, start: date(2022, 1, 1), days: 365, happenings, countries: 20 }
    }

    #[test]
    fn the_corpus_is_deterministic_and_has_what_was_asked() {
        let docs: Vec<Doc> = Synthetic::new(config(2_000)).collect();
        let again: Vec<Doc> = Synthetic::new(config(2_000)).collect();
        let json = |docs: &[Doc]| serde_json::to_string(docs).unwrap();
        assert_eq!(json(&docs), json(&again));
        let events: usize = docs.iter().map(|d| d.events.len()).sum();
        assert!(events > 2_000, "happenings are reported more than once on average: {events}");
        let ids: std::collections::HashSet<&str> = docs.iter().map(|d| d.article.id.as_str()).collect();
        assert_eq!(ids.len(), docs.len());
        for doc in &docs {
            for event in &doc.events {
                assert_eq!(doc.slice(event.source.span), event.source.code);
                assert_eq!(doc.slice(event.verb), event.code);
                assert_eq!(doc.slice(event.target.span), event.target.code);
            }
        }
        // CHN–USA is the busiest pair.
        let chn_usa = docs
            .iter()
            .flat_map(|d| &d.events)
            .filter(|e| {
                let pair = (&e.source.code[..3], &e.target.code[..3]);
                pair == ("CHN", "USA") || pair == ("USA", "CHN")
            })
            .count();
        assert!(chn_usa * 10 > events, "CHN–USA has {chn_usa} of {events} events");
    }
}
