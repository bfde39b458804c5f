//! The architecture as a test: reads every `crate::` and `super::` path in `src/` and proves
//! that imports point down only (cli and tui above import, report and demo, above store, above
//! domain and the plain helpers), that cli and tui never import each other, and that no group
//! of modules imports itself in a circle (checked between the top modules and between the
//! parts of `tui`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// How high a top module stands: it may import only modules standing lower.
fn rank(top: &str) -> Option<u8> {
    Some(match top {
        "domain" | "text" | "clock" | "config" | "logging" => 0,
        "store" => 1,
        "import" | "report" | "demo" => 2,
        "cli" | "tui" => 3,
        _ => return None,
    })
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/tui/tabs/inbox/mod.rs` → ["tui", "tabs", "inbox"].
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts
        .last()
        .is_some_and(|p| p == "mod" || p == "lib" || p == "main")
    {
        parts.pop();
    }
    parts
}

/// Every module path a file names, made absolute: `crate::a::b` and `super::x` (from the
/// file's own module). Lines of comments are skipped; test modules count like the rest.
fn imports(module: &[String], text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for line in text.lines() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        for (start, _) in code
            .match_indices("crate::")
            .chain(code.match_indices("super::"))
        {
            let before = code[..start].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &code[start..];
            let path: Vec<&str> = rest
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .next()
                .unwrap_or("")
                .split("::")
                .filter(|s| !s.is_empty())
                .collect();
            let mut abs: Vec<String> = Vec::new();
            let mut iter = path.iter().peekable();
            if iter.peek() == Some(&&"crate") {
                iter.next();
            } else {
                abs = module.to_vec();
                while iter.peek() == Some(&&"super") {
                    iter.next();
                    abs.pop();
                }
            }
            abs.extend(iter.map(|s| s.to_string()));
            if !abs.is_empty() {
                out.push(abs);
            }
        }
    }
    out
}

/// The node a module belongs to for the circle check: a top module, or a part of `tui`.
fn node(path: &[String]) -> String {
    match path {
        [top, part, ..] if top == "tui" => format!("tui::{part}"),
        [top, ..] => top.clone(),
        [] => String::new(),
    }
}

struct Graph {
    /// node → nodes it imports, with one file that does it (for the message).
    edges: BTreeMap<String, BTreeMap<String, String>>,
}

fn graph() -> (Graph, Vec<String>) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut upward = Vec::new();
    for file in &files {
        let module = module_of(&src, file);
        let Some(top) = module.first().cloned() else {
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        let from_node = node(&module);
        for target in imports(&module, &text) {
            let to_top = &target[0];
            // Paths into the standard library or a crate (`super::super::Question` inside a
            // type) resolve inside our tree; anything else is not a module of ours.
            let (Some(from), Some(to)) = (rank(&top), rank(to_top)) else {
                continue;
            };
            let shown = file.strip_prefix(&src).unwrap().display().to_string();
            if to_top != &top && to >= from {
                upward.push(format!("{shown} ({top}) imports {}", target.join("::")));
            }
            let to_node = node(&target);
            if to_node != from_node && to_node != "tui" {
                edges
                    .entry(from_node.clone())
                    .or_default()
                    .entry(to_node)
                    .or_insert(shown);
            }
        }
    }
    (Graph { edges }, upward)
}

/// A circle through `start`, if there is one: the nodes in order, back to `start`.
fn circle(g: &Graph, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_string(), vec![start.to_string()])];
    let mut seen = BTreeSet::new();
    while let Some((at, path)) = stack.pop() {
        for next in g.edges.get(&at).into_iter().flat_map(|m| m.keys()) {
            if next == start {
                let mut found = path.clone();
                found.push(start.to_string());
                return Some(found);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push((next.clone(), longer));
            }
        }
    }
    None
}

#[test]
fn imports_point_down_only() {
    let (_, upward) = graph();
    assert!(
        upward.is_empty(),
        "imports that point up or sideways:\n{}",
        upward.join("\n")
    );
}

#[test]
fn no_module_imports_itself_in_a_circle() {
    let (g, _) = graph();
    assert!(g.edges.len() > 10, "the scan found the modules");
    for start in g.edges.keys() {
        if let Some(found) = circle(&g, start) {
            let steps: Vec<String> = found
                .windows(2)
                .map(|w| format!("{} → {} (in {})", w[0], w[1], g.edges[&w[0]][&w[1]]))
                .collect();
            panic!("a circle:\n{}", steps.join("\n"));
        }
    }
}

#[test]
fn the_scan_sees_an_upward_import() {
    // The checks above can fail: a store file naming the app is caught.
    let module = vec!["store".to_string(), "inbox".to_string()];
    let found = imports(
        &module,
        "use crate::tui::app::App;\nlet x = super::Store::open();",
    );
    assert_eq!(
        found,
        vec![
            vec!["tui".to_string(), "app".into(), "App".into()],
            vec!["store".to_string(), "Store".into(), "open".into()],
        ]
    );
}
