package io.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.auth.TokenStore.TokenClient;
import io.switchboard.platform.Secret;

import org.junit.jupiter.api.Test;

class TokenCipherTests {

	final TokenClient client = new TokenClient("0a1b2c", Secret.of("client-secret-0123456789"));

	@Test
	void opensWhatItSealedForTheSameTenantAndClient() {
		String sealed = TokenCipher.seal("access-token-42", "acme", client);

		assertThat(sealed).doesNotContain("access-token-42");
		assertThat(TokenCipher.open(sealed, "acme", client)).contains("access-token-42");
	}

	@Test
	void refusesATokenSealedForAnotherTenantOrSecret() {
		String sealed = TokenCipher.seal("access-token-42", "acme", client);

		assertThat(TokenCipher.open(sealed, "globex", client)).isEmpty();
		assertThat(TokenCipher.open(sealed, "acme", new TokenClient("0a1b2c", Secret.of("another-secret-987654"))))
			.isEmpty();
	}

	@Test
	void refusesAnAlteredOrMalformedValue() {
		String sealed = TokenCipher.seal("access-token-42", "acme", client);
		int middle = sealed.length() / 2;
		String altered = sealed.substring(0, middle) + (sealed.charAt(middle) == 'A' ? 'B' : 'A')
				+ sealed.substring(middle + 1);

		assertThat(TokenCipher.open(altered, "acme", client)).isEmpty();
		assertThat(TokenCipher.open("not base64!", "acme", client)).isEmpty();
	}
}
