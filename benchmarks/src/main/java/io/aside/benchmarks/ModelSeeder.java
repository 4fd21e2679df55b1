package io.aside.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the run's models through the service's own API ({@code POST /models}), so that they are
 * stored, and their outbox entries written, exactly as production does it.
 */
final class ModelSeeder {
    private ModelSeeder() {}

    static String category(int c) {
        return "category-" + c;
    }

    /** Creates {@code models} models over HTTP, {@code threads} at a time, spread over the categories; returns their ids. */
    static List<Long> seed(String base, LoadSettings settings) {
        URL create = Http.url(base + "/models");
        long[] ids = new long[settings.models()];
        Workers.forEach("seed", settings.threads(), settings.models(),
                i -> ids[i] = post(create, "{\"name\":\"model " + i + "\",\"category\":\"" + category(i % settings.categories())
                        + "\",\"attributes\":{\"colour\":\"blue\",\"size\":\"" + i + "\"}}"),
                i -> "seeding model " + i);
        List<Long> result = new ArrayList<>(ids.length);
        for (long id : ids) result.add(id);
        return result;
    }

    /** Creates one model; its id is read from the {@code Location} of the 201. */
    private static long post(URL url, String json) throws IOException {
        HttpURLConnection c = Http.open(url);
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        c.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = c.getOutputStream()) {
            out.write(body);
        }
        int status = c.getResponseCode();
        String location = c.getHeaderField("Location");
        String answer = Http.text(c, status);
        if (status != 201 || location == null || !location.startsWith("/models/")) {
            throw new IllegalStateException("POST /models answered " + status + " " + answer);
        }
        return Long.parseLong(location.substring("/models/".length()));
    }
}
