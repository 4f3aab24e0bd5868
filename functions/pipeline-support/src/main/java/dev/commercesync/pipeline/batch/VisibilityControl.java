package dev.commercesync.pipeline.batch;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hides a message that is going back to its queue for a while (ChangeMessageVisibility), so a record that waits for
 * a recovering downstream is not received again at once. Best effort: if it fails, the queue's own visibility
 * timeout applies.
 */
@ApplicationScoped
public class VisibilityControl {

    private static final Logger LOG = Logger.getLogger(VisibilityControl.class);
    /** SQS's ceiling for a visibility timeout. */
    private static final long MAX_SECONDS = 43_200;

    private final SqsClient sqs;
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();

    public VisibilityControl(SqsClient sqs) {
        this.sqs = sqs;
    }

    public void hideFor(String queueArn, String receiptHandle, Duration delay) {
        if (queueArn == null || receiptHandle == null) {
            return;
        }
        try {
            String url = queueUrls.computeIfAbsent(queueArn, this::lookUpUrl);
            long seconds = Math.max(0, Math.min(MAX_SECONDS, delay.toSeconds()));
            sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(receiptHandle)
                    .visibilityTimeout((int) seconds));
        } catch (SdkException | IllegalArgumentException e) {
            LOG.warnf("could not hide message on %s for %s: %s", queueArn, delay, e.getMessage());
        }
    }

    private String lookUpUrl(String arn) {
        // arn:aws:sqs:<region>:<account>:<name>
        String[] parts = arn.split(":");
        if (parts.length < 6) {
            throw new IllegalArgumentException("not an SQS queue ARN: " + arn);
        }
        return sqs.getQueueUrl(b -> b.queueName(parts[5]).queueOwnerAWSAccountId(parts[4])).queueUrl();
    }
}
