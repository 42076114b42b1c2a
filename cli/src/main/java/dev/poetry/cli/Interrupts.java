package dev.poetry.cli;

/**
 * Where a running {@code get} learns that it must end now: a signal, or a write to stdout or
 * stderr that failed. Only the real process has them; a test's in-process run has none.
 */
@FunctionalInterface
interface Interrupts {

    /** From now on, every interruption goes to {@code interruption}. */
    void routeTo(GetInterruption interruption);

    static Interrupts none() {
        return interruption -> { };
    }

    /** SIGINT, SIGTERM and failed writes to the process's own stdout and stderr. */
    static Interrupts ofProcess(StandardStream out, StandardStream err) {
        return interruption -> {
            out.onFailure(interruption::outputFailed);
            err.onFailure(interruption::outputFailed);
            for (String name : new String[] {"INT", "TERM"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name),
                        received -> interruption.signalled(128 + received.getNumber()));
            }
        };
    }
}
