package org.distdata.raft.sim;

/** A safety or liveness violation found by the simulation, with the command that replays it. */
final class SimulationFailure extends AssertionError {

    private static final long serialVersionUID = 1L;

    final long seed;

    SimulationFailure(long seed, String message) {
        super("seed " + seed + ": " + message + "\n  replay: " + replayCommand(seed));
        this.seed = seed;
    }

    static String replayCommand(long seed) {
        return "mvn -B -ntp -pl distdata-ejb -am test -Dtest=RaftSimulationTest -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dsim.seed=" + seed + " -Dsim.trace=true";
    }
}
