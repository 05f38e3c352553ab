//! Destructuring (binding patterns, assignment patterns) and the loops that
//! bind a value per iteration (`for…of`, `for…in`).
//!
//! Every routine here takes the value to destructure on top of the stack
//! and consumes it. Array patterns read an array by index (`v[i]`,
//! `length`); any other value is first drained through the iterator
//! protocol into an array of as many elements as the pattern needs (all of
//! them with a rest element), so strings give code points and user
//! iterables work. The iterator's `return()` is not called. Defaults are
//! evaluated only when the value is `undefined`.

use super::{Gen, Place};
use crate::emit::Label;
use oxc_ast::ast::*;
use oxc_span::GetSpan;
use oxc_syntax::scope::ScopeId;
use vium_vm::{Op, WellKnown};

impl<'g, 'a> Gen<'g, 'a> {
    /// `for (left of right)` and, with `keys`, `for (left in right)` (which
    /// iterates the array of the object's keys).
    pub(super) fn for_each(
        &mut self,
        left: &'a ForStatementLeft<'a>,
        right: &'a Expression<'a>,
        body: &'a Statement<'a>,
        scope: Option<ScopeId>,
        label: Option<String>,
        keys: bool,
    ) {
        // An array (and `for…in`'s array of keys) is walked by index, as its
        // iterator would; any other value through its iterator. `it` is
        // undefined on the array path.
        if keys {
            // for…in walks the prototype chain: JavaScript in the prelude.
            self.prelude_call("__forInKeys", right.span());
            self.expr(right);
            self.op1(Op::Call, 1);
        } else {
            self.expr(right);
        }
        let (arr, idx, it) = (self.temp(), self.temp(), self.temp());
        let next = self.string("next", right.span());
        let done = self.string("done", right.span());
        let value = self.string("value", right.span());
        let (top, cont, exit, brk) = (self.label(), self.label(), self.label(), self.label());
        let (protocol, bind) = (self.label(), self.label());
        self.op(Op::Dup);
        self.op1(Op::StoreLocal, arr as i32);
        self.op(Op::Undefined);
        self.op1(Op::StoreLocal, it as i32);
        self.op1(Op::Int8, 0);
        self.op1(Op::StoreLocal, idx as i32);
        self.op(Op::IsArray);
        self.jump(Op::JumpIfTrue, top);
        self.op1(Op::LoadLocal, arr as i32);
        self.op1(Op::GetMethod, WellKnown::SymbolIterator.value().0 as i32);
        self.op1(Op::Call, 0);
        self.op1(Op::StoreLocal, it as i32);
        self.place_label(top);
        self.op1(Op::LoadLocal, it as i32);
        self.jump(Op::JumpIfTrue, protocol);
        self.op1(Op::LoadLocal, idx as i32);
        self.op1(Op::LoadLocal, arr as i32);
        self.op1(Op::GetField, WellKnown::StrLength.value().0 as i32);
        self.op(Op::Lt);
        self.jump(Op::JumpIfFalse, brk);
        self.op1(Op::LoadLocal, arr as i32);
        self.op1(Op::LoadLocal, idx as i32);
        self.op(Op::GetProp);
        self.op1(Op::LoadLocal, idx as i32);
        self.op1(Op::Int8, 1);
        self.op(Op::Add);
        self.op1(Op::StoreLocal, idx as i32);
        self.jump(Op::Jump, bind);
        self.place_label(protocol);
        self.op1(Op::LoadLocal, it as i32);
        self.op1(Op::GetMethod, next.0 as i32);
        self.op1(Op::Call, 0);
        self.op(Op::Dup);
        self.op1(Op::GetField, done.0 as i32);
        self.jump(Op::JumpIfTrue, exit);
        self.op1(Op::GetField, value.0 as i32);
        self.place_label(bind);
        let outer_exits = self.f().exits.len();
        // A fresh environment per iteration for captured `let`/`const`.
        let keys = scope
            .map(|s| self.an.env_keys(s).to_vec())
            .unwrap_or_default();
        let has_env = !keys.is_empty();
        if has_env {
            self.push_env(keys);
        }
        match left {
            ForStatementLeft::VariableDeclaration(d) => match d.declarations.first() {
                Some(decl) => self.bind_pattern(&decl.id),
                None => self.op(Op::Pop),
            },
            other => match other.as_assignment_target() {
                Some(t) => self.assign_target(t),
                None => {
                    self.unsupported(other.span(), "this loop variable");
                    self.op(Op::Pop);
                }
            },
        }
        self.loop_body_exits(body, brk, cont, label, outer_exits);
        self.place_label(cont);
        if has_env {
            self.pop_env();
        }
        self.jump(Op::Jump, top);
        self.place_label(exit);
        self.op(Op::Pop);
        self.place_label(brk);
        self.free_temp(it);
        self.free_temp(idx);
        self.free_temp(arr);
    }

