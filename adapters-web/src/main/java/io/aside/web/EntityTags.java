package io.aside.web;

import io.aside.domain.model.ValidationException;
import io.aside.domain.model.VersionPrecondition;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A model's entity tag is its version in quotes, {@code "3"}: what ETag sends and If-Match returns. */
final class EntityTags {
    private static final Pattern VERSION_TAG = Pattern.compile("\"([1-9][0-9]{0,18})\"");

    private EntityTags() {}

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * What If-Match requires of the stored version: absent or {@code *} (any current version) require
     * nothing. Anything but one of our own tags is refused with 400 rather than answered 412: a list,
     * a weak tag or a tag we never issued is a client bug, and a 412 would hide it as a mere race.
     */
    static VersionPrecondition precondition(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) return VersionPrecondition.any();
        Matcher tag = VERSION_TAG.matcher(ifMatch.trim());
        if (tag.matches()) {
            try {
                return VersionPrecondition.exactly(Long.parseLong(tag.group(1)));
            } catch (NumberFormatException beyondLong) {
                // fall through to the refusal below
            }
        }
        throw ValidationException.of("If-Match", "must be one entity tag as sent in ETag, such as \"3\"");
    }

    /** True when If-None-Match already names this version, so a GET may answer 304. Weak tags compare equal here (RFC 9110 §13.1.2). */
    static boolean noneMatchHits(String ifNoneMatch, long version) {
        if (ifNoneMatch == null) return false;
        String current = of(version);
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) tag = tag.substring(2);
            if (tag.equals("*") || tag.equals(current)) return true;
        }
        return false;
    }
}
