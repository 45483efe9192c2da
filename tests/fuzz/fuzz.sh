#!/bin/sh
# Builds and runs one libFuzzer target, then merges what it found into the committed corpus:
#   tests/fuzz/fuzz.sh points_csv|model_file|session|lesson [SECONDS] [LIBFUZZER OPTION]...
# The fuzzer starts from seeds/TARGET and corpus/TARGET; new inputs go to a temporary directory,
# then corpus/TARGET is minimized again with them. A failing input is written to findings/TARGET/,
# where the replay test (make test) picks it up until the bug is fixed.
set -eu
[ $# -ge 1 ] || { echo "usage: $0 points_csv|model_file|session|lesson [SECONDS] [OPTION]..." >&2; exit 2; }
target=$1
seconds=${2:-600}
[ $# -ge 2 ] && shift 2 || shift 1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${BUILD_FUZZ:-$root/build-fuzz}
# Inputs a little larger than the largest seed; bigger ones only make each run slower.
case $target in
  points_csv) options="-max_len=4096" ;;
  model_file) options="-max_len=16384 -dict=$here/model_file.dict" ;;
  session) options="-max_len=8192 -dict=$here/session.dict" ;;
  lesson) options="-max_len=4096 -dict=$here/lesson.dict" ;;
  *) echo "$0: unknown target '$target'" >&2; exit 2 ;;
esac

CC=${CC:-clang-14} CXX=${CXX:-clang++-14} cmake -S "$root" -B "$build" -DAL_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target "${target}_fuzz"
fuzzer=$build/tests/fuzz/${target}_fuzz

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/new" "$work/merged" "$here/corpus/$target" "$here/findings/$target"
# shellcheck disable=SC2086  # $options holds several options
"$fuzzer" "$work/new" "$here/seeds/$target" "$here/corpus/$target" $options -rss_limit_mb=2048 \
  -timeout=10 -max_total_time="$seconds" -print_final_stats=1 \
  -artifact_prefix="$here/findings/$target/" "$@"

# The corpus becomes the fewest inputs that reach the code the seeds do not (a set-cover merge
# after the seeds, counted coverage off: new code, not each new loop count), so it stays small
# enough to replay in every test run.
merge() { "$fuzzer" -set_cover_merge=1 -use_counters=0 "$work/merged" "$@" $options; }
merge "$here/seeds/$target"
merge "$here/corpus/$target" "$work/new"
for seed in "$here/seeds/$target"/*; do rm -f "$work/merged/$(sha1sum <"$seed" | cut -c1-40)"; done
rm -rf "$here/corpus/$target"
mv "$work/merged" "$here/corpus/$target"
