package org.distdata.meta;

import java.util.Optional;
import java.util.function.Supplier;

/** Durable named settings in the metadata database. */
public final class Settings {
    private final MetadataDatabase db;

    public Settings(MetadataDatabase db) {
        this.db = db;
    }

    public Optional<String> get(String name) {
        return db.read(em -> Optional.ofNullable(em.find(SettingEntity.class, name)).map(SettingEntity::value));
    }

    public void put(String name, String value) {
        db.inTransaction(em -> {
            SettingEntity e = em.find(SettingEntity.class, name);
            if (e == null) {
                em.persist(new SettingEntity(name, value));
            } else {
                e.value(value);
            }
            return null;
        });
    }

    /** Returns the stored value, first storing {@code initial.get()} when there is none. */
    public synchronized String getOrCreate(String name, Supplier<String> initial) {
        return get(name).orElseGet(() -> {
            String v = initial.get();
            put(name, v);
            return v;
        });
    }
}
