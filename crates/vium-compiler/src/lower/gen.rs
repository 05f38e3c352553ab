//! Code generation: walks one module's AST and emits bytecode, function by
//! function (inner functions are finished and placed in ROM before the
//! instruction that creates them).
//!
//! Conventions (the VM implements the other half):
//! - a `return` inside `try` does not emit `TryEnd`: the VM discards the
//!   frame's handlers with the frame. `break`/`continue` that leave a `try`
//!   emit one `TryEnd` per try exited, and one `PopScope` per environment
//!   exited, innermost first;
//! - `x++`/`x--` compute `x - (-1)` / `x - 1` (`Sub` converts to number,
//!   unlike `Add`); postfix in value position keeps `ToNumber(old)`;
//! - template literals are `"head" + String(e1) + "mid" …` (`ToString`);
//! - `finally` blocks are emitted inline on every exit that crosses them
//!   (`Exit::Finally`), plus a catch-all handler that runs them and
//!   rethrows; a `return` crossing one keeps its value in a local;
//! - optional chains jump to one `undefined` at the chain's end, dropping
//!   what the chain had pushed;
//! - submodules: `pattern` (destructuring, `for…of`/`for…in`), `class`.

mod class;
mod pattern;

use super::scope::{Analysis, Key};
use super::Module;
use crate::diag::CompileError;
use crate::emit::{EmitError, Emitter, Label};
use crate::rom::{NumConst, Rom};
use oxc_ast::ast::*;
use oxc_span::{GetSpan, Span};
use oxc_syntax::operator::{
    AssignmentOperator, BinaryOperator, LogicalOperator, UnaryOperator, UpdateOperator,
};
use oxc_syntax::scope::ScopeId;
use oxc_syntax::symbol::{SymbolFlags, SymbolId};
use std::collections::HashMap;
use vium_vm::format::MAX_ALLOC_SIZE;
use vium_vm::{Op, Value, WellKnown};

/// What every module sees besides its own bindings.
pub(super) struct Ambient {
    /// The builtin library's exports (`Promise`, `globalThis`, the helpers
    /// of async functions) and their global slots.
    pub(super) prelude: HashMap<String, u16>,
    /// Names some module uses as `globalThis.NAME`: a free identifier with
    /// one of these names is that property of the global object.
    pub(super) global_props: std::collections::HashSet<String>,
    /// Whether some module names the builtin `Map` or `Set`: `console.log`
    /// then inspects with the prelude's `__logCollections`, which shows
    /// them.
    pub(super) collections: bool,
}

/// Where a binding lives.
#[derive(Clone, Copy, Debug)]
enum Place {
    Local(usize),
    Arg(u8),
    Global(u16),
    Scoped(u8, u8),
    /// A property of the global object (the global holding it, the key).
    GlobalProp(u16, Value),
    /// After an error: loads undefined, stores discard.
    Invalid,
}

#[derive(Clone, Copy)]
enum Exit<'a> {
    Env,
    Try,
    /// A `try` with a `finally` block: leaving it ends the handler that
    /// runs the block on a throw, then runs the block inline.
    Finally(&'a BlockStatement<'a>),
}

#[derive(Clone)]
struct Target {
    brk: Label,
    cont: Option<Label>,
    exits: usize,
    /// The exits in force at the `continue` label (inside a per-iteration
    /// environment, for `for…of`).
    cont_exits: usize,
    label: Option<String>,
    /// Whether an unlabelled `break` may target it (loops and switches,
    /// not labelled blocks).
    plain: bool,
}

struct FnCtx<'a> {
    em: Emitter,
    scope: ScopeId,
    params: HashMap<SymbolId, u8>,
    param_count: usize,
    locals: HashMap<SymbolId, usize>,
    local_count: usize,
    free_temps: Vec<usize>,
    exits: Vec<Exit<'a>>,
    targets: Vec<Target>,
    /// The class whose constructor or method this function is (arrows
    /// inherit it): its scope and whether the method is static.
    home: Option<Home<'a>>,
    /// In an `async` function: the local holding its promise.
    promise: Option<usize>,
}

/// What `super` and instance fields need inside a class's functions.
#[derive(Clone, Copy)]
struct Home<'a> {
    class_scope: ScopeId,
    is_static: bool,
    /// Set for the constructor: the class body (its instance fields) and
    /// whether the class extends another (fields follow `super()`).
    ctor: Option<(&'a ClassBody<'a>, bool)>,
}

enum Body<'b, 'a> {
    Module(&'b [Statement<'a>]),
    /// Eval code: returns the value of the last expression statement run
    /// (a directive prologue's strings count).
    Eval(&'b [Directive<'a>], &'b [Statement<'a>]),
    Block(&'b FunctionBody<'a>),
    Expr(&'b Expression<'a>),
    /// A class's default constructor (its scope is the class scope).
    Empty,
}

/// An assignment target, reduced to what codegen distinguishes.
enum Lhs<'b, 'a> {
    Ident(&'b IdentifierReference<'a>),
    Field(&'b Expression<'a>, &'b str),
    Index(&'b Expression<'a>, &'b Expression<'a>),
    Bad(Span, &'static str),
}

pub(super) struct Gen<'g, 'a> {
    m: &'g Module<'a>,
    an: &'g Analysis,
    rom: &'g mut Rom,
    errors: &'g mut Vec<CompileError>,
    fns: Vec<FnCtx<'a>>,
    /// The environment chain at the current point, outermost first, across
    /// function boundaries.
    envs: Vec<Vec<Key>>,
    /// The label of a labelled loop or switch, taken by the next statement.
    pending_label: Option<String>,
    /// Inside an optional chain: where a nullish link jumps, the stack depth
    /// there, and whether any link jumped.
    chain: Option<(Label, i32, bool)>,
    /// The class context of the next function compiled (a method).
    next_home: Option<Home<'a>>,
    /// Whether the next function compiled is `async`.
    next_async: bool,
    /// The next function compiled is a method, getter or setter of an
    /// object literal or class (no `new` on it).
    pub(super) next_method: bool,
    /// What every module sees besides its own bindings.
    ambient: &'g Ambient,
    /// A local holding the class while its static fields are initialised
    /// (their `this`).
    class_this: Option<(usize, usize)>,
    /// In eval code: the local holding the completion value, which its
    /// top-level function's expression statements set.
    completion: Option<usize>,
    /// Statements, expressions and functions being compiled, one inside
    /// another (see `enter`).
    depth: usize,
}

/// The deepest the code generator recurses (statements, expressions and
/// functions counted together). Sources deeper than the nesting scan
/// allows never get here; this bound holds whatever that scan misses, and
/// is checked before each recursion.
pub(super) const MAX_DEPTH: usize = 4 * crate::nesting::MAX_NESTING;

fn binary_op(op: BinaryOperator) -> Result<Op, &'static str> {
    use BinaryOperator as B;
    Ok(match op {
        B::Addition => Op::Add,
        B::Subtraction => Op::Sub,
        B::Multiplication => Op::Mul,
        B::Division => Op::Div,
        B::Remainder => Op::Rem,
        B::Exponential => Op::Pow,
        B::BitwiseAnd => Op::BitAnd,
        B::BitwiseOR => Op::BitOr,
        B::BitwiseXOR => Op::BitXor,
        B::ShiftLeft => Op::Shl,
        B::ShiftRight => Op::Shr,
        B::ShiftRightZeroFill => Op::UShr,
        B::StrictEquality => Op::StrictEq,
        B::StrictInequality => Op::StrictNe,
        B::LessThan => Op::Lt,
        B::LessEqualThan => Op::Le,
        B::GreaterThan => Op::Gt,
        B::GreaterEqualThan => Op::Ge,
        B::Equality => Op::LooseEq,
        B::Inequality => Op::LooseNe,
        B::In => Op::In,
        B::Instanceof => Op::InstanceOf,
    })
}

fn assign_op(op: AssignmentOperator) -> Result<Option<Op>, &'static str> {
    use AssignmentOperator as A;
    Ok(Some(match op {
        A::Assign => return Ok(None),
        A::Addition => Op::Add,
        A::Subtraction => Op::Sub,
        A::Multiplication => Op::Mul,
        A::Division => Op::Div,
        A::Remainder => Op::Rem,
        A::Exponential => Op::Pow,
        A::ShiftLeft => Op::Shl,
        A::ShiftRight => Op::Shr,
        A::ShiftRightZeroFill => Op::UShr,
        A::BitwiseOR => Op::BitOr,
        A::BitwiseXOR => Op::BitXor,
        A::BitwiseAnd => Op::BitAnd,
        A::LogicalOr | A::LogicalAnd | A::LogicalNullish => return Err("this logical assignment"),
    }))
}

/// Whether `b` is `x / y | 0` (parenthesised or not).
fn is_int_division(b: &BinaryExpression) -> bool {
    let zero = matches!(&b.right, Expression::NumericLiteral(n) if n.value == 0.0);
    let div = matches!(
        b.left.get_inner_expression(),
        Expression::BinaryExpression(d) if d.operator == BinaryOperator::Division
    );
    b.operator == BinaryOperator::BitwiseOR && zero && div
}

fn builtin(name: &str) -> Option<WellKnown> {
    Some(match name {
        "console" => WellKnown::Console,
        "vmExport" => WellKnown::VmExport,
        "vmImport" => WellKnown::VmImport,
        "Error" => WellKnown::Error,
        "TypeError" => WellKnown::TypeError,
        "RangeError" => WellKnown::RangeError,
        "SyntaxError" => WellKnown::SyntaxError,
        "Symbol" => WellKnown::Symbol,
        "Object" => WellKnown::ObjectCtor,
        "Array" => WellKnown::ArrayCtor,
        "String" => WellKnown::StringCtor,
        "Number" => WellKnown::NumberCtor,
        "Math" => WellKnown::MathObject,
        "JSON" => WellKnown::JsonObject,
        "parseFloat" => WellKnown::ParseFloat,
        "__vium" => WellKnown::Intrinsics,
        "Uint8Array" => WellKnown::Uint8ArrayCtor,
        "Reflect" => WellKnown::ReflectObject,
        "eval" => WellKnown::Eval,
        "Function" => WellKnown::FunctionCtor,
        _ => return None,
    })
}

impl<'g, 'a> Gen<'g, 'a> {
    pub(super) fn new(
        m: &'g Module<'a>,
        an: &'g Analysis,
        ambient: &'g Ambient,
        rom: &'g mut Rom,
        errors: &'g mut Vec<CompileError>,
    ) -> Self {
        Gen {
            m,
            an,
            rom,
            errors,
            fns: Vec::new(),
            envs: Vec::new(),
            pending_label: None,
            chain: None,
            next_home: None,
            next_async: false,
            next_method: false,
            ambient,
            class_this: None,
            completion: None,
            depth: 0,
        }
    }

