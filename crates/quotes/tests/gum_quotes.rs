//! Quote finding and speaker attribution on GUM Wikinews documents, against our own annotation of four samples
//! (`tests/gold/gum_quotes.tsv`, annotated from the stage's corrected output while it was developed;
//! `tests/gold/gum_quotes_sample2.tsv`, annotated by reading before the stage ran on those documents, rules then
//! adjusted on its errors; `tests/gold/gum_quotes_heldout.tsv`, the same, a third sample;
//! `tests/gold/gum_quotes_unseen.tsv`, annotated the same way and never used to change a rule; columns:
//! document, kind, character start and end in the rebuilt text, speaker — only offsets and names are stored,
//! not GUM's text). The text is rebuilt from `# text =` lines, sentences joined
//! by a space and paragraphs (`# newpar`) by a blank line, as `support::read` does.
//!
//! A predicted quote matches a gold quote when their spans overlap by at least half of the shorter one; each
//! gold quote matches once. Speaker accuracy is over matched quotes: the predicted speaker's name equals the
//! gold one (case and a leading "the" ignored; `-` is "no speaker").
//! `GUM_QUOTES_DUMP=1` prints the predictions in the gold format, `--nocapture` prints the figures.

mod support;

use std::collections::BTreeMap;

struct Gold {
    kind: String,
    start: u32,
    end: u32,
    speaker: String,
}

fn read_gold(file: &str) -> BTreeMap<String, Vec<Gold>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut gold: BTreeMap<String, Vec<Gold>> = BTreeMap::new();
    for (number, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let bad = |what: &str| panic!("{}:{}: {what}: {line:?}", path.display(), number + 1);
        if fields.len() != 5 {
            bad("expected 5 tab-separated fields");
        }
        let start = fields[2].parse().unwrap_or_else(|_| bad("start is not a number"));
        let end = fields[3].parse().unwrap_or_else(|_| bad("end is not a number"));
        gold.entry(fields[0].to_string()).or_default().push(Gold {
            kind: fields[1].to_string(),
            start,
            end,
            speaker: fields[4].to_string(),
        });
    }
    gold
}

fn same_speaker(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        let s = s.trim().to_lowercase();
        s.strip_prefix("the ").map(str::to_string).unwrap_or(s)
    };
    norm(a) == norm(b)
}

/// Precision, recall and speaker accuracy of the stage on one gold file.
struct Figures {
    precision: f64,
    recall: f64,
    speaker_accuracy: f64,
}

fn evaluate(dir: &std::path::Path, file: &str) -> Figures {
    let gold = read_gold(file);
    let dump = std::env::var_os("GUM_QUOTES_DUMP").is_some();
    let (mut predicted_total, mut gold_total, mut matched_predicted, mut matched_gold) = (0, 0, 0, 0);
    let (mut speaker_right, mut kind_right) = (0, 0);
    for (name, gold_quotes) in &gold {
        let document = support::read(&dir.join(format!("{name}.conllu"))).unwrap_or_else(|e| panic!("{e}"));
        let doc = support::annotate(&document.text);
        let mut used = vec![false; gold_quotes.len()];
        for quote in &doc.quotes {
            let speaker = quote.speaker.as_ref().map_or("-", |s| s.name.as_str());
            let kind = format!("{:?}", quote.kind).to_lowercase();
            if dump {
                println!(
                    "{name}\t{kind}\t{}\t{}\t{speaker}\t# {}",
                    quote.start,
                    quote.end,
                    quote.text.replace('\n', " ")
                );
            }
            predicted_total += 1;
            let best = gold_quotes.iter().enumerate().find(|(i, g)| {
                let overlap = quote.end.min(g.end).saturating_sub(quote.start.max(g.start));
                let shorter = (quote.end - quote.start).min(g.end - g.start).max(1);
                !used[*i] && overlap * 2 >= shorter
            });
            if let Some((i, g)) = best {
                used[i] = true;
                matched_predicted += 1;
                if same_speaker(speaker, &g.speaker) {
                    speaker_right += 1;
                } else {
                    println!("{name}: speaker {speaker:?}, gold {:?}: {:?}", g.speaker, quote.text);
                }
                let quoted = |k: &str| k != "indirect";
                if quoted(&kind) == quoted(&g.kind) {
                    kind_right += 1;
                }
            } else {
                println!("{name}: extra {kind} quote {}..{} {:?}", quote.start, quote.end, quote.text);
            }
        }
        gold_total += gold_quotes.len();
        matched_gold += used.iter().filter(|&&u| u).count();
        for (g, used) in gold_quotes.iter().zip(&used) {
            if !used {
                let chars: Vec<char> = document.text.chars().collect();
                let text: String = chars[g.start as usize..(g.end as usize).min(chars.len())].iter().collect();
                println!("{name}: missed {} quote {}..{} by {}: {text:?}", g.kind, g.start, g.end, g.speaker);
            }
        }
    }
    let precision = matched_predicted as f64 / predicted_total.max(1) as f64;
    let recall = matched_gold as f64 / gold_total.max(1) as f64;
    let speaker_accuracy = speaker_right as f64 / matched_predicted.max(1) as f64;
    let quoted_vs_reported = kind_right as f64 / matched_predicted.max(1) as f64;
    println!(
        "{file}: gold {gold_total} predicted {predicted_total} — P {precision:.3} R {recall:.3}; \
         speaker accuracy {speaker_accuracy:.3} ({speaker_right}/{matched_predicted}); \
         quoted/reported agreement {quoted_vs_reported:.3}"
    );
    Figures { precision, recall, speaker_accuracy }
}

