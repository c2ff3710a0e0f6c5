package io.switchboard.sandbox.meta;

import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.Tenants;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Who a Graph API call comes from: the bearer token must be the access token of a tenant whose number the simulated
 * Meta hosts ({@link MetaCustomer#hosted}), else 190.
 */
@Component
class MetaAccess {

	private final Tenants tenants;

	MetaAccess(Tenants tenants) {
		this.tenants = tenants;
	}

	/**
	 * @return the tenant owning the number, if the token is its access token.
	 * @throws MetaGraphError 190 for a missing or foreign token, 100 for a number the token's tenant does not have.
	 */
	Tenant forNumber(String phoneNumberId, @Nullable String authorization) {
		String token = token(authorization);
		List<Tenant> hosted = hosted();
		Optional<Tenant> owner = hosted.stream().filter(t -> t.channelAccount(phoneNumberId).isPresent())
				.findFirst();
		if (owner.isPresent()) {
			if (!owner.get().whatsapp().accessToken().matches(token)) {
				throw MetaGraphError.invalidToken();
			}
			return owner.get();
		}
		if (hosted.stream().anyMatch(t -> t.whatsapp().accessToken().matches(token))) {
			throw MetaGraphError.unsupportedPost(phoneNumberId);
		}
		throw MetaGraphError.invalidToken();
	}

	/**
	 * @return the tenant whose access token this is.
	 * @throws MetaGraphError 190 if it is no hosted tenant's token.
	 */
	Tenant forToken(@Nullable String authorization) {
		String token = token(authorization);
		return hosted().stream().filter(t -> t.whatsapp().accessToken().matches(token)).findFirst()
				.orElseThrow(MetaGraphError::invalidToken);
	}

	/**
	 * @return the tenant whose access token this is, if it is one.
	 */
	Optional<Tenant> byToken(@Nullable String authorization) {
		String token = bearer(authorization);
		return token == null ? Optional.empty()
				: hosted().stream().filter(t -> t.whatsapp().accessToken().matches(token)).findFirst();
	}

	private List<Tenant> hosted() {
		return tenants.all().stream().filter(MetaCustomer::hosted).toList();
	}

	private static String token(@Nullable String authorization) {
		String token = bearer(authorization);
		if (token == null) {
			throw MetaGraphError.invalidToken();
		}
		return token;
	}

	private static @Nullable String bearer(@Nullable String authorization) {
		String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
				? authorization.substring(7).strip() : null;
		return token == null || token.isEmpty() ? null : token;
	}
}
