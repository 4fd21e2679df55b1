package io.aside.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Files the server sends as they are (pages, scripts, documents): read once, at start, so a missing one stops the start. */
final class WebResources {
    private WebResources() {}

    /** {@code name} relative to this package, or absolute from the classpath's root ({@code /META-INF/…}). */
    static byte[] bytes(String name) {
        try (InputStream in = WebResources.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is missing from the classpath");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
