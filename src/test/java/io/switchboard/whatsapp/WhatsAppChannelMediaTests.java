package io.switchboard.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.conversation.CustomerChannel.ChannelMedia;
import io.switchboard.conversation.CustomerMessage.MediaReference;
import io.switchboard.conversation.DeliveryRefused;
import io.switchboard.platform.Secret;
import io.switchboard.tenant.GenesysAccount;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.WhatsAppAccount;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * How the WhatsApp channel gets a customer's file: resolve, download, one re-resolve when the URL expired, and the
 * checksum WhatsApp declared.
 */
class WhatsAppChannelMediaTests {

	private static final byte[] FILE = "conformance-media:900000000000301".getBytes(StandardCharsets.UTF_8);
	private static final Tenant TENANT = new Tenant("acme", "Acme", false,
			new WhatsAppAccount("100000000000002", "15550100002", "300000000000002", Secret.of("token"),
					Secret.of("app-secret"), Secret.of("verify-token"), URI.create("http://graph.example"), "v23.0", 80),
			new GenesysAccount(null, URI.create("http://127.0.0.1:9"), URI.create("http://127.0.0.1:9"), "client",
					Secret.of("client-secret"), "integration", Secret.of("webhook-secret")));

	private final ScriptedSender sender = new ScriptedSender();
	private final WhatsAppChannel channel = new WhatsAppChannel(sender, null,
			new WhatsAppChannelSettings(Duration.ofHours(24)));

	@Test
	void anExpiredDownloadUrlIsResolvedOnceMoreAndTheFileStillComes() throws Exception {
		sender.downloads.add(null);
		sender.downloads.add(FILE);

		try (ChannelMedia media = channel.openMedia(TENANT, "100000000000002", reference(base64Sha256(FILE)))) {
			assertThat(media.content().readAllBytes()).isEqualTo(FILE);
			assertThat(media.sha256()).isEqualTo(hexSha256(FILE));
			assertThat(media.size()).isEqualTo(FILE.length);
			assertThat(media.mimeType()).isEqualTo("image/jpeg");
		}
		assertThat(sender.resolved).containsExactly("900000000000301", "900000000000301");
	}

	@Test
	void aUrlThatExpiresTwiceIsRefusedWithoutAThirdResolve() {
		sender.downloads.add(null);
		sender.downloads.add(null);

		assertThatThrownBy(() -> channel.openMedia(TENANT, "100000000000002", reference(null)))
			.isInstanceOfSatisfying(DeliveryRefused.class, refused -> assertThat(refused.detail())
				.isEqualTo("WhatsApp's download URL for media 900000000000301 expired twice"));
		assertThat(sender.resolved).hasSize(2);
	}

	@Test
	void twoDifferentChecksumsFromWhatsAppRefuseTheFile() {
		sender.downloads.add(FILE);

		assertThatThrownBy(() -> channel.openMedia(TENANT, "100000000000002",
				reference(base64Sha256("something else".getBytes(StandardCharsets.UTF_8)))))
			.isInstanceOf(DeliveryRefused.class).hasMessageContaining("two different checksums");
	}

	private static MediaReference reference(String sha256) {
		return new MediaReference("900000000000301", "image/jpeg", sha256, null);
	}

	private static String hexSha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

	private static String base64Sha256(byte[] bytes) {
		try {
			return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * The Cloud API as the channel sees it: each resolve hands out a fresh URL; each download serves the next scripted
	 * answer ({@literal null}: the URL expired).
	 */
	private static final class ScriptedSender implements WhatsAppSender {

		final List<String> resolved = new ArrayList<>();
		final List<byte[]> downloads = new ArrayList<>();

		@Override
		public MediaInfo mediaInfo(Tenant tenant, String mediaId) {
			resolved.add(mediaId);
			try {
				return new MediaInfo(URI.create("http://lookaside.example/" + resolved.size()), "image/jpeg",
						hexSha256(FILE), (long) FILE.length);
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		}

		@Override
		public InputStream download(Tenant tenant, MediaInfo media) {
			byte[] next = downloads.removeFirst();
			if (next == null) {
				throw new MediaUrlExpired(404);
			}
			return new ByteArrayInputStream(next);
		}

		@Override
		public WhatsAppSendAccepted send(Tenant tenant, OutboundMessage message) {
			throw new UnsupportedOperationException("not sent in these tests");
		}

		@Override
		public void markRead(Tenant tenant, String wamid, boolean showTyping) {
			throw new UnsupportedOperationException("not marked in these tests");
		}

		@Override
		public String upload(Tenant tenant, MediaUpload upload) {
			throw new UnsupportedOperationException("not uploaded in these tests");
		}
	}
}
