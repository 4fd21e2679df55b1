package io.aside.benchmarks;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;

/**
 * What the cached instance's own /metrics and /health say: hits, misses, cache errors, untrusted reads.
 * Explains a run whose "cached" responses were not hits (a cache timing out under load, say).
 */
final class CacheCounters {
    private CacheCounters() {}

    static void print(String base) {
        try {
            System.out.println();
            System.out.println("cached instance, /health: " + fetch(Http.url(base + "/health")).replaceAll("\\s+", " "));
            System.out.println("cached instance, /metrics (aside_cache_* series that are not zero, totals over the whole run):");
            for (String line : fetch(Http.url(base + "/metrics")).split("\n")) {
                if (!line.startsWith("aside_cache") || line.contains("_bucket") || line.contains("_max")) continue;
                String value = line.substring(line.lastIndexOf(' ') + 1);
                if (!value.equals("0.0") && !value.equals("0")) System.out.println("  " + line);
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("(could not read the cached instance's /health or /metrics: " + e + ")");
        }
    }

    /** The status and the body, whatever the status: /health answers 503, with its report, when the database is down. */
    private static String fetch(URL url) throws IOException {
        HttpURLConnection c = Http.open(url);
        int status = c.getResponseCode();
        return status + " " + Http.text(c, status);
    }
}
