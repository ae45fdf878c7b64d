package org.distdata.meta;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Named cluster settings (the partition count, ...): read from this node's metadata
 * database, changed only through the meta log, so every node holds the same values.
 */
public final class Settings {
    private final MetaGroup meta;

    public Settings(MetaGroup meta) {
        this.meta = meta;
    }

    public Optional<String> get(String name) {
        return meta.database().read(em -> Optional.ofNullable(em.find(SettingEntity.class, name))
                .map(SettingEntity::value));
    }

    public void put(String name, String value) {
        meta.log().submit(new MetaCommand.SettingPut(name, value, false));
    }

    /**
     * The setting's value, first proposing {@code initial.get()} when there is none: of nodes
     * starting at once, the first proposal in the log sets it and all of them return that value.
     */
    public String getOrCreate(String name, Supplier<String> initial) {
        return get(name).orElseGet(() -> {
            meta.log().submit(new MetaCommand.SettingPut(name, initial.get(), true));
            return get(name).orElseThrow();
        });
    }
}
