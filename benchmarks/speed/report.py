"""The report of scripts/bench-vs-microvium.sh: tables and the scaling plot.

    python3 benchmarks/speed/report.py WORKDIR SVG

Reads what the script wrote into WORKDIR (meta.txt, main.tsv, scaling.tsv,
limits.tsv), prints the tables as Markdown and writes the scaling plot to
SVG: instructions per element and peak heap against n, both axes
logarithmic, one panel per scaling workload. Standard library only.
"""

import csv
import math
import os
import sys

ENGINES = ("vium", "microvium")
NAMES = {"vium": "vium", "microvium": "Microvium 8"}
COLOURS = {"vium": "#1f6fb4", "microvium": "#c8372d"}


def read_tsv(path):
    if not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def num(v):
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def grouped(n):
    return "—" if n is None else f"{n:,}"


def ratio(a, b, digits=2):
    return "—" if a is None or b in (None, 0) else f"{a / b:.{digits}f}"


def micros(ns):
    if ns is None:
        return "—"
    us = ns / 1000
    return f"{us:,.0f}" if us >= 100 else f"{us:.3g}"


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def main_tables(rows, engines):
    by = {(r["workload"], r["engine"]): r for r in rows}
    names = sorted({r["workload"] for r in rows if not r["workload"].startswith("host_call")})

    def cell(w, e, key):
        r = by.get((w, e))
        if r is None:
            return None
        return num(r[key]) if r["status"] == "ok" else r["status"]

    def show(v, fmt=grouped):
        return v if isinstance(v, str) else fmt(v)

    def both(w, key, fmt=grouped, with_ratio=False):
        cells = [cell(w, e, key) for e in engines]
        out = [show(c, fmt) for c in cells]
        if with_ratio and len(engines) == 2:
            a, b = cells
            out.append(ratio(a, b) if isinstance(a, int) and isinstance(b, int) else "—")
        return out

    two = len(engines) == 2
    speed_header = ["workload"]
    speed_header += [f"instructions per call, {NAMES[e]}" for e in engines]
    speed_header += ["vium / Microvium"] if two else []
    speed_header += [f"wall µs per call, {NAMES[e]}" for e in engines]
    speed_header += ["vium / Microvium"] if two else []
    speed = [[f"`{w}`"] + both(w, "ir_per_call", with_ratio=True) + both(w, "wall_ns", micros, True)
             for w in names]

    mem_header = ["workload"]
    for what in ("image", "peak heap", "peak stack", "peak RAM"):
        mem_header += [f"{what} B, {NAMES[e]}" for e in engines]
    memory = [[f"`{w}`"] + both(w, "image") + both(w, "heap_peak") + both(w, "stack_peak")
              + both(w, "ram_peak") for w in names]

    def crossing(e):
        empty = cell("01_empty_call", e, "ir_per_call")
        call, base = cell("host_call", e, "ir_per_call"), cell("host_call_base", e, "ir_per_call")
        into = (call - base) / 1000 if isinstance(call, int) and isinstance(base, int) else None
        return (empty if isinstance(empty, int) else None), into

    calls_header = ["call"] + [NAMES[e] for e in engines] + (["vium / Microvium"] if two else [])
    figures = {e: crossing(e) for e in engines}
    calls = []
    for i, label in enumerate((
        "host → script: one call of export 1 that returns 1, result read (`01_empty_call`)",
        "script → host: one call of import 1, `add(a, b)` "
        "((`host_call` − `host_call_base`) / 1,000)",
    )):
        vals = [figures[e][i] for e in engines]
        row = [label] + [grouped(None if v is None else round(v)) for v in vals]
        if two:
            row.append(ratio(*vals))
        calls.append(row)
    return [
        ("Speed: instructions per call (callgrind) and wall clock (median)", table(speed_header, speed)),
        ("Calls across the host boundary: instructions per call", table(calls_header, calls)),
        ("Memory: image, and peaks over the warm-up call and the measured calls", table(mem_header, memory)),
    ]


# How the harnesses say that an engine ran out of room (see limits.tsv for
# the full reasons).
RAN_OUT = ("out of memory", "too long", "too large", "Invalid array length",
           "Invalid string length", "too many properties", "malloc failed")


def short_reason(status):
    return "ran out" if any(r in status for r in RAN_OUT) else status


