package dev.commercesync.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resolution of intrinsics against given addresses; the emulator-backed test proves the addresses themselves. */
class ProvisionedStackTest {

    private static final String RESOURCES = """
            Parameters:
              SecretArn: {Type: String, Default: ''}
              Endpoint: {Type: String}
              Days: {Type: Number, Default: 35}
            Conditions:
              HasSecret: !Not [!Equals [!Ref SecretArn, '']]
              NoSecret: !Not [!Condition HasSecret]
            Globals:
              Function:
                Environment:
                  Variables:
                    SHARED: !Sub '${AWS::Region}/${AWS::AccountId}'
            Resources:
              Q:
                Type: AWS::SQS::Queue
              T:
                Type: AWS::DynamoDB::Table
                Properties:
                  AttributeDefinitions: [{AttributeName: k, AttributeType: S}]
                  KeySchema: [{AttributeName: k, KeyType: HASH}]
            """;

    private static final String FUNCTION_A = """
              A:
                Type: AWS::Serverless::Function
                Properties:
                  Environment:
                    Variables:
                      QUEUE_URL: !Ref Q
                      QUEUE_ARN: !GetAtt Q.Arn
                      QUEUE_NAME: !GetAtt [Q, QueueName]
                      TABLE: !Ref T
                      TABLE_ARN: !Sub '${T.Arn}'
                      DAYS: !Ref Days
                      NUMBER: 262144
                      FLAG: true
                      LITERAL: !Sub ['${!NotReplaced}-${Suffix}', {Suffix: !Ref Days}]
                      JOINED: !Join [':', [a, !Ref Days, !Select [1, [x, y]]]]
                      SECRET: !If [HasSecret, !Sub '{{resolve:secretsmanager:${SecretArn}:SecretString}}', '']
                      OPTIONAL: !If [NoSecret, !Ref AWS::NoValue, set]
            """;

    private static ProvisionedStack stack(SamTemplate template) {
        return new ProvisionedStack(template,
                Map.of("Q", new ProvisionedStack.QueueAddress("Q", "http://127.0.0.1:1/000000000000/Q",
                        "arn:aws:sqs:us-east-1:000000000000:Q")),
                Map.of("T", new ProvisionedStack.TableAddress("T", "arn:aws:dynamodb:ddblocal:000000000000:table/T")));
    }

    private static String functionB(String tableValue) {
        return """
                  B:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment:
                        Variables:
                          ENDPOINT: !Ref Endpoint
                          TABLE: %s
                """.formatted(tableValue);
    }

    @Test
    void resolvesRefsGetAttsSubsAndConditions() {
        Map<String, String> environment = stack(SamTemplate.parse(RESOURCES + FUNCTION_A)).environmentOf("A");

        assertThat(environment)
                .containsEntry("SHARED", "us-east-1/000000000000")
                .containsEntry("QUEUE_URL", "http://127.0.0.1:1/000000000000/Q")
                .containsEntry("QUEUE_ARN", "arn:aws:sqs:us-east-1:000000000000:Q")
                .containsEntry("QUEUE_NAME", "Q")
                .containsEntry("TABLE", "T")
                .containsEntry("TABLE_ARN", "arn:aws:dynamodb:ddblocal:000000000000:table/T")
                .containsEntry("DAYS", "35")
                .containsEntry("NUMBER", "262144")
                .containsEntry("FLAG", "true")
                .containsEntry("LITERAL", "${NotReplaced}-35")
                .containsEntry("JOINED", "a:35:y")
                .containsEntry("SECRET", "")
                .doesNotContainKey("OPTIONAL");
    }

    @Test
    void dynamicReferencesResolveToEmptyLocally() {
        SamTemplate template = SamTemplate.parse(RESOURCES + FUNCTION_A)
                .withParameterValues(Map.of("SecretArn", "arn:aws:secretsmanager:eu-west-1:1:secret:erp"));

        Map<String, String> environment = stack(template).environmentOf("A");

        assertThat(environment).containsEntry("SECRET", "").containsEntry("OPTIONAL", "set");
    }

    @Test
    void namesWhatCannotBeResolved() {
        SamTemplate template = SamTemplate.parse(RESOURCES + functionB("!Sub '${Nowhere}'"))
                .withParameterValues(Map.of("Endpoint", "http://127.0.0.1:9"));

        assertThatThrownBy(() -> stack(template).environmentOf("B"))
                .hasMessageContaining("B environment TABLE").hasMessageContaining("Nowhere");
    }

    @Test
    void aParameterWithoutDefaultNeedsAValue() {
        SamTemplate template = SamTemplate.parse(RESOURCES + functionB("!Ref T"));

        assertThatThrownBy(() -> stack(template).environmentOf("B"))
                .hasMessageContaining("ENDPOINT").hasMessageContaining("Endpoint has no Default");
        assertThat(stack(template.withParameterValues(Map.of("Endpoint", "http://127.0.0.1:9"))).environmentOf("B"))
                .containsEntry("ENDPOINT", "http://127.0.0.1:9");
    }

    @Test
    void mergedEnvironmentJoinsFunctionsAndRejectsConflicts() {
        SamTemplate consistent = SamTemplate.parse(RESOURCES + FUNCTION_A + functionB("!Ref T"))
                .withParameterValues(Map.of("Endpoint", "http://e"));
        assertThat(stack(consistent).mergedEnvironment())
                .containsEntry("TABLE", "T").containsEntry("ENDPOINT", "http://e").containsEntry("QUEUE_NAME", "Q");

        SamTemplate conflicting = SamTemplate.parse(RESOURCES + FUNCTION_A + functionB("other"))
                .withParameterValues(Map.of("Endpoint", "http://e"));
        assertThatThrownBy(() -> stack(conflicting).mergedEnvironment())
                .hasMessageContaining("TABLE is 'T' in A but 'other' in B");
    }
}
