package org.distdata.partition.remote;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.partition.NotLeaderException;
import org.distdata.transport.codec.Frame;
import org.distdata.transport.codec.FrameDecodingException;
import org.distdata.transport.message.EngineFailure;
import org.distdata.transport.message.MessageCodec;
import org.distdata.transport.message.MessageType;
import org.distdata.transport.message.NotLeader;
import org.distdata.transport.message.SqlFailure;
import org.distdata.transport.message.ValueCodec;
import org.distdata.transport.net.ErrorReply;
import org.distdata.transport.net.RemoteErrorException;
import org.distdata.transport.net.TransportException;

/**
 * The failures of partition calls on the wire and back: the serving node turns an
 * {@link SQLException} into {@code SQL_FAILURE} (SQLState, vendor code and message of every
 * exception in the chain), a {@link NotLeaderException} into {@code NOT_LEADER} and any other
 * {@link DistDataException} into {@code ENGINE_FAILURE}; the calling node rebuilds the same
 * exceptions from them. Transport failures (peer unreachable, no answer in time, buffer full,
 * connection lost) become the retryable {@code NODE_UNAVAILABLE}.
 */
final class PartitionFailures {

    /** Bounds the chain sent, and guards against a chain that loops back on itself. */
    private static final int MAX_CHAIN = 32;
    private static final MessageCodec CODEC = new MessageCodec();

    private PartitionFailures() {
    }

    /** The error answer for a failure of the local partition service. */
    static ErrorReply reply(Exception failure) {
        Object message;
        if (failure instanceof SQLException e) {
            message = new SqlFailure(chain(e));
        } else if (failure instanceof NotLeaderException e) {
            message = new NotLeader(e.partition(), e.leaderHint());
        } else if (failure instanceof DistDataException e) {
            message = new EngineFailure(e.code().name(), e.detail(), wireForm(e.extensions()));
        } else {
            throw new IllegalArgumentException("not a partition service failure: " + failure);
        }
        return new ErrorReply(CODEC.typeOf(message).code(), CODEC.encode(message), failure.getMessage());
    }

    /**
     * What a failed call to {@code peer} throws: an {@link SQLException} or a
     * {@link DistDataException} (a {@link RuntimeException}).
     */
    static Exception fromRemote(Throwable failure, String peer) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RemoteErrorException remote) {
            return fromErrorFrame(remote, peer);
        }
        if (cause instanceof TransportException e) {
            return unavailable(peer, e);
        }
        if (cause instanceof DistDataException e) {
            return e;
        }
        return new DistDataException(ErrorCode.INTERNAL, "partition call to node " + peer + " failed: " + cause, cause);
    }

    /** The peer could not be reached or did not answer in time: retryable, and whether it acted is unknown. */
    static DistDataException unavailable(String peer, Throwable cause) {
        return new DistDataException(ErrorCode.NODE_UNAVAILABLE, "partition call to node " + peer + " failed: "
                + cause.getMessage(), cause);
    }

    private static Exception fromErrorFrame(RemoteErrorException remote, String peer) {
        Frame frame = remote.frame();
        MessageType type = MessageType.ofCode(frame.type());
        if (type != MessageType.SQL_FAILURE && type != MessageType.ENGINE_FAILURE && type != MessageType.NOT_LEADER) {
            return remote; // the transport's own ErrorResponse: already a DistDataException with the peer's code
        }
        Object message;
        try {
            message = CODEC.decode(frame);
        } catch (FrameDecodingException e) {
            return new DistDataException(ErrorCode.INTERNAL, "node " + peer + " answered with an unreadable "
                    + type + ": " + e.getMessage(), e);
        }
        if (message instanceof SqlFailure f) {
            return sqlException(f);
        } else if (message instanceof NotLeader n) {
            return new NotLeaderException(n.partition(), n.leaderHint());
        }
        EngineFailure f = (EngineFailure) message;
        return new DistDataException(errorCode(f.code()), f.detail(), null, f.extensions());
    }

    private static SQLException sqlException(SqlFailure failure) {
        SQLException first = null;
        for (SqlFailure.Link link : failure.chain()) {
            SQLException e = new SQLException(link.message(), link.sqlState(), link.vendorCode());
            if (first == null) {
                first = e;
            } else {
                first.setNextException(e);
            }
        }
        return first;
    }

    /** The exception, then its next exceptions; where Derby chains by cause instead, the cause. */
    private static List<SqlFailure.Link> chain(SQLException e) {
        List<SqlFailure.Link> links = new ArrayList<>();
        Set<SQLException> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        SQLException current = e;
        while (current != null && links.size() < MAX_CHAIN && seen.add(current)) {
            links.add(new SqlFailure.Link(current.getSQLState(), current.getErrorCode(), current.getMessage()));
            SQLException next = current.getNextException();
            if (next == null && current.getCause() instanceof SQLException cause) {
                next = cause;
            }
            current = next;
        }
        return links;
    }

    /** Extensions with a value that has no wire form travel as that value's string form. */
    private static Map<String, Object> wireForm(Map<String, Object> extensions) {
        Map<String, Object> wire = new LinkedHashMap<>();
        extensions.forEach((name, value) -> wire.put(name, ValueCodec.isSqlValue(value) ? value : String.valueOf(value)));
        return wire;
    }

    private static ErrorCode errorCode(String name) {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.name().equals(name)) {
                return code;
            }
        }
        return ErrorCode.INTERNAL; // a code from a newer node that this one does not know
    }
}
