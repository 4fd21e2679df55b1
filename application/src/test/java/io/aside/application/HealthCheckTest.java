package io.aside.application;

import static io.aside.domain.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import io.aside.domain.cache.Invalidation;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.CacheUnavailableException;
import io.aside.domain.port.ModelRepository;
import io.aside.domain.port.RepositoryUnavailableException;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthCheckTest {
    private final ModelRepository repository = mock(ModelRepository.class);
    private final CachePort cache = mock(CachePort.class);
    private final CacheTrust trust = new CacheTrust();
    private final HealthCheck health = new HealthCheck(repository, cache, trust);

    @Test
    void givenBothStoresAnswer_thenUp() {
        assertThat(health.check()).isEqualTo(new HealthCheck.Report(HealthCheck.Status.UP, true, true, true));
    }

    @Test
    void givenCacheDown_thenDegradedNotDown() {
        doThrow(new CacheUnavailableException("down", null)).when(cache).ping();
        assertThat(health.check().status()).isEqualTo(HealthCheck.Status.DEGRADED);
    }

    @Test
    void givenAnUndeliveredInvalidation_thenDegradedWhileReadsOfWhatItTouchedBypassTheCache() {
        trust.withdraw(1, Invalidation.of(List.of(model(1, "c")))); // one model and one category: every other key is still trusted
        assertThat(health.check()).isEqualTo(new HealthCheck.Report(HealthCheck.Status.DEGRADED, true, true, false));
    }

    @Test
    void givenDatabaseDown_thenDownWhateverTheCache() {
        doThrow(new RepositoryUnavailableException("down", null)).when(repository).ping();
        assertThat(health.check().status()).isEqualTo(HealthCheck.Status.DOWN);
    }
}
