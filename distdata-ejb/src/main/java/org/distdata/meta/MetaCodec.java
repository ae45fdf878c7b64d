package org.distdata.meta;

import org.distdata.catalog.entity.TableDef;
import org.distdata.meta.MetaCommand.FirstAdminCreated;
import org.distdata.meta.MetaCommand.PasswordRehashed;
import org.distdata.meta.MetaCommand.SettingPut;
import org.distdata.meta.MetaCommand.SigningKeyAdded;
import org.distdata.meta.MetaCommand.SigningKeyRotated;
import org.distdata.meta.MetaCommand.StatisticsStored;
import org.distdata.meta.MetaCommand.TableAltered;
import org.distdata.meta.MetaCommand.TableDropped;
import org.distdata.meta.MetaCommand.TableRegistered;
import org.distdata.meta.MetaCommand.TokenRevoked;
import org.distdata.meta.MetaCommand.UserCreated;
import org.distdata.meta.MetaCommand.UserDeleted;
import org.distdata.meta.MetaCommand.UserTokensRevoked;
import org.distdata.meta.MetaCommand.UserUpdated;
import org.distdata.meta.MetaCommand.ViewCreated;
import org.distdata.meta.MetaCommand.ViewDropped;
import org.distdata.transport.codec.FrameDecodingException;
import org.distdata.transport.codec.PayloadReader;
import org.distdata.transport.codec.PayloadWriter;

/**
 * The binary form of meta-log entries: a format version byte, the proposal id (8 bytes),
 * the command's tag (a varint) and its fields, built from the transport's field primitives
 * (varints, length-prefixed UTF-8). No Java serialization: the log outlives any one build.
 * Tags are stable: a new command gets a new tag, a changed layout a new version, and a node
 * refuses entries of a version newer than its own rather than guess. Anything malformed is a
 * {@link MetaCodecException} naming the field and offset; decoding has no side effects.
 */
public final class MetaCodec {
    /** The format this node writes, and the newest it reads. */
    public static final int VERSION = 1;

    private static final int TABLE_REGISTERED = 1;
    private static final int TABLE_ALTERED = 2;
    private static final int TABLE_DROPPED = 3;
    private static final int VIEW_CREATED = 4;
    private static final int VIEW_DROPPED = 5;
    private static final int STATISTICS_STORED = 6;
    private static final int USER_CREATED = 10;
    private static final int FIRST_ADMIN_CREATED = 11;
    private static final int USER_UPDATED = 12;
    private static final int USER_DELETED = 13;
    private static final int USER_TOKENS_REVOKED = 14;
    private static final int SIGNING_KEY_ADDED = 15;
    private static final int SIGNING_KEY_ROTATED = 16;
    private static final int TOKEN_REVOKED = 17;
    private static final int PASSWORD_REHASHED = 18;
    private static final int SETTING_PUT = 20;

    private MetaCodec() {
    }

    public static byte[] encode(MetaProposal proposal) {
        PayloadWriter out = new PayloadWriter(128);
        out.writeUnsignedByte(VERSION);
        out.writeFixed64(proposal.id());
        writeCommand(out, proposal.command());
        return out.toByteArray();
    }

