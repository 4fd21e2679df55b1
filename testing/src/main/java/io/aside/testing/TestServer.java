package io.aside.testing;

import java.time.Duration;

/**
 * What fault tests can do to a server: stop it, kill it, freeze it, bring it back, as outages
 * happen for real. Only a server the harness started can be controlled; one taken from the
 * environment refuses with a message naming the variable.
 */
public abstract class TestServer implements AutoCloseable {
    private final ServerProcess process;
    private final String environmentVariable;
    private final Duration startTimeout;

    TestServer(ServerProcess process, String environmentVariable, Duration startTimeout) {
        this.process = process;
        this.environmentVariable = environmentVariable;
        this.startTimeout = startTimeout;
    }

    /** Whether the server answers a request right now. */
    abstract boolean answers();

    /** Starts (or restarts, on the same port) and waits until it answers. */
    public void start() {
        owned().start(this::answers, startTimeout);
    }

    /** SIGTERM, as an operator would; {@link #start()} brings it back on the same port. */
    public void stop() {
        owned().stop();
    }

    /** SIGKILL, as a crash would. */
    public void kill() {
        owned().kill();
    }

    /** SIGSTOP: connections are accepted but nothing answers, like a hung server. */
    public void pause() {
        owned().pause();
    }

    public void resume() {
        owned().resume();
    }

    /** Kills a server the harness started; a no-op for one taken from the environment. */
    @Override
    public void close() {
        if (process != null) process.kill();
    }

    private ServerProcess owned() {
        if (process == null) {
            throw new IllegalStateException("this test server comes from " + environmentVariable + ": it cannot be controlled here");
        }
        return process;
    }
}