    /// Compiles the module body (or eval code) as a zero-parameter function.
    pub(super) fn module_body(&mut self) -> Option<Value> {
        let p = self.m.program;
        let root = self.m.semantic.scoping().root_scope_id();
        let body = if self.m.eval {
            Body::Eval(&p.directives, &p.body)
        } else {
            Body::Module(&p.body)
        };
        self.function(p.span, root, None, body)
    }

    // ----- helpers -----

    /// One level deeper, before recursing into `span`: false (and an
    /// error, once) past `MAX_DEPTH`, and the caller does not recurse.
    fn enter(&mut self, span: Span) -> bool {
        if self.depth >= MAX_DEPTH {
            if self.depth == MAX_DEPTH {
                self.error(
                    span,
                    format!("nested too deeply (more than {MAX_DEPTH} levels)"),
                );
                // Reported once: the levels below stay refused silently.
                self.depth += 1;
            }
            return false;
        }
        self.depth += 1;
        true
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    #[cold]
    fn error(&mut self, span: Span, message: String) {
        let e = self.m.error(span, message);
        self.errors.push(e);
    }

    /// A constant or function the image has no room for. Once the ROM is
    /// full, one error says what filled it; the constants after it would
    /// only repeat that.
    #[cold]
    fn rom_error(&mut self, span: Span, e: vium_vm::format::BuildError) {
        match e {
            vium_vm::format::BuildError::RomFull if self.rom.full_reported => {}
            vium_vm::format::BuildError::RomFull => {
                self.rom.full_reported = true;
                let usage = self.rom.describe_usage();
                self.error(
                    span,
                    format!(
                        "the image is full: its ROM (at most 32 KiB) holds {usage}, \
                         the builtin library's included, and this needs more"
                    ),
                );
            }
            other => self.error(span, format!("the image is full ({other:?})")),
        }
    }

    #[cold]
    fn unsupported(&mut self, span: Span, what: &str) {
        self.error(span, format!("{what} is not supported"));
    }

    fn f(&mut self) -> &mut FnCtx<'a> {
        self.fns.last_mut().expect("inside a function")
    }

    fn em(&mut self) -> &mut Emitter {
        &mut self.f().em
    }

    fn op(&mut self, op: Op) {
        self.em().op(op);
    }

    fn op1(&mut self, op: Op, a: i32) {
        self.em().emit(op, &[a]);
    }

    fn value(&mut self, v: Value) {
        self.op1(Op::Const, v.0 as i32);
    }

    fn label(&mut self) -> Label {
        self.em().label()
    }

    fn place_label(&mut self, l: Label) {
        self.em().place(l);
    }

    fn jump(&mut self, op: Op, l: Label) {
        self.em().jump(op, l);
    }

    fn string(&mut self, s: &str, span: Span) -> Value {
        match self.rom.string(s) {
            Ok(v) => v,
            Err(e) => {
                self.rom_error(span, e);
                Value::UNDEFINED
            }
        }
    }

