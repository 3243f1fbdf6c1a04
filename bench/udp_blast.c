/*
 * udp_blast: send GlusterFS event datagrams to a UDP receiver as fast as possible, or at a steady
 * rate.
 *
 *   udp_blast [-r RATE] [-f FILE] HOST PORT COUNT [PAYLOAD_SIZE]
 *
 * HOST is an IPv4 or IPv6 literal. Each datagram is the text gf_event() would send for a
 * VOLUME_CREATE (event 2):
 *
 *   <unix-ts> 2 name=vol<i>;seq=<i>
 *
 * with i = 0 .. COUNT-1. With PAYLOAD_SIZE, a field `;pad=xxx…` is appended so that each datagram is
 * exactly PAYLOAD_SIZE bytes (datagrams already too long to fit the field are sent unpadded).
 *
 * With -f FILE, the datagrams are FILE's lines instead, in turn (from the first again after the
 * last), each sent as `<unix-ts> <line>`: a line is what follows the timestamp in gf_event()'s text,
 * `<event-type> <key=value;...>` (no padding then).
 *
 * Datagrams go out with sendmmsg() in batches of 64 on a blocking, connected socket. Nothing is
 * dropped on the sending side: a partial batch is resumed, and EAGAIN / ENOBUFS / EINTR are retried.
 *
 * With -r RATE (datagrams per second) the batches are paced instead: batches of RATE/1000 datagrams
 * (1 to 64), batch k leaving at start + k * batch / RATE, slept to with clock_nanosleep() on an
 * absolute CLOCK_MONOTONIC deadline, so timer slack does not add up. A sender that fell behind (a
 * slow receiver, a late wake-up) sends the batches that are due at once and stays on schedule.
 * (On loopback a datagram the receiver has no room for is dropped by the kernel at the receiving
 * socket; that is the receiver's loss and shows in its `drops` column of /proc/net/udp.)
 *
 * Prints `sent=N seconds=S rate=R` on stdout, S being the time from the first sendmmsg() to the
 * return of the last one.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <netdb.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

enum { BATCH = 64, MAX_PAYLOAD = 65507 /* largest UDP payload over IPv4 */ };

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void usage(void) {
    fprintf(stderr, "usage: udp_blast [-r RATE] [-f FILE] HOST PORT COUNT [PAYLOAD_SIZE]\n"
                    "  HOST: IPv4 or IPv6 literal; PAYLOAD_SIZE: pad each datagram to this many bytes (<= %d)\n"
                    "  -r RATE: send RATE datagrams per second, evenly (default: as fast as possible)\n"
                    "  -f FILE: send FILE's lines in turn, each as '<unix-ts> <line>' (no padding)\n",
            MAX_PAYLOAD);
    exit(2);
}

/* Parses a non-negative decimal integer argument, or exits with a usage error. */
static unsigned long long parse_count(const char *text, const char *what, unsigned long long max) {
    char *end = NULL;
    errno = 0;
    unsigned long long value = strtoull(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || text[0] == '-' || value > max) {
        fprintf(stderr, "udp_blast: bad %s: %s\n", what, text);
        usage();
    }
    return value;
}

/* Writes `value` in decimal at `out`; returns the number of bytes written (no NUL). */
static size_t put_decimal(char *out, unsigned long long value) {
    char digits[20];
    size_t n = 0;
    do {
        digits[n++] = (char)('0' + value % 10);
        value /= 10;
    } while (value != 0);
    for (size_t i = 0; i < n; i++) out[i] = digits[n - 1 - i];
    return n;
}

/*
 * Builds datagram number `seq` into `out` (room for at least max(payload_size, 128) bytes) and
 * returns its length. `prefix` is "<unix-ts> 2 name=vol", the part shared by every datagram.
 */
static size_t build_datagram(char *out, const char *prefix, size_t prefix_len, unsigned long long seq,
                             size_t payload_size) {
    static const char seq_key[] = ";seq=";
    static const char pad_key[] = ";pad=";
    size_t len = prefix_len;
    memcpy(out, prefix, prefix_len);
    len += put_decimal(out + len, seq);
    memcpy(out + len, seq_key, sizeof seq_key - 1);
    len += sizeof seq_key - 1;
    len += put_decimal(out + len, seq);
    if (payload_size >= len + sizeof pad_key - 1) {
        memcpy(out + len, pad_key, sizeof pad_key - 1);
        len += sizeof pad_key - 1;
        memset(out + len, 'x', payload_size - len);
        len = payload_size;
    }
    return len;
}

/* The lines of a -f file: each datagram's text after "<unix-ts> ". */
struct templates {
    char **lines;
    size_t *lengths;
    size_t count;
    size_t longest;
};

/* Reads `path`'s non-empty lines (without their newline), or exits. */
static struct templates read_templates(const char *path) {
    struct templates t = {0};
    FILE *file = fopen(path, "r");
    if (file == NULL) {
        perror(path);
        exit(2);
    }
    char *line = NULL;
    size_t capacity = 0, room = 0;
    ssize_t n;
    while ((n = getline(&line, &capacity, file)) != -1) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) n--;
        if (n == 0) continue;
        if (t.count == room) {
            room = room ? 2 * room : 64;
            t.lines = realloc(t.lines, room * sizeof *t.lines);
            t.lengths = realloc(t.lengths, room * sizeof *t.lengths);
            if (t.lines == NULL || t.lengths == NULL) {
                perror("udp_blast: realloc");
                exit(1);
            }
        }
        t.lines[t.count] = strndup(line, (size_t)n);
        t.lengths[t.count] = (size_t)n;
        if ((size_t)n > t.longest) t.longest = (size_t)n;
        t.count++;
    }
    free(line);
    fclose(file);
    if (t.count == 0 || t.longest > MAX_PAYLOAD - 32) {
        fprintf(stderr, "udp_blast: %s: no lines, or a line too long for a datagram\n", path);
        exit(2);
    }
    return t;
}

