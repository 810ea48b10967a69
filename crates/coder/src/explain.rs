//! Human-readable evidence: why an event was coded (used by `attache code --explain` and `attache why`), and
//! how the coder parsed a sentence.

use crate::engine::{Coded, CodedEvent, Outcome, Side};
use crate::parse::{Class, Parse};
use crate::words::Word;
use attache_dict::{Entry, Lexicon};
use std::fmt::Write;

fn words_text(words: &[Word], range: Option<(usize, usize)>) -> String {
    match range {
        Some((f, l)) if f <= l && l < words.len() => {
            words[f..=l].iter().map(|w| w.original.as_str()).collect::<Vec<_>>().join(" ")
        }
        _ => String::new(),
    }
}

fn side(lex: &Lexicon, words: &[Word], s: &Side) -> String {
    let mut out = format!("{} ", s.code);
    match s.words {
        Some(range) => {
            let _ = write!(out, "\"{}\"", words_text(words, Some(range)));
        }
        None => out.push_str("(default actor from the options)"),
    }
    if let Some(a) = s.actor {
        let actor = lex.actor(a);
        let _ = write!(out, " ← actor {} ({})", actor.id, actor.origin);
    }
    if let Some(g) = s.agent {
        let agent = lex.agent(g);
        let _ = write!(out, " + agent {} [{}] ({})", agent.id, agent.code, agent.origin);
    }
    if let Some(p) = s.pronoun {
        let _ = write!(out, " via pronoun \"{}\"", words.get(p).map_or("", |w| w.original.as_str()));
    }
    out
}

/// Explains one event: its actors, verb, dictionary entries, the pattern that fired and the rule.
pub fn explain_event(lex: &Lexicon, words: &[Word], e: &CodedEvent) -> String {
    let verb = lex.verb(e.verb);
    let mut out = String::new();
    let _ = writeln!(out, "{} → {}  CAMEO {}  ({:?})", e.source.code, e.target.code, e.code, e.mode);
    let _ = writeln!(out, "  source: {}", side(lex, words, &e.source));
    let _ = writeln!(out, "  target: {}", side(lex, words, &e.target));
    let _ =
        writeln!(out, "  verb:   \"{}\" ← verb {} ({})", words_text(words, Some(e.verb_words)), verb.id, verb.origin);
    match e.pattern.and_then(|p| verb.patterns.get(p as usize)) {
        Some(p) => {
            let _ = writeln!(out, "  pattern: - {} [{}] ({})", p.written, code_text(&p.code), p.origin);
        }
        None => {
            let _ = writeln!(
                out,
                "  pattern: none (the verb's own code {})",
                code_text(&verb.members[e.member as usize].code)
            );
        }
    }
    let _ = writeln!(out, "  rule:   {}", e.rule.as_str());
    if let Some(r) = &e.reporter {
        let _ = writeln!(out, "  reported by: {}", side(lex, words, r));
    }
    out
}

fn code_text(code: &attache_dict::Code) -> String {
    match code {
        attache_dict::Code::Null => "---".into(),
        attache_dict::Code::Discard => "###".into(),
        attache_dict::Code::Complex => "+++".into(),
        attache_dict::Code::Shift(d) => format!("{d:+}"),
        attache_dict::Code::Event(e) => {
            let mut s = e.primary.as_deref().unwrap_or("").to_string();
            if let Some(p) = &e.paired {
                s = format!("{s}:{p}");
            }
            if e.subordinate {
                s.push('?');
            }
            if e.dominant {
                s.push('!');
            }
            s
        }
    }
}

/// The parse as a table: each word, its class, and markers for deleted clauses and clause breaks.
pub fn explain_parse(lex: &Lexicon, words: &[Word], p: &Parse) -> String {
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        let class = match p.class.get(i) {
            Some(Class::Phrase(k)) => {
                let m = &p.phrases[*k];
                match m.entry {
                    Entry::Actor(a) => format!("actor {}", lex.actor(a).id),
                    Entry::Agent(g) => format!("agent {}", lex.agent(g).id),
                    Entry::Verb(v, _) => format!("verb {}", lex.verb(v).id),
                    Entry::Time(t, _) => format!("time {}", lex.time_entry(t).id),
                    Entry::Attribution(t, _) => format!("attribution {}", lex.attribution(t).id),
                    other => format!("{other:?}"),
                }
            }
            Some(c) => format!("{c:?}"),
            None => String::new(),
        };
        let flags = format!(
            "{}{}",
            if p.deleted.get(i) == Some(&true) { "deleted " } else { "" },
            if p.protected.get(i) == Some(&true) { "protected" } else { "" }
        );
        let _ = writeln!(out, "{i:>3} {:<16} {class:<32} {flags}", w.text);
    }
    for o in &p.occurrences {
        let codes: Vec<&str> = o.members.iter().map(|m| m.code.as_str()).collect();
        let _ = writeln!(
            out,
            "actor {}..{} {}{}{}",
            o.first,
            o.last,
            codes.join("/"),
            if o.compound { " compound" } else { "" },
            if o.pronoun { " pronoun" } else { "" }
        );
    }
    let _ = writeln!(out, "clauses: {:?}", p.clauses);
    out
}

