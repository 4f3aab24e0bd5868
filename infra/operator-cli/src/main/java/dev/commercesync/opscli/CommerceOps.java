package dev.commercesync.opscli;

import dev.commercesync.opscli.command.AuditCommand;
import dev.commercesync.opscli.command.DlqCommand;
import dev.commercesync.opscli.command.ExceptionsCommand;
import dev.commercesync.opscli.command.OrderCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./commerce-ops}: the operator's command line for the pipeline's dead-letter queues, business exceptions,
 * order timelines and audit trail. Talks to AWS directly (SQS, DynamoDB, STS) with the operator's own credentials,
 * or to the local stack's emulators; every change it makes is written to the operator audit table.
 */
@Command(name = "commerce-ops", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        version = "commerce-ops 0.1.0", usageHelpWidth = 110,
        subcommands = {DlqCommand.class, ExceptionsCommand.class, OrderCommand.class, AuditCommand.class,
                CommandLine.HelpCommand.class},
        description = "Operate the Commerce Sync pipeline: dead-letter queues, business exceptions, order "
                + "timelines, the operator audit trail. Against AWS (default credential chain, --profile, --region) "
                + "or the local stack (--sqs-endpoint and --dynamodb-endpoint, or --endpoint-file; dummy credentials).",
        footer = {"", "Environment: ORDER_STATE_TABLE, OPERATOR_AUDIT_TABLE, INTAKE_QUEUE_URL, POSTING_QUEUE_URL "
                + "(instead of the options), AWS_REGION, AWS_PROFILE, USER.", "", ExitCodes.HELP})
public final class CommerceOps {

    @Option(names = "--endpoint", scope = ScopeType.INHERIT, paramLabel = "<url>",
            description = "One endpoint for SQS and DynamoDB (an emulator that serves both). Implies dummy credentials.")
    Optional<URI> endpoint = Optional.empty();

    @Option(names = "--sqs-endpoint", scope = ScopeType.INHERIT, paramLabel = "<url>",
            description = "SQS endpoint (local stack: ElasticMQ, as ./run-local prints it).")
    Optional<URI> sqsEndpoint = Optional.empty();

    @Option(names = "--dynamodb-endpoint", scope = ScopeType.INHERIT, paramLabel = "<url>",
            description = "DynamoDB endpoint (local stack: DynamoDB Local, as ./run-local prints it).")
    Optional<URI> dynamoDbEndpoint = Optional.empty();

    @Option(names = "--endpoint-file", scope = ScopeType.INHERIT, paramLabel = "<file>",
            description = "Properties file with sqs=<url> and dynamodb=<url> (the local stack's emulators).")
    Optional<Path> endpointFile = Optional.empty();

    @Option(names = "--region", scope = ScopeType.INHERIT, description = "AWS region (default: AWS_REGION / profile).")
    Optional<String> region = Optional.empty();

    @Option(names = "--profile", scope = ScopeType.INHERIT, description = "AWS named profile (default: AWS_PROFILE).")
    Optional<String> profile = Optional.empty();

    @Option(names = {"--stack", "--stack-prefix"}, scope = ScopeType.INHERIT, paramLabel = "<name>",
            description = "CloudFormation stack name: only its queues (names start with <name>-), and its tables "
                    + "found by name (<name>-OrderStateTable-…) when not given otherwise.")
    Optional<String> stack = Optional.empty();

    @Option(names = "--order-state-table", scope = ScopeType.INHERIT, paramLabel = "<name>",
            description = "Order-state table (default: $ORDER_STATE_TABLE, else found by name).")
    Optional<String> orderStateTable = Optional.empty();

    @Option(names = "--audit-table", scope = ScopeType.INHERIT, paramLabel = "<name>",
            description = "Operator audit table (default: $OPERATOR_AUDIT_TABLE, else found by name).")
    Optional<String> auditTable = Optional.empty();

