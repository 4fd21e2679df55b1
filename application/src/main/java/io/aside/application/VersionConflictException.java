package io.aside.application;

import io.aside.domain.model.ModelId;

/** The client's expected version is not the stored one: someone else wrote first. Nothing changed. */
public final class VersionConflictException extends RuntimeException {
    private final long currentVersion;

    public VersionConflictException(ModelId id, long expectedVersion, long currentVersion) {
        super("model " + id + " is at version " + currentVersion + ", not " + expectedVersion);
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
