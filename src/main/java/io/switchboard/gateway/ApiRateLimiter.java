package io.switchboard.gateway;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Takes one request from a tenant's bucket.
 */
@FunctionalInterface
interface ApiRateLimiter {

	/**
	 * @return zero when the tenant's request may go, else how long until it may send another.
	 */
	Duration take(String tenantId);

	/**
	 * @return a tenant's bucket: {@code burst} requests, refilled greedily at {@code perSecond}.
	 */
	static BucketConfiguration bucket(RateLimitSettings settings) {
		return BucketConfiguration.builder().addLimit(limit -> limit.capacity(settings.burst())
				.refillGreedy(settings.perSecond(), Duration.ofSeconds(1))).build();
	}

	/**
	 * @return what a consumption probe says about the request.
	 */
	static Duration refusal(ConsumptionProbe probe) {
		return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
	}

	/**
	 * The buckets of this process, forgotten after ten idle minutes (a forgotten bucket is full again, as it would
	 * be by then).
	 */
	final class InProcess implements ApiRateLimiter {

		private final BucketConfiguration configuration;
		private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
				.expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000).build();

		InProcess(RateLimitSettings settings) {
			this.configuration = bucket(settings);
		}

		@Override
		public Duration take(String tenantId) {
			Bucket bucket = buckets.get(tenantId, id -> {
				var builder = Bucket.builder();
				for (var bandwidth : configuration.getBandwidths()) {
					builder.addLimit(bandwidth);
				}
				return builder.build();
			});
			return refusal(bucket.tryConsumeAndReturnRemaining(1));
		}
	}
}
