import type { OperationType } from "@xmpp-host/queue/catalogue";
import { accountHandlers } from "./accounts/handlers.ts";
import { backupHandlers } from "./backups/handlers.ts";
import { certificateHandlers } from "./certificates/handlers.ts";
import { complianceHandlers } from "./compliance/handlers.ts";
import { dnsHandlers } from "./dns/handlers.ts";
import { domainExportHandlers } from "./domain-exports/handlers.ts";
import { domainMoveHandlers } from "./domain-moves/handlers.ts";
import { domainHandlers } from "./domains/handlers.ts";
import { importHandlers } from "./imports/handlers.ts";
import { instanceHandlers } from "./instances/handlers.ts";
import { inviteHandlers } from "./invites/handlers.ts";
import { ircGatewayHandlers } from "./irc-gateways/handlers.ts";
import { memberInviteHandlers } from "./member-invites/handlers.ts";
import type { OperationHandler } from "./operations/handler.ts";
import { registrationHandlers } from "./registration/handlers.ts";
import { roomModerationHandlers } from "./room-moderation/handlers.ts";
import { roomHandlers } from "./rooms/handlers.ts";

/** Every operation type's handler, from its feature's folder: a missing one fails the type check. */
export const operationHandlers = {
  ...instanceHandlers,
  ...domainHandlers,
  ...accountHandlers,
  ...importHandlers,
  ...inviteHandlers,
  ...memberInviteHandlers,
  ...registrationHandlers,
  ...roomHandlers,
  ...roomModerationHandlers,
  ...dnsHandlers,
  ...complianceHandlers,
  ...certificateHandlers,
  ...backupHandlers,
  ...domainMoveHandlers,
  ...domainExportHandlers,
  ...ircGatewayHandlers,
} satisfies { [T in OperationType]: OperationHandler<T> };
