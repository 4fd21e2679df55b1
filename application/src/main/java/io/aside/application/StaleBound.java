package io.aside.application;

import java.time.Duration;

/**
 * The longest a reader may now be served a value that an answered write replaced, as this instance
 * can vouch for it: zero while every invalidation lands as its write commits. Degraded, it is the
 * largest bound that applies:
 * <ul>
 *   <li>the fallback window, while this instance answers readers from database reads made without the
 *   cache (a write elsewhere within it is not seen here);</li>
 *   <li>the relays' bound, two relay intervals and a pass, while an invalidation waits in the outbox
 *   (this instance's own, undelivered, or any other's): an instance that still reaches the cache may
 *   serve what it replaced until a relay delivers it.</li>
 * </ul>
 * A near cache adds nothing: a write answers only after every instance serving from memory dropped
 * what it changed, or after that instance's serving lease ran out.
 */
public final class StaleBound {
    private final ReadFlights flights;
    private final OutboxRelay relay;
    private final CacheTrust trust;
    private final Duration fallbackWindow;
    private final Duration relayInterval;

    public StaleBound(ReadFlights flights, OutboxRelay relay, CacheTrust trust, Duration fallbackWindow, Duration relayInterval) {
        this.flights = flights;
        this.relay = relay;
        this.trust = trust;
        this.fallbackWindow = fallbackWindow;
        this.relayInterval = relayInterval;
    }

    public Duration current() {
        Duration bound = Duration.ZERO;
        if (flights.servingFallbacks()) bound = fallbackWindow;
        if (!trust.isTrusted() || relay.backlog().entries() > 0) {
            Duration relays = relayInterval.multipliedBy(2).plus(relay.lastPass());
            if (relays.compareTo(bound) > 0) bound = relays;
        }
        return bound;
    }
}
