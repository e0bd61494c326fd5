package io.ueledger.ops.console;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The console is a client of the two sides: it asks through their command and query APIs (services,
 * query messages, the kernel's vocabulary) and renders. It does not read tables, does not reach into
 * projections or repositories, and knows nothing of the server that hosts it (security chains, the
 * built-in IdP, embedded PostgreSQL), so either can change without the other.
 */
@AnalyzeClasses(packages = "io.ueledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ConsoleArchitectureTest {

    /** The server module's packages; {@code ops.console.security} is the server's, beside the console. */
    private static final DescribedPredicate<JavaClass> SERVER_OR_OTHER_OPS_MODULES =
            resideInAPackage("io.ueledger.ops..")
                    .and(DescribedPredicate.not(resideInAPackage("io.ueledger.ops.console..")))
                    .or(resideInAPackage("io.ueledger.ops.console.security.."))
                    .as("classes of the server, simulator or verifier");

    /** What sits behind the command and query APIs: projections, repositories, aggregates, the query side's support code. */
    private static final DescribedPredicate<JavaClass> PROJECTION_INTERNALS =
            resideInAnyPackage("io.ueledger.command..", "io.ueledger.query..")
                    // starts from a JavaClass predicate: CanBeAnnotated's or(JavaClass predicate) would
                    // bind to the static DescribedPredicate.or and drop the annotations
                    .and(resideInAPackage("io.ueledger.query.support..")
                            .or(annotatedWith("org.axonframework.config.ProcessingGroup"))
                            .or(annotatedWith("org.springframework.stereotype.Repository"))
                            .or(annotatedWith("org.axonframework.spring.stereotype.Aggregate")))
                    .as("projections, repositories, aggregates or support code of the command or query side");

    @ArchTest
    static final ArchRule console_code_lives_in_the_console_package =
            classes().that().resideInAPackage("io.ueledger.ops..")
                    .should().resideInAPackage("io.ueledger.ops.console..")
                    .andShould().resideOutsideOfPackage("io.ueledger.ops.console.security..");

    @ArchTest
    static final ArchRule console_reads_no_tables =
            noClasses().that().resideInAPackage("io.ueledger.ops.console..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "org.springframework.jdbc..", "java.sql..", "javax.sql..", "jakarta.persistence..",
                            "org.springframework.data..", "org.hibernate..");

    @ArchTest
    static final ArchRule console_does_not_reach_behind_the_command_and_query_apis =
            noClasses().that().resideInAPackage("io.ueledger.ops.console..")
                    .should().dependOnClassesThat(PROJECTION_INTERNALS);

    @ArchTest
    static final ArchRule console_knows_nothing_of_the_server =
            noClasses().that().resideInAPackage("io.ueledger.ops.console..")
                    .should().dependOnClassesThat(SERVER_OR_OTHER_OPS_MODULES);

    /**
     * Exceptions are named for what went wrong, as a noun ({@code UnknownEnrollment}, {@code ClosedEnrollment},
     * {@code ExportRefused}), never with an {@code Exception} suffix: docs/developers/architecture.md,
     * "Naming exceptions".
     */
    @ArchTest
    static final ArchRule console_exceptions_are_named_for_what_went_wrong =
            noClasses().that().resideInAPackage("io.ueledger.ops.console..").and().areAssignableTo(Throwable.class)
                    .should().haveSimpleNameEndingWith("Exception");

    /** Features (first-level packages, with their sub-packages) do not depend on each other in circles. */
    @ArchTest
    static final ArchRule console_features_are_free_of_cycles =
            slices().matching("io.ueledger.ops.console.(*)..").should().beFreeOfCycles();

    /** Nor do single packages, e.g. a feature and its {@code web} sub-package. */
    @ArchTest
    static final ArchRule console_packages_are_free_of_cycles =
            slices().matching("io.ueledger.ops.console.(**)").should().beFreeOfCycles();
}
