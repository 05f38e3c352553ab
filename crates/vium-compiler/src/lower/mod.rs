//! Lowering: the only module that sees oxc types. Parses each module with
//! `oxc_parser`, resolves names with `oxc_semantic`, builds the module graph
//! (imports, exports, re-exports), assigns global slots, and walks the AST to
//! drive the emitter and the ROM builder.
//!
//! Submodules: `scope` (closure analysis) and `gen` (statements and
//! expressions → bytecode).

mod gen;
mod scope;

use crate::diag::{CompileError, SourceFile};
use crate::emit::Emitter;
use crate::rom::{NumConst, Rom};
use crate::LoadError;
use oxc_allocator::Allocator;
use oxc_ast::ast::{
    BindingPattern, ExportDefaultDeclarationKind, ImportDeclarationSpecifier, ModuleExportName,
    Program, Statement,
};
use oxc_diagnostics::OxcDiagnostic;
use oxc_parser::Parser;
use oxc_semantic::{Semantic, SemanticBuilder};
use oxc_span::{SourceType, Span};
use oxc_syntax::symbol::{SymbolFlags, SymbolId};
use std::collections::{HashMap, HashSet};
use vium_vm::{Op, Value};

/// What a module exports under one name.
#[derive(Clone, Debug)]
enum Export {
    /// A module-level binding of this module (possibly itself an import).
    Local(SymbolId),
    /// The anonymous `export default` slot.
    Default,
    /// `export { name as … } from` the given request.
    Indirect(usize, String),
}

struct Import {
    sym: SymbolId,
    request: usize,
    name: String,
    span: Span,
}

pub(super) struct Module<'a> {
    path: String,
    /// The source, with its line starts for error positions.
    file: SourceFile<'a>,
    program: &'a Program<'a>,
    semantic: Semantic<'a>,
    /// Whether parsing and semantic checks passed (codegen runs only then).
    clean: bool,
    /// Module specifiers in source order, with the module each resolved to.
    requests: Vec<(String, Span, Option<usize>)>,
    exports: HashMap<String, Export>,
    stars: Vec<usize>,
    imports: Vec<Import>,
    pub(super) globals: HashMap<SymbolId, u16>,
    pub(super) default_slot: Option<u16>,
    /// Text given to `eval` or `new Function` at build time: a script whose
    /// top-level bindings are locals of its own function (strict eval), not
    /// globals, and whose result is its completion value.
    pub(super) eval: bool,
}

impl Module<'_> {
    #[cold]
    fn error(&self, span: Span, message: String) -> CompileError {
        CompileError::at(&self.file, span.start, span.end, message)
    }
}

/// `importer`'s directory joined with `spec`, normalised; `None` for bare
/// specifiers (packages), which are not supported.
pub(crate) fn resolve_path(importer: &str, spec: &str) -> Option<String> {
    let joined = if spec.starts_with('/') {
        spec.to_string()
    } else if spec.starts_with("./") || spec.starts_with("../") {
        match importer.rfind('/') {
            Some(i) => format!("{}/{}", &importer[..i], spec),
            None => spec.to_string(),
        }
    } else {
        return None;
    };
    let absolute = joined.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if matches!(parts.last(), Some(p) if *p != "..") {
                    parts.pop();
                } else if !absolute {
                    parts.push("..");
                }
            }
            p => parts.push(p),
        }
    }
    let body = parts.join("/");
    Some(if absolute { format!("/{body}") } else { body })
}

fn oxc_errors(file: &SourceFile<'_>, diags: Vec<OxcDiagnostic>, out: &mut Vec<CompileError>) {
    for d in diags {
        let (start, end) = d
            .labels
            .iter()
            .next()
            .map_or((0, 0), |l| (l.span().start, l.span().end));
        let mut message = d.message.to_string();
        if let Some(help) = &d.help {
            message = format!("{message} ({help})");
        }
        out.push(CompileError::at(file, start, end, message));
    }
}

struct Graph<'a> {
    alloc: &'a Allocator,
    modules: Vec<Module<'a>>,
    by_path: HashMap<String, usize>,
    errors: Vec<CompileError>,
}

