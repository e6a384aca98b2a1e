import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  GateResponse,
  canonicalEntityRef,
} from '@service-delivery/plugin-service-delivery-common';

/** The path of an entity's release gate under the plugin's base URL. */
function gatePath(entityRef: string, change: string): string {
  const [kind, rest] = entityRef.split(':');
  const [namespace, name] = rest.split('/');
  const segments = [kind, namespace, name].map(encodeURIComponent).join('/');
  return `/v1/entities/${segments}/gate?change=${change}`;
}

/** What the backend said when it did not answer the gate. */
async function failureOf(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const message = JSON.parse(text)?.error?.message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON: the status says enough
  }
  return text.slice(0, 200) || response.statusText;
}

/**
 * The `service-delivery:gate` action: asks the Service Delivery release gate whether an entity may
 * release a change now, under the error-budget policies of its agreements, on behalf of the user
 * who runs the template (the backend records the decision with their name). A denied change fails
 * the step, so the steps after it (the deploy) do not run, unless `failOnDeny` is false.
 *
 * @public
 */
export function createServiceDeliveryGateAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  const { discovery, auth } = options;
  return createTemplateAction({
    id: 'service-delivery:gate',
    description:
      "Asks the Service Delivery release gate whether the entity may release a change now, under its agreements' error-budget policies. Fails the step when the change is denied, unless failOnDeny is false.",
    examples: [
      {
        description:
          'Stop the template before it deploys a feature that the policy freezes',
        example: [
          'steps:',
          '  - id: gate',
          '    name: Release gate',
          '    action: service-delivery:gate',
          '    input:',
          '      entityRef: component:default/payments-api',
          '      change: feature',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .min(1)
            .describe(
              'The entity to release, kind:namespace/name (the kind defaults to component, the namespace to default)',
            ),
        change: z =>
          z
            .enum(['feature', 'fix'])
            .describe('What is released: fixes pass a feature freeze'),
        failOnDeny: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Fail the step when the change is denied (default true); false only reports the answer',
            ),
      },
      output: {
        allow: z => z.boolean().describe('Whether the change may be released'),
        reasons: z =>
          z
            .array(z.string())
            .describe('The policy steps in force, in the domain’s words'),
        evaluatedAt: z => z.string().describe('When the gate was evaluated'),
      },
    },
    async handler(ctx) {
      const { change, failOnDeny = true } = ctx.input;
      let entityRef: string;
      try {
        entityRef = canonicalEntityRef(ctx.input.entityRef);
      } catch (error) {
        throw new Error(
          `Invalid input 'entityRef': ${(error as Error).message}`,
        );
      }
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await ctx.getInitiatorCredentials(),
        targetPluginId: 'service-delivery',
      });
      const baseUrl = await discovery.getBaseUrl('service-delivery');
      const response = await fetch(`${baseUrl}${gatePath(entityRef, change)}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!response.ok) {
        throw new Error(
          `The release gate of ${entityRef} did not answer (${
            response.status
          }): ${await failureOf(response)}`,
        );
      }
      const answer = (await response.json()) as GateResponse;
      ctx.output('allow', answer.allow);
      ctx.output('reasons', answer.reasons);
      ctx.output('evaluatedAt', answer.evaluatedAt);
      const verdict = `The release gate ${
        answer.allow ? 'allows' : 'denies'
      } this ${change} of ${entityRef}`;
      if (answer.reasons.length === 0) {
        ctx.logger.info(`${verdict}: no error-budget policy step is in force`);
      } else {
        ctx.logger.info(`${verdict}:`);
        for (const reason of answer.reasons) ctx.logger.info(`- ${reason}`);
      }
      if (!answer.allow && failOnDeny) {
        throw new Error(`${verdict}: ${answer.reasons.join('; ')}`);
      }
    },
  });
}
