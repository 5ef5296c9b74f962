//! ARCHITECTURE.md's invariant "no two modules import each other", checked
//! over every crate of the workspace: the server, `api/`, the widget, the
//! candidate bundle and the console.
//!
//! A module (one `.rs` file) *imports* another when it names a path into it
//! (`use crate::http::error::AppError`, `crate::store::Store`, `super::x`).
//! A parent naming its own children (`mod x; pub use x::Y;`) is containment,
//! not an import, and is not counted. A folder stands for everything in it:
//! `auth::sessions` naming `http::state` is `auth` importing `http`, so two
//! folders whose files import each other fail even when no two files do.
//! Any cycle fails, with the imports on it and the line of each.
//!
//! Only the standard library, so that it also runs on its own while the
//! crates around it don't build, from the workspace: `rustc --edition 2024
//! --test server/tests/architecture.rs -o /tmp/architecture && /tmp/architecture`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The crates' source roots, relative to the workspace.
const CRATES: [&str; 5] = ["server/src", "api/src", "src", "candidate/src", "console/src"];

#[test]
fn no_two_modules_import_each_other() {
    // Under cargo, beside the server's manifest; on its own, from the workspace.
    let workspace = option_env!("CARGO_MANIFEST_DIR").map_or(PathBuf::from("."), |server| Path::new(server).join(".."));
    let mut failures = Vec::new();
    for root in CRATES {
        let graph = Graph::read(&workspace.join(root));
        assert!(graph.modules.len() > 3, "{root}: read only {} modules", graph.modules.len());
        for cycle in graph.cycles() {
            failures.push(format!("{root}: {}", graph.describe(&cycle)));
        }
    }
    assert!(failures.is_empty(), "modules that import each other:\n{}", failures.join("\n"));
}

/// A module's path from its crate's root, e.g. `["http", "error"]`.
type ModulePath = Vec<String>;

struct Graph {
    /// Every module of the crate, with its file.
    modules: BTreeMap<ModulePath, PathBuf>,
    /// Between two modules under one parent, each standing for itself and
    /// everything below it: (from, to) → the first import that makes it,
    /// as (importing module, imported module, line).
    imports: BTreeMap<(ModulePath, ModulePath), (ModulePath, ModulePath, usize)>,
}

impl Graph {
    fn read(root: &Path) -> Graph {
        let mut modules = BTreeMap::new();
        collect(root, root, &mut modules);
        let mut graph = Graph { modules, imports: BTreeMap::new() };
        let files: Vec<(ModulePath, PathBuf)> = graph.modules.iter().map(|(m, f)| (m.clone(), f.clone())).collect();
        for (module, file) in files {
            let source = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            for (line, path) in paths_named(&code_only(&source)) {
                let Some(target) = graph.resolve(&module, &path) else { continue };
                // A module naming itself, or its own descendants, imports
                // nothing; naming an ancestor is using what contains it.
                if target.starts_with(&module) || module.starts_with(&target) {
                    continue;
                }
                // The two siblings under the modules' closest common parent.
                let common = module.iter().zip(&target).take_while(|(a, b)| a == b).count();
                let (from, to) = (module[..=common].to_vec(), target[..=common].to_vec());
                graph.imports.entry((from, to)).or_insert((module.clone(), target, line));
            }
        }
        graph
    }

    /// The module a path names from inside `from`: the longest prefix of
    /// the absolute path that is a module.
    fn resolve(&self, from: &ModulePath, path: &[String]) -> Option<ModulePath> {
        let mut absolute: ModulePath = match path.first().map(String::as_str) {
            Some("crate") => Vec::new(),
            Some("self") => from.clone(),
            Some("super") => from[..from.len().checked_sub(1)?].to_vec(),
            _ => return None,
        };
        for segment in &path[1..] {
            if segment == "super" {
                absolute.pop();
            } else {
                absolute.push(segment.clone());
            }
        }
        (0..=absolute.len()).rev().map(|n| absolute[..n].to_vec()).find(|m| self.modules.contains_key(m))
    }

    /// Every cycle, each once: Tarjan's strongly connected components of
    /// more than one module.
    fn cycles(&self) -> Vec<Vec<ModulePath>> {
        let mut edges: BTreeMap<&ModulePath, Vec<&ModulePath>> = BTreeMap::new();
        for (from, to) in self.imports.keys() {
            edges.entry(from).or_default().push(to);
            edges.entry(to).or_default();
        }
        let mut tarjan = Tarjan {
            edges: &edges,
            index: BTreeMap::new(),
            low: BTreeMap::new(),
            stack: Vec::new(),
            on_stack: BTreeSet::new(),
            next: 0,
            found: Vec::new(),
        };
        for module in edges.keys() {
            if !tarjan.index.contains_key(module) {
                tarjan.visit(module);
            }
        }
        tarjan.found.into_iter().filter(|c| c.len() > 1).map(|c| c.into_iter().cloned().collect()).collect()
    }

