#!/usr/bin/env bash
# Large payloads end to end against tar + the age CLI, on the same directory in the same run:
#   ours:      send-large library path (tar streamed into age, spooled ciphertext, HTTP PUT to a WebDAV nginx)
#              then receive-large (resumable GET, SHA-256 check, age -> safe tar extraction), each JVM at -Xmx256m
#   baseline:  tar -c | age -r > file ; age -d file | tar -x           (no network)
#   baseline+: tar -c | age -r | curl -T - (PUT) ; curl | age -d | tar -x   (same nginx)
# Every output tree is compared with the source (diff -r). Memory: peak RSS (GNU time) and the JVM's heap pools' peak.
# Usage: benchmarks/large-payload.sh [size-in-MiB, default 2048]
#   CP_TARGET=target-x selects the build directory.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
size_mib="${1:-2048}"
target="${CP_TARGET:-target}"
heap="${LARGE_PAYLOAD_HEAP:--Xmx256m}"

for tool in age age-keygen tar curl diff awk python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "large-payload: '$tool' not found" >&2; exit 1; }
done
[ -x /usr/sbin/nginx ] || { echo "large-payload: /usr/sbin/nginx not found (apt-get install nginx-light)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "large-payload: GNU time not found (apt-get install time)" >&2; exit 1; }

echo "building benchmarks (target dir: $target)..." >&2
./mvnw -q -B -Pbench -pl benchmarks -am package -DskipTests -Dcp.target="$target"
# shellcheck source=../scripts/find-jdk.sh
. "$root/scripts/find-jdk.sh"
cp_find_jdk
java="$JAVA_HOME/bin/java"
classpath="$root/benchmarks/$target/cipherpost-benchmarks-0.1.0-SNAPSHOT.jar:$root/benchmarks/$target/lib/*"

work="$(mktemp -d "${TMPDIR:-/tmp}/large-payload.XXXXXX")"
nginx_pid=""
cleanup() {
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# --- the directory: 16 large random files + 2,000 small ones in nested folders -------------------------------
echo "making a ${size_mib} MiB directory in $work/src..." >&2
mkdir -p "$work/src/big" "$work/src/small"
big=$(( size_mib * 1024 * 1024 / 16 - 2000 * 4096 / 16 ))
for i in $(seq 1 16); do head -c "$big" /dev/urandom > "$work/src/big/part-$i.bin"; done
for d in $(seq 1 20); do
  mkdir -p "$work/src/small/d$d"
  for f in $(seq 1 100); do head -c 4096 /dev/urandom > "$work/src/small/d$d/f$f"; done
done
bytes=$(du -sb "$work/src" | cut -f1)
sync

# --- nginx with WebDAV PUT on loopback ---------------------------------------------------------------------
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
token="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s\n' "$token" > "$work/token"
mkdir -p "$work/nginx/tmp" "$work/nginx/www/blobs"
cat > "$work/nginx/nginx.conf" <<CONF
daemon off;
master_process off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  sendfile on;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:$port;
    root $work/nginx/www;
    location /blobs/ {
      if (\$http_authorization != "Bearer $token") { return 401; }
      dav_methods PUT DELETE;
      create_full_put_path on;
      client_max_body_size 0;
    }
  }
}
CONF
/usr/sbin/nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
nginx_pid=$!
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
url="http://127.0.0.1:$port/blobs/"

age-keygen -o "$work/key.txt" 2>/dev/null
age-keygen -y "$work/key.txt" > "$work/recipient.txt"

# timed NAME command...: runs a command under GNU time; records wall seconds, cpu seconds, max RSS MiB
declare -A wall cpu rss
timed() {
  local name=$1
  shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@"
  read -r w u s m < "$work/time"
  wall[$name]=$w
  cpu[$name]=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.1f", u + s }')
  rss[$name]=$(( m / 1024 ))
}

ours=("$java" "$heap" -cp "$classpath" org.cipherpost.bench.LargePayloadRoundTrip)
echo "ours: send..." >&2
timed ours-send "${ours[@]}" send "$work/src" "$url" "$work/token" "$work/recipient.txt" "$work/spool-send" \
  > "$work/manifest.hex" 2> "$work/ours-send.log"
echo "ours: receive..." >&2
timed ours-receive "${ours[@]}" receive "$(cat "$work/manifest.hex")" "$url" "$work/token" "$work/key.txt" \
  "$work/spool-receive" "$work/out-ours" 2> "$work/ours-receive.log"
diff -r "$work/src" "$work/out-ours" > /dev/null || { echo "large-payload: our round trip differs" >&2; exit 1; }
rm -rf "$work/out-ours" "$work/nginx/www/blobs/"*

echo "baseline: tar | age, age -d | tar x..." >&2
timed base-send sh -c 'tar -C "$1" -cf - . | age -r "$(cat "$2")" > "$3"' sh "$work/src" "$work/recipient.txt" \
  "$work/base.age"
mkdir "$work/out-base"
timed base-receive sh -c 'age -d -i "$1" "$2" | tar -C "$3" -xf -' sh "$work/key.txt" "$work/base.age" "$work/out-base"
diff -r "$work/src" "$work/out-base" > /dev/null || { echo "large-payload: baseline round trip differs" >&2; exit 1; }
rm -rf "$work/out-base" "$work/base.age"

echo "baseline+: tar | age | curl PUT, curl GET | age -d | tar x..." >&2
timed curl-send sh -c 'tar -C "$1" -cf - . | age -r "$(cat "$2")" | curl -sf -T - -H "Authorization: Bearer $(cat "$3")" "$4base.age"' \
  sh "$work/src" "$work/recipient.txt" "$work/token" "$url"
mkdir "$work/out-curl"
timed curl-receive sh -c 'curl -sf -H "Authorization: Bearer $(cat "$3")" "$4base.age" | age -d -i "$1" | tar -C "$2" -xf -' \
  sh "$work/key.txt" "$work/out-curl" "$work/token" "$url"
diff -r "$work/src" "$work/out-curl" > /dev/null || { echo "large-payload: curl round trip differs" >&2; exit 1; }

mbps() { awk -v n="$bytes" -v s="$1" 'BEGIN { printf "%.0f", n / s / 1000000 }'; }
echo
echo "directory: $bytes bytes (16 x $big B + 2,000 x 4 KiB), machine load: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
printf '%-44s %9s %8s %8s %9s\n' "step" "wall s" "MB/s" "cpu s" "RSS MiB"
for step in ours-send ours-receive base-send base-receive curl-send curl-receive; do
  case $step in
    ours-send) label="ours: seal (tar+age to spool) + PUT";;
    ours-receive) label="ours: GET + SHA-256 + age -d + safe untar";;
    base-send) label="tar | age > file";;
    base-receive) label="age -d file | tar x";;
    curl-send) label="tar | age | curl PUT";;
    curl-receive) label="curl GET | age -d | tar x";;
  esac
  printf '%-44s %9s %8s %8s %9s\n' "$label" "${wall[$step]}" "$(mbps "${wall[$step]}")" "${cpu[$step]}" "${rss[$step]}"
done
echo
echo "ours (JVM $heap):"
sed 's/^/  /' "$work/ours-send.log" "$work/ours-receive.log"
