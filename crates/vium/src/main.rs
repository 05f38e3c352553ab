//! `vium`: build, run, disassemble and inspect Vium images.

mod host;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser, Subcommand};
use vium_compiler::driver::{self, BuildError, DEFAULT_BUDGET};
use vium_vm::{CallError, HeapLimit, HostValue, StdAllocator, Vm, VmError};

use host::CliHost;

/// Vium: JavaScript for microcontrollers. Scripts run at build time and are
/// snapshotted into compact images that a tiny runtime resumes on the device.
#[derive(Parser)]
#[command(name = "vium", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a script (built in memory) or an image on a freshly restored VM.
    #[command(
        after_help = "Examples:\n  vium run examples/hello.js\n  vium run counter.vbc --call 1 5"
    )]
    Run {
        /// A `.js` script or an image file.
        file: PathBuf,
        /// Call the export with this numeric id, then pass the remaining
        /// values as arguments (each parsed as JSON: a number, string,
        /// boolean or null; plain text is a string).
        #[arg(long, num_args = 1.., allow_negative_numbers = true, value_name = "ID [ARG]...")]
        call: Vec<String>,
        /// VM stack size in bytes while running (the library's default for
        /// devices is 1024; the desktop runner allows deep recursion).
        #[arg(long, default_value_t = 16384)]
        stack: usize,
        /// Instructions the build-time run of a script may execute (its
        /// top level, promise jobs and deferred host calls), and again the
        /// call: a runaway loop ends with an error instead of hanging.
        /// `none` lifts the limit.
        #[arg(long, value_name = "STEPS", value_parser = parse_budget, default_value_t = Budget(Some(DEFAULT_BUDGET)))]
        budget: Budget,
        /// Cap the run-time heap at this many bytes (at most 65534); past
        /// it, allocation throws a RangeError inside the script.
        #[arg(long, value_name = "BYTES")]
        heap_limit: Option<usize>,
    },
    /// Build a script into an image file.
    #[command(after_help = "Example:\n  vium build examples/counter.js -o counter.vbc")]
    Build {
        /// The entry module.
        script: PathBuf,
        /// Where to write the image.
        #[arg(short, long)]
        output: PathBuf,
        /// Instructions the build-time run may execute (the top level,
        /// promise jobs and deferred host calls together): a build that
        /// never ends stops with an error. `none` lifts the limit.
        #[arg(long, value_name = "STEPS", value_parser = parse_budget, default_value_t = Budget(Some(DEFAULT_BUDGET)))]
        budget: Budget,
    },
    /// Print a readable map of an image (or of the image a script builds to).
    Disasm { file: PathBuf },
    /// Print an image's section sizes and the memory of a restored, idle VM.
    Stats { file: PathBuf },
}

/// A step budget: `None` is no limit.
#[derive(Clone, Copy, Debug)]
struct Budget(Option<u32>);

impl std::fmt::Display for Budget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(steps) => write!(f, "{steps}"),
            None => f.write_str("none"),
        }
    }
}

fn parse_budget(text: &str) -> Result<Budget, String> {
    if text == "none" {
        return Ok(Budget(None));
    }
    match text.parse::<u32>() {
        Ok(steps) if steps < u32::MAX => Ok(Budget(Some(steps))),
        _ => Err(format!(
            "expected a number of steps below {} or `none`",
            u32::MAX
        )),
    }
}

/// The advice that ends a budget error.
const RAISE_BUDGET: &str = "raise it with --budget STEPS, or lift it with --budget none";

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Run { call, .. } = &cli.command {
        // Bad usage is found before anything runs (exit 2, with help).
        if let Err(message) = parse_call(call) {
            let mut command = Cli::command();
            command.build();
            let run = command.find_subcommand_mut("run").expect("a run command");
            run.error(ErrorKind::ValueValidation, message).exit();
        }
    }
    let stdout = std::io::stdout();
    let mut host = CliHost::new(std::io::BufWriter::new(stdout.lock()));
    let code = match run(cli.command, &mut host) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            let _ = host.out.flush();
            eprintln!("{message}");
            ExitCode::from(1)
        }
    };
    let _ = host.out.flush();
    #[cfg(feature = "coverage")]
    write_coverage();
    code
}

