package io.aside.application;

import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.aside.domain.cache.Lease;
import io.aside.domain.cache.LeaseRequest;
import io.aside.domain.cache.Lookup;
import io.aside.domain.cache.ModelPage;
import io.aside.domain.cache.PageKey;
import io.aside.domain.model.Category;
import io.aside.domain.model.ValidationException;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import io.aside.domain.port.ModelRepository;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ListModelsTest {
    private final CachePort cache = mock(CachePort.class);
    private final ModelRepository repository = mock(ModelRepository.class);
    private final CacheMetrics metrics = mock(CacheMetrics.class);
    private final CachePolicy policy = CachePolicy.defaults();
    private final LeaseKeeper keeper = new LeaseKeeper(cache, metrics, Duration.ofMillis(5));
    private final ListModels listModels = new ListModels(
            new CacheAside(new ReadFlights(Duration.ofSeconds(30), Duration.ZERO), cache, new CacheTrust(), policy, metrics, d -> {}, keeper), repository);
    private final Category category = new Category("tools");

    @AfterEach
    void stopKeeper() {
        keeper.close();
    }

    @Test
    void givenAMiss_whenListed_thenThePageIsLoadedAndFilledUnderTheLease() {
        PageKey key = new PageKey(category, 2);
        Lease<ModelPage> lease = new Lease<>(key, "t", 41);
        when(cache.lookup(eq(key), any(LeaseRequest.class))).thenReturn(new Lookup.Leased<>(lease));
        when(repository.findFirstByCategory(category, 2)).thenReturn(List.of(model(1, "tools"), model(2, "tools")));

        Read<ModelPage> read = listModels.list(new ListModelsQuery(category, 2));

        assertThat(read.value().items()).extracting(m -> m.id().value()).containsExactly(1L, 2L);
        verify(cache).fill(eq(lease), eq(read.value()), any());
    }

    @Test
    void givenCacheDown_whenListed_thenServedFromTheDatabase() {
        when(cache.lookup(any(), any())).thenThrow(CacheUnavailableException.shed("breaker open", null));
        when(repository.findFirstByCategory(category, 20)).thenReturn(List.of());
        assertThat(listModels.list(new ListModelsQuery(category, 20))).isEqualTo(new Read<>(new ModelPage(List.of()), false));
        verify(cache, never()).fill(any(), any(), any());
    }

    @Test
    void givenLimitOutOfRange_whenQueryBuilt_thenRejectedAsLimitField() {
        assertThatThrownBy(() -> new ListModelsQuery(category, 0)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new ListModelsQuery(category, 101)).isInstanceOf(ValidationException.class);
    }
}
