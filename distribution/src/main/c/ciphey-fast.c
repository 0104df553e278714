/*
 * ciphey-fast: the thin client of `cipherpost vault show NAME` and `vault find QUERY` (and `ciphey show|find`).
 *
 * A JVM cannot start within passage's few milliseconds, but the vault agent (`vault unlock`) is a JVM that is
 * already running, holds this device's key and keeps the vault open. This client asks it for one entry (or the
 * find result) over its Unix socket and writes it to stdout, byte for byte what the CLI writes. Whenever it cannot (no agent, another form of the command,
 * an entry the agent does not show, any doubt), it runs the full CLI instead with the same arguments, so the user
 * sees the same behaviour either way. See docs/adr/0010-vault-thin-client.md.
 *
 *   ciphey-fast LAUNCHER vault show [--vault DIR | --vault=DIR] NAME
 *   ciphey-fast LAUNCHER vault find [--vault DIR | --vault=DIR] QUERY
 *
 * LAUNCHER is bin/cipherpost; the fallback runs it with CIPHERPOST_FAST=0 so that it goes straight to the JVM.
 * CIPHERPOST_FAST=only (tests) exits 69 with the reason on stderr instead of falling back.
 *
 * Where the agent listens (the same rules as org.cipherpost.cli.vault.AgentPaths):
 *   home    = $CIPHERPOST_HOME, else $HOME/.cipherpost
 *   vault   = --vault DIR, else $CIPHERPOST_VAULT, else <home>/vault
 *   runtime = $XDG_RUNTIME_DIR/cipherpost when that is an absolute path, else <home>/run
 *   socket  = <runtime>/vault-<hex(SHA-256(realpath(vault) "\n" realpath(home))[0..8])>.sock
 * The runtime directory must be a real directory owned by this user with mode 0700, and the peer on the socket must
 * run as this user (SO_PEERCRED): otherwise the full CLI runs.
 *
 * Request (protocol version 1): 0x01 'S' (show) or 'F' (find) length(4, big-endian) name or query (UTF-8)
 * Response: status(1) length(4, big-endian) payload; status 0 = payload is
 *   warnings-length(4, big-endian) warnings(UTF-8, for stderr) output(bytes, for stdout)
 * Any other status means "not here": the full CLI runs.
 *
 * The entry is held in one buffer that is wiped before exit; nothing is written to disk.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/un.h>
#include <unistd.h>

#define FALLBACK_ONLY_EXIT 69          /* EX_UNAVAILABLE, with CIPHERPOST_FAST=only */
#define MAXIMUM_SOCKET_PATH 100        /* AgentPaths.MAXIMUM_SOCKET_PATH */
#define MAXIMUM_NAME 4096              /* AgentProtocol.MAXIMUM_NAME */
#define MAXIMUM_PAYLOAD (64u << 20)    /* AgentProtocol.MAXIMUM_PAYLOAD */
#define RECEIVE_TIMEOUT_SECONDS 30     /* a first show may wait for the agent to open the vault */

static char **original_argv;

/* ---- SHA-256 (FIPS 180-4) ---------------------------------------------------------------------------------- */

typedef struct {
    uint32_t state[8];
    uint64_t length;
    unsigned char block[64];
    size_t used;
} sha256_context;

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t rotr(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

static void sha256_compress(sha256_context *c, const unsigned char *p) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++) {
        w[i] = (uint32_t) p[4 * i] << 24 | (uint32_t) p[4 * i + 1] << 16 | (uint32_t) p[4 * i + 2] << 8 | p[4 * i + 3];
    }
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = c->state[0], b = c->state[1], cc = c->state[2], d = c->state[3];
    uint32_t e = c->state[4], f = c->state[5], g = c->state[6], h = c->state[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & cc) ^ (b & cc));
        h = g; g = f; f = e; e = d + t1; d = cc; cc = b; b = a; a = t1 + t2;
    }
    c->state[0] += a; c->state[1] += b; c->state[2] += cc; c->state[3] += d;
    c->state[4] += e; c->state[5] += f; c->state[6] += g; c->state[7] += h;
}

static void sha256_init(sha256_context *c) {
    static const uint32_t initial[8] = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };
    memcpy(c->state, initial, sizeof initial);
    c->length = 0;
    c->used = 0;
}

static void sha256_update(sha256_context *c, const void *data, size_t n) {
    const unsigned char *p = data;
    c->length += n;
    while (n > 0) {
        size_t take = 64 - c->used < n ? 64 - c->used : n;
        memcpy(c->block + c->used, p, take);
        c->used += take;
        p += take;
        n -= take;
        if (c->used == 64) {
            sha256_compress(c, c->block);
            c->used = 0;
        }
    }
}

