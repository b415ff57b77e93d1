#!/usr/bin/env bash
# benches/run.sh [--quick] [--1g] [--edits N]
#
# Every performance figure of factcheck in one table: indexing (time, MB/s, peak memory, index
# size), keystroke latency in the language server at each corpus size, hover and code-action
# latency, `factcheck check` of 1,000 drafts, start-up to first diagnostics, and harper-ls on
# the same draft for comparison.
#
#   --quick   corpora up to 10 MB, fewer edits: a few minutes (the regression run)
#   --1g      also index 1 GB (needs about 5 GB of memory and a few minutes more)
#   --edits N one-character edits per keystroke figure (default 300; --quick 150)
#
# Corpora are built on demand with ../shared/tools/build_corpus.sh into benches/.cache/
# (gitignored), once. The index cache used by the start-up and CI figures lives there too
# (FACTCHECK_CACHE), so a run never touches ~/.cache. harper-ls is taken from $HARPER_LS, else
# from PATH, else /work/tools/harper/bin/harper-ls; without it its row says so.
#
# Measure on a quiet machine: the table starts with the load average, and a figure taken while
# other work runs on the same cores is a figure of that work too.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

QUICK=0
ONE_G=0
EDITS=
while [ $# -gt 0 ]; do
  case $1 in
    --quick) QUICK=1 ;;
    --1g) ONE_G=1 ;;
    --edits) EDITS=$2; shift ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

CACHE=$ROOT/benches/.cache
export FACTCHECK_BENCH_CACHE=$CACHE
export FACTCHECK_BUILD_CORPUS=${FACTCHECK_BUILD_CORPUS:-$(cd "$ROOT/.." && pwd)/shared/tools/build_corpus.sh}
if [ ! -x "$FACTCHECK_BUILD_CORPUS" ]; then
  echo "run.sh: no corpus tool at $FACTCHECK_BUILD_CORPUS (set FACTCHECK_BUILD_CORPUS)" >&2
  exit 2
fi
INDEX_CACHE=$CACHE/index-cache
OUT=$CACHE/run-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"

if [ $QUICK = 1 ]; then
  SIZES=(1M 10M)
  LSP_CORPORA=(seeds 1M 10M)
  BIG=10M
  EDITS=${EDITS:-150}
else
  SIZES=(1M 10M 100M)
  [ $ONE_G = 1 ] && SIZES+=(1G)
  LSP_CORPORA=(seeds 1M 10M 100M)
  BIG=100M
  EDITS=${EDITS:-300}
fi
DRAFTS=1000
DRAFT_WORDS=1000

note() { echo "run.sh: $*" >&2; }

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- build -------------------------------------------------------------------------------
note "building the release binary and the benchmarks"
cargo build --release --bin factcheck >&2
# The benchmarks run as built (not through `cargo bench`, which would add `--bench` to the end
# of a language server's command line).
cargo bench --no-run --bench scale --bench lsp_latency --bench drafts \
  --message-format=json-render-diagnostics >"$OUT/build.jsonl"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
