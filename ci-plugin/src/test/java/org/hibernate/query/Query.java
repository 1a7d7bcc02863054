package org.hibernate.query;

import java.util.List;

/** Test stub of a third-party type: the security rules match it by name. */
public interface Query<R> {
    Query<R> setParameter(String name, Object value);

    List<R> list();
}
