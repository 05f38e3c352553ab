//! Closure analysis: which bindings live in environments (`Env` slots)
//! instead of locals, which scopes must push an environment, and which
//! functions must be created with `Closure` rather than `Const`.
//!
//! A binding is *captured* when some reference to it sits in a different
//! function than the one that owns it. The owner of an ordinary binding is the
//! function (or module) whose body declares it; the owner of a named function
//! expression's own name is the function around that expression, because the
//! name lives in a one-slot environment wrapped around the closure. Module
//! scope bindings are globals and never captured. `this` used inside an arrow
//! is a captured pseudo-binding of the nearest non-arrow function.
//!
//! A class scope counts as a function: its field initialisers are compiled
//! into the constructor, and its methods reach the class's environment,
//! which holds the parent class (`super`) and a class expression's name.

use oxc_ast::ast::{BinaryOperator, Expression};
use oxc_ast::AstKind;
use oxc_semantic::{Scoping, Semantic};
use oxc_span::GetSpan;
use oxc_syntax::scope::ScopeId;
use oxc_syntax::symbol::{SymbolFlags, SymbolId};
use std::collections::{HashMap, HashSet};

/// What an environment slot holds.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(super) enum Key {
    Sym(SymbolId),
    /// The receiver of the given non-arrow function.
    This(ScopeId),
    /// The parent class of the class with this scope.
    Super(ScopeId),
}

pub(super) struct Analysis {
    captured: HashSet<SymbolId>,
    self_names: HashSet<SymbolId>,
    env_keys: HashMap<ScopeId, Vec<Key>>,
    needs_closure: HashSet<ScopeId>,
    classes: HashSet<ScopeId>,
    function_objects: HashSet<ScopeId>,
}

/// The function, class or module scope that encloses `scope` (itself if it
/// is one).
fn function_of(scoping: &Scoping, classes: &HashSet<ScopeId>, mut scope: ScopeId) -> ScopeId {
    loop {
        let flags = scoping.scope_flags(scope);
        if flags.is_function() || flags.is_top() || classes.contains(&scope) {
            return scope;
        }
        match scoping.scope_parent_id(scope) {
            Some(p) => scope = p,
            None => return scope,
        }
    }
}

/// The function scope around the function whose scope is `f`.
fn outer_function(scoping: &Scoping, classes: &HashSet<ScopeId>, f: ScopeId) -> Option<ScopeId> {
    scoping
        .scope_parent_id(f)
        .map(|p| function_of(scoping, classes, p))
}

/// The functions that must be made function objects (`FunctionObject`):
/// those bound to a name (a function declaration or a `var`/`let`/`const`
/// initialised with a function or arrow expression) that the module uses
/// as an object: `F.x` and `F[k]` (except `F.call`, `F.apply` and
/// `F.bind`, which every function has), `new F`, `x instanceof F`, or an
/// argument of `Object.…(…)` and `Reflect.…(…)`. Every other function stays
/// a constant or a closure and costs no RAM for properties it never has.
fn function_objects(semantic: &Semantic<'_>) -> HashSet<ScopeId> {
    let scoping = semantic.scoping();
    let nodes = semantic.nodes();
    let mut out = HashSet::new();
    for sym in scoping.symbol_ids() {
        let decl = nodes.get_node(scoping.symbol_declaration(sym));
        let scope = match decl.kind() {
            AstKind::Function(f) => f.scope_id.get(),
            AstKind::VariableDeclarator(d) if d.id.get_binding_identifier().is_some() => {
                match d.init.as_ref().map(|e| e.without_parentheses()) {
                    Some(Expression::FunctionExpression(f)) => f.scope_id.get(),
                    Some(Expression::ArrowFunctionExpression(a)) => a.scope_id.get(),
                    _ => None,
                }
            }
            _ => None,
        };
        let Some(scope) = scope else { continue };
        let used = scoping
            .get_resolved_references(sym)
            .any(|r| used_as_object(semantic, r.node_id()));
        if used {
            out.insert(scope);
        }
    }
    out
}

/// Whether the identifier reference `id` is used as an object (see
/// `function_objects`).
fn used_as_object(semantic: &Semantic<'_>, id: oxc_semantic::NodeId) -> bool {
    let nodes = semantic.nodes();
    let mut child = nodes.get_node(id);
    let mut parent = nodes.parent_node(child.id());
    while let AstKind::ParenthesizedExpression(_) = parent.kind() {
        child = parent;
        parent = nodes.parent_node(child.id());
    }
    let span = child.kind().span();
    match parent.kind() {
        AstKind::StaticMemberExpression(m) => {
            m.object.span() == span
                && !matches!(m.property.name.as_str(), "call" | "apply" | "bind")
        }
        AstKind::ComputedMemberExpression(m) => m.object.span() == span,
        AstKind::NewExpression(n) => n.callee.span() == span,
        AstKind::BinaryExpression(b) => {
            b.operator == BinaryOperator::Instanceof && b.right.span() == span
        }
        AstKind::CallExpression(c) => {
            let on_builtin = match &c.callee {
                Expression::StaticMemberExpression(m) => matches!(
                    &m.object,
                    Expression::Identifier(o) if o.name == "Object" || o.name == "Reflect"
                ),
                _ => false,
            };
            on_builtin && c.arguments.iter().any(|a| a.span() == span)
        }
        _ => false,
    }
}

