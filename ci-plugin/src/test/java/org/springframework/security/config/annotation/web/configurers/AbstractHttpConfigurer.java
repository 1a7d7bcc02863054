package org.springframework.security.config.annotation.web.configurers;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/** Test stub of a third-party type: the security rules match it by name. */
public abstract class AbstractHttpConfigurer<T extends AbstractHttpConfigurer<T>> {
    public HttpSecurity disable() {
        return null;
    }
}
