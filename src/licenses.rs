//! `newswire licenses`: the notices a copy of the binary must carry. The binary embeds models
//! and tables under their own licences (MIT, CC BY-SA 3.0, CC BY 4.0, Unicode-3.0), so a user
//! who has only the binary can still read their attributions and the code's licence.

use std::io::{ErrorKind, Write};

/// The NOTICE file: every embedded model and table with its source, licence and attribution.
const NOTICE: &str = include_str!("../NOTICE");

/// The licence of the code (Apache-2.0).
const LICENSE: &str = include_str!("../LICENSE");

/// Prints the NOTICE, then the code's licence. A closed pipe (`| head`) is not an error.
pub fn print() -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    let written = write!(out, "{NOTICE}\n{}\n\n{LICENSE}", "=".repeat(78)).and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::NOTICE;
    use std::path::Path;

    /// Every data file the enrich stage compiles in (`include_bytes!` / `include_str!`) is named
    /// in the NOTICE, so a new model cannot ship without its attribution.
    #[test]
    fn notice_names_every_embedded_data_file() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .canonicalize()
            .expect("repository");
        let mut embedded = Vec::new();
        collect_embedded(&root.join("src/enrich"), &mut embedded);
        assert!(embedded.len() >= 4, "found only {embedded:?}");
        for path in embedded {
            let relative = path.strip_prefix(&root).expect("under the repository");
            let name = relative.to_string_lossy();
            assert!(NOTICE.contains(name.as_ref()), "NOTICE does not name {name}");
        }
    }

    fn collect_embedded(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read src/enrich") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                collect_embedded(&path, found);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).expect("read source");
            for macro_name in ["include_bytes!(\"", "include_str!(\""] {
                for (at, _) in source.match_indices(macro_name) {
                    let rest = &source[at + macro_name.len()..];
                    let file = &rest[..rest.find('"').expect("closing quote")];
                    let included = path.parent().expect("parent").join(file);
                    // Normalise `a/b/../c` so it compares with the NOTICE's paths.
                    let included = included.canonicalize().expect("included file exists");
                    let test_data = included
                        .components()
                        .any(|c| matches!(c.as_os_str().to_str(), Some("tests" | "testdata")));
                    if !test_data && !found.contains(&included) {
                        found.push(included);
                    }
                }
            }
        }
    }
}
