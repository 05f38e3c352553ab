//! The snapshot writer (feature `snapshot`): turns a build-time VM into an
//! image. Owns reachability (tree-shaking) and relocation; reads the VM's
//! memory only through the accessors of `vm`.
//!
//! Reachability starts from the values recorded by `vmExport`, follows heap
//! slots, closures' functions and, inside each reachable function's
//! bytecode, every `Const` operand and every global the code names. Module
//! bodies, the build entry and globals no kept code mentions are dropped;
//! kept globals are renumbered. Immutable heap values (strings, boxed
//! numbers, host functions) move to ROM, strings deduplicated.

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::vec::Vec;

use crate::builtins::{EVAL_TABLE, FIRST_RESERVED_EXPORT};
use crate::format::{self, function, BuildError, ImageBuilder, TypeCode};
use crate::ops::{decode, Op, Operand};
use crate::value::{Value, WellKnown};
use crate::vm::Vm;

/// Why a snapshot could not be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnapshotError {
    /// Only a build-time VM, between calls, can be snapshotted.
    NotAtBuildTime,
    /// Promise jobs are still queued (drain them with `Vm::settle` first):
    /// the image has no job queue.
    PendingJobs,
    /// The VM's memory holds something the writer cannot follow.
    Corrupt(&'static str),
    /// The image would break a format limit.
    Build(BuildError),
}

impl From<BuildError> for SnapshotError {
    fn from(e: BuildError) -> Self {
        SnapshotError::Build(e)
    }
}

/// What the names reachable code mentions record for `Symbol.iterator` (a
/// symbol, not a string; a script's string "@@iterator" would only keep the
/// iterators too).
const ITERATOR_NAME: &[u8] = b"@@iterator";

/// The methods ToPrimitive calls.
const CONVERSION_METHODS: [&[u8]; 2] = [b"toString", b"valueOf"];

/// Where a reachable allocation lives: (is_ram, payload offset).
type Loc = (bool, u16);

#[derive(Default)]
struct Plan {
    /// Reachable allocations in discovery order.
    order: Vec<Loc>,
    seen: BTreeMap<Loc, ()>,
    /// Old global index → new index.
    globals: BTreeMap<usize, usize>,
    global_order: Vec<usize>,
    /// Globals that reachable code stores to.
    stored: BTreeSet<usize>,
    /// Globals no reachable code stores to that hold a ROM value or an
    /// int: their loads become constants and they take no RAM.
    folded: BTreeMap<usize, Value>,
    /// FixedArray → the array length that owns it (to trim spare capacity).
    fixed_len: BTreeMap<u16, usize>,
    /// Property lists of builtin objects → the member indices kept.
    kept_members: BTreeMap<u16, Vec<usize>>,
}

fn loc(v: Value) -> Option<Loc> {
    if v.is_ram() && v.0 != 0 {
        Some((true, v.ram_offset()))
    } else {
        v.rom_offset().map(|o| (false, o))
    }
}

