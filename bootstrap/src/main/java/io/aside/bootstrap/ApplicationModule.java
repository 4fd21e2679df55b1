package io.aside.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.aside.application.CacheAside;
import io.aside.application.CacheMetrics;
import io.aside.application.CachePolicy;
import io.aside.application.CacheTrust;
import io.aside.application.CreateModel;
import io.aside.application.DeleteModel;
import io.aside.application.GetModel;
import io.aside.application.HealthCheck;
import io.aside.application.Invalidator;
import io.aside.application.LeaseKeeper;
import io.aside.application.ListModels;
import io.aside.application.OutboxRelay;
import io.aside.application.ReadFlights;
import io.aside.application.Sleeper;
import io.aside.application.StaleBound;
import io.aside.application.UpdateModel;
import io.aside.domain.port.CachePort;
import io.aside.domain.port.InvalidationOutbox;
import io.aside.domain.port.ModelRepository;

/** The use cases, wired to whichever ports the adapter modules bind. */
final class ApplicationModule extends AbstractModule {
    @Provides @Singleton
    CachePolicy cachePolicy(AsideConfig config) {
        return config.policy();
    }

    /** A reader gives up on another's run after twice the read deadline: a safety net only, runs end well before. */
    @Provides @Singleton
    ReadFlights readFlights(CachePolicy policy) {
        return new ReadFlights(policy.readDeadline().multipliedBy(2), policy.fallbackWindow());
    }

    @Provides @Singleton
    LeaseKeeper leaseKeeper(CachePort cache, CacheMetrics metrics, CachePolicy policy, Closer closer) {
        return closer.register(new LeaseKeeper(cache, metrics, policy.leaseTtl().dividedBy(6)));
    }

    @Provides @Singleton
    CacheTrust cacheTrust() {
        return new CacheTrust();
    }

    @Provides @Singleton
    CacheAside cacheAside(ReadFlights flights, CachePort cache, CacheTrust trust, CachePolicy policy, CacheMetrics metrics,
                          LeaseKeeper keeper) {
        return new CacheAside(flights, cache, trust, policy, metrics, Sleeper.REAL, keeper);
    }

    @Provides @Singleton
    Invalidator invalidator(CachePort cache, InvalidationOutbox outbox, CacheTrust trust, ReadFlights flights, CacheMetrics metrics) {
        return new Invalidator(cache, outbox, trust, flights, metrics);
    }

    @Provides @Singleton
    OutboxRelay outboxRelay(InvalidationOutbox outbox, CachePort cache, CacheTrust trust, CacheMetrics metrics) {
        return new OutboxRelay(outbox, cache, trust, metrics);
    }

    @Provides @Singleton
    StaleBound staleBound(ReadFlights flights, OutboxRelay relay, CacheTrust trust, CachePolicy policy) {
        return new StaleBound(flights, relay, trust, policy.fallbackWindow(), OutboxRelayTimer.INTERVAL);
    }

    @Provides @Singleton
    GetModel getModel(CacheAside cacheAside, ModelRepository repository) {
        return new GetModel(cacheAside, repository);
    }

    @Provides @Singleton
    ListModels listModels(CacheAside cacheAside, ModelRepository repository) {
        return new ListModels(cacheAside, repository);
    }

    @Provides @Singleton
    CreateModel createModel(ModelRepository repository, Invalidator invalidator) {
        return new CreateModel(repository, invalidator);
    }

    @Provides @Singleton
    UpdateModel updateModel(ModelRepository repository, Invalidator invalidator) {
        return new UpdateModel(repository, invalidator);
    }

    @Provides @Singleton
    DeleteModel deleteModel(ModelRepository repository, Invalidator invalidator) {
        return new DeleteModel(repository, invalidator);
    }

    @Provides @Singleton
    HealthCheck healthCheck(ModelRepository repository, CachePort cache, CacheTrust trust) {
        return new HealthCheck(repository, cache, trust);
    }
}
