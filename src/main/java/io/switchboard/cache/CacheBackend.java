package io.switchboard.cache;

/**
 * The setting that chooses where shared state lives: {@value #PROPERTY} = {@value #IN_PROCESS} (the default: each
 * process keeps its own) or {@value #REDIS} (shared through Redis, {@code spring.data.redis.*}).
 */
public final class CacheBackend {

	/** The property that chooses the backend. */
	public static final String PROPERTY = "switchboard.cache";

	/** Each process keeps its own tokens and tenant snapshot; the embedded default. */
	public static final String IN_PROCESS = "in-process";

	/** Tokens, tenant keys and change notices are shared through Redis. */
	public static final String REDIS = "redis";

	private CacheBackend() {
	}
}
