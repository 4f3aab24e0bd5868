package dev.commercesync.runlocal.bench;

import dev.commercesync.runlocal.esm.MappingStats;

import java.util.List;
import java.util.Map;

/**
 * One pipeline's ladder.
 *
 * @param pipeline        {@code ours} (the function.zip packages) or {@code ceiling} (the null pipeline)
 * @param steps           the measured rates, lowest first; the ladder stops after the first unsustainable one
 * @param sustainableRate the highest rate held ({@link SustainableRate#highest}); null when not even the lowest
 * @param stackStartSeconds stack start and {@code warmUp} until the first order could be sent
 * @param eventSources    per event source mapping, its counters at the end (batches, records, failures)
 * @param ordersAccepted  orders ingest accepted over the whole run, warm-up included (the AWS usage's denominator)
 */
public record RunResult(String pipeline, List<StepResult> steps, Double sustainableRate, double stackStartSeconds,
                        Map<String, MappingStats> eventSources, long ordersAccepted) {

    /** The step at {@code rate}, if it was measured. */
    StepResult at(double rate) {
        return steps.stream().filter(s -> s.rate() == rate).findFirst().orElse(null);
    }
}