    /// `[v] -> [v, or the default when v is undefined]`.
    pub(super) fn default_value(&mut self, init: &'a Expression<'a>) {
        let skip = self.label();
        self.op(Op::Dup);
        self.op(Op::Undefined);
        self.op(Op::StrictEq);
        self.jump(Op::JumpIfFalse, skip);
        self.op(Op::Pop);
        self.expr(init);
        self.place_label(skip);
    }

    /// Stores the value on top of the stack into a declaration's pattern.
    pub(super) fn bind_pattern(&mut self, p: &'a BindingPattern<'a>) {
        if !self.enter(p.span()) {
            self.op(Op::Pop);
            return;
        }
        self.bind_pattern_within(p);
        self.leave();
    }

    fn bind_pattern_within(&mut self, p: &'a BindingPattern<'a>) {
        match p {
            BindingPattern::BindingIdentifier(id) => {
                let place = self.binding_place(id);
                self.store(place);
            }
            BindingPattern::AssignmentPattern(a) => {
                self.default_value(&a.right);
                self.bind_pattern(&a.left);
            }
            BindingPattern::ObjectPattern(o) => {
                let t = self.temp();
                self.op1(Op::StoreLocal, t as i32);
                for prop in &o.properties {
                    self.op1(Op::LoadLocal, t as i32);
                    self.get_key(&prop.key, prop.computed);
                    self.bind_pattern(&prop.value);
                }
                if let Some(rest) = &o.rest {
                    let keys: Vec<(&'a PropertyKey<'a>, bool)> =
                        o.properties.iter().map(|p| (&p.key, p.computed)).collect();
                    self.object_rest(t, &keys, rest.span);
                    self.bind_pattern(&rest.argument);
                }
                self.free_temp(t);
            }
            BindingPattern::ArrayPattern(a) => {
                let limit = a.rest.is_none().then_some(a.elements.len());
                self.iterable_to_array(limit, a.span);
                let t = self.temp();
                self.op1(Op::StoreLocal, t as i32);
                for (i, el) in a.elements.iter().enumerate() {
                    if let Some(el) = el {
                        self.element(t, i, el.span());
                        self.bind_pattern(el);
                    }
                }
                if let Some(rest) = &a.rest {
                    self.array_rest(t, a.elements.len(), rest.span);
                    self.bind_pattern(&rest.argument);
                }
                self.free_temp(t);
            }
        }
    }

    /// Stores the value on top of the stack into an assignment target
    /// (a variable, a property, or a destructuring pattern).
    pub(super) fn assign_target(&mut self, t: &'a AssignmentTarget<'a>) {
        if !self.enter(t.span()) {
            self.op(Op::Pop);
            return;
        }
        self.assign_target_within(t);
        self.leave();
    }

