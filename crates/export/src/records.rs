//! The column lists of the exported row types (documented column by column in `docs/exports.md`).

use crate::ColumnType::{Bool, Date, Float, Int, Text};
use crate::{Column, Record, Value, column};
use attache_doc::ActorRef;
use attache_store::{EntitySummary, EventMention, StoredQuote, TrackedAction, TrackedSignal, quote_kind_name};

/// Sectors as one space-separated text (`GOV MIL`), or null when there are none.
fn sectors(actor: &ActorRef) -> Value<'_> {
    if actor.sectors.is_empty() { Value::Null } else { Value::from(actor.sectors.join(" ")) }
}

impl Record for EventMention {
    const COLUMNS: &'static [Column] = &[
        column("event_id", Text),
        column("article", Text),
        column("article_title", Text),
        column("article_url", Text),
        column("article_source", Text),
        column("published", Text),
        column("event_index", Int),
        column("sentence_index", Int),
        column("date", Date),
        column("mode", Text),
        column("source_code", Text),
        column("source_country", Text),
        column("source_sectors", Text),
        column("source_text", Text),
        column("source_start", Int),
        column("source_end", Int),
        column("target_code", Text),
        column("target_country", Text),
        column("target_sectors", Text),
        column("target_text", Text),
        column("target_start", Int),
        column("target_end", Int),
        column("event_code", Text),
        column("event_base_code", Text),
        column("event_root_code", Text),
        column("event_name", Text),
        column("quad_class", Int),
        column("goldstein", Float),
        column("plover", Text),
        column("verb_text", Text),
        column("verb_start", Int),
        column("verb_end", Int),
        column("reporter_code", Text),
        column("sentence_start", Int),
        column("sentence_end", Int),
        column("sentence", Text),
        column("evidence_pattern", Text),
        column("evidence_rule", Text),
        column("group_id", Int),
        column("group_mentions", Int),
        column("group_articles", Int),
        column("group_sources", Int),
    ];

    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        let stored = &self.stored;
        let e = &stored.event;
        let sentence_end = stored.sentence_start + stored.sentence_text.chars().count() as u32;
        out.extend([
            Value::from(stored.id()),
            Value::from(stored.article.as_str()),
            Value::from(stored.title.as_deref()),
            Value::from(self.url.as_deref()),
            Value::from(self.source.as_deref()),
            Value::from(stored.published.as_deref()),
            Value::from(e.id),
            Value::from(e.sentence),
            e.date.as_deref().map_or(Value::Null, Value::Date),
            Value::from(e.mode.as_str()),
        ]);
        for actor in [&e.source, &e.target] {
            out.extend([
                Value::from(actor.code.as_str()),
                Value::from(actor.country.as_deref()),
                sectors(actor),
                Value::from(actor.text.as_str()),
                Value::from(actor.span.start),
                Value::from(actor.span.end),
            ]);
        }
        out.extend([
            Value::from(e.code.as_str()),
            Value::from(base_code(&e.code)),
            Value::from(e.root.as_str()),
            Value::from(e.name.as_str()),
            Value::from(u32::from(e.quad_class)),
            Value::from(e.goldstein),
            Value::from(e.plover.as_deref()),
            Value::from(e.verb_text.as_str()),
            Value::from(e.verb.start),
            Value::from(e.verb.end),
            Value::from(e.reporter.as_ref().map(|r| r.code.as_str())),
            Value::from(stored.sentence_start),
            Value::from(sentence_end),
            Value::from(stored.sentence_text.as_str()),
            Value::from(e.evidence.pattern.as_str()),
            Value::from(e.evidence.rule.as_str()),
        ]);
        match self.group {
            Some(group) => out.extend([
                Value::Int(group.id),
                Value::from(group.num_mentions),
                Value::from(group.num_articles),
                Value::from(group.num_sources),
            ]),
            None => out.extend([Value::Null, Value::Null, Value::Null, Value::Null]),
        }
    }
}

/// The CAMEO base code: the first three digits of a four-digit code, the code itself otherwise (`0251` → `025`,
/// `041` → `041`, `04` → `04`).
pub(crate) fn base_code(code: &str) -> &str {
    if code.len() > 3 { code.get(..3).unwrap_or(code) } else { code }
}

