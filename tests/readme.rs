//! The README's quick start and 5-minute tour, run as written so the README cannot rot: the
//! fenced blocks after `<!-- readme-test: NAME -->` run in bash, with the built binary in place
//! of `cargo run --release --`, in a temporary copy of the demo (so runs neither write into the
//! repository nor meet each other), with the daemon on a free loopback port.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use support::{assert_schema_valid, free_port, read_jsonl, seed_text};

const README_PORT: &str = "127.0.0.1:9464";
/// A block that takes longer is stopped, with its whole process group.
const BLOCK_LIMIT: Duration = Duration::from_secs(120);

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The command lines of the README's fenced block marked `<!-- readme-test: {name} -->`.
fn readme_block(name: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README.md");
    let marker = format!("<!-- readme-test: {name} -->");
    let after = readme
        .split_once(&marker)
        .unwrap_or_else(|| panic!("README has no `{marker}`"))
        .1;
    let body = after
        .trim_start()
        .strip_prefix("```sh\n")
        .unwrap_or_else(|| panic!("`{marker}` is not followed by a ```sh block"));
    let body = &body[..body.find("\n```").expect("the block is closed")];
    body.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

/// A copy of what the demo reads (config/ and the test fixtures its feeds link to), at a new
/// path, with the demo daemon on `listen`.
struct Checkout {
    root: tempfile::TempDir,
    port: u16,
}

impl Checkout {
    fn new() -> Checkout {
        let port = free_port();
        let checkout = Checkout::with_listen(&format!("127.0.0.1:{port}"));
        Checkout { port, ..checkout }
    }

    fn with_listen(listen: &str) -> Checkout {
        let root = tempfile::tempdir().expect("tempdir");
        copy_dir(&repo().join("config"), &root.path().join("config"));
        copy_dir(
            &repo().join("tests/fixtures"),
            &root.path().join("tests/fixtures"),
        );
        let demo = root.path().join("config/demo.toml");
        let config = std::fs::read_to_string(&demo).expect("demo.toml");
        let quoted = format!("\"{README_PORT}\"");
        assert!(
            config.contains(&quoted),
            "demo.toml listens on {README_PORT}"
        );
        std::fs::write(&demo, config.replace(&quoted, &format!("\"{listen}\"")))
            .expect("write demo.toml");
        Checkout { root, port: 0 }
    }

    fn path(&self) -> &Path {
        self.root.path()
    }

    fn data_dir(&self) -> PathBuf {
        self.path().join("data/demo")
    }

    /// Runs the lines in bash (`set -e`), each preceded by a marker line so its output can be
    /// told apart. Returns the exit status, each command's stdout, and the whole stderr.
    fn run(&self, lines: &[String]) -> (ExitStatus, BTreeMap<String, String>, String) {
        let binary = env!("CARGO_BIN_EXE_newswire");
        let mut script = String::from("set -e\n");
        for line in lines {
            let command = line
                .replace("cargo run --release --", &format!("'{binary}'"))
                .replace(README_PORT, &format!("127.0.0.1:{}", self.port));
            script.push_str(&format!(
                "printf '\\n@@@ %s\\n' '{}'\n",
                line.replace('\'', "")
            ));
            script.push_str(&command);
            script.push('\n');
        }
        let stdout_path = self.path().join("block.stdout");
        let stderr_path = self.path().join("block.stderr");
        let file = |p: &Path| std::fs::File::create(p).expect("output file");
        let mut child = {
            use std::os::unix::process::CommandExt;
            Command::new("bash")
                .arg("-c")
                .arg(&script)
                .current_dir(self.path())
                .stdin(Stdio::null())
                .stdout(file(&stdout_path))
                .stderr(file(&stderr_path))
                .process_group(0)
                .spawn()
                .expect("bash")
        };
        let deadline = Instant::now() + BLOCK_LIMIT;
        let status = loop {
            if let Some(status) = child.try_wait().expect("try_wait") {
                break Some(status);
            }
            if Instant::now() > deadline {
                break None;
            }
            std::thread::sleep(Duration::from_millis(100));
        };
        // Whatever the block left running (a daemon after a failed line) goes with it.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", child.id())])
            .stderr(Stdio::null())
            .status();
        let _ = child.wait();
        let stdout = std::fs::read_to_string(&stdout_path).expect("stdout");
        let stderr = std::fs::read_to_string(&stderr_path).expect("stderr");
        let status = status
            .unwrap_or_else(|| panic!("the block ran over {BLOCK_LIMIT:?}\n{stdout}\n{stderr}"));
        let mut outputs = BTreeMap::new();
        for section in stdout.split("\n@@@ ").skip(1) {
            let (command, output) = section.split_once('\n').unwrap_or((section, ""));
            outputs.insert(command.to_string(), output.to_string());
        }
        (status, outputs, stderr)
    }

    fn quick_start(&self) -> String {
        let (status, _, stderr) = self.run(&readme_block("quick-start"));
        assert!(status.success(), "quick start failed: {status}\n{stderr}");
        stderr
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Canonical URL → id of every article the quick start published.
fn article_ids(checkout: &Checkout) -> BTreeMap<String, String> {
    read_jsonl(&checkout.data_dir(), "news.articles")
        .iter()
        .map(|a| {
            let field = |name: &str| a[name].as_str().expect(name).to_string();
            (field("canonical_url"), field("id"))
        })
        .collect()
}

#[test]
fn quick_start_publishes_the_demo_records_with_a_plain_text_log() {
    let checkout = Checkout::new();
    let stderr = checkout.quick_start();
    let articles = read_jsonl(&checkout.data_dir(), "news.articles");
    assert_eq!(articles.len(), 3, "{articles:#?}");
    for article in &articles {
        assert_schema_valid(article);
    }
    let seed = articles
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Azerbaijani president"))
        })
        .expect("the seed article");
    assert_eq!(seed["text"].as_str(), Some(seed_text().as_str()));
    let ferry = articles
        .iter()
        .find(|a| a["language"] == "ru")
        .expect("the Russian article");
    assert_eq!(ferry["feed"]["id"], "demo-europe");
    // Russian entities carry their nominative name ("В Калининграде" → "Калининград").
    let places: Vec<(&str, usize)> = ferry["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter(|e| e["type"] == "LOCATION")
        .map(|e| {
            let mentions = e["mentions"].as_array().map_or(0, Vec::len);
            (e["name"].as_str().unwrap_or_default(), mentions)
        })
        .collect();
    assert!(places.contains(&("Калининград", 2)), "{places:?}");
    assert_eq!(
        read_jsonl(&checkout.data_dir(), "news.items").len(),
        4 - 1,
        "the article in both feeds is one item"
    );
    assert!(stderr.contains("pipeline stopped"), "{stderr}");
    // stderr is a file here, not a terminal: no colour codes.
    assert!(
        !stderr.contains('\x1b'),
        "ANSI escapes in a piped log:\n{stderr}"
    );
}

#[test]
fn the_tour_works_as_written() {
    let checkout = Checkout::new();
    checkout.quick_start();
    let (status, outputs, stderr) = checkout.run(&readme_block("tour"));
    assert!(
        status.success(),
        "tour failed: {status}\n{outputs:#?}\n{stderr}"
    );
    let output = |needle: &str| -> &str {
        outputs
            .iter()
            .find(|(command, _)| command.contains(needle))
            .map(|(_, output)| output.as_str())
            .unwrap_or_else(|| panic!("the tour has no `{needle}` command: {outputs:#?}"))
    };

    let record: serde_json::Value =
        serde_json::from_str(output("consume").trim()).expect("consume prints one record");
    assert_eq!(record["schema"], "newswire.article.v1");
    assert_schema_valid(&record);

    let schema: serde_json::Value =
        serde_json::from_str(output("schema newswire.article.v1")).expect("a JSON Schema");
    assert_eq!(schema["$id"], "newswire.article.v1");

    assert_eq!(output("extract"), seed_text(), "the seed page extracts");

    assert_eq!(output("/healthz").trim(), "ok");
    assert_eq!(output("/readyz").trim(), "ready");
    let feeds: Vec<serde_json::Value> =
        serde_json::from_str(output("/feeds")).expect("/feeds is JSON");
    let ids: BTreeSet<&str> = feeds.iter().filter_map(|f| f["id"].as_str()).collect();
    assert_eq!(ids, BTreeSet::from(["demo-europe", "demo-world"]));
    let metrics = output("/metrics");
    assert!(
        metrics
            .lines()
            .any(|l| l.starts_with("newswire_feed_interval_seconds{")),
        "{metrics}"
    );
    assert!(stderr.contains("shutdown requested"), "{stderr}");
}

#[test]
fn demo_ids_do_not_depend_on_where_the_repository_lies() {
    let (here, there) = (Checkout::new(), Checkout::new());
    here.quick_start();
    there.quick_start();
    let ids = article_ids(&here);
    assert_eq!(ids.len(), 3);
    for canonical in ids.keys() {
        assert!(
            canonical.starts_with("https://"),
            "a declared canonical, not the file path: {canonical}"
        );
    }
    assert_eq!(ids, article_ids(&there));
}

#[test]
fn the_log_says_when_the_endpoints_are_off() {
    let checkout = Checkout::with_listen("");
    let stderr = checkout.quick_start();
    assert!(
        stderr.contains("/metrics, /healthz, /readyz and /feeds are off"),
        "{stderr}"
    );
}

/// On a terminal (`script` gives the run one) the human log is coloured, unless `NO_COLOR`.
#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    let checkout = Checkout::new();
    let run = format!(
        "'{}' run --once --config config/demo.toml",
        env!("CARGO_BIN_EXE_newswire")
    );
    let on_terminal = |no_color: Option<&str>| {
        let mut command = Command::new("script");
        command
            .args(["-qec", &run, "/dev/null"])
            .current_dir(checkout.path())
            .stdin(Stdio::null())
            .env_remove("NO_COLOR");
        if let Some(value) = no_color {
            command.env("NO_COLOR", value);
        }
        let output = command.output().expect("script (util-linux)");
        assert!(output.status.success(), "{output:?}");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    assert!(
        on_terminal(None).contains("\x1b["),
        "no colour on a terminal"
    );
    assert!(
        !on_terminal(Some("1")).contains('\x1b'),
        "colour despite NO_COLOR"
    );
}
