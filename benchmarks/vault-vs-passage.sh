#!/usr/bin/env bash
# Times the ciphey vault against passage's cost model, same run, same machine, same generated entries.
# passage's grep and reencrypt run one `age` process per entry: a loop of the age CLI over a passage-format
# store reproduces that cost without passage's script.
#
#   find         `ciphey find NEEDLE` (warm vault, agent running)   vs  loop `age -d -i ids F | grep -q NEEDLE`
#                (served by the thin client and the agent; the JVM path, CIPHERPOST_FAST=0, is timed too)
#   show         `ciphey show NAME` (agent running), hyperfine      vs  `age -d -i ids store/NAME.age`
#   device add   `ciphey device add R`                              vs  loop `age -d -i ids F | age -e -r R1 -r R2`
#                (vault format 2, ADR 0012: key files are wrapped to the vault keyring, so a device add rewrites the
#                vault-wide files only; the O(n) device change is now revoke, timed too: it re-keys every entry)
#   import       `ciphey import passage STORE`                       vs  loop `age -d -i ids F` (the decryption
#                passage's own tooling would do, one process per entry; our import also encrypts and writes)
#
# Usage: benchmarks/vault-vs-passage.sh [entries] [passage-sample]
#   entries (default 10000) are generated with the real age CLI into a passage-format store; the passage loops
#   run on the first `passage-sample` files (default 1000) and are scaled linearly to all entries.
#   CP_TARGET=target-x selects the image (distribution/$CP_TARGET/cipherpost, built by ./cipherpost on first use).
#   The vault is created with small Argon2id parameters (--kdf-memory 8192 --kdf-iterations 1): only `show`
#   without an agent would feel them, and no timed command here runs Argon2id more than once.
#   Needs age (apt-get install age); hyperfine (apt-get install hyperfine) for the show timing, else a loop.
#   The machine's load average is printed at the start and at the end: compare runs only at similar loads.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
entries="${1:-10000}"
sample="${2:-1000}"
[ "$sample" -le "$entries" ] || sample="$entries"
target="${CP_TARGET:-target}"

for tool in age age-keygen awk xargs; do
  command -v "$tool" >/dev/null 2>&1 || { echo "vault-vs-passage: '$tool' not found (apt-get install age)" >&2; exit 1; }
done

