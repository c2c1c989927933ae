#!/usr/bin/env bash
# Builds the libFuzzer executable (Fuzz/README.md) and runs each target for FUZZ_SECONDS on a copy of its
# seed corpus in a temporary folder, so the repository's corpus is never written to. Exits non-zero at the
# first target that finds a crash, timeout or out-of-memory input, after printing the input's path and
# the command that reproduces it. FUZZ_TARGETS picks targets (default: all); FUZZ_WORK keeps the working
# folder there instead of a temporary one.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-30}"
targets="${FUZZ_TARGETS:-thrift parquet-file parquet-page sql csv ndjson hive-path}"
build_path="${FUZZ_BUILD_PATH:-.build-fuzz}"
swift="${SWIFT:-swift}"

echo "fuzz: building strata-fuzz in $build_path" >&2
start=$SECONDS
# Coverage instrumentation must be asked for explicitly: --sanitize fuzzer alone links libFuzzer but
# leaves the Swift code without the counters it steers by. The linker's notes about ASan's local
# symbols are noise; the log keeps everything for a failed build.
log="$(mktemp)"
if ! STRATA_FUZZ=1 "$swift" build --build-path "$build_path" --sanitize fuzzer --sanitize address \
    -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table --product strata-fuzz >"$log" 2>&1; then
    grep -v "Cannot export local symbol" "$log" >&2
    exit 1
fi
rm -f "$log"
echo "fuzz: built in $((SECONDS - start)) s" >&2
binary="$build_path/debug/strata-fuzz"

work="${FUZZ_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/strata-fuzz.XXXXXX")}"
mkdir -p "$work"
echo "fuzz: working folder $work" >&2

# Swift's runtime keeps metadata caches alive until exit, which LeakSanitizer reports as leaks; the
# Swift backtracer would stall every crash for seconds, and libFuzzer prints the stack anyway.
export ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}"
export SWIFT_BACKTRACE="enable=no"

for target in $targets; do
    [ -d "Fuzz/Corpus/$target" ] || { echo "fuzz: no seed corpus Fuzz/Corpus/$target" >&2; exit 2; }
    corpus="$work/$target/corpus"
    artifacts="$work/$target/artifacts"
    mkdir -p "$corpus" "$artifacts"
    cp -n Fuzz/Corpus/"$target"/* "$corpus"/
    # Whole files need room for a footer and several pages; everything else stays small so it is fast.
    case "$target" in
        parquet-file) max_len=16384 ;;
        *) max_len=4096 ;;
    esac
    echo "fuzz: $target for $seconds s" >&2
    status=0
    "$binary" --target="$target" "$corpus" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 \
        -rss_limit_mb=2048 -malloc_limit_mb=2048 -artifact_prefix="$artifacts/" -print_final_stats=1 \
        >"$work/$target/log" 2>&1 || status=$?
    grep -E "^stat::(number_of_executed_units|average_exec_per_sec|new_units_added)" "$work/$target/log" | sed "s/^/fuzz: $target /" >&2 || true
    if [ "$status" -ne 0 ]; then
        tail -n 60 "$work/$target/log" >&2
        for input in "$artifacts"/*; do
            [ -e "$input" ] || continue
            echo "fuzz: $target FAILED on input $input" >&2
            echo "fuzz: reproduce with: SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 $binary --target=$target $input" >&2
        done
        echo "fuzz: $target failed (exit $status); full log $work/$target/log" >&2
        exit 1
    fi
done
echo "fuzz: every target ran $seconds s without a failure" >&2
[ -n "${FUZZ_WORK:-}" ] || rm -rf "$work"
