//! Classes: `MakeClass` with the parent (or null) and the constructor,
//! methods (`InitMethod`) and accessors (`InitAccessor`), not enumerable, on
//! the prototype, static members on the class, fields, `super`.
//!
//! A derived class keeps its parent in its class environment
//! (`Key::Super`), which the constructor and the methods close over.
//! Instance fields are assigned at the start of a base class's constructor
//! and right after `super(...)` in a derived one. A derived class's
//! default constructor is `super(...arguments)` (`CallSuperSpread`).

use super::{Body, Gen, Home};
use crate::lower::scope::Key;
use oxc_ast::ast::*;
use oxc_span::{GetSpan, Span};
use vium_vm::{Op, WellKnown};

impl<'g, 'a> Gen<'g, 'a> {
    /// A declaration: the class binding is set inside `class`, before
    /// the static fields run.
    pub(super) fn class_declaration(&mut self, c: &'a Class<'a>) {
        self.class(c);
        self.op(Op::Pop);
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
                    MethodDefinitionKind::Get
                    | MethodDefinitionKind::Set
                    | MethodDefinitionKind::Method => {}
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
            let init = match m.kind {
                // Methods and accessors of classes are not enumerable.
                MethodDefinitionKind::Method => (Op::InitMethod, None),
                MethodDefinitionKind::Get => (Op::InitAccessor, Some(2)),
                MethodDefinitionKind::Set => (Op::InitAccessor, Some(3)),
                MethodDefinitionKind::Constructor => continue,
            };
            // `InitProp` leaves the object it wrote, which for a class is
            // its statics object: work on a copy of the class value.
            self.op(Op::Dup);
            if !m.r#static {
                self.op1(Op::GetField, WellKnown::StrPrototype.value().0 as i32);
            }
            if self.push_key(&m.key, m.computed) {
                self.next_home = Some(Home {
                    class_scope: scope,
                    is_static: m.r#static,
                    ctor: None,
                });
                self.next_method = true;
                self.function_value(&m.value);
                self.next_method = false;
                self.next_home = None;
                match init {
                    (op, Some(kind)) => self.op1(op, kind),
                    (op, None) => self.op(op),
                }
            }
            self.op(Op::Pop);
        }
        if let Some(id) = &c.id {
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
                self.op(Op::Dup);
                self.field(p);
                self.op(Op::Pop);
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
            self.op(Op::CallSuperSpread);
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
            None => self.op(Op::CallSuperSpread),
        }
        self.op(Op::Pop);
        self.instance_fields(body);
        self.op(Op::This);
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
