//! The evidence of an event or a quote as JSON: the sentence cut into segments, each marked with the part it
//! plays (source, target, verb, …), so a client highlights words without doing character arithmetic.

use attache_coder::explain::{Marking, SentenceContext, render_event_in};
use attache_doc::Span;
use attache_store::{StoredArticle, StoredEvent, StoredQuote};
use serde_json::{Value, json};

/// Cuts `text` (which starts at character `start` of the article) into consecutive segments; the parts of
/// `marks` (article character spans) that lie inside it are labelled. Overlapping marks: the earlier wins.
pub(crate) fn segments(text: &str, start: u32, marks: &[(&'static str, Span)]) -> Vec<Value> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let length = chars.len() as u32;
    let byte_at = |offset: u32| chars.get(offset as usize).map_or(text.len(), |(byte, _)| *byte);
    let mut inside: Vec<(&str, u32, u32)> = marks
        .iter()
        .filter_map(|(part, span)| {
            let from = span.start.checked_sub(start)?;
            let to = span.end.checked_sub(start)?.min(length);
            (from < to).then_some((*part, from, to))
        })
        .collect();
    inside.sort_by_key(|(_, from, to)| (*from, *to));
    let mut out = Vec::new();
    let mut at = 0;
    for (part, from, to) in inside {
        if from < at {
            continue;
        }
        if from > at {
            out.push(json!({ "text": &text[byte_at(at)..byte_at(from)], "part": null }));
        }
        out.push(json!({ "text": &text[byte_at(from)..byte_at(to)], "part": part }));
        at = to;
    }
    if at < length {
        out.push(json!({ "text": &text[byte_at(at)..], "part": null }));
    }
    out
}

/// What `attache why` shows for an event, as JSON (shape in docs/api.md).
pub(crate) fn event_evidence(stored: &StoredEvent) -> Value {
    let e = &stored.event;
    let mut marks = vec![("source", e.source.span), ("target", e.target.span), ("verb", e.verb)];
    if let Some(date) = e.date_span {
        marks.push(("date", date));
    }
    if let Some(reporter) = &e.reporter {
        marks.push(("reporter", reporter.span));
    }
    let context =
        SentenceContext { text: &stored.sentence_text, start: stored.sentence_start, marking: Marking::Brackets };
    let actor = |a: &attache_doc::ActorRef| json!({ "code": a.code, "text": a.text, "entry": a.entry });
    json!({
        "id": stored.id(),
        "article": { "id": stored.article, "title": stored.title, "published": stored.published },
        "sentence": { "index": e.sentence, "start": stored.sentence_start, "text": stored.sentence_text },
        "segments": segments(&stored.sentence_text, stored.sentence_start, &marks),
        "source": actor(&e.source),
        "target": actor(&e.target),
        "reporter": e.reporter.as_ref().map(actor),
        "verb": { "text": e.verb_text, "entry": e.evidence.verb_entry },
        "code": e.code,
        "name": e.name,
        "goldstein": e.goldstein,
        "quad_class": e.quad_class,
        "mode": e.mode,
        "date": e.date,
        "dictionary": e.evidence.dictionary,
        "pattern": e.evidence.pattern,
        "rule": e.evidence.rule,
        "explanation": render_event_in(e, context),
    })
}

/// The sentences a quote spans with the quoted words, the speech cue and the speaker's mention marked.
pub(crate) fn quote_evidence(stored: &StoredQuote, article: &StoredArticle) -> Value {
    let q = &stored.quote;
    let [first, last] = q.sentences;
    let spanned: Vec<_> = article.sentences.iter().filter(|s| (first..=last).contains(&s.idx)).collect();
    let (Some(head), Some(tail)) = (spanned.first(), spanned.last()) else {
        return Value::Null;
    };
    let text: String =
        article.text.chars().skip(head.start as usize).take(tail.end.saturating_sub(head.start) as usize).collect();
    let mut marks = vec![("quote", Span::new(q.start, q.end))];
    if let Some(cue) = &q.cue {
        marks.push(("cue", cue.span()));
    }
    if let Some(speaker) = &q.speaker {
        marks.push(("speaker", speaker.mention.span()));
    }
    json!({
        "sentences": [first, last],
        "start": head.start,
        "text": text,
        "segments": segments(&text, head.start, &marks),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(segments: &[Value]) -> String {
        segments.iter().map(|s| s["text"].as_str().unwrap_or_default()).collect()
    }

    #[test]
    fn segments_cover_the_text_and_label_the_marks() {
        // "Él" has a two-byte character: offsets are characters, cuts land on byte boundaries.
        let text = "Él visited Beijing today.";
        let marks = [("verb", Span::new(103, 110)), ("source", Span::new(100, 102)), ("target", Span::new(111, 118))];
        let out = segments(text, 100, &marks);
        assert_eq!(joined(&out), text);
        let parts: Vec<(&str, &str)> =
            out.iter().map(|s| (s["text"].as_str().unwrap(), s["part"].as_str().unwrap_or("-"))).collect();
        assert_eq!(
            parts,
            [("Él", "source"), (" ", "-"), ("visited", "verb"), (" ", "-"), ("Beijing", "target"), (" today.", "-")]
        );
    }

    #[test]
    fn marks_outside_or_overlapping_are_dropped_not_panicking() {
        let text = "abc def";
        let marks = [("a", Span::new(0, 3)), ("b", Span::new(2, 5)), ("c", Span::new(50, 60)), ("d", Span::new(5, 99))];
        let out = segments(text, 0, &marks);
        assert_eq!(joined(&out), text);
        assert_eq!(out.iter().filter(|s| !s["part"].is_null()).count(), 2);
    }
}
