package io.aside.testing;

import java.util.UUID;

/** Key namespaces that keep tests sharing one cache server apart. */
final class Namespaces {
    private Namespaces() {}

    /** A namespace no other test uses. */
    static String fresh() {
        return "aside-test-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
