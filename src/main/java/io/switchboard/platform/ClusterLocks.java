package io.switchboard.platform;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The cluster's locks in the shared database's {@code shedlock} table, timed by the database's clock so that the
 * processes' clocks need not agree.
 */
@Configuration(proxyBeanMethods = false)
class ClusterLocks {

	@Bean
	LockProvider clusterLockProvider(DataSource dataSource) {
		return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
				.withJdbcTemplate(new JdbcTemplate(dataSource)).usingDbTime().build());
	}

	@Bean
	ClusterOnce clusterOnce(LockProvider clusterLockProvider) {
		return new ClusterOnce(clusterLockProvider);
	}
}
