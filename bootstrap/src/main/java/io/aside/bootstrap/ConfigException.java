package io.aside.bootstrap;

/** A configuration value that cannot be used; its message is the one line printed at start. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String variable, String problem) {
        super(variable + ": " + problem);
    }
}