    fn assign_target_within(&mut self, t: &'a AssignmentTarget<'a>) {
        match t {
            AssignmentTarget::AssignmentTargetIdentifier(id) => {
                let p = self.assign_place(id);
                self.store(p);
            }
            AssignmentTarget::StaticMemberExpression(m) => {
                let k = self.string(m.property.name.as_str(), m.property.span);
                self.expr(&m.object);
                self.op(Op::Swap);
                self.op1(Op::SetField, k.0 as i32);
                self.op(Op::Pop);
            }
            AssignmentTarget::ComputedMemberExpression(m) => {
                let v = self.temp();
                self.op1(Op::StoreLocal, v as i32);
                self.expr(&m.object);
                self.expr(&m.expression);
                self.op1(Op::LoadLocal, v as i32);
                self.op(Op::SetProp);
                self.op(Op::Pop);
                self.free_temp(v);
            }
            AssignmentTarget::ArrayAssignmentTarget(a) => {
                let limit = a.rest.is_none().then_some(a.elements.len());
                self.iterable_to_array(limit, a.span);
                let t = self.temp();
                self.op1(Op::StoreLocal, t as i32);
                for (i, el) in a.elements.iter().enumerate() {
                    if let Some(el) = el {
                        self.element(t, i, el.span());
                        self.assign_maybe_default(el);
                    }
                }
                if let Some(rest) = &a.rest {
                    self.array_rest(t, a.elements.len(), rest.span);
                    self.assign_target(&rest.target);
                }
                self.free_temp(t);
            }
            AssignmentTarget::ObjectAssignmentTarget(o) => {
                let t = self.temp();
                self.op1(Op::StoreLocal, t as i32);
                let mut keys = Vec::new();
                for prop in &o.properties {
                    self.op1(Op::LoadLocal, t as i32);
                    match prop {
                        AssignmentTargetProperty::AssignmentTargetPropertyIdentifier(p) => {
                            let k = self.string(p.binding.name.as_str(), p.binding.span);
                            self.op1(Op::GetField, k.0 as i32);
                            if let Some(init) = &p.init {
                                self.default_value(init);
                            }
                            let place = self.assign_place(&p.binding);
                            self.store(place);
                            keys.push(None);
                        }
                        AssignmentTargetProperty::AssignmentTargetPropertyProperty(p) => {
                            self.get_key(&p.name, p.computed);
                            self.assign_maybe_default(&p.binding);
                            keys.push(Some((&p.name, p.computed)));
                        }
                    }
                }
                if let Some(rest) = &o.rest {
                    // Shorthand properties name their key by their binding.
                    let mut names = Vec::new();
                    for (prop, key) in o.properties.iter().zip(&keys) {
                        match (prop, key) {
                            (_, Some(k)) => names.push(RestKey::Key(k.0, k.1)),
                            (
                                AssignmentTargetProperty::AssignmentTargetPropertyIdentifier(p),
                                None,
                            ) => names.push(RestKey::Name(p.binding.name.as_str())),
                            _ => {}
                        }
                    }
                    self.object_rest_keys(t, &names, rest.span);
                    self.assign_target(&rest.target);
                }
                self.free_temp(t);
            }
            other => {
                self.unsupported(other.span(), "this assignment target");
                self.op(Op::Pop);
            }
        }
    }

    fn assign_maybe_default(&mut self, t: &'a AssignmentTargetMaybeDefault<'a>) {
        match t {
            AssignmentTargetMaybeDefault::AssignmentTargetWithDefault(d) => {
                self.default_value(&d.init);
                self.assign_target(&d.binding);
            }
            other => match other.as_assignment_target() {
                Some(t) => self.assign_target(t),
                None => {
                    self.unsupported(other.span(), "this assignment target");
                    self.op(Op::Pop);
                }
            },
        }
    }

    /// `[v] -> [v]` for an array; otherwise `[v] -> [array]` of the first
    /// `limit` values (all without a limit) of `v`'s iterator.
    fn iterable_to_array(&mut self, limit: Option<usize>, span: oxc_span::Span) {
        let done = self.label();
        let top = self.label();
        let end = self.label();
        let end_pop = self.label();
        self.op(Op::Dup);
        self.op(Op::IsArray);
        self.jump(Op::JumpIfTrue, done);
        self.op1(Op::GetMethod, WellKnown::SymbolIterator.value().0 as i32);
        self.op1(Op::Call, 0);
        let it = self.temp();
        let r = self.temp();
        self.op1(Op::StoreLocal, it as i32);
        self.op1(Op::NewArray, 0);
        self.op1(Op::StoreLocal, r as i32);
        let next = self.string("next", span);
        let done_key = self.string("done", span);
        let value = self.string("value", span);
        self.place_label(top);
        if let Some(k) = limit {
            self.op1(Op::LoadLocal, r as i32);
            self.op1(Op::GetField, WellKnown::StrLength.value().0 as i32);
            self.number(k as f64, span);
            self.op(Op::Lt);
            self.jump(Op::JumpIfFalse, end);
        }
        self.op1(Op::LoadLocal, it as i32);
        self.op1(Op::GetMethod, next.0 as i32);
        self.op1(Op::Call, 0);
        self.op(Op::Dup);
        self.op1(Op::GetField, done_key.0 as i32);
        self.jump(Op::JumpIfTrue, end_pop);
        self.op1(Op::GetField, value.0 as i32);
        self.op1(Op::LoadLocal, r as i32);
        self.op(Op::Swap);
        self.op(Op::ArrayPush);
        self.op(Op::Pop);
        self.jump(Op::Jump, top);
        self.place_label(end_pop);
        self.op(Op::Pop);
        self.place_label(end);
        self.op1(Op::LoadLocal, r as i32);
        self.free_temp(r);
        self.free_temp(it);
        self.place_label(done);
    }

