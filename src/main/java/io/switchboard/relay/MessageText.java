package io.switchboard.relay;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The text of a message the REST API relays: required, not blank, and at most {@value #MAX} characters (WhatsApp's
 * limit for a text body).
 */
@Documented
@Constraint(validatedBy = {})
@NotBlank
@Size(max = MessageText.MAX)
@ReportAsSingleViolation
@Target({ FIELD, METHOD, PARAMETER, ANNOTATION_TYPE })
@Retention(RUNTIME)
public @interface MessageText {

	/** The most characters a text may have. */
	int MAX = 4096;

	String message() default "must be a non-blank text of at most " + MAX + " characters";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};
}
