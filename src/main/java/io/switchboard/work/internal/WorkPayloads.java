package io.switchboard.work.internal;

import io.switchboard.work.WorkPayloadVersion;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored form of queued work: {@code {"version": n, "work": {...}}}, where {@code n} is the record's
 * {@link WorkPayloadVersion}. Reading is tolerant: a payload stored before versions existed (the bare record) is
 * version 1, fields the record does not know are ignored, and a payload of a newer version than this process knows
 * is read as far as it goes, so that nodes of two versions can share the queues during a rolling deploy.
 */
@Component
public class WorkPayloads {

	static final String VERSION = "version";
	static final String WORK = "work";

	private static final Logger log = LoggerFactory.getLogger(WorkPayloads.class);

	private final JsonMapper json;

	WorkPayloads(JsonMapper json) {
		this.json = json;
	}

	/**
	 * @param work a work record, or a payload already in stored form (a replayed dead letter), kept as it is.
	 * @return the stored form.
	 */
	public String write(Object work) {
		if (work instanceof JsonNode stored) {
			return json.writeValueAsString(stored);
		}
		return json.writeValueAsString(new Stored(versionOf(work.getClass()), work));
	}

	/**
	 * Reads stored work as a record type.
	 *
	 * @throws RuntimeException when the payload is not JSON or not the type's shape.
	 */
	public <T> T read(String payload, Class<T> type) {
		Opened opened = open(payload);
		int known = versionOf(type);
		if (opened.version() > known) {
			log.debug("Reading {} work of version {} as version {}", type.getSimpleName(), opened.version(), known);
		}
		return json.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
				.readValue(opened.work());
	}

	/**
	 * Opens stored work without reading it as a type, for showing it (the dead letters).
	 *
	 * @throws RuntimeException when the payload is not JSON.
	 */
	public Opened open(String payload) {
		JsonNode node = json.readTree(payload);
		if (node.isObject() && node.size() == 2 && node.path(VERSION).isInt() && node.path(WORK).isObject()) {
			return new Opened(node.get(VERSION).intValue(), node.get(WORK));
		}
		return new Opened(1, node);
	}

	/**
	 * Stored work, opened.
	 *
	 * @param version the version it was stored at; 1 for work stored before versions existed.
	 * @param work the record's fields.
	 */
	public record Opened(int version, JsonNode work) {}

	/**
	 * @return the version of a work record type (1 when it declares none).
	 */
	public static int versionOf(Class<?> type) {
		WorkPayloadVersion version = type.getAnnotation(WorkPayloadVersion.class);
		return version == null ? 1 : version.value();
	}

	private record Stored(int version, Object work) {}
}