static void sha256_final(sha256_context *c, unsigned char out[32]) {
    uint64_t bits = c->length * 8;
    unsigned char pad = 0x80;
    sha256_update(c, &pad, 1);
    pad = 0;
    while (c->used != 56) {
        sha256_update(c, &pad, 1);
    }
    unsigned char length[8];
    for (int i = 0; i < 8; i++) {
        length[i] = (unsigned char) (bits >> (56 - 8 * i));
    }
    sha256_update(c, length, 8);
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (unsigned char) (c->state[i] >> 24);
        out[4 * i + 1] = (unsigned char) (c->state[i] >> 16);
        out[4 * i + 2] = (unsigned char) (c->state[i] >> 8);
        out[4 * i + 3] = (unsigned char) c->state[i];
    }
}

/* ---- falling back to the full CLI ---------------------------------------------------------------------------- */

/* Runs the full CLI with the original arguments; never returns. Nothing has been written to stdout before. */
__attribute__((noreturn, format(printf, 1, 2))) static void fall_back(const char *why, ...) {
    const char *mode = getenv("CIPHERPOST_FAST");
    if (mode != NULL && strcmp(mode, "only") == 0) {
        va_list args;
        va_start(args, why);
        fputs("ciphey-fast: not served: ", stderr);
        vfprintf(stderr, why, args);
        fputc('\n', stderr);
        va_end(args);
        exit(FALLBACK_ONLY_EXIT);
    }
    setenv("CIPHERPOST_FAST", "0", 1);
    execv(original_argv[1], original_argv + 1);
    fprintf(stderr, "cipherpost: error: cannot run [%s]: %s\n", original_argv[1], strerror(errno));
    exit(1);
}

/* ---- paths ---------------------------------------------------------------------------------------------------- */

/* Joins two path parts with a slash into a new string (or falls back). */
static char *join(const char *a, const char *b) {
    char *joined;
    if (asprintf(&joined, "%s/%s", a, b) < 0) {
        fall_back("out of memory");
    }
    return joined;
}

/* Returns an absolute form of a path without resolving links: Java's toAbsolutePath (cwd prepended). */
static char *absolute(const char *path) {
    if (path[0] == '/') {
        return strdup(path);
    }
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof cwd) == NULL) {
        fall_back("no working directory");
    }
    return join(cwd, path);
}

/* Tells whether a string is empty or only whitespace (Java's isBlank for the characters that matter here). */
static int blank(const char *s) {
    for (; *s; s++) {
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r' && *s != '\f' && *s != '\v') {
            return 0;
        }
    }
    return 1;
}

/* ---- socket I/O ------------------------------------------------------------------------------------------------ */

static int write_all(int fd, const void *data, size_t n) {
    const unsigned char *p = data;
    while (n > 0) {
        ssize_t written = write(fd, p, n);
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        p += written;
        n -= (size_t) written;
    }
    return 0;
}

static int read_all(int fd, void *data, size_t n) {
    unsigned char *p = data;
    while (n > 0) {
        ssize_t got = read(fd, p, n);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        if (got == 0) {
            return -1;
        }
        p += got;
        n -= (size_t) got;
    }
    return 0;
}

static uint32_t big_endian(const unsigned char *p) {
    return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 | (uint32_t) p[2] << 8 | p[3];
}

/* ---- main ------------------------------------------------------------------------------------------------------ */

