package org.distdata.transport.net;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.distdata.transport.codec.Frame;

/**
 * A request or one-way frame as a {@link FrameHandler} sees it: the frame, the node it came
 * from, and whether the requester has given up on it (a CANCEL frame, its timeout, or a lost
 * connection), so that long work can stop early.
 */
public final class InboundFrame {

    private static final Logger LOG = Logger.getLogger(InboundFrame.class.getName());

    private final Frame frame;
    private final String peer;
    private final List<Runnable> cancelHooks = new ArrayList<>();
    private boolean cancelled;

    InboundFrame(Frame frame, String peer) {
        this.frame = frame;
        this.peer = peer;
    }

    public Frame frame() {
        return frame;
    }

    public int type() {
        return frame.type();
    }

    public long groupId() {
        return frame.groupId();
    }

    public byte[] payload() {
        return frame.payload();
    }

    public boolean oneWay() {
        return frame.has(Frame.ONE_WAY);
    }

    /** The sending node's name from its certificate; with plaintext, its address. */
    public String peer() {
        return peer;
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Runs {@code hook} when the requester gives up; at once if it already has. */
    public void onCancel(Runnable hook) {
        synchronized (this) {
            if (!cancelled) {
                cancelHooks.add(hook);
                return;
            }
        }
        run(hook);
    }

    void cancel() {
        List<Runnable> hooks;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            hooks = new ArrayList<>(cancelHooks);
            cancelHooks.clear();
        }
        hooks.forEach(InboundFrame::run);
    }

    private static void run(Runnable hook) {
        try {
            hook.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cancel hook failed", e);
        }
    }
}
