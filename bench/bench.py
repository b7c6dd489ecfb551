#!/usr/bin/env python3
"""sitrep against its peers on one corpus: MB/s per core, docs/s, start-up time, peak RSS, ratios.

Run through `bash bench/run` (which builds the release binary and the peers' venv first).

    bench/run [--peer-mb 1.0] [--repeat 3] [--cased-times 5] [--quick] [--no-peers] [--out target/bench]

Corpus: every line of ../shared/eval/corpus/*.jsonl plus the texts of the eval sets
(../shared/eval/*.jsonl), de-duplicated, as {"id","text","date"?} lines in target/bench/corpus.jsonl.
sitrep and geotext read all of it ("(all texts)" rows), and again only its cased texts ("(cased)" rows:
the docs whose letters are at least 0.5% upper case, in target/bench/corpus-cased.jsonl; one corpus is
lower-cased throughout, where geotext finds nothing): geoparse vs geotext on the cased texts is issue
4's comparison. The (cased) rows read the cased texts --cased-times times over (default 5, ~21 MB, in
target/bench/corpus-cased-xN.jsonl): one pass is ~0.15 s of sitrep's work next to ~0.4 s of start-up,
and subtracting a start-up that varies by +-0.1 s between runs made that row's MB/s noise. sitrep and
geotext are timed there in turns (start-up and work of one, then of the other, --repeat times; the
best of each kept), so the ratio compares runs of the same minutes. spaCy reads the first --peer-mb MB of text of the same file
(a prefix: at ~0.07 MB/s the whole corpus would take hours). Per-core figures pin each process to
core 0 (taskset -c 0) and divide by the process's CPU time (user + system, from getrusage), so a
busy shared machine slows the wall clock but not the figures. Throughput excludes start-up (the
CPU time of the same command on a one-sentence input); docs/s and MB/s come from the same runs. Peak
RSS is the process's max resident set.
"""

import argparse
import glob
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, ".."))
SHARED = os.path.abspath(os.path.join(ROOT, "..", "shared", "eval"))


def build_corpus(out_dir):
    """Writes corpus.jsonl (all texts) and returns (path, docs, bytes)."""
    path = os.path.join(out_dir, "corpus.jsonl")
    files = sorted(glob.glob(os.path.join(SHARED, "corpus", "*.jsonl"))) + sorted(glob.glob(os.path.join(SHARED, "*.jsonl")))
    if not files:
        sys.exit(f"no corpus: {SHARED} is missing")
    seen = set()
    docs = nbytes = 0
    with open(path, "w", encoding="utf-8") as out:
        for fn in files:
            stem = os.path.splitext(os.path.basename(fn))[0]
            with open(fn, encoding="utf-8") as f:
                for i, line in enumerate(f):
                    try:
                        rec = json.loads(line)
                    except ValueError:
                        continue
                    text = rec.get("text") if isinstance(rec, dict) else None
                    if not isinstance(text, str) or not text.strip():
                        continue
                    h = hashlib.sha1(text.encode("utf-8")).digest()
                    if h in seen:
                        continue
                    seen.add(h)
                    row = {"id": f"{stem}-{rec.get('id', i)}", "text": text}
                    if isinstance(rec.get("date"), str):
                        row["date"] = rec["date"]
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                    docs += 1
                    nbytes += len(text.encode("utf-8"))
    return path, docs, nbytes


def cased_corpus(src, dst, min_upper=0.005):
    """Writes the docs of src whose letters are at least min_upper upper case (the cased texts:
    one of the corpora is lower-cased throughout) to dst; returns (docs, bytes)."""
    docs = nbytes = 0
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
        for line in f:
            t = json.loads(line)["text"]
            letters = sum(1 for c in t if c.isalpha())
            upper = sum(1 for c in t if c.isupper())
            if letters == 0 or upper < min_upper * letters:
                continue
            out.write(line)
            docs += 1
            nbytes += len(t.encode("utf-8"))
    return docs, nbytes


