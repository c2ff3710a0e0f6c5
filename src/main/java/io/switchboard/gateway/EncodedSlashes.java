package io.switchboard.gateway;

import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.stereotype.Component;

/**
 * Lets a path with an encoded slash ({@code %2F}) through Tomcat undecoded, so that Spring Security's request
 * firewall rejects it and it is answered like every other non-canonical path: 400 {@code invalid-request} as a problem
 * detail, instead of Tomcat's own HTML error page. Nothing decodes it into a {@code /}.
 */
@Component
class EncodedSlashes implements TomcatConnectorCustomizer {

	@Override
	public void customize(Connector connector) {
		connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
	}
}
