package io.switchboard.whatsapp.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.MetaWebhooks;
import io.switchboard.whatsapp.MalformedWebhook;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class AddressingTests {

	@Test
	void readsThePhoneNumberIdOfEveryChange() {
		byte[] body = MetaWebhooks.text("106540352242922", "447700900001", "Ann", MetaWebhooks.newWamid(), "hi");

		Addressing addressing = Addressing.scan(body);

		assertThat(addressing.phoneNumberIds()).containsExactly("106540352242922");
		assertThat(addressing.wabaIds()).isEmpty();
	}

	@Test
	void addressesAChangeWithoutANumberByItsAccount() {
		Addressing addressing = Addressing.scan(bytes("""
				{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[
				{"field":"account_update","value":{"event":"VERIFIED_ACCOUNT"}},
				{"field":"messages","value":{"metadata":{"phone_number_id":""}}}]}]}"""));

		assertThat(addressing.phoneNumberIds()).isEmpty();
		assertThat(addressing.wabaIds()).containsExactly("102290129340398");
	}

	@Test
	void keepsEveryValueOfAKeyGivenTwiceAndIgnoresLookalikesElsewhere() {
		Addressing addressing = Addressing.scan(bytes("""
				{"phone_number_id":"1","entry":[{"id":"9","changes":[{"value":{
				"messages":[{"text":{"body":"\\"phone_number_id\\":\\"2\\""}}],
				"metadata":{"phone_number_id":"3","phone_number_id":"4"}}}]}],
				"entry":[{"changes":[{"value":{"metadata":{"phone_number_id":5}}}]}]}"""));

		assertThat(addressing.phoneNumberIds()).containsExactly("3", "4", "5");
		assertThat(addressing.wabaIds()).isEmpty();
	}

	@Test
	void refusesWhatIsNotOneJsonObject() {
		assertThatThrownBy(() -> Addressing.scan(bytes("{\"entry\":["))).isInstanceOf(MalformedWebhook.class);
		assertThatThrownBy(() -> Addressing.scan(bytes("[1]"))).isInstanceOf(MalformedWebhook.class);
		assertThatThrownBy(() -> Addressing.scan(bytes("{} {}"))).isInstanceOf(MalformedWebhook.class);
	}

	private static byte[] bytes(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}
}