case $TARGET in /*) ;; *) TARGET=$ROOT/$TARGET ;; esac
FACTCHECK=$TARGET/release/factcheck
executable() {
  python3 -c 'import json, sys
for line in open(sys.argv[1]):
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == sys.argv[2] \
            and m.get("executable"):
        print(m["executable"])' "$OUT/build.jsonl" "$1" | tail -1
}
declare -A BENCH
for b in scale lsp_latency drafts; do BENCH[$b]=$(executable $b); done
bench() { "${BENCH[$1]}" "${@:2}" 2>>"$OUT/bench.log"; }

# ---- corpora (built once) ----------------------------------------------------------------
for size in "${SIZES[@]}"; do
  if [ ! -f "$CACHE/corpus-$size/SHA256" ]; then
    note "building the $size corpus (once)"
    "$FACTCHECK_BUILD_CORPUS" "$size" "$CACHE/corpus-$size" >&2
  fi
done

# ---- index: one process per size, so each peak is that corpus's alone ----------------------
# The corpus is read once first, so that its files are in the page cache: a first read from
# disk measures the disk (at 1 GB it made the load up to four times as long), and a rerun
# would not.
for size in "${SIZES[@]}"; do
  note "indexing $size"
  find "$CACHE/corpus-$size" -type f -print0 | xargs -0 cat >/dev/null
  bench scale "$size" >>"$OUT/scale.jsonl"
done

# ---- language server: keystrokes, hover, code actions, start-up ---------------------------
lsp() { # label, then lsp_latency arguments
  local label=$1; shift
  note "language server: $label"
  bench lsp_latency --edits "$EDITS" "$@" | sed "s/^{/{\"label\":\"$label\",/" >>"$OUT/lsp.jsonl"
}
for corpus in "${LSP_CORPORA[@]}"; do
  args=()
  [ "$corpus" != seeds ] && args=(--corpus "$corpus")
  # The largest corpus twice: the first start indexes it (and keeps the index), the second
  # reads it back.
  if [ "$corpus" = "$BIG" ]; then
    rm -rf "$INDEX_CACHE"
    FACTCHECK_CACHE=$INDEX_CACHE lsp "$corpus-first-start" "${args[@]}" -- "$FACTCHECK" lsp
    FACTCHECK_CACHE=$INDEX_CACHE lsp "$corpus" "${args[@]}" -- "$FACTCHECK" lsp
  else
    FACTCHECK_CACHE=off lsp "$corpus" "${args[@]}" -- "$FACTCHECK" lsp
  fi
done
HARPER=${HARPER_LS:-$(command -v harper-ls || echo /work/tools/harper/bin/harper-ls)}
if [ -x "$HARPER" ]; then
  lsp harper-ls -- "$HARPER" --stdio
else
  note "no harper-ls at $HARPER: its row is left out"
fi

# ---- CI: factcheck check of many drafts against the largest corpus ------------------------
note "writing $DRAFTS drafts of $DRAFT_WORDS words"
DRAFT_DIR=$CACHE/drafts-${DRAFTS}x$DRAFT_WORDS
bench drafts "$DRAFT_DIR" "$DRAFTS" "$DRAFT_WORDS"
ci() { # label
  note "factcheck check: $DRAFTS drafts against $BIG ($1)"
  local start end times
  start=$(date +%s.%N)
  # Output to a file, as a CI job keeps it; exit status 1 means findings, which are expected.
  times=$( { TIMEFORMAT='%R %U %S'; time (cd "$DRAFT_DIR" && FACTCHECK_CACHE=$INDEX_CACHE \
      "$FACTCHECK" check --format json --corpus "$CACHE/corpus-$BIG" . >"$OUT/ci-$1.json" \
      2>>"$OUT/bench.log" || [ $? = 1 ]); } 2>&1 )
  echo "{\"label\":\"$1\",\"times\":\"$times\"}" >>"$OUT/ci.jsonl"
}
rm -rf "$INDEX_CACHE"
ci first-run
ci next-runs

LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- the table ---------------------------------------------------------------------------
python3 - "$OUT" "$BIG" "$DRAFTS" "$DRAFT_WORDS" "$LOAD_START" "$LOAD_END" "$EDITS" <<'PY'
import json, os, sys, subprocess
out, big, drafts, words, load_start, load_end, edits = sys.argv[1:]

def lines(name):
    path = os.path.join(out, name)
    return [json.loads(l) for l in open(path)] if os.path.exists(path) else []

def ms(x): return "-" if x is None else f"{x:.2f} ms"
mb = 1024 * 1024
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                        text=True).stdout.strip()
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo")
            if l.startswith("model name")), "?")
mem = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
print(f"factcheck {commit}: {os.cpu_count()} cores ({cpu}), {mem / mb:.0f} GiB; "
      f"load average {load_start} at the start, {load_end} at the end\n")

print("| Index | load + index | MB/s | load / index, wall (CPU) | peak RSS (x corpus) "
      "| RSS once built (x corpus) | index bytes / source byte |")
print("|---|---|---|---|---|---|---|")
for d in lines("scale.jsonl"):
    total = d["load_s"] + d["index_s"]
    print(f"| {d['corpus']} ({d['bytes'] / mb:.0f} MB, {d['documents']} files) "
          f"| {total:.2f} s | {d['load_index_mb_per_s']:.0f} "
          f"(index alone {d['index_mb_per_s']:.0f}) "
          f"| {d['load_s']:.2f} s ({d['load_cpu_s']:.1f}) / {d['index_s']:.2f} s "
          f"({d['index_cpu_s']:.1f}) | {d['peak_rss'] / mb:.0f} MB "
          f"({d['peak_rss_per_source_byte']:.1f}) | {d['rss_after_index'] / mb:.0f} MB "
          f"({d['rss_after_index_per_source_byte']:.1f}) "
          f"| {d['index_bytes_per_source_byte']:.2f} |")

print(f"\n| Language server (5,000-word draft, {edits} one-character edits) | keystroke p50 "
      "| keystroke p99 | hover p50 / p99 | code action p50 / p99 | start to first diagnostics |")
print("|---|---|---|---|---|---|")
rows = {d["label"]: d for d in lines("lsp.jsonl")}
for label, d in rows.items():
    k, h, a = d["keystroke"], d["hover"], d["code_action"]
    name = "harper-ls" if label == "harper-ls" else f"factcheck, {label}"
    if label.endswith("-first-start"):
        name = f"factcheck, {label[:-len('-first-start')]}, first start (index built)"
    elif label == big:
        name += ", index read from the cache"
    timeouts = f" ({d['keystroke_timeouts']} timeouts)" if d["keystroke_timeouts"] else ""
    print(f"| {name} | {ms(k['p50_ms'])}{timeouts} | {ms(k['p99_ms'])} "
          f"| {ms(h['p50_ms'])} / {ms(h['p99_ms'])} | {ms(a['p50_ms'])} / {ms(a['p99_ms'])} "
          f"| {d['startup_to_first_diagnostics_s']:.2f} s |")
if "harper-ls" in rows:
    hp = rows["harper-ls"]["keystroke"]
    for label in ("seeds", big):
        if label in rows:
            fp = rows[label]["keystroke"]
            print(f"\nkeystroke, factcheck ({label}) / harper-ls: p50 "
                  f"{fp['p50_ms'] / hp['p50_ms']:.3f} (harper-ls {hp['p50_ms'] / fp['p50_ms']:.0f}x "
                  f"slower), p99 {fp['p99_ms'] / hp['p99_ms']:.3f} "
                  f"({hp['p99_ms'] / fp['p99_ms']:.0f}x)", end="")
    print()

print(f"\n| factcheck check: {drafts} drafts of {words} words against {big} | wall "
      "| user + sys CPU | CPU / wall (of 2 cores) |")
print("|---|---|---|---|")
for d in lines("ci.jsonl"):
    real, user, sys_ = map(float, d["times"].split())
    what = ("first run (index built and kept)" if d["label"] == "first-run"
            else "next runs (index read from the cache)")
    print(f"| {what} | {real:.2f} s | {user + sys_:.2f} s | {(user + sys_) / real:.2f} |")
print(f"\n(raw figures: {out})")
PY