/// Explains a whole coded sentence (outcome, then each event).
pub fn explain_coded(lex: &Lexicon, words: &[Word], coded: &Coded) -> String {
    let mut out = match &coded.outcome {
        Outcome::Coded if coded.events.is_empty() => "no event\n".to_string(),
        Outcome::Coded => String::new(),
        Outcome::TooShort => "not coded: too short\n".to_string(),
        Outcome::Discarded { story, .. } => {
            format!("discarded ({})\n", if *story { "whole story" } else { "sentence" })
        }
        Outcome::Complex { why } => format!("not coded: too complex ({why})\n"),
    };
    for e in &coded.events {
        out.push_str(&explain_event(lex, words, e));
    }
    out
}

/// How [`render_event_in`] marks the actors, the verb and the date expression in the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marking {
    /// `[source: He Lifeng] [verb: held a video call] with [target: …]`: plain text, for files and pipes.
    Brackets,
    /// ANSI colours (source green, target blue, verb yellow, date cyan, reporter magenta), for a terminal.
    Colour,
}

/// What one mark shows: a label for brackets, an ANSI style for colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Source,
    Target,
    Verb,
    Date,
    Reporter,
}

impl Part {
    fn label(self) -> &'static str {
        match self {
            Part::Source => "source",
            Part::Target => "target",
            Part::Verb => "verb",
            Part::Date => "date",
            Part::Reporter => "reporter",
        }
    }

    fn style(self) -> &'static str {
        match self {
            Part::Source => "\x1b[1;32m",
            Part::Target => "\x1b[1;34m",
            Part::Verb => "\x1b[1;33m",
            Part::Date => "\x1b[36m",
            Part::Reporter => "\x1b[35m",
        }
    }
}

const RESET: &str = "\x1b[0m";

/// One marked stretch of the sentence, in character offsets relative to the sentence; several parts when the
/// same words play several roles (a compound actor that is both source and target).
struct Mark {
    start: usize,
    end: usize,
    parts: Vec<Part>,
}

impl Mark {
    fn open(&self, marking: Marking) -> String {
        match marking {
            Marking::Brackets => {
                format!("[{}: ", self.parts.iter().map(|p| p.label()).collect::<Vec<_>>().join("+"))
            }
            Marking::Colour => self.parts[0].style().to_string(),
        }
    }
}

/// Marks `spans` (character offsets into the article) in a sentence that starts at article offset
/// `sentence_start`. Spans outside the sentence, empty spans and spans that cross an earlier one are left
/// unmarked, so the marks always nest and the text between them is the sentence, unchanged.
fn mark_spans(sentence: &str, sentence_start: u32, spans: &[(Part, attache_doc::Span)], marking: Marking) -> String {
    let length = sentence.chars().count();
    let mut marks: Vec<Mark> = Vec::new();
    for &(part, span) in spans {
        let (Some(start), Some(end)) = (span.start.checked_sub(sentence_start), span.end.checked_sub(sentence_start))
        else {
            continue;
        };
        let (start, end) = (start as usize, end as usize);
        if start >= end || end > length {
            continue;
        }
        if let Some(same) = marks.iter_mut().find(|m| m.start == start && m.end == end) {
            same.parts.push(part);
            continue;
        }
        let crosses = marks.iter().any(|m| {
            let disjoint = end <= m.start || m.end <= start;
            let nested = (m.start <= start && end <= m.end) || (start <= m.start && m.end <= end);
            !disjoint && !nested
        });
        if !crosses {
            marks.push(Mark { start, end, parts: vec![part] });
        }
    }
    // Outer marks open first; nesting makes "close the innermost first" well defined.
    marks.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out = String::with_capacity(sentence.len() + 16 * marks.len());
    let mut open: Vec<usize> = Vec::new();
    let mut next = 0;
    let close_until = |out: &mut String, open: &mut Vec<usize>, at: usize| {
        while let Some(&top) = open.last() {
            if marks[top].end != at {
                break;
            }
            open.pop();
            match marking {
                Marking::Brackets => out.push(']'),
                Marking::Colour => {
                    out.push_str(RESET);
                    // Resume the enclosing mark's colour, which the reset ended.
                    if let Some(&outer) = open.last() {
                        out.push_str(&marks[outer].open(marking));
                    }
                }
            }
        }
    };
    for (i, c) in sentence.chars().enumerate() {
        close_until(&mut out, &mut open, i);
        while next < marks.len() && marks[next].start == i {
            out.push_str(&marks[next].open(marking));
            open.push(next);
            next += 1;
        }
        out.push(c);
    }
    close_until(&mut out, &mut open, length);
    out
}

