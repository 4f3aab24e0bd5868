package dev.commercesync.pipeline.testing;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test access to a real queue in ElasticMQ: receive what a function sent, and turn received messages into the
 * {@link SQSEvent} Lambda's event source mapping would deliver (same message ids, receipt handles, ARN and
 * attributes), so handlers are tested on real messages.
 */
public final class QueueProbe {

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;

    public QueueProbe(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    public String url() {
        return queueUrl;
    }

    /** Receives up to {@code max} messages (long-polling briefly), leaving them in flight. */
    public List<Message> receive(int max) {
        List<Message> all = new ArrayList<>();
        while (all.size() < max) {
            int wanted = Math.min(10, max - all.size());
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(wanted)
                    .waitTimeSeconds(1)
                    .messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (got.isEmpty()) {
                break;
            }
            all.addAll(got);
        }
        return all;
    }

    /** Receives and deletes everything currently visible, returning it. */
    public List<Message> drain() {
        List<Message> all = new ArrayList<>();
        List<Message> got;
        do {
            got = receive(10);
            for (Message m : got) {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
            all.addAll(got);
        } while (!got.isEmpty());
        return all;
    }

    public SQSEvent toEvent(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            Map<String, String> system = new HashMap<>();
            m.attributes().forEach((name, value) -> system.put(name.toString(), value));
            record.setAttributes(system);
            Map<String, SQSEvent.MessageAttribute> attributes = new HashMap<>();
            for (Map.Entry<String, MessageAttributeValue> e : m.messageAttributes().entrySet()) {
                SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
                attribute.setDataType(e.getValue().dataType());
                attribute.setStringValue(e.getValue().stringValue());
                attributes.put(e.getKey(), attribute);
            }
            record.setMessageAttributes(attributes);
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    /** Deletes the messages a batch response did not list as failed, as the event source mapping does. */
    public void acknowledge(List<Message> messages, com.amazonaws.services.lambda.runtime.events.SQSBatchResponse response) {
        List<String> failed = response.getBatchItemFailures().stream()
                .map(com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
        for (Message m : messages) {
            if (!failed.contains(m.messageId())) {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }
}
