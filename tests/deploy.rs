//! deploy/ stays consistent with the CLI and the config schema (no Docker engine here, so the
//! files are checked for what can be checked: configs validate, paths exist, ports and probes
//! match what the daemon serves).

use std::path::{Path, PathBuf};

use newswire::config::Config;

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repo(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The TOML held by the ConfigMap's `newswire.toml: |` block.
fn configmap_toml() -> String {
    let yaml = read("deploy/kubernetes/configmap.yaml");
    let mut lines = yaml
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("newswire.toml: |"));
    lines.next().expect("configmap has newswire.toml");
    lines
        .take_while(|l| l.is_empty() || l.starts_with("    "))
        .map(|l| l.strip_prefix("    ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_deploy_config_validates() {
    // SAFETY: set before any thread of this test binary reads the environment.
    unsafe {
        std::env::set_var("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
        std::env::set_var("KAFKA_PASSWORD", "secret");
    }
    for path in [
        "deploy/newswire.container.toml",
        "deploy/compose.newswire.toml",
        "config/newswire.toml",
        "config/demo.toml",
    ] {
        if let Err(e) = Config::parse(&read(path), Path::new(path)) {
            panic!("{e}");
        }
    }
    let config = Config::parse(&configmap_toml(), Path::new("configmap.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        config.ops.listen, "0.0.0.0:9464",
        "probes reach the ops port from outside the pod"
    );
}

#[test]
fn dockerfile_copies_what_exists_and_runs_as_non_root() {
    let dockerfile = read("deploy/Dockerfile");
    for line in dockerfile
        .lines()
        .filter(|l| l.starts_with("COPY ") && !l.contains("--from"))
    {
        let parts: Vec<&str> = line.split_whitespace().collect();
        for source in &parts[1..parts.len() - 1] {
            assert!(repo(source).exists(), "Dockerfile copies missing {source}");
        }
    }
    assert!(dockerfile.contains("USER 10001"), "runs as non-root");
    assert!(dockerfile.contains("EXPOSE 9464"));
}

#[test]
fn manifests_probe_the_endpoints_the_daemon_serves() {
    let deployment = read("deploy/kubernetes/deployment.yaml");
    for path in [
        "path: /healthz",
        "path: /readyz",
        "containerPort: 9464",
        "runAsNonRoot: true",
    ] {
        assert!(deployment.contains(path), "deployment lacks `{path}`");
    }
    let unit = read("deploy/newswire.service");
    assert!(unit.contains("Restart=on-failure"));
    assert!(unit.contains("KillSignal=SIGTERM"));
    // The unit's command line is one the binary accepts.
    let exec = unit
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart="))
        .expect("ExecStart");
    let args: Vec<&str> = exec.split_whitespace().skip(1).collect();
    let help = std::process::Command::new(env!("CARGO_BIN_EXE_newswire"))
        .args([args[0], "--help"])
        .output()
        .expect("newswire --help");
    let help = String::from_utf8_lossy(&help.stdout);
    for flag in args.iter().filter(|a| a.starts_with("--")) {
        assert!(help.contains(flag), "`newswire {}` has no {flag}", args[0]);
    }
}
