//! deploy/ stays consistent with the CLI, the config schema and itself. No Docker engine or
//! Kubernetes cluster runs here, so the files are checked for what can be checked without one:
//! configs validate, copied paths exist, the compose file and manifests parse and agree with
//! each other, stop timeouts cover the configured grace, probes and ports match what the daemon
//! serves. Building the image and running compose or the cluster need such a host.
//! (`tests/run-all.sh` also validates the manifests against the Kubernetes API schemas.)

use std::path::{Path, PathBuf};
use std::process::Command;

use newswire::config::PipelineConfig;
use yaml_rust2::{Yaml, YamlLoader};

/// Stop timeout beyond `pipeline.shutdown_grace_secs`: the daemon's whole stop (drain and
/// producer flush) fits in the grace; the margin covers process exit and the supervisor.
const STOP_MARGIN_SECS: u64 = 15;

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repo(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn yaml(path: &str) -> Vec<Yaml> {
    YamlLoader::load_from_str(&read(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The TOML held by the ConfigMap's `newswire.toml` key.
fn configmap_toml() -> String {
    let docs = yaml("deploy/kubernetes/configmap.yaml");
    docs[0]["data"]["newswire.toml"]
        .as_str()
        .expect("the ConfigMap holds newswire.toml")
        .to_string()
}

/// A key of a config, read without resolving its `${NAME}` values (the validate test checks
/// the whole file).
fn config_value(toml_text: &str, section: &str, key: &str) -> Option<toml::Value> {
    let config: toml::Table = toml::from_str(toml_text).expect("TOML");
    config.get(section)?.get(key).cloned()
}

fn grace_secs(toml_text: &str) -> u64 {
    config_value(toml_text, "pipeline", "shutdown_grace_secs").map_or(
        PipelineConfig::default().shutdown_grace_secs,
        |v| {
            v.as_integer()
                .and_then(|secs| u64::try_from(secs).ok())
                .expect("whole seconds")
        },
    )
}

/// The strings of a YAML list.
fn strings<'a>(node: &'a Yaml, what: &str) -> Vec<&'a str> {
    node.as_vec()
        .unwrap_or_else(|| panic!("{what} is a list"))
        .iter()
        .filter_map(Yaml::as_str)
        .collect()
}

/// The value after `--config` in a command line.
fn config_arg<'a>(args: &[&'a str]) -> &'a str {
    let at = args.iter().position(|a| *a == "--config");
    at.and_then(|at| args.get(at + 1))
        .unwrap_or_else(|| panic!("no --config in {args:?}"))
}

fn deployment() -> Yaml {
    yaml("deploy/kubernetes/deployment.yaml")
        .into_iter()
        .find(|doc| doc["kind"].as_str() == Some("Deployment"))
        .expect("deployment.yaml has a Deployment")
}

fn newswire() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newswire"))
}

