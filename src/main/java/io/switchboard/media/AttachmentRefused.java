package io.switchboard.media;

/**
 * An attachment could not be fetched, with why in a sentence fit for the agent (never a secret or a stack trace).
 */
public class AttachmentRefused extends RuntimeException {

	/** Why, in Switchboard's terms. */
	public enum Why {
		/** The URL is not http(s), or its host is not public. */
		HOST_NOT_ALLOWED,
		/** The server did not answer, or answered with an error. */
		FETCH_FAILED,
		/** The content has more bytes than allowed. */
		TOO_LARGE
	}

	private final Why why;

	public AttachmentRefused(Why why, String sentence) {
		super(sentence, null, false, false);
		this.why = why;
	}

	public Why why() {
		return why;
	}
}
