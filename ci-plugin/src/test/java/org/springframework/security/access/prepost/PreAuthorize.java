package org.springframework.security.access.prepost;

import java.lang.annotation.*;

/** Test stub of a third-party type: the security rules match it by name. */
@Retention(RetentionPolicy.RUNTIME)
public @interface PreAuthorize {
    String value();
}
