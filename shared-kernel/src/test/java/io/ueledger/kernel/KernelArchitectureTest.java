package io.ueledger.kernel;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The kernel is the vocabulary every module shares, and the only code the offline verifier ships
 * with: plain Java records and rules. Axon is allowed in exactly two annotations the messages carry
 * today ({@code @TargetAggregateIdentifier} for routing, {@code @Revision} for upcasting); nothing
 * of Axon's machinery, Spring, JPA or the servlet API.
 */
@AnalyzeClasses(packages = "io.ueledger.kernel", importOptions = ImportOption.DoNotIncludeTests.class)
class KernelArchitectureTest {

    @ArchTest
    static final ArchRule kernel_depends_only_on_the_jdk_jackson_annotations_bouncycastle_and_two_axon_annotations =
            classes().that().resideInAPackage("io.ueledger.kernel..")
                    .should().onlyDependOnClassesThat(resideInAnyPackage(
                            "io.ueledger.kernel..", "java..", "com.fasterxml.jackson.annotation..", "org.bouncycastle..")
                            .or(name("org.axonframework.modelling.command.TargetAggregateIdentifier"))
                            .or(name("org.axonframework.serialization.Revision")));

    @ArchTest
    static final ArchRule kernel_has_no_spring_jpa_or_servlet =
            noClasses().that().resideInAPackage("io.ueledger.kernel..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "org.springframework..", "jakarta.persistence..", "javax.persistence..",
                            "jakarta.servlet..", "javax.servlet..", "org.hibernate..");

    /**
     * Exceptions are named for what went wrong, as a noun ({@code UnknownEnrollment}, {@code ClosedEnrollment},
     * {@code ExportRefused}), never with an {@code Exception} suffix: docs/developers/architecture.md,
     * "Naming exceptions".
     */
    @ArchTest
    static final ArchRule kernel_exceptions_are_named_for_what_went_wrong =
            noClasses().that().resideInAPackage("io.ueledger.kernel..").and().areAssignableTo(Throwable.class)
                    .should().haveSimpleNameEndingWith("Exception");

    /** Features (first-level packages, with their sub-packages) do not depend on each other in circles. */
    @ArchTest
    static final ArchRule kernel_features_are_free_of_cycles =
            slices().matching("io.ueledger.kernel.(*)..").should().beFreeOfCycles();

    /** Nor do single packages, e.g. a feature and its {@code web} sub-package. */
    @ArchTest
    static final ArchRule kernel_packages_are_free_of_cycles =
            slices().matching("io.ueledger.kernel.(**)").should().beFreeOfCycles();
}
