package io.aside.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/** The dependency rules of DESIGN §1, parameterised by package so a test can prove they bite. */
final class HexagonRules {
    static final String[] FRAMEWORKS = {"java.sql..", "javax.sql..", "org.jooq..", "redis.clients..", "com.fasterxml..",
            "io.javalin..", "com.google.inject..", "jakarta..", "javax.inject..", "org.liquibase..", "liquibase..",
            "com.zaxxer..", "io.micrometer..", "io.github.resilience4j..", "com.github.benmanes..", "org.slf4j.."};

    private HexagonRules() {}

    /** The core (domain or application) may use the JDK, but no framework, no JDBC. */
    static ArchRule coreIsFrameworkFree(String corePackage) {
        return noClasses().that().resideInAPackage(corePackage)
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .because("the core knows nothing of SQL, Redis, HTTP or wiring (DESIGN §1)");
    }

    static ArchRule onlyDependsOn(String fromPackage, String... allowed) {
        String[] packages = new String[allowed.length + 2];
        packages[0] = "java..";
        packages[1] = fromPackage;
        System.arraycopy(allowed, 0, packages, 2, allowed.length);
        return com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes().that().resideInAPackage(fromPackage)
                .should().onlyDependOnClassesThat().resideInAnyPackage(packages);
    }
}
