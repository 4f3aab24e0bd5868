package dev.commercesync.inventory.channel;

import dev.commercesync.model.order.SalesChannel;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The loop the adapters share for channels called once per listing: every update or read gets an answer, a
 * {@link ChannelCallFailure} becomes that listing's result, an unexpected exception becomes Unavailable (or
 * unreadable), and once an account is throttled its remaining updates in the batch go back unsent.
 */
public final class ListingCalls {

    /** One listing's call; throws {@link ChannelCallFailure} when the channel did not do it. */
    @FunctionalInterface
    public interface Publish {
        PublishResult call(ListingQuantity update);
    }

    /** One listing's read-back; throws {@link ChannelCallFailure} when the channel did not answer. */
    @FunctionalInterface
    public interface Read {
        long call(ListingRef ref);
    }

    private ListingCalls() {
    }

    public static List<PublishResult> publishEach(SalesChannel channel, Logger log, List<ListingQuantity> updates,
                                                  Publish publish) {
        List<PublishResult> results = new ArrayList<>(updates.size());
        Map<String, ChannelCallFailure> throttledAccounts = new HashMap<>();
        for (ListingQuantity update : updates) {
            String key = update.listingKey();
            String account = update.listing().rateLimitKey();
            ChannelCallFailure throttled = throttledAccounts.get(account);
            if (throttled != null) {
                results.add(throttled.resultFor(key));
                continue;
            }
            try {
                results.add(publish.call(update));
            } catch (ChannelCallFailure failure) {
                if (failure.kind() == ChannelCallFailure.Kind.THROTTLED) {
                    throttledAccounts.put(account, failure);
                }
                log(channel, log, key, failure);
                results.add(failure.resultFor(key));
            } catch (RuntimeException unexpected) {
                log.errorf(unexpected, "%s %s: unexpected failure", channel.id(), key);
                results.add(new PublishResult.Unavailable(key, "unexpected failure: " + unexpected));
            }
        }
        return results;
    }

    public static List<ShownQuantity> readEach(SalesChannel channel, Logger log, List<ListingRef> listings, Read read) {
        List<ShownQuantity> shown = new ArrayList<>(listings.size());
        for (ListingRef ref : listings) {
            String key = ref.listingKey();
            try {
                shown.add(ShownQuantity.of(key, read.call(ref)));
            } catch (ChannelCallFailure failure) {
                log(channel, log, key, failure);
                shown.add(failure.unreadable(key));
            } catch (RuntimeException unexpected) {
                log.errorf(unexpected, "%s %s: unexpected failure reading", channel.id(), key);
                shown.add(ShownQuantity.unreadable(key, "unexpected failure: " + unexpected));
            }
        }
        return shown;
    }

    /** One line per failed call: throttling and refusals are expected answers, an unavailable channel is a warning. */
    public static void log(SalesChannel channel, Logger log, String what, ChannelCallFailure failure) {
        switch (failure.kind()) {
            case THROTTLED -> log.infof("%s %s: throttled for %d ms: %s", channel.id(), what,
                    failure.retryAfter().toMillis(), failure.reason());
            case UNAVAILABLE -> log.warnf("%s %s: unavailable: %s", channel.id(), what, failure.reason());
            case REJECTED -> log.infof("%s %s: rejected: %s", channel.id(), what, failure.reason());
        }
    }
}
