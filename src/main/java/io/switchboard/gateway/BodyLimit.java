package io.switchboard.gateway;

import io.switchboard.platform.web.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds a request's body to {@link ApiSettings#maxBodySize()} before anything parses it: a {@code Content-Length}
 * above it is answered 413 {@code body-too-large} without a byte read; otherwise the body can be read only up to the
 * limit, and the read that would pass it fails with {@link TooLarge}, which {@link ApiProblems} answers 413, and the
 * answer is completed at once, before Tomcat reads on (it discards at most {@code server.tomcat.max-swallow-size} of
 * what is left, then closes the connection). Runs in every filter chain but the webhooks', whose controllers read
 * their bodies under their own limits.
 */
final class BodyLimit extends OncePerRequestFilter {

	private final long maxBytes;
	private final ProblemAnswers problems;

	BodyLimit(ApiSettings settings, ProblemAnswers problems) {
		this.maxBytes = settings.maxBodySize().toBytes();
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > maxBytes) {
			problems.answer(response, tooLarge(maxBytes));
			return;
		}
		Limited limited = new Limited(request, maxBytes);
		chain.doFilter(limited, response);
		if (limited.passedLimit()) {
			finish(response);
		}
	}

	/**
	 * Completes the answer before Tomcat tries to read the rest of the body, which fails past
	 * {@code server.tomcat.max-swallow-size} and would close the connection with the answer unfinished.
	 */
	private static void finish(HttpServletResponse response) throws IOException {
		try {
			response.getOutputStream().close();
		}
		catch (IllegalStateException usingWriter) {
			response.getWriter().close();
		}
	}

	/**
	 * @return the answer to a body over {@code maxBytes}.
	 */
	static ProblemDetail tooLarge(long maxBytes) {
		return ProblemType.BODY_TOO_LARGE.problem("Request bodies may be at most " + maxBytes + " bytes.");
	}

	/**
	 * @return the limit a failure met, if a body read past its limit caused it.
	 */
	static @Nullable TooLarge cause(Throwable failure) {
		for (Throwable e = failure; e != null; e = e.getCause()) {
			if (e instanceof TooLarge tooLarge) {
				return tooLarge;
			}
		}
		return null;
	}

	/**
	 * A body read past its limit.
	 */
	static final class TooLarge extends IOException {

		private final long maxBytes;

		TooLarge(long maxBytes) {
			super("The request body is larger than " + maxBytes + " bytes");
			this.maxBytes = maxBytes;
		}

		long maxBytes() {
			return maxBytes;
		}
	}

	private static final class Limited extends HttpServletRequestWrapper {

		private final long maxBytes;
		private @Nullable LimitedStream body;

		Limited(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (body == null) {
				body = new LimitedStream(super.getInputStream(), maxBytes);
			}
			return body;
		}

		boolean passedLimit() {
			return body != null && body.passedLimit();
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding();
			Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}
	}

	private static final class LimitedStream extends ServletInputStream {

		private final ServletInputStream in;
		private final long maxBytes;
		private long read;

		LimitedStream(ServletInputStream in, long maxBytes) {
			this.in = in;
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			checkNotPast();
			int b = in.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			checkNotPast();
			int n = in.read(buffer, offset, (int) Math.min(length, maxBytes - read + 1));
			if (n > 0) {
				count(n);
			}
			return n;
		}

		boolean passedLimit() {
			return read > maxBytes;
		}

		private void checkNotPast() throws TooLarge {
			if (read > maxBytes) {
				throw new TooLarge(maxBytes);
			}
		}

		private void count(int n) throws TooLarge {
			read += n;
			if (read > maxBytes) {
				throw new TooLarge(maxBytes);
			}
		}

		@Override
		public boolean isFinished() {
			return in.isFinished();
		}

		@Override
		public boolean isReady() {
			return in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			in.setReadListener(listener);
		}
	}
}
