package org.distdata.meta;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A named cluster setting (partition count, token signing key, ...), one row each. */
@Entity
@Table(name = "DD_SETTING")
public class SettingEntity {
    @Id
    @Column(name = "NAME", length = 128)
    private String name;

    @Column(name = "VAL", length = 4000, nullable = false)
    private String value;

    protected SettingEntity() {
    }

    public SettingEntity(String name, String value) {
        this.name = name;
        this.value = value;
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    public void value(String value) {
        this.value = value;
    }
}