def repeated_corpus(src, dst, times):
    """Writes the lines of src `times` times over to dst (ids suffixed with the pass); returns (docs, bytes)."""
    with open(src, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    docs = nbytes = 0
    with open(dst, "w", encoding="utf-8") as out:
        for k in range(times):
            for r in rows:
                out.write(json.dumps(dict(r, id=f"{r.get('id')}#{k}"), ensure_ascii=False) + "\n")
                docs += 1
                nbytes += len(r["text"].encode("utf-8"))
    return docs, nbytes


def prefix_corpus(src, dst, max_bytes):
    docs = nbytes = 0
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
        for line in f:
            t = json.loads(line)["text"]
            out.write(line)
            docs += 1
            nbytes += len(t.encode("utf-8"))
            if nbytes >= max_bytes:
                break
    return docs, nbytes


def run(cmd, stdin_path=None, pin=True):
    """Runs cmd (stdout discarded); returns (CPU seconds, peak RSS MiB, stdout tail, wall seconds).

    CPU time (user + system, all threads) is the primary measure: the machine is shared, and
    wall time on a busy core measures the neighbours too."""
    if pin and shutil.which("taskset"):
        cmd = ["taskset", "-c", "0"] + cmd
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    tail = b""
    # Drain stdout, keeping only the end (the peers print one summary line).
    while True:
        chunk = p.stdout.read(1 << 16)
        if not chunk:
            break
        tail = (tail + chunk)[-4096:]
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    if stdin_path:
        stdin.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {code}: {err.decode(errors='replace')[-500:]}")
    return ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0, tail.decode(errors="replace"), dt


def machine():
    model = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def git_rev():
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        return rev + (" (+ uncommitted changes)" if dirty else "")
    except OSError:
        return "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sitrep", default=os.path.join(ROOT, "target", "release", "sitrep"))
    ap.add_argument("--python", default=sys.executable, help="python with the peers installed")
    ap.add_argument("--peer-mb", type=float, default=1.0, help="MB of text given to spaCy (a prefix of the corpus)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each sitrep/geotext measurement (best kept)")
    ap.add_argument("--cased-times", type=int, default=5,
                    help="the (cased) rows read the cased texts this many times over")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--quick", action="store_true", help="spaCy on 0.2 MB, one repeat")
    ap.add_argument("--out", default=os.path.join(ROOT, "target", "bench"))
    args = ap.parse_args()
    if args.quick:
        args.peer_mb, args.repeat = 0.2, 1
    os.makedirs(args.out, exist_ok=True)

    corpus, docs, nbytes = build_corpus(args.out)
    cased = os.path.join(args.out, "corpus-cased.jsonl")
    cdocs1, cbytes1 = cased_corpus(corpus, cased)
    ctimes = max(args.cased_times, 1)
    cased_n = os.path.join(args.out, f"corpus-cased-x{ctimes}.jsonl")
    cdocs_, cbytes_ = repeated_corpus(cased, cased_n, ctimes)
    small = os.path.join(args.out, "corpus-peer.jsonl")
    sdocs, sbytes = prefix_corpus(corpus, small, int(args.peer_mb * 1e6))
    # Start-up is measured on a one-report input (an empty one is an error for `sitrep extract`).
    empty = os.path.join(args.out, "startup.jsonl")
    with open(empty, "w") as f:
        f.write('{"id": "startup", "text": "Shelling was reported near the town."}\n')
    print(f"machine: {machine()}")
    print(f"sitrep:  {git_rev()}  ({args.sitrep})")
    print(f"corpus:  {docs} docs, {nbytes / 1e6:.2f} MB of text; spaCy prefix: {sdocs} docs, {sbytes / 1e6:.2f} MB")
    print(f"cased:   {cdocs1} docs, {cbytes1 / 1e6:.2f} MB of text (docs whose letters are >= 0.5% upper case; "
          f"issue 4's comparison with geotext), read {ctimes} times over by the (cased) rows: {cbytes_ / 1e6:.2f} MB")
    print()

    sitrep = args.sitrep
    py = args.python
    peers_py = os.path.join(HERE, "peers.py")
    # name, command ({corpus}: the corpus file; else the corpus on stdin), pinned?
    # "(cased)" rows run on the cased texts only (issue 4: geoparse vs geotext on the cased texts).
    tools = [
        ("sitrep geoparse (cased)", [sitrep, "geoparse", "{corpus}"], True),
        ("sitrep geoparse (all texts)", [sitrep, "geoparse", "{corpus}"], True),
        ("sitrep extract", [sitrep, "extract", "{corpus}"], True),
        ("sitrep extract --stream -j1", [sitrep, "extract", "--stream", "--jobs", "1"], True),
        (f"sitrep extract --stream (all {os.cpu_count()} cores)", [sitrep, "extract", "--stream"], False),
    ]
    if not args.no_peers:
        tools += [
            ("geotext (cased)", [py, peers_py, "geotext", "{corpus}"], True),
            ("geotext (all texts)", [py, peers_py, "geotext", "{corpus}"], True),
            ("spaCy sm NER-only", [py, peers_py, "spacy-ner", "{corpus}"], True),
            ("spaCy sm full", [py, peers_py, "spacy-full", "{corpus}"], True),
        ]
    rows = {}

    def measure(specs, reps):
        """Times each (name, cmd, pin, path, docs, bytes) of specs: its start-up on the one-line input
        and its work on path, the specs in turns, reps times; prints and keeps each one's best."""
        runs = {spec[0]: ([], []) for spec in specs}
        failed = set()
        for _ in range(reps):
            for name, cmd, pin, cpath, cdocs, cbytes in specs:
                if name in failed:
                    continue
                uses_file = "{corpus}" in cmd

                def on(path, cmd=cmd, uses_file=uses_file, pin=pin):
                    c = [a.replace("{corpus}", path) for a in cmd]
                    return run(c, None if uses_file else path, pin=pin)

                try:
                    runs[name][0].append(on(empty))
                    runs[name][1].append(on(cpath))
                except RuntimeError as e:
                    print(f"{name}: skipped ({str(e).strip().splitlines()[-1]})")
                    failed.add(name)
        for name, cmd, pin, cpath, cdocs, cbytes in specs:
            if name in failed:
                continue
            t_start, rss_start, _, w_start = min(runs[name][0], key=lambda r: r[0])
            t, rss, _, wall = min(runs[name][1], key=lambda r: r[0])
            work = max(t - t_start, 1e-9)
            rows[name] = {
                "docs": cdocs,
                "mb": cbytes / 1e6,
                "seconds": t,
                "startup": t_start,
                "startup_wall": w_start,
                "wall": wall,
                "wall_mbps": cbytes / 1e6 / max(wall - w_start, 1e-9),
                "mbps": cbytes / 1e6 / work,
                "docsps": cdocs / work,
                "rss": rss,
                "pinned": pin,
            }
            r = rows[name]
            print(
                f"{name:<38} {r['mbps']:9.3f} MB/s {r['docsps']:9.0f} docs/s  start-up {r['startup']:6.3f} s  "
                f"peak RSS {r['rss']:7.1f} MiB  ({r['docs']} docs, {r['mb']:.2f} MB: {r['seconds']:.2f} s CPU, "
                f"{r['wall']:.2f} s wall)",
                flush=True,
            )

    # the (cased) rows in turns: issue 4's ratio from runs of the same minutes
    measure([(name, cmd, pin, cased_n, cdocs_, cbytes_) for name, cmd, pin in tools if name.endswith("(cased)")],
            args.repeat)
    for name, cmd, pin in tools:
        if name.endswith("(cased)"):
            continue
        is_spacy = name.startswith("spaCy")
        cpath, cdocs, cbytes = (small, sdocs, sbytes) if is_spacy else (corpus, docs, nbytes)
        measure([(name, cmd, pin, cpath, cdocs, cbytes)], 1 if is_spacy else args.repeat)

    print()
    ratios = []
    if "sitrep geoparse (cased)" in rows and "geotext (cased)" in rows:
        x = rows["sitrep geoparse (cased)"]["mbps"] / rows["geotext (cased)"]["mbps"]
        ratios.append(("sitrep geoparse (cased)", "geotext (cased)", x))
        print(f"ratio sitrep geoparse / geotext on the cased texts ({ctimes} times over, timed in turns; issue 4's "
              f"target >= 1): {x:,.2f}x (MB/s per core)")
    for mine in ("sitrep geoparse (all texts)", "sitrep extract --stream -j1"):
        for peer in ("geotext (all texts)", "spaCy sm NER-only", "spaCy sm full"):
            if mine in rows and peer in rows:
                x = rows[mine]["mbps"] / rows[peer]["mbps"]
                ratios.append((mine, peer, x))
                print(f"ratio {mine} / {peer}: {x:,.1f}x (MB/s per core)")
    par = f"sitrep extract --stream (all {os.cpu_count()} cores)"
    if par in rows and "sitrep extract --stream -j1" in rows:
        one, many = rows["sitrep extract --stream -j1"], rows[par]
        print(
            f"parallel: {many['wall_mbps']:.2f} MB/s wall on {os.cpu_count()} cores vs {one['wall_mbps']:.2f} MB/s on one "
            f"(speed-up {many['wall_mbps'] / one['wall_mbps']:.2f}x; CPU per MB {many['seconds'] / one['seconds']:.2f}x "
            f"of the single-thread run). Wall-clock figures are only meaningful on an idle machine."
        )

    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump({"machine": machine(), "commit": git_rev(), "corpus_docs": docs, "corpus_mb": nbytes / 1e6,
                   "cased_docs": cdocs1, "cased_mb": cbytes1 / 1e6, "cased_times": ctimes, "rows": rows,
                   "ratios": ratios}, f, indent=1)
    with open(os.path.join(args.out, "results.md"), "w") as f:
        f.write("| tool | MB/s per core | docs/s per core | start-up (s CPU) | peak RSS (MiB) | docs | MB | CPU s | wall s |\n")
        f.write("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
        for name, r in rows.items():
            f.write(f"| {name} | {r['mbps']:.3f} | {r['docsps']:.0f} | {r['startup']:.3f} | {r['rss']:.0f} | {r['docs']} "
                    f"| {r['mb']:.2f} | {r['seconds']:.2f} | {r['wall']:.2f} |\n")
    print(f"\nwritten: {args.out}/results.md, results.json")


if __name__ == "__main__":
    main()
