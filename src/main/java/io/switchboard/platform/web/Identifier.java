package io.switchboard.platform.web;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.switchboard.platform.Identifiers;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * An id a caller may give or leave out: when given, 1 to {@link Identifiers#MAX_LENGTH} characters and not blank
 * ({@link Identifiers#isValid(String)}), so that every id Switchboard stores fits its columns.
 */
@Documented
@Constraint(validatedBy = {})
@Size(min = 1, max = Identifiers.MAX_LENGTH)
@Pattern(regexp = "(?s).*\\S.*")
@ReportAsSingleViolation
@Target({ FIELD, METHOD, PARAMETER, ANNOTATION_TYPE })
@Retention(RUNTIME)
public @interface Identifier {

	String message() default "must be 1 to " + Identifiers.MAX_LENGTH + " characters, not all blank";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};
}
