package io.aside.bootstrap.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aside.bootstrap.AsideConfig;
import io.aside.bootstrap.AsideService;
import io.aside.bootstrap.e2e.Services;
import io.aside.testing.ApiClient;
import io.aside.testing.ApiDocument;
import io.aside.testing.HttpReply;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Valid values that break naive code — emoji beyond the BMP and ZWJ sequences, quotes, backslashes,
 * SQL and HTML, percent signs, right-to-left text, combining marks, the longest allowed values —
 * through the whole service on MariaDB and Redis. Each must come back exactly as sent from the create,
 * from a read that misses the cache and one that hits it, and from the category filter; the filter
 * must match the category exactly and nothing that merely looks like it; and the database must hold
 * exactly those characters, byte for byte.
 */
@Timeout(value = 15, unit = TimeUnit.SECONDS)
class NastyValuesEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private static final String UNICORN = codePoints(0x1F984);
    private static final String KEY = codePoints(0x1F511);
    private static final String FAMILY = codePoints(0x1F469, 0x200D, 0x1F469, 0x200D, 0x1F467, 0x200D, 0x1F466); // 7 code points
    private static final String RAINBOW_FLAG = codePoints(0x1F3F3, 0xFE0F, 0x200D, 0x1F308); // 4 code points
    private static final String CODER = codePoints(0x1F468, 0x1F3FD, 0x200D, 0x1F4BB); // skin tone + ZWJ
    private static final String FLAG_UA = codePoints(0x1F1FA, 0x1F1E6);
    private static final String HANGUL_NFC = "\uD55C\uAD6D\uC5B4";

    private static AsideService service;
    private static ModelsTable table;
    private static ApiClient http;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // the first test in a JVM provisions MariaDB and Redis
    static void start() {
        AsideConfig config = Services.productionConfig();
        service = AsideService.start(config);
        table = new ModelsTable(config);
        http = new ApiClient(service.port(), ApiDocument.load());
    }

    @AfterAll
    static void stop() {
        if (table != null) table.close();
        if (service != null) service.close();
    }

    record Nasty(String description, String name, String category, Map<String, String> attributes) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Nasty> nastyValues() {
        List<Nasty> cases = List.of(
                new Nasty("emoji beyond the BMP", "unicorn " + UNICORN + " lamp " + codePoints(0x1F4A1, 0x20, 0x1D518, 0x1D52B, 0x1D526, 0x20, 0x2070E),
                        "emoji " + UNICORN, Map.of(KEY, UNICORN.repeat(3))),
                new Nasty("ZWJ sequences, skin tones and flags", FAMILY + " family " + RAINBOW_FLAG + " flag " + CODER + " coder " + FLAG_UA,
                        FAMILY, Map.of(CODER, RAINBOW_FLAG, FLAG_UA, FAMILY)),
                new Nasty("quotes of every kind", "say \"hi\" and 'bye' and `tick` and \u201Ecurly\u201C \u00ABguillemets\u00BB",
                        "\"quoted\" 'category'", Map.of("\"key\"", "'value'", "'", "\"")),
                new Nasty("backslashes and escape look-alikes", "C:\\temp\\new and \\\" and \\" + "u0041 and \\n and \\\\ literally",
                        "back\\slash\\", Map.of("\\", "\\\\", "a\\\"b", "\\" + "u0000")),
                new Nasty("SQL injection", "'; DROP TABLE models; --", "' OR '1'='1",
                        Map.of("'; DELETE FROM models; --", "\" OR 1=1 --", "Robert'); DROP TABLE models;--", "1; SELECT SLEEP(10)")),
                new Nasty("HTML and script", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                        Map.of("<b>", "</script><script>alert(document.cookie)</script>", "onload", "javascript:alert(1)")),
                new Nasty("percent-encoding look-alikes", "%00 and %2500 and %ZZ and %C3%28 and %", "a%00b%2F..%2F",
                        Map.of("%00", "%00", "%", "%%")),
                new Nasty("right-to-left text and direction overrides", "\u05E2\u05D1\u05E8\u05D9\u05EA \u0627\u0644\u0639\u0631\u0628\u064A\u0629 mixed with English \u202Egnp.exe",
                        "\u0627\u0644\u0639\u0631\u0628\u064A\u0629", Map.of("\u05E2\u05D1\u05E8\u05D9\u05EA", "\u202Egnp.exe", "\u200F", "\u200E")),
                new Nasty("precomposed e-acute (NFC)", "caf\u00E9 (NFC)", "caf\u00E9", Map.of("\u00E9", "nfc")),
                new Nasty("e plus combining acute (NFD), beside its NFC twin", "cafe\u0301 (NFD)", "cafe\u0301",
                        Map.of("e\u0301", "nfd", "\u00E9", "nfc")),
                new Nasty("precomposed Hangul (NFC)", HANGUL_NFC + " (NFC)", HANGUL_NFC, Map.of(HANGUL_NFC, "nfc")),
                new Nasty("conjoining Hangul jamo (NFD)", nfd(HANGUL_NFC) + " (NFD)", nfd(HANGUL_NFC), Map.of(nfd(HANGUL_NFC), "nfd")),
                new Nasty("stacked combining marks", "Z\u0337\u0322\u031Ba\u0334l\u0338g\u0336o\u0335" + "\u0300".repeat(50), "z\u0301\u0302\u0303\u0304",
                        Map.of("z\u0300", "\u0300\u0301")),
                new Nasty("200 emoji name, 100-character flag category, longest key and value", UNICORN.repeat(200), RAINBOW_FLAG.repeat(25),
                        Map.of(KEY.repeat(64), UNICORN.repeat(1024))),
                new Nasty("200 code points of ZWJ families, 100 combining characters", FAMILY.repeat(28) + UNICORN.repeat(4), "e\u0301".repeat(50),
                        Map.of("k", FAMILY.repeat(146) + "xy")),
                new Nasty("whitespace kept as sent", "  leading and trailing spaces  ", " padded category ",
                        Map.of(" ", " ", "breaks", "line\nbreak\ttab\r\nend")),
                new Nasty("spaces only", " ", "   ", Map.of("  ", "")),
                new Nasty("invisible and separator characters", "zero\u200Bwidth \uFEFFbom \u00A0nbsp \u2028line \u2029para \u2060joiner",
                        "\u200B", Map.of("\u200D", "\u2060", "\u00A0", "\u3000")),
                new Nasty("JSON, template and cache-key look-alikes", "{\"json\":\"inside\"} ${jndi:ldap://x/y} {{7*7}} #{1+1}", "aside:v1:model:1",
                        Map.of("__proto__", "{}", "constructor", "prototype", "a.b[0]", "*", "$where", "1==1")),
                new Nasty("case and locale traps", "Stra\u00DFe \u0130stanbul \u03A3\u0391\u03A3 \u01C5", "Stra\u00DFe", Map.of("\u0130", "\u0131")),
                new Nasty("replacement and noncharacters", "\uFFFD replacement \uFFFE\uFFFF noncharacters " + codePoints(0x10FFFF), "\uFFFD",
                        Map.of("\uFFFF", codePoints(0x10FFFF))),
                new Nasty("URL syntax", "a+b c%20d&e=f#g?h/i", "a+b c%20d&e=f#g?h/i;j=k", Map.of("&", "=", "?", "#")));
        assertThat(cases.stream().map(Nasty::category).distinct().count()).as("every case has a category of its own").isEqualTo(cases.size());
        return cases.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("nastyValues")
    void givenNastyButValidValues_whenCreatedReadListedAndStored_thenExactlyAsSentEverywhere(Nasty nasty) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("name", nasty.name()).put("category", nasty.category());
        nasty.attributes().forEach(body.putObject("attributes")::put);

        HttpReply created = http.post("/models", JSON.writeValueAsString(body));
        assertThat(created.status()).as("create answered %s", created.text()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.header("Location")).isEqualTo("/models/" + id);
        assertExact(created.json(), nasty);

        HttpReply miss = http.get("/models/" + id);
        HttpReply hit = http.get("/models/" + id);
        assertThat(miss.status()).isEqualTo(200);
        assertThat(miss.header("X-Cache")).isEqualTo("MISS");
        assertThat(hit.header("X-Cache")).isEqualTo("HIT");
        assertExact(miss.json(), nasty);
        assertExact(hit.json(), nasty);
        assertThat(hit.json()).isEqualTo(miss.json()).isEqualTo(created.json());

        String formEncoded = URLEncoder.encode(nasty.category(), StandardCharsets.UTF_8);
        HttpReply listed = http.get("/models?limit=100&category=" + formEncoded);
        HttpReply listedAgain = http.get("/models?category=" + formEncoded.replace("+", "%20") + "&limit=100");
        assertThat(listed.status()).as("list answered %s", listed.text()).isEqualTo(200);
        assertThat(listed.header("X-Cache")).isEqualTo("MISS");
        assertThat(listedAgain.header("X-Cache")).as("'+' and %20 name the same category").isEqualTo("HIT");
        assertThat(listed.json().get("items")).extracting(item -> item.get("id").asLong()).containsExactly(id);
        assertThat(listed.json().get("items").get(0)).isEqualTo(created.json());
        assertThat(listedAgain.json()).isEqualTo(listed.json());

        for (String lookalike : nearMisses(nasty.category())) {
            HttpReply other = http.list(lookalike, 100);
            assertThat(other.status()).as("list of %s answered %s", codePointNames(lookalike), other.text()).isEqualTo(200);
            assertThat(other.json().get("items")).extracting(item -> item.get("id").asLong())
                    .as("category %s must not match %s", codePointNames(lookalike), codePointNames(nasty.category()))
                    .doesNotContain(id);
        }

        ModelsTable.StoredRow row = table.row(id).orElseThrow(() -> new AssertionError("model " + id + " is not in the table"));
        assertThat(row.name()).isEqualTo(nasty.name());
        assertThat(row.category()).isEqualTo(nasty.category());
        assertThat(row.nameHex()).as("bytes stored for the name").isEqualTo(utf8Hex(nasty.name()));
        assertThat(row.categoryHex()).as("bytes stored for the category").isEqualTo(utf8Hex(nasty.category()));
        assertThat(row.nameLength()).isEqualTo(nasty.name().codePointCount(0, nasty.name().length()));
        assertThat(row.categoryLength()).isEqualTo(nasty.category().codePointCount(0, nasty.category().length()));
        assertThat(JSON.readValue(row.attributes(), STRING_MAP)).isEqualTo(nasty.attributes());
        assertThat(row.version()).isEqualTo(1);
    }

    private static void assertExact(JsonNode model, Nasty nasty) {
        assertThat(model.path("name").textValue()).isEqualTo(nasty.name());
        assertThat(model.path("category").textValue()).isEqualTo(nasty.category());
        assertThat(JSON.convertValue(model.path("attributes"), STRING_MAP)).isEqualTo(nasty.attributes());
        assertThat(model.path("version").asLong()).isEqualTo(1);
    }

    /** Categories a lenient comparison would confuse with this one: case, accents, normal forms, padding. */
    private static Set<String> nearMisses(String category) {
        Set<String> lookalikes = new LinkedHashSet<>(List.of(
                category.toUpperCase(Locale.ROOT), category.toLowerCase(Locale.ROOT),
                category + " ", " " + category, category.strip(), category + "\u200B",
                Normalizer.normalize(category, Normalizer.Form.NFC), nfd(category), withoutMarks(category)));
        lookalikes.remove(category);
        lookalikes.removeIf(text -> text.isEmpty() || text.codePointCount(0, text.length()) > 100);
        return lookalikes;
    }

    private static String nfd(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD);
    }

    private static String withoutMarks(String text) {
        return nfd(text).replaceAll("\\p{M}", "");
    }

    private static String utf8Hex(String text) {
        return HexFormat.of().withUpperCase().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String codePoints(int... codePoints) {
        return new String(codePoints, 0, codePoints.length);
    }

    /** Readable in a failure message even when the text is invisible or reorders itself. */
    private static String codePointNames(String text) {
        List<String> names = new ArrayList<>();
        text.codePoints().limit(12).forEach(cp -> names.add(String.format("U+%04X", cp)));
        return "'" + text + "' " + names + (text.codePointCount(0, text.length()) > 12 ? "..." : "");
    }
}
