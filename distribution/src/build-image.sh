#!/usr/bin/env bash
# Assembles the runnable Cipherpost image. Run by exec-maven-plugin in the package phase of
# distribution/pom.xml, after maven-dependency-plugin has copied the runtime jars of cipherpost-cli:
#
#   build-image.sh --java-home DIR --jars DIR --image DIR --work DIR [--plugins DIR]
#
#   --java-home  the JDK that runs Maven: its jdeps, jlink and java build the image
#   --jars       the application jars (our modules and their dependencies, no test jars)
#   --image      the image to (re)build, e.g. distribution/target/cipherpost
#   --work       a directory for caches between builds (jdeps result, jlink runtime key, logs)
#   --plugins    plugin jars to ship in plugins/ (never on the module path; the launcher passes the directory)
#
# Result:
#   bin/cipherpost, bin/ciphey   launchers (one script; ciphey inserts `vault`)
#   lib/*.jar                    the application module path (automatic modules cannot be linked)
#   lib/cipherpost.aot           JDK 25+: AOT cache from a training run of `cipherpost --help`
#   share/man/man1/*.1           man pages of every command (cipherpost generate-man-pages)
#   libexec/ciphey-fast          thin client of `vault show`/`find` (C), when a C compiler is present
#   runtime/                     jlink image of only the JDK modules the jars need, plus a few
#                                the code loads reflectively or later issues need
#   plugins/                     the shipped plugin jars (material-x509, -pgp, -ssh, hook-git, keys-yubikey), 0644
#   .build-stamp                 written last: the image is complete (./cipherpost checks it)
#
# Nothing here embeds a timestamp. The jlink runtime is reused while the JDK and the module list
# stay the same, and the jdeps result while the jar names and module descriptors stay the same:
# those two steps are most of the time this script takes.
set -euo pipefail

readonly explicit_modules=(
  java.base         # always
  java.logging      # JNA and BouncyCastle log through java.util.logging
  java.compiler     # PF4J's module requires it
  java.naming       # BouncyCastle (LDAP cert stores), JNDI lookups
  java.net.http     # relays and HTTP clients
  jdk.httpserver    # local relay and test servers
  java.smartcardio  # YubiKey PIV over PC/SC
  jdk.zipfs         # reading plugin jars as file systems
  jdk.unsupported   # sun.misc.Unsafe/Signal for libraries that still use them
)
readonly optional_modules=(
  jdk.crypto.ec     # EC providers before JDK 22; an empty module after
)
readonly jlink_options=(--strip-debug --no-header-files --no-man-pages --generate-cds-archive)

die() {
  echo "build-image: $*" >&2
  exit 1
}

say() {
  echo "build-image: $*"
}

# Milliseconds since the script started (for the progress lines; nothing is written into the image).
elapsed() {
  local now="${EPOCHREALTIME:-$SECONDS}"
  now="${now/[.,]/}"
  [ ${#now} -gt 10 ] || now="${now}000000"
  echo "$(((now - started) / 1000)) ms"
}
started="${EPOCHREALTIME:-$SECONDS}"
started="${started/[.,]/}"
[ ${#started} -gt 10 ] || started="${started}000000"

java_home="" jars="" image="" work="" plugins=""
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || die "option [$1] needs a value"
  case "$1" in
    --java-home) java_home="$2" ;;
    --jars) jars="$2" ;;
    --image) image="$2" ;;
    --work) work="$2" ;;
    --plugins) plugins="$2" ;;
    *) die "unknown option [$1]" ;;
  esac
  shift 2
done
[ -n "$java_home" ] && [ -n "$jars" ] && [ -n "$image" ] && [ -n "$work" ] \
  || die "usage: build-image.sh --java-home DIR --jars DIR --image DIR --work DIR"

rm -f "$image/.build-stamp"
root="$(CDPATH= cd -- "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
src="$root/distribution/src"
# shellcheck source=../../scripts/find-jdk.sh
. "$root/scripts/find-jdk.sh"

# --- the JDK -------------------------------------------------------------------------------------
[ -x "$java_home/bin/java" ] || die "no java in [$java_home]"
[ -x "$java_home/bin/jlink" ] \
  || die "no jlink in [$java_home]: building the image needs a full JDK >= 21 (not a JRE) running Maven"
[ -x "$java_home/bin/jdeps" ] || die "no jdeps in [$java_home]"
feature="$(cp_jdk_major "$java_home")"
[ -n "$feature" ] && [ "$feature" -ge 21 ] || die "JDK [$java_home] is not >= 21"
jdk_id="$(sed -n 's/^\(IMPLEMENTOR\|JAVA_RUNTIME_VERSION\)=//p' "$java_home/release" 2>/dev/null | tr '\n' ' ')"

