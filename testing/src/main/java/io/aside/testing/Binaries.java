package io.aside.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds server binaries on PATH and in the sbin folders Debian installs daemons to. */
final class Binaries {
    private Binaries() {}

    static Path require(String name, String debianPackage, String envAlternative) {
        return find(name).orElseThrow(() -> new IllegalStateException(
                "'" + name + "' not found: install Debian's " + debianPackage + " (apt-get install " + debianPackage
                        + "), or set " + envAlternative + " to use a running server"));
    }

    /** A tool the harness cannot do without, with no running server to use instead. */
    static Path require(String name, String debianPackage) {
        return find(name).orElseThrow(() -> new IllegalStateException(
                "'" + name + "' not found: install Debian's " + debianPackage + " (apt-get install " + debianPackage + ")"));
    }

    static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(":")), List.of("/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/bin").stream())
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
