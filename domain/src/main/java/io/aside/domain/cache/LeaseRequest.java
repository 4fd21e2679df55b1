package io.aside.domain.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * What a reader asks for on a miss: the lease under {@code token}, for {@code ttl}. The reader picks
 * the token, so a lookup whose reply was lost can be asked again with the same token: if the lost
 * call took the lease, the retry finds it ours instead of someone else's.
 */
public record LeaseRequest(String token, Duration ttl) {
    public LeaseRequest {
        if (token == null || token.isEmpty()) throw new IllegalArgumentException("a lease needs a token");
        Objects.requireNonNull(ttl, "ttl");
    }
}