impl Vm<'_> {
    /// Writes the VM's reachable state as a new image.
    pub fn snapshot(&self) -> Result<Vec<u8>, SnapshotError> {
        if !self.build_time() || self.depth() != 0 {
            return Err(SnapshotError::NotAtBuildTime);
        }
        if self.jobs != Value::UNDEFINED {
            return Err(SnapshotError::PendingJobs);
        }
        let mut plan = Plan::default();
        let mut exports = Vec::new();
        let mut work: Vec<Value> = Vec::new();
        if self.round.exports_table != Value::UNDEFINED {
            let n = self.array_len(self.round.exports_table);
            for i in (0..n).step_by(2) {
                let id = self.array_get(self.round.exports_table, i);
                let v = self.array_get(self.round.exports_table, i + 1);
                let id = self.int_of(id).ok_or(SnapshotError::Corrupt("export id"))? as u16;
                // A later vmExport with the same id wins.
                exports.retain(|(e, _)| *e != id);
                // The eval table is for the build only: a device has no
                // compiler, so `eval` cannot succeed there anyway, and the
                // table would keep every generated function alive.
                if id != EVAL_TABLE {
                    exports.push((id, v));
                }
            }
        }
        // The script's exports are roots. The builtin library's objects
        // (reserved ids: member objects, the statics of its classes) are
        // not: only their members whose names reachable code mentions are
        // kept, found by iterating to a fixed point. Reaching such an object
        // through a reference (a class in a global) keeps the object, not
        // its members.
        let mut pruned: Vec<(Value, Value)> = Vec::new();
        for (id, v) in &exports {
            match self.pruned_members(*id, *v) {
                Some(props) => pruned.push((*v, props)),
                None => work.push(*v),
            }
        }
        for (_, props) in &pruned {
            plan.kept_members.entry(props.ram_offset()).or_default();
        }
        let mut names: BTreeSet<Vec<u8>> = BTreeSet::new();
        loop {
            self.discover(&mut work, &mut plan, &mut names)?;
            for (obj, props) in &pruned {
                let n = self.slot(*props, 0).as_int().unwrap_or(0) as usize;
                let is_class = self.header(*obj).0 == TypeCode::Class;
                if is_class && !plan.seen.contains_key(&(true, obj.ram_offset())) {
                    // An unreachable class keeps nothing.
                    continue;
                }
                let kept = plan.kept_members.entry(props.ram_offset()).or_default();
                for i in 0..n {
                    let key = self.slot(*props, 1 + 2 * i);
                    let named = match self.str_bytes(key) {
                        // A class keeps its prototype whatever is named.
                        Some(k) => names.contains(k) || (is_class && k == b"prototype"),
                        None => {
                            (key == WellKnown::StrPrototype.value() && is_class)
                                || (key == WellKnown::SymbolIterator.value()
                                    && names.contains(ITERATOR_NAME))
                        }
                    };
                    if named && !kept.contains(&i) {
                        kept.push(i);
                        work.push(key);
                        work.push(self.slot(*props, 2 + 2 * i));
                    }
                }
                if !is_class
                    && !kept.is_empty()
                    && !plan.seen.contains_key(&(true, obj.ram_offset()))
                {
                    // A member object is kept for its members.
                    work.push(*obj);
                }
            }
            if work.is_empty() {
                break;
            }
        }
        exports.retain(|(_, v)| {
            !pruned.iter().any(|(o, _)| o == v) || plan.seen.contains_key(&(true, v.ram_offset()))
        });
        // A global that nothing reachable writes keeps its build-time value
        // for ever: when that value needs no RAM, loads use it directly.
        let order = core::mem::take(&mut plan.global_order);
        plan.globals.clear();
        for g in order {
            let v = self.global(g);
            if !plan.stored.contains(&g) && !v.is_ram() {
                plan.folded.insert(g, v);
            } else {
                plan.globals.insert(g, plan.global_order.len());
                plan.global_order.push(g);
            }
        }
        for kept in plan.kept_members.values_mut() {
            kept.sort_unstable();
        }

        // Lay out: ROM values, then immutable heap values moved to ROM;
        // mutable heap values in discovery order.
        let mut b = ImageBuilder::new();
        let mut rom_new: BTreeMap<Loc, Value> = BTreeMap::new();
        let mut heap_new: BTreeMap<u16, Value> = BTreeMap::new();
        let mut strings: BTreeMap<Vec<u8>, Value> = BTreeMap::new();
        // Discovery order, not the build image's order: the layout then
        // depends only on what is kept, not on what else was compiled (the
        // prelude), so equal programs give equal bytes.
        let rom_items: Vec<Loc> = plan.order.iter().copied().filter(|l| !l.0).collect();
        let mut frozen: Vec<Loc> = Vec::new();
        let mut mutable: Vec<Loc> = Vec::new();
        for l in plan.order.iter().copied().filter(|l| l.0) {
            let ty = self.header(Value::from_ram_offset(l.1)).0;
            if ty.holds_values() || ty == TypeCode::Bytes {
                mutable.push(l);
            } else {
                frozen.push(l);
            }
        }
        // Reserve ROM addresses by emitting placeholders of the final sizes;
        // functions are patched once every address is known.
        for l in rom_items.iter().chain(frozen.iter()) {
            let v = if l.0 {
                Value::from_ram_offset(l.1)
            } else {
                Value::from_rom_offset(l.1)
                    .ok_or(SnapshotError::Corrupt("unreadable allocation"))?
            };
            let (ty, _) = self.header(v);
            let payload = self.payload(v);
            if ty.is_string() {
                if let Some(existing) = strings.get(payload) {
                    rom_new.insert(*l, *existing);
                    continue;
                }
            }
            let nv = b.rom_alloc(ty, payload)?;
            if ty.is_string() {
                strings.insert(payload.to_vec(), nv);
            }
            if ty == TypeCode::Float64 {
                b.flags |= format::FEATURE_FLOAT;
            }
            if ty == TypeCode::HostFunc {
                let id = format::read_u16(payload, 0)
                    .ok_or(SnapshotError::Corrupt("unreadable allocation"))?;
                if !b.imports.contains(&id) {
                    b.imports.push(id);
                }
            }
            rom_new.insert(*l, nv);
        }
        let mut heap_at = 0usize;
        let mut heap_sizes = Vec::new();
        for l in &mutable {
            let v = Value::from_ram_offset(l.1);
            let (ty, size) = self.header(v);
            let size = self.trimmed_size(v, ty, size, &plan);
            heap_new.insert(l.1, Value::from_ram_offset((heap_at + 2) as u16));
            heap_at += format::alloc_footprint(size);
            heap_sizes.push((ty, size));
            b.flags |= self.features_held(v, ty, size);
            if heap_at > crate::vm::MAX_HEAP {
                return Err(SnapshotError::Build(BuildError::ImageTooLarge {
                    size: heap_at,
                }));
            }
        }

        // Every kept value passes through here: a native that needs an
        // engine feature sets its bit.
        let native_features = core::cell::Cell::new(0u16);
        let relocate = |v: Value| -> Value {
            native_features.set(native_features.get() | v.well_known().map_or(0, native_feature));
            match loc(v) {
                Some((false, o)) => rom_new
                    .get(&(false, o))
                    .copied()
                    .unwrap_or(Value::UNDEFINED),
                Some((true, o)) => heap_new
                    .get(&o)
                    .or_else(|| rom_new.get(&(true, o)))
                    .copied()
                    .unwrap_or(Value::UNDEFINED),
                None => v,
            }
        };

        // Patch function operands, noting the features the code needs.
        let mut code_features = 0;
        for l in &rom_items {
            let old = Value::from_rom_offset(l.1)
                .ok_or(SnapshotError::Corrupt("unreadable allocation"))?;
            if self.header(old).0 != TypeCode::Function {
                continue;
            }
            let nv = rom_new[l];
            let payload = b
                .rom_payload_mut(nv)
                .ok_or(SnapshotError::Corrupt("unreadable allocation"))?;
            let mut at = function::CODE;
            while at < payload.len() {
                let d = decode(payload, at).ok_or(SnapshotError::Corrupt("bad bytecode"))?;
                code_features |= match d.op {
                    Op::Await => format::FEATURE_ASYNC,
                    Op::InitAccessor => format::FEATURE_ACCESSORS,
                    Op::Pow => format::FEATURE_MATH,
                    _ => 0,
                };
                let mut p = at + 1;
                for (k, kind) in d.op.operands().iter().enumerate() {
                    let new = match kind {
                        Operand::Const => Some(relocate(Value(d.operands[k] as u16)).0),
                        Operand::Global => {
                            let g = d.operands[k] as usize;
                            match plan.folded.get(&g) {
                                // Only loads reach here: stored globals are not folded.
                                Some(v) => {
                                    payload[at] = Op::Const as u8;
                                    Some(relocate(*v).0)
                                }
                                None => Some(
                                    *plan
                                        .globals
                                        .get(&g)
                                        .ok_or(SnapshotError::Corrupt("global"))?
                                        as u16,
                                ),
                            }
                        }
                        _ => None,
                    };
                    if let Some(n) = new {
                        payload[p..p + 2].copy_from_slice(&n.to_le_bytes());
                    }
                    p += kind.size();
                }
                at = d.next();
            }
        }
        b.flags |= code_features;

        // Heap, globals, exports.
        for (l, (ty, size)) in mutable.iter().zip(heap_sizes) {
            let v = Value::from_ram_offset(l.1);
            let mut payload = Vec::with_capacity(size);
            if let Some(kept) = plan.kept_members.get(&l.1) {
                let count = Value::int(kept.len() as i32).ok_or(SnapshotError::Corrupt("count"))?;
                payload.extend_from_slice(&count.0.to_le_bytes());
                for &i in kept {
                    for k in [1 + 2 * i, 2 + 2 * i] {
                        let s = self.slot(v, k);
                        payload.extend_from_slice(&relocate(s).0.to_le_bytes());
                    }
                }
            } else if ty == TypeCode::Bytes {
                payload.extend_from_slice(self.payload(v));
            } else {
                for k in 0..size / 2 {
                    let s = self.slot(v, k);
                    payload.extend_from_slice(&relocate(s).0.to_le_bytes());
                }
            }
            b.heap_alloc(ty, &payload)?;
        }
        for g in &plan.global_order {
            b.globals.push(relocate(self.global(*g)));
        }
        for (id, v) in exports {
            b.exports.push((id, relocate(v)));
        }
        b.flags |= native_features.get();
        Ok(b.finish()?)
    }

    /// Marks everything reachable from `work`, recording the string
    /// constants reachable code uses (the names builtins are kept by).
    fn discover(
        &self,
        work: &mut Vec<Value>,
        plan: &mut Plan,
        names: &mut BTreeSet<Vec<u8>>,
    ) -> Result<(), SnapshotError> {
        while let Some(v) = work.pop() {
            let Some(l) = loc(v) else { continue };
            if plan.seen.insert(l, ()).is_some() {
                continue;
            }
            plan.order.push(l);
            let (ty, size) = self.header(v);
            match ty {
                TypeCode::Function => {
                    let code = &self.payload(v)[function::CODE.min(size)..];
                    let mut at = 0;
                    while at < code.len() {
                        let d = decode(code, at).ok_or(SnapshotError::Corrupt("bad bytecode"))?;
                        for (k, kind) in d.op.operands().iter().enumerate() {
                            match kind {
                                Operand::Const => {
                                    let c = Value(d.operands[k] as u16);
                                    if let Some(text) = self.str_bytes(c) {
                                        names.insert(text.to_vec());
                                    }
                                    if c == WellKnown::SymbolIterator.value() {
                                        names.insert(ITERATOR_NAME.to_vec());
                                    }
                                    work.push(c)
                                }
                                Operand::Global => {
                                    let g = d.operands[k] as usize;
                                    if d.op == Op::StoreGlobal {
                                        plan.stored.insert(g);
                                    }
                                    if !plan.globals.contains_key(&g) {
                                        plan.globals.insert(g, plan.global_order.len());
                                        plan.global_order.push(g);
                                        work.push(self.global(g));
                                    }
                                }
                                _ => {}
                            }
                        }
                        at = d.next();
                    }
                }
                TypeCode::Array => {
                    let data = self.slot(v, 0);
                    if data.is_ram() && data.0 != 0 {
                        let len = self.array_len(v);
                        plan.fixed_len.insert(data.ram_offset(), len);
                    }
                    for k in 0..size / 2 {
                        work.push(self.slot(v, k));
                    }
                }
                // Members of a builtin object are pushed by name (`snapshot`).
                TypeCode::PropList if plan.kept_members.contains_key(&v.ram_offset()) => {}
                TypeCode::PropList => {
                    // Operators call an object's own `toString` and
                    // `valueOf` (ToPrimitive) without code naming them:
                    // such a key keeps the builtin library's ToPrimitive.
                    let n = self.slot(v, 0).as_int().unwrap_or(0).max(0) as usize;
                    for i in 0..n.min(size / 4) {
                        if let Some(k) = self.str_bytes(self.slot(v, 1 + 2 * i)) {
                            if CONVERSION_METHODS.contains(&k) {
                                names.insert(k.to_vec());
                            }
                        }
                    }
                    for k in 0..size / 2 {
                        work.push(self.slot(v, k));
                    }
                }
                t if t.holds_values() => {
                    for k in 0..size / 2 {
                        work.push(self.slot(v, k));
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// For a builtin library export whose members are kept by name (a
    /// member object, or a class's statics), the property list to prune.
    fn pruned_members(&self, id: u16, v: Value) -> Option<Value> {
        if id < FIRST_RESERVED_EXPORT || !v.is_ram() {
            return None;
        }
        let holder = match self.tc(v) {
            TypeCode::Object => v,
            TypeCode::Class => self.slot(v, 1),
            _ => return None,
        };
        if !holder.is_ram() || self.tc(holder) != TypeCode::Object {
            return None;
        }
        let props = self.slot(holder, 1);
        if !props.is_ram() || self.tc(props) != TypeCode::PropList {
            return None;
        }
        Some(props)
    }

    /// The required-feature bits a kept heap allocation needs: a
    /// continuation (a closure longer than two slots) needs `async`, a
    /// property list holding an accessor pair needs `accessors`.
    fn features_held(&self, v: Value, ty: TypeCode, size: usize) -> u16 {
        match ty {
            TypeCode::Closure if size > 2 * crate::exec::continuation::CLOSURE_SLOTS => {
                format::FEATURE_ASYNC
            }
            TypeCode::PropList
                if (0..(size / 2).saturating_sub(1) / 2)
                    .any(|k| self.tc(self.slot(v, 2 + 2 * k)) == TypeCode::FixedArray) =>
            {
                format::FEATURE_ACCESSORS
            }
            _ => 0,
        }
    }

    /// Payload size to write: property lists and array storage lose spare
    /// capacity.
    fn trimmed_size(&self, v: Value, ty: TypeCode, size: usize, plan: &Plan) -> usize {
        match ty {
            TypeCode::PropList => {
                let n = match plan.kept_members.get(&v.ram_offset()) {
                    Some(kept) => kept.len(),
                    None => self.slot(v, 0).as_int().unwrap_or(0) as usize,
                };
                (2 + 4 * n).min(size)
            }
            TypeCode::FixedArray => match plan.fixed_len.get(&v.ram_offset()) {
                Some(len) => (2 * len).clamp(2, size),
                None => size,
            },
            _ => size,
        }
    }
}

/// The required-feature bit an engine needs to run native `w`.
fn native_feature(w: WellKnown) -> u16 {
    match w {
        WellKnown::ParseFloat
        | WellKnown::CharCodeAt
        | WellKnown::FromCharCode
        | WellKnown::Substring
        | WellKnown::StringIndexOf
        | WellKnown::ToFixed
        | WellKnown::Join => format::FEATURE_STRINGS,
        WellKnown::OwnEntries
        | WellKnown::ObjectKeys
        | WellKnown::Define
        | WellKnown::Proto
        | WellKnown::TypeTag => format::FEATURE_REFLECT,
        _ => 0,
    }
}
