package javax.persistence;
/** Test stub of a third-party type: the security rules match it by name. */
public interface EntityManager {
    Query createQuery(String jpql);

    Query createNativeQuery(String sql);
}
