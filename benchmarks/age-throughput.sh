#!/usr/bin/env bash
# Times our age implementation against the age CLI on the same 1 GiB random file, in the same run:
# encrypt and decrypt, 3 runs each, median MB/s, outputs checked by sha256 round trip.
# Usage: benchmarks/age-throughput.sh [size-in-MiB]
#   CP_TARGET=target-x selects the build directory; JAVA_OPTS adds JVM options for our runs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
size_mib="${1:-1024}"
runs=3
target="${CP_TARGET:-target}"

for tool in age age-keygen sha256sum awk; do
  command -v "$tool" >/dev/null 2>&1 || { echo "age-throughput: '$tool' not found (apt-get install age)" >&2; exit 1; }
done

echo "building benchmarks (target dir: $target)..." >&2
./mvnw -q -B -Pbench -pl benchmarks -am package -DskipTests -Dcp.target="$target"
# shellcheck source=../scripts/find-jdk.sh
. "$root/scripts/find-jdk.sh"
cp_find_jdk
java="$JAVA_HOME/bin/java"
classpath="$root/benchmarks/$target/cipherpost-benchmarks-0.1.0-SNAPSHOT.jar:$root/benchmarks/$target/lib/*"

work="$(mktemp -d "${TMPDIR:-/tmp}/age-throughput.XXXXXX")"
cleanup() {
  local status=$?
  if [ "$status" -ne 0 ] && [ -s "$work/ours.log" ]; then
    echo "age-throughput: failed; our log:" >&2
    cat "$work/ours.log" >&2
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "making a ${size_mib} MiB random file in $work..." >&2
head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$work/plain"
bytes=$(stat -c %s "$work/plain")
plain_sum=$(sha256sum < "$work/plain" | cut -d' ' -f1)
age-keygen -o "$work/key.txt" 2>/dev/null
age-keygen -y "$work/key.txt" > "$work/recipients.txt"
recipient=$(cat "$work/recipients.txt")

# measure <command...>: runs the command, prints "wall-seconds cpu-seconds" (cpu = user + sys, when GNU time exists)
measure() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$@"
    awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$work/time"
  else
    local start end
    start=$(date +%s.%N)
    "$@"
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f nan\n", b - a }'
  fi
}

# JAVA_OPTS passes JVM options, e.g. -Dorg.cipherpost.age.threads=1 or -Dorg.cipherpost.age.aead=jca
# shellcheck disable=SC2206
ours=("$java" ${JAVA_OPTS:-} -cp "$classpath" org.cipherpost.bench.AgeFileThroughput)

median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }

mbps() { awk -v n="$bytes" -v s="$1" 'BEGIN { printf "%.0f", n / s / 1000000 }'; }

check() {
  local sum
  sum=$(sha256sum < "$1" | cut -d' ' -f1)
  [ "$sum" = "$plain_sum" ] || { echo "age-throughput: $2 round trip FAILED (sha256 mismatch)" >&2; exit 1; }
}

declare -A wall cpu
record() { # record KEY command...: appends one measurement
  local key=$1 result
  shift
  result=$(measure "$@")
  wall[$key]+=" ${result% *}"
  cpu[$key]+=" ${result#* }"
}

for run in $(seq 1 "$runs"); do
  echo "run $run/$runs..." >&2
  rm -f "$work"/*.age "$work"/*.out
  record ours_enc "${ours[@]}" encrypt "$work/recipients.txt" "$work/plain" "$work/ours.age" 2>>"$work/ours.log"
  record age_enc age -r "$recipient" -o "$work/age.age" "$work/plain"
  record ours_dec "${ours[@]}" decrypt "$work/key.txt" "$work/age.age" "$work/ours.out" 2>>"$work/ours.log"
  record age_dec age -d -i "$work/key.txt" -o "$work/age.out" "$work/ours.age"
  check "$work/ours.out" "age -> ours"
  check "$work/age.out" "ours -> age"
done

echo "in-process timings of ours:" >&2
sed 's/^/  /' "$work/ours.log" >&2
printf '\n%s MiB file, %d runs each, medians; wall clock includes JVM start for ours; load average: %s\n' \
  "$size_mib" "$runs" "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
printf '%-22s %10s %10s %14s\n' "" "seconds" "MB/s" "CPU seconds"
for key in ours_enc age_enc ours_dec age_dec; do
  # shellcheck disable=SC2086
  w=$(median ${wall[$key]})
  # shellcheck disable=SC2086
  c=$(median ${cpu[$key]})
  case $key in
    ours_enc) label="cipherpost encrypt";;
    age_enc) label="age encrypt";;
    ours_dec) label="cipherpost decrypt";;
    age_dec) label="age -d decrypt";;
  esac
  printf '%-22s %10.2f %10s %14s\n' "$label" "$w" "$(mbps "$w")" "$c"
done
echo "round trips verified by sha256 (ours->age, age->ours)"
