//! Roles and affiliations of people, read from titles and appositions:
//! - a title before the name: "Professor Jia" → role Professor; "Chinese President Xi" → role President,
//!   affiliation China; "NASA Administrator Charles Bolden" → affiliation NASA;
//! - role words before the name: "spokesman Chen Binhua", "Foreign Ministry spokesperson Mao Ning";
//! - `of` / `from` / `at` / `for` and an organisation after the name: "Diao Daming of Renmin University";
//! - an apposition: "Chen Binhua, spokesman for China’s State Council Taiwan Affairs Office," → role
//!   spokesman, affiliation State Council Taiwan Affairs Office (the first organisation in the apposition).
//!
//! The first role and the first affiliation an article gives a person are kept.

use crate::atoms::{Atom, AtomKind};
use crate::entities::{Entities, Gender, gender_of_word};
use crate::gazetteer;
use crate::lexicon::*;
use attache_doc::EntityKind;

fn span(text: &str, atoms: &[Atom], first: usize, last: usize) -> String {
    text[atoms[first].start..atoms[last].end].to_string()
}

fn is_role_word(atom: &Atom) -> bool {
    let lower = atom.lower.trim_end_matches('.');
    atom.is_word() && (is_role_noun(lower) || is_head_title(lower)) && !is_nonperson_role(lower)
}

/// Role words allowed before the role noun inside a role phrase ("senior", "associate", "foreign").
fn is_role_modifier(atom: &Atom) -> bool {
    atom.is_word() && !is_not_name(&atom.lower) && cue_lemma(&atom.lower).is_none() || &*atom.lower == "and"
}

pub(crate) fn attach_roles(text: &str, atoms: &[Atom], entities: &mut Entities, role_phrases: &[(usize, usize)]) {
    let n = atoms.len();
    for m in 0..entities.mentions.len() {
        let mention = entities.mentions[m].clone();
        let entity = mention.entity;
        if entities.drafts[entity].kind != EntityKind::Person {
            continue;
        }
        let mut role: Option<String> = None;
        let mut affiliation: Option<String> = None;
        let mut gender: Option<Gender> = None;
        // Titles and prefix inside the mention.
        if mention.name_first > mention.first {
            let titles: Vec<usize> = (mention.first..mention.name_first)
                .filter(|&k| is_title(atoms[k].lower.trim_end_matches('.')))
                .collect();
            if let (Some(&a), Some(&b)) = (titles.first(), titles.last()) {
                role = Some(span(text, atoms, a, b));
                gender = titles.iter().find_map(|&k| gender_of_word(atoms[k].lower.trim_end_matches('.')));
            }
            let prefix = mention.first;
            if !titles.contains(&prefix) {
                let word = &text[atoms[prefix].start..atoms[prefix].end];
                affiliation = gazetteer::country_of_adjective(word)
                    .or_else(|| gazetteer::place(word))
                    .map(str::to_string)
                    .or_else(|| Some(word.to_string()));
            }
        }
        // Lower-case role words just before the name, and an organisation before them.
        if mention.first > 0 && is_role_word(&atoms[mention.first - 1]) && !atoms[mention.first - 1].cap {
            let last = mention.first - 1;
            let mut first = last;
            while first > 0
                && last - first < 3
                && is_role_modifier(&atoms[first - 1])
                && entities.mention_at(first - 1).is_none()
            {
                first -= 1;
            }
            role.get_or_insert_with(|| span(text, atoms, first, last));
            if let Some(&owner) = entities.at.get(first.wrapping_sub(1)).filter(|&&o| o != crate::marks::NONE) {
                let owner = entities.mentions[owner as usize].entity;
                if entities.drafts[owner].kind != EntityKind::Person {
                    affiliation.get_or_insert_with(|| entities.drafts[owner].name.clone());
                }
            } else if first >= 2
                && atoms[first - 1].kind == AtomKind::Possessive
                && let Some(owner) = entities.mention_at(first - 2).map(|o| o.entity)
                && entities.drafts[owner].kind != EntityKind::Person
            {
                affiliation.get_or_insert_with(|| entities.drafts[owner].name.clone());
            }
            gender = gender.or_else(|| gender_of_word(&atoms[last].lower));
        }
        // "of / from / at / for ORG" right after the name.
        let after = mention.last + 1;
        if after + 1 < n && matches!(&*atoms[after].lower, "of" | "from" | "at" | "for") {
            let mut k = after + 1;
            if k < n && &*atoms[k].lower == "the" {
                k += 1;
            }
            if let Some(owner) = entities.mention_at(k).map(|o| o.entity)
                && entities.drafts[owner].kind != EntityKind::Person
            {
                let owner = last_owner_in_chain(atoms, entities, k).unwrap_or(owner);
                affiliation.get_or_insert_with(|| entities.drafts[owner].name.clone());
            }
        }
        // Apposition: ", [det] role words [prep] … ORG … ,".
        if after + 1 < n
            && &*atoms[after].lower == ","
            && let Some((role_text, owner, role_gender)) = apposition(text, atoms, entities, after + 1, role_phrases)
        {
            if let Some(role_text) = role_text {
                role.get_or_insert(role_text);
            }
            if let Some(owner) = owner {
                affiliation.get_or_insert(owner);
            }
            gender = gender.or(role_gender);
        }
        let draft = &mut entities.drafts[entity];
        if draft.role.is_none() {
            draft.role = role;
        }
        if draft.affiliation.is_none() {
            draft.affiliation = affiliation;
        }
        if draft.gender == Gender::Unknown
            && let Some(gender) = gender
        {
            draft.gender = gender;
        }
    }
}

