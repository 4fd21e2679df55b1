package io.aside.benchmarks;

import java.net.HttpURLConnection;
import java.net.URL;
import java.util.List;

/**
 * Reads every URL a cached scenario will read, once, before anything is measured: a cached scenario
 * must find only hits, or its X-Cache check fails the run.
 */
final class CacheFiller {
    private CacheFiller() {}

    /** Fills the caches behind every scenario that expects hits, one scenario after the other; returns the reads. */
    static int fill(List<Scenario> scenarios, int threads) {
        int reads = 0;
        for (Scenario s : scenarios) {
            if ("HIT".equals(s.expectedXCache())) reads += read(s.targets(), threads);
        }
        return reads;
    }

    private static int read(List<URL> urls, int threads) {
        Workers.forEach("fill", threads, urls.size(), i -> {
            HttpURLConnection c = Http.open(urls.get(i));
            int status = c.getResponseCode();
            Http.drain(c, status, new byte[16 * 1024]);
            if (status != 200) throw new Workers.Refused("GET " + urls.get(i) + " answered " + status);
        }, i -> "GET " + urls.get(i));
        return urls.size();
    }
}
