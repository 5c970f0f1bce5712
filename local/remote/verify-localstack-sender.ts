/**
 * `tsx local/remote/verify-localstack-sender.ts <address>`: creates the email worker's sender
 * identity in LocalStack's SES v2, so the deployed worker may send from it (LocalStack marks new
 * identities verified; in AWS you verify the identity yourself, once). Used by test-localstack.sh.
 */
import { CreateEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { resolveRemoteConnection } from './remote-target';

async function main(address: string | undefined): Promise<number> {
  if (address === undefined || !address.includes('@')) {
    console.error('usage: tsx local/remote/verify-localstack-sender.ts <sender address>');
    return 2;
  }
  const connection = resolveRemoteConnection('localstack', process.env);
  const ses = new SESv2Client({ endpoint: connection.endpoint, region: connection.region, credentials: connection.credentials });
  try {
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: address }));
    console.log(`created SES identity ${address} in LocalStack`);
  } catch (error) {
    // Re-running against a LocalStack that already has it is fine.
    if (!(error instanceof Error && error.name === 'AlreadyExistsException')) throw error;
    console.log(`SES identity ${address} already exists in LocalStack`);
  } finally {
    ses.destroy();
  }
  return 0;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
