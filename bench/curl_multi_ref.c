/*
 * curl_multi_ref: the reference for webhook delivery — a minimal C client that POSTs COUNT
 * webhook bodies to URL with libcurl's multi interface, CONNECTIONS requests in flight at once
 * over kept-alive connections, as fast as the server answers.
 *
 *   curl_multi_ref URL[,URL…] COUNT CONNECTIONS
 *
 * With several URLs (the fan-out benchmark's webhooks), connection k posts to URL k mod their
 * number, so each URL has CONNECTIONS / URLs of them, as eventsdash's webhooks each have theirs.
 *
 * Each body is a gluster webhook JSON of the size eventsdash delivers (VOLUME_CREATE), each request
 * carries `webhook-id: ref-<i>` (so the server's access log counts distinct requests as it does
 * eventsdash's), and a request that fails is counted, not retried. Prints
 * `sent=N failed=F seconds=S rate=R` (S: first request started to last answer).
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static size_t discard(char *data, size_t size, size_t count, void *user) {
    (void)data, (void)user;
    return size * count;
}

struct slot {
    CURL *easy;
    struct curl_slist *headers;
    char body[256];
};

/* Sets `slot` up to send request `i` (a new header list and body: what a client must build anyway). */
static void prepare(struct slot *slot, const char *url, long i) {
    curl_slist_free_all(slot->headers);
    char id[64];
    snprintf(id, sizeof id, "webhook-id: ref-%ld", i + 1);
    slot->headers = curl_slist_append(NULL, "Content-Type: application/json");
    slot->headers = curl_slist_append(slot->headers, id);
    snprintf(slot->body, sizeof slot->body,
             "{\"event\": \"VOLUME_CREATE\", \"message\": {\"name\": \"vol%ld\", \"seq\": \"%ld\"}, "
             "\"nodeid\": \"0b9f3c2e-5d1a-4c7e-9f00-6a1b2c3d4e5f\", \"ts\": 1700000000}", i, i);
    curl_easy_setopt(slot->easy, CURLOPT_URL, url);
    curl_easy_setopt(slot->easy, CURLOPT_HTTPHEADER, slot->headers);
    curl_easy_setopt(slot->easy, CURLOPT_POSTFIELDS, slot->body);
    curl_easy_setopt(slot->easy, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(slot->easy, CURLOPT_PRIVATE, slot);
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: curl_multi_ref URL[,URL...] COUNT CONNECTIONS\n");
        return 2;
    }
    char *urls[1024];
    long url_count = 0;
    for (char *u = strtok(argv[1], ","); u && url_count < 1024; u = strtok(NULL, ",")) urls[url_count++] = u;
    long count = atol(argv[2]), connections = atol(argv[3]);
    if (url_count < 1 || count < 1 || connections < 1 || connections > 4096) {
        fprintf(stderr, "curl_multi_ref: give a URL, COUNT at least 1 and CONNECTIONS 1 to 4096\n");
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURLM *multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, connections);
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, connections);
    struct slot *slots = calloc((size_t)connections, sizeof *slots);
    long started = 0, finished = 0, failed = 0;
    double t0 = now();
    for (long s = 0; s < connections && started < count; s++) {
        slots[s].easy = curl_easy_init();
        prepare(&slots[s], urls[s % url_count], started++);
        curl_multi_add_handle(multi, slots[s].easy);
    }
    while (finished < count) {
        int running = 0;
        curl_multi_perform(multi, &running);
        CURLMsg *message;
        int left;
        while ((message = curl_multi_info_read(multi, &left))) {
            if (message->msg != CURLMSG_DONE) continue;
            CURL *easy = message->easy_handle;
            long status = 0;
            curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
            if (message->data.result != CURLE_OK || status / 100 != 2) failed++;
            finished++;
            struct slot *slot;
            curl_easy_getinfo(easy, CURLINFO_PRIVATE, (char **)&slot);
            curl_multi_remove_handle(multi, easy);
            if (started < count) {  // the same handle again: its connection stays alive
                prepare(slot, urls[(slot - slots) % url_count], started++);
                curl_multi_add_handle(multi, easy);
            }
        }
        if (finished < count) curl_multi_poll(multi, NULL, 0, 100, NULL);
    }
    double seconds = now() - t0;
    printf("sent=%ld failed=%ld seconds=%.6f rate=%.0f\n", count, failed, seconds, count / seconds);
    for (long s = 0; s < connections; s++) {
        if (slots[s].easy) curl_easy_cleanup(slots[s].easy);
        curl_slist_free_all(slots[s].headers);
    }
    free(slots);
    curl_multi_cleanup(multi);
    curl_global_cleanup();
    return failed == 0 ? 0 : 1;
}
