/*
 * recvmmsg_ref: the reference UDP receiver eventsdash's ingest is measured against.
 *
 *   recvmmsg_ref HOST PORT [RCVBUF_BYTES] [IDLE_SECONDS] [EXPECTED]
 *
 * Binds HOST:PORT (IPv4 or IPv6 literal; PORT 0 picks a free port), asks for a RCVBUF_BYTES
 * (default 4 MiB) receive buffer with SO_RCVBUFFORCE (root) or else SO_RCVBUF (clamped to
 * net.core.rmem_max), and reads with recvmmsg(), 64 datagrams of up to 64 KiB per call. Per
 * datagram it does the least a real receiver must: split `<ts> <type> <detail>` at its two spaces,
 * check both numbers are digits, and count the `;`-separated fields.
 *
 * Stops after IDLE_SECONDS (default 1.0) without traffic once a datagram has arrived, once
 * EXPECTED datagrams (default 0 = no limit) have arrived, or on SIGINT/SIGTERM.
 *
 * stderr, as soon as the socket is bound:  listening port=P rcvbuf=B
 *   (B is what getsockopt(SO_RCVBUF) reports: the kernel doubles the requested size.)
 * stdout, at the end:
 *   received=N seconds=S rate=R kernel_drops=D malformed=M truncated=T fields=F rcvbuf=B
 * S is the time from the return of the first recvmmsg() with data to the return of the last one;
 * R = N / S. D is the `drops` column of /proc/net/udp (or udp6) for this socket.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

enum { VLEN = 64, SLOT_SIZE = 64 * 1024 };

static volatile sig_atomic_t stop_requested = 0;

static void on_signal(int sig) {
    (void)sig;
    stop_requested = 1;
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void usage(void) {
    fprintf(stderr, "usage: recvmmsg_ref HOST PORT [RCVBUF_BYTES] [IDLE_SECONDS] [EXPECTED]\n");
    exit(2);
}

static int all_digits(const char *p, const char *end) {
    if (p < end && *p == '-') p++; /* the timestamp may be negative; the parser allows it */
    if (p == end) return 0;
    for (; p < end; p++)
        if (*p < '0' || *p > '9') return 0;
    return 1;
}

/*
 * The per-datagram work: find the two spaces of `<ts> <type> <detail>`, check the numbers, count
 * the fields of the detail. Returns the field count, or -1 when the datagram is malformed.
 */
static long inspect(const char *data, size_t len) {
    const char *end = data + len;
    const char *sp1 = memchr(data, ' ', len);
    if (sp1 == NULL || !all_digits(data, sp1)) return -1;
    const char *type = sp1 + 1;
    const char *sp2 = memchr(type, ' ', (size_t)(end - type));
    const char *type_end = sp2 != NULL ? sp2 : end;
    if (type == type_end || *type == '-' || !all_digits(type, type_end)) return -1;
    if (sp2 == NULL || sp2 + 1 == end) return 0;
    long fields = 1;
    for (const char *p = sp2 + 1; p < end; p++) fields += *p == ';';
    return fields;
}

/*
 * The `drops` column of /proc/net/udp or /proc/net/udp6 for the socket with this inode and local
 * port; -1 when the row is not found.
 */
static long long kernel_drops(int family, unsigned long inode, unsigned port) {
    const char *path = family == AF_INET6 ? "/proc/net/udp6" : "/proc/net/udp";
    FILE *f = fopen(path, "r");
    if (f == NULL) return -1;
    char line[512];
    long long drops = -1;
    if (fgets(line, sizeof line, f) == NULL) goto done; /* header */
    while (fgets(line, sizeof line, f) != NULL) {
        /* sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
           ref pointer drops */
        char *fields[13];
        int n = 0;
        for (char *tok = strtok(line, " \t\n"); tok != NULL && n < 13; tok = strtok(NULL, " \t\n"))
            fields[n++] = tok;
        if (n < 13) continue;
        const char *colon = strrchr(fields[1], ':');
        if (colon == NULL) continue;
        unsigned row_port = (unsigned)strtoul(colon + 1, NULL, 16);
        unsigned long row_inode = strtoul(fields[9], NULL, 10);
        if (row_port == port && row_inode == inode) {
            drops = strtoll(fields[12], NULL, 10);
            break;
        }
    }
done:
    fclose(f);
    return drops;
}

