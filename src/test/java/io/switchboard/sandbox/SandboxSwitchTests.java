package io.switchboard.sandbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The sandbox has one switch ({@link SandboxConfiguration}): no other class carries a condition, the root package
 * (which the application's scan reaches) holds no other component, and every component lives in a sub-package that
 * the switch scans.
 */
class SandboxSwitchTests {

	private static final JavaClasses SANDBOX = new ClassFileImporter()
			.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.switchboard.sandbox");

	@Test
	void onlyTheSandboxConfigurationCarriesACondition() {
		classes().that().areMetaAnnotatedWith(Conditional.class).should().be(SandboxConfiguration.class).check(SANDBOX);
	}

	@Test
	void theRootPackageHoldsNoComponentButTheSwitch() {
		classes().that().resideInAPackage("io.switchboard.sandbox").and().areMetaAnnotatedWith(Component.class)
				.should().be(SandboxConfiguration.class).check(SANDBOX);
	}

	@Test
	void everyOtherComponentLivesWhereTheSwitchScansAndTheApplicationsScanDoesNot() {
		classes().that().areMetaAnnotatedWith(Component.class).and().areNotAssignableTo(SandboxConfiguration.class)
				.should().resideInAnyPackage(SandboxConfiguration.META, SandboxConfiguration.GENESYS,
						SandboxConfiguration.PAGES)
				.andShould().haveNameMatching(SandboxConfiguration.SUB_PACKAGES).check(SANDBOX);
	}
}
