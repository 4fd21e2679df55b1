package io.aside.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Function;

/**
 * Response bodies of immutable models and pages, rendered once per object. A hit in the near cache
 * returns the very object it returned before, so its JSON is ready: rendering a page of twenty models
 * costs more than the rest of the request. Keys are held weakly and compared by identity (Caffeine's
 * weak keys), so a body lives no longer than the object the cache holds, and a new version — a new
 * object — is always rendered afresh. Bounded in bytes besides.
 */
final class RenderedBodies {
    private static final long MAX_BYTES = 16L * 1024 * 1024;

    private final Cache<Object, byte[]> bodies = Caffeine.newBuilder()
            .weakKeys()
            .maximumWeight(MAX_BYTES)
            .weigher((Object source, byte[] body) -> body.length)
            .executor(Runnable::run)
            .build();

    byte[] of(Object source, Function<Object, byte[]> render) {
        return bodies.get(source, render);
    }
}
