package org.hibernate;

import org.hibernate.query.Query;

/** Test stub of a third-party type: the security rules match it by name. */
public interface Session {
    Query<?> createQuery(String hql);

    Query<?> createNativeQuery(String sql);
}
