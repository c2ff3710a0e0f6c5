package io.switchboard.sandbox.meta;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the simulated Graph API's errors the way Graph does, not as problem details.
 */
@RestControllerAdvice(assignableTypes = { MetaGraphController.class, MetaMediaController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class MetaGraphErrors {

	private static final Logger log = LoggerFactory.getLogger(MetaGraphErrors.class);

	@ExceptionHandler(MetaGraphError.class)
	ResponseEntity<byte[]> graph(MetaGraphError error) {
		return error.toResponse();
	}

	@ExceptionHandler({ HttpMessageNotReadableException.class, HttpMediaTypeNotSupportedException.class })
	ResponseEntity<byte[]> malformed(Exception e) {
		return MetaGraphError.invalidParameter("The request body must be a JSON object").toResponse();
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<byte[]> unexpected(Exception e) {
		log.error("The Graph API simulator failed to answer a request", e);
		return MetaGraphError.unknown().toResponse();
	}
}
