package org.springframework.security.config.annotation.web.configurers;
/** Test stub of a third-party type: the security rules match it by name. */
public final class CsrfConfigurer extends AbstractHttpConfigurer<CsrfConfigurer> {
    public CsrfConfigurer ignoringRequestMatchers(String... patterns) {
        return this;
    }
}