def scaling_tables(rows, engines):
    out = []
    for w in dict.fromkeys(r["workload"] for r in rows):
        by = {(int(r["n"]), r["engine"]): r for r in rows if r["workload"] == w}
        ns = sorted({n for n, _ in by})
        header = ["n"] + [f"instructions, {NAMES[e]}" for e in engines]
        header += ["vium / Microvium"] if len(engines) == 2 else []
        header += [f"per element, {NAMES[e]}" for e in engines]
        header += [f"peak heap B, {NAMES[e]}" for e in engines]
        body = []
        for n in ns:
            status = [by[n, e]["status"] if (n, e) in by else "skipped" for e in engines]
            if all(s == "skipped" for s in status):
                continue
            ir = [num(by[n, e]["ir_per_call"]) if (n, e) in by else None for e in engines]
            cells = [grouped(v) if v is not None else ("—" if s == "skipped" else short_reason(s))
                     for v, s in zip(ir, status)]
            row = [f"{n:,}"] + cells
            if len(engines) == 2:
                row.append(ratio(*ir))
            row += [grouped(None if v is None else round(v / n)) for v in ir]
            row += [grouped(num(by[n, e]["heap_peak"])) if (n, e) in by else "—" for e in engines]
            body.append(row)
        out.append((f"Scaling, `{w}` (64 KiB of RAM in all; \"ran out\": see the next table)",
                    table(header, body)))
    return out


def limits_table(rows, engines):
    by = {(r["workload"], r["engine"], r["setting"]): r for r in rows}
    header = ["workload"]
    header += [f"{NAMES[e]}, 64 KiB of RAM" for e in engines]
    header += [f"{NAMES[e]}, 64 KiB heap" for e in engines]
    body = []
    for w in dict.fromkeys(r["workload"] for r in rows):
        row = [f"`{w}`"]
        for setting in ("ram64", "heap64"):
            for e in engines:
                r = by.get((w, e, setting))
                if r is None:
                    row.append("—")
                elif r["first_failing"] == "-":
                    row.append(f"≥ {int(r['largest_ok']):,} (did not run out)")
                else:
                    row.append(f"{int(r['largest_ok']):,}; {int(r['first_failing']):,}: {r['reason']}")
        body.append(row)
    return ("Where each engine runs out: the largest n that runs (to 10); the first that does not, and why",
            table(header, body))


# ---------------------------------------------------------------- the plot

PANEL_W, PANEL_H = 250, 200
LEFT, RIGHT, TOP, BOTTOM = 62, 14, 34, 40


def short(n):
    for div, suffix in ((10**9, "G"), (10**6, "M"), (10**3, "k")):
        if n >= div:
            return f"{n // div:,}{suffix}"
    return str(n)


def log_range(values):
    lo = math.floor(math.log10(min(values)))
    hi = math.ceil(math.log10(max(values)))
    return lo, max(hi, lo + 1)


