package org.springframework.security.crypto.bcrypt;

import org.springframework.security.crypto.password.PasswordEncoder;

/** Test stub of a third-party type: the security rules match it by name. */
public final class BCryptPasswordEncoder implements PasswordEncoder {
    @Override
    public String encode(CharSequence raw) {
        return "$2a$" + raw.length();
    }
}
