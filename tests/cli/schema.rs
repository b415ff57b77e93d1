//! The JSON Schema of factcheck.toml: `factcheck schema` makes it from the types that parse
//! the file, `factcheck.schema.json` at the root is kept equal to it, and it accepts every
//! configuration the project shows and refuses what factcheck refuses.

use std::path::Path;

use serde_json::Value;

use crate::support::Project;

const COMMITTED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/factcheck.schema.json");

fn generated() -> Value {
    let run = Project::new().run(&["schema"]);
    run.status(0);
    run.json()
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let committed = std::fs::read_to_string(COMMITTED).unwrap_or_default();
    let generated = Project::new().run(&["schema"]).stdout;
    assert!(
        committed == generated,
        "factcheck.schema.json is out of date: regenerate it with \
         `cargo run -- schema > factcheck.schema.json`"
    );
}

/// A validator of the generated schema; `validate` says why a TOML text is refused.
struct Validator {
    schemas: boon::Schemas,
    id: boon::SchemaIndex,
}

impl Validator {
    fn new() -> Validator {
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        let url = "file:///factcheck.schema.json";
        compiler
            .add_resource(url, generated())
            .expect("the schema loads");
        let id = compiler
            .compile(url, &mut schemas)
            .expect("the schema compiles");
        Validator { schemas, id }
    }

    fn validate(&self, toml_text: &str) -> Result<(), String> {
        let value: Value = toml::from_str(toml_text).expect("TOML");
        self.schemas
            .validate(&value, self.id)
            .map_err(|e| format!("{e:#}"))
    }
}

#[test]
fn the_schema_accepts_the_repositorys_file_and_the_readmes_examples() {
    let validator = Validator::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let own = std::fs::read_to_string(root.join("factcheck.toml")).unwrap();
    validator.validate(&own).unwrap();

    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let examples: Vec<&str> = readme
        .split("```toml\n")
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap())
        .collect();
    assert!(!examples.is_empty(), "the README shows a factcheck.toml");
    for example in examples {
        if let Err(e) = validator.validate(example) {
            panic!("the README's example is refused: {e}\n{example}");
        }
    }
}

#[test]
fn the_schema_refuses_what_factcheck_refuses() {
    let validator = Validator::new();
    for refused in [
        "[severty]\nmisquote = \"off\"\n",
        "[severity]\ncontradiction = \"loud\"\n",
        "[severity]\ncontradictions = \"off\"\n",
        "[corpus]\npath = [\"seeds\"]\n",
        "[[ignore]]\n",
        "[[ignore]]\ncode = \"typo\"\n",
        "[[ignore]]\npath = \"\"\n",
        "[check]\nexclude = \"drafts\"\n",
        "[lsp]\ncitation-style = \"endnote\"\n",
    ] {
        assert!(
            validator.validate(refused).is_err(),
            "the schema accepts what factcheck refuses:\n{refused}"
        );
        let p = Project::new();
        p.write("factcheck.toml", refused).write("a.md", "Text.\n");
        let run = p.run(&["check", "a.md", "--corpus", "a.md"]);
        assert_eq!(
            run.code, 2,
            "factcheck refuses it too:\n{refused}\n{}",
            run.stderr
        );
    }
}