/// `newswire validate` accepts the config, with the environment the deployments give it.
fn assert_validates(path: &Path) {
    let output = newswire()
        .args(["validate", "--config"])
        .arg(path)
        .env("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
        .env("KAFKA_PASSWORD", "secret")
        .output()
        .expect("newswire validate");
    assert!(
        output.status.success(),
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn every_deploy_config_passes_newswire_validate() {
    let dir = tempfile::tempdir().expect("tempdir");
    let configmap = dir.path().join("configmap-newswire.toml");
    std::fs::write(&configmap, configmap_toml()).expect("write");
    for path in [
        repo("deploy/newswire.container.toml"),
        repo("deploy/compose/newswire.toml"),
        repo("config/newswire.toml"),
        repo("config/demo.toml"),
        configmap,
    ] {
        assert_validates(&path);
    }
    assert_eq!(
        config_value(&configmap_toml(), "ops", "listen").and_then(|v| v.as_str().map(String::from)),
        Some("0.0.0.0:9464".to_string()),
        "probes reach the ops port from outside the pod"
    );
}

#[test]
fn dockerfile_copies_what_exists_and_runs_as_non_root() {
    let dockerfile = read("deploy/Dockerfile");
    for source in copied_sources(&dockerfile) {
        assert!(repo(&source).exists(), "Dockerfile copies missing {source}");
    }
    assert!(dockerfile.contains("USER 10001"), "runs as non-root");
    assert!(dockerfile.contains("EXPOSE 9464"));
    assert!(
        dockerfile.contains("CARGO_PROFILE_RELEASE_STRIP"),
        "the image's binary is stripped"
    );
}

/// The sources of the `COPY a b … dest` lines (from the build context) of a Dockerfile or stage.
fn copied_sources(stage: &str) -> Vec<String> {
    stage
        .lines()
        .filter(|l| l.starts_with("COPY ") && !l.contains("--from"))
        .flat_map(|l| {
            let parts: Vec<&str> = l.split_whitespace().collect();
            parts[1..parts.len() - 1]
                .iter()
                .map(|s| s.trim_end_matches('/').to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_image_builds_what_the_code_embeds_and_ships_the_notices() {
    let dockerfile = read("deploy/Dockerfile");
    let stages: Vec<&str> = dockerfile.split("\nFROM ").skip(1).collect();
    assert_eq!(stages.len(), 2, "a build stage and a runtime stage");
    let (build, runtime) = (copied_sources(stages[0]), copied_sources(stages[1]));
    // Files outside src/ that the code compiles in must be in the build stage too.
    let outside_src = embedded_files()
        .into_iter()
        .filter(|f| !f.starts_with("src/"));
    for file in outside_src {
        assert!(
            build.contains(&file),
            "the build stage does not copy {file}, which the code includes"
        );
    }
    for notice in ["LICENSE", "NOTICE"] {
        assert!(
            runtime.iter().any(|s| s == notice),
            "the image does not carry {notice}"
        );
    }
}

/// Repository-relative paths of the files src/ compiles in (`include_str!` / `include_bytes!`),
/// test data left out.
fn embedded_files() -> Vec<String> {
    let root = repo("").canonicalize().expect("repository");
    let mut found = Vec::new();
    let mut dirs = vec![root.join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).expect("source");
            for macro_name in ["include_str!(\"", "include_bytes!(\""] {
                for (at, _) in source.match_indices(macro_name) {
                    let rest = &source[at + macro_name.len()..];
                    let file = &rest[..rest.find('"').expect("closing quote")];
                    let included = path
                        .parent()
                        .expect("parent")
                        .join(file)
                        .canonicalize()
                        .expect("included file exists");
                    let relative = included.strip_prefix(&root).expect("in the repository");
                    let test_data = relative
                        .components()
                        .any(|c| matches!(c.as_os_str().to_str(), Some("tests" | "testdata")));
                    let relative = relative.to_string_lossy().into_owned();
                    if !test_data && !found.contains(&relative) {
                        found.push(relative);
                    }
                }
            }
        }
    }
    found
}

/// Every model and table the binary embeds is attributed in NOTICE, and `newswire licenses`
/// prints it: a new model cannot ship without its licence.
#[test]
fn the_notice_names_every_embedded_data_file() {
    let notice = read("NOTICE");
    let data: Vec<String> = embedded_files()
        .into_iter()
        .filter(|f| f.starts_with("src/enrich/"))
        .collect();
    assert!(data.len() >= 4, "found only {data:?}");
    for file in data {
        assert!(notice.contains(&file), "NOTICE does not name {file}");
    }
    let printed = newswire()
        .arg("licenses")
        .output()
        .expect("newswire licenses");
    assert!(printed.status.success());
    let printed = String::from_utf8_lossy(&printed.stdout);
    assert!(printed.starts_with(&notice) && printed.ends_with(&read("LICENSE")));
}

#[test]
fn compose_keeps_kafka_data_on_its_volume() {
    let compose = &yaml("deploy/docker-compose.yml")[0];
    let kafka = &compose["services"]["kafka"];
    let log_dirs = kafka["environment"]["KAFKA_LOG_DIRS"]
        .as_str()
        .expect("KAFKA_LOG_DIRS is set: the image's default log dir is not on a volume");
    let mounts = strings(&kafka["volumes"], "kafka volumes");
    assert!(
        mounts.iter().any(|m| m.split(':').nth(1) == Some(log_dirs)),
        "no volume at the log dir {log_dirs}: {mounts:?}"
    );
    // The newswire config is a mounted directory (edits reach the container) and the command
    // reads it from there.
    let newswire = &compose["services"]["newswire"];
    let command = strings(&newswire["command"], "newswire command");
    let config = config_arg(&command);
    let mounted = strings(&newswire["volumes"], "newswire volumes")
        .into_iter()
        .find_map(|m| {
            let mut parts = m.split(':');
            let (host, container) = (parts.next()?, parts.next()?);
            config
                .strip_prefix(container)
                .map(|file| (host.to_string(), file.trim_start_matches('/').to_string()))
        })
        .expect("the config's directory is mounted");
    let host_file = Path::new("deploy").join(&mounted.0).join(&mounted.1);
    assert!(
        repo(&host_file.to_string_lossy()).is_file(),
        "{} does not exist",
        host_file.display()
    );
}

#[test]
fn stop_timeouts_cover_the_configured_grace() {
    // Kubernetes: the ConfigMap's grace.
    let k8s_grace = grace_secs(&configmap_toml());
    let pod = &deployment()["spec"]["template"]["spec"];
    let k8s_timeout = pod["terminationGracePeriodSeconds"]
        .as_i64()
        .expect("terminationGracePeriodSeconds");
    assert!(
        u64::try_from(k8s_timeout).expect("positive") >= k8s_grace + STOP_MARGIN_SECS,
        "terminationGracePeriodSeconds {k8s_timeout} < grace {k8s_grace} + {STOP_MARGIN_SECS}"
    );

    // Compose: the grace of the config it mounts.
    let compose_grace = grace_secs(&read("deploy/compose/newswire.toml"));
    let compose = &yaml("deploy/docker-compose.yml")[0];
    let period = compose["services"]["newswire"]["stop_grace_period"]
        .as_str()
        .expect("stop_grace_period");
    let compose_timeout: u64 = period
        .strip_suffix('s')
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("stop_grace_period `{period}` in whole seconds"));
    assert!(compose_timeout >= compose_grace + STOP_MARGIN_SECS);

    // systemd: the unit installs config/newswire.toml.
    let unit_grace = grace_secs(&read("config/newswire.toml"));
    let unit = read("deploy/newswire.service");
    let timeout: u64 = unit
        .lines()
        .find_map(|l| l.strip_prefix("TimeoutStopSec="))
        .and_then(|v| v.trim().trim_end_matches('s').parse().ok())
        .expect("TimeoutStopSec in seconds");
    assert!(timeout >= unit_grace + STOP_MARGIN_SECS);
}

#[test]
fn kubernetes_mounts_the_configmap_as_a_directory() {
    let pod = &deployment()["spec"]["template"]["spec"];
    let config_volume = pod["volumes"]
        .as_vec()
        .expect("volumes")
        .iter()
        .find(|v| !v["configMap"].is_badvalue())
        .expect("a ConfigMap volume");
    let name = config_volume["name"].as_str().expect("volume name");
    let containers: Vec<&Yaml> = ["initContainers", "containers"]
        .iter()
        .filter_map(|key| pod[*key].as_vec())
        .flatten()
        .collect();
    assert_eq!(
        containers.len(),
        2,
        "the validating init container and newswire"
    );
    for container in containers {
        let mount = container["volumeMounts"]
            .as_vec()
            .expect("volumeMounts")
            .iter()
            .find(|m| m["name"].as_str() == Some(name))
            .expect("the config volume is mounted");
        // With subPath the kubelet never updates the file, so SIGHUP could not reload it.
        assert!(
            mount["subPath"].is_badvalue(),
            "the ConfigMap is mounted with subPath"
        );
        let dir = mount["mountPath"].as_str().expect("mountPath");
        let args = strings(&container["args"], "args");
        let config = config_arg(&args);
        assert_eq!(
            Path::new(config),
            Path::new(dir).join("newswire.toml"),
            "--config reads the mounted ConfigMap key"
        );
    }
}

#[test]
fn the_kafka_secret_the_deployment_reads_is_described() {
    let secret = &yaml("deploy/kubernetes/secret.example.yaml")[0];
    assert_eq!(secret["kind"].as_str(), Some("Secret"));
    let name = secret["metadata"]["name"].as_str().expect("name");
    let keys: Vec<&str> = secret["stringData"]
        .as_hash()
        .expect("stringData")
        .keys()
        .filter_map(Yaml::as_str)
        .collect();
    let deployment = read("deploy/kubernetes/deployment.yaml");
    assert!(deployment.contains(&format!("name: {name}")));
    for key in keys {
        assert!(deployment.contains(&format!("key: {key}")));
    }
    // An example must never replace the real Secret through the kustomization.
    let kustomization = &yaml("deploy/kubernetes/kustomization.yaml")[0];
    let resources = strings(&kustomization["resources"], "resources");
    assert!(!resources.contains(&"secret.example.yaml"));
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
    let help = newswire()
        .args([args[0], "--help"])
        .output()
        .expect("newswire --help");
    let help = String::from_utf8_lossy(&help.stdout);
    for flag in args.iter().filter(|a| a.starts_with("--")) {
        assert!(help.contains(flag), "`newswire {}` has no {flag}", args[0]);
    }
}

/// The TOML held by the cluster ConfigMap.
fn cluster_configmap_toml() -> String {
    let docs = yaml("deploy/kubernetes-cluster/configmap.yaml");
    docs[0]["data"]["newswire.toml"]
        .as_str()
        .expect("the ConfigMap holds newswire.toml")
        .to_string()
}

/// Whether a config enables `[cluster]`.
fn cluster_enabled(toml_text: &str) -> bool {
    config_value(toml_text, "cluster", "enabled").and_then(|v| v.as_bool()) == Some(true)
}

#[test]
fn the_cluster_deployments_run_three_members_of_one_group() {
    let dir = tempfile::tempdir().expect("tempdir");
    let configmap = dir.path().join("cluster-newswire.toml");
    std::fs::write(&configmap, cluster_configmap_toml()).expect("write");
    for path in [configmap, repo("deploy/compose-cluster/newswire.toml")] {
        let text = std::fs::read_to_string(&path).expect("config");
        assert!(
            cluster_enabled(&text),
            "{}: [cluster] is not enabled",
            path.display()
        );
        assert_validates(&path);
    }

    // Kubernetes: 3 replicas, each with its own volume at the config's data_dir, the mounted
    // config is the cluster ConfigMap, and the stop fits the grace.
    let toml_text = cluster_configmap_toml();
    let data_dir = toml::from_str::<toml::Table>(&toml_text)
        .expect("TOML")
        .get("data_dir")
        .and_then(|v| v.as_str().map(String::from))
        .expect("data_dir");
    let set = yaml("deploy/kubernetes-cluster/statefulset.yaml")
        .into_iter()
        .find(|doc| doc["kind"].as_str() == Some("StatefulSet"))
        .expect("a StatefulSet");
    assert_eq!(set["spec"]["replicas"].as_i64(), Some(3));
    let claim = set["spec"]["volumeClaimTemplates"][0]["metadata"]["name"]
        .as_str()
        .expect("a volume claim per member");
    let pod = &set["spec"]["template"]["spec"];
    for container in pod["containers"].as_vec().expect("containers") {
        let mounts = container["volumeMounts"].as_vec().expect("volumeMounts");
        assert!(
            mounts.iter().any(|m| m["name"].as_str() == Some(claim)
                && m["mountPath"].as_str() == Some(data_dir.as_str())),
            "the member's volume is not mounted at data_dir {data_dir}"
        );
    }
    let config_map = pod["volumes"]
        .as_vec()
        .expect("volumes")
        .iter()
        .find_map(|v| v["configMap"]["name"].as_str())
        .expect("a ConfigMap volume");
    assert_eq!(
        Some(config_map),
        yaml("deploy/kubernetes-cluster/configmap.yaml")[0]["metadata"]["name"].as_str()
    );
    let timeout = pod["terminationGracePeriodSeconds"]
        .as_i64()
        .expect("grace");
    assert!(u64::try_from(timeout).expect("positive") >= grace_secs(&toml_text) + STOP_MARGIN_SECS);
    let kustomization = &yaml("deploy/kubernetes-cluster/kustomization.yaml")[0];
    for resource in strings(&kustomization["resources"], "resources") {
        assert!(repo(&format!("deploy/kubernetes-cluster/{resource}")).is_file());
    }

    // Compose: 3 replicas of the service, the cluster config mounted, and a volume of each
    // replica's own (anonymous) at data_dir: a named volume would be one store for all three.
    let compose = &yaml("deploy/docker-compose.cluster.yml")[0];
    let service = &compose["services"]["newswire"];
    assert_eq!(service["deploy"]["replicas"].as_i64(), Some(3));
    let volumes = strings(&service["volumes"], "newswire volumes");
    assert!(volumes.contains(&"./compose-cluster:/etc/newswire/config:ro"));
    assert!(volumes.contains(&data_dir.as_str()), "{volumes:?}");
    let grace = grace_secs(&read("deploy/compose-cluster/newswire.toml"));
    let period: u64 = service["stop_grace_period"]
        .as_str()
        .and_then(|p| p.strip_suffix('s'))
        .and_then(|p| p.parse().ok())
        .expect("stop_grace_period in whole seconds");
    assert!(period >= grace + STOP_MARGIN_SECS);

    // The split profile: a poller and three processors, each role accepted by the config, each
    // with its own store and a stop that fits the grace.
    let config = repo("deploy/compose-cluster/newswire.toml");
    for (name, role) in [("poller", "poll"), ("processor", "process")] {
        let service = &compose["services"][name];
        let command = strings(&service["command"], "command");
        assert_eq!(&command[..3], ["run", "--role", role], "{name}");
        let checked = newswire()
            .args(["validate", "--role", role, "--config"])
            .arg(&config)
            .env("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
            .output()
            .expect("validate");
        assert!(
            checked.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&checked.stderr)
        );
        let volumes = strings(&service["volumes"], "volumes");
        assert!(volumes.contains(&data_dir.as_str()), "{name}: {volumes:?}");
        let period: u64 = service["stop_grace_period"]
            .as_str()
            .and_then(|p| p.strip_suffix('s'))
            .and_then(|p| p.parse().ok())
            .expect("stop_grace_period in whole seconds");
        assert!(period >= grace + STOP_MARGIN_SECS, "{name}");
    }
    assert_eq!(
        compose["services"]["processor"]["deploy"]["replicas"].as_i64(),
        Some(3)
    );
}

/// Where a config's spool lies (`data_dir` joined with `kafka.spool_dir`) and its bound, when
/// it publishes to Kafka.
fn spool(toml_text: &str) -> Option<(PathBuf, u64)> {
    let config: toml::Table = toml::from_str(toml_text).expect("TOML");
    let kafka = config.get("kafka")?;
    let data_dir = config["data_dir"].as_str().expect("data_dir");
    let dir = kafka
        .get("spool_dir")
        .map_or("spool", |d| d.as_str().expect("spool_dir is text"));
    let max = kafka
        .get("spool_max_bytes")
        .map(|m| m.as_integer().expect("spool_max_bytes is a number"))
        .expect("spool_max_bytes is set explicitly in a deployment");
    Some((
        Path::new(data_dir).join(dir),
        u64::try_from(max).expect("bytes"),
    ))
}

/// `5Gi`-style Kubernetes quantities in bytes.
fn quantity_bytes(quantity: &str) -> u64 {
    let units = [("Ki", 10), ("Mi", 20), ("Gi", 30), ("Ti", 40)];
    let (number, shift) = units
        .iter()
        .find_map(|(unit, shift)| Some((quantity.strip_suffix(unit)?, *shift)))
        .unwrap_or((quantity, 0));
    number.parse::<u64>().expect("a whole quantity") << shift
}

/// The writable mount paths of a compose service's volumes (`host:container`, or a bare
/// container path for an anonymous volume).
fn compose_writable_mounts(service: &Yaml) -> Vec<String> {
    strings(&service["volumes"], "volumes")
        .into_iter()
        .filter(|m| !m.ends_with(":ro"))
        .filter_map(|m| m.split(':').nth(if m.contains(':') { 1 } else { 0 }))
        .map(String::from)
        .collect()
}

/// Writable mount paths of a pod's containers.
fn pod_writable_mounts(pod: &Yaml) -> Vec<String> {
    pod["containers"]
        .as_vec()
        .expect("containers")
        .iter()
        .flat_map(|c| c["volumeMounts"].as_vec().cloned().unwrap_or_default())
        .filter(|m| m["readOnly"].as_bool() != Some(true))
        .filter_map(|m| m["mountPath"].as_str().map(String::from))
        .collect()
}

fn assert_spool_on(what: &str, toml_text: &str, mounts: &[String], volume_bytes: Option<u64>) {
    let (dir, max) = spool(toml_text).unwrap_or_else(|| panic!("{what}: no [kafka]"));
    assert!(max > 0, "{what}: the spool is off");
    assert!(
        mounts.iter().any(|m| dir.starts_with(m)),
        "{what}: the spool {} is on no writable volume ({mounts:?}): it would not survive the container",
        dir.display()
    );
    if let Some(volume) = volume_bytes {
        assert!(
            max < volume,
            "{what}: a spool of {max} bytes on a volume of {volume}"
        );
    }
}

#[test]
fn every_deployment_keeps_its_spool_on_a_volume_of_its_own() {
    let single = &yaml("deploy/docker-compose.yml")[0]["services"]["newswire"];
    assert_spool_on(
        "docker-compose.yml",
        &read("deploy/compose/newswire.toml"),
        &compose_writable_mounts(single),
        None,
    );
    // Compose replicas: an anonymous volume each, never one named volume shared by all.
    let replicas = &yaml("deploy/docker-compose.cluster.yml")[0]["services"]["newswire"];
    let mounts = compose_writable_mounts(replicas);
    assert!(
        mounts.iter().all(|m| m.starts_with('/')),
        "a named volume would be one spool for three replicas: {mounts:?}"
    );
    assert_spool_on(
        "docker-compose.cluster.yml",
        &read("deploy/compose-cluster/newswire.toml"),
        &mounts,
        None,
    );

    let manifests = yaml("deploy/kubernetes/deployment.yaml");
    let deployment = manifests
        .iter()
        .find(|d| d["kind"].as_str() == Some("Deployment"))
        .expect("a Deployment");
    let claim = manifests
        .iter()
        .find(|d| d["kind"].as_str() == Some("PersistentVolumeClaim"))
        .expect("a claim");
    assert_spool_on(
        "kubernetes",
        &configmap_toml(),
        &pod_writable_mounts(&deployment["spec"]["template"]["spec"]),
        Some(quantity_bytes(
            claim["spec"]["resources"]["requests"]["storage"]
                .as_str()
                .expect("storage"),
        )),
    );
    // A StatefulSet member: its own claim from the template.
    let set = yaml("deploy/kubernetes-cluster/statefulset.yaml")
        .into_iter()
        .find(|doc| doc["kind"].as_str() == Some("StatefulSet"))
        .expect("a StatefulSet");
    assert_spool_on(
        "kubernetes-cluster",
        &cluster_configmap_toml(),
        &pod_writable_mounts(&set["spec"]["template"]["spec"]),
        Some(quantity_bytes(
            set["spec"]["volumeClaimTemplates"][0]["spec"]["resources"]["requests"]["storage"]
                .as_str()
                .expect("storage"),
        )),
    );
}
