package io.aside.cache;

import static io.aside.domain.model.ModelFixtures.hostileModel;
import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aside.cache.EntryCodec.Encoded;
import io.aside.cache.EntryCodec.UndecodableValueException;
import io.aside.domain.cache.EntryKind;
import io.aside.domain.cache.ModelPage;
import io.aside.domain.cache.Presence;
import io.aside.domain.model.Model;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntryCodecsTest {
    private final EntryCodecs codecs = new EntryCodecs();
    private final EntryCodec<Presence<Model>> models = codecs.of(EntryKind.MODEL);
    private final EntryCodec<ModelPage> pages = codecs.of(EntryKind.PAGE);

    @Test
    void givenNastyModel_whenEncodedAndDecoded_thenEqual() {
        Presence<Model> model = Presence.of(hostileModel(1));

        assertThat(roundTrip(models, model)).isEqualTo(model);
    }

    @Test
    void givenAbsence_whenEncoded_thenABareTombstoneThatDecodesBack() {
        Encoded tombstone = models.encode(Presence.absent());

        assertThat(tombstone).isEqualTo(new Encoded(StoredValue.TOMBSTONE, ""));
        assertThat(roundTrip(models, Presence.absent())).isEqualTo(Presence.absent());
    }

    @Test
    void givenTimestampsWithNanoseconds_whenRoundTripped_thenExactToTheNanosecond() {
        Instant created = Instant.parse("1999-12-31T23:59:59.999999999Z");
        Instant updated = Instant.parse("2038-01-19T03:14:08.000000001Z");
        Model model = Model.restore(1, "n", "c", Map.of(), 1, created, updated);

        Model back = ((Presence.Present<Model>) roundTrip(models, Presence.of(model))).value();

        assertThat(back.createdAt()).isEqualTo(created);
        assertThat(back.updatedAt()).isEqualTo(updated);
    }

    @Test
    void givenPage_whenRoundTripped_thenSameModelsInTheSameOrder() {
        ModelPage page = new ModelPage(List.of(model(3, "c"), hostileModel(1), model(2, "c")));

        assertThat(roundTrip(pages, page)).isEqualTo(page);
    }

    @Test
    void givenStoredModel_whenDecoded_thenRestoredWithoutValidatingItAgain() {
        String body = models.encode(Presence.of(model(1, "c"))).body().replace("\"model 1\"", "\"\"");

        assertThat(models.decode(StoredValue.VALUE, body)).isInstanceOfSatisfying(Presence.Present.class,
                present -> assertThat(((Model) present.value()).name()).isEmpty());
    }

    @Test
    void givenJsonMissingAField_whenDecoded_thenUndecodable() {
        String body = models.encode(Presence.of(model(1, "c"))).body().replace("\"name\":\"model 1\",", "");

        assertThatThrownBy(() -> models.decode(StoredValue.VALUE, body)).isInstanceOf(UndecodableValueException.class);
    }

    @Test
    void givenGarbage_whenDecoded_thenUndecodable() {
        assertThatThrownBy(() -> models.decode(StoredValue.VALUE, "{not json")).isInstanceOf(UndecodableValueException.class);
    }

    @Test
    void givenModelJson_whenDecodedAsAPage_thenUndecodable() {
        String body = models.encode(Presence.of(model(1, "c"))).body();

        assertThatThrownBy(() -> pages.decode(StoredValue.VALUE, body)).isInstanceOf(UndecodableValueException.class);
    }

    @Test
    void givenATombstoneTag_whenDecodedAsAPage_thenUndecodable() {
        assertThatThrownBy(() -> pages.decode(StoredValue.TOMBSTONE, "")).isInstanceOf(UndecodableValueException.class);
    }

    private static <V> V roundTrip(EntryCodec<V> codec, V value) {
        Encoded encoded = codec.encode(value);
        return codec.decode(encoded.tag(), encoded.body());
    }
}
