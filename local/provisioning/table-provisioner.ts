/**
 * Creates the template's DynamoDB tables (`AWS::DynamoDB::Table`, and `AWS::DynamoDB::GlobalTable`
 * that CDK's TableV2 emits) on a DynamoDB endpoint (dynalite locally): key schema, attribute
 * definitions, indexes, billing. What the emulator lacks is reported as a note, never faked.
 */
import { waitForActiveTable } from './wait-for-active-table';
import { CreateTableCommand, UpdateTimeToLiveCommand, type CreateTableCommandInput, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { isJsonObject, resourcesOfType, type CfnTemplate, type JsonObject, type JsonValue } from './cfn-template';
import { resolveIntrinsics, type PhysicalResource, type ResolutionScope } from './intrinsic-resolver';
import { physicalNameFor } from './physical-names';
import type { ProvisionedResource, ProvisionResult, TemplateProvisioner } from './provision-template';
import { ProvisioningError } from './template-errors';

const TABLE_TYPES = ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'];

/** DynamoDB table names: 3 to 255 characters (CreateTable limit). */
const TABLE_NAME_MAX_LENGTH = 255;

/** Settings of the table provisioner. */
export interface TableProvisionerProps {
  /** Client of the DynamoDB endpoint to create the tables on. */
  readonly dynamoDb: DynamoDBClient;
  /** Prefix of every physical name (see `newRunPrefix`). */
  readonly namePrefix: string;
}

/**
 * CloudFormation and the API share these shapes (KeySchema, AttributeDefinitions, indexes), so the
 * resolved JSON passes through; the SDK validates it on send.
 */
type TableShape = Pick<
  CreateTableCommandInput,
  'KeySchema' | 'AttributeDefinitions' | 'GlobalSecondaryIndexes' | 'LocalSecondaryIndexes' | 'ProvisionedThroughput' | 'StreamSpecification'
>;

function tableShape(properties: JsonObject): TableShape {
  const shape: JsonObject = {};
  for (const key of ['KeySchema', 'AttributeDefinitions', 'GlobalSecondaryIndexes', 'LocalSecondaryIndexes', 'ProvisionedThroughput', 'StreamSpecification']) {
    const value = properties[key];
    if (value !== undefined) shape[key] = value;
  }
  // Both are CloudFormation's own JSON for the API's input; the emulator rejects a wrong shape loudly.
  return shape as TableShape;
}

function ttlAttributeOf(properties: JsonObject): string | undefined {
  const ttl: JsonValue | undefined = properties['TimeToLiveSpecification'];
  if (!isJsonObject(ttl) || ttl['Enabled'] !== true) return undefined;
  return typeof ttl['AttributeName'] === 'string' ? ttl['AttributeName'] : undefined;
}

/** Provisions tables; `Ref` is the table name, attributes `Arn` and (with streams) `StreamArn`. */
export class TableProvisioner implements TemplateProvisioner {
  readonly resourceTypes = TABLE_TYPES;

  constructor(private readonly props: TableProvisionerProps) {}

  async provision(template: CfnTemplate, scope: ResolutionScope): Promise<ProvisionResult> {
    const resources = new Map<string, PhysicalResource>();
    const created: ProvisionedResource[] = [];
    const notes: string[] = [];
    for (const type of TABLE_TYPES) {
      for (const { logicalId, resource } of resourcesOfType(template, type)) {
        const tableName = physicalNameFor(this.props.namePrefix, logicalId, { maxLength: TABLE_NAME_MAX_LENGTH });
        const resolved = resolveIntrinsics(resource.Properties ?? {}, scope, `Resources.${logicalId}.Properties`);
        const properties = isJsonObject(resolved) ? resolved : {};
        const billingMode = properties['BillingMode'] === 'PROVISIONED' ? 'PROVISIONED' : 'PAY_PER_REQUEST';
        const { TableDescription: table } = await this.props.dynamoDb.send(
          new CreateTableCommand({ TableName: tableName, BillingMode: billingMode, ...tableShape(properties) }),
        );
        if (table?.TableArn === undefined) throw new ProvisioningError(logicalId, tableName, 'CreateTable returned no ARN');
        await waitForActiveTable(this.props.dynamoDb, tableName);
        const attributes: Record<string, string> = { Arn: table.TableArn };
        if (table.LatestStreamArn !== undefined) attributes['StreamArn'] = table.LatestStreamArn;
        resources.set(logicalId, { ref: tableName, attributes });
        created.push({ logicalId, type, physicalName: tableName });
        const ttlAttribute = ttlAttributeOf(properties);
        if (ttlAttribute !== undefined) notes.push(await this.enableTimeToLive(logicalId, tableName, ttlAttribute));
      }
    }
    return { resources, created, notes };
  }

  /** Turns TTL on where the emulator supports it; dynalite does not (UnknownOperationException). */
  private async enableTimeToLive(logicalId: string, tableName: string, attributeName: string): Promise<string> {
    try {
      await this.props.dynamoDb.send(
        new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: attributeName, Enabled: true } }),
      );
      return `${logicalId}: TTL on '${attributeName}' enabled`;
    } catch (error) {
      if (error instanceof Error && error.name === 'UnknownOperationException') {
        return `${logicalId}: TTL on '${attributeName}' not emulated (items never expire locally)`;
      }
      throw error;
    }
  }
}
