package io.aside.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hexagon's rules (DESIGN §1), on the production classes of every module. Empty rules fail. */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar")) // test fixtures shared as test-jars
                .importPackages("io.aside");
    }

    @Test
    void domainDependsOnNothingButTheJdk() {
        HexagonRules.coreIsFrameworkFree("io.aside.domain..").check(production);
        HexagonRules.onlyDependsOn("io.aside.domain..").check(production);
    }

    @Test
    void applicationDependsOnDomainOnly() {
        HexagonRules.coreIsFrameworkFree("io.aside.application..").check(production);
        HexagonRules.onlyDependsOn("io.aside.application..", "io.aside.domain..").check(production);
    }

    @Test
    void adaptersNeverDependOnEachOtherNorOnBootstrap() {
        String[] adapters = {"io.aside.persistence..", "io.aside.cache..", "io.aside.web..", "io.aside.metrics.."};
        for (String adapter : adapters) {
            for (String other : adapters) {
                if (other.equals(adapter)) continue;
                noClasses().that().resideInAPackage(adapter).should().dependOnClassesThat().resideInAPackage(other).check(production);
            }
            noClasses().that().resideInAPackage(adapter).should().dependOnClassesThat().resideInAPackage("io.aside.bootstrap..").check(production);
        }
    }

    @Test
    void technologyTypesStayInTheirAdapter() {
        noClasses().that().resideOutsideOfPackage("io.aside.persistence..").should().dependOnClassesThat()
                .resideInAnyPackage("org.jooq..", "io.aside.persistence.generated..", "liquibase..").check(production);
        noClasses().that().resideOutsideOfPackage("io.aside.cache..").should().dependOnClassesThat()
                .resideInAPackage("redis.clients..").check(production);
        noClasses().that().resideOutsideOfPackages("io.aside.cache..", "io.aside.persistence..").should().dependOnClassesThat()
                .resideInAPackage("io.github.resilience4j..").because("each store's adapter guards its own calls").check(production);
        noClasses().that().resideOutsideOfPackage("io.aside.web..").should().dependOnClassesThat()
                .resideInAPackage("io.javalin..").check(production);
        noClasses().that().resideOutsideOfPackages("io.aside.metrics..", "io.aside.web..", "io.aside.bootstrap..").should()
                .dependOnClassesThat().resideInAPackage("io.micrometer..")
                .because("meters are recorded by the metrics adapter, served by the web adapter and made in the wiring").check(production);
    }

    @Test
    void metricsAdapterImplementsTheApplicationsPortWithMicrometerOnly() {
        HexagonRules.onlyDependsOn("io.aside.metrics..", "io.aside.application..", "io.aside.domain..", "io.micrometer..")
                .check(production);
    }

    @Test
    void givenACoreClassImportingJdbc_whenChecked_thenTheRuleFails() {
        JavaClasses fixture = new ClassFileImporter().importPackages("io.aside.bootstrap.archfixture");
        assertThatThrownBy(() -> HexagonRules.coreIsFrameworkFree("io.aside.bootstrap.archfixture..").check(fixture))
                .isInstanceOf(AssertionError.class).hasMessageContaining("java.sql");
    }

    @Test
    void givenARuleOnAMissingPackage_whenChecked_thenItFailsRatherThanPassingEmpty() {
        assertThatThrownBy(() -> HexagonRules.coreIsFrameworkFree("io.aside.nosuchpackage..").check(production))
                .isInstanceOf(AssertionError.class);
    }
}
