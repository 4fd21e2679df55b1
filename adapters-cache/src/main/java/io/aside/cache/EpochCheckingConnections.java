package io.aside.cache;

import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.PooledObjectFactory;
import redis.clients.jedis.Connection;

/**
 * Makes pooled connections, and asks each new one which life of the server it reached before the
 * pool hands it out ({@link RedisEpoch}). A connection cannot outlive its server process, so a
 * restarted or failed-over server is always first met through a new connection.
 */
final class EpochCheckingConnections implements PooledObjectFactory<Connection> {
    private final PooledObjectFactory<Connection> delegate;
    private final RedisEpoch epoch;

    EpochCheckingConnections(PooledObjectFactory<Connection> delegate, RedisEpoch epoch) {
        this.delegate = delegate;
        this.epoch = epoch;
    }

    @Override
    public PooledObject<Connection> makeObject() throws Exception {
        PooledObject<Connection> made = delegate.makeObject();
        try {
            Connection connection = made.getObject();
            epoch.learn(connection::executeCommand);
            return made;
        } catch (RuntimeException e) {
            delegate.destroyObject(made);
            throw e;
        }
    }

    @Override
    public void destroyObject(PooledObject<Connection> pooled) throws Exception {
        delegate.destroyObject(pooled);
    }

    @Override
    public boolean validateObject(PooledObject<Connection> pooled) {
        return delegate.validateObject(pooled);
    }

    @Override
    public void activateObject(PooledObject<Connection> pooled) throws Exception {
        delegate.activateObject(pooled);
    }

    @Override
    public void passivateObject(PooledObject<Connection> pooled) throws Exception {
        delegate.passivateObject(pooled);
    }
}