/// The legend of the colours [`Marking::Colour`] uses, each name in its colour.
pub fn colour_legend() -> String {
    [Part::Source, Part::Target, Part::Verb, Part::Date, Part::Reporter]
        .iter()
        .map(|p| format!("{}{}{RESET}", p.style(), p.label()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The sentence an event was coded from with its source, target, verb, date expression and reporter marked.
/// `sentence_start` is the sentence's character offset in the article (the event's spans are article offsets).
pub fn mark_sentence(e: &attache_doc::Event, sentence: &str, sentence_start: u32, marking: Marking) -> String {
    let mut spans = vec![(Part::Source, e.source.span), (Part::Target, e.target.span), (Part::Verb, e.verb)];
    if let Some(date) = e.date_span {
        spans.push((Part::Date, date));
    }
    if let Some(reporter) = &e.reporter {
        spans.push((Part::Reporter, reporter.span));
    }
    mark_spans(sentence, sentence_start, &spans, marking)
}

/// The sentence an event was coded from, for [`render_event_in`].
#[derive(Debug, Clone, Copy)]
pub struct SentenceContext<'a> {
    /// The sentence's text.
    pub text: &'a str,
    /// Its character offset in the article.
    pub start: u32,
    pub marking: Marking,
}

impl SentenceContext<'_> {
    /// The words a span covers when they lie inside the sentence.
    fn words(&self, span: attache_doc::Span) -> Option<String> {
        let start = span.start.checked_sub(self.start)? as usize;
        let end = span.end.checked_sub(self.start)? as usize;
        let words: String = self.text.chars().skip(start).take(end.saturating_sub(start)).collect();
        (end > start && words.chars().count() == end - start).then_some(words)
    }
}

/// Renders a coded event's evidence for a person, from the event alone (as stored or printed by
/// `attache code`). [`render_event_in`] adds the sentence, marked.
pub fn render_event(e: &attache_doc::Event) -> String {
    render(e, None)
}

/// Renders a coded event's evidence with the sentence it was coded from, its source, target, verb and date
/// expression marked: used by `attache why EVENT` and `attache code --explain`.
pub fn render_event_in(e: &attache_doc::Event, sentence: SentenceContext<'_>) -> String {
    render(e, Some(sentence))
}

fn render(e: &attache_doc::Event, context: Option<SentenceContext<'_>>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "event {}: {} → {}  CAMEO {} \"{}\"  Goldstein {:+.1}  QuadClass {}{}",
        e.id,
        e.source.code,
        e.target.code,
        e.code,
        e.name,
        e.goldstein,
        e.quad_class,
        e.plover.as_deref().map(|p| format!("  PLOVER {p}")).unwrap_or_default()
    );
    if let Some(context) = &context {
        let marked = mark_sentence(e, context.text, context.start, context.marking);
        let _ = writeln!(out, "  sentence {}: {marked}", e.sentence);
        if context.marking == Marking::Colour {
            let _ = writeln!(out, "  ({})", colour_legend());
        }
    }
    let mode = match e.mode {
        attache_doc::Mode::Fact => "fact (it happened)",
        attache_doc::Mode::Negated => "negated (the sentence says it did not happen)",
        attache_doc::Mode::Hypothetical => "hypothetical (conditional or possible, not a fact)",
        attache_doc::Mode::Future => "future (announced or intended, not yet a fact)",
    };
    let _ = writeln!(out, "  mode:     {mode}");
    let actor = |a: &attache_doc::ActorRef| {
        format!(
            "{} \"{}\" (chars {}..{}){}",
            a.code,
            a.text,
            a.span.start,
            a.span.end,
            a.entry.as_deref().map(|x| format!(" ← {x}")).unwrap_or_default()
        )
    };
    let _ = writeln!(out, "  source:   {}", actor(&e.source));
    let _ = writeln!(out, "  target:   {}", actor(&e.target));
    let _ = writeln!(
        out,
        "  verb:     \"{}\" (chars {}..{}) ← verb {}",
        e.verb_text, e.verb.start, e.verb.end, e.evidence.verb_entry
    );
    if e.evidence.pattern.is_empty() {
        let _ = writeln!(out, "  pattern:  none — the verb's own code ({})", e.evidence.dictionary);
    } else {
        let _ = writeln!(out, "  pattern:  - {} ({})", e.evidence.pattern, e.evidence.dictionary);
    }
    let rule = match e.evidence.rule.as_str() {
        "active-svo" => {
            "active voice: the source is the subject before the verb, the target the first other actor after it"
        }
        "passive-by" => "passive voice (\"was … by\"): source and target swapped",
        "pattern-designated" => "the pattern names source and/or target ($, +, %)",
        "compound-reciprocal" => "a compound actor acting on itself (\"X and Y met\")",
        "paired-code" => "the reverse event of a paired code (visit/host, meet/meet)",
        other => other,
    };
    let _ = writeln!(out, "  rule:     {} — {rule}", e.evidence.rule);
    if let Some(date) = &e.date {
        let from = match e.date_span {
            Some(s) => match context.as_ref().and_then(|c| c.words(s)) {
                Some(words) => format!(" (from \"{words}\", chars {}..{})", s.start, s.end),
                None => format!(" (from the words at chars {}..{})", s.start, s.end),
            },
            None => " (publication date)".to_string(),
        };
        let _ = writeln!(out, "  date:     {date}{from}");
    }
    if let Some(r) = &e.reporter {
        let _ = writeln!(out, "  reported by: {}", actor(r));
    }
    if context.is_none() {
        let _ = writeln!(out, "  sentence: {}", e.sentence);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_doc::Span;

    fn strip_ansi(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                for c in chars.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    fn strip_brackets(text: &str) -> String {
        let mut out = text.to_string();
        for part in [Part::Source, Part::Target, Part::Verb, Part::Date, Part::Reporter] {
            out = out.replace(&format!("{}+", part.label()), "");
        }
        for part in [Part::Source, Part::Target, Part::Verb, Part::Date, Part::Reporter] {
            out = out.replace(&format!("[{}: ", part.label()), "");
        }
        out.replace(']', "")
    }

    #[test]
    fn marks_source_verb_target_and_date_in_the_sentence() {
        // "Ann met Bob in Rome on Monday." starting at article offset 100.
        let sentence = "Ann met Bob in Rome on Monday.";
        let spans = [
            (Part::Source, Span { start: 100, end: 103 }),
            (Part::Verb, Span { start: 104, end: 107 }),
            (Part::Target, Span { start: 108, end: 111 }),
            (Part::Date, Span { start: 120, end: 129 }),
        ];
        assert_eq!(
            mark_spans(sentence, 100, &spans, Marking::Brackets),
            "[source: Ann] [verb: met] [target: Bob] in Rome [date: on Monday]."
        );
        let coloured = mark_spans(sentence, 100, &spans, Marking::Colour);
        assert!(coloured.starts_with("\x1b[1;32mAnn\x1b[0m \x1b[1;33mmet\x1b[0m"));
        assert_eq!(strip_ansi(&coloured), sentence);
    }

    #[test]
    fn shared_nested_crossing_and_outside_spans() {
        let sentence = "Ann and Bob met.";
        let spans = [
            (Part::Source, Span { start: 0, end: 11 }),
            (Part::Target, Span { start: 0, end: 11 }),
            (Part::Reporter, Span { start: 8, end: 11 }),
            // Crosses the actor: left unmarked.
            (Part::Verb, Span { start: 4, end: 15 }),
            // Outside the sentence, or empty: left unmarked.
            (Part::Date, Span { start: 15, end: 40 }),
            (Part::Date, Span { start: 3, end: 3 }),
        ];
        assert_eq!(mark_spans(sentence, 0, &spans, Marking::Brackets), "[source+target: Ann and [reporter: Bob]] met.");
        // The inner colour's reset is followed by the outer colour again.
        let coloured = mark_spans(sentence, 0, &spans, Marking::Colour);
        assert!(coloured.contains("Bob\x1b[0m\x1b[1;32m\x1b[0m met."), "{coloured:?}");
        // Spans before the sentence start are not marked either.
        assert_eq!(mark_spans(sentence, 5, &[(Part::Source, Span { start: 2, end: 7 })], Marking::Brackets), sentence);
    }

    proptest::proptest! {
        /// Any text and any spans: no panic, marks balance, and without the marks the sentence is unchanged.
        #[test]
        fn marking_keeps_the_sentence(
            sentence in "[^\\[\\]\\x1b]{0,40}",
            offset in 0u32..5,
            raw in proptest::collection::vec((0u8..5, 0u32..50, 0u32..50), 0..6),
        ) {
            let parts = [Part::Source, Part::Target, Part::Verb, Part::Date, Part::Reporter];
            let spans: Vec<(Part, Span)> = raw
                .iter()
                .map(|&(p, a, b)| (parts[p as usize], Span { start: a.min(b), end: a.max(b) }))
                .collect();
            let brackets = mark_spans(&sentence, offset, &spans, Marking::Brackets);
            proptest::prop_assert_eq!(brackets.matches('[').count(), brackets.matches(']').count());
            proptest::prop_assert_eq!(strip_brackets(&brackets), sentence.clone());
            let coloured = mark_spans(&sentence, offset, &spans, Marking::Colour);
            proptest::prop_assert_eq!(strip_ansi(&coloured), sentence);
        }
    }
}
