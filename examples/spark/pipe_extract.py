#!/usr/bin/env python3
"""Run `sitrep extract --stream` as a Spark `RDD.pipe()` stage and check that it gives exactly
the output of one `sitrep extract --stream` process over the same corpus.

    python3 examples/spark/pipe_extract.py [CORPUS.jsonl ...] [--sitrep target/release/sitrep]
        [--partitions 4] [--out DIR]

Without a corpus it writes a small one of its own (plus one broken line, to show error records
travelling through Spark) and adds ../shared/eval/corpus/guardian-sdf-dev.jsonl when present.

Why this works: in `--stream` mode sitrep answers every input line with exactly one output line,
in order (a report bundle, or an error record). So each partition's output has as many lines as
its input, `collect()` returns them in input order, and `input.zip(output)` pairs every report
with its answer. sitrep exits 0 even when some lines are error records, so one bad line does not
fail the Spark task. The only difference from a single process: the `line` of an error record
counts lines within the partition, so the comparison below ignores that one field.
"""

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))

# Short reports in our own words (not from any news source).
OWN_TEXTS = [
    "Government forces shelled the northern districts of the town on Monday, residents said.",
    "Rebel fighters withdrew from two villages near the river overnight. A spokesman denied any losses.",
    "The army said it had taken full control of the border crossing after three days of clashes.",
    "Aid convoys reached the besieged quarter for the first time since March, the agency said.",
    "An airstrike hit a market in the provincial capital on Friday, killing at least four people.",
    "Talks between the two sides are expected to resume in Geneva next week.",
    "Militants attacked a checkpoint south of the city late on Tuesday; two soldiers were wounded.",
    "No fighting was reported in the capital today.",
]


def own_corpus(path, n=400):
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            if i == n // 2:
                f.write("{this line is deliberately broken\n")
                continue
            rec = {"id": f"own-{i}", "published": "2017-11-03", "source": "example", "text": OWN_TEXTS[i % len(OWN_TEXTS)]}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


def find_sitrep():
    for p in ("target/release/sitrep", "target/debug/sitrep"):
        full = os.path.join(ROOT, p)
        if os.path.exists(full):
            return full
    sys.exit("no sitrep binary: run `cargo build --release -p sitrep` first or pass --sitrep")


def normalise(line):
    """Parse one output line; drop the partition-relative `line` of error records."""
    v = json.loads(line)
    if v.get("record") == "error":
        v.pop("line", None)
    return v


def same_report(line_in, line_out):
    """Whether an output line answers this input line (same id, or an error for a broken line)."""
    out = json.loads(line_out)
    try:
        rid = json.loads(line_in).get("id")
    except (ValueError, AttributeError):
        return out.get("record") == "error"
    if out.get("record") == "error":
        return out.get("id") in (None, str(rid) if rid is not None else None)
    return rid is None or out["report"]["id"] == str(rid)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="*", help="JSONL files with {id, text, ...} per line")
    ap.add_argument("--sitrep", default=None, help="path to the sitrep binary")
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--out", default=None, help="also save Spark's output as text files here")
    args = ap.parse_args()

    sitrep = os.path.abspath(args.sitrep) if args.sitrep else find_sitrep()
    tmp = tempfile.mkdtemp(prefix="sitrep-spark-")
    corpus = os.path.join(tmp, "corpus.jsonl")
    sources = args.corpus
    if not sources:
        own = os.path.join(tmp, "own.jsonl")
        own_corpus(own)
        sources = [own]
        shared = os.path.join(ROOT, "..", "shared", "eval", "corpus", "guardian-sdf-dev.jsonl")
        if os.path.exists(shared):
            sources.append(shared)
    with open(corpus, "wb") as out:
        for s in sources:
            with open(s, "rb") as f:
                data = f.read()
            out.write(data if data.endswith(b"\n") or not data else data + b"\n")
    with open(corpus, "rb") as f:
        n_in = sum(1 for _ in f)
    print(f"corpus: {n_in} lines from {', '.join(os.path.basename(s) for s in sources)}")

    # 1. One process over the whole corpus: the reference.
    t0 = time.time()
    with open(corpus, "rb") as f:
        single = subprocess.run([sitrep, "extract", "--stream"], stdin=f, capture_output=True, check=True)
    # Split on \n only: text may legitimately contain U+2028, which str.splitlines() would cut at.
    single_lines = single.stdout.decode("utf-8").split("\n")[:-1]
    t_single = time.time() - t0

    # 2. The same corpus through Spark, piped partition by partition.
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("sitrep-pipe")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    sc = spark.sparkContext
    t0 = time.time()
    lines = sc.textFile(corpus, minPartitions=args.partitions)
    # One thread per sitrep process: Spark already runs one process per core.
    piped = lines.pipe(f"{shlex.quote(sitrep)} extract --stream --jobs 1")
    spark_lines = piped.collect()
    t_spark = time.time() - t0
    # 1:1 per partition, so zip() is legal and pairs each input with its answer.
    mismatched = lines.zip(piped).filter(lambda p: not same_report(p[0], p[1])).count()
    if args.out:
        piped.saveAsTextFile(args.out)
    nparts = lines.getNumPartitions()
    spark.stop()

    # 3. Compare.
    ok = True
    if len(spark_lines) != n_in or len(single_lines) != n_in:
        print(f"FAIL: line counts differ: input {n_in}, single {len(single_lines)}, spark {len(spark_lines)}")
        ok = False
    a = [normalise(l) for l in single_lines]
    b = [normalise(l) for l in spark_lines]
    diff = sum(1 for x, y in zip(a, b) if x != y)
    if diff:
        print(f"FAIL: {diff} output lines differ between Spark and the single process")
        ok = False
    if mismatched:
        print(f"FAIL: {mismatched} zipped pairs have a different report id")
        ok = False
    errors = sum(1 for v in b if v.get("record") == "error")
    events = sum(len(v.get("events", [])) for v in b)
    controls = sum(len(v.get("controls", [])) for v in b)
    print(
        f"spark: {nparts} partitions, {len(spark_lines)} lines out ({errors} error records, {events} events, "
        f"{controls} control observations) in {t_spark:.1f} s; single process {t_single:.2f} s"
    )
    print("OK: Spark RDD.pipe() output equals the single-process output" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