# --- the application jars ----------------------------------------------------------------------
shopt -s nullglob
jar_files=("$jars"/*.jar)
shopt -u nullglob
[ ${#jar_files[@]} -gt 0 ] || die "no jars in [$jars]"
for jar in "${jar_files[@]}"; do
  case "${jar##*/}" in
    junit-* | opentest4j-* | apiguardian-* | hamcrest-* | mockito-*)
      die "test-only jar [${jar##*/}] among the application jars"
      ;;
  esac
done

mkdir -p "$work"
log="$work/build-image.log"
: >"$log"

# --- JDK modules: jdeps over the jars, union the explicit list ---------------------------------
# Release jars never change under the same name; for our snapshot modules only the module
# descriptor decides which JDK modules they may use, so that is what the cache key hashes.
snapshot_hash() {
  local h
  if command -v unzip >/dev/null 2>&1 && h="$(unzip -p "$1" module-info.class 2>/dev/null | sha256sum)"; then
    echo "descriptor ${h%% *}"
  else
    h="$(sha256sum <"$1")"
    echo "content ${h%% *}"
  fi
}
jdeps_key="$(
  printf '%s\n' "$jdk_id"
  for jar in "${jar_files[@]}"; do
    case "${jar##*/}" in
      *-SNAPSHOT.jar) printf '%s %s\n' "${jar##*/}" "$(snapshot_hash "$jar")" ;;
      *) printf '%s\n' "${jar##*/}" ;;
    esac
  done | sha256sum | cut -d' ' -f1
)"
if [ -f "$work/jdeps.key" ] && [ "$(cat "$work/jdeps.key")" = "$jdeps_key" ] && [ -s "$work/jdeps.modules" ]; then
  jdeps_modules="$(cat "$work/jdeps.modules")"
else
  say "jdeps: analysing ${#jar_files[@]} jars"
  rm -f "$work/jdeps.key"
  if ! jdeps_modules="$("$java_home/bin/jdeps" --multi-release "$feature" --ignore-missing-deps \
    --print-module-deps --module-path "$jars" --add-modules ALL-MODULE-PATH 2>>"$log")"; then
    cat "$log" >&2
    die "jdeps failed on [$jars]"
  fi
  printf '%s\n' "$jdeps_modules" >"$work/jdeps.modules"
  printf '%s\n' "$jdeps_key" >"$work/jdeps.key"
  say "jdeps: done at $(elapsed)"
fi

available="$("$java_home/bin/java" --list-modules | sed 's/@.*//')"
wanted=("${explicit_modules[@]}")
for m in "${optional_modules[@]}"; do
  if grep -qx "$m" <<<"$available"; then wanted+=("$m"); fi
done
IFS=',' read -r -a found <<<"$jdeps_modules"
for m in "${found[@]}"; do
  # jdeps lists JDK modules only; keep the check so an application module can never be linked.
  if grep -qx "$m" <<<"$available"; then wanted+=("$m"); fi
done
modules="$(printf '%s\n' "${wanted[@]}" | sort -u | paste -sd, -)"

# --- the runtime (jlink), reused while JDK, modules and options are unchanged ------------------
runtime_key="$(printf '%s\n' "$java_home" "$jdk_id" "$modules" "${jlink_options[*]}" | sha256sum | cut -d' ' -f1)"
mkdir -p "$image"
if [ -x "$image/runtime/bin/java" ] && [ -f "$work/runtime.key" ] \
  && [ "$(cat "$work/runtime.key")" = "$runtime_key" ]; then
  say "runtime: reusing ($modules)"
else
  say "runtime: jlink $modules"
  rm -rf "$image/runtime" "$work/runtime.key"
  if ! "$java_home/bin/jlink" --add-modules "$modules" "${jlink_options[@]}" \
    --output "$image/runtime" >>"$log" 2>&1; then
    cat "$log" >&2
    if [ ! -d "$java_home/jmods" ]; then
      die "jlink failed: [$java_home] has no jmods/ and cannot link from its own run-time image;" \
        "install the jmods (Debian: openjdk-$feature-jmods) or use a JDK that can (e.g. Temurin 24+)"
    fi
    die "jlink failed (modules: $modules)"
  fi
  printf '%s\n' "$runtime_key" >"$work/runtime.key"
  say "runtime: done at $(elapsed)"
fi

