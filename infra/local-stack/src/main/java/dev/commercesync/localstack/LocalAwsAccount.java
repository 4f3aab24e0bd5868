package dev.commercesync.localstack;

/**
 * The account the local stack pretends to be. ElasticMQ is started with the same region and account id, so queue
 * ARNs it reports match ARNs built from the template's pseudo parameters. The credentials only satisfy the SDK's
 * signer: the emulators check none.
 */
public final class LocalAwsAccount {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "000000000000";
    public static final String PARTITION = "aws";
    public static final String URL_SUFFIX = "amazonaws.com";
    public static final String STACK_NAME = "commerce-sync-local";
    public static final String ACCESS_KEY_ID = "test";
    public static final String SECRET_ACCESS_KEY = "test";

    private LocalAwsAccount() {
    }
}
