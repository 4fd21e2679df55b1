package io.aside.bootstrap.e2e;

/** The {@link ProductionWiringScenario production wiring, over HTTP,} on one Redis server. */
class ProductionWiringEndToEndTest extends ProductionWiringScenario {
    ProductionWiringEndToEndTest() {
        super(Services::productionConfig);
    }
}
