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

/// Renders a coded event's evidence for a person, from the event alone (as stored or printed by
/// `attache code`): used by `attache code --explain` and `attache why EVENT`.
pub fn render_event(e: &attache_doc::Event) -> String {
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
    let _ = writeln!(out, "  rule:     {rule}");
    if let Some(date) = &e.date {
        let from = match e.date_span {
            Some(s) => format!(" (from the words at chars {}..{})", s.start, s.end),
            None => " (publication date)".to_string(),
        };
        let _ = writeln!(out, "  date:     {date}{from}");
    }
    if let Some(r) = &e.reporter {
        let _ = writeln!(out, "  reported by: {}", actor(r));
    }
    let _ = writeln!(out, "  sentence: {}", e.sentence);
    out
}