    /// `[] -> [local[t][i]]`.
    fn element(&mut self, t: usize, i: usize, span: oxc_span::Span) {
        self.op1(Op::LoadLocal, t as i32);
        self.number(i as f64, span);
        self.op(Op::GetProp);
    }

    /// `[obj] -> [obj[key]]`.
    pub(super) fn get_key(&mut self, key: &'a PropertyKey<'a>, computed: bool) {
        if let (PropertyKey::StaticIdentifier(id), false) = (key, computed) {
            let k = self.string(id.name.as_str(), id.span);
            self.op1(Op::GetField, k.0 as i32);
            return;
        }
        if !self.push_key(key, computed) {
            self.op(Op::Undefined);
        }
        self.op(Op::GetProp);
    }

    /// `[] -> [array of local[t]'s elements from index `from` on]`.
    fn array_rest(&mut self, t: usize, from: usize, span: oxc_span::Span) {
        self.op1(Op::NewArray, 0);
        if from == 0 {
            self.fill_target("__spread", span, |g| g.op1(Op::LoadLocal, t as i32));
            return;
        }
        let r = self.temp();
        let j = self.temp();
        self.op1(Op::StoreLocal, r as i32);
        self.number(from as f64, span);
        self.op1(Op::StoreLocal, j as i32);
        let top = self.label();
        let end: Label = self.label();
        self.place_label(top);
        self.op1(Op::LoadLocal, j as i32);
        self.op1(Op::LoadLocal, t as i32);
        self.op1(Op::GetField, WellKnown::StrLength.value().0 as i32);
        self.op(Op::Lt);
        self.jump(Op::JumpIfFalse, end);
        self.op1(Op::LoadLocal, r as i32);
        self.op1(Op::LoadLocal, t as i32);
        self.op1(Op::LoadLocal, j as i32);
        self.op(Op::GetProp);
        self.op(Op::ArrayPush);
        self.op(Op::Pop);
        self.op1(Op::LoadLocal, j as i32);
        self.op1(Op::Int8, -1);
        self.op(Op::Sub);
        self.op1(Op::StoreLocal, j as i32);
        self.jump(Op::Jump, top);
        self.place_label(end);
        self.op1(Op::LoadLocal, r as i32);
        self.free_temp(j);
        self.free_temp(r);
    }

    fn object_rest(
        &mut self,
        t: usize,
        keys: &[(&'a PropertyKey<'a>, bool)],
        span: oxc_span::Span,
    ) {
        let keys: Vec<RestKey<'a>> = keys.iter().map(|&(k, c)| RestKey::Key(k, c)).collect();
        self.object_rest_keys(t, &keys, span);
    }

    /// `[] -> [a copy of local[t] without the listed keys]`.
    fn object_rest_keys(&mut self, t: usize, keys: &[RestKey<'a>], span: oxc_span::Span) {
        self.op(Op::NewObject);
        self.fill_target("__copyProps", span, |g| g.op1(Op::LoadLocal, t as i32));
        for key in keys {
            self.op(Op::Dup);
            match *key {
                RestKey::Name(name) => {
                    let k = self.string(name, span);
                    self.value(k);
                }
                RestKey::Key(k, computed) => {
                    if computed {
                        self.unsupported(k.span(), "a computed key before a rest element");
                        self.op(Op::Undefined);
                    } else if !self.push_key(k, false) {
                        self.op(Op::Undefined);
                    }
                }
            }
            self.op(Op::Delete);
            self.op(Op::Pop);
        }
    }

    /// Pushes the rest of the arguments from index `from` as an array and
    /// stores it into `pattern`.
    pub(super) fn rest_param(&mut self, from: usize, pattern: &'a BindingPattern<'a>) {
        self.op1(Op::Arguments, from.min(255) as i32);
        self.bind_pattern(pattern);
    }

    /// Applies a parameter's default and pattern: `arg[i]` is loaded.
    pub(super) fn param_prologue(
        &mut self,
        i: usize,
        pattern: &'a BindingPattern<'a>,
        init: Option<&'a Expression<'a>>,
    ) {
        self.op1(Op::LoadArg, i.min(255) as i32);
        if let Some(init) = init {
            self.default_value(init);
        }
        match pattern {
            BindingPattern::BindingIdentifier(id) => {
                let p = match id.symbol_id.get() {
                    Some(sym) => self.place_of(sym, id.span),
                    None => Place::Invalid,
                };
                self.store(p);
            }
            other => self.bind_pattern(other),
        }
    }
}

/// A key that an object rest element leaves out.
enum RestKey<'a> {
    Key(&'a PropertyKey<'a>, bool),
    Name(&'a str),
}
