package io.switchboard.gateway;

import io.switchboard.gateway.ApiKeyAuthenticationProvider.AdminApiOff;
import io.switchboard.gateway.ApiKeyAuthenticationProvider.ApiKeyRejected;
import io.switchboard.platform.web.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes Spring Security's refusals as the product's problem details: 401 {@code unauthenticated} (with
 * {@code WWW-Authenticate: Bearer}), 403 {@code admin-api-off} and {@code forbidden}, and 400
 * {@code invalid-request} for a path the request firewall rejects, and the gateway's own refusals such as
 * {@link BodyLimit}'s 413. Only sentences of Switchboard's own are sent; another exception's text never reaches the
 * caller.
 */
final class ProblemAnswers implements AccessDeniedHandler, RequestRejectedHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemAnswers.class);

	private final JsonMapper json;

	ProblemAnswers(JsonMapper json) {
		this.json = json;
	}

	/**
	 * @return the entry point of a surface: 401, telling a caller without a key what to send.
	 */
	AuthenticationEntryPoint entryPoint(Surface surface, boolean adminApiOn) {
		return (request, response, exception) -> {
			if (exception instanceof AdminApiOff || (surface == Surface.ADMIN && !adminApiOn)) {
				answer(response, ProblemType.ADMIN_API_OFF.problem(new AdminApiOff().getMessage()));
				return;
			}
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			String detail = exception instanceof ApiKeyRejected rejected ? rejected.getMessage()
					: surface.missingKey();
			answer(response, ProblemType.UNAUTHENTICATED.problem(detail));
		};
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		answer(response, ProblemType.FORBIDDEN.problem("This key does not open this endpoint."));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
			throws IOException {
		log.info("Refused a request whose path is not in canonical form: {}", rejected.getMessage());
		answer(response, ProblemType.INVALID_REQUEST.problem(
				"The request path is not in canonical form (no ';', encoded '/', '\\', '.' or '%', no '//' or "
						+ "'..'): send the plain path."));
	}

	/**
	 * Writes a problem as the whole answer, with the headers every API answer carries
	 * ({@link EdgeHeaders#forApi}), since an answer written here may come before any filter chain's.
	 */
	void answer(HttpServletResponse response, ProblemDetail problem) throws IOException {
		EdgeHeaders.forApi(response);
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}
}
