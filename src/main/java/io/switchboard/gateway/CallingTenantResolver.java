package io.switchboard.gateway;

import io.switchboard.platform.web.CallingAdmin;
import io.switchboard.platform.web.CallingTenant;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Hands controllers the {@link CallingTenant} or {@link CallingAdmin} that {@link ApiKeyAuthenticationProvider}
 * established. A controller reached without one (which the filter chains should make impossible) answers 401, never
 * 500.
 */
@Configuration(proxyBeanMethods = false)
class CallingTenantResolver implements WebMvcConfigurer, HandlerMethodArgumentResolver {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == CallingTenant.class || parameter.getParameterType() == CallingAdmin.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
			WebDataBinderFactory binders) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		Object caller = authentication == null ? null : authentication.getPrincipal();
		if (!parameter.getParameterType().isInstance(caller)) {
			throw new AuthenticationCredentialsNotFoundException("no authenticated "
					+ parameter.getParameterType().getSimpleName() + " on " + parameter.getExecutable());
		}
		return caller;
	}
}
