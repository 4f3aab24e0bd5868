package dev.commercesync.emulators;

import java.util.List;

/**
 * Command line of {@link EmulatorMain}.
 *
 * @param dynamoDbPort port for DynamoDB Local on 127.0.0.1; 0 lets the OS pick a free one
 * @param sqsPort port for ElasticMQ on 127.0.0.1; 0 lets the OS pick a free one
 * @param exitWhenStdinCloses exit once standard input reaches end-of-file, so that a parent which dies (even by
 *     SIGKILL) takes the emulators with it; switch off with {@code --keep-running-without-stdin} when started from
 *     a shell with stdin redirected from /dev/null
 */
record EmulatorOptions(int dynamoDbPort, int sqsPort, boolean exitWhenStdinCloses) {

    static final String USAGE = "usage: EmulatorMain [--dynamodb-port <port>] [--sqs-port <port>]"
            + " [--keep-running-without-stdin]   (port 0 = any free port; default 0)";

    EmulatorOptions {
        checkPort("--dynamodb-port", dynamoDbPort);
        checkPort("--sqs-port", sqsPort);
    }

    static EmulatorOptions parse(List<String> args) {
        int dynamoDbPort = 0;
        int sqsPort = 0;
        boolean exitWhenStdinCloses = true;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--dynamodb-port" -> dynamoDbPort = portValue(args, ++i, arg);
                case "--sqs-port" -> sqsPort = portValue(args, ++i, arg);
                case "--keep-running-without-stdin" -> exitWhenStdinCloses = false;
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'\n" + USAGE);
            }
        }
        return new EmulatorOptions(dynamoDbPort, sqsPort, exitWhenStdinCloses);
    }

    private static int portValue(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a port number\n" + USAGE);
        }
        try {
            return Integer.parseInt(args.get(index));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a port number, not '" + args.get(index) + "'\n"
                    + USAGE, e);
        }
    }

    private static void checkPort(String option, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(option + " must be 0..65535, not " + port);
        }
    }
}