#[test]
fn quotes_and_speakers_on_gum_news_sample() {
    let Some(dir) = attache_testkit::shared_path("data/gum") else { return };
    let Figures { precision, recall, speaker_accuracy } = evaluate(&dir, "gum_quotes.tsv");
    // Floors a little under the figures measured (P 0.962, R 0.915, speakers 0.973).
    assert!(precision >= 0.93, "quote precision {precision:.3} fell below its floor 0.93");
    assert!(recall >= 0.89, "quote recall {recall:.3} fell below its floor 0.89");
    assert!(speaker_accuracy >= 0.95, "speaker accuracy {speaker_accuracy:.3} fell below its floor 0.95");
}

/// Documents annotated before the stage was run on them; rules were then adjusted on their errors.
#[test]
fn quotes_and_speakers_on_second_gum_sample() {
    let Some(dir) = attache_testkit::shared_path("data/gum") else { return };
    let Figures { precision, recall, speaker_accuracy } = evaluate(&dir, "gum_quotes_sample2.tsv");
    // First measured at P 0.960, R 0.774, speakers 0.833 (20/24); now P 1.000, R 0.903, speakers 0.964.
    assert!(precision >= 0.95, "second-sample quote precision {precision:.3} fell below its floor 0.95");
    assert!(recall >= 0.87, "second-sample quote recall {recall:.3} fell below its floor 0.87");
    assert!(speaker_accuracy >= 0.93, "second-sample speaker accuracy {speaker_accuracy:.3} fell below its floor 0.93");
}

/// Documents annotated before the stage was run on them. The first figure on them was the unbiased one (kept
/// in the comment below); the faults it showed were then fixed.
#[test]
fn quotes_and_speakers_on_held_out_gum_news() {
    let Some(dir) = attache_testkit::shared_path("data/gum") else { return };
    let Figures { precision, recall, speaker_accuracy } = evaluate(&dir, "gum_quotes_heldout.tsv");
    // First measured at P 0.867, R 0.867, speakers 0.615 (8/13); after fixing the general faults it showed
    // (particle-hyphen names, appositions after a quote, documents speaking for their owner, titles in
    // quotation marks) P 1.000, R 0.933, speakers 1.000 (14/14).
    assert!(precision >= 0.9, "held-out quote precision {precision:.3} fell below its floor 0.9");
    assert!(recall >= 0.9, "held-out quote recall {recall:.3} fell below its floor 0.9");
    assert!(speaker_accuracy >= 0.9, "held-out speaker accuracy {speaker_accuracy:.3} fell below its floor 0.9");
}

/// Documents annotated before the stage was run on them and never used to change a rule: the unbiased figure.
#[test]
fn quotes_and_speakers_on_unseen_gum_news() {
    let Some(dir) = attache_testkit::shared_path("data/gum") else { return };
    let Figures { precision, recall, speaker_accuracy } = evaluate(&dir, "gum_quotes_unseen.tsv");
    // Measured at P 0.905, R 0.905, speakers 0.737 (14/19).
    assert!(precision >= 0.88, "unseen-sample quote precision {precision:.3} fell below its floor 0.88");
    assert!(recall >= 0.88, "unseen-sample quote recall {recall:.3} fell below its floor 0.88");
    assert!(speaker_accuracy >= 0.7, "unseen-sample speaker accuracy {speaker_accuracy:.3} fell below its floor 0.7");
}
