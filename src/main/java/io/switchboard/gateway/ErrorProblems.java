package io.switchboard.gateway;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.net.URI;
import java.net.URISyntaxException;

import org.jspecify.annotations.Nullable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}, instead of Spring Boot's): whatever reached it by
 * {@code sendError} or an exception outside Spring MVC is answered as the product's problem for its status
 * ({@link StatusProblems}), never with the container's message or the exception's text, with the headers of every
 * API answer (the filter chains' header writers do not run on an error dispatch) and the path first asked for as
 * {@code instance}. Requested directly, it is 404 like any path with nothing behind it.
 */
@RestController
@Hidden
class ErrorProblems implements ErrorController {

	private static final Logger log = LoggerFactory.getLogger(ErrorProblems.class);

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request, HttpServletResponse response) {
		EdgeHeaders.forApi(response);
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		ProblemDetail problem;
		BodyLimit.TooLarge tooLarge = failure instanceof Throwable thrown ? BodyLimit.cause(thrown) : null;
		if (tooLarge != null) {
			problem = BodyLimit.tooLarge(tooLarge.maxBytes());
		}
		else {
			int status = code instanceof Integer given && given >= 400 ? given : HttpStatus.NOT_FOUND.value();
			problem = StatusProblems.of(HttpStatusCode.valueOf(status));
			if (failure instanceof Throwable thrown && problem.getStatus() >= 500) {
				log.error("Unexpected failure outside Spring MVC while answering a request", thrown);
			}
		}
		if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
			problem.setInstance(instance(path));
		}
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem);
	}

	private static @Nullable URI instance(String path) {
		try {
			return new URI(null, null, path, null);
		}
		catch (URISyntaxException e) {
			return null;
		}
	}
}
