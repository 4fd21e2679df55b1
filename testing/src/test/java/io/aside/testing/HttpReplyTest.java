package io.aside.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpReplyTest {
    @Test
    void givenHeadersNamedInAnyCase_whenLookedUp_thenFoundInAnyCaseWithEveryRepeatKept() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("ETag", List.of("\"3\""));
        headers.put("Vary", List.of("Accept"));
        headers.put("vary", List.of("Origin"));

        HttpReply reply = new HttpReply(200, headers, new byte[0]);

        assertThat(reply.header("etag")).isEqualTo("\"3\"");
        assertThat(reply.header("ETAG")).isEqualTo("\"3\"");
        assertThat(reply.headers().get("vary")).containsExactly("Accept", "Origin");
        assertThat(reply.header("X-Cache")).isNull();
    }

    @Test
    void givenUtf8JsonBody_whenRead_thenAsTextAndAsJson() {
        HttpReply reply = new HttpReply(201, Map.of(), "{\"name\":\"lamp 💡\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(reply.text()).isEqualTo("{\"name\":\"lamp 💡\"}");
        assertThat(reply.json().get("name").asText()).isEqualTo("lamp 💡");
        assertThatThrownBy(() -> new HttpReply(500, Map.of(), "<html>".getBytes(StandardCharsets.UTF_8)).json())
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("<html>");
    }
}
