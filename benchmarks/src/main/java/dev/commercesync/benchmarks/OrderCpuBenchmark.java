package dev.commercesync.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.commercesync.dedupe.PayloadFingerprint;
import dev.commercesync.map.channel.MappingOutcome;
import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.OrderEventKey;
import dev.commercesync.model.event.SchemaId;
import dev.commercesync.model.order.CanonicalOrder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * CPU per order in the pure steps, per channel. {@link #rawParse} is the floor the mapping is judged against: the
 * same body read into a tree with the same parser settings, and nothing else.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OrderCpuBenchmark {

    @Benchmark
    public void rawParse(ChannelOrderPayload payload, Blackhole bh) throws JsonProcessingException {
        bh.consume(ChannelOrderPayload.BODY_READER.readTree(payload.body));
    }

    /** Parse, map and reconcile: what {@code OrderMapping.map} does for one order on the map Lambda. */
    @Benchmark
    public MappingOutcome mapping(ChannelOrderPayload payload) {
        return payload.mapping.map(payload.raw);
    }

    /** What the dedupe step computes before its one conditional write: the idempotency key and the payload hash. */
    @Benchmark
    public void dedupeKeyAndHash(ChannelOrderPayload payload, Blackhole bh) {
        bh.consume(OrderEventKey.idempotencyKey(payload.order, payload.raw));
        bh.consume(PayloadFingerprint.of(payload.order));
    }

    @Benchmark
    public String envelopeEncode(ChannelOrderPayload payload) {
        return payload.codec.encode(payload.envelope);
    }

    @Benchmark
    public EventEnvelope<CanonicalOrder> envelopeDecode(ChannelOrderPayload payload) {
        return payload.codec.decode(payload.encodedEnvelope, SchemaId.ORDER_V1, CanonicalOrder.class);
    }
}
