//! Engine features and the images that need them: restore refuses an image
//! whose header names a feature this engine was built without, and runs it
//! when the feature is there. CI runs this file with the default features
//! and again without any (`--no-default-features`), so both sides are
//! exercised:
//!
//! ```sh
//! cargo test -p vium-vm --test features
//! cargo test -p vium-vm --no-default-features --test features
//! ```

use vium_vm::format::{
    FEATURE_ACCESSORS, FEATURE_ASYNC, FEATURE_FLOAT, FEATURE_MATH, FEATURE_REFLECT, FEATURE_STRINGS,
};
use vium_vm::{
    ArenaAllocator, CallError, Host, HostCall, HostError, HostValue, ImageError, Vm,
    ENGINE_FEATURES,
};

const ASYNC: &[u8] = include_bytes!("images/async.vbc");
const ACCESSORS: &[u8] = include_bytes!("images/accessors.vbc");
const MATH: &[u8] = include_bytes!("images/math.vbc");
const STRINGS: &[u8] = include_bytes!("images/strings.vbc");
const REFLECT: &[u8] = include_bytes!("images/reflect.vbc");
const BASIC: &[u8] = include_bytes!("images/basic.vbc");
const CLOSURES: &[u8] = include_bytes!("images/closures.vbc");

struct NoImports;

impl Host for NoImports {
    fn write(&mut self, _: &[u8]) {}
    fn call<'s>(
        &'s mut self,
        _: &mut Vm<'_>,
        _: u16,
        _: HostCall,
    ) -> Result<HostValue<'s>, HostError<'s>> {
        Err(HostError::Error("no imports"))
    }
}

/// Whether this engine was built with `feature`. (Through `black_box`:
/// built without any, `ENGINE_FEATURES` is the constant 0, and a mask with
/// a constant 0 reads as a mistake to clippy.)
fn engine_has(feature: u16) -> bool {
    std::hint::black_box(ENGINE_FEATURES) & feature != 0
}

fn flags(image: &[u8]) -> u16 {
    u16::from_le_bytes([image[4], image[5]])
}

