package io.aside.cache;

import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.JedisShardedPubSub;

/** A live subscription of the near cache, plain or sharded (a cluster), as the listener sees it. */
interface Subscription {
    /** What a subscription hears. */
    interface Listener {
        /** {@code channel} is subscribed; {@code count} channels are now. */
        void subscribed(Subscription subscription, int count);

        void message(String channel, String message);

        /** Anything at all came from the server: the connection is alive. */
        void heard();
    }

    boolean isSubscribed();

    /**
     * Asks the server for a pong, so that silence means a dead connection. A sharded subscription
     * cannot: there, the instance's own acknowledgement, published every renewal, comes back instead.
     */
    void ping();

    void unsubscribe();

    /** On one Redis server. */
    final class Plain extends JedisPubSub implements Subscription {
        private final Listener listener;

        Plain(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            listener.heard();
            listener.subscribed(this, subscribedChannels);
        }

        @Override
        public void onMessage(String channel, String message) {
            listener.heard();
            listener.message(channel, message);
        }

        @Override
        public void onPong(String pattern) {
            listener.heard();
        }
    }

    /** On the cluster node that owns the channels' slot. */
    final class Sharded extends JedisShardedPubSub implements Subscription {
        private final Listener listener;

        Sharded(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void onSSubscribe(String channel, int subscribedChannels) {
            listener.heard();
            listener.subscribed(this, subscribedChannels);
        }

        @Override
        public void onSMessage(String channel, String message) {
            listener.heard();
            listener.message(channel, message);
        }

        @Override
        public void ping() {
            // not in a sharded subscription (see the interface)
        }

        @Override
        public void unsubscribe() {
            sunsubscribe();
        }
    }
}
