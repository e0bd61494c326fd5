package io.ueledger.ops;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The server's own packages (boot wiring, security chains, embedded PostgreSQL, the built-in IdP)
 * do not lean on each other in circles. Only this module's classes are read: the console, simulator
 * and verifier share the {@code io.ueledger.ops} prefix and have rules of their own.
 */
@AnalyzeClasses(locations = ServerArchitectureTest.ThisModule.class)
class ServerArchitectureTest {

    /**
     * Exceptions are named for what went wrong, as a noun ({@code UnknownEnrollment}, {@code ClosedEnrollment},
     * {@code ExportRefused}), never with an {@code Exception} suffix: docs/developers/architecture.md,
     * "Naming exceptions".
     */
    @ArchTest
    static final ArchRule server_exceptions_are_named_for_what_went_wrong =
            noClasses().that().resideInAPackage("io.ueledger.ops..").and().areAssignableTo(Throwable.class)
                    .should().haveSimpleNameEndingWith("Exception");

    /** Features (first-level packages, with their sub-packages) do not depend on each other in circles. */
    @ArchTest
    static final ArchRule server_features_are_free_of_cycles =
            slices().matching("io.ueledger.ops.(*)..").should().beFreeOfCycles();

    /** Nor do single packages, e.g. a feature and its {@code web} sub-package. */
    @ArchTest
    static final ArchRule server_packages_are_free_of_cycles =
            slices().matching("io.ueledger.ops.(**)").should().beFreeOfCycles();

    /** The folder the server's main classes were compiled to, found from its application class. */
    static final class ThisModule implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            try {
                return Set.of(Location.of(Path.of(
                        UeLedgerApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI())));
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
