//! `validate` is the contract: a config it accepts never makes `run` panic. Configs with
//! extreme values for every numeric key are generated (a fixed seed, so a failure reproduces);
//! each is validated by the binary, and each accepted one is run against a loopback feed.

mod support;

use std::process::Stdio;
use std::time::Duration;

use newswire::config::keys::{KEYS, Kind};
use support::*;

/// A small deterministic generator (xorshift64*), so the test needs no crate and reproduces.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// A value for a key of range `min..=max`: the edges of the range, and extremes outside it.
fn extreme(dice: &mut Dice, min: u64, max: u64) -> i128 {
    let inside = [
        i128::from(min),
        i128::from(max),
        i128::from(max),
        i128::from(min + dice.below(max - min + 1)),
    ];
    let outside = [
        -1,
        i128::from(min) - 1,
        i128::from(max) + 1,
        i128::from(u32::MAX),
        i128::from(i64::MAX),
    ];
    // Mostly inside, so that most configs are accepted and run.
    if dice.below(10) < 8 {
        inside[dice.below(inside.len() as u64) as usize]
    } else {
        outside[dice.below(outside.len() as u64) as usize]
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn configs_that_validate_accepts_never_make_run_panic() {
    let server = TestServer::start().await;
    let page = article_page("Contract", &[&seed_text().replace("\n\n", " ")]);
    server.set("/a", Route::ok("text/html", page));
    server.set(
        "/feed.xml",
        Route::ok(
            "application/rss+xml",
            rss("C", &[("a", &server.url("/a"), "a")]),
        ),
    );
    let numbers: Vec<(&str, u64, u64)> = KEYS
        .iter()
        .filter_map(|k| match k.kind {
            Kind::Number { min, max, .. } => Some((k.path, min, max)),
            _ => None,
        })
        .collect();
    let mut dice = Dice(0x9E37_79B9_7F4A_7C15);
    let (mut accepted, mut refused) = (0, 0);
    for round in 0..24 {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut sections: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        sections
            .entry("http".into())
            .or_default()
            .extend(["allow_private_networks = true".to_string()]);
        let mut feed_keys = Vec::new();
        // Four keys at a time; the rest keep their defaults.
        for _ in 0..4 {
            let (path, min, max) = numbers[dice.below(numbers.len() as u64) as usize];
            let value = extreme(&mut dice, min, max);
            let (table, key) = path.rsplit_once('.').unwrap_or(("", path));
            let line = format!("{key} = {value}");
            match table {
                "feeds.*" => feed_keys.push(line),
                // [kafka] would switch the sink to a broker that is not there.
                "kafka" => {}
                table => sections.entry(table.to_string()).or_default().push(line),
            }
        }
        let mut toml = format!("data_dir = \"{}\"\n", dir.path().join("data").display());
        for (table, lines) in &sections {
            let mut seen = std::collections::HashSet::new();
            toml.push_str(&format!("[{table}]\n"));
            for line in lines {
                let key = line.split(' ').next().unwrap_or_default();
                if seen.insert(key.to_string()) {
                    toml.push_str(&format!("{line}\n"));
                }
            }
        }
        toml.push_str("[ops]\nlisten = \"\"\n");
        toml.push_str(&format!(
            "[[feeds]]\nid = \"c\"\nurl = \"{}\"\nobey_robots = false\n",
            server.url("/feed.xml")
        ));
        let mut seen = std::collections::HashSet::new();
        for line in &feed_keys {
            if seen.insert(line.split(' ').next().unwrap_or_default().to_string()) {
                toml.push_str(&format!("{line}\n"));
            }
        }
        let path = dir.path().join("c.toml");
        std::fs::write(&path, &toml).expect("write");
        let validated = newswire()
            .args(["validate", "--config"])
            .arg(&path)
            .output()
            .expect("validate");
        let said = String::from_utf8_lossy(&validated.stderr).to_string();
        assert!(
            !said.contains("panicked"),
            "validate panicked on\n{toml}\n{said}"
        );
        match validated.status.code() {
            Some(2) => {
                refused += 1;
                continue;
            }
            Some(0) => accepted += 1,
            other => panic!("validate exited {other:?} on\n{toml}\n{said}"),
        }
        // Accepted: run it. Some settings (e.g. a 10-minute per-host delay) legitimately take
        // long; the run is stopped after a few seconds, and what matters is that it never panicked.
        let log = dir.path().join("run.log");
        let mut child = newswire()
            .args(["run", "--once", "--config"])
            .arg(&path)
            .env("NO_COLOR", "1")
            .stderr(Stdio::from(std::fs::File::create(&log).expect("log")))
            .spawn()
            .expect("run");
        let status = tokio::task::spawn_blocking(move || {
            let deadline = std::time::Instant::now() + Duration::from_secs(6);
            loop {
                if let Some(status) = child.try_wait().expect("try_wait") {
                    return Some(status);
                }
                if std::time::Instant::now() > deadline {
                    let _ = child.kill();
                    let _ = child.wait();
                    return None;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        })
        .await
        .expect("wait");
        let logged = std::fs::read_to_string(&log).unwrap_or_default();
        assert!(
            !logged.contains("panicked") && status.and_then(|s| s.code()) != Some(101),
            "round {round}: run panicked on a config validate accepted:\n{toml}\n{logged}"
        );
    }
    println!(
        "extreme configs: {accepted} accepted and run without a panic, {refused} refused by validate"
    );
    assert!(
        accepted >= 4 && refused >= 4,
        "the generator must exercise both sides ({accepted} accepted, {refused} refused)"
    );
}
