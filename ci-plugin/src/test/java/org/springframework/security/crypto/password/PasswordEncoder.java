package org.springframework.security.crypto.password;
/** Test stub of a third-party type: the security rules match it by name. */
public interface PasswordEncoder {
    String encode(CharSequence raw);
}
