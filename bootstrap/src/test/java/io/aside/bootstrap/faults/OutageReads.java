package io.aside.bootstrap.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aside.testing.ApiClient;
import io.aside.testing.HttpReply;
import java.util.List;

/**
 * Sequential GETs of known models during a cache outage, each checked (200, the right body, a
 * MISS) and timed, split by whether the circuit breaker was already open when the request began.
 */
final class OutageReads {
    final Latencies all = new Latencies();
    final Latencies beforeOpen = new Latencies();
    final Latencies whileOpen = new Latencies();
    int firstRequestWhileOpen = -1;

    static OutageReads run(ApiClient http, CacheBreaker breaker, List<JsonNode> models, int reads) {
        OutageReads result = new OutageReads();
        for (int i = 0; i < reads; i++) {
            JsonNode model = models.get(i % models.size());
            boolean open = breaker.isShedding();
            long start = System.nanoTime();
            HttpReply reply = http.get(Requests.path(model));
            long elapsed = System.nanoTime() - start;
            Requests.assertModel(reply, model, "MISS");
            result.record(i, open, elapsed);
        }
        return result;
    }

    private void record(int request, boolean open, long elapsed) {
        all.add(elapsed);
        if (open && firstRequestWhileOpen < 0) firstRequestWhileOpen = request;
        (open ? whileOpen : beforeOpen).add(elapsed);
        assertThat(open || firstRequestWhileOpen < 0).as("the breaker closed again during the outage").isTrue();
    }

    @Override
    public String toString() {
        return "all: " + all + " | before the breaker opened: " + beforeOpen + " | while open: " + whileOpen;
    }
}
