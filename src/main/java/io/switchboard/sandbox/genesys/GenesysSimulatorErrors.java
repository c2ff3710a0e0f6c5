package io.switchboard.sandbox.genesys;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Answers the simulated Genesys Cloud's errors the way Genesys does ({@code ErrorBody}), not as problem details.
 */
@RestControllerAdvice(assignableTypes = { GenesysApiController.class, GenesysLoginController.class,
		GenesysDownloadController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class GenesysSimulatorErrors {

	private static final Logger log = LoggerFactory.getLogger(GenesysSimulatorErrors.class);

	@ExceptionHandler(GenesysError.class)
	ResponseEntity<Map<String, Object>> genesys(GenesysError error) {
		return error.toResponse();
	}

	@ExceptionHandler({ HttpMessageNotReadableException.class, MissingServletRequestParameterException.class,
			MethodArgumentTypeMismatchException.class, IllegalArgumentException.class })
	ResponseEntity<Map<String, Object>> malformed(Exception e) {
		return GenesysError.badRequest("The request could not be understood by the server due to malformed syntax.")
				.toResponse();
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Map<String, Object>> unexpected(Exception e) {
		log.error("The Genesys simulator failed to answer a request", e);
		return GenesysError.internal().toResponse();
	}
}