def svg_plot(rows, limits_rows, engines, path):
    # Where each engine ran out with 64 KiB of RAM: the first failing n
    # (bisected), else the first failing size of the scan.
    limits = {(r["workload"], r["engine"]): int(r["first_failing"]) for r in limits_rows
              if r["setting"] == "ram64" and r["first_failing"] != "-"}
    workloads = list(dict.fromkeys(r["workload"] for r in rows))
    if not workloads:
        return
    ns = sorted({int(r["n"]) for r in rows})
    xlo, xhi = log_range(ns)
    kinds = (("ir_per_call", "instructions per element"), ("heap_peak", "peak heap, bytes"))
    width = len(workloads) * PANEL_W + 20
    height = len(kinds) * PANEL_H + 50
    s = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
         f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
         f'<rect width="{width}" height="{height}" fill="white"/>']
    # Legend.
    lx = 20
    for e in engines:
        dash = ' stroke-dasharray="5,3"' if e == "microvium" else ""
        s.append(f'<line x1="{lx}" y1="18" x2="{lx + 24}" y2="18" stroke="{COLOURS[e]}" '
                 f'stroke-width="2"{dash}/>')
        s.append(f'<text x="{lx + 30}" y="22">{NAMES[e]}</text>')
        lx += 120
    s.append(f'<text x="{lx}" y="22">× where it ran out (64 KiB of RAM in all)</text>')
    for row_i, (key, label) in enumerate(kinds):
        for col, w in enumerate(workloads):
            x0 = 10 + col * PANEL_W
            y0 = 30 + row_i * PANEL_H
            pw, ph = PANEL_W - LEFT - RIGHT, PANEL_H - TOP - BOTTOM
            series = {}
            for e in engines:
                pts = []
                for r in rows:
                    if r["workload"] == w and r["engine"] == e and r["status"] == "ok":
                        n, v = int(r["n"]), num(r[key])
                        if v:
                            pts.append((n, v / n if key == "ir_per_call" else v))
                series[e] = sorted(pts)
            values = [v for pts in series.values() for _, v in pts]
            if not values:
                continue
            ylo, yhi = log_range(values)

            def px(n):
                return x0 + LEFT + (math.log10(n) - xlo) / (xhi - xlo) * pw

            def py(v):
                return y0 + TOP + ph - (math.log10(v) - ylo) / (yhi - ylo) * ph

            s.append(f'<text x="{x0 + LEFT + pw / 2}" y="{y0 + TOP - 8}" text-anchor="middle" '
                     f'font-weight="bold">{w}: {label}</text>')
            s.append(f'<rect x="{x0 + LEFT}" y="{y0 + TOP}" width="{pw}" height="{ph}" '
                     'fill="none" stroke="#888"/>')
            for d in range(xlo, xhi + 1):
                x = px(10 ** d)
                s.append(f'<line x1="{x:.1f}" y1="{y0 + TOP}" x2="{x:.1f}" y2="{y0 + TOP + ph}" stroke="#eee"/>')
                s.append(f'<text x="{x:.1f}" y="{y0 + TOP + ph + 14}" text-anchor="middle">{short(10 ** d)}</text>')
            for d in range(ylo, yhi + 1):
                y = py(10 ** d)
                s.append(f'<line x1="{x0 + LEFT}" y1="{y:.1f}" x2="{x0 + LEFT + pw}" y2="{y:.1f}" stroke="#eee"/>')
                s.append(f'<text x="{x0 + LEFT - 4}" y="{y + 4:.1f}" text-anchor="end">'
                         f'{short(10 ** d)}</text>')
            s.append(f'<text x="{x0 + LEFT + pw / 2}" y="{y0 + TOP + ph + 28}" text-anchor="middle">n</text>')
            for e, pts in series.items():
                dash = ' stroke-dasharray="5,3"' if e == "microvium" else ""
                if len(pts) > 1:
                    line = " ".join(f"{px(n):.1f},{py(v):.1f}" for n, v in pts)
                    s.append(f'<polyline points="{line}" fill="none" stroke="{COLOURS[e]}" '
                             f'stroke-width="2"{dash}/>')
                for n, v in pts:
                    s.append(f'<circle cx="{px(n):.1f}" cy="{py(v):.1f}" r="2.5" fill="{COLOURS[e]}"/>')
                out = limits.get((w, e))
                if out is None:
                    failed = [int(r["n"]) for r in rows if r["workload"] == w and r["engine"] == e
                              and r["status"] not in ("ok", "skipped")]
                    out = failed[0] if failed else None
                if out:
                    yy = y0 + TOP + ph - 8 - 12 * engines.index(e)
                    s.append(f'<text x="{px(out):.1f}" y="{yy}" text-anchor="middle" '
                             f'fill="{COLOURS[e]}" font-size="14">×</text>')
    s.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(s) + "\n")


def main():
    work, svg = sys.argv[1], sys.argv[2]
    meta = open(os.path.join(work, "meta.txt")).read().strip().splitlines()
    main_rows = read_tsv(os.path.join(work, "main.tsv"))
    scaling = read_tsv(os.path.join(work, "scaling.tsv"))
    limits = read_tsv(os.path.join(work, "limits.tsv"))
    engines = [e for e in ENGINES if any(r["engine"] == e for r in main_rows)]
    print("\n".join(f"- {line}" for line in meta))
    sections = main_tables(main_rows, engines)
    if scaling:
        sections += scaling_tables(scaling, engines)
        sections.append(limits_table(limits, engines))
        svg_plot(scaling, limits, engines, svg)
        sections.append(("Plot", f"written to {svg}"))
    for title, body in sections:
        print(f"\n### {title}\n\n{body}")


if __name__ == "__main__":
    main()
