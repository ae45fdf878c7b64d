package org.distdata.security.control;

import org.distdata.meta.MetadataDatabase;
import org.distdata.security.entity.UserAccount;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The user accounts of the cluster as this node's metadata database holds them, mirrored in
 * memory so that verifying a token on every request costs no database round trip. Only the
 * meta state machine changes the accounts; {@link SecurityView} then re-reads the changed
 * account here, which keeps the mirror exact (token versions included).
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

    /** Takes the account of {@code username} as now stored, or forgets it when it is gone. */
    void reload(String username) {
        Optional<StoredUser> now = db.read(em -> Optional.ofNullable(em.find(UserAccount.class, username))
                .map(StoredUser::of));
        now.ifPresentOrElse(u -> byName.put(username, u), () -> byName.remove(username));
    }
}
