package javax.persistence;

import java.util.List;

/** Test stub of a third-party type: the security rules match it by name. */
public interface Query {
    Query setParameter(String name, Object value);

    List<?> getResultList();
}
