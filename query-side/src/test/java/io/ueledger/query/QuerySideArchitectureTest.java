package io.ueledger.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The query side reads and projects; it never calls into the command side (the two meet only in
 * the kernel's events and messages), and its feature packages do not lean on each other in circles.
 */
@AnalyzeClasses(packages = "io.ueledger", importOptions = ImportOption.DoNotIncludeTests.class)
class QuerySideArchitectureTest {

    @ArchTest
    static final ArchRule query_side_code_lives_under_its_own_package =
            classes().that().resideInAPackage("io.ueledger..")
                    .and().resideOutsideOfPackages("io.ueledger.kernel..")
                    .should().resideInAPackage("io.ueledger.query..");

    @ArchTest
    static final ArchRule query_side_never_imports_the_command_side =
            noClasses().that().resideInAPackage("io.ueledger.query..")
                    .should().dependOnClassesThat().resideInAPackage("io.ueledger.command..");

    /** Features (first-level packages, with their sub-packages) do not depend on each other in circles. */
    @ArchTest
    static final ArchRule query_side_features_are_free_of_cycles =
            slices().matching("io.ueledger.query.(*)..").should().beFreeOfCycles();

    /** Nor do single packages, e.g. a feature and its {@code web} sub-package. */
    @ArchTest
    static final ArchRule query_side_packages_are_free_of_cycles =
            slices().matching("io.ueledger.query.(**)").should().beFreeOfCycles();
}