/// Appends `NAME COUNT` lines for every opcode executed in this process,
/// and a `builtin NAME` line for every builtin it called.
#[cfg(feature = "coverage")]
fn write_coverage() {
    let Ok(path) = std::env::var("VIUM_COVERAGE_FILE") else {
        return;
    };
    let mut text = String::new();
    for op in vium_vm::Op::ALL {
        let n = vium_vm::coverage::hits(*op);
        if n > 0 {
            text.push_str(&format!("{} {n}\n", op.name()));
        }
    }
    for name in vium_vm::coverage::builtins_called() {
        text.push_str(&format!("builtin {name}\n"));
    }
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        let _ = f.write_all(text.as_bytes());
    }
}

fn is_script(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("js" | "mjs")
    )
}

/// The largest image there is: an image's size is a 16-bit field.
const MAX_IMAGE_BYTES: usize = 0xFFFF;

/// The image for `file`: read it, or build the script (printing what its top
/// level logs) with the given budget.
fn load_image<W: Write>(
    file: &Path,
    host: &mut CliHost<W>,
    budget: Budget,
) -> Result<Vec<u8>, String> {
    if is_script(file) {
        driver::build_file_with_budget(file, host, budget.0).map_err(|e| match e {
            BuildError::Uncaught(_) | BuildError::Compile(_) => {
                e.to_string().trim_end().to_string()
            }
            BuildError::BudgetExhausted { .. } => format!("error: {e}; {RAISE_BUDGET}"),
            other => format!("error: {other}"),
        })
    } else {
        read_image(file).map_err(|why| format!("error: cannot read {}: {why}", file.display()))
    }
}

/// Reads an image file, refusing a directory and anything larger than an
/// image can be without reading more than one byte past that.
fn read_image(file: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let opened = std::fs::File::open(file).map_err(|e| e.to_string())?;
    if opened.metadata().is_ok_and(|m| m.is_dir()) {
        return Err("it is a directory, not a file".into());
    }
    let mut bytes = Vec::new();
    opened
        .take(MAX_IMAGE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(format!(
            "it is larger than {MAX_IMAGE_BYTES} bytes, the most an image can be \
             (a script must end in .js or .mjs)"
        ));
    }
    Ok(bytes)
}

