package org.springframework.security.crypto.password;
/** Test stub of a third-party type: the security rules match it by name. */
public final class NoOpPasswordEncoder implements PasswordEncoder {
    public static PasswordEncoder getInstance() {
        return new NoOpPasswordEncoder();
    }

    @Override
    public String encode(CharSequence raw) {
        return raw.toString();
    }
}