# --- everything else is rebuilt every time -----------------------------------------------------
find "$image" -mindepth 1 -maxdepth 1 ! -name runtime -exec rm -rf {} +
mkdir -p "$image/bin" "$image/lib" "$image/plugins"
cp "${jar_files[@]}" "$image/lib/"
install -m 0755 "$src/bin/cipherpost" "$image/bin/cipherpost"
install -m 0755 "$src/bin/cipherpost" "$image/bin/ciphey"
if [ -n "$plugins" ]; then
  shopt -s nullglob
  plugin_jars=("$plugins"/*.jar)
  shopt -u nullglob
  if [ ${#plugin_jars[@]} -gt 0 ]; then
    install -m 0644 "${plugin_jars[@]}" "$image/plugins/"
  fi
  say "plugins: ${#plugin_jars[@]} jar(s) in plugins/"
fi

# --- the thin client of `vault show` and `vault find` (C), when this machine has a C compiler -----
# Optional: without it the launcher runs every command on the JVM. $CC picks the compiler (default cc).
thin_client_source="$src/main/c/ciphey-fast.c"
cc_command="${CC:-cc}"
if ! command -v "$cc_command" >/dev/null 2>&1; then
  say "thin client: skipped (no C compiler [$cc_command]; vault show and find run on the JVM)"
else
  mkdir -p "$image/libexec"
  if "$cc_command" -std=c11 -O2 -Wall -Wextra -fstack-protector-strong -D_FORTIFY_SOURCE=2 \
    -o "$image/libexec/ciphey-fast" "$thin_client_source" >>"$log" 2>&1; then
    say "thin client: libexec/ciphey-fast"
  else
    rm -f "$image/libexec/ciphey-fast"
    echo "build-image: WARNING: the thin client did not compile (see $log); vault show and find run on the JVM" >&2
  fi
fi

# --- startup: AOT cache from a training run (JDK 25+) ------------------------------------------
# The training goes through the launcher itself so that the cache sees exactly the launcher's JVM
# options and module path (the JVM rejects a cache made with different ones). The cache is tied to
# the absolute path of lib/: a relocated image still runs, only without the cache.
aot_cache="$image/lib/cipherpost.aot"
if [ "$feature" -lt 25 ]; then
  say "AOT cache: skipped (JDK $feature; needs 25)"
elif [[ "$image" =~ [[:space:]] ]]; then
  say "AOT cache: skipped (the image path contains whitespace)"
else
  train_home="$(mktemp -d "${TMPDIR:-/tmp}/cipherpost-aot.XXXXXX")"
  trap 'rm -rf "$train_home"' EXIT
  if ! env -i PATH="$PATH" HOME="$train_home" LANG=C.UTF-8 \
    CIPHERPOST_HOME="$train_home/cipherpost" CIPHERPOST_JAVA_OPTS="-XX:AOTCacheOutput=$aot_cache" \
    "$image/bin/cipherpost" --help </dev/null >>"$log" 2>&1; then
    cat "$log" >&2
    die "AOT training run [cipherpost --help] failed"
  fi
  [ -s "$aot_cache" ] || { cat "$log" >&2; die "AOT training run wrote no cache [$aot_cache]"; }
  # Check that the launcher really uses it: the main class must come from the cache.
  env -i PATH="$PATH" HOME="$train_home" LANG=C.UTF-8 CIPHERPOST_HOME="$train_home/cipherpost" \
    CIPHERPOST_JAVA_OPTS="-Xlog:class+load=info:stdout" "$image/bin/cipherpost" --help \
    </dev/null >"$work/aot-check.log" 2>&1 || true
  if grep -q "org.cipherpost.cli.Main source: shared objects file" "$work/aot-check.log"; then
    say "AOT cache: $(($(wc -c <"$aot_cache") / 1048576)) MB, done at $(elapsed)"
  else
    echo "build-image: WARNING: the launcher does not use the AOT cache [$aot_cache]; startup will be slow" >&2
  fi
fi

# --- man pages, from the commands' own help text ----------------------------------------------------
man_home="$(mktemp -d "${TMPDIR:-/tmp}/cipherpost-man.XXXXXX")"
if env -i PATH="$PATH" HOME="$man_home" LANG=C.UTF-8 CIPHERPOST_HOME="$man_home/cipherpost" \
  "$image/bin/cipherpost" generate-man-pages --dir "$image/share/man/man1" </dev/null >>"$log" 2>&1; then
  say "man pages: $(find "$image/share/man/man1" -name '*.1' | wc -l) in share/man/man1"
else
  rm -rf "$man_home"
  cat "$log" >&2
  die "generating the man pages failed"
fi
rm -rf "$man_home"

printf 'Cipherpost image, complete. Written last by distribution/src/build-image.sh.\n' >"$image/.build-stamp"
say "image: $image ($(du -sm "$image" | cut -f1) MB) in $(elapsed)"