impl Record for StoredQuote {
    const COLUMNS: &'static [Column] = &[
        column("quote_id", Text),
        column("article", Text),
        column("published", Text),
        column("quote_index", Int),
        column("kind", Text),
        column("text", Text),
        column("start", Int),
        column("end", Int),
        column("first_sentence", Int),
        column("last_sentence", Int),
        column("cue", Text),
        column("cue_start", Int),
        column("cue_end", Int),
        column("speaker", Text),
        column("speaker_role", Text),
        column("speaker_affiliation", Text),
        column("speaker_code", Text),
        column("speaker_resolution", Text),
        column("speaker_mention", Text),
        column("speaker_start", Int),
        column("speaker_end", Int),
    ];

    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        let q = &self.quote;
        out.extend([
            Value::from(self.id()),
            Value::from(self.article.as_str()),
            Value::from(self.published.as_deref()),
            Value::from(q.id),
            Value::from(quote_kind_name(q.kind)),
            Value::from(q.text.as_str()),
            Value::from(q.start),
            Value::from(q.end),
            Value::from(q.sentences[0]),
            Value::from(q.sentences[1]),
        ]);
        match &q.cue {
            Some(cue) => out.extend([Value::from(cue.text.as_str()), Value::from(cue.start), Value::from(cue.end)]),
            None => out.extend([Value::Null, Value::Null, Value::Null]),
        }
        match &q.speaker {
            Some(s) => out.extend([
                Value::from(s.name.as_str()),
                Value::from(s.role.as_deref()),
                Value::from(s.affiliation.as_deref()),
                Value::from(s.code.as_deref()),
                Value::from(s.resolution.as_str()),
                Value::from(s.mention.text.as_str()),
                Value::from(s.mention.start),
                Value::from(s.mention.end),
            ]),
            None => out.extend(std::iter::repeat_n(Value::Null, 8)),
        }
    }
}

impl Record for EntitySummary {
    const COLUMNS: &'static [Column] = &[
        column("name", Text),
        column("kind", Text),
        column("code", Text),
        column("role", Text),
        column("affiliation", Text),
        column("mentions", Int),
        column("articles", Int),
        column("first", Date),
        column("last", Date),
    ];

    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        out.extend([
            Value::from(self.name.as_str()),
            Value::from(self.kind.as_str()),
            Value::from(self.code.as_deref()),
            Value::from(self.role.as_deref()),
            Value::from(self.affiliation.as_deref()),
            Value::from(self.mentions),
            Value::from(self.articles),
            self.first.as_deref().map_or(Value::Null, Value::Date),
            self.last.as_deref().map_or(Value::Null, Value::Date),
        ]);
    }
}

/// One row of the signals export: a signal with one of its actions (or with none, when it has no action).
#[derive(Debug, Clone, Copy)]
pub struct SignalRow<'s> {
    pub signal: &'s TrackedSignal,
    pub action: Option<&'s TrackedAction>,
}

/// A signal's rows: one per action, or one without an action.
pub fn signal_rows(signal: &TrackedSignal) -> Vec<SignalRow<'_>> {
    if signal.actions.is_empty() {
        return vec![SignalRow { signal, action: None }];
    }
    signal.actions.iter().map(|action| SignalRow { signal, action: Some(action) }).collect()
}

impl Record for SignalRow<'_> {
    const COLUMNS: &'static [Column] = &[
        column("signal_id", Text),
        column("article", Text),
        column("signal_index", Int),
        column("date", Date),
        column("article_source", Text),
        column("sentence_index", Int),
        column("setter", Text),
        column("setter_code", Text),
        column("direction", Text),
        column("mode", Text),
        column("family", Text),
        column("cue", Text),
        column("status", Text),
        column("action_index", Int),
        column("action_role", Text),
        column("action_text", Text),
        column("action_codes", Text),
        column("action_actor", Text),
        column("action_actor_from", Text),
        column("action_target", Text),
        column("action_target_from", Text),
        column("action_mutual", Bool),
        column("action_tracked", Bool),
        column("met_by_event", Text),
        column("met_date", Date),
        column("met_code", Text),
    ];

    fn values<'a>(&'a self, out: &mut Vec<Value<'a>>) {
        let s = self.signal;
        out.extend([
            Value::from(format!("{}:{}", s.article, s.idx)),
            Value::from(s.article.as_str()),
            Value::from(s.idx),
            s.date.as_deref().map_or(Value::Null, Value::Date),
            Value::from(s.source.as_deref()),
            Value::from(s.sentence),
            Value::from(s.setter.as_deref()),
            Value::from(s.setter_code.as_deref()),
            Value::from(s.direction.as_str()),
            Value::from(s.mode.as_str()),
            Value::from(s.family.as_str()),
            Value::from(s.cue.as_str()),
            Value::from(s.status.as_str()),
        ]);
        let Some(a) = self.action else {
            out.extend(std::iter::repeat_n(Value::Null, 13));
            return;
        };
        out.extend([
            Value::from(a.idx),
            Value::from(a.role.as_str()),
            Value::from(a.text.as_str()),
            Value::from(a.codes.join(" ")),
            Value::from(a.actor.as_deref()),
            Value::from(a.actor_from.as_deref()),
            Value::from(a.target.as_deref()),
            Value::from(a.target_from.as_deref()),
            Value::Bool(a.mutual),
            Value::Bool(a.tracked),
        ]);
        match &a.met_by {
            Some(m) => out.extend([
                Value::from(format!("{}:{}", m.article, m.event)),
                Value::Date(m.date.as_str()),
                Value::from(m.code.as_str()),
            ]),
            None => out.extend([Value::Null, Value::Null, Value::Null]),
        }
    }
}
