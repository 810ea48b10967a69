//! Real wire sentences with gold source and target spans (ConfliBERT's CAMEO NER set, BIO tags `S` and `T`):
//! where the default coder codes an event in a sentence that has both a gold source and a gold target, does the
//! event's source overlap the gold source and its target the gold target? The floor only goes up.
//!
//! `FAILURES=1 cargo test -p attache-coder --test conflibert_spans -- --nocapture` prints every disagreement.

use attache_coder::{Carry, Coder};

/// One gold sentence: the text (tokens joined as they were written: no space before punctuation and clitics,
/// none around hyphens) and the byte spans of its source and target.
struct Gold {
    text: String,
    source: Vec<(usize, usize)>,
    target: Vec<(usize, usize)>,
}

fn read_gold(text: &str) -> Vec<Gold> {
    let mut out = Vec::new();
    let mut current = Gold { text: String::new(), source: Vec::new(), target: Vec::new() };
    let mut open: Option<(char, usize, usize)> = None;
    let close = |g: &mut Gold, open: &mut Option<(char, usize, usize)>| {
        if let Some((kind, start, end)) = open.take() {
            match kind {
                'S' => g.source.push((start, end)),
                _ => g.target.push((start, end)),
            }
        }
    };
    for line in text.lines().chain(std::iter::once("")) {
        let line = line.trim_end();
        if line.is_empty() {
            close(&mut current, &mut open);
            if !current.text.is_empty() {
                out.push(std::mem::replace(
                    &mut current,
                    Gold { text: String::new(), source: Vec::new(), target: Vec::new() },
                ));
            }
            continue;
        }
        let Some((token, tag)) = line.rsplit_once(' ') else { continue };
        let glued_to_previous = matches!(token, "," | "." | ";" | ":" | "!" | "?" | ")" | "%" | "'" | "’" | "”" | "-")
            || token.starts_with('\'') && token.len() > 1
            || token.starts_with('’')
            || token.eq_ignore_ascii_case("n't")
            || token == "s" && current.text.ends_with(['\'', '’']);
        let previous_opens = current.text.ends_with(['(', '$', '“', '-']);
        if !current.text.is_empty() && !glued_to_previous && !previous_opens {
            current.text.push(' ');
        }
        let start = current.text.len();
        current.text.push_str(token);
        let end = current.text.len();
        match tag.split_once('-') {
            Some(("B", kind)) => {
                close(&mut current, &mut open);
                open = kind.chars().next().filter(|c| matches!(c, 'S' | 'T')).map(|k| (k, start, end));
            }
            Some(("I", _)) => {
                if let Some(o) = open.as_mut() {
                    o.2 = end;
                }
            }
            _ => close(&mut current, &mut open),
        }
    }
    out
}

fn overlaps(a: (usize, usize), spans: &[(usize, usize)]) -> bool {
    spans.iter().any(|&(s, e)| a.0 < e && s < a.1)
}

#[derive(Default, Debug)]
struct Agreement {
    /// Sentences with a gold source and target and at least one coded event.
    compared: usize,
    source: usize,
    target: usize,
    both: usize,
}

#[test]
fn source_and_target_spans_agree_with_gold() {
    let Some(path) = attache_testkit::shared_path("data/conflibert/cameo_ner/train.txt") else { return };
    let text = std::fs::read_to_string(path).expect("readable train.txt");
    let gold = read_gold(&text);
    assert!(gold.len() > 1000, "sentences read: {}", gold.len());
    let coder = Coder::default_english().expect("default dictionaries");
    let show = std::env::var("FAILURES").is_ok();
    let mut agreement = Agreement::default();
    for g in gold.iter().filter(|g| !g.source.is_empty() && !g.target.is_empty()) {
        let (coded, words) = coder.code_text(&g.text, None, &mut Carry::default());
        // The sentence's first event (in text order) is the one compared.
        let Some(e) = coded.events.iter().min_by_key(|e| e.verb_words.0) else { continue };
        let span = |range: Option<(usize, usize)>| {
            range.map(|(f, l)| (words.words[f].start as usize, words.words[l].end as usize))
        };
        let (Some(source), Some(target)) = (span(e.source.words), span(e.target.words)) else { continue };
        agreement.compared += 1;
        let (s_ok, t_ok) = (overlaps(source, &g.source), overlaps(target, &g.target));
        agreement.source += s_ok as usize;
        agreement.target += t_ok as usize;
        agreement.both += (s_ok && t_ok) as usize;
        if show && !(s_ok && t_ok) {
            let slice = |spans: &[(usize, usize)]| spans.iter().map(|&(s, e)| &g.text[s..e]).collect::<Vec<_>>();
            eprintln!(
                "{}\n  gold: {:?} → {:?}\n  coded: {:?} → {:?} ({} {})\n",
                g.text,
                slice(&g.source),
                slice(&g.target),
                &g.text[source.0..source.1],
                &g.text[target.0..target.1],
                e.code,
                e.source.code
            );
        }
    }
    let rate = |n: usize| 100.0 * n as f64 / agreement.compared.max(1) as f64;
    eprintln!(
        "ConfliBERT spans: {} sentences compared; source {:.1} %, target {:.1} %, both {:.1} %",
        agreement.compared,
        rate(agreement.source),
        rate(agreement.target),
        rate(agreement.both)
    );
    // Floors only go up.
    assert!(agreement.compared >= 300, "{agreement:?}");
    assert!(rate(agreement.both) >= 0.0, "{agreement:?}");
}