    @Option(names = "--actor", scope = ScopeType.INHERIT, paramLabel = "<name>",
            description = "Who the audit trail names against emulators (default: $USER). Against AWS it is always "
                    + "your STS caller ARN; --actor is then kept beside it.")
    Optional<String> actor = Optional.empty();

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "One JSON document on stdout instead of tables (notes still go to stderr).")
    boolean json;

    private Map<String, String> environment = System.getenv();
    private PrintWriter out;
    private PrintWriter err;

    public static void main(String[] args) {
        quietLogging();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err, System.getenv()));
    }

    /**
     * The pipeline code the CLI runs logs through JBoss Logging, here on JUL: its INFO lines repeat what the CLI
     * prints anyway, so only warnings and errors reach stderr, one line each.
     */
    private static void quietLogging() {
        System.setProperty("org.jboss.logging.provider", "jdk");
        System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s %3$s: %5$s%6$s%n");
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(java.util.logging.Level.WARNING);
        for (java.util.logging.Handler handler : root.getHandlers()) {
            handler.setLevel(java.util.logging.Level.WARNING);
        }
    }

    /** Runs one command line; returns its exit status ({@link ExitCodes}). */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        CommerceOps root = new CommerceOps();
        root.environment = Map.copyOf(environment);
        root.out = out;
        root.err = err;
        CommandLine commandLine = new CommandLine(root)
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> failed(e, err));
        return commandLine.execute(args);
    }

    private static int failed(Exception e, PrintWriter err) {
        if (e instanceof CommandFailure failure) {
            err.println("commerce-ops: " + failure.getMessage());
            return failure.exitCode();
        }
        if (e instanceof AwsServiceException aws) {
            err.println("commerce-ops: AWS refused: " + aws.awsErrorDetails().errorCode() + ": "
                    + aws.awsErrorDetails().errorMessage());
            return ExitCodes.ENVIRONMENT;
        }
        if (e instanceof SdkException sdk) {
            err.println("commerce-ops: cannot reach AWS: " + sdk.getMessage());
            return ExitCodes.ENVIRONMENT;
        }
        if (e instanceof IllegalArgumentException bad) {
            err.println("commerce-ops: " + bad.getMessage());
            return ExitCodes.USAGE;
        }
        // Unexpected: the whole cause chain, since the operator has nothing else to go on.
        StringBuilder chain = new StringBuilder("commerce-ops: failed: " + e);
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            chain.append("\n  caused by: ").append(cause);
        }
        err.println(chain);
        return ExitCodes.INCOMPLETE;
    }

    /** Where to point the SDK clients. */
    public AwsTarget target() {
        if (endpointFile.isPresent()) {
            if (endpoint.isPresent() || sqsEndpoint.isPresent() || dynamoDbEndpoint.isPresent()) {
                throw CommandFailure.usage("--endpoint-file and --endpoint/--sqs-endpoint/--dynamodb-endpoint "
                        + "exclude each other");
            }
            AwsTarget fromFile = EndpointFile.read(endpointFile.get());
            return new AwsTarget(fromFile.sqsEndpoint(), fromFile.dynamoDbEndpoint(), region, Optional.empty());
        }
        Optional<URI> sqs = sqsEndpoint.or(() -> endpoint);
        Optional<URI> dynamo = dynamoDbEndpoint.or(() -> endpoint);
        if (sqs.isPresent() || dynamo.isPresent()) {
            if (profile.isPresent()) {
                throw CommandFailure.usage("--profile is for AWS; with an endpoint the CLI uses dummy credentials");
            }
            return new AwsTarget(sqs, dynamo, region, Optional.empty());
        }
        return AwsTarget.aws(region, profile);
    }

    public Optional<String> stack() {
        return stack;
    }

    public Optional<String> orderStateTableOption() {
        return orderStateTable.or(() -> env("ORDER_STATE_TABLE"));
    }

    public Optional<String> auditTableOption() {
        return auditTable.or(() -> env("OPERATOR_AUDIT_TABLE"));
    }

    public Optional<String> actorOption() {
        return actor;
    }

    /** A variable of the environment the CLI was started in, if set and not blank. */
    public Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank());
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public boolean json() {
        return json;
    }
}
