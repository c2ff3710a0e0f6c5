package io.switchboard.gateway;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;

/**
 * The security headers of Switchboard's answers. The filter chains write them with Spring Security's header writers
 * ({@link EdgeSecurity}); answers written where no chain runs (the request firewall's refusals, Tomcat's own) set
 * them here.
 */
final class EdgeHeaders {

	/** The policy of every answer that is not an HTML page: nothing may be loaded, nothing may frame it. */
	static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

	/**
	 * The policy of the sandbox's pages: their own scripts, styles and calls only; no inline script or style (the
	 * pages have none), no plugins, no framing.
	 */
	static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

	/**
	 * The policy of Swagger UI: its own scripts only, like the sandbox's pages, but inline styles too, since its
	 * bundle inserts a {@code <style>} element whose content changes with its version. Styles run no script; Swagger
	 * UI is off with the {@code prod} profile.
	 */
	static final String SWAGGER_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
			+ "frame-ancestors 'none'";

	private EdgeHeaders() {}

	/**
	 * Sets the headers of an API answer: {@code nosniff}, no referrer, not stored, {@link #API_POLICY}, not framed.
	 */
	static void forApi(HttpServletResponse response) {
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader("Content-Security-Policy", API_POLICY);
		response.setHeader("X-Frame-Options", "DENY");
	}
}