    public static MetaProposal decode(byte[] bytes) {
        PayloadReader in = new PayloadReader(bytes);
        try {
            int version = in.readUnsignedByte("version");
            if (version == 0 || version > VERSION) {
                throw new MetaCodecException("meta command format version " + version
                        + " is not one this node reads (1.." + VERSION + "); upgrade this node", null);
            }
            long id = in.readFixed64("proposalId");
            MetaCommand command = readCommand(in);
            in.expectEnd("meta command");
            return new MetaProposal(id, command);
        } catch (FrameDecodingException e) {
            throw new MetaCodecException("malformed meta command: " + e.getMessage(), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            // a field decoded but its value is not valid for the command (e.g. a short key)
            throw new MetaCodecException("invalid meta command: " + e.getMessage(), e);
        }
    }

    /** A table definition on its own, versioned like a command: the catalog stores a table's shape this way. */
    public static byte[] encodeTable(TableDef table) {
        PayloadWriter out = new PayloadWriter(256);
        out.writeUnsignedByte(VERSION);
        MetaFields.writeTable(out, table);
        return out.toByteArray();
    }

    public static TableDef decodeTable(byte[] bytes) {
        PayloadReader in = new PayloadReader(bytes);
        try {
            int version = in.readUnsignedByte("version");
            if (version == 0 || version > VERSION) {
                throw new MetaCodecException("stored table format version " + version + " is not readable here", null);
            }
            TableDef table = MetaFields.readTable(in);
            in.expectEnd("table definition");
            return table;
        } catch (FrameDecodingException e) {
            throw new MetaCodecException("malformed table definition: " + e.getMessage(), e);
        }
    }

    private static void writeCommand(PayloadWriter out, MetaCommand command) {
        if (command instanceof TableRegistered c) {
            out.writeCount(TABLE_REGISTERED);
            MetaFields.writeTable(out, c.table());
        } else if (command instanceof TableAltered c) {
            out.writeCount(TABLE_ALTERED);
            MetaFields.writeTable(out, c.table());
        } else if (command instanceof TableDropped c) {
            out.writeCount(TABLE_DROPPED).writeString(c.name());
        } else if (command instanceof ViewCreated c) {
            out.writeCount(VIEW_CREATED).writeString(c.name()).writeString(c.sql());
        } else if (command instanceof ViewDropped c) {
            out.writeCount(VIEW_DROPPED).writeString(c.name());
        } else if (command instanceof StatisticsStored c) {
            out.writeCount(STATISTICS_STORED);
            MetaFields.writeStatistics(out, c.statistics());
        } else if (command instanceof UserCreated c) {
            out.writeCount(USER_CREATED).writeString(c.username()).writeString(c.passwordHash());
            MetaFields.writeRoles(out, c.roles());
        } else if (command instanceof FirstAdminCreated c) {
            out.writeCount(FIRST_ADMIN_CREATED).writeString(c.username()).writeString(c.passwordHash());
        } else if (command instanceof UserUpdated c) {
            out.writeCount(USER_UPDATED).writeString(c.username()).writeString(c.passwordHash());
            out.writeBoolean(c.roles() != null);
            if (c.roles() != null) {
                MetaFields.writeRoles(out, c.roles());
            }
            MetaFields.writeOptionalBoolean(out, c.enabled());
        } else if (command instanceof PasswordRehashed c) {
            out.writeCount(PASSWORD_REHASHED).writeString(c.username()).writeString(c.previousHash())
                    .writeString(c.passwordHash());
        } else if (command instanceof UserDeleted c) {
            out.writeCount(USER_DELETED).writeString(c.username());
        } else if (command instanceof UserTokensRevoked c) {
            out.writeCount(USER_TOKENS_REVOKED).writeString(c.username());
        } else if (command instanceof SigningKeyAdded c) {
            out.writeCount(SIGNING_KEY_ADDED).writeString(c.keyId()).writeBytes(c.key());
        } else if (command instanceof SigningKeyRotated c) {
            out.writeCount(SIGNING_KEY_ROTATED).writeString(c.keyId()).writeBytes(c.key())
                    .writeZigZagLong(c.rotatedAtEpochMillis()).writeZigZagLong(c.previousValidUntilEpochMillis());
        } else if (command instanceof TokenRevoked c) {
            out.writeCount(TOKEN_REVOKED).writeString(c.tokenId())
                    .writeZigZagLong(c.expiresAtEpochMillis()).writeZigZagLong(c.revokedAtEpochMillis());
        } else if (command instanceof SettingPut c) {
            out.writeCount(SETTING_PUT).writeString(c.name()).writeString(c.value()).writeBoolean(c.onlyIfAbsent());
        } else {
            throw new IllegalArgumentException("no tag for " + command.getClass().getName());
        }
    }

    private static MetaCommand readCommand(PayloadReader in) throws FrameDecodingException {
        int at = in.offset();
        int tag = in.readVarInt("tag");
        return switch (tag) {
            case TABLE_REGISTERED -> new TableRegistered(MetaFields.readTable(in));
            case TABLE_ALTERED -> new TableAltered(MetaFields.readTable(in));
            case TABLE_DROPPED -> new TableDropped(in.readRequiredString("name"));
            case VIEW_CREATED -> new ViewCreated(in.readRequiredString("name"), in.readRequiredString("sql"));
            case VIEW_DROPPED -> new ViewDropped(in.readRequiredString("name"));
            case STATISTICS_STORED -> new StatisticsStored(MetaFields.readStatistics(in));
            case USER_CREATED -> new UserCreated(in.readRequiredString("username"),
                    in.readRequiredString("passwordHash"), MetaFields.readRoles(in, "roles"));
            case FIRST_ADMIN_CREATED -> new FirstAdminCreated(in.readRequiredString("username"),
                    in.readRequiredString("passwordHash"));
            case USER_UPDATED -> new UserUpdated(in.readRequiredString("username"), in.readString("passwordHash"),
                    in.readBoolean("hasRoles") ? MetaFields.readRoles(in, "roles") : null,
                    MetaFields.readOptionalBoolean(in, "enabled"));
            case PASSWORD_REHASHED -> new PasswordRehashed(in.readRequiredString("username"),
                    in.readRequiredString("previousHash"), in.readRequiredString("passwordHash"));
            case USER_DELETED -> new UserDeleted(in.readRequiredString("username"));
            case USER_TOKENS_REVOKED -> new UserTokensRevoked(in.readRequiredString("username"));
            case SIGNING_KEY_ADDED -> new SigningKeyAdded(in.readRequiredString("keyId"), in.readRequiredBytes("key"));
            case SIGNING_KEY_ROTATED -> new SigningKeyRotated(in.readRequiredString("keyId"),
                    in.readRequiredBytes("key"), in.readZigZagLong("rotatedAt"), in.readZigZagLong("previousValidUntil"));
            case TOKEN_REVOKED -> new TokenRevoked(in.readRequiredString("tokenId"), in.readZigZagLong("expiresAt"),
                    in.readZigZagLong("revokedAt"));
            case SETTING_PUT -> new SettingPut(in.readRequiredString("name"), in.readRequiredString("value"),
                    in.readBoolean("onlyIfAbsent"));
            default -> throw new FrameDecodingException(FrameDecodingException.Reason.BAD_VALUE,
                    "tag at offset " + at + ": unknown meta command tag " + Integer.toUnsignedString(tag));
        };
    }
}