/// `--call ID [ARG]...` as an export id and JSON arguments, or why it is
/// bad usage.
fn parse_call(call: &[String]) -> Result<Option<(u16, Vec<serde_json::Value>)>, String> {
    let Some((id, args)) = call.split_first() else {
        return Ok(None);
    };
    let id: u16 = id
        .parse()
        .map_err(|_| format!("--call needs a numeric export id from 0 to 65535, got `{id}`"))?;
    let json = args
        .iter()
        .map(|a| {
            let value = serde_json::from_str(a).unwrap_or(serde_json::Value::String(a.clone()));
            match value {
                serde_json::Value::Array(_) | serde_json::Value::Object(_) => Err(format!(
                    "--call argument `{a}`: only numbers, strings, booleans and null \
                     can be passed (the host API makes no arrays or objects)"
                )),
                value => Ok(value),
            }
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(Some((id, json)))
}

fn run<W: Write>(command: Command, host: &mut CliHost<W>) -> Result<(), String> {
    match command {
        Command::Run {
            file,
            call,
            stack,
            budget,
            heap_limit,
        } => {
            let image = load_image(&file, host, budget)?;
            let mut std_alloc = StdAllocator;
            let mut alloc = HeapLimit::new(&mut std_alloc, heap_limit.unwrap_or(usize::MAX));
            let mut vm = Vm::restore(&image, &mut alloc, host).map_err(|e| {
                format!("error: cannot restore {}: {}", file.display(), e.message())
            })?;
            vm.set_stack_size(stack);
            // Checked in `main` before anything ran.
            if let Ok(Some((id, json))) = parse_call(&call) {
                let args: Vec<HostValue> = json.iter().filter_map(host_value).collect();
                vm.set_budget(budget.0);
                let outcome = vm
                    .call_export(host, id, &args)
                    .and_then(|()| vm.settle(host));
                match outcome {
                    Ok(()) => {}
                    Err(CallError::Uncaught) => {
                        return Err(format!("Uncaught {}", driver::display(&vm)))
                    }
                    Err(CallError::NoSuchExport(id)) => {
                        return Err(format!("error: the image has no export with id {id}"))
                    }
                    Err(CallError::Fatal(VmError::BudgetExhausted)) => {
                        return Err(format!(
                            "error: the call did not finish within its budget of {budget} \
                             steps (with its promise jobs and deferred host calls); \
                             {RAISE_BUDGET}"
                        ))
                    }
                    Err(CallError::Fatal(e)) => return Err(format!("error: {}", e.message())),
                }
            }
            Ok(())
        }
        Command::Build {
            script,
            output,
            budget,
        } => {
            let image = load_image(&script, host, budget)?;
            std::fs::write(&output, &image)
                .map_err(|e| format!("error: cannot write {}: {e}", output.display()))?;
            let _ = host.out.flush();
            let flags = image
                .get(4..6)
                .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]));
            let needs = match vium_compiler::feature_names(flags) {
                names if names.is_empty() => String::new(),
                names => format!("; needs engine features: {names}"),
            };
            eprintln!("wrote {} ({} bytes{needs})", output.display(), image.len());
            Ok(())
        }
        Command::Disasm { file } => {
            let image = load_image(&file, host, Budget(Some(DEFAULT_BUDGET)))?;
            let text = vium_compiler::disassemble(&image).map_err(|e| format!("error: {e}"))?;
            let _ = host.out.write_all(text.as_bytes());
            Ok(())
        }
        Command::Stats { file } => {
            let image = load_image(&file, host, Budget(Some(DEFAULT_BUDGET)))?;
            let parsed = vium_vm::Image::parse(&image, vium_vm::ENGINE_FEATURES)
                .map_err(|e| format!("error: {}", e.message()))?;
            let mut alloc = StdAllocator;
            let vm = Vm::restore(&image, &mut alloc, host)
                .map_err(|e| format!("error: cannot restore: {}", e.message()))?;
            let m = vm.memory_stats();
            let sec = |r: (usize, usize)| r.1 - r.0;
            let text = format!(
                "image: {} bytes\n  header: {}\n  rom: {}\n  imports: {}\n  exports: {}\n  globals: {}\n  heap: {}\n\
                 idle VM RAM: {} bytes (VM struct {} on this host + globals {} + heap {})\n",
                image.len(),
                vium_vm::format::HEADER_SIZE,
                sec(parsed.rom()),
                sec(parsed.imports()),
                sec(parsed.exports()),
                sec(parsed.globals()),
                sec(parsed.heap()),
                m.vm_struct + m.globals + m.heap_allocated,
                m.vm_struct,
                m.globals,
                m.heap_allocated,
            );
            let _ = host.out.write_all(text.as_bytes());
            Ok(())
        }
    }
}

/// A `--call` argument as a host value; `None` for arrays and objects
/// (which `parse_call` refused).
fn host_value(v: &serde_json::Value) -> Option<HostValue<'_>> {
    Some(match v {
        serde_json::Value::Null => HostValue::Null,
        serde_json::Value::Bool(b) => HostValue::Bool(*b),
        serde_json::Value::Number(n) => HostValue::Number(n.as_f64().unwrap_or(f64::NAN)),
        serde_json::Value::String(s) => HostValue::Str(s),
        serde_json::Value::Array(_) | serde_json::Value::Object(_) => return None,
    })
}