int main(int argc, char **argv) {
    if (argc < 3 || argc > 6) usage();
    const char *host = argv[1];
    const char *port_text = argv[2];
    int rcvbuf_request = argc > 3 ? atoi(argv[3]) : 4 * 1024 * 1024;
    double idle = argc > 4 ? strtod(argv[4], NULL) : 1.0;
    unsigned long long expected = argc > 5 ? strtoull(argv[5], NULL, 10) : 0;
    if (rcvbuf_request <= 0 || idle <= 0) usage();

    struct sigaction sa = {0};
    sa.sa_handler = on_signal; /* no SA_RESTART: a signal interrupts recvmmsg() */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    struct addrinfo hints = {0};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
    struct addrinfo *local = NULL;
    int gai = getaddrinfo(host, port_text, &hints, &local);
    if (gai != 0) {
        fprintf(stderr, "recvmmsg_ref: %s port %s: %s\n", host, port_text, gai_strerror(gai));
        return 2;
    }
    int family = local->ai_family;
    int fd = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        perror("recvmmsg_ref: socket");
        return 1;
    }
    /* The buffer is sized before bind() so no datagram arrives into a smaller one. */
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf_request, sizeof rcvbuf_request) != 0)
        (void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf_request, sizeof rcvbuf_request);
    int rcvbuf = 0;
    socklen_t optlen = sizeof rcvbuf;
    getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, &optlen);
    if (bind(fd, local->ai_addr, local->ai_addrlen) != 0) {
        perror("recvmmsg_ref: bind");
        return 1;
    }
    freeaddrinfo(local);

    struct sockaddr_storage bound;
    socklen_t bound_len = sizeof bound;
    getsockname(fd, (struct sockaddr *)&bound, &bound_len);
    unsigned port = ntohs(family == AF_INET6 ? ((struct sockaddr_in6 *)&bound)->sin6_port
                                             : ((struct sockaddr_in *)&bound)->sin_port);
    struct stat st;
    fstat(fd, &st); /* a socket's inode number is its row in /proc/net/udp */

    /* Wake up at least every 100 ms (or `idle`, if shorter) to check the idle limit and signals. */
    double tick = idle < 0.1 ? idle : 0.1;
    struct timeval tv = {(time_t)tick, (suseconds_t)((tick - (double)(time_t)tick) * 1e6)};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);

    fprintf(stderr, "listening port=%u rcvbuf=%d\n", port, rcvbuf);
    fflush(stderr);

    char *slots = malloc((size_t)VLEN * SLOT_SIZE);
    if (slots == NULL) {
        perror("recvmmsg_ref: malloc");
        return 1;
    }
    struct iovec iov[VLEN];
    struct mmsghdr msgs[VLEN];
    memset(msgs, 0, sizeof msgs);
    for (int i = 0; i < VLEN; i++) {
        iov[i].iov_base = slots + (size_t)i * SLOT_SIZE;
        iov[i].iov_len = SLOT_SIZE;
        msgs[i].msg_hdr.msg_iov = &iov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
    }

    unsigned long long received = 0, malformed = 0, truncated = 0, fields = 0;
    double first = 0, last = 0;
    while (!stop_requested && (expected == 0 || received < expected)) {
        /* MSG_WAITFORONE: block (up to SO_RCVTIMEO) for one datagram, then take what is queued. */
        int n = recvmmsg(fd, msgs, VLEN, MSG_WAITFORONE, NULL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                if (received > 0 && now_seconds() - last >= idle) break;
                continue;
            }
            perror("recvmmsg_ref: recvmmsg");
            return 1;
        }
        double t = now_seconds();
        if (received == 0) first = t;
        last = t;
        for (int i = 0; i < n; i++) {
            if (msgs[i].msg_hdr.msg_flags & MSG_TRUNC) {
                truncated++;
                malformed++;
                continue;
            }
            long f = inspect(iov[i].iov_base, msgs[i].msg_len);
            if (f < 0)
                malformed++;
            else
                fields += (unsigned long long)f;
        }
        received += (unsigned long long)n;
    }

    long long drops = kernel_drops(family, (unsigned long)st.st_ino, port);
    double seconds = last - first;
    /* `fields` is printed so the compiler cannot drop the per-datagram work. */
    printf("received=%llu seconds=%.6f rate=%.0f kernel_drops=%lld malformed=%llu truncated=%llu fields=%llu "
           "rcvbuf=%d\n",
           received, seconds, seconds > 0 ? (double)received / seconds : 0.0, drops, malformed, truncated, fields,
           rcvbuf);
    free(slots);
    close(fd);
    return 0;
}
