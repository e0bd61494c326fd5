package io.ueledger.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.ueledger.kernel.processing.ProcessorNames;
import org.axonframework.config.ProcessingGroup;

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

    /**
     * Exceptions are named for what went wrong, as a noun ({@code UnknownEnrollment}, {@code ClosedEnrollment},
     * {@code ExportRefused}), never with an {@code Exception} suffix: docs/developers/architecture.md,
     * "Naming exceptions".
     */
    @ArchTest
    static final ArchRule query_side_exceptions_are_named_for_what_went_wrong =
            noClasses().that().resideInAPackage("io.ueledger.query..").and().areAssignableTo(Throwable.class)
                    .should().haveSimpleNameEndingWith("Exception");

    /** Features (first-level packages, with their sub-packages) do not depend on each other in circles. */
    @ArchTest
    static final ArchRule query_side_features_are_free_of_cycles =
            slices().matching("io.ueledger.query.(*)..").should().beFreeOfCycles();

    /** Nor do single packages, e.g. a feature and its {@code web} sub-package. */
    @ArchTest
    static final ArchRule query_side_packages_are_free_of_cycles =
            slices().matching("io.ueledger.query.(**)").should().beFreeOfCycles();

    /** Processor names live in one class; a literal here would be a processor no configuration knows. */
    @ArchTest
    static final ArchRule processing_groups_are_named_by_processor_names =
            classes().that().resideInAPackage("io.ueledger.query..").and().areAnnotatedWith(ProcessingGroup.class)
                    .should().beAnnotatedWith(DescribedPredicate.describe(
                            "@ProcessingGroup naming one of ProcessorNames.ALL",
                            (JavaAnnotation<?> annotation) -> annotation.getRawType()
                                    .isEquivalentTo(ProcessingGroup.class)
                                    && ProcessorNames.ALL.contains(annotation.get("value").orElse(null))));
}
