package io.aside.cache;

import io.aside.cache.Acknowledgements.Member;
import io.aside.domain.cache.Invalidation;
import io.aside.domain.port.CacheUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * How the instances' near caches stay strict through Redis (DESIGN §3.3): each instance holds a
 * serving lease (a member of a sorted set, scored by when it runs out) and listens for invalidations;
 * a writer announces its invalidation with a sequence number and waits until every instance whose
 * lease was live has acknowledged it, or until that lease has run out. Acknowledgements are
 * watermarks, sent once per batch of invalidations applied.
 */
final class RedisNearCacheBus implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisNearCacheBus.class);
    /** How soon a renewal refused for being behind asks again: the missing invalidations are in flight. */
    private static final Duration CATCH_UP = Duration.ofMillis(10);

    private final String instance = UUID.randomUUID().toString();
    private final RedisDeployment deployment;
    private final RedisKeys keys;
    private final NearEntries entries;
    private final ServingLease lease;
    private final NearCacheSettings near;
    private final NearCacheObserver observer;
    private final Acknowledgements acknowledgements = new Acknowledgements();
    private final InvalidationListener listener;
    private final ScheduledThreadPoolExecutor keeper = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "aside-near-cache-lease");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean ackDue = new AtomicBoolean();
    private final LongAdder received = new LongAdder();
    private volatile long watermark;

    RedisNearCacheBus(RedisSettings settings, RedisDeployment deployment,
                      NearEntries entries, ServingLease lease, NearCacheSettings near, NearCacheObserver observer) {
        this.deployment = deployment;
        this.keys = deployment.keys();
        this.entries = entries;
        this.lease = lease;
        this.near = near;
        this.observer = observer;
        this.listener = new InvalidationListener(settings, deployment, near.servingLease(), new Handler());
        long every = near.renewalInterval().toNanos();
        keeper.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.NANOSECONDS);
        listener.start();
    }

    /**
     * Tells every instance serving a near cache that {@code invalidation} committed, and waits until
     * each has dropped what it touched, or its serving lease has run out: at most one lease.
     */
    void announce(Invalidation invalidation, boolean patiently) {
        long start = System.nanoTime();
        Announcement announcement = send(invalidation, patiently);
        try {
            List<String> silent = acknowledgements.await(announcement.sequence(), announcement.members(), start, observer::acknowledged);
            if (!silent.isEmpty()) {
                log.debug("near caches {} did not acknowledge invalidation {} before their lease ran out", silent, announcement.sequence());
            }
            observer.announced(System.nanoTime() - start, silent.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheUnavailableException("interrupted while waiting for near caches to acknowledge an invalidation", e);
        }
    }

    long invalidationsReceived() {
        return received.sum();
    }

    private record Announcement(long sequence, List<Member> members) {}

    /** Choosing the client is inside the call: a cluster client is made on first use, and that may fail too. */
    private Announcement send(Invalidation invalidation, boolean patiently) {
        Object reply = RedisCache.call("announce", () -> {
            UnifiedJedis client = patiently ? deployment.patient() : deployment.fast();
            return CacheScripts.ANNOUNCE.run(client, List.of(keys.nearSequence(), keys.nearMembers()),
                    List.of(keys.nearInvalidations(), AnnouncedInvalidation.body(invalidation), deployment.life(client).floor(),
                            deployment.publishCommand()));
        });
        long received = System.nanoTime();
        List<?> answer = (List<?>) reply;
        long sequence = (Long) answer.get(0);
        long redisNow = (Long) answer.get(1);
        List<?> scored = (List<?>) answer.get(2);
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < scored.size(); i += 2) {
            long leaseEnds = (long) Double.parseDouble(scored.get(i + 1).toString());
            // Counted from when the reply arrived: the lease cannot end here before it ends in Redis.
            members.add(new Member(scored.get(i).toString(), received + Duration.ofMillis(leaseEnds - redisNow).toNanos()));
        }
        return new Announcement(sequence, members);
    }

    /**
     * Every renewal interval: checks the subscription is alive, renews the lease if it is, repeats the
     * watermark. Redis renews only a lease whose holder has applied every invalidation announced so
     * far; one that is behind by messages still on their way asks again shortly. A lease that had run
     * out in Redis is renewed with an empty near cache: while it was out, writers did not wait for this
     * instance, and what they invalidated may still be on its way here.
     */
    private void renew() {
        try {
            listener.ping();
            if (!listener.heardWithin(near.servingLease())) return; // a dead connection: let the lease run out
            long applied = watermark;
            long sentAt = System.nanoTime();
            Object answer = CacheScripts.RENEW.run(deployment.fast(), List.of(keys.nearMembers(), keys.nearSequence()),
                    List.of(instance, Long.toString(near.servingLease().toMillis()), Long.toString(applied)));
            if (Long.valueOf(-1).equals(answer)) {
                keeper.schedule(this::renew, CATCH_UP.toNanos(), TimeUnit.NANOSECONDS);
                return;
            }
            if (!Long.valueOf(1).equals(answer)) entries.flush();
            lease.renewed(sentAt);
            acknowledge();
        } catch (RuntimeException e) { // every failure: the loop must go on, and the lease runs out by itself
            log.debug("near cache lease renewal failed; retrying next interval: {}", e.toString());
        }
    }

    private void acknowledge() {
        deployment.publish(keys.nearAcknowledgements(), instance + " " + watermark);
    }

    private void acknowledgeSoon() {
        if (!ackDue.compareAndSet(false, true)) return;
        keeper.execute(() -> {
            ackDue.set(false);
            try {
                acknowledge();
            } catch (RuntimeException e) {
                log.debug("near cache acknowledgement failed; the next renewal repeats it: {}", e.toString());
            }
        });
    }

    /** What the listener's thread does with what it hears. */
    private final class Handler implements InvalidationListener.Handler {
        @Override
        public void joined() {
            // Invalidations may have been missed while not listening: forget everything, then catch up.
            entries.flush();
            String sequence = deployment.fast().get(keys.nearSequence());
            watermark = sequence == null ? 0 : Long.parseLong(sequence);
            lease.listening();
            renew();
        }

        @Override
        public void invalidated(AnnouncedInvalidation announced) {
            received.increment();
            if (announced.sequence() > watermark + 1 && watermark != 0) {
                entries.flush(); // a gap: something was missed
            }
            entries.apply(announced.invalidation());
            watermark = Math.max(watermark, announced.sequence());
            acknowledgeSoon();
        }

        @Override
        public void acknowledged(String member, long watermark) {
            acknowledgements.acknowledged(member, watermark);
        }

        @Override
        public void deaf() {
            lease.deaf();
        }
    }

    @Override
    public void close() {
        listener.close();
        keeper.shutdownNow();
        try {
            deployment.fast().zrem(keys.nearMembers(), instance); // writers need not wait for this instance's lease to run out
        } catch (RuntimeException e) {
            log.debug("could not leave the near cache members: {}", e.toString());
        }
    }
}
