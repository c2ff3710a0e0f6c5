package io.switchboard.media.fetch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.apache.tika.Tika;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;

import io.switchboard.media.AttachmentFetcher;
import io.switchboard.media.AttachmentRefused;
import io.switchboard.media.AttachmentRefused.Why;
import io.switchboard.media.MediaBucket;
import io.switchboard.media.MediaStore;
import io.switchboard.media.MediaTooLarge;
import io.switchboard.media.StoredMedia;

/**
 * {@link AttachmentFetcher} with Apache HttpClient 5. Each hop's host is resolved once by a {@link HostResolver} that
 * refuses non-public addresses, and the request is pinned to the address so checked (HttpClient does not resolve it
 * again); redirects are followed here, not by HttpClient, each hop checked like the first. Sandbox tenants' fetches
 * go through a second client whose resolver checks nothing. See docs/media.md, "Fetching a business's attachment".
 */
final class HttpAttachmentFetcher implements AttachmentFetcher, AutoCloseable {

	private static final String OCTET_STREAM = "application/octet-stream";

	private static final int MAX_FILENAME_LENGTH = 200;

	private final MediaStore store;

	private final int maxRedirects;

	private final Hops publicHosts;

	private final Hops anyHost;

	private final Tika tika = new Tika();

	HttpAttachmentFetcher(MediaStore store, FetchSettings settings) {
		this(store, settings, HostResolver.publicOnly(HostResolver.system()));
	}

	/**
	 * @param publicHosts resolves hosts for tenants that may reach public hosts only; refuses the others.
	 */
	HttpAttachmentFetcher(MediaStore store, FetchSettings settings, HostResolver publicHosts) {
		this.store = store;
		this.maxRedirects = settings.maxRedirects();
		this.publicHosts = new Hops(publicHosts, settings);
		this.anyHost = new Hops(HostResolver.system(), settings);
	}

	@Override
	public StoredMedia fetch(String tenantId, URI url, long maxBytes, boolean allowPrivateHosts) {
		if (maxBytes < 1) {
			throw new IllegalArgumentException("maxBytes must be positive");
		}
		Hops hops = allowPrivateHosts ? anyHost : publicHosts;
		URI current = url;
		for (int redirects = 0;; redirects++) {
			String host = checkedHost(current);
			HttpHost target = hops.target(current, host);
			try (ClassicHttpResponse response = hops.client.executeOpen(target, new HttpGet(current), null)) {
				int status = response.getCode();
				if (isRedirect(status)) {
					if (redirects == maxRedirects) {
						throw failed("The attachment could not be fetched from " + host + ": more than " + maxRedirects
								+ " redirects.");
					}
					current = redirectTarget(current, host, response);
					continue;
				}
				if (status < 200 || status > 299) {
					throw failed("The attachment could not be fetched from " + host + ": the server answered "
							+ status + ".");
				}
				return store(tenantId, url, current, host, response, maxBytes);
			}
			catch (HostNotPublic ex) {
				throw notAllowed(host);
			}
			catch (UnknownHostException ex) {
				throw failed("The attachment could not be fetched: the host " + host + " is unknown.");
			}
			catch (InterruptedIOException ex) {
				throw failed("The attachment could not be fetched from " + host + ": the server did not answer in time.");
			}
			catch (IOException ex) {
				throw failed("The attachment could not be fetched from " + host + ": the connection failed.");
			}
		}
	}

	private StoredMedia store(String tenantId, URI asked, URI fetched, String host, ClassicHttpResponse response,
			long maxBytes) throws IOException {
		HttpEntity entity = response.getEntity();
		if (entity == null || entity.getContentLength() == 0) {
			throw failed("The attachment could not be fetched from " + host + ": the server sent no content.");
		}
		if (entity.getContentLength() > maxBytes) {
			throw tooLarge(maxBytes);
		}
		String filename = filename(response, asked, fetched);
		try (InputStream body = new BufferedInputStream(entity.getContent())) {
			body.mark(1);
			if (body.read() == -1) {
				throw failed("The attachment could not be fetched from " + host + ": the server sent no content.");
			}
			body.reset();
			String contentType = detect(body, filename);
			return store.put(MediaBucket.MEDIA_OUTBOUND, tenantId, body, contentType, filename, maxBytes);
		}
		catch (MediaTooLarge ex) {
			throw tooLarge(maxBytes);
		}
	}

	/**
	 * The type from the bytes; the filename only refines it (a {@code .docx} name on a zip container), never
	 * replaces it, and bytes that nothing recognizes stay {@code application/octet-stream}.
	 */
	private String detect(InputStream markable, @Nullable String filename) throws IOException {
		String byBytes = tika.detect(markable);
		if (filename == null || OCTET_STREAM.equals(byBytes)) {
			return byBytes;
		}
		return tika.detect(markable, filename);
	}

