package io.switchboard.platform.http;

import static org.assertj.core.api.Assertions.*;

import java.net.URI;

import org.junit.jupiter.api.Test;

class PlatformUrisTests {

	@Test
	void appendsSegmentsWithOrWithoutATrailingSlash() {
		assertThat(PlatformUris.under(URI.create("https://graph.facebook.com"), "v23.0", "106540352242922", "messages"))
			.hasToString("https://graph.facebook.com/v23.0/106540352242922/messages");
		assertThat(PlatformUris.under(URI.create("http://localhost:8080/sandbox/meta/"), "v23.0", "1", "messages"))
			.hasToString("http://localhost:8080/sandbox/meta/v23.0/1/messages");
	}

	@Test
	void encodesEachSegmentAsOne() {
		assertThat(PlatformUris.under(URI.create("https://api.example.com"), "a b", "c/d", "é"))
			.hasToString("https://api.example.com/a%20b/c%2Fd/%C3%A9");
	}

	@Test
	void addsAnEncodedQuery() {
		assertThat(PlatformUris.withQuery(URI.create("https://api.mypurecloud.com/"), "prefetchConversationId=true",
				"api", "v2"))
			.hasToString("https://api.mypurecloud.com/api/v2?prefetchConversationId=true");
	}
}
