package io.switchboard.relay;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A customer the REST API names: a WhatsApp number (wa_id: 6 to 15 digits, no {@code +}) or a business-scoped user
 * id (BSUID: a country code, a dot and up to 150 letters, digits or dots). Required.
 */
@Documented
@Constraint(validatedBy = {})
@NotNull
@Pattern(regexp = "\\d{6,15}|[A-Z]{2}\\.[A-Za-z0-9.]{1,150}")
@ReportAsSingleViolation
@Target({ FIELD, METHOD, PARAMETER, ANNOTATION_TYPE })
@Retention(RUNTIME)
public @interface CustomerIdentifier {

	String message() default "must be a WhatsApp number in digits without '+' (6 to 15 digits) or a BSUID such as "
			+ "'US.13491208655302741918'";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};
}