/// Restores `image` and hands the VM to `run`, or returns restore's error.
fn with_vm(image: &[u8], run: impl FnOnce(&mut Vm<'_>, &mut NoImports)) -> Result<(), ImageError> {
    let mut buf = vec![0u8; 0x4000];
    let mut alloc = ArenaAllocator::new(&mut buf);
    let mut host = NoImports;
    let mut vm = Vm::restore(image, &mut alloc, &host)?;
    run(&mut vm, &mut host);
    Ok(())
}

#[test]
fn the_build_names_the_features_each_fixture_needs() {
    assert_eq!(flags(ASYNC), FEATURE_ASYNC, "a suspended async function");
    // The getter is defined by top-level code, which the image does not
    // keep: the heap's accessor pair alone sets the bit.
    // Its second export logs the object: `reflect`.
    assert_eq!(
        flags(ACCESSORS),
        FEATURE_ACCESSORS | FEATURE_REFLECT,
        "an object with a getter"
    );
    assert_eq!(flags(MATH), FEATURE_MATH, "`**`");
    assert_eq!(flags(STRINGS), FEATURE_STRINGS, "`substring`, `charCodeAt`");
    assert_eq!(flags(REFLECT), FEATURE_REFLECT, "`Object.keys`, spread");
    assert_eq!(flags(BASIC), FEATURE_FLOAT);
    assert_eq!(flags(CLOSURES), 0);
}

#[test]
fn restore_refuses_exactly_the_images_that_need_a_missing_feature() {
    for (name, image) in [
        ("async", ASYNC),
        ("accessors", ACCESSORS),
        ("math", MATH),
        ("strings", STRINGS),
        ("reflect", REFLECT),
        ("basic", BASIC),
        ("closures", CLOSURES),
    ] {
        let missing = flags(image) & !std::hint::black_box(ENGINE_FEATURES);
        let outcome = with_vm(image, |_, _| {});
        if missing == 0 {
            assert_eq!(outcome, Ok(()), "{name}");
        } else {
            assert_eq!(outcome, Err(ImageError::MissingFeature(missing)), "{name}");
        }
    }
}

#[test]
fn an_await_pending_at_build_time_resumes_on_the_device() {
    let outcome = with_vm(ASYNC, |vm, host| {
        vm.call_export(host, 1, &[HostValue::Int(41)]).unwrap();
        vm.run_jobs(host).unwrap();
        vm.call_export(host, 2, &[]).unwrap();
        assert_eq!(vm.result().to_i32(), 42);
    });
    if engine_has(FEATURE_ASYNC) {
        assert_eq!(outcome, Ok(()));
    } else {
        assert_eq!(outcome, Err(ImageError::MissingFeature(FEATURE_ASYNC)));
    }
}

#[test]
fn a_getter_and_setter_from_the_build_run_on_the_device() {
    let outcome = with_vm(ACCESSORS, |vm, host| {
        // box.twice = 10 sets n to 5; box.twice + 1 reads 2 * 5 + 1.
        vm.call_export(host, 1, &[HostValue::Int(10)]).unwrap();
        assert_eq!(vm.result().to_i32(), 11);
    });
    if engine_has(FEATURE_ACCESSORS | FEATURE_REFLECT) {
        assert_eq!(outcome, Ok(()));
    } else {
        let missing = flags(ACCESSORS) & !std::hint::black_box(ENGINE_FEATURES);
        assert_eq!(outcome, Err(ImageError::MissingFeature(missing)));
    }
}

#[test]
fn powers_need_math_only_where_floats_exist() {
    let outcome = with_vm(MATH, |vm, host| {
        vm.call_export(host, 1, &[HostValue::Int(3), HostValue::Int(4)])
            .unwrap();
        assert_eq!(vm.result().to_i32(), 81);
        if engine_has(FEATURE_FLOAT) {
            vm.call_export(host, 1, &[HostValue::Number(2.0), HostValue::Number(0.5)])
                .unwrap();
            assert_eq!(vm.result().to_f64(), 2f64.sqrt());
        }
    });
    // An engine without float has every power it can represent.
    if engine_has(FEATURE_MATH) {
        assert!(!engine_has(FEATURE_FLOAT) || cfg!(feature = "math"));
        assert_eq!(outcome, Ok(()));
    } else {
        assert_eq!(outcome, Err(ImageError::MissingFeature(FEATURE_MATH)));
    }
}

#[test]
fn string_methods_need_the_strings_feature() {
    let outcome = with_vm(STRINGS, |vm, host| {
        vm.call_export(host, 1, &[HostValue::Int(1)]).unwrap();
        assert_eq!(vm.result().to_i32(), 265);
    });
    if engine_has(FEATURE_STRINGS) {
        assert_eq!(outcome, Ok(()));
    } else {
        assert_eq!(outcome, Err(ImageError::MissingFeature(FEATURE_STRINGS)));
    }
}

#[test]
fn object_reflection_needs_the_reflect_feature() {
    let outcome = with_vm(REFLECT, |vm, host| {
        vm.call_export(host, 1, &[HostValue::Int(1)]).unwrap();
        assert_eq!(vm.result().to_i32(), 306);
    });
    if engine_has(FEATURE_REFLECT) {
        assert_eq!(outcome, Ok(()));
    } else {
        assert_eq!(outcome, Err(ImageError::MissingFeature(FEATURE_REFLECT)));
    }
}

/// The image with its required-feature bits cleared, and its checksum made
/// right again: what a careless tool or a hostile sender could produce.
fn without_feature_bits(image: &[u8]) -> Vec<u8> {
    let mut forged = image.to_vec();
    forged[4..6].copy_from_slice(&0u16.to_le_bytes());
    let crc = vium_vm::format::image_crc(&forged);
    forged[8..10].copy_from_slice(&crc.to_le_bytes());
    forged
}

#[test]
fn an_image_that_hides_what_it_needs_is_still_refused() {
    // A continuation or an accessor pair in the heap is a malformed
    // allocation to an engine that cannot run it.
    for (image, feature) in [(ASYNC, FEATURE_ASYNC), (ACCESSORS, FEATURE_ACCESSORS)] {
        // (The accessors image's `reflect` is used only by its export 2.)
        let outcome = with_vm(&without_feature_bits(image), |_, _| {});
        if !engine_has(feature) {
            assert!(
                matches!(outcome, Err(ImageError::Corrupt(_))),
                "{outcome:?}"
            );
        } else {
            // The bits are a promise to the engine, not what makes it work.
            assert_eq!(outcome, Ok(()));
        }
    }
    // `**` hidden from a float engine without `math` throws a RangeError
    // that names the feature, where it would need a float result.
    let outcome = with_vm(&without_feature_bits(MATH), |vm, host| {
        if !engine_has(FEATURE_FLOAT) {
            let r = vm.call_export(host, 1, &[HostValue::Int(3), HostValue::Int(4)]);
            assert_eq!((r, vm.result().to_i32()), (Ok(()), 81));
            return;
        }
        let r = vm.call_export(host, 1, &[HostValue::Number(2.0), HostValue::Number(0.5)]);
        if engine_has(FEATURE_MATH) {
            assert_eq!(r, Ok(()));
        } else {
            assert_eq!(r, Err(CallError::Uncaught));
            let mut text = Vec::new();
            vm.exception()
                .write_display(&mut |b| text.extend_from_slice(b));
            assert_eq!(
                String::from_utf8(text).unwrap(),
                "RangeError: x ** y needs the engine feature math"
            );
        }
    });
    assert_eq!(outcome, Ok(()));
    // A string native hidden from an engine without `strings` throws a
    // TypeError that names the feature.
    let outcome = with_vm(&without_feature_bits(STRINGS), |vm, host| {
        let r = vm.call_export(host, 1, &[HostValue::Int(1)]);
        if engine_has(FEATURE_STRINGS) {
            assert_eq!((r, vm.result().to_i32()), (Ok(()), 265));
            return;
        }
        assert_eq!(r, Err(CallError::Uncaught));
        let mut text = Vec::new();
        vm.exception()
            .write_display(&mut |b| text.extend_from_slice(b));
        assert_eq!(
            String::from_utf8(text).unwrap(),
            "TypeError: string methods need the engine feature strings"
        );
    });
    assert_eq!(outcome, Ok(()));
    // So does a reflection native hidden from an engine without `reflect`.
    let outcome = with_vm(&without_feature_bits(REFLECT), |vm, host| {
        let r = vm.call_export(host, 1, &[HostValue::Int(1)]);
        if engine_has(FEATURE_REFLECT) {
            assert_eq!((r, vm.result().to_i32()), (Ok(()), 306));
            return;
        }
        assert_eq!(r, Err(CallError::Uncaught));
        let mut text = Vec::new();
        vm.exception()
            .write_display(&mut |b| text.extend_from_slice(b));
        assert_eq!(
            String::from_utf8(text).unwrap(),
            "TypeError: object reflection needs the engine feature reflect"
        );
    });
    assert_eq!(outcome, Ok(()));
}
