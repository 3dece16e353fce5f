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
    let written =
        write!(out, "{NOTICE}\n{}\n\n{LICENSE}", "=".repeat(78)).and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