impl<'a> Graph<'a> {
    fn add(&mut self, path: String, source: String, eval: bool) -> usize {
        let source: &'a str = self.alloc.alloc_str(&source);
        let ty = if eval {
            SourceType::script()
        } else {
            SourceType::mjs()
        };
        // Too deep a source is not parsed at all: the parser would recurse
        // past the compiler's stack.
        let too_deep = crate::nesting::check(source, eval).err();
        let parsed = if too_deep.is_some() { "" } else { source };
        let ret = Parser::new(self.alloc, parsed, ty).parse();
        let mut clean = ret.diagnostics.is_empty() && !ret.panicked && too_deep.is_none();
        let file = SourceFile::new(&path, source);
        oxc_errors(&file, ret.diagnostics.into_vec(), &mut self.errors);
        if let Some(crate::nesting::TooDeep(at)) = too_deep {
            self.errors.push(CompileError::at(
                &file,
                at as u32,
                at as u32 + 1,
                format!(
                    "nested too deeply: more than {} levels of brackets, operators \
                     or statements one inside another",
                    crate::nesting::MAX_NESTING
                ),
            ));
        }
        let program: &'a Program<'a> = self.alloc.alloc(ret.program);
        let sem = SemanticBuilder::new()
            .with_check_syntax_error(true)
            .with_build_nodes(true)
            .build(program);
        if clean && !sem.diagnostics.is_empty() {
            clean = false;
            oxc_errors(&file, sem.diagnostics.into_vec(), &mut self.errors);
        }
        let mut m = Module {
            path: path.clone(),
            file,
            program,
            semantic: sem.semantic,
            clean,
            requests: Vec::new(),
            exports: HashMap::new(),
            stars: Vec::new(),
            imports: Vec::new(),
            globals: HashMap::new(),
            default_slot: None,
            eval,
        };
        let errors = scan_module_items(&mut m);
        self.errors.extend(errors);
        self.modules.push(m);
        let idx = self.modules.len() - 1;
        self.by_path.insert(path, idx);
        idx
    }
}

