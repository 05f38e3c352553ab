//! Classes: `MakeClass` with the parent (or null) and the constructor,
//! methods on the prototype, static members on the class, fields, `super`.
//!
//! A derived class keeps its parent in its class environment
//! (`Key::Super`), which the constructor and the methods close over.
//! Instance fields are assigned at the start of a base class's constructor
//! and right after `super(...)` in a derived one.

use super::{Body, Gen, Home, Place};
use crate::lower::scope::Key;
use oxc_ast::ast::*;
use oxc_span::{GetSpan, Span};
use vium_vm::{Op, WellKnown};

/// `super(...spread)` (and a derived default constructor) dispatch on the
/// argument count up to this many; more throw a RangeError.
const MAX_SPREAD_SUPER_ARGS: usize = 6;

impl<'g, 'a> Gen<'g, 'a> {
    pub(super) fn class_declaration(&mut self, c: &'a Class<'a>) {
        self.class(c);
        let p = match &c.id {
            Some(id) => self.binding_place(id),
            None => Place::Invalid,
        };
        self.store(p);
    }

    /// Pushes a class value.
    pub(super) fn class(&mut self, c: &'a Class<'a>) {
        let Some(scope) = c.scope_id.get() else {
            return self.op(Op::Undefined);
        };
        let mut ctor = None;
        for el in &c.body.body {
            match el {
                ClassElement::MethodDefinition(m) => match m.kind {
                    MethodDefinitionKind::Constructor => ctor = Some(m),
                    MethodDefinitionKind::Get | MethodDefinitionKind::Set => {
                        self.unsupported(m.span, "getters and setters")
                    }
                    MethodDefinitionKind::Method => {}
                },
                ClassElement::PropertyDefinition(_) => {}
                ClassElement::StaticBlock(b) => self.unsupported(b.span, "static blocks"),
                ClassElement::AccessorProperty(a) => {
                    self.unsupported(a.span, "accessor properties")
                }
                ClassElement::TSIndexSignature(t) => self.unsupported(t.span, "TypeScript"),
            }
        }
        let keys = self.an.env_keys(scope).to_vec();
        let has_env = !keys.is_empty();
        if has_env {
            // Not an exit: nothing jumps out of a class body.
            self.op1(Op::PushScope, keys.len() as i32);
            self.envs.push(keys);
        }
        let derived = c.heritage.is_some();
        match &c.heritage {
            Some(h) => {
                self.expr(&h.expression);
                self.op(Op::Dup);
                let p = self.scoped(Key::Super(scope), h.expression.span());
                self.store(p);
            }
            None => self.op(Op::Null),
        }
        self.next_home = Some(Home {
            class_scope: scope,
            is_static: false,
            ctor: Some((&c.body, derived)),
        });
        let (v, ctor_scope) = match ctor {
            Some(m) => {
                let f = &m.value;
                match (f.scope_id.get(), &f.body) {
                    (Some(s), Some(body)) => (
                        self.function(f.span, s, Some(&f.params), Body::Block(body)),
                        Some(s),
                    ),
                    _ => (None, None),
                }
            }
            None => (self.function(c.span, scope, None, Body::Empty), None),
        };
        self.next_home = None;
        let closure = derived
            || self.an.needs_closure(scope)
            || ctor_scope.is_some_and(|s| self.an.needs_closure(s));
        match v {
            Some(v) if closure => self.value_closure(v),
            Some(v) => self.value(v),
            None => self.op(Op::Undefined),
        }
        self.op(Op::MakeClass);
        for el in &c.body.body {
            let ClassElement::MethodDefinition(m) = el else {
                continue;
            };
            if m.kind != MethodDefinitionKind::Method {
                continue;
            }
            if !m.r#static {
                self.op(Op::Dup);
                self.op1(Op::GetField, WellKnown::StrPrototype.value().0 as i32);
            }
            if self.push_key(&m.key, m.computed) {
                self.next_home = Some(Home {
                    class_scope: scope,
                    is_static: m.r#static,
                    ctor: None,
                });
                self.function_value(&m.value);
                self.next_home = None;
                self.op(Op::InitProp);
            }
            if !m.r#static {
                self.op(Op::Pop);
            }
        }
        if let Some(id) = c.id.as_ref().filter(|_| c.is_expression()) {
            self.op(Op::Dup);
            let p = self.binding_place(id);
            self.store(p);
        }
        let statics: Vec<&'a PropertyDefinition<'a>> = c
            .body
            .body
            .iter()
            .filter_map(|el| match el {
                ClassElement::PropertyDefinition(p) if p.r#static => Some(&**p),
                _ => None,
            })
            .collect();
        if !statics.is_empty() {
            let t = self.temp();
            self.op(Op::Dup);
            self.op1(Op::StoreLocal, t as i32);
            let saved = self.class_this.replace((self.fns.len(), t));
            for p in statics {
                self.field(p);
            }
            self.class_this = saved;
            self.free_temp(t);
        }
        if has_env {
            self.op(Op::PopScope);
            self.envs.pop();
        }
    }

    /// `[obj] -> [obj]`: defines one field.
    fn field(&mut self, p: &'a PropertyDefinition<'a>) {
        if !self.push_key(&p.key, p.computed) {
            return;
        }
        match &p.value {
            Some(v) => self.expr(v),
            None => self.op(Op::Undefined),
        }
        self.op(Op::InitProp);
    }

    /// Assigns the instance fields of `body` to `this`.
    fn instance_fields(&mut self, body: &'a ClassBody<'a>) {
        for el in &body.body {
            if let ClassElement::PropertyDefinition(p) = el {
                if !p.r#static {
                    self.op(Op::This);
                    self.field(p);
                    self.op(Op::Pop);
                }
            }
        }
    }

    /// At the start of a constructor: the fields of a base class, or the
    /// whole body of a derived class's default constructor.
    pub(super) fn ctor_prologue(&mut self, default: bool) {
        let Some(Home {
            class_scope,
            ctor: Some((body, derived)),
            ..
        }) = self.f().home
        else {
            return;
        };
        if !derived {
            return self.instance_fields(body);
        }
        if default {
            let p = self.scoped(Key::Super(class_scope), body.span);
            self.load(p);
            self.op(Op::This);
            self.op1(Op::Arguments, 0);
            self.super_spread(body.span);
            self.op(Op::Pop);
            self.instance_fields(body);
        }
    }

    /// `super(args)` in a derived constructor; its value is `this`.
    pub(super) fn super_call(&mut self, c: &'a CallExpression<'a>, span: Span) {
        let home = self.f().home;
        let scope = self.f().scope;
        let Some(Home {
            class_scope,
            ctor: Some((body, true)),
            ..
        }) = home.filter(|_| !self.scoping().scope_flags(scope).is_arrow())
        else {
            self.unsupported(span, "`super()` outside a derived class's constructor");
            return self.op(Op::Undefined);
        };
        let p = self.scoped(Key::Super(class_scope), span);
        self.load(p);
        self.op(Op::This);
        match self.arguments(&c.arguments) {
            Some(n) => self.op1(Op::CallSuper, n),
            None => self.super_spread(c.span),
        }
        self.op(Op::Pop);
        self.instance_fields(body);
        self.op(Op::This);
    }

    /// `[class, this, args array] -> [result]`: `CallSuper` has a fixed
    /// argument count, so dispatch on the array's length.
    fn super_spread(&mut self, span: Span) {
        let a = self.temp();
        let n = self.temp();
        self.op1(Op::StoreLocal, a as i32);
        self.op1(Op::LoadLocal, a as i32);
        self.op1(Op::GetField, WellKnown::StrLength.value().0 as i32);
        self.op1(Op::StoreLocal, n as i32);
        let done = self.label();
        for k in 0..=MAX_SPREAD_SUPER_ARGS {
            let next = self.label();
            self.op1(Op::LoadLocal, n as i32);
            self.op1(Op::Int8, k as i32);
            self.op(Op::StrictEq);
            self.jump(Op::JumpIfFalse, next);
            for j in 0..k {
                self.op1(Op::LoadLocal, a as i32);
                self.op1(Op::Int8, j as i32);
                self.op(Op::GetProp);
            }
            self.op1(Op::CallSuper, k as i32);
            self.jump(Op::Jump, done);
            self.place_label(next);
        }
        self.op(Op::Pop);
        self.op(Op::Pop);
        self.value(WellKnown::RangeError.value());
        let msg = self.string(
            &format!("super() with more than {MAX_SPREAD_SUPER_ARGS} spread arguments"),
            span,
        );
        self.value(msg);
        self.op1(Op::New, 1);
        self.op(Op::Throw);
        self.place_label(done);
        self.free_temp(n);
        self.free_temp(a);
    }

    /// Pushes the object `super.x` reads from: the parent's prototype, or
    /// the parent itself in a static method.
    pub(super) fn super_member(&mut self, sup: &'a Expression<'a>) {
        let span = sup.span();
        let Some(home) = self.f().home else {
            self.unsupported(span, "`super` outside a class");
            return self.op(Op::Undefined);
        };
        if !self
            .an
            .env_keys(home.class_scope)
            .contains(&Key::Super(home.class_scope))
        {
            self.unsupported(span, "`super` in a class without `extends`");
            return self.op(Op::Undefined);
        }
        let p = self.scoped(Key::Super(home.class_scope), span);
        self.load(p);
        if !home.is_static {
            self.op1(Op::GetField, WellKnown::StrPrototype.value().0 as i32);
        }
    }
}
