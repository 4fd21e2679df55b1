package io.aside.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {
    @Test
    void givenMySqlOrH2Url_thenTheKindFollowsTheScheme() {
        assertThat(DatabaseKind.of("jdbc:mysql://db:3306/aside")).isEqualTo(DatabaseKind.MYSQL);
        assertThat(DatabaseKind.of("jdbc:h2:file:./data/aside")).isEqualTo(DatabaseKind.H2);
    }

    @Test
    void givenH2Url_thenEmbedded_andGivenMySqlUrl_thenShared() {
        assertThat(new DatabaseSettings("jdbc:h2:file:./data/aside", "", "").embedded()).isTrue();
        assertThat(new DatabaseSettings("jdbc:mysql://db:3306/aside", "u", "p").embedded()).isFalse();
    }

    @Test
    void givenOtherScheme_thenRejectedNamingTheSchemeButNotTheRest() {
        assertThatThrownBy(() -> new DatabaseSettings("jdbc:postgresql://db/aside?password=secret", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql:")
                .hasMessageNotContaining("secret");
    }

    @Test
    void givenPasswords_thenToStringHidesThemEverywhere() {
        DatabaseSettings settings = new DatabaseSettings("jdbc:mysql://admin:hunter2@db:3306/aside?user=x&password=secret", "u", "p4ss");

        assertThat(settings.toString()).doesNotContain("hunter2", "secret", "p4ss").contains("db:3306/aside", "user=u");
    }

    @Test
    void givenNoCredentials_thenEmptyRatherThanNull() {
        DatabaseSettings settings = new DatabaseSettings("jdbc:h2:mem:x", null, null);

        assertThat(settings.user()).isEmpty();
        assertThat(settings.password()).isEmpty();
    }

    @Test
    void givenH2Url_thenMySqlModeLowerCaseNamesUtcAndPoolOwnedShutdownAreAdded() {
        assertThat(H2Url.withRequiredSettings("jdbc:h2:file:./data/aside"))
                .isEqualTo("jdbc:h2:file:./data/aside;MODE=MySQL;DATABASE_TO_LOWER=TRUE;TIME ZONE=UTC;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void givenH2UrlWithItsOwnSettings_thenTheyAreKept() {
        assertThat(H2Url.withRequiredSettings("jdbc:h2:mem:x;mode=MySQL;DB_CLOSE_DELAY=10"))
                .isEqualTo("jdbc:h2:mem:x;mode=MySQL;DB_CLOSE_DELAY=10;DATABASE_TO_LOWER=TRUE;TIME ZONE=UTC;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void givenInMemoryH2_thenItOutlivesItsLastConnection() {
        assertThat(H2Url.withRequiredSettings("jdbc:h2:mem:x")).endsWith(";DB_CLOSE_DELAY=-1");
    }

    @Test
    void givenMySqlUrl_thenItIsUsedAsGivenWithUtcSessionsAndShortTimeouts() {
        String url = "jdbc:mysql://db/aside?sslMode=REQUIRED";

        assertThat(DatabaseKind.MYSQL.jdbcUrl(url)).isEqualTo(url);
        assertThat(DatabaseKind.MYSQL.driverProperties(url))
                .containsEntry("connectionTimeZone", "UTC")
                .containsEntry("forceConnectionTimeZoneToSession", "true")
                .containsEntry("characterEncoding", "UTF-8")
                .containsEntry("connectTimeout", "2000");
    }

    @Test
    void givenMySqlUrlWithItsOwnTimeout_thenTheUrlWins() {
        assertThat(DatabaseKind.MYSQL.driverProperties("jdbc:mysql://db/aside?useSSL=false&connectTimeout=9000"))
                .doesNotContainKey("connectTimeout")
                .containsKey("socketTimeout");
    }
}
