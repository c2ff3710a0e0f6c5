package io.switchboard.media.fetch;

import java.net.UnknownHostException;

/**
 * A host is, or resolves to, an address the fetcher may not reach. An {@link UnknownHostException} so that it can
 * leave HttpClient's {@link org.apache.hc.client5.http.DnsResolver}.
 */
final class HostNotPublic extends UnknownHostException {

	HostNotPublic(String host) {
		super(host + " is not a public host");
	}
}
