package dev.cartwright;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Keeps core framework-free and its bounded contexts pointing one way, as ARCHITECTURE.md draws them. */
class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.cartwright");

    /** Each context and the contexts it may use; the base packages (money, error, event, store) are open to all. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "catalog", Set.of(),
            "customer", Set.of(),
            "inventory", Set.of("catalog"),
            "pricing", Set.of("catalog", "customer"),
            "payment", Set.of(),
            "cart", Set.of("catalog", "pricing", "customer"),
            "order", Set.of("cart", "catalog", "inventory", "pricing", "payment", "customer"));

    private static final Set<String> BASE = Set.of("money", "error", "event", "store");

    /** {@code javax.crypto} is the JDK's own (module java.base): PBKDF2 comes from there. */
    @Test
    void coreDependsOnlyOnTheJdkSlf4jAndItself() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "javax.crypto..", "org.slf4j..", "dev.cartwright..")
                .check(CORE);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.cartwright.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void nothingBelowTheRootImportsTheRoot() {
        noClasses().that().resideOutsideOfPackage("dev.cartwright")
                .should().dependOnClassesThat().resideInAPackage("dev.cartwright")
                .check(CORE);
    }

    @Test
    void basePackagesDependOnNoContext() {
        for (String base : BASE) {
            noClasses().that().resideInAPackage("dev.cartwright." + base + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(contextPackagesExcept(Set.of()))
                    .allowEmptyShould(true)
                    .check(CORE);
        }
    }

    @Test
    void contextsDependOnlyOnTheContextsBelowThem() {
        ALLOWED.forEach((context, allowed) -> {
            Set<String> own = new HashSet<>(allowed);
            own.add(context);
            noClasses().that().resideInAPackage("dev.cartwright." + context + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(contextPackagesExcept(own))
                    .allowEmptyShould(true)
                    .check(CORE);
        });
    }

    private static String[] contextPackagesExcept(Set<String> permitted) {
        return ALLOWED.keySet().stream()
                .filter(context -> !permitted.contains(context))
                .map(context -> "dev.cartwright." + context + "..")
                .toArray(String[]::new);
    }
}