/// Records the requests, imports and exports of a module's top level.
fn scan_module_items(m: &mut Module<'_>) -> Vec<CompileError> {
    let mut errors = Vec::new();
    let scoping = m.semantic.scoping();
    let request = |m_requests: &mut Vec<(String, Span, Option<usize>)>, spec: &str, span| {
        m_requests.push((spec.to_string(), span, None));
        m_requests.len() - 1
    };
    let mut requests = Vec::new();
    let mut exports = HashMap::new();
    let mut stars = Vec::new();
    let mut imports = Vec::new();
    let export_binding = |exports: &mut HashMap<String, Export>, id: &BindingPattern<'_>| {
        if let BindingPattern::BindingIdentifier(b) = id {
            if let Some(sym) = b.symbol_id.get() {
                exports.insert(b.name.as_str().to_string(), Export::Local(sym));
            }
        }
    };
    for stmt in &m.program.body {
        match stmt {
            Statement::ImportDeclaration(d) => {
                let r = request(&mut requests, d.source.value.as_str(), d.source.span);
                for s in d.specifiers.iter().flatten() {
                    let (local, name) = match s {
                        ImportDeclarationSpecifier::ImportSpecifier(s) => {
                            (&s.local, s.imported.name().as_str().to_string())
                        }
                        ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => {
                            (&s.local, "default".to_string())
                        }
                        ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => {
                            errors.push(m.error(
                                s.span,
                                "namespace imports (`import * as`) are not supported yet".into(),
                            ));
                            continue;
                        }
                    };
                    if let Some(sym) = local.symbol_id.get() {
                        imports.push(Import {
                            sym,
                            request: r,
                            name,
                            span: local.span,
                        });
                    }
                }
            }
            Statement::ExportDeclaration(d) => match &d.declaration {
                oxc_ast::ast::Declaration::VariableDeclaration(v) => {
                    for decl in &v.declarations {
                        export_binding(&mut exports, &decl.id);
                    }
                }
                oxc_ast::ast::Declaration::FunctionDeclaration(f) => {
                    if let Some(sym) = f.id.as_ref().and_then(|id| id.symbol_id.get()) {
                        let name = f.id.as_ref().map_or("", |id| id.name.as_str());
                        exports.insert(name.to_string(), Export::Local(sym));
                    }
                }
                oxc_ast::ast::Declaration::ClassDeclaration(c) => {
                    if let Some(id) = &c.id {
                        if let Some(sym) = id.symbol_id.get() {
                            exports.insert(id.name.as_str().to_string(), Export::Local(sym));
                        }
                    }
                }
                _ => {}
            },
            Statement::ExportNamedDeclaration(d) => {
                for s in &d.specifiers {
                    let exported = s.exported.name().as_str().to_string();
                    let sym = match &s.local {
                        ModuleExportName::IdentifierReference(r) => r
                            .reference_id
                            .get()
                            .and_then(|id| scoping.get_reference(id).symbol_id()),
                        _ => None,
                    };
                    match sym {
                        Some(sym) => {
                            exports.insert(exported, Export::Local(sym));
                        }
                        None => errors.push(m.error(
                            s.local.span(),
                            format!("`{}` is not defined", s.local.name().as_str()),
                        )),
                    }
                }
            }
            Statement::ExportFromDeclaration(d) => {
                let r = request(&mut requests, d.source.value.as_str(), d.source.span);
                for s in &d.specifiers {
                    exports.insert(
                        s.exported.name().as_str().to_string(),
                        Export::Indirect(r, s.local.name().as_str().to_string()),
                    );
                }
            }
            Statement::ExportAllDeclaration(d) => {
                let r = request(&mut requests, d.source.value.as_str(), d.source.span);
                if d.exported.is_some() {
                    errors.push(m.error(d.span, "`export * as name` is not supported yet".into()));
                } else {
                    stars.push(r);
                }
            }
            Statement::ExportDefaultDeclaration(d) => match &d.declaration {
                ExportDefaultDeclarationKind::FunctionDeclaration(f) => {
                    match f.id.as_ref().and_then(|id| id.symbol_id.get()) {
                        Some(sym) => exports.insert("default".into(), Export::Local(sym)),
                        None => exports.insert("default".into(), Export::Default),
                    };
                }
                ExportDefaultDeclarationKind::ClassDeclaration(c) => {
                    match c.id.as_ref().and_then(|id| id.symbol_id.get()) {
                        Some(sym) => exports.insert("default".into(), Export::Local(sym)),
                        None => exports.insert("default".into(), Export::Default),
                    };
                }
                ExportDefaultDeclarationKind::TSInterfaceDeclaration(_) => {}
                _ => {
                    exports.insert("default".into(), Export::Default);
                }
            },
            _ => {}
        }
    }
    m.requests = requests;
    m.exports = exports;
    m.stars = stars;
    m.imports = imports;
    errors
}

use oxc_span::GetSpan;

