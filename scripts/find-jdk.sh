# shellcheck shell=bash
# Sourced by ./mvnw, ./cipherpost and .ci/run: exports JAVA_HOME pointing at a JDK >= 21.
# Order: $JAVA_HOME when it is new enough, else the newest JDK >= 21 under /usr/lib/jvm
# (or $CIPHERPOST_JVM_DIR), else a clear error.

cp_jdk_major() {
  # Prints the feature version of the JDK at $1 (e.g. 25), or nothing.
  local release="$1/release" v
  [ -x "$1/bin/javac" ] || return 0
  if [ -r "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$release")
  fi
  if [ -z "$v" ]; then
    v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1)
  fi
  [ "$v" = "1" ] && v=8
  printf '%s' "$v"
}

cp_find_jdk() {
  local min=21 best="" best_v=0 d v
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(cp_jdk_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge "$min" ]; then
      export JAVA_HOME
      return 0
    fi
  fi
  for d in "${CIPHERPOST_JVM_DIR:-/usr/lib/jvm}"/*; do
    [ -d "$d" ] && [ ! -L "$d" ] || continue
    v=$(cp_jdk_major "$d")
    if [ -n "$v" ] && [ "$v" -ge "$min" ] && [ "$v" -gt "$best_v" ]; then
      best="$d"; best_v="$v"
    fi
  done
  if [ -z "$best" ]; then
    echo "cipherpost: no JDK >= $min found (JAVA_HOME=${JAVA_HOME:-unset}, searched ${CIPHERPOST_JVM_DIR:-/usr/lib/jvm})." >&2
    echo "cipherpost: install one, e.g. 'apt-get install openjdk-21-jdk-headless' or a Temurin 25, or set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
