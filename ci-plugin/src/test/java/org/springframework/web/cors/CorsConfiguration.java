package org.springframework.web.cors;

import java.util.List;

/** Test stub of a third-party type: the security rules match it by name. */
public class CorsConfiguration {
    public void addAllowedOrigin(String origin) {}

    public CorsConfiguration setAllowedOrigins(List<String> origins) {
        return this;
    }
}