/// Finds the global slot behind `name` exported by module `mi`.
fn resolve_export(
    modules: &[Module<'_>],
    mi: usize,
    name: &str,
    seen: &mut HashSet<(usize, String)>,
) -> Result<Option<u16>, String> {
    if !seen.insert((mi, name.to_string())) {
        return Err(format!("circular re-export of `{name}`"));
    }
    // Each link of a re-export chain is one native recursion.
    if seen.len() > crate::nesting::MAX_NESTING {
        return Err(format!(
            "`{name}` is re-exported through more than {} modules",
            crate::nesting::MAX_NESTING
        ));
    }
    let m = &modules[mi];
    if let Some(e) = m.exports.get(name) {
        return match e {
            Export::Default => Ok(m.default_slot),
            Export::Local(sym) => {
                if let Some(slot) = m.globals.get(sym) {
                    return Ok(Some(*slot));
                }
                match m.imports.iter().find(|i| i.sym == *sym) {
                    Some(i) => match m.requests[i.request].2 {
                        Some(target) => resolve_export(modules, target, &i.name, seen),
                        None => Ok(None),
                    },
                    None => Ok(None),
                }
            }
            Export::Indirect(r, inner) => match m.requests[*r].2 {
                Some(target) => resolve_export(modules, target, inner, seen),
                None => Ok(None),
            },
        };
    }
    if name != "default" {
        for &r in &m.stars {
            if let Some(target) = m.requests[r].2 {
                if let Some(slot) = resolve_export(modules, target, name, seen)? {
                    return Ok(Some(slot));
                }
            }
        }
    }
    Ok(None)
}

/// The name an eval text is reported under (the `n`th, from 1).
pub(crate) fn eval_name(n: usize) -> String {
    format!("<eval #{n}>")
}

pub(crate) fn compile(
    entry: &str,
    load: &mut dyn FnMut(&str) -> Result<String, LoadError>,
    evals: &[String],
) -> Result<Vec<u8>, Vec<CompileError>> {
    let alloc = Allocator::default();
    let mut g = Graph {
        alloc: &alloc,
        modules: Vec::new(),
        by_path: HashMap::new(),
        errors: Vec::new(),
    };
    let source = match load(entry) {
        Ok(source) => source,
        Err(LoadError::NotFound) => {
            return Err(vec![CompileError::whole_file(
                entry,
                format!("cannot read module `{entry}`"),
            )])
        }
        Err(LoadError::Unusable(why)) => {
            return Err(vec![CompileError::whole_file(
                entry,
                format!("cannot compile `{entry}`: {why}"),
            )])
        }
    };
    g.add(entry.to_string(), source, false);

    // Load the graph breadth-first.
    let mut next = 0;
    while next < g.modules.len() {
        for r in 0..g.modules[next].requests.len() {
            let (spec, span, _) = g.modules[next].requests[r].clone();
            let Some(path) = resolve_path(&g.modules[next].path, &spec) else {
                let e = g.modules[next].error(
                    span,
                    format!("cannot resolve `{spec}`: only relative specifiers (`./`, `../`) are supported"),
                );
                g.errors.push(e);
                continue;
            };
            // Loads and parses a module not seen before.
            let mut load_new =
                |g: &mut Graph<'_>, path: String| load(&path).map(|src| g.add(path, src, false));
            let outcome = match g.by_path.get(&path) {
                Some(&i) => Ok(i),
                None => match load_new(&mut g, path.clone()) {
                    Err(LoadError::NotFound) if !path.ends_with(".js") => {
                        let with_ext = format!("{path}.js");
                        match g.by_path.get(&with_ext) {
                            Some(&i) => Ok(i),
                            None => load_new(&mut g, with_ext),
                        }
                    }
                    other => other,
                },
            };
            let message = match &outcome {
                Ok(_) => None,
                Err(LoadError::NotFound) => {
                    Some(format!("cannot find module `{spec}` (looked for `{path}`)"))
                }
                Err(LoadError::Unusable(why)) => Some(format!("cannot load `{spec}`: {why}")),
            };
            if let Some(message) = message {
                let e = g.modules[next].error(span, message);
                g.errors.push(e);
            }
            let found = outcome.ok();
            g.modules[next].requests[r].2 = found;
        }
        next += 1;
    }
    // Eval texts: not part of the module graph. A text that does not parse
    // becomes a SyntaxError thrown by `eval` (its message in the table).
    let mut eval_units = Vec::new();
    for (k, text) in evals.iter().enumerate() {
        let before = g.errors.len();
        let mi = g.add(eval_name(k + 1), text.clone(), true);
        let syntax = g.errors.drain(before..).next().map(|e| e.message);
        eval_units.push((mi, text, syntax));
    }
    let Graph {
        mut modules,
        mut errors,
        ..
    } = g;

    // Global slots: every module-level binding that is not an import, then
    // the anonymous default export.
    let mut slots: usize = 0;
    for m in modules.iter_mut().filter(|m| !m.eval) {
        let scoping = m.semantic.scoping();
        let root = scoping.root_scope_id();
        let mut globals = HashMap::new();
        for sym in scoping.symbol_ids() {
            if scoping.symbol_scope_id(sym) == root
                && !scoping
                    .symbol_flags(sym)
                    .intersects(SymbolFlags::Import | SymbolFlags::TypeImport)
            {
                globals.insert(sym, slots as u16);
                slots += 1;
            }
        }
        m.globals = globals;
        if m.exports.values().any(|e| matches!(e, Export::Default)) {
            m.default_slot = Some(slots as u16);
            slots += 1;
        }
    }
    if slots > u16::MAX as usize {
        errors.push(CompileError::whole_file(
            entry,
            "too many module-level variables".into(),
        ));
        return Err(errors);
    }

    // Imports take the slot of the binding they name.
    for mi in 0..modules.len() {
        let mut resolved = Vec::new();
        for imp in &modules[mi].imports {
            let Some(target) = modules[mi].requests[imp.request].2 else {
                continue;
            };
            let spec = &modules[mi].requests[imp.request].0;
            match resolve_export(&modules, target, &imp.name, &mut HashSet::new()) {
                Ok(Some(slot)) => resolved.push((imp.sym, slot)),
                Ok(None) => errors.push(modules[mi].error(
                    imp.span,
                    format!("module `{spec}` has no export named `{}`", imp.name),
                )),
                Err(msg) => errors.push(modules[mi].error(imp.span, msg)),
            }
        }
        modules[mi].globals.extend(resolved);
    }

    // The prelude's exports are visible to every module as if they were
    // globals (`Promise`), and name the helpers that async functions call.
    let is_prelude = |m: &Module<'_>| {
        let name = crate::driver::PRELUDE_MODULE;
        m.path == name || m.path.ends_with(&format!("/{name}"))
    };
    let mut prelude = HashMap::new();
    if let Some(pi) = modules.iter().position(is_prelude) {
        for name in modules[pi].exports.keys() {
            if let Ok(Some(slot)) = resolve_export(&modules, pi, name, &mut HashSet::new()) {
                prelude.insert(name.clone(), slot);
            }
        }
    }
    let mut global_props = HashSet::new();
    // Whether the program names the builtin `Map` or `Set` (as a free
    // identifier or `globalThis.Map`): only then can it hold one, and only
    // then does `console.log` need the inspector that shows them.
    let mut collections = false;
    for m in &modules {
        let free = |id: &oxc_ast::ast::IdentifierReference<'_>| {
            id.reference_id
                .get()
                .is_some_and(|r| m.semantic.scoping().get_reference(r).symbol_id().is_none())
        };
        for node in m.semantic.nodes().iter() {
            match node.kind() {
                oxc_ast::AstKind::StaticMemberExpression(e) => {
                    if let oxc_ast::ast::Expression::Identifier(id) = &e.object {
                        if free(id) && id.name.as_str() == "globalThis" {
                            let name = e.property.name.as_str();
                            collections |= matches!(name, "Map" | "Set");
                            global_props.insert(name.to_string());
                        }
                    }
                }
                oxc_ast::AstKind::IdentifierReference(id) => {
                    collections |= matches!(id.name.as_str(), "Map" | "Set") && free(id);
                }
                _ => {}
            }
        }
    }
    let ambient = gen::Ambient {
        prelude,
        global_props,
        collections,
    };

    // Dependency order: post-order DFS from the entry, on an explicit
    // stack (a long chain of imports must not recurse natively); a module
    // being visited is skipped (cycles).
    let mut order = Vec::new();
    let mut state = vec![0u8; modules.len()];
    let mut path = vec![(0usize, 0usize)];
    state[0] = 1;
    while let Some((i, next_request)) = path.last_mut() {
        let i = *i;
        match modules[i].requests.get(*next_request) {
            Some(request) => {
                *next_request += 1;
                if let Some(d) = request.2 {
                    if state[d] == 0 {
                        state[d] = 1;
                        path.push((d, 0));
                    }
                }
            }
            None => {
                state[i] = 2;
                order.push(i);
                path.pop();
            }
        }
    }

    let mut rom = Rom::default();
    let mut bodies = vec![None; modules.len()];
    for &mi in &order {
        let m = &modules[mi];
        if !m.clean {
            continue;
        }
        let an = scope::Analysis::new(&m.semantic, false);
        let mut gen = gen::Gen::new(m, &an, &ambient, &mut rom, &mut errors);
        bodies[mi] = gen.module_body();
    }
    // The eval table: each text with the function that runs it, or with
    // the message of the SyntaxError it throws.
    let mut table = Vec::new();
    for (mi, text, syntax) in eval_units {
        let m = &modules[mi];
        let code = match syntax {
            Some(message) => rom.string(&message).ok(),
            None if m.clean => {
                let an = scope::Analysis::new(&m.semantic, true);
                gen::Gen::new(m, &an, &ambient, &mut rom, &mut errors).module_body()
            }
            None => None,
        };
        let key = rom.string(text).map_err(|e| {
            vec![CompileError::whole_file(
                &m.path,
                format!("the image is full ({e:?})"),
            )]
        })?;
        if let Some(code) = code {
            table.push((key, code));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let mut em = Emitter::new();
    if !table.is_empty() {
        // vmExport(EVAL_TABLE, [text, code, …]) before anything runs.
        let id = match rom.number(f64::from(vium_vm::builtins::EVAL_TABLE)) {
            Ok(NumConst::Value(v)) => v,
            _ => {
                return Err(vec![CompileError::whole_file(
                    entry,
                    "the image is full".into(),
                )])
            }
        };
        em.emit(Op::Const, &[vium_vm::WellKnown::VmExport.value().0 as i32]);
        em.op(Op::Undefined);
        em.emit(Op::Const, &[id.0 as i32]);
        em.emit(Op::NewArray, &[(2 * table.len()).min(255) as i32]);
        for (key, code) in &table {
            for v in [key, code] {
                em.emit(Op::Const, &[v.0 as i32]);
                em.op(Op::ArrayPush);
            }
        }
        em.emit(Op::Call, &[2]);
        em.op(Op::Pop);
    }
    // The entry: call each module body in order, return undefined.
    for body in order.iter().filter_map(|&mi| bodies[mi]) {
        em.emit(Op::Const, &[body.0 as i32]);
        em.op(Op::Undefined);
        em.emit(Op::Call, &[0]);
        em.op(Op::Pop);
    }
    em.op(Op::Undefined);
    em.op(Op::Return);
    let (code, max) = em
        .finish()
        .map_err(|_| vec![CompileError::whole_file(entry, "too many modules".into())])?;
    let mut payload = vec![0, 0, max as u8];
    payload.extend_from_slice(&code);
    let entry_fn = rom.function(&payload).map_err(|e| {
        vec![CompileError::whole_file(
            entry,
            format!("the build image is full ({e:?}): too much code, with the builtin library and the code made by eval"),
        )]
    })?;
    let mut image = std::mem::take(&mut rom.image);
    image.globals = vec![Value::UNDEFINED; slots];
    image.exports = vec![(crate::ENTRY_EXPORT_ID, entry_fn)];
    image.finish().map_err(|e| {
        vec![CompileError::whole_file(
            entry,
            format!("the image is too large: {e:?}"),
        )]
    })
}

#[cfg(test)]
mod tests {
    use super::resolve_path;

    #[test]
    fn specifiers_resolve_relative_to_the_importer() {
        assert_eq!(resolve_path("main.js", "./a.js").as_deref(), Some("a.js"));
        assert_eq!(
            resolve_path("src/main.js", "./lib/a.js").as_deref(),
            Some("src/lib/a.js")
        );
        assert_eq!(
            resolve_path("src/main.js", "../a.js").as_deref(),
            Some("a.js")
        );
        assert_eq!(
            resolve_path("main.js", "../a.js").as_deref(),
            Some("../a.js")
        );
        assert_eq!(
            resolve_path("/p/src/main.js", "../x/./a.js").as_deref(),
            Some("/p/x/a.js")
        );
        assert_eq!(resolve_path("main.js", "lodash"), None);
    }
}
