package dev.commercesync.runlocal.status;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stack's message flow as the status page draws it: lanes of boxes, each lane read left to right (HTTP API →
 * ingest → intake queue → map → …). Worked out from the {@link Wiring} the template declares, so a queue added to
 * the template appears without touching the page.
 *
 * <p>A lane follows, from each column of functions, the queues they send to whose chain reaches furthest; the other
 * queues they send to start lanes of their own (ingest's inventory queue becomes the inventory lane). Queues with
 * the same consumers stand in one column (the three channel queues). A lane ends where its functions send nowhere
 * new, with the outside systems they call (the ERP, the channels).
 *
 * @param lanes     the first starts at the HTTP API
 * @param offChart  functions no lane reaches (scheduled ones, such as drift repair)
 */
public record PipelineChart(List<Lane> lanes, List<String> offChart) {

    public enum Kind { API, FUNCTION, QUEUE, EXTERNAL }

    /** @param columns left to right; the boxes of a column stand one above the other */
    public record Lane(String title, List<List<Box>> columns) {
    }

    /** @param deadLetterQueue a queue's redrive target, null for anything else or a queue without one */
    public record Box(Kind kind, String id, String deadLetterQueue) {
    }

    /**
     * Who sends to and who consumes which queue.
     *
     * @param apiFunctions       the functions the HTTP API's routes go to, in route order
     * @param sends              function → the queues it may send to (its send permissions)
     * @param consumers          queue → the functions its event source mappings invoke
     * @param externals          function → the outside systems it calls
     * @param queues             every queue of the stack, in template order
     * @param deadLetterQueueOf  queue → its redrive target
     * @param functions          every function of the stack, in template order
     */
    public record Wiring(String apiId, List<String> apiFunctions, Map<String, List<String>> sends,
                         Map<String, List<String>> consumers, Map<String, List<String>> externals,
                         List<String> queues, Map<String, String> deadLetterQueueOf, List<String> functions) {

        List<String> sendsOf(String function) {
            return sends.getOrDefault(function, List.of());
        }

        List<String> consumersOf(String queue) {
            return consumers.getOrDefault(queue, List.of());
        }

        boolean isDeadLetterQueue(String queue) {
            return deadLetterQueueOf.containsValue(queue);
        }
    }

    public static PipelineChart of(Wiring wiring) {
        return new Layout(wiring).chart();
    }

    private static final class Layout {
        private final Wiring wiring;
        private final Set<String> placedQueues = new HashSet<>();
        private final Set<String> placedFunctions = new LinkedHashSet<>();
        private final List<String> deferred = new ArrayList<>();

        Layout(Wiring wiring) {
            this.wiring = wiring;
        }

        PipelineChart chart() {
            List<Lane> lanes = new ArrayList<>();
            List<List<Box>> first = new ArrayList<>();
            first.add(List.of(new Box(Kind.API, wiring.apiId(), null)));
            first.add(functions(wiring.apiFunctions()));
            placedFunctions.addAll(wiring.apiFunctions());
            follow(first, wiring.apiFunctions());
            lanes.add(new Lane("from " + wiring.apiId(), first));
            // The queues a lane passed by start lanes of their own; whatever no function sends to comes last.
            List<String> starts = new ArrayList<>(deferred);
            boolean restAdded = false;
            for (int i = 0; i < starts.size() || !restAdded; i++) {
                if (i == starts.size()) {
                    restAdded = true;
                    wiring.queues().stream().filter(q -> !wiring.isDeadLetterQueue(q) && !placedQueues.contains(q))
                            .forEach(starts::add);
                    if (i == starts.size()) {
                        break;
                    }
                }
                String queue = starts.get(i);
                if (placedQueues.contains(queue)) {
                    continue;
                }
                List<List<Box>> columns = new ArrayList<>();
                List<String> group = sameConsumers(queue, starts.subList(i, starts.size()));
                follow(columns, placeQueues(columns, group));
                lanes.add(new Lane("from " + queue, columns));
                deferred.stream().filter(q -> !starts.contains(q)).forEach(starts::add);
            }
            List<String> offChart = wiring.functions().stream().filter(f -> !placedFunctions.contains(f)).toList();
            return new PipelineChart(List.copyOf(lanes), offChart);
        }

        /** From these functions on: the queue column whose chain reaches furthest, its consumers, and so on. */
        private void follow(List<List<Box>> columns, List<String> from) {
            List<String> current = from;
            while (!current.isEmpty()) {
                List<String> candidates = current.stream().flatMap(f -> wiring.sendsOf(f).stream()).distinct()
                        .filter(q -> !placedQueues.contains(q) && !wiring.isDeadLetterQueue(q)).toList();
                if (candidates.isEmpty()) {
                    addExternals(columns, current);
                    return;
                }
                // Furthest first; at equal reach a queue not already left for a lane of its own, then the first.
                String best = null;
                int bestScore = -1;
                for (String candidate : candidates) {
                    int score = 2 * reach(candidate, new HashSet<>(current), new HashSet<>())
                            + (deferred.contains(candidate) ? 0 : 1);
                    if (score > bestScore) {
                        best = candidate;
                        bestScore = score;
                    }
                }
                List<String> group = sameConsumers(best, candidates);
                candidates.stream().filter(q -> !group.contains(q) && !deferred.contains(q)).forEach(deferred::add);
                current = placeQueues(columns, group);
            }
        }

        /** Places the queues' column and their consumers' column; returns the consumers new to the chart. */
        private List<String> placeQueues(List<List<Box>> columns, List<String> queues) {
            columns.add(queues.stream().map(q -> new Box(Kind.QUEUE, q, wiring.deadLetterQueueOf().get(q))).toList());
            placedQueues.addAll(queues);
            List<String> consumers = queues.stream().flatMap(q -> wiring.consumersOf(q).stream()).distinct().toList();
            List<String> fresh = consumers.stream().filter(f -> !placedFunctions.contains(f)).toList();
            if (fresh.isEmpty()) {
                // A function consuming its own queues (the channel publishers) or one drawn on another lane: the
                // lane ends with what those consumers call.
                addExternals(columns, consumers);
                return List.of();
            }
            columns.add(functions(fresh));
            placedFunctions.addAll(fresh);
            return fresh;
        }

        private void addExternals(List<List<Box>> columns, List<String> functions) {
            List<Box> externals = functions.stream()
                    .flatMap(f -> wiring.externals().getOrDefault(f, List.of()).stream()).distinct()
                    .map(name -> new Box(Kind.EXTERNAL, name, null)).toList();
            if (!externals.isEmpty()) {
                columns.add(externals);
            }
        }

        private List<String> sameConsumers(String queue, List<String> among) {
            Set<String> consumers = new HashSet<>(wiring.consumersOf(queue));
            return among.stream().filter(q -> !placedQueues.contains(q) && !wiring.isDeadLetterQueue(q))
                    .filter(q -> q.equals(queue) || new HashSet<>(wiring.consumersOf(q)).equals(consumers))
                    .distinct().toList();
        }

        /**
         * How many functions long the longest chain from this queue is, counting only functions not seen yet: a queue
         * its own producer consumes (the channel queues) leads nowhere new.
         */
        private int reach(String queue, Set<String> seenFunctions, Set<String> seenQueues) {
            if (placedQueues.contains(queue) || !seenQueues.add(queue)) {
                return 0;
            }
            int furthest = 0;
            boolean leadsOn = false;
            for (String consumer : wiring.consumersOf(queue)) {
                if (seenFunctions.contains(consumer)) {
                    continue;
                }
                leadsOn = true;
                Set<String> functions = new HashSet<>(seenFunctions);
                functions.add(consumer);
                for (String next : wiring.sendsOf(consumer)) {
                    if (!wiring.isDeadLetterQueue(next)) {
                        furthest = Math.max(furthest, reach(next, functions, new HashSet<>(seenQueues)));
                    }
                }
            }
            return leadsOn ? 1 + furthest : 0;
        }

        private static List<Box> functions(List<String> ids) {
            return ids.stream().map(f -> new Box(Kind.FUNCTION, f, null)).toList();
        }
    }
}