    /// A string that oxc gives with its lone surrogates escaped (`\u{FFFD}`
    /// then four hex digits; `\u{FFFD}fffd` is the character itself), as
    /// a WTF-8 constant.
    fn lone_surrogate_string(&mut self, s: &str, span: Span) -> Value {
        let mut out = Vec::with_capacity(s.len());
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            let c = if c == '\u{FFFD}' {
                let hex: String = chars.by_ref().take(4).collect();
                u32::from_str_radix(&hex, 16).unwrap_or(0xFFFD)
            } else {
                c as u32
            };
            let mut buf = [0u8; 4];
            match char::from_u32(c) {
                Some(ch) => out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes()),
                // A surrogate code unit, encoded as WTF-8.
                None => out.extend_from_slice(&[
                    0xE0 | (c >> 12) as u8,
                    0x80 | ((c >> 6) & 0x3F) as u8,
                    0x80 | (c & 0x3F) as u8,
                ]),
            }
        }
        match self.rom.wtf8_string(&out) {
            Ok(v) => v,
            Err(e) => {
                self.rom_error(span, e);
                Value::UNDEFINED
            }
        }
    }

    fn number(&mut self, n: f64, span: Span) {
        match self.rom.number(n) {
            Ok(NumConst::Small(i)) => self.op1(Op::Int8, i as i32),
            Ok(NumConst::Value(v)) => self.value(v),
            Err(e) => {
                self.rom_error(span, e);
                self.op(Op::Undefined);
            }
        }
    }

    fn scoping(&self) -> &'g oxc_semantic::Scoping {
        self.m.semantic.scoping()
    }

    fn temp(&mut self) -> usize {
        let f = self.f();
        if let Some(t) = f.free_temps.pop() {
            return t;
        }
        f.local_count += 1;
        f.local_count - 1
    }

    fn free_temp(&mut self, t: usize) {
        self.f().free_temps.push(t);
    }

    fn push_env(&mut self, keys: Vec<Key>) {
        self.op1(Op::PushScope, keys.len() as i32);
        self.envs.push(keys);
        self.f().exits.push(Exit::Env);
    }

    fn pop_env(&mut self) {
        self.op(Op::PopScope);
        self.envs.pop();
        self.f().exits.pop();
    }

    // ----- bindings -----

    fn place_of(&mut self, sym: SymbolId, span: Span) -> Place {
        if let Some(&slot) = self.m.globals.get(&sym) {
            return Place::Global(slot);
        }
        if self.an.is_captured(sym) {
            return self.scoped(Key::Sym(sym), span);
        }
        let f = self.f();
        if let Some(&i) = f.params.get(&sym) {
            return Place::Arg(i);
        }
        if let Some(&i) = f.locals.get(&sym) {
            return Place::Local(i);
        }
        let i = f.local_count;
        f.local_count += 1;
        f.locals.insert(sym, i);
        Place::Local(i)
    }

    fn scoped(&mut self, key: Key, span: Span) -> Place {
        for (depth, frame) in self.envs.iter().rev().enumerate() {
            if let Some(i) = frame.iter().position(|k| *k == key) {
                if depth > 255 || i > 255 {
                    self.error(span, "closures nested too deeply".into());
                    return Place::Invalid;
                }
                return Place::Scoped(depth as u8, i as u8);
            }
        }
        self.error(
            span,
            "internal compiler error: captured binding not in scope".into(),
        );
        Place::Invalid
    }

    fn load(&mut self, p: Place) {
        match p {
            Place::Local(i) => self.op1(Op::LoadLocal, i as i32),
            Place::Arg(i) => self.op1(Op::LoadArg, i as i32),
            Place::Global(g) => self.op1(Op::LoadGlobal, g as i32),
            Place::Scoped(d, i) => self.em().emit(Op::LoadScoped, &[d as i32, i as i32]),
            Place::GlobalProp(g, key) => {
                self.op1(Op::LoadGlobal, g as i32);
                self.op1(Op::GetField, key.0 as i32);
            }
            Place::Invalid => self.op(Op::Undefined),
        }
    }

    fn store(&mut self, p: Place) {
        match p {
            Place::Local(i) => self.op1(Op::StoreLocal, i as i32),
            Place::Arg(i) => self.op1(Op::StoreArg, i as i32),
            Place::Global(g) => self.op1(Op::StoreGlobal, g as i32),
            Place::Scoped(d, i) => self.em().emit(Op::StoreScoped, &[d as i32, i as i32]),
            Place::GlobalProp(g, key) => {
                self.op1(Op::LoadGlobal, g as i32);
                self.op(Op::Swap);
                self.op1(Op::SetField, key.0 as i32);
                self.op(Op::Pop);
            }
            Place::Invalid => self.op(Op::Pop),
        }
    }

    fn symbol_of(&self, ident: &'a IdentifierReference<'a>) -> Option<SymbolId> {
        ident
            .reference_id
            .get()
            .and_then(|r| self.scoping().get_reference(r).symbol_id())
    }

    fn binding_place(&mut self, id: &'a BindingIdentifier<'a>) -> Place {
        match id.symbol_id.get() {
            Some(sym) => self.place_of(sym, id.span),
            None => Place::Invalid,
        }
    }

    /// Pushes the value of an identifier.
    fn load_ident(&mut self, ident: &'a IdentifierReference<'a>) {
        if let Some(sym) = self.symbol_of(ident) {
            let p = self.place_of(sym, ident.span);
            self.load(p);
            return;
        }
        let name = ident.name.as_str();
        match name {
            "undefined" => self.op(Op::Undefined),
            "NaN" => self.value(Value::NAN),
            "Infinity" => self.number(f64::INFINITY, ident.span),
            _ => match builtin(name) {
                Some(w) => self.builtin_value(w, ident.span),
                None if name == "arguments" => {
                    let flags = self.scoping().scope_flags(self.f().scope);
                    if flags.is_arrow() {
                        self.unsupported(ident.span, "`arguments` in an arrow function");
                        self.op(Op::Undefined);
                    } else if flags.is_top() {
                        self.error(ident.span, "`arguments` is not defined".into());
                        self.op(Op::Undefined);
                    } else {
                        self.op1(Op::Arguments, 0);
                    }
                }
                None => match self.ambient.prelude.get(name) {
                    Some(&g) if !name.starts_with("__") => self.op1(Op::LoadGlobal, g as i32),
                    _ => match self.global_prop(name, ident.span) {
                        Some(p) => self.load(p),
                        None => {
                            self.error(ident.span, format!("`{name}` is not defined"));
                            self.op(Op::Undefined);
                        }
                    },
                },
            },
        }
    }

    /// A free identifier that some module writes or reads as
    /// `globalThis.NAME`: that property of the global object.
    fn global_prop(&mut self, name: &str, span: Span) -> Option<Place> {
        if !self.ambient.global_props.contains(name) {
            return None;
        }
        let g = *self.ambient.prelude.get("globalThis")?;
        let key = self.string(name, span);
        Some(Place::GlobalProp(g, key))
    }

    /// A builtin global's value. `__vium` (the primitives the builtin
    /// library is written with) is the prelude's alone, and only its top
    /// level reads it: at build time, so that a device needs no table of
    /// the primitives' names.
    fn builtin_value(&mut self, w: WellKnown, span: Span) {
        if w == WellKnown::Intrinsics {
            let prelude = crate::driver::PRELUDE_MODULE;
            let in_prelude =
                self.m.path == prelude || self.m.path.ends_with(&format!("/{prelude}"));
            let top = self.scoping().scope_flags(self.f().scope).is_top();
            if !in_prelude {
                self.error(span, "`__vium` is internal to the builtin library".into());
            } else if !top {
                self.error(
                    span,
                    "internal: the prelude reads `__vium` only at its top level".into(),
                );
            }
        }
        self.value(w.value());
    }

    /// `globalThis.NAME` for a builtin NAME: the builtin itself (the
    /// global object holds only what scripts put there).
    fn global_builtin(&mut self, m: &'a StaticMemberExpression<'a>) -> bool {
        let Expression::Identifier(obj) = &m.object else {
            return false;
        };
        if obj.name.as_str() != "globalThis" || self.symbol_of(obj).is_some() || m.optional {
            return false;
        }
        let name = m.property.name.as_str();
        if let Some(w) = builtin(name) {
            self.builtin_value(w, m.span);
            return true;
        }
        match name {
            "undefined" => self.op(Op::Undefined),
            "NaN" => self.value(Value::NAN),
            "Infinity" => self.number(f64::INFINITY, m.span),
            "globalThis" => return false,
            _ => match self.ambient.prelude.get(name) {
                Some(&g) if !name.starts_with("__") => self.op1(Op::LoadGlobal, g as i32),
                _ => return false,
            },
        }
        true
    }

    /// The place an assignment writes, with the checks for constants.
    fn assign_place(&mut self, ident: &'a IdentifierReference<'a>) -> Place {
        let name = ident.name.as_str();
        let Some(sym) = self.symbol_of(ident) else {
            let is_builtin = builtin(name).is_some()
                || self.ambient.prelude.contains_key(name)
                || matches!(name, "undefined" | "NaN" | "Infinity");
            if !is_builtin {
                if let Some(p) = self.global_prop(name, ident.span) {
                    return p;
                }
            }
            let msg = if builtin(name).is_some()
                || self.ambient.prelude.contains_key(name)
                || matches!(name, "undefined" | "NaN" | "Infinity")
            {
                format!("cannot assign to the builtin `{name}`")
            } else {
                format!("`{name}` is not defined")
            };
            self.error(ident.span, msg);
            return Place::Invalid;
        };
        let flags = self.scoping().symbol_flags(sym);
        if flags.contains(SymbolFlags::ConstVariable) {
            self.error(
                ident.span,
                format!("cannot assign to `{name}` because it is a constant"),
            );
            return Place::Invalid;
        }
        if flags.intersects(SymbolFlags::Import) {
            self.error(ident.span, format!("cannot assign to the import `{name}`"));
            return Place::Invalid;
        }
        if flags.contains(SymbolFlags::FunctionExpression) {
            self.error(
                ident.span,
                format!("cannot assign to the function name `{name}`"),
            );
            return Place::Invalid;
        }
        self.place_of(sym, ident.span)
    }

    // ----- functions -----

    fn function(
        &mut self,
        span: Span,
        scope: ScopeId,
        params: Option<&'a FormalParameters<'a>>,
        body: Body<'a, 'a>,
    ) -> Option<Value> {
        if !self.enter(span) {
            return None;
        }
        let compiled = self.function_within(span, scope, params, body);
        self.leave();
        compiled
    }

    fn function_within(
        &mut self,
        span: Span,
        scope: ScopeId,
        params: Option<&'a FormalParameters<'a>>,
        body: Body<'a, 'a>,
    ) -> Option<Value> {
        let env_base = self.envs.len();
        let home = self.next_home.take().or_else(|| {
            if self.scoping().scope_flags(scope).is_arrow() {
                // An arrow sees its function's class, not its fields.
                self.fns
                    .last()
                    .and_then(|f| f.home)
                    .map(|h| Home { ctor: None, ..h })
            } else {
                None
            }
        });
        self.fns.push(FnCtx {
            em: Emitter::new(),
            scope,
            params: HashMap::new(),
            param_count: 0,
            locals: HashMap::new(),
            local_count: 0,
            free_temps: Vec::new(),
            exits: Vec::new(),
            targets: Vec::new(),
            home,
            promise: None,
        });
        let mut is_async = std::mem::take(&mut self.next_async);
        let flags = self.scoping().scope_flags(scope);
        let constructor = !(std::mem::take(&mut self.next_method)
            || is_async
            || flags.is_arrow()
            || flags.is_set_or_get_accessor());
        if is_async && !self.ambient.prelude.contains_key("__asyncStart") {
            self.error(
                span,
                "async functions need the builtin library (it defines `Promise`)".into(),
            );
            is_async = false;
        }
        let mut param_syms = Vec::new();
        // Parameters with a default or a pattern, and the rest parameter,
        // are set up after the environment exists.
        let mut prologue = Vec::new();
        if let Some(params) = params {
            for (i, p) in params.items.iter().enumerate() {
                if let BindingPattern::BindingIdentifier(id) = &p.pattern {
                    if let Some(sym) = id.symbol_id.get() {
                        self.f().params.insert(sym, i.min(255) as u8);
                        param_syms.push((sym, i));
                    }
                }
                let simple = matches!(p.pattern, BindingPattern::BindingIdentifier(_));
                if !simple || p.initializer.is_some() {
                    prologue.push((i, &p.pattern, p.initializer.as_deref()));
                }
            }
            self.f().param_count = params.items.len();
        }
        let keys = if matches!(body, Body::Empty) {
            Vec::new()
        } else {
            self.an.env_keys(scope).to_vec()
        };
        if !keys.is_empty() {
            self.op1(Op::PushScope, keys.len() as i32);
            for (j, key) in keys.iter().enumerate() {
                match key {
                    Key::This(_) => self.op(Op::This),
                    Key::Super(_) => continue,
                    Key::Sym(sym) => match param_syms.iter().find(|(s, _)| s == sym) {
                        Some((_, i)) => self.op1(Op::LoadArg, *i as i32),
                        None => continue,
                    },
                }
                self.em().emit(Op::StoreScoped, &[0, j as i32]);
            }
            // The function's own environment is not an exit: `return`
            // leaves it with the frame.
            self.envs.push(keys);
        }
        // An async function's body runs inside a handler that rejects its
        // promise; parameter defaults that throw reject it too.
        let catch_all = if is_async {
            self.prelude_call("__asyncStart", span);
            self.op1(Op::Call, 0);
            let p = self.temp();
            self.op1(Op::StoreLocal, p as i32);
            self.f().promise = Some(p);
            let l = self.label();
            self.jump(Op::TryStart, l);
            Some(l)
        } else {
            None
        };
        for (i, pattern, init) in prologue {
            self.param_prologue(i, pattern, init);
        }
        if let Some(rest) = params.and_then(|p| p.rest.as_ref()) {
            let from = params.map_or(0, |p| p.items.len());
            self.rest_param(from, &rest.rest.argument);
        }
        self.ctor_prologue(matches!(body, Body::Empty));
        match body {
            Body::Module(stmts) => {
                self.hoist(stmts);
                self.statements(stmts);
            }
            Body::Eval(directives, stmts) => {
                let c = self.temp();
                match directives.last() {
                    Some(d) => {
                        let v = self.string(d.expression.value.as_str(), d.span);
                        self.value(v);
                    }
                    None => self.op(Op::Undefined),
                }
                self.op1(Op::StoreLocal, c as i32);
                self.completion = Some(c);
                self.hoist(stmts);
                self.statements(stmts);
                self.completion = None;
                self.op1(Op::LoadLocal, c as i32);
                self.op(Op::Return);
            }
            Body::Block(b) => {
                self.hoist(&b.statements);
                self.statements(&b.statements);
            }
            Body::Expr(e) => {
                self.expr(e);
                self.emit_return();
            }
            Body::Empty => {}
        }
        // Also after dead code (`return 1; 2;`): the code must not end
        // in the middle of nowhere.
        if self.em().reachable() || !self.em().ends_in_terminator() {
            self.op(Op::Undefined);
            self.emit_return();
        }
        if let Some(l) = catch_all {
            self.place_label(l);
            self.async_settle("__asyncThrow");
        }
        self.envs.truncate(env_base);
        let f = self.fns.pop().expect("pushed above");
        let (param_count, local_count) = (f.param_count, f.local_count);
        let class_constructor = f.home.is_some_and(|h| h.ctor.is_some());
        let self_refs = f.em.self_refs().to_vec();
        let (code, max_stack) = match f.em.finish() {
            Ok(r) => r,
            Err(EmitError::JumpTooFar) => {
                self.error(
                    span,
                    "function too large (a jump spans more than 32 KiB)".into(),
                );
                return None;
            }
            Err(EmitError::Internal(what)) => {
                self.error(span, format!("internal compiler error: {what}"));
                return None;
            }
        };
        if param_count > vium_vm::format::function::PARAMS as usize {
            self.error(
                span,
                format!(
                    "too many parameters ({param_count}, at most {})",
                    vium_vm::format::function::PARAMS
                ),
            );
            return None;
        }
        if local_count > 255 {
            self.error(
                span,
                format!("too many local variables ({local_count}, at most 255)"),
            );
            return None;
        }
        if max_stack > 255 {
            self.error(
                span,
                format!("expression too deep (stack of {max_stack}, at most 255)"),
            );
            return None;
        }
        let kind = if !constructor {
            vium_vm::format::function::NOT_CONSTRUCTOR
        } else if class_constructor {
            vium_vm::format::function::CLASS_CONSTRUCTOR
        } else {
            0
        };
        let mut payload = vec![param_count as u8 | kind, local_count as u8, max_stack as u8];
        payload.extend_from_slice(&code);
        if payload.len() > MAX_ALLOC_SIZE {
            self.error(
                span,
                format!(
                    "function too large ({} bytes, at most {MAX_ALLOC_SIZE})",
                    payload.len()
                ),
            );
            return None;
        }
        match self.rom.function(&payload) {
            Ok(v) => {
                if let Some(p) = self.rom.image.rom_payload_mut(v) {
                    for at in self_refs {
                        let at = vium_vm::format::function::CODE + at;
                        p[at..at + 2].copy_from_slice(&v.0.to_le_bytes());
                    }
                }
                Some(v)
            }
            Err(e) => {
                self.rom_error(span, e);
                None
            }
        }
    }

    /// Returns the value on top of the stack; an async function resolves
    /// its promise with it and returns the promise.
    fn emit_return(&mut self) {
        if self.f().promise.is_some() {
            self.async_settle("__asyncReturn");
        } else {
            self.op(Op::Return);
        }
    }

    /// `[v] -> returns helper.call(v, promise)`: the prelude's settling
    /// helpers take the value as `this`, which saves a temporary.
    fn async_settle(&mut self, helper: &str) {
        let Some(p) = self.f().promise else { return };
        self.load_prelude(helper, Span::default());
        self.op(Op::Swap);
        self.op1(Op::LoadLocal, p as i32);
        self.op1(Op::Call, 1);
        self.op(Op::Return);
    }

    /// Pushes the builtin library's export `name`.
    fn load_prelude(&mut self, name: &str, span: Span) {
        match self.ambient.prelude.get(name) {
            Some(&g) => self.op1(Op::LoadGlobal, g as i32),
            None => {
                self.error(
                    span,
                    format!(
                        "`{name}` is missing from the builtin library (this construct needs it)"
                    ),
                );
                self.op(Op::Undefined);
            }
        }
    }

    /// Pushes `[helper, undefined]`, ready for its arguments and `Call`.
    fn prelude_call(&mut self, name: &str, span: Span) {
        self.load_prelude(name, span);
        self.op(Op::Undefined);
    }

    /// `[target] -> [target]`: the prelude's `helper(target, source)` with
    /// the source `source` pushes; `__spread` appends an iterable's
    /// elements to an array, `__copyProps` copies an object's own
    /// enumerable properties (spreads and rests are JavaScript, not engine
    /// code).
    pub(super) fn fill_target(&mut self, helper: &str, span: Span, source: impl FnOnce(&mut Self)) {
        let t = self.temp();
        self.op(Op::Dup);
        self.op1(Op::StoreLocal, t as i32);
        self.prelude_call(helper, span);
        self.op1(Op::LoadLocal, t as i32);
        source(self);
        self.op1(Op::Call, 2);
        self.op(Op::Pop);
        self.free_temp(t);
    }

    /// `await e`: suspends the frame until the awaited value settles. The
    /// first suspension returns the function's promise to its caller;
    /// later ones return to the job that resumed the frame.
    fn await_expr(&mut self, a: &'a AwaitExpression<'a>) {
        let Some(p) = self.f().promise else {
            self.unsupported(a.span, "`await` outside an async function");
            self.op(Op::Undefined);
            return;
        };
        self.prelude_call("__await", a.span);
        self.expr(&a.argument);
        let resume = self.label();
        self.em().await_jump(resume);
        self.op(Op::Pop);
        self.op1(Op::LoadLocal, p as i32);
        self.op(Op::Return);
        self.place_label(resume);
    }

    /// Pushes a function object for `f`: `Const` when it needs no
    /// environment, `Closure` otherwise; a named function expression that
    /// refers to itself gets a one-slot environment holding itself.
    fn function_value(&mut self, f: &'a Function<'a>) {
        if f.generator {
            let what = if f.r#async {
                "async generator functions"
            } else {
                "generator functions"
            };
            self.unsupported(f.span, what);
            self.op(Op::Undefined);
            return;
        }
        let Some(scope) = f.scope_id.get() else {
            self.op(Op::Undefined);
            return;
        };
        let Some(body) = &f.body else {
            self.unsupported(f.span, "a function without a body");
            self.op(Op::Undefined);
            return;
        };
        let self_name =
            f.id.as_ref()
                .and_then(|id| id.symbol_id.get())
                .filter(|s| f.is_expression() && self.an.is_self_name(*s));
        if let Some(sym) = self_name {
            // Not an exit: nothing can jump out of an expression.
            self.op1(Op::PushScope, 1);
            self.envs.push(vec![Key::Sym(sym)]);
        }
        self.next_async = f.r#async;
        let v = self.function(f.span, scope, Some(&f.params), Body::Block(body));
        if self_name.is_some() {
            self.envs.pop();
        }
        let object = self.an.is_function_object(scope);
        if object {
            // Only a constructor gets a `prototype`.
            self.op(if f.r#async { Op::Undefined } else { Op::Null });
        }
        match v {
            Some(v) if self_name.is_some() || self.an.needs_closure(scope) => self.value_closure(v),
            Some(v) => self.value(v),
            None => self.op(Op::Undefined),
        }
        if object {
            self.op(Op::FunctionObject);
        }
        if self_name.is_some() {
            self.op(Op::Dup);
            self.em().emit(Op::StoreScoped, &[0, 0]);
            self.op(Op::PopScope);
        }
    }

    fn value_closure(&mut self, v: Value) {
        self.op1(Op::Closure, v.0 as i32);
    }

    fn arrow_value(&mut self, a: &'a ArrowFunctionExpression<'a>) {
        let Some(scope) = a.scope_id.get() else {
            self.op(Op::Undefined);
            return;
        };
        self.next_async = a.r#async;
        let v = match &a.body {
            ArrowFunctionBody::FunctionBody(b) => {
                self.function(a.span, scope, Some(&a.params), Body::Block(b))
            }
            other => match other.as_expression() {
                Some(e) => self.function(a.span, scope, Some(&a.params), Body::Expr(e)),
                None => None,
            },
        };
        self.next_async = false;
        let object = self.an.is_function_object(scope);
        if object {
            // An arrow has no `prototype`.
            self.op(Op::Undefined);
        }
        match v {
            Some(v) if self.an.needs_closure(scope) => self.value_closure(v),
            Some(v) => self.value(v),
            None => self.op(Op::Undefined),
        }
        if object {
            self.op(Op::FunctionObject);
        }
    }

    /// Initialises the function declarations of a body or block.
    fn hoist(&mut self, stmts: &'a [Statement<'a>]) {
        for s in stmts {
            match s {
                Statement::FunctionDeclaration(f) => self.declare_function(f),
                Statement::ExportDeclaration(d) => {
                    if let Declaration::FunctionDeclaration(f) = &d.declaration {
                        self.declare_function(f);
                    }
                }
                Statement::ExportDefaultDeclaration(d) => {
                    if let ExportDefaultDeclarationKind::FunctionDeclaration(f) = &d.declaration {
                        if f.id.is_some() {
                            self.declare_function(f);
                        } else {
                            self.function_value(f);
                            self.store_default();
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn store_default(&mut self) {
        match self.m.default_slot {
            Some(slot) => self.op1(Op::StoreGlobal, slot as i32),
            None => self.op(Op::Pop),
        }
    }

    fn declare_function(&mut self, f: &'a Function<'a>) {
        self.function_value(f);
        let p = match &f.id {
            Some(id) => self.binding_place(id),
            None => Place::Invalid,
        };
        self.store(p);
    }

    // ----- statements -----

    fn statements(&mut self, stmts: &'a [Statement<'a>]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    /// A block with its own scope: pushes an environment when the scope
    /// declares captured bindings. `catch_param` is stored first (the
    /// exception is on the stack).
    fn block(
        &mut self,
        scope: Option<ScopeId>,
        stmts: &'a [Statement<'a>],
        catch_param: Option<Option<&'a CatchParameter<'a>>>,
    ) {
        let keys = scope
            .map(|s| self.an.env_keys(s).to_vec())
            .unwrap_or_default();
        let has_env = !keys.is_empty();
        if has_env {
            self.push_env(keys);
        }
        match catch_param {
            Some(Some(p)) => match &p.pattern {
                BindingPattern::BindingIdentifier(id) => {
                    let place = self.binding_place(id);
                    self.store(place);
                }
                other => self.bind_pattern(other),
            },
            Some(None) => self.op(Op::Pop),
            None => {}
        }
        self.hoist(stmts);
        self.statements(stmts);
        if has_env {
            self.pop_env();
        }
    }

    /// Emits what leaving to `exits` needs, innermost first: `PopScope`
    /// per environment, `TryEnd` per try, and the block of each `finally`.
    fn leave_to(&mut self, exits: usize) {
        let saved_exits = self.f().exits.clone();
        let saved_targets = self.f().targets.clone();
        let saved_envs = self.envs.clone();
        while self.f().exits.len() > exits {
            match self.f().exits.pop().expect("checked") {
                Exit::Env => {
                    self.op(Op::PopScope);
                    self.envs.pop();
                }
                Exit::Try => self.op(Op::TryEnd),
                Exit::Finally(b) => {
                    self.op(Op::TryEnd);
                    self.finally_block(b);
                }
            }
        }
        self.f().exits = saved_exits;
        self.f().targets = saved_targets;
        self.envs = saved_envs;
    }

    /// Emits a `finally` block where the exits end at the `try`: jumps in
    /// it can only reach targets outside the `try`.
    fn finally_block(&mut self, b: &'a BlockStatement<'a>) {
        let saved_targets = self.f().targets.clone();
        let level = self.f().exits.len();
        self.f().targets.retain(|t| t.exits <= level);
        self.block(b.scope_id.get(), &b.body, None);
        self.f().targets = saved_targets;
    }

    fn stmt(&mut self, s: &'a Statement<'a>) {
        if !self.enter(s.span()) {
            return;
        }
        self.stmt_within(s);
        self.leave();
    }

    fn stmt_within(&mut self, s: &'a Statement<'a>) {
        let label = self.pending_label.take();
        match s {
            Statement::BlockStatement(b) => self.block(b.scope_id.get(), &b.body, None),
            Statement::EmptyStatement(_) | Statement::DebuggerStatement(_) => {}
            Statement::ExpressionStatement(e) => match self.completion {
                Some(c) if self.fns.len() == 1 => {
                    self.expr(&e.expression);
                    self.op1(Op::StoreLocal, c as i32);
                }
                _ => self.expr_discard(&e.expression),
            },
            Statement::IfStatement(i) => {
                let else_ = self.label();
                self.cond_jump_false(&i.test, else_);
                self.stmt(&i.consequent);
                match &i.alternate {
                    Some(alt) => {
                        let end = self.label();
                        self.jump(Op::Jump, end);
                        self.place_label(else_);
                        self.stmt(alt);
                        self.place_label(end);
                    }
                    None => self.place_label(else_),
                }
            }
            Statement::WhileStatement(w) => {
                let top = self.label();
                let brk = self.label();
                self.place_label(top);
                self.cond_jump_false(&w.test, brk);
                self.loop_body(&w.body, brk, top, label);
                self.jump(Op::Jump, top);
                self.place_label(brk);
            }
            Statement::DoWhileStatement(d) => {
                let top = self.label();
                let cont = self.label();
                let brk = self.label();
                self.place_label(top);
                self.loop_body(&d.body, brk, cont, label);
                self.place_label(cont);
                self.expr(&d.test);
                self.jump(Op::JumpIfTrue, top);
                self.place_label(brk);
            }
            Statement::ForStatement(f) => self.for_stmt(f, label),
            Statement::ForInStatement(f) => {
                self.for_each(&f.left, &f.right, &f.body, f.scope_id.get(), label, true)
            }
            Statement::ForOfStatement(f) => {
                if f.r#await {
                    self.unsupported(f.span, "`for await`");
                } else {
                    self.for_each(&f.left, &f.right, &f.body, f.scope_id.get(), label, false)
                }
            }
            Statement::LabeledStatement(l) => {
                let name = l.label.name.as_str().to_string();
                match &l.body {
                    Statement::WhileStatement(_)
                    | Statement::DoWhileStatement(_)
                    | Statement::ForStatement(_)
                    | Statement::ForOfStatement(_)
                    | Statement::ForInStatement(_)
                    | Statement::SwitchStatement(_) => {
                        self.pending_label = Some(name);
                        self.stmt(&l.body);
                    }
                    body => {
                        let brk = self.label();
                        let exits = self.f().exits.len();
                        self.f().targets.push(Target {
                            brk,
                            cont: None,
                            exits,
                            cont_exits: exits,
                            label: Some(name),
                            plain: false,
                        });
                        self.stmt(body);
                        self.f().targets.pop();
                        self.place_label(brk);
                    }
                }
            }
            Statement::BreakStatement(b) => {
                let want = b.label.as_ref().map(|l| l.name.as_str());
                let target = self
                    .f()
                    .targets
                    .iter()
                    .rev()
                    .find(|t| match want {
                        Some(w) => t.label.as_deref() == Some(w),
                        None => t.plain,
                    })
                    .map(|t| (t.brk, t.exits));
                match target {
                    Some((brk, exits)) => {
                        let depth = self.em().depth();
                        self.leave_to(exits);
                        self.jump(Op::Jump, brk);
                        self.em().restore_depth(depth);
                    }
                    None => self.error(b.span, "`break` outside a loop or switch".into()),
                }
            }
            Statement::ContinueStatement(c) => {
                let want = c.label.as_ref().map(|l| l.name.as_str());
                let target = self
                    .f()
                    .targets
                    .iter()
                    .rev()
                    .filter(|t| want.is_none() || t.label.as_deref() == want)
                    .find_map(|t| t.cont.map(|c| (c, t.cont_exits)));
                match target {
                    Some((cont, exits)) => {
                        let depth = self.em().depth();
                        self.leave_to(exits);
                        self.jump(Op::Jump, cont);
                        self.em().restore_depth(depth);
                    }
                    None => self.error(c.span, "`continue` outside a loop".into()),
                }
            }
            Statement::ReturnStatement(r) => {
                match &r.argument {
                    Some(e) => self.expr(e),
                    None => self.op(Op::Undefined),
                }
                // Crossing `finally` blocks: keep the value in a local
                // while they run (the handler records must be on top).
                let outermost = self
                    .f()
                    .exits
                    .iter()
                    .position(|e| matches!(e, Exit::Finally(_)));
                if let Some(outermost) = outermost {
                    let depth = self.em().depth();
                    let t = self.temp();
                    self.op1(Op::StoreLocal, t as i32);
                    self.leave_to(outermost);
                    self.op1(Op::LoadLocal, t as i32);
                    self.emit_return();
                    self.free_temp(t);
                    self.em().restore_depth(depth - 1);
                } else {
                    self.emit_return();
                }
            }
            Statement::ThrowStatement(t) => {
                self.expr(&t.argument);
                self.op(Op::Throw);
            }
            Statement::TryStatement(t) => self.try_stmt(t),
            Statement::SwitchStatement(sw) => self.switch_stmt(sw, label),
            Statement::WithStatement(w) => self.unsupported(w.span, "`with`"),
            Statement::VariableDeclaration(d) => self.var_decl(d),
            Statement::FunctionDeclaration(_) => {} // hoisted
            Statement::ClassDeclaration(c) => self.class_declaration(c),
            Statement::ImportDeclaration(_)
            | Statement::ExportNamedDeclaration(_)
            | Statement::ExportFromDeclaration(_)
            | Statement::ExportAllDeclaration(_) => {}
            Statement::ExportDeclaration(d) => match &d.declaration {
                Declaration::VariableDeclaration(v) => self.var_decl(v),
                Declaration::FunctionDeclaration(_) => {}
                Declaration::ClassDeclaration(c) => self.class_declaration(c),
                other => self.unsupported(other.span(), "this declaration"),
            },
            Statement::ExportDefaultDeclaration(d) => match &d.declaration {
                ExportDefaultDeclarationKind::FunctionDeclaration(_) => {}
                ExportDefaultDeclarationKind::ClassDeclaration(c) => {
                    if c.id.is_some() {
                        self.class_declaration(c);
                    } else {
                        self.class(c);
                        self.store_default();
                    }
                }
                ExportDefaultDeclarationKind::TSInterfaceDeclaration(i) => {
                    self.unsupported(i.span, "TypeScript")
                }
                other => {
                    if let Some(e) = other.as_expression() {
                        self.expr(e);
                        self.store_default();
                    }
                }
            },
            other => self.unsupported(other.span(), "this statement"),
        }
    }

    fn loop_body(
        &mut self,
        body: &'a Statement<'a>,
        brk: Label,
        cont: Label,
        label: Option<String>,
    ) {
        let exits = self.f().exits.len();
        self.loop_body_exits(body, brk, cont, label, exits);
    }

    /// A loop body whose `break` leaves to `exits` and whose `continue`
    /// stays at the current exits.
    fn loop_body_exits(
        &mut self,
        body: &'a Statement<'a>,
        brk: Label,
        cont: Label,
        label: Option<String>,
        exits: usize,
    ) {
        let cont_exits = self.f().exits.len();
        self.f().targets.push(Target {
            brk,
            cont: Some(cont),
            exits,
            cont_exits,
            label,
            plain: true,
        });
        self.stmt(body);
        self.f().targets.pop();
    }

    fn for_stmt(&mut self, f: &'a ForStatement<'a>, label: Option<String>) {
        let keys = f
            .scope_id
            .get()
            .map(|s| self.an.env_keys(s).to_vec())
            .unwrap_or_default();
        let per_iteration = !keys.is_empty();
        if per_iteration {
            self.push_env(keys);
        }
        match &f.init {
            Some(ForStatementInit::VariableDeclaration(d)) => self.var_decl(d),
            Some(init) => {
                if let Some(e) = init.as_expression() {
                    self.expr_discard(e);
                }
            }
            None => {}
        }
        let top = self.label();
        let cont = self.label();
        let brk = self.label();
        self.place_label(top);
        if let Some(test) = &f.test {
            self.cond_jump_false(test, brk);
        }
        self.loop_body(&f.body, brk, cont, label);
        self.place_label(cont);
        if per_iteration {
            self.op(Op::CloneScope);
        }
        if let Some(update) = &f.update {
            self.expr_discard(update);
        }
        self.jump(Op::Jump, top);
        self.place_label(brk);
        if per_iteration {
            self.pop_env();
        }
    }

    fn try_stmt(&mut self, t: &'a TryStatement<'a>) {
        let Some(fin) = &t.finalizer else {
            return self.try_catch(t);
        };
        // try { try/catch } with a catch-all handler that runs the block
        // and rethrows; every other exit runs the block inline.
        let handler = self.label();
        let end = self.label();
        self.jump(Op::TryStart, handler);
        self.f().exits.push(Exit::Finally(fin));
        if t.handler.is_some() {
            self.try_catch(t);
        } else {
            self.block(t.block.scope_id.get(), &t.block.body, None);
        }
        self.f().exits.pop();
        if self.em().reachable() {
            self.op(Op::TryEnd);
            self.finally_block(fin);
            self.jump(Op::Jump, end);
        }
        self.place_label(handler);
        let exc = self.temp();
        self.op1(Op::StoreLocal, exc as i32);
        self.finally_block(fin);
        self.op1(Op::LoadLocal, exc as i32);
        self.op(Op::Throw);
        self.free_temp(exc);
        self.place_label(end);
    }

    fn try_catch(&mut self, t: &'a TryStatement<'a>) {
        let handler = self.label();
        let end = self.label();
        self.jump(Op::TryStart, handler);
        self.f().exits.push(Exit::Try);
        self.block(t.block.scope_id.get(), &t.block.body, None);
        self.op(Op::TryEnd);
        self.f().exits.pop();
        self.jump(Op::Jump, end);
        self.place_label(handler);
        match &t.handler {
            Some(h) => {
                self.block(h.body.scope_id.get(), &h.body.body, Some(h.param.as_ref()));
            }
            None => self.op(Op::Throw),
        }
        self.place_label(end);
    }

    fn switch_stmt(&mut self, sw: &'a SwitchStatement<'a>, label: Option<String>) {
        self.expr(&sw.discriminant);
        let t = self.temp();
        self.op1(Op::StoreLocal, t as i32);
        let keys = sw
            .scope_id
            .get()
            .map(|s| self.an.env_keys(s).to_vec())
            .unwrap_or_default();
        let has_env = !keys.is_empty();
        if has_env {
            self.push_env(keys);
        }
        for case in &sw.cases {
            self.hoist(&case.consequent);
        }
        let brk = self.label();
        let labels: Vec<Label> = sw.cases.iter().map(|_| self.label()).collect();
        let mut default = None;
        for (case, &l) in sw.cases.iter().zip(&labels) {
            match &case.test {
                Some(test) => {
                    self.op1(Op::LoadLocal, t as i32);
                    self.expr(test);
                    self.op(Op::StrictEq);
                    self.jump(Op::JumpIfTrue, l);
                }
                None => default = Some(l),
            }
        }
        self.jump(Op::Jump, default.unwrap_or(brk));
        let exits = self.f().exits.len();
        self.f().targets.push(Target {
            brk,
            cont: None,
            exits,
            cont_exits: exits,
            label,
            plain: true,
        });
        for (case, &l) in sw.cases.iter().zip(&labels) {
            self.place_label(l);
            self.statements(&case.consequent);
        }
        self.f().targets.pop();
        self.place_label(brk);
        if has_env {
            self.pop_env();
        }
        self.free_temp(t);
    }

    fn var_decl(&mut self, d: &'a VariableDeclaration<'a>) {
        if matches!(
            d.kind,
            VariableDeclarationKind::Using | VariableDeclarationKind::AwaitUsing
        ) {
            return self.unsupported(d.span, "`using` declarations");
        }
        for decl in &d.declarations {
            let BindingPattern::BindingIdentifier(id) = &decl.id else {
                match &decl.init {
                    Some(init) => self.expr(init),
                    None => self.op(Op::Undefined),
                }
                self.bind_pattern(&decl.id);
                continue;
            };
            match &decl.init {
                Some(init) => self.expr(init),
                // `let x;` inside a loop starts each iteration undefined.
                None if d.kind != VariableDeclarationKind::Var => self.op(Op::Undefined),
                None => continue,
            }
            let p = self.binding_place(id);
            self.store(p);
        }
    }

    // ----- expressions -----

    /// Evaluates `e` and jumps to `target` when it is falsy.
    fn cond_jump_false(&mut self, mut e: &'a Expression<'a>, target: Label) {
        while let Expression::ParenthesizedExpression(p) = e {
            e = &p.expression;
        }
        match e {
            Expression::UnaryExpression(u) if u.operator == UnaryOperator::LogicalNot => {
                self.expr(&u.argument);
                self.jump(Op::JumpIfTrue, target);
            }
            _ => {
                self.expr(e);
                self.jump(Op::JumpIfFalse, target);
            }
        }
    }

    /// Evaluates `e` for its effects only.
    fn expr_discard(&mut self, e: &'a Expression<'a>) {
        if !self.enter(e.span()) {
            return;
        }
        self.expr_discard_within(e);
        self.leave();
    }

    fn expr_discard_within(&mut self, e: &'a Expression<'a>) {
        match e {
            Expression::AssignmentExpression(a) => self.assign(a, false),
            Expression::UpdateExpression(u) => self.update(u, false),
            Expression::ParenthesizedExpression(p) => self.expr_discard(&p.expression),
            Expression::SequenceExpression(s) => {
                for e in &s.expressions {
                    self.expr_discard(e);
                }
            }
            _ => {
                self.expr(e);
                self.op(Op::Pop);
            }
        }
    }

    /// Evaluates `e`, pushing exactly one value (also after an error).
    fn expr(&mut self, e: &'a Expression<'a>) {
        if !self.enter(e.span()) {
            self.op(Op::Undefined);
            return;
        }
        self.expr_within(e);
        self.leave();
    }

    fn expr_within(&mut self, e: &'a Expression<'a>) {
        match e {
            Expression::BooleanLiteral(b) => self.op(if b.value { Op::True } else { Op::False }),
            Expression::NullLiteral(_) => self.op(Op::Null),
            Expression::NumericLiteral(n) => self.number(n.value, n.span),
            Expression::StringLiteral(s) => {
                let v = if s.lone_surrogates {
                    self.lone_surrogate_string(s.value.as_str(), s.span)
                } else {
                    self.string(s.value.as_str(), s.span)
                };
                self.value(v);
            }
            Expression::TemplateLiteral(t) => self.template(t),
            Expression::Identifier(id) => self.load_ident(id),
            Expression::ThisExpression(t) => self.this(t.span),
            Expression::ArrayExpression(a) => self.array(a),
            Expression::ObjectExpression(o) => self.object(o),
            Expression::FunctionExpression(f) => self.function_value(f),
            Expression::ArrowFunctionExpression(a) => self.arrow_value(a),
            Expression::AssignmentExpression(a) => self.assign(a, true),
            Expression::UpdateExpression(u) => self.update(u, true),
            Expression::BinaryExpression(b) if is_int_division(b) => {
                // `x / y | 0`: one integer-division instruction.
                if let Expression::BinaryExpression(div) = b.left.get_inner_expression() {
                    self.expr(&div.left);
                    self.expr(&div.right);
                    self.op(Op::DivInt);
                }
            }
            Expression::BinaryExpression(b) => match binary_op(b.operator) {
                Ok(op) => {
                    self.expr(&b.left);
                    self.expr(&b.right);
                    self.op(op);
                }
                Err(what) => {
                    self.unsupported(b.span, what);
                    self.op(Op::Undefined);
                }
            },
            Expression::LogicalExpression(l) => self.logical(l),
            Expression::UnaryExpression(u) => self.unary(u),
            Expression::ConditionalExpression(c) => {
                let else_ = self.label();
                let end = self.label();
                self.cond_jump_false(&c.test, else_);
                self.expr(&c.consequent);
                self.jump(Op::Jump, end);
                self.place_label(else_);
                self.expr(&c.alternate);
                self.place_label(end);
            }
            Expression::SequenceExpression(s) => {
                let n = s.expressions.len();
                for (i, e) in s.expressions.iter().enumerate() {
                    if i + 1 == n {
                        self.expr(e);
                    } else {
                        self.expr_discard(e);
                    }
                }
                if n == 0 {
                    self.op(Op::Undefined);
                }
            }
            Expression::ParenthesizedExpression(p) => self.expr(&p.expression),
            Expression::CallExpression(c) => self.call(c),
            Expression::NewExpression(n) => {
                self.expr(&n.callee);
                match self.arguments(&n.arguments) {
                    Some(count) => self.op1(Op::New, count),
                    None => self.op(Op::NewSpread),
                }
            }
            Expression::StaticMemberExpression(m) => self.static_member(m),
            Expression::ComputedMemberExpression(m) => self.computed_member(m),
            Expression::PrivateFieldExpression(p) => {
                self.unsupported(p.span, "private fields");
                self.op(Op::Undefined);
            }
            Expression::ChainExpression(c) => self.chain_expr(c),
            Expression::BigIntLiteral(b) => {
                self.unsupported(b.span, "BigInt");
                self.op(Op::Undefined);
            }
            Expression::RegExpLiteral(r) => {
                self.unsupported(r.span, "regular expressions");
                self.op(Op::Undefined);
            }
            Expression::ClassExpression(c) => self.class(c),
            Expression::TaggedTemplateExpression(t) => {
                self.unsupported(t.span, "tagged templates");
                self.op(Op::Undefined);
            }
            Expression::AwaitExpression(a) => self.await_expr(a),
            Expression::YieldExpression(y) => {
                self.unsupported(y.span, "`yield`");
                self.op(Op::Undefined);
            }
            Expression::Super(s) => {
                self.unsupported(s.span, "`super`");
                self.op(Op::Undefined);
            }
            Expression::NewTarget(n) => {
                self.unsupported(n.span, "`new.target`");
                self.op(Op::Undefined);
            }
            Expression::ImportMeta(m) => {
                self.unsupported(m.span, "`import.meta`");
                self.op(Op::Undefined);
            }
            Expression::ImportExpression(i) => {
                self.unsupported(i.span, "dynamic `import()`");
                self.op(Op::Undefined);
            }
            other => {
                self.unsupported(other.span(), "this expression");
                self.op(Op::Undefined);
            }
        }
    }

    fn this(&mut self, span: Span) {
        if let Some((depth, t)) = self.class_this {
            if depth == self.fns.len() {
                return self.op1(Op::LoadLocal, t as i32);
            }
        }
        let scoping = self.scoping();
        let mut f = self.f().scope;
        while scoping.scope_flags(f).is_arrow() {
            match scoping.scope_parent_id(f) {
                Some(p) => f = self.an.function_of(scoping, p),
                None => break,
            }
        }
        if self.an.is_class(f) && f != self.f().scope {
            self.unsupported(span, "`this` in an arrow function in a field initialiser");
            self.op(Op::Undefined);
        } else if scoping.scope_flags(f).is_top() {
            // Module-level `this` is undefined.
            self.op(Op::Undefined);
        } else if f == self.f().scope {
            self.op(Op::This);
        } else {
            let p = self.scoped(Key::This(f), span);
            self.load(p);
        }
    }

    /// `` `a${x}b` `` is `"a" + String(x) + "b"` (empty pieces left out).
    fn template(&mut self, t: &'a TemplateLiteral<'a>) {
        let mut pushed = false;
        for (i, q) in t.quasis.iter().enumerate() {
            let cooked = q.value.cooked.map_or("", |c| c.as_str());
            if !cooked.is_empty() {
                let v = if q.lone_surrogates {
                    self.lone_surrogate_string(cooked, q.span)
                } else {
                    self.string(cooked, q.span)
                };
                self.value(v);
                if pushed {
                    self.op(Op::Add);
                }
                pushed = true;
            }
            if let Some(e) = t.expressions.get(i) {
                self.expr(e);
                self.op(Op::ToString);
                if pushed {
                    self.op(Op::Add);
                }
                pushed = true;
            }
        }
        if !pushed {
            self.value(Value::EMPTY_STRING);
        }
    }

    fn array(&mut self, a: &'a ArrayExpression<'a>) {
        self.op1(Op::NewArray, a.elements.len().min(255) as i32);
        for el in &a.elements {
            match el {
                ArrayExpressionElement::SpreadElement(s) => {
                    self.fill_target("__spread", s.span, |g| g.expr(&s.argument));
                    continue;
                }
                ArrayExpressionElement::Elision(_) => self.value(Value::HOLE),
                other => match other.as_expression() {
                    Some(e) => self.expr(e),
                    None => self.op(Op::Undefined),
                },
            }
            self.op(Op::ArrayPush);
        }
    }

    fn object(&mut self, o: &'a ObjectExpression<'a>) {
        self.op(Op::NewObject);
        for p in &o.properties {
            let p = match p {
                ObjectPropertyKind::ObjectProperty(p) => p,
                ObjectPropertyKind::SpreadProperty(s) => {
                    self.fill_target("__copyProps", s.span, |g| g.expr(&s.argument));
                    continue;
                }
            };
            if p.kind != PropertyKind::Init {
                // `get k() {}` / `set k(v) {}`: an accessor property.
                if !self.push_key(&p.key, p.computed) {
                    continue;
                }
                self.expr(&p.value);
                self.op1(Op::InitAccessor, (p.kind == PropertyKind::Set) as i32);
                continue;
            }
            let proto = match &p.key {
                PropertyKey::StaticIdentifier(id) => {
                    !p.shorthand && !p.method && id.name == "__proto__"
                }
                PropertyKey::StringLiteral(s) => !p.computed && s.value == "__proto__",
                _ => false,
            };
            if proto {
                self.unsupported(p.span, "`__proto__` in an object literal");
                continue;
            }
            if !self.push_key(&p.key, p.computed) {
                continue;
            }
            self.next_method = p.method;
            self.expr(&p.value);
            self.next_method = false;
            self.op(Op::InitProp);
        }
    }

    /// Pushes a property key (object literals, classes, patterns); false
    /// (nothing pushed) after reporting an unsupported key.
    pub(super) fn push_key(&mut self, key: &'a PropertyKey<'a>, computed: bool) -> bool {
        match key {
            PropertyKey::StaticIdentifier(id) => {
                let k = self.string(id.name.as_str(), id.span);
                self.value(k);
            }
            PropertyKey::PrivateIdentifier(id) => {
                self.unsupported(id.span, "private names");
                return false;
            }
            key if computed => match key.as_expression() {
                Some(e) => self.expr(e),
                None => self.op(Op::Undefined),
            },
            PropertyKey::StringLiteral(s) => {
                let k = self.string(s.value.as_str(), s.span);
                self.value(k);
            }
            PropertyKey::NumericLiteral(n) => {
                let v = n.value;
                if let Some(i) = Value::int(v as i32).filter(|_| {
                    v.fract() == 0.0
                        && v == (v as i32) as f64
                        && !(v == 0.0 && v.is_sign_negative())
                }) {
                    self.value(i);
                } else if v.fract() == 0.0 && v.abs() < 1e15 {
                    let k = self.string(&format!("{}", v as i64), n.span);
                    self.value(k);
                } else {
                    self.unsupported(n.span, "this numeric property key");
                    return false;
                }
            }
            other => {
                self.unsupported(other.span(), "this property key");
                return false;
            }
        }
        true
    }

    fn logical(&mut self, l: &'a LogicalExpression<'a>) {
        let end = self.label();
        self.expr(&l.left);
        self.op(Op::Dup);
        match l.operator {
            LogicalOperator::And => self.jump(Op::JumpIfFalse, end),
            LogicalOperator::Or => self.jump(Op::JumpIfTrue, end),
            LogicalOperator::Coalesce => {
                // Keep the left value unless it is null or undefined.
                let use_right = self.label();
                self.op(Op::Null);
                self.op(Op::StrictEq);
                self.jump(Op::JumpIfTrue, use_right);
                self.op(Op::Dup);
                self.op(Op::Undefined);
                self.op(Op::StrictEq);
                self.jump(Op::JumpIfTrue, use_right);
                self.jump(Op::Jump, end);
                self.place_label(use_right);
                // Stack: [left] at `end` and here.
                self.op(Op::Pop);
                self.expr(&l.right);
                self.place_label(end);
                return;
            }
        }
        self.op(Op::Pop);
        self.expr(&l.right);
        self.place_label(end);
    }

    fn unary(&mut self, u: &'a UnaryExpression<'a>) {
        match u.operator {
            UnaryOperator::UnaryNegation => {
                if let Expression::NumericLiteral(n) = &u.argument {
                    return self.number(-n.value, u.span);
                }
                self.expr(&u.argument);
                self.op(Op::Neg);
            }
            UnaryOperator::UnaryPlus => {
                self.expr(&u.argument);
                self.op(Op::ToNumber);
            }
            UnaryOperator::LogicalNot => {
                self.expr(&u.argument);
                self.op(Op::Not);
            }
            UnaryOperator::BitwiseNot => {
                self.expr(&u.argument);
                self.op(Op::BitNot);
            }
            UnaryOperator::Typeof => {
                if let Expression::Identifier(id) = &u.argument {
                    let name = id.name.as_str();
                    let ambient = (self.ambient.prelude.contains_key(name)
                        && !name.starts_with("__"))
                        || self.ambient.global_props.contains(name);
                    if self.symbol_of(id).is_none()
                        && builtin(name).is_none()
                        && !ambient
                        && !matches!(name, "undefined" | "NaN" | "Infinity")
                    {
                        // `typeof` of an undeclared name is "undefined", not an error.
                        return self.value(WellKnown::StrUndefined.value());
                    }
                }
                self.expr(&u.argument);
                self.op(Op::TypeOf);
            }
            UnaryOperator::Void => {
                self.expr(&u.argument);
                self.op(Op::Pop);
                self.op(Op::Undefined);
            }
            UnaryOperator::Delete => match &u.argument {
                Expression::StaticMemberExpression(m) if !m.optional => {
                    self.expr(&m.object);
                    let k = self.string(m.property.name.as_str(), m.property.span);
                    self.value(k);
                    self.op(Op::Delete);
                }
                Expression::ComputedMemberExpression(m) if !m.optional => {
                    self.expr(&m.object);
                    self.expr(&m.expression);
                    self.op(Op::Delete);
                }
                Expression::ChainExpression(c) => {
                    self.unsupported(c.span, "`delete` of an optional chain");
                    self.op(Op::Undefined);
                }
                other => {
                    self.expr_discard(other);
                    self.op(Op::True);
                }
            },
        }
    }

    /// Pushes the arguments; returns their count, or `None` when they
    /// contain a spread and were pushed as one array (for `CallSpread`).
    fn arguments(&mut self, args: &'a [Argument<'a>]) -> Option<i32> {
        if args.iter().any(|a| matches!(a, Argument::SpreadElement(_))) {
            self.op1(Op::NewArray, args.len().min(255) as i32);
            for a in args {
                match a {
                    Argument::SpreadElement(s) => {
                        self.fill_target("__spread", s.span, |g| g.expr(&s.argument));
                    }
                    other => {
                        match other.as_expression() {
                            Some(e) => self.expr(e),
                            None => self.op(Op::Undefined),
                        }
                        self.op(Op::ArrayPush);
                    }
                }
            }
            return None;
        }
        for a in args {
            match a.as_expression() {
                Some(e) => self.expr(e),
                None => self.op(Op::Undefined),
            }
        }
        if args.len() > 255 {
            let span = args[255].span();
            self.error(span, "too many arguments (at most 255)".into());
        }
        Some(args.len().min(255) as i32)
    }

    fn call(&mut self, c: &'a CallExpression<'a>) {
        if let Some(op) = self.conversion_call(c) {
            // `String(x)` and `Number(x)` are the conversion instructions,
            // which run ToPrimitive on objects (a native cannot call back
            // into a script's `toString`).
            if let Some(e) = c.arguments[0].as_expression() {
                self.expr(e);
            }
            return self.op(op);
        }
        match &c.callee {
            Expression::Super(s) => return self.super_call(c, s.span),
            Expression::StaticMemberExpression(m) if matches!(m.object, Expression::Super(_)) => {
                self.super_member(&m.object);
                let k = self.string(m.property.name.as_str(), m.property.span);
                self.op1(Op::GetField, k.0 as i32);
                self.this(m.span);
            }
            Expression::ComputedMemberExpression(m) if matches!(m.object, Expression::Super(_)) => {
                self.super_member(&m.object);
                self.expr(&m.expression);
                self.op(Op::GetProp);
                self.this(m.span);
            }
            Expression::StaticMemberExpression(m) if self.is_intrinsic_apply(m, c) => {
                // `__vium.apply(f, thisArg, array)`: calls `f` with that
                // `this` and the array's elements as arguments (what the
                // prelude's `call`, `apply` and `bind` are written with).
                for a in &c.arguments {
                    if let Some(e) = a.as_expression() {
                        self.expr(e);
                    }
                }
                self.op(Op::CallSpread);
                return;
            }
            Expression::StaticMemberExpression(m) if self.is_console_log(m) => {
                // `console.log(…)` calls the prelude's function directly: a
                // ROM constant, where looking it up would keep `console`'s
                // member object in RAM. Text alone needs no inspection.
                let text_only = c
                    .arguments
                    .iter()
                    .all(|a| a.as_expression().is_some_and(always_string));
                let has = |name: &str| self.ambient.prelude.contains_key(name);
                let log = if text_only && has("__logText") {
                    "__logText"
                } else if self.ambient.collections && has("__logCollections") {
                    "__logCollections"
                } else {
                    "__log"
                };
                self.load_prelude(log, m.span);
                self.value(WellKnown::Console.value());
            }
            Expression::StaticMemberExpression(m) => {
                self.expr(&m.object);
                if m.optional {
                    self.chain_check(false);
                }
                let k = self.string(m.property.name.as_str(), m.property.span);
                self.op1(Op::GetMethod, k.0 as i32);
            }
            Expression::ComputedMemberExpression(m) => {
                self.expr(&m.object);
                if m.optional {
                    self.chain_check(false);
                }
                if let Some(k) = self.constant_key(&m.expression) {
                    self.op1(Op::GetMethod, k.0 as i32);
                    return self.call_args(c);
                }
                self.op(Op::Dup);
                self.expr(&m.expression);
                self.op(Op::GetProp);
                self.op(Op::Swap);
            }
            callee => {
                self.expr(callee);
                self.op(Op::Undefined);
            }
        }
        self.call_args(c);
    }

    /// The instruction a call of the builtin `String` or `Number` with one
    /// plain argument comes to.
    fn conversion_call(&self, c: &CallExpression<'a>) -> Option<Op> {
        let Expression::Identifier(id) = &c.callee else {
            return None;
        };
        let op = match id.name.as_str() {
            "String" => Op::ToString,
            "Number" => Op::ToNumber,
            _ => return None,
        };
        let plain = c.arguments.len() == 1 && c.arguments[0].as_expression().is_some();
        (plain && !c.optional && self.symbol_of(id).is_none()).then_some(op)
    }

    /// `__vium.apply(f, thisArg, array)` with three plain arguments.
    fn is_intrinsic_apply(&self, m: &StaticMemberExpression<'a>, c: &CallExpression<'a>) -> bool {
        let Expression::Identifier(id) = &m.object else {
            return false;
        };
        id.name == "__vium"
            && m.property.name == "apply"
            && self.symbol_of(id).is_none()
            && c.arguments.len() == 3
            && c.arguments.iter().all(|a| a.as_expression().is_some())
    }

    /// `console.log` on the builtin `console` (not a local of that name),
    /// when the builtin library provides it.
    fn is_console_log(&self, m: &StaticMemberExpression<'a>) -> bool {
        let Expression::Identifier(id) = &m.object else {
            return false;
        };
        !m.optional
            && id.name == "console"
            && m.property.name == "log"
            && self.symbol_of(id).is_none()
            && self.ambient.prelude.contains_key("__log")
    }

    /// With the callee and receiver pushed: the arguments and the call.
    fn call_args(&mut self, c: &'a CallExpression<'a>) {
        if c.optional {
            self.chain_check(true);
        }
        match self.arguments(&c.arguments) {
            Some(n) => self.op1(Op::Call, n),
            None => self.op(Op::CallSpread),
        }
    }

    /// In an optional chain, after `?.`: when the value on top (under the
    /// receiver with `under_this`) is null or undefined, drops what the
    /// chain pushed and jumps to the chain's `undefined`.
    fn chain_check(&mut self, under_this: bool) {
        let Some((short, base, _)) = self.chain else {
            let span = self.m.program.span;
            self.error(span, "internal compiler error: `?.` outside a chain".into());
            return;
        };
        if under_this {
            self.op(Op::Swap);
        }
        let ok = self.label();
        self.op(Op::Dup);
        self.op(Op::Null);
        self.op(Op::LooseEq);
        self.jump(Op::JumpIfFalse, ok);
        let extra = self.em().depth() - base;
        for _ in 0..extra {
            self.op(Op::Pop);
        }
        self.jump(Op::Jump, short);
        if let Some(c) = &mut self.chain {
            c.2 = true;
        }
        self.place_label(ok);
        if under_this {
            self.op(Op::Swap);
        }
    }

    /// `a?.b…`: the whole chain is undefined when a link is nullish.
    fn chain_expr(&mut self, c: &'a ChainExpression<'a>) {
        let short = self.label();
        let end = self.label();
        let base = self.em().depth();
        let saved = self.chain.replace((short, base, false));
        match &c.expression {
            ChainElement::CallExpression(call) => self.call(call),
            ChainElement::StaticMemberExpression(m) => self.static_member(m),
            ChainElement::ComputedMemberExpression(m) => self.computed_member(m),
            other => {
                self.unsupported(other.span(), "this optional chain");
                self.op(Op::Undefined);
            }
        }
        let used = self.chain.is_some_and(|c| c.2);
        self.chain = saved;
        if used {
            self.jump(Op::Jump, end);
            self.place_label(short);
            self.op(Op::Undefined);
            self.place_label(end);
        }
    }

    fn static_member(&mut self, m: &'a StaticMemberExpression<'a>) {
        if self.global_builtin(m) {
            return;
        }
        if matches!(m.object, Expression::Super(_)) {
            self.super_member(&m.object);
        } else {
            self.expr(&m.object);
            if m.optional {
                self.chain_check(false);
            }
        }
        let k = self.string(m.property.name.as_str(), m.property.span);
        self.op1(Op::GetField, k.0 as i32);
    }

    fn computed_member(&mut self, m: &'a ComputedMemberExpression<'a>) {
        if matches!(m.object, Expression::Super(_)) {
            self.super_member(&m.object);
        } else {
            self.expr(&m.object);
            if m.optional {
                self.chain_check(false);
            }
        }
        if let Some(k) = self.constant_key(&m.expression) {
            return self.op1(Op::GetField, k.0 as i32);
        }
        self.expr(&m.expression);
        self.op(Op::GetProp);
    }

    /// `Symbol.iterator` (the builtin) as a key: a constant operand.
    fn constant_key(&self, e: &'a Expression<'a>) -> Option<Value> {
        let Expression::StaticMemberExpression(m) = e else {
            return None;
        };
        let Expression::Identifier(id) = &m.object else {
            return None;
        };
        (id.name == "Symbol" && self.symbol_of(id).is_none() && m.property.name == "iterator")
            .then(|| WellKnown::SymbolIterator.value())
    }

    fn lhs<'b>(&mut self, t: &'b AssignmentTarget<'a>) -> Lhs<'b, 'a> {
        match t {
            AssignmentTarget::AssignmentTargetIdentifier(id) => Lhs::Ident(id),
            AssignmentTarget::StaticMemberExpression(m) => {
                Lhs::Field(&m.object, m.property.name.as_str())
            }
            AssignmentTarget::ComputedMemberExpression(m) => Lhs::Index(&m.object, &m.expression),
            AssignmentTarget::PrivateFieldExpression(p) => Lhs::Bad(p.span, "private fields"),
            AssignmentTarget::ArrayAssignmentTarget(a) => Lhs::Bad(a.span, "destructuring"),
            AssignmentTarget::ObjectAssignmentTarget(o) => Lhs::Bad(o.span, "destructuring"),
            other => Lhs::Bad(other.span(), "this assignment target"),
        }
    }

    fn simple_lhs<'b>(&mut self, t: &'b SimpleAssignmentTarget<'a>) -> Lhs<'b, 'a> {
        match t {
            SimpleAssignmentTarget::AssignmentTargetIdentifier(id) => Lhs::Ident(id),
            SimpleAssignmentTarget::StaticMemberExpression(m) => {
                Lhs::Field(&m.object, m.property.name.as_str())
            }
            SimpleAssignmentTarget::ComputedMemberExpression(m) => {
                Lhs::Index(&m.object, &m.expression)
            }
            SimpleAssignmentTarget::PrivateFieldExpression(p) => Lhs::Bad(p.span, "private fields"),
            other => Lhs::Bad(other.span(), "this assignment target"),
        }
    }

    /// `target op= value`; leaves the assigned value when `keep`.
    fn assign(&mut self, a: &'a AssignmentExpression<'a>, keep: bool) {
        if matches!(
            a.operator,
            AssignmentOperator::LogicalOr
                | AssignmentOperator::LogicalAnd
                | AssignmentOperator::LogicalNullish
        ) {
            return self.logical_assign(a, keep);
        }
        if matches!(
            a.left,
            AssignmentTarget::ArrayAssignmentTarget(_)
                | AssignmentTarget::ObjectAssignmentTarget(_)
        ) {
            self.expr(&a.right);
            if keep {
                self.op(Op::Dup);
            }
            return self.assign_target(&a.left);
        }
        let op = match assign_op(a.operator) {
            Ok(op) => op,
            Err(what) => {
                self.unsupported(a.span, what);
                if keep {
                    self.op(Op::Undefined);
                }
                return;
            }
        };
        match self.lhs(&a.left) {
            Lhs::Ident(id) => {
                let p = self.assign_place(id);
                if let Some(op) = op {
                    self.load(p);
                    self.expr(&a.right);
                    self.op(op);
                } else {
                    self.expr(&a.right);
                }
                if keep {
                    self.op(Op::Dup);
                }
                self.store(p);
            }
            Lhs::Field(obj, name) => {
                let k = self.string(name, a.left.span());
                self.expr(obj);
                if let Some(op) = op {
                    self.op(Op::Dup);
                    self.op1(Op::GetField, k.0 as i32);
                    self.expr(&a.right);
                    self.op(op);
                } else {
                    self.expr(&a.right);
                }
                self.op1(Op::SetField, k.0 as i32);
                if !keep {
                    self.op(Op::Pop);
                }
            }
            Lhs::Index(obj, key) => {
                self.expr(obj);
                self.expr(key);
                if let Some(op) = op {
                    self.op(Op::Dup2);
                    self.op(Op::GetProp);
                    self.expr(&a.right);
                    self.op(op);
                } else {
                    self.expr(&a.right);
                }
                self.op(Op::SetProp);
                if !keep {
                    self.op(Op::Pop);
                }
            }
            Lhs::Bad(span, what) => {
                self.unsupported(span, what);
                if keep {
                    self.op(Op::Undefined);
                }
            }
        }
    }

    /// `a ||= b`, `a &&= b`, `a ??= b`: assigns (and evaluates `b`) only
    /// when the old value calls for it; the value is the old or the new one.
    fn logical_assign(&mut self, a: &'a AssignmentExpression<'a>, keep: bool) {
        let lhs = self.lhs(&a.left);
        // Push what the store needs (nothing, the object, or object and key)
        // and the old value.
        let (place, field) = match lhs {
            Lhs::Ident(id) => {
                let p = self.assign_place(id);
                self.load(p);
                (Some(p), None)
            }
            Lhs::Field(obj, name) => {
                let k = self.string(name, a.left.span());
                self.expr(obj);
                self.op(Op::Dup);
                self.op1(Op::GetField, k.0 as i32);
                (None, Some(k))
            }
            Lhs::Index(obj, key) => {
                self.expr(obj);
                self.expr(key);
                self.op(Op::Dup2);
                self.op(Op::GetProp);
                (None, None)
            }
            Lhs::Bad(span, what) => {
                self.unsupported(span, what);
                if keep {
                    self.op(Op::Undefined);
                }
                return;
            }
        };
        let assign = self.label();
        let end = self.label();
        self.op(Op::Dup);
        match a.operator {
            AssignmentOperator::LogicalOr => self.jump(Op::JumpIfFalse, assign),
            AssignmentOperator::LogicalAnd => self.jump(Op::JumpIfTrue, assign),
            _ => {
                self.op(Op::Null);
                self.op(Op::StrictEq);
                self.jump(Op::JumpIfTrue, assign);
                self.op(Op::Dup);
                self.op(Op::Undefined);
                self.op(Op::StrictEq);
                self.jump(Op::JumpIfTrue, assign);
            }
        }
        // Keep the old value: drop what the store would have needed.
        let under = if place.is_some() {
            0
        } else if field.is_some() {
            1
        } else {
            2
        };
        for _ in 0..under {
            self.op(Op::Swap);
            self.op(Op::Pop);
        }
        self.jump(Op::Jump, end);
        self.place_label(assign);
        self.op(Op::Pop);
        self.expr(&a.right);
        match (place, field) {
            (Some(p), _) => {
                self.op(Op::Dup);
                self.store(p);
            }
            (None, Some(k)) => self.op1(Op::SetField, k.0 as i32),
            (None, None) => self.op(Op::SetProp),
        }
        self.place_label(end);
        if !keep {
            self.op(Op::Pop);
        }
    }

    /// `++x`, `x--`, …; leaves the expression's value when `keep`.
    fn update(&mut self, u: &'a UpdateExpression<'a>, keep: bool) {
        // x + 1 is x - (-1): `Sub` converts strings to numbers, `Add` would concatenate.
        let delta = if u.operator == UpdateOperator::Increment {
            -1
        } else {
            1
        };
        let old_value = keep && !u.prefix;
        match self.simple_lhs(&u.argument) {
            Lhs::Ident(id) => {
                let p = self.assign_place(id);
                self.load(p);
                if old_value {
                    self.op(Op::ToNumber);
                    self.op(Op::Dup);
                }
                self.op1(Op::Int8, delta);
                self.op(Op::Sub);
                if keep && !old_value {
                    self.op(Op::Dup);
                }
                self.store(p);
            }
            Lhs::Field(obj, name) => {
                let k = self.string(name, u.argument.span());
                self.expr(obj);
                self.op(Op::Dup);
                self.op1(Op::GetField, k.0 as i32);
                self.update_tail(delta, old_value, keep, |g| g.op1(Op::SetField, k.0 as i32));
            }
            Lhs::Index(obj, key) => {
                self.expr(obj);
                self.expr(key);
                self.op(Op::Dup2);
                self.op(Op::GetProp);
                self.update_tail(delta, old_value, keep, |g| g.op(Op::SetProp));
            }
            Lhs::Bad(span, what) => {
                self.unsupported(span, what);
                if keep {
                    self.op(Op::Undefined);
                }
            }
        }
    }

    /// With the old property value on the stack (above the object and key),
    /// stores the updated value and leaves the expression's value if `keep`.
    fn update_tail(&mut self, delta: i32, old_value: bool, keep: bool, set: impl Fn(&mut Self)) {
        let temp = if old_value {
            let t = self.temp();
            self.op(Op::ToNumber);
            self.op(Op::Dup);
            self.op1(Op::StoreLocal, t as i32);
            Some(t)
        } else {
            None
        };
        self.op1(Op::Int8, delta);
        self.op(Op::Sub);
        set(self);
        if !keep || temp.is_some() {
            self.op(Op::Pop);
        }
        if let Some(t) = temp {
            self.op1(Op::LoadLocal, t as i32);
            self.free_temp(t);
        }
    }
}

/// Whether `e` evaluates to a string whatever its operands are: a string
/// or template literal, `typeof`, or `+` with such an operand. Looks at
/// most 64 levels down: deeper, "not known" (false) only costs
/// `console.log` its text-only shortcut, and the check never recurses far.
fn always_string(e: &Expression<'_>) -> bool {
    string_within(e, 64)
}

fn string_within(e: &Expression<'_>, levels: u32) -> bool {
    if levels == 0 {
        return false;
    }
    match e {
        Expression::StringLiteral(_) | Expression::TemplateLiteral(_) => true,
        Expression::UnaryExpression(u) => u.operator == UnaryOperator::Typeof,
        Expression::BinaryExpression(b) => {
            b.operator == BinaryOperator::Addition
                && (string_within(&b.left, levels - 1) || string_within(&b.right, levels - 1))
        }
        Expression::ParenthesizedExpression(p) => string_within(&p.expression, levels - 1),
        _ => false,
    }
}
