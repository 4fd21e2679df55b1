package io.aside.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LoadSettingsTest {
    @Test
    void givenNoReportFlag_whenParsed_thenTheReportGoesBesideTheCodeInTarget() {
        Path report = LoadSettings.from(new String[0]).report();

        assertThat(report.getFileName()).hasToString("load-report.html");
        assertThat(report).isAbsolute();
        assertThat(report.getParent()).isDirectory().satisfies(dir -> assertThat(dir.getFileName()).hasToString("target"));
        assertThat(Files.isDirectory(report.getParent().resolve("classes"))).isTrue();
    }

    @Test
    void givenAReportFlag_whenParsed_thenThatPathAlongsideTheOtherFlags() {
        LoadSettings settings = LoadSettings.from(new String[] {"--cache=memcached", "--report=out/memcached.html"});

        assertThat(settings.report()).isEqualTo(Path.of("out/memcached.html"));
        assertThat(settings.cache()).isEqualTo(CacheKind.MEMCACHED);
    }

    @Test
    void givenAnUnknownFlag_whenParsed_thenTheMessageListsTheReportFlagToo() {
        assertThatThrownBy(() -> LoadSettings.from(new String[] {"--html=x"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--report=FILE.html");
    }
}
