package io.switchboard.relay;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * An {@code Idempotency-Key} header: optional; when sent, 1 to {@value #MAX} characters, not all blank.
 */
@Documented
@Constraint(validatedBy = {})
@Size(min = 1, max = IdempotencyKey.MAX)
@Pattern(regexp = "(?s).*\\S.*")
@ReportAsSingleViolation
@Target({ FIELD, METHOD, PARAMETER, ANNOTATION_TYPE })
@Retention(RUNTIME)
public @interface IdempotencyKey {

	/** The most characters a key may have. */
	int MAX = 200;

	String message() default "must be 1 to " + MAX + " characters";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};
}
