package dev.commercesync.pipeline.orderstate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/** The rules for which of an order's exceptions are open, and which a posting settles. Pure. */
public final class OpenExceptions {

    private OpenExceptions() {
    }

    /** Index of the oldest open exception (ties: the first recorded), if any is open. */
    public static OptionalInt oldestOpen(List<OrderException> exceptions) {
        return IntStream.range(0, exceptions.size())
                .filter(i -> exceptions.get(i).isOpen())
                .boxed()
                .min(Comparator.<Integer, Instant>comparing(i -> exceptions.get(i).at()).thenComparing(i -> i))
                .map(OptionalInt::of)
                .orElse(OptionalInt.empty());
    }

    /**
     * The indexes of the exceptions the order's posting to the ERP settles: every open or retried ERP rejection (the
     * ERP holds the order now), and every other open or retried exception recorded before the posted version was
     * accepted (a later version superseded the payload that failed or conflicted). A mapping failure or conflict
     * recorded after the acceptance concerns a newer payload and stays.
     *
     * @param acceptedAt when the posted version was accepted; null on rows from before that was stored, when only ERP
     *                   rejections are settled
     */
    public static List<Integer> settledByPosting(List<OrderException> exceptions, Instant acceptedAt) {
        List<Integer> settled = new ArrayList<>();
        for (int i = 0; i < exceptions.size(); i++) {
            OrderException e = exceptions.get(i);
            if (e.state() == ExceptionState.RESOLVED) {
                continue;
            }
            boolean rejection = BusinessExceptionType.ERP_REJECTED.name().equals(e.type());
            boolean superseded = acceptedAt != null && e.at().isBefore(acceptedAt);
            if (rejection || superseded) {
                settled.add(i);
            }
        }
        return settled;
    }
}
