package org.distdata.security.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A user of the HTTP API and console, as stored in the metadata database: the password in
 * the self-describing hash format of {@code PasswordHasher}, the granted roles, whether the
 * account may log in, and a token version that is bumped to invalidate every token issued
 * before a password change or a disable.
 */
@Entity
@Table(name = "DD_USER")
public class UserAccount {
    @Id
    @Column(name = "USERNAME", length = 64)
    private String username;

    @Column(name = "PASSWORD_HASH", length = 512, nullable = false)
    private String passwordHash;

    /** Comma-separated role ids; a collection table would cost a join on every lookup for three values. */
    @Column(name = "ROLES", length = 64, nullable = false)
    private String roles;

    @Column(name = "ENABLED", nullable = false)
    private boolean enabled;

    @Column(name = "TOKEN_VERSION", nullable = false)
    private long tokenVersion;

    protected UserAccount() {
    }

    public UserAccount(String username, String passwordHash, Set<Role> roles) {
        this.username = username;
        this.passwordHash = passwordHash;
        roles(roles);
        this.enabled = true;
        this.tokenVersion = 1;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public void passwordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public Set<Role> roles() {
        if (roles == null || roles.isBlank()) {
            return EnumSet.noneOf(Role.class);
        }
        return Arrays.stream(roles.split(","))
                .map(Role::fromId)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    public void roles(Set<Role> roles) {
        this.roles = roles.stream().sorted().map(Role::id).collect(Collectors.joining(","));
    }

    public boolean enabled() {
        return enabled;
    }

    public void enabled(boolean enabled) {
        this.enabled = enabled;
    }

    public long tokenVersion() {
        return tokenVersion;
    }

    /** Makes every token issued so far for this user invalid. */
    public void bumpTokenVersion() {
        tokenVersion++;
    }
}
