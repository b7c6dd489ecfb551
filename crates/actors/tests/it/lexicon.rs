//! Lexicon validation: every error names the file and the line.

use sitrep_actors::{ActorTagger, LexiconError};

const COUNTRIES: &str = "# iso3\tiso2\tnames\tadjectives\tpeople\tcapitals\twikidata\n\
SYR\tSY\tSyria\tSyrian\t-\tDamascus\tQ858\n\
IRQ\tIQ\tIraq\tIraqi\t-\tBaghdad\t-\n";

fn err(files: &[(&str, &str)]) -> LexiconError {
    match ActorTagger::from_sources(files) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e,
    }
}

fn actors_err(row: &str) -> LexiconError {
    let actors = format!("# a comment\n\nGOOD\tGood Army\t-\t-\tSYR\tMIL\t1\t-\t-\n{row}\n");
    err(&[("countries.tsv", COUNTRIES), ("my/actors-extra.tsv", &actors)])
}

#[test]
fn a_small_valid_lexicon_works() {
    let actors = "X-ARMY\tExample Army\t-\tXA|Example Forces\tSYR\tMIL\t1\tQ1\tpart_of:SYR\n";
    let t = ActorTagger::from_sources(&[("countries.tsv", COUNTRIES), ("actors.tsv", actors)]).unwrap();
    let a = t.lookup("Example Forces").unwrap();
    assert_eq!(a.id.as_deref(), Some("X-ARMY"));
    assert_eq!(t.lookup("Iraq").unwrap().country.as_deref(), Some("IRQ"));
}

#[test]
fn wrong_column_count_names_file_and_line() {
    let e = actors_err("BAD\tOnly three\tcolumns");
    assert_eq!(e.file, "my/actors-extra.tsv");
    assert_eq!(e.line, 4);
    assert!(e.message.contains("9 tab-separated columns"), "{e}");
    assert!(e.to_string().starts_with("my/actors-extra.tsv:4: "));
}

#[test]
fn bad_values_are_rejected() {
    assert!(actors_err("B\tB\t-\t-\tSyria\tMIL\t1\t-\t-").message.contains("alpha-3"));
    assert!(actors_err("B\tB\t-\t-\tSYR\tARMY\t1\t-\t-").message.contains("unknown sector"));
    assert!(actors_err("B\tB\tgroup\t-\tSYR\tMIL\t1\t-\t-").message.contains("kind"));
    assert!(actors_err("B\tB\t-\t-\tSYR\tMIL\t9\t-\t-").message.contains("1 to 8"));
    assert!(actors_err("B\tB\t-\t-\tSYR\tMIL\t1\t123\t-").message.contains("Q123"));
    assert!(actors_err("b\tB\t-\t-\tSYR\tMIL\t1\t-\t-").message.contains("capital letters"));
    assert!(actors_err("B\tB\t-\t-\tFRA\tMIL\t1\t-\t-").message.contains("not in countries.tsv"));
    assert!(actors_err("B\tB\t-\t-\tSYR\tMIL\t1\t-\tfriend_of:GOOD").message.contains("unknown relation"));
    assert!(actors_err("B\tB\t-\t-\tSYR\tMIL\t1\t-\tpart_of:NOPE").message.contains("neither an actor id"));
    assert!(actors_err("B\tB\t-\t-\tSYR\tMIL\t1\t-\tsuccessor:GOOD").message.contains("needs the date"));
    assert!(actors_err("B\tB\t-\t-\tSYR\tMIL\t1\t-\tpart_of:GOOD@2017-13").message.contains("YYYY"));
    assert!(actors_err("B\tB\t-\t-\tSYR\tMIL\t1\t-\tpart_of:GOOD@2018..2017").message.contains("ends before"));
    let e = actors_err("GOOD\tAgain\t-\t-\tSYR\tMIL\t1\t-\t-");
    assert!(e.message.contains("duplicate") && e.message.contains("line 3"), "{e}");
    assert_eq!(e.line, 4);
}

#[test]
fn other_files_are_validated_too() {
    let e = err(&[("countries.tsv", "SYR\tSYR\tSyria\t-\t-\t-\t-\n")]);
    assert_eq!((e.file.as_str(), e.line), ("countries.tsv", 1));
    assert!(e.message.contains("iso2"));
    let e = err(&[("nouns.tsv", "# x\nforces\tweapon\tMIL\tpl\tno\n")]);
    assert_eq!(e.line, 2);
    assert!(e.message.contains("unknown role"));
    let e = err(&[("nouns.tsv", "forces\tforce\t-\tpl\tno\n")]);
    assert!(e.message.contains("needs a sector"));
    let e = err(&[("groups.tsv", "KURDS\tKurds\tKurdish\t-\tCVL\tREB\t12\n")]);
    assert!(e.message.contains("1 to 8"));
    let e = err(&[("cues.tsv", "verbish\tsay\n")]);
    assert!(e.message.contains("unknown cue kind"));
    let e = err(&[("lexicon.txt", "x")]);
    assert_eq!(e.line, 0);
    assert!(e.message.contains("unknown lexicon file"));
}

#[test]
fn later_files_override_earlier_rows() {
    let a = "X\tOld Name\t-\t-\tSYR\tMIL\t1\t-\t-\n";
    let b = "X\tNew Name\t-\t-\tIRQ\tGOV\t1\t-\t-\n";
    let t =
        ActorTagger::from_sources(&[("countries.tsv", COUNTRIES), ("actors.tsv", a), ("actors-local.tsv", b)]).unwrap();
    let x = t.actor_by_id("X").unwrap();
    assert_eq!(x.name, "New Name");
    assert_eq!(x.country.as_deref(), Some("IRQ"));
}

#[test]
fn embedded_lexicon_has_no_name_shared_by_two_actors() {
    let t = ActorTagger::embedded().unwrap();
    assert_eq!(t.ambiguous_names(), Vec::<(String, Vec<String>)>::new());
}

#[test]
fn ambiguous_names_are_reported() {
    let a = "A\tAlpha\t-\tSAME\tSYR\tMIL\t1\t-\t-\nB\tBeta\t-\tSame\tIRQ\tMIL\t1\t-\t-\n";
    let t = ActorTagger::from_sources(&[("countries.tsv", COUNTRIES), ("actors.tsv", a)]).unwrap();
    assert!(t.ambiguous_names().is_empty(), "SAME is an acronym, Same a name: different keys");
    let b = "A\tAlpha\t-\tThe Same Front\tSYR\tMIL\t1\t-\t-\nB\tBeta\t-\tthe same front\tIRQ\tMIL\t1\t-\t-\n";
    let t = ActorTagger::from_sources(&[("countries.tsv", COUNTRIES), ("actors.tsv", b)]).unwrap();
    assert_eq!(t.ambiguous_names().len(), 1);
}

#[test]
fn tagger_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<ActorTagger>();
}
