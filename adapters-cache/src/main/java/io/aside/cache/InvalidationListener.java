package io.aside.cache;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisProtocol;

/**
 * One connection subscribed to the near cache's channels, on a thread of its own, reconnecting for
 * as long as the cache is open. Its read timeout is the serving lease, and it is pinged every renewal:
 * a frozen connection is noticed, and the instance stops serving its near cache at once.
 */
final class InvalidationListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InvalidationListener.class);
    private static final Duration RETRY = Duration.ofMillis(200);

    interface Handler {
        /** Subscribed to both channels; nothing of what was missed before has been applied. */
        void joined();

        void invalidated(AnnouncedInvalidation announced);

        void acknowledged(String member, long watermark);

        /** The subscription is lost: what arrives meanwhile is missed. */
        void deaf();
    }

    private final RedisSettings settings;
    private final RedisDeployment deployment;
    private final Duration readTimeout;
    private final RedisKeys keys;
    private final Handler handler;
    private final Thread thread;
    private volatile Subscription subscription;
    private volatile long heardAt;
    private volatile boolean closed;
    /** Logs the first failure of an outage and the recovery, not every retry in between. */
    private volatile boolean failing;

    InvalidationListener(RedisSettings settings, RedisDeployment deployment, Duration readTimeout, Handler handler) {
        this.settings = settings;
        this.deployment = deployment;
        this.readTimeout = readTimeout;
        this.keys = deployment.keys();
        this.handler = handler;
        this.thread = new Thread(this::listen, "aside-near-cache-listener");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Asks the server for a pong on the subscribed connection, so that silence means a dead connection. */
    void ping() {
        Subscription current = subscription;
        if (current != null && current.isSubscribed()) current.ping();
    }

    boolean heardWithin(Duration window) {
        Subscription current = subscription;
        return current != null && current.isSubscribed() && System.nanoTime() - heardAt < window.toNanos();
    }

    private void listen() {
        while (!closed) {
            DefaultJedisClientConfig config = RedisClients.config(settings, settings.connectTimeout(), readTimeout)
                    .clientName("aside-near-cache")
                    .protocol(RedisProtocol.RESP2) // pub/sub on a connection of its own, as RESP2 has it
                    .build();
            try {
                deployment.subscribe(config, new Heard(), keys.nearInvalidations(), keys.nearAcknowledgements());
            } catch (RuntimeException e) {
                if (!closed && !failing) log.warn("near cache lost its invalidation subscription; reads go to Redis until it is back: {}", e.toString());
                failing = true;
            }
            handler.deaf();
            if (!closed) pause();
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private final class Heard implements Subscription.Listener {
        @Override
        public void subscribed(Subscription made, int count) {
            subscription = made;
            if (count < 2) return;
            handler.joined();
            if (failing) log.info("near cache listens to invalidations again");
            failing = false;
        }

        @Override
        public void message(String channel, String message) {
            if (channel.equals(keys.nearInvalidations())) {
                handler.invalidated(AnnouncedInvalidation.parse(message));
            } else {
                int space = message.indexOf(' ');
                handler.acknowledged(message.substring(0, space), Long.parseLong(message.substring(space + 1)));
            }
        }

        @Override
        public void heard() {
            heardAt = System.nanoTime();
        }
    }

    @Override
    public void close() {
        closed = true;
        Subscription current = subscription;
        try {
            if (current != null && current.isSubscribed()) current.unsubscribe();
        } catch (RuntimeException e) {
            // the connection is gone already
        }
        thread.interrupt();
    }
}
