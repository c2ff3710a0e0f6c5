package io.switchboard.gateway;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Replaces Tomcat's error report (the HTML page it writes for what it refuses itself: a malformed request line or
 * header, an invalid character in the URI, headers too large, or an error no error page answered) with the product's
 * problem for the status ({@link StatusProblems}; a status the catalogue has no type for is answered as the nearest
 * one, e.g. 400 for a client error), as {@code application/problem+json} with the headers of every API
 * answer ({@link EdgeHeaders#forApi}), never Tomcat's message or version.
 */
@Component
class TomcatProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	private final JsonMapper json;

	TomcatProblems(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addContextCustomizers(context -> {
			Container host = context.getParent();
			for (Valve valve : host.getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve) {
					host.getPipeline().removeValve(valve);
				}
			}
			host.getPipeline().addValve(new ProblemReport(json));
			if (host instanceof StandardHost standard) {
				standard.setErrorReportValveClass(ProblemReport.class.getName());
			}
		});
	}

	/**
	 * Tomcat's error report valve, writing a problem detail.
	 */
	static final class ProblemReport extends ErrorReportValve {

		private final JsonMapper json;

		ProblemReport(JsonMapper json) {
			this.json = json;
			setShowReport(false);
			setShowServerInfo(false);
		}

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			int status = response.getStatus();
			if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
				return;
			}
			AtomicBoolean ioAllowed = new AtomicBoolean(true);
			response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
			if (!ioAllowed.get()) {
				return;
			}
			try {
				ProblemDetail problem = StatusProblems.of(HttpStatusCode.valueOf(status));
				String body = json.writeValueAsString(problem);
				response.setStatus(problem.getStatus());
				EdgeHeaders.forApi(response);
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				response.setCharacterEncoding("UTF-8");
				Writer writer = response.getReporter();
				if (writer != null) {
					writer.write(body);
					response.finishResponse();
				}
			}
			catch (IOException | IllegalStateException e) {
				// the connection is gone: nothing can be answered
			}
		}
	}
}
