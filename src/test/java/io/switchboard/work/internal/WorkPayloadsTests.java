package io.switchboard.work.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.work.WorkPayloadVersion;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class WorkPayloadsTests {

	private final JsonMapper json = JsonMapper.builder().build();
	private final WorkPayloads payloads = new WorkPayloads(json);

	@WorkPayloadVersion(3)
	record Parcel(String id, @Nullable String note) {}

	record Plain(String id) {}

	@Test
	void storesWorkWithTheVersionItsRecordDeclares() {
		String stored = payloads.write(new Parcel("p-1", "fragile"));

		assertThat(json.readTree(stored).get("version").intValue()).isEqualTo(3);
		assertThat(json.readTree(stored).get("work").get("id").stringValue()).isEqualTo("p-1");
		assertThat(payloads.read(stored, Parcel.class)).isEqualTo(new Parcel("p-1", "fragile"));
	}

	@Test
	void aRecordWithoutADeclaredVersionIsVersionOne() {
		assertThat(json.readTree(payloads.write(new Plain("x"))).get("version").intValue()).isEqualTo(1);
	}

	@Test
	void readsWorkStoredBeforeVersionsExistedAsTheBareRecord() {
		assertThat(payloads.read("{\"id\":\"p-0\"}", Parcel.class)).isEqualTo(new Parcel("p-0", null));
	}

	@Test
	void readsWorkOfANewerVersionAsFarAsItGoes() {
		String newer = "{\"version\":4,\"work\":{\"id\":\"p-9\",\"note\":\"n\",\"weightGrams\":1200}}";

		assertThat(payloads.read(newer, Parcel.class)).isEqualTo(new Parcel("p-9", "n"));
	}

	@Test
	void keepsAPayloadAlreadyInStoredFormAsItIs() {
		String stored = payloads.write(new Parcel("p-2", null));

		assertThat(json.readTree(payloads.write(json.readTree(stored)))).isEqualTo(json.readTree(stored));
	}

	@Test
	void refusesAPayloadThatIsNotTheRecordsShape() {
		assertThatThrownBy(() -> payloads.read("{\"version\":1,\"work\":{\"note\":[1]}}", Parcel.class))
				.isInstanceOf(RuntimeException.class);
	}
}
