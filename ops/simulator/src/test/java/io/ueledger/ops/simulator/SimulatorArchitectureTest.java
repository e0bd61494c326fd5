package io.ueledger.ops.simulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The simulator plays devices against a server over HTTP; its packages (the device, the CLI, the
 * load runner) do not lean on each other in circles.
 */
@AnalyzeClasses(packages = "io.ueledger.ops", importOptions = ImportOption.DoNotIncludeTests.class)
class SimulatorArchitectureTest {

    @ArchTest
    static final ArchRule simulator_code_lives_in_the_simulator_package =
            classes().that().resideInAPackage("io.ueledger.ops..")
                    .should().resideInAPackage("io.ueledger.ops.simulator..");

    /**
     * Exceptions are named for what went wrong, as a noun ({@code UnknownEnrollment}, {@code ClosedEnrollment},
     * {@code ExportRefused}), never with an {@code Exception} suffix: docs/developers/architecture.md,
     * "Naming exceptions".
     */
    @ArchTest
    static final ArchRule simulator_exceptions_are_named_for_what_went_wrong =
            noClasses().that().resideInAPackage("io.ueledger.ops.simulator..").and().areAssignableTo(Throwable.class)
                    .should().haveSimpleNameEndingWith("Exception");

    /** Features (first-level packages, with their sub-packages) do not depend on each other in circles. */
    @ArchTest
    static final ArchRule simulator_features_are_free_of_cycles =
            slices().matching("io.ueledger.ops.simulator.(*)..").should().beFreeOfCycles();

    /** Nor do single packages, e.g. a feature and its {@code web} sub-package. */
    @ArchTest
    static final ArchRule simulator_packages_are_free_of_cycles =
            slices().matching("io.ueledger.ops.simulator.(**)").should().beFreeOfCycles();
}
