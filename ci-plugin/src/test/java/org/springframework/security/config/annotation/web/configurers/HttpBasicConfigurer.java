package org.springframework.security.config.annotation.web.configurers;
/** Test stub of a third-party type: the security rules match it by name. */
public final class HttpBasicConfigurer extends AbstractHttpConfigurer<HttpBasicConfigurer> {}
