package io.switchboard.auth;

import static org.assertj.core.api.Assertions.*;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.genesys.FakeGenesys;
import io.switchboard.genesys.FakeGenesys.Reply;
import io.switchboard.tenant.Tenant;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class ClientCredentialsTokensTests {

	FakeGenesys genesys;
	SimpleMeterRegistry meters;
	ClientCredentialsTokens tokens;

	@BeforeEach
	void setUp() {
		genesys = FakeGenesys.start();
		meters = new SimpleMeterRegistry();
		tokens = new ClientCredentialsTokens(new AuthSettings(Duration.ofSeconds(1), Duration.ofSeconds(3)),
				JsonMapper.builder().build(), meters, new InProcessTokenStore(Clock.systemUTC()));
	}

	@AfterEach
	void tearDown() {
		genesys.close();
	}

	@Test
	void requestsTokenWithClientCredentialsGrant() {
		String token = tokens.tokenFor(genesys.tenant("acme"));

		assertThat(token).startsWith("token-");
		assertThat(genesys.tokenRequests()).singleElement().satisfies(request -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.path()).isEqualTo("/oauth/token");
			assertThat(request.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
				.encodeToString((FakeGenesys.CLIENT_ID + ":" + FakeGenesys.CLIENT_SECRET)
					.getBytes(StandardCharsets.UTF_8)));
			assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
			assertThat(request.body()).isEqualTo("grant_type=client_credentials");
		});
	}

	@Test
	void cachesTokenPerTenant() {
		Tenant acme = genesys.tenant("acme");
		Tenant globex = genesys.tenant("globex");

		String first = tokens.tokenFor(acme);
		assertThat(tokens.tokenFor(acme)).isEqualTo(first);
		assertThat(tokens.tokenFor(acme)).isEqualTo(first);
		assertThat(tokens.tokenFor(globex)).isNotEqualTo(first);

		assertThat(genesys.tokenRequests()).hasSize(2);
		assertThat(meters.counter("switchboard.genesys.tokens.issued", "tenant", "acme").count()).isEqualTo(1);
		assertThat(meters.counter("switchboard.genesys.tokens.issued", "tenant", "globex").count()).isEqualTo(1);
	}

	@Test
	void requestsNewTokenWhenTenantsClientChanges() {
		genesys.client("rotated-client", "rotated-secret-0123456789");
		String old = tokens.tokenFor(genesys.tenant("acme"));

		String rotated = tokens.tokenFor(genesys.tenant("acme", "rotated-client", "rotated-secret-0123456789"));

		assertThat(rotated).isNotEqualTo(old).endsWith("rotated-client");
		assertThat(genesys.tokenRequests()).hasSize(2);
	}

	@Test
	void refreshesShortLivedTokenAtHalfLife() throws InterruptedException {
		genesys.expiresIn(2);
		Tenant acme = genesys.tenant("acme");

		String first = tokens.tokenFor(acme);
		assertThat(tokens.tokenFor(acme)).isEqualTo(first);
		Thread.sleep(1_100);

		assertThat(tokens.tokenFor(acme)).isNotEqualTo(first);
		assertThat(genesys.tokenRequests()).hasSize(2);
	}

	@Test
	void handsOutTokensUntilAMinuteBeforeTheyExpire() {
		assertThat(ClientCredentialsTokens.usableFor(Duration.ofHours(24))).isEqualTo(Duration.ofSeconds(86_340));
		assertThat(ClientCredentialsTokens.usableFor(Duration.ofSeconds(300))).isEqualTo(Duration.ofSeconds(240));
		assertThat(ClientCredentialsTokens.usableFor(Duration.ofSeconds(121))).isEqualTo(Duration.ofSeconds(61));
		assertThat(ClientCredentialsTokens.usableFor(Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(60));
		assertThat(ClientCredentialsTokens.usableFor(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void sharesOneTokenRequestAmongConcurrentCallers() throws Exception {
		genesys.delayLogins(FakeGenesys.CLIENT_ID, Duration.ofMillis(300));
		Tenant acme = genesys.tenant("acme");

		List<String> issued = concurrently(20, () -> tokens.tokenFor(acme));

		assertThat(issued).hasSize(20).containsOnly(issued.get(0));
		assertThat(genesys.tokenRequests()).hasSize(1);
	}

	@Test
	void doesNotMakeTenantsWaitForEachOther() throws Exception {
		genesys.client("slow-client", "slow-secret-0123456789").delayLogins("slow-client", Duration.ofMillis(1_500));
		Tenant slow = genesys.tenant("slow", "slow-client", "slow-secret-0123456789");
		Tenant quick = genesys.tenant("quick");

		CompletableFuture<String> slowToken = CompletableFuture.supplyAsync(() -> tokens.tokenFor(slow));
		Thread.sleep(100);
		long started = System.nanoTime();
		tokens.tokenFor(quick);

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_000));
		assertThat(slowToken).isNotDone();
		assertThat(slowToken.get(5, TimeUnit.SECONDS)).endsWith("slow-client");
	}

	@Test
	void replacesRejectedTokenOnlyOnce() throws Exception {
		Tenant acme = genesys.tenant("acme");
		String rejected = tokens.tokenFor(acme);
		genesys.delayLogins(FakeGenesys.CLIENT_ID, Duration.ofMillis(200));

		concurrently(10, () -> {
			tokens.refresh(acme, rejected);
			return tokens.tokenFor(acme);
		});
		tokens.refresh(acme, rejected);

		assertThat(genesys.tokenRequests()).hasSize(2);
		assertThat(tokens.tokenFor(acme)).isNotEqualTo(rejected);
	}

	@Test
	void reportsInvalidClientAsNotRetryableWithoutTheSecret() {
		Tenant acme = genesys.tenant("acme", FakeGenesys.CLIENT_ID, "wrong-secret-value-42");

		assertThatExceptionOfType(GenesysLoginFailed.class).isThrownBy(() -> tokens.tokenFor(acme))
			.satisfies(failure -> {
				assertThat(failure.status()).isEqualTo(401);
				assertThat(failure.error()).isEqualTo("invalid_client");
				assertThat(failure.retryable()).isFalse();
				assertThat(failure.getMessage()).contains("acme", "401", "invalid_client")
					.doesNotContain("wrong-secret-value-42");
			});
	}

	@Test
	void reportsServerErrorAsRetryableAndTriesAgainNextTime() {
		genesys.replyToToken(Reply.json(503, "{\"message\":\"busy\"}").with("Retry-After", "7"));
		Tenant acme = genesys.tenant("acme");

		assertThatExceptionOfType(GenesysLoginFailed.class).isThrownBy(() -> tokens.tokenFor(acme))
			.satisfies(failure -> {
				assertThat(failure.status()).isEqualTo(503);
				assertThat(failure.retryable()).isTrue();
				assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
			});
		assertThat(tokens.tokenFor(acme)).startsWith("token-");
		assertThat(genesys.tokenRequests()).hasSize(2);
	}

	@Test
	void readsAnHttpDateRetryAfterOnAFailedLogin() {
		String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
		genesys.replyToToken(Reply.json(429, "{}").with("Retry-After", inAMinute));

		assertThatExceptionOfType(GenesysLoginFailed.class).isThrownBy(() -> tokens.tokenFor(genesys.tenant("acme")))
			.satisfies(failure -> {
				assertThat(failure.retryable()).isTrue();
				assertThat(failure.retryAfter()).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
			});
		assertThat(genesys.tokenRequests()).as("a login is made once; its caller repeats it").hasSize(1);
	}

	@Test
	void timesLoginsAsGenesysRequests() {
		Tenant acme = genesys.tenant("acme");
		tokens.tokenFor(acme);

		assertThatExceptionOfType(GenesysLoginFailed.class).isThrownBy(() -> tokens.tokenFor(genesys.tenant("acme",
				FakeGenesys.CLIENT_ID, "another-secret-0123")));

		assertThat(meters.find("switchboard.genesys.requests").tags("operation", "login", "outcome", "success")
			.timer()
			.count()).isEqualTo(1);
		assertThat(meters.find("switchboard.genesys.requests").tags("operation", "login", "outcome", "rejected")
			.timer()
			.count()).isEqualTo(1);
	}

	@Test
	void reportsUnreachableLoginAsRetryable() {
		Tenant acme = FakeGenesys.tenant("acme", URI.create("http://localhost:1"), FakeGenesys.CLIENT_ID,
				FakeGenesys.CLIENT_SECRET);

		assertThatExceptionOfType(GenesysLoginFailed.class).isThrownBy(() -> tokens.tokenFor(acme))
			.satisfies(failure -> {
				assertThat(failure.status()).isZero();
				assertThat(failure.retryable()).isTrue();
			});
	}

	@Test
	void neverShowsTokenOrSecretInFailures() {
		genesys.replyToToken(Reply.json(400, "{\"error\":\"invalid_request\",\"error_description\":\""
				+ "x".repeat(1_000) + "\"}"));

		assertThatExceptionOfType(GenesysLoginFailed.class).isThrownBy(() -> tokens.tokenFor(genesys.tenant("acme")))
			.satisfies(failure -> {
				assertThat(failure.retryable()).isFalse();
				assertThat(failure.getMessage()).hasSizeLessThan(300).doesNotContain(FakeGenesys.CLIENT_SECRET);
			});
	}

	static <T> List<T> concurrently(int callers, Callable<T> call) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		try (ExecutorService executor = Executors.newFixedThreadPool(callers)) {
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				futures.add(executor.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(10, TimeUnit.SECONDS));
			}
			return results;
		}
	}
}
