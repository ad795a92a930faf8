#!/usr/bin/env bash
# Benchmarks the quotecheck binary end to end and prints a Markdown table: MB/s, files/s and
# milliseconds for each case. Run by hand (never as a timed test):
#
#   bench/run.sh                 # everything, with a ~1.5 GB JSON Lines archive for memory
#   ARCHIVE_MB=0 bench/run.sh    # skip the archive
#   REPS=5 TIMEOUT=300 bench/run.sh
#
# Inputs are generated at bench time into a scratch directory under $TMPDIR (never into the
# repository) by bench/gen.py, from the "text" fields of $CORPUS (default
# ../shared/corpus/polnear/train.jsonl). Each case runs REPS times and the fastest run counts;
# a run longer than TIMEOUT seconds is stopped and reported as such.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
corpus=${CORPUS:-$root/../shared/corpus/polnear/train.jsonl}
reps=${REPS:-3}
timeout_s=${TIMEOUT:-120}
archive_mb=${ARCHIVE_MB:-1500}
target=${CARGO_TARGET_DIR:-$root/target}

[ -r "$corpus" ] || { echo "bench: cannot read $corpus (set CORPUS=…)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench: needs python3 to generate inputs" >&2; exit 2; }

echo "building release…" >&2
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin=$target/release/quotecheck

work=$(mktemp -d "${TMPDIR:-/tmp}/quotecheck-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "generating inputs in $work…" >&2
python3 "$root/bench/gen.py" "$corpus" "$work" "$archive_mb"

gnu_time=
if /usr/bin/time -f %e true 2>/dev/null; then
  gnu_time=/usr/bin/time
else
  echo "bench: /usr/bin/time (GNU time, Debian package 'time') not found: no CPU or memory columns" >&2
fi

now_ns() { date +%s%N; }
bytes_of() { du -sb --apparent-size "$1" | cut -f1; }

# measure NAME BYTES FILES CMD... : runs CMD (stdout discarded) REPS times, prints a table row.
measure() {
  local name=$1 bytes=$2 files=$3
  shift 3
  local best_ms= best_cpu=- best_rss=- status=ok
  for _ in $(seq "$reps"); do
    local t0 t1 ms rc=0
    t0=$(now_ns)
    if [ -n "$gnu_time" ]; then
      timeout "$timeout_s" "$gnu_time" -o "$work/time" -f "%U %S %M" "$@" >/dev/null 2>"$work/err" || rc=$?
    else
      timeout "$timeout_s" "$@" >/dev/null 2>"$work/err" || rc=$?
    fi
    t1=$(now_ns)
    ms=$(( (t1 - t0) / 1000000 ))
    if [ "$rc" = 124 ]; then status="timeout"; best_ms=$((timeout_s * 1000)); break; fi
    # quotecheck check exits 1 with findings; anything above that is a failure.
    if [ "$rc" -gt 1 ] && [ "$rc" != 141 ]; then status="exit $rc"; fi
    if [ -z "$best_ms" ] || [ "$ms" -lt "$best_ms" ]; then
      best_ms=$ms
      if [ -n "$gnu_time" ]; then
        read -r u s m < <(tail -1 "$work/time")
        best_cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.0f", (u + s) * 1000 }')
        best_rss=$(( m / 1024 ))
      fi
    fi
    [ "$ms" -gt $((timeout_s * 1000 / 2)) ] && break  # slow: one run is enough
  done
  local ms=$best_ms
  [ "$ms" -gt 0 ] || ms=1
  local mbs files_s cores
  mbs=$(awk -v b="$bytes" -v ms="$ms" 'BEGIN { printf "%.1f", b / 1e6 / (ms / 1000) }')
  files_s=$(awk -v f="$files" -v ms="$ms" 'BEGIN { printf "%.0f", f / (ms / 1000) }')
  cores=-
  [ "$best_cpu" != - ] && cores=$(awk -v c="$best_cpu" -v ms="$ms" 'BEGIN { printf "%.2f", c / ms }')
  [ "$status" = timeout ] && { mbs="< $mbs"; files_s="< $files_s"; ms="> $ms"; }
  [ "$status" != ok ] && name="$name ($status)"
  printf '| %s | %.1f | %s | %s | %s | %s | %s | %s | %s |\n' "$name" \
    "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" "$files" "$ms" "$mbs" "$files_s" \
    "$best_cpu" "$cores" "$best_rss"
}

echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(uname -sr)"
echo "quotecheck $("$bin" --version | cut -d' ' -f2), $(date -u +%Y-%m-%d), best of $reps runs"
echo
echo "| case | MB | files | wall ms | MB/s | files/s | CPU ms (user+sys) | CPU/wall | peak RSS MB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"

news=$work/news.txt
nb=$(bytes_of "$news")
measure "wc -w, news text (for comparison)" "$nb" 1 wc -w "$news"
measure "quotes, news text as JSON Lines (one document an article)" "$(bytes_of "$work/news.jsonl")" 1 \
  "$bin" quotes --input-format jsonl --output-format jsonl "$work/news.jsonl"
measure "check, news text as JSON Lines (one document an article)" "$(bytes_of "$work/news.jsonl")" 1 \
  "$bin" check --input-format jsonl --output-format concise "$work/news.jsonl"
# One core: one pool thread, and the process pinned to one CPU, so that the reading and writing
# thread (which overlaps the checking) shares that core too.
one_core=(env RAYON_NUM_THREADS=1)
command -v taskset >/dev/null && one_core=(taskset -c 0 "${one_core[@]}")
measure "quotes, news text as JSON Lines, one core" "$(bytes_of "$work/news.jsonl")" 1 \
  "${one_core[@]}" "$bin" quotes --input-format jsonl --output-format jsonl "$work/news.jsonl"
measure "check, news text as JSON Lines, one core" "$(bytes_of "$work/news.jsonl")" 1 \
  "${one_core[@]}" "$bin" check --input-format jsonl --output-format concise "$work/news.jsonl"
measure "quotes, news text as one file" "$nb" 1 "$bin" quotes --output-format jsonl "$news"
measure "check, news text as one file" "$nb" 1 "$bin" check --output-format concise "$news"
for f in ordinary-10mb unclosed-10mb paragraph-10mb dense-paragraph-10mb marks-straight marks-curly marks-mixed nested; do
  case $f in
    ordinary-10mb) label="check, 10 MB of ordinary text (one file)" ;;
    unclosed-10mb) label="check, 10 MB with an unclosed mark in its first line" ;;
    paragraph-10mb) label="check, 10 MB single paragraph" ;;
    dense-paragraph-10mb) label="check, 10 MB single paragraph, a quotation and cue every 70 bytes" ;;
    marks-straight) label='check, a million " in a row' ;;
    marks-curly) label="check, a million “ in a row" ;;
    marks-mixed) label="check, a million mixed marks “‘\"'”’ in a row" ;;
    nested) label="check, quotes nested 100,000 deep" ;;
  esac
  measure "$label" "$(bytes_of "$work/$f.txt")" 1 "$bin" check --output-format concise "$work/$f.txt"
