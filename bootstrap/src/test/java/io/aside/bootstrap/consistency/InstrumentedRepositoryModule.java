package io.aside.bootstrap.consistency;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.aside.domain.port.ModelRepository;
import io.aside.persistence.Database;

/**
 * An override for {@code AsideService.start(config, overrides)}: the use cases get an
 * {@link InstrumentedRepository} around the production repository; everything else is production wiring.
 */
public final class InstrumentedRepositoryModule extends AbstractModule {
    @Provides @Singleton
    InstrumentedRepository instrumented(Database database) {
        return new InstrumentedRepository(database.repository());
    }

    @Provides @Singleton
    ModelRepository repository(InstrumentedRepository instrumented) {
        return instrumented;
    }
}
