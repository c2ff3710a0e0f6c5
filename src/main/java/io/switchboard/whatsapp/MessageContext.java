package io.switchboard.whatsapp;

import org.jspecify.annotations.Nullable;

/**
 * What a message refers to ({@code messages[].context}): the message it replies to, whether it was forwarded, or the
 * product it asks about.
 *
 * @param from the sender of the message replied to (the business number).
 * @param id the wamid replied to, or of the message holding the button tapped.
 * @param forwarded whether the message was forwarded.
 * @param frequentlyForwarded whether it was forwarded more than five times.
 * @param referredProductCatalogId {@code referred_product.catalog_id}.
 * @param referredProductRetailerId {@code referred_product.product_retailer_id}.
 */
public record MessageContext(@Nullable String from, @Nullable String id, boolean forwarded, boolean frequentlyForwarded,
		@Nullable String referredProductCatalogId, @Nullable String referredProductRetailerId) {}