impl Analysis {
    /// `eval_unit`: the top level is a function's body (eval code), whose
    /// bindings can be captured, not a module's (globals).
    pub(super) fn new(semantic: &Semantic<'_>, eval_unit: bool) -> Self {
        let scoping = semantic.scoping();
        let root = scoping.root_scope_id();
        let mut classes = HashSet::new();
        let mut derived = Vec::new();
        for node in semantic.nodes().iter() {
            if let AstKind::Class(c) = node.kind() {
                if let Some(s) = c.scope_id.get() {
                    classes.insert(s);
                    if c.heritage.is_some() {
                        derived.push(s);
                    }
                }
            }
        }
        let function_of = |s| function_of(scoping, &classes, s);
        let outer_function = |s| outer_function(scoping, &classes, s);
        let mut an = Analysis {
            captured: HashSet::new(),
            self_names: HashSet::new(),
            env_keys: HashMap::new(),
            needs_closure: HashSet::new(),
            classes: classes.clone(),
            function_objects: function_objects(semantic),
        };
        for &c in &derived {
            an.env_keys.entry(c).or_default().push(Key::Super(c));
        }
        for sym in scoping.symbol_ids() {
            let scope = scoping.symbol_scope_id(sym);
            if scope == root && !eval_unit {
                continue;
            }
            let self_name = scoping
                .symbol_flags(sym)
                .contains(SymbolFlags::FunctionExpression);
            let owner = if self_name || classes.contains(&scope) {
                outer_function(scope).unwrap_or(root)
            } else {
                function_of(scope)
            };
            let mut captured = false;
            for r in scoping.get_resolved_references(sym) {
                let mut f = function_of(r.scope_id());
                if f != owner {
                    captured = true;
                }
                while f != owner {
                    an.needs_closure.insert(f);
                    match outer_function(f) {
                        Some(o) => f = o,
                        None => break,
                    }
                }
            }
            if captured {
                an.captured.insert(sym);
                if self_name {
                    an.self_names.insert(sym);
                } else {
                    an.env_keys.entry(scope).or_default().push(Key::Sym(sym));
                }
            }
        }
        for node in semantic.nodes().iter() {
            if matches!(node.kind(), AstKind::Super(_)) {
                // Every function between `super` and its class reaches
                // the class's environment.
                let mut s = Some(node.scope_id());
                let class = loop {
                    match s {
                        Some(x) if classes.contains(&x) => break Some(x),
                        Some(x) => s = scoping.scope_parent_id(x),
                        None => break None,
                    }
                };
                if let Some(class) = class {
                    let mut f = function_of(node.scope_id());
                    while f != class {
                        an.needs_closure.insert(f);
                        match outer_function(f) {
                            Some(o) => f = o,
                            None => break,
                        }
                    }
                }
                continue;
            }
            if !matches!(node.kind(), AstKind::ThisExpression(_)) {
                continue;
            }
            let mut f = function_of(node.scope_id());
            let mut arrows = Vec::new();
            while scoping.scope_flags(f).is_arrow() {
                arrows.push(f);
                match outer_function(f) {
                    Some(o) => f = o,
                    None => break,
                }
            }
            // Module-level `this` is undefined: nothing to capture. An
            // arrow in a field initialiser is reported by codegen.
            if arrows.is_empty() || scoping.scope_flags(f).is_top() || classes.contains(&f) {
                continue;
            }
            an.needs_closure.extend(arrows);
            let keys = an.env_keys.entry(f).or_default();
            if !keys.contains(&Key::This(f)) {
                keys.push(Key::This(f));
            }
        }
        an
    }

    /// The function, class or module scope that encloses `scope`.
    pub(super) fn function_of(&self, scoping: &Scoping, scope: ScopeId) -> ScopeId {
        function_of(scoping, &self.classes, scope)
    }

    /// Whether `scope` is a class's scope.
    pub(super) fn is_class(&self, scope: ScopeId) -> bool {
        self.classes.contains(&scope)
    }

    /// Whether `sym` lives in an environment slot.
    pub(super) fn is_captured(&self, sym: SymbolId) -> bool {
        self.captured.contains(&sym)
    }

    /// Whether `sym` is a captured named-function-expression name.
    pub(super) fn is_self_name(&self, sym: SymbolId) -> bool {
        self.self_names.contains(&sym)
    }

    /// The slots of the environment that entering `scope` creates (empty:
    /// no environment).
    pub(super) fn env_keys(&self, scope: ScopeId) -> &[Key] {
        self.env_keys.get(&scope).map_or(&[], |v| v.as_slice())
    }

    /// Whether the function with scope `f` is made a function object
    /// (`FunctionObject`), so that it can hold properties.
    pub(super) fn is_function_object(&self, f: ScopeId) -> bool {
        self.function_objects.contains(&f)
    }

    /// Whether the function with scope `f` references an enclosing
    /// function's environment.
    pub(super) fn needs_closure(&self, f: ScopeId) -> bool {
        self.needs_closure.contains(&f)
    }
}
