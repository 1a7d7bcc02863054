package org.springframework.security.config;
/** Test stub of a third-party type: the security rules match it by name. */
@FunctionalInterface
public interface Customizer<T> {
    void customize(T t);
}