/* Adds `seconds` (>= 0) to `ts`. */
static struct timespec add_seconds(struct timespec ts, double seconds) {
    long long nanos = ts.tv_nsec + (long long)(seconds * 1e9);
    ts.tv_sec += (time_t)(nanos / 1000000000LL);
    ts.tv_nsec = (long)(nanos % 1000000000LL);
    return ts;
}

int main(int argc, char **argv) {
    unsigned long long rate = 0; /* datagrams per second; 0: as fast as possible */
    int option;
    struct templates templates = {0};
    while ((option = getopt(argc, argv, "+r:f:")) != -1) {
        if (option == 'f') {
            templates = read_templates(optarg);
            continue;
        }
        if (option == 'r' && (rate = parse_count(optarg, "rate", 100000000ULL)) > 0) continue;
        if (option == 'r') fprintf(stderr, "udp_blast: the rate must be at least 1\n");
        usage();
    }
    argc -= optind - 1;
    argv += optind - 1;
    if (argc < 4 || argc > 5) usage();
    const char *host = argv[1];
    const char *port = argv[2];
    unsigned long long count = parse_count(argv[3], "count", ULLONG_MAX / 2);
    size_t payload_size = argc == 5 ? (size_t)parse_count(argv[4], "payload size", MAX_PAYLOAD) : 0;
    /* Paced: about a thousand batches a second, as many datagrams each as that takes. */
    unsigned int batch_size = BATCH;
    if (rate > 0) batch_size = rate / 1000 < 1 ? 1 : rate / 1000 > BATCH ? BATCH : (unsigned int)(rate / 1000);

    struct addrinfo hints = {0};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
    struct addrinfo *target = NULL;
    int gai = getaddrinfo(host, port, &hints, &target);
    if (gai != 0) {
        fprintf(stderr, "udp_blast: %s port %s: %s\n", host, port, gai_strerror(gai));
        return 2;
    }
    int fd = socket(target->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        perror("udp_blast: socket");
        return 1;
    }
    /* Connected: the kernel caches the route, and a missing receiver shows up as ECONNREFUSED. */
    if (connect(fd, target->ai_addr, target->ai_addrlen) != 0) {
        perror("udp_blast: connect");
        return 1;
    }
    freeaddrinfo(target);

    char prefix[64];
    int prefix_len = snprintf(prefix, sizeof prefix, templates.count ? "%lld " : "%lld 2 name=vol", (long long)time(NULL));

    /* One slot per datagram of a batch, big enough for the padded or the unpadded text. */
    size_t slot_size = payload_size > 128 ? payload_size : 128;
    if (templates.count) slot_size = (size_t)prefix_len + templates.longest;
    char *slots = malloc(slot_size * BATCH);
    if (slots == NULL) {
        perror("udp_blast: malloc");
        return 1;
    }
    struct iovec iov[BATCH];
    struct mmsghdr msgs[BATCH];
    memset(msgs, 0, sizeof msgs);
    for (int i = 0; i < BATCH; i++) {
        iov[i].iov_base = slots + (size_t)i * slot_size;
        msgs[i].msg_hdr.msg_iov = &iov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
    }

    unsigned long long sent = 0;
    struct timespec first;
    clock_gettime(CLOCK_MONOTONIC, &first);
    double start = now_seconds();
    while (sent < count) {
        unsigned int batch = count - sent < batch_size ? (unsigned int)(count - sent) : batch_size;
        if (rate > 0 && sent > 0) {
            /* The datagram numbered `sent` is due at first + sent / rate. */
            struct timespec due = add_seconds(first, (double)sent / (double)rate);
            while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &due, NULL) == EINTR) {}
        }
        for (unsigned int i = 0; i < batch; i++) {
            if (templates.count) {
                size_t which = (size_t)((sent + i) % templates.count);
                memcpy(iov[i].iov_base, prefix, (size_t)prefix_len);
                memcpy((char *)iov[i].iov_base + prefix_len, templates.lines[which], templates.lengths[which]);
                iov[i].iov_len = (size_t)prefix_len + templates.lengths[which];
            } else {
                iov[i].iov_len = build_datagram(iov[i].iov_base, prefix, (size_t)prefix_len, sent + i, payload_size);
            }
        }

        unsigned int done = 0;
        while (done < batch) {
            int n = sendmmsg(fd, msgs + done, batch - done, 0);
            if (n > 0) {
                done += (unsigned int)n;
            } else if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) {
                continue;
            } else if (n < 0 && errno == ENOBUFS) {
                /* Out of socket/queue memory for now: back off briefly, then send the same datagrams. */
                struct timespec pause = {0, 50 * 1000};
                nanosleep(&pause, NULL);
            } else if (n < 0 && errno == ECONNREFUSED) {
                fprintf(stderr, "udp_blast: nobody is listening on %s port %s (after %llu sent)\n", host, port,
                        sent + done);
                return 1;
            } else {
                perror("udp_blast: sendmmsg");
                return 1;
            }
        }
        sent += batch;
    }
    double seconds = now_seconds() - start;

    printf("sent=%llu seconds=%.6f rate=%.0f\n", sent, seconds, seconds > 0 ? (double)sent / seconds : 0.0);
    free(slots);
    close(fd);
    return 0;
}
