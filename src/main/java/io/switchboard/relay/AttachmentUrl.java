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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Where a file the REST API sends can be fetched: an absolute http(s) URL of at most {@value #MAX} characters.
 * Whether its host may be reached is decided when it is fetched (public hosts only).
 */
@Documented
@Constraint(validatedBy = {})
@NotBlank
@Size(max = AttachmentUrl.MAX)
@Pattern(regexp = "(?i)https?://[^\\s]+")
@ReportAsSingleViolation
@Target({ FIELD, METHOD, PARAMETER, ANNOTATION_TYPE })
@Retention(RUNTIME)
public @interface AttachmentUrl {

	/** The most characters a URL may have. */
	int MAX = 2048;

	String message() default "must be an http(s) URL of at most " + MAX + " characters";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};
}
