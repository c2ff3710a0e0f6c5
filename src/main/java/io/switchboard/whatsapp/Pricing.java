package io.switchboard.whatsapp;

import org.jspecify.annotations.Nullable;

/**
 * How Meta bills a message ({@code statuses[].pricing}).
 *
 * @param billable superseded by {@code type}: billable exactly when {@code type} is {@code regular}.
 * @param pricingModel {@code PMP} (per message) or the legacy {@code CBP}.
 * @param type {@code regular}, {@code free_customer_service} or {@code free_entry_point}.
 * @param category {@code service}, {@code utility}, {@code marketing}, {@code authentication}, ...
 */
public record Pricing(@Nullable Boolean billable, @Nullable String pricingModel, @Nullable String type,
		@Nullable String category) {}
