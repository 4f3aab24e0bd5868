package dev.commercesync.opscli.command;

import dev.commercesync.opscli.CommerceOps;
import dev.commercesync.opscli.OperatorSession;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** A leaf command: opens the session from the global options, runs, returns its exit status. */
abstract class OperatorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        CommerceOps options = (CommerceOps) spec.root().userObject();
        try (OperatorSession session = new OperatorSession(options)) {
            return run(session);
        }
    }

    abstract int run(OperatorSession session);
}
