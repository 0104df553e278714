#!/usr/bin/env bash
# Cold-start benchmark of the built image: median wall time of `bin/cipherpost --help` and
# `bin/cipherpost --version`, with the AOT cache (as shipped), without it (the fallback when the
# cache is missing or unusable: the runtime's default CDS archive only), with an AppCDS dynamic
# archive instead (for comparison), and `java -version` of the same runtime as the floor.
#
#   benchmarks/cold-start.sh [--runs N] [--no-appcds] [IMAGE]
#
# IMAGE defaults to distribution/${CP_TARGET:-target}/cipherpost (build it with ./cipherpost or
# ./mvnw package). Uses hyperfine when installed, else a loop over `date +%s%N`.
set -euo pipefail

root="$(CDPATH= cd -- "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=20
appcds=1
image=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --no-appcds) appcds=0; shift ;;
    -h | --help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "cold-start: unknown option [$1]" >&2; exit 64 ;;
    *) image="$1"; shift ;;
  esac
done
image="${image:-$root/distribution/${CP_TARGET:-target}/cipherpost}"
if [ ! -x "$image/bin/cipherpost" ] || [ ! -x "$image/runtime/bin/java" ]; then
  echo "cold-start: no image at [$image]; build it first (./cipherpost --version, or ./mvnw -DskipTests -pl distribution -am package)" >&2
  exit 1
fi
image="$(CDPATH= cd -P -- "$image" && pwd)"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/cipherpost-bench.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
unset JAVA_OPTS CIPHERPOST_JAVA_OPTS JDK_JAVA_OPTIONS JAVA_TOOL_OPTIONS _JAVA_OPTIONS
mkdir -m 700 "$tmp/home"
export CIPHERPOST_HOME="$tmp/home"

# The same image without its AOT cache: launchers copied, jars hard-linked (or copied with their
# timestamps), runtime symlinked. The launcher passes -XX:AOTCache only when the file exists.
nocache="$tmp/image-without-cache"
mkdir -p "$nocache/bin" "$nocache/lib"
cp "$image/bin/cipherpost" "$nocache/bin/"
for f in "$image"/lib/*.jar; do
  ln "$f" "$nocache/lib/" 2>/dev/null || cp -p "$f" "$nocache/lib/"
done
ln -s "$image/runtime" "$nocache/runtime"

if command -v hyperfine >/dev/null 2>&1; then
  tool="hyperfine $(hyperfine --version | cut -d' ' -f2)"
else
  tool="bash loop (date +%s%N)"
fi

# Prints "median min" in milliseconds for a command given as words (no shell syntax).
measure() {
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine -N --warmup 3 --runs "$runs" --style none --export-csv "$tmp/result.csv" -- "$*" >/dev/null 2>&1 \
      || { echo "failed failed"; return; }
    # CSV columns: command,mean,stddev,median,user,system,min,max (seconds); the command may hold commas.
    awk -F, 'NR == 2 { printf "%.1f %.1f\n", $(NF - 4) * 1000, $(NF - 1) * 1000 }' "$tmp/result.csv"
  else
    local i start end
    for i in 1 2 3; do "$@" >/dev/null 2>&1 </dev/null || true; done
    for ((i = 0; i < runs; i++)); do
      start=$(date +%s%N)
      "$@" >/dev/null 2>&1 </dev/null || true
      end=$(date +%s%N)
      echo $(((end - start) / 1000))
    done | sort -n | awk '{ t[NR] = $1 } END {
      m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
      printf "%.1f %.1f\n", m / 1000, t[1] / 1000 }'
  fi
}

row() {
  local label="$1" result
  shift
  result="$(measure "$@")"
  # shellcheck disable=SC2086 # two fields: median and min
  printf '%-44s %9s %9s\n' "$label" ${result}
}

echo "image:   $image"
echo "runtime: Java $(sed -n 's/^JAVA_VERSION=//p' "$image/runtime/release" | tr -d '"')"
echo "tool:    $tool, $runs runs after 3 warm-ups, wall time in ms"
printf '%-44s %9s %9s\n' "" median min
row "floor: runtime/bin/java -version" "$image/runtime/bin/java" -version
if [ -f "$image/lib/cipherpost.aot" ]; then
  row "cipherpost --help      (AOT cache)" "$image/bin/cipherpost" --help
  row "cipherpost --version   (AOT cache)" "$image/bin/cipherpost" --version
else
  echo "(no lib/cipherpost.aot in this image: JDK < 25)"
fi
row "cipherpost --help      (no AOT cache)" "$nocache/bin/cipherpost" --help
row "cipherpost --version   (no AOT cache)" "$nocache/bin/cipherpost" --version
if [ "$appcds" = 1 ]; then
  if CIPHERPOST_JAVA_OPTS="-XX:ArchiveClassesAtExit=$tmp/app.jsa" \
    "$nocache/bin/cipherpost" --help >/dev/null 2>&1 </dev/null && [ -s "$tmp/app.jsa" ]; then
    (
      export CIPHERPOST_JAVA_OPTS="-XX:SharedArchiveFile=$tmp/app.jsa -Xlog:cds*=off"
      row "cipherpost --help      (AppCDS instead)" "$nocache/bin/cipherpost" --help
      row "cipherpost --version   (AppCDS instead)" "$nocache/bin/cipherpost" --version
    )
  else
    echo "(AppCDS: could not create a dynamic archive with this runtime)"
  fi
fi
