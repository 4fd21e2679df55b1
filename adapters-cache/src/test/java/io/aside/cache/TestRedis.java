package io.aside.cache;

import static org.awaitility.Awaitility.await;

import io.aside.domain.port.CacheUnavailableException;
import io.aside.testing.RedisServer;
import java.time.Duration;
import java.util.concurrent.Callable;

/** Settings and waits shared by the tests against a real Redis. */
final class TestRedis {
    private TestRedis() {}

    /**
     * How long a command may take in tests that are not about time: 2 s instead of the production 50 ms.
     * These tests prove what Redis stores and answers (the protocol, the stored format, epochs, memory
     * refusals), not how fast. On this build machine (2 cores, load 6-8 while other modules build) a
     * single command now and then takes more than 50 ms, and a 32-thread burst on a cold pool does so
     * often enough that a suite at 50 ms failed one run in three; such a timeout says nothing about
     * what these tests prove. Tests about timeouts use {@link #defaults}.
     */
    static final Duration UNHURRIED = Duration.ofSeconds(2);

    /** The production defaults (50 ms per command, 1 s for patient invalidations), in a namespace of the test's own. */
    static RedisSettings defaults(RedisServer server, String namespace) {
        return RedisSettings.fromUrl(server.url()).withNamespace(namespace);
    }

    /** {@link #defaults} with {@link #UNHURRIED} commands, for tests about what Redis answers rather than when. */
    static RedisSettings unhurried(RedisServer server, String namespace) {
        return defaults(server, namespace).withTimeouts(UNHURRIED, UNHURRIED);
    }

    /**
     * The first answer {@code call} gives: calls that fail open meanwhile (a pooled connection to a
     * dead process fails once; a reply comes too late) are what a caller would see as a cache miss,
     * and are not answers. Whatever answers first is returned, so a stale hit would be caught. Only
     * for calls that may be repeated: a lookup under one token, a read, an invalidation, a release.
     */
    static <T> T firstAnswer(Callable<T> call) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .ignoreException(CacheUnavailableException.class)
                .until(call, answer -> true);
    }

    /** {@link #firstAnswer} for a call that answers nothing: returns once it has gone through. */
    static void firstSuccess(Runnable call) {
        firstAnswer(() -> {
            call.run();
            return true;
        });
    }
}
