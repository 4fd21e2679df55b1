package io.aside.domain.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The field list pages filter on. Any text of 1–100 characters; it never becomes a key part as is. */
public record Category(String value) {
    public static final int MAX_LENGTH = 100;

    public Category {
        String problem = Text.problem(value, 1, MAX_LENGTH, false);
        if (problem != null) throw ValidationException.of("category", problem);
    }

    /**
     * A fixed-size, key-safe fingerprint of the value (SHA-256, hex), so that arbitrary user text
     * (spaces, colons, emoji) can name cache keys without escaping rules.
     */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
