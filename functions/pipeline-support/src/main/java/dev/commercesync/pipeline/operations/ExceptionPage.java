package dev.commercesync.pipeline.operations;

import java.util.List;

/**
 * One page of open exceptions, oldest first.
 *
 * @param nextCursor where the next page starts ({@link ExceptionFilter#after}); null when this is the last
 */
public record ExceptionPage(List<OpenException> exceptions, String nextCursor) {

    public ExceptionPage {
        exceptions = List.copyOf(exceptions);
    }
}
