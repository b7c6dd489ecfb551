//! Print the actor mentions of a text read from stdin: `cargo run -p sitrep-actors --example tag_actors < report.txt`.
//! An optional argument gives the publication date (YYYY-MM-DD).

use std::io::{Read, Write};

fn main() {
    let mut text = String::new();
    if std::io::stdin().read_to_string(&mut text).is_err() {
        eprintln!("could not read stdin");
        return;
    }
    let published = std::env::args().nth(1).and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    let tagger = match sitrep_actors::ActorTagger::embedded() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    let doc = sitrep_model::Doc::new(&text);
    let show = std::env::var_os("SHOW_SENTENCES").is_some();
    let ms = tagger.tag(&doc, published);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (i, m) in ms.iter().enumerate() {
        if show && m.antecedent.is_some() {
            let a = &ms[m.antecedent.unwrap_or(0)];
            let from = doc.sentences[a.sentence].span.start;
            let to = doc.sentences[m.sentence].span.end;
            if writeln!(out, "---- {}", text[from..to].replace('\n', " ")).is_err() {
                return;
            }
        }
        let line = format!(
            "{i:3} s{:<3} {:<10} {:<45} → {} [{} {}]{}{}{}",
            m.sentence,
            format!("{:?}", m.kind),
            format!("{:?}", m.span.of(&text)),
            m.actor.name,
            m.actor.country.as_deref().unwrap_or("-"),
            m.actor.sector.as_deref().unwrap_or("-"),
            m.antecedent.map(|a| format!(" ←{a}")).unwrap_or_default(),
            if m.modifier { " (modifier)" } else { "" },
            if m.locative { " (locative)" } else { "" },
        );
        if writeln!(out, "{line}").is_err() {
            return; // e.g. a closed pipe
        }
    }
}
