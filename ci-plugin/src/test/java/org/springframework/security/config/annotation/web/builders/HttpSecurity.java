package org.springframework.security.config.annotation.web.builders;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.config.annotation.web.configurers.HttpBasicConfigurer;

/** Test stub of a third-party type: the security rules match it by name. */
public final class HttpSecurity {
    public HttpSecurity csrf(Customizer<CsrfConfigurer> customizer) {
        return this;
    }

    public HttpSecurity httpBasic(Customizer<HttpBasicConfigurer> customizer) {
        return this;
    }
}