load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "building the image (target dir: $target)..." >&2
CP_TARGET="$target" ./cipherpost --version >/dev/null
ciphey="$root/distribution/$target/cipherpost/bin/ciphey"
[ -x "$ciphey" ] || { echo "vault-vs-passage: no launcher at $ciphey" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/vault-vs-passage.XXXXXX")"
export CIPHERPOST_HOME="$work/home"
export CIPHERPOST_VAULT="$work/vault"
export CIPHERPOST_PASSPHRASE="benchmark passphrase"
export PASSAGE_IDENTITIES_FILE="$work/identities"
unset XDG_RUNTIME_DIR # keep the agent's socket inside $CIPHERPOST_HOME/run, away from any other agent
mkdir -p "$CIPHERPOST_HOME"
cleanup() {
  "$ciphey" lock >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# seconds <command...>: wall-clock seconds of one run, output discarded
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}

echo "generating $entries entries with age into a passage store in $work..." >&2
age-keygen -o "$PASSAGE_IDENTITIES_FILE" 2>/dev/null
recipient=$(age-keygen -y "$PASSAGE_IDENTITIES_FILE")
store="$work/store"
mkdir -p "$store"
seq -f '%05g' 0 $((entries - 1)) > "$work/numbers"
# shellcheck disable=SC2016
xargs -P "$(nproc)" -n 200 sh -c '
  store=$1; recipient=$2; shift 2
  for n in "$@"; do
    mkdir -p "$store/site-$n"
    printf "secret-%s-%s\nusername: user-%s@example.com\nurl: https://site-%s.example\n" \
      "$n" "$(head -c 9 /dev/urandom | od -An -tx1 | tr -d " \n")" "$n" "$n" \
      | age -e -r "$recipient" -o "$store/site-$n/user.age"
  done' sh "$store" "$recipient" < "$work/numbers"
[ "$(find "$store" -name '*.age' | wc -l)" -eq "$entries" ] || { echo "vault-vs-passage: generation failed" >&2; exit 1; }
find "$store" -name '*.age' | sort | sed -n "1,${sample}p" > "$work/sample"
last=$(printf '%05d' $((entries - 1)))
needle="site-$last"
show_name="site-$last/user"

echo "ciphey init (Argon2id 8 MiB, 1 pass) and import passage..." >&2
"$ciphey" init --name bench --kdf-memory 8192 --kdf-iterations 1 >/dev/null
t_import=$(seconds "$ciphey" import passage "$store")
passage_decrypt() {
  local file
  while IFS= read -r file; do
    age -d -i "$PASSAGE_IDENTITIES_FILE" "$file" >/dev/null
  done < "$work/sample"
}
t_decrypt_sample=$(seconds passage_decrypt)
[ "$("$ciphey" find "$needle" | grep -c "$needle")" -ge 1 ] || { echo "vault-vs-passage: import lost entries" >&2; exit 1; }

echo "device add, then device revoke (re-keys all $entries entries)..." >&2
new1=$(age-keygen 2>&1 >/dev/null | sed -n 's/^Public key: //p')
t_device=$(seconds "$ciphey" device add "$new1" --name bench-new)
new1_id=$("$ciphey" device ls --json | awk -v r="$new1" '/"id"/ { gsub(/[",]/, "", $3); id = $3 } index($0, r) { print id; exit }')
[ -n "$new1_id" ] || { echo "vault-vs-passage: device add did not list the new device" >&2; exit 1; }
t_revoke=$(seconds "$ciphey" device revoke "$new1_id")
[ "$("$ciphey" find "$needle" | grep -c "$needle")" -ge 1 ] || { echo "vault-vs-passage: revoke lost entries" >&2; exit 1; }

echo "passage-style reencrypt over $sample files..." >&2
mkdir -p "$work/restore"
passage_reencrypt() {
  local file i=0
  while IFS= read -r file; do
    age -d -i "$PASSAGE_IDENTITIES_FILE" "$file" | age -e -r "$recipient" -r "$new1" -o "$work/restore/$i.age"
    i=$((i + 1))
  done < "$work/sample"
}
t_reencrypt_sample=$(seconds passage_reencrypt)

echo "passage-style grep over $sample files..." >&2
passage_grep() {
  local file
  while IFS= read -r file; do
    age -d -i "$PASSAGE_IDENTITIES_FILE" "$file" | grep -q "$needle" || true
  done < "$work/sample"
}
t_grep_sample=$(seconds passage_grep)

echo "unlocking the agent; find and show on the warm vault..." >&2
"$ciphey" unlock --timeout 30m >/dev/null
# warm: the agent has opened the vault, the index is current, the OS cache holds the files
for _ in 1 2 3 4 5; do "$ciphey" find "$needle" >/dev/null; done
runs=5
median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine -N --warmup 3 --runs 15 --export-json "$work/find.json" -n ciphey-find "$ciphey find $needle" >&2
  t_find=$(awk '/"median"/ { gsub(/[^0-9.e-]/, "", $2); print $2; exit }' "$work/find.json")
else
  find_times=()
  for _ in $(seq 11); do find_times+=("$(seconds "$ciphey" find "$needle")"); done
  t_find=$(median "${find_times[@]}")
fi
find_jvm_times=()
for _ in $(seq $runs); do find_jvm_times+=("$(CIPHERPOST_FAST=0 seconds "$ciphey" find "$needle")"); done
t_find_jvm=$(median "${find_jvm_times[@]}")
[ "$("$ciphey" find "$needle")" = "$(CIPHERPOST_FAST=0 "$ciphey" find "$needle")" ] \
  || { echo "vault-vs-passage: find differs between the thin client and the JVM" >&2; exit 1; }
[ "$("$ciphey" show "$show_name" | sed -n 1p | cut -c1-12)" = "secret-$last" ] || { echo "vault-vs-passage: show is wrong" >&2; exit 1; }
cmp -s <("$ciphey" show "$show_name") <(CIPHERPOST_FAST=0 "$ciphey" show "$show_name") \
  || { echo "vault-vs-passage: show differs between the thin client and the JVM" >&2; exit 1; }

if command -v hyperfine >/dev/null 2>&1; then
  hyperfine -N --warmup 3 --runs 15 --export-json "$work/show.json" \
    -n passage "age -d -i $PASSAGE_IDENTITIES_FILE $store/$show_name.age" \
    -n ciphey "$ciphey show $show_name" \
    -n ciphey-jvm "env CIPHERPOST_FAST=0 $ciphey show $show_name" >&2
  t_show_passage=$(awk '/"command": "passage"/ { p = 1 } p && /"median"/ { gsub(/[^0-9.e-]/, "", $2); print $2; exit }' "$work/show.json")
  t_show_ours=$(awk '/"command": "ciphey"/ { p = 1 } p && /"median"/ { gsub(/[^0-9.e-]/, "", $2); print $2; exit }' "$work/show.json")
  t_show_jvm=$(awk '/"command": "ciphey-jvm"/ { p = 1 } p && /"median"/ { gsub(/[^0-9.e-]/, "", $2); print $2; exit }' "$work/show.json")
else
  echo "(hyperfine not found: apt-get install hyperfine; timing show with a loop of 11 runs)" >&2
  show_p=(); show_o=(); show_j=()
  for _ in $(seq 11); do
    show_p+=("$(seconds age -d -i "$PASSAGE_IDENTITIES_FILE" "$store/$show_name.age")")
    show_o+=("$(seconds "$ciphey" show "$show_name")")
    show_j+=("$(CIPHERPOST_FAST=0 seconds "$ciphey" show "$show_name")")
  done
  t_show_passage=$(median "${show_p[@]}")
  t_show_ours=$(median "${show_o[@]}")
  t_show_jvm=$(median "${show_j[@]}")
fi
"$ciphey" lock >/dev/null

scale() { awk -v t="$1" -v n="$entries" -v s="$sample" 'BEGIN { printf "%.3f", t * n / s }'; }
t_grep=$(scale "$t_grep_sample")
t_reencrypt=$(scale "$t_reencrypt_sample")
t_decrypt=$(scale "$t_decrypt_sample")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
fmt() { awk -v t="$1" 'BEGIN { printf "%.4f", t }'; }
t_find=$(fmt "$t_find")
t_show_passage=$(fmt "$t_show_passage")
t_show_ours=$(fmt "$t_show_ours")
t_show_jvm=$(fmt "$t_show_jvm")

echo
echo "vault vs passage: $entries entries, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "load average (1, 5, 15 min): at the start $load_start, at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo "passage loops timed on $sample files and scaled x$(awk -v n="$entries" -v s="$sample" 'BEGIN { printf "%g", n / s }')"
printf '%-34s %12s %12s %10s  %s\n' "operation" "passage s" "ciphey s" "speed-up" "goal"
printf '%-34s %12s %12s %10s  %s\n' "find (warm, agent)" "$t_grep" "$t_find" "$(ratio "$t_grep" "$t_find")x" ">= 50x"
printf '%-34s %12s %12s %10s  %s\n' "  find on the JVM (CIPHERPOST_FAST=0)" "$t_grep" "$t_find_jvm" "$(ratio "$t_grep" "$t_find_jvm")x" ""
printf '%-34s %12s %12s %10s  %s\n' "device add (vs reencrypt)" "$t_reencrypt" "$t_device" "$(ratio "$t_reencrypt" "$t_device")x" ">= 50x"
printf '%-34s %12s %12s %10s  %s\n' "  device revoke: re-key all" "$t_reencrypt" "$t_revoke" "$(ratio "$t_reencrypt" "$t_revoke")x" ""
printf '%-34s %12s %12s %10s  %s\n' "show (agent; median)" "$t_show_passage" "$t_show_ours" "$(ratio "$t_show_ours" "$t_show_passage")x slower" "<= 3x"
printf '%-34s %12s %12s %10s  %s\n' "  show on the JVM (CIPHERPOST_FAST=0)" "$t_show_passage" "$t_show_jvm" "$(ratio "$t_show_jvm" "$t_show_passage")x slower" ""
printf '%-34s %12s %12s %10s  %s\n' "import passage (vs age -d loop)" "$t_decrypt" "$t_import" "$(ratio "$t_decrypt" "$t_import")x" "-"