	private static String checkedHost(URI url) {
		String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
		String host = url.getHost();
		if (!scheme.equals("http") && !scheme.equals("https") || host == null || host.isEmpty()) {
			throw new AttachmentRefused(Why.HOST_NOT_ALLOWED,
					"The attachment's URL is not allowed: only http and https URLs with a host are fetched.");
		}
		if (url.getRawUserInfo() != null) {
			throw new AttachmentRefused(Why.HOST_NOT_ALLOWED,
					"The attachment's URL is not allowed: URLs with credentials are not fetched.");
		}
		return host;
	}

	private static URI redirectTarget(URI current, String host, ClassicHttpResponse response) {
		Header location = response.getFirstHeader(HttpHeaders.LOCATION);
		if (location == null || location.getValue().isBlank()) {
			throw failed("The attachment could not be fetched from " + host + ": a redirect without a location.");
		}
		try {
			return current.resolve(URI.create(location.getValue().strip()));
		}
		catch (IllegalArgumentException ex) {
			throw failed("The attachment could not be fetched from " + host + ": a redirect to an invalid URL.");
		}
	}

	private static boolean isRedirect(int status) {
		return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
	}

	private static @Nullable String filename(ClassicHttpResponse response, URI asked, URI fetched) {
		Header disposition = response.getFirstHeader(HttpHeaders.CONTENT_DISPOSITION);
		if (disposition != null) {
			try {
				String name = sanitized(ContentDisposition.parse(disposition.getValue()).getFilename());
				if (name != null) {
					return name;
				}
			}
			catch (IllegalArgumentException ex) {
				// an unreadable header names nothing; the URL may
			}
		}
		String name = sanitized(lastSegment(asked));
		return name != null ? name : sanitized(lastSegment(fetched));
	}

	private static @Nullable String lastSegment(URI url) {
		String path = url.getPath();
		if (path == null) {
			return null;
		}
		int slash = path.lastIndexOf('/');
		return path.substring(slash + 1);
	}

	private static @Nullable String sanitized(@Nullable String name) {
		if (name == null) {
			return null;
		}
		String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		String clean = base.codePoints()
			.filter(c -> !Character.isISOControl(c))
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString()
			.strip();
		if (clean.isEmpty() || clean.equals(".") || clean.equals("..")) {
			return null;
		}
		return clean.length() <= MAX_FILENAME_LENGTH ? clean : clean.substring(clean.length() - MAX_FILENAME_LENGTH);
	}

	private static AttachmentRefused notAllowed(String host) {
		return new AttachmentRefused(Why.HOST_NOT_ALLOWED,
				"The attachment's host " + host + " is not allowed: only public internet hosts are fetched.");
	}

	private static AttachmentRefused failed(String sentence) {
		return new AttachmentRefused(Why.FETCH_FAILED, sentence);
	}

	private static AttachmentRefused tooLarge(long maxBytes) {
		return new AttachmentRefused(Why.TOO_LARGE, "The attachment has more than " + maxBytes + " bytes.");
	}

	@Override
	public void close() {
		publicHosts.client.close(CloseMode.GRACEFUL);
		anyHost.client.close(CloseMode.GRACEFUL);
	}

	/**
	 * One HttpClient and the resolver its hops are checked with; its connection manager resolves with the same
	 * resolver, so that no connection it ever opens skips the check.
	 */
	private static final class Hops {

		private final HostResolver resolver;

		private final CloseableHttpClient client;

		Hops(HostResolver resolver, FetchSettings settings) {
			this.resolver = resolver;
			Timeout connect = Timeout.of(settings.connectTimeout());
			Timeout read = Timeout.of(settings.readTimeout());
			this.client = HttpClients.custom()
				.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
					.setDnsResolver(new Adapter(resolver))
					.setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(read).build())
					.setDefaultConnectionConfig(
							ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read).build())
					.build())
				.setDefaultRequestConfig(RequestConfig.custom()
					.setConnectionRequestTimeout(connect)
					.setResponseTimeout(read)
					.setRedirectsEnabled(false)
					.build())
				.disableRedirectHandling()
				.disableContentCompression()
				.disableAutomaticRetries()
				.disableCookieManagement()
				.disableAuthCaching()
				.setUserAgent("Switchboard")
				.build();
		}

		/**
		 * @return the target with the address to connect to, resolved and checked now.
		 */
		HttpHost target(URI url, String host) {
			String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
			try {
				InetAddress address = resolver.resolve(name)[0];
				return new HttpHost(url.getScheme().toLowerCase(Locale.ROOT), address, name, url.getPort());
			}
			catch (HostNotPublic ex) {
				throw notAllowed(host);
			}
			catch (UnknownHostException ex) {
				throw failed("The attachment could not be fetched: the host " + host + " is unknown.");
			}
		}
	}

	private record Adapter(HostResolver resolver) implements DnsResolver {

		@Override
		public InetAddress[] resolve(String host) throws UnknownHostException {
			return resolver.resolve(host);
		}

		@Override
		public String resolveCanonicalHostname(String host) throws UnknownHostException {
			return host;
		}
	}
}
