package io.switchboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/**
 * Mapping between Switchboard's model and a platform's format, and the send policies, are pure functions: no Spring,
 * no database, no HTTP, so that they are tested on the corpus without an application.
 */
class PureDecisionsTests {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.switchboard");

	@Test
	void mappingAndPolicyClassesUseNoFrameworkAndNoInfrastructure() {
		noClasses().that().haveSimpleNameEndingWith("Mapping")
			.or().haveSimpleName("SendPolicies").or().haveSimpleName("SendPolicy")
			.or().haveSimpleName("WhatsAppFailures").or().haveSimpleName("ReceiptReasons")
			.should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..",
					"java.net.http..", "io.micrometer..")
			.check(MAIN);
	}
}
