#!/usr/bin/env bash
# Fuzzes one target with afl-fuzz for a bounded time:
#   tests/Warren.Fuzz/run.sh TARGET SECONDS   build, instrument, fuzz; exit 1 if AFL found a crash or a hang
#   tests/Warren.Fuzz/run.sh --build          only build and instrument (the tests do this once)
# WARREN_FUZZ_NO_BUILD=1 skips the build (already done); WARREN_FUZZ_FINDINGS=DIR keeps AFL's
# output there (default: a new temporary directory). Needs afl-fuzz (Debian: apt-get install afl++).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${WARREN_FUZZ_OUT:-$here/bin/afl}"
plain="$out-replay"

build() {
  # A fresh folder each time: sharpfuzz refuses an assembly it has already instrumented.
  rm -rf "$out" "$plain"
  dotnet publish "$here/Warren.Fuzz.csproj" -c Release -o "$out" --nologo -v q
  # Instrumented code runs only under afl-fuzz (outside it, it writes to a coverage map that is
  # not there); a plain copy replays the findings.
  cp -r "$out" "$plain"
  (cd "$root" && dotnet tool restore >/dev/null)
  # Coverage is recorded in Warren's own code only: the parsers and what they call.
  for assembly in Warren.Ssh Warren.Relay; do
    (cd "$root" && dotnet sharpfuzz "$out/$assembly.dll" Warren.)
  done
}

if [[ "${1:-}" == "--build" ]]; then
  build
  exit 0
fi

if [[ $# -ne 2 ]]; then
  echo "usage: $0 TARGET SECONDS | $0 --build" >&2
  exit 2
fi

target="$1"
seconds="$2"
if ! command -v afl-fuzz >/dev/null 2>&1; then
  echo "afl-fuzz is not installed; install it with: apt-get install -y afl++" >&2
  exit 2
fi

if [[ ! -d "$here/corpus/$target" ]]; then
  echo "no corpus for target '$target' in $here/corpus" >&2
  exit 2
fi

if [[ "${WARREN_FUZZ_NO_BUILD:-}" != "1" ]]; then
  build
fi

findings="${WARREN_FUZZ_FINDINGS:-$(mktemp -d /tmp/warren-fuzz-$target.XXXXXX)}"
inputs="$findings/inputs"
mkdir -p "$inputs"
# AFL reads one flat folder: the seeds and every kept regression input.
find "$here/corpus/$target" -type f -exec cp {} "$inputs/" \;

# The target is the .NET host, not an AFL-compiled binary (AFL_SKIP_BIN_CHECK); a CI machine
# runs as root on shared cores with no say over core dumps or the CPU governor (the rest).
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_NO_AFFINITY=1 AFL_FORKSRV_INIT_TMOUT=60000 AFL_NO_CRASH_README=1
# -t: per input in milliseconds, generous because the machine is shared; a real hang is endless.
# Now and then (seen on some first starts of a target, on a loaded machine) AFL's first dry run sees an empty
# coverage map and aborts with "No instrumentation detected" before fuzzing anything; that
# start-up is tried again, up to three times. Any other failure ends the run at once.
for attempt in 1 2 3; do
  rm -rf "$findings/out"
  if afl-fuzz -i "$inputs" -o "$findings/out" -V "$seconds" -t 5000 -m none -- "$out/Warren.Fuzz" "$target" \
    > "$findings/afl.log" 2>&1; then
    break
  fi

  if [[ $attempt -eq 3 ]] || ! grep -q "No instrumentation detected" "$findings/afl.log"; then
    echo "afl-fuzz failed:" >&2
    tail -n 40 "$findings/afl.log" >&2
    exit 1
  fi

  echo "$target: AFL saw no coverage on its first run; starting again ($attempt of 3)" >&2
done

stats="$findings/out/default/fuzzer_stats"
if [[ -f "$stats" ]]; then
  grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs) ' "$stats" | tr -s ' ' | sed "s/^/$target: /"
fi

found=0
for kind in crashes hangs; do
  for file in "$findings/out/default/$kind"/id:*; do
    [[ -e "$file" ]] || continue
    found=1
    echo "$target: $kind: $file" >&2
    od -A x -t x1z -v "$file" | head -n 8 >&2
    "$plain/Warren.Fuzz" "$target" "$file" 2>&1 | head -n 20 >&2 || true
  done
done

if [[ $found -ne 0 ]]; then
  echo "$target: findings kept in $findings (copy each input to corpus/$target/regressions/ once fixed)" >&2
  exit 1
fi

[[ -n "${WARREN_FUZZ_FINDINGS:-}" ]] || rm -rf "$findings"
echo "$target: no crash and no hang in $seconds s"