int main(int argc, char **argv) {
    original_argv = argv;
    if (argc < 2) {
        fputs("usage: ciphey-fast LAUNCHER vault show|find [--vault DIR] NAME|QUERY\n", stderr);
        return 64;
    }
    const char *mode = getenv("CIPHERPOST_FAST");
    if (mode != NULL && strcmp(mode, "0") == 0) {
        fall_back("CIPHERPOST_FAST=0");
    }
    /* only the plain forms: vault show|find [--vault DIR | --vault=DIR] NAME|QUERY, in any order */
    if (argc < 4 || strcmp(argv[2], "vault") != 0 || (strcmp(argv[3], "show") != 0 && strcmp(argv[3], "find") != 0)) {
        fall_back("not a show or find command");
    }
    unsigned char op = strcmp(argv[3], "show") == 0 ? 'S' : 'F';
    const char *name = NULL;
    const char *vault_option = NULL;
    for (int i = 4; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--vault") == 0 && i + 1 < argc && vault_option == NULL) {
            vault_option = argv[++i];
        } else if (strncmp(arg, "--vault=", 8) == 0 && vault_option == NULL) {
            vault_option = arg + 8;
        } else if (arg[0] != '-' && arg[0] != '@' && arg[0] != '\0' && name == NULL) {
            name = arg;
        } else {
            fall_back("option or argument [%s] is for the full CLI", arg);
        }
    }
    if (name == NULL || (vault_option != NULL && vault_option[0] == '\0')) {
        fall_back("no entry name or query");
    }
    size_t name_length = strlen(name);
    if (name_length > MAXIMUM_NAME) {
        fall_back("name too long");
    }

    /* home, vault, runtime directory, socket */
    const char *configured_home = getenv("CIPHERPOST_HOME");
    char *home;
    if (configured_home != NULL && configured_home[0] != '\0') {
        home = strdup(configured_home);
    } else {
        const char *user_home = getenv("HOME");
        if (user_home == NULL) {
            struct passwd *entry = getpwuid(getuid());
            user_home = entry != NULL ? entry->pw_dir : NULL;
        }
        if (user_home == NULL || user_home[0] == '\0') {
            fall_back("no home directory");
        }
        home = join(user_home, ".cipherpost");
    }
    char *vault;
    const char *configured_vault = getenv("CIPHERPOST_VAULT");
    if (vault_option != NULL) {
        vault = strdup(vault_option);
    } else if (configured_vault != NULL && configured_vault[0] != '\0') {
        vault = strdup(configured_vault);
    } else {
        vault = join(home, "vault");
    }
    char real_vault[PATH_MAX];
    char real_home[PATH_MAX];
    if (realpath(vault, real_vault) == NULL || realpath(home, real_home) == NULL) {
        fall_back("no vault or home directory");
    }
    sha256_context sha;
    unsigned char digest[32];
    sha256_init(&sha);
    sha256_update(&sha, real_vault, strlen(real_vault));
    sha256_update(&sha, "\n", 1);
    sha256_update(&sha, real_home, strlen(real_home));
    sha256_final(&sha, digest);
    char socket_name[64];
    snprintf(socket_name, sizeof socket_name, "vault-%02x%02x%02x%02x%02x%02x%02x%02x.sock", digest[0], digest[1],
             digest[2], digest[3], digest[4], digest[5], digest[6], digest[7]);
    const char *runtime_variable = getenv("XDG_RUNTIME_DIR");
    char *runtime;
    if (runtime_variable != NULL && !blank(runtime_variable) && runtime_variable[0] == '/') {
        runtime = join(runtime_variable, "cipherpost");
    } else {
        runtime = join(absolute(home), "run");
    }
    struct stat directory;
    if (lstat(runtime, &directory) != 0 || !S_ISDIR(directory.st_mode)) {
        fall_back("no agent directory [%s]", runtime);
    }
    if (directory.st_uid != geteuid() || (directory.st_mode & 077) != 0) {
        fall_back("agent directory [%s] is not private to this user", runtime);
    }
    char *socket_path = join(runtime, socket_name);
    struct sockaddr_un address;
    memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    if (strlen(socket_path) > MAXIMUM_SOCKET_PATH || strlen(socket_path) >= sizeof address.sun_path) {
        fall_back("socket path too long");
    }
    memcpy(address.sun_path, socket_path, strlen(socket_path));

    /* connect, check the peer, ask */
    signal(SIGPIPE, SIG_IGN);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        fall_back("no socket: %s", strerror(errno));
    }
    if (connect(fd, (struct sockaddr *) &address, sizeof address) != 0) {
        fall_back("no agent at [%s]: %s", socket_path, strerror(errno));
    }
    struct ucred peer;
    socklen_t peer_length = sizeof peer;
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &peer_length) != 0 || peer.uid != geteuid()) {
        fall_back("the agent at [%s] runs as another user", socket_path);
    }
    struct timeval timeout = {.tv_sec = RECEIVE_TIMEOUT_SECONDS, .tv_usec = 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    unsigned char header[6] = {1, op, (unsigned char) (name_length >> 24), (unsigned char) (name_length >> 16),
                               (unsigned char) (name_length >> 8), (unsigned char) name_length};
    if (write_all(fd, header, sizeof header) != 0 || write_all(fd, name, name_length) != 0) {
        fall_back("the agent did not take the request");
    }
    unsigned char response[5];
    if (read_all(fd, response, sizeof response) != 0) {
        fall_back("the agent did not answer");
    }
    uint32_t length = big_endian(response + 1);
    if (response[0] != 0) {
        fall_back("the agent answered status [%d]", response[0]);
    }
    if (length < 4 || length > MAXIMUM_PAYLOAD) {
        fall_back("the agent answered a payload of [%u] bytes", length);
    }
    unsigned char *payload = malloc(length);
    if (payload == NULL) {
        fall_back("out of memory");
    }
    if (read_all(fd, payload, length) != 0) {
        explicit_bzero(payload, length);
        fall_back("the agent's answer ended early");
    }
    close(fd);
    uint32_t warnings = big_endian(payload);
    if (warnings > length - 4) {
        explicit_bzero(payload, length);
        fall_back("the agent's answer is malformed");
    }

    /* from here on the answer is ours to print: no more falling back */
    int status = 0;
    if (warnings > 0 && write_all(STDERR_FILENO, payload + 4, warnings) != 0) {
        status = 1;
    }
    if (write_all(STDOUT_FILENO, payload + 4 + warnings, length - 4 - warnings) != 0) {
        fprintf(stderr, "cipherpost: error: cannot write to stdout: %s\n", strerror(errno));
        status = 1;
    }
    explicit_bzero(payload, length);
    free(payload);
    return status;
}
