package io.switchboard.platform.web;

/**
 * A webhook that was not taken in: a body {@link WebhookEdge} did not read (too large, over the in-flight budget, too
 * slow or cut off), a signature that does not verify ({@link #invalidSignature(String)}), a body that is not a
 * notification of its platform ({@link #malformed(String)}) or a verified body with nothing Switchboard can take
 * ({@link #invalidWebhook(String)}). Nothing was stored. {@link WebhookEdge} counts it under its {@link #outcome()}
 * and answers it.
 */
public final class WebhookRefused extends ProblemException {

	/**
	 * The one sentence every signature refusal of every webhook answers with, whatever the reason: a missing or
	 * malformed header, an addressee no active tenant owns, a wrong secret. The reason is logged, never answered.
	 */
	public static final String INVALID_SIGNATURE = "X-Hub-Signature-256 is missing or does not match the body.";

	/**
	 * The detail of a verified body refused because an object in it gives a key twice.
	 */
	public static final String DUPLICATE_KEY = "An object in the body gives the same key twice; every key may appear "
			+ "once, so that the body means one thing to every reader. Nothing was stored.";

	private final String outcome;

	WebhookRefused(String outcome, ProblemType type, String detail) {
		super(type, detail);
		this.outcome = outcome;
	}

	/**
	 * A signature refusal: 401 {@code invalid-signature} with {@link #INVALID_SIGNATURE}, the same bytes for every
	 * reason, so that the answer never tells whether an id or a secret belongs to a tenant.
	 *
	 * @param outcome the {@code outcome} tag the endpoint counts it under, e.g. {@code rejected}.
	 */
	public static WebhookRefused invalidSignature(String outcome) {
		return new WebhookRefused(outcome, ProblemType.INVALID_SIGNATURE, INVALID_SIGNATURE);
	}

	/**
	 * A body that is not a notification of the webhook's platform (not a JSON object, or not of its shape): 400
	 * {@code malformed-webhook}, counted as {@code malformed}.
	 *
	 * @param detail what is wrong, naming fields; never text of the body.
	 */
	public static WebhookRefused malformed(String detail) {
		return new WebhookRefused("malformed", ProblemType.MALFORMED_WEBHOOK, detail);
	}

	/**
	 * A verified body with nothing Switchboard can take: 400 {@code invalid-webhook}, counted as {@code invalid}.
	 *
	 * @param detail what is wrong, naming fields; never text of the body.
	 */
	public static WebhookRefused invalidWebhook(String detail) {
		return new WebhookRefused("invalid", ProblemType.INVALID_WEBHOOK, detail);
	}

	/**
	 * @return the {@code outcome} tag the endpoint counts it under, e.g. {@code too_large} or {@code busy}.
	 */
	public String outcome() {
		return outcome;
	}
}
