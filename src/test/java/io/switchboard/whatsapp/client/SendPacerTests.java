package io.switchboard.whatsapp.client;

import static org.assertj.core.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SendPacerTests {

	static final String NUMBER = "106540352242922";
	static final Duration PAIR_RATE = Duration.ofSeconds(6);

	FakeClock clock = new FakeClock(Instant.parse("2026-05-04T09:00:00Z"));
	SendPacer pacer = new SendPacer(clock, clock::advance, Duration.ZERO);

	@Test
	void sendsAFullSecondsWorthAtOnce() throws InterruptedException {
		for (int i = 0; i < 80; i++) {
			assertThat(take(pacer, NUMBER, "c" + i, 80).total()).isZero();
		}

		assertThat(take(pacer, NUMBER, "c80", 80).throughput()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void neverExceedsTheRateInAnySecond() throws InterruptedException {
		List<Instant> sent = new ArrayList<>();
		for (int i = 0; i < 800; i++) {
			take(pacer, NUMBER, "c" + i, 80);
			sent.add(clock.instant());
			if (i % 7 == 0) {
				clock.advance(Duration.ofMillis(3));
			}
		}

		for (int i = 0; i < sent.size(); i++) {
			Instant end = sent.get(i).plusSeconds(1);
			long inWindow = sent.stream().skip(i).takeWhile(at -> at.isBefore(end)).count();
			assertThat(inWindow).isLessThanOrEqualTo(80);
		}
		Duration elapsed = Duration.between(sent.get(0), sent.get(799));
		assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofSeconds(9));
		assertThat(799.0 / (elapsed.toNanos() / 1e9)).as("achieved rate").isGreaterThanOrEqualTo(0.95 * 80);
	}

	@Test
	void keepsCloseToTheRateUnderSustainedLoad() throws InterruptedException {
		List<Instant> sent = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			take(pacer, NUMBER, null, 80);
			sent.add(clock.instant());
		}

		Instant afterBurst = sent.get(160);
		assertThat(sent.stream().filter(at -> !at.isBefore(afterBurst) && at.isBefore(afterBurst.plusSeconds(1))))
			.hasSizeLessThanOrEqualTo(80);
		Duration elapsed = Duration.between(sent.get(0), sent.get(399));
		assertThat(399.0 / (elapsed.toNanos() / 1e9)).as("achieved rate").isGreaterThanOrEqualTo(0.95 * 80);
	}

	@Test
	void aRequestCountsUntilASecondAfterItsAnswerSoSlowRequestsNeverArriveTooClose() throws InterruptedException {
		SendPacer.Waited first = pacer.awaitTurn(NUMBER, null, 2);
		SendPacer.Waited second = pacer.awaitTurn(NUMBER, null, 2);
		clock.advance(Duration.ofMillis(300));
		pacer.finished(first);
		pacer.finished(second);

		assertThat(take(pacer, NUMBER, null, 2).throughput()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void aRequestWaitsWhileTheWholeLimitIsInFlight() throws Exception {
		SendPacer.Waited inFlight = pacer.awaitTurn(NUMBER, null, 1);
		java.util.concurrent.CompletableFuture<SendPacer.Waited> next = java.util.concurrent.CompletableFuture
			.supplyAsync(() -> {
				try {
					return take(pacer, NUMBER, null, 1);
				}
				catch (InterruptedException e) {
					throw new IllegalStateException(e);
				}
			});
		Thread.sleep(200);
		assertThat(next).isNotDone();

		clock.advance(Duration.ofMillis(500));
		pacer.finished(inFlight);
		assertThat(next.get(5, java.util.concurrent.TimeUnit.SECONDS).throughput())
			.isGreaterThanOrEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void takesAboutTwoSecondsForTwentySendsAtTen() throws InterruptedException {
		Instant start = clock.instant();
		for (int i = 0; i < 20; i++) {
			take(pacer, NUMBER, "c", 10);
		}

		assertThat(Duration.between(start, clock.instant())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
	}

	@Test
	void pacesEachNumberOnItsOwn() throws InterruptedException {
		for (int i = 0; i < 20; i++) {
			take(pacer, NUMBER, null, 10);
		}
		Instant busy = clock.instant();

		assertThat(take(pacer, "other-number", null, 10).total()).isZero();
		assertThat(clock.instant()).isEqualTo(busy);
	}

	@Test
	void refillsWhileIdle() throws InterruptedException {
		for (int i = 0; i < 10; i++) {
			take(pacer, NUMBER, null, 10);
		}
		clock.advance(Duration.ofSeconds(1));

		for (int i = 0; i < 10; i++) {
			assertThat(take(pacer, NUMBER, null, 10).total()).isZero();
		}
		assertThat(take(pacer, NUMBER, null, 10).total()).isPositive();
	}

	@Test
	void holdsBackOnlyThePairHitByThePairRateLimit() throws InterruptedException {
		assertThat(pacer.holdBack(NUMBER, "ana", PAIR_RATE)).isEqualTo(PAIR_RATE);

		assertThat(pacer.heldBack(NUMBER, "ana")).isEqualTo(PAIR_RATE);
		assertThat(pacer.heldBack(NUMBER, "ben")).isZero();
		assertThat(pacer.heldBack("other-number", "ana")).isZero();
		assertThat(take(pacer, NUMBER, "ben", 80).total()).isZero();

		clock.advance(Duration.ofSeconds(4));
		assertThat(pacer.heldBack(NUMBER, "ana")).isEqualTo(Duration.ofSeconds(2));
		clock.advance(Duration.ofSeconds(2));
		assertThat(pacer.heldBack(NUMBER, "ana")).isZero();
	}

	@Test
	void holdsBackLongerWhenThePairRateLimitRepeats() {
		assertThat(pacer.holdBack(NUMBER, "ana", PAIR_RATE)).isEqualTo(Duration.ofSeconds(6));
		clock.advance(Duration.ofSeconds(7));
		assertThat(pacer.holdBack(NUMBER, "ana", PAIR_RATE)).isEqualTo(Duration.ofSeconds(24));
		clock.advance(Duration.ofSeconds(25));
		assertThat(pacer.holdBack(NUMBER, "ana", PAIR_RATE)).isEqualTo(Duration.ofSeconds(96));
		clock.advance(Duration.ofSeconds(97));
		assertThat(pacer.holdBack(NUMBER, "ana", PAIR_RATE)).isEqualTo(Duration.ofSeconds(96));

		clock.advance(Duration.ofMinutes(30));
		assertThat(pacer.holdBack(NUMBER, "ana", PAIR_RATE)).isEqualTo(Duration.ofSeconds(6));
	}

	@Test
	void spacesMessagesToOneCustomerWithoutHoldingUpOthers() throws InterruptedException {
		SendPacer spaced = new SendPacer(clock, clock::advance, Duration.ofSeconds(1));

		assertThat(take(spaced, NUMBER, "ana", 80).total()).isZero();
		assertThat(take(spaced, NUMBER, "ana", 80).pairSpacing()).isEqualTo(Duration.ofSeconds(1));
		Instant after = clock.instant();
		assertThat(take(spaced, NUMBER, "ben", 80).total()).isZero();
		assertThat(clock.instant()).isEqualTo(after);
		assertThat(take(spaced, NUMBER, null, 80).pairSpacing()).isZero();
	}

	@Test
	void spacesNothingWhenSpacingIsOff() throws InterruptedException {
		for (int i = 0; i < 10; i++) {
			assertThat(take(pacer, NUMBER, "ana", 80).total()).isZero();
		}
		assertThat(pacer.trackedPairs()).isZero();
	}

	@Test
	void forgetsPairsLongAfterTheirHold() {
		for (int i = 0; i < 1_500; i++) {
			pacer.holdBack(NUMBER, "c" + i, PAIR_RATE);
		}
		clock.advance(Duration.ofMinutes(10));

		pacer.holdBack(NUMBER, "latest", PAIR_RATE);

		assertThat(pacer.trackedPairs()).isEqualTo(1);
	}

	/**
	 * A clock that only moves when told, which is what the pacer's sleeper does.
	 */
	/**
	 * Takes a turn for a request that is answered at once.
	 */
	private static SendPacer.Waited take(SendPacer pacer, String number, String recipient, int rate)
			throws InterruptedException {
		SendPacer.Waited turn = pacer.awaitTurn(number, recipient, rate);
		pacer.finished(turn);
		return turn;
	}

	static final class FakeClock extends Clock {

		private Instant now;

		FakeClock(Instant now) {
			this.now = now;
		}

		synchronized void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public synchronized Instant instant() {
			return now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}
	}
}
