package org.distdata.security.control;

import org.distdata.meta.MetadataDatabase;
import org.distdata.security.entity.UserAccount;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The user accounts of this node: stored in the metadata database, mirrored in memory so
 * that verifying a token on every request costs no database round trip. All writes go
 * through this class, which keeps the mirror exact.
 */
final class UserStore {
    private final MetadataDatabase db;
    private final Map<String, StoredUser> byName = new ConcurrentHashMap<>();

    private UserStore(MetadataDatabase db) {
        this.db = db;
    }

    static UserStore load(MetadataDatabase db) {
        UserStore store = new UserStore(db);
        db.read(em -> em.createQuery("SELECT u FROM UserAccount u", UserAccount.class).getResultList())
                .forEach(a -> store.byName.put(a.username(), StoredUser.of(a)));
        return store;
    }

    Optional<StoredUser> find(String username) {
        return Optional.ofNullable(byName.get(username));
    }

    List<StoredUser> all() {
        return byName.values().stream().sorted(Comparator.comparing(StoredUser::username)).toList();
    }

    boolean isEmpty() {
        return byName.isEmpty();
    }

    void insert(UserAccount account) {
        db.inTransaction(em -> {
            em.persist(account);
            return null;
        });
        byName.put(account.username(), StoredUser.of(account));
    }

    StoredUser modify(String username, Consumer<UserAccount> change) {
        StoredUser updated = db.inTransaction(em -> {
            UserAccount a = em.find(UserAccount.class, username);
            change.accept(a);
            return StoredUser.of(a);
        });
        byName.put(username, updated);
        return updated;
    }

    void delete(String username) {
        db.inTransaction(em -> {
            UserAccount a = em.find(UserAccount.class, username);
            if (a != null) {
                em.remove(a);
            }
            return null;
        });
        byName.remove(username);
    }
}
