package dev.vigil.example.boot;

import dev.vigil.jwt.JwtAuthFilter;
import dev.vigil.jwt.JwtFilterConfig;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot application that installs the filter exactly as the jwt-filter README's "Spring Boot
 * {@code FilterRegistrationBean}" section does. Only the values differ: the IdP's URLs are this application's
 * properties ({@code idp.issuer}, {@code idp.down-issuer}, {@code idp.down-discovery}), given by the test.
 */
@SpringBootApplication
public class BootApp {
    public static void main(String[] args) {
        SpringApplication.run(BootApp.class, args);
    }

    @Bean
    FilterRegistrationBean<JwtAuthFilter> vigilJwt(
            @Value("${idp.issuer}") String issuer,
            @Value("${idp.down-issuer}") String downIssuer,
            @Value("${idp.down-discovery}") String downDiscovery) {
        JwtFilterConfig config = JwtFilterConfig.fromProperties(Map.of(
                "vigil.jwt.audience", "orders-api",
                "vigil.jwt.trust.1.issuer", issuer,
                "vigil.jwt.trust.1.discovery", "true",
                // a second issuer whose IdP is down: its tokens get 503 until its keys are known
                "vigil.jwt.trust.2.issuer", downIssuer,
                "vigil.jwt.trust.2.discovery", downDiscovery,
                // overridden by VIGIL_JWT_* environment variables in SpringBootFilterIT
                "vigil.jwt.realm", "orders",
                "vigil.jwt.jwks.retry-after", "10s"));
        FilterRegistrationBean<JwtAuthFilter> bean = new FilterRegistrationBean<>(new JwtAuthFilter(config));
        bean.addUrlPatterns("/*");
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return bean;
    }

    /** What the filter hands to Spring MVC: the principal, a role from the token's scope, and Boot's version. */
    @RestController
    static class Api {
        @GetMapping("/api/me")
        String me(HttpServletRequest request) {
            return request.getUserPrincipal().getName() + "|" + request.isUserInRole("orders:read") + "|"
                    + request.getAuthType() + "|" + SpringBootVersion.getVersion();
        }
    }
}
