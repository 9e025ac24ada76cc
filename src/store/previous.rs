//! Last year's report: where a report's `previous` key points, and reading it once for the many
//! reports of a batch that name the same one. The one place `check`, `sum`, `review` and the
//! editor find it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::LoadError;
use crate::report::Report;
use crate::rules::PrevValues;
use crate::template::{Registry, Template};

/// The file a report's `previous = "…"` names, relative to the folder of the report's own file
/// (an absolute path stays as it is).
pub fn path_of(report: &Report, report_path: &Path) -> Option<PathBuf> {
    let previous = report.previous.as_deref()?;
    let dir = report_path.parent().unwrap_or(Path::new(""));
    Some(dir.join(previous))
}

/// How a report at `report_path` names last year's report at `prev` (both as the user gave them,
/// from the current folder): relative to the report's folder, as [`path_of`] reads it back, so
/// the two files can move together. Falls back to `prev` made absolute when the two share no
/// folder (another disk, a name that cannot be made absolute).
pub fn name_from(report_path: &Path, prev: &Path) -> String {
    use std::path::Component;
    let (Ok(file), Ok(prev)) = (std::path::absolute(report_path), std::path::absolute(prev)) else {
        return prev.display().to_string();
    };
    // `absolute` keeps `..`; what it stands for is resolved by name, as a shell would.
    fn normal(p: &Path) -> Vec<Component<'_>> {
        let mut out: Vec<Component> = Vec::new();
        for c in p.components() {
            match c {
                Component::CurDir => {}
                Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                    out.pop();
                }
                c => out.push(c),
            }
        }
        out
    }
    let dir = normal(file.parent().unwrap_or(Path::new("/")));
    let target = normal(&prev);
    let common = dir.iter().zip(&target).take_while(|(a, b)| a == b).count();
    // Only the root in common: the absolute name says more than a climb to it.
    if common <= 1 {
        return prev.display().to_string();
    }
    let mut name = PathBuf::new();
    for _ in common..dir.len() {
        name.push("..");
    }
    for c in &target[common..] {
        name.push(c.as_os_str());
    }
    name.display().to_string()
}

/// Last year's reports already read, by path: the reports of one county's departments often name
/// the same one, and reading it again for each would double the work. Each is kept lined up with
/// the templates of the reports that named it, too (its values by this year's cells, its texts'
/// shingles): that was redone for every report, a tenth of checking one. A few are kept, so memory
/// stays bounded when every report names its own.
#[derive(Default)]
pub struct PrevCache(Vec<Kept>);

struct Kept {
    path: PathBuf,
    found: Result<Arc<Report>, LoadError>,
    /// Lined up with each template that asked (by identity: a registry's templates are shared).
    aligned: Vec<(Arc<Template>, Arc<PrevValues>)>,
}

impl PrevCache {
    const KEPT: usize = 8;

    fn kept(&mut self, path: &Path, registry: &mut Registry) -> &mut Kept {
        let at = match self.0.iter().position(|k| k.path == path) {
            Some(at) => at,
            None => {
                // Last year's report may be the published one (`previous = "2023.pdf"`).
                let found = super::published::load_any(path, registry).map(|l| Arc::new(l.report));
                if self.0.len() == Self::KEPT {
                    // The oldest goes.
                    drop(self.0.remove(0));
                }
                self.0.push(Kept {
                    path: path.to_path_buf(),
                    found,
                    aligned: Vec::new(),
                });
                self.0.len() - 1
            }
        };
        &mut self.0[at]
    }

    pub fn get(&mut self, path: &Path, registry: &mut Registry) -> Result<Arc<Report>, LoadError> {
        self.kept(path, registry).found.clone()
    }

    /// Last year's report at `path`, lined up with `template`.
    pub fn aligned(
        &mut self,
        path: &Path,
        registry: &mut Registry,
        template: &Arc<Template>,
    ) -> Result<Arc<PrevValues>, LoadError> {
        let kept = self.kept(path, registry);
        let prev = kept.found.as_ref().map_err(Clone::clone)?;
        if let Some((_, aligned)) = kept.aligned.iter().find(|(t, _)| Arc::ptr_eq(t, template)) {
            return Ok(aligned.clone());
        }
        let aligned = Arc::new(PrevValues::align(template, prev));
        kept.aligned.push((template.clone(), aligned.clone()));
        Ok(aligned)
    }
}

