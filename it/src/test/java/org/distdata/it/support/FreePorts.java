package org.distdata.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Finds loopback ports that nobody listens on, so that several test servers (and several
 * builds on one machine) can run side by side. A port found free can be taken by someone
 * else before we bind it; the servers we start then fail fast, which is good enough here.
 */
public final class FreePorts {
    private FreePorts() {
    }

    /** A port the operating system just handed out as free on 127.0.0.1. */
    public static int any() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** True when the port can be bound on every interface right now (so it is free on loopback too). */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