/// In "China’s State Council Taiwan Affairs Office", the organisation is the last link of the possessive chain.
fn last_owner_in_chain(atoms: &[Atom], entities: &Entities, mut k: usize) -> Option<usize> {
    let mut owner = entities.mention_at(k)?;
    loop {
        k = owner.last + 1;
        if k + 1 < atoms.len() && atoms[k].kind == AtomKind::Possessive {
            match entities.mention_at(k + 1) {
                Some(next) => owner = next,
                None => break,
            }
        } else {
            break;
        }
    }
    let entity = owner.entity;
    (entities.drafts[entity].kind != EntityKind::Person).then_some(entity)
}

type Apposition = (Option<String>, Option<String>, Option<Gender>);

/// Reads an apposition starting at atom `start` (just after the comma).
fn apposition(
    text: &str,
    atoms: &[Atom],
    entities: &Entities,
    start: usize,
    role_phrases: &[(usize, usize)],
) -> Option<Apposition> {
    let n = atoms.len();
    let mut end = start;
    while end < n
        && end < start + 20
        && !matches!(&*atoms[end].lower, "," | "." | ";" | ":" | "(" | ")")
        && !atoms[end].is_mark()
        && atoms[end].paragraph == atoms[start].paragraph
    {
        end += 1;
    }
    if end == start {
        return None;
    }
    let mut k = start;
    if matches!(&*atoms[k].lower, "a" | "an" | "the") {
        k += 1;
    }
    // A capitalised title phrase recognised as such ("Director of the National …").
    let phrase = role_phrases.iter().find(|&&(a, _)| a == k);
    // An organisation in front of the role words ("USI associate professor …").
    let mut org_in_front = None;
    if let Some(front) = entities.mention_at(k)
        && entities.drafts[front.entity].kind != EntityKind::Person
        && phrase.is_none()
    {
        org_in_front = Some(front.entity);
        k = front.last + 1;
    }
    let role_start = k;
    let mut role_end = None;
    while k < end && !matches!(&*atoms[k].lower, "of" | "for" | "at" | "with" | "in" | "to" | "from" | "on") {
        if is_role_word(&atoms[k]) {
            role_end = Some(k);
        } else if !is_role_modifier(&atoms[k]) || entities.mention_at(k).is_some() {
            break;
        }
        k += 1;
    }
    let role_end = role_end?;
    let role = span(text, atoms, role_start, role_end);
    let gender = gender_of_word(&atoms[role_end].lower);
    let owner = org_in_front.or_else(|| {
        (role_end + 1..end).find_map(|j| {
            let mention = entities.mention_at(j)?;
            (entities.drafts[mention.entity].kind == EntityKind::Organization)
                .then(|| last_owner_in_chain(atoms, entities, j).unwrap_or(mention.entity))
        })
    });
    let owner = owner.or_else(|| {
        (role_end + 1..end).find_map(|j| {
            let mention = entities.mention_at(j)?;
            (entities.drafts[mention.entity].kind == EntityKind::Place).then_some(mention.entity)
        })
    });
    Some((Some(role), owner.map(|o| entities.drafts[o].name.clone()), gender))
}