/// What became of a report's own `previous` file.
pub enum Found {
    /// The report names none.
    NotNamed,
    /// Read, and lined up with the report's template.
    Read(Arc<PrevValues>),
    /// Named, but missing or not a report: the cross-year rules cannot be checked.
    Unreadable { path: PathBuf, error: LoadError },
}

/// Reads the `previous` file a report names, through the cache.
pub fn find(
    report: &Report,
    report_path: &Path,
    registry: &mut Registry,
    cache: &mut PrevCache,
) -> Found {
    let Some(path) = path_of(report, report_path) else {
        return Found::NotNamed;
    };
    match cache.aligned(&path, registry, &report.template) {
        Ok(prev) => Found::Read(prev),
        Err(error) => Found::Unreadable { path, error },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Registry;

    #[test]
    fn previous_is_relative_to_the_reports_folder() {
        let mut report = Report::new(Registry::default().get("gov-2021").unwrap());
        assert_eq!(path_of(&report, Path::new("a/b.toml")), None);
        report.previous = Some("b-2023.toml".into());
        assert_eq!(
            path_of(&report, Path::new("dept/b-2024.toml")),
            Some(PathBuf::from("dept/b-2023.toml"))
        );
        assert_eq!(
            path_of(&report, Path::new("b-2024.toml")),
            Some(PathBuf::from("b-2023.toml"))
        );
        report.previous = Some("/archive/b-2023.toml".into());
        assert_eq!(
            path_of(&report, Path::new("dept/b-2024.toml")),
            Some(PathBuf::from("/archive/b-2023.toml"))
        );
    }

    #[test]
    fn last_years_report_is_named_from_the_reports_folder() {
        let named = |file: &str, prev: &str| name_from(Path::new(file), Path::new(prev));
        assert_eq!(named("b-2024.toml", "b-2023.toml"), "b-2023.toml");
        assert_eq!(named("dept/b-2024.toml", "dept/b-2023.toml"), "b-2023.toml");
        assert_eq!(named("2024/b.toml", "2023/b.toml"), "../2023/b.toml");
        assert_eq!(
            named("2024/b.toml", "./2024/../2023/b.toml"),
            "../2023/b.toml"
        );
        assert_eq!(
            named("/srv/r/2024/b.toml", "/srv/r/b-2023.toml"),
            "../b-2023.toml"
        );
        assert_eq!(named("/srv/b.toml", "/archive/b.toml"), "/archive/b.toml");
        // Read back from the report's folder, the name finds the file given.
        let mut report = Report::new(Registry::default().get("gov-2021").unwrap());
        report.previous = Some(named("2024/b.toml", "2023/b.toml"));
        assert_eq!(
            path_of(&report, Path::new("2024/b.toml")),
            Some(PathBuf::from("2024/../2023/b.toml"))
        );
    }

    #[test]
    fn the_cache_reads_a_file_once_and_keeps_a_few() {
        let dir = tempfile::tempdir().unwrap();
        let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let path = dir.path().join("p.toml");
        std::fs::copy(samples.join("shiyan-2023.toml"), &path).unwrap();
        let mut registry = Registry::default();
        let mut cache = PrevCache::default();
        let first = cache.get(&path, &mut registry).unwrap();
        std::fs::remove_file(&path).unwrap();
        let again = cache.get(&path, &mut registry).unwrap();
        assert!(Arc::ptr_eq(&first, &again), "read once");
        for i in 0..PrevCache::KEPT {
            let _ = cache.get(&dir.path().join(format!("{i}.toml")), &mut registry);
        }
        assert!(cache.get(&path, &mut registry).is_err(), "the oldest went");
    }

    #[test]
    fn last_years_report_is_lined_up_once_per_template() {
        let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let path = samples.join("shiyan-2023.toml");
        let mut registry = Registry::default();
        let template = registry.get("gov-2021").unwrap();
        let mut cache = PrevCache::default();
        let first = cache.aligned(&path, &mut registry, &template).unwrap();
        let again = cache.aligned(&path, &mut registry, &template).unwrap();
        assert!(Arc::ptr_eq(&first, &again), "lined up once");
        let (text, _) = first.text(0).expect("last year's overview");
        assert!(text.contains("2023"), "{text}");
        // Another template (one loaded from a file, say) gets its own.
        let other = Registry::default().get("gov-2021").unwrap();
        let theirs = cache.aligned(&path, &mut registry, &other).unwrap();
        assert!(!Arc::ptr_eq(&first, &theirs));
    }
}