    fn describe(&self, cycle: &[ModulePath]) -> String {
        let name = |m: &ModulePath| if m.is_empty() { "crate".to_owned() } else { m.join("::") };
        let members: BTreeSet<&ModulePath> = cycle.iter().collect();
        let lines: Vec<String> = self
            .imports
            .iter()
            .filter(|((from, to), _)| members.contains(from) && members.contains(to))
            .map(|(_, (module, target, line))| format!("{} (line {line}) -> {}", name(module), name(target)))
            .collect();
        lines.join("; ")
    }
}

struct Tarjan<'a> {
    edges: &'a BTreeMap<&'a ModulePath, Vec<&'a ModulePath>>,
    index: BTreeMap<&'a ModulePath, usize>,
    low: BTreeMap<&'a ModulePath, usize>,
    stack: Vec<&'a ModulePath>,
    on_stack: BTreeSet<&'a ModulePath>,
    next: usize,
    found: Vec<Vec<&'a ModulePath>>,
}

impl<'a> Tarjan<'a> {
    fn visit(&mut self, module: &'a ModulePath) {
        self.index.insert(module, self.next);
        self.low.insert(module, self.next);
        self.next += 1;
        self.stack.push(module);
        self.on_stack.insert(module);
        for &next in self.edges.get(module).map(Vec::as_slice).unwrap_or_default() {
            if !self.index.contains_key(next) {
                self.visit(next);
                let low = self.low[module].min(self.low[next]);
                self.low.insert(module, low);
            } else if self.on_stack.contains(next) {
                let low = self.low[module].min(self.index[next]);
                self.low.insert(module, low);
            }
        }
        if self.low[module] == self.index[module] {
            let mut component = Vec::new();
            while let Some(top) = self.stack.pop() {
                self.on_stack.remove(top);
                component.push(top);
                if top == module {
                    break;
                }
            }
            self.found.push(component);
        }
    }
}

/// The modules under `dir`: `lib.rs`/`main.rs` are the root, `x.rs` and
/// `x/mod.rs` are `x`. A binary's `main.rs` beside a `lib.rs` is its own
/// crate and is left out.
fn collect(root: &Path, dir: &Path, modules: &mut BTreeMap<ModulePath, PathBuf>) {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).expect("a source folder").map(|e| e.unwrap().path()).collect();
    entries.sort();
    let module_of = |path: &Path| -> ModulePath {
        path.strip_prefix(root).unwrap().with_extension("").iter().map(|s| s.to_string_lossy().into_owned()).collect()
    };
    for path in entries {
        if path.is_dir() {
            collect(root, &path, modules);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let mut module = module_of(&path);
        match module.last().map(String::as_str) {
            Some("lib") if module.len() == 1 => module.clear(),
            Some("main") if module.len() == 1 => {
                if root.join("lib.rs").exists() {
                    continue;
                }
                module.clear();
            }
            Some("mod") => {
                module.pop();
            }
            _ => {}
        }
        modules.insert(module, path);
    }
}

