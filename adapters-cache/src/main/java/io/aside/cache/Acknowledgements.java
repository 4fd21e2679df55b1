package io.aside.cache;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The watermarks other instances acknowledged: each one has applied every invalidation up to its
 * watermark. One watermark answers for all invalidations before it, so acknowledging costs one message
 * per instance however many writes there are, and a writer waits until every instance it announced
 * to has passed its sequence number — or that instance's serving lease has run out.
 */
final class Acknowledgements {
    /** An instance whose serving lease was live when the invalidation was announced, and when it runs out here. */
    record Member(String id, long leaseEndsNanos) {}

    private final Map<String, Long> watermarks = new HashMap<>();

    synchronized void acknowledged(String member, long watermark) {
        watermarks.merge(member, watermark, Math::max);
        notifyAll();
    }

    /**
     * Waits until every member has acknowledged {@code sequence} or its lease has run out; returns the
     * members that did neither before their lease ran out (they had stopped serving by then). Tells
     * {@code acknowledged} how long after {@code since} each acknowledgement was seen.
     */
    synchronized List<String> await(long sequence, List<Member> members, long since, LongConsumer acknowledged)
            throws InterruptedException {
        boolean[] seen = new boolean[members.size()];
        while (true) {
            long now = System.nanoTime();
            long wait = Long.MAX_VALUE;
            for (int i = 0; i < members.size(); i++) {
                Member member = members.get(i);
                if (watermarks.getOrDefault(member.id(), Long.MIN_VALUE) >= sequence) {
                    if (!seen[i]) acknowledged.accept(now - since);
                    seen[i] = true;
                    continue;
                }
                long left = member.leaseEndsNanos() - now;
                if (left > 0) wait = Math.min(wait, left);
            }
            if (wait == Long.MAX_VALUE) return silent(sequence, members);
            wait(Math.max(1, wait / 1_000_000), 0);
        }
    }

    private List<String> silent(long sequence, List<Member> members) {
        return members.stream().map(Member::id).filter(id -> watermarks.getOrDefault(id, Long.MIN_VALUE) < sequence).toList();
    }
}
