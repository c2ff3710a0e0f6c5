package io.switchboard.gateway;

import io.switchboard.platform.web.CallingAdmin;
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
 * Hands controllers the {@link CallingTenant} or {@link CallingAdmin} that {@link ApiKeyAuthentication} established.
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
		String attribute = parameter.getParameterType() == CallingAdmin.class ? CallingAdmin.ATTRIBUTE
				: CallingTenant.ATTRIBUTE;
		Object caller = request.getAttribute(attribute, RequestAttributes.SCOPE_REQUEST);
		if (caller == null) {
			throw new IllegalStateException("no authenticated caller on " + parameter.getExecutable());
		}
		return caller;
	}
}