/// The source without comments, string and character literals, and
/// without the unit tests at the end (`#[cfg(test)] mod tests`), whose
/// `use super::*` is the module under test itself. Lines stay where they were.
fn code_only(source: &str) -> String {
    let source = match source.find("#[cfg(test)]\nmod tests") {
        Some(at) => &source[..at],
        None => source,
    };
    let bytes = source.as_bytes();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < bytes.len() {
        let rest = &source[i..];
        if rest.starts_with("//") {
            let end = rest.find('\n').unwrap_or(rest.len());
            i += end;
        } else if rest.starts_with("/*") {
            let end = rest.find("*/").map_or(rest.len(), |e| e + 2);
            out.extend(rest[..end].chars().filter(|c| *c == '\n'));
            i += end;
        } else if let Some(end) = raw_string_end(rest) {
            out.extend(rest[..end].chars().filter(|c| *c == '\n'));
            out.push_str("\"\"");
            i += end;
        } else if rest.starts_with('"') {
            let mut j = 1;
            while j < rest.len() && rest.as_bytes()[j] != b'"' {
                j += if rest.as_bytes()[j] == b'\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(rest.len());
            out.extend(rest[..end].chars().filter(|c| *c == '\n'));
            out.push_str("\"\"");
            i += end;
        } else if let Some(end) = char_literal_end(rest) {
            out.push_str("' '");
            i += end;
        } else {
            let c = rest.chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// `r"…"`, `r#"…"#` and so on (also `br…`): where the literal ends.
fn raw_string_end(rest: &str) -> Option<usize> {
    let after_prefix = rest.strip_prefix("br").or_else(|| rest.strip_prefix('r'))?;
    let hashes = after_prefix.len() - after_prefix.trim_start_matches('#').len();
    let body = after_prefix[hashes..].strip_prefix('"')?;
    let close = format!("\"{}", "#".repeat(hashes));
    let end = body.find(&close)?;
    Some(rest.len() - body.len() + end + close.len())
}

/// `'x'`, `'\n'`, `'\''`: where a character literal ends (lifetimes are not literals).
fn char_literal_end(rest: &str) -> Option<usize> {
    let body = rest.strip_prefix('\'')?;
    let mut chars = body.char_indices();
    let (_, first) = chars.next()?;
    let after = if first == '\\' {
        let close = body[1..].find('\'')?;
        close + 2
    } else {
        let (next, c) = chars.next()?;
        if c != '\'' {
            return None;
        }
        next + 1
    };
    Some(1 + after)
}

/// Every path that starts with `crate`, `self` or `super`, with its line:
/// `crate::a::b`, and each path of a group, `crate::{a, b::{c, d}}`.
fn paths_named(code: &str) -> Vec<(usize, Vec<String>)> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\n' {
            line += 1;
            i += 1;
            continue;
        }
        let starts_word = i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_' || chars[i - 1] == ':');
        if starts_word {
            for keyword in ["crate", "self", "super"] {
                let word: Vec<char> = keyword.chars().collect();
                let end = i + word.len();
                if chars[i..].starts_with(&word) && chars.get(end) == Some(&':') && chars.get(end + 1) == Some(&':') {
                    let mut paths = Vec::new();
                    path_tail(&chars, end, vec![keyword.to_owned()], &mut paths);
                    out.extend(paths.into_iter().map(|p| (line, p)));
                }
            }
        }
        i += 1;
    }
    out
}

/// Reads `::seg::seg` or `::{…}` after `prefix`, from `chars[at]`.
fn path_tail(chars: &[char], mut at: usize, mut prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    let skip_space = |mut at: usize| {
        while at < chars.len() && chars[at].is_whitespace() {
            at += 1;
        }
        at
    };
    loop {
        at = skip_space(at);
        if !(chars.get(at) == Some(&':') && chars.get(at + 1) == Some(&':')) {
            out.push(prefix);
            return at;
        }
        at = skip_space(at + 2);
        if chars.get(at) == Some(&'{') {
            at += 1;
            loop {
                at = skip_space(at);
                match chars.get(at) {
                    Some('}') | None => return at + 1,
                    Some(',') => at += 1,
                    _ => {
                        let (segment, after) = ident(chars, at);
                        if segment.is_empty() {
                            at += 1;
                            continue;
                        }
                        let mut inner = prefix.clone();
                        if segment != "self" {
                            inner.push(segment);
                        }
                        at = path_tail(chars, after, inner, out);
                        // `a as b`: the alias names nothing new.
                        at = skip_space(at);
                        if chars[at..].starts_with(&['a', 's']) {
                            let (_, after) = ident(chars, skip_space(at + 2));
                            at = after;
                        }
                    }
                }
            }
        }
        let (segment, after) = ident(chars, at);
        if segment.is_empty() {
            out.push(prefix);
            return at;
        }
        prefix.push(segment);
        at = after;
    }
}

fn ident(chars: &[char], mut at: usize) -> (String, usize) {
    let start = at;
    while at < chars.len() && (chars[at].is_alphanumeric() || chars[at] == '_') {
        at += 1;
    }
    (chars[start..at].iter().collect(), at)
}

#[test]
fn the_reader_finds_grouped_and_relative_paths() {
    let code = code_only(
        "use crate::{a::{b, c as d}, e};\n// crate::not_this\nlet s = \"crate::nor_this\";\nsuper::f::g();\nlet c = '\"'; crate::h;",
    );
    let found: Vec<(usize, String)> = paths_named(&code).into_iter().map(|(l, p)| (l, p.join("::"))).collect();
    let expected = [(1, "crate::a::b"), (1, "crate::a::c"), (1, "crate::e"), (4, "super::f::g"), (5, "crate::h")];
    assert_eq!(found, expected.map(|(l, p)| (l, p.to_owned())));
}
