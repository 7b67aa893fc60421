//! A container's file system as its processes see it: the writable layer (reset when the
//! container restarts) plus mounted volumes (emptyDir survives container restarts and is shared
//! by the pod's containers).

use std::collections::BTreeMap;

/// Files by absolute path. Directories are implied by their files plus explicit `mkdir`s.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layer {
    pub files: BTreeMap<String, String>,
    pub dirs: std::collections::BTreeSet<String>,
    /// Files with an execute bit (`chmod +x`).
    pub executable: std::collections::BTreeSet<String>,
    /// Symbolic links made with `ln -s`: link path → target.
    pub links: BTreeMap<String, String>,
}

impl Layer {
    /// A fresh container's writable layer: the files every image's root file system has
    /// (`/etc/passwd`, `/etc/group`) and those the runtime mounts (`/etc/hostname`,
    /// `/etc/hosts`, `/etc/resolv.conf`; kubelet `makeMounts` and the CRI's hostname file).
    pub fn base() -> Layer {
        let mut l = Layer::default();
        for (k, v) in [
            ("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n"),
            ("/etc/group", "root:x:0:\ndaemon:x:1:\nnogroup:x:65534:\n"),
            ("/etc/hostname", "pod\n"),
            ("/etc/hosts", "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"),
            ("/etc/resolv.conf", "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n"),
        ] {
            l.files.insert(k.to_string(), v.to_string());
        }
        l
    }
}

/// The view one process has: a writable layer and a list of (mount path, volume index).
pub struct FsView<'a> {
    pub layer: &'a mut Layer,
    pub volumes: &'a mut [Layer],
    pub mounts: &'a [(String, usize)],
}

fn normalize(path: &str, cwd: &str) -> String {
    // Fast path: an absolute path that is already clean.
    if path.starts_with('/')
        && path.len() > 1
        && !path.ends_with('/')
        && !path.contains("//")
        && !path.contains("/.")
    {
        return path.to_string();
    }
    let full = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{}/{}", cwd.trim_end_matches('/'), path)
    };
    let mut parts: Vec<&str> = vec![];
    for p in full.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            x => parts.push(x),
        }
    }
    format!("/{}", parts.join("/"))
}

impl FsView<'_> {
    /// Resolve a path to the layer that holds it and the path inside that layer.
    fn resolve(&mut self, path: &str) -> (&mut Layer, String) {
        let p = normalize(path, "/");
        let mut best: Option<(usize, usize)> = None;
        for (i, (m, _)) in self.mounts.iter().enumerate() {
            let m = m.trim_end_matches('/');
            if (p == m || p.starts_with(&format!("{m}/")))
                && best.is_none_or(|(_, len)| m.len() > len)
            {
                best = Some((i, m.len()));
            }
        }
        match best {
            Some((i, len)) => {
                let vol = self.mounts[i].1;
                let rest = if p.len() > len {
                    p[len..].to_string()
                } else {
                    "/".to_string()
                };
                (&mut self.volumes[vol], rest)
            }
            None => (&mut *self.layer, p),
        }
    }

    /// Is there a regular file at `path` (without copying it)?
    pub fn has_file(&mut self, path: &str) -> bool {
        let (l, p) = self.resolve(path);
        l.files.contains_key(&p)
    }

    pub fn read(&mut self, path: &str) -> Option<String> {
        let (l, p) = self.resolve(path);
        l.files.get(&p).cloned()
    }
    pub fn exists(&mut self, path: &str) -> bool {
        let (l, p) = self.resolve(path);
        p == "/"
            || l.files.contains_key(&p)
            || l.dirs.contains(&p)
            || l.files.keys().any(|k| k.starts_with(&format!("{p}/")))
    }
    pub fn is_dir(&mut self, path: &str) -> bool {
        // The directories every image has.
        if matches!(
            path.trim_end_matches('/'),
            "" | "/tmp"
                | "/etc"
                | "/var"
                | "/bin"
                | "/usr"
                | "/root"
                | "/home"
                | "/dev"
                | "/proc"
                | "/sys"
                | "/run"
                | "/var/run"
                | "/var/log"
                | "/usr/bin"
                | "/usr/local"
                | "/usr/local/bin"
                | "/sbin"
                | "/opt"
                | "/mnt"
                | "/srv"
        ) {
            return true;
        }
        let (l, p) = self.resolve(path);
        p == "/" || l.dirs.contains(&p) || l.files.keys().any(|k| k.starts_with(&format!("{p}/")))
    }
    pub fn write(&mut self, path: &str, content: &str, append: bool) {
        let (l, p) = self.resolve(path);
        let e = l.files.entry(p).or_default();
        if append {
            e.push_str(content);
        } else {
            *e = content.to_string();
        }
    }
    pub fn set_executable(&mut self, path: &str, on: bool) {
        let (l, p) = self.resolve(path);
        if on {
            l.executable.insert(p);
        } else {
            l.executable.remove(&p);
        }
    }
    pub fn is_executable(&mut self, path: &str) -> bool {
        let (l, p) = self.resolve(path);
        l.executable.contains(&p)
    }
    /// `ln -s TARGET LINK`: the link reads as the target did when it was made.
    pub fn symlink(&mut self, target: &str, link: &str) {
        if let Some(c) = self.read(target) {
            self.write(link, &c, false);
        }
        let (l, p) = self.resolve(link);
        l.links.insert(p, target.to_string());
    }
    pub fn is_link(&mut self, path: &str) -> bool {
        let (l, p) = self.resolve(path);
        l.links.contains_key(&p)
    }
    pub fn touch(&mut self, path: &str) {
        let (l, p) = self.resolve(path);
        l.files.entry(p).or_default();
    }
    pub fn mkdir(&mut self, path: &str) {
        let (l, p) = self.resolve(path);
        l.dirs.insert(p);
    }
    /// Remove a file (or, with `recursive`, a tree). Returns whether anything was there.
    pub fn remove(&mut self, path: &str, recursive: bool) -> bool {
        let (l, p) = self.resolve(path);
        let mut found = l.files.remove(&p).is_some();
        if recursive {
            let prefix = format!("{p}/");
            let before = l.files.len() + l.dirs.len();
            l.files.retain(|k, _| !k.starts_with(&prefix));
            l.dirs.retain(|k| k != &p && !k.starts_with(&prefix));
            found |= before != l.files.len() + l.dirs.len();
        }
        found
    }
    pub fn list(&mut self, path: &str) -> Vec<String> {
        let (l, p) = self.resolve(path);
        let prefix = if p == "/" {
            "/".to_string()
        } else {
            format!("{p}/")
        };
        let mut out: Vec<String> = l
            .files
            .keys()
            .chain(l.dirs.iter())
            .filter_map(|k| {
                k.strip_prefix(&prefix)
                    .map(|r| r.split('/').next().unwrap_or("").to_string())
            })
            .filter(|s| !s.is_empty())
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volume_mounts_shadow_the_layer() {
        let mut layer = Layer::default();
        let mut vols = vec![Layer::default()];
        let mounts = vec![("/data".to_string(), 0)];
        let mut fs = FsView {
            layer: &mut layer,
            volumes: &mut vols,
            mounts: &mounts,
        };
        fs.write("/data/x", "1", false);
        fs.touch("/tmp/y");
        assert_eq!(fs.read("/data/x").as_deref(), Some("1"));
        assert!(vols[0].files.contains_key("/x"));
        assert!(layer.files.contains_key("/tmp/y"));
    }
}
