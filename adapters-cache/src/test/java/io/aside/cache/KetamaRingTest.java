package io.aside.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KetamaRingTest {
    static final List<String> THREE = List.of("10.0.0.1:11211", "10.0.0.2:11211", "10.0.0.3:11211");
    static final List<String> KEYS = IntStream.range(0, 30_000).mapToObj(i -> "aside:v1:model:" + i).toList();

    static KetamaRing<String> ring(List<String> servers) {
        return new KetamaRing<>(servers, server -> server);
    }

    @Test
    void givenThreeServers_whenManyKeysPlaced_thenEachHoldsAFairShare() {
        KetamaRing<String> ring = ring(THREE);
        Map<String, Integer> counts = new HashMap<>();

        KEYS.forEach(key -> counts.merge(ring.serverFor(key), 1, Integer::sum));

        assertThat(counts).hasSize(3);
        counts.values().forEach(count -> assertThat(count).isBetween(KEYS.size() / 5, KEYS.size() / 2));
    }

    @Test
    void givenAFourthServer_whenAdded_thenAboutAQuarterOfTheKeysMoveAndAllToIt() {
        KetamaRing<String> before = ring(THREE);
        KetamaRing<String> after = ring(List.of("10.0.0.1:11211", "10.0.0.2:11211", "10.0.0.3:11211", "10.0.0.4:11211"));

        List<String> moved = KEYS.stream().filter(key -> !before.serverFor(key).equals(after.serverFor(key))).toList();

        assertThat(moved.size()).isBetween(KEYS.size() / 8, KEYS.size() * 3 / 8);
        assertThat(moved).allSatisfy(key -> assertThat(after.serverFor(key)).isEqualTo("10.0.0.4:11211"));
    }

    @Test
    void givenTheSameServersInAnotherOrder_whenKeysPlaced_thenEachGoesToTheSameServer() {
        KetamaRing<String> one = ring(THREE);
        KetamaRing<String> other = ring(List.of(THREE.get(2), THREE.get(0), THREE.get(1)));

        assertThat(KEYS).allSatisfy(key -> assertThat(other.serverFor(key)).isEqualTo(one.serverFor(key)));
    }

    /** Placements computed by an independent ketama (Python's hashlib, the libmemcached point layout): other clients agree. */
    @Test
    void givenKetamaAsOtherClientsComputeIt_whenKeysPlaced_thenTheSameServers() {
        KetamaRing<String> ring = ring(THREE);

        assertThat(Map.of(
                "aside:v1:model:1", ring.serverFor("aside:v1:model:1"),
                "aside:v1:model:4", ring.serverFor("aside:v1:model:4"),
                "aside:v1:model:42", ring.serverFor("aside:v1:model:42"),
                "foo", ring.serverFor("foo"),
                "bar", ring.serverFor("bar")))
                .isEqualTo(Map.of(
                        "aside:v1:model:1", "10.0.0.1:11211",
                        "aside:v1:model:4", "10.0.0.2:11211",
                        "aside:v1:model:42", "10.0.0.3:11211",
                        "foo", "10.0.0.3:11211",
                        "bar", "10.0.0.1:11211"));
    }
}