done
nfiles=$(find "$work/articles" -type f | wc -l)
measure "check, directory of 5 KB articles" "$(bytes_of "$work/articles")" "$nfiles" \
  "$bin" check --output-format concise "$work/articles"
measure "check, directory of 5 KB articles, one core" "$(bytes_of "$work/articles")" "$nfiles" \
  "${one_core[@]}" "$bin" check --output-format concise "$work/articles"
if [ -s "$work/archive.jsonl" ]; then
  measure "quotes, JSON Lines archive (memory)" "$(bytes_of "$work/archive.jsonl")" 1 \
    "$bin" quotes --input-format jsonl --output-format jsonl "$work/archive.jsonl"
  rm -f "$work/archive.jsonl"
fi

# One 5 KB article, process start included: the median of 50 runs.
one=$work/one-5kb.txt
if command -v hyperfine >/dev/null; then
  hyperfine -N -i --runs 50 --warmup 5 --export-json "$work/hf.json" \
    "$bin check --output-format concise $one" >/dev/null 2>&1 || true
  median_ms=$(python3 -c "import json,sys; print('%.2f' % (json.load(open(sys.argv[1]))['results'][0]['median'] * 1000))" "$work/hf.json")
  how="hyperfine"
else
  for _ in $(seq 50); do
    t0=$(now_ns); "$bin" check --output-format concise "$one" >/dev/null 2>&1 || true; t1=$(now_ns)
    echo $(( t1 - t0 ))
  done | sort -n > "$work/runs"
  median_ms=$(awk '{ a[NR] = $1 } END { printf "%.2f", (a[int((NR + 1) / 2)] + a[int(NR / 2) + 1]) / 2 / 1e6 }' "$work/runs")
  how="shell loop"
fi
echo "| check, one 5 KB article, process start included (median of 50, $how) | $(awk -v b="$(bytes_of "$one")" 'BEGIN { print b / 1e6 }') | 1 | $median_ms | | | | | |"
