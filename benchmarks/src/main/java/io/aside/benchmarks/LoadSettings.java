package io.aside.benchmarks;

import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The load run's flags, validated on construction so that a bad value stops the run (exit 2) before
 * any server is provisioned.
 */
record LoadSettings(int threads, Duration duration, Duration warmup, int models, int categories, CacheKind cache, Path report) {
    private static final String KNOWN_FLAG = "--(threads|duration|warmup|models|categories|cache|report)=.*";
    private static final String FLAGS = "--threads=N --duration=SECONDS --warmup=SECONDS --models=N --categories=N --cache=" + CacheKind.choices()
            + " --report=FILE.html";
    private static final String REPORT_FILE = "load-report.html";

    LoadSettings {
        if (threads < 1 || threads > 256) throw new IllegalArgumentException("--threads must be 1..256");
        if (models < 1 || models > 100_000) throw new IllegalArgumentException("--models must be 1..100000");
        if (categories < 1 || categories > models) throw new IllegalArgumentException("--categories must be 1..models");
        if (duration.isZero() || duration.compareTo(Duration.ofMinutes(10)) > 0) throw new IllegalArgumentException("--duration must be 1..600 s");
        if (warmup.isNegative() || warmup.compareTo(Duration.ofMinutes(10)) > 0) throw new IllegalArgumentException("--warmup must be 0..600 s");
    }

    static LoadSettings from(String[] args) {
        return new LoadSettings(intFlag(args, "threads", 16), Duration.ofSeconds(intFlag(args, "duration", 4)),
                Duration.ofSeconds(intFlag(args, "warmup", 5)), intFlag(args, "models", 1000), intFlag(args, "categories", 10),
                CacheKind.fromFlag(flag(args, "cache")), reportFlag(flag(args, "report")));
    }

    /** {@code --report=FILE}, else {@value #REPORT_FILE} beside the jar that runs this (benchmarks/target/), from any working directory. */
    private static Path reportFlag(String value) {
        if (value == null) return besideTheCode().resolve(REPORT_FILE);
        try {
            return Path.of(value.strip());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("--report must be a file path, got '" + value + "'");
        }
    }

    /** The folder holding benchmarks.jar (or, run from an IDE, target/ above the classes); target/ here if that cannot be told. */
    private static Path besideTheCode() {
        try {
            Path code = Path.of(LoadRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.toAbsolutePath().getParent();
        } catch (URISyntaxException | RuntimeException e) { // no code source, or not a file
            return Path.of("target");
        }
    }

    /** {@code --name=value} on the command line, else the system property {@code bench.name}, else null. */
    private static String flag(String[] args, String name) {
        String value = System.getProperty("bench." + name);
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) value = arg.substring(name.length() + 3);
            else if (!arg.matches(KNOWN_FLAG)) throw new IllegalArgumentException("unknown argument '" + arg + "'; flags: " + FLAGS);
        }
        return value;
    }

    private static int intFlag(String[] args, String name, int fallback) {
        String value = flag(args, name);
        if (value == null) return fallback;
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + value + "'");
        }
    }
}
