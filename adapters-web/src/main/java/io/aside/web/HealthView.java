package io.aside.web;

import io.aside.application.HealthCheck;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code {"status":"UP","components":{"db":{"status":"UP"},"cache":{"status":"UP"}}}}. The cache is
 * {@code UNTRUSTED} when it answers but reads of some keys skip it until a pending invalidation is delivered.
 */
record HealthView(String status, Map<String, Component> components) {
    record Component(String status) {
        static Component of(boolean up) {
            return new Component(up ? "UP" : "DOWN");
        }
    }

    static HealthView of(HealthCheck.Report report) {
        Map<String, Component> components = new LinkedHashMap<>();
        components.put("db", Component.of(report.databaseUp()));
        components.put("cache", report.cacheUp() && !report.cacheTrusted() ? new Component("UNTRUSTED") : Component.of(report.cacheUp()));
        return new HealthView(report.status().name(), components);
    }
}
