package io.switchboard.gateway;

import io.switchboard.platform.web.CallingTenant;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Hands controllers the {@link CallingTenant} that {@link ApiKeyAuthentication} established.
 */
@Configuration(proxyBeanMethods = false)
class CallingTenantResolver implements WebMvcConfigurer, HandlerMethodArgumentResolver {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == CallingTenant.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
			WebDataBinderFactory binders) {
		Object tenant = request.getAttribute(CallingTenant.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		if (tenant == null) {
			throw new IllegalStateException("no authenticated tenant on " + parameter.getExecutable());
		}
		return tenant;
	}
}
